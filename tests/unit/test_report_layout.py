"""The report layout transforms on tiny synthetic notebooks (nbformat; no kernel, no browser)."""

from __future__ import annotations

import re
from types import SimpleNamespace

import altair as alt
import nbformat
import polars as pl
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from analysis import report
from analysis.report import export, layout


def chart_output(title: str) -> dict:
    frame = pl.DataFrame({"text_id": ["alpha", "beta"], "n": [3, 5]})
    spec = alt.Chart(frame).mark_bar().encode(x="text_id:N", y="n:Q").properties(title=title)
    return new_output("display_data", data=report.render.offline_renderer(spec.to_dict()))


def frame_output(frame: pl.DataFrame, n: int) -> dict:
    data = {"text/html": frame._repr_html_(), "text/plain": str(frame)}
    return new_output("execute_result", data=data, execution_count=n)


def markdown_output(text: str) -> dict:
    return new_output("display_data", data={"text/markdown": text, "text/plain": "<Markdown>"})


def config_output() -> dict:
    data = {"text/plain": "<class 'polars.config.Config'>"}
    return new_output("execute_result", data=data, execution_count=1)


def synthetic_notebook() -> nbformat.NotebookNode:
    frame = pl.DataFrame({"text_id": ["alpha", "beta", "gamma"], "tokens": [120, 80, 45]})
    return new_notebook(
        cells=[
            new_markdown_cell("# 07 · A synthetic report\n\n**Question.** How long is each text?"),
            new_code_cell("pl.Config.set_tbl_rows(5)", outputs=[config_output()]),
            new_code_cell("show()", outputs=[markdown_output("## Sizes\n\nThree texts.")]),
            new_code_cell("frame", outputs=[frame_output(frame, 2)]),
            new_code_cell("chart", outputs=[chart_output("Tokens per text")]),
            new_markdown_cell("## Second section"),
            new_code_cell("chart2", outputs=[chart_output("Second chart")]),
            new_code_cell("frame2", outputs=[frame_output(frame.head(1), 3)]),
            new_markdown_cell("## References\n\nAuthor, A. (2000). A work."),
        ]
    )


def test_config_reprs_are_dropped_and_other_outputs_kept():
    nb = synthetic_notebook()
    assert layout.drop_config_reprs(nb) == 1
    assert nb.cells[1].outputs == []
    assert [len(c.get("outputs", [])) for c in nb.cells if c.cell_type == "code"] == [
        0,
        1,
        1,
        1,
        1,
        1,
    ]
    # A plain result that merely mentions Config (a table, a number) is kept.
    keep = new_code_cell(
        "x",
        outputs=[
            new_output("execute_result", data={"text/plain": "Config rows: 5"}, execution_count=1)
        ],
    )
    assert layout.drop_config_reprs(new_notebook(cells=[keep])) == 0


def test_polars_shape_and_dtype_row_are_stripped():
    frame = pl.DataFrame({"a": [1, 2], "b": ["x", "y"]})
    page = frame._repr_html_()
    assert "shape: (2, 2)" in page and "<td>i64</td>" in page
    stripped = layout.strip_frame_shapes(page)
    assert "shape: (" not in stripped and "<td>i64</td>" not in stripped
    assert "<th>a</th><th>b</th>" in stripped and "<td>2</td>" in stripped
    assert layout.strip_frame_shapes("<table><tr><td>i64</td></tr></table>").count("i64") == 1


def test_prose_cells_are_tagged():
    nb = synthetic_notebook()
    layout.drop_config_reprs(nb)
    assert layout.tag_prose_cells(nb) == 2  # the emptied config cell and the Markdown cell
    tagged = [i for i, c in enumerate(nb.cells) if layout.PROSE_TAG in c.metadata.get("tags", [])]
    assert tagged == [1, 2]


def outputs_html(nb: nbformat.NotebookNode) -> list[str]:
    return [o.data.get("text/html", "") for c in nb.cells for o in c.get("outputs", [])]


