"""The framing report's version prose on the project's own cue files (data/lexicons/)."""

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
