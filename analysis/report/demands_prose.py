"""Prose for the demands report (notebook 03): pairs in time, how demands are made, the
responses' commitments beside the gold coding, responsiveness per pair, agreement remarks and
caveats.

Each function takes the frames of :mod:`analysis.measures.demands` it describes and returns
Markdown for ``display(Markdown(...))``; the sentences are built alike for every text and pair,
whatever their number. Document text (names, dates, demands, sentences, actors, notes) is
quoted with :func:`analysis.prose.escape_markdown`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import polars as pl

from analysis import corpus
from analysis.charts import labels as chart_labels
from analysis.corpus.manifest import Pair
from analysis.measures.demands import ANSWERS, DEMAND_ROLE, T_NONE
from analysis.measures.framing import join_words
from analysis.measures.naming import capitalise
from analysis.prose import count_words
from analysis.report.render import escape_markdown as esc


def _words(code: str) -> str:
    """A responsiveness or policy-overlap label as words in a sentence ("partially addressed")."""
    return chart_labels.label(
        code, {**chart_labels.RESPONSIVENESS, **chart_labels.POLICY_OVERLAP}
    ).lower()


def _names(names: dict[str, str] | None) -> dict[str, str]:
    return corpus.text_names() if names is None else names


def _name(names: dict[str, str], text_id: str) -> str:
    """A text's prose name (its id when unnamed), quoted for Markdown."""
    return esc(names.get(text_id, text_id))


def describe_pair_timeline(
    timeline: pl.DataFrame, pairing: pl.DataFrame, names: dict[str, str] | None = None
) -> str:
    """Who could answer whom: one bullet per pair with its dates and what comparing it
    measures, then one per advocacy text in no pair.

    Args:
        timeline: :func:`analysis.measures.demands.demands_timeline`.
        pairing: :func:`analysis.measures.demands.demands_pairing`.
        names: text id to prose name (default :func:`analysis.corpus.text_names`).
    """
    names = _names(names)
    lines = []
    for p in timeline.iter_rows(named=True):
        a, r = _name(names, p["advocacy"]), _name(names, p["response"])
        a_when = (
            f"presented {esc(p['presented_on'])}"
            if p["presented_on"]
            else f"dated {esc(p['advocacy_date'] or 'without a date')}"
        )
        r_when = f"dated {esc(p['response_date'] or 'without a date')}"
        if p["relation"] == ANSWERS:
            lines.append(
                f"- {capitalise(r)} ({r_when}) answers {a} ({a_when}): comparing {a}'s demands "
                "with it measures *responsiveness*."
            )
        else:
            order = " The response came first and cannot answer it." if p["response_first"] else ""
            lines.append(
                f"- {capitalise(a)} ({a_when}) is compared with {r} ({r_when}) for *overlap with "
                f"stated policy* only, not responsiveness.{order}"
            )
    lines += [
        f"- {capitalise(_name(names, r['text_id']))} has no response in the corpus: "
        "its demands are extracted and typed, not scored."
        for r in pairing.iter_rows(named=True)
        if r["answered_by"] is None and not r["compared_with"]
    ]
    return "**Time and addressee.**\n\n" + "\n".join(lines)


#: A numbered item's marker ("1.", "2)", "(3)") where the item starts: at the start of a line or
#: after a space, colon or semicolon, with one or two digits (so "in 1992. Declare" is no marker).
_NUMBER_MARKER = re.compile(r"(?:^|[\s:;])\(?\d{1,2}\s*[.)]\s*$")
#: The start of a segment whose own text begins with its number ("1. Officially ...").
_LEAD = re.compile(r"\s*\(?\d{1,2}\s*[.)]")


def _numbered(items: pl.DataFrame, raw: Callable[[str], str] | None) -> list[bool]:
    """Whether each demand segment is numbered: in the raw source, a numeric marker stands right
    before it on its line, or its own text starts with one. Without offsets, its text only."""
    texts = items["text"] if "text" in items.columns else [""] * items.height
    own = [bool(_LEAD.match(t or "")) for t in texts]
    if not {"source_id", "start"} <= set(items.columns):
        return own
    raw = corpus.raw_text if raw is None else raw
    out = []
    for r, mine in zip(items.iter_rows(named=True), own, strict=True):
        source = raw(r["source_id"])
        prefix = source[source.rfind("\n", 0, r["start"]) + 1 : r["start"]]
        out.append(mine or bool(_NUMBER_MARKER.search(prefix)))
    return out


