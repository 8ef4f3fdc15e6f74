"""Alignment of demands with response sentences: TF-IDF cosine and concept Jaccard, per pair.

For every pair (:func:`analysis.corpus.text_pairs`) each own demand of the advocacy text is
scored against every sentence of the pair's response text. The TF-IDF collection of a response
text is its sentences plus the own demands of every advocacy text paired with it, so a response
text and the texts compared with it are weighted together and other responses do not interfere.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import polars as pl

from analysis import corpus, resources
from analysis.corpus.manifest import Pair
from analysis.measures import keyness
from analysis.measures.demands.common import Units, content_term, order_demands, units
from analysis.measures.demands.extract import demands_extract


def span_terms(
    u: Units, source_id: str, start: int, end: int, sentence_ids: list[str]
) -> list[str]:
    """Alignment terms of the content words wholly inside a span of the given sentences."""
    stop = resources.stopwords()
    out = []
    for sid in sentence_ids:
        for t in u.index.get(sid, []):
            if t["source_id"] == source_id and t["start"] >= start and t["end"] <= end:
                if t["kind"] == "word" and t["norm"] not in stop and len(t["norm"]) > 1:
                    out.append(content_term(t["norm"]))
    return out


def tfidf_vectors(docs: dict[str, list[str]]) -> dict[str, dict[str, float]]:
    """TF-IDF vectors, L2-normalised.

    Weighting (*choice*, stated in notebook 03): tf = raw count of the term in the document;
    idf = ln((1 + N) / (1 + df)) + 1, the smoothed form (N documents, df documents containing
    the term); weight = tf * idf; each vector divided by its Euclidean norm.
    """
    n = len(docs)
    df = Counter(term for terms in docs.values() for term in set(terms))
    out = {}
    for key, terms in docs.items():
        tf = Counter(terms)
        vec = {t: c * (math.log((1 + n) / (1 + df[t])) + 1) for t, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        out[key] = {t: v / norm for t, v in vec.items()} if norm else {}
    return out


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two sparse vectors (:func:`analysis.measures.keyness.cosine`); 0 if either is empty.

    A demand or response sentence with no content term (all stop words) has an empty vector;
    it shares nothing with any other unit, so its alignment cosine is 0 (*choice*).
    """
    if not a or not b:
        return 0.0
    return keyness.cosine(a, b)


def own_demands(found: pl.DataFrame) -> pl.DataFrame:
    """The texts' own demands (reported directives of third parties left out)."""
    return found.filter(~pl.col("reported"))


def pair_list(pairs: Sequence[Pair] | pl.DataFrame | None) -> list[Pair]:
    """Pairs as a list: the corpus's by default; a frame from ``corpus_pairs`` is accepted."""
    if pairs is None:
        return list(corpus.text_pairs())
    if isinstance(pairs, pl.DataFrame):
        return [Pair(**r) for r in pairs.iter_rows(named=True)]
    return list(pairs)


def find_demands(
    found: pl.DataFrame | None,
    sentences: pl.DataFrame | None,
    toks: pl.DataFrame | None,
    pairs: Sequence[Pair],
) -> pl.DataFrame:
    """``found`` if given; else the corpus's demands, or those of the pairs' advocacy texts."""
    if found is not None:
        return found
    if sentences is None and toks is None:
        return demands_extract()
    advocacy = list(dict.fromkeys(p.advocacy for p in pairs))
    return demands_extract(sentences, toks, text_ids=advocacy)


_ALIGN_SCHEMA = {
    "demand_id": pl.String,
    "text_id": pl.String,
    "response_id": pl.String,
    "relation": pl.String,
    "sentence_id": pl.String,
    "cosine": pl.Float64,
    "concept_jaccard": pl.Float64,
    "score": pl.Float64,
    "shared_terms": pl.String,
    "shared_concepts": pl.String,
}


