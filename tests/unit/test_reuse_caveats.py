"""analysis.report.reuse_prose.reuse_caveats on small synthetic span tables."""

from __future__ import annotations

import polars as pl

from analysis.report import reuse_prose

# Four spans of two synthetic pairs: one differs in case only (not folded), one joins two
# names of one referent (folded), two are written alike.
TILES = pl.DataFrame(
    {
        "pair_id": ["p-1", "p-1", "q-2", "q-2"],
        "a_text": ["The river bridge", "the Harbour gate", "of the grain", "all five texts"],
        "r_text": ["the river bridge", "the Haven gate", "of the grain", "all five texts"],
    }
)


def test_caveats_count_the_folded_spans_and_the_minimum_length():
    got = reuse_prose.reuse_caveats(TILES, n=4).split("\n")
    assert got[:2] == ["## Caveats", ""]
    assert len(got) == 7 and all(line.startswith("- **") for line in got[2:])
    assert got[2] == (
        "- **Verbatim reuse only.** Greedy String Tiling finds word sequences a response repeats; "
        "a paraphrase, a summary or a reordered sentence shares few or no runs of 4 words and "
        "is not counted. Responsiveness to each demand is measured in notebook 03, not here."
    )
    assert got[4] == (
        "- **Folding.** 1 of the 4 spans match only because the lexicon folds two spellings or "
        "names of one referent; both texts' words are shown in the table. A name the lexicon "
        "folds whole is one unit, so a name inside a longer listed form (another referent) does "
        "not match the name alone."
    )
    assert got[5].startswith(
        "- **Intervals.** Shared spans are runs of 4 or more words, so reused words come in "
        "clusters"
    )


def test_caveats_without_spans_give_no_count():
    got = reuse_prose.reuse_caveats(TILES.clear(), n=3).split("\n")
    assert got[4] == (
        "- **Folding.** A name the lexicon folds whole is one unit, so a name inside a longer "
        "listed form (another referent) does not match the name alone."
    )
    assert "runs of 3 words" in got[2]
