"""Dispersion statistics: how evenly a term is spread over the parts of a text.

For one term and one text divided into n parts (sentences or segments), with ``v_i`` the
term's count in part i, ``f = Σ v_i`` and ``s_i`` the part's size in word tokens:

- **range**: the number of parts that contain the term (``range_rel``: that share of n).
- **DP**, *deviation of proportions* (Gries 2008): with ``w_i = s_i / Σ s`` the expected and
  ``t_i = v_i / f`` the observed share of part i, DP = ½·Σ|t_i − w_i|. 0: the term is spread
  as the parts' sizes predict; values near 1: concentrated in few parts. Gries's direction
  (higher = less even), as in his R functions.
- **DPnorm** (Lijffijt & Gries 2012): DP / (1 − min w_i), so a term in the smallest part
  only reaches 1. Undefined for one part.
- **Juilland's D** (Juilland et al. 1970): with ``p_i = v_i / s_i`` the relative frequency
  in part i, V = SD(p) / mean(p) and D = 1 − V / √(n − 1). SD is the *population* standard
  deviation (divisor n), the convention of Juilland and of Gries (2008); see
  :data:`SD_CONVENTION`. 1: perfectly even; 0: all in one part (equal parts). Undefined for
  one part.

A term a text never uses has range 0 and no DP or D (null). The core is
:func:`dispersion_stats`; :func:`textstat_dispersion_measures` applies it to every term and
text of a token frame. It is not :func:`analysis.measures.concordance.textstat_dispersion`,
which returns token *positions* for the lexical dispersion ("x-ray") plot.

Terms are the keyness terms (normalised word tokens outside listed names, stop words
optionally removed: :func:`analysis.measures.keyness.tokens_terms`), so the suite's one rule
for names holds here too. Part sizes count every word token of the part (stop words and
names included), as keyness rates do.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import polars as pl

from analysis import corpus, resources, tokens
from analysis.io import DiscourseError
from analysis.measures import names

#: The standard-deviation convention of Juilland's D, stated with every result.
SD_CONVENTION = "population SD (divisor n), as Juilland et al. (1970) and Gries (2008) use"

#: The part column of the token frame for each ``parts`` choice.
PART_COLUMNS = {"sentence": "sentence_id", "segment": "segment_id"}

#: Columns :func:`keyness_dispersion` adds to a keyness frame.
KEYNESS_DISPERSION_COLUMNS = ("n_parts", "one_part", "dp")

REFERENCES = (
    "Gries, S. Th. (2008). Dispersions and adjusted frequencies in corpora. International "
    "Journal of Corpus Linguistics 13(4): 403–437. · Lijffijt, J. & Gries, S. Th. (2012). "
    "Correction to Stefan Th. Gries' 'Dispersions and adjusted frequencies in corpora'. "
    "International Journal of Corpus Linguistics 17(1): 147–149. · Juilland, A., Brodin, D. & "
    "Davidovitch, C. (1970). Frequency Dictionary of French Words. The Hague: Mouton."
)


def _dispersion_arrays(counts: np.ndarray, sizes: np.ndarray) -> dict[str, np.ndarray]:
    """The statistics for each row of ``counts`` (terms × parts) over parts of ``sizes``.

    Rows with f = 0 get NaN for DP, DPnorm and D; so do DPnorm and D with one part.
    """
    n = sizes.shape[0]
    f = counts.sum(axis=1)
    w = sizes / sizes.sum()
    with np.errstate(invalid="ignore", divide="ignore"):
        t = counts / f[:, None]
        dp = 0.5 * np.abs(t - w[None, :]).sum(axis=1)
        dp_norm = dp / (1.0 - w.min()) if n > 1 else np.full(f.shape, np.nan)
        rel = counts / sizes[None, :]
        mean = rel.mean(axis=1)
        sd = np.sqrt(((rel - mean[:, None]) ** 2).mean(axis=1))  # population SD (ddof=0)
        d = 1.0 - (sd / mean) / np.sqrt(n - 1) if n > 1 else np.full(f.shape, np.nan)
    absent = f == 0
    for arr in (dp, dp_norm, d):
        arr[absent] = np.nan
    # rounding noise must not push an even spread past the bounds
    dp, dp_norm, d = (np.clip(a, 0.0, 1.0) for a in (dp, dp_norm, d))
    n_parts = (counts > 0).sum(axis=1)
    return {
        "f": f,
        "range": n_parts,
        "range_rel": n_parts / n,
        "dp": dp,
        "dp_norm": dp_norm,
        "juilland_d": d,
    }


def _check(counts: np.ndarray, sizes: np.ndarray) -> None:
    if sizes.ndim != 1 or sizes.size == 0:
        raise DiscourseError("dispersion needs at least one part size; pass part_sizes.")
    if counts.shape[-1] != sizes.size:
        raise DiscourseError(
            f"dispersion: {counts.shape[-1]} counts for {sizes.size} parts; give one per part."
        )
    if (sizes <= 0).any():
        raise DiscourseError("dispersion: every part size must be positive; drop empty parts.")
    if (counts < 0).any() or (counts > sizes).any():
        raise DiscourseError("dispersion: counts must lie between 0 and the part's size.")


def dispersion_stats(counts: Sequence[float], part_sizes: Sequence[float]) -> dict:
    """Range, DP, DPnorm and Juilland's D of one term over the parts of one text.

    Args:
        counts: the term's count in each part (0 where absent).
        part_sizes: each part's size in tokens (positive), in the same order.

    Returns:
        ``{"f", "parts", "range", "range_rel", "dp", "dp_norm", "juilland_d"}``: ``f`` the
        term's total, ``parts`` the number of parts, ``range`` the parts that contain it,
        ``range_rel`` = range / n_parts. ``dp``, ``dp_norm`` and ``juilland_d`` are None where
        undefined (the term is absent; ``dp_norm`` and ``juilland_d`` with one part).
        Juilland's D uses the population SD (:data:`SD_CONVENTION`).
    """
    v = np.asarray(counts, dtype=float).reshape(1, -1)
    s = np.asarray(part_sizes, dtype=float)
    _check(v, s)
    out = _dispersion_arrays(v, s)

    def value(key: str):
        x = float(out[key][0])
        return None if np.isnan(x) else x

    return {
        "f": float(out["f"][0]),
        "parts": int(s.size),
        "range": int(out["range"][0]),
        "range_rel": float(out["range_rel"][0]),
        "dp": value("dp"),
        "dp_norm": value("dp_norm"),
        "juilland_d": value("juilland_d"),
    }


def dispersion_table(
    matches: pl.DataFrame, sizes: pl.DataFrame, *, by: str, part: str, term: str = "term"
) -> pl.DataFrame:
    """Dispersion of every term in every group from occurrence rows and part sizes.

    Args:
        matches: one row per occurrence, with columns ``by``, ``part`` and ``term``.
        sizes: ``by, part, n_words``: every part of every group (parts a term misses count).
        by: the group column (``"text_id"``, ``"unit"``); part: the part column.

    Returns:
        ``<by>, <term>, f, parts, range, range_rel, dp, dp_norm, juilland_d``, groups in
        the order of ``sizes``, terms sorted; a group with no match has no rows.
    """
    frames = []
    for (group,), parts in sizes.group_by(by, maintain_order=True):
        order = parts[part].to_list()
        found = matches.filter(pl.col(by) == group)
        if not found.height:
            continue
        counts = (
            found.group_by(term, part)
            .len()
            .pivot(on=part, index=term, values="len", sort_columns=False)
        )
        counts = counts.sort(term)
        missing = [p for p in counts.columns[1:] if p not in set(order)]
        if missing:
            raise DiscourseError(
                f"dispersion: part {missing[0]!r} of {group!r} has matches but no size; "
                "pass the sizes of every part."
            )
        matrix = np.column_stack(
            [
                counts[p].fill_null(0).to_numpy().astype(float)
                if p in counts.columns
                else np.zeros(counts.height)
                for p in order
            ]
        )
        sizes_arr = parts["n_words"].to_numpy().astype(float)
        _check(matrix, sizes_arr)
        stats = _dispersion_arrays(matrix, sizes_arr)
        frames.append(
            pl.DataFrame(
                {
                    by: [group] * counts.height,
                    term: counts[term],
                    "f": stats["f"].astype(np.int64),
                    "parts": np.full(counts.height, len(order), dtype=np.int64),
                    "range": stats["range"].astype(np.int64),
                    "range_rel": stats["range_rel"],
                    "dp": stats["dp"],
                    "dp_norm": stats["dp_norm"],
                    "juilland_d": stats["juilland_d"],
                },
                nan_to_null=True,
            )
        )
    schema = {
        by: matches.schema.get(by, pl.String),
        term: pl.String,
        "f": pl.Int64,
        "parts": pl.Int64,
        "range": pl.Int64,
        "range_rel": pl.Float64,
        "dp": pl.Float64,
        "dp_norm": pl.Float64,
        "juilland_d": pl.Float64,
    }
    return pl.concat(frames) if frames else pl.DataFrame(schema=schema)


def part_sizes(toks: pl.DataFrame, *, parts: str = "sentence", by: str = "text_id") -> pl.DataFrame:
    """Word tokens per part: ``<by>, <part column>, n_words``, in text order."""
    part = _part_column(parts)
    return (
        toks.filter(pl.col("is_word"))
        .group_by(by, part, maintain_order=True)
        .agg(pl.len().cast(pl.Int64).alias("n_words"))
    )


def _part_column(parts: str) -> str:
    if parts not in PART_COLUMNS:
        raise DiscourseError(f"parts must be one of {sorted(PART_COLUMNS)}, not {parts!r}.")
    return PART_COLUMNS[parts]


def _terms_in_parts(toks: pl.DataFrame, part: str, by: str, drop_stopwords: bool) -> pl.DataFrame:
    # the keyness terms (keyness.tokens_terms), keeping the part column
    toks = names.tokens_outside_names(toks)
    toks = toks.select(by, part, "norm", "is_word").filter(pl.col("is_word"))
    if drop_stopwords:
        toks = toks.filter(~pl.col("norm").is_in(sorted(resources.stopwords())))
    return toks.select(by, part, pl.col("norm").alias("term"))


def textstat_dispersion_measures(
    toks: pl.DataFrame | None = None,
    terms: list[str] | None = None,
    *,
    parts: str = "sentence",
    by: str = "text_id",
    drop_stopwords: bool = True,
) -> pl.DataFrame:
    """Range, DP, DPnorm and Juilland's D of terms in each text, over its sentences or segments.

    Not :func:`analysis.measures.concordance.textstat_dispersion` (token positions for the
    x-ray plot): this one returns the dispersion statistics of :func:`dispersion_stats`.

    Args:
        toks: the token frame (default: the primary texts of the corpus in force).
        terms: normalised terms to report (default: every term each text uses). A listed term
            a text never uses gets a row with range 0 and null statistics.
        parts: ``"sentence"`` or ``"segment"`` (the manifest's segments, e.g. paragraphs).
        by: the group column (default ``"text_id"``).
        drop_stopwords: leave stop words out of the terms (part sizes keep every word).

    Returns:
        ``<by>, term, f, parts, range, range_rel, dp, dp_norm, juilland_d, part_kind``; texts
        in display order, then terms sorted.
    """
    toks = tokens.corpus_tokens(words_only=True) if toks is None else toks
    part = _part_column(parts)
    sizes = part_sizes(toks, parts=parts, by=by)
    found = _terms_in_parts(toks, part, by, drop_stopwords)
    if terms is not None:
        found = found.filter(pl.col("term").is_in(list(terms)))
    out = dispersion_table(found, sizes, by=by, part=part)
    if terms is not None:  # every listed term in every text, absent ones with range 0
        groups = sizes.select(by).unique(maintain_order=True)
        grid = groups.join(pl.DataFrame({"term": list(dict.fromkeys(terms))}), how="cross")
        n = sizes.group_by(by, maintain_order=True).agg(pl.len().cast(pl.Int64).alias("_n"))
        out = (
            grid.join(out, on=[by, "term"], how="left", maintain_order="left")
            .join(n, on=by, how="left", maintain_order="left")
            .with_columns(
                pl.col("f").fill_null(0),
                pl.col("parts").fill_null(pl.col("_n")),
                pl.col("range").fill_null(0),
                pl.col("range_rel").fill_null(0.0),
            )
            .drop("_n")
        )
    out = out.with_columns(pl.lit(parts).alias("part_kind"))
    if by == "text_id":
        out = corpus.order_by_text(out, "term")
    return out


# --- keyness ----------------------------------------------------------------------------------


def keyness_dispersion(
    keyness: pl.DataFrame,
    *,
    toks: pl.DataFrame | None = None,
    parts: str = "sentence",
) -> pl.DataFrame:
    """A keyness frame with the term's dispersion in the target text joined on.

    Adds ``n_parts`` (the target's parts that contain the term: its range), ``one_part``
    (True when that is a single part: a key term that occurs in one sentence only) and ``dp``
    (DP in the target; null where the target never uses the term).

    Args:
        keyness: from :func:`analysis.measures.keyness.textstat_keyness` (``target, term``).
        toks: the token frame the keyness was computed on (default: the corpus in force).
        parts: ``"sentence"`` (default) or ``"segment"``.
    """
    disp = textstat_dispersion_measures(toks, parts=parts, drop_stopwords=False).select(
        pl.col("text_id").alias("target"),
        "term",
        pl.col("range").alias("n_parts"),
        "dp",
    )
    out = keyness.drop([c for c in KEYNESS_DISPERSION_COLUMNS if c in keyness.columns])
    return out.join(disp, on=["target", "term"], how="left", maintain_order="left").with_columns(
        pl.col("n_parts").fill_null(0),
        (pl.col("n_parts").fill_null(0) == 1).alias("one_part"),
    )


def keyness_min_range(keyness: pl.DataFrame, min_range: int) -> pl.DataFrame:
    """The rows of a keyness frame whose term occurs in at least ``min_range`` parts.

    Needs the ``n_parts`` column of :func:`keyness_dispersion`.
    """
    if "n_parts" not in keyness.columns:
        raise DiscourseError(
            "keyness_min_range needs an n_parts column; pass the frame through "
            "dispersion.keyness_dispersion first."
        )
    return keyness.filter(pl.col("n_parts") >= min_range)
