"""Text reuse pinned on the default corpus: the petition and the response that answers it.

The spans were read in the raw file (data/raw/petition-e-3780.txt) and are checked here by
slicing that file directly; the shares are counted by hand from the spans' word tokens.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from analysis import corpus, paths, stats
from analysis.measures import reuse

RAW = (paths.ROOT / "data" / "raw" / "petition-e-3780.txt").read_text(encoding="utf-8")

#: (a_start, a_end, petition's words, r_start, r_end, response's words), in petition order.
SPANS = [
    (415, 435, "the Khojali Massacre", 2161, 2181, "the Khojaly massacre"),
    (
        1107,
        1141,
        "Azerbaijan’s territorial integrity",
        2501,
        2535,
        "Azerbaijan’s territorial integrity",
    ),
    (1505, 1529, "the Government of Canada", 2125, 2149, "The Government of Canada"),
    (1556, 1576, "the Khojali Massacre", 2377, 2397, "the Khojaly massacre"),
]


@pytest.fixture(scope="module")
def tiles(toks):
    return reuse.textstat_reuse(toks)


def test_the_default_pair_is_the_answered_one():
    pairs = reuse.reuse_pairs()
    assert [(p.advocacy, p.response, p.relation) for p in pairs] == [
        ("petition", "response", "response")
    ]


def test_shared_spans_of_the_default_pair(tiles):
    got = [
        (r["a_start"], r["a_end"], r["a_text"], r["r_start"], r["r_end"], r["r_text"])
        for r in tiles.iter_rows(named=True)
    ]
    assert got == SPANS
    for a_start, a_end, a_text, r_start, r_end, r_text in SPANS:
        assert RAW[a_start:a_end] == a_text and RAW[r_start:r_end] == r_text
    assert set(tiles["a_source"]) == set(tiles["r_source"]) == {"petition-e-3780"}
    assert tiles["n_tokens"].to_list() == [3, 4, 2, 3]
    assert tiles["length"].to_list() == [3, 4, 4, 3]
    assert tiles["pair_id"].unique().to_list() == ["petition--response"]


def test_no_other_shared_trigram(toks):
    """Independently: word-token trigrams (lower-cased, the one spelling pair folded by hand,
    within a segment) the two texts share are those inside the pinned spans, and "UN Security
    Council": the response writes it only inside "UN Security Council resolutions", a form of
    another referent in the lexicon, which folds whole."""

    def trigrams(text_id):
        words = toks.filter((pl.col("text_id") == text_id) & pl.col("is_word"))
        out = set()
        for _, g in words.group_by("segment_id", maintain_order=True):
            norm = [w.replace("khojali", "khojaly") for w in g["norm"].to_list()]
            out |= {tuple(norm[i : i + 3]) for i in range(len(norm) - 2)}
        return out

    shared = trigrams("petition") & trigrams("response")
    assert shared == {
        ("the", "khojaly", "massacre"),
        ("azerbaijan", "'s", "territorial"),
        ("'s", "territorial", "integrity"),
        ("the", "government", "of"),
        ("government", "of", "canada"),
        ("un", "security", "council"),
    }


def test_shares_of_the_default_pair(toks, tiles):
    share = reuse.textstat_reuse_share(toks, reuse=tiles)
    got = {r["text_id"]: (r["n_reused"], r["n_words"]) for r in share.iter_rows(named=True)}
    # 3 + 4 + 4 + 3 word tokens reused on each side ("’s" is a word token)
    n_words = {
        t: toks.filter((pl.col("text_id") == t) & pl.col("is_word")).height
        for t in ("petition", "response")
    }
    assert n_words == {"petition": 269, "response": 229}
    assert got == {"petition": (14, 269), "response": (14, 229)}
    assert share["share"].to_list() == pytest.approx([14 / 269, 14 / 229])


def test_share_intervals_of_the_default_pair_resample_sentences(toks, tiles):
    """The 95% intervals, pinned, and recomputed here by a loop over resamples of the
    sentences: each sentence's word tokens and those inside a pinned span, counted from the
    tokens and SPANS directly."""
    share = reuse.textstat_reuse_share(toks, reuse=tiles)
    got = {
        r["text_id"]: (r["n_sentences"], r["ci_low"], r["ci_high"])
        for r in share.iter_rows(named=True)
    }
    assert got == {
        "petition": (11, pytest.approx(0.0110274, abs=1e-7), pytest.approx(0.1046609, abs=1e-7)),
        "response": (8, pytest.approx(0.0096947, abs=1e-7), pytest.approx(0.1403577, abs=1e-7)),
    }
    for text_id, side in (("petition", (0, 1)), ("response", (3, 4))):
        spans = [(span[side[0]], span[side[1]]) for span in SPANS]
        words, reused = {}, {}
        for r in toks.filter((pl.col("text_id") == text_id) & pl.col("is_word")).iter_rows(
            named=True
        ):
            words[r["sentence_id"]] = words.get(r["sentence_id"], 0) + 1
            inside = any(s <= r["start"] and r["end"] <= e for s, e in spans)
            reused[r["sentence_id"]] = reused.get(r["sentence_id"], 0) + inside
        w = np.array(list(words.values()))
        k = np.array([reused[s] for s in words])
        rng = np.random.default_rng(stats.SEED)
        ratios = []
        for _ in range(stats.N_RESAMPLES):
            idx = rng.integers(0, len(w), len(w))
            ratios.append(k[idx].sum() / w[idx].sum())
        n, low, high = got[text_id]
        assert (len(w), k.sum(), w.sum()) == (n, 14, 269 if text_id == "petition" else 229)
        assert (low, high) == pytest.approx(tuple(np.percentile(ratios, [2.5, 97.5])))


def test_the_view_of_the_default_pair_links_every_span(tiles):
    from analysis.report import reuse_view
    from analysis.report.export import external_resources

    pair = reuse.reuse_pairs()[0]
    html = reuse_view.reuse_view_html(pair, tiles)
    assert external_resources(html) == []
    for k in (1, 2, 3, 4):
        assert f'id="rv-petition--response-a-{k}" href="#rv-petition--response-r-{k}"' in html
        assert f'id="rv-petition--response-r-{k}" href="#rv-petition--response-a-{k}"' in html
    labels = corpus.text_labels()
    assert labels["petition"] in html and labels["response"] in html


def test_the_share_figure_is_registered_with_the_pinned_counts():
    from analysis import figures

    spec = next(s for s in figures.registry() if s.name == "reuse-share")
    assert spec.notebook == "06-text-reuse"
    values = spec.build().to_dict()["data"]["values"]
    assert [(v["text_id"], v["n_reused"], v["n_words"]) for v in values] == [
        ("petition", 14, 269),
        ("response", 14, 229),
    ]
