"""analysis.evaluation.reliability: alpha against Krippendorff's worked example and hand
computations, kappa by hand, the resampled statistics against the maintained implementations,
intervals, the per-text split on a synthetic four-text coding, and the prose."""

from __future__ import annotations

import math

import krippendorff
import numpy as np
import polars as pl
import pytest

from analysis.evaluation import reliability as rel
from analysis.evaluation.agreement import cohen_kappa

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four observers,
# twelve units, values 1-5, missing values as None (observer x unit).
EXAMPLE = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


def long(matrix, coders=None, text_of=None) -> pl.DataFrame:
    """A long frame of codes from a coder x unit matrix (None = not coded: no row)."""
    coders = coders or [f"c{i}" for i in range(len(matrix))]
    rows = [
        (f"u{u:02d}", coders[c], v, text_of(u) if text_of else "t")
        for c, row in enumerate(matrix)
        for u, v in enumerate(row)
        if v is not None
    ]
    return pl.DataFrame(rows, schema=["unit", "coder", "value", "text_id"], orient="row")


def test_alpha_matches_krippendorffs_published_example():
    codes = long(EXAMPLE)
    # the published values: nominal .743, ordinal .815, interval .849, ratio .797
    assert round(rel.krippendorff_alpha(codes), 3) == 0.743
    assert round(rel.krippendorff_alpha(codes, level="interval"), 3) == 0.849
    assert round(rel.krippendorff_alpha(codes, level="ordinal"), 3) == 0.815
    assert round(rel.krippendorff_alpha(codes, level="ratio"), 3) == 0.797


def test_alpha_by_hand_for_two_coders_and_four_units():
    # coincidences: o11 = 2 (unit 1), o10 = o01 = 1 (unit 2), o00 = 4 (units 3, 4);
    # n0 = 5, n1 = 3, n = 8: alpha = 1 - (n - 1) * 2 / (2 * n0 * n1) = 1 - 14/30
    codes = long([[1, 1, 0, 0], [1, 0, 0, 0]])
    assert math.isclose(rel.krippendorff_alpha(codes), 1 - 14 / 30)
    # labels are nominal values too
    labels = codes.with_columns(pl.col("value").replace_strict({0: "no", 1: "yes"}))
    assert math.isclose(rel.krippendorff_alpha(labels), 1 - 14 / 30)


def test_alpha_is_nan_where_undefined():
    assert math.isnan(rel.krippendorff_alpha(long([[1, 1, 1], [1, 1, 1]])))  # no variation
    assert math.isnan(rel.krippendorff_alpha(long([[1, 0, 1]])))  # one coder: nothing pairable
    assert math.isnan(rel.krippendorff_alpha(long([[1, None], [None, 0]])))  # no shared unit


def test_alpha_refuses_two_codes_of_one_coder_for_a_unit():
    codes = pl.concat([long([[1, 0]]), long([[0, 0]])])
    with pytest.raises(Exception, match="one row per unit and coder"):
        rel.krippendorff_alpha(codes)


def test_resampled_alpha_equals_the_package_on_resampled_matrices():
    codes = long(EXAMPLE)
    n, statistic = rel.alpha_statistic(codes)
    # the matrix in the statistic's unit order (order of first appearance in the frame)
    order = codes["unit"].unique(maintain_order=True).to_list()
    at = {c: i for i, c in enumerate(["c0", "c1", "c2", "c3"])}
    m = np.full((4, n), np.nan)
    for unit, coder, value in codes.select("unit", "coder", "value").iter_rows():
        m[at[coder], order.index(unit)] = value
    idx = np.random.default_rng(7).integers(0, n, (20, n))  # 20 resamples, one per row
    got = statistic(idx)
    for row, value in zip(idx, got, strict=True):
        want = krippendorff.alpha(reliability_data=m[:, row], level_of_measurement="nominal")
        assert math.isclose(value, want, abs_tol=1e-12)
    assert math.isclose(statistic(np.arange(n)[None, :])[0], rel.krippendorff_alpha(codes))


def test_kappa_by_hand_and_resampled_kappa_equals_cohen_kappa():
    a, b = [1, 1, 0, 0, 1, 0], [1, 0, 0, 0, 1, 1]
    # p_o = 4/6, p_e = (3/6)(3/6) + (3/6)(3/6) = 1/2: kappa = (2/3 - 1/2) / (1/2) = 1/3
    codes = long([a, b], coders=["x", "y"])
    table = rel.textstat_pairwise_kappa(codes, n_resamples=200)
    overall = table.filter(pl.col("text_id") == rel.ALL_TEXTS).row(0, named=True)
    assert (overall["coder_a"], overall["coder_b"], overall["n"]) == ("x", "y", 6)
    assert math.isclose(overall["kappa"], 1 / 3)
    statistic = rel.kappa_statistic(a, b)
    idx = np.random.default_rng(3).integers(0, 6, (30, 6))  # 30 resamples, one per row
    for row, got in zip(idx, statistic(idx), strict=True):
        want = cohen_kappa([a[i] for i in row], [b[i] for i in row])
        assert (math.isnan(got) and want is None) or math.isclose(got, want)


