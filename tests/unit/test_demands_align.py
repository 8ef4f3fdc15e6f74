"""Alignment building blocks on hand-made input: TF-IDF, cosine and content terms."""

from __future__ import annotations

import math

import pytest

from analysis.measures import demands


def test_cosine_of_an_empty_vector_is_zero():
    # a unit with no content term shares nothing: cosine 0 instead of keyness.cosine's error
    assert demands.cosine({}, {"x": 1.0}) == 0.0
    assert demands.cosine({"x": 3.0}, {"x": 1.0, "y": 0.0}) == pytest.approx(1.0)


def test_tfidf_matches_hand_calculation():
    # N = 2; df(x) = 2, df(y) = 1; idf(x) = ln(3/3) + 1 = 1, idf(y) = ln(3/2) + 1.
    v = demands.tfidf_vectors({"a": ["x", "y"], "b": ["x"]})
    idf_y = math.log(1.5) + 1
    assert demands.cosine(v["a"], v["b"]) == pytest.approx(1 / math.sqrt(1 + idf_y**2))
    assert demands.cosine(v["a"], v["a"]) == pytest.approx(1.0)


def test_content_terms_fold_variants_and_plurals():
    assert demands.content_term("khojali") == demands.content_term("khojaly")
    assert demands.content_term("demarcations") == "demarcation"
    assert demands.content_term("recognised") == "recognized"
