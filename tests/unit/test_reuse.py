"""Text reuse (Greedy String Tiling) and the side-by-side view, on five synthetic texts."""

from __future__ import annotations

import re

import polars as pl
import pytest

from analysis.corpus import Pair
from analysis.io import DiscourseError
from analysis.measures import reuse
from analysis.report import reuse_prose, reuse_view
from analysis.report.export import external_resources

from .synthetic_texts import token_frames

TEXTS = {
    "w-adv": (
        "We remember the Khojali tragedy of winter. "
        "The town council must act now, said the people of the valley."
    ),
    "w-resp": (
        "The council recalls the Khojaly tragedy of winter with sadness. "
        "The town council must act, and the people of the valley agree."
    ),
    "k-adv": "They said the Republic of Artsakh held talks on water <b>& more</b>.",
    "k-resp": "Officials said Artsakh held talks on water today.",
    "lone-2025": "The town council must act now on water.",
}
VARIANTS = pl.DataFrame(
    {
        "form": ["Khojaly", "Khojali", "Artsakh", "Republic of Artsakh"],
        "concept": ["Khojaly (Khojali)", "Khojaly (Khojali)", "Region R", "Region R"],
    }
)
PAIRS = [Pair("w-adv", "w-resp", "response"), Pair("k-adv", "k-resp", "response")]


def raw(source_id: str) -> str:
    """Each synthetic text is its own source ``src-<id>`` starting at character 0."""
    return TEXTS[source_id.removeprefix("src-")]


@pytest.fixture(scope="module")
def frames():
    return token_frames(TEXTS)


@pytest.fixture(scope="module")
def tiles(frames):
    return reuse.textstat_reuse(frames[2], 3, PAIRS, variants=VARIANTS, source_text=raw)


# --- greedy string tiling ---------------------------------------------------------------------


def test_tiling_takes_the_longest_maximal_run_first():
    a = "x a b c d y".split()
    b = "a b c d z a b c".split()
    # "a b c d" is tiled; the second "a b c" of b has no unmarked partner left in a
    assert reuse.greedy_string_tiling(a, b, 3) == [(1, 0, 4, 4)]


def test_tiling_marks_tokens_once_and_respects_the_minimum():
    a = "p q r s t u".split()
    b = "r s t u p q r".split()
    # longest first: "r s t u" (4); then "p q r" would reuse a's marked r: only "p q" is left
    assert reuse.greedy_string_tiling(a, b, 3) == [(2, 0, 4, 4)]
    assert reuse.greedy_string_tiling(a, b, 2) == [(0, 4, 2, 2), (2, 0, 4, 4)]


def test_tiling_stops_at_a_barrier():
    a = ["a", "b", object(), "c", "d"]
    b = ["a", "b", "c", "d"]
    assert reuse.greedy_string_tiling(a, b, 3) == []
    assert reuse.greedy_string_tiling(a, b, 2) == [(0, 0, 2, 2), (3, 2, 2, 2)]


def test_tiling_ranks_runs_by_weighted_length():
    a = "x g y g".split()
    b = "x g z".split()
    # position 3 of a weighs 3 against b's "g": the run "g" there (3) outranks "x g" (2),
    # takes b's "g", and leaves "x" alone (1, below the minimum)
    weight = lambda p, q: 3 if p == 3 else 1  # noqa: E731
    assert reuse.greedy_string_tiling(a, b, 2, weight) == [(3, 1, 1, 3)]
    assert reuse.greedy_string_tiling(a, b, 2) == [(0, 0, 2, 2)]


def test_n_below_three_is_refused(frames):
    with pytest.raises(DiscourseError, match="n >= 3"):
        reuse.textstat_reuse(frames[2], 2, PAIRS, variants=VARIANTS, source_text=raw)


# --- folding ------------------------------------------------------------------------------------


def test_spellings_and_multiword_forms_fold_to_one_token(frames):
    folded = reuse.tokens_folded(frames[2], VARIANTS, source_text=raw)
    w_adv = folded.filter(pl.col("text_id") == "w-adv")["folded"].to_list()
    w_resp = folded.filter(pl.col("text_id") == "w-resp")["folded"].to_list()
    assert w_adv[3] == w_resp[4] == "[Khojaly (Khojali)]"
    k_adv = folded.filter(pl.col("text_id") == "k-adv")
    row = k_adv.filter(pl.col("folded") == "[Region R]").row(0, named=True)
    # three word tokens become one folded token spanning "Republic of Artsakh"
    assert row["n_words"] == 3
    assert raw("src-k-adv")[row["start"] : row["end"]] == "Republic of Artsakh"
    # punctuation is dropped; every word token is kept once
    assert "," not in w_adv and "." not in w_adv
    assert folded["n_words"].sum() == frames[2]["is_word"].sum()


