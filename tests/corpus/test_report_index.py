"""The index page on the default corpus: title, texts and their sizes as pinned elsewhere."""

from __future__ import annotations

import re

import altair as alt
import polars as pl

from analysis import report


def small_chart(title: str = "Word tokens per text") -> alt.Chart:
    # Word tokens per primary text, as counted by analysis.tokens (269, 229, 861).
    frame = pl.DataFrame({"text_id": ["petition", "response", "letter"], "n": [269, 229, 861]})
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(x="text_id:N", y="n:Q", tooltip=["text_id", "n"])
        .properties(title=title, description="Bar chart of word tokens per text.")
    )


def test_index_page_summarises_corpus_reports_and_figures(tmp_path):
    from analysis.charts import FigureSpec

    reports = [report.Report("00-corpus", "00 · The corpus", tmp_path / "00-corpus.html", 2)]
    figs = [FigureSpec("corpus-text-sizes", small_chart, "Word tokens <per> text.", "00-corpus")]
    page = report.index_html(reports, figs, "../figures")
    assert f"<h1>{report.title()}</h1>" in page
    assert "How three texts word the conflict over Nagorno-Karabakh" in page
    assert '<a href="00-corpus.html">00 · The corpus</a>' in page and "2 charts" in page
    assert '<img src="../figures/corpus-text-sizes.svg"' in page
    assert "Word tokens &lt;per&gt; text." in page
    # Corpus summary from analysis.corpus/tokens: word tokens 269 / 229 / 861, sentences 11 / 8 / 30.
    rows = re.findall(r"<tr><td>.*?</tr>", page)
    assert [re.findall(r'class="num">(\d+)<', r) for r in rows] == [
        ["11", "269", "142"],
        ["8", "229", "129"],
        ["30", "861", "441"],
    ]
    assert "Petition e-3780" in rows[0] and "Open letter (2023)" in rows[2]
    assert report.external_resources(page) == []
