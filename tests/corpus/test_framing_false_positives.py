"""Every cue match of dictionary version 2 that the gold coding does not confirm, on the default
corpus: the full list, so that any change to the cues or the gold labels shows up here.

A row is (text, sentence, layer, category, cue, the words matched): the dictionary codes the
sentence with the category because of this cue, and the gold coding does not code the sentence
with it. Read with data/annotations/units-sentences.csv, each row says what the cue matched
(``Massacre`` in the petition's "Khojali Massacre" is crime vocabulary; the gold coder's note
on the response's "Khojaly massacre" says that a massacre named without a perpetrator is not
coded crime).
"""

from __future__ import annotations

import csv
from collections import Counter

import polars as pl

from analysis.measures import framing

EXPECTED = [
    ("petition", "petition:s001", "domain", "humanitarian", "civilian*", "civilians"),
    ("petition", "petition:s002", "frame", "crime", "massacre*", "Massacre"),
    ("petition", "petition:s002", "frame", "crime", "extermination", "extermination"),
    ("petition", "petition:s005", "frame", "policy", "acknowledge*", "acknowledge"),
    ("petition", "petition:s005", "frame", "morality", "atrocit*", "atrocity"),
    ("petition", "petition:s006", "frame", "policy", "support*", "support"),
    ("petition", "petition:s007", "entman", "problem", "massacre*", "massacre"),
    ("petition", "petition:s007", "frame", "crime", "massacre*", "massacre"),
    ("petition", "petition:s007", "entman", "cause", "by the", "by the"),
    ("petition", "petition:s010", "frame", "public_opinion", "remembrance", "Remembrance"),
    ("petition", "petition:s010", "entman", "problem", "victim*", "victims"),
    ("petition", "petition:s010", "entman", "problem", "massacre*", "Massacre"),
    ("petition", "petition:s010", "frame", "crime", "massacre*", "Massacre"),
    ("response", "response:s001", "frame", "crime", "massacre*", "massacre"),
    ("response", "response:s002", "frame", "policy", "advocat*", "advocated"),
    ("response", "response:s002", "domain", "humanitarian", "civilian*", "civilian"),
    ("response", "response:s002", "frame", "crime", "massacre*", "massacre"),
    ("response", "response:s002", "entman", "remedy", "must", "must"),
    ("response", "response:s002", "frame", "policy", "must", "must"),
    ("response", "response:s003", "frame", "security", "security", "Security"),
    ("response", "response:s005", "entman", "problem", "ongoing", "ongoing"),
    ("response", "response:s005", "frame", "security", "security", "Security"),
    ("response", "response:s006", "frame", "policy", "encourage*", "encourages"),
    ("response", "response:s006", "entman", "problem", "conflict", "conflict"),
    ("response", "response:s007", "domain", "peace", "dialogue", "dialogue"),
    ("response", "response:s008", "frame", "policy", "will continue", "will continue"),
    ("response", "response:s008", "frame", "policy", "support*", "support"),
    ("response", "response:s008", "frame", "policy", "initiative*", "initiatives"),
    ("response", "response:s008", "frame", "policy", "stands ready", "stands ready"),
    ("response", "response:s008", "frame", "policy", "efforts", "efforts"),
    ("letter", "letter:s001", "frame", "fairness", "human rights", "human rights"),
    ("letter", "letter:s001", "entman", "remedy", "urge*", "urgency"),
    ("letter", "letter:s001", "frame", "policy", "urge*", "urgency"),
    ("letter", "letter:s003", "domain", "economic_energy", "sanction*", "sanctions"),
    ("letter", "letter:s003", "frame", "economic", "sanction*", "sanctions"),
    ("letter", "letter:s003", "entman", "cause", "by the", "by the"),
    ("letter", "letter:s005", "frame", "public_opinion", "testimony", "testimony"),
    ("letter", "letter:s005", "frame", "fairness", "human rights", "Human Rights"),
    ("letter", "letter:s006", "frame", "external", "outside world", "outside world"),
    ("letter", "letter:s007", "frame", "morality", "innocent", "innocent"),
    ("letter", "letter:s008", "domain", "humanitarian", "corridor", "corridor"),
    ("letter", "letter:s009", "entman", "cause", "denied", "denied"),
    ("letter", "letter:s010", "domain", "humanitarian", "corridor", "corridor"),
    ("letter", "letter:s010", "domain", "intl_law", "ceasefire agreement", "ceasefire agreement"),
    ("letter", "letter:s011", "domain", "humanitarian", "blockade", "blockade"),
    ("letter", "letter:s011", "domain", "humanitarian", "corridor", "corridor"),
    ("letter", "letter:s011", "domain", "humanitarian", "civilian*", "civilian"),
    ("letter", "letter:s012", "domain", "sovereignty", "borders", "borders"),
    ("letter", "letter:s012", "frame", "public_opinion", "journalist*", "journalists"),
    ("letter", "letter:s013", "frame", "policy", "efforts", "efforts"),
    ("letter", "letter:s014", "entman", "remedy", "support*", "support"),
    ("letter", "letter:s014", "frame", "policy", "support*", "support"),
    ("letter", "letter:s015", "domain", "economic_energy", "sanction*", "sanctions"),
    ("letter", "letter:s015", "frame", "economic", "sanction*", "sanctions"),
    ("letter", "letter:s015", "domain", "peace", "peace", "peace"),
    ("letter", "letter:s016", "entman", "problem", "atrocit*", "atrocities"),
    ("letter", "letter:s016", "frame", "identity", "ethnic*", "ethnic"),
    ("letter", "letter:s016", "entman", "problem", "genocide*", "genocide"),
    ("letter", "letter:s018", "domain", "economic_energy", "sanction*", "sanctions"),
    ("letter", "letter:s018", "frame", "economic", "sanction*", "sanctions"),
    ("letter", "letter:s020", "frame", "morality", "atrocious", "atrocious"),
    ("letter", "letter:s020", "domain", "blame", "perpetrat*", "perpetrated"),
    ("letter", "letter:s020", "entman", "cause", "perpetrat*", "perpetrated"),
    ("letter", "letter:s021", "frame", "public_opinion", "reported", "reported"),
    ("letter", "letter:s022", "frame", "identity", "community", "community"),
    ("letter", "letter:s022", "frame", "identity", "people of", "people of"),
    ("letter", "letter:s025", "domain", "victimhood", "vulnerable", "vulnerable"),
    (
        "letter",
        "letter:s025",
        "frame",
        "public_opinion",
        "raise their voices",
        "raise their voices",
    ),
    ("letter", "letter:s026", "frame", "policy", "have to", "have to"),
    ("letter", "letter:s026", "entman", "problem", "atrocit*", "atrocities"),
    ("letter", "letter:s029", "domain", "economic_energy", "sanction*", "sanctions"),
    ("letter", "letter:s029", "frame", "economic", "sanction*", "sanctions"),
    ("letter", "letter:s030", "entman", "remedy", "recommend*", "recommendations"),
    ("letter", "letter:s030", "frame", "policy", "recommend*", "recommendations"),
    ("letter", "letter:s030", "frame", "policy", "initiative*", "initiatives"),
]


