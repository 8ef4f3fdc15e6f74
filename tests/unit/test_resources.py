"""The offline NLTK data directory under concurrent first use, and its permissions.

Several processes (parallel workers, notebook kernels) may call ``ensure_nltk_data`` at the same
moment on a directory that does not exist yet. Each round here starts processes that wait at a
barrier, then all build at once; every one must succeed and be able to load the VADER lexicon
and the CMU dictionary from the directory it was given, while the others finish their builds.
"""

from __future__ import annotations

import multiprocessing
import os
import stat
from pathlib import Path

import pytest

from analysis import resources

PROCESSES = 4
ROUNDS = 2


def _umask() -> int:
    old = os.umask(0)
    os.umask(old)
    return old


def _use_data(target: str, barrier, results) -> None:
    """Worker: build at the barrier, then read both resources from the directory returned."""
    import nltk
    from nltk.corpus.reader import CMUDictCorpusReader
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    try:
        barrier.wait(timeout=60)
        version = resources.ensure_nltk_data(Path(target))
        cmu = CMUDictCorpusReader(str(version / "corpora" / "cmudict"), ["cmudict"])
        phones = cmu.dict()["territorial"][0]
        # Read again while the other processes finish (the old code deleted the tree here).
        for _ in range(20):
            sia = SentimentIntensityAnalyzer(lexicon_file=resources.VADER_RESOURCE)
            score = sia.polarity_scores("good")["compound"]
        results.put(("ok", str(version), nltk.data.path[0], score, " ".join(phones)))
    except BaseException as exc:  # report every failure to the parent, whatever it is
        results.put(("error", f"{type(exc).__name__}: {exc}"))


def _round(target: Path) -> list[tuple]:
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(PROCESSES)
    results = ctx.Queue()
    procs = [
        ctx.Process(target=_use_data, args=(str(target), barrier, results))
        for _ in range(PROCESSES)
    ]
    for p in procs:
        p.start()
    out = [results.get(timeout=300) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    return out


def test_concurrent_first_calls_all_succeed(tmp_path):
    # The expected values are computed here from the packages, independently of the workers.
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    version = resources.ensure_nltk_data(tmp_path / "reference")
    expected_score = SentimentIntensityAnalyzer(
        lexicon_file=resources.VADER_RESOURCE
    ).polarity_scores("good")["compound"]
    assert expected_score == pytest.approx(0.4404, abs=1e-4)  # VADER's published score
    for n in range(ROUNDS):
        target = tmp_path / f"round-{n}" / "nltk_data"
        out = _round(target)
        errors = [r for r in out if r[0] != "ok"]
        assert errors == [], f"round {n}: {errors}"
        assert {r[1] for r in out} == {str(target / version.name)}, "all use the one copy"
        assert all(r[1] == r[2] for r in out), "the version is first on nltk.data.path"
        assert {r[3] for r in out} == {expected_score}
        assert {r[4] for r in out} == {"T EH2 R IH0 T AO1 R IY0 AH0 L"}
        # One published version; every loser's temporary build is gone.
        assert sorted(p.name for p in target.iterdir()) == [version.name]


def test_directories_get_normal_permissions(tmp_path):
    version = resources.ensure_nltk_data(tmp_path / "cache" / "nltk_data")
    want = 0o777 & ~_umask()
    for d in (tmp_path / "cache", version.parent, version, version / "corpora" / "cmudict"):
        assert stat.S_IMODE(d.stat().st_mode) == want, d
    zipped = version / "sentiment" / "vader_lexicon.zip"
    assert stat.S_IMODE(zipped.stat().st_mode) == 0o666 & ~_umask()


def test_a_complete_version_is_reused_not_rebuilt(tmp_path):
    first = resources.ensure_nltk_data(tmp_path / "d")
    stamp = first / "BUILD.json"
    before = stamp.stat().st_mtime_ns, stamp.stat().st_ino
    again = resources.ensure_nltk_data(tmp_path / "d")
    assert again == first
    assert (stamp.stat().st_mtime_ns, stamp.stat().st_ino) == before


def test_an_unfinished_build_left_behind_is_not_used(tmp_path):
    # A build that died half-way (no BUILD.json) under the version's own name: never trusted.
    target = tmp_path / "d"
    name = resources.ensure_nltk_data(tmp_path / "ref").name
    (target / f".build-1-{'0' * 32}" / "corpora").mkdir(parents=True)
    version = resources.ensure_nltk_data(target)
    assert version.name == name and (version / "BUILD.json").is_file()
    assert (version / "sentiment" / "vader_lexicon.zip").is_file()


def test_version_name_follows_the_source_files():
    a = resources._version_name({"cmudict": "1" * 64, "vader": "2" * 64})
    b = resources._version_name({"cmudict": "1" * 64, "vader": "3" * 64})
    assert a != b and a.startswith("v-") and len(a) == 18
    assert a == resources._version_name({"vader": "2" * 64, "cmudict": "1" * 64})
