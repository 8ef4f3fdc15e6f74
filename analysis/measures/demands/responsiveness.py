"""Responsiveness labels per pair, the pairing of every advocacy text, and the pair timeline.

:func:`demands_responsiveness` labels each own demand of a pair's advocacy text from its
alignment with the pair's response text: relation ``response`` (the response answers the text)
gives *addressed / partially_addressed / reframed / not_addressed*; relation ``overlap`` (a
declared comparison, e.g. the text came after the response) gives a *policy overlap* label
instead. A text in no pair gets no label: :func:`demands_pairing` says so.
:func:`demands_timeline` gives each pair's dates (manifest documents and petition records).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import polars as pl

from analysis import corpus, prose, resources, tokens
from analysis.corpus.manifest import Pair
from analysis.io import DiscourseError
from analysis.measures.demands.align import (
    demands_alignment,
    find_demands,
    own_demands,
    pair_list,
    span_terms,
)
from analysis.measures.demands.common import (
    ACT_COVERAGE,
    ANSWERS,
    EVIDENCE_K,
    SCALES,
    T_FULL,
    T_NONE,
    Units,
    content_term,
    fold,
    order_demands,
    units,
)
from analysis.measures.demands.extract import demands_extract


def _as_predicate(u: Units, source_id: str, start: int, end: int, sentence_id: str):
    """(concepts before, concepts after) an 'as a/an' predication in a span, if any."""
    toks = [t for t in u.index.get(sentence_id, []) if t["start"] >= start and t["end"] <= end]
    for i, t in enumerate(toks[:-1]):
        if t["norm"] == "as" and toks[i + 1]["norm"] in {"a", "an"}:
            left = u.span_concepts(source_id, start, t["start"])
            right = u.span_concepts(source_id, t["end"], end)
            right_terms = {content_term(x["norm"]) for x in toks[i + 2 :] if x["kind"] == "word"}
            return left, right | right_terms
    return None


def _reframed(u: Units, demand: dict, sentence: dict) -> bool:
    """Same referent, different category: both say 'X as a Y' about a shared X, with other Ys."""
    d = _as_predicate(u, demand["source_id"], demand["start"], demand["end"], demand["sentence_id"])
    s = _as_predicate(
        u, sentence["source_id"], sentence["start"], sentence["end"], sentence["sentence_id"]
    )
    if d is None or s is None:
        return False
    return bool(d[0] & s[0]) and not (d[1] & s[1])


def act_terms(demand: dict) -> list[str]:
    """The requested act: the action verb and the object's head (up to 'of'/'as'/'to'/','),
    without referent names (places, states, actors: what the act is about, not the act)."""
    stop = resources.stopwords()
    head = []
    for t in tokens.tokenize(demand["object"]):
        n = tokens.normalise(t)
        if n in {"of", "as", "to", ",", ";"}:
            break
        if n.isalpha() and n not in stop and not content_term(n).startswith("§"):
            head.append(content_term(n))  # referent names are the topic, not the act
    return [content_term(fold(demand["action"]))] + head


_SCHEMA = {
    "demand_id": pl.String,
    "text_id": pl.String,
    "response_id": pl.String,
    "relation": pl.String,
    "scale": pl.String,
    "label": pl.String,
    "evidence": pl.String,
    "evidence_score": pl.Float64,
    "best_sentence": pl.String,
    "best_score": pl.Float64,
    "act_terms": pl.String,
    "act_coverage": pl.Float64,
    "demand_text": pl.String,
}


def _label(u, d, b, top, sents, relation, coverage) -> tuple[str, str]:
    """(label, evidence sentence) of one demand in one pair."""
    evidence = b["sentence_id"]
    if SCALES[relation] == "responsiveness":
        if b["score"] < T_NONE:
            return "not_addressed", evidence
        for r in top.iter_rows(named=True):
            if _reframed(u, d, sents[r["sentence_id"]]):
                return "reframed", r["sentence_id"]
        return ("addressed" if coverage >= ACT_COVERAGE else "partially_addressed"), evidence
    if b["score"] >= T_FULL:
        return "overlap", evidence
    return ("partial_overlap" if b["score"] >= T_NONE else "no_overlap"), evidence


def demands_responsiveness(
    found: pl.DataFrame | None = None,
    alignment: pl.DataFrame | None = None,
    sentences: pl.DataFrame | None = None,
    toks: pl.DataFrame | None = None,
    *,
    pairs: Sequence[Pair] | pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Automatic label per own demand and pair, from the alignment (thresholds fixed in advance).

    Relation ``response`` (the response answers the text), on the best evidence sentence:
    ``not_addressed`` if the best score < ``T_NONE``; else ``reframed`` if the demand and one
    of its top ``EVIDENCE_K`` sentences (score >= ``T_NONE``) both predicate a category of a
    shared referent with 'as a …' and the categories share nothing (that sentence becomes the
    evidence); else ``addressed`` if the sentence contains at least ``ACT_COVERAGE`` of the
    requested act's terms (action verb + object head); else ``partially_addressed``.

    Relation ``overlap`` (the response does not answer the text): scale ``policy_overlap``,
    ``overlap`` if the best score >= ``T_FULL``, ``partial_overlap`` if >= ``T_NONE``, else
    ``no_overlap``. This measures overlap with stated policy, not responsiveness.

    Args:
        found: from :func:`demands_extract` (default: extracted from the frames).
        alignment: from :func:`demands_alignment` (default: computed for ``pairs``).
        sentences: sentence frame (default: the corpus's primary texts).
        toks: normalised token frame (default: made from ``sentences``, or the corpus's).
        pairs: the pairs to label (default: :func:`analysis.corpus.text_pairs`).

    Returns:
        One row per own demand and pair: ``demand_id``, ``text_id``, ``response_id``,
        ``relation``, ``scale``, ``label``, ``evidence`` (the sentence the label rests on: the
        best-scoring one, or for *reframed* the top-``EVIDENCE_K`` sentence with the 'as a …'
        predication; empty for not_addressed and no_overlap), ``evidence_score`` (that
        sentence's own score), ``best_sentence`` and ``best_score`` (the top-ranked sentence),
        ``act_terms``, ``act_coverage`` and ``demand_text``. A text in no pair has no rows.
    """
    pairs = pair_list(pairs)
    u = units(sentences, toks)
    found = find_demands(found, sentences, toks, pairs)
    if alignment is None:
        alignment = demands_alignment(found, sentences, toks, pairs=pairs)
    demands = own_demands(found)
    sents = u.rows
    rows = []
    for p in pairs:
        align = alignment.filter(
            (pl.col("response_id") == p.response) & (pl.col("text_id") == p.advocacy)
        )
        best = {r["demand_id"]: r for r in align.filter(pl.col("rank") == 1).iter_rows(named=True)}
        score = {
            (r[0], r[1]): r[2] for r in align.select("demand_id", "sentence_id", "score").rows()
        }
        top = align.filter((pl.col("rank") <= EVIDENCE_K) & (pl.col("score") >= T_NONE))
        for d in demands.filter(pl.col("text_id") == p.advocacy).iter_rows(named=True):
            b = best.get(d["demand_id"])
            if b is None:  # a response text with no sentences: nothing to score against
                continue
            s = sents[b["sentence_id"]]
            act = act_terms(d)
            s_terms = set(span_terms(u, s["source_id"], s["start"], s["end"], [s["sentence_id"]]))
            coverage = sum(t in s_terms for t in act) / len(act)
            mine = top.filter(pl.col("demand_id") == d["demand_id"])
            label, evidence = _label(u, d, b, mine, sents, p.relation, coverage)
            absent = label in ("not_addressed", "no_overlap")
            rows.append(
                {
                    "demand_id": d["demand_id"],
                    "text_id": d["text_id"],
                    "response_id": p.response,
                    "relation": p.relation,
                    "scale": SCALES[p.relation],
                    "label": label,
                    "evidence": "" if absent else evidence,
                    "evidence_score": None if absent else score[(d["demand_id"], evidence)],
                    "best_sentence": b["sentence_id"],
                    "best_score": b["score"],
                    "act_terms": ", ".join(act),
                    "act_coverage": round(coverage, 6),
                    "demand_text": d["demand_text"],
                }
            )
    frame = pl.DataFrame(rows, schema=_SCHEMA)
    r_rank = {r: i for i, r in enumerate(dict.fromkeys(p.response for p in pairs))}
    return (
        frame.with_columns(
            pl.col("response_id").replace_strict(r_rank, return_dtype=pl.Int64).alias("_r")
        )
        .pipe(order_demands, "_r", order=corpus.texts_in(demands, order=()))
        .drop("_r")
    )