def test_default_lexicon_folds_khojaly_and_khojali(frames):
    folded = reuse.tokens_folded(frames[2], source_text=raw)
    a = folded.filter(pl.col("text_id") == "w-adv")["folded"][3]
    r = folded.filter(pl.col("text_id") == "w-resp")["folded"][4]
    assert a == r and a.startswith("[")


def test_a_name_written_alike_counts_its_words_a_variant_counts_one():
    texts = {
        "g-adv": "Ask the Canadian government today. Ask the Government of Canada now.",
        "g-resp": "Then the Government of Canada replied.",
    }
    variants = pl.DataFrame(
        {"form": ["Canadian government", "Government of Canada"], "concept": ["G", "G"]}
    )
    toks = token_frames(texts)[2]
    out = reuse.textstat_reuse(
        toks,
        3,
        [Pair("g-adv", "g-resp")],
        variants=variants,
        source_text=lambda s: texts[s.removeprefix("src-")],
    )
    # "the Canadian government" / "the Government of Canada" is 2 (a variant counts one);
    # "the Government of Canada" twice is 1 + 3 = 4
    assert out.select("a_text", "r_text", "n_tokens", "length", "a_words").rows() == [
        ("the Government of Canada", "the Government of Canada", 2, 4, 4)
    ]
    assert out["a_start"].to_list() == [texts["g-adv"].index("the Government")]


# --- tiles ---------------------------------------------------------------------------------------


def test_maximal_shared_ngrams_by_hand(tiles):
    w = tiles.filter(pl.col("pair_id") == "w-adv--w-resp")
    assert w["ngram"].to_list() == [
        "the [Khojaly (Khojali)] tragedy of winter",
        "the town council must act",
        "the people of the valley",
    ]
    assert w["a_text"].to_list() == [
        "the Khojali tragedy of winter",
        "The town council must act",
        "the people of the valley",
    ]
    assert w["r_text"].to_list() == [
        "the Khojaly tragedy of winter",
        "The town council must act",
        "the people of the valley",
    ]
    assert w["n_tokens"].to_list() == [5, 5, 5] and w["tile"].to_list() == [1, 2, 3]
    k = tiles.filter(pl.col("pair_id") == "k-adv--k-resp")
    assert k["ngram"].to_list() == ["[Region R] held talks on water"]
    assert k["a_text"].to_list() == ["Republic of Artsakh held talks on water"]
    assert k["r_text"].to_list() == ["Artsakh held talks on water"]
    # the text in no pair is never aligned
    assert "lone-2025" not in set(tiles["advocacy"]) | set(tiles["response"])


def test_offsets_slice_the_raw_text_to_the_surface_span(tiles):
    for row in tiles.iter_rows(named=True):
        assert raw(row["a_source"])[row["a_start"] : row["a_end"]] == row["a_text"]
        assert raw(row["r_source"])[row["r_start"] : row["r_end"]] == row["r_text"]
    first = tiles.row(0, named=True)
    assert (first["a_start"], first["a_end"]) == (12, 41)
    assert (first["r_start"], first["r_end"]) == (20, 49)


def test_a_new_pair_appears_with_its_own_tiles(frames):
    pairs = [*PAIRS, Pair("lone-2025", "w-resp", "overlap")]
    out = reuse.textstat_reuse(frames[2], 3, pairs, variants=VARIANTS, source_text=raw)
    lone = out.filter(pl.col("pair_id") == "lone-2025--w-resp")
    assert lone["ngram"].to_list() == ["the town council must act"]
    assert lone["relation"].to_list() == ["overlap"]
    assert lone["a_text"].to_list() == ["The town council must act"]


def test_default_pairs_are_the_answered_ones(monkeypatch):
    declared = (
        Pair("a1", "r1", "response"),
        Pair("a2", "r1", "overlap"),
        Pair("a3", "r3", "response"),
    )
    monkeypatch.setattr(reuse.corpus, "text_pairs", lambda manifest_path=None: declared)
    assert reuse.reuse_pairs() == [declared[0], declared[2]]


# --- shares --------------------------------------------------------------------------------------


