"""Raw HTML in the Markdown outputs of a notebook is shown as text in the exported report."""

from __future__ import annotations

import re

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from analysis.report import export

LABEL = 'Statement "A" <script>alert("x")</script> <img src=p.png onerror="alert(2)">'
PROSE = f"- **{LABEL}** (a statement): 3 of 5 sentences, p < 0.05; <!-- c --> </b>"
TABLE = "<table><tr><td>&lt;b&gt;</td></tr></table>"


def notebook() -> nbformat.NotebookNode:
    prose = new_output("display_data", data={"text/markdown": PROSE, "text/plain": "<md>"})
    table = new_output("display_data", data={"text/html": TABLE, "text/plain": "<table>"})
    return new_notebook(
        cells=[
            new_markdown_cell("# Report <em>title</em>"),
            new_code_cell("display(Markdown(prose))", outputs=[prose, table]),
        ]
    )


def test_tags_in_markdown_outputs_are_neutralised_and_nothing_else():
    nb = notebook()
    assert export.neutralise_markdown_html(nb) == 1
    out = nb.cells[1].outputs
    assert out[0]["data"]["text/markdown"] == (
        '- **Statement "A" &lt;script>alert("x")&lt;/script> &lt;img src=p.png '
        'onerror="alert(2)">** (a statement): 3 of 5 sentences, p < 0.05; &lt;!-- c --> &lt;/b>'
    )
    assert out[0]["data"]["text/plain"] == "<md>"
    assert out[1]["data"]["text/html"] == TABLE  # HTML outputs (charts, tables) untouched
    assert nb.cells[0].source == "# Report <em>title</em>"  # the notebook's own prose too
    assert export.neutralise_markdown_html(nb) == 0  # nothing left to do


def test_exported_page_shows_the_markup_as_text():
    page = export.export_html(notebook(), name="t")
    assert "<script>alert(" not in page
    assert re.search(r"<img[^>]*onerror", page) is None
    assert "&lt;script&gt;alert(" in page
    assert "p &lt; 0.05" in page
    assert "<strong>" in page  # the prose's own Markdown still renders
    assert TABLE in page
