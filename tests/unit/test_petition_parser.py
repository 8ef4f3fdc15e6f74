"""The House of Commons petition page parser, on synthetic pages written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import corpus
from analysis.corpus import parsers
from analysis.corpus.parsers.petition import parse_petition
from analysis.corpus.record import iso_date, record_fields
from analysis.io import DiscourseError

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"


def _page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def _by_role(found, role):
    return [r["text"] for r in found if r["role"] == role]


def _assert_exact_and_complete(raw: str, found: list[dict]) -> None:
    """Every segment is its raw slice, none overlap, and only blanks and markers are left."""
    covered = [False] * len(raw)
    for r in found:
        assert raw[r["start"] : r["end"]] == r["text"]
        assert r["text"] == r["text"].strip() and r["text"]
        for i in range(r["start"], r["end"]):
            assert not covered[i]
            covered[i] = True
    leftover = "".join(ch for i, ch in enumerate(raw) if not covered[i])
    assert set(leftover) <= set(" \r\n\t•-.0123456789\ufeff")


# --- e-petition with a response ---------------------------------------------------------------

E_DEMANDS = [
    "Establish a national fund for rural and remote public libraries; and",
    "Support the extension of library opening hours in communities of fewer than 10,000 residents.",
    "Fund broadband connections for library branches that lack them, with priority given to\n"
    "branches that serve as emergency shelters;",
    "Report to Parliament every two years on the state of public library services in Canada.",
]


def test_e_petition_roles_and_counts():
    raw = _page("e-petition-with-response.txt")
    found = parse_petition(raw)
    roles = [r["role"] for r in found]
    assert {role: roles.count(role) for role in set(roles)} == {
        "boilerplate": 4,
        "petition_metadata": 5,
        "petition_preamble": 5,
        "petition_call": 1,
        "petition_demand": 4,
        "response_metadata": 2,
        "government_response": 2,
    }
    assert _by_role(found, "petition_demand") == E_DEMANDS
    assert _by_role(found, "petition_preamble")[0].startswith("Public libraries in small")
    assert _by_role(found, "petition_call") == [
        "We, the undersigned, citizens and residents of Canada, call upon the Government of "
        "Canada to:"
    ]
    assert _by_role(found, "response_metadata") == [
        "Response by the Minister of Canadian Heritage",
        "Signed by (Minister or Parliamentary Secretary): Jordan Sample",
    ]
    parts = {r["role"]: r["part"] for r in found}
    assert parts["petition_demand"] == "petition" and parts["government_response"] == "response"
    assert parts["petition_metadata"] == "page" and parts["boilerplate"] == "page"
    assert all(
        r.get("speaker") == "House of Commons petitions site"
        for r in found
        if r["role"] == "response_metadata"
    )
    _assert_exact_and_complete(raw, found)


def test_e_petition_record_fields():
    raw = _page("e-petition-with-response.txt")
    record = {r["field"]: r for r in record_fields(parse_petition(raw))}
    values = {k: v["value"] for k, v in record.items()}
    assert values["petition_number"] == "e-9901"
    assert values["subject"] == "Environment"
    assert values["initiator_place"] == "Lakeside, Manitoba"
    assert values["presented_by"] == "Casey Member (Lakeside—Prairie)"
    assert values["presented_on"] == "September 22, 2025"
    assert values["house_petition_number"] == "451-00412"
    assert values["response_tabled"] == "November 5, 2025"
    assert values["response_signed_by"] == "Jordan Sample"
    assert values["response_by"] == "the Minister of Canadian Heritage"
    for r in record.values():
        assert raw[r["start"] : r["end"]] == r["value"]
    assert iso_date(values["open_for_signature"]) == "2025-03-03"
    assert iso_date(values["closed_for_signature"]) == "2025-07-01"


# --- paper petition ---------------------------------------------------------------------------


def test_paper_petition_whereas_paragraphs():
    raw = _page("paper-petition-whereas.txt")
    found = parse_petition(raw, kind="paper-petition")
    preamble = _by_role(found, "petition_preamble")
    assert len(preamble) == 2 and all(p.startswith("Whereas ") for p in preamble)
    assert _by_role(found, "petition_call") == [
        "Therefore, your petitioners call upon the House of Commons to:"
    ]
    assert _by_role(found, "petition_demand") == [
        "Work with provinces to restore intercity bus service on discontinued regional routes.",
        "Consider dedicated federal funding for rural public transportation.",
    ]
    meta = _by_role(found, "petition_metadata")
    assert meta[:4] == [
        "451-00777 (Transportation)",
        "Paper petition",
        "Original language of petition: English",
        "Petition to the House of Commons",
    ]
    assert meta[4].endswith("draw the attention of the House to the following:")
    assert not any(r["part"] == "response" for r in found)
    values = {r["field"]: r["value"] for r in record_fields(found)}
    assert values["house_petition_number"] == "451-00777"
    assert "response_tabled" not in values and "open_for_signature" not in values
    _assert_exact_and_complete(raw, found)


# --- variants: encodings, line ends, prayers, missing parts, surprises -------------------------


@pytest.mark.parametrize(
    "variant",
    [
        lambda t: "\ufeff" + t.replace("\n", "\r\n"),
        lambda t: t.rstrip("\n"),
        lambda t: t + "\n\n\n",
        lambda t: t.replace("\n", "\r\n").rstrip(),
    ],
    ids=["bom-crlf", "no-final-newline", "extra-newlines", "crlf-no-final-newline"],
)
def test_variants_give_the_same_segments(variant):
    plain = _page("e-petition-with-response.txt")
    raw = variant(plain)
    found = parse_petition(raw)
    expected = parse_petition(plain)
    strip = [(r["role"], r["text"].replace("\r\n", "\n")) for r in found]
    assert strip == [(r["role"], r["text"]) for r in expected]
    _assert_exact_and_complete(raw, found)
    record = {r["field"]: r["value"] for r in record_fields(found)}
    assert record["presented_on"] == "September 22, 2025"
    assert record["response_tabled"] == "November 5, 2025"


ONE_PRAYER = """e-9902 (Health)

