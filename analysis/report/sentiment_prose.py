"""Prose for the sentiment and style report (notebook 04): the texts measured, each text's mean
and shares with their 95% intervals and comparisons of two texts' means, how event labels are
counted, SMOG's reliability and the caveats computed from the texts.

Each function takes the frames of :mod:`analysis.measures.sentiment` and
:mod:`analysis.measures.style` it describes and returns Markdown for ``display(Markdown(...))``,
built alike for every text whatever their number.
"""

from __future__ import annotations

import polars as pl

from analysis import corpus, prose, stats
from analysis.measures.sentiment_intervals import intervals_overlap
from analysis.report.render import escape_markdown as esc

#: Characters stripped from a word's ends before it is looked up in VADER's lexicon.
_EDGE_PUNCTUATION = ".,;:!?\"'()"


def describe_texts_measured(texts: pl.DataFrame | None = None) -> str:
    """The texts every measure is applied to, one bullet each (label, name, genre, speaker,
    date), from :func:`analysis.corpus.corpus_texts`."""
    texts = corpus.corpus_texts() if texts is None else texts
    return (
        f"The corpus in force lists {texts.height} text{'s' if texts.height != 1 else ''}; every "
        "measure below is applied to each of them alike:\n\n"
        + "\n".join(
            f"- **{esc(r['label'])}** ({esc(r['name'])}; {esc(r['genre'])}; "
            f"{esc(r['speaker'])}, {esc(r['date'])})"
            for r in texts.iter_rows(named=True)
        )
    )


def event_label_names(terms: pl.DataFrame | None = None) -> list[str]:
    """Proper names listed in the event-labels lexicon (a label inside one is not counted).

    Args:
        terms: the lexicon's terms (form, category; default
            ``terminology.lexicon_terms("event-labels")``).
    """
    from analysis.measures import terminology

    terms = terminology.lexicon_terms("event-labels") if terms is None else terms
    names = terms.filter(pl.col("category").is_in(list(terminology.NAME_CATEGORIES)))
    return names["form"].to_list()


def describe_label_counting(name_forms: list[str]) -> str:
    """How the Label count, Token count and In name columns of the key-term table are
    counted, with the number of proper names excluded and the first two as examples
    (:func:`event_label_names`)."""
    examples = ", ".join(f'"{f}"' for f in name_forms[:2])
    names = (
        f"({len(name_forms)} name{'s' if len(name_forms) != 1 else ''}, e.g. {examples})"
        if name_forms
        else "(the lexicon lists none)"
    )
    return (
        "How often each text uses these labels. Label count follows the conventions of the "
        "event-labels lexicon of the terminology report, 01 (`data/lexicons/event-labels.csv`), "
        "the same for every text: every form of a label counts (a pattern such as `occup*` also "
        'counts "occupied" and "occupying"), and a label inside a proper name the lexicon lists '
        f"{names} does not. Token count is the bare token VADER sees, and In name how many of "
        "those tokens sit inside such a name."
    )


def describe_smog(
    readability: pl.DataFrame, splits: pl.DataFrame, labels: dict[str, str] | None = None
) -> str:
    """Whether SMOG is reliable for each text (30 sentences or more) and where textstat
    counts sentences differently from the suite.

    Args:
        readability: :func:`analysis.measures.style.textstat_readability` (text_id,
            n_sentences, smog_reliable).
        splits: :func:`analysis.measures.style.textstat_sentence_splits` (sentence_id,
            inner_stops).
        labels: text id to label (default :func:`analysis.corpus.text_labels`).
    """
    labels = corpus.text_labels() if labels is None else labels
    short = readability.filter(~pl.col("smog_reliable"))
    stops = ", ".join(
        sorted({f"'{s}'" for s in splits["inner_stops"].str.split("; ").explode() if s})
    )
    why = (
        (
            f" textstat splits {splits.height} of the suite's sentences "
            f"({', '.join(splits['sentence_id'])})"
            + (f", ending a sentence at {stops}." if stops else ".")
        )
        if splits.height
        else ""
    )
    if short.height:
        one = short.height == 1
        smog = (
            f"{', '.join(esc(labels.get(t, t)) for t in short['text_id'])} "
            f"({', '.join(map(str, short['n_sentences']))} sentences) "
            f"{'is' if one else 'are'} shorter, so {'its' if one else 'their'} SMOG is "
            "indicative only."
        )
    else:
        smog = "every text has at least 30 sentences."
    return f"SMOG was normed on 30-sentence samples (McLaughlin 1969); {smog}{why}"


