"""Building segments safely on a tiny synthetic corpus: paths confined to the raw directory,
a size limit refused up front, linear byte offsets, progress on large sources, BOM and CRLF."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import corpus
from analysis.corpus import segments
from analysis.corpus.manifest import (
    MAX_SOURCE_LINES,
    MAX_SOURCE_MB,
    max_source_bytes,
    max_source_lines,
)
from analysis.corpus.parsers.letter import parse_letter
from analysis.io import DiscourseError

from .synthetic import NOTES_MANIFEST

RAW = "Heading of the notes\nFirst remark of the notes.\nSecond remark, café ☕ 𝔘.\n"
SECRET = "root:x:0:0:secret first line\nsecond secret line\n"
# One rule that claims everything: with it, any readable file would land in segments.csv.
CATCH_ALL = """version = 2

[[sources]]
id = "notes"
file = "{file}"
sha256 = "{sha}"
title = "Notes"
publisher = "p"
origin = "o"
captured = "unknown"

[[documents]]
id = "notes"
source = "notes"
title = "Notes"
speaker = "s"
date = "2025-01-01"
date_note = "n"

[[texts]]
id = "notes"
label = "Notes"
document = "notes"
roles = ["all"]

[[segments]]
source = "notes"
document = "notes"
role = "all"
pattern = '(?s)\\A(?P<text>.+)\\Z'
expect = 1
"""


def _corpus(tmp_path: Path, raw: bytes, *, file: str = "raw/notes.txt", template=NOTES_MANIFEST):
    (tmp_path / "raw").mkdir(exist_ok=True)
    if file.startswith("raw/"):
        (tmp_path / file).write_bytes(raw)
    path = tmp_path / "corpus.toml"
    path.write_text(template.format(file=file, sha=hashlib.sha256(raw).hexdigest()))
    return path


# --- case 2: paths confined to the raw directory ----------------------------------------------


def _outside(tmp_path: Path) -> Path:
    secret = tmp_path / "elsewhere" / "passwd"
    secret.parent.mkdir()
    secret.write_text(SECRET)
    return secret


@pytest.mark.parametrize("how", ["absolute", "dotdot", "symlink", "symlinked-dir"])
def test_a_source_outside_the_raw_directory_is_refused_before_reading(tmp_path, how):
    secret = _outside(tmp_path)
    (tmp_path / "raw").mkdir()
    if how == "absolute":
        file = str(secret)
    elif how == "dotdot":
        file = "raw/../elsewhere/passwd"
    elif how == "symlink":
        (tmp_path / "raw" / "notes.txt").symlink_to(secret)
        file = "raw/notes.txt"
    else:
        (tmp_path / "raw" / "sub").symlink_to(secret.parent, target_is_directory=True)
        file = "raw/sub/passwd"
    path = tmp_path / "corpus.toml"
    # The right hash and a catch-all rule: before the fix, the file lands in the segments.
    path.write_text(CATCH_ALL.format(file=file, sha=hashlib.sha256(SECRET.encode()).hexdigest()))
    with pytest.raises(DiscourseError) as err:
        corpus.corpus_segments(manifest_path=path)
    message = str(err.value)
    assert "\n" not in message
    assert str(path) in message and "line 3" in message and "'notes'" in message
    assert "outside" in message and str(tmp_path / "raw") in message
    assert "secret" not in message
    # A wrong hash is never printed either: the file is refused before it is read.
    path.write_text(CATCH_ALL.format(file=file, sha="0" * 64))
    m = corpus.load_manifest(path)
    with pytest.raises(DiscourseError, match="outside") as err:
        corpus.read_source("notes", m)
    assert hashlib.sha256(SECRET.encode()).hexdigest() not in str(err.value)
    with pytest.raises(DiscourseError, match="outside"):
        corpus.corpus_sources(manifest_path=path)


def test_a_sidecar_outside_the_raw_directory_is_refused(tmp_path):
    secret = _outside(tmp_path)
    raw = b"First paragraph.\n\nSecond paragraph.\n"
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "n.txt").write_bytes(raw)
    path = tmp_path / "corpus.toml"
    path.write_text(
        f'version = 2\n\n[[sources]]\nid = "n"\nfile = "raw/n.txt"\n'
        f'sha256 = "{hashlib.sha256(raw).hexdigest()}"\ntitle = "t"\npublisher = "p"\n'
        f'origin = "o"\ncaptured = "unknown"\nkind = "plain"\nsidecar = "{secret}"\n\n'
        '[[documents]]\nid = "n"\nsource = "n"\npart = "text"\ntitle = "t"\nspeaker = "s"\n'
        'date = "unknown"\ndate_note = "n"\n\n'
        '[[texts]]\nid = "n"\nlabel = "N"\ndocument = "n"\nroles = ["text_paragraph"]\n'
    )
    with pytest.raises(DiscourseError, match=r"line 3: .*sidecar .*outside") as err:
        corpus.corpus_segments(manifest_path=path)
    assert "secret" not in str(err.value)


def test_a_source_inside_the_raw_directory_is_read(tmp_path):
    path = _corpus(tmp_path, RAW.encode(), file="raw/./notes.txt")
    (tmp_path / "raw" / "deeper").mkdir()
    assert corpus.read_source("notes", corpus.load_manifest(path)) == RAW
    assert corpus.corpus_segments(manifest_path=path).height == 3


# --- case 3: size limit, linear byte offsets, progress -----------------------------------------


def test_a_source_over_the_size_limit_is_refused_up_front(tmp_path, monkeypatch):
    raw = (RAW * 40).encode()  # 3.6 kB
    path = _corpus(tmp_path, raw)
    monkeypatch.setenv("DISCOURSE_MAX_SOURCE_MB", "0.002")  # 2,097 bytes
    m = corpus.load_manifest(path)
    with pytest.raises(DiscourseError) as err:
        corpus.read_source("notes", m)
    message = str(err.value)
    assert "\n" not in message
    assert "notes.txt" in message and f"{len(raw):,} bytes" in message
    assert "2,097 bytes" in message and "DISCOURSE_MAX_SOURCE_MB" in message
    monkeypatch.setenv("DISCOURSE_MAX_SOURCE_MB", "1")
    assert corpus.read_source("notes", m, verify=False).startswith("Heading")
    monkeypatch.setenv("DISCOURSE_MAX_SOURCE_MB", "lots")
    with pytest.raises(DiscourseError, match=r"DISCOURSE_MAX_SOURCE_MB='lots'.*number"):
        corpus.read_source("notes", m)


def test_a_source_with_too_many_lines_is_refused_before_parsing(tmp_path, monkeypatch):
    raw = (RAW * 40).encode()  # 120 lines and a final empty one
    path = _corpus(tmp_path, raw)
    m = corpus.load_manifest(path)
    monkeypatch.setenv("DISCOURSE_MAX_SOURCE_LINES", "100")
    with pytest.raises(DiscourseError) as err:
        corpus.corpus_segments(manifest_path=path)
    message = str(err.value)
    assert "notes.txt" in message and "121 lines" in message and "limit of 100 lines" in message
    assert "DISCOURSE_MAX_SOURCE_LINES" in message and "\n" not in message
    monkeypatch.setenv("DISCOURSE_MAX_SOURCE_LINES", "121")
    assert corpus.read_source("notes", m) == RAW * 40
    monkeypatch.setenv("DISCOURSE_MAX_SOURCE_LINES", "0")
    with pytest.raises(DiscourseError, match=r"DISCOURSE_MAX_SOURCE_LINES='0'"):
        corpus.read_source("notes", m)


def test_the_default_size_limits_are_documented(monkeypatch):
    monkeypatch.delenv("DISCOURSE_MAX_SOURCE_MB", raising=False)
    monkeypatch.delenv("DISCOURSE_MAX_SOURCE_LINES", raising=False)
    assert MAX_SOURCE_MB == 64 and MAX_SOURCE_LINES == 2_000_000
    assert max_source_bytes() == 64 * 2**20 and max_source_lines() == 2_000_000


def _naive(raw: str, offsets: list[int]) -> list[int]:
    return [len(raw[:o].encode("utf-8")) for o in offsets]


def test_byte_offsets_equal_the_naive_computation():
    raw = "aé☕𝔘\n" * 7 + "plain ascii tail"
    offsets = [0, 1, 2, 3, 4, 5, 17, 3, len(raw), 0, 9, 9]
    assert segments.byte_offsets(raw, offsets) == _naive(raw, offsets)
    assert segments.byte_offsets("", [0]) == [0]
    assert segments.byte_offsets("ascii only", [10, 0, 4]) == [10, 0, 4]


@settings(max_examples=200, deadline=None)
@given(st.text(), st.data())
def test_byte_offsets_property(raw, data):
    offsets = data.draw(st.lists(st.integers(0, len(raw)), max_size=20))
    assert segments.byte_offsets(raw, offsets) == _naive(raw, offsets)


def test_segment_byte_offsets_slice_the_raw_bytes(tmp_path):
    path = _corpus(tmp_path, RAW.encode())
    data = RAW.encode()
    segs = corpus.corpus_segments(manifest_path=path)
    for row in segs.iter_rows(named=True):
        assert data[row["start_byte"] : row["end_byte"]].decode() == row["text"]
    assert segs["end_byte"].to_list()[-1] == len(RAW.rstrip("\n").encode())


def test_progress_is_reported_for_large_sources_only(tmp_path, monkeypatch, capsys):
    path = _corpus(tmp_path, RAW.encode())
    corpus.corpus_segments(manifest_path=path)
    assert capsys.readouterr().err == ""  # quiet for small inputs
    seen: list[str] = []
    monkeypatch.setattr(segments, "PROGRESS_BYTES", 10)
    monkeypatch.setattr(segments, "progress", seen.append)
    segments._segments_frame(corpus.load_manifest(path))
    assert any("notes" in s and "segment" in s for s in seen), seen
    assert len(seen) >= 2  # a line when the source starts, one when it is done


def test_progress_goes_to_stderr_by_default(tmp_path, monkeypatch, capsys):
    path = _corpus(tmp_path, RAW.encode())
    monkeypatch.setattr(segments, "PROGRESS_BYTES", 10)
    segments._segments_frame(corpus.load_manifest(path))
    err = capsys.readouterr().err
    assert "notes" in err and "segments" in err


# --- case 5: BOM and CRLF ----------------------------------------------------------------------


@pytest.mark.parametrize("bom,eol", [("\ufeff", "\r\n"), ("\ufeff", "\n"), ("", "\r\n")])
def test_rules_source_with_bom_and_crlf(tmp_path, bom, eol):
    raw = bom + RAW.replace("\n", eol)
    path = _corpus(tmp_path, raw.encode("utf-8"))
    segs = corpus.corpus_segments(manifest_path=path)
    plain = [line for line in RAW.splitlines()]
    assert segs["text"].to_list() == plain
    assert segs["role"].to_list() == ["heading", "remark", "remark"]
    data = raw.encode("utf-8")
    for row in segs.iter_rows(named=True):
        assert raw[row["start"] : row["end"]] == row["text"]
        assert data[row["start_byte"] : row["end_byte"]].decode() == row["text"]
    assert segs["start"].to_list()[0] == len(bom)


ANCHORED = CATCH_ALL.replace(
    """role = "all"
