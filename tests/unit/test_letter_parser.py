"""The letter and plain parsers and sidecar overrides, on synthetic documents."""

from __future__ import annotations

import pytest

from analysis.corpus.parsers import parse, sidecar
from analysis.corpus.parsers.letter import parse_letter, parse_plain
from analysis.io import DiscourseError

LETTER = """March 4th, 2025

To the Attention of:
The Minister of Transport
The Minister of Rural Economic Development

Dear Ministers,

We write on behalf of regional transit associations about intercity bus service.
Several routes were discontinued last year.

Residents who do not drive depend on these routes to reach hospitals and schools.

We therefore urge you to fund the restoration of the discontinued routes.

Sincerely,
➢ Northern Transit Association
➢ Prairie Riders Network
➢ Jamie Placeholder, coordinator
"""


def _roles(found):
    return [(r["role"], r["text"]) for r in found]


def test_letter_parts():
    found = parse_letter(LETTER)
    assert _roles(found) == [
        ("letter_dateline", "March 4th, 2025"),
        (
            "letter_addressees",
            "To the Attention of:\nThe Minister of Transport\n"
            "The Minister of Rural Economic Development",
        ),
        ("letter_salutation", "Dear Ministers,"),
        (
            "letter_body",
            "We write on behalf of regional transit associations about intercity bus service.\n"
            "Several routes were discontinued last year.",
        ),
        (
            "letter_body",
            "Residents who do not drive depend on these routes to reach hospitals and schools.",
        ),
        (
            "letter_call",
            "We therefore urge you to fund the restoration of the discontinued routes.",
        ),
        ("letter_closing", "Sincerely,"),
        ("letter_signatories", "Northern Transit Association"),
        ("letter_signatories", "Prairie Riders Network"),
        ("letter_signatories", "Jamie Placeholder, coordinator"),
    ]
    assert {r["part"] for r in found} == {"letter"}
    for r in found:
        assert LETTER[r["start"] : r["end"]] == r["text"]


def test_letter_with_bom_and_crlf_keeps_exact_offsets():
    raw = "\ufeff" + LETTER.replace("\n", "\r\n")
    found = parse("\ufeff" + LETTER.replace("\n", "\r\n"), "letter")
    assert [r["role"] for r in found] == [r["role"] for r in parse_letter(LETTER)]
    for r in found:
        assert raw[r["start"] : r["end"]] == r["text"]


def test_letter_without_closing_is_all_body():
    found = parse_letter("Dear editor,\n\nFirst point.\n\nWe urge action.\n")
    assert [r["role"] for r in found] == ["letter_salutation", "letter_body", "letter_body"]


def test_plain_is_one_segment_per_paragraph():
    raw = "Title line\n\nFirst paragraph\nwraps here.\n\n\nSecond paragraph."
    found = parse_plain(raw)
    assert _roles(found) == [
        ("text_paragraph", "Title line"),
        ("text_paragraph", "First paragraph\nwraps here."),
        ("text_paragraph", "Second paragraph."),
    ]
    assert {r["part"] for r in found} == {"text"}


def test_empty_plain_document_is_an_error():
    with pytest.raises(DiscourseError, match=r"x\.txt: the document has no text"):
        parse_plain("\n \n", "x.txt")


# --- sidecar overrides ------------------------------------------------------------------------