def first_mixed_sentence(
    scores: pl.DataFrame, lexicon: dict[str, float]
) -> tuple[str, str, str] | None:
    """The first sentence holding words of opposite sign in ``lexicon``: (its first negative
    word, its first positive word, its text id); None if no sentence mixes signs.

    Words are split on white space, lower-cased and stripped of edge punctuation, as a reader
    would look them up in VADER's lexicon.

    Args:
        scores: sentences in order (text_id, text), e.g.
            :func:`analysis.measures.sentiment.textstat_sentiment`.
        lexicon: word -> valence, e.g. :func:`analysis.measures.sentiment.vader_lexicon`.
    """
    for row in scores.iter_rows(named=True):
        words = [w.lower().strip(_EDGE_PUNCTUATION) for w in row["text"].split()]
        neg = next((w for w in words if lexicon.get(w, 0) < 0), None)
        pos = next((w for w in words if lexicon.get(w, 0) > 0), None)
        if neg and pos:
            return neg, pos, row["text_id"]
    return None


def describe_sentiment_caveats(
    summary: pl.DataFrame,
    mixed: tuple[str, str, str] | None,
    names: dict[str, str] | None = None,
) -> str:
    """The caveats computed from the texts, as a Markdown section: how many sentences the texts
    have, and an example of evaluative words of opposite sign in one sentence.

    Args:
        summary: per text ``n_sentences`` (e.g.
            :func:`analysis.measures.sentiment.textstat_sentiment_summary`).
        mixed: from :func:`first_mixed_sentence`.
        names: text id to prose name (default :func:`analysis.corpus.text_names`).
    """
    names = corpus.text_names() if names is None else names
    lo, hi = summary["n_sentences"].min(), summary["n_sentences"].max()
    span = f"{lo} sentences" if lo == hi else f"between {lo} and {hi} sentences"
    have = "text has" if summary.height == 1 else f"{summary.height} texts have"
    example = (
        f' (for example "{esc(mixed[0])}" and "{esc(mixed[1])}" in one sentence of '
        f"{esc(names.get(mixed[2], mixed[2]))})."
        if mixed
        else "."
    )
    lines = [
        f"- **Short texts.** The {have} {span}; shares and means rest on few sentences, one "
        "sentence can move a text's mean visibly, and each compared mean and share carries a "
        "95% interval (bootstrap over the text's sentences) that shows how far. Whether two "
        "texts' intervals overlap is a rough guide, not a significance test.",
        "- **Opposite signs net out.** Formal texts mix evaluative words of opposite sign in one "
        f"sentence, which VADER sums into one score{example}",
    ]
    return "## Caveats\n\n" + "\n".join(lines)


# --- means with intervals ---------------------------------------------------------------------


def _value(row: dict, digits: int) -> str:
    """``0.041 [-0.21, 0.30]``: a mean and its interval, as the tables print them."""
    return f"{row['mean']:.{digits}f} {stats.format_interval(row['ci_low'], row['ci_high'])}"


def describe_mean_comparison(
    means: pl.DataFrame,
    a: str,
    b: str,
    *,
    measure: str = "mean compound",
    key: str = "measure",
    names: dict[str, str] | None = None,
    digits: int = 3,
) -> str:
    """One sentence comparing two texts' means, each with its 95% interval, saying whether the
    two intervals overlap.

    Args:
        means: long form with ``text_id``, ``key``, ``n``, ``mean``, ``ci_low``, ``ci_high``
            (e.g. :func:`analysis.measures.sentiment_intervals.textstat_sentiment_means`).
        a, b: the two text ids; a text missing from ``means`` is said to have no value.
        measure: the value of ``key`` to compare (``mean compound``, ``share negative``, or a
            method of :func:`analysis.measures.sentiment_intervals.textstat_method_means`).
        names: text id to prose name (default :func:`analysis.corpus.text_names`).
    """
    names = corpus.text_names() if names is None else names
    rows = {
        r["text_id"]: r
        for r in means.filter(pl.col(key) == measure).iter_rows(named=True)
        if r["text_id"] in (a, b)
    }
    label = esc(measure)
    missing = [t for t in (a, b) if t not in rows or rows[t]["mean"] is None]
    if missing:
        return (
            f"No {label} to compare for "
            + prose.join_words(prose.md_name(t, names) for t in missing)
            + " (no sentences)."
        )
    ra, rb = rows[a], rows[b]
    overlap = intervals_overlap((ra["ci_low"], ra["ci_high"]), (rb["ci_low"], rb["ci_high"]))
    verdict = "the two intervals overlap" if overlap else "the two intervals do not overlap"
    return (
        f"{label[:1].upper() + label[1:]}: {_value(ra, digits)} for {prose.md_name(a, names)} "
        f"({ra['n']} sentences) and {_value(rb, digits)} for {prose.md_name(b, names)} "
        f"({rb['n']} sentences); {verdict}."
    )