Petition to the Minister of Health

  • Clinics in the region have long waiting lists;
We, the undersigned, residents of Canada, call upon the Minister of Health to:

Fund two additional community clinics in the region, including
one with evening opening hours.
"""


def test_unnumbered_single_prayer_is_one_whole_demand():
    found = parse_petition(ONE_PRAYER)
    assert _by_role(found, "petition_demand") == [
        "Fund two additional community clinics in the region, including\n"
        "one with evening opening hours."
    ]
    assert _by_role(found, "petition_metadata")[1] == "Petition to the Minister of Health"
    assert not any(r["part"] == "response" for r in found)


def test_prayer_written_into_the_call_is_split_from_it():
    raw = "e-9903 (Culture)\n\nWe, the undersigned, call upon the House of Commons to recognize the day.\n"
    found = parse_petition(raw)
    assert _by_role(found, "petition_call") == [
        "We, the undersigned, call upon the House of Commons to"
    ]
    assert _by_role(found, "petition_demand") == ["recognize the day."]
    _assert_exact_and_complete(raw, found)


WHEREAS_HEADING = """e-9904 (Social affairs)

Petition to the Minister of Families

Whereas:
Parents in rural areas travel long distances to reach child care;
Several centres closed in the last five years, and waiting lists
have grown in every province; and
- Part-time places are rarely offered.

We, the undersigned, residents of Canada, call upon the Minister of Families to reduce waiting times by:

1. Funding new centres in rural areas, including:

(a) centres attached to schools;

(b) centres with evening hours; and
2. Reporting yearly on waiting lists.
"""


def test_whereas_heading_unbulleted_items_and_sub_items():
    found = parse_petition(WHEREAS_HEADING)
    assert "Whereas:" in _by_role(found, "petition_metadata")
    assert _by_role(found, "petition_preamble") == [
        "Parents in rural areas travel long distances to reach child care;",
        "Several centres closed in the last five years, and waiting lists\n"
        "have grown in every province; and",
        "Part-time places are rarely offered.",
    ]
    assert _by_role(found, "petition_call") == [
        "We, the undersigned, residents of Canada, call upon the Minister of Families to "
        "reduce waiting times by:"
    ]
    assert _by_role(found, "petition_demand") == [
        "Funding new centres in rural areas, including:\n\n(a) centres attached to schools;\n\n"
        "(b) centres with evening hours; and",
        "Reporting yearly on waiting lists.",
    ]
    _assert_exact_and_complete(WHEREAS_HEADING, found)


def test_unexpected_line_is_unclassified_with_a_warning():
    raw = _page("e-petition-with-response.txt").replace(
        "Skip to main content\n", "Skip to main content\nShare this page on social media\n"
    )
    with pytest.warns(
        parsers.UnclassifiedTextWarning,
        match=r"page\.txt, line 2: could not place 'Share this page",
    ):
        found = parse_petition(raw, "page.txt")
    unclassified = [r for r in found if r["role"] == "unclassified"]
    assert [(r["part"], r["text"]) for r in unclassified] == [
        ("page", "Share this page on social media")
    ]
    assert len(_by_role(found, "petition_demand")) == 4
    _assert_exact_and_complete(raw, found)


@pytest.mark.filterwarnings("ignore::analysis.corpus.parsers.UnclassifiedTextWarning")
def test_page_without_petition_structure_is_an_error():
    with pytest.raises(
        DiscourseError, match=r"notes\.txt: no petition structure found for kind 'e-petition'"
    ):
        parse_petition("Meeting notes\n\nNothing to see here.\n", "notes.txt")


# --- through the manifest: parts map to documents, offsets in bytes too ------------------------

MANIFEST = """version = 2