def describe_demand_making(
    own: pl.DataFrame,
    segments: pl.DataFrame,
    text_ids: Sequence[str] | None = None,
    names: dict[str, str] | None = None,
    raw: Callable[[str], str] | None = None,
) -> str:
    """How each advocacy text makes its demands: a call completed by numbered items (how many
    items, how many demands they give), a prayer written into the call (demand segments that
    carry no number), or, without demand segments, demands per cue type.

    Args:
        own: the text's own demands (:func:`~analysis.measures.demands.demands_extract` rows
            that are not reported): text_id, sentence_id, cue_sentence_id, cue_type.
        segments: primary segments (text_id, role; source_id and start, or text); demand
            segments have role ``DEMAND_ROLE``. Only those with a numeric marker ("1.", "2)")
            at their start in the raw source count as numbered items.
        text_ids: advocacy texts (default :func:`analysis.corpus.advocacy_text_ids`).
        names: text id to prose name (default :func:`analysis.corpus.text_names`).
        raw: source id to raw text (default :func:`analysis.corpus.raw_text`).
    """
    names = _names(names)
    text_ids = corpus.advocacy_text_ids() if text_ids is None else text_ids
    lines = []
    for t in text_ids:
        mine = own.filter(pl.col("text_id") == t)
        name = capitalise(_name(names, t))
        items = segments.filter((pl.col("text_id") == t) & (pl.col("role") == DEMAND_ROLE))
        from_items = mine.filter(pl.col("cue_sentence_id") != pl.col("sentence_id")).height
        numbered = sum(_numbered(items, raw)) if items.height else 0
        if numbered:
            rest = items.height - numbered
            lines.append(
                f"- {name}: a call that completes in {count_words(numbered, 'numbered item', most=0)}"
                + (f" and {count_words(rest, 'unnumbered passage', most=0)}" if rest else "")
                + f", giving {count_words(from_items, 'demand', most=0)} (each item kept whole; "
                "an item that asks for two actions gives two)."
            )
        elif items.height:
            lines.append(
                f"- {name}: the prayer is written into the call (no numbered items), giving "
                f"{count_words(mine.height, 'demand', most=0)}."
            )
        else:
            kinds = mine.group_by("cue_type", maintain_order=True).len()
            spread = ", ".join(
                f"{r['cue_type'].replace('_', ' ')} {r['len']}" for r in kinds.iter_rows(named=True)
            )
            lines.append(f"- {name}: demands by cue type: {spread or 'none found'}.")
    return "How the demands are made:\n\n" + "\n".join(lines)


def describe_commitment_differences(both: pl.DataFrame) -> str:
    """Where the rules and the gold coder differ on a response sentence's commitment strength,
    with the markers found, the gold coder's note and the sentence.

    Args:
        both: :func:`~analysis.measures.demands.response_functions` joined with the gold coding
            on sentence_id (gold columns suffixed ``_gold``; ``note`` from the gold).
    """
    differ = both.filter(pl.col("commitment_strength") != pl.col("commitment_strength_gold"))
    lines = [
        f"- {r['sentence_id']}: rules *{r['commitment_strength']}* (markers: "
        f"{esc(r['modality']) or 'none'}), gold *{r['commitment_strength_gold']}*"
        + (f"; the gold coder's note: “{esc(r['note'])}”" if r["note"] else "")
        + f"\n  - “{esc(r['text'])}”"
        for r in differ.iter_rows(named=True)
    ]
    return (
        f"Rules and gold coder differ on commitment strength in {differ.height} of {both.height} "
        "sentences. The question in each is whether the markers found make the commitment firm "
        "(the codebook's rule: a future action with “will”) or weak (open-ended):\n\n"
        + ("\n".join(lines) if lines else "none")
    )