def test_every_cue_match_the_gold_marks_wrong_is_listed():
    fp = framing.framing_false_positives()
    assert fp.columns == ["text_id", "sentence_id", "layer", "category", "cue", "matched"]
    assert fp.rows() == EXPECTED
    assert len(EXPECTED) == 75


def test_false_positives_agree_with_the_gold_file_read_directly():
    # the gold file read with the csv module, independently of gold_load: no listed match is
    # in a sentence the gold coding codes with the match's category
    lines = [
        ln
        for ln in framing.GOLD_PATH.read_text(encoding="utf-8").splitlines()
        if not ln.startswith("#")
    ]
    gold = {r["sentence_id"]: r for r in csv.DictReader(lines)}
    for _text, sid, layer, category, _cue, _matched in EXPECTED:
        assert category not in gold[sid][framing.GOLD_COLUMNS[layer]].split(";")


def test_false_positive_sentences_are_the_precision_table_s():
    # distinct (sentence, layer, category) in the list = false positives of the precision table
    pairs = {(sid, layer, cat) for _t, sid, layer, cat, _c, _m in EXPECTED}
    table = framing.textstat_category_precision()
    assert len(pairs) == table["false_positives"].sum() == 63
    per = Counter(f"{layer}/{cat}" for _s, layer, cat in pairs)
    for r in table.filter(pl.col("false_positives") > 0).iter_rows(named=True):
        assert per[f"{r['layer']}/{r['category']}"] == r["false_positives"]