[[sources]]
id = "page"
file = "raw/page.txt"
sha256 = "{sha}"
title = "t"
publisher = "p"
origin = "o"
captured = "unknown"
kind = "e-petition"

[[documents]]
id = "pet"
source = "page"
part = "petition"
title = "t"
speaker = "petitioners"
date = "unknown"
date_note = "n"
{extra}
[[texts]]
id = "pet"
label = "Petition"
document = "pet"
roles = ["petition_preamble", "petition_call", "petition_demand"]
genre = "petition"
"""
PAGE_DOCS = """
[[documents]]
id = "pet-page"
source = "page"
part = "page"
title = "t"
speaker = "site"
date = "unknown"
date_note = "n"
"""
RESPONSE_DOCS = """
[[documents]]
id = "resp"
source = "page"
part = "response"
title = "t"
speaker = "Government"
date = "unknown"
date_note = "n"
"""


def _project(tmp_path, raw: str, extra: str) -> Path:
    import hashlib

    data = raw.encode("utf-8")
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "page.txt").write_bytes(data)
    path = tmp_path / "corpus.toml"
    path.write_text(MANIFEST.format(sha=hashlib.sha256(data).hexdigest(), extra=extra))
    return path


def test_segments_of_a_bom_crlf_page_have_exact_char_and_byte_offsets(tmp_path):
    raw = "\ufeff" + _page("e-petition-with-response.txt").replace("\n", "\r\n")
    path = _project(tmp_path, raw, PAGE_DOCS + RESPONSE_DOCS)
    segs = corpus.corpus_segments(manifest_path=path)
    assert segs.height == 23
    data = raw.encode("utf-8")
    for row in segs.iter_rows(named=True):
        assert raw[row["start"] : row["end"]] == row["text"]
        assert data[row["start_byte"] : row["end_byte"]].decode("utf-8") == row["text"]
    assert segs["start_byte"][0] == 3  # after the byte-order mark
    primary = corpus.corpus_segments(primary=True, manifest_path=path)
    assert primary["role"].to_list().count("petition_demand") == 4
    record = corpus.petition_records(manifest_path=path).row(0, named=True)
    assert record["petition_kind"] == "e-petition"
    assert record["presented_date"] == "2025-09-22"
    assert record["response_tabled_date"] == "2025-11-05"
    assert record["open_date"] == "2025-03-03" and record["closed_date"] == "2025-07-01"


def test_a_part_without_its_document_names_the_manifest_line(tmp_path):
    path = _project(tmp_path, _page("e-petition-with-response.txt"), PAGE_DOCS)
    with pytest.raises(
        DiscourseError,
        match=r"corpus\.toml, line 3: source 'page' .*part 'response'.*no \[\[documents\]\] entry",
    ):
        corpus.corpus_segments(manifest_path=path)


def test_records_of_a_page_without_response_have_nulls(tmp_path):
    path = _project(tmp_path, _page("paper-petition-whereas.txt"), PAGE_DOCS)
    records = corpus.petition_records(manifest_path=path)
    assert records.height == 1
    row = records.row(0, named=True)
    assert row["petition_kind"] == "paper-petition"
    assert row["presented_date"] == "2025-10-08"
    assert row["response_tabled_date"] is None and row["open_date"] is None
    long = corpus.petition_record(manifest_path=path)
    assert "response_tabled" not in long["field"].to_list()
    assert set(long["petition_kind"]) == {"paper-petition"}


# --- bulleted and unnumbered demands; prayers after "request that", "urge/ask X to" -----------

BULLETED_DEMANDS = """e-9905 (Environment)

Petition to the Government of Canada

We, the undersigned, residents of Canada, call upon the Government of Canada to:

• Protect the wetlands of the lower valley;
• Fund the monitoring of water quality,
with yearly public reports; and
- Restore the fish ladders on the main river.

