"""Offline sentence and word tokenization, with offsets back into the raw files."""

from __future__ import annotations

import polars as pl
import pytest

from analysis import corpus, tokens
from analysis.io import DiscourseError


def test_normalise_is_a_separate_explicit_step():
    assert tokens.normalise("Canada’s") == "canada's"
    assert tokens.normalise("Nagorno‐Karabakh") == "nagorno-karabakh"
    t = tokens.tokens_words(tokens.corpus_sentences().head(1))
    assert "norm" not in t.columns
    assert "norm" in tokens.tokens_normalise(t).columns


def test_sentence_and_token_offsets_point_into_the_raw_file(sentences, toks):
    for row in sentences.iter_rows(named=True):
        assert corpus.raw_text(row["source_id"])[row["start"] : row["end"]] == row["text"]
    for row in toks.sample(300, seed=1).iter_rows(named=True):
        assert corpus.raw_text(row["source_id"])[row["start"] : row["end"]] == row["token"]


def test_sentence_counts_per_text(sentences):
    counts = dict(sentences.group_by("text_id").len().iter_rows())
    # petition: 7 bullets + call + 3 demands; response: 8 sentences in 4 paragraphs;
    # letter: 30 sentences in 12 body paragraphs + call (2) + closing (1).
    assert counts == {"petition": 11, "response": 8, "letter": 30}
    assert sentences.filter(pl.col("text_id") == "letter")["text"][3].startswith(
        "Distinguished legal expert, Mr. Luis"
    )


def test_word_token_counts_per_text(toks, sentences):
    summary = tokens.textstat_summary(toks, sentences)
    assert summary.select("text_id", "n_word_tokens").rows() == [
        ("petition", 269),
        ("response", 229),
        ("letter", 861),
    ]


def test_sentence_ids_do_not_depend_on_what_else_is_loaded():
    everything = tokens.corpus_sentences(primary=False)
    primary = tokens.corpus_sentences()
    joined = primary.join(everything, on="sentence_id", suffix="_all")
    assert joined.height == primary.height
    assert (joined["start"] == joined["start_all"]).all()


def test_sentence_trace_gives_line_and_column():
    t = tokens.sentence_trace("response:s003").row(0, named=True)
    assert t["text"].startswith("Canada recognizes all UN Security Council resolutions")
    assert t["identical"] and t["file"] == "data/raw/petition-e-3780.txt"
    assert (t["line"], t["column"]) == (31, 1)
    with pytest.raises(DiscourseError, match="no sentence 'response:s999'; ids look like"):
        tokens.sentence_trace("response:s999")


def test_committed_coding_units_match_the_tokenizer(sentences):
    """The gold labels refer to data/annotations/units-sentences.csv; it must not drift."""
    from analysis import paths

    units = pl.read_csv(paths.ANNOTATIONS / "units-sentences.csv")
    current = sentences.select("sentence_id", "text_id", "segment_id", "start", "end", "text")
    assert units.equals(current)


def test_columnar_tables_equal_the_reference_on_every_segment(segments):
    """The columnar token tables are the earlier row-by-row ones, frame for frame."""
    from analysis.bench import reference_tokens as ref

    sentences = ref.tokens_sentences_reference(segments)
    assert tokens.tokens_sentences(segments).equals(sentences)
    words = ref.tokens_words_reference(sentences)
    assert tokens.tokens_words(sentences).equals(words)
    normalised = ref.tokens_normalise_reference(words)
    assert tokens.tokens_normalise(words).equals(normalised)
    # and the cached tables of the default corpus are the same frames
    assert tokens.corpus_sentences(primary=False).equals(sentences)
    assert tokens.corpus_tokens(primary=False).equals(normalised)
    assert normalised.height == 2206 and sentences.height == 125
