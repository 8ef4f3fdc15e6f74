"""The benchmark baselines on small hand-made inputs: tokens, counts, G2 by hand, matching."""

from __future__ import annotations

import math
from collections import Counter

import pytest

from analysis.bench import baselines
from analysis.measures import keyness


def test_g2_loop_equals_a_hand_computation():
    # a=10 of c=1,000 in the target, b=20 of d=4,000 in the reference: N=5,000, k=30
    # expected counts: E_a = 1000*30/5000 = 6, E_b = 24, E_(c-a) = 994, E_(d-b) = 3976
    hand = 2 * (
        10 * math.log(10 / 6)
        + 20 * math.log(20 / 24)
        + 990 * math.log(990 / 994)
        + 3980 * math.log(3980 / 3976)
    )
    # 2 * (5.1083 - 3.6464 - 3.9919 + 4.0020)
    assert hand == pytest.approx(2.9438, abs=1e-4)
    assert baselines.g2_loop(10, 20, 1000, 4000) == pytest.approx(hand, rel=1e-12)
    # under-used in the target: the same magnitude, negative
    assert baselines.g2_loop(20, 10, 4000, 1000) == pytest.approx(-hand, rel=1e-12)
    assert baselines.g2_loop(5, 20, 1000, 4000) == 0.0  # equal rates
    assert baselines.g2_loop(10, 20, 1000, 4000) == pytest.approx(keyness.g2(10, 20, 1000, 4000))


def test_keyness_loop_pools_the_other_groups_and_drops_stopwords():
    counts = {"a": Counter({"x": 10, "the": 990}), "b": Counter({"x": 20, "the": 3980})}
    out = baselines.keyness_loop(counts, frozenset({"the"}))
    assert set(out["a"]) == {"x"}
    assert out["a"]["x"] == pytest.approx(baselines.g2_loop(10, 20, 1000, 4000))
    assert out["b"]["x"] == pytest.approx(-out["a"]["x"])


def test_tokens_and_counts():
    texts = ["The Council met. It asked: why?", "Roads, roads and bridges!"]
    assert baselines.re_tokens(texts) == [
        ["the", "council", "met", ".", "it", "asked", ":", "why", "?"],
        ["roads", ",", "roads", "and", "bridges", "!"],
    ]
    student = baselines.student_tokens(texts)
    assert student[0] == ["the", "council", "met", ".", "it", "asked", ":", "why", "?"]
    assert student[1] == ["roads", ",", "roads", "and", "bridges", "!"]
    spans = baselines.nltk_span_tokens(texts)
    # offsets slice each text back to the tokens the student version lower-cases
    assert [
        [t[s:e].lower() for s, e in doc] for t, doc in zip(texts, spans, strict=True)
    ] == student
    assert spans[1][:2] == [(0, 5), (5, 6)]
    sentences = ["The Council met.", "Roads, roads!"]
    assert baselines.nltk_word_spans(sentences) == [
        [(0, 3), (4, 11), (12, 15), (15, 16)],
        [(0, 5), (5, 6), (7, 12), (12, 13)],
    ]
    assert baselines.re_word_spans(sentences) == baselines.nltk_word_spans(sentences)
    by_group = baselines.student_counts(student, ["g1", "g2"])
    assert by_group["g2"] == Counter({"roads": 2, "and": 1, "bridges": 1})
    assert baselines.re_counts(texts, ["g", "g"])["g"]["roads"] == 2
    assert sum(baselines.re_counts(texts, ["g", "g"])["g"].values()) == 10


def test_student_and_re_matchers_find_multiword_and_wildcard_entries():
    patterns = ["human rights", "rights", "condemn*", "peace process"]
    text = "We condemn the condemnation of human rights and rights in the peace process."
    student = baselines.student_matcher(patterns)(baselines.student_tokens([text])[0])
    assert student == Counter({"condemn*": 2, "human_rights": 1, "rights": 1, "peace_process": 1})
    regex = baselines.re_matcher(patterns)(text)
    assert regex == Counter(
        {"condemn": 1, "condemnation": 1, "human rights": 1, "rights": 1, "peace process": 1}
    )
    assert baselines.re_matcher([])("anything") == Counter()