Open for signature
March 3, 2025, at 9:00 a.m. (EDT)
"""


def test_bulleted_demands_are_each_a_demand_without_their_marker():
    found = parse_petition(BULLETED_DEMANDS)
    demands = [r for r in found if r["role"] == "petition_demand"]
    assert [r["text"] for r in demands] == [
        "Protect the wetlands of the lower valley;",
        "Fund the monitoring of water quality,\nwith yearly public reports; and",
        "Restore the fish ladders on the main river.",
    ]
    first = BULLETED_DEMANDS.index("• Protect")
    assert (demands[0]["start"], demands[0]["end"]) == (
        first + 2,
        first + len("• Protect the wetlands of the lower valley;"),
    )
    assert not _by_role(found, "unclassified")
    assert _by_role(found, "petition_metadata")[-1].startswith("Open for signature")
    _assert_exact_and_complete(BULLETED_DEMANDS, found)


UNNUMBERED_PARAGRAPHS = """e-9906 (Transport)

Petition to the House of Commons

We, the undersigned, citizens of Canada, call upon the House of Commons to:

Restore the daily rail service between the two cities.

Lower fares for students and seniors.

Publish the timetable a year in advance,
and keep it for the whole year.

Response by the Minister of Transport
Signed by (Minister or Parliamentary Secretary): Alex Example

The Government thanks the petitioners.
"""


def test_unnumbered_demand_paragraphs_are_each_a_demand():
    found = parse_petition(UNNUMBERED_PARAGRAPHS)
    assert _by_role(found, "petition_demand") == [
        "Restore the daily rail service between the two cities.",
        "Lower fares for students and seniors.",
        "Publish the timetable a year in advance,\nand keep it for the whole year.",
    ]
    assert _by_role(found, "government_response") == ["The Government thanks the petitioners."]
    assert not _by_role(found, "unclassified")
    _assert_exact_and_complete(UNNUMBERED_PARAGRAPHS, found)


def test_bullets_under_a_numbered_demand_stay_in_it():
    raw = (
        "e-9907 (Health)\n\nWe, the undersigned, call upon the Minister of Health to:\n\n"
        "1. Fund clinics in:\n• rural areas;\n• remote areas; and\n2. Report yearly.\n"
    )
    found = parse_petition(raw)
    assert _by_role(found, "petition_demand") == [
        "Fund clinics in:\n• rural areas;\n• remote areas; and",
        "Report yearly.",
    ]
    _assert_exact_and_complete(raw, found)


@pytest.mark.parametrize(
    ("prayer", "call", "demand"),
    [
        (
            "THEREFORE, your petitioners request that the House of Commons clean the river.",
            "THEREFORE, your petitioners request that",
            "the House of Commons clean the river.",
        ),
        (
            "We, the undersigned, urge the Government to clean the river.",
            "We, the undersigned, urge the Government to",
            "clean the river.",
        ),
        (
            "We, the undersigned, ask the Government of Canada to clean the river.",
            "We, the undersigned, ask the Government of Canada to",
            "clean the river.",
        ),
        (
            "Therefore, we ask that the Minister of the Environment clean the river.",
            "Therefore, we ask that",
            "the Minister of the Environment clean the river.",
        ),
    ],
)
def test_prayer_after_request_that_urge_or_ask_is_a_demand(prayer, call, demand):
    raw = f"451-00888 (Environment)\n\nPaper petition\n\n{prayer}\n"
    found = parse_petition(raw, kind="paper-petition")
    assert _by_role(found, "petition_call") == [call]
    assert _by_role(found, "petition_demand") == [demand]
    _assert_exact_and_complete(raw, found)


def test_call_ending_with_urge_to_colon_keeps_its_list():
    raw = "e-9908 (Housing)\n\nWe urge the Government to:\n\n1. Build homes.\n2. Cap rents.\n"
    found = parse_petition(raw)
    assert _by_role(found, "petition_call") == ["We urge the Government to:"]
    assert _by_role(found, "petition_demand") == ["Build homes.", "Cap rents."]


def test_a_bullet_alone_on_its_line_starts_no_empty_item():
    raw = (
        "Petition to the Government of Canada\n\n•\nThe routes are closed;\n\n•\n\n"
        "We, the undersigned, call upon the Government to:\n\n•\nfund the routes;\n"
    )
    found = parse_petition(raw)
    assert all(r["text"] and r["text"] == r["text"].strip() for r in found)
    assert _by_role(found, "petition_preamble") == ["The routes are closed;"]
    assert _by_role(found, "petition_demand") == ["fund the routes;"]
    _assert_exact_and_complete(raw, found)
