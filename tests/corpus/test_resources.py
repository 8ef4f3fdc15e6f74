"""Offline language data: built from PyPI packages, registered for NLTK, never downloaded."""

from __future__ import annotations

import socket

import nltk
import pytest

from analysis import corpus, resources, tokens
from analysis.io import DiscourseError


class NetworkBlocked(RuntimeError):
    pass


@pytest.fixture()
def no_network(monkeypatch):
    """Make every socket connection and DNS lookup fail, and record the attempts."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise NetworkBlocked(f"network access attempted: {args!r}")

    class GuardedSocket(socket.socket):
        def connect(self, address):
            refuse(address)

        def connect_ex(self, address):
            refuse(address)

    monkeypatch.setattr(socket, "socket", GuardedSocket)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_the_guard_really_blocks_sockets(no_network):
    with pytest.raises(NetworkBlocked):
        socket.create_connection(("127.0.0.1", 9))
    with pytest.raises(NetworkBlocked):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM).connect(("127.0.0.1", 9))
    import urllib.request

    with pytest.raises(NetworkBlocked):
        urllib.request.urlopen("http://example.org", timeout=1)
    assert len(no_network) == 3


def test_whole_pipeline_runs_with_sockets_blocked(no_network, tmp_path):
    # Start cold: caches cleared and language data built into an empty directory.
    corpus.clear_caches()
    tokens._corpus_tables.cache_clear()
    target = resources.ensure_nltk_data(tmp_path / "nltk_data")
    segs = corpus.corpus_segments()
    toks = tokens.corpus_tokens()
    assert segs.height == 73 and toks.height > 1000
    sia = resources.vader_analyzer()
    assert sia.polarity_scores("VADER is smart, handsome, and funny.")["compound"] == pytest.approx(
        0.8316, abs=1e-4
    )
    ts = resources.textstat_module()
    assert ts.syllable_count("territorial") == 5
    assert ts.flesch_reading_ease(" ".join(tokens.corpus_sentences()["text"].head(3))) < 100
    assert (target / "corpora" / "cmudict" / "cmudict").is_file()
    assert no_network == []


def test_nltk_download_is_refused():
    resources.ensure_nltk_data()
    with pytest.raises(DiscourseError, match="runs offline"):
        nltk.download("punkt_tab")


def test_data_directory_is_registered_and_found():
    target = resources.ensure_nltk_data()
    assert str(target) == nltk.data.path[0]
    assert nltk.data.find("corpora/cmudict")
    assert nltk.data.find(resources.VADER_RESOURCE)


def test_cmudict_conversion_to_nltk_format():
    lines = ["abandon AH0 B AE1 N D AH0 N", "abkhazia(2) AH0 B K AA1 Z IY0 AH0  # place", "", "# c"]
    assert resources.cmudict_to_nltk(lines) == [
        "ABANDON 1 AH0 B AE1 N D AH0 N",
        "ABKHAZIA 2 AH0 B K AA1 Z IY0 AH0",
    ]
    resources.ensure_nltk_data()
    from nltk.corpus import cmudict

    assert cmudict.dict()["territorial"][0] == [
        "T",
        "EH2",
        "R",
        "IH0",
        "T",
        "AO1",
        "R",
        "IY0",
        "AH0",
        "L",
    ]  # as in cmudict.dict


def test_rebuild_is_idempotent(tmp_path):
    a = resources.ensure_nltk_data(tmp_path / "d")
    first = (a / "sentiment" / "vader_lexicon.zip").read_bytes()
    b = resources.ensure_nltk_data(tmp_path / "d")
    assert a == b and (b / "sentiment" / "vader_lexicon.zip").read_bytes() == first


def test_stopwords_list():
    words = resources.stopwords()
    assert {"the", "and", "of", "'s"} <= words
    assert "canada" not in words and "genocide" not in words