def demands_pairing(
    found: pl.DataFrame | None = None,
    *,
    pairs: Sequence[Pair] | pl.DataFrame | None = None,
    text_ids: Sequence[str] | None = None,
    names: dict[str, str] | None = None,
) -> pl.DataFrame:
    """How each advocacy text's demands are measured: against its response, for overlap, or not.

    Args:
        found: from :func:`demands_extract` (default: the corpus's).
        pairs: default :func:`analysis.corpus.text_pairs`.
        text_ids: advocacy texts (default: :func:`analysis.corpus.advocacy_text_ids`).
        names: how prose names each text (default: :func:`analysis.corpus.text_names`).

    Returns:
        One row per advocacy text: ``text_id``, ``n_demands`` (own), ``n_reported``,
        ``answered_by`` (response text of a ``response`` pair, or null), ``compared_with``
        (response texts of ``overlap`` pairs, comma-separated) and ``status``, a sentence.
    """
    pairs = pair_list(pairs)
    found = demands_extract() if found is None else found
    text_ids = corpus.advocacy_text_ids() if text_ids is None else list(text_ids)
    names = corpus.text_names() if names is None else names
    rows = []
    for t in text_ids:
        mine = found.filter(pl.col("text_id") == t)
        n_own = mine.filter(~pl.col("reported")).height
        answered = [p.response for p in pairs if p.advocacy == t and p.relation == ANSWERS]
        overlap = [p.response for p in pairs if p.advocacy == t and p.relation != ANSWERS]
        name = prose.text_name(t, names)
        if answered or overlap:
            parts = [
                f"scored for responsiveness against {prose.text_name(r, names)}" for r in answered
            ]
            parts += [
                f"compared for policy overlap with {prose.text_name(r, names)}" for r in overlap
            ]
            status = f"{n_own} demand(s) of {name}: " + "; ".join(parts) + "."
        else:
            status = (
                f"{n_own} demand(s) of {name}: extracted and typed only; {name} has no response "
                "in the corpus, so its demands are not scored against any response."
            )
        rows.append(
            {
                "text_id": t,
                "n_demands": n_own,
                "n_reported": mine.height - n_own,
                "answered_by": answered[0] if answered else None,
                "compared_with": ", ".join(overlap),
                "status": status,
            }
        )
    return pl.DataFrame(
        rows,
        schema={
            "text_id": pl.String,
            "n_demands": pl.Int64,
            "n_reported": pl.Int64,
            "answered_by": pl.String,
            "compared_with": pl.String,
            "status": pl.String,
        },
    )


