"""The index page and its title/abstract, built from synthetic corpus frames of five texts."""

from __future__ import annotations

import re

import polars as pl

from analysis import report
from analysis.charts import count_words
from analysis.report import index

TEXTS = pl.DataFrame(
    {
        "text_id": ["alpha", "beta", "gamma", "delta", "epsilon"],
        "label": ["Petition A", "Reply to A", 'Children\'s "Schools" <petition>', "Reply", "Note"],
        "name": ["petition A", "the reply to A", "petition C", "the reply to C", "the note"],
        "genre": ["petition", "response", "petition", "response", "statement"],
        "colour": ["#E69F00", "#0072B2", "#009E73", "#CC79A7", "#56B4E9"],
        "doc_id": ["a", "b", "c", "d", "e"],
        "speaker": ["petitioners", "Government", "petitioners", "Government", "a group"],
        "date": ["2024-01-01", "2024-02-01", "2025-01-01", "2025-02-01", "2025-06-01"],
        "roles": ["p", "r", "p", "r", "s"],
    }
)
PAIRS = pl.DataFrame(
    {
        "advocacy": ["alpha", "gamma", "epsilon"],
        "response": ["beta", "delta", "beta"],
        "relation": ["response", "response", "overlap"],
        "note": ["", "", "declared"],
    }
)
DOCUMENTS = pl.DataFrame(
    {
        "doc_id": ["a", "b", "c", "d", "e"],
        "date": ["2024-01-01", "2024-02-01", "2025-01-01", "2025-02-01", "2025-06-01"],
        "date_note": ["", "tabled", "", "", "on the page"],
    }
)
SUMMARY = pl.DataFrame(
    {
        "text_id": ["alpha", "beta", "gamma", "delta"],  # epsilon has no tokens yet
        "n_sentences": [4, 3, 2, 1],
        "n_word_tokens": [40, 30, 20, 10],
        "n_word_types": [35, 28, 19, 10],
    }
)


def test_count_words():
    assert count_words(3, "text") == "three texts"
    assert count_words(1, "raw file") == "one raw file"
    assert count_words(13, "text") == "13 texts"


def test_title_counts_the_texts():
    assert report.title(TEXTS) == (
        "How five texts word the conflict over Nagorno-Karabakh: a comparative discourse analysis"
    )
    assert report.title(TEXTS.head(3)).startswith("How three texts word the conflict")


def test_abstract_lists_every_text_and_every_pair():
    text = report.abstract(TEXTS, PAIRS)
    assert text.startswith("This suite compares five texts as language: Petition A (petitioners, ")
    for label in TEXTS["label"]:
        assert label in text
    assert "The reply to A is compared with petition A, which it answers." in text
    assert "The reply to C is compared with petition C, which it answers." in text
    assert "The note is compared with the reply to A for policy overlap only" in text
    assert "every text" in text and "three" not in text


def test_corpus_table_has_one_row_per_text_with_swatch_sizes_and_pairs():
    page = report.corpus_summary_html(TEXTS, SUMMARY, PAIRS)
    rows = re.findall(r"<tr><td>.*?</tr>", page)
    assert len(rows) == 5
    assert [re.findall(r'class="num">([^<]+)<', r) for r in rows] == [
        ["4", "40", "35"],
        ["3", "30", "28"],
        ["2", "20", "19"],
        ["1", "10", "10"],
        [index.DASH] * 3,  # a text without tokens: shown, not dropped
    ]
    assert 'style="background:#CC79A7"' in rows[3]
    assert "Children&#x27;s &quot;Schools&quot; &lt;petition&gt;" in rows[2]
    assert "answered by Reply to A" in rows[0]
    assert "answers Petition A; overlap with Note" in rows[1]
    assert "overlap with Reply to A" in rows[4]