def describe_responsiveness(
    resp: pl.DataFrame,
    pairs: Sequence[Pair] | None = None,
    sentences: pl.DataFrame | None = None,
    names: dict[str, str] | None = None,
) -> str:
    """Each demand of each text a response answers, with its label and the evidence for it.

    Args:
        resp: :func:`~analysis.measures.demands.demands_responsiveness`.
        pairs: default :func:`analysis.corpus.text_pairs`; only relation ``response`` counts.
        sentences: sentence_id and text of the evidence sentences (default: the corpus's).
        names: text id to prose name (default :func:`analysis.corpus.text_names`).
    """
    from analysis import tokens

    names = _names(names)
    pairs = corpus.text_pairs() if pairs is None else pairs
    sentences = tokens.corpus_sentences() if sentences is None else sentences
    sent = dict(sentences.select("sentence_id", "text").iter_rows())
    lines = []
    for p in (p for p in pairs if p.relation == ANSWERS):
        a, r = _name(names, p.advocacy), _name(names, p.response)
        lines.append(f"\n**The demands of {a}, against {r}**\n")
        rows = resp.filter(
            (pl.col("text_id") == p.advocacy) & (pl.col("response_id") == p.response)
        )
        for d in rows.iter_rows(named=True):
            ask = f"- {d['demand_id']}, “{esc(d['demand_text'])}”: *{_words(d['label'])}*"
            if d["label"] == "not_addressed":
                lines.append(
                    f"{ask}; no sentence of {r} scores ≥ {T_NONE} (best {d['best_score']:.3f})."
                )
            elif d["label"] == "partially_addressed":
                lines.append(
                    f"{ask}; the best sentence, {d['evidence']}, contains "
                    f"{d['act_coverage']:.0%} of the requested act's terms "
                    f"({esc(d['act_terms'])}): “{esc(sent[d['evidence']])}”"
                )
            else:
                lines.append(
                    f"{ask}; evidence {d['evidence']} of {r}: “{esc(sent[d['evidence']])}”"
                )
    if not lines:
        return (
            "No text in this corpus is answered by a response: nothing is scored for "
            "responsiveness."
        )
    return "\n".join(lines)


def describe_scales(timeline: pl.DataFrame, names: dict[str, str] | None = None) -> str:
    """Which scale each pair's demands are labelled on: responsiveness (the response answers
    the text) or policy overlap (with the response's year when dated).

    Args:
        timeline: :func:`~analysis.measures.demands.demands_timeline`.
        names: text id to prose name (default :func:`analysis.corpus.text_names`).
    """
    names = _names(names)
    scales = []
    for p in timeline.iter_rows(named=True):
        a, r = _name(names, p["advocacy"]), _name(names, p["response"])
        if p["relation"] == ANSWERS:
            scales.append(f"{a}'s demands are on the responsiveness scale ({r} answers it)")
        else:
            year = (p["response_date"] or "")[:4]
            scales.append(
                f"{a}'s demands are on the policy-overlap scale (overlap with the stated "
                f"positions of {r}" + (f", {esc(year)}" if year else "") + ", not responsiveness)"
            )
    return "The automatic label of each demand next to the gold label, where the gold has one. " + (
        capitalise(join_words(scales)) + "." if scales else "No text is paired with a response."
    )