def test_figures_and_tables_are_numbered_in_order_with_captions():
    report._shown.clear()  # chart ids as in a fresh kernel
    nb = synthetic_notebook()
    figures, tables = layout.number_outputs(nb, 7, {"Tokens per text": "Word tokens of each text."})
    assert figures == ["Figure 7.1", "Figure 7.2"] and tables == ["Table 7.1", "Table 7.2"]
    first = nb.cells[4].outputs[0].data["text/html"]
    assert "<figcaption><b>Figure 7.1.</b> Word tokens of each text.</figcaption>" in first
    # The chart's container and its spec stay adjacent (the draw script reads the next sibling).
    assert re.search(
        r'class="discourse-vega-chart".*?</div>\n<script type="application/json"', first, re.S
    )
    second = nb.cells[6].outputs[0].data["text/html"]
    assert "<b>Figure 7.2.</b> Second chart</figcaption>" in second  # unregistered: its title
    table = nb.cells[3].outputs[0].data["text/html"]
    assert table.startswith(
        '<figure class="discourse-table" id="table-7-1"><figcaption><b>Table 7.1.</b> Sizes'
    )
    assert "shape: (" not in table
    assert "<b>Table 7.2.</b> Second section" in nb.cells[7].outputs[0].data["text/html"]
    # Deterministic: the same notebook numbers the same way.
    report._shown.clear()
    again = synthetic_notebook()
    layout.number_outputs(again, 7, {"Tokens per text": "Word tokens of each text."})
    assert outputs_html(again) == outputs_html(nb)


def test_header_lists_every_text_with_date_and_provenance():
    # Five texts (none of the default ids) from three sources.
    sources = [
        SimpleNamespace(
            id=f"s{i}", title=f"Page {i}", publisher=f"Pub {i}", captured=f"2024-0{i}-01"
        )
        for i in range(1, 4)
    ]
    sources[0].captured = "unknown"
    documents = [
        SimpleNamespace(
            id=f"d{i}",
            source=f"s{1 + i % 3}",
            title=f"Doc {i}",
            speaker=f"Speaker {i}",
            date=f"2023-1{i % 3}-0{i}",
        )
        for i in range(1, 6)
    ]
    texts = [
        SimpleNamespace(id=f"t{i}", label=f"Text <{i}>", document=f"d{i}") for i in range(1, 6)
    ]
    rows = layout.header_rows(SimpleNamespace(sources=sources, documents=documents, texts=texts))
    assert [r["text"] for r in rows] == [f"Text <{i}>" for i in range(1, 6)]
    assert rows[4] == {
        "text": "Text <5>",
        "document": "Doc 5",
        "speaker": "Speaker 5",
        "date": "2023-12-05",
        "source": "Page 3",
        "publisher": "Pub 3",
        "captured": "2024-03-01",
    }
    # text 3 comes from source 1, whose capture date the manifest marks "unknown"
    assert rows[2]["captured"] == "not recorded"
    page = layout.header_html(rows)
    assert page.count("<tr><td>") == 5 and "(5 texts)" in page
    assert "Text &lt;5&gt;" in page and "<5>" not in page  # manifest text is escaped


def test_header_slot_goes_under_the_title():
    nb = synthetic_notebook()
    assert layout.insert_header_slot(nb)
    assert nb.cells[0].source == "# 07 · A synthetic report"
    assert nb.cells[1].source == layout.HEADER_SLOT
    assert nb.cells[2].source.startswith("**Question.**")
    assert not layout.insert_header_slot(new_notebook(cells=[new_markdown_cell("No title")]))


def test_exported_page_hides_code_and_numbers_outputs():
    page = export.export_html(
        synthetic_notebook(), name="07-synthetic", captions={}, header="<p>the header block</p>"
    )
    inputs = page.count('class="jp-CodeMirrorEditor')
    assert (
        inputs == 6
        and page.count(f'<details class="discourse-code"><summary>{layout.SUMMARY}</summary>') == 6
    )
    # The cell's toggle reads "Hide code" while open (CSS swaps the two labels).
    assert "Show code" in layout.SUMMARY and "Hide code" in layout.SUMMARY
    assert "[open] .discourse-when-closed" in layout.PAGE_CSS
    # Every input sits inside its closed <details> (none is open by default).
    assert "<details open" not in page
    assert page.count('id="discourse-code-toggle"') == 1 and layout.PAGE_CSS in page
    assert "polars.config" not in page and "shape: (" not in page
    assert (
        page.index("A synthetic report") < page.index("the header block") < page.index("Question.")
    )
    assert re.findall(r"<b>(Figure|Table) (7\.\d)\.</b>", page) == [
        ("Table", "7.1"),
        ("Figure", "7.1"),
        ("Figure", "7.2"),
        ("Table", "7.2"),
    ]
    assert report.external_resources(page) == []