def test_index_html_names_every_text_and_report(tmp_path):
    from analysis.charts import FigureSpec

    reports = [
        report.Report("00-corpus", "00 · The corpus", tmp_path / "00-corpus.html", 2),
        report.Report("01-terms", "01 · Terms", tmp_path / "01-terms.html", 0),
    ]
    figs = [FigureSpec("corpus-text-sizes", lambda: None, "Word tokens <per> text.", "00-corpus")]
    found = {"01": ["The reply to C uses \u201c<b>\u201d more than the other texts do."]}
    page = report.index_html(
        reports,
        figs,
        "../figures",
        texts=TEXTS,
        summary=SUMMARY,
        pairs=PAIRS,
        documents=DOCUMENTS,
        found=found,
        cff=tmp_path / "none.cff",
    )
    assert f"<h1>{report.title(TEXTS)}</h1>" in page
    assert '<a href="00-corpus.html">00 · The corpus</a>' in page and "2 charts" in page
    assert '<a href="01-terms.html">01 · Terms</a>' in page
    assert '<img src="../figures/corpus-text-sizes.svg"' in page
    assert "Word tokens &lt;per&gt; text." in page
    for label in ["Petition A", "Reply to A", "Reply", "Note"]:
        assert f"</span>{label}</td>" in page
    # The findings sit under their report; the timeline is by date with the stated notes.
    terms = page.split('<a href="01-terms.html">', 1)[1].split("\n</ul></li>", 1)[0]
    assert (
        "<li>The reply to C uses \u201c&lt;b&gt;\u201d more than the other texts do.</li>" in terms
    )
    timeline = page.split("<h2>Timeline</h2>", 1)[1].split("</table>", 1)[0]
    assert re.findall(r'<td class="date">([^<]+)</td><td>([^<]+)</td>', timeline) == [
        ("2024-01-01", "Petition A"),
        ("2024-02-01", "Reply to A"),
        ("2025-01-01", "Children&#x27;s &quot;Schools&quot; &lt;petition&gt;"),
        ("2025-02-01", "Reply"),
        ("2025-06-01", "Note"),
    ]
    assert "<td>Note</td><td>on the page</td>" in timeline
    assert "<td>Petition A</td><td>no note in the manifest</td>" in timeline
    assert "<h2>Methods</h2>" in page and "<li>Terminology and keyness:" in page
    assert "<li>Framing and stance:" not in page  # no report 02 here
    assert "No <code>CITATION.cff</code> was found." in page
    assert ".pdf" not in page
    printed = report.index_html(
        reports,
        [],
        "../figures",
        texts=TEXTS,
        summary=SUMMARY,
        pairs=PAIRS,
        documents=DOCUMENTS,
        found={},
        pdfs=True,
    )
    assert (
        '(<code>notebooks/01-terms.ipynb</code>, 0 charts, <a href="01-terms.pdf">PDF</a>)'
        in printed
    )
    assert page.index("<h2>Abstract</h2>") < page.index("<h2>Key findings</h2>")
    assert page.index("<h2>How to cite</h2>") < page.index("<h2>How to reproduce</h2>")
    assert report.external_resources(page) == []


def test_reproducing_names_the_manifest_in_force(tmp_path):
    from analysis import paths

    assert "<code>make report</code> rebuilds" in index._reproducing()
    other = tmp_path / "corpus.toml"
    try:
        paths.use_manifest(other)
        text = index._reproducing()
    finally:
        paths.use_manifest(paths.DEFAULT_MANIFEST)
    assert f"<code>discourse --manifest {other} report</code> (or " in text
    assert f"<code>DISCOURSE_MANIFEST={other} discourse report</code>) rebuilds" in text


def test_abstract_says_who_wrote_the_gold_and_that_numbers_carry_intervals():
    text = report.abstract(TEXTS, PAIRS)
    assert text.endswith(index.EVIDENCE)
    assert "automated coder (a language model given only the codebook" in text
    assert "not by human coders" in text
    assert "95% interval" in text