def comparison_pairs(
    means: pl.DataFrame,
    pairs=None,
    *,
    measure: str = "mean compound",
    key: str = "measure",
) -> list[tuple[str, str]]:
    """The pairs of texts whose means the report compares: the corpus's declared and automatic
    pairs (:func:`analysis.corpus.text_pairs`) whose texts are both present, then the texts
    with the lowest and the highest mean, if that pair is not already listed.

    Args:
        means: as for :func:`describe_mean_comparison`.
        pairs: ``(a, b)`` tuples or :class:`analysis.corpus.Pair` objects (default: the corpus
            in force's pairs).
    """
    present = corpus.texts_in(means)
    if pairs is None:
        pairs = [(p.advocacy, p.response) for p in corpus.text_pairs()]
    found = [tuple(p) if isinstance(p, tuple) else (p.advocacy, p.response) for p in pairs]
    found = [(a, b) for a, b in found if a in present and b in present and a != b]
    part = means.filter((pl.col(key) == measure) & pl.col("mean").is_not_null())
    if part.height >= 2:
        ordered = part.sort("mean", maintain_order=True)["text_id"].to_list()
        low, high = ordered[0], ordered[-1]
        if low != high and {low, high} not in [set(p) for p in found]:
            found.append((low, high))
    return found


def describe_sentiment_means(
    means: pl.DataFrame,
    pairs=None,
    *,
    names: dict[str, str] | None = None,
) -> str:
    """Each text's mean VADER compound and share of negative and positive sentences with their
    95% intervals, then a comparison of the means of each pair of :func:`comparison_pairs`,
    then :data:`analysis.stats.INTERVAL_NOTE`.

    Args:
        means: from :func:`analysis.measures.sentiment_intervals.textstat_sentiment_means`.
        pairs: as for :func:`comparison_pairs`.
        names: text id to prose name (default :func:`analysis.corpus.text_names`).
    """
    names = corpus.text_names() if names is None else names
    by = {(r["text_id"], r["measure"]): r for r in means.iter_rows(named=True)}
    lines = []
    for t in corpus.texts_in(means):
        mean = by.get((t, "mean compound"))
        if mean is None or mean["mean"] is None:
            lines.append(f"- {prose.md_name(t, names)}: no sentences.")
            continue
        shares = [
            f"{label} {_value(by[(t, m)], 2)}"
            for m, label in (("share negative", "negative"), ("share positive", "positive"))
            if (t, m) in by
        ]
        name = prose.md_name(t, names)
        lines.append(
            f"- **{name[:1].upper() + name[1:]}** ({mean['n']} sentences): mean compound "
            f"{_value(mean, 3)}; share of sentences " + "; ".join(shares) + "."
        )
    compared = [
        "- " + describe_mean_comparison(means, a, b, names=names)
        for a, b in comparison_pairs(means, pairs)
    ]
    text = "VADER (without extension), per text:\n\n" + "\n".join(lines)
    if compared:
        text += (
            "\n\nCompared (whether two intervals overlap is a rough guide, not a significance "
            "test):\n\n" + "\n".join(compared)
        )
    return text + f"\n\n{stats.INTERVAL_NOTE}."


def describe_sensitivity(sensitivity: pl.DataFrame, labels: dict[str, str] | None = None) -> str:
    """One bullet per text: its mean compound and share of negative sentences with VADER alone
    and with the extended lexicon, each with its 95% interval, the paired change, and how many
    sentence scores and labels move; then :data:`analysis.stats.INTERVAL_NOTE`.

    Args:
        sensitivity: :func:`analysis.measures.sentiment.textstat_sentiment_sensitivity` (with
            its ``*_ci_low`` / ``*_ci_high`` columns).
        labels: text id to display label (default :func:`analysis.corpus.text_labels`).
    """
    labels = corpus.text_labels() if labels is None else labels
    fmt = stats.format_interval
    bullets = [
        f"- **{esc(labels[r['text_id']])}**: mean compound {r['mean_base']:.3f} "
        f"{fmt(r['mean_base_ci_low'], r['mean_base_ci_high'])} → {r['mean_extended']:.3f} "
        f"{fmt(r['mean_extended_ci_low'], r['mean_extended_ci_high'])} (change "
        f"{r['delta_mean']:+.3f} {fmt(r['delta_mean_ci_low'], r['delta_mean_ci_high'], 3)}, "
        f"paired over sentences); negative sentences {r['share_negative_base']:.0%} → "
        f"{r['share_negative_extended']:.0%}; {r['n_sentences_changed']} of "
        f"{r['n_sentences']} sentence scores move, {r['n_labels_changed']} change label."
        for r in sensitivity.iter_rows(named=True)
    ]
    return "\n".join(bullets) + f"\n\n{stats.INTERVAL_NOTE}."