def demands_alignment(
    found: pl.DataFrame | None = None,
    sentences: pl.DataFrame | None = None,
    toks: pl.DataFrame | None = None,
    *,
    pairs: Sequence[Pair] | pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Every own demand of each pair's advocacy text against every sentence of its response.

    Args:
        found: from :func:`demands_extract` (default: extracted from the frames).
        sentences: sentence frame (default: the corpus's primary texts).
        toks: normalised token frame (default: made from ``sentences``, or the corpus's).
        pairs: the pairs to score (default: :func:`analysis.corpus.text_pairs`).

    Returns:
        ``demand_id``, ``text_id``, ``response_id``, ``relation``, ``sentence_id`` (of the
        response), ``cosine`` (TF-IDF over content terms, collection = the response text's
        sentences plus the own demands of every text paired with it), ``concept_jaccard``
        (Jaccard overlap of the lexicon concepts in the demand span and the sentence),
        ``score`` = (cosine + concept_jaccard) / 2, ``shared_terms``, ``shared_concepts`` and
        ``rank`` (1 = best evidence sentence for the demand in that response). Texts in no pair
        get no rows.
    """
    pairs = pair_list(pairs)
    u = units(sentences, toks)
    demands = own_demands(find_demands(found, sentences, toks, pairs))
    responses = list(dict.fromkeys(p.response for p in pairs))
    rows = []
    for r_id in responses:
        mine = [p for p in pairs if p.response == r_id]
        advocacy = list(dict.fromkeys(p.advocacy for p in mine))
        d_rows = list(demands.filter(pl.col("text_id").is_in(advocacy)).iter_rows(named=True))
        s_rows = list(u.text_sentences([r_id]).iter_rows(named=True))
        docs: dict[str, list[str]] = {}
        concepts: dict[str, set[str]] = {}
        for d in d_rows:
            docs[d["demand_id"]] = span_terms(
                u, d["source_id"], d["start"], d["end"], [d["sentence_id"]]
            )
            concepts[d["demand_id"]] = u.span_concepts(d["source_id"], d["start"], d["end"])
        for s in s_rows:
            docs[s["sentence_id"]] = span_terms(
                u, s["source_id"], s["start"], s["end"], [s["sentence_id"]]
            )
            concepts[s["sentence_id"]] = u.span_concepts(s["source_id"], s["start"], s["end"])
        vecs = tfidf_vectors(docs)
        for p in mine:
            for d in (x for x in d_rows if x["text_id"] == p.advocacy):
                for s in s_rows:
                    a, b = d["demand_id"], s["sentence_id"]
                    ca, cb = concepts[a], concepts[b]
                    jac = len(ca & cb) / len(ca | cb) if ca | cb else 0.0
                    cos = cosine(vecs[a], vecs[b])
                    rows.append(
                        {
                            "demand_id": a,
                            "text_id": d["text_id"],
                            "response_id": r_id,
                            "relation": p.relation,
                            "sentence_id": b,
                            "cosine": round(cos, 6),
                            "concept_jaccard": round(jac, 6),
                            "score": round((cos + jac) / 2, 6),
                            "shared_terms": ", ".join(sorted(set(docs[a]) & set(docs[b]))),
                            "shared_concepts": ", ".join(sorted(ca & cb)),
                        }
                    )
    frame = pl.DataFrame(rows, schema=_ALIGN_SCHEMA)
    r_rank = {r: i for i, r in enumerate(responses)}
    return (
        frame.with_columns(
            pl.col("score")
            .rank("ordinal", descending=True)
            .over("demand_id", "response_id")
            .cast(pl.Int64)
            .alias("rank"),
            pl.col("response_id").replace_strict(r_rank, return_dtype=pl.Int64).alias("_r"),
        )
        .pipe(order_demands, "_r", "rank", order=corpus.texts_in(demands, order=()))
        .drop("_r")
    )


def demands_evidence(
    k: int = 3,
    alignment: pl.DataFrame | None = None,
    found: pl.DataFrame | None = None,
    sentences: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """The top ``k`` response sentences per demand and response (score > 0), with their text.

    Args:
        k: sentences per demand and response text.
        alignment: from :func:`demands_alignment` (default: the corpus's).
        found: from :func:`demands_extract` (default: the corpus's).
        sentences: sentence frame holding the response sentences (default: the corpus's).
    """
    u = units(sentences)
    alignment = demands_alignment() if alignment is None else alignment
    found = demands_extract() if found is None else found
    text = u.sentences.select("sentence_id", "text")
    return (
        alignment.filter((pl.col("rank") <= k) & (pl.col("score") > 0))
        .join(found.select("demand_id", "demand_text"), on="demand_id", maintain_order="left")
        .join(text, on="sentence_id", maintain_order="left")
    )
