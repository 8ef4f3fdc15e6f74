"""analysis.report.framing_prose on small synthetic agreement tables."""

import polars as pl
import pytest

from analysis.report import framing_prose as fp

NAMES = {"t-1": "the first *text*", "t-2": "the second text"}


def _by_text(rows):
    return pl.DataFrame(
        rows, schema=["text_id", "label", "gold_yes", "both_yes", "auto_yes"], orient="row"
    )


def test_largest_gap_names_the_text_and_counts():
    table = _by_text([("t-1", "Victimhood", 7, 2, 3), ("t-2", "History", 4, 1, 1)])
    assert fp.describe_largest_gap(table, NAMES) == (
        r"The largest gap is for Victimhood in the first \*text\*: the dictionary finds 2 of "
        "the 7 sentences the gold coding codes with it (and codes 3 in all)."
    )
    assert fp.describe_largest_gap(_by_text([("t-2", "History", 4, 4, 5)]), NAMES).startswith(
        "The dictionary finds every sentence"
    )
    assert fp.describe_largest_gap(_by_text([]), NAMES).startswith("No text has gold coding")


def test_kappa_intervals_widest_and_undefined():
    table = pl.DataFrame(
        {
            "layer": ["frame", "frame", "domain"],
            "label": ["Legality", "Economic", "Peace"],
            "kappa": [0.7, 0.5, None],
            "ci_low": [0.5, 0.0, None],
            "ci_high": [0.9, 0.9, None],
            "gold_yes": [5, 3, 0],
            "auto_yes": [6, 7, 0],
        }
    )
    assert fp.describe_kappa_intervals(table) == (
        "The widest interval is for Economic (frame layer): kappa 0.50, 95% interval "
        "[0.00, 0.90]; the gold coding codes 3 sentences with it, the dictionary 7. "
        "No interval for Peace: kappa is undefined on half the resamples or more."
    )
    none = table.with_columns(pl.lit(None, pl.Float64).alias("ci_low"))
    assert fp.describe_kappa_intervals(none).startswith("No kappa interval")


# --- the dictionary version, read from the cue files' headers ----------------------------------


def _cue_file(directory, version, date):
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "framing-cues.csv").write_text(
        "# purpose: test cues\n# source: written for the test\n"
        f"# version: {version}\n# date: {date}\n"
        "layer,category,cue,rationale\nframe,legality,law,test cue\n",
        encoding="utf-8",
    )
    return directory


@pytest.fixture()
def versions(tmp_path):
    current = fp.cue_version_info(
        _cue_file(
            tmp_path / "now",
            "3 (2031-01-02, written with the gold labels and the v2.5 agreement figures seen)",
            "2031-01-02",
        )
    )
    earlier = fp.cue_version_info(
        _cue_file(
            tmp_path / "kept",
            "2.5 (2030-05-06, none added in response to the gold labels)",
            "2030-05-06",
        )
    )
    return current, earlier


def test_cue_version_info_reads_the_header(versions):
    current, earlier = versions
    assert current == fp.CueVersion("3", "2031-01-02", True, "framing-cues.csv")
    # naming the gold labels is not enough: only "written with the gold labels" marks tuning
    assert earlier == fp.CueVersion("2.5", "2030-05-06", False, "framing-cues.csv")


def test_describe_dictionary_version(versions):
    current, earlier = versions
    assert fp.describe_dictionary_version(current, earlier) == (
        "**Dictionary version.** Every profile, figure and table of this report uses version 3 "
        "of the cue dictionary (`framing-cues.csv`, 2031-01-02), except where version 2.5 is "
        "named: version 2.5 (2030-05-06) is kept as `framing-cues.csv`, and its agreement with "
        "the gold coding is recomputed beside version 3's in the agreement section. Version 3 "
        "was revised with the gold labels and version 2.5's agreement figures open (the file's "
        "header; `data/lexicons/README-framing.md`): its agreement with the gold coding is "
        "in-sample, tuned on the labels it is scored against. Version 2.5's agreement is the "
        "figure not tuned on them; it too is in-sample, since its cues were written with the "
        "texts in view."
    )
    # a version written without the gold labels open, and none kept: no "tuned" claim
    assert fp.describe_dictionary_version(earlier) == (
        "**Dictionary version.** Every profile, figure and table of this report uses version "
        "2.5 of the cue dictionary (`framing-cues.csv`, 2030-05-06). Version 2.5 was not "
        "revised with the gold labels open; its agreement with the gold coding is still "
        "in-sample, since the cues were written with the texts in view."
    )