pattern = '(?s)\\A(?P<text>.+)\\Z'
expect = 1""",
    """role = "all"
pattern = '^(?P<text>First remark[^\\n]*\\nSecond remark\\.)$'
expect = 1
after = "notes\\n"
before = "\\nEND"

[[segments]]
source = "notes"
document = "notes"
role = "heading"
pattern = '^(?P<text>(?:Heading[^\\n]*|END))$'
expect = 2""",
)


def test_rules_with_anchors_and_multiline_text_on_crlf(tmp_path):
    text = "Heading of the notes\nFirst remark of the notes.\nSecond remark.\nEND\n"
    for raw in (text, "\ufeff" + text.replace("\n", "\r\n")):
        sub = tmp_path / str(len(raw))
        sub.mkdir()
        path = _corpus(sub, raw.encode(), template=ANCHORED)
        segs = corpus.corpus_segments(manifest_path=path)
        assert segs["role"].to_list() == ["heading", "all", "heading"]
        eol = "\r\n" if raw.startswith("\ufeff") else "\n"
        assert segs["text"].to_list()[1] == f"First remark of the notes.{eol}Second remark."
        for row in segs.iter_rows(named=True):
            assert raw[row["start"] : row["end"]] == row["text"]


def test_a_lone_carriage_return_is_named(tmp_path):
    raw = RAW.replace("notes.\n", "notes.\rSecond")
    path = _corpus(tmp_path, raw.encode())
    with pytest.raises(DiscourseError, match=r"matched 1 time.*lone carriage return"):
        corpus.corpus_segments(manifest_path=path)


def test_letter_with_bom_and_crlf_matches_the_plain_copy():
    letter = (
        "March 4th, 2025\n\nDear Ministers,\n\nWe write about bus service.\nRoutes closed.\n\n"
        "We therefore urge you to restore them.\n\nSincerely,\n- Transit Association\n"
    )
    plain = parse_letter(letter)
    odd = "\ufeff" + letter.replace("\n", "\r\n")
    found = parse_letter(odd)
    assert [r["role"] for r in found] == [r["role"] for r in plain]
    assert [r["text"].replace("\r\n", "\n") for r in found] == [r["text"] for r in plain]
    for r in found:
        assert odd[r["start"] : r["end"]] == r["text"]
        assert not r["text"].endswith("\r")