def test_shares_by_hand(frames, tiles):
    share = reuse.textstat_reuse_share(
        frames[2], 3, PAIRS, reuse=tiles, variants=VARIANTS, source_text=raw
    )
    got = {(r["text_id"]): (r["n_reused"], r["n_words"]) for r in share.iter_rows(named=True)}
    # w-adv: 7 + 12 words, 15 reused; w-resp: 10 + 12 words, 15 reused
    # k-adv: They said the Republic of Artsakh held talks on water b more b = 13 words, 7 reused
    assert got == {"w-adv": (15, 19), "w-resp": (15, 22), "k-adv": (7, 13), "k-resp": (5, 8)}
    row = share.filter(pl.col("text_id") == "w-adv").row(0, named=True)
    assert row["share"] == pytest.approx(15 / 19)
    # Wilson 95% interval for 15 of 19, computed by hand
    z, p, n = 1.959963984540054, 15 / 19, 19
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5) / (1 + z * z / n)
    assert row["ci_low"] == pytest.approx(centre - half)
    assert row["ci_high"] == pytest.approx(centre + half)
    assert share["side"].to_list() == ["advocacy", "response"] * 2


def test_share_of_a_pair_without_reuse_is_zero(frames):
    pairs = [Pair("k-resp", "lone-2025", "overlap")]
    share = reuse.textstat_reuse_share(frames[2], 3, pairs, variants=VARIANTS, source_text=raw)
    assert share["n_reused"].to_list() == [0, 0]
    assert share["n_words"].to_list() == [8, 8]


# --- the side-by-side view ------------------------------------------------------------------------

PROFILES = pl.DataFrame(
    {
        "demand_id": ["k-adv:d1", "k-adv:d1"],
        "dimension": ["spelling_change", "agent_deletion"],
        "value": ["yes", "<none>"],
        "a_start": [14, None],
        "a_end": [33, None],
        "r_start": [15, None],
        "r_end": [22, None],
        "evidence_a": ["Republic of Artsakh", None],
        "evidence_r": ["Artsakh", None],
    },
    schema_overrides={c: pl.Int64 for c in ("a_start", "a_end", "r_start", "r_end")},
)


@pytest.fixture(scope="module")
def view(frames, tiles):
    return reuse_view.reuse_view_html(
        PAIRS[1], tiles, PROFILES, sentences=frames[1], labels={"k-adv": "Text <K>"}
    )


def test_view_escapes_text_and_loads_nothing(view):
    assert "<b>" not in view and "&lt;b&gt;&amp; more&lt;/b&gt;" in view
    assert "Text &lt;K&gt;" in view and "&lt;none&gt;" in view
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", view)
    assert "<script" not in view
    assert external_resources(view) == []


def test_every_highlighted_span_links_to_its_counterpart(frames, tiles):
    html = reuse_view.reuse_view_html(PAIRS[0], tiles, sentences=frames[1], labels={})
    ids = set(re.findall(r'id="([^"]+)"', html))
    hrefs = re.findall(r'href="#([^"]+)"', html)
    anchors = re.findall(r'<a class="rv-tile" id="([^"]+)" href="#([^"]+)"', html)
    # three tiles, each with an anchor in both texts pointing at the other
    assert len(anchors) == 6
    assert {(a, b) for a, b in anchors} == {
        (f"rv-w-adv--w-resp-{s}-{k}", f"rv-w-adv--w-resp-{o}-{k}")
        for k in (1, 2, 3)
        for s, o in (("a", "r"), ("r", "a"))
    }
    assert hrefs and all(h in ids for h in hrefs)
    # the same colour for a tile in both texts
    colours = re.findall(r'id="rv-w-adv--w-resp-([ar])-(\d)"[^>]*background:(#\w+)', html)
    by_tile = {}
    for _side, k, colour in colours:
        by_tile.setdefault(k, set()).add(colour)
    assert all(len(c) == 1 for c in by_tile.values()) and len(by_tile) == 3
    # every sentence with its id, text on the left before the response on the right
    assert html.index("w-adv:s001") < html.index("w-resp:s001")


def test_view_marks_and_links_profile_evidence(view):
    ids = set(re.findall(r'id="([^"]+)"', view))
    hrefs = re.findall(r'href="#([^"]+)"', view)
    assert all(h in ids for h in hrefs)
    ev = [h for h in hrefs if "-ev-" in h]
    assert ev == ["rv-k-adv--k-resp-ev-k-adv_d1-a-14", "rv-k-adv--k-resp-ev-k-adv_d1-r-15"]
    assert view.count('class="rv-ev"') >= 2
    assert "spelling_change" in view and "agent_deletion" in view
    assert view.index("Demands and their profiles") > view.index("k-resp:s001")


def test_view_refuses_profiles_without_the_columns(frames, tiles):
    with pytest.raises(DiscourseError, match="evidence_r"):
        reuse_view.reuse_view_html(
            PAIRS[1], tiles, PROFILES.drop("evidence_r"), sentences=frames[1], labels={}
        )


