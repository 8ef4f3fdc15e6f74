"""The transformation gold file on a synthetic corpus: validation, agreement, evidence scores."""

from __future__ import annotations

import polars as pl
import pytest

from analysis.evaluation import transformation_gold as tg
from analysis.io import DiscourseError

from . import transform_synthetic as syn

_HEAD = "# purpose: p\n# source: s\n# version: 1\n# date: 2026-11-30\n# coder: c\n"
_COLS = "demand_id,dimension,value,evidence_a,evidence_r,note\n"
_ROWS = (
    "pet-x:d1,label_substitution,substituted,war crime,tragedy,\n"
    "pet-x:d1,agent_deletion,deleted,the Azerbaijani forces,,\n"
    "pet-x:d1,commitment_strength,encourage,Condemn,recognizes,a hard call\n"
    "pet-x:d2,commitment_strength,encourage,Implement,encourages,\n"
    "pet-x:d3,commitment_strength,act,Fund,funds,\n"
    "other:d1,deflection,none,,,a text this corpus does not hold\n"
)
_RESPONSES = {"pet-x": "resp-x", "pet-y": "resp-y"}


def _write(tmp_path, body: str, head: str = _HEAD):
    (tmp_path / tg.GOLD_FILE).write_text(head + _COLS + body, encoding="utf-8")
    return tmp_path


def _load(tmp_path):
    sentences, _ = syn.frames()
    return tg.transformation_gold_load(
        directory=tmp_path, sentences=sentences, responses=_RESPONSES
    )


def test_gold_loads_and_leaves_out_texts_the_corpus_does_not_hold(tmp_path):
    gold = _load(_write(tmp_path, _ROWS))
    assert gold.height == 5
    assert "other:d1" not in gold["demand_id"].to_list()
    row = gold.filter(pl.col("dimension") == "agent_deletion").row(0, named=True)
    assert row["evidence_r"] is None and row["line"] == 8


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("pet-x:1,deflection,none,,,\n", "line 7: demand_id 'pet-x:1'"),
        ("pet-x:d1,tone,none,,,\n", "line 7: unknown dimension 'tone'"),
        ("pet-x:d1,deflection,maybe,,,\n", "line 7: unknown deflection value 'maybe'"),
        (
            "pet-x:d1,deflection,none,,,\npet-x:d1,deflection,process,,,\n",
            "line 8: duplicate deflection",
        ),
        ("pet-x:d1,label_substitution,substituted,genocide,,\n", "evidence_a 'genocide' is not"),
        ("pet-x:d1,label_substitution,substituted,,war crime,\n", "evidence_r 'war crime' is not"),
    ],
)
def test_gold_errors_name_file_line_and_fix(tmp_path, body, message):
    _write(tmp_path, body)
    with pytest.raises(DiscourseError, match="transformation-gold.csv") as err:
        _load(tmp_path)
    assert message in str(err.value)


def test_gold_header_must_name_the_coder(tmp_path):
    _write(tmp_path, _ROWS, head=_HEAD.replace("# coder: c\n", ""))
    with pytest.raises(DiscourseError, match="line 1: header lacks \\['coder'\\]"):
        _load(tmp_path)


def test_no_gold_file_is_none_not_an_error(tmp_path):
    assert tg.gold_or_none(directory=tmp_path) is None


def _profile() -> pl.DataFrame:
    rows = [
        ("pet-x:d1", "label_substitution", "substituted", "war crime", "tragedy"),
        ("pet-x:d1", "agent_deletion", "deleted", "Azerbaijani forces", None),
        ("pet-x:d1", "commitment_strength", "acknowledge", "Condemn", "recognizes"),
        ("pet-x:d2", "commitment_strength", "encourage", "Implement", "supports"),
        ("pet-x:d3", "commitment_strength", "act", "Fund", "funds"),
        ("pet-y:d1", "commitment_strength", "act", "Open", "open"),
    ]
    return pl.DataFrame(
        rows,
        schema=["demand_id", "dimension", "value", "evidence_a", "evidence_r"],
        orient="row",
    )


def test_agreement_per_dimension_by_hand(tmp_path):
    gold = _load(_write(tmp_path, _ROWS))
    agree = {r["dimension"]: r for r in tg.transformation_agreement(_profile(), gold).to_dicts()}
    c = agree["commitment_strength"]
    # 3 demands coded by both: gold (encourage, encourage, act), auto (acknowledge,
    # encourage, act): p_o = 2/3; p_e = (2/3 * 1/3) + (1/3 * 1/3) + 0 = 1/3; kappa = 1/2
    assert (c["n"], c["n_agree"]) == (3, 2)
    assert c["kappa"] == pytest.approx(0.5)
    assert c["agreement_low"] == pytest.approx(0.2077, abs=1e-4)  # Wilson, 2 of 3
    assert c["agreement_high"] == pytest.approx(0.9385, abs=1e-4)
    # one value on both sides: kappa undefined, agreement 1
    assert agree["agent_deletion"]["agreement"] == 1.0 and agree["agent_deletion"]["kappa"] is None
    assert agree["deflection"]["n"] == 0
    assert (agree["all"]["n"], agree["all"]["n_agree"]) == (5, 4)


def test_evidence_precision_and_recall(tmp_path):
    gold = _load(_write(tmp_path, _ROWS))
    ev = {r["side"]: r for r in tg.transformation_evidence(_profile(), gold).to_dicts()}
    # agreeing rows: label (war crime / tragedy), agent (the Azerbaijani forces / -),
    # d2 (Implement / encourages vs supports), d3 (Fund / funds)
    assert (ev["advocacy"]["n_match"], ev["advocacy"]["n_auto"]) == (4, 4)
    assert ev["response"] == {
        "side": "response",
        "n_auto": 3,
        "n_gold": 3,
        "n_match": 2,
        "precision": pytest.approx(2 / 3),
        "recall": pytest.approx(2 / 3),
    }


def test_coverage_names_demands_without_gold(tmp_path):
    gold = _load(_write(tmp_path, _ROWS))
    text = tg.transformation_coverage_gold(_profile(), gold)
    assert (
        text == "The gold covers 3 of the 4 profiled demands. Not covered (no gold rows): pet-y:d1."
    )
    assert "none of the 4" in tg.transformation_coverage_gold(_profile(), None)


def test_not_strict_leaves_out_gold_about_a_different_text(tmp_path):
    _write(tmp_path, _ROWS + "pet-x:d2,label_substitution,substituted,genocide,,\n")
    sentences, _ = syn.frames()
    gold = tg.transformation_gold_load(
        directory=tmp_path, sentences=sentences, responses=_RESPONSES, strict=False
    )
    assert gold.height == 5
    assert "label_substitution" not in gold.filter(pl.col("demand_id") == "pet-x:d2")["dimension"]