def describe_agreement_remarks(
    agreement: dict, table: pl.DataFrame, names: dict[str, str] | None = None
) -> str:
    """What the responsiveness agreement can and cannot say: the weight of one label when N is
    small, and policy-overlap demands the gold coder sees as partial where the rules see none
    (naming the response of each pair concerned).

    Args:
        agreement: :func:`~analysis.evaluation.demands_gold.responsiveness_agreement` (per scale: n).
        table: :func:`~analysis.evaluation.demands_gold.textstat_responsiveness` (text_id,
            response_id, scale, auto_label, gold_label).
        names: text id to prose name (default :func:`analysis.corpus.text_names`).
    """
    names = _names(names)
    remarks = []
    if "responsiveness" in agreement:
        n = agreement["responsiveness"]["n"]
        remarks.append(
            f"With N this small kappa says little; on the {n} demands scored for "
            f"responsiveness every label counts for 1/{n} ({1 / n:.0%}) of the agreement."
        )
    po = table.filter(
        (pl.col("scale") == "policy_overlap")
        & (pl.col("gold_label") == "partial_overlap")
        & (pl.col("auto_label") == "no_overlap")
    )
    if po.height:
        per_pair = po.group_by("text_id", "response_id", maintain_order=True).len()
        if per_pair.height == 1:
            pairs, who = "", _name(names, per_pair["response_id"][0])
        else:
            pairs = (
                " ("
                + join_words(
                    f"{r['len']} of {_name(names, r['text_id'])}'s with "
                    f"{_name(names, r['response_id'])}"
                    for r in per_pair.iter_rows(named=True)
                )
                + ")"
            )
            who = "the response of each pair"
        remarks.append(
            f"On {po.height} demands compared for policy overlap{pairs} the gold coder marks "
            "*partial overlap* where the automatic label is *no overlap*: the rationales above say "
            f"where {who} states a related principle in other words. Word and concept "
            "overlap does not see paraphrase at the level of principle, so the automatic "
            "policy-overlap label is a floor, not a judgement."
        )
    return " ".join(remarks) or "No agreement remark: no demand has both labels."


def describe_demands_caveats(
    coverage: pl.DataFrame,
    pairs: Sequence[Pair] | None = None,
    n_texts: int | None = None,
    names: dict[str, str] | None = None,
) -> str:
    """The caveats of the demands report as a Markdown section.

    Args:
        coverage: :func:`~analysis.evaluation.demands_gold.gold_coverage` (text_id, gold, covered).
        pairs: default :func:`analysis.corpus.text_pairs`; an overlap pair whose text no
            response answers gets its own caveat.
        n_texts: texts in the corpus (default: :func:`analysis.corpus.text_ids`).
        names: text id to prose name (default :func:`analysis.corpus.text_names`).
    """
    names = _names(names)
    pairs = corpus.text_pairs() if pairs is None else pairs
    n_texts = len(corpus.text_ids()) if n_texts is None else n_texts
    covered = coverage.filter(pl.col("covered") & (pl.col("gold") == "demands"))["text_id"]
    answered = {p.advocacy for p in pairs if p.relation == ANSWERS}
    caveats = [
        f"- {n_texts} text{'s' if n_texts != 1 else ''}: every count here is small, and one changed rule moves precision, "
        "recall and kappa by large steps. Kappa with N this small is fragile (`docs/METHODS.md`); the "
        "confusion tables are the better record.",
        "- The extractor's rules (cue list, splitting, addressee recovery) were written for "
        "English advocacy prose and checked against the gold on "
        + (
            join_words(_name(names, t) for t in covered)
            if len(covered)
            else "no text of this corpus"
        )
        + "; they are documented, not general. The gold coder and the extractor disagree on what "
        "counts as one action, which the codebook leaves to judgement.",
        "- The response functions are one main label per sentence; a sentence that does two "
        "things shows both in the All functions column.",
        "- Alignment is lexical and conceptual overlap, not meaning: it finds sentences that share "
        "a demand's terms and concepts, but it cannot tell agreement from disagreement (a sentence "
        "that names the same place as a demand shares its terms whatever it says about it). "
        "Responsiveness labels from it are a transparent baseline to compare with the gold "
        "coding, not a verdict. The gold coder is an automated coder (a language model given "
        "only the codebook): agreement with it is agreement between the rules and an automated "
        "reading of the same codebook, not validation by people.",
    ]
    for p in pairs:
        if p.relation != ANSWERS and p.advocacy not in answered:
            a = _name(names, p.advocacy)
            caveats.append(
                f"- The comparison of {a} with {_name(names, p.response)} measures "
                f"overlap with stated policy; the corpus holds no reply to {a}."
            )
    return "## Caveats\n\n" + "\n".join(caveats)


