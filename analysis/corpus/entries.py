"""Manifest entries for a parsed page: the documents and texts ``discourse add`` writes.

Everything is read from the page (petition number, dates, minister, signer, dateline,
signatories) or given on the command line; nothing is invented: a date the page does not
state is ``"unknown"``.
"""

from __future__ import annotations

import re

from analysis.corpus.manifest import RESPONSE
from analysis.corpus.parsers.petition import SITE
from analysis.corpus.record import iso_date

PETITION_ROLES = ["petition_preamble", "petition_call", "petition_demand"]
LETTER_ROLES = ["letter_body", "letter_call", "letter_closing"]


def slug(text: str) -> str:
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", text.lower())).strip("-") or "document"


def _year(date: str) -> str:
    return f" ({date[:4]})" if re.match(r"\d{4}-", date) else ""


def petition_entries(b, kind, found, facts, record, args) -> tuple[list, list[str], str]:
    """Documents and texts of a petition page; and its one-line summary."""
    number = facts.get("number", b)
    dates = {k: iso_date(record.get(k)) for k in ("open_for_signature", "closed_for_signature")}
    dates["presented"] = iso_date(record.get("presented_on"))
    dates["tabled"] = iso_date(record.get("response_tabled"))
    note = []
    if dates["open_for_signature"]:
        span = dates["open_for_signature"]
        if dates["closed_for_signature"]:
            span += f" to {dates['closed_for_signature']}"
        note.append(f"open for signature {span}")
    if dates["presented"]:
        note.append(f"presented to the House {dates['presented']}")
    date = args["date"] or dates["open_for_signature"] or dates["presented"] or "unknown"
    if args["date"]:
        note.insert(0, "date given when added")
    roles = [r["role"] for r in found]
    addressee = next(
        (
            r["text"][len("Petition to ") :]
            for r in found
            if r["role"] == "petition_metadata" and r["text"].startswith("Petition to ")
        ),
        "the House of Commons",
    )
    entries = [
        (
            "documents",
            {
                "id": b,
                "source": b,
                "part": "petition",
                "title": f"Petition {number} to {addressee}",
                "speaker": args["speaker"] or "petitioners",
                "date": date,
                "date_note": "; ".join(note) or "no date on the page",
            },
        )
    ]
    texts = [
        (
            "texts",
            {
                "id": b,
                "label": f"Petition {number}{_year(date)}",
                "document": b,
                "roles": PETITION_ROLES,
                "genre": "petition",
                "name": f"petition {number}",
            },
        )
    ]
    has_response = any(r["part"] == RESPONSE for r in found)
    minister = record.get("response_by", "").removeprefix("the ")
    signer = record.get("response_signed_by")
    if has_response:
        rdate = dates["tabled"] or "unknown"
        rnote = (
            "tabled in the House of Commons" if dates["tabled"] else "tabling date not on the page"
        )
        entries.append(
            (
                "documents",
                {
                    "id": f"{b}-response",
                    "source": b,
                    "part": "response",
                    "title": f"Government of Canada response to petition {number}",
                    "speaker": f"Government of Canada ({minister})"
                    if minister
                    else "Government of Canada",
                    "date": rdate,
                    "date_note": rnote + (f"; signed by {signer}" if signer else ""),
                },
            )
        )
        texts.append(
            (
                "texts",
                {
                    "id": f"{b}-response",
                    "label": f"Response to {number}{_year(rdate)}",
                    "document": f"{b}-response",
                    "roles": ["government_response"],
                    "genre": "response",
                    "name": f"the response to {number}",
                },
            )
        )
    entries.append(
        (
            "documents",
            {
                "id": f"{b}-page",
                "source": b,
                "part": "page",
                "title": "House of Commons petition page furniture and petition record",
                "speaker": SITE,
                "date": "unknown",
                "date_note": "capture date not recorded",
            },
        )
    )
    parts = [
        f"{roles.count('petition_preamble')} preamble items",
        f"{roles.count('petition_demand')} demands",
    ]
    if has_response:
        parts.append(f"response by {record.get('response_by', 'an unnamed minister')}")
        if signer:
            parts.append(f"signed by {signer}")
        parts.append(f"{roles.count('government_response')} paragraphs")
    else:
        parts.append("no response")
    tail = []
    if dates["presented"]:
        no = record.get("house_petition_number")
        tail.append(f"presented {dates['presented']}" + (f" (No. {no})" if no else ""))
    else:
        tail.append("not presented")
    if dates["tabled"]:
        tail.append(f"response tabled {dates['tabled']}")
    summary = f"{kind} {number}: {', '.join(parts)}; {'; '.join(tail)}"
    return entries + texts, [t[1]["id"] for t in texts], summary


def _name(noun: str, ident: str, title: str | None) -> str:
    """How prose names a letter or statement: by its --title, else by its id, noun once."""
    if title:
        return f"the {noun} \u201c{title}\u201d"
    return ident if noun in ident.split("-") else f"{noun} {ident}"


def other_entries(b, kind, found, raw, args) -> tuple[list, list[str], str]:
    """Documents and texts of a letter or a plain statement; and its one-line summary."""
    roles = [r["role"] for r in found]
    part, genre = ("letter", "letter") if kind == "letter" else ("text", "statement")
    dateline = next((r["text"] for r in found if r["role"] == "letter_dateline"), None)
    found_date = None
    if dateline:
        m = re.search(r"(\d{4})-(\d{2})-(\d{2})", dateline)
        found_date = m[0] if m else iso_date(re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", dateline))
    date = args["date"] or found_date or "unknown"
    note = (
        "date given when added"
        if args["date"]
        else ("dated in the letter" if found_date else "no date in the text")
    )
    signatories = [r["text"] for r in found if r["role"] == "letter_signatories"]
    speaker = args["speaker"] or (signatories[0] if len(signatories) == 1 else None)
    speaker = speaker or ("the letter's signatories" if signatories else "unknown (not stated)")
    noun = "Letter" if kind == "letter" else "Statement"
    title = args["title"] or f"{noun} ({b})"  # the id names it until a --title does
    entries = [
        (
            "documents",
            {
                "id": b,
                "source": b,
                "part": part,
                "title": title,
                "speaker": speaker,
                "date": date,
                "date_note": note,
            },
        )
    ]
    if any(r["part"] == "page" for r in found):
        entries.append(
            (
                "documents",
                {
                    "id": f"{b}-page",
                    "source": b,
                    "part": "page",
                    "title": "Text the parser could not place",
                    "speaker": "unknown",
                    "date": "unknown",
                    "date_note": "not dated",
                },
            )
        )
    text = {
        "id": b,
        "label": title + _year(date),
        "document": b,
        "roles": LETTER_ROLES if kind == "letter" else ["text_paragraph"],
        "genre": genre,
        "name": _name(noun.lower(), b, args["title"]),
    }
    if kind == "letter":
        summary = (
            f"letter {b}: dateline {dateline or 'none'}, {roles.count('letter_addressees')} addressee "
            f"blocks, {roles.count('letter_body')} body paragraphs, "
            f"{roles.count('letter_call')} closing call, {len(signatories)} signatories"
        )
    else:
        summary = f"plain {b}: {roles.count('text_paragraph')} paragraphs"
    return [*entries, ("texts", text)], [b], summary
