"""Notebook 01's sentences about dispersion and keyness, generated from the tables.

Every text gets the same sentence, built from its own rows: how its terms spread over its
sentences (:func:`describe_spread`), its strongest key term and how many terms reach
significance (:func:`describe_keyness`), and how the suite's weighted log-odds rank its terms
beside tidylo's variant (:func:`describe_tidylo`). Texts are named with
:func:`analysis.measures.naming.prose_name` (Markdown-quoted manifest names) and terms are
quoted with :func:`analysis.prose.escape_markdown`, so they show as written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import polars as pl

from analysis import corpus
from analysis.measures import dispersion, keyness
from analysis.measures.naming import prose_name
from analysis.prose import escape_markdown, join_words


def describe_spread(
    spread: pl.DataFrame | None = None,
    texts: Sequence[str] | None = None,
    names: Mapping[str, str] | None = None,
) -> str:
    """One bullet per text: its sentences, its most even and most concentrated term.

    For each text: how many sentences it has, how many of its terms occur in one sentence
    only, and, among the terms used at least twice, the one with the lowest DP (most evenly
    spread) and the one with the highest DP (most concentrated); ties go to the more frequent
    term, then the first term alphabetically. A text with fewer than two sentences, or no term
    used twice, says so.

    Args:
        spread: :func:`analysis.measures.dispersion.textstat_dispersion_measures` over
            sentences (``text_id, term, f, parts, range, dp``); default: the corpus in force.
        texts: the texts, in display order (default: ``corpus.text_ids()``).
        names: text id to prose name (default: ``corpus.text_names()``).

    Returns:
        Markdown bullets, one line per text.
    """
    spread = dispersion.textstat_dispersion_measures(parts="sentence") if spread is None else spread
    texts = corpus.text_ids() if texts is None else texts
    return "\n".join(_spread_line(spread, t, names) for t in texts)


def _spread_line(spread: pl.DataFrame, text_id: str, names: Mapping[str, str] | None) -> str:
    rows = spread.filter(pl.col("text_id") == text_id)
    n_parts = rows["parts"].max() if rows.height else 0
    n_one = rows.filter(pl.col("range") == 1).height
    head = (
        f"- **{prose_name(text_id, True, names)}** ({n_parts} sentence"
        f"{'s' if n_parts != 1 else ''}): {n_one} of its {rows.height} terms occur in one "
        "sentence only"
    )
    twice = rows.filter(pl.col("f") >= 2)
    if not twice.height or n_parts < 2:
        return head + "; no term is used twice over two or more sentences."
    order = ["dp", "f", "term"]
    even = twice.sort(order, descending=[False, True, False]).row(0, named=True)
    lumpy = twice.sort(order, descending=[True, True, False]).row(0, named=True)
    return (
        head + f"; of the {twice.height} terms used at least twice, the most evenly spread is "
        f"{_spread_term(even)} and the most concentrated {_spread_term(lumpy)}."
    )


def _spread_term(row: dict) -> str:
    return (
        f"“{escape_markdown(row['term'])}” ({row['f']} times in {row['range']} of "
        f"{row['parts']} sentences, DP = {row['dp']:.2f})"
    )


def keyness_by_text(
    texts: Sequence[str] | None = None, toks: pl.DataFrame | None = None
) -> dict[str, pl.DataFrame]:
    """Each text's keyness against the others pooled, with its sentence dispersion joined on.

    Args:
        texts: the texts, in display order (default: ``corpus.text_ids()``).
        toks: the token frame (default: the corpus in force).

    Returns:
        text id to :func:`analysis.measures.dispersion.keyness_dispersion` of
        :func:`analysis.measures.keyness.textstat_keyness`; empty with fewer than two texts.
    """
    texts = corpus.text_ids() if texts is None else texts
    if len(texts) < 2:
        return {}
    return {
        t: dispersion.keyness_dispersion(
            keyness.textstat_keyness(t, toks=toks), toks=toks, parts="sentence"
        )
        for t in texts
    }


def _p_is(label: str, p: float | None) -> str:
    shown = keyness.format_p(p)
    return f"{label} {shown}" if shown.startswith("<") else f"{label} = {shown}"


def describe_keyness(
    key: Mapping[str, pl.DataFrame] | None = None,
    names: Mapping[str, str] | None = None,
    *,
    alpha: float = keyness.ALPHA,
) -> str:
    """One bullet per text: its strongest positive key term and the counts that reach q < alpha.

    For each text: the first row of its keyness frame (the strongest positive term) with its
    counts, G2, p, Fisher's p, q, Log Ratio with interval and z; how many terms reach
    q < ``alpha`` in each direction, how many reach uncorrected p < ``alpha`` for G2 in the
    positive direction, how many have an expected count below 5, and how many of its ten
    strongest positive terms occur in one sentence only.

    Args:
        key: text id to keyness frame with dispersion (:func:`keyness_by_text`, its default).
        names: text id to prose name (default: ``corpus.text_names()``).
        alpha: the significance level (default :data:`analysis.measures.keyness.ALPHA`).

    Returns:
        Markdown bullets, one line per text in ``key``'s order.
    """
    key = keyness_by_text() if key is None else key
    return "\n".join(_keyness_line(t, kk, names, alpha) for t, kk in key.items())


def _keyness_line(
    text_id: str, kk: pl.DataFrame, names: Mapping[str, str] | None, alpha: float
) -> str:
    top = kk.row(0, named=True)
    n_q = keyness.keyness_significant(kk, by="q", alpha=alpha)
    n_q_other = keyness.keyness_significant(kk, by="q", alpha=alpha, direction="reference")
    n_p = keyness.keyness_significant(kk, by="p", alpha=alpha)
    n_low = int(kk["low_expected"].sum())
    interval = keyness.format_log2_interval(top["log_ratio_low"], top["log_ratio_high"])
    strongest = keyness.keyness_top(kk, 10).filter(pl.col("g2") > 0)
    n_one = int(strongest["one_part"].sum())
    return (
        f"- **{prose_name(text_id, True, names)}**: strongest positive term "
        f"“{escape_markdown(top['term'])}” (a = {top['a']}, b = {top['b']}, "
        f"G2 = {top['g2']:.2f}, {_p_is('p', top['p'])}, "
        f"{_p_is('Fisher’s p', top['p_fisher'])}, {_p_is('q', top['q'])}, "
        f"Log Ratio = {top['log_ratio']:.2f} {interval}, z = {top['z']:.2f}). "
        f"With the Benjamini–Hochberg correction over its {kk.height} terms, {n_q} "
        f"term{' reaches' if n_q == 1 else 's reach'} q < {alpha:g} in the positive direction "
        f"and {n_q_other} in the negative (without correction, {n_p} reach p < {alpha:g} for "
        f"G2 in the positive direction); {n_low} of the {kk.height} terms have an expected "
        f"count below 5. Of its {strongest.height} strongest positive terms, {n_one} "
        f"occur{'s' if n_one == 1 else ''} in one sentence only."
    )


def tidylo_correlation(
    key: Mapping[str, pl.DataFrame], counts: pl.DataFrame | None = None
) -> dict[str, float | None]:
    """Spearman correlation of the suite's z with tidylo's weighted log-odds, per text.

    Args:
        key: text id to keyness frame (``term, z``), e.g. :func:`keyness_by_text`.
        counts: ``text_id, term, n`` for every text (default:
            :func:`analysis.measures.keyness.textstat_term_vectors` of the corpus in force).

    Returns:
        text id to the rank correlation over the terms the text uses (None or NaN where it is
        undefined), in ``key``'s order.
    """
    if counts is None:
        counts = keyness.textstat_term_vectors()
    counts = counts.select("text_id", "term", "n")
    tidy = keyness.textstat_log_odds_tidylo(counts, set="text_id", feature="term", n="n")
    return {
        t: kk.select("term", "z")
        .join(tidy.filter(pl.col("text_id") == t).select("term", "log_odds_weighted"), on="term")
        .select(pl.corr("z", "log_odds_weighted", method="spearman"))
        .item()
        for t, kk in key.items()
    }


def describe_tidylo(
    key: Mapping[str, pl.DataFrame] | None = None,
    counts: pl.DataFrame | None = None,
    names: Mapping[str, str] | None = None,
) -> str:
    """The sentence setting tidylo's ``bind_log_odds`` beside the suite's z, text by text.

    Args:
        key: text id to keyness frame (default: :func:`keyness_by_text`).
        counts: ``text_id, term, n`` (see :func:`tidylo_correlation`).
        names: text id to prose name (default: ``corpus.text_names()``).

    Returns:
        One sentence naming each text with its Spearman correlation ("undefined (too few
        terms)" where there is none); an empty string when ``key`` is empty (one text).
    """
    key = keyness_by_text() if key is None else key
    if not key:
        return ""
    rho = tidylo_correlation(key, counts)
    return (
        "tidylo's `bind_log_odds` variant (each text against all texts pooled, itself included; "
        "prior: each term's unscaled count over all texts) "
        "against the suite's z, Spearman rank correlation over the terms each text uses: "
        + join_words(
            f"{prose_name(t, names=names)} "
            + ("undefined (too few terms)" if r is None or r != r else f"{r:.2f}")
            for t, r in rho.items()
        )
        + "."
    )