def test_sidecar_lines_and_chars_override_the_parser(tmp_path):
    raw = "Title line\n\nFirst paragraph\nwraps here.\n\nSecond paragraph."
    path = tmp_path / "doc.segments.toml"
    path.write_text(
        '[[ranges]]\nlines = "1-1"\nrole = "page_title"\npart = "page"\n\n'
        '[[ranges]]\nchars = "28-39"\nrole = "aside"\npart = "text"\n'
    )
    found = sidecar.apply(parse_plain(raw), raw, path)
    assert _roles(found) == [
        ("page_title", "Title line"),
        ("text_paragraph", "First paragraph"),
        ("aside", "wraps here."),
        ("text_paragraph", "Second paragraph."),
    ]
    assert [r["part"] for r in found] == ["page", "text", "text", "text"]
    for r in found:
        assert raw[r["start"] : r["end"]] == r["text"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            'lines = "3-9"\nrole = "x"\npart = "text"',
            r"line 2 \(\[\[ranges\]\] entry 1\): lines 3-9 outside",
        ),
        ('chars = "5-2"\nrole = "x"\npart = "text"', r"chars 5-2 outside the text"),
        ('lines = "1"\nrole = "x"\npart = "text"', r"lines = '1' is not a range"),
        ('lines = "1-1"\nchars = "0-3"\nrole = "x"\npart = "text"', r"exactly one of lines"),
        ('lines = "1-1"\npart = "text"', r"'role' must be a non-empty string"),
        (
            'lines = "1-1"\nrole = "x"\npart = "text"\ncolour = "red"',
            r"unknown key\(s\) \['colour'\]",
        ),
        ('lines = "2-2"\nrole = "x"\npart = "text"', r"lines 2-2 are blank"),
    ],
)
def test_sidecar_errors_name_file_and_line(tmp_path, body, message):
    raw = "One.\n\nTwo.\n"
    path = tmp_path / "doc.segments.toml"
    path.write_text(f"# ranges\n[[ranges]]\n{body}\n")
    with pytest.raises(DiscourseError, match=rf"doc\.segments\.toml.*{message}"):
        sidecar.apply(parse_plain(raw), raw, path)


def test_sidecar_overlapping_ranges_are_refused(tmp_path):
    raw = "One two three.\n"
    path = tmp_path / "s.toml"
    path.write_text(
        '[[ranges]]\nchars = "0-7"\nrole = "a"\npart = "text"\n\n'
        '[[ranges]]\nchars = "4-9"\nrole = "b"\npart = "text"\n'
    )
    with pytest.raises(DiscourseError, match=r"s\.toml: ranges at lines 1 and 6 overlap"):
        sidecar.apply(parse_plain(raw), raw, path)


def test_missing_sidecar_is_an_error(tmp_path):
    with pytest.raises(DiscourseError, match=r"nope\.toml: sidecar file not found"):
        sidecar.apply([], "x", tmp_path / "nope.toml")


def test_sidecar_named_by_a_manifest_source(tmp_path):
    import hashlib

    from analysis import corpus

    raw = "Notes for the record\n\nFirst paragraph.\n\nSecond paragraph.\n"
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "n.txt").write_text(raw)
    (tmp_path / "raw" / "n.segments.toml").write_text(
        '[[ranges]]\nlines = "1-1"\nrole = "page_title"\npart = "page"\n'
    )
    sha = hashlib.sha256(raw.encode()).hexdigest()
    (tmp_path / "corpus.toml").write_text(
        f'version = 2\n\n[[sources]]\nid = "n"\nfile = "raw/n.txt"\nsha256 = "{sha}"\n'
        'title = "t"\npublisher = "p"\norigin = "o"\ncaptured = "unknown"\nkind = "plain"\n'
        'sidecar = "raw/n.segments.toml"\n\n'
        '[[documents]]\nid = "n"\nsource = "n"\npart = "text"\ntitle = "t"\nspeaker = "s"\n'
        'date = "unknown"\ndate_note = "n"\n\n'
        '[[documents]]\nid = "n-page"\nsource = "n"\npart = "page"\ntitle = "t"\nspeaker = "s"\n'
        'date = "unknown"\ndate_note = "n"\n\n'
        '[[texts]]\nid = "n"\nlabel = "N"\ndocument = "n"\nroles = ["text_paragraph"]\n'
    )
    segs = corpus.corpus_segments(manifest_path=tmp_path / "corpus.toml")
    assert segs.select("doc_id", "role", "text").rows() == [
        ("n-page", "page_title", "Notes for the record"),
        ("n", "text_paragraph", "First paragraph."),
        ("n", "text_paragraph", "Second paragraph."),
    ]
