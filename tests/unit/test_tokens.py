"""Offline sentence and word tokenization on synthetic text; token tables per manifest."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import corpus, tokens

from .synthetic_texts import TINY_RAW, write_tiny_manifest


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Canada’s 100,000 Azerbaijani-speaking community",
            ["Canada", "’s", "100,000", "Azerbaijani-speaking", "community"],
        ),
        (
            "a population of 120’000 living in Artsakh (Nagorno-Karabakh).",
            [
                "a",
                "population",
                "of",
                "120’000",
                "living",
                "in",
                "Artsakh",
                "(",
                "Nagorno-Karabakh",
                ")",
                ".",
            ],
        ),
        (
            "Since December 12th, 2022, the U.S. said",
            ["Since", "December", "12th", ",", "2022", ",", "the", "U.S.", "said"],
        ),
        ("resolutions (#822, #853)", ["resolutions", "(", "#", "822", ",", "#", "853", ")"]),
        (
            "• Since the massacre ➢ Genocide Watch",
            ["•", "Since", "the", "massacre", "➢", "Genocide", "Watch"],
        ),
        ("at 8:56 a.m. (EDT)", ["at", "8:56", "a.m.", "(", "EDT", ")"]),
        ("Mr. Luis Moreno Ocampo", ["Mr", ".", "Luis", "Moreno", "Ocampo"]),
        (
            "“Persecution” stage, R2P commitment",
            ["“", "Persecution", "”", "stage", ",", "R2P", "commitment"],
        ),
    ],
)
def test_tokenize(text, expected):
    assert tokens.tokenize(text) == expected


def test_token_kinds():
    kinds = {
        t: tokens.token_kind(t)
        for t in ["Canada", "’s", "100,000", "12th", "•", "➢", ",", "#", "—"]
    }
    assert kinds == {
        "Canada": "word",
        "’s": "clitic",
        "100,000": "number",
        "12th": "word",
        "•": "punct",
        "➢": "symbol",
        ",": "punct",
        "#": "punct",
        "—": "punct",
    }


@pytest.mark.parametrize(
    "text, n",
    [
        (
            "Distinguished legal expert, Mr. Luis Moreno Ocampo, asserts it. In a testimony he warned.",
            2,
        ),
        ("Petition No. 441-00193 was presented on Dec. 12th, 2022. It was read.", 2),
        ("The U.S. House heard it. Then it ended.", 2),
        ("First line without a stop\nSecond line", 2),
    ],
)
def test_sentence_spans_respect_abbreviations(text, n):
    assert len(tokens.sentence_spans(text)) == n


@settings(deadline=None)  # timing is not what this checks; a loaded machine must not fail it
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200))
def test_tokens_are_non_overlapping_slices_covering_all_non_space(text):
    spans = tokens.word_spans(text)
    covered = set()
    last = 0
    for s, e in spans:
        assert last <= s < e
        last = e
        covered.update(range(s, e))
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)


def test_normalise_is_a_separate_explicit_step():
    assert tokens.normalise("Canada’s") == "canada's"
    assert tokens.normalise("Nagorno‐Karabakh") == "nagorno-karabakh"
    sentences = pl.DataFrame(
        {
            "source_id": ["s"],
            "doc_id": ["d"],
            "text_id": ["x"],
            "segment_id": ["d:body:1"],
            "sentence_id": ["x:s001"],
            "start": [10],
            "text": ["Canada’s grain."],
        }
    )
    t = tokens.tokens_words(sentences)
    assert "norm" not in t.columns
    assert t["token"].to_list() == ["Canada", "’s", "grain", "."]
    assert t["start"].to_list() == [10, 16, 19, 24]  # offsets shifted by the sentence start
    assert tokens.tokens_normalise(t)["norm"].to_list() == ["canada", "'s", "grain", "."]


@pytest.fixture()
def tiny(tmp_path):
    return write_tiny_manifest(tmp_path)


def test_tables_of_another_manifest(tiny):
    toks = tokens.corpus_tokens(manifest_path=tiny)
    assert toks["text_id"].unique(maintain_order=True).to_list() == ["t-one", "t-two"]
    raw = {f"{name[:-4]}": text for name, text in TINY_RAW.items()}
    for source, start, end, token in toks.select("source_id", "start", "end", "token").rows():
        assert raw[source][start:end] == token
    everything = tokens.corpus_tokens(primary=False, manifest_path=tiny)
    assert everything.filter(pl.col("text_id").is_null())["token"][0] == "Intro"
    sentences = tokens.corpus_sentences(manifest_path=tiny)
    assert sentences["sentence_id"].to_list() == ["t-one:s001", "t-two:s001", "t-two:s002"]
    summary = tokens.textstat_summary(toks, sentences)
    # t-one: "The Republic of Artsakh and the river." 7 words; t-two: "Harbour bridge." and
    # "The harbour of Karabakh." 6 words
    assert summary.select("text_id", "n_sentences", "n_word_tokens").rows() == [
        ("t-one", 1, 7),
        ("t-two", 2, 6),
    ]


def test_sentence_trace_in_another_manifest(tiny):
    t = tokens.sentence_trace("t-two:s002", manifest_path=tiny).row(0, named=True)
    assert t["text"] == "The harbour of Karabakh." and t["identical"]
    assert (t["line"], t["column"]) == (1, 18)


def test_cached_tables_follow_the_manifest(tiny, tmp_path):
    other = write_tiny_manifest(tmp_path / "other")
    a = tokens.corpus_tokens(manifest_path=tiny)
    b = tokens.corpus_tokens(manifest_path=other)
    assert a.equals(b)  # same content, separate cache entries
    assert corpus.text_ids(tiny) == ["t-one", "t-two"]


def test_sentence_trace_of_a_crlf_file_outside_the_project(tmp_path):
    """Offsets index the decoded bytes (no newline translation); the file is shown in full."""
    from . import synthetic

    text = "First paragraph here.\r\n\r\nSecond one. It has two sentences.\r\n"
    manifest = synthetic.write_manifest(
        tmp_path,
        [
            synthetic.raw_source(tmp_path, "s", "s.txt", text, kind="plain"),
            synthetic.entry(
                "documents",
                id="s",
                source="s",
                part="text",
                title="S",
                speaker="x",
                date="unknown",
                date_note="none",
            ),
            synthetic.entry(
                "texts",
                id="s",
                label="S",
                document="s",
                roles=["text_paragraph"],
                genre="statement",
            ),
        ],
    )
    t = tokens.sentence_trace("s:s003", manifest_path=manifest).row(0, named=True)
    assert t["text"] == "It has two sentences." and t["identical"]
    assert t["start"] == text.index("It has") and (t["line"], t["column"]) == (3, 13)
    assert t["file"] == str((tmp_path / "raw" / "s.txt").resolve())
