"""Prose of reports 05 and 06 on the default corpus, pinned word for word.

The strings are what notebooks 05 and 06 printed before their computation moved into
:mod:`analysis.report.collocations_prose` and :mod:`analysis.report.reuse_prose`; the reports
must keep saying exactly this.
"""

from __future__ import annotations

from analysis.measures import collocations as co
from analysis.measures import reuse
from analysis.measures import terminology as tm
from analysis.report import collocations_prose, reuse_prose

NAGORNO = "### Nagorno-Karabakh\n\nOccurrences: the petition 1, the response 1 and the letter 13; no collocate reaches 2 co-occurrences in the petition and the response."
CLUSTERS = "Repeated clusters (2–4 words, at least twice): the petition 34, the response 30 and the letter 64. Clusters of three or more words that two or more texts use: “as well as”."
FOLDING = "- **Folding.** 2 of the 4 spans match only because the lexicon folds two spellings or names of one referent; both texts' words are shown in the table. A name the lexicon folds whole is one unit, so a name inside a longer listed form (another referent) does not match the name alone."


def test_collocations_report_prose(toks):
    all_forms = tm.lexicon_terms("referent-variants")["form"].to_list()
    nodes = {row["concept"]: row["forms"] for row in co.referent_nodes().iter_rows(named=True)}
    section = collocations_prose.node_section(
        nodes["Nagorno-Karabakh"], "Nagorno-Karabakh", toks=toks, others=all_forms
    )
    assert section.markdown == NAGORNO
    # only the letter lists collocates: its five strongest by logDice
    assert section.table.select("text", "collocate", "freq").rows() == [
        ("Open letter (2023)", "in", 5),
        ("Open letter (2023)", "of", 7),
        ("Open letter (2023)", "the", 11),
        ("Open letter (2023)", "population", 2),
        ("Open letter (2023)", "armenia", 2),
    ]
    peace = collocations_prose.node_section(
        ["peace"], "peace", toks=toks, others=all_forms, quote=True
    )
    assert peace.markdown.startswith("### peace\n\nOccurrences: the petition 2, the response 1")
    assert peace.caption == "Collocates of “peace”, by text"
    clusters = co.textstat_clusters(toks, n=(2, 3, 4), min_freq=2)
    assert collocations_prose.describe_clusters(clusters) == CLUSTERS


def test_reuse_report_caveats(toks):
    tiles = reuse.textstat_reuse(toks, n=3)
    assert reuse_prose.reuse_caveats(tiles, n=3).split("\n")[4] == FOLDING
