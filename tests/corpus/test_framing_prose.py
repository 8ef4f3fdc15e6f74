"""The framing report's version prose on the project's own cue files (data/lexicons/)."""

import polars as pl

from analysis.evaluation import framing_versions
from analysis.report import framing_prose as fp


def test_default_dictionary_versions_and_their_in_sample_status():
    current = fp.cue_version_info()
    earlier = fp.cue_version_info(framing_versions.V1_DIRECTORY)
    # version 2 was written with the gold labels open (its header and README-framing.md);
    # version 1.1, kept for comparison, was not
    assert current == fp.CueVersion("2", "2026-11-30", True, "data/lexicons/framing-cues.csv")
    assert earlier == fp.CueVersion(
        "1.1", "2026-11-22", False, "data/lexicons/framing-v1/framing-cues.csv"
    )
    assert current.version == framing_versions.cue_version()
    text = fp.describe_dictionary_version(current, earlier)
    assert "uses version 2 of the cue dictionary" in text
    assert "Version 2 was revised with the gold labels and version 1.1's agreement" in text
    assert "Version 1.1, used here" not in text


def test_interval_differences_on_the_default_corpus_carry_their_own_sign():
    from analysis.evaluation import framing_profiles
    from analysis.measures import framing

    gold, coded = framing.gold_load(), framing.framing_sentences()
    comparison = framing_profiles.textstat_profile_comparison("frame", gold=gold, auto=coded)
    text = framing_profiles.describe_interval_differences(comparison)
    assert (
        "excludes zero in 5 cases. In 3 cases, the dictionary codes the category in fewer" in text
    )
    negative, positive = text.split("(a negative difference)")[1].split("(a positive difference)")
    # the dictionary codes Policy prescription (the response) and Economic (the letter) in
    # more sentences than the gold coder: they are listed as positive, not as negative
    for case in (
        "in the response, Policy prescription and evaluation (dictionary 62% [25%, 88%], gold "
        "coder 25% [0%, 50%]; difference +38 points [+12, +75])",
        "in the letter, Economic (dictionary 23% [10%, 40%], gold coder 10% [0%, 20%]; "
        "difference +13 points [+3, +27])",
    ):
        assert case in positive and case not in negative
    assert "+" not in negative and "Political (dictionary 50% [12%, 88%]" in negative


def test_profile_notes_on_the_default_corpus_as_notebook_02_printed_them():
    from analysis import tokens
    from analysis.evaluation import framing_profiles
    from analysis.measures import framing

    gold, coded, sentences = (
        framing.gold_load(),
        framing.framing_sentences(),
        tokens.corpus_sentences(),
    )
    profiles = [framing.textstat_frame_profile(layer) for layer in framing.LAYERS]
    gold_profiles = [
        framing_profiles.textstat_gold_profile(layer, gold, sentences=sentences)
        for layer in framing.LAYERS
    ]
    # e.g. the dictionary codes no sentence of the petition with Economic
    assert fp.describe_share_intervals([*profiles, *gold_profiles]) == (
        "Shares are given with their 95% intervals in brackets (95% intervals: percentile "
        "bootstrap over sentences (2,000 resamples, fixed seed), resampling within each text). "
        "Where a text has none of its sentences coded with a category, or all of them, every "
        "resample gives the same share and the interval shrinks to that share: with so few "
        "sentences, this says nothing about how certain the share is."
    )
    comparison = pl.concat(
        [
            framing_profiles.textstat_profile_comparison(layer, gold=gold, auto=coded)
            for layer in framing.LAYERS
        ]
    )
    assert fp.describe_profile_gap(comparison) == (
        "The largest gap is Political in the response: the dictionary codes 4 of the 8 "
        "sentences the gold coding covers, the gold coding 8."
    )
