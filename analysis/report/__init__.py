"""Self-contained chart rendering and offline HTML reports.

Altair's default renderer loads Vega from a CDN, so charts are blank on an offline machine and
in exported HTML. This module fixes both ends:

- :func:`enable_offline_renderer` (called by :func:`analysis.charts.setup_notebook`) registers an
  Altair renderer whose ``text/html`` output carries everything it needs: the Vega, Vega-Lite
  and Vega-Embed JavaScript shipped by vl-convert (an inline module script marked with
  ``data-discourse-vega-bundle``), a ``<div>`` with a deterministic id, the spec as JSON right
  after it, and a script that calls ``vegaEmbed`` (SVG renderer, tooltips on) for every chart
  not drawn yet. It draws in JupyterLab with no network (checked in a live JupyterLab 4 session).
- :func:`export_html` turns an executed notebook into one HTML page with nbconvert, keeps the
  JavaScript bundle once per page, and removes every external resource the template would load
  (require.js, MathJax, Mermaid, the widget manager); :func:`external_resources` verifies that
  no request can leave the machine.
- :func:`build_reports` executes every ``notebooks/NN-*.ipynb`` in order with nbclient (failing
  fast with the notebook and cell named), writes ``reports/<notebook>.html`` and
  ``reports/index.html`` (title, abstract, corpus summary, reports and figures).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import nbformat

from analysis import paths
from analysis.io import DiscourseError, write_atomic

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

TITLE = "How three texts word the conflict over Nagorno-Karabakh: a comparative discourse analysis"
ABSTRACT = (
    "This suite compares three texts as language: petition e-3780 to the Government of Canada, "
    "the Government of Canada's response to it, and an open letter of 2023-09-07 from a group "
    "of organisations. Each notebook asks one question (the corpus, terminology and keyness, "
    "framing and stance, demands and the response, sentiment and style), applies the same "
    "method to all three texts, and attributes every finding to the text it describes. The "
    "suite describes how each text words things; it does not adjudicate the events. In its own "
    "sentences it names the region \u201cNagorno-Karabakh\u201d and the town "
    "\u201cKhojaly (Khojali)\u201d; loaded labels appear only as the texts' own words, in quotes."
)

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


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def escape_markdown(text: str) -> str:
    """Quote document text for ``display(Markdown(...))``: shown as written, never as markup.

    HTML special characters become entities (``<`` → ``&lt;``) and Markdown punctuation is
    backslash-escaped, so a sentence such as ``Canada <i>will</i> act *now*`` is displayed
    literally in JupyterLab and in the HTML reports. Polars tables need no help: their HTML is
    already escaped.
    """
    return _MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(text, quote=False))


# --- HTML export -----------------------------------------------------------------------------

# nbconvert's lab template, minus every block that loads something from the network.
_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block body_header -%}
{{ super() }}
<nav class="discourse-nav" style="padding: 0.5rem 1rem; font-size: 0.9rem">
<a href="index.html">\u2190 All reports, the corpus summary and the figures</a></nav>
{%- endblock body_header -%}
"""

_RESOURCE_ATTRS = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "track": ("src",),
}
_REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)
_CSS_URL = re.compile(
    r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:[a-z][a-z0-9+.-]*:)?//[^'")\s]+)""", re.I
)


class _ResourceFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"
        for name, value in attrs:
            if value is None:
                continue
            if name in _RESOURCE_ATTRS.get(tag, ()) and _REMOTE.match(value):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name == "style":
                self.found += [f"<{tag} style> url {u}" for u in _CSS_URL.findall(value)]

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.found += [f"<style> url {u}" for u in _CSS_URL.findall(data)]


def external_resources(page: str) -> list[str]:
    """Every network resource an HTML page would load (scripts, styles, images, CSS urls)."""
    finder = _ResourceFinder()
    finder.feed(page)
    finder.close()
    return finder.found


def dedupe_bundle(page: str) -> str:
    """Keep the first inline Vega bundle of a page and drop the others."""
    seen = False

    def keep_first(match: re.Match) -> str:
        nonlocal seen
        if seen:
            return ""
        seen = True
        return match.group(0)

    return _BUNDLE_RE.sub(keep_first, page)


def count_charts(nb: nbformat.NotebookNode) -> int:
    """How many charts an executed notebook shows (outputs of the offline renderer)."""
    marker = f'class="{CHART_CLASS}"'
    return sum(
        str(out.get("data", {}).get("text/html", "")).count(marker)
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
    )


