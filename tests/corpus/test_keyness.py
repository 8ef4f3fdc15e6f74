"""Keyness, similarity and vocabulary pinned on the default corpus.

Every expected number here was worked out from the formulas in METHODS.md (arithmetic written
out) or counted in the raw texts, not taken from the code under test. The statistics on
synthetic tables are in tests/unit/test_keyness.py.
"""

from __future__ import annotations

import math
from collections import Counter

import pytest

from analysis import lexicons, resources, tokens
from analysis.io import DiscourseError
from analysis.measures import keyness as k
from analysis.measures import terminology as tm

# --- on the corpus ----------------------------------------------------------------------------


def _in_names(toks) -> set[int]:
    """Rows of word tokens inside a proper name of event-labels.csv, by a naive scan of each
    sentence (the rule of terminology.NAME_RULE, written out independently)."""
    names = [lexicons.pattern_tokens(f) for f in tm.name_terms()["form"]]
    rows = toks.select("sentence_id", "norm").with_row_index("r").rows()
    covered: set[int] = set()
    for i in range(len(rows)):
        for name in names:
            span = rows[i : i + len(name)]
            same = len(span) == len(name) and len({s for _, s, _ in span}) == 1
            if same and tuple(n for _, _, n in span) == name:
                covered.update(r for r, _, _ in span)
    return covered


def _independent_counts(drop_stopwords=True):
    toks = tokens.corpus_tokens(words_only=True)
    stop = resources.stopwords()
    skip = _in_names(toks)  # words inside names are not terms
    out: dict[str, Counter] = {}
    for r, (text_id, norm) in enumerate(toks.select("text_id", "norm").iter_rows()):
        if (drop_stopwords and norm in stop) or r in skip:
            continue
        out.setdefault(text_id, Counter())[norm] += 1
    return out


def test_reference_must_be_other_texts():
    with pytest.raises(DiscourseError):
        k.textstat_keyness("petition", ["petition"])


def test_corpus_totals():
    kk = k.textstat_keyness("petition")
    assert set(kk["c"]) == {269} and set(kk["d"]) == {229 + 861}


def test_word_token_counts():
    sizes = k.word_token_counts()
    assert sizes.columns == ["text_id", "n_words"]
    assert dict(sizes.iter_rows()) == {"petition": 269, "response": 229, "letter": 861}


def test_petition_keyness_khojali():
    kk = k.textstat_keyness("petition")
    row = kk.filter(kk["term"] == "khojali").row(0, named=True)
    assert (row["a"], row["b"]) == (5, 0)  # grep: 5 × "Khojali" in the petition, none elsewhere
    # Four-cell G2 by hand: a = 5, b = 0, c = 269, d = 229 + 861 = 1090; N = 1359, a+b = 5.
    # E1 = 269·5/1359 = 0.989698; E2 = 1090·5/1359 = 4.010302;
    # E3 = 269·1354/1359 = 268.010302 (c−a = 264); E4 = 1090·1354/1359 = 1085.989698 (d−b = 1090).
    # O·ln(O/E):    5·ln(5/0.989698)       =  8.098965
    #               0 (b = 0 contributes nothing)
    #             264·ln(264/268.010302)   = −3.980147
    #            1090·ln(1090/1085.989698) =  4.017697
    # G2 = 2·(8.098965 − 3.980147 + 4.017697) = 2·8.136515 = 16.273030, positive (5/269 > 0).
    assert row["g2"] == pytest.approx(16.273030, abs=1e-5)
    assert row["g2"] > 0 and row["key_in"] == "petition"
    assert row["log_ratio"] == pytest.approx(5.340578, abs=1e-6)
    # Petition's strongest term by G2 is "khojali".
    assert kk["term"][0] == "khojali"


