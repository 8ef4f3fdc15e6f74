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