def test_registered_captions_match_charts_by_their_committed_title(tmp_path, monkeypatch):
    import json

    from analysis import figures, paths
    from analysis.charts import FigureSpec

    specs = [
        FigureSpec(
            name="tokens", build=lambda: None, caption="Word tokens.", notebook="07-synthetic"
        ),
        FigureSpec(name="other", build=lambda: None, caption="Elsewhere.", notebook="08-other"),
        FigureSpec(
            name="unwritten", build=lambda: None, caption="No file.", notebook="07-synthetic"
        ),
    ]
    monkeypatch.setattr(figures, "registry", lambda: specs)
    monkeypatch.setattr(paths, "FIGURES", tmp_path)
    (tmp_path / "tokens.vl.json").write_text(json.dumps({"title": {"text": "Tokens per text"}}))
    (tmp_path / "other.vl.json").write_text(json.dumps({"title": "Second chart"}))
    captions = export.registered_captions("07-synthetic")
    assert captions == {"Tokens per text": "Word tokens."}
    page = export.export_html(synthetic_notebook(), name="07-synthetic", captions=captions)
    assert "<b>Figure 7.1.</b> Word tokens.</figcaption>" in page
    assert "<b>Figure 7.2.</b> Second chart</figcaption>" in page
    assert layout.HEADER_SLOT not in page  # no header asked for: no slot left behind


def test_table_captions_are_the_section_heading_as_plain_text():
    frame = pl.DataFrame({"word": ["alpha"], "n": [2]})
    nb = new_notebook(
        cells=[
            new_code_cell(
                "show()", outputs=[markdown_output("### Letter \\(2023\\): **civilian\\***")]
            ),
            new_code_cell("frame", outputs=[frame_output(frame, 1)]),
        ]
    )
    assert layout.number_outputs(nb, 5) == ([], ["Table 5.1"])
    assert (
        "<b>Table 5.1.</b> Letter (2023): civilian*</figcaption>"
        in nb.cells[1].outputs[0].data["text/html"]
    )


def test_a_table_with_its_own_caption_is_numbered_by_it_not_by_the_section():
    from analysis.report import tables

    frame = pl.DataFrame({"text_id": ["t1", "t2"], "n": [1, 2]})
    gt = tables.publication_table(frame, caption="Agreement of <two> coders", text_labels={})
    long = pl.DataFrame({"word": [f"w{i}" for i in range(20)], "n": list(range(20))})
    itable = tables.interactive_table_html(
        long, caption="Concordance of \u201cpeace\u201d", include_bundle=False, text_labels={}
    )
    nb = new_notebook(
        cells=[
            new_markdown_cell("## 2 · Agreement with the gold coding"),
            new_code_cell(
                "gt", outputs=[new_output("display_data", data={"text/html": gt.as_raw_html()})]
            ),
            new_code_cell("it", outputs=[new_output("display_data", data={"text/html": itable})]),
            new_markdown_cell("## 3. Sizes"),
            new_code_cell("frame", outputs=[frame_output(frame, 1)]),
        ]
    )
    assert layout.number_outputs(nb, 2) == ([], ["Table 2.1", "Table 2.2", "Table 2.3"])
    first, second, third = (nb.cells[i].outputs[0].data["text/html"] for i in (1, 2, 4))
    # The caption is the table's own description, said once (the title row is dropped and
    # the figcaption takes its id, which the table's aria-labelledby names).
    assert "<b>Table 2.1.</b> Agreement of &lt;two&gt; coders</figcaption>" in first
    assert "Agreement with the gold coding" not in first
    assert first.count("Agreement of &lt;two&gt; coders") == 1
    title_id = re.search(r'aria-labelledby="([^"]+)"', first).group(1)
    assert f'<figcaption id="{title_id}">' in first
    assert "<b>Table 2.2.</b> Concordance of \u201cpeace\u201d</figcaption>" in second
    # A bare frame takes its section heading, without the section's number.
    assert "<b>Table 2.3.</b> Sizes</figcaption>" in third


def test_generated_prose_writes_the_minus_sign():
    text = (
        "Mean -0.384 [-0.72, 0.02], change -.5 (p = 0.01); text e-3780 on 2022-04-01, "
        "items 3-4, `x[-1]` and well-known; a range of -2 to -1."
    )
    assert layout.typographic_minus(text) == (
        "Mean −0.384 [−0.72, 0.02], change −.5 (p = 0.01); text e-3780 on 2022-04-01, "
        "items 3-4, `x[-1]` and well-known; a range of −2 to −1."
    )
    nb = new_notebook(
        cells=[
            new_code_cell("show()", outputs=[markdown_output("Score -1.5.")]),
            new_code_cell("other()", outputs=[markdown_output("No number.")]),
        ]
    )
    assert layout.minus_signs(nb) == 1
    assert nb.cells[0].outputs[0].data["text/markdown"] == "Score −1.5."
