"""Self-contained chart rendering for notebooks and reports, with no network access.

Altair's default renderer loads Vega from a CDN, so charts are blank on an offline machine and
in exported HTML. :func:`enable_offline_renderer` (called by :func:`setup_notebook`) registers an
Altair renderer whose ``text/html`` output carries everything it needs: the Vega, Vega-Lite and
Vega-Embed JavaScript shipped by vl-convert (an inline module script marked with
``data-discourse-vega-bundle``), a ``<div>`` with a deterministic id, the spec as JSON right
after it, and a script that calls ``vegaEmbed`` (SVG renderer, tooltips on) for every chart not
drawn yet. It draws in JupyterLab with no network (checked in a live JupyterLab 4 session).

This module imports nothing from the rest of the suite but :mod:`analysis.paths` and
:mod:`analysis.prose` (whose :func:`~analysis.prose.escape_markdown` it re-exports), so every
layer may use it.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from functools import lru_cache

from analysis.prose import escape_markdown  # noqa: F401 (re-exported: analysis.report.escape_markdown)

#: vl-convert's name for the Vega-Lite version Altair 6 writes (Altair's schema is v6.4.x).
VL_VERSION = "6.4"
#: Altair renderer name registered by :func:`enable_offline_renderer`.
RENDERER = "discourse_offline"
#: Attribute marking the inline script that holds the JavaScript bundle (kept once per page).
BUNDLE_ATTR = "data-discourse-vega-bundle"
#: CSS class of every chart container the renderer emits (the browser test counts these).
CHART_CLASS = "discourse-vega-chart"
#: Event the bundle fires once ``window.vegaEmbed`` exists.
READY_EVENT = "discourse-vega-ready"
#: ``<meta>`` name recording how many charts a report shows.
CHART_COUNT_META = "discourse-chart-count"


_BUNDLE_SNIPPET = (
    "window.vegaEmbed = vegaEmbed; window.vegaLite = vegaLite; window.vega = vega;\n"
    f'window.dispatchEvent(new Event("{READY_EVENT}"));\n'
)
# nbconvert may reorder attributes, so match the marker anywhere in the opening tag.
_BUNDLE_RE = re.compile(rf"<script\b[^>]*\b{BUNDLE_ATTR}\b[^>]*>.*?</script>", re.S)
#: CSS class of the ``<script type="application/json">`` holding each chart's spec.
SPEC_CLASS = "discourse-vega-spec"
_SPEC_RE = re.compile(rf"<script\b[^>]*\bclass=\"{SPEC_CLASS}\"[^>]*>(.*?)</script>", re.S)
_EMBED_OPTIONS = {
    "renderer": "svg",
    "tooltip": True,
    "actions": {"export": True, "source": False, "compiled": False, "editor": False},
}
# Draws every chart container not drawn yet (its spec is the JSON script right after it).
_DRAW_SCRIPT = f"""<script type="module">
const options = {json.dumps(_EMBED_OPTIONS, sort_keys=True)};
function drawPending() {{
  for (const el of document.querySelectorAll(".{CHART_CLASS}:not([data-vega-state])")) {{
    const data = el.nextElementSibling;
    if (!data || !data.classList.contains("{SPEC_CLASS}")) continue;
    el.dataset.vegaState = "drawing";
    el.textContent = "";
    window.vegaEmbed(el, JSON.parse(data.textContent), options).then((result) => {{
      el.dataset.vegaState = "drawn";
      el.dataset.vegaRendered = "true";
      (window.discourseVegaViews = window.discourseVegaViews || []).push(result.view);
    }}).catch((error) => {{
      el.dataset.vegaState = "error";
      el.dataset.vegaError = String(error);
      el.textContent = "This chart could not be drawn: " + error;
      console.error(error);
    }});
  }}
}}
if (window.vegaEmbed) drawPending();
else window.addEventListener("{READY_EVENT}", drawPending, {{once: true}});
</script>"""


# --- chart rendering -------------------------------------------------------------------------


@lru_cache(maxsize=1)
def vega_bundle() -> str:
    """The Vega + Vega-Lite + Vega-Embed JavaScript (an ES module), safe to inline in HTML.

    It defines ``window.vegaEmbed`` and fires the ``discourse-vega-ready`` event.
    """
    import vl_convert

    js = vl_convert.javascript_bundle(snippet=_BUNDLE_SNIPPET, vl_version=VL_VERSION)
    # An inline script ends at the first "</script": escape it (same meaning in JS strings).
    return js.replace("</script", "<\\/script").replace("<!--", "<\\!--")


def _script_json(value: object) -> str:
    """JSON that can sit inside an inline <script> (no "</script>", no "<!--")."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


