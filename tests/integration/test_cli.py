"""Integration: the `discourse` command line (corpus, build, check) and its error handling."""

from __future__ import annotations

import polars as pl
import pytest
from conftest import run_discourse as run

pytestmark = pytest.mark.integration


def test_corpus_lists_documents_and_text_sizes(scratch_root):
    out = run(scratch_root, "corpus")
    assert out.returncode == 0, out.stderr
    assert "petition-e-3780" in out.stdout and "letter_signatories" in out.stdout
    assert "Government response" in out.stdout and "861" in out.stdout


def test_build_writes_parquet_and_csv_and_check_passes(built_project, built_root):
    _, out = built_project  # `discourse build` in a scratch project (run once per session)
    assert out.returncode == 0, out.stderr
    assert "build: segments" in out.stderr  # progress lines
    scratch_root = built_root  # a copy of that project
    processed = scratch_root / "data" / "processed"
    for name in ("sources", "documents", "segments", "sentences", "tokens"):
        assert (processed / f"{name}.parquet").is_file() and (processed / f"{name}.csv").is_file()
    segs = pl.read_parquet(processed / "segments.parquet")
    assert segs.height == 73
    assert pl.read_csv(processed / "segments.csv").height == 73
    assert not list(processed.glob(".*.tmp")), "temporary files left behind"
    check = run(scratch_root, "check")
    assert "data/processed" not in check.stderr  # processed data is up to date


def test_build_is_skipped_when_inputs_are_unchanged_and_check_still_compares(built_root):
    scratch_root = built_root  # a copy of the session's build (its cache record names another path)
    processed = scratch_root / "data" / "processed"
    assert run(scratch_root, "build").returncode == 0
    tokens = processed / "tokens.parquet"
    mtime = tokens.stat().st_mtime_ns
    again = run(scratch_root, "build")
    assert again.returncode == 0, again.stderr
    assert "build: up to date (inputs unchanged)" in again.stderr
    assert "build: tokens" not in again.stderr and tokens.stat().st_mtime_ns == mtime
    forced = run(scratch_root, "build", "--force")
    assert "build: tokens" in forced.stderr and "wrote 10 files" in forced.stderr
    # A changed input (a lexicon) means a rebuild.
    lexicon = scratch_root / "data" / "lexicons" / "stance-markers.csv"
    lexicon.write_text(lexicon.read_text() + "\n")
    assert "build: tokens" in run(scratch_root, "build").stderr
    # The cache never hides a hand-edited table from `check`, and the next build repairs it.
    csv = processed / "segments.csv"
    csv.write_text(csv.read_text().replace("Khojaly", "Khojali"))
    check = run(scratch_root, "check")
    assert "data/processed/segments.csv is out of date" in check.stderr
    assert "build: segments" in run(scratch_root, "build").stderr
    assert not [p for p in processed.parent.iterdir() if ".staging-" in p.name]


