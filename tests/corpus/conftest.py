"""Fixtures of the corpus tier: the default corpus tables, loaded once per test session."""

from __future__ import annotations

import pytest

from analysis import corpus, tokens


@pytest.fixture(scope="session")
def segments():
    return corpus.corpus_segments()


@pytest.fixture(scope="session")
def sentences():
    return tokens.corpus_sentences()


@pytest.fixture(scope="session")
def toks():
    """Normalised tokens of the three primary texts."""
    return tokens.corpus_tokens()
