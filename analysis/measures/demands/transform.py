"""Per-demand transformation profiles: how an advocacy text's words become its response's.

For each own demand of an advocacy text that has a response (a pair whose relation answers the
text, :data:`~analysis.measures.demands.common.ANSWERS`), six dimensions of the codebook
``data/annotations/transformation-codebook.md`` are coded by rule, each with evidence spans in
the advocacy text and in the response (raw-source offsets, as in
:func:`analysis.tokens.corpus_tokens`):

- ``label_substitution``: event labels (``event-labels.csv``) of the demand against those of
  the response sentences that take it up (``substituted`` / ``retained`` / ``omitted`` /
  ``none``);
- ``spelling_change``: referents (``referent-variants.csv``) the demand and the whole response
  share, compared by surface form (``changed`` / ``same`` / ``none``);
- ``agent_deletion``: an armed force, or a named referent after an agent cue ("committed by"),
  in the demand, looked for in the whole response (``deleted`` / ``retained`` / ``none``);
- ``scope_change``: numbers or two or more named referents in the demand against general cues
  ("all", "initiatives", "the region") in the response sentences that take it up;
- ``commitment_strength``: the strongest of ``act`` (the demand's own verb in a taking-up
  sentence), ``undertake`` (a firm modality), ``encourage`` (open-ended modality, or an
  encouragement/support function), ``acknowledge`` (any other function), ``none``; read from
  the response-function rules (``response-functions.csv``);
- ``deflection``: process and third-party cues, and international organisations named in
  encouragement or support sentences, in the sentences that take the demand up.

The sentences that *take a demand up* are those of :func:`demands_alignment` ranked within
:data:`EVIDENCE_K`, scoring at least :data:`TAKE_UP_MIN` and at least :data:`TAKE_UP_SHARE` of
the demand's best score. Rule cues not in the existing lexicons are in
``data/lexicons/transformation-cues.csv`` (:func:`transformation_cues`). Rules are general: no
text or sentence id appears in them.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

import polars as pl

from analysis import corpus
from analysis.corpus.manifest import Pair
from analysis.evaluation.transformation_gold import DIMENSIONS
from analysis.lexicons import lexicon_load, match_patterns, pattern_tokens
from analysis.measures.demands.align import (
    demands_alignment,
    find_demands,
    own_demands,
    pair_list,
)
from analysis.measures.demands.common import ANSWERS, EVIDENCE_K, Units, fold, units
from analysis.measures.demands.response import _matches, response_functions

#: Version of the rules (bump on any change; the change log is in data/lexicons/README.md).
RULES_VERSION = 1

_CUE_CATEGORIES = {"agent_cue", "general", "process", "third_party", "acknowledge"}

#: Taking-up thresholds on the alignment score (*choice*): an absolute floor, and a share of
#: the demand's best score so a distant second sentence does not count.
TAKE_UP_MIN = 0.05
TAKE_UP_SHARE = 0.5
#: Character similarity (difflib ratio) at or above which two forms are spelling variants.
VARIANT_SIMILARITY = 0.75

#: Event-label categories that label an event (names and actor labels do not).
LABEL_CATEGORIES = {
    "mass_violence",
    "political_violence",
    "rights_violation",
    "tragedy_loss",
    "legal_qualifier",
    "territorial_control",
}
#: Referent categories that are agents wherever a demand names them.
AGENT_CATEGORIES = {"armed_forces"}
#: Referent categories that name an agent after an agent cue.
AGENT_AFTER_CUE = {"armed_forces", "state", "government", "leader", "organisation", "people"}

_SCHEMA = {
    "demand_id": pl.String,
    "text_id": pl.String,
    "response_id": pl.String,
    "dimension": pl.String,
    "value": pl.String,
    "a_start": pl.Int64,
    "a_end": pl.Int64,
    "r_start": pl.Int64,
    "r_end": pl.Int64,
    "evidence_a": pl.String,
    "evidence_r": pl.String,
}


def transformation_cues() -> pl.DataFrame:
    """The transformation rule cues (``data/lexicons/transformation-cues.csv``), validated."""
    return lexicon_load(
        "transformation-cues",
        required=("pattern", "dimension", "category", "rationale"),
        key=("pattern", "dimension"),
        categories={"dimension": set(DIMENSIONS), "category": _CUE_CATEGORIES},
    ).table


def _referents(u: Units, toks: pl.DataFrame) -> pl.DataFrame:
    """Referent mentions: longest matches, plus one-token forms nested inside longer ones."""
    table = lexicon_load("referent-variants", required=("form", "concept")).table
    single = table.filter(
        pl.col("form").map_elements(lambda f: len(pattern_tokens(f)) == 1, return_dtype=pl.Boolean)
    )
    cols = ["concept", "category", "kind", "sentence_id", "source_id", "start", "end", "matched"]
    found = [
        match_patterns(toks, t, pattern_column="form", source_text=u.source_text).select(cols)
        for t in (table, single)
    ]
    return pl.concat(found).unique(["source_id", "start", "end"]).sort("source_id", "start")


def _labels(u: Units, toks: pl.DataFrame) -> pl.DataFrame:
    table = lexicon_load("event-labels", required=("form", "label")).table
    found = match_patterns(toks, table, pattern_column="form", source_text=u.source_text)
    return found.filter(pl.col("category").is_in(LABEL_CATEGORIES))


def _within(frame: pl.DataFrame, source_id: str, start: int, end: int) -> list[dict]:
    return list(
        frame.filter(
            (pl.col("source_id") == source_id) & (pl.col("start") >= start) & (pl.col("end") <= end)
        )
        .sort("start")
        .iter_rows(named=True)
    )


def _in_sentences(frame: pl.DataFrame, sentence_ids: Sequence[str]) -> list[dict]:
    return list(
        frame.filter(pl.col("sentence_id").is_in(list(sentence_ids)))
        .sort("start")
        .iter_rows(named=True)
    )


def _row(dimension: str, value: str, a: dict | None = None, r: dict | None = None) -> dict:
    """One profile row; ``a`` / ``r`` are matches with ``start``, ``end``, ``matched``."""
    return {
        "dimension": dimension,
        "value": value,
        "a_start": a["start"] if a else None,
        "a_end": a["end"] if a else None,
        "r_start": r["start"] if r else None,
        "r_end": r["end"] if r else None,
        "evidence_a": a["matched"] if a else None,
        "evidence_r": r["matched"] if r else None,
    }


def _form(text: str) -> str:
    """A surface form compared for spelling: case and a possessive ending set aside."""
    t = text.lower().replace("\u2019", "'")
    return t[:-2] if t.endswith("'s") else t


def is_variant(a: str, b: str) -> bool:
    """Two different forms are spelling variants: one inside the other, or alike as strings.

    Forms of one concept that are different wordings ("the two governments" / "both
    authorities") are not spelling changes; :data:`VARIANT_SIMILARITY` is the cut (*choice*).
    """
    a, b = _form(a), _form(b)
    if a == b:
        return False
    return a in b or b in a or SequenceMatcher(None, a, b).ratio() >= VARIANT_SIMILARITY


def taking_up(alignment: pl.DataFrame) -> dict[tuple[str, str], list[str]]:
    """The response sentences that take each demand up, by ``(demand_id, response_id)``."""
    best = pl.col("score").max().over("demand_id", "response_id")
    kept = alignment.filter(
        (pl.col("rank") <= EVIDENCE_K)
        & (pl.col("score") >= TAKE_UP_MIN)
        & (pl.col("score") >= TAKE_UP_SHARE * best)
    ).sort("demand_id", "response_id", "rank")
    out: dict[tuple[str, str], list[str]] = {}
    for r in kept.iter_rows(named=True):
        out.setdefault((r["demand_id"], r["response_id"]), []).append(r["sentence_id"])
    return out


# --- one rule per dimension -------------------------------------------------------------------


def rule_labels(a_labels: list[dict], r_labels: list[dict]) -> dict:
    """Label substitution: the demand's labels against those of the taking-up sentences."""
    if not a_labels:
        return _row("label_substitution", "none")
    a_set = {x["label"] for x in a_labels}
    r_set = {x["label"] for x in r_labels}
    new = [x for x in r_labels if x["label"] not in a_set]
    lost = [x for x in a_labels if x["label"] not in r_set]
    if new:
        return _row("label_substitution", "substituted", (lost or a_labels)[0], new[0])
    if not lost:
        kept = next(x for x in r_labels if x["label"] == a_labels[0]["label"])
        return _row("label_substitution", "retained", a_labels[0], kept)
    return _row("label_substitution", "omitted", lost[0])


def rule_spelling(a_refs: list[dict], r_refs: list[dict]) -> dict:
    """Spelling change: a shared referent whose demand form the response never writes."""
    shared = [
        x
        for x in a_refs
        if x["kind"] == "name" and any(y["concept"] == x["concept"] for y in r_refs)
    ]
    if not shared:
        return _row("spelling_change", "none")
    same = None
    for x in shared:
        forms = [y for y in r_refs if y["concept"] == x["concept"]]
        if _form(x["matched"]) in {_form(y["matched"]) for y in forms}:
            same = same or (x, next(y for y in forms if _form(y["matched"]) == _form(x["matched"])))
            continue
        variant = [y for y in forms if is_variant(x["matched"], y["matched"])]
        if variant:
            return _row("spelling_change", "changed", x, variant[0])
    if same is None:
        return _row("spelling_change", "none")
    return _row("spelling_change", "same", *same)


def demand_agents(a_refs: list[dict], agent_cues: list[dict]) -> list[dict]:
    """Agents a demand names: armed forces anywhere, other named referents after an agent cue."""
    ends = {c["end"] for c in agent_cues}
    out = []
    for x in a_refs:
        after_cue = any(0 <= x["start"] - e <= len(" the ") for e in ends)
        if x["category"] in AGENT_CATEGORIES or (after_cue and x["category"] in AGENT_AFTER_CUE):
            if not any(y["start"] <= x["start"] and x["end"] <= y["end"] for y in out):
                out.append(x)
    return out


def rule_agent(agents: list[dict], r_refs: list[dict]) -> dict:
    """Agent deletion: a demand's agent that the response does not name."""
    if not agents:
        return _row("agent_deletion", "none")
    for x in agents:
        if not any(y["concept"] == x["concept"] for y in r_refs):
            return _row("agent_deletion", "deleted", x)
    x = agents[0]
    return _row(
        "agent_deletion", "retained", x, next(y for y in r_refs if y["concept"] == x["concept"])
    )


def demand_specifics(a_toks: list[dict], a_refs: list[dict], u: Units) -> list[dict]:
    """Specific references of a demand: numbers, or two or more distinct named referents."""
    out = []
    for t in a_toks:
        if any(ch.isdigit() for ch in t["token"]):
            out.append({**t, "matched": u.span(t["source_id"], t["start"], t["end"])})
    names = [x for x in a_refs if x["kind"] == "name"]
    if len({x["concept"] for x in names}) >= 2:
        out.append(names[0])
    return sorted(out, key=lambda x: x["start"])


def rule_scope(
    taken: bool, specifics: list[dict], a_general: list[dict], r_general: list[dict], r_spec
) -> dict:
    """Scope change: specific in the demand and general in the response, or the reverse."""
    if not taken:
        return _row("scope_change", "none")
    if specifics and r_general:
        return _row("scope_change", "generalised", specifics[0], r_general[0])
    if not specifics and a_general and r_spec:
        return _row("scope_change", "narrowed", a_general[0], r_spec[0])
    return _row("scope_change", "same")


_LEVEL = ("none", "acknowledge", "encourage", "undertake", "act")


def rule_commitment(
    verb: dict | None,
    action: str,
    taken: list[dict],
    r_toks: list[dict],
    cues: list[dict],
    acknowledged: list[dict] = (),
) -> dict:
    """Commitment strength: the strongest level among the taking-up sentences.

    Args:
        verb: the demand's verb group span (evidence on the advocacy side).
        action: the demand's action (base form); the same verb in a taking-up sentence is ``act``.
        taken: the taking-up sentences.
        r_toks: the response's tokens.
        cues: response-function matches (``layer``, ``category``) in the response.
        acknowledged: acknowledgement-verb cues (``transformation-cues.csv``) in the response,
            preferred as evidence of ``acknowledge`` over other function cues.
    """
    best, evidence = "none", None
    for s in taken:
        mine = [c for c in cues if c["sentence_id"] == s["sentence_id"]]
        firm = [c for c in mine if c["layer"] == "modality" and c["category"] == "firm"]
        weak = [c for c in mine if c["layer"] == "modality" and c["category"] == "open_ended"]
        weak += [
            c
            for c in mine
            if c["layer"] == "function" and c["category"] in ("encouragement", "support")
        ]
        other = [c for c in acknowledged if c["sentence_id"] == s["sentence_id"]] or [
            c for c in mine if c["layer"] == "function"
        ]
        own = [
            t
            for t in r_toks
            if t["sentence_id"] == s["sentence_id"] and action and fold(t["norm"]) == fold(action)
        ]
        for level, found in (
            ("act", own),
            ("undertake", firm),
            ("encourage", sorted(weak, key=lambda c: c["start"])),
            ("acknowledge", other),
        ):
            if found and _LEVEL.index(level) > _LEVEL.index(best):
                best, evidence = level, found[0]
    if evidence is not None and "matched" not in evidence:
        evidence = {**evidence, "matched": evidence["token"]}
    if not taken:
        return _row("commitment_strength", "none")
    if best == "none":
        return _row("commitment_strength", "acknowledge", verb)
    return _row("commitment_strength", best, verb, evidence)


def rule_deflection(verb: dict | None, process: list[dict], third: list[dict]) -> dict:
    """Deflection: process and third-party cues in the taking-up sentences."""
    if process and third:
        first = min(process[0], third[0], key=lambda c: c["start"])
        return _row("deflection", "process_and_third_party", verb, first)
    if process:
        return _row("deflection", "process", verb, process[0])
    if third:
        return _row("deflection", "third_party", verb, third[0])
    return _row("deflection", "none")


# --- the profile ------------------------------------------------------------------------------


def _verb(u: Units, d: dict) -> dict | None:
    """The demand's verb group as a span inside the demand (None if it is not verbatim there)."""
    text = u.span(d["source_id"], d["start"], d["end"])
    vg = (d.get("verb_group") or "").strip()
    i = text.find(vg) if vg else -1
    if i < 0:
        return None
    return {"start": d["start"] + i, "end": d["start"] + i + len(vg), "matched": vg}


def textstat_transformation(
    found: pl.DataFrame | None = None,
    pairs: Sequence[Pair] | pl.DataFrame | None = None,
    sentences: pl.DataFrame | None = None,
    toks: pl.DataFrame | None = None,
    *,
    alignment: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """The transformation profile of every own demand of every answered advocacy text.

    Args:
        found: from :func:`demands_extract` (default: extracted from the frames).
        pairs: the pairs (default: :func:`analysis.corpus.text_pairs`); only those whose
            relation answers the text are profiled (see :func:`transformation_coverage`).
        sentences: sentence frame (default: the corpus's primary texts).
        toks: normalised token frame (default: made from ``sentences``, or the corpus's).
        alignment: from :func:`demands_alignment` (default: computed from the same frames).

    Returns:
        One row per demand and dimension (dimensions in codebook order): ``demand_id,
        text_id, response_id, dimension, value, a_start, a_end, r_start, r_end, evidence_a,
        evidence_r``; offsets are raw-source character offsets, null where a side has no
        evidence.
    """
    answered = [p for p in pair_list(pairs) if p.relation == ANSWERS]
    if not answered:
        return pl.DataFrame(schema=_SCHEMA)
    u = units(sentences, toks)
    demands = own_demands(find_demands(found, sentences, toks, answered))
    if alignment is None:
        alignment = demands_alignment(demands, sentences, toks, pairs=answered)
    up = taking_up(alignment)
    refs = _referents(u, u.toks)
    labels = _labels(u, u.toks)
    cues = match_patterns(u.toks, transformation_cues(), source_text=u.source_text)
    rows = []
    for p in answered:
        r_sents = list(u.text_sentences([p.response]).iter_rows(named=True))
        r_ids = [s["sentence_id"] for s in r_sents]
        r_toks = list(u.text_tokens([p.response]).iter_rows(named=True))
        r_refs = _in_sentences(refs, r_ids)
        fn = response_functions(sentences, toks, text_ids=[p.response]).select(
            "sentence_id", "function"
        )
        r_cues = list(_matches(u, [p.response]).iter_rows(named=True))
        orgs = _in_sentences(
            refs.filter(pl.col("category") == "organisation"),
            fn.filter(pl.col("function").is_in(["encouragement", "support"]))[
                "sentence_id"
            ].to_list(),
        )
        for d in demands.filter(pl.col("text_id") == p.advocacy).iter_rows(named=True):
            taken_ids = up.get((d["demand_id"], p.response), [])
            taken = [s for s in r_sents if s["sentence_id"] in taken_ids]
            span = (d["source_id"], d["start"], d["end"])
            a_refs = _within(refs, *span)
            a_toks = [t for t in u.index.get(d["sentence_id"], []) if d["start"] <= t["start"]]
            a_toks = [t for t in a_toks if t["end"] <= d["end"]]
            a_cues = _within(cues, *span)
            t_cues = _in_sentences(cues, taken_ids)
            verb = _verb(u, d)
            general = [c for c in t_cues if c["category"] == "general"]
            dims = [
                rule_labels(_within(labels, *span), _in_sentences(labels, taken_ids)),
                rule_spelling(a_refs, r_refs),
                rule_agent(
                    demand_agents(a_refs, [c for c in a_cues if c["category"] == "agent_cue"]),
                    r_refs,
                ),
                rule_scope(
                    bool(taken),
                    demand_specifics(a_toks, a_refs, u),
                    [c for c in a_cues if c["category"] == "general"],
                    general,
                    demand_specifics(
                        [t for t in r_toks if t["sentence_id"] in taken_ids],
                        _in_sentences(refs, taken_ids),
                        u,
                    ),
                ),
                rule_commitment(
                    verb,
                    d["action"],
                    taken,
                    r_toks,
                    r_cues,
                    [c for c in t_cues if c["category"] == "acknowledge"],
                ),
                rule_deflection(
                    verb,
                    [c for c in t_cues if c["category"] == "process"],
                    sorted(
                        [c for c in t_cues if c["category"] == "third_party"]
                        + [o for o in orgs if o["sentence_id"] in taken_ids],
                        key=lambda c: c["start"],
                    ),
                ),
            ]
            for row in dims:
                rows.append(
                    {
                        "demand_id": d["demand_id"],
                        "text_id": d["text_id"],
                        "response_id": p.response,
                        **row,
                    }
                )
    return pl.DataFrame(rows, schema=_SCHEMA)


def transformation_coverage(
    pairs: Sequence[Pair] | pl.DataFrame | None = None, labels: dict[str, str] | None = None
) -> str:
    """Which texts the profile covers and which it leaves out, as a sentence for a report.

    Args:
        pairs: the pairs (default: :func:`analysis.corpus.text_pairs`).
        labels: display label per text id (default: :func:`analysis.corpus.text_labels`);
            a text with no label is named by its id.
    """
    pairs = pair_list(pairs)
    answered = [p for p in pairs if p.relation == ANSWERS]
    if labels is None:
        labels = corpus.text_labels()
    names = labels
    covered = (
        ", ".join(
            f"{names.get(p.advocacy, p.advocacy)} → {names.get(p.response, p.response)}"
            for p in answered
        )
        or "none"
    )
    other = [p.advocacy for p in pairs if p.relation != ANSWERS]
    out = f"Profiled pairs: {covered}."
    if other:
        left = ", ".join(names.get(t, t) for t in dict.fromkeys(other))
        out += f" Not profiled (compared for overlap only, no response answers them): {left}."
    return out
