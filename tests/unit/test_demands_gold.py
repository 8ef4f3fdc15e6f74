"""Gold files for the demands measures, on a synthetic corpus: loading, coverage, agreement.

The gold here covers petition A and its response only, as the real gold covers the default
texts only: everything runs on what the gold covers and says what it does not.
"""

from __future__ import annotations

import polars as pl
import pytest

from analysis import paths
from analysis.evaluation import demands_gold, demands_review
from analysis.io import DiscourseError
from analysis.measures import demands

from . import demands_synthetic as syn

_NAMES = ("demands", "response-functions", "responsiveness")
_HEAD = "# purpose: p\n# source: s\n# version: 1\n# date: 2026-11-22\n# coder: c\n"
_DEMANDS = (
    "demand_id,text_id,sentence_id,addressee,action,object,demand_type,cue,quote,reported,note\n"
    "pet-a:d1,pet-a,pet-a:s003,G,condemn,the attack,condemnation_recognition,call upon,"
    "Condemn the attack,no,\n"
    "pet-a:d2,pet-a,pet-a:s005,G,impose,sanctions,sanctions,call upon,Impose sanctions,no,\n"
    "other:d1,other,other:s001,G,x,y,sanctions,c,q,no,a text this corpus does not hold\n"
)
_FUNCTIONS = (
    "sentence_id,function,modality,commitment_strength,actor,note\n"
    "resp-a:s001,position,,none,The Government of Canada,\n"
    "resp-a:s002,commitment,will,firm,Canada,\n"
    "resp-a:s003,encouragement,encourages,none,Canada,coder: no commitment\n"
)
_RESPONSIVENESS = (
    "demand_id,label,evidence,rationale\n"
    "pet-a:d1,addressed,resp-a:s001,x\n"
    "pet-a:d2,partially_addressed,resp-a:s002,x\n"
)


@pytest.fixture()
def gold_dir(tmp_path, monkeypatch):
    (tmp_path / "demands-gold.csv").write_text(_HEAD + _DEMANDS, encoding="utf-8")
    (tmp_path / "response-functions-gold.csv").write_text(_HEAD + _FUNCTIONS, encoding="utf-8")
    (tmp_path / "responsiveness-gold.csv").write_text(_HEAD + _RESPONSIVENESS, encoding="utf-8")
    monkeypatch.setattr(paths, "ANNOTATIONS", tmp_path)
    return tmp_path


def test_strict_load_names_a_row_about_a_text_the_corpus_does_not_hold(gold_dir, demand_frames):
    with pytest.raises(DiscourseError, match=r"demands-gold.csv, line 9: unknown text_id 'other'"):
        demands_gold.gold_load("demands", directory=gold_dir, sentences=demand_frames[0])


def test_lenient_load_keeps_what_the_corpus_holds(gold_dir, demand_frames):
    gold = demands_gold.gold_load(
        "demands", directory=gold_dir, sentences=demand_frames[0], strict=False
    )
    assert gold["demand_id"].to_list() == ["pet-a:d1", "pet-a:d2"]
    assert gold["line"].to_list() == [7, 8]


def test_gold_unknown_label_names_file_and_line(tmp_path, demand_frames):
    (tmp_path / "responsiveness-gold.csv").write_text(
        _HEAD + "demand_id,label,evidence,rationale\npet-a:d1,answered,,x\n", encoding="utf-8"
    )
    with pytest.raises(
        DiscourseError, match=r"responsiveness-gold.csv, line 7: unknown label 'answered'"
    ):
        demands_gold.gold_load("responsiveness", directory=tmp_path, sentences=demand_frames[0])


