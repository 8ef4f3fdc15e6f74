"""Export an executed notebook to one self-contained HTML page, and check it stays offline.

:func:`export_html` turns an executed notebook into one HTML page with nbconvert, laid out like
a paper (:mod:`analysis.report.layout`: code behind "Show code" toggles, numbered and captioned
figures and tables, the texts analysed under the title), keeps the JavaScript bundle once per page, and removes every external resource the template would load
(require.js, MathJax, Mermaid, the widget manager); reports that show terms end with the offline
concordance browser (:mod:`analysis.report.concordance_browser`). :func:`external_resources`
verifies that no request can leave the machine. :func:`build_reports` executes every notebook
(:mod:`analysis.report.execute`, several at once) and exports each to
``reports/<notebook>.html``, swapping the pages in as one generation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import nbformat

from analysis import paths
from analysis.io import DiscourseError, staged_generation, write_atomic
from analysis.report import concordance_browser, layout
from analysis.report.execute import execute_notebooks, notebook_paths, run_parameters
from analysis.report.render import _BUNDLE_RE, CHART_CLASS, CHART_COUNT_META

# nbconvert's lab template, minus every block that loads something from the network.
_TEMPLATE = (
    """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block body_header -%}
{{ super() }}
<nav class="discourse-nav" style="padding: 0.5rem 1rem; font-size: 0.9rem">
<a href="index.html">\u2190 All reports, the corpus summary and the figures</a>
"""
    + layout.PAGE_TOGGLE
    + """</nav>
{%- endblock body_header -%}
"""
    + layout.TEMPLATE_BLOCKS
)

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


# "<" that could open an HTML tag, comment or declaration ("p < 0.05" cannot).
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


def neutralise_markdown_html(nb: nbformat.NotebookNode) -> int:
    """Make raw HTML in the Markdown *outputs* of a notebook show as text; return how many.

    Generated prose (``display(Markdown(...))``) is Markdown and never carries HTML, but it
    quotes text ids, labels, names and speakers from the manifest, which anyone can write with
    ``discourse add``. nbconvert passes raw HTML in Markdown through to the page, so a ``<`` that
    opens a tag there is written as ``&lt;`` (the page shows it as ``<``). Markdown cells (the
    notebook's own prose) and HTML outputs (charts, tables) are left alone.
    """
    changed = 0
    for cell in nb.cells:
        for out in cell.get("outputs", []) if cell.cell_type == "code" else ():
            text = out.get("data", {}).get("text/markdown")
            if isinstance(text, list):
                text = "".join(text)
            if text and _TAG_START.search(text):
                out["data"]["text/markdown"] = _TAG_START.sub("&lt;", text)
                changed += 1
    return changed


def header_block() -> str:
    """The header block of the corpus in force: its texts with their dates and provenance."""
    from analysis.corpus.manifest import manifest

    return layout.header_html(layout.header_rows(manifest()))


def registered_captions(notebook: str) -> dict[str, str]:
    """Caption per chart title of the registered figures a notebook shows.

    A figure's title is read from its committed spec (``figures/<name>.vl.json``); the
    caption is the registry's (it follows the corpus in force). Nothing is built.
    """
    import json

    from analysis import figures
    from analysis.report.render import _title

    try:
        specs = figures.registry()
    except DiscourseError:
        return {}
    captions = {}
    for spec in specs:
        path = paths.FIGURES / f"{spec.name}.vl.json"
        if spec.notebook == notebook and path.exists():
            title = _title(json.loads(path.read_text(encoding="utf-8")))
            if title:
                captions.setdefault(title, spec.caption)
    return captions


def export_html(
    nb: nbformat.NotebookNode,
    *,
    name: str,
    concordance: dict | None = None,
    captions: dict[str, str] | None = None,
    header: str | None = None,
) -> str:
    """Export an executed notebook to one self-contained HTML page, laid out like a paper.

    Code inputs and prompts are hidden behind "Show code" toggles (per cell and for the page),
    charts and tables are numbered and captioned, a block under the title lists the texts
    analysed with their dates and provenance (:mod:`analysis.report.layout`).

    A report whose charts link their marks to a term's concordance (or whose metadata asks
    for it, see :func:`analysis.report.concordance_browser.wants_browser`) ends with the
    offline concordance browser.

    Args:
        nb: the executed notebook.
        name: the report's name ``NN-name`` (N numbers its figures and tables; the page title
            if the notebook has none).
        concordance: the browser's payload
            (:func:`~analysis.report.concordance_browser.concordance_payload`; default: the
            corpus in force, built only for a report that gets the browser).
        captions: caption per chart title (:func:`registered_captions`; default: none, each
            chart is captioned with its title).
        header: the header block's HTML, put under the title (:func:`header_block`; default:
            none).

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
    neutralise_markdown_html(nb)  # document text in prose never becomes markup
    layout.drop_config_reprs(nb)
    layout.tag_prose_cells(nb)
    layout.minus_signs(nb)
    layout.number_outputs(nb, layout.notebook_number(name), captions)
    has_slot = header is not None and layout.insert_header_slot(nb)
    page, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": name}})
    page = dedupe_bundle(page)
    page = page.replace("</head>", f"{layout.PAGE_CSS}\n</head>", 1)
    if has_slot:
        page = page.replace(layout.HEADER_SLOT, header, 1)
    meta = f'<meta name="{CHART_COUNT_META}" content="{count_charts(nb)}">'
    page = page.replace("<head>", f"<head>\n{meta}", 1)
    if concordance_browser.wants_browser(nb):
        payload = concordance_browser.concordance_payload() if concordance is None else concordance
        head, tail = page.rsplit("</body>", 1)
        page = f"{head}{concordance_browser.browser_html(payload)}\n</body>{tail}"
    remote = external_resources(page)
    if remote:
        raise DiscourseError(
            f"report {name}: the page would load {len(remote)} resource(s) from the network "
            f"(first: {remote[0]}); remove it from the notebook or the export template."
        )
    return page


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
    jobs: int | None = None,
    finish: Callable[[list[Report], Path], object] | None = None,
) -> list[Report]:
    """Execute every notebook (several at once) and export each to ``out_dir/<notebook>.html``.

    The pages are written as one generation: assembled in a staging directory beside
    ``out_dir`` (with the folder's other files) and swapped in whole, so a failing notebook
    leaves the previous reports as they were.

    Args:
        out_dir: where to write; defaults to ``reports/``.
        notebooks: the notebooks; defaults to every ``notebooks/NN-*.ipynb``.
        progress: called with a line of text as each step starts and ends.
        jobs: how many notebooks run at once (default: one per CPU, at least two).
        finish: called with the reports and the staging directory before the swap, to add
            pages that belong to the same generation (the index).

    Returns:
        The reports written, in notebook order. Older ``NN-*.html`` pages of notebooks that no
        longer exist are removed.

    Raises:
        DiscourseError: a notebook failed (the first failing one in notebook order; no further
            notebook is started once one fails).
    """
    out_dir = Path(out_dir or paths.REPORTS)
    notebooks = list(notebook_paths() if notebooks is None else notebooks)
    if not notebooks:
        raise DiscourseError(f"{paths.NOTEBOOKS}: no NN-*.ipynb notebooks to run.")

    # Read once, before the kernels start: the texts' provenance and the figures' captions.
    header = header_block()
    captions = {path.stem: registered_captions(path.stem) for path in notebooks}

    def export(path: Path, nb: nbformat.NotebookNode) -> tuple[Report, str]:
        page = export_html(nb, name=path.stem, captions=captions[path.stem], header=header)
        target = out_dir / f"{path.stem}.html"
        return Report(path.stem, notebook_title(nb, path.stem), target, count_charts(nb)), page

    done = execute_notebooks(
        notebooks, jobs=jobs, parameters=run_parameters(), progress=progress, then=export
    )
    reports = [report for report, _ in done]
    with staged_generation(out_dir) as staging:
        for report, page in done:
            write_atomic(staging / report.path.name, page)
            progress(
                f"report: wrote {report.path.name} ({report.charts} chart{'s' if report.charts != 1 else ''}, {len(page) // 1024} KB)"
            )
        keep = {r.path.name for r in reports}
        for stale in sorted(staging.glob("[0-9][0-9]-*.html")):
            if stale.name not in keep:  # a renamed or removed notebook
                progress(f"report: removing stale {stale.name}")
                stale.unlink()
        if finish is not None:
            finish(reports, staging)
    return reports
