"""Parsers for letters (``kind = "letter"``) and plain documents (``kind = "plain"``).

A letter is read by its layout, all parts optional: a dateline (a paragraph that is a date),
addressees (the paragraphs before the salutation), the salutation ("Dear ...", "To whom it may
concern"), body paragraphs, a closing call (the last body paragraph, when it asks for
something: "We therefore urge / implore / call on / ask ..."), the closing ("Sincerely",
"Yours ...", "Respectfully", "We remain ...", "Regards") and the signatories (one per line after
the closing; list markers are not part of a name). Roles are ``letter_dateline``,
``letter_addressees``, ``letter_salutation``, ``letter_body``, ``letter_call``,
``letter_closing`` and ``letter_signatories``, all in part ``letter``.

A plain document is one ``text_paragraph`` segment per paragraph (part ``text``).
"""

from __future__ import annotations

import re

from analysis.corpus.parsers import paragraphs, seg, split_lines
from analysis.io import DiscourseError

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATELINE = re.compile(
    rf"^(?:[A-Z][a-z]+,?\s+)?(?:(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS}),?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\.?$"
)
_SALUTATION = re.compile(r"^(Dear\b|To whom it may concern)", re.I)
_CLOSING = re.compile(
    r"^(Sincerely|Yours\b|Respectfully|Regards|Best regards|Kind regards|Warm regards"
    r"|With (?:respect|gratitude|thanks)|We remain\b|I remain\b|Cordially)",
    re.I,
)
_CALL = re.compile(
    r"\b(?:we|I)\s+(?:therefore\s+|also\s+|respectfully\s+|strongly\s+)*"
    r"(?:urge|implore|call (?:up)?on|ask|request|appeal to|demand)\b",
    re.I,
)
_LIST_MARKER = re.compile(r"^(?:[➢•·▪◦‣●\-–*]|\d+[.)])\s+")


def parse_letter(raw: str, where: str = "<letter>") -> list[dict]:
    """Parsed segments of a letter (part ``letter``); see the module docstring for roles."""
    paras = paragraphs(split_lines(raw))
    if not paras:
        raise DiscourseError(f"{where}: the letter has no text.")
    out: list[dict] = []

    def emit(role: str, lines) -> None:
        out.append(seg(raw, "letter", role, lines[0].start, lines[-1].end))

    salutation = next((k for k, p in enumerate(paras) if _SALUTATION.match(p[0].text)), None)
    body_from = 0
    if salutation is not None:
        for p in paras[:salutation]:
            role = "letter_dateline" if DATELINE.match(p[0].text) and len(p) == 1 else None
            emit(role or "letter_addressees", p)
        emit("letter_salutation", paras[salutation])
        body_from = salutation + 1
    elif DATELINE.match(paras[0][0].text) and len(paras[0]) == 1:
        emit("letter_dateline", paras[0])
        body_from = 1
    closing = next(
        (k for k in range(body_from, len(paras)) if _CLOSING.match(paras[k][0].text)), None
    )
    body = paras[body_from : closing if closing is not None else len(paras)]
    for k, p in enumerate(body):
        last = k == len(body) - 1
        emit(
            "letter_call"
            if last and closing is not None and _CALL.search(p[0].text)
            else "letter_body",
            p,
        )
    if closing is not None:
        first, *rest = paras[closing]
        emit("letter_closing", [first])
        for p in [rest, *paras[closing + 1 :]]:
            for line in p:
                marker = _LIST_MARKER.match(line.text)
                start = line.start + (marker.end() if marker else 0)
                if start < line.end:
                    out.append(seg(raw, "letter", "letter_signatories", start, line.end))
    return out


def parse_plain(raw: str, where: str = "<text>") -> list[dict]:
    """One ``text_paragraph`` segment (part ``text``) per paragraph."""
    paras = paragraphs(split_lines(raw))
    if not paras:
        raise DiscourseError(f"{where}: the document has no text.")
    return [seg(raw, "text", "text_paragraph", p[0].start, p[-1].end) for p in paras]