def test_coverage_lists_texts_and_pairs_without_gold(gold_dir, demand_frames, found):
    functions = demands.response_functions(*demand_frames, text_ids=syn.RESPONSES)
    gold = {
        n: demands_gold.gold_load(n, sentences=demand_frames[0], strict=False)
        for n in demands_gold.GOLD_FILES
    }
    pairs = pl.DataFrame([vars(p) for p in syn.PAIRS])
    cov = demands_gold.gold_coverage(found, functions, pairs, gold=gold)
    assert cov.drop("n_different", "note").rows() == [
        ("demands", "pet-a", None, 4, 2, True),
        ("demands", "pet-b", None, 6, 0, False),
        ("demands", "stmt", None, 1, 0, False),
        ("response-functions", "resp-a", None, 3, 3, True),
        ("response-functions", "resp-b", None, 2, 0, False),
        ("responsiveness", "pet-a", "resp-a", 4, 2, True),
        ("responsiveness", "pet-b", "resp-b", 6, 0, False),
    ]
    assert cov["note"].to_list() == [None, "no gold", "no gold", None, "no gold", None, "no gold"]


def test_precision_recall_on_the_covered_text_only(gold_dir, demand_frames, found):
    gold = demands_gold.gold_load("demands", sentences=demand_frames[0], strict=False)
    pr = demands_gold.demands_precision_recall(gold, found, demand_frames[0])
    own = {r["text_id"]: r for r in pr.filter(~pl.col("reported")).iter_rows(named=True)}
    assert list(own) == ["pet-a", "all"]  # pet-b and the statement have no gold: not counted
    # 4 found, 2 in the gold and both matched: precision 2/4, recall 2/2
    assert (own["all"]["n_found"], own["all"]["tp"], own["all"]["fp"]) == (4, 2, 2)
    assert own["all"]["precision"] == pytest.approx(0.5)
    assert own["all"]["recall"] == pytest.approx(1.0)


def test_function_agreement_runs_on_the_covered_sentences(gold_dir, demand_frames):
    functions = demands.response_functions(*demand_frames, text_ids=syn.RESPONSES)
    gold = demands_gold.gold_load("response-functions", sentences=demand_frames[0], strict=False)
    a = demands_gold.functions_agreement(gold, functions)
    assert a["n"] == 3
    assert a["function"]["agreement"] == pytest.approx(1.0)
    # strength: s003 'encourages' -> weak, gold none: 2 of 3 agree
    assert a["commitment_strength"]["agreement"] == pytest.approx(2 / 3)


def test_responsiveness_agreement_and_table(gold_dir, demand_frames, found):
    auto = demands.demands_responsiveness(found, None, *demand_frames, pairs=syn.PAIRS)
    gold = demands_gold.gold_load("responsiveness", sentences=demand_frames[0], strict=False)
    dgold = demands_gold.gold_load("demands", sentences=demand_frames[0], strict=False)
    matching = demands_gold.demands_matching(dgold, found, demand_frames[0])
    a = demands_gold.responsiveness_agreement(gold, auto, matching)
    assert a["responsiveness"]["n"] == 2
    assert a["responsiveness"]["agreement"] == pytest.approx(0.5)  # pet-a:d3 is 'addressed'
    assert "policy_overlap" not in a
    table = demands_gold.textstat_responsiveness(auto, gold, matching)
    assert table.height == 10  # every labelled demand, with or without gold
    with_gold = table.filter(pl.col("gold_label").is_not_null())
    assert with_gold.select("demand_id", "gold_id", "auto_label", "gold_label").rows() == [
        ("pet-a:d1", "pet-a:d1", "addressed", "addressed"),
        ("pet-a:d3", "pet-a:d2", "addressed", "partially_addressed"),
    ]


def test_no_gold_file_is_no_gold_not_an_error(tmp_path, monkeypatch, demand_frames, found):
    monkeypatch.setattr(paths, "ANNOTATIONS", tmp_path)
    assert demands_gold.gold_or_none("demands") is None
    functions = demands.response_functions(*demand_frames, text_ids=syn.RESPONSES)
    auto = demands.demands_responsiveness(found, None, *demand_frames, pairs=syn.PAIRS)
    assert demands_gold.functions_agreement(None, functions) == {"n": 0}
    assert demands_gold.demands_precision_recall(None, found).is_empty()
    assert demands_gold.responsiveness_agreement(None, auto)["table"].is_empty()
    table = demands_gold.textstat_responsiveness(auto, None)
    assert table["gold_label"].null_count() == table.height == 10
    cov = demands_gold.gold_coverage(
        found, functions, pl.DataFrame([vars(p) for p in syn.PAIRS]), gold={}
    )
    assert not cov["covered"].any()


