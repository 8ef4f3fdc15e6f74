"""A synthetic corpus for the transformation-profile tests: two petitions each with its own
response, and a statement compared with the first response for overlap only (five texts).

Each demand is written so one rule of the codebook fires on it; no file of the real corpus is
read (the lexicons are read as the rules read them).
"""

from __future__ import annotations

import polars as pl

from analysis.corpus.manifest import Pair

from . import synthetic

TEXTS = {
    "pet-x": [
        ("petition_call", "We, the undersigned, call upon the Government of Canada to:"),
        (
            "petition_demand",
            "Condemn the shelling of Nagorno-Karabagh, committed by the Azerbaijani forces, "
            "as a war crime;",
        ),
        (
            "petition_demand",
            "Implement resolutions #12 and #15 on the protection of civilians; and",
        ),
        ("petition_demand", "Fund the rebuilding of schools in the north."),
    ],
    "resp-x": [
        (
            "government_response",
            "The Government of Canada recognizes the shelling of Nagorno-Karabakh as a tragedy. "
            "Canada supports all resolutions on the protection of civilians and encourages the "
            "parties to pursue dialogue. "
            "The Government of Canada funds the rebuilding of schools in the north.",
        ),
    ],
    "pet-y": [
        ("petition_call", "We, the undersigned, call upon the Government of Canada to:"),
        ("petition_demand", "Open a humanitarian corridor to the valley."),
        ("petition_demand", "Publish a report on water safety."),
    ],
    "resp-y": [
        (
            "government_response",
            "Canada will open a humanitarian corridor to the valley. "
            "The harvest was good this year.",
        ),
    ],
    "stmt": [("letter_body", "We urge Canada to ban the export of weapons to the valley.")],
}
PAIRS = (
    Pair("pet-x", "resp-x", "response", "printed on the same page"),
    Pair("pet-y", "resp-y", "response", "printed on the same page"),
    Pair("stmt", "resp-x", "overlap", "written later"),
)


def segments() -> pl.DataFrame:
    """One source per text; segments separated by a newline, offsets into that source."""
    return pl.DataFrame(
        [
            row
            for text_id, parts in TEXTS.items()
            for row in synthetic.segment_rows(
                text_id, parts, segment_id="{text_id}:{role}:{i}", speaker="someone"
            )
        ]
    )


def frames() -> tuple[pl.DataFrame, pl.DataFrame]:
    """(sentences, normalised tokens) of the synthetic corpus."""
    return synthetic.frames(segments())
