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


def test_key_findings_on_the_default_corpus():
    from analysis.report import findings

    found = findings.key_findings()
    assert list(found) == ["00", "01", "02", "03", "04", "05", "06"]
    # The referent whose forms differ most between the texts, counted with the lexicon.
    assert found["05"] == [
        "The referent \u201cNagorno-Karabakh\u201d of the referent lexicon is named by three "
        "texts: the petition as \u201cKarabakh\u201d (1\u00d7); the response as "
        "\u201cNagorno-Karabakh\u201d (1\u00d7); the letter as \u201cArtsakh\u201d "
        "(10\u00d7), \u201cArtsakh Autonomous Oblast\u201d (1\u00d7), "
        "\u201cNagorno-Karabakh\u201d (1\u00d7) and \u201cRepublic of Artsakh\u201d (1\u00d7)."
    ]
    # Sizes as pinned in test_tokens (word tokens 269 / 229 / 861, sentences 11 / 8 / 30).
    assert found["00"] == [
        "The letter is the longest text (861 word tokens in 30 sentences).",
        "The response is the shortest (229 word tokens in 8 sentences).",
    ]
    # No term of any text reaches q < 0.05 against the other two (BH over each comparison).
    assert found["01"] == [
        "The petition, the response and the letter have no term reaching q < 0.05 against the "
        "others."
    ]
    assert found["02"][0].startswith(
        "The framing dictionary's largest gap against the gold labels is \u201cVictimhood and "
        "commemoration\u201d in the letter: it finds 2 of the 11 sentences the gold codes so "
        "(recall 0.18, 95% bootstrap interval "
    )
    # Labels of demands_responsiveness on the default corpus (3 petition, 14 letter demands).
    assert found["03"] == [
        "The automatic labels of the 3 demands extracted from the petition, against the "
        "response: 1 \u201creframed\u201d and 2 \u201cpartially addressed\u201d.",
        "The automatic labels of the 14 demands extracted from the letter, against the "
        "response: 14 \u201cno overlap\u201d.",
    ]
    # Reuse shares and intervals as pinned in test_reuse: 14 of 269 and 14 of 229 word tokens.
    assert found["06"] == [
        "14 of the 269 word tokens of the petition (5.2%, 95% bootstrap interval over its "
        "eleven sentences, 1.1% to 10.5%) and 14 of the 229 word tokens of the response (6.1%, "
        "95% bootstrap interval over its eight sentences, 1.0% to 14.0%) lie inside word "
        "sequences the pair shares."
    ]
    assert found["04"] == [
        "The mean VADER compound score of the sentences is highest in the response, +0.332 "
        "(95% interval -0.133 to +0.733).",
        "It is lowest in the petition, +0.035 (95% interval -0.218 to +0.296); the score "
        "describes word choice, not the events.",
    ]


def test_index_page_has_the_front_page_sections(tmp_path):
    reports = [report.Report("01-terminology", "01 · Terms", tmp_path / "01-terminology.html", 0)]
    page = report.index_html(reports, [], "../figures")
    sections = re.findall(r"<h2>([^<]+)</h2>", page)
    assert sections == [
        "Abstract",
        "Key findings",
        "The corpus",
        "Timeline",
        "Methods",
        "Figures",
        "How to cite",
        "How to reproduce",
    ]
    assert "have no term reaching q &lt; 0.05" in page
    timeline = page.split("<h2>Timeline</h2>", 1)[1].split("</table>", 1)[0]
    assert re.findall(r'<td class="date">([^<]+)</td>', timeline) == [
        "2022-01-12",
        "2022-04-01",
        "2023-09-07",
    ]
    assert "<td>Open letter (2023)</td><td>dated in the letter</td>" in timeline
    assert "Discourse analysis suite maintainers. discourse-analysis" in page
    assert "(version 0.1.0). Software. Licence: MIT.</pre>" in page
