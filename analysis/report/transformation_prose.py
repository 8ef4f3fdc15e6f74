"""Prose for the transformation-profile section of notebook 03.

Each function takes the frames of :mod:`analysis.measures.demands.transform` and
:mod:`analysis.evaluation.transformation_gold` and returns Markdown for
``display(Markdown(...))``, built alike for every profiled pair, whatever their number. Words
quoted from the texts are escaped with :func:`analysis.prose.escape_markdown` and attributed to
the text they come from.
"""

from __future__ import annotations

import polars as pl

from analysis import corpus
from analysis.measures.naming import capitalise
from analysis.prose import escape_markdown as esc
from analysis.prose import text_name


def _q(span: str | None) -> str:
    return f"“{esc(span)}”" if span else ""


def _clause(r: dict, a_name: str, r_name: str) -> str | None:
    """One dimension of one demand in words, or None where nothing changes or is found."""
    dim, value = r["dimension"], r["value"]
    a, e = _q(r["evidence_a"]), _q(r["evidence_r"])
    if value == "none" and dim != "commitment_strength":
        return None
    if dim == "label_substitution":
        if value == "substituted":
            return f"label substituted: {a_name} has {a}, {r_name} writes {e}"
        if value == "retained":
            return f"label kept: {a} in both"
        return f"label omitted: {a_name}'s {a} has no counterpart in {r_name}"
    if dim == "spelling_change":
        if value == "changed":
            return f"spelling changed: {a} in {a_name}, {e} in {r_name}"
        return None  # the same spelling is not a transformation
    if dim == "agent_deletion":
        if value == "deleted":
            return f"agent absent: {a_name} names {a}; {r_name} names no such agent"
        return f"agent kept: {a} named in both"
    if dim == "scope_change":
        if value == "same":
            return None
        return f"scope {value}: {a} in {a_name}, {e} in {r_name}"
    if dim == "commitment_strength":
        if value == "none":
            return f"commitment: none ({r_name} says nothing on it)"
        return f"commitment: {value}" + (f" ({e})" if e else "")
    if dim == "deflection":
        return f"deflection to {value.replace('_and_', ' and ').replace('_', ' ')}: {e}"
    return None


def describe_profile(profile: pl.DataFrame, names: dict[str, str] | None = None) -> str:
    """One bullet per demand: what changes between the demand's words and the response's.

    Args:
        profile: from :func:`~analysis.measures.demands.transform.textstat_transformation`.
        names: text id to prose name (default :func:`analysis.corpus.text_names`).
    """
    names = corpus.text_names() if names is None else names
    if profile.is_empty():
        return "No text of this corpus has a response that answers it: no profile is drawn."
    lines = []
    for (demand_id,), g in profile.group_by("demand_id", maintain_order=True):
        first = g.row(0, named=True)
        a_name = esc(text_name(first["text_id"], names))
        r_name = esc(text_name(first["response_id"], names))
        parts = [c for r in g.iter_rows(named=True) if (c := _clause(r, a_name, r_name))]
        lines.append(f"- **{esc(demand_id)}**: " + "; ".join(parts) + ".")
    return "\n".join(lines)


def describe_counts(profile: pl.DataFrame) -> str:
    """How many profiled demands show each transformation, in one sentence."""
    n = profile["demand_id"].n_unique()
    if not n:
        return ""
    shown = {
        "label_substitution": ("substituted", "a label substitution"),
        "spelling_change": ("changed", "a spelling change"),
        "agent_deletion": ("deleted", "an absent agent"),
        "scope_change": ("generalised", "a generalised scope"),
    }
    parts = []
    for dim, (value, words) in shown.items():
        k = profile.filter((pl.col("dimension") == dim) & (pl.col("value") == value)).height
        parts.append(f"{k} {words}")
    defl = profile.filter(
        (pl.col("dimension") == "deflection") & (pl.col("value") != "none")
    ).height
    parts.append(f"{defl} a deflection to process or third parties")
    return f"Of the {n} profiled demand{'s' if n != 1 else ''}: " + ", ".join(parts) + "."


def describe_agreement(
    agreement: pl.DataFrame, evidence: pl.DataFrame, coverage: str, header: dict[str, str]
) -> str:
    """Agreement of the rules with the gold, with who coded the gold and what it covers."""
    if agreement.filter(pl.col("dimension") == "all")["n"][0] == 0:
        return coverage + " Agreement is not computed."
    total = agreement.filter(pl.col("dimension") == "all").row(0, named=True)
    kappa = "undefined" if total["kappa"] is None else f"{total['kappa']:.2f}"
    out = [
        coverage,
        f"Over all dimensions the rules agree with the gold on {total['n_agree']} of "
        f"{total['n']} codes (raw agreement {total['agreement']:.2f}, 95% Wilson interval "
        f"[{total['agreement_low']:.2f}, {total['agreement_high']:.2f}]; kappa {kappa}, with "
        "each value read with its dimension).",
    ]
    for r in evidence.iter_rows(named=True):
        if r["n_auto"] or r["n_gold"]:
            p = "n/a" if r["precision"] is None else f"{r['precision']:.2f}"
            rec = "n/a" if r["recall"] is None else f"{r['recall']:.2f}"
            out.append(
                f"Evidence spans in the {r['side']} text (on agreeing codes): precision {p}, "
                f"recall {rec} ({r['n_match']} matching of {r['n_auto']} automatic and "
                f"{r['n_gold']} gold spans; a match is one span inside the other)."
            )
    if header.get("coder"):
        out.append(f"The gold file's coder: {esc(header['coder'])}.")
    return " ".join(out)


def describe_caveats(profile: pl.DataFrame, coverage: str, rules_version: int) -> str:
    """The section's caveats, computed from what was profiled."""
    n = profile["demand_id"].n_unique()
    pairs = profile.select("text_id", "response_id").unique().height
    return "\n".join(
        [
            f"- {n} demand{'s' if n != 1 else ''} in {pairs} pair{'s' if pairs != 1 else ''}: "
            "per-dimension kappa rests on a handful of codes and moves by large steps with one "
            "code; the intervals are wide.",
            f"- The rules (version {rules_version}) follow the codebook; the lexicons they read "
            "(event labels, referent variants, response functions) were curated from these "
            "texts, so the rules are not tested on unseen wording, and the gold was written by "
            "an automated coder from the same codebook (agreement between two readings of one "
            "codebook, not validation by people).",
            "- A label, referent or cue missing from the lexicons is invisible to the rules: a "
            "substitution by a word no lexicon lists reads as an omission, a new spelling no "
            "lexicon lists as no shared referent.",
            "- Which response sentences take a demand up comes from the alignment scores; "
            "commitment strength, scope and deflection are read only there.",
            "- " + esc(capitalise(coverage)),  # texts' names are data: shown as text
        ]
    )
