"""Property tests of the page parsers (petition, letter, plain) on arbitrary Unicode.

For any input a parser either returns segments or raises a one-line DiscourseError; every
segment's offsets slice back to its text inside the input, segments never overlap, and every
non-blank character is inside a segment, except a list number or bullet that a parser leaves
out on purpose (the marker at the start of an item's line).
"""

from __future__ import annotations

import re
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.corpus.parsers import Line, UnclassifiedTextWarning, parse, split_lines
from analysis.io import DiscourseError

KINDS = ("e-petition", "paper-petition", "letter", "plain")
# Markers a parser may leave out: bullets, dashes, "1." / "(2)" numbers at the start of a line.
_MARKER = re.compile(r"^(?:[•·▪◦‣●➢]\s*|[-–*]\s+|\(?\d+[.)]\s+)")

# Lines that steer the parsers into each of their states, mixed with arbitrary text.
LINES = [
    "e-3780 (Foreign affairs)",
    "441-01234 (Health)",
    "Skip to main content",
    "Photo - Member",
    "Disclaimer regarding petitions",
    "Initiated by A Person from Town",
    "Petition to the Government of Canada",
    "We, the undersigned, draw the attention of the House to the following:",
    "Whereas:",
    "Whereas the roads are closed;",
    "• a bullet item;",
    "•",
    "- a dashed item",
    "We, the undersigned, call upon the Government to:",
    "We, the undersigned, request that the House act now.",
    "1. Fund the routes;",
    "(2) Report yearly.",
    "(a) a sub-item",
    "continues in lower case",
    "Response by the Minister of Transport",
    "Signed by (Minister or Parliamentary Secretary): A Name",
    "Open for signature",
    "January 5, 2022, at 10:00 a.m. (EDT)",
    "Government response tabled",
    "March 4th, 2025",
    "Dear Ministers,",
    "To whom it may concern",
    "We therefore urge you to act.",
    "Sincerely,",
    "➢ An Association",
    "1) A Signatory",
    "",
    " \t ",
]
_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
_line = st.one_of(st.sampled_from(LINES), _text)
_eol = st.sampled_from(["\n", "\r\n", "\n\n", "\r\n\r\n", "\u2028", "\r"])


@st.composite
def pages(draw) -> str:
    parts = draw(st.lists(st.tuples(_line, _eol), max_size=25))
    body = "".join(line + eol for line, eol in parts)
    return draw(st.sampled_from(["", "\ufeff"])) + body + draw(_text)


def _check(raw: str, kind: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnclassifiedTextWarning)
        try:
            found = parse(raw, kind, "page.txt")
        except DiscourseError as exc:
            message = str(exc)
            assert message.startswith("page.txt") and "\n" not in message.strip()
            return
    covered = [False] * len(raw)
    last_end = 0
    for r in found:
        s, e = r["start"], r["end"]
        assert 0 <= s < e <= len(raw), r
        assert raw[s:e] == r["text"]
        assert r["text"] == r["text"].strip(), r  # segments are trimmed
        assert s >= last_end, f"segments overlap at {s}"
        last_end = e
        covered[s:e] = [True] * (e - s)
    for k, ch in enumerate(raw):
        if covered[k] or ch.isspace() or (k == 0 and ch == "\ufeff"):
            continue
        # Left out on purpose only as a marker opening its line (after blanks, or a BOM).
        line_start = raw.rfind("\n", 0, k) + 1
        if line_start == 0 and raw.startswith("\ufeff"):
            line_start = 1
        line = raw[line_start : raw.find("\n", k) % (len(raw) + 1)]
        lead = len(line) - len(line.lstrip())
        marker = _MARKER.match(line.strip())
        assert marker and k < line_start + lead + marker.end(), (
            f"character {k} ({ch!r}) is in no segment"
        )
    if raw.startswith("\ufeff"):
        assert not covered[0]


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=pages())
def test_parsers_on_page_like_text(kind, raw):
    _check(raw, kind)


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=100, deadline=None)
@given(raw=st.text())
def test_parsers_on_arbitrary_unicode(kind, raw):
    _check(raw, kind)


@pytest.mark.parametrize("kind", KINDS)
def test_no_text_is_a_clear_error(kind):
    with pytest.raises(DiscourseError, match=r"^page\.txt: "):
        parse("\ufeff \r\n\t\n", kind, "page.txt")


def _lines_by_characters(raw: str) -> list[Line]:
    """Reference: the lines of ``raw`` found character by character."""
    lines = []
    pos = 1 if raw.startswith("\ufeff") else 0
    number = 1
    while pos <= len(raw):
        nl = raw.find("\n", pos)
        stop = len(raw) if nl < 0 else nl
        s, e = pos, stop
        while s < e and raw[s].isspace():
            s += 1
        while e > s and raw[e - 1].isspace():
            e -= 1
        lines.append(Line(number, s, e, raw[s:e]))
        if nl < 0:
            break
        pos, number = nl + 1, number + 1
    return lines


@settings(max_examples=300, deadline=None)
@given(raw=st.one_of(pages(), st.text()))
def test_split_lines_equals_the_character_loop(raw):
    assert split_lines(raw) == _lines_by_characters(raw)


def test_split_lines_examples():
    assert split_lines("\ufeff a \r\n\n\tb") == [
        Line(1, 2, 3, "a"),
        Line(2, 6, 6, ""),
        Line(3, 8, 9, "b"),
    ]
    assert split_lines("") == [Line(1, 0, 0, "")]
