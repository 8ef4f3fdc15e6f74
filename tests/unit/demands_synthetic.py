"""A synthetic corpus for the demands tests: two petitions each with its own response, a
statement with no response, and a letter compared with the first response for overlap.

Segments are written here and cut into sentences and tokens with :mod:`analysis.tokens`; no
file of the real corpus is read.
"""

from __future__ import annotations

import polars as pl

from analysis.corpus.manifest import Pair

from . import synthetic

#: (text id, role, speaker, segment texts) per text, in display order.
TEXTS = {
    "pet-a": (
        "petitioners",
        [
            ("petition_preamble", "The village of Larkspur was flooded in 2020."),
            (
                "petition_call",
                "We, the undersigned, citizens of Canada, call upon the Government of Canada to:",
            ),
            ("petition_demand", "Condemn the attack on the village of Larkspur;"),
            ("petition_demand", "Recognize the victims of the flood; and"),
            ("petition_demand", "Impose sanctions on the officials responsible."),
            ("petition_demand", "Open a humanitarian corridor to the region."),
        ],
    ),
    "resp-a": (
        "Government of Canada",
        [
            (
                "government_response",
                "The Government of Canada condemns the attack on the village of Larkspur. "
                "Canada will impose sanctions on the officials responsible. "
                "Canada encourages dialogue between the parties.",
            ),
        ],
    ),
    "pet-b": (
        "petitioners",
        [
            ("petition_call", "We, the undersigned, call upon the House of Commons to:"),
            ("petition_demand", "Fund the rebuilding of schools;"),
            ("petition_demand", "Support teachers in the north; and"),
            ("petition_demand", "Publish a report on school safety."),
            ("petition_demand", "Hold hearings on school safety."),
            ("petition_demand", "Review the budget for schools;"),
            ("petition_demand", "Protect students in the north."),
        ],
    ),
    "resp-b": (
        "Government of Canada",
        [
            (
                "government_response",
                "The Government of Canada funds the rebuilding of schools in the north. "
                "The Minister will publish a report on school safety.",
            ),
        ],
    ),
    "stmt": (
        "a coalition",
        [("letter_body", "We urge Canada to ban the export of weapons to the region.")],
    ),
}
ADVOCACY = ["pet-a", "pet-b", "stmt"]
RESPONSES = ["resp-a", "resp-b"]
PAIRS = (
    Pair("pet-a", "resp-a", "response", "printed on the same page"),
    Pair("pet-b", "resp-b", "response", "printed on the same page"),
)


def segments() -> pl.DataFrame:
    """One source per text; segments separated by a newline, offsets into that source."""
    return pl.DataFrame(
        [
            row
            for text_id, (speaker, parts) in TEXTS.items()
            for row in synthetic.segment_rows(
                text_id, parts, segment_id="{text_id}:{role}:{i}", speaker=speaker
            )
        ]
    )


def frames() -> tuple[pl.DataFrame, pl.DataFrame]:
    """(sentences, normalised tokens) of the synthetic corpus."""
    return synthetic.frames(segments())
