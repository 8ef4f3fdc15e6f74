"""The corpus: manifest, checksums, segmentation with offsets, and the facts the texts state."""

from __future__ import annotations

import hashlib
from pathlib import Path

import polars as pl
import pytest

from analysis import corpus, paths

SHARED = paths.ROOT.parent / "shared" / "corpus"


def test_raw_files_match_their_manifest_checksums():
    m = corpus.load_manifest()
    for source in m.sources:
        data = corpus.raw_path(source, m).read_bytes()
        assert hashlib.sha256(data).hexdigest() == source.sha256


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared corpus delivery not beside the checkout")
def test_raw_files_are_byte_identical_to_the_delivery():
    for path in sorted(paths.RAW.glob("*.txt")):
        assert path.read_bytes() == (SHARED / path.name).read_bytes()


def test_manifest_checksums_are_the_delivered_ones():
    # From ../shared/corpus/SOURCES.md, as received.
    sums = {s.id: s.sha256 for s in corpus.load_manifest().sources}
    assert sums == {
        "petition-e-3780": "26ac300f1e9c31e968e5f31a5f3f526ded6bb94150367782c673a8ae350edd31",
        "hayren-ngo-letter-2023-09-07": "b52acedb8bd0b1e6c57b30c5f84908fbe64a61396c5a3575059882833ade1490",
    }


def test_every_segment_is_its_raw_slice(segments):
    for row in segments.iter_rows(named=True):
        raw = corpus.raw_text(row["source_id"])
        assert raw[row["start"] : row["end"]] == row["text"]
        data = raw.encode("utf-8")
        assert data[row["start_byte"] : row["end_byte"]].decode("utf-8") == row["text"]


def test_segments_cover_every_non_blank_character(segments):
    for source_id, group in segments.group_by("source_id"):
        raw = corpus.raw_text(source_id[0])
        covered = [False] * len(raw)
        for s, e in group.select("start", "end").iter_rows():
            for i in range(s, e):
                assert not covered[i], "segments overlap"
                covered[i] = True
        # Outside segments only whitespace and list markers (•, ➢, "1.") remain.
        leftover = "".join(ch for i, ch in enumerate(raw) if not covered[i])
        assert set(leftover) <= set(" \n\t•➢.0123456789")


def test_segment_ids_are_unique_and_ordered(segments):
    assert segments["segment_id"].is_unique().all()
    for _, group in segments.group_by("source_id"):
        assert group["start"].is_sorted() and group["order"].to_list() == list(
            range(1, group.height + 1)
        )


def _roles(segments, role):
    return segments.filter(pl.col("role") == role)


def test_petition_has_seven_preamble_bullets_and_three_demands(segments):
    assert _roles(segments, "petition_preamble").height == 7
    demands = _roles(segments, "petition_demand")
    assert demands.height == 3
    assert demands["text"].str.slice(0, 12).to_list() == [
        "Officially c",
        "Declare Febr",
        "Work with th",
    ]
    call = _roles(segments, "petition_call")["text"].item()
    assert call.endswith("call upon the Government of Canada to:")


def test_response_is_four_paragraphs_by_the_government(segments):
    response = _roles(segments, "government_response")
    assert response.height == 4
    assert set(response["speaker"]) == {"Government of Canada (Minister of Foreign Affairs)"}
    assert response["text"][0].startswith(
        "The Government of Canada recognizes the Khojaly massacre"
    )


def test_petition_record_facts():
    record = dict(corpus.petition_record().select("field", "value").iter_rows())
    assert record["petition_number"] == "e-3780"
    assert record["initiator_place"] == "Thornhill, Ontario"
    assert record["response_signed_by"] == "Rob Oliphant"
    assert record["response_tabled"] == "April 1, 2022"
    assert record["presented_on"] == "February 16, 2022"
    assert record["house_petition_number"] == "441-00193"
    assert record["open_for_signature"].startswith("January 12, 2022")
    assert record["closed_for_signature"].startswith("February 11, 2022")


def test_petition_record_values_are_raw_slices():
    for row in corpus.petition_record().iter_rows(named=True):
        assert corpus.raw_text(row["source_id"])[row["start"] : row["end"]] == row["value"]