def test_view_keeps_only_the_pairs_profile_rows_and_quotes_the_demand(frames, tiles):
    other = PROFILES.with_columns(pl.lit("w-adv:d9").alias("demand_id"))
    both = pl.concat(
        [
            PROFILES.with_columns(
                text_id=pl.lit("k-adv"),
                response_id=pl.lit("k-resp"),
                demand_text=pl.lit("hold <talks>"),
            ),
            other.with_columns(
                text_id=pl.lit("w-adv"), response_id=pl.lit("w-resp"), demand_text=pl.lit("x")
            ),
        ]
    )
    html = reuse_view.reuse_view_html(PAIRS[1], tiles, both, sentences=frames[1], labels={})
    assert "k-adv:d1" in html and "w-adv:d9" not in html
    assert "“hold &lt;talks&gt;”" in html


# --- notebook prose -------------------------------------------------------------------------------

NAMES = {
    "w-adv": "the winter appeal",
    "w-resp": "the council's reply",
    "k-adv": "the water note",
    "k-resp": "the officials' answer",
    "lone-2025": "the *lone* text",
}


def test_prose_names_aligned_declared_and_lone_texts():
    pairs = [*PAIRS, Pair("lone-2025", "w-resp", "overlap")]
    text = reuse_prose.describe_pairing(pairs, list(TEXTS), NAMES)
    assert text.startswith(
        "Aligned: the winter appeal with the council's reply and the water note with the "
        "officials' answer (in each, the response answers the text)."
    )
    assert "Not aligned: the \\*lone\\* text with the council's reply, declared" in text
    assert text.endswith("In no answered pair, so not aligned: the \\*lone\\* text.")
    assert reuse_prose.describe_pairing([], ["x"], {}).startswith("No response in this corpus")


def test_prose_reports_spans_shares_and_folded_spellings(frames, tiles):
    shares = reuse.textstat_reuse_share(
        frames[2], 3, PAIRS, reuse=tiles, variants=VARIANTS, source_text=raw
    )
    text = reuse_prose.describe_reuse(PAIRS[0], tiles, shares, NAMES, n=3)
    assert text.startswith(
        "The winter appeal and the council's reply share three spans of 3 or more words. "
        "The longest (5 words) is “the Khojali tragedy of winter” in the winter appeal, "
        "“the Khojaly tragedy of winter” in the council's reply."
    )
    assert "15 of the 19 word tokens of the winter appeal (78.9%, 95% Wilson interval" in text
    assert "15 of the 22 word tokens of the council's reply (68.2%" in text
    assert text.endswith(
        "One span of the three joins different spellings or names of one referent (the "
        "referent-variant lexicon folds them), such as “the Khojali tragedy of winter” in the "
        "winter appeal and “the Khojaly tragedy of winter” in the council's reply."
    )
    lone = [Pair("k-resp", "lone-2025", "overlap")]
    none = reuse.textstat_reuse(frames[2], 3, lone, variants=VARIANTS, source_text=raw)
    shares = reuse.textstat_reuse_share(frames[2], 3, lone, reuse=none, source_text=raw)
    assert reuse_prose.describe_reuse(lone[0], none, shares, NAMES, n=3).startswith(
        "The officials' answer and the \\*lone\\* text share no word sequence of 3 or more words."
    )


def test_a_pair_with_a_text_without_tokens_is_empty_not_an_error(frames):
    pairs = [Pair("ghost-2030", "w-resp", "response")]
    out = reuse.textstat_reuse(frames[2], 3, pairs, variants=VARIANTS, source_text=raw)
    assert out.is_empty() and out.columns == list(reuse.REUSE_SCHEMA)
    share = reuse.textstat_reuse_share(frames[2], 3, pairs, reuse=out, source_text=raw)
    assert share.select("text_id", "n_words", "n_reused", "share").rows() == [
        ("ghost-2030", 0, 0, None),
        ("w-resp", 22, 0, 0.0),
    ]


# --- the chart -----------------------------------------------------------------------------------


def test_share_chart_has_one_bar_per_text_and_pair(frames, tiles):
    from analysis.charts import reuse as reuse_charts

    pairs = [*PAIRS, Pair("lone-2025", "w-resp", "overlap")]
    out = reuse.textstat_reuse(frames[2], 3, pairs, variants=VARIANTS, source_text=raw)
    shares = reuse.textstat_reuse_share(frames[2], 3, pairs, reuse=out, source_text=raw)
    data = reuse_charts.reuse_share_data(shares, labels={"lone-2025": "Lone <2025>"})
    assert data["row"].to_list()[-2:] == [
        "Lone <2025> · with w-resp (5 of 8)",
        "w-resp · with Lone <2025> (5 of 22)",
    ]
    assert data["share"].to_list()[:2] == pytest.approx([15 / 19, 15 / 22])
    spec = reuse_charts.textplot_reuse_share(shares).to_dict()
    values = spec["data"]["values"]
    assert len(values) == 6 and {v["text_id"] for v in values} == set(TEXTS)