def test_disagreements_carry_their_recorded_reason_only_where_it_matches(
    gold_dir, demand_frames, found
):
    (gold_dir / "demands-disagreements.csv").write_text(
        "# purpose: p\n# source: s\n# version: 1\n# date: 2026-11-30\n"
        "side,demand_id,sentence_id,reason\n"
        "extracted,pet-a:d2,pet-a:s004,not coded: the flood is outside the codebook\n"
        "extracted,pet-a:d4,pet-a:s099,a reason for another sentence\n",
        encoding="utf-8",
    )
    gold = demands_gold.gold_load("demands", sentences=demand_frames[0], strict=False)
    matching = demands_gold.demands_matching(gold, found, demand_frames[0])
    d = demands_review.demands_disagreements(matching, found, gold)
    # pet-b and the statement have no gold: their demands are not disagreements
    assert d.select("side", "demand_id", "sentence_id", "reason").rows() == [
        ("extracted", "pet-a:d2", "pet-a:s004", "not coded: the flood is outside the codebook"),
        ("extracted", "pet-a:d4", "pet-a:s006", None),
    ]


def _units(rows: list[tuple[str, str]]) -> str:
    """A units-sentences.csv recording the sentence text each gold unit was coded on."""
    lines = ["sentence_id,text_id,segment_id,start,end,text"]
    lines += [f'{sid},{sid.split(":")[0]},x,0,{len(t)},"{t}"' for sid, t in rows]
    return "\n".join(lines) + "\n"


_OTHER_TEXTS = [  # the gold's pet-a and resp-a were other texts with the same ids
    ("pet-a:s003", "Condemn the attack on the harbour;"),
    ("pet-a:s005", "Impose sanctions on the importers."),
    ("resp-a:s001", "The Government of Canada is aware of the harbour."),
    ("resp-a:s002", "Canada will review the import rules."),
    ("resp-a:s003", "Canada encourages dialogue between the ports."),
]


def test_gold_for_a_different_text_with_the_same_ids_is_not_used(gold_dir, demand_frames, found):
    (gold_dir / "units-sentences.csv").write_text(_units(_OTHER_TEXTS), encoding="utf-8")
    sentences = demand_frames[0]
    with pytest.raises(DiscourseError, match=r"line 7: sentence 'pet-a:s003' .*different text"):
        demands_gold.gold_load("demands", directory=gold_dir, sentences=sentences)
    gold = {n: demands_gold.gold_load(n, sentences=sentences, strict=False) for n in _NAMES}
    assert [g.height for g in gold.values()] == [0, 0, 0]
    different = {n: demands_gold.gold_different_text(n, sentences=sentences) for n in _NAMES}
    assert different["demands"].rows() == [
        ("pet-a:d1", "pet-a", "pet-a:s003"),
        ("pet-a:d2", "pet-a", "pet-a:s005"),
    ]
    assert different["response-functions"]["text_id"].to_list() == ["resp-a"] * 3
    # the responsiveness rows: their demands' sentences (and evidence) are not the coded ones
    assert different["responsiveness"]["id"].to_list() == ["pet-a:d1", "pet-a:d2"]
    functions = demands.response_functions(*demand_frames, text_ids=syn.RESPONSES)
    pairs = pl.DataFrame([vars(p) for p in syn.PAIRS])
    cov = demands_gold.gold_coverage(found, functions, pairs, gold=gold, different=different)
    assert cov.select("gold", "text_id", "n_gold", "covered", "n_different", "note").rows() == [
        ("demands", "pet-a", 0, False, 2, "gold for a different text"),
        ("demands", "pet-b", 0, False, 0, "no gold"),
        ("demands", "stmt", 0, False, 0, "no gold"),
        ("response-functions", "resp-a", 0, False, 3, "gold for a different text"),
        ("response-functions", "resp-b", 0, False, 0, "no gold"),
        ("responsiveness", "pet-a", 0, False, 2, "gold for a different text"),
        ("responsiveness", "pet-b", 0, False, 0, "no gold"),
    ]
    # every comparison runs on nothing, without an error
    assert demands_gold.demands_precision_recall(gold["demands"], found, sentences).is_empty()
    assert demands_gold.functions_agreement(gold["response-functions"], functions) == {"n": 0}


