"""analysis.report.collocations_prose on small synthetic tables."""

import polars as pl

from analysis.report import collocations_prose as cp

from .synthetic_texts import token_frames

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


# Five texts, none with a default id. With a window of one word each side, "river" has:
# a: "old|bank", "wide|bank" -> bank 2 (f_node 2, f_collocate 2); b: four collocates once;
# c: no "river"; d: one occurrence; e-9: "and|bank", "the|bank" -> bank 2.
RIVERS = {
    "a": "Old river bank floods. Wide river bank holds.",
    "b": "A river runs. The river bends.",
    "c": "No water here at all.",
    "d": "The river bank is old.",
    "e-9": "Harbour and river bank. The river bank.",
}
IDS = list(RIVERS)
FIVE_NAMES = {t: f"text {t.upper()}" for t in IDS}
FIVE_LABELS = {t: f"Label {t}" for t in IDS}


def test_node_section_on_five_synthetic_texts():
    toks = token_frames(RIVERS)[2]
    got = cp.node_section(
        ["river"],
        "river*",
        IDS,
        toks=toks,
        span=(1, 1),
        min_freq=2,
        top=5,
        quote=True,
        labels=FIVE_LABELS,
        names=FIVE_NAMES,
    )
    assert got.markdown == (
        "### river\\*\n\nOccurrences: text A 2, text B 2, text D 1 and text E-9 2; no collocate "
        "reaches 2 co-occurrences in text B and text D; not used by text C."
    )
    assert got.caption == "Collocates of \u201criver*\u201d, by text"
    assert got.table.columns == list(cp.NODE_COLUMNS)
    rows = got.table.select("text", "collocate", "freq", "f_node", "f_collocate").rows()
    assert rows == [("Label a", "bank", 2, 2, 2), ("Label e-9", "bank", 2, 2, 2)]
    # O11 = R1 = C1 = 2: logDice = 14 + log2(2*2/(2+2)) = 14, the maximum
    assert got.table["log_dice"].to_list() == [14.0, 14.0]
    # every collocate reaching the threshold is kept in ``found``, not only the shown ones
    assert set(got.found["text_id"]) == {"a", "e-9"}
    plain = cp.node_section(
        ["river"], "River", IDS, toks=toks, span=(1, 1), top=1, names=FIVE_NAMES
    )
    assert plain.caption == "Collocates of River, by text"
    # an id the labels do not know labels itself
    assert plain.table["text"].to_list() == ["a", "e-9"]


def test_node_section_when_no_text_lists_a_collocate():
    toks = token_frames(RIVERS)[2]
    got = cp.node_section(["water"], "water", IDS, toks=toks, span=(1, 1), names=FIVE_NAMES)
    assert got.table.height == 0
    assert got.markdown == (
        "### water\n\nOccurrences: text C 1; no collocate reaches 2 co-occurrences in text C; "
        "not used by text A, text B, text D and text E-9."
    )


CLUSTERS = pl.DataFrame(
    {
        "text_id": ["a", "a", "a", "a", "b", "e-9", "e-9"],
        "n": [2, 2, 3, 3, 4, 3, 3],
        "cluster": [
            "of the",
            "in the",
            "as well as",
            "one_two three",
            "a b c d",
            "as well as",
            "one_two three",
        ],
        "freq": [5, 3, 2, 2, 2, 4, 2],
        "rate": [50.0, 30.0, 20.0, 20.0, 10.0, 40.0, 20.0],
        "n_groups": [2, 1, 2, 2, 1, 2, 2],
    }
)


def test_describe_clusters_counts_every_text_and_quotes_shared_ones():
    # counts by hand: a 4, b 1, c and d none, e-9 2; shared (3+ words, 2+ texts), sorted:
    # "as well as", "one_two three" ("of the" is two words; "a b c d" is one text's)
    assert cp.describe_clusters(CLUSTERS, IDS, FIVE_NAMES) == (
        "Repeated clusters (2–4 words, at least twice): text A 4, text B 1, text C 0, text D 0 "
        "and text E-9 2. Clusters of three or more words that two or more texts use: "
        "\u201cas well as\u201d and \u201cone\\_two three\u201d."
    )
    alone = CLUSTERS.filter(pl.col("text_id") == "a").with_columns(n_groups=pl.lit(1))
    assert cp.describe_clusters(alone, ["a", "d"], FIVE_NAMES) == (
        "Repeated clusters (2–4 words, at least twice): text A 4 and text D 0. No cluster of "
        "three or more words occurs in two texts."
    )
    many = pl.DataFrame({"text_id": ["d"] * 1200, "n": [2] * 1200, "cluster": ["x"] * 1200})
    assert "text D 1,200" in cp.describe_clusters(
        many.with_columns(n_groups=pl.lit(1)), ["d"], FIVE_NAMES
    )


def test_clusters_shown_keeps_the_top_of_each_text_and_length():
    got = cp.clusters_shown(CLUSTERS, 1, FIVE_LABELS)
    assert got.columns == list(cp.CLUSTER_COLUMNS)
    assert got.select("text", "n", "cluster").rows() == [
        ("Label a", 2, "of the"),
        ("Label a", 3, "as well as"),
        ("Label b", 4, "a b c d"),
        ("Label e-9", 3, "as well as"),
    ]
    assert cp.clusters_shown(CLUSTERS, 5, FIVE_LABELS).height == CLUSTERS.height
