"""Page layout of an exported report: code hidden, numbered figures and tables, a header block.

The exporter (:mod:`analysis.report.export`) applies these transforms to an executed notebook
before nbconvert turns it into HTML, so that a report reads like a paper:

- :func:`hide_code_template` wraps every code cell's input (and its prompt) in a
  ``<details class="discourse-code">`` element, closed by default; :data:`PAGE_TOGGLE` is the
  page-level "Show code" button (an inlined script, no external resource) and :data:`PAGE_CSS`
  hides output prompts, keeps tables and charts inside a 1,280 px page and hides the per-cell
  toggle of cells that only print prose;
- :func:`minus_signs` writes the minus sign U+2212 for negative numbers in generated prose;
- :func:`drop_config_reprs` removes outputs that are mere reprs of configuration objects
  (``polars.config.Config``);
- :func:`strip_frame_shapes` removes the ``shape: (n, m)`` line and the dtype row of polars'
  HTML tables;
- :func:`number_outputs` captions every chart "Figure N.k" and every table "Table N.k"
  (N = the notebook's number, k = its order in the notebook);
- :func:`header_rows` / :func:`header_html` describe the texts analysed (dates and provenance
  from the manifest) for the block under the report's title.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence

import nbformat

from analysis.report.render import CHART_CLASS, SPEC_CLASS

#: Class of the ``<details>`` element holding a code cell's input.
CODE_CLASS = "discourse-code"
#: Cell tag of code cells whose outputs are prose only (their per-cell toggle is hidden).
PROSE_TAG = "discourse-prose"
#: Class the page toggle sets on ``<body>`` while code is shown.
SHOW_CLASS = "discourse-show-code"
#: Marker the exporter replaces with the header block.
HEADER_SLOT = '<div id="discourse-header-slot"></div>'

_CONFIG_REPR = re.compile(r"^\s*<?(?:class ')?[\w.]*\bConfig\b'?(?: object at 0x[0-9a-f]+)?>?\s*$")
_SHAPE = re.compile(r"<small>shape: \(\d[\d_,]*, \d[\d_,]*\)</small>")
# polars writes the dtypes as the second row of <thead>, in <td> cells.
_DTYPE_ROW = re.compile(r"(<thead><tr>.*?</tr>)<tr>(?:<td>[^<]*</td>)+</tr>(</thead>)", re.S)
_SPEC_TITLE = re.compile(r'aria-label="([^"]*)"')
# A publication table's title row (great_tables) and an interactive table's labelled wrapper
# (analysis.report.tables): the table's own caption, already HTML-escaped.
_GT_TITLE_ROW = re.compile(
    r'\s*<tr class="gt_heading">\s*<td[^>]*class="gt_heading gt_title[^"]*"[^>]*'
    r'id="([^"]*)"[^>]*>(.*?)</td>\s*</tr>',
    re.S,
)
_ITABLE_LABEL = re.compile(r'<div class="discourse-itable-wrap"[^>]*aria-label="([^"]*)"')
# A section number or the page's number in a heading: "1. ", "3 · ", "03 · ".
_SECTION_NUMBER = re.compile(r"^\s*\d+\s*(?:[.·:]\s*)+")

#: A cell toggle's label: "Show code" while closed, "Hide code" while open (CSS, no script).
SUMMARY = (
    '<span class="discourse-when-closed">Show code</span>'
    '<span class="discourse-when-open">Hide code</span>'
)
#: Prose measure: about 75-90 characters a line; tables and charts may use the full width.
PROSE_WIDTH = "50rem"
#: One sans-serif font stack for the whole page (nav, buttons, prose, browsers, tables).
FONT_STACK = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, '
    '"Noto Sans", "Liberation Sans", sans-serif'
)

# The template input block: the input and its prompt inside a closed <details>.
TEMPLATE_BLOCKS = f"""
{{%- block input_group -%}}
<details class="{CODE_CLASS}"><summary>{SUMMARY}</summary>
{{{{ super() }}}}
</details>
{{%- endblock input_group -%}}
"""

PAGE_CSS = f"""<style>
.jp-OutputPrompt, .jp-OutputArea-prompt, .jp-MarkdownCell .jp-InputPrompt {{ display: none; }}
body.{SHOW_CLASS} .jp-OutputPrompt, body.{SHOW_CLASS} .jp-OutputArea-prompt {{ display: block; }}
details.{CODE_CLASS} > summary {{ cursor: pointer; font-size: .8rem; color: #555; }}
details.{CODE_CLASS}[open] .discourse-when-closed,
details.{CODE_CLASS}:not([open]) .discourse-when-open {{ display: none; }}
body, button, input, select, textarea, nav, .jp-RenderedHTMLCommon, .discourse-header,
.discourse-itable, .gt_table, body .rv {{ font-family: {FONT_STACK}; }}
.jp-RenderedMarkdown > :is(p, ul, ol, dl, blockquote, h1, h2, h3, h4, h5, h6),
.jp-RenderedHTMLCommon > :is(p, ul, ol, dl, blockquote),
figure.discourse-figure figcaption, figure.discourse-table figcaption {{
  max-width: {PROSE_WIDTH}; }}
/* the numbered figcaption says an interactive table's caption: not twice */
figure.discourse-table .discourse-itable caption {{ display: none; }}
/* code on white: the syntax colours keep a contrast of at least 4.5:1 */
.jp-InputArea-editor, .jp-InputArea-editor .highlight, .jp-InputArea-editor pre {{
  background: #fff; }}
.jp-InputArea-editor {{ border: 1px solid #ddd; }}
.celltag_{PROSE_TAG} details.{CODE_CLASS}:not([open]) {{ display: none; }}
body.{SHOW_CLASS} .celltag_{PROSE_TAG} details.{CODE_CLASS} {{ display: block; }}
main {{ max-width: 100%; box-sizing: border-box; }}
.jp-Cell, .jp-OutputArea, .jp-OutputArea-child {{ max-width: 100%; min-width: 0; }}
.jp-OutputArea-output {{ max-width: 100%; overflow-x: auto; box-sizing: border-box; }}
.jp-OutputArea-output table {{ max-width: none; }}
.discourse-scroll {{ max-width: 100%; overflow-x: auto; }}
.{CHART_CLASS} svg, .{CHART_CLASS} canvas {{ max-width: 100%; height: auto; }}
figure.discourse-figure, figure.discourse-table {{ margin: 1rem 0; max-width: 100%; }}
figure.discourse-figure figcaption, figure.discourse-table figcaption {{
  font-size: .9rem; margin: .4rem 0; }}
.discourse-header {{ border: 1px solid #ddd; padding: .5rem 1rem; margin: .5rem 0 1rem;
  font-size: .9rem; overflow-x: auto; }}
.discourse-header table {{ border-collapse: collapse; }}
.discourse-header td, .discourse-header th {{ padding: .15rem .6rem; text-align: left;
  vertical-align: top; }}
.discourse-header td:nth-child(2) {{ white-space: nowrap; }}
#discourse-code-toggle {{ margin-left: 1rem; }}
</style>"""

PAGE_TOGGLE = f"""<button id="discourse-code-toggle" type="button" aria-pressed="false">Show code</button>
<script>
document.getElementById("discourse-code-toggle").addEventListener("click", (event) => {{
  const shown = document.body.classList.toggle("{SHOW_CLASS}");
  for (const el of document.querySelectorAll("details.{CODE_CLASS}")) el.open = shown;
  event.target.textContent = shown ? "Hide code" : "Show code";
  event.target.setAttribute("aria-pressed", String(shown));
}});
</script>"""


def _text(value: object) -> str:
    return "".join(value) if isinstance(value, list) else str(value or "")


def drop_config_reprs(nb: nbformat.NotebookNode) -> int:
    """Remove results that only print a configuration object's repr; return how many."""
    dropped = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        kept = []
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            plain_only = set(data) <= {"text/plain"}
            if plain_only and _CONFIG_REPR.match(_text(data.get("text/plain"))):
                dropped += 1
                continue
            kept.append(out)
        cell["outputs"] = kept
    return dropped


def strip_frame_shapes(page: str) -> str:
    """An HTML output without polars' ``shape: (n, m)`` line and dtype row."""
    if 'class="dataframe"' not in page:
        return page
    return _DTYPE_ROW.sub(r"\1\2", _SHAPE.sub("", page))


def _is_prose(out: Mapping) -> bool:
    data = out.get("data", {})
    if out.get("output_type") not in ("display_data", "execute_result"):
        return False
    if "text/markdown" in data:
        return True
    body = _text(data.get("text/html"))
    return bool(body) and CHART_CLASS not in body and "<table" not in body


# A hyphen-minus that is a sign: before a digit, not inside a word, an id or a date.
_SIGN = re.compile(r"(?<![\w\-.])-(?=\.?\d)")
# Code spans and fenced code keep their characters.
_CODE_SPAN = re.compile(r"(```.*?```|`[^`\n]*`)", re.S)


def typographic_minus(text: str) -> str:
    """Markdown prose with the minus sign U+2212 for a negative number ("-0.384" -> "−0.384"),
    as publication tables write it; code spans, ids ("e-3780") and dates are left as they are."""
    parts = _CODE_SPAN.split(text)
    return "".join(p if i % 2 else _SIGN.sub("\u2212", p) for i, p in enumerate(parts))


def minus_signs(nb: nbformat.NotebookNode) -> int:
    """Write the minus sign in every Markdown output (the prose a notebook generates); return
    how many outputs changed."""
    changed = 0
    for cell in nb.cells:
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            data = out.get("data", {})
            if "text/markdown" not in data:
                continue
            text = _text(data["text/markdown"])
            new = typographic_minus(text)
            if new != text:
                data["text/markdown"] = new
                changed += 1
    return changed


def tag_prose_cells(nb: nbformat.NotebookNode) -> int:
    """Tag code cells whose outputs are all Markdown or plain HTML (or none); return how many."""
    tagged = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if all(_is_prose(out) for out in cell.get("outputs", [])):
            tags = cell.setdefault("metadata", {}).setdefault("tags", [])
            if PROSE_TAG not in tags:
                tags.append(PROSE_TAG)
            tagged += 1
    return tagged


def notebook_number(name: str) -> int:
    """The number of a notebook named ``NN-name`` (0 if it has none)."""
    match = re.match(r"(\d+)", name)
    return int(match.group(1)) if match else 0


_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_MD_EMPHASIS = re.compile(r"(?<!\\)(\*\*|\*|`)")


def _heading(source: str) -> str:
    """The first Markdown heading of a text, as plain text (escapes and emphasis removed)."""
    for line in source.splitlines():
        if line.startswith("#"):
            return _MD_ESCAPE.sub(r"\1", _MD_EMPHASIS.sub("", line.lstrip("#").strip()))
    return ""


def _table_caption(body: str, section: str) -> tuple[str, str, str]:
    """A table's caption (HTML), the id the caption takes, and the body without a repeated title.

    A table made by :mod:`analysis.report.tables` carries its own caption (a publication
    table's title row, an interactive table's label): that is the caption, and a publication
    table's title row is dropped so the caption is not said twice (the figcaption takes the
    row's id, which the table's ``aria-labelledby`` names). Any other table (a bare frame) is
    captioned by its section heading, without the section's number.
    """
    title = _GT_TITLE_ROW.search(body)
    if title and title.group(2).strip():
        return title.group(2).strip(), title.group(1), body[: title.start()] + body[title.end() :]
    label = _ITABLE_LABEL.search(body)
    if label and label.group(1).strip():
        return label.group(1).strip(), "", body
    return html.escape(_SECTION_NUMBER.sub("", section)), "", body


def _chart_title(body: str) -> str:
    # The renderer labels each container with the spec's title (already HTML-escaped).
    match = _SPEC_TITLE.search(body[body.find(CHART_CLASS) :])
    return html.unescape(match.group(1)) if match else ""


def number_outputs(
    nb: nbformat.NotebookNode, number: int, captions: Mapping[str, str] | None = None
) -> tuple[list[str], list[str]]:
    """Caption every chart "Figure N.k" and every table "Table N.k", in notebook order.

    Args:
        nb: the executed notebook (changed in place).
        number: N, the notebook's number.
        captions: caption per chart title (the registered figures' captions); a chart not in
            it is captioned with its own title.

    Returns:
        The figure and the table labels given, in order ("Figure 3.1", ...).
    """
    captions = captions or {}
    figures: list[str] = []
    tables: list[str] = []
    section = ""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            section = _heading(cell.source) or section
            continue
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "text/markdown" in data:
                section = _heading(_text(data["text/markdown"])) or section
                continue
            body = _text(data.get("text/html"))
            if not body:
                continue
            if CHART_CLASS in body and SPEC_CLASS in body:
                label = f"Figure {number}.{len(figures) + 1}"
                title = _chart_title(body)
                caption = html.escape(captions.get(title, title))
                anchor = label.lower().replace(" ", "-").replace(".", "-")
                body = (
                    f'<figure class="discourse-figure" id="{anchor}"><div class="discourse-scroll">'
                    f"{body}</div><figcaption><b>{label}.</b> {caption}</figcaption></figure>"
                )
                figures.append(label)
            elif "<table" in body:
                label = f"Table {number}.{len(tables) + 1}"
                anchor = label.lower().replace(" ", "-").replace(".", "-")
                caption, caption_id, body = _table_caption(body, section)
                caption_attr = f' id="{caption_id}"' if caption_id else ""
                body = (
                    f'<figure class="discourse-table" id="{anchor}"><figcaption{caption_attr}>'
                    f"<b>{label}.</b> {caption}</figcaption>"
                    f'<div class="discourse-scroll">{strip_frame_shapes(body)}</div></figure>'
                )
                tables.append(label)
            else:
                continue
            data["text/html"] = body
    return figures, tables


def header_rows(manifest) -> list[dict[str, str]]:
    """One row per text of a manifest: label, document, speaker, date, source and provenance."""
    documents = {d.id: d for d in manifest.documents}
    sources = {s.id: s for s in manifest.sources}
    rows = []
    for text in manifest.texts:
        doc = documents[text.document]
        src = sources[doc.source]
        rows.append(
            {
                "text": text.label,
                "document": doc.title,
                "speaker": doc.speaker,
                "date": doc.date,
                "source": src.title,
                "publisher": src.publisher,
                # the manifest writes "unknown" where the capture carries no date
                "captured": "not recorded" if src.captured == "unknown" else src.captured,
            }
        )
    return rows


def header_html(rows: Sequence[Mapping[str, str]]) -> str:
    """The header block: the texts analysed, with their dates and provenance (escaped)."""
    e = html.escape
    lines = [
        f"<tr><td>{e(r['text'])}</td><td>{e(r['date'])}</td><td>{e(r['document'])}; "
        f"{e(r['speaker'])}</td><td>{e(r['source'])}; {e(r['publisher'])}</td>"
        f"<td>{e(r['captured'])}</td></tr>"
        for r in rows
    ]
    count = f"{len(rows)} text{'s' if len(rows) != 1 else ''}"
    return (
        f'<section class="discourse-header" aria-label="Texts analysed"><p><b>Texts analysed '
        f"({count}).</b> Dates and provenance from the corpus manifest.</p><table><thead><tr>"
        "<th>Text</th><th>Date</th><th>Document; speaker</th><th>Source; publisher</th>"
        f"<th>Captured</th></tr></thead><tbody>{''.join(lines)}</tbody></table></section>"
    )


def insert_header_slot(nb: nbformat.NotebookNode) -> bool:
    """Put :data:`HEADER_SLOT` right under the notebook's title; False if it has no title."""
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        lines = cell.source.split("\n")
        for j, line in enumerate(lines):
            if line.startswith("# "):
                head, rest = "\n".join(lines[: j + 1]), "\n".join(lines[j + 1 :])
                cell.source = head
                new = [nbformat.v4.new_markdown_cell(HEADER_SLOT)]
                if rest.strip():
                    new.append(nbformat.v4.new_markdown_cell(rest.strip("\n")))
                nb.cells[i + 1 : i + 1] = new
                return True
        return False
    return False