def test_units_that_match_the_corpus_keep_the_gold(gold_dir, demand_frames):
    sentences = demand_frames[0]
    same = sentences.filter(pl.col("text_id").is_in(["pet-a", "resp-a"]))
    (gold_dir / "units-sentences.csv").write_text(
        _units(same.select("sentence_id", "text").rows()), encoding="utf-8"
    )
    gold = demands_gold.gold_load("demands", sentences=sentences, strict=False)
    assert gold["demand_id"].to_list() == ["pet-a:d1", "pet-a:d2"]
    assert demands_gold.gold_different_text("demands", sentences=sentences).is_empty()


def test_without_units_a_quote_not_in_its_sentence_is_a_different_text(tmp_path, demand_frames):
    (tmp_path / "demands-gold.csv").write_text(
        _HEAD + _DEMANDS.replace("Condemn the attack,no", "Condemn the harbour,no"),
        encoding="utf-8",
    )
    gold = demands_gold.gold_load(
        "demands", directory=tmp_path, sentences=demand_frames[0], strict=False
    )
    assert gold["demand_id"].to_list() == ["pet-a:d2"]
    with pytest.raises(DiscourseError, match="quote 'Condemn the harbour' is not in pet-a:s003"):
        demands_gold.gold_load("demands", directory=tmp_path, sentences=demand_frames[0])


def test_a_missing_sentence_of_a_held_text_is_gold_for_a_different_text(
    tmp_path, monkeypatch, demand_frames, found
):
    # the gold's pet-a was longer: its demand sits in a sentence this pet-a does not have, and
    # the responsiveness row about it names no evidence sentence
    (tmp_path / "demands-gold.csv").write_text(
        _HEAD + _DEMANDS.replace("pet-a:s005", "pet-a:s099"), encoding="utf-8"
    )
    (tmp_path / "responsiveness-gold.csv").write_text(
        _HEAD + "demand_id,label,evidence,rationale\npet-a:d2,not_addressed,,x\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(paths, "ANNOTATIONS", tmp_path)
    sentences = demand_frames[0]
    gold = demands_gold.gold_load("demands", sentences=sentences, strict=False)
    assert gold["demand_id"].to_list() == ["pet-a:d1"]
    assert demands_gold.gold_different_text("demands", sentences=sentences).rows() == [
        ("pet-a:d2", "pet-a", "pet-a:s099")
    ]
    assert demands_gold.gold_different_text("responsiveness", sentences=sentences).rows() == [
        ("pet-a:d2", "pet-a", "pet-a:s099")
    ]
    assert demands_gold.gold_load("responsiveness", sentences=sentences, strict=False).is_empty()
    # a responsiveness gold whose demands match no extracted demand: no gold label, no error
    auto = demands.demands_responsiveness(found, None, *demand_frames, pairs=syn.PAIRS)
    none_matched = pl.DataFrame(
        {"demand_id": ["pet-a:d9"], "found_id": [None]}, schema_overrides={"found_id": pl.String}
    )
    r_gold = pl.DataFrame(
        {"demand_id": ["pet-a:d7"], "label": ["addressed"], "evidence": [""], "rationale": ["x"]}
    )
    table = demands_gold.textstat_responsiveness(
        auto, r_gold, none_matched.rename({"demand_id": "gold_id"})
    )
    assert table["gold_label"].null_count() == table.height == 10


def test_gold_or_none_is_strict_for_the_default_manifest_only(gold_dir, demand_frames, monkeypatch):
    (gold_dir / "units-sentences.csv").write_text(_units(_OTHER_TEXTS), encoding="utf-8")
    sentences = demand_frames[0]
    monkeypatch.setattr(paths, "is_default_manifest", lambda: False)
    assert demands_gold.gold_or_none("demands", sentences).is_empty()  # left out, no error
    monkeypatch.setattr(paths, "is_default_manifest", lambda: True)
    with pytest.raises(DiscourseError, match="gold for a different text"):
        demands_gold.gold_or_none("demands", sentences)
