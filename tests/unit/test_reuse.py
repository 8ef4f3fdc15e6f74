"""Text reuse (Greedy String Tiling) and the side-by-side view, on five synthetic texts."""

from __future__ import annotations

import re

import numpy as np
import polars as pl
import pytest

from analysis import stats
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


def raw_of(texts: dict[str, str]):
    """:func:`raw` for another set of synthetic texts."""
    return lambda source_id: texts[source_id.removeprefix("src-")]


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
    # w-adv's two sentences hold 5 of 7 and 10 of 12 reused words: a resample of sentences is
    # both first (5/7, chance 1/4), both second (10/12, 1/4) or one of each (15/19), so the
    # 2.5th and 97.5th percentiles of 2,000 resamples are 5/7 and 10/12
    assert row["n_sentences"] == 2
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((5 / 7, 10 / 12))
    # one sentence: every resample is that sentence, so the interval is the share itself
    k = share.filter(pl.col("text_id") == "k-adv").row(0, named=True)
    assert (k["n_sentences"], k["ci_low"], k["ci_high"]) == (1, 7 / 13, 7 / 13)
    assert share["side"].to_list() == ["advocacy", "response"] * 2


def test_share_of_a_pair_without_reuse_is_zero(frames):
    pairs = [Pair("k-resp", "lone-2025", "overlap")]
    share = reuse.textstat_reuse_share(frames[2], 3, pairs, variants=VARIANTS, source_text=raw)
    assert share["n_reused"].to_list() == [0, 0]
    assert share["n_words"].to_list() == [8, 8]


#: Six sentences of varied length and reuse, and a partner that repeats two runs of them.
LONG = {
    "mill-adv": (
        "The river bridge carries grain to the town. Cats sleep. The old mill grinds corn "
        "slowly today. Birds sing at dawn in the wood. We ask the council to repair the river "
        "bridge now. Rain falls on the old mill grinds."
    ),
    "mill-resp": (
        "The council will repair the river bridge soon. The old mill grinds corn as before. "
        "Dogs bark."
    ),
}


def _bootstrap_by_hand(words: list[int], reused: list[int]) -> tuple[float, float]:
    """Percentile interval of sum(reused) / sum(words) over resampled sentences, one resample
    at a time with the suite's seed (an independent loop, not the vectorised helper)."""
    rng = np.random.default_rng(stats.SEED)
    ratios = []
    for _ in range(stats.N_RESAMPLES):
        idx = rng.integers(0, len(words), len(words))
        ratios.append(sum(reused[i] for i in idx) / sum(words[i] for i in idx))
    return float(np.percentile(ratios, 2.5)), float(np.percentile(ratios, 97.5))


def test_share_interval_is_a_bootstrap_over_sentences():
    texts = {**TEXTS, **LONG}
    toks = token_frames(texts)[2]
    pairs = [Pair("mill-adv", "mill-resp", "response"), *PAIRS]
    tiles = reuse.textstat_reuse(toks, 3, pairs, variants=VARIANTS, source_text=raw_of(texts))
    share = reuse.textstat_reuse_share(toks, 3, pairs, reuse=tiles, source_text=raw_of(texts))
    # the mill pair is present with the others, each computed alike
    assert share["text_id"].to_list() == ["mill-adv", "mill-resp", "w-adv", "w-resp"] + [
        "k-adv",
        "k-resp",
    ]
    mill = tiles.filter(pl.col("pair_id") == "mill-adv--mill-resp")
    assert sorted(mill["a_text"].to_list()) == [
        "The old mill grinds corn",
        "repair the river bridge",
    ]
    for side, text_id in (("a", "mill-adv"), ("r", "mill-resp")):
        # per sentence, by hand: word tokens, and those inside one of the side's spans
        words = toks.filter((pl.col("text_id") == text_id) & pl.col("is_word"))
        spans = list(zip(mill[f"{side}_start"], mill[f"{side}_end"], strict=True))
        n_words: dict[str, int] = {}
        n_reused: dict[str, int] = {}
        for r in words.iter_rows(named=True):
            sid = r["sentence_id"]
            n_words[sid] = n_words.get(sid, 0) + 1
            inside = any(s <= r["start"] and r["end"] <= e for s, e in spans)
            n_reused[sid] = n_reused.get(sid, 0) + int(inside)
        sids = list(n_words)
        w, k = [n_words[x] for x in sids], [n_reused[x] for x in sids]
        row = share.filter(pl.col("text_id") == text_id).row(0, named=True)
        assert (row["n_sentences"], row["n_words"], row["n_reused"]) == (len(w), sum(w), sum(k))
        assert row["share"] == pytest.approx(sum(k) / sum(w))
        assert (row["ci_low"], row["ci_high"]) == pytest.approx(_bootstrap_by_hand(w, k))
        assert row["ci_low"] < row["share"] < row["ci_high"]
    assert share.filter(pl.col("text_id") == "mill-adv")["n_sentences"].item() == 6
    assert share.filter(pl.col("text_id") == "mill-adv")["n_reused"].item() == 9