def notebook_title(nb: nbformat.NotebookNode, default: str) -> str:
    """The first Markdown heading of a notebook, without the ``#`` marks."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            if line.startswith("#"):
                return line.lstrip("#").strip()
    return default


def export_html(nb: nbformat.NotebookNode, *, name: str) -> str:
    """Export an executed notebook to one self-contained HTML page.

    Args:
        nb: the executed notebook.
        name: the report's name (used for the page title if the notebook has none).

    Returns:
        The HTML, with the Vega bundle inlined once and no external resources.

    Raises:
        DiscourseError: the page would still load something from the network.
    """
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="lab",
        extra_loaders=[DictLoader({"discourse-report.html.j2": _TEMPLATE})],
        template_file="discourse-report.html.j2",
    )
    nb = nbformat.from_dict(nb)
    nb.metadata["title"] = notebook_title(nb, name)
    nb.metadata.pop("widgets", None)
    page, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": name}})
    page = dedupe_bundle(page)
    meta = f'<meta name="{CHART_COUNT_META}" content="{count_charts(nb)}">'
    page = page.replace("<head>", f"<head>\n{meta}", 1)
    remote = external_resources(page)
    if remote:
        raise DiscourseError(
            f"report {name}: the page would load {len(remote)} resource(s) from the network "
            f"(first: {remote[0]}); remove it from the notebook or the export template."
        )
    return page


# --- notebook execution ----------------------------------------------------------------------


def notebook_paths(root: Path | None = None) -> list[Path]:
    """Every ``notebooks/NN-*.ipynb``, in order."""
    return sorted((root or paths.NOTEBOOKS).glob("[0-9][0-9]-*.ipynb"))


def _failed_cell(nb: nbformat.NotebookNode) -> tuple[int, str, str] | None:
    for i, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                lines = [ln.strip() for ln in cell.source.splitlines() if ln.strip()]
                first = next((ln for ln in lines if not ln.startswith("#")), "")
                return i, first, f"{out.get('ename')}: {out.get('evalue')}"
    return None


def execute_notebook(path: Path, *, timeout: int = 600) -> nbformat.NotebookNode:
    """Execute a notebook top to bottom in a fresh kernel (cwd: its folder).

    Raises:
        DiscourseError: a cell failed; the message names the notebook, the cell and the error.
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
        failed = _failed_cell(nb)
        if failed:
            index, first, error = failed
            where = f"cell {index} ({first!r})"
        else:
            where, error = "a cell", f"{type(exc).__name__}: {str(exc).strip().splitlines()[-1]}"
        raise DiscourseError(
            f"{path}: {where} failed: {error}. Open the notebook, fix that cell and run it again."
        ) from exc
    return nb


# --- reports ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Report:
    """One exported report."""

    notebook: str
    title: str
    path: Path
    charts: int


def build_reports(
    out_dir: Path | None = None,
    notebooks: Sequence[Path] | None = None,
    *,
    progress: Callable[[str], None] = lambda message: None,
) -> list[Report]:
    """Execute every notebook in order and export each to ``out_dir/<notebook>.html``.

    Args:
        out_dir: where to write; defaults to ``reports/``.
        notebooks: the notebooks; defaults to every ``notebooks/NN-*.ipynb``.
        progress: called with a line of text as each step starts and ends.

    Returns:
        The reports written, in notebook order. Older ``NN-*.html`` pages of notebooks that no
        longer exist are removed.

    Raises:
        DiscourseError: a notebook failed (fail fast: later notebooks are not run).
    """
    out_dir = Path(out_dir or paths.REPORTS)
    notebooks = list(notebook_paths() if notebooks is None else notebooks)
    if not notebooks:
        raise DiscourseError(f"{paths.NOTEBOOKS}: no NN-*.ipynb notebooks to run.")
    reports = []
    for i, path in enumerate(notebooks, start=1):
        progress(f"report: executing {path.name} ({i}/{len(notebooks)})")
        nb = execute_notebook(path)
        page = export_html(nb, name=path.stem)
        target = write_atomic(out_dir / f"{path.stem}.html", page)
        report = Report(path.stem, notebook_title(nb, path.stem), target, count_charts(nb))
        progress(f"report: wrote {target.name} ({report.charts} charts, {len(page) // 1024} KB)")
        reports.append(report)
    keep = {r.path.name for r in reports}
    for stale in sorted(out_dir.glob("[0-9][0-9]-*.html")):
        if stale.name not in keep:  # a renamed or removed notebook
            progress(f"report: removing stale {stale.name}")
            stale.unlink()
    return reports


