"""Directive extraction on a synthetic corpus: numbered demands 1..N each kept whole, ids, order."""

from __future__ import annotations

import polars as pl
import pytest

from analysis.io import DiscourseError
from analysis.measures import demands

from . import demands_synthetic as syn
from . import synthetic


def _one_petition(items: list[str], call: str = "We call upon the Government of Canada to:"):
    # ids and offsets as a petition page's segments would give them
    """Sentences and tokens of one petition: a call segment and one demand segment per item."""
    rows, pos = [], 0
    for i, (role, text) in enumerate(
        [("petition_call", call)] + [("petition_demand", x) for x in items]
    ):
        rows.append(
            {
                "source_id": "src-p",
                "doc_id": "p",
                "text_id": "p",
                "segment_id": f"p:{role}:{i}",
                "role": role,
                "speaker": "petitioners",
                "start": pos,
                "end": pos + len(text),
                "text": text,
            }
        )
        pos += len(text) + 2  # a blank line between items
    return synthetic.frames(pl.DataFrame(rows))


def test_four_numbered_demands_are_all_kept(found):
    # items end ';', '; and', '.', '.': the fourth follows an item that ends in '.'
    pet = found.filter(pl.col("text_id") == "pet-a")
    assert pet["demand_id"].to_list() == ["pet-a:d1", "pet-a:d2", "pet-a:d3", "pet-a:d4"]
    assert pet["action"].to_list() == ["condemn", "recognize", "impose", "open"]
    assert pet["demand_text"].to_list() == [
        "Condemn the attack on the village of Larkspur",
        "Recognize the victims of the flood",
        "Impose sanctions on the officials responsible",
        "Open a humanitarian corridor to the region",
    ]
    assert set(pet["cue_sentence_id"]) == {"pet-a:s002"}
    assert set(pet["addressee"]) == {"the Government of Canada"}
    assert pet["demand_type"].to_list()[2:] == ["sanctions", "humanitarian_access"]


def test_six_numbered_demands_mixing_semicolons_and_full_stops(found):
    pet = found.filter(pl.col("text_id") == "pet-b")
    assert pet.height == 6
    assert pet["action"].to_list() == ["fund", "support", "publish", "hold", "review", "protect"]
    assert pet["sentence_id"].to_list() == [f"pet-b:s{n:03d}" for n in range(2, 8)]
    assert set(pet["addressee"]) == {"the House of Commons"}


def test_an_item_of_two_sentences_stays_one_demand():
    sentences, toks = _one_petition(
        ["Impose sanctions on the officials. Freeze their assets;", "Open the corridor."]
    )
    assert sentences.height == 4  # the first item is two sentences
    found = demands.demands_extract(sentences, toks, text_ids=["p"])
    assert found["demand_text"].to_list() == [
        "Impose sanctions on the officials. Freeze their assets",
        "Open the corridor",
    ]
    assert found["sentence_id"].to_list() == ["p:s002", "p:s004"]


def test_offsets_point_into_the_source_text(demand_frames, found):
    u = demands.units(*demand_frames)
    for row in found.iter_rows(named=True):
        assert u.span(row["source_id"], row["start"], row["end"]) == row["demand_text"]
        assert u.span(row["source_id"], row["cue_start"], row["cue_end"]) == row["cue"]
    # the statement's source starts with its only segment: offsets count from its first character
    stmt = found.filter(pl.col("text_id") == "stmt").row(0, named=True)
    source = syn.TEXTS["stmt"][1][0][1]
    assert stmt["start"] == source.index("ban the export") == 18
    assert stmt["end"] == source.index(".")


def test_a_statement_without_response_is_extracted_and_typed(found):
    stmt = found.filter(pl.col("text_id") == "stmt")
    assert stmt.select("demand_id", "cue", "addressee", "action", "reported").rows() == [
        ("stmt:d1", "urge", "Canada", "ban", False)
    ]


