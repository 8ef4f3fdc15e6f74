"""Parser for a House of Commons of Canada petition page (e-petition or paper petition).

Reads the page as its text capture lays it out, not by the words of one petition:

- page furniture ("Skip to main content", "Start of content", the Member's photo block ending
  "Disclaimer regarding petitions"): ``boilerplate``, part ``page``;
- the header ("e-NNNN (Topic)" or "NNN-NNNNN (Topic)"), "Initiated by ... from ...", "Original
  language of petition: ...", "Paper petition", "Petition to the Government of Canada / the
  House of Commons / the Minister of ...", the "draw the attention of the House to the
  following" line, and the record block (Open for signature, Closed for signature, Presented
  to the House of Commons, Government response tabled; each optional):
  ``petition_metadata``, part ``page``;
- the preamble, bullets ("•") or "Whereas ..." / "That ..." paragraphs: one
  ``petition_preamble`` segment per item, part ``petition``;
- the call ("We, the undersigned ... call upon <addressee> to:", "... request that", "... urge
  / ask <addressee> to"): ``petition_call``; a prayer written into the call after those words
  is a demand; then each demand, numbered, bulleted or an unnumbered paragraph, kept whole
  however it is punctuated and wrapped, its number or bullet left out: ``petition_demand``;
- "Response by the Minister of ..." and "Signed by (Minister or Parliamentary Secretary):
  NAME": ``response_metadata`` (speaker: the petitions site), then each paragraph:
  ``government_response``, part ``response``.

Every part is optional where real pages omit it (a petition with no response yet is common);
a line the parser cannot place becomes an ``unclassified`` segment and a warning.
"""

from __future__ import annotations

import re

from analysis.corpus.parsers import Line, seg, split_lines, unclassified
from analysis.io import DiscourseError

#: Who prints the response's heading and signer line (not the government's own words).
SITE = "House of Commons petitions site"

HEADER = re.compile(r"^(?P<number>e-\d+|\d{3}-\d{5}) \((?P<subject>[^)\n]+)\)$")
_FURNITURE = re.compile(
    r"^(Skip to main content|Start of content|Disclaimer regarding petitions)$", re.I
)
_META = re.compile(
    r"^(Initiated by .+|Original language of petition: .+|Paper petition"
    r"|Petition to (the )?(Government of Canada|House of Commons|Minister .+|[A-Z].+))$"
)
_ATTENTION = re.compile(r"draw the attention of the House", re.I)
_BULLET = re.compile(r"^(?:[•·▪◦‣●]\s*|[-–*]\s+)")
_PREAMBLE_START = re.compile(r"^(Whereas|That)\b", re.I)
# "Whereas:" alone introduces the preamble items; it is not an item itself.
_PREAMBLE_HEADING = re.compile(r"^(Whereas|Attendu que)\s*:?$", re.I)
# A preamble line ending like this ends its item (items are not wrapped after ";" or ".").
_ITEM_END = re.compile(r"(?:[;.:]|\band|\bor)$")
# A paragraph that continues a numbered demand: a sub-item "(a)", "a)", "i." or lower case.
_SUB_ITEM = re.compile(r"^(?:\(?[a-z]{1,3}[.)]\s|[a-z])")
_CALL = re.compile(
    r"^(?:(?:and\s+)?therefore,?\s+)?(?:we|your petitioners|the undersigned)\b.*?"
    r"\b(?P<verb>call(?:s)? (?:up)?on|request|urge|ask)\b",
    re.I,
)
# The words that end the call (then ":" or the prayer): "call upon the House of Commons to",
# "request that", "urge the Government to", "ask the Minister to".
_CALL_TO = re.compile(
    r"(?:(?:request|ask|urge)s?\s+that\b|call(?:s)? (?:up)?on\b.*?\bto\b"
    r"|(?:request|urge|ask)s?\b.*?\bto\b)",
    re.I,
)
_DEMAND = re.compile(r"^(?P<marker>\(?\d+[.)])\s+")
_RESPONSE_BY = re.compile(r"^Response by .+$")
_SIGNED_BY = re.compile(r"^Signed by \(Minister or Parliamentary Secretary\): .+$")
RECORD_LABELS = (
    "Open for signature",
    "Closed for signature",
    "Presented to the House of Commons",
    "Government response tabled",
)
_PHOTO = re.compile(r"^Photo - ")


