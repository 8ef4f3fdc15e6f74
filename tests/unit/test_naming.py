"""How prose names texts (:func:`analysis.measures.naming.prose_name`), on names written for
the test; nothing of the real corpus is read."""

from __future__ import annotations

from analysis.measures import naming

NAMES = {
    "p-9": "petition e-9",
    "r-9": "the Government of Canada's response",
    "s-7": "Statement of 2025",
}


def test_prose_name_as_written_or_capitalised_first_letter_only():
    assert [naming.prose_name(t, names=NAMES) for t in NAMES] == list(NAMES.values())
    # Only the first letter changes: inner capitals stay ("Government"), an id keeps its case.
    assert [naming.prose_name(t, capital=True, names=NAMES) for t in NAMES] == [
        "Petition e-9",
        "The Government of Canada's response",
        "Statement of 2025",
    ]


def test_unknown_id_names_itself():
    assert naming.prose_name("x-1", names=NAMES) == "x-1"
    assert naming.prose_name("x-1", capital=True, names=NAMES) == "X-1"


def test_capitalise_differs_from_str_capitalize():
    text = "petition E-1234 of the House"
    assert naming.capitalise(text) == "Petition E-1234 of the House"
    assert text.capitalize() != naming.capitalise(text)  # str.capitalize lower-cases the rest
    assert naming.capitalise("") == ""