def test_intervals_contain_the_estimate_and_are_reproducible():
    rng = np.random.default_rng(11)
    truth = rng.integers(0, 3, 60)
    noisy = [[int(v) if rng.random() < 0.8 else int(rng.integers(0, 3)) for v in truth]]
    codes = long([list(map(int, truth)), *noisy, *noisy[:0]])
    table = rel.textstat_reliability(codes, n_resamples=500)
    row = table.row(-1, named=True)
    assert row["ci_low"] < row["alpha"] < row["ci_high"]
    assert table.equals(rel.textstat_reliability(codes, n_resamples=500))
    kappa = rel.textstat_pairwise_kappa(codes, n_resamples=500).row(-1, named=True)
    assert kappa["ci_low"] < kappa["kappa"] < kappa["ci_high"]


def test_per_text_rows_on_a_synthetic_four_text_coding():
    # three coders; texts "north" (units 0-3, perfect agreement), "south", "east", "west"
    matrix = [
        [1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1, 1, 0],
        [1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0],
        [1, 0, 1, 0, 0, 1, 0, 0, 1, 1, 1, 0, None, 1, 1, 0],
    ]
    names = ["north", "south", "east", "west"]
    codes = long(matrix, text_of=lambda u: names[u // 4])
    table = rel.textstat_reliability(codes, n_resamples=300)
    assert table["text_id"].to_list() == [*names, rel.ALL_TEXTS]
    for text in names:
        row = table.filter(pl.col("text_id") == text).row(0, named=True)
        sub = codes.filter(pl.col("text_id") == text)
        assert row["n_units"] == 4 and row["n_coders"] == 3
        assert math.isclose(row["alpha"], rel.krippendorff_alpha(sub))
    assert table.filter(pl.col("text_id") == "north")["alpha"].item() == 1.0
    overall = table.filter(pl.col("text_id") == rel.ALL_TEXTS).row(0, named=True)
    assert overall["n_units"] == 16 and math.isclose(
        overall["alpha"], rel.krippendorff_alpha(codes)
    )
    kappa = rel.textstat_pairwise_kappa(codes, n_resamples=300)
    assert kappa.select("coder_a", "coder_b").unique(maintain_order=True).rows() == [
        ("c0", "c1"),
        ("c0", "c2"),
        ("c1", "c2"),
    ]
    # c0 and c2 share 3 units of "west" (c2 left one uncoded)
    west = kappa.filter((pl.col("coder_b") == "c2") & (pl.col("coder_a") == "c0"))
    assert west.filter(pl.col("text_id") == "west")["n"].item() == 3
    assert west.filter(pl.col("text_id") == rel.ALL_TEXTS)["n"].item() == 15


def test_multi_label_codes_give_one_row_per_layer_and_category():
    rows = []
    for coder, sets in {"a": [{"x"}, {"x", "y"}, set()], "b": [{"x"}, {"y"}, {"y"}]}.items():
        for u, s in enumerate(sets):
            rows += [(f"u{u}", coder, "t", "layer1", c, int(c in s)) for c in ("x", "y")]
    codes = pl.DataFrame(
        rows, schema=["unit", "coder", "text_id", "layer", "category", "value"], orient="row"
    )
    table = rel.textstat_reliability(codes, n_resamples=100)
    assert table.select("category", "text_id").rows() == [
        ("x", "t"),
        ("x", rel.ALL_TEXTS),
        ("y", "t"),
        ("y", rel.ALL_TEXTS),
    ]
    x = codes.filter(pl.col("category") == "x")
    assert math.isclose(table["alpha"][0], rel.krippendorff_alpha(x))


def test_describe_reliability_names_coders_and_says_what_one_coder_allows():
    gold = pl.DataFrame({"coder": ["gold"], "description": ["an automated coder (a model)"]})
    one = rel.describe_reliability(gold, scheme="framing")
    assert "One coder" in one and "an automated coder \\(a model\\)" in one
    assert "discourse code export --scheme framing --coder NAME" in one
    two = pl.concat([gold, pl.DataFrame({"coder": ["ann"], "description": ["a human coder"]})])
    codes = long([[1, 1, 0, 0], [1, 0, 0, 0]], coders=["gold", "ann"])
    text = rel.describe_reliability(two, rel.textstat_reliability(codes, n_resamples=100))
    assert "Two coders" in text and "`ann` (a human coder)" in text
    assert "alpha is 0.53" in text
    assert "Every coder here is automated" not in text and "[1.00, 1.00]" not in text


def test_describe_reliability_flags_all_automated_coders_and_degenerate_intervals():
    coders = pl.DataFrame(
        {
            "coder": ["gold", "bot"],
            "description": ["an automated coder (a model)", "an automated coder (another run)"],
        }
    )
    same = long([[1, 1, 0, 0], [1, 1, 0, 0]], coders=["gold", "bot"])
    text = rel.describe_reliability(coders, rel.textstat_reliability(same, n_resamples=100))
    assert "alpha is 1.00" in text
    assert "An interval of [1.00, 1.00] (1 here) comes from codes identical on every unit" in text
    assert text.endswith(
        "Every coder here is automated: their agreement shows how consistently such coders "
        "read the codebook, not how people would code the same units."
    )