def test_letter_date_and_its_22_signatories(segments):
    assert _roles(segments, "letter_dateline")["text"].item() == "September 7th, 2023"
    signatories = _roles(segments, "letter_signatories")
    assert signatories.height == 22
    assert signatories["text"][0] == "Hayren Partners for Humanity (letter author & coordinator)"
    individuals = signatories.filter(pl.col("text").str.contains(r"^(Lela Gilbert|Professor )"))
    assert individuals.height == 2
    assert signatories["text"][-1] == "UHRP – Uyghur Human Rights Project"


def test_intro_and_comment_are_not_part_of_the_letter(segments):
    intro = _roles(segments, "letter_intro_by_publisher").row(0, named=True)
    comment = _roles(segments, "reader_comment").row(0, named=True)
    assert intro["doc_id"] == "letter-page" and intro["speaker"] == "publishing site"
    assert comment["doc_id"] == "reader-comment" and comment["speaker"] == "a reader"
    assert intro["text_id"] is None and comment["text_id"] is None
    letter = corpus.corpus_segments(primary=True).filter(pl.col("text_id") == "letter")
    assert not letter["text"].str.contains("below letter").any()
    assert not letter["text"].str.contains("Hayasdan").any()


def test_primary_texts_are_the_three_in_order():
    primary = corpus.corpus_segments(primary=True)
    assert primary["text_id"].unique(maintain_order=True).to_list() == [
        "petition",
        "response",
        "letter",
    ]
    roles = primary.group_by("text_id", maintain_order=True).agg(pl.col("role").unique().sort())
    assert dict(roles.iter_rows()) == {
        "petition": ["petition_call", "petition_demand", "petition_preamble"],
        "response": ["government_response"],
        "letter": ["letter_body", "letter_call", "letter_closing"],
    }
    assert primary.filter(pl.col("text_id") == "letter").height == 14


def test_documents_and_texts_tables():
    docs = corpus.corpus_documents()
    assert docs.filter(pl.col("doc_id") == "response")["date"].item() == "2022-04-01"
    assert docs.filter(pl.col("doc_id") == "letter")["date"].item() == "2023-09-07"
    texts = corpus.corpus_texts()
    assert texts["text_id"].to_list() == ["petition", "response", "letter"]


# --- the page parser reproduces the rule-based segmentation of petition e-3780 ---------------

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_e3780_is_segmented_by_the_page_parser():
    m = corpus.load_manifest()
    assert m.source("petition-e-3780").kind == "e-petition"
    assert not [r for r in m.rules if r.source == "petition-e-3780"]


def test_e3780_parser_segments_equal_the_rule_based_ones(segments):
    expected = pl.read_csv(
        FIXTURES / "e-3780-segments.csv", schema_overrides={"speaker": pl.String}
    )
    assert expected.height == 26
    got = segments.filter(pl.col("source_id") == "petition-e-3780").select(expected.columns)
    assert got.equals(expected)


def test_default_corpus_has_73_segments(segments):
    assert segments.height == 73
    assert segments.group_by("source_id", maintain_order=True).len().rows() == [
        ("petition-e-3780", 26),
        ("hayren-ngo-letter-2023-09-07", 47),
    ]


def test_petition_records_one_row_with_iso_dates():
    records = corpus.petition_records()
    assert records.height == 1
    row = records.row(0, named=True)
    assert row["source_id"] == "petition-e-3780"
    assert row["petition_kind"] == "e-petition"
    assert (row["open_date"], row["closed_date"]) == ("2022-01-12", "2022-02-11")
    assert (row["presented_date"], row["response_tabled_date"]) == ("2022-02-16", "2022-04-01")
    assert row["response_by"] == "the Minister of Foreign Affairs"
    assert set(corpus.petition_record()["petition_kind"]) == {"e-petition"}


def test_default_sources_live_in_data_raw_within_the_size_limits(segments):
    from analysis.corpus.manifest import max_source_bytes, max_source_lines, raw_dir

    m = corpus.manifest()
    assert raw_dir(m) == paths.RAW.resolve()
    for source in m.sources:
        path = corpus.raw_path(source, m)
        assert path.parent == paths.RAW.resolve()
        data = path.read_bytes()
        assert len(data) < max_source_bytes() and data.count(b"\n") < max_source_lines()
        raw = data.decode("utf-8")
        rows = segments.filter(segments["source_id"] == source.id)
        # The one-pass byte offsets equal the prefix re-encoding they replaced.
        assert rows["start_byte"].to_list() == [
            len(raw[:s].encode("utf-8")) for s in rows["start"].to_list()
        ]
