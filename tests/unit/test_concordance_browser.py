"""The concordance browser's payload, matching rule, HTML and report injection, on five
synthetic texts (ids the default corpus lacks; the last one like a newly added text).

The browser's rule (:func:`payload_kwic`, the same algorithm as its script) is compared with
:func:`analysis.measures.concordance.kwic` on the same tokens; counts are also written out by
eye from the texts below.
"""

from __future__ import annotations

import json
import re

import nbformat
import polars as pl
import pytest

from analysis.charts import naming as naming_chart
from analysis.charts import terminology as ct
from analysis.io import DiscourseError
from analysis.measures import concordance
from analysis.report import concordance_browser as cb
from analysis.report import export

from .synthetic_texts import token_frames

TEXTS: dict[str, str] = {
    "p-one": "The genocide was named. Genocide Watch wrote about genocide.",
    "p-two": "The Genocide Convention of 1948. A genocidal act on the river.",
    "p-three": "They were ethnically cleansing the valley. Ethnic cleansing, they said.",
    "p-four": "The entire  Karabakh region and the river's banks; the river (again).",
    "p-five-new": "World Without Genocide met in Nagorno-Karabakh. No genocide here, by the river.",
}
IDS = list(TEXTS)
LABELS = {t: f"Text {t}" for t in IDS}
COLOURS = {"p-one": "#111111", "p-two": "#222222", "p-three": "#333333", "p-four": "#444444"}
PATTERNS = [
    "genocid*",
    "genocide",
    "Genocide Watch",
    "World Without Genocide",
    "the river",
    "river",
    "the",
    "ethnic* cleansing",
    "Karabakh",
    "nothing-here",
]
#: Lines per pattern, counted by eye: "genocid*" skips the three names (p-one 2, p-two 1,
#: p-five-new 1); "the river" p-two 1, p-four 2 (the "river's" too), p-five-new 1.
BY_EYE = {"genocid*": 4, "genocide": 3, "Genocide Watch": 1, "the river": 4, "river": 4}


@pytest.fixture(scope="module")
def frames():
    segments, sentences, toks = token_frames(TEXTS)
    return segments, sentences, toks


@pytest.fixture(scope="module")
def payload(frames):
    _, sentences, toks = frames
    return cb.concordance_payload(toks, sentences, labels=LABELS, colours=COLOURS)


def _kwic_lines(pattern: str, frames, window: int = 5) -> list[dict]:
    segments, _, toks = frames
    found = concordance.kwic(pattern, window, toks=toks, segments=segments)
    return found.select(
        "text_id", "sentence_id", "pre", "keyword", "post", "start", "end"
    ).to_dicts()


def test_payload_holds_every_text_with_its_label_colour_sentences_and_tokens(payload, frames):
    _, sentences, toks = frames
    assert [t["id"] for t in payload["texts"]] == IDS
    assert [t["label"] for t in payload["texts"]] == [LABELS[t] for t in IDS]
    # a text without a colour is drawn grey
    assert [t["colour"] for t in payload["texts"]][-1] == cb.FALLBACK_COLOUR
    new = payload["texts"][-1]
    assert [s[0] for s in new["sentences"]] == ["p-five-new:s001", "p-five-new:s002"]
    # World Without Genocide met in Nagorno-Karabakh . | No genocide here , by the river .
    assert new["tokens"]["n"] == [
        "world", "without", "genocide", "met", "in", "nagorno-karabakh", ".",
        "no", "genocide", "here", ",", "by", "the", "river", ".",
    ]  # fmt: skip
    assert new["tokens"]["s"] == [0] * 7 + [1] * 8
    # a gap before every token (the first too: nothing precedes it) but the stops and comma
    assert new["tokens"]["sp"] == "111111011101110"
    text = TEXTS["p-five-new"]
    sid, source, start, end, sentence = new["sentences"][1]
    assert (source, sentence) == ("src-p-five-new", text[start:end])
    first = new["tokens"]["a"][7]
    assert text[first : new["tokens"]["b"][7]] == "No"
    assert sum(len(t["tokens"]["n"]) for t in payload["texts"]) == toks.height
    json.dumps(payload)  # JSON-able as it is


def test_payload_needs_the_sentences_of_the_tokens(frames):
    _, sentences, toks = frames
    with pytest.raises(DiscourseError, match="sentences"):
        cb.concordance_payload(toks, labels=LABELS, colours=COLOURS)
    with pytest.raises(DiscourseError, match="p-four:s001"):
        cb.concordance_payload(
            toks,
            sentences.filter(pl.col("sentence_id") != "p-four:s001"),
            labels=LABELS,
            colours=COLOURS,
        )


@pytest.mark.parametrize("pattern", PATTERNS)
def test_browser_lines_equal_kwic(pattern, payload, frames):
    assert cb.payload_kwic(payload, pattern) == _kwic_lines(pattern, frames)
    if pattern in BY_EYE:
        assert len(cb.payload_kwic(payload, pattern)) == BY_EYE[pattern]


def test_window_and_spacing_follow_kwic(payload, frames):
    lines = cb.payload_kwic(payload, "river")
    assert lines == _kwic_lines("river", frames)
    four = [line for line in lines if line["text_id"] == "p-four"]
    # two spaces in the raw source join as one; "'s" and "(" keep their spacing
    assert four[0]["pre"] == "entire Karabakh region and the"
    assert four[0]["post"] == "'s banks; the river"
    assert four[1]["post"] == "(again)."
    assert four[1]["keyword"] == "river"
    assert TEXTS["p-four"][four[1]["start"] : four[1]["end"]] == "river"
    # a smaller window in the payload is a smaller window in the lines
    small = {**payload, "window": 2}
    assert cb.payload_kwic(small, "river") == _kwic_lines("river", frames, window=2)