def parse_date(value: str | None) -> str | None:
    """An ISO date from '2022-02-16', 'February 16, 2022' or 'February 16, 2022, at 8:56 a.m.'."""
    if not value:
        return None
    head = value.strip()
    for fmt, text in (("%Y-%m-%d", head[:10]), ("%B %d, %Y", ", ".join(head.split(", ")[:2]))):
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def demands_timeline(
    pairs: Sequence[Pair] | pl.DataFrame | None = None,
    *,
    texts: pl.DataFrame | None = None,
    documents: pl.DataFrame | None = None,
    record: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """The dates that fix who could answer whom, one row per pair.

    Args:
        pairs: default :func:`analysis.corpus.text_pairs`.
        texts: ``text_id, doc_id, genre, date`` (default :func:`analysis.corpus.corpus_texts`).
        documents: ``doc_id, source_id`` (default :func:`analysis.corpus.corpus_documents`).
        record: petition records, long (``field, value, source_id``; default
            :func:`analysis.corpus.petition_record`, or none if the page record cannot be
            read); a petition's ``presented_on`` ("Presented to the House of Commons", e.g.
            "February 16, 2022") is read for its source.

    Returns:
        ``advocacy, response, relation, advocacy_date, presented_on, response_date`` (ISO
        dates; null where unknown) and ``response_first`` (whether the response is dated
        before the advocacy text, so it cannot answer it; null if either date is unknown).
    """
    pairs = pair_list(pairs)
    texts = corpus.corpus_texts() if texts is None else texts
    documents = corpus.corpus_documents() if documents is None else documents
    if record is None:
        try:
            record = corpus.petition_record()
        except DiscourseError:  # a page without a complete record: its dates stay unknown
            record = pl.DataFrame(
                schema={"field": pl.String, "value": pl.String, "source_id": pl.String}
            )
    info = {r["text_id"]: r for r in texts.iter_rows(named=True)}
    source = dict(documents.select("doc_id", "source_id").iter_rows())
    presented = {
        r["source_id"]: parse_date(r["value"])
        for r in record.filter(pl.col("field") == "presented_on").iter_rows(named=True)
    }
    rows = []
    for p in pairs:
        a, r = info.get(p.advocacy, {}), info.get(p.response, {})
        a_date, r_date = parse_date(a.get("date")), parse_date(r.get("date"))
        pres = presented.get(source.get(a.get("doc_id"))) if a.get("genre") == "petition" else None
        rows.append(
            {
                "advocacy": p.advocacy,
                "response": p.response,
                "relation": p.relation,
                "advocacy_date": a_date,
                "presented_on": pres,
                "response_date": r_date,
                "response_first": (r_date < a_date) if a_date and r_date else None,
            }
        )
    return pl.DataFrame(
        rows,
        schema={
            "advocacy": pl.String,
            "response": pl.String,
            "relation": pl.String,
            "advocacy_date": pl.String,
            "presented_on": pl.String,
            "response_date": pl.String,
            "response_first": pl.Boolean,
        },
    )