def test_a_call_without_numbered_segments_keeps_the_items_up_to_the_first_full_stop():
    # a letter's call: the items are plain body segments, so the list ends at the first '.'
    sentences, toks = _one_petition(
        ["Fund the clinic;", "Staff the clinic.", "Close the road."],
        call="We call upon the Council to:",
    )
    sentences = sentences.with_columns(pl.lit("letter_body").alias("role"))
    found = demands.demands_extract(sentences, toks, text_ids=["p"])
    assert found["action"].to_list() == ["fund", "staff"]


def test_demand_ids_with_hyphens_and_digits_sort_by_text_then_number():
    order = ["e-1234", "letter-2"]
    ids = ["letter-2:d10", "e-1234:r1", "letter-2:d2", "e-1234:d3"]
    assert sorted(ids, key=lambda d: demands.demand_key(d, order)) == [
        "e-1234:d3",
        "e-1234:r1",
        "letter-2:d2",
        "letter-2:d10",
    ]
    frame = pl.DataFrame(
        {"demand_id": ids, "text_id": ["letter-2", "e-1234", "letter-2", "e-1234"]}
    )
    assert demands.order_demands(frame, order=order)["demand_id"].to_list() == [
        "e-1234:d3",
        "e-1234:r1",
        "letter-2:d2",
        "letter-2:d10",
    ]
    # texts the order does not list follow in the order they first appear
    assert demands.order_demands(frame, order=[])["demand_id"].to_list()[0] == "letter-2:d2"
    with pytest.raises(DiscourseError, match="malformed demand id"):
        demands.demand_key("Letter d2", order)


def test_an_item_whose_verb_is_a_cue_is_one_own_demand():
    # 'Urge …' and 'Demand …' open items of the call; they are not directives of a third party
    sentences, toks = _one_petition(["Urge the reopening of the crossing;", "Demand a hearing."])
    found = demands.demands_extract(sentences, toks, text_ids=["p"])
    assert found.select("demand_id", "action", "reported").rows() == [
        ("p:d1", "urge", False),
        ("p:d2", "demand", False),
    ]


def test_a_call_by_your_petitioners_is_the_texts_own():
    # the paper-petition formula: the signers name themselves in the third person
    sentences, toks = _one_petition(
        ["Restore the bus service.", "Fund rural transport."],
        call="Therefore, your petitioners call upon the House of Commons to:",
    )
    found = demands.demands_extract(sentences, toks, text_ids=["p"])
    assert found.select("demand_id", "addressee", "action", "reported").rows() == [
        ("p:d1", "the House of Commons", "restore", False),
        ("p:d2", "the House of Commons", "fund", False),
    ]


def test_modifiers_coordinated_after_a_preposition_stay_one_action():
    sentences, toks = _one_petition(
        [
            "Establish a fund for rural and remote public libraries; and",
            "Support the libraries and report to Parliament every year.",
        ]
    )
    found = demands.demands_extract(sentences, toks, text_ids=["p"])
    assert found.select("action", "object").rows() == [
        ("establish", "a fund for rural and remote public libraries"),
        ("support", "the libraries"),
        ("report", "to Parliament every year"),
    ]


def test_an_infinitival_to_after_and_is_not_the_action():
    # 'to' after the coordinator marks the infinitive; the verb after it is the action
    sentences, toks = _one_petition(
        ["Clean the river and to fund water testing;", "Stop dumping and to report every year."]
    )
    found = demands.demands_extract(sentences, toks, text_ids=["p"])
    assert found.select("action", "verb_group", "object").rows() == [
        ("clean", "Clean", "the river"),
        ("fund", "fund", "water testing"),
        ("stop", "Stop", "dumping"),
        ("report", "report", "every year"),
    ]
    item = sentences.filter(pl.col("text").str.starts_with("Clean"))["text"][0]
    second = found.row(1, named=True)
    assert item[second["start"] - sentences["start"][1] :].startswith("fund water testing")
