"""The manifest and rule segmentation on a tiny synthetic corpus: every bad input gives a clear
error naming the file, the place and the fix."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from analysis import corpus
from analysis.io import DiscourseError

from .synthetic import NOTES_MANIFEST

RAW = "Heading of the notes\nFirst remark of the notes.\nSecond remark.\n"


@pytest.fixture()
def scratch(tmp_path) -> Path:
    """A tiny project: corpus.toml and raw/notes.txt."""
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "notes.txt").write_text(RAW)
    path = tmp_path / "corpus.toml"
    path.write_text(
        NOTES_MANIFEST.format(file="raw/notes.txt", sha=hashlib.sha256(RAW.encode()).hexdigest())
    )
    return tmp_path


def test_tiny_manifest_segments(scratch):
    segs = corpus.corpus_segments(manifest_path=scratch / "corpus.toml")
    assert segs["role"].to_list() == ["heading", "remark", "remark"]
    assert segs["segment_id"].to_list() == [
        "notes:heading:1",
        "notes:remark:1",
        "notes:remark:2",
    ]
    for row in segs.iter_rows(named=True):
        assert RAW[row["start"] : row["end"]] == row["text"]
    m = corpus.load_manifest(scratch / "corpus.toml")
    assert m.source_lines == {"notes": 3}


def test_missing_manifest(tmp_path):
    with pytest.raises(DiscourseError, match=r"corpus\.toml: corpus manifest not found"):
        corpus.load_manifest(tmp_path / "corpus.toml")


def test_malformed_manifest_names_the_line(scratch):
    path = scratch / "corpus.toml"
    lines = path.read_text().splitlines()
    lines[5] = "title = = broken"
    path.write_text("\n".join(lines))
    with pytest.raises(DiscourseError, match=r"malformed TOML: .*line 6"):
        corpus.load_manifest(path)


def test_manifest_missing_key_names_the_line(scratch):
    path = scratch / "corpus.toml"
    path.write_text(path.read_text().replace('publisher = "House of Examples"\n', "", 1))
    with pytest.raises(
        DiscourseError,
        match=r"line 3 \(\[\[sources\]\] entry 1\): missing key\(s\) \['publisher'\]",
    ):
        corpus.load_manifest(path)


def test_unknown_source_kind_is_refused(scratch):
    path = scratch / "corpus.toml"
    path.write_text(
        path.read_text().replace(
            'captured = "unknown"\n', 'captured = "unknown"\nkind = "poem"\n', 1
        )
    )
    with pytest.raises(DiscourseError, match=r"line 3: source 'notes' has kind 'poem'; use one of"):
        corpus.load_manifest(path)


def test_missing_raw_file(scratch):
    (scratch / "raw" / "notes.txt").unlink()
    m = corpus.load_manifest(scratch / "corpus.toml")
    with pytest.raises(DiscourseError, match=r"notes\.txt: raw source 'notes' is missing"):
        corpus.read_source("notes", m)


def test_checksum_mismatch(scratch):
    (scratch / "raw" / "notes.txt").write_text(RAW.replace("First", "Fist"))
    m = corpus.load_manifest(scratch / "corpus.toml")
    with pytest.raises(DiscourseError, match=r"checksum mismatch for 'notes'.*never edited"):
        corpus.read_source("notes", m)


def test_not_utf8_names_the_byte_offset(scratch):
    path = scratch / "raw" / "notes.txt"
    data = path.read_bytes()
    path.write_bytes(data[:10] + b"\xff" + data[10:])
    m = corpus.load_manifest(scratch / "corpus.toml")
    with pytest.raises(DiscourseError, match=r"not valid UTF-8 at byte offset 10"):
        corpus.read_source("notes", m)


def test_empty_file(scratch):
    (scratch / "raw" / "notes.txt").write_bytes(b"")
    m = corpus.load_manifest(scratch / "corpus.toml")
    with pytest.raises(DiscourseError, match=r"raw source 'notes' is empty"):
        corpus.read_source("notes", m)


def test_rule_with_wrong_count_names_the_rule_line(scratch):
    path = scratch / "corpus.toml"
    path.write_text(path.read_text().replace("expect = 2", "expect = 3"))
    m = corpus.load_manifest(path)
    rule = next(r for r in m.rules if r.role == "remark")
    assert rule.line == 36  # the second [[segments]] header
    with pytest.raises(
        DiscourseError,
        match=rf"line {rule.line}: rule for role 'remark' matched 2 time\(s\).*expected 3",
    ):
        corpus.segment_source("notes", RAW, m)


def test_unclaimed_text_is_an_error(scratch):
    m = corpus.load_manifest(scratch / "corpus.toml")
    m2 = corpus.Manifest(
        m.path, m.sources, m.documents, m.texts, tuple(r for r in m.rules if r.role != "heading")
    )
    with pytest.raises(
        DiscourseError, match=r"at line 1 .*belongs to no segment rule: 'Heading of the notes'"
    ):
        corpus.segment_source("notes", RAW, m2)


def test_unknown_top_level_key_is_refused(scratch):
    path = scratch / "corpus.toml"
    path.write_text(path.read_text().replace("[[texts]]", "[[textz]]"))
    with pytest.raises(DiscourseError, match=r"unknown top-level key\(s\) \['textz'\]"):
        corpus.load_manifest(path)


def test_inline_table_array_is_refused_clearly(scratch):
    path = scratch / "corpus.toml"
    text = re.sub(r"(?m)^\[\[texts\]\](?s:.*?)(?=^# --- rules)", "", path.read_text())
    text = text.replace("version = 2\n", 'version = 2\ntexts = [{id = "x"}]\n', 1)
    path.write_text(text)
    with pytest.raises(
        DiscourseError, match=r"write each texts entry as its own \[\[texts\]\] table"
    ):
        corpus.load_manifest(path)


def test_duplicate_text_id_names_the_line(scratch):
    path = scratch / "corpus.toml"
    text = path.read_text()
    block = text[text.index("[[texts]]") : text.index("# --- rules")]
    path.write_text(text.replace(block, block + block))
    with pytest.raises(DiscourseError, match=r"line 27: duplicate texts id 'notes'"):
        corpus.load_manifest(path)


def test_two_documents_with_one_source_part_are_refused(scratch):
    path = scratch / "corpus.toml"
    text = path.read_text()
    doc = text[text.index("[[documents]]") : text.index("[[texts]]")]
    first = doc.replace('date_note = "n"\n', 'date_note = "n"\npart = "text"\n')
    second = first.replace('id = "notes"', 'id = "notes-again"')
    path.write_text(text.replace(doc, first + second))
    with pytest.raises(
        DiscourseError,
        match=r"corpus\.toml, line 21: document 'notes-again' takes part 'text' of source "
        r"'notes', as document 'notes' \(line 12\) already does; each part of a source is one "
        r"document",
    ):
        corpus.load_manifest(path)
    # Different parts of one source are fine.
    path.write_text(text.replace(doc, first + second.replace('part = "text"', 'part = "notes"')))
    assert [d.part for d in corpus.load_manifest(path).documents] == ["text", "notes"]
