"""Framing: dictionary coding of sentences and per-text frame profiles, for any set of texts.

Each sentence of the texts compared is coded in three layers (docs/METHODS.md, "Framing"):

- ``frame``: the 14 frame dimensions of the Policy Frames Codebook (Boydstun et al. 2014; Card
  et al. 2015);
- ``entman``: Entman's (1993) four framing functions;
- ``domain``: the ten domain families of docs/METHODS.md (conflict narratives in the South Caucasus,
  e.g. Gamaghelyan & Rumyantsev 2021).

A sentence receives a category when at least one cue of that category
(``data/lexicons/framing-cues.csv``) matches it; the matched cues are kept as evidence. Cues are
matched per category with :func:`analysis.lexicons.match_patterns` (multi-word, ``*``
wildcards, longest match wins within a category), so one word can count for several categories.

Every function takes its input frames (tokens, sentences, matches) as arguments, with the
default corpus as the default, and returns one row per text found in those frames, in the
manifest's display order. Prose helpers name texts by :func:`analysis.corpus.text_names`.

The gold labels, agreement with them and the dictionary's version comparison live in
:mod:`analysis.evaluation.framing_gold`; their names are re-exported here (``framing.gold_load``
and so on) so callers keep one import.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import polars as pl

from analysis import corpus, prose, stats, tokens
from analysis.io import DiscourseError
from analysis.lexicons import lexicon_load, match_patterns
from analysis.measures import keyness

# framing.join_words, text_name and md_name are used by notebooks
from analysis.prose import join_words, md_name, text_name  # noqa: F401

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
#: Domain families (docs/METHODS.md).
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

    Args:
        layer: ``frame``, ``entman`` or ``domain``.
        coding, matches, sentences, toks: the frames to profile (defaults: the corpus in
            force); one profile per text in ``sentences``, in display order.

    Returns:
        text_id, layer, category, label, n_sentences (in the text), sentences_coded,
        share (sentences_coded / n_sentences), ci_low and ci_high (its 95% interval:
        :func:`share_interval`, a bootstrap over the text's sentences), n_cues (cue matches),
        n_word_tokens and rate (cue matches per 1,000 word tokens).

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
    # a sentence counts once per category however many cues it holds, and only if it is one
    # of the sentences profiled
    coded = dict(
        ((t, c), n)
        for t, c, n in coding.filter(pl.col("layer") == layer)
        .join(sentences.select("sentence_id"), on="sentence_id", how="semi")
        .group_by("text_id", "category")
        .agg(pl.col("sentence_id").n_unique())
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
    for text_id in corpus.texts_in(sentences):
        for cat in LAYERS[layer]:
            k = coded.get((text_id, cat), 0)
            m = cues.get((text_id, cat), 0)
            words = n_words.get(text_id, 0)
            low, high = share_interval(k, n_sent[text_id])
            rows.append(
                {
                    "text_id": text_id,
                    "layer": layer,
                    "category": cat,
                    "label": LABELS[cat],
                    "n_sentences": n_sent[text_id],
                    "sentences_coded": k,
                    "share": k / n_sent[text_id],
                    "ci_low": low,
                    "ci_high": high,
                    "n_cues": m,
                    "n_word_tokens": words,
                    "rate": per_thousand(m, words),
                }
            )
    return pl.DataFrame(rows)


@lru_cache(maxsize=4096)
def share_interval(k: int, n: int) -> tuple[float, float]:
    """95% interval of the share of ``k`` coded sentences among ``n``: the percentile
    bootstrap over sentences of :func:`analysis.stats.bootstrap_ci` (fixed seed), on the text's
    0/1 "coded with this category" column.

    The mean of a 0/1 column depends only on how many ones a resample draws, so the column is
    built as ``k`` ones then ``n - k`` zeros: the interval is a function of (k, n) alone (the
    same for the dictionary and the gold coding where their counts agree) and is computed once.
    """
    if n == 0:
        return (float("nan"), float("nan"))
    return stats.bootstrap_ci(np.repeat([1.0, 0.0], [k, n - k]))


def word_token_counts(toks: pl.DataFrame | None = None) -> dict[str, int]:
    """Word tokens per text as ``{text_id: n}``, from :func:`analysis.keyness.word_token_counts`
    (the suite's one denominator for rates; docs/METHODS.md, "Units")."""
    return dict(keyness.word_token_counts(toks).iter_rows())


def per_thousand(count: int, n_word_tokens: int) -> float | None:
    """A count as a rate per 1,000 word tokens (None for a text without word tokens)."""
    return 1000 * count / n_word_tokens if n_word_tokens else None


def number_word(n: int) -> str:
    """``n`` as an English word for one to ten (prose style), else in digits
    (:func:`analysis.prose.number_word`)."""
    return prose.number_word(n, most=10, zero=None)


def _check_layer(layer: str, where: str) -> None:
    if layer not in LAYERS:
        raise DiscourseError(
            f"analysis/measures/framing.py, {where}(): unknown layer {layer!r}; pass one of "
            f"{list(LAYERS)} (framing.LAYERS)."
        )


# --- reading the profiles -------------------------------------------------------------------


def textstat_profile_leaders(profile: pl.DataFrame, n: int = 3) -> pl.DataFrame:
    """The ``n`` categories with the largest share of sentences in each text (ties: codebook
    order), as text_id, rank, category, label, share, sentences_coded, n_sentences (and
    ci_low, ci_high where the profile has them)."""
    layer = profile["layer"][0]
    rank = {c: i for i, c in enumerate(LAYERS[layer])}
    out = (
        profile.with_columns(pl.col("category").replace_strict(rank).alias("_r"))
        .sort("share", "_r", descending=[True, False])
        .group_by("text_id", maintain_order=True)
        .head(n)
        .with_columns(pl.int_range(1, pl.len() + 1).over("text_id").alias("rank"))
        .select(
            "text_id",
            "rank",
            "category",
            "label",
            "share",
            "sentences_coded",
            "n_sentences",
            *[c for c in ("ci_low", "ci_high") if c in profile.columns],
        )
    )
    return corpus.order_by_text(out, "rank")


def describe_leaders(leaders: pl.DataFrame, names: dict[str, str] | None = None) -> str:
    """One attributive clause per text from :func:`textstat_profile_leaders`, e.g. ``in the
    petition, Crime and punishment (7 of 11 sentences, 64% [36%, 91%]), …`` (the share with
    its 95% interval where the leaders carry one); joined by semicolons.

    Args:
        leaders: from :func:`textstat_profile_leaders`; every text in it gets a clause.
        names: text id to prose name (default :func:`analysis.corpus.text_names`).
    """
    parts = []
    for text_id in corpus.texts_in(leaders):
        sub = leaders.filter(pl.col("text_id") == text_id)
        items = [
            f"{r['label']} ({r['sentences_coded']} of {r['n_sentences']} sentences{_share_of(r)})"
            for r in sub.iter_rows(named=True)
        ]
        parts.append(f"in {md_name(text_id, names)}, " + ", ".join(items))
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


def describe_category(
    profile: pl.DataFrame, category: str, names: dict[str, str] | None = None
) -> str:
    """An attributive clause for one category of a profile, every text in it alike: ``the
    petition 5 of 11 sentences (45% [18%, 73%]), the response 0 of 8 (0% [0%, 0%]), …``
    (shares with their 95% intervals where the profile has ``ci_low``/``ci_high``; without
    them ``the petition 5 of 11, the response 0 of 8 sentences``)."""
    sub = profile.filter(pl.col("category") == category)
    if not sub.height:
        raise DiscourseError(
            f"analysis/measures/framing.py, describe_category(): category {category!r} is not in this "
            f"profile; pass one of {profile['category'].unique(maintain_order=True).to_list()}."
        )
    rows = {r["text_id"]: r for r in sub.iter_rows(named=True)}
    if "ci_low" not in sub.columns:
        parts = [
            f"{md_name(t, names)} {rows[t]['sentences_coded']} of {rows[t]['n_sentences']}"
            for t in corpus.texts_in(sub)
        ]
        return ", ".join(parts) + " sentences"
    parts = [
        f"{md_name(t, names)} {rows[t]['sentences_coded']} of {rows[t]['n_sentences']}"
        f"{' sentences' if i == 0 else ''} "
        f"({format_share(rows[t]['share'], rows[t]['ci_low'], rows[t]['ci_high'])})"
        for i, t in enumerate(corpus.texts_in(sub))
    ]
    return ", ".join(parts)


def format_share(share: float, low: float | None, high: float | None) -> str:
    """A share with its 95% interval in percent, e.g. ``45% [18%, 73%]``."""
    if low is None or high is None or np.isnan(low) or np.isnan(high):
        return f"{share:.0%} [n/a]"
    return f"{share:.0%} [{low:.0%}, {high:.0%}]"


def _share_of(row: dict) -> str:
    if row.get("ci_low") is None:
        return ""
    return ", " + format_share(row["share"], row["ci_low"], row["ci_high"])


def describe_word_token_range(
    toks: pl.DataFrame | None = None, names: dict[str, str] | None = None
) -> str:
    """The shortest and longest text in word tokens, e.g. ``from 229 word tokens (the
    response) to 861 (the letter)``; for a single text, ``861 word tokens (the letter)``."""
    n = word_token_counts(toks)
    lo, hi = min(n, key=n.get), max(n, key=n.get)
    if len(n) == 1:
        return f"{n[lo]} word tokens ({md_name(lo, names)})"
    return f"from {n[lo]} word tokens ({md_name(lo, names)}) to {n[hi]} ({md_name(hi, names)})"


# --- re-exported from analysis.evaluation -----------------------------------------------------

#: Names of :mod:`analysis.evaluation.framing_gold`, :mod:`analysis.evaluation.framing_profiles`,
#: :mod:`analysis.evaluation.framing_agreement` and :mod:`analysis.evaluation.framing_versions` that ``framing.<name>`` still reaches. They are looked up on first use: those modules import
#: this one, so importing them here would be a cycle.
GOLD_NAMES: dict[str, str] = {
    **dict.fromkeys(
        (
            "GOLD_HEADER",
            "GOLD_KEY",
            "GOLD_META",
            "GOLD_PATH",
            "UNITS_PATH",
            "covered_units",
            "describe_gold_coverage",
            "gold_header",
            "gold_load",
            "labels_long",
            "textstat_gold_coverage",
            "units_load",
        ),
        "framing_gold",
    ),
    **dict.fromkeys(
        ("describe_gold_gap", "textstat_gold_profile", "textstat_profile_comparison"),
        "framing_profiles",
    ),
    **dict.fromkeys(
        (
            "framing_confusion",
            "framing_disagreements",
            "framing_false_positives",
            "textstat_agreement_by_layer",
            "textstat_agreement_by_text",
            "textstat_category_precision",
            "textstat_framing_agreement",
            "textstat_kappa_intervals",
        ),
        "framing_agreement",
    ),
    **dict.fromkeys(
        (
            "describe_before_after",
            "describe_version_change",
            "framing_cues_v1",
            "textstat_agreement_before_after",
            "textstat_version_change",
        ),
        "framing_versions",
    ),
}


def __getattr__(name: str):
    if name in GOLD_NAMES:
        import importlib

        return getattr(importlib.import_module(f"analysis.evaluation.{GOLD_NAMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(GOLD_NAMES))
