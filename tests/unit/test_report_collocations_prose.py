"""analysis.report.collocations_prose on small synthetic tables."""

import polars as pl

from analysis.report import collocations_prose as cp

NAMES = {"t-1": "the first text", "t-2": "the *second* text", "t-3": "the third text"}


def test_node_use_names_every_text_alike():
    occ = pl.DataFrame({"text_id": ["t-1", "t-1", "t-2"]})
    shown = pl.DataFrame({"text_id": ["t-1"]})
    assert cp.describe_node_use(occ, shown, ["t-1", "t-2", "t-3"], 2, NAMES) == (
        r"Occurrences: the first text 2 and the \*second\* text 1; no collocate reaches 2 "
        "co-occurrences in the \\*second\\* text; not used by the third text."
    )
    none = cp.describe_node_use(occ.clear(), shown.clear(), ["t-1"], 2, NAMES)
    assert none == "Occurrences: none; not used by the first text."


def test_shared_collocates_quoted_and_escaped():
    focus = {"concept": "Canada (state)", "n": 20, "n_texts": 3}
    frame = pl.DataFrame(
        {
            "collocate": ["peace", "peace", "a_b", "a_b", "only"],
            "text_id": ["x", "y", "x", "y", "x"],
        }
    )
    assert cp.describe_shared_collocates(focus, frame) == (
        "The referent: Canada \\(state\\) (20 occurrences in 3 texts). Collocates that two or "
        "more texts share with it: \u201ca\\_b\u201d and \u201cpeace\u201d."
    )
    alone = cp.describe_shared_collocates(focus, frame.filter(pl.col("collocate") == "only"))
    assert alone.endswith("No collocate is shared by two texts at this window and threshold.")
