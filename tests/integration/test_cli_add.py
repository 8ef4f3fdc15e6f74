"""Integration: `discourse add` of the synthetic pages into a scratch project, `discourse remove`."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from conftest import run_discourse as run

pytestmark = pytest.mark.integration

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"


def test_add_three_pages_then_remove_restores_the_manifest(scratch_root):
    manifest = scratch_root / "data" / "corpus.toml"
    before = manifest.read_bytes()
    raw_before = sorted(p.name for p in (scratch_root / "data" / "raw").iterdir())

    out = run(scratch_root, "add", str(PAGES / "e-petition-with-response.txt"))
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        "e-petition e-9901: 5 preamble items, 4 demands, response by the Minister of Canadian "
        "Heritage, signed by Jordan Sample, 2 paragraphs; presented 2025-09-22 (No. 451-00412); "
        "response tabled 2025-11-05",
        "added source e-9901 (e-petition); texts: e-9901, e-9901-response",
    ]
    assert "build: tokens" in out.stderr  # the processed data were rebuilt

    out = run(scratch_root, "add", str(PAGES / "paper-petition-whereas.txt"))
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0] == (
        "paper-petition 451-00777: 2 preamble items, 2 demands, no response; "
        "presented 2025-10-08 (No. 451-00777)"
    )
    out = run(
        scratch_root,
        "add",
        str(PAGES / "statement-plain.txt"),
        "--kind",
        "plain",
        "--id",
        "reading-statement",
        "--speaker",
        "a reading association",
        "--date",
        "2025-10-01",
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0] == "plain reading-statement: 3 paragraphs"

    segs = pl.read_parquet(scratch_root / "data" / "processed" / "segments.parquet")
    assert segs.height == 73 + 23 + 14 + 3
    texts = segs.filter(pl.col("text_id").is_not_null())["text_id"].unique(maintain_order=True)
    assert texts.to_list() == [
        "petition",
        "response",
        "letter",
        "e-9901",
        "e-9901-response",
        "451-00777",
        "reading-statement",
    ]
    demands = segs.filter(pl.col("role") == "petition_demand")
    assert demands.group_by("doc_id", maintain_order=True).len().rows() == [
        ("petition", 3),
        ("e-9901", 4),
        ("451-00777", 2),
    ]

    for ident in ("e-9901", "reading-statement", "451-00777"):
        out = run(scratch_root, "remove", ident)
        assert out.returncode == 0, out.stderr
        assert out.stdout.startswith(f"removed source {ident}")
    assert manifest.read_bytes() == before
    assert sorted(p.name for p in (scratch_root / "data" / "raw").iterdir()) == raw_before
    segs = pl.read_parquet(scratch_root / "data" / "processed" / "segments.parquet")
    assert segs.height == 73


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "missing.txt"], "missing.txt: no such file"),
        (["add", "PAGE", "--date", "22/09/2025"], "--date '22/09/2025': not a date"),
        (
            ["add", "PAGE", "--id", "petition"],
            "id 'petition' (new source) is already a document id",
        ),
        (["add", "PAGE", "--kind", "poem"], "--kind 'poem': unknown kind; use one of auto"),
        (["remove", "nobody"], "no source or text 'nobody' to remove"),
    ],
)
def test_bad_input_prints_one_line_and_exits_2(scratch_root, args, message):
    manifest = scratch_root / "data" / "corpus.toml"
    before = manifest.read_bytes()
    args = [str(PAGES / "statement-plain.txt") if a == "PAGE" else a for a in args]
    out = run(scratch_root, *args)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], out.stderr
    assert "Traceback" not in out.stderr
    assert manifest.read_bytes() == before
