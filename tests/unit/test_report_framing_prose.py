"""analysis.report.framing_prose on small synthetic agreement tables."""

import polars as pl

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
