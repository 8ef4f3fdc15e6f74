"""Framing on a synthetic corpus of five texts (ids not the default ones).

Every count is checked against an independent computation: the sentences are split into words
with a plain regular expression and the cues compared word by word, without the suite's
tokenizer or matcher.
"""

from __future__ import annotations

import re

import polars as pl
import pytest

from analysis.io import DiscourseError
from analysis.measures import framing

from . import framing_synthetic as fs


@pytest.fixture()
def coded(synth):
    matches = framing.framing_matches(synth.toks, fs.CUES)
    coding = framing.textstat_frame_coding(matches)
    return matches, coding, framing.framing_sentences(coding, synth.sentences)


def _words(sentence: str) -> list[str]:
    return re.findall(r"[a-z]+", sentence.lower())


def _hits(sentence: str, cue: str) -> int:
    words = _words(sentence)
    if cue.endswith("*"):
        return sum(w.startswith(cue[:-1]) for w in words)
    return words.count(cue)


def _expected(layer: str, category: str):
    """{text_id: (sentences coded, cue matches, sentences, word tokens)}, counted directly."""
    cues = fs.CUES.filter((pl.col("layer") == layer) & (pl.col("category") == category))["cue"]
    out = {}
    for text_id, *_, sents in fs.TEXTS:
        per = [sum(_hits(s, c) for c in cues) for s in sents]
        out[text_id] = (sum(k > 0 for k in per), sum(per), len(sents), len(_words(" ".join(sents))))
    return out


def test_matches_offsets_point_into_the_raw_files(synth, coded):
    matches, _, _ = coded
    for text_id, start, end, matched in matches.select(
        "text_id", "start", "end", "matched"
    ).iter_rows():
        raw = (synth.manifest.parent / "raw" / f"{text_id}.txt").read_text(encoding="utf-8")
        assert raw[start:end] == matched


@pytest.mark.parametrize(
    ("layer", "category"),
    [
        ("frame", "legality"),
        ("frame", "crime"),
        ("frame", "economic"),
        ("entman", "remedy"),
        ("domain", "victimhood"),
        ("domain", "canada"),
        ("frame", "health_safety"),  # no cue at all: zeros for every text
    ],
)
def test_profile_every_text_against_a_direct_count(synth, coded, layer, category):
    matches, coding, _ = coded
    prof = framing.textstat_frame_profile(
        layer, coding=coding, matches=matches, sentences=synth.sentences, toks=synth.toks
    )
    assert prof["text_id"].unique(maintain_order=True).to_list() == fs.TEXT_IDS
    assert prof.height == 5 * len(framing.LAYERS[layer])
    want = _expected(layer, category)
    got = prof.filter(pl.col("category") == category)
    for row in got.iter_rows(named=True):
        k, m, n, words = want[row["text_id"]]
        assert (row["sentences_coded"], row["n_cues"], row["n_sentences"]) == (k, m, n)
        assert row["n_word_tokens"] == words
        assert row["share"] == pytest.approx(k / n)
        assert row["rate"] == pytest.approx(1000 * m / words)


def test_the_added_texts_have_their_own_values(synth, coded):
    # read off the sentences: s-404 "The victims remember the law." is victimhood and
    # legality; l-303 has one economic cue ("trade") in its single sentence
    matches, coding, sentences = coded
    prof = framing.textstat_frame_profile(
        "domain", coding=coding, matches=matches, sentences=synth.sentences, toks=synth.toks
    )
    row = prof.filter((pl.col("text_id") == "s-404") & (pl.col("category") == "victimhood"))
    assert row.select("sentences_coded", "n_sentences").row(0) == (1, 2)
    s404 = sentences.filter(pl.col("sentence_id") == "s-404:s002").row(0, named=True)
    assert (s404["frames"], s404["entman"], s404["domain"]) == ("legality", "", "victimhood")
    l303 = sentences.filter(pl.col("text_id") == "l-303").row(0, named=True)
    assert (l303["frames"], l303["evidence"]) == ("economic", "economic: trade")