def _is_record_label(line: Line) -> bool:
    return line.text in RECORD_LABELS


def _is_break(line: Line) -> bool:
    """A line that always starts something new (never continues a paragraph or an item)."""
    t = line.text
    return bool(
        _FURNITURE.match(t)
        or _PHOTO.match(t)
        or _is_record_label(line)
        or _RESPONSE_BY.match(t)
        or _SIGNED_BY.match(t)
        or HEADER.match(t)
        or _META.match(t)
        or _BULLET.match(t)
        or _DEMAND.match(t)
        or _CALL.match(t)
    )


class _Page:
    """One pass over the lines of a page, emitting segments as it goes."""

    def __init__(self, raw: str, where: str) -> None:
        self.raw = raw
        self.where = where
        self.lines = split_lines(raw)
        self.out: list[dict] = []
        self.state = "header"  # header -> preamble -> demands -> answer
        self.numbered = False  # the demands are numbered (bullets under them are sub-items)

    def emit(self, part: str, role: str, start: int, end: int, **extra) -> None:
        self.out.append(seg(self.raw, part, role, start, end, **extra))

    def run(self) -> list[dict]:
        i = 0
        while i < len(self.lines):
            line = self.lines[i]
            i = i + 1 if line.blank else self.step(i, line)
        for rec in self.out:
            rec["text"] = self.raw[rec["start"] : rec["end"]]
        return self.out

    def _run_on(self, i: int) -> int:
        """Index after the lines that continue the line at ``i - 1`` (until a break)."""
        while i < len(self.lines):
            nxt = self.lines[i]
            if nxt.blank or _is_break(nxt):
                break
            i += 1
        return i

    def step(self, i: int, line: Line) -> int:
        """Place the non-blank line ``self.lines[i]``; return the index of the next line."""
        t = line.text
        if _FURNITURE.match(t):
            self.emit("page", "boilerplate", line.start, line.end)
            return i + 1
        if _PHOTO.match(t):
            return self.photo(i)
        if _is_record_label(line):
            return self.record(i)
        if _RESPONSE_BY.match(t) or _SIGNED_BY.match(t):
            self.emit("response", "response_metadata", line.start, line.end, speaker=SITE)
            self.state = "answer"  # the response block: paragraphs until the record
            return i + 1
        if HEADER.match(t) or (self.state == "header" and _META.match(t)):
            self.emit("page", "petition_metadata", line.start, line.end)
            if t.startswith("Petition to"):
                self.state = "preamble"
            return i + 1
        if self.state in ("header", "preamble") and _ATTENTION.search(t) and not _CALL.match(t):
            self.emit("page", "petition_metadata", line.start, line.end)
            self.state = "preamble"
            return i + 1
        if self.state in ("header", "preamble") and _CALL.match(t):
            return self.call(i)
        if self.state == "demands":
            return self.demand(i, line)
        if self.state == "answer":
            end = self._run_on(i + 1)
            self.emit("response", "government_response", line.start, self.lines[end - 1].end)
            return end
        if self.state in ("header", "preamble") and _PREAMBLE_HEADING.match(t):
            self.emit("page", "petition_metadata", line.start, line.end)
            self.state = "preamble"
            return i + 1
        if self.state == "preamble" or _BULLET.match(t) or _PREAMBLE_START.match(t):
            self.state = "preamble"
            start = line.start
            bullet = _BULLET.match(t)
            if bullet:
                start += bullet.end()
            end = i + 1
            while not _ITEM_END.search(self.lines[end - 1].text) and end < len(self.lines):
                nxt = self.lines[end]
                if nxt.blank or _is_break(nxt):
                    break
                end += 1
            self._item("petition_preamble", i, start, end)
            return end
        end = self._run_on(i + 1)
        self.out.append(unclassified(self.raw, line, self.lines[end - 1].end, self.where))
        return end

    def call(self, i: int) -> int:
        end = self._run_on(i + 1)
        start, stop = self.lines[i].start, self.lines[end - 1].end
        text = self.raw[start:stop]
        self.state = "demands"
        to = _CALL_TO.match(text, _CALL.match(text).start("verb"))
        rest = text[to.end() :] if to else ""
        if to and rest.strip() and not rest.strip().startswith(":") and not rest.endswith(":"):
            # The prayer is written into the call: "... call upon X to <demand>".
            cut = start + to.end()
            lead = len(rest) - len(rest.lstrip())
            self.emit("petition", "petition_call", start, cut)
            self.emit("petition", "petition_demand", cut + lead, stop)
        else:
            self.emit("petition", "petition_call", start, stop)
        return end

    def demand(self, i: int, line: Line) -> int:
        """A demand: every numbered item, bullet and paragraph until the response or record.

        Sub-items ("(a)", "a)", bullets under a numbered demand) and paragraphs starting in lower
        case continue the demand before them, so each demand stays whole.
        """
        t = line.text
        marker = _DEMAND.match(t) or _BULLET.match(t)
        end = self._run_on(i + 1)
        last = len(self.out) - 1
        after_demand = last >= 0 and self.out[last]["role"] == "petition_demand"
        continues = _SUB_ITEM.match(t) or (self.numbered and _BULLET.match(t))
        if after_demand and not _DEMAND.match(t) and continues:
            # Only the end moves; run() slices the text once, so long demands stay linear.
            self.out[last]["end"] = self.lines[end - 1].end
            return end
        if _DEMAND.match(t):
            self.numbered = True
        # The segment starts after the item's number or bullet; it runs on over wrapped lines
        # until the next item, a blank line or a break.
        start = line.start + (marker.end() if marker else 0)
        self._item("petition_demand", i, start, end)
        return end

    def _item(self, role: str, i: int, start: int, end: int) -> None:
        """An item from ``start`` on line ``i`` through line ``end - 1``.

        A bullet or number alone on its line is left out like any marker: the item starts on
        the next line, and a marker with nothing after it yields no segment.
        """
        if start >= self.lines[i].end:
            if end == i + 1:
                return
            start = self.lines[i + 1].start
        self.emit("petition", role, start, self.lines[end - 1].end)

    def record(self, i: int) -> int:
        """The record block: labels and their values, one segment (blank lines allowed)."""
        last = i
        j = i
        while j < len(self.lines):
            line = self.lines[j]
            if line.blank:
                k = j
                while k < len(self.lines) and self.lines[k].blank:
                    k += 1
                if k < len(self.lines) and _is_record_label(self.lines[k]):
                    j = k
                    continue
                break
            if j > i and not _is_record_label(line) and _is_break(line):
                break
            last = j
            j += 1
        self.emit("page", "petition_metadata", self.lines[i].start, self.lines[last].end)
        return last + 1

    def photo(self, i: int) -> int:
        """The Member's photo block, through "Disclaimer regarding petitions" if it follows."""
        j = i + 1
        while j < len(self.lines) and not self.lines[j].blank:
            j += 1
            if self.lines[j - 1].text.lower() == "disclaimer regarding petitions":
                break
        self.emit("page", "boilerplate", self.lines[i].start, self.lines[j - 1].end)
        return j


