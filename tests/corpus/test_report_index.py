"""The index page on the default corpus: title, texts and their sizes as pinned elsewhere."""

from __future__ import annotations

import math
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
    assert '<img src="../figures/corpus-text-sizes.png"' in page
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
    # Under 01: the referent whose forms differ most between the texts, counted with the
    # lexicon, with the suite's mark on the forms referent-variants.csv files as "mapped".
    assert found["01"][1] == (
        "The referent \u201cNagorno-Karabakh\u201d of the referent lexicon is named by three "
        "texts: the petition as \u201cKarabakh\u2020\u201d (1\u00d7); the response as "
        "\u201cNagorno-Karabakh\u201d (1\u00d7); the letter as \u201cArtsakh\u201d "
        "(10\u00d7), \u201cArtsakh Autonomous Oblast\u2020\u201d (1\u00d7), "
        "\u201cNagorno-Karabakh\u201d (1\u00d7) and \u201cRepublic of Artsakh\u2020\u201d "
        "(1\u00d7). \u2020 Mapped by the suite: the text's word names something wider or "
        "narrower, which the suite files under this referent."
    )
    # 05: report 05's referent and each text's first collocates by logDice (window 5-5, at
    # least 2 co-occurrences, as in charts/collocations.py).
    assert found["05"] == [
        "Around the referent \u201cCanada (state)\u201d (20 occurrences in three texts; 5 words "
        "left and 5 right, pairs seen at least 2 times), the collocates ranked first by logDice "
        "are: in the petition \u201chas\u201d (2\u00d7), logDice 13.42; in the response "
        "\u201cand\u201d (5\u00d7), logDice 12.68; in the letter \u201cprotect\u201d (2\u00d7) "
        "and \u201cresponsibility\u201d (2\u00d7), logDice 12.54 (logDice ranks association "
        "strength; no significance is claimed)."
    ]
    # Sizes as pinned in test_tokens (word tokens 269 / 229 / 861, sentences 11 / 8 / 30).
    assert found["00"] == [
        "The letter is the longest text (861 word tokens in 30 sentences).",
        "The response is the shortest (229 word tokens in 8 sentences).",
    ]
    # No term of any text reaches q < 0.05 against the other two (BH over each comparison).
    assert found["01"][0] == (
        "The petition, the response and the letter have no term reaching q < 0.05 against the "
        "others."
    )
    assert found["02"][0].startswith(
        "The framing dictionary's largest gap against the gold labels, counted as gold-coded "
        "sentences missed (report 02's per-text agreement), is \u201cVictimhood and "
        "commemoration\u201d in the letter: it finds 2 of the 11 sentences the gold codes so "
        "(recall 0.18, 95% bootstrap interval "
    )
    assert found["02"][0].endswith(
        "These figures come from dictionary version 2, revised with the gold labels open: "
        "in-sample agreement, tuned on the labels it is scored against."
    )
    # Labels of demands_responsiveness on the default corpus (3 petition, 14 letter demands),
    # beside the gold coder's as report 03 gives them (policy overlap: 8 of 13 agree, kappa 0).
    assert found["03"] == [
        "The automatic labels of the 3 demands extracted from the petition, against the "
        "response: 1 \u201creframed\u201d and 2 \u201cpartially addressed\u201d; the gold "
        "coder's labels of 3 of them: 1 \u201creframed\u201d and 2 \u201cpartially "
        "addressed\u201d (raw agreement 1.00, Cohen's kappa 1.00).",
        "The automatic labels of the 14 demands extracted from the letter, against the "
        "response: 14 \u201cno overlap\u201d; the gold coder's labels of 13 of them: 8 \u201cno "
        "overlap\u201d and 5 \u201cpartial overlap\u201d (raw agreement 0.62, Cohen's kappa "
        "0.00); the automatic policy-overlap label is a floor, not a judgement.",
    ]
    from analysis.evaluation import demands_gold

    ra = demands_gold.responsiveness_agreement()
    assert (ra["policy_overlap"]["n"], round(ra["policy_overlap"]["agreement"], 2)) == (13, 0.62)
    # Reuse shares and intervals as pinned in test_reuse: 14 of 269 and 14 of 229 word tokens.
    assert found["06"] == [
        "14 of the 269 word tokens of the petition (5.2%, 95% bootstrap interval over its "
        "eleven sentences, 1.1% to 10.5%) and 14 of the 229 word tokens of the response (6.1%, "
        "95% bootstrap interval over its eight sentences, 1.0% to 14.0%) lie inside word "
        "sequences the pair shares."
    ]
    # Sentiment means and intervals as report 04 gives them; every pair overlaps
    # (e.g. the response's -0.133 lies below the petition's +0.296), so no ranking.
    assert found["04"] == [
        "The mean VADER compound score of the sentences is +0.035 in the petition (95% interval "
        "-0.218 to +0.296), +0.332 in the response (95% interval -0.133 to +0.733) and +0.151 "
        "in the letter (95% interval -0.028 to +0.324).",
        "Every pair of intervals overlaps, so the texts are not ranked.",
        "The score describes word choice, not the events; VADER's lexicon scores between 5.2% "
        "(the petition) and 12.7% (the response) of a text's word tokens.",
    ]
    # The logDice of the top collocate, recomputed from its counts: 14 + log2(2f / (fx + fy)).
    from analysis.charts import collocations as cc

    frame = cc.collocates_data(toks=None).filter(pl.col("text_id") == "petition")
    top = frame.sort("log_dice", descending=True).row(0, named=True)
    expected = 14 + math.log2(2 * top["freq"] / (top["f_node"] + top["f_collocate"]))
    assert (top["collocate"], round(expected, 2)) == ("has", 13.42)


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
