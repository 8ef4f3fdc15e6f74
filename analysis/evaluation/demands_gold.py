"""Gold labels for the demands measures: loading, coverage, and agreement with the rules.

The gold files (``data/annotations/demands-gold.csv``,
``response-functions-gold.csv``, ``responsiveness-gold.csv``; codebook
``data/annotations/demands-codebook.md``) are loaded with validation by :func:`gold_load`.
They cover the texts they were coded for: every comparison runs on what the gold covers, and
:func:`gold_coverage` says which texts and pairs have no gold (nothing fails for them). A
missing gold file is no gold at all, not an error, for the comparisons.

The gold was written by an automated coder (a language model given only the codebook), as
the gold files' headers say: agreement with it is agreement between the rules and an
automated reading of the same codebook, not validation by people.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from analysis import corpus, paths
from analysis.evaluation import agreement
from analysis.io import DiscourseError
from analysis.lexicons import read_commented_csv
from analysis.measures.demands.common import (
    DEMAND_TYPES,
    FUNCTIONS,
    POLICY_OVERLAP,
    RESPONSIVENESS,
    SCALES,
    STRENGTHS,
    demand_key,
    order_demands,
    units,
)
from analysis.measures.demands.extract import demands_extract
from analysis.measures.demands.response import response_functions
from analysis.measures.demands.responsiveness import demands_responsiveness

GOLD_FILES = {
    "demands": (
        "demands-gold.csv",
        (
            "demand_id",
            "text_id",
            "sentence_id",
            "addressee",
            "action",
            "object",
            "demand_type",
            "cue",
            "quote",
            "reported",
            "note",
        ),
    ),
    "response-functions": (
        "response-functions-gold.csv",
        ("sentence_id", "function", "modality", "commitment_strength", "actor", "note"),
    ),
    "responsiveness": (
        "responsiveness-gold.csv",
        ("demand_id", "label", "evidence", "rationale"),
    ),
}
_GOLD_HEADER = ("purpose", "source", "version", "date", "coder")
_OPTIONAL = {"note", "evidence", "object", "addressee", "cue", "modality", "actor"}


def _scale(label: str) -> str:
    return "responsiveness" if label in RESPONSIVENESS else "policy_overlap"


UNITS_FILE = "units-sentences.csv"
#: Why a gold row is not used although the corpus has its ids (coverage ``note``).
DIFFERENT_TEXT = "gold for a different text"


def _unit_texts(directory: Path) -> dict[str, str] | None:
    """The sentence text each gold unit was coded on (``units-sentences.csv`` beside the gold),
    or None where the directory records no units (then ids alone identify a sentence)."""
    path = directory / UNITS_FILE
    if not path.is_file():
        return None
    return dict(pl.read_csv(path, infer_schema_length=0).select("sentence_id", "text").iter_rows())


def _gold_demand_sentences(directory: Path) -> dict[str, str]:
    """Gold demand id -> its sentence id (the responsiveness gold names demands, not sentences)."""
    path = directory / GOLD_FILES["demands"][0]
    if not path.is_file():
        return {}
    table = read_commented_csv(path, required_header=_GOLD_HEADER)
    return {row["demand_id"]: row.get("sentence_id", "") for _, row in table.rows}


def _read_gold(
    name: str, directory: Path | None, sentences: pl.DataFrame | None, strict: bool
) -> tuple[pl.DataFrame, list[dict]]:
    """The validated gold rows that apply to ``sentences``, and the rows left out because the
    corpus sentence with their id is not the sentence the gold coded (gold for a different
    text)."""
    if name not in GOLD_FILES:
        raise DiscourseError(f"unknown gold file {name!r}; known: {sorted(GOLD_FILES)}")
    filename, columns = GOLD_FILES[name]
    folder = Path(directory) if directory else paths.ANNOTATIONS
    path = folder / filename
    if not path.is_file():
        raise DiscourseError(f"{path}: gold file not found; code it from demands-codebook.md.")
    table = read_commented_csv(
        path,
        required_header=_GOLD_HEADER,
        required_columns=tuple(c for c in columns if c not in _OPTIONAL),
    )
    cols = table.columns
    frame = units(sentences).sentences
    sents = {r["sentence_id"]: r["text"] for r in frame.iter_rows(named=True)}
    text_of = dict(frame.select("sentence_id", "text_id").iter_rows())
    texts = set(frame["text_id"].to_list())
    coded = _unit_texts(folder)
    demand_sentence = _gold_demand_sentences(folder) if name == "responsiveness" else {}
    allowed = {
        "demand_type": set(DEMAND_TYPES),
        "reported": {"yes", "no"},
        "function": set(FUNCTIONS),
        "commitment_strength": set(STRENGTHS),
        "label": set(RESPONSIVENESS) | set(POLICY_OVERLAP),
    }
    rows, seen, different = [], {}, []
    for line_no, row in table.rows:
        for c, ok in allowed.items():
            if c in row and row[c] not in ok:
                raise DiscourseError(
                    f"{path}, line {line_no}: unknown {c} {row[c]!r}; allowed {sorted(ok)}."
                )
        sid = row.get("sentence_id")
        text = row.get("text_id") or row[cols[0]].rsplit(":", 1)[0]
        evidence = [e.strip() for e in row.get("evidence", "").split(";") if e.strip()]
        refs = [r for r in (sid, demand_sentence.get(row[cols[0]]), *evidence) if r]
        missing = [r for r in refs if r not in sents]
        if not strict:
            # about a text this corpus does not hold: not used, not counted
            if any(r.rsplit(":", 1)[0] not in texts for r in missing) or (
                text not in texts and name != "response-functions"
            ):
                continue
        if "text_id" in row and row["text_id"] not in texts:
            raise DiscourseError(
                f"{path}, line {line_no}: unknown text_id {row['text_id']!r}; "
                f"texts: {sorted(texts)}."
            )
        if strict and sid is not None and sid not in sents:
            raise DiscourseError(
                f"{path}, line {line_no}: unknown sentence_id {sid!r} (see units-sentences.csv)."
            )
        # the gold applies only where the corpus sentence is the sentence it coded: a sentence of
        # a text the corpus holds that is missing, or has another text, is a different text
        changed = missing + [
            r
            for r in refs
            if r in sents and coded is not None and r in coded and coded[r] != sents[r]
        ]
        if name == "demands" and not changed and row["quote"] not in sents[sid] and not strict:
            changed = [sid]  # no units recorded, but the quote shows another sentence
        if changed and (not strict or len(changed) > len(missing)):
            if strict:
                raise DiscourseError(
                    f"{path}, line {line_no}: sentence {changed[len(missing)]!r} of this corpus "
                    f"is not the sentence the gold coded ({UNITS_FILE}): {DIFFERENT_TEXT}."
                )
            holder = text_of.get(sid) if sid else None
            different.append(
                {"id": row[cols[0]], "text_id": holder or text, "sentence_id": changed[0]}
            )
            continue
        if name == "demands" and row["quote"] not in sents[sid]:
            raise DiscourseError(f"{path}, line {line_no}: quote {row['quote']!r} is not in {sid}.")
        for ev in evidence:
            if ev not in sents:
                raise DiscourseError(f"{path}, line {line_no}: unknown evidence sentence {ev!r}.")
        key = row[cols[0]]
        if key in seen:
            raise DiscourseError(
                f"{path}, line {line_no}: duplicate {cols[0]} {key!r} (first at line {seen[key]})."
            )
        seen[key] = line_no
        row["line"] = line_no
        rows.append(row)
    if not rows and strict:
        raise DiscourseError(f"{path}: no rows.")
    frame = pl.DataFrame(rows, schema={**{c: pl.String for c in cols}, "line": pl.Int64})
    return frame, different


def gold_load(
    name: str,
    *,
    directory: Path | None = None,
    sentences: pl.DataFrame | None = None,
    strict: bool = True,
) -> pl.DataFrame:
    """Load and validate a gold file from ``data/annotations/``.

    A gold row applies only where the corpus sentence with its id is the sentence the gold
    coded: the same text as in ``units-sentences.csv`` beside the gold file (for a
    responsiveness row: the demand's sentence and every evidence sentence). A manifest may reuse
    the gold's text ids for other texts; their sentences then differ and the rows are not used
    (:func:`gold_different_text` lists them).

    Args:
        name: ``"demands"``, ``"response-functions"`` or ``"responsiveness"``.
        directory: another directory (tests use this).
        sentences: the sentences the ids refer to (default: the corpus's primary texts).
        strict: if False, rows about sentences or texts the corpus does not hold, or about
            sentences whose text differs from the coded one, are left out instead of raising
            (the comparisons run on what the gold covers).

    Raises:
        DiscourseError: naming the file and line of a missing header field, missing column,
            wrong number of fields, empty required cell, unknown category or sentence id,
            a sentence whose text is not the coded one, a quote that is not in its sentence,
            or a duplicate id.
    """
    return _read_gold(name, directory, sentences, strict)[0]


def gold_different_text(
    name: str, *, directory: Path | None = None, sentences: pl.DataFrame | None = None
) -> pl.DataFrame:
    """The gold rows left out because the corpus sentence with their id has another text.

    Returns:
        ``id`` (the row's first column: demand id or sentence id), ``text_id`` (the corpus text
        holding that sentence id) and ``sentence_id`` (the first sentence that differs); empty
        if the gold file does not exist.
    """
    schema = {"id": pl.String, "text_id": pl.String, "sentence_id": pl.String}
    folder = Path(directory) if directory else paths.ANNOTATIONS
    if not (folder / GOLD_FILES[name][0]).is_file():
        return pl.DataFrame(schema=schema)
    return pl.DataFrame(_read_gold(name, directory, sentences, False)[1], schema=schema)


def gold_or_none(name: str, sentences: pl.DataFrame | None = None) -> pl.DataFrame | None:
    """The gold rows that apply to the corpus, or None if the file does not exist."""
    filename = GOLD_FILES[name][0]
    if not (paths.ANNOTATIONS / filename).is_file():
        return None
    return gold_load(name, sentences=sentences, strict=False)


def gold_coverage(
    found: pl.DataFrame | None = None,
    functions: pl.DataFrame | None = None,
    pairs: pl.DataFrame | None = None,
    *,
    gold: dict[str, pl.DataFrame | None] | None = None,
    different: dict[str, pl.DataFrame] | None = None,
) -> pl.DataFrame:
    """Which texts and pairs the gold covers, one row per (gold file, text or pair).

    Args:
        found: from :func:`demands_extract` (default: the corpus's).
        functions: from :func:`response_functions` (default: the corpus's).
        pairs: ``advocacy, response, relation`` (default: :func:`analysis.corpus.corpus_pairs`).
        gold: the three gold frames by name (default: loaded; None = no file).
        different: per gold file, :func:`gold_different_text` (default: computed when ``gold``
            is loaded here, else none).

    Returns:
        ``gold`` (file name), ``text_id`` (advocacy or response text), ``response_id`` (for
        responsiveness rows), ``n_items`` (own demands, response sentences, or own demands of the
        pair), ``n_gold`` (gold rows about them), ``covered`` (n_gold > 0), ``n_different``
        (gold rows with this text's ids left out because its sentences are not the ones the
        gold coded) and ``note`` (``"gold for a different text"`` where that leaves the text
        or pair uncovered, ``"no gold"`` where the gold has nothing for it, else null).
    """
    found = demands_extract() if found is None else found
    functions = response_functions() if functions is None else functions
    pairs = corpus.corpus_pairs() if pairs is None else pairs
    if gold is None:
        gold = {name: gold_or_none(name) for name in GOLD_FILES}
        different = {name: gold_different_text(name) for name in GOLD_FILES}
    different = {} if different is None else different
    g_dem, g_fun, g_res = (gold.get(n) for n in GOLD_FILES)

    def n_diff(name: str, text_id: str) -> int:
        d = different.get(name)
        return 0 if d is None else d.filter(pl.col("text_id") == text_id).height

    own = found.filter(~pl.col("reported"))
    rows = []
    for t in corpus.texts_in(found, order=()):
        n_gold = 0 if g_dem is None else g_dem.filter(pl.col("text_id") == t).height
        n = own.filter(pl.col("text_id") == t).height
        rows.append(("demands", t, None, n, n_gold, n_diff("demands", t)))
    for t in corpus.texts_in(functions, order=()):
        sids = functions.filter(pl.col("text_id") == t)["sentence_id"].to_list()
        n_gold = 0 if g_fun is None else g_fun.filter(pl.col("sentence_id").is_in(sids)).height
        rows.append(
            ("response-functions", t, None, len(sids), n_gold, n_diff("response-functions", t))
        )
    for p in pairs.iter_rows(named=True):
        n_gold = 0
        if g_res is not None:
            mine = g_res.filter(pl.col("demand_id").str.starts_with(p["advocacy"] + ":"))
            n_gold = sum(_scale(lab) == SCALES[p["relation"]] for lab in mine["label"])
        n = own.filter(pl.col("text_id") == p["advocacy"]).height
        rows.append(
            (
                "responsiveness",
                p["advocacy"],
                p["response"],
                n,
                n_gold,
                n_diff("responsiveness", p["advocacy"]),
            )
        )
    frame = pl.DataFrame(
        rows,
        schema={
            "gold": pl.String,
            "text_id": pl.String,
            "response_id": pl.String,
            "n_items": pl.Int64,
            "n_gold": pl.Int64,
            "n_different": pl.Int64,
        },
        orient="row",
    )
    return frame.select(
        "gold",
        "text_id",
        "response_id",
        "n_items",
        "n_gold",
        (pl.col("n_gold") > 0).alias("covered"),
        "n_different",
        pl.when(pl.col("n_gold") > 0)
        .then(None)
        .when(pl.col("n_different") > 0)
        .then(pl.lit(DIFFERENT_TEXT))
        .otherwise(pl.lit("no gold"))
        .alias("note"),
    )


def gold_spans(gold: pl.DataFrame, sentences: pl.DataFrame | None = None) -> pl.DataFrame:
    """Gold demands with the quote's character span (``start``/``end``) in the raw source.

    The offset is found with Python's ``str.find`` on the sentence text, so it counts characters
    (polars' ``str.find`` counts bytes, which shifts spans after a curly apostrophe or dash).
    """
    sents = units(sentences).rows
    starts, sources = [], []
    for r in gold.iter_rows(named=True):
        s = sents[r["sentence_id"]]
        starts.append(s["start"] + s["text"].find(r["quote"]))
        sources.append(s["source_id"])
    return gold.with_columns(
        pl.Series("source_id", sources, dtype=pl.String),
        pl.Series("start", starts, dtype=pl.Int64),
    ).with_columns((pl.col("start") + pl.col("quote").str.len_chars()).alias("end"))


def demands_matching(
    gold: pl.DataFrame | None = None,
    found: pl.DataFrame | None = None,
    sentences: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Pair gold demands with extracted ones.

    Match rule (*choice*): a gold demand and an extracted demand
    match when they are in the same sentence, have the same ``reported`` status, and the gold
    quote's character span overlaps the extracted action's span; pairs are made one-to-one,
    largest overlap first. Returns one row per gold or extracted demand with ``gold_id`` and/or
    ``found_id`` (null where unmatched) and ``overlap`` in characters.
    """
    gold = gold if gold is not None else gold_or_none("demands")
    found = found if found is not None else demands_extract()
    schema = {"gold_id": pl.String, "found_id": pl.String, "overlap": pl.Int64}
    if gold is None:
        return pl.DataFrame({"found_id": found["demand_id"]}).select(
            pl.lit(None, pl.String).alias("gold_id"),
            "found_id",
            pl.lit(0, pl.Int64).alias("overlap"),
        )
    gold = gold_spans(gold, sentences)
    cands = []
    for g in gold.iter_rows(named=True):
        for f in found.iter_rows(named=True):
            if f["sentence_id"] != g["sentence_id"] or f["reported"] != (g["reported"] == "yes"):
                continue
            ov = min(g["end"], f["end"]) - max(g["start"], f["start"])
            if ov > 0:
                cands.append((ov, g["demand_id"], f["demand_id"]))
    pairs, used_g, used_f = [], set(), set()
    order = list(dict.fromkeys([*gold["text_id"].to_list(), *found["text_id"].to_list()]))
    cands.sort(key=lambda c: (-c[0], demand_key(c[1], order), demand_key(c[2], order)))
    for ov, gid, fid in cands:
        if gid not in used_g and fid not in used_f:
            pairs.append({"gold_id": gid, "found_id": fid, "overlap": ov})
            used_g.add(gid)
            used_f.add(fid)
    for gid in gold["demand_id"].to_list():
        if gid not in used_g:
            pairs.append({"gold_id": gid, "found_id": None, "overlap": 0})
    for fid in found["demand_id"].to_list():
        if fid not in used_f:
            pairs.append({"gold_id": None, "found_id": fid, "overlap": 0})
    return pl.DataFrame(pairs, schema=schema)


def demands_precision_recall(
    gold: pl.DataFrame | None = None,
    found: pl.DataFrame | None = None,
    sentences: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Precision, recall and F1 of the extractor per text and reported status, and overall.

    Only the texts the gold covers are measured (``all`` = those texts together); a text
    without gold is listed by :func:`gold_coverage`, not counted as false positives.
    """
    gold = gold if gold is not None else gold_or_none("demands")
    found = found if found is not None else demands_extract()
    schema = {
        "text_id": pl.String,
        "reported": pl.Boolean,
        "n_gold": pl.Int64,
        "n_found": pl.Int64,
    }
    if gold is None or gold.is_empty():
        return pl.DataFrame(schema=schema)
    # the texts the gold covers, in the extractor's text order
    in_gold = corpus.texts_in(gold, order=())
    covered = [t for t in corpus.texts_in(found, order=()) if t in in_gold]
    covered += [t for t in in_gold if t not in covered]
    found = found.filter(pl.col("text_id").is_in(covered))
    pairs = demands_matching(gold, found, sentences)
    matched = {
        (r["gold_id"], r["found_id"])
        for r in pairs.iter_rows(named=True)
        if r["gold_id"] and r["found_id"]
    }
    rows = []
    for text_id in (*covered, "all"):
        for reported in (False, True):
            g = gold.filter(pl.col("reported") == ("yes" if reported else "no"))
            f = found.filter(pl.col("reported") == reported)
            if text_id != "all":
                g, f = (
                    g.filter(pl.col("text_id") == text_id),
                    f.filter(pl.col("text_id") == text_id),
                )
            gset = set(g["demand_id"].to_list())
            fset = set(f["demand_id"].to_list())
            # express matches in gold ids, so the shared agreement.precision_recall applies
            fmapped = {gid for gid, fid in matched if fid in fset and gid in gset}
            fmapped |= {f"unmatched:{fid}" for fid in fset if fid not in {m[1] for m in matched}}
            fmapped |= {f"other:{fid}" for gid, fid in matched if fid in fset and gid not in gset}
            pr = agreement.precision_recall(gset, fmapped)
            rows.append(
                {
                    "text_id": text_id,
                    "reported": reported,
                    "n_gold": len(gset),
                    "n_found": len(fset),
                    **pr,
                }
            )
    return pl.DataFrame(rows)


def functions_agreement(
    gold: pl.DataFrame | None = None, functions: pl.DataFrame | None = None
) -> dict:
    """Agreement of the rule-based response functions and strengths with the gold coding.

    Runs on the sentences the gold covers; ``n`` says how many. With no gold: ``{"n": 0}``.
    """
    gold = gold if gold is not None else gold_or_none("response-functions")
    functions = response_functions() if functions is None else functions
    if gold is None:
        return {"n": 0}
    auto = functions.join(gold, on="sentence_id", suffix="_gold", maintain_order="left").sort(
        "sentence_id"  # zero-padded ids: string order is text order
    )
    out: dict = {"n": auto.height}
    if not auto.height:
        return out
    for col in ("function", "commitment_strength"):
        a, g = auto[col].to_list(), auto[f"{col}_gold"].to_list()
        out[col] = {
            **agreement.agreement_summary(g, a),
            "confusion": agreement.confusion_table(g, a),
        }
    return out


def _gold_table(gold, auto, matching) -> pl.DataFrame:
    """Gold labels with the extractor's demand id and the automatic label of the same scale."""
    to_found = {
        r["gold_id"]: r["found_id"]
        for r in matching.iter_rows(named=True)
        if r["gold_id"] and r["found_id"]
    }
    labels: dict[tuple[str, str], str] = {}
    for r in auto.iter_rows(named=True):  # the first pair of the scale, if several
        labels.setdefault((r["demand_id"], r["scale"]), r["label"])
    table = gold.with_columns(
        pl.col("demand_id")
        .replace_strict(to_found, default=None, return_dtype=pl.String)
        .alias("found_id"),
        pl.col("label").map_elements(_scale, return_dtype=pl.String).alias("scale"),
    )
    auto_label = [
        labels.get((f, s)) if f else None
        for f, s in zip(table["found_id"], table["scale"], strict=True)
    ]
    return table.with_columns(pl.Series("auto_label", auto_label, dtype=pl.String))


def responsiveness_agreement(
    gold: pl.DataFrame | None = None,
    auto: pl.DataFrame | None = None,
    matching: pl.DataFrame | None = None,
) -> dict:
    """Agreement of the automatic labels with the gold, per scale (responsiveness, policy overlap).

    Gold demands are paired with extracted ones through :func:`demands_matching` (gold ids
    differ from the extractor's); only gold demands with an automatic label of the same scale
    are compared.
    """
    gold = gold if gold is not None else gold_or_none("responsiveness")
    auto = demands_responsiveness() if auto is None else auto
    if gold is None or gold.is_empty():
        return {"table": pl.DataFrame()}
    matching = demands_matching() if matching is None else matching
    table = _gold_table(gold, auto, matching)
    out: dict = {
        "table": table.select("demand_id", "found_id", "scale", "label", "auto_label", "evidence")
    }
    for scale in ("responsiveness", "policy_overlap"):
        t = table.filter((pl.col("scale") == scale) & pl.col("auto_label").is_not_null())
        if t.height:
            g, a = t["label"].to_list(), t["auto_label"].to_list()
            out[scale] = {
                **agreement.agreement_summary(g, a),
                "confusion": agreement.confusion_table(g, a),
            }
    return out


def textstat_responsiveness(
    auto: pl.DataFrame | None = None,
    gold: pl.DataFrame | None = None,
    matching: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Automatic and gold labels side by side, one row per own demand and pair.

    Columns: ``demand_id`` (the extractor's), ``gold_id``, ``text_id``, ``response_id``,
    ``scale`` (responsiveness for a response pair, policy_overlap for an overlap pair),
    ``auto_label``, ``gold_label`` (null where the demand has no gold counterpart),
    ``evidence``, ``gold_evidence``, ``evidence_score`` (the alignment score of the evidence
    sentence itself), ``best_sentence`` / ``best_score`` (the top-ranked sentence and its score;
    a *reframed* demand's evidence can be a lower-ranked sentence) and ``demand_text``.
    """
    auto = demands_responsiveness() if auto is None else auto
    gold = gold if gold is not None else gold_or_none("responsiveness")
    g = pl.DataFrame(
        schema={
            "demand_id": pl.String,
            "scale": pl.String,
            "gold_id": pl.String,
            "gold_label": pl.String,
            "gold_evidence": pl.String,
        }
    )
    if gold is not None and not gold.is_empty():
        matching = demands_matching() if matching is None else matching
        g = (
            _gold_table(gold, auto, matching)
            .filter(pl.col("found_id").is_not_null())
            .select(
                pl.col("found_id").alias("demand_id"),
                "scale",
                pl.col("demand_id").alias("gold_id"),
                pl.col("label").alias("gold_label"),
                pl.col("evidence").alias("gold_evidence"),
            )
        )
    table = auto.join(g, on=["demand_id", "scale"], how="left", maintain_order="left").select(
        "demand_id",
        "gold_id",
        "text_id",
        "response_id",
        "scale",
        pl.col("label").alias("auto_label"),
        "gold_label",
        "evidence",
        "gold_evidence",
        "evidence_score",
        "best_sentence",
        "best_score",
        "demand_text",
    )
    return order_demands(table, order=corpus.texts_in(auto, order=()))