def test_prose_names_every_text_from_the_manifest(synth, coded):
    matches, coding, _ = coded
    prof = framing.textstat_frame_profile(
        "frame", coding=coding, matches=matches, sentences=synth.sentences, toks=synth.toks
    )
    want = _expected("frame", "legality")
    text = framing.describe_category(prof, "legality")

    def share(t):
        k, n = want[t][0], want[t][2]
        low, high = framing.share_interval(k, n)
        return f"{k / n:.0%} [{low:.0%}, {high:.0%}]"

    assert text == ", ".join(
        f"{fs.NAMES[t]} {want[t][0]} of {want[t][2]}{' sentences' if i == 0 else ''} ({share(t)})"
        for i, t in enumerate(fs.TEXT_IDS)
    )
    # p-101: legality in 1 of 3 sentences; by hand, a resample draws it 0 times with
    # probability 8/27 and 3 times with 1/27 > 2.5%: the interval is [0%, 100%]
    assert text.startswith("petition e-101 1 of 3 sentences (33% [0%, 100%]), ")
    # without intervals in the profile, the counts alone
    assert framing.describe_category(prof.drop("ci_low", "ci_high"), "legality").endswith(
        f"{fs.NAMES['s-404']} 1 of 2 sentences"
    )
    # explicit names win over the manifest's
    assert framing.describe_category(prof, "legality", {"p-101": "P"}).startswith("P 1 of 3 ")
    leaders = framing.textstat_profile_leaders(prof, n=1)
    assert leaders["text_id"].to_list() == fs.TEXT_IDS
    clauses = framing.describe_leaders(leaders).split("; ")
    assert [c.split(", ")[0] for c in clauses] == [f"in {fs.NAMES[t]}" for t in fs.TEXT_IDS]
    # p-202: crime in 2 of 4 sentences leads (legality 1, economic 0)
    # by hand: 2 of 4, a resample draws no crime sentence (or only crime sentences) with
    # probability 1/16 > 2.5%: [0%, 100%]
    assert (
        clauses[2] == "in petition e-202, Crime and punishment (2 of 4 sentences, 50% [0%, 100%])"
    )


def test_word_token_range_names_the_extremes(synth):
    sizes = {t: len(_words(" ".join(s))) for t, *_, s in fs.TEXTS}
    lo, hi = min(sizes, key=sizes.get), max(sizes, key=sizes.get)
    assert framing.describe_word_token_range(synth.toks) == (
        f"from {sizes[lo]} word tokens ({fs.NAMES[lo]}) to {sizes[hi]} ({fs.NAMES[hi]})"
    )
    one = synth.toks.filter(pl.col("text_id") == "l-303")
    assert framing.describe_word_token_range(one) == "6 word tokens (the letter of 2025)"


# --- errors (moved from the corpus tier: no corpus is read) -----------------------------------


def _write_cues(tmp_path, body: str):
    (tmp_path / "framing-cues.csv").write_text(
        "# purpose: t\n# source: t\n# version: 1\n# date: 2026-11-22\n"
        "layer,category,cue,rationale\n" + body,
        encoding="utf-8",
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("frame,legality,law,r\nframe,nonsense,x,r\n", r"line 7: unknown category 'nonsense'"),
        (
            "frame,legality,law,r\nframe,remedy,x,r\n",
            r"line 7: category 'remedy' does not belong to layer 'frame'",
        ),
        ("frame,legality,law,r\nframe,legality,Law,r\n", r"line 7: duplicate layer/category/cue"),
        ("frame,legality,,r\n", r"line 6: empty 'cue'"),
        ("layer2,legality,law,r\n", r"line 6: unknown layer 'layer2'"),
    ],
)
def test_dictionary_errors_name_file_and_line(tmp_path, body, message):
    _write_cues(tmp_path, body)
    with pytest.raises(DiscourseError, match=message) as err:
        framing.framing_cues(tmp_path)
    assert "framing-cues.csv" in str(err.value)


def test_profile_rejects_unknown_layer():
    # a DiscourseError (which the CLI reports), naming the function and the allowed layers
    with pytest.raises(
        DiscourseError, match=r"textstat_frame_profile\(\): unknown layer 'frames'; pass one of"
    ):
        framing.textstat_frame_profile("frames")


def test_confusion_rejects_unknown_category():
    with pytest.raises(
        DiscourseError, match=r"framing_confusion\(\): unknown domain category 'legality'"
    ):
        framing.framing_confusion("domain", "legality")


def test_number_word_and_rates():
    assert [framing.number_word(n) for n in (1, 5, 9, 10, 11)] == [
        "one",
        "five",
        "nine",
        "ten",
        "11",
    ]
    assert framing.per_thousand(3, 600) == pytest.approx(5.0)
    assert framing.per_thousand(0, 0) is None


def test_gold_names_are_reexported():
    from analysis.evaluation import framing_agreement, framing_gold

    assert framing.gold_load is framing_gold.gold_load
    assert framing.textstat_framing_agreement is framing_agreement.textstat_framing_agreement
    assert "gold_load" in dir(framing)
    with pytest.raises(AttributeError):
        framing.TEXT_ROLES  # noqa: B018  (removed: prose names come from the manifest)


def test_join_words():
    assert framing.join_words([]) == ""
    assert framing.join_words(["a"]) == "a"
    assert framing.join_words(["a", "b"]) == "a and b"
    assert framing.join_words(iter(["a", "b", "c"])) == "a, b and c"