_INDEX_CSS = """
body { font-family: "DejaVu Sans", system-ui, sans-serif; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; line-height: 1.5; color: #222; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border-bottom: 1px solid #ccc; padding: .3rem .6rem; text-align: left;
         vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.date { white-space: nowrap; }
figure { display: inline-block; width: 18rem; margin: .5rem; vertical-align: top; }
figure img { width: 100%; border: 1px solid #ddd; }
figcaption { font-size: .85rem; }
.swatch { display: inline-block; width: .8em; height: .8em; margin-right: .3em; }
"""


def corpus_summary_html() -> str:
    """A table of the three primary texts: speaker, date, sentences, word tokens and types."""
    from analysis import corpus, tokens
    from analysis.charts import text_colours

    texts = corpus.corpus_texts()
    summary = tokens.textstat_summary(tokens.corpus_tokens(), tokens.corpus_sentences())
    frame = corpus.order_by_text(texts.join(summary, on="text_id", how="left"))
    rows = []
    for row in frame.iter_rows(named=True):
        colour = text_colours().get(row["text_id"], "#999999")
        swatch = f'<span class="swatch" style="background:{colour}"></span>'
        rows.append(
            "<tr>"
            f"<td>{swatch}{html.escape(row['label'])}</td>"
            f"<td>{html.escape(row['speaker'])}</td>"
            f'<td class="date">{html.escape(row["date"])}</td>'
            f'<td class="num">{row["n_sentences"]}</td>'
            f'<td class="num">{row["n_word_tokens"]}</td>'
            f'<td class="num">{row["n_word_types"]}</td>'
            "</tr>"
        )
    head = (
        "<tr><th>text</th><th>speaker</th><th>date</th><th>sentences</th>"
        "<th>word tokens</th><th>word types</th></tr>"
    )
    return f"<table>\n{head}\n" + "\n".join(rows) + "\n</table>"


def index_html(reports: Sequence[Report], figure_specs: Sequence, figures_href: str) -> str:
    """The landing page: title, abstract, corpus summary, the reports and the figures."""
    e = html.escape
    items = "\n".join(
        f'<li><a href="{e(r.path.name)}">{e(r.title)}</a> '
        f"(<code>notebooks/{e(r.notebook)}.ipynb</code>, {r.charts} charts)</li>"
        for r in reports
    )
    figs = "\n".join(
        f'<figure><a href="{e(figures_href)}/{e(f.name)}.svg">'
        f'<img src="{e(figures_href)}/{e(f.name)}.svg" alt="{e(f.caption)}"></a>'
        f"<figcaption><b>{e(f.name)}</b> ({e(f.notebook)}): {e(f.caption)} "
        f'[<a href="{e(figures_href)}/{e(f.name)}.png">PNG</a>, '
        f'<a href="{e(figures_href)}/{e(f.name)}.vl.json">Vega-Lite</a>]</figcaption></figure>'
        for f in figure_specs
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{e(TITLE)}</title>\n<style>{_INDEX_CSS}</style>\n</head>\n<body>\n<main>\n"
        f"<h1>{e(TITLE)}</h1>\n<p>{e(ABSTRACT)}</p>\n"
        f"<h2>The corpus</h2>\n{corpus_summary_html()}\n"
        "<p>Word tokens exclude punctuation; rates in the reports are per 1,000 word tokens.</p>\n"
        f"<h2>Reports</h2>\n<ol>\n{items}\n</ol>\n"
        "<p>Each report is a notebook executed top to bottom and exported to one HTML file that "
        "works offline (the chart library is inlined; charts show values on hover).</p>\n"
        f"<h2>Figures</h2>\n<p>{len(figure_specs)} figures, rebuilt byte for byte by "
        "<code>discourse figures</code>.</p>\n"
        f"{figs}\n"
        "<h2>Reproducing</h2>\n<p>From a clone of the repository, <code>make report</code> "
        "rebuilds the processed data, the figures and these pages; <code>make test</code> runs "
        "the tests; <code>discourse check</code> verifies the raw checksums and that "
        "<code>data/processed/</code> and <code>figures/</code> match what the code produces."
        "</p>\n</main>\n</body>\n</html>\n"
    )


def write_index(
    reports: Sequence[Report], figure_specs: Sequence, out_dir: Path | None = None
) -> Path:
    """Write ``reports/index.html`` linking the reports and ``figures/``."""
    import os

    out_dir = Path(out_dir or paths.REPORTS)
    href = Path(os.path.relpath(paths.FIGURES, out_dir)).as_posix()
    return write_atomic(out_dir / "index.html", index_html(reports, figure_specs, href))
