"""The corpus: manifest, checksums, segmentation with offsets, and the facts the texts state."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import polars as pl
import pytest

from analysis import corpus, paths
from analysis.io import DiscourseError

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


# --- bad input: each gives a clear error naming the file, the place and the fix ---------------


@pytest.fixture()
def scratch(tmp_path) -> Path:
    """A copy of data/ (manifest + raw files) to break on purpose."""
    shutil.copytree(paths.DATA / "raw", tmp_path / "raw")
    shutil.copy(paths.MANIFEST, tmp_path / "corpus.toml")
    for f in (tmp_path / "raw").iterdir():
        f.chmod(0o644)
    return tmp_path


def test_missing_manifest(tmp_path):
    with pytest.raises(DiscourseError, match=r"corpus\.toml: corpus manifest not found"):
        corpus.load_manifest(tmp_path / "corpus.toml")


def test_malformed_manifest_names_the_line(scratch):
    path = scratch / "corpus.toml"
    lines = path.read_text().splitlines()
    lines[20] = "id = = broken"
    path.write_text("\n".join(lines))
    with pytest.raises(DiscourseError, match=r"malformed TOML: .*line 21"):
        corpus.load_manifest(path)


def test_manifest_missing_key_names_the_line(scratch):
    path = scratch / "corpus.toml"
    text = path.read_text().replace('publisher = "House of Commons of Canada"\n', "", 1)
    path.write_text(text)
    header_line = text.splitlines().index("[[sources]]") + 1
    with pytest.raises(
        DiscourseError,
        match=rf"line {header_line} \(\[\[sources\]\] entry 1\): missing key\(s\) \['publisher'\]",
    ):
        corpus.load_manifest(path)


def test_missing_raw_file(scratch):
    (scratch / "raw" / "petition-e-3780.txt").unlink()
    m = corpus.load_manifest(scratch / "corpus.toml")
    with pytest.raises(
        DiscourseError, match=r"petition-e-3780\.txt: raw source 'petition-e-3780' is missing"
    ):
        corpus.read_source("petition-e-3780", m)


def test_checksum_mismatch(scratch):
    path = scratch / "raw" / "petition-e-3780.txt"
    path.write_bytes(path.read_bytes().replace(b"Khojaly", b"Khojali"))
    m = corpus.load_manifest(scratch / "corpus.toml")
    with pytest.raises(
        DiscourseError, match=r"checksum mismatch for 'petition-e-3780'.*never edited"
    ):
        corpus.read_source("petition-e-3780", m)


def test_not_utf8_names_the_byte_offset(scratch):
    path = scratch / "raw" / "petition-e-3780.txt"
    data = path.read_bytes()
    path.write_bytes(data[:100] + b"\xff" + data[100:])
    m = corpus.load_manifest(scratch / "corpus.toml")
    with pytest.raises(DiscourseError, match=r"not valid UTF-8 at byte offset 100"):
        corpus.read_source("petition-e-3780", m)


def test_empty_file(scratch):
    (scratch / "raw" / "petition-e-3780.txt").write_bytes(b"")
    m = corpus.load_manifest(scratch / "corpus.toml")
    with pytest.raises(DiscourseError, match=r"raw source 'petition-e-3780' is empty"):
        corpus.read_source("petition-e-3780", m)


def test_rule_with_wrong_count_names_the_rule_line(scratch):
    path = scratch / "corpus.toml"
    text = path.read_text()
    text = text.replace(
        "role = \"petition_preamble\"\npattern = '^  • (?P<text>[^\\n]+)$'\nexpect = 7",
        "role = \"petition_preamble\"\npattern = '^  • (?P<text>[^\\n]+)$'\nexpect = 6",
    )
    path.write_text(text)
    m = corpus.load_manifest(path)
    rule = next(r for r in m.rules if r.role == "petition_preamble")
    raw = corpus.read_source("petition-e-3780", m)
    with pytest.raises(
        DiscourseError,
        match=rf"line {rule.line}: rule for role 'petition_preamble' matched 7 time\(s\).*expected 6",
    ):
        corpus.segment_source("petition-e-3780", raw, m)


def test_unclaimed_text_is_an_error(scratch):
    m = corpus.load_manifest(scratch / "corpus.toml")
    raw = corpus.read_source("petition-e-3780", m)
    m2 = corpus.Manifest(
        m.path,
        m.sources,
        m.documents,
        m.texts,
        tuple(r for r in m.rules if r.role != "petition_call"),
    )
    with pytest.raises(
        DiscourseError, match=r"at line 20 .*belongs to no segment rule: 'We, the undersigned"
    ):
        corpus.segment_source("petition-e-3780", raw, m2)


def test_unknown_top_level_key_is_refused(scratch):
    path = scratch / "corpus.toml"
    path.write_text(path.read_text().replace("[[texts]]", "[[textz]]"))
    with pytest.raises(DiscourseError, match=r"unknown top-level key\(s\) \['textz'\]"):
        corpus.load_manifest(path)


def test_inline_table_array_is_refused_clearly(scratch):
    import re

    path = scratch / "corpus.toml"
    text = re.sub(r"(?m)^\[\[texts\]\](?s:.*?)(?=^# --- pairs)", "", path.read_text())
    text = text.replace("version = 2\n", 'version = 2\ntexts = [{id = "x"}]\n', 1)
    path.write_text(text)
    with pytest.raises(
        DiscourseError, match=r"write each texts entry as its own \[\[texts\]\] table"
    ):
        corpus.load_manifest(path)
