"""The scale corpus generator, on a synthetic sentence pool of four texts (no corpus read)."""

from __future__ import annotations

import polars as pl
import pytest

from analysis import tokens
from analysis.bench.scale import SEGMENT_SCHEMA, group_id, scale_corpus
from analysis.io import DiscourseError

#: Four texts; every sentence names its text, so a document's sources can be read back.
POOL = pl.DataFrame(
    {
        "text_id": ["alpha"] * 3 + ["beta"] * 2 + ["gamma"] * 2 + ["delta"],
        "text": [
            "Alpha one speaks of rivers.",
            "Alpha two asks for bridges and roads.",
            "Alpha three thanks the council.",
            "Beta one reports a long meeting of the committee.",
            "Beta two notes it.",
            "Gamma one has five words.",
            "Gamma two, the longest sentence here, has eleven words in it.",
            "Delta one closes the file today.",
        ],
        "n_words": [5, 7, 5, 9, 4, 5, 11, 6],
    }
)
WORDS = dict(zip(POOL["text"], POOL["n_words"], strict=True))
TEXT_OF = dict(zip(POOL["text"], POOL["text_id"], strict=True))


def test_same_seed_gives_identical_frame_and_another_seed_does_not():
    a = scale_corpus(12, seed=7, words_per_doc=40, groups=3, pool=POOL)
    b = scale_corpus(12, seed=7, words_per_doc=40, groups=3, pool=POOL)
    c = scale_corpus(12, seed=8, words_per_doc=40, groups=3, pool=POOL)
    assert a.equals(b)
    assert not a.equals(c)


def test_sizes_schema_and_offsets():
    segs = scale_corpus(10, words_per_doc=50, groups=2, pool=POOL)
    assert segs.height == 10
    assert dict(segs.schema) == SEGMENT_SCHEMA
    assert segs["doc_id"].to_list() == [f"scale-{i:06d}" for i in range(1, 11)]
    assert segs["segment_id"].to_list() == [f"scale-{i:06d}:body:1" for i in range(1, 11)]
    assert segs["source_id"].equals(segs["doc_id"], check_names=False)
    for text, end, end_byte in segs.select("text", "end", "end_byte").iter_rows():
        picked = text.split("\n")
        size = sum(WORDS[s] for s in picked)
        # sentences are added until the document reaches its size: the last one crosses it
        assert 50 <= size < 50 + max(WORDS.values())
        assert size - WORDS[picked[-1]] < 50
        assert end == len(text) and end_byte == len(text.encode("utf-8"))
    assert segs["start"].to_list() == [0] * 10


def test_documents_cycle_through_groups_and_groups_favour_their_home_text():
    segs = scale_corpus(300, seed=3, words_per_doc=30, groups=5, pool=POOL)
    expected = [group_id(i % 5) for i in range(300)]
    assert segs["text_id"].to_list() == expected
    assert segs["speaker"].to_list() == expected
    assert group_id(0) == "group-1" and group_id(4) == "group-5"
    homes = ["alpha", "beta", "gamma", "delta", "alpha"]  # five groups over four texts
    for g, home in enumerate(homes):
        picked = [
            s for t in segs.filter(pl.col("text_id") == group_id(g))["text"] for s in t.split("\n")
        ]
        share = sum(TEXT_OF[s] == home for s in picked) / len(picked)
        # 0.7 from home plus its share of the uniform draws: well above any other text
        assert share > 0.7, (g, share)
        assert {TEXT_OF[s] for s in picked} == {"alpha", "beta", "gamma", "delta"}


def test_suite_splits_documents_back_into_the_sampled_sentences():
    segs = scale_corpus(4, words_per_doc=30, groups=2, pool=POOL)
    sents = tokens.tokens_sentences(segs)
    assert sents["text"].to_list() == [s for t in segs["text"] for s in t.split("\n")]
    assert sents["text_id"].unique(maintain_order=True).to_list() == ["group-1", "group-2"]
    toks = tokens.tokens_normalise(tokens.tokens_words(sents))
    n_words = toks.group_by("doc_id", maintain_order=True).agg(pl.col("is_word").sum())
    expected = [sum(WORDS[s] for s in t.split("\n")) for t in segs["text"]]
    assert n_words["is_word"].to_list() == expected


def test_bad_arguments_raise_one_line_error():
    with pytest.raises(DiscourseError, match="n_docs"):
        scale_corpus(0, pool=POOL)