def test_letter_keyness_artsakh_and_negative_direction():
    kk = k.textstat_keyness("letter")
    art = kk.filter(kk["term"] == "artsakh").row(0, named=True)
    assert (art["a"], art["b"], art["c"], art["d"]) == (12, 0, 861, 269 + 229)
    mas = kk.filter(kk["term"] == "massacre").row(0, named=True)
    assert (mas["a"], mas["b"]) == (0, 8)  # petition 6 + response 2
    assert mas["g2"] < 0 and mas["key_in"] == "reference"


def test_prior_is_explicit_and_sums_to_alpha0():
    kk = k.textstat_keyness("response", alpha0=200)
    assert kk["alpha_w"].sum() == pytest.approx(200)
    assert set(kk["prior"]) == {k.prior_description(200)}
    assert "200" in kk["prior"][0]
    row = kk.filter(kk["term"] == "canada").row(0, named=True)
    # canada: 11 in the response, 3 + 9 = 12 elsewhere (stop words removed from the counts).
    assert (row["a"], row["b"]) == (11, 12)
    total = (kk["a"] + kk["b"]).sum()
    assert row["alpha_w"] == pytest.approx(200 * 23 / total)
    d, _, z = k.weighted_log_odds(11, 12, 229, 1130, row["alpha_w"], 200)
    assert row["delta"] == pytest.approx(d) and row["z"] == pytest.approx(z)


def test_explicit_prior_frame():
    base = k.keyness_counts("petition")
    prior = base.select("term").with_columns(alpha_w=1.0)
    kk = k.textstat_keyness("petition", prior=prior)
    assert kk["alpha0"][0] == pytest.approx(prior.height)
    with pytest.raises(DiscourseError, match="alpha_w"):
        k.textstat_keyness("petition", prior=prior.head(3))


def test_keyness_top_both_directions():
    top = k.keyness_top(k.textstat_keyness("response"), 5)
    assert (top["g2"] > 0).sum() == 5 and (top["g2"] < 0).sum() == 5


def test_similarity_against_independent_cosine():
    vec = _independent_counts()
    p, r = vec["petition"], vec["response"]
    dot = sum(p[t] * r[t] for t in p)
    expected = dot / (
        math.sqrt(sum(v * v for v in p.values())) * math.sqrt(sum(v * v for v in r.values()))
    )
    sim = k.textstat_similarity()
    got = sim.filter((sim["text_a"] == "petition") & (sim["text_b"] == "response"))["cosine"][0]
    assert got == pytest.approx(expected)  # cosine is scale-free: counts = relative frequencies
    assert (
        len(set(p) & set(r))
        == sim.filter((sim["text_a"] == "petition") & (sim["text_b"] == "response"))[
            "shared_types"
        ][0]
    )
    for row in sim.iter_rows(named=True):
        other = sim.filter((sim["text_a"] == row["text_b"]) & (sim["text_b"] == row["text_a"]))
        assert other["cosine"][0] == pytest.approx(row["cosine"])
        if row["text_a"] == row["text_b"]:
            assert row["cosine"] == pytest.approx(1.0)
        else:
            assert 0 < row["cosine"] < 1


def test_vocabulary_shared_and_distinctive():
    vocab = k.textstat_vocabulary()
    used = dict(vocab.select("term", "used_by").iter_rows())
    assert used["khojali"] == "petition"
    assert used["khojaly"] == "response"
    assert used["artsakh"] == "letter"
    assert used["integrity"] == "petition + response"  # "territorial integrity"
    assert used["canada"] == "all three"
    summary = k.textstat_vocabulary_summary()
    assert summary["n_types"].sum() == vocab.height
    vec = _independent_counts()
    only_letter = set(vec["letter"]) - set(vec["petition"]) - set(vec["response"])
    assert summary.filter(summary["used_by"] == "letter")["n_types"][0] == len(only_letter)
    # rows in the fixed order: each text alone, each pair, all three
    assert summary["used_by"].to_list() == [
        "petition",
        "response",
        "letter",
        "petition + response",
        "petition + letter",
        "response + letter",
        "all three",
    ]