def describe_type_counts(
    own: pl.DataFrame,
    gold: pl.DataFrame | None,
    text_ids: Sequence[str],
    names: dict[str, str] | None = None,
) -> str:
    """Per text: how many own demands the extractor finds and the gold coder records, and the
    types on which the two counts differ; a text the gold does not cover says so.

    Args:
        own: the texts' own demands (:func:`~analysis.measures.demands.demands_extract`,
            ``reported`` false).
        gold: the gold demands (``text_id``, ``demand_type``, ``reported``), or None.
        text_ids: the advocacy texts, in display order.
        names: text id to prose name (default :func:`analysis.corpus.text_names`).
    """
    names = _names(names)
    gold_own = None if gold is None else gold.filter(pl.col("reported") == "no")
    lines = []
    for t in text_ids:
        mine = own.filter(pl.col("text_id") == t)
        found = dict(mine.group_by("demand_type").len().rows())
        g = None if gold_own is None else gold_own.filter(pl.col("text_id") == t)
        if g is None or g.is_empty():
            lines.append(
                f"- {capitalise(_name(names, t))}: {mine.height} demands extracted; "
                "the gold does not cover this text."
            )
            continue
        coded = dict(g.group_by("demand_type").len().rows())
        differ = [
            f"{k} ({found.get(k, 0)} extracted, {coded.get(k, 0)} gold)"
            for k in sorted(set(found) | set(coded))
            if found.get(k, 0) != coded.get(k, 0)
        ]
        lines.append(
            f"- {capitalise(_name(names, t))}: {mine.height} demands extracted, {g.height} "
            "in the gold; "
            + (
                "the counts differ on " + join_words(differ)
                if differ
                else "the same count per type"
            )
            + "."
        )
    return (
        "Extracted demand types beside the gold coder's (an automated coder):\n\n"
        + "\n".join(lines)
        if lines
        else "No advocacy text in this corpus."
    )


def _interval(low: float | None, high: float | None) -> str:
    return "n/a" if low is None or high is None else f"{low:.2f}–{high:.2f}"


def describe_precision_recall(pr: pl.DataFrame, names: dict[str, str] | None = None) -> str:
    """Precision and recall of the extractor's own demands per text the gold covers, with
    their 95% Wilson intervals, then all covered texts together.

    Args:
        pr: :func:`~analysis.evaluation.demands_gold.demands_precision_recall`.
        names: text id to prose name (default :func:`analysis.corpus.text_names`).
    """
    names = _names(names)
    lines = []
    for r in pr.filter(~pl.col("reported")).iter_rows(named=True):
        who = (
            "All covered texts" if r["text_id"] == "all" else capitalise(_name(names, r["text_id"]))
        )
        p = "n/a" if r["precision"] is None else f"{r['precision']:.3f}"
        rec = "n/a" if r["recall"] is None else f"{r['recall']:.3f}"
        lines.append(
            f"- {who}: {r['n_found']} extracted, {r['n_gold']} in the gold, {r['tp']} matched; "
            f"precision {p} (95% interval {_interval(r['precision_low'], r['precision_high'])}), "
            f"recall {rec} (95% interval {_interval(r['recall_low'], r['recall_high'])})."
        )
    if not lines:
        return "The gold covers no text: precision and recall are not computed."
    return "Own demands, per text (Wilson intervals):\n\n" + "\n".join(lines)


def describe_responsiveness_chart(
    pairs: Sequence[Pair], names: dict[str, str] | None = None
) -> str:
    """What the responsiveness chart shows: only the pairs in which a response answers its
    text; a declared comparison (policy overlap) is in the appendix, named here.

    Args:
        pairs: :func:`analysis.corpus.text_pairs`.
        names: text id to prose name (default :func:`analysis.corpus.text_names`).
    """
    names = _names(names)
    answered = [p for p in pairs if p.relation == ANSWERS]
    compared = [p for p in pairs if p.relation != ANSWERS]
    out = (
        "The chart shows only the pairs in which a response answers its text ("
        + join_words(f"{_name(names, p.advocacy)} and {_name(names, p.response)}" for p in answered)
        + ")."
        if answered
        else "No response in this corpus answers a text: the responsiveness chart is empty."
    )
    if compared:
        out += (
            " The demands of "
            + join_words(dict.fromkeys(_name(names, p.advocacy) for p in compared))
            + " are compared with a response that does not answer them; that comparison, "
            "policy overlap, has its own chart in the appendix."
        )
    return out
