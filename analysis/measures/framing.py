"""Framing: dictionary coding of sentences, per-text frame profiles, and agreement with hand coding.

Each sentence of the three primary texts is coded in three layers (METHODS.md, "Framing"):

- ``frame``: the 14 frame dimensions of the Policy Frames Codebook (Boydstun et al. 2014; Card
  et al. 2015);
- ``entman``: Entman's (1993) four framing functions;
- ``domain``: the ten domain families of METHODS.md (conflict narratives in the South Caucasus,
  e.g. Gamaghelyan & Rumyantsev 2021).

A sentence receives a category when at least one cue of that category
(``data/lexicons/framing-cues.csv``) matches it; the matched cues are kept as evidence. Cues are
matched per category with :func:`analysis.lexicons.match_patterns` (multi-word, ``*``
wildcards, longest match wins within a category), so one word can count for several categories.

The hand-coded gold labels (``data/annotations/framing-gold.csv``, format in
``framing-codebook.md``) are loaded and validated by :func:`gold_load`; agreement per category
(N, raw agreement, Cohen's kappa, precision, recall) comes from
:func:`analysis.agreement.textstat_agreement`.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from analysis import corpus, paths, tokens
from analysis.evaluation import agreement
from analysis.io import DiscourseError
from analysis.lexicons import lexicon_load, match_patterns, read_commented_csv
from analysis.measures import keyness

#: Frame dimensions, in codebook order (Boydstun et al. 2014).
FRAMES: tuple[str, ...] = (
    "legality",
    "morality",
    "security",
    "crime",
    "political",
    "external",
    "identity",
    "fairness",
    "quality_of_life",
    "health_safety",
    "capacity",
    "economic",
    "public_opinion",
    "policy",
)
#: Entman's (1993) four functions.
ENTMAN: tuple[str, ...] = ("problem", "cause", "moral", "remedy")
#: Domain families (METHODS.md).
DOMAINS: tuple[str, ...] = (
    "victimhood",
    "history",
    "intl_law",
    "sovereignty",
    "humanitarian",
    "security_military",
    "canada",
    "peace",
    "economic_energy",
    "blame",
)
LAYERS: dict[str, tuple[str, ...]] = {"frame": FRAMES, "entman": ENTMAN, "domain": DOMAINS}

#: Display labels for every category, per layer.
LABELS: dict[str, str] = {
    "legality": "Legality",
    "morality": "Morality",
    "security": "Security and defence",
    "crime": "Crime and punishment",
    "political": "Political",
    "external": "External regulation and reputation",
    "identity": "Cultural identity",
    "fairness": "Fairness and equality",
    "quality_of_life": "Quality of life",
    "health_safety": "Health and safety",
    "capacity": "Capacity and resources",
    "economic": "Economic",
    "public_opinion": "Public opinion",
    "policy": "Policy prescription and evaluation",
    "problem": "Problem definition",
    "cause": "Causal attribution",
    "moral": "Moral evaluation",
    "remedy": "Treatment recommendation",
    "victimhood": "Victimhood and commemoration",
    "history": "Historical depth and analogy",
    "intl_law": "International law and institutions",
    "sovereignty": "Sovereignty principles",
    "humanitarian": "Humanitarian conditions",
    "security_military": "Security and military action",
    "canada": "Canada's role, values and diaspora",
    "peace": "Peace, normalisation and dialogue",
    "economic_energy": "Economic and energy interests",
    "blame": "Attribution of blame and agency",
}
LAYER_LABELS: dict[str, str] = {
    "frame": "Frame dimensions",
    "entman": "Entman's functions",
    "domain": "Domain families",
}

#: Column of the gold file holding each layer's codes.
GOLD_COLUMNS: dict[str, str] = {"frame": "frames", "entman": "entman", "domain": "domain"}
GOLD_HEADER: tuple[str, ...] = ("sentence_id", "text_id", "frames", "entman", "domain", "note")
GOLD_META: tuple[str, ...] = ("purpose", "source", "version", "date", "coder")
#: Gold columns that must be non-empty in every row (the code columns may be empty).
GOLD_KEY: tuple[str, ...] = ("sentence_id", "text_id")
GOLD_PATH: Path = paths.ANNOTATIONS / "framing-gold.csv"
UNITS_PATH: Path = paths.ANNOTATIONS / "units-sentences.csv"

_MATCH_COLUMNS = (
    "layer",
    "category",
    "cue",
    "text_id",
    "sentence_id",
    "token_index",
    "start",
    "end",
    "matched",
)


# --- the dictionary ---------------------------------------------------------------------------


def framing_cues(directory: Path | None = None) -> pl.DataFrame:
    """Load and validate ``framing-cues.csv``: layer, category, cue, rationale (and ``line``).

    Raises:
        DiscourseError: naming the file and line of an unknown layer or category, a category
            used in the wrong layer, an empty cell or a duplicate (layer, category, cue).
    """
    lex = lexicon_load(
        "framing-cues",
        required=("layer", "category", "cue", "rationale"),
        key=("layer", "category", "cue"),
        categories={"layer": set(LAYERS), "category": {c for cs in LAYERS.values() for c in cs}},
        directory=directory,
    )
    for layer, category, line in lex.table.select("layer", "category", "line").iter_rows():
        if category not in LAYERS[layer]:
            raise DiscourseError(
                f"{lex.path}, line {line}: category {category!r} does not belong to layer "
                f"{layer!r}; allowed: {list(LAYERS[layer])}."
            )
    return lex.table


def framing_matches(
    toks: pl.DataFrame | None = None, cues: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Every cue occurrence in the tokens, matched separately for each (layer, category).

    Args:
        toks: normalised tokens (default: the primary texts, :func:`tokens.corpus_tokens`).
        cues: the dictionary (default: :func:`framing_cues`).

    Returns:
        One row per match: layer, category, cue, text_id, sentence_id, token_index,
        start/end (offsets into the raw source) and the matched surface text, in text order.
    """
    toks = tokens.corpus_tokens() if toks is None else toks
    cues = framing_cues() if cues is None else cues
    parts = []
    for layer, cats in LAYERS.items():
        for cat in cats:
            sub = cues.filter((pl.col("layer") == layer) & (pl.col("category") == cat))
            if sub.height:
                found = match_patterns(
                    toks, sub.select("layer", "category", "cue"), pattern_column="cue"
                )
                parts.append(found.select(_MATCH_COLUMNS))
    schema = {c: pl.String for c in _MATCH_COLUMNS} | {
        "token_index": pl.Int64,
        "start": pl.Int64,
        "end": pl.Int64,
    }
    frame = pl.concat(parts) if parts else pl.DataFrame(schema=schema)
    return corpus.order_by_text(frame, "token_index", "layer", "category")


