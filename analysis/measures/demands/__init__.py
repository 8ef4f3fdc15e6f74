"""Demands of the advocacy texts and the responses to them: extraction, alignment, responsiveness.

What each advocacy text asks Canada (or others) to do, and what a response text takes up. The
texts and pairs come from the manifest (:func:`analysis.corpus.advocacy_text_ids`,
:func:`analysis.corpus.text_pairs`); every step takes frames and returns a polars frame:

1. :mod:`.extract` — :func:`demands_extract`: every directive of every advocacy text, one
   record per requested action (numbered demands each kept whole); :mod:`.phrases` holds its
   phrase rules (where an object ends, passive infinitives, the demand type).
2. :mod:`.response` — :func:`response_functions`, :func:`response_modality`,
   :func:`response_commitments`: function, modality and commitments of each sentence of
   every response text.
3. :mod:`.align` — :func:`demands_alignment`: each own demand against each sentence of its
   pair's response text (TF-IDF cosine plus concept Jaccard).
4. :mod:`.responsiveness` — :func:`demands_responsiveness`: a label per demand and pair
   (*responsiveness* where the response answers the text, *policy overlap* for a declared
   comparison); :func:`demands_pairing` says how each text is measured (a text with no
   response is extracted and typed only); :func:`demands_timeline` gives each pair's dates.
The gold files and the agreement of these rules with them live in the evaluation layer:
:mod:`analysis.evaluation.demands_gold` (loaders, :func:`gold_coverage`, agreement on what the
gold covers) and :mod:`analysis.evaluation.demands_review` (each disagreement of the extractor
with the gold, with its recorded reason).

Usage: ``from analysis.measures import demands; demands.demands_extract()``.
"""

from __future__ import annotations

from analysis.measures.demands.align import (
    cosine,
    demands_alignment,
    demands_evidence,
    tfidf_vectors,
)
from analysis.measures.demands.common import (
    ACT_COVERAGE,
    ANSWERS,
    DEMAND_TYPES,
    EVIDENCE_K,
    FUNCTIONS,
    POLICY_OVERLAP,
    RESPONSIVENESS,
    SCALES,
    STRENGTHS,
    T_FULL,
    T_NONE,
    Units,
    clear_caches,
    concept_matches,
    content_term,
    demand_key,
    demands_cues,
    order_demands,
    response_rules,
    units,
)
from analysis.measures.demands.extract import DEMAND_ROLE, demands_extract
from analysis.measures.demands.response import (
    response_commitments,
    response_functions,
    response_modality,
)
from analysis.measures.demands.responsiveness import (
    act_terms,
    demands_pairing,
    demands_responsiveness,
    demands_timeline,
    parse_date,
)

__all__ = [
    "ACT_COVERAGE",
    "ANSWERS",
    "DEMAND_ROLE",
    "DEMAND_TYPES",
    "EVIDENCE_K",
    "FUNCTIONS",
    "POLICY_OVERLAP",
    "RESPONSIVENESS",
    "SCALES",
    "STRENGTHS",
    "T_FULL",
    "T_NONE",
    "Units",
    "act_terms",
    "clear_caches",
    "concept_matches",
    "content_term",
    "cosine",
    "demand_key",
    "demands_alignment",
    "demands_cues",
    "demands_evidence",
    "demands_extract",
    "demands_pairing",
    "demands_responsiveness",
    "demands_timeline",
    "order_demands",
    "parse_date",
    "response_commitments",
    "response_functions",
    "response_modality",
    "response_rules",
    "tfidf_vectors",
    "units",
]