def test_reused_by_sentence_counts_words_inside_spans_and_skips_wordless_sentences(frames):
    toks = frames[2].filter(pl.col("text_id") == "w-adv")
    # "We remember" (0-11) and "the people of the valley" of the second sentence
    start = TEXTS["w-adv"].index("the people")
    spans = [("src-w-adv", 0, 11), ("src-w-adv", start, start + 24), ("src-other", 0, 99)]
    got = reuse.reused_by_sentence(toks, spans)
    assert got.rows() == [("w-adv:s001", 7, 2), ("w-adv:s002", 12, 5)]
    assert reuse.reused_by_sentence(toks, []).rows() == [
        ("w-adv:s001", 7, 0),
        ("w-adv:s002", 12, 0),
    ]
    punct = toks.with_columns(
        pl.when(pl.col("sentence_id") == "w-adv:s001")
        .then(False)
        .otherwise(pl.col("is_word"))
        .alias("is_word")
    )
    assert reuse.reused_by_sentence(punct, spans).rows() == [("w-adv:s002", 12, 5)]


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


def test_view_profiles_show_dimensions_and_values_in_words(view):
    assert "<td>Spelling change</td><td>yes</td>" in view
    assert "<td>Agent deletion</td><td>&lt;none&gt;</td>" in view
    assert "spelling_change" not in view and "<th>Dimension</th>" in view


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
    assert "Spelling change" in view and "Agent deletion" in view
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
    assert (
        "15 of the 19 word tokens of the winter appeal (78.9%, 95% bootstrap interval over its "
        "two sentences, 71.4% to 83.3%) lie inside a shared span." in text
    )
    assert "Wilson" not in text
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


def test_share_phrase_gives_no_interval_where_every_resample_is_the_same():
    row = {"share": 0.25, "ci_low": 0.1, "ci_high": 0.4, "n_sentences": 14}
    row |= {"n_reused": 5, "n_words": 20}
    assert reuse_prose.share_phrase(row) == (
        "25.0%, 95% bootstrap interval over its 14 sentences, 10.0% to 40.0%"
    )
    one = row | {"ci_low": 0.25, "ci_high": 0.25, "n_sentences": 1}
    assert reuse_prose.share_phrase(one) == (
        "25.0%; it has one sentence, so resampling its sentences gives no interval"
    )
    none = row | {"share": 0.0, "ci_low": 0.0, "ci_high": 0.0, "n_sentences": 3, "n_reused": 0}
    assert reuse_prose.share_phrase(none) == (
        "0.0%; none of its three sentences holds a shared span, so resampling its sentences "
        "gives no interval"
    )
    whole = row | {"share": 1.0, "ci_low": 1.0, "ci_high": 1.0, "n_sentences": 2}
    whole |= {"n_reused": 20}
    assert reuse_prose.share_phrase(whole).startswith(
        "100.0%; all of its two sentences lie inside shared spans"
    )
    same = row | {"ci_low": 0.25, "ci_high": 0.25, "n_sentences": 2}
    assert reuse_prose.share_phrase(same).startswith("25.0%; each of its two sentences has that")
    assert reuse_prose.share_phrase(row | {"ci_low": None, "ci_high": None}) == "25.0%"


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
    assert data["n_sentences"].to_list() == [2, 2, 1, 1, 1, 2]
    assert data["ci_low"].to_list()[:2] == pytest.approx([5 / 7, 5 / 10])
    spec = reuse_charts.textplot_reuse_share(shares).to_dict()
    values = spec["data"]["values"]
    assert len(values) == 6 and {v["text_id"] for v in values} == set(TEXTS)
    # the interval line crosses its bar: hovering either shows the same tooltip
    bars, whiskers = spec["layer"]
    assert whiskers["mark"]["type"] == "rule"
    assert whiskers["encoding"]["tooltip"] == bars["encoding"]["tooltip"]
    assert [t["title"] for t in bars["encoding"]["tooltip"]][-2:] == [
        "95% interval from",
        "95% interval to",
    ]
