"""Agreement statistics on small synthetic label lists, against published worked examples."""

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.evaluation import agreement


def test_kappa_matches_the_textbook_example():
    # Worked example (Wikipedia, "Cohen's kappa"): 50 items; both yes 20, both no 15,
    # A yes/B no 5, A no/B yes 10. p_o = 35/50 = 0.7; p_e = 0.5*0.6 + 0.5*0.4 = 0.5;
    # kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4.
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert agreement.cohen_kappa(a, b) == pytest.approx(0.4)


def test_kappa_is_one_for_identical_and_undefined_for_one_category():
    assert agreement.cohen_kappa(["x", "y", "x"], ["x", "y", "x"]) == pytest.approx(1.0)
    assert agreement.cohen_kappa(["x", "x"], ["x", "x"]) is None


def test_kappa_rejects_unequal_lengths():
    with pytest.raises(ValueError, match="differ in length"):
        agreement.cohen_kappa([1, 2], [1])


@given(st.lists(st.sampled_from("abc"), min_size=1, max_size=40), st.data())
def test_kappa_is_symmetric_and_at_most_one(a, data):
    b = data.draw(st.lists(st.sampled_from("abc"), min_size=len(a), max_size=len(a)))
    k1, k2 = agreement.cohen_kappa(a, b), agreement.cohen_kappa(b, a)
    assert (k1 is None) == (k2 is None)
    if k1 is not None:
        assert k1 == pytest.approx(k2)
        assert k1 <= 1 + 1e-12


def test_confusion_table_counts_every_pair():
    t = agreement.confusion_table(["a", "a", "b"], ["a", "b", "b"])
    assert t.filter((pl.col("gold") == "a") & (pl.col("auto") == "b"))["n"].item() == 1
    assert t["n"].sum() == 3 and t.height == 4


def test_per_category_agreement():
    gold = pl.DataFrame({"id": [1, 2, 3, 3], "cat": ["x", "y", "x", "y"]})
    auto = pl.DataFrame({"id": [1, 2, 3], "cat": ["x", "x", None]})
    t = agreement.textstat_agreement(gold, auto, item="id", category="cat", categories=["x", "y"])
    x = t.filter(pl.col("category") == "x").row(0, named=True)
    # items 1,2,3: gold x = [T,F,T], auto x = [T,T,F] -> agreement 1/3; p_e = 2/3*2/3+1/3*1/3 = 5/9
    assert x["agreement"] == pytest.approx(1 / 3)
    assert x["kappa"] == pytest.approx((1 / 3 - 5 / 9) / (1 - 5 / 9))
    assert x["precision"] == pytest.approx(0.5) and x["recall"] == pytest.approx(0.5)
    y = t.filter(pl.col("category") == "y").row(0, named=True)
    assert y["auto_yes"] == 0 and y["precision"] is None and y["recall"] == 0.0


def test_precision_recall():
    r = agreement.precision_recall({1, 2, 3, 4}, {2, 3, 5})
    assert (r["tp"], r["fp"], r["fn"]) == (2, 1, 2)
    assert r["precision"] == pytest.approx(2 / 3) and r["recall"] == pytest.approx(0.5)
    assert r["f1"] == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))


def test_no_items_gives_zero_n_and_null_statistics():
    # gold that covers none of the items compared: rows for every category, nothing computed
    empty = pl.DataFrame(schema={"id": pl.Int64, "cat": pl.String})
    t = agreement.textstat_agreement(empty, empty, item="id", category="cat", categories=["x", "y"])
    assert t["category"].to_list() == ["x", "y"]
    assert t["n"].to_list() == [0, 0] and t["gold_yes"].to_list() == [0, 0]
    assert t.select("agreement", "kappa", "precision", "recall").null_count().row(0) == (2, 2, 2, 2)
    c = agreement.confusion_table([], [], names=("gold", "dictionary"))
    assert c.height == 0 and c.columns == ["gold", "dictionary", "n"]