def parse_petition(raw: str, where: str = "<page>", *, kind: str = "e-petition") -> list[dict]:
    """Parsed segments of a House of Commons petition page.

    Args:
        raw: the page's decoded text.
        where: how messages name the page (its file).
        kind: ``e-petition`` or ``paper-petition`` (the layout is the same; named in errors).

    Raises:
        DiscourseError: the page has no petition structure (no preamble, call or demand).
    """
    found = _Page(raw, where).run()
    roles = {r["role"] for r in found}
    if not roles & {"petition_preamble", "petition_call", "petition_demand"}:
        raise DiscourseError(
            f"{where}: no petition structure found for kind {kind!r} (no preamble bullet or "
            f"'Whereas' paragraph, no 'We, the undersigned ... call upon ...' sentence, no "
            f"numbered demand). Is this a House of Commons petition page? Otherwise add it "
            f"with --kind letter or --kind plain."
        )
    return found


def page_facts(found: list[dict]) -> dict[str, str]:
    """The header facts of parsed segments: petition number, subject and kind."""
    for r in found:
        m = HEADER.match(r["text"]) if r["role"] == "petition_metadata" else None
        if m:
            number = m["number"]
            kind = "e-petition" if number.startswith("e-") else "paper-petition"
            return {"number": number, "subject": m["subject"], "kind": kind}
    return {}