def test_a_failed_build_leaves_the_previous_processed_data_whole(built_root):
    """New sources and segments, then the last table fails: nothing of the new build is kept."""
    scratch_root = built_root
    import hashlib
    import os
    import subprocess
    import sys

    processed = scratch_root / "data" / "processed"
    assert run(scratch_root, "build").returncode == 0
    before = {p.name: p.read_bytes() for p in processed.iterdir()}
    raw = scratch_root / "data" / "raw" / "petition-e-3780.txt"
    old = hashlib.sha256(raw.read_bytes()).hexdigest()
    raw.write_bytes(raw.read_bytes() + b"\nA line added after the first build.\n")
    manifest = scratch_root / "data" / "corpus.toml"
    new = hashlib.sha256(raw.read_bytes()).hexdigest()
    manifest.write_text(manifest.read_text().replace(old, new))
    script = (
        "import sys\nfrom analysis import cli\nfrom analysis.io import DiscourseError\n"
        "def fail():\n    raise DiscourseError('tokens: cannot be built (simulated).')\n"
        "cli.PROCESSED_TABLES['tokens'] = fail\nsys.exit(cli.main(['build']))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "DISCOURSE_ROOT": str(scratch_root)},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert out.returncode == 2 and "build: segments" in out.stderr, out.stderr
    assert out.stderr.strip().splitlines()[-1] == (
        "discourse build: error: tokens: cannot be built (simulated)."
    )
    assert {p.name: p.read_bytes() for p in processed.iterdir()} == before
    assert sorted(p.name for p in processed.parent.iterdir() if p.name.startswith(".")) == []
    rebuilt = run(scratch_root, "build")  # inputs changed: rebuilt, not "up to date"
    assert "wrote 10 files" in rebuilt.stderr
    assert (processed / "sources.csv").read_bytes() != before["sources.csv"]


def test_check_reports_stale_processed_data(built_root):
    scratch_root = built_root  # `discourse build` ran there (built_root checks it passed)
    path = scratch_root / "data" / "processed" / "segments.parquet"
    pl.read_parquet(path).head(3).write_parquet(path)
    out = run(scratch_root, "check")
    assert out.returncode != 0
    assert "data/processed/segments.parquet is out of date: run `discourse build`" in out.stderr
    assert "segments.csv" not in out.stderr


def test_check_reports_a_hand_edited_csv(built_root):
    scratch_root = built_root  # `discourse build` ran there (built_root checks it passed)
    path = scratch_root / "data" / "processed" / "tokens.csv"
    path.write_text(path.read_text().replace("Khojaly", "Khojali"))
    out = run(scratch_root, "check")
    assert out.returncode != 0
    assert "data/processed/tokens.csv is out of date: run `discourse build`" in out.stderr
    assert "tokens.parquet" not in out.stderr


def test_checksum_mismatch_fails_cleanly(scratch_root):
    raw = scratch_root / "data" / "raw" / "petition-e-3780.txt"
    raw.write_bytes(raw.read_bytes() + b"\n")
    out = run(scratch_root, "build")
    assert out.returncode == 2
    assert "checksum mismatch for 'petition-e-3780'" in out.stderr
    assert "Traceback" not in out.stderr
    assert not (scratch_root / "data" / "processed" / "segments.parquet").exists()
    check = run(scratch_root, "check")
    assert check.returncode != 0 and "checksum mismatch" in check.stderr


def test_missing_raw_file_fails_cleanly(scratch_root):
    (scratch_root / "data" / "raw" / "hayren-ngo-letter-2023-09-07.txt").unlink()
    out = run(scratch_root, "corpus")
    assert out.returncode == 2
    assert (
        "hayren-ngo-letter-2023-09-07.txt: raw source 'hayren-ngo-letter-2023-09-07' is missing"
        in out.stderr
    )


def test_malformed_manifest_fails_naming_the_line(scratch_root):
    manifest = scratch_root / "data" / "corpus.toml"
    text = manifest.read_text()
    line = text[: text.index("version = 2")].count("\n") + 1
    manifest.write_text(text.replace("version = 2", "version = = 2", 1))
    out = run(scratch_root, "build")
    assert out.returncode == 2
    assert "corpus.toml: malformed TOML" in out.stderr and f"line {line}" in out.stderr


def test_non_utf8_and_empty_files_fail_cleanly(scratch_root):
    raw = scratch_root / "data" / "raw" / "petition-e-3780.txt"
    raw.write_bytes(b"ok\xc3\x28")
    out = run(scratch_root, "corpus")
    assert out.returncode == 2 and "not valid UTF-8 at byte offset 2" in out.stderr
    raw.write_bytes(b"  \n")
    out = run(scratch_root, "corpus")
    assert out.returncode == 2 and "is empty" in out.stderr


def test_another_manifest_is_built_and_checked_beside_it(scratch_root):
    """`--manifest` (here after the command) reads that corpus and writes only beside it."""
    from integration.conftest import ADDED_TEXTS, write_five_text_corpus

    manifest = write_five_text_corpus(scratch_root / "other")
    corpus = run(scratch_root, "corpus", "--manifest", str(manifest))
    assert corpus.returncode == 0, corpus.stderr
    for label in ADDED_TEXTS.values():
        assert label in corpus.stdout
    build = run(scratch_root, "--manifest", str(manifest), "build")
    assert build.returncode == 0, build.stderr
    segs = pl.read_parquet(scratch_root / "other" / "processed" / "segments.parquet")
    assert segs.height == 73 + 15  # the default pages' segments and the added page's
    assert sorted(segs["text_id"].drop_nulls().unique()) == sorted(
        ["petition", "response", "letter", *ADDED_TEXTS]
    )
    assert not (scratch_root / "data" / "processed").exists()
    check = run(scratch_root, "check", "--manifest", str(manifest))
    assert check.returncode == 1  # figures were not built for this corpus
    problems = [line for line in check.stderr.splitlines() if line.startswith("discourse check:")]
    assert problems and not [line for line in problems if "processed" in line]
    assert "discourse check: other/figures/corpus-text-sizes.svg is missing" in check.stderr
    assert "discourse check: figures/" not in check.stderr  # the project's figures: not checked


def test_manifest_from_the_environment(scratch_root, monkeypatch):
    from integration.conftest import write_five_text_corpus

    manifest = write_five_text_corpus(scratch_root / "other")
    monkeypatch.setenv("DISCOURSE_MANIFEST", str(manifest))
    out = run(scratch_root, "corpus")
    assert out.returncode == 0, out.stderr
    assert "petition-e-9001" in out.stdout