_shown: dict[str, int] = {}


def chart_id(spec: dict) -> str:
    """A deterministic element id for a spec: its hash, plus a counter if shown again."""
    digest = hashlib.sha256(json.dumps(spec, sort_keys=True).encode("utf-8")).hexdigest()[:12]
    n = _shown.get(digest, 0)
    _shown[digest] = n + 1
    return f"vega-{digest}" if n == 0 else f"vega-{digest}-{n}"


def chart_html(spec: dict, *, element_id: str | None = None, bundle: bool = True) -> str:
    """Self-contained HTML that draws a Vega-Lite spec with no network access.

    The spec sits in a ``<script type="application/json">`` right after its container; the
    drawing script draws every container on the page that is not drawn yet, so it never
    depends on ids being unique (JupyterLab may show the same notebook in two tabs).

    Args:
        spec: a Vega-Lite spec (``chart.to_dict()``).
        element_id: the container's id; by default derived from the spec (see :func:`chart_id`).
        bundle: include the JavaScript bundle (the report exporter keeps only the first one).

    Returns:
        A ``<div>``, the spec, and module scripts: the bundle and the ``vegaEmbed`` calls.
    """
    element_id = element_id or chart_id(spec)
    label = html.escape(_title(spec) or "Chart")
    parts = [
        f'<div id="{element_id}" class="{CHART_CLASS}" role="figure" aria-label="{label}">'
        f'<p class="{CHART_CLASS}-placeholder">Chart \u201c{label}\u201d: drawn by the Vega '
        "JavaScript in this page (in JupyterLab, run the cell or trust the notebook).</p></div>",
        f'<script type="application/json" class="{SPEC_CLASS}">{_script_json(spec)}</script>',
    ]
    if bundle:
        parts.append(f'<script type="module" {BUNDLE_ATTR}="{VL_VERSION}">{vega_bundle()}</script>')
    parts.append(_DRAW_SCRIPT)
    return "\n".join(parts)


def _title(spec: dict) -> str:
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    if isinstance(title, list):
        title = " ".join(map(str, title))
    return str(title) if title else ""


def chart_specs(page: str) -> list[dict]:
    """The Vega-Lite specs of every chart in an HTML page or output, in page order."""
    return [json.loads(m) for m in _SPEC_RE.findall(page)]


def offline_renderer(spec: dict, **metadata) -> dict[str, str]:
    """Altair renderer: a self-contained ``text/html`` bundle plus a plain-text fallback."""
    return {
        "text/html": chart_html(spec),
        "text/plain": f"<Chart: {_title(spec) or 'untitled'}>",
    }


def enable_offline_renderer() -> None:
    """Register and enable the offline renderer for Altair in this Python session."""
    import altair as alt

    if RENDERER not in alt.renderers.names():
        alt.renderers.register(RENDERER, offline_renderer)
    alt.renderers.enable(RENDERER)


def setup_notebook(manifest: str | None = None) -> None:
    """Prepare a notebook session: the corpus in force, offline chart rendering.

    Args:
        manifest: the ``manifest`` value of the notebook's ``parameters`` cell; ``None`` keeps
            ``DISCOURSE_MANIFEST`` if set, else ``data/corpus.toml`` (see
            :func:`analysis.paths.use_manifest`).
    """
    import altair as alt

    from analysis import paths

    paths.use_manifest(manifest)
    alt.data_transformers.disable_max_rows()
    enable_offline_renderer()