def textstat_frame_coding(matches: pl.DataFrame | None = None) -> pl.DataFrame:
    """The dictionary coding: one row per (sentence, layer, category) assigned.

    Returns:
        sentence_id, text_id, layer, category, n_cues (matches in the sentence) and ``evidence``
        (the matched surface forms, in order, joined by `` | ``).
    """
    matches = framing_matches() if matches is None else matches
    out = (
        matches.sort("start")
        .group_by("text_id", "sentence_id", "layer", "category", maintain_order=True)
        .agg(pl.len().alias("n_cues"), pl.col("matched").str.join(" | ").alias("evidence"))
    )
    rank = {c: i for i, c in enumerate(c for cs in LAYERS.values() for c in cs)}
    out = out.with_columns(
        pl.col("category").replace_strict(rank, return_dtype=pl.Int64).alias("_cat")
    )
    return (
        corpus.order_by_text(out, "sentence_id", "_cat")
        .drop("_cat")
        .with_columns(pl.col("n_cues").cast(pl.Int64))
    )


def framing_sentences(
    coding: pl.DataFrame | None = None, sentences: pl.DataFrame | None = None
) -> pl.DataFrame:
    """One row per sentence, in the gold file's shape: frames, entman, domain as ``a;b`` codes.

    Returns:
        sentence_id, text_id, text, frames, entman, domain (codebook order, empty string
        when no category applies) and ``evidence`` (``category: cue | cue`` per category).
    """
    coding = textstat_frame_coding() if coding is None else coding
    sentences = tokens.corpus_sentences() if sentences is None else sentences
    rows = []
    by_sentence: dict[str, list[dict]] = {}
    for row in coding.iter_rows(named=True):
        by_sentence.setdefault(row["sentence_id"], []).append(row)
    for sent in sentences.select("sentence_id", "text_id", "text").iter_rows(named=True):
        coded = by_sentence.get(sent["sentence_id"], [])
        out = dict(sent)
        for layer, cats in LAYERS.items():
            present = {r["category"] for r in coded if r["layer"] == layer}
            out[GOLD_COLUMNS[layer]] = ";".join(c for c in cats if c in present)
        out["evidence"] = "; ".join(f"{r['category']}: {r['evidence']}" for r in coded)
        rows.append(out)
    return pl.DataFrame(
        rows,
        schema={
            c: pl.String
            for c in ("sentence_id", "text_id", "text", "frames", "entman", "domain", "evidence")
        },
    )