def test_in_sample_sentences_beside_the_kappas_and_the_figure(versions):
    current, earlier = versions
    assert fp.describe_agreement_in_sample(current, earlier) == (
        "These kappas are those of dictionary version 3, revised with the gold labels open: "
        "they are tuned on the labels they are scored against, in-sample, and an upper bound "
        "for new texts. The kappas of version 2.5, not tuned on the gold labels, differ only "
        'where the next paragraph says, and are set beside them per text under "Before and '
        'after dictionary version 3" below.'
    )
    assert fp.describe_agreement_in_sample(earlier) == (
        "These kappas are those of dictionary version 2.5, not revised with the gold labels "
        "open, but in-sample still (the cues were written with the texts in view), and an "
        "upper bound for new texts."
    )
    assert fp.describe_agreement_figure(current) == (
        "The figure shows the kappas of dictionary version 3, which was revised with the gold "
        "labels open: in-sample agreement, tuned on the labels it is scored against."
    )
    assert "tuned" not in fp.describe_agreement_figure(earlier)
    assert fp.describe_version_caveat(current, earlier).startswith(
        "- **Version 3's agreement is tuned on the gold labels.** Version 3 was revised with "
        "the gold labels and version 2.5's agreement figures open"
    )
    assert fp.describe_version_caveat(earlier) == (
        "- **Dictionary version 2.5.** Version 2.5 was not revised with the gold labels open; "
        "its agreement with the gold coding is still in-sample, since the cues were written "
        "with the texts in view."
    )
    assert fp.describe_before_after_intro(current, earlier) == (
        "**Before and after dictionary version 3.** The per-text counts of the kept version "
        "2.5 (`framing-cues.csv`) beside those of version 3, the version the report uses, for "
        "the rows that changed (`data/lexicons/README-framing.md` says why each cue changed)."
    )


def test_describe_version_finding(versions):
    current, earlier = versions
    assert fp.describe_version_finding(current) == (
        "These figures come from dictionary version 3, revised with the gold labels open: "
        "in-sample agreement, tuned on the labels it is scored against."
    )
    assert fp.describe_version_finding(earlier) == (
        "These figures come from dictionary version 2.5: in-sample agreement, since the cues "
        "were written with the texts in view."
    )


# --- the profile notes of the frame-dimension charts and the profile comparison ----------------

FIVE = {
    "a-1": "the first note",
    "b-2": "the *second* note",
    "c-3": "the third note",
    "d-4": "the fourth note",
    "e-5": "the fifth note",
}


def _profile(rows, coded="sentences_coded"):
    return pl.DataFrame(rows, schema=["text_id", "n_sentences", coded], orient="row")


def test_share_interval_note_explains_a_zero_width_interval_only_when_one_is_drawn():
    first = (
        "Shares are given with their 95% intervals in brackets (95% intervals: percentile "
        "bootstrap over sentences (2,000 resamples, fixed seed), resampling within each text)."
    )
    inside = _profile([("a-1", 4, 1), ("b-2", 6, 3), ("c-3", 5, 2), ("d-4", 3, 1)])
    assert fp.describe_share_intervals([inside]) == first
    zero_width = (
        " Where a text has none of its sentences coded with a category, or all of them, every "
        "resample gives the same share and the interval shrinks to that share: with so few "
        "sentences, this says nothing about how certain the share is."
    )
    none_coded = _profile([("e-5", 7, 0)])
    assert fp.describe_share_intervals([inside, none_coded]) == first + zero_width
    # the gold coding's profile counts too: here it codes all 3 sentences of d-4
    all_gold = _profile([("d-4", 3, 3), ("a-1", 4, 2)], coded="gold_sentences")
    assert fp.describe_share_intervals([inside, all_gold]) == first + zero_width
    assert fp.describe_share_intervals([]) == first


def _comparison(rows):
    return pl.DataFrame(
        rows,
        schema=[
            "text_id",
            "label",
            "n_sentences",
            "sentences_coded",
            "gold_sentences",
            "difference",
        ],
        orient="row",
    )


def test_profile_gap_is_the_largest_absolute_difference_in_either_direction():
    table = _comparison(
        [
            ("a-1", "Legality", 10, 3, 2, 0.1),
            ("b-2", "Security", 8, 1, 5, -0.5),  # |−0.5| is the largest gap
            ("c-3", "Economic", 6, 4, 2, 1 / 3),
            ("d-4", "History", 5, 2, 0, 0.4),
            ("e-5", "Peace", 9, 0, 0, 0.0),
        ]
    )
    assert fp.describe_profile_gap(table, FIVE) == (
        r"The largest gap is Security in the \*second\* note: the dictionary codes 1 of the 8 "
        "sentences the gold coding covers, the gold coding 5."
    )
    # a tie keeps the table's order: the earlier row is named
    tie = _comparison([("d-4", "History", 5, 2, 0, 0.4), ("e-5", "Peace", 5, 0, 2, -0.4)])
    assert fp.describe_profile_gap(tie, FIVE).startswith("The largest gap is History in the fourth")
    assert fp.describe_profile_gap(_comparison([]), FIVE) == (
        "No text has gold coding, so no profile is compared with it."
    )
