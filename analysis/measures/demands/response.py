"""Response sentence functions, modality and commitments, for any number of response texts.

:func:`response_functions` classifies each sentence of a response text by function and modality
with the rule set ``data/lexicons/response-functions.csv``; :func:`response_modality` lists
every modality marker; :func:`response_commitments` lists the sentences that commit an actor.
Every function runs on all response texts (:func:`analysis.corpus.response_text_ids`) or on the
ones given, and keeps a ``text_id`` column so each response can be read on its own.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from analysis import corpus
from analysis.lexicons import match_patterns
from analysis.measures.demands.common import (
    STRENGTHS,
    Units,
    response_rules,
    strip,
    units,
)


def _response_ids(text_ids: Sequence[str] | None) -> list[str]:
    return corpus.response_text_ids() if text_ids is None else list(text_ids)


def _matches(u: Units, text_ids: Sequence[str]) -> pl.DataFrame:
    toks = u.text_tokens(text_ids)
    rules = response_rules()
    # each layer is matched on its own, so a word can be both a function and a modality cue
    return pl.concat(
        [
            match_patterns(toks, rules.filter(pl.col("layer") == layer), source_text=u.source_text)
            for layer in ("function", "modality")
        ]
    )


def response_modality(
    sentences: pl.DataFrame | None = None,
    toks: pl.DataFrame | None = None,
    *,
    text_ids: Sequence[str] | None = None,
) -> pl.DataFrame:
    """Every modality marker in the response texts.

    Args:
        sentences: sentence frame (default: the corpus's primary texts).
        toks: normalised token frame (default: made from ``sentences``, or the corpus's).
        text_ids: response texts (default: every text of genre ``response``).

    Returns:
        ``text_id, sentence_id, category, strength, pattern, matched, source_id, start, end``,
        by text, then position.
    """
    u = units(sentences, toks)
    text_ids = _response_ids(text_ids)
    rules = response_rules().filter(pl.col("layer") == "modality")
    found = match_patterns(u.text_tokens(text_ids), rules, source_text=u.source_text)
    found = found.select(
        "text_id",
        "sentence_id",
        "category",
        "strength",
        "pattern",
        "matched",
        "source_id",
        "start",
        "end",
    )
    return corpus.order_by_text(found.sort("start"), order=text_ids)


def _actor(u: Units, sentence_id: str) -> str:
    """Leading name of the sentence: capitalised words (with 'of'/'the') before the first verb."""
    toks = u.index.get(sentence_id, [])
    out = []
    for t in toks:
        if t["token"][:1].isupper() or (out and t["norm"] in {"of", "the"}):
            out.append(t)
        else:
            break
    if not toks:
        return "unspecified"
    return u.surface(strip(out), toks[0]["source_id"]) or "unspecified"


def response_functions(
    sentences: pl.DataFrame | None = None,
    toks: pl.DataFrame | None = None,
    *,
    text_ids: Sequence[str] | None = None,
) -> pl.DataFrame:
    """Function, modality, commitment strength and actor of each response sentence.

    Rules (``response-functions.csv``): every function pattern found in the sentence is a
    candidate; the main ``function`` is the candidate with the lowest ``priority`` (what the
    actor undertakes outranks what it reports or recognises). ``commitment_strength`` is the
    strongest modality marker (``firm`` for 'will', ``weak`` for open-ended markers, else
    ``none``). ``modality`` lists the stance markers found, in order.

    Args:
        sentences: sentence frame (default: the corpus's primary texts).
        toks: normalised token frame (default: made from ``sentences``, or the corpus's).
        text_ids: response texts (default: every text of genre ``response``).

    Returns:
        One row per sentence of each response text, in text order: ``sentence_id, text_id,
        function, functions_all, modality, commitment_strength, actor, text``.
    """
    u = units(sentences, toks)
    text_ids = _response_ids(text_ids)
    sents = corpus.order_by_text(u.text_sentences(text_ids), order=text_ids)
    found = _matches(u, text_ids)
    rank = {s: i for i, s in enumerate(STRENGTHS)}
    rows = []
    for s in sents.iter_rows(named=True):
        here = found.filter(pl.col("sentence_id") == s["sentence_id"]).sort("start")
        funcs = here.filter(pl.col("layer") == "function").sort(["priority", "start"])
        mods = here.filter(pl.col("layer") == "modality")
        strengths = [x for x in mods["strength"].to_list() if x]
        strength = max(strengths, key=rank.get) if strengths else "none"
        rows.append(
            {
                "sentence_id": s["sentence_id"],
                "text_id": s["text_id"],
                "function": funcs["category"][0] if funcs.height else "position",
                "functions_all": "; ".join(dict.fromkeys(funcs["category"].to_list())),
                "modality": "; ".join(dict.fromkeys(mods["matched"].to_list())),
                "commitment_strength": strength,
                "actor": _actor(u, s["sentence_id"]),
                "text": s["text"],
            }
        )
    return pl.DataFrame(
        rows,
        schema={
            c: pl.String
            for c in (
                "sentence_id",
                "text_id",
                "function",
                "functions_all",
                "modality",
                "commitment_strength",
                "actor",
                "text",
            )
        },
    )


def response_commitments(functions: pl.DataFrame | None = None) -> pl.DataFrame:
    """Response sentences that commit an actor to something (strength weak or firm).

    Args:
        functions: from :func:`response_functions` (default: the corpus's response texts).
    """
    functions = response_functions() if functions is None else functions
    return functions.filter(pl.col("commitment_strength") != "none").select(
        "sentence_id", "text_id", "actor", "function", "modality", "commitment_strength", "text"
    )