def test_names_claim_their_words_unless_the_pattern_covers_them(payload):
    texts = [line["text_id"] for line in cb.payload_kwic(payload, "genocid*")]
    assert texts == ["p-one", "p-one", "p-two", "p-five-new"]
    named = cb.payload_kwic(payload, "world without genocide")
    assert [(n["text_id"], n["keyword"]) for n in named] == [
        ("p-five-new", "World Without Genocide")
    ]
    # without names every "Genocide" is a line
    bare = {**payload, "names": []}
    assert len(cb.payload_kwic(bare, "genocid*")) == 7


def test_payload_json_cannot_close_its_script_element():
    payload = {
        "window": 5,
        "names": [],
        "texts": [{"id": "x", "label": "</script><script>alert(1)</script><!--", "colour": "#000"}],
    }
    text = cb.payload_json(payload)
    assert "<" not in text and json.loads(text) == payload
    page = cb.browser_html({**payload, "texts": []})
    assert "</script><script>alert" not in page


def test_browser_html_is_offline_and_carries_its_data(payload):
    page = cb.browser_html(payload)
    assert export.external_resources(page) == []
    assert not re.search(r"[a-z]+://|//[a-z0-9-]+\.[a-z]", page, re.I)  # no URL at all
    data = page.split(f'id="{cb.BROWSER_ID}-data">', 1)[1].split("</script>", 1)[0]
    assert json.loads(data) == payload
    for needle in ('data-sort="left"', 'data-sort="right"', 'data-sort="text"', "hashchange"):
        assert needle in page
    assert f'id="{cb.BROWSER_ID}-input"' in page and "5 texts" in page


def test_chart_links_encode_the_term():
    assert cb.kwic_href("territorial integrity") == "#kwic=territorial%20integrity"
    assert cb.kwic_href("genocid*") == "#kwic=genocid%2A"
    frame = cb.with_kwic_href(pl.DataFrame({"term": ["a/b", "Canada’s"]}), "term")
    assert frame[cb.KWIC_HREF_COLUMN].to_list() == ["#kwic=a%2Fb", "#kwic=Canada%E2%80%99s"]


def test_keyness_bars_link_to_the_concordance(frames):
    segments, _, toks = frames
    data = ct.keyness_data("p-five-new", 3, toks=toks.filter(pl.col("is_word")))
    spec = ct.textplot_keyness(data, target="p-five-new").to_dict()
    assert spec["encoding"]["href"] == {"field": cb.KWIC_HREF_COLUMN, "type": "nominal"}
    rows = spec["datasets"][spec["data"]["name"]]
    assert all(r[cb.KWIC_HREF_COLUMN] == cb.kwic_href(r["term"]) for r in rows)
    naming = naming_chart.textplot_naming(
        naming_chart.naming_data(toks=toks, segments=segments)
    ).to_dict()
    assert naming["vconcat"][0]["layer"][0]["encoding"]["href"]["field"] == cb.KWIC_HREF_COLUMN


def _notebook(html: str, flag: bool | None = None) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# A report"),
        nbformat.v4.new_code_cell(
            "chart",
            outputs=[nbformat.v4.new_output("display_data", data={"text/html": html})],
        ),
    ]
    if flag is not None:
        nb.metadata["discourse"] = {cb.METADATA_FLAG: flag}
    return nb


def test_reports_with_linked_charts_get_the_browser(payload):
    linked = _notebook('<div>{"kwic_href": "#kwic=river"}</div>')
    plain = _notebook("<div>a chart with no links</div>")
    assert cb.wants_browser(linked) and not cb.wants_browser(plain)
    assert cb.wants_browser(_notebook("<div></div>", flag=True))
    assert not cb.wants_browser(_notebook('<div>"#kwic=river"</div>', flag=False))
    page = export.export_html(linked, name="01-test", concordance=payload)
    assert page.count(f'id="{cb.BROWSER_ID}"') == 1
    assert page.index(f'id="{cb.BROWSER_ID}"') < page.rindex("</body>")
    assert export.external_resources(page) == []
    assert cb.BROWSER_ID not in export.export_html(plain, name="00-test", concordance=payload)


def test_heatmap_cells_of_one_form_link_and_pooled_rows_do_not(frames):
    segments, _, toks = frames
    forms = ct.terminology_heatmap_data("referent-variants", toks=toks, segments=segments)
    spec = ct.textplot_terminology_heatmap(forms, lexicon="referent-variants").to_dict()
    assert [layer["encoding"]["href"]["field"] for layer in spec["layer"]] == [
        cb.KWIC_HREF_COLUMN
    ] * 2
    rows = spec["datasets"][spec["data"]["name"]]
    assert {r[cb.KWIC_HREF_COLUMN] for r in rows} == {cb.kwic_href(f) for f in forms["form"]}
    pooled = ct.terminology_heatmap_data("event-labels", toks=toks, segments=segments)
    spec = ct.textplot_terminology_heatmap(pooled, lexicon="event-labels").to_dict()
    assert all("href" not in layer["encoding"] for layer in spec["layer"])