def textstat_frame_profile(
    layer: str = "frame",
    *,
    coding: pl.DataFrame | None = None,
    matches: pl.DataFrame | None = None,
    sentences: pl.DataFrame | None = None,
    toks: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Per-text frame profile for one layer: every text × category, zeros included.

    Returns:
        text_id, layer, category, label, n_sentences (in the text), sentences_coded,
        share (sentences_coded / n_sentences), n_cues (cue matches), n_word_tokens and
        rate (cue matches per 1,000 word tokens).

    Raises:
        DiscourseError: for an unknown layer, naming the function and the allowed layers.
    """
    _check_layer(layer, "textstat_frame_profile")
    matches = framing_matches() if matches is None else matches
    coding = textstat_frame_coding(matches) if coding is None else coding
    sentences = tokens.corpus_sentences() if sentences is None else sentences
    toks = tokens.corpus_tokens() if toks is None else toks
    n_sent = dict(sentences.group_by("text_id").agg(pl.len()).iter_rows())
    n_words = word_token_counts(toks)
    coded = dict(
        ((t, c), n)
        for t, c, n in coding.filter(pl.col("layer") == layer)
        .group_by("text_id", "category")
        .agg(pl.len())
        .iter_rows()
    )
    cues = dict(
        ((t, c), n)
        for t, c, n in matches.filter(pl.col("layer") == layer)
        .group_by("text_id", "category")
        .agg(pl.len())
        .iter_rows()
    )
    rows = []
    for text_id in corpus.text_ids():
        for cat in LAYERS[layer]:
            k = coded.get((text_id, cat), 0)
            m = cues.get((text_id, cat), 0)
            rows.append(
                {
                    "text_id": text_id,
                    "layer": layer,
                    "category": cat,
                    "label": LABELS[cat],
                    "n_sentences": n_sent[text_id],
                    "sentences_coded": k,
                    "share": k / n_sent[text_id],
                    "n_cues": m,
                    "n_word_tokens": n_words[text_id],
                    "rate": per_thousand(m, n_words[text_id]),
                }
            )
    return pl.DataFrame(rows)


def word_token_counts(toks: pl.DataFrame | None = None) -> dict[str, int]:
    """Word tokens per text as ``{text_id: n}``, from :func:`analysis.keyness.word_token_counts`
    (the suite's one denominator for rates; METHODS.md, "Units")."""
    return dict(keyness.word_token_counts(toks).iter_rows())


def per_thousand(count: int, n_word_tokens: int) -> float:
    """A count as a rate per 1,000 word tokens."""
    return 1000 * count / n_word_tokens


def _check_layer(layer: str, where: str) -> None:
    if layer not in LAYERS:
        raise DiscourseError(
            f"analysis/framing.py, {where}(): unknown layer {layer!r}; pass one of "
            f"{list(LAYERS)} (framing.LAYERS)."
        )


# --- the gold labels --------------------------------------------------------------------------


def units_load(path: Path | None = None) -> pl.DataFrame:
    """The coding units (``units-sentences.csv``): sentence_id, text_id, segment_id, offsets,
    text."""
    path = UNITS_PATH if path is None else Path(path)
    if not path.is_file():
        raise DiscourseError(f"{path}: coding units not found; restore it from git.")
    return pl.read_csv(path, infer_schema_length=0).with_columns(
        pl.col("start").cast(pl.Int64), pl.col("end").cast(pl.Int64)
    )


def gold_load(path: Path | None = None, *, units: pl.DataFrame | None = None) -> pl.DataFrame:
    """Load and validate the hand-coded gold labels.

    The file opens with ``# purpose/# source/# version/# date/# coder`` lines, then the header
    ``sentence_id,text_id,frames,entman,domain,note`` and one row per coding unit, in the units'
    order; codes are separated by ``;`` and must belong to their layer.

    Args:
        path: the gold file (default ``data/annotations/framing-gold.csv``).
        units: the coding units (default :func:`units_load`).

    Returns:
        sentence_id, text_id, frames, entman, domain, note (codes normalised: stripped, in
        codebook order), ``line`` and ``coder`` (from the header; the other header fields
        come from :func:`gold_header`).

    Raises:
        DiscourseError: naming the file and line of a missing header field, a wrong column
            header, a wrong field count, an unknown, misplaced or duplicate code, an unknown,
            duplicate or out-of-order sentence, a text_id that does not match the unit, or
            missing units.
    """
    path = GOLD_PATH if path is None else Path(path)
    units = units_load() if units is None else units
    if not path.is_file():
        raise DiscourseError(
            f"{path}: gold labels not found; the hand coder writes this file "
            f"(format in data/annotations/framing-codebook.md)."
        )
    table = read_commented_csv(path, required_header=GOLD_META, required_columns=GOLD_KEY)
    if tuple(table.columns) != GOLD_HEADER:
        raise DiscourseError(
            f"{path}, line {_header_line(path)}: header is {table.columns}; expected "
            f"{','.join(GOLD_HEADER)}."
        )
    expected = units.select("sentence_id", "text_id").rows()
    rows = []
    for line, row in table.rows:
        i = len(rows)
        if i >= len(expected):
            raise DiscourseError(
                f"{path}, line {line}: sentence {row['sentence_id']!r} is beyond the "
                f"{len(expected)} coding units; remove it."
            )
        want_id, want_text = expected[i]
        if row["sentence_id"] != want_id:
            seen = [r["sentence_id"] for r in rows]
            why = "duplicate" if row["sentence_id"] in seen else "unexpected or out of order"
            raise DiscourseError(
                f"{path}, line {line}: sentence {row['sentence_id']!r} is {why}; expected "
                f"{want_id!r} (rows follow units-sentences.csv)."
            )
        if row["text_id"] != want_text:
            raise DiscourseError(
                f"{path}, line {line}: text_id {row['text_id']!r} does not match sentence "
                f"{want_id!r} (expected {want_text!r})."
            )
        for layer, column in GOLD_COLUMNS.items():
            row[column] = _parse_codes(path, line, column, row[column], LAYERS[layer])
        rows.append({**row, "line": line})
    if len(rows) < len(expected):
        last = table.rows[-1][0] if table.rows else _header_line(path)
        raise DiscourseError(
            f"{path}, line {last}: {len(rows)} of {len(expected)} units coded; first "
            f"missing: {expected[len(rows)][0]!r}; add a row for every unit in "
            f"units-sentences.csv."
        )
    frame = pl.DataFrame(rows, schema={**{c: pl.String for c in GOLD_HEADER}, "line": pl.Int64})
    return frame.with_columns(pl.lit(table.header.get("coder")).alias("coder"))


def gold_header(path: Path | None = None) -> dict[str, str]:
    """The gold file's comment header (purpose, source, version, date, coder, …)."""
    path = GOLD_PATH if path is None else Path(path)
    return read_commented_csv(path, required_header=GOLD_META, required_columns=GOLD_KEY).header


def _header_line(path: Path) -> int:
    """Line number of the CSV column header (the first line after the ``#`` comments)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next((i for i, ln in enumerate(lines, start=1) if not ln.startswith("#")), len(lines))


def _parse_codes(path: Path, line: int, column: str, cell: str, allowed: tuple[str, ...]) -> str:
    codes = [c.strip() for c in cell.split(";") if c.strip()]
    for code in codes:
        if code not in allowed:
            raise DiscourseError(
                f"{path}, line {line}: unknown code {code!r} in column {column!r}; "
                f"allowed: {list(allowed)}."
            )
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    if dupes:
        raise DiscourseError(f"{path}, line {line}: code(s) {dupes} repeated in column {column!r}.")
    return ";".join(c for c in allowed if c in codes)


def labels_long(wide: pl.DataFrame, layer: str) -> pl.DataFrame:
    """Long form of a gold-shaped frame for one layer: sentence_id, category (null if none)."""
    _check_layer(layer, "labels_long")
    column = GOLD_COLUMNS[layer]
    rows = []
    for sid, cell in wide.select("sentence_id", column).iter_rows():
        codes = [c for c in (cell or "").split(";") if c]
        rows.extend({"sentence_id": sid, "category": c} for c in codes)
        if not codes:
            rows.append({"sentence_id": sid, "category": None})
    return pl.DataFrame(rows, schema={"sentence_id": pl.String, "category": pl.String})


# --- agreement --------------------------------------------------------------------------------


def textstat_framing_agreement(
    gold: pl.DataFrame | None = None, auto: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Agreement of the dictionary coding with the gold labels, per layer and category.

    Args:
        gold: from :func:`gold_load` (default: the committed gold file).
        auto: from :func:`framing_sentences` (default: the dictionary coding of the corpus).

    Returns:
        layer, category, label, n, gold_yes, auto_yes, both_yes, agreement, kappa (Cohen 1960;
        null where undefined), precision and recall of the dictionary against the gold.
    """
    gold = gold_load() if gold is None else gold
    auto = framing_sentences() if auto is None else auto
    _check_same_items(gold, auto)
    parts = []
    for layer, cats in LAYERS.items():
        t = agreement.textstat_agreement(
            labels_long(gold, layer),
            labels_long(auto, layer),
            item="sentence_id",
            category="category",
            categories=cats,
        )
        parts.append(
            t.with_columns(
                pl.lit(layer).alias("layer"),
                pl.col("category").replace_strict(LABELS, return_dtype=pl.String).alias("label"),
            )
        )
    cols = [
        "layer",
        "category",
        "label",
        "n",
        "gold_yes",
        "auto_yes",
        "both_yes",
        "agreement",
        "kappa",
        "precision",
        "recall",
    ]
    return pl.concat(parts).select(cols)


def textstat_agreement_by_layer(table: pl.DataFrame | None = None) -> pl.DataFrame:
    """Summary per layer: categories, mean raw agreement, mean kappa over the categories where
    it is defined (macro average), and how many categories have kappa undefined, < 0.2 and
    >= 0.6."""
    table = textstat_framing_agreement() if table is None else table
    out = table.group_by("layer", maintain_order=True).agg(
        pl.len().alias("n_categories"),
        pl.col("n").first().alias("n_sentences"),
        pl.col("agreement").mean().alias("mean_agreement"),
        pl.col("kappa").mean().alias("mean_kappa"),
        pl.col("kappa").is_null().sum().alias("kappa_undefined"),
        (pl.col("kappa") < 0.2).sum().alias("kappa_below_0_2"),
        (pl.col("kappa") >= 0.6).sum().alias("kappa_0_6_or_more"),
    )
    return out.with_columns(
        pl.col(c).cast(pl.Int64)
        for c in ("n_categories", "kappa_undefined", "kappa_below_0_2", "kappa_0_6_or_more")
    )


def framing_confusion(
    layer: str, category: str, gold: pl.DataFrame | None = None, auto: pl.DataFrame | None = None
) -> pl.DataFrame:
    """The 2×2 confusion table (gold yes/no × dictionary yes/no) for one category.

    Raises:
        DiscourseError: for an unknown layer or a category not in that layer.
    """
    _check_layer(layer, "framing_confusion")
    if category not in LAYERS[layer]:
        raise DiscourseError(
            f"analysis/framing.py, framing_confusion(): unknown {layer} category "
            f"{category!r}; pass one of {list(LAYERS[layer])} (framing.LAYERS[{layer!r}])."
        )
    g, a = _yes_no(layer, category, gold, auto)
    return agreement.confusion_table(g, a, names=("gold", "dictionary"))


def framing_disagreements(
    layer: str, gold: pl.DataFrame | None = None, auto: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Sentences and categories where the dictionary and the gold differ, with the evidence.

    Returns:
        sentence_id, text_id, category, gold (bool), dictionary (bool), evidence (the
        dictionary's cue matches for that sentence).
    """
    _check_layer(layer, "framing_disagreements")
    gold = gold_load() if gold is None else gold
    auto = framing_sentences() if auto is None else auto
    _check_same_items(gold, auto)
    column = GOLD_COLUMNS[layer]
    g = dict(gold.select("sentence_id", column).iter_rows())
    rows = []
    for sid, text_id, cell, evidence in auto.select(
        "sentence_id", "text_id", column, "evidence"
    ).iter_rows():
        gs, as_ = set((g[sid] or "").split(";")), set((cell or "").split(";"))
        for cat in LAYERS[layer]:
            if (cat in gs) != (cat in as_):
                mine = [e for e in (evidence or "").split("; ") if e.startswith(f"{cat}: ")]
                rows.append(
                    {
                        "sentence_id": sid,
                        "text_id": text_id,
                        "category": cat,
                        "gold": cat in gs,
                        "dictionary": cat in as_,
                        "evidence": mine[0].split(": ", 1)[1] if mine else "",
                    }
                )
    return pl.DataFrame(
        rows,
        schema={
            "sentence_id": pl.String,
            "text_id": pl.String,
            "category": pl.String,
            "gold": pl.Boolean,
            "dictionary": pl.Boolean,
            "evidence": pl.String,
        },
    )


def _yes_no(layer, category, gold, auto) -> tuple[list[str], list[str]]:
    gold = gold_load() if gold is None else gold
    auto = framing_sentences() if auto is None else auto
    _check_same_items(gold, auto)
    column = GOLD_COLUMNS[layer]
    g = dict(gold.select("sentence_id", column).iter_rows())
    a = dict(auto.select("sentence_id", column).iter_rows())
    ids = gold["sentence_id"].to_list()

    def yes(cell):
        return "yes" if category in (cell or "").split(";") else "no"

    return [yes(g[i]) for i in ids], [yes(a[i]) for i in ids]


def _check_same_items(gold: pl.DataFrame, auto: pl.DataFrame) -> None:
    g, a = set(gold["sentence_id"]), set(auto["sentence_id"])
    if g != a:
        raise DiscourseError(
            f"gold labels and dictionary coding cover different sentences: only in gold "
            f"{sorted(g - a)[:5]}, only in the coding {sorted(a - g)[:5]}; rebuild "
            f"units-sentences.csv or the gold file."
        )


def textstat_kappa_fragility(
    gold: pl.DataFrame | None = None, auto: pl.DataFrame | None = None
) -> pl.DataFrame:
    """How far one sentence moves each kappa: the range over every single-sentence flip.

    For each category, the dictionary's yes/no for one sentence is flipped, kappa recomputed,
    and the lowest and highest values over all sentences are kept. With N this small, a wide
    range says the kappa rests on a handful of sentences (METHODS.md: kappa is fragile).

    Returns:
        layer, category, kappa, kappa_min and kappa_max (one flip), and ``positives`` (the
        smaller of gold_yes and dictionary_yes).
    """
    gold = gold_load() if gold is None else gold
    auto = framing_sentences() if auto is None else auto
    rows = []
    for layer, cats in LAYERS.items():
        for cat in cats:
            g, a = _yes_no(layer, cat, gold, auto)
            flipped = []
            for i in range(len(a)):
                b = list(a)
                b[i] = "no" if b[i] == "yes" else "yes"
                k = agreement.cohen_kappa(g, b)
                if k is not None:
                    flipped.append(k)
            rows.append(
                {
                    "layer": layer,
                    "category": cat,
                    "label": LABELS[cat],
                    "kappa": agreement.cohen_kappa(g, a),
                    "kappa_min": min(flipped) if flipped else None,
                    "kappa_max": max(flipped) if flipped else None,
                    "positives": min(g.count("yes"), a.count("yes")),
                }
            )
    return pl.DataFrame(
        rows,
        schema_overrides={"kappa": pl.Float64, "kappa_min": pl.Float64, "kappa_max": pl.Float64},
    )


def textstat_profile_leaders(profile: pl.DataFrame, n: int = 3) -> pl.DataFrame:
    """The ``n`` categories with the largest share of sentences in each text (ties: codebook
    order), as text_id, rank, category, label, share, sentences_coded, n_sentences."""
    layer = profile["layer"][0]
    rank = {c: i for i, c in enumerate(LAYERS[layer])}
    out = (
        profile.with_columns(pl.col("category").replace_strict(rank).alias("_r"))
        .sort("share", "_r", descending=[True, False])
        .group_by("text_id", maintain_order=True)
        .head(n)
        .with_columns(pl.int_range(1, pl.len() + 1).over("text_id").alias("rank"))
        .select("text_id", "rank", "category", "label", "share", "sentences_coded", "n_sentences")
    )
    return corpus.order_by_text(out, "rank")


#: How the suite's prose refers to each text (METHODS.md: by its role).
TEXT_ROLES: dict[str, str] = {
    "petition": "the petition",
    "response": "the response",
    "letter": "the letter",
}


def describe_leaders(leaders: pl.DataFrame) -> str:
    """One attributive clause per text from :func:`textstat_profile_leaders`, e.g. ``in the
    petition, Crime and punishment (7 of 11 sentences), …``; joined by semicolons."""
    parts = []
    for text_id in corpus.text_ids():
        sub = leaders.filter(pl.col("text_id") == text_id)
        items = [
            f"{r['label']} ({r['sentences_coded']} of {r['n_sentences']} sentences)"
            for r in sub.iter_rows(named=True)
        ]
        parts.append(f"in {TEXT_ROLES[text_id]}, " + ", ".join(items))
    return "; ".join(parts)


def textstat_cue_summary(cues: pl.DataFrame | None = None) -> pl.DataFrame:
    """The dictionary at a glance: per layer and category, the number of cues, how many are
    multi-word or wildcards, and the first few cues."""
    cues = framing_cues() if cues is None else cues
    rank = {
        (layer, c): i
        for i, (layer, c) in enumerate((layer, c) for layer, cats in LAYERS.items() for c in cats)
    }
    out = cues.group_by("layer", "category", maintain_order=True).agg(
        pl.len().alias("n_cues"),
        pl.col("cue").str.contains(" ").sum().alias("multi_word"),
        pl.col("cue").str.ends_with("*").sum().alias("wildcards"),
        pl.col("cue").head(6).str.join(", ").alias("examples"),
    )
    return (
        out.with_columns(
            pl.struct("layer", "category")
            .map_elements(lambda s: rank[(s["layer"], s["category"])], return_dtype=pl.Int64)
            .alias("_r")
        )
        .sort("_r")
        .drop("_r")
        .with_columns(pl.col("n_cues", "multi_word", "wildcards").cast(pl.Int64))
    )


def textstat_gold_profile(layer: str = "frame", gold: pl.DataFrame | None = None) -> pl.DataFrame:
    """The hand coding's profile for one layer: per text and category, gold_sentences and
    gold_share (of the text's sentences), to set beside the dictionary's profile."""
    _check_layer(layer, "textstat_gold_profile")
    gold = gold_load() if gold is None else gold
    column = GOLD_COLUMNS[layer]
    rows = []
    for text_id in corpus.text_ids():
        cells = gold.filter(pl.col("text_id") == text_id)[column].to_list()
        for cat in LAYERS[layer]:
            k = sum(cat in (c or "").split(";") for c in cells)
            rows.append(
                {
                    "text_id": text_id,
                    "layer": layer,
                    "category": cat,
                    "label": LABELS[cat],
                    "n_sentences": len(cells),
                    "gold_sentences": k,
                    "gold_share": k / len(cells),
                }
            )
    return pl.DataFrame(rows)


def textstat_profile_comparison(layer: str = "frame") -> pl.DataFrame:
    """Dictionary and hand-coded shares side by side, per text and category, with the
    difference (dictionary minus gold)."""
    prof = textstat_frame_profile(layer).select(
        "text_id", "category", "label", "sentences_coded", "share"
    )
    gold = textstat_gold_profile(layer).select(
        "text_id", "category", "gold_sentences", "gold_share"
    )
    out = prof.join(gold, on=["text_id", "category"], how="left", maintain_order="left")
    return out.with_columns((pl.col("share") - pl.col("gold_share")).alias("difference"))


def describe_category(profile: pl.DataFrame, category: str) -> str:
    """An attributive clause for one category of a profile: ``the petition 5 of 11 sentences,
    the response 0 of 8, the letter 12 of 30``."""
    rows = {
        r["text_id"]: r
        for r in profile.filter(pl.col("category") == category).iter_rows(named=True)
    }
    if not rows:
        raise DiscourseError(
            f"analysis/framing.py, describe_category(): category {category!r} is not in this "
            f"profile; pass one of {profile['category'].unique(maintain_order=True).to_list()}."
        )
    parts = [
        f"{TEXT_ROLES[t]} {rows[t]['sentences_coded']} of {rows[t]['n_sentences']}"
        for t in corpus.text_ids()
    ]
    return ", ".join(parts) + " sentences"


def describe_gold_gap(
    comparison: pl.DataFrame, category: str, text_ids: tuple[str, ...] = ("petition", "letter")
) -> str:
    """Dictionary against hand coding for one category in the given texts, from
    :func:`textstat_profile_comparison`, e.g. ``in the petition the dictionary codes 3
    sentences, fewer than the hand coding (7); in the letter …``."""
    rows = {
        r["text_id"]: r
        for r in comparison.filter(pl.col("category") == category).iter_rows(named=True)
    }
    parts = []
    for text_id in text_ids:
        d, g = rows[text_id]["sentences_coded"], rows[text_id]["gold_sentences"]
        how = "fewer than" if d < g else "more than" if d > g else "as many as"
        parts.append(
            f"in {TEXT_ROLES[text_id]} the dictionary codes {d} sentence{'s' if d != 1 else ''}, "
            f"{how} the hand coding ({g})"
        )
    return "; ".join(parts)


def describe_word_token_range(toks: pl.DataFrame | None = None) -> str:
    """The shortest and longest text in word tokens, e.g. ``from 229 word tokens (the
    response) to 861 (the letter)``."""
    n = word_token_counts(toks)
    lo, hi = min(n, key=n.get), max(n, key=n.get)
    return f"from {n[lo]} word tokens ({TEXT_ROLES[lo]}) to {n[hi]} ({TEXT_ROLES[hi]})"


#: Marker at the start of the rationale note of cues added in version 1.1 (the symmetric
#: completion of one-sided actor cues, data/lexicons/README-framing.md).
ADDED_IN_V1_1 = "(v1.1"


def textstat_version_change(
    cues: pl.DataFrame | None = None, gold: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Agreement with the hand coding for dictionary v1.1 and for v1 (v1.1 without the rows
    whose rationale is marked ``(v1.1``), per layer and category.

    Returns:
        layer, category, label, agreement_v1, kappa_v1, agreement, kappa (v1.1) and
        ``changed`` (True where N, gold/dictionary/both counts or kappa differ).
    """
    cues = framing_cues() if cues is None else cues
    gold = gold_load() if gold is None else gold
    v1 = cues.filter(~pl.col("rationale").str.contains(ADDED_IN_V1_1, literal=True))
    keys = ["layer", "category"]
    counts = ["n", "gold_yes", "auto_yes", "both_yes", "agreement", "kappa"]

    def table(c: pl.DataFrame) -> pl.DataFrame:
        coding = textstat_frame_coding(framing_matches(cues=c))
        return textstat_framing_agreement(gold, framing_sentences(coding))

    new, old = table(cues), table(v1).select(*keys, *counts)
    out = new.join(old, on=keys, how="left", suffix="_v1", maintain_order="left")
    changed = pl.any_horizontal(*(pl.col(c).ne_missing(pl.col(f"{c}_v1")) for c in counts))
    return out.select(
        *keys,
        "label",
        "agreement_v1",
        "kappa_v1",
        "agreement",
        "kappa",
        changed.alias("changed"),
    )


def describe_version_change(
    change: pl.DataFrame, cues: pl.DataFrame | None = None, matches: pl.DataFrame | None = None
) -> str:
    """One sentence on what version 1.1 changed: cues added, their matches in the texts, and
    the categories whose agreement figures changed (from :func:`textstat_version_change`)."""
    cues = framing_cues() if cues is None else cues
    matches = framing_matches(cues=cues) if matches is None else matches
    added = cues.filter(pl.col("rationale").str.contains(ADDED_IN_V1_1, literal=True))
    hits = matches.join(added.select("layer", "category", "cue"), on=["layer", "category", "cue"])
    moved = change.filter(pl.col("changed"))
    verdict = (
        f"the agreement figures are the same as for version 1 in all {change.height} categories"
        if moved.height == 0
        else f"the agreement figures changed in {moved.height} of {change.height} categories: "
        + ", ".join(
            f"{r['label']} (kappa {r['kappa_v1']:.2f} to {r['kappa']:.2f})"
            for r in moved.iter_rows(named=True)
        )
    )
    listed = ", ".join(f"{c} ({LABELS[k]})" for c, k in added.select("cue", "category").rows())
    return (
        f"Version 1.1 of the dictionary added {added.height} cues so that every actor cue "
        f"naming one side has its counterpart naming the other: {listed}. They match "
        f"{hits.height} time{'s' if hits.height != 1 else ''} in the three texts, and {verdict}."
    )
