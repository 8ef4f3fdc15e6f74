"""The exported page in Chromium, on a small synthetic notebook (no kernel, no corpus build).

Checks what only a browser can: a cell's toggle reads "Hide code" while open, an interactive
table sorts by a click on the column's name and shows numbers as a publication table does,
prose keeps a readable measure, one font serves the page, and a table's numbered caption is
its own description.
"""

from __future__ import annotations

import polars as pl
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from analysis.report import export, tables
from integration.conftest import BROWSER_MARKS

pytestmark = BROWSER_MARKS


def _html(body: str) -> dict:
    return new_output("display_data", data={"text/html": body, "text/plain": "<table>"})


def _notebook():
    long = pl.DataFrame(
        {
            "term": [f"w{i:02d}" for i in range(20)],
            "start": [1500 - 50 * i for i in range(20)],
            "score": [(-1) ** i * i / 4 for i in range(20)],
        }
    )
    itable = tables.interactive_table_html(
        long, caption="Offsets of “w”", include_bundle=True, text_labels={}
    )
    prose = " ".join(["A sentence of generated prose that runs on for a while."] * 12)
    return new_notebook(
        cells=[
            new_markdown_cell("# 09 · A synthetic page\n\n" + prose),
            new_code_cell("x = 1"),
            new_markdown_cell("## 1. Offsets"),
            new_code_cell("show()", outputs=[_html(itable)]),
        ]
    )


@pytest.fixture(scope="module")
def page(tmp_path_factory, browser):
    path = tmp_path_factory.mktemp("page") / "09-synthetic.html"
    path.write_text(export.export_html(_notebook(), name="09-synthetic", captions={}), "utf-8")
    pg = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(path.as_uri(), wait_until="load")
    pg.wait_for_selector("table.dataTable tbody tr")
    yield pg, errors
    pg.close()


def test_cell_toggle_reads_hide_code_while_open(page):
    pg, errors = page
    summary = pg.locator("details.discourse-code > summary:visible").first
    assert summary.inner_text() == "Show code"
    summary.click()
    assert summary.inner_text() == "Hide code"
    summary.click()
    assert summary.inner_text() == "Show code" and errors == []


def test_interactive_table_sorts_on_the_name_and_formats_numbers(page):
    pg, errors = page
    column = "table.dataTable tbody tr td:nth-child({})"
    # shown as a publication table shows them: separators, fixed decimals, the minus sign
    assert pg.locator(column.format(2)).first.inner_text() == "1,500"
    assert pg.locator(column.format(3)).nth(1).inner_text() == "\u22120.250"
    head = pg.locator("table.dataTable thead th", has_text="Start").first
    head.locator(".dt-column-title").click()  # the name, not the arrows
    pg.wait_for_function(
        "() => document.querySelector('table.dataTable thead th[data-dt-column=\"1\"]')"
        ".getAttribute('aria-sort') === 'ascending'",
        timeout=5_000,
    )
    assert pg.locator(column.format(2)).first.inner_text() == "550"
    assert errors == []


def test_caption_is_the_tables_own_and_said_once(page):
    pg, _ = page
    caption = pg.locator("figure.discourse-table > figcaption").inner_text()
    assert caption == "Table 9.1. Offsets of “w”"
    shown = pg.evaluate(
        "() => [...document.querySelectorAll('figure.discourse-table caption')]"
        ".filter((c) => c.checkVisibility()).length"
    )
    assert shown == 0


def test_prose_measure_and_one_font(page):
    pg, _ = page
    measure = pg.evaluate(
        "() => [...document.querySelectorAll('.jp-RenderedMarkdown > p')]"
        ".map((p) => p.getBoundingClientRect().width)"
    )
    # 50rem: about 75-90 characters a line at 16 px; the table may use the full width
    assert measure and max(measure) <= 800
    table = pg.evaluate(
        "() => document.querySelector('.discourse-itable-wrap').getBoundingClientRect().width"
    )
    assert table > 1000
    fonts = pg.evaluate(
        "() => ['body', 'nav', '#discourse-code-toggle', '.jp-RenderedMarkdown p', "
        "'table.dataTable'].map((s) => getComputedStyle(document.querySelector(s)).fontFamily)"
    )
    assert len(set(fonts)) == 1 and "sans-serif" in fonts[0], fonts


def test_a_printed_page_holds_every_row_of_an_interactive_table(page):
    pg, _ = page
    on_screen = pg.evaluate(
        "() => document.querySelector('table.discourse-print-table').checkVisibility()"
    )
    assert on_screen is False  # on screen the interactive table shows 10 rows a page
    pg.emulate_media(media="print")
    try:
        printed = pg.evaluate(
            "() => { const t = document.querySelector('table.discourse-print-table');"
            " return {shown: t.checkVisibility(), rows: t.tBodies[0].rows.length,"
            " first: [...t.tBodies[0].rows[1].cells].map((c) => c.innerText),"
            " interactive: document.querySelector('.discourse-itable-wrap').checkVisibility()}; }"
        )
    finally:
        pg.emulate_media(media="screen")
    assert printed["shown"] and not printed["interactive"]
    assert printed["rows"] == 20
    assert printed["first"] == ["w01", "1,450", "\u22120.250"]
