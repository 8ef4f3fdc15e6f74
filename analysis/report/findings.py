"""Key findings for the index page: a few sentences per report, generated from the measures.

Each ``*_findings`` function takes the table a measure computes and returns plain sentences
(the index page escapes them), every one attributed to the text it describes ("the letter
uses ...") and describing language only. :func:`key_findings` computes the tables on the corpus
in force and returns the findings per report number ("00", "01", ...); a report whose measure
has nothing to say gets a sentence saying so, never a guess.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import polars as pl

from analysis.prose import count_words, join_words, text_name
from analysis.report.findings_words import collocation_findings, referent_findings

#: The false-discovery level a keyness term must reach to be reported.
Q_LEVEL = 0.05
#: How many key terms are named per text.
N_TERMS = 3


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _n(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _q(q: float) -> str:
    return "q < 0.001" if q < 0.001 else f"q = {q:.3f}"


def _order(frame: pl.DataFrame, order: Sequence[str] | None) -> list[str]:
    seen = list(dict.fromkeys(frame["text_id"].to_list())) if "text_id" in frame.columns else []
    if order is None:
        return seen
    return [t for t in order if t in seen] + [t for t in seen if t not in order]


def size_findings(
    summary: pl.DataFrame,
    names: Mapping[str, str] | None = None,
    order: Sequence[str] | None = None,
) -> list[str]:
    """The longest and shortest text in word tokens (:func:`analysis.tokens.textstat_summary`)."""
    if summary.is_empty():
        return ["No text has tokens yet, so nothing is measured."]
    ids = _order(summary, order)
    size = dict(summary.select("text_id", "n_word_tokens").iter_rows())
    sentences = dict(summary.select("text_id", "n_sentences").iter_rows())
    longest = max(ids, key=lambda t: (size[t], -ids.index(t)))
    shortest = min(ids, key=lambda t: (size[t], ids.index(t)))
    out = [
        f"{_cap(text_name(longest, names))} is the longest text ({size[longest]:,} word tokens "
        f"in {_n(sentences[longest], 'sentence')})."
    ]
    if shortest != longest:
        out.append(
            f"{_cap(text_name(shortest, names))} is the shortest ({size[shortest]:,} word "
            f"tokens in {_n(sentences[shortest], 'sentence')})."
        )
    return out


def keyness_findings(
    keyness: pl.DataFrame,
    names: Mapping[str, str] | None = None,
    order: Sequence[str] | None = None,
    *,
    level: float = Q_LEVEL,
    n: int = N_TERMS,
) -> list[str]:
    """Per text, the terms it over-uses against all the others at q < ``level``, or none.

    Args:
        keyness: :func:`analysis.measures.keyness.textstat_keyness_all` (columns ``target,
            term, a, g2, q``).
        names: display names per text id (default: the manifest's).
        order: the texts in display order (default: as they appear in ``keyness``).
        level: the Benjamini-Hochberg q a term must fall below.
        n: how many terms are named per text (the strongest by G2).
    """
    if keyness.is_empty():
        return ["Keyness needs at least two texts with tokens; none is compared."]
    frame = keyness.rename({"target": "text_id"})
    out, without = [], []
    for t in _order(frame, order):
        key = frame.filter(
            (pl.col("text_id") == t) & (pl.col("g2") > 0) & (pl.col("q") < level)
        ).sort(["g2", "term"], descending=[True, False])
        if key.is_empty():
            without.append(text_name(t, names))
            continue
        shown = join_words(
            f"\u201c{r['term']}\u201d ({r['a']}\u00d7, {_q(r['q'])})"
            for r in key.head(n).iter_rows(named=True)
        )
        more = f", among {count_words(key.height, 'key term')}" if key.height > n else ""
        out.append(
            f"{_cap(text_name(t, names))} uses {shown} more than the other texts do{more} "
            f"(q < {level:g})."
        )
    if without:
        which = join_words(without)
        verb = "has" if len(without) == 1 else "have"
        out.append(f"{_cap(which)} {verb} no term reaching q < {level:g} against the others.")
    return out


def sentiment_findings(
    means: pl.DataFrame,
    names: Mapping[str, str] | None = None,
    order: Sequence[str] | None = None,
    coverage: pl.DataFrame | None = None,
) -> list[str]:
    """Each text's mean VADER compound with its 95% interval; texts are ranked only where the
    intervals do not overlap, and a short note says how much of each text VADER scores.

    Args:
        means: :func:`analysis.measures.sentiment_intervals.textstat_sentiment_means`.
        names: display names per text id (default: the manifest's).
        order: the texts in display order (default: as they appear in ``means``).
        coverage: :func:`analysis.measures.sentiment.textstat_lexicon_coverage` (``text_id,
            share_scored``); without it no coverage note is given.
    """
    from analysis.measures.sentiment_intervals import intervals_overlap

    rows = {
        r["text_id"]: r
        for r in means.filter(
            (pl.col("measure") == "mean compound") & pl.col("mean").is_not_null()
        ).iter_rows(named=True)
    }
    if not rows:
        return ["No text has scored sentences, so no sentiment is reported."]
    ids = [t for t in _order(means, order) if t in rows]

    def bounds(t: str) -> tuple[float, float] | None:
        low, high = rows[t]["ci_low"], rows[t]["ci_high"]
        return None if low is None or high is None else (low, high)

    def score(t: str) -> str:
        b = bounds(t)
        interval = f" (95% interval {b[0]:+.3f} to {b[1]:+.3f})" if b else ""
        return f"{rows[t]['mean']:+.3f} in {text_name(t, names)}{interval}"

    out = [f"The mean VADER compound score of the sentences is {join_words(map(score, ids))}."]
    # A pair is ordered only when both intervals exist and do not overlap.
    apart = [
        (a, b) if rows[a]["mean"] > rows[b]["mean"] else (b, a)
        for i, a in enumerate(ids)
        for b in ids[i + 1 :]
        if bounds(a) and bounds(b) and not intervals_overlap(bounds(a), bounds(b))
    ]
    missing = [text_name(t, names) for t in ids if not bounds(t)]
    if len(ids) > 1 and not apart and missing:
        out.append(
            f"The texts are not ranked: {join_words(missing)} "
            f"{'has' if len(missing) == 1 else 'have'} no interval, and no two intervals are apart."
        )
    elif len(ids) > 1 and not apart:
        both = "the two intervals overlap" if len(ids) == 2 else "every pair of intervals overlaps"
        out.append(f"{_cap(both)}, so the texts are not ranked.")
    elif apart:
        above = join_words(
            f"{text_name(hi, names)}'s interval lies above {text_name(lo, names)}'s"
            for hi, lo in apart
        )
        pairs = len(ids) * (len(ids) - 1) // 2
        rest = "; the other pairs' intervals overlap" if len(apart) < pairs else ""
        out.append(f"{_cap(above)}{rest}.")
    note = "The score describes word choice, not the events"
    if coverage is not None and not coverage.is_empty():
        shares = {
            t: s for t, s in coverage.select("text_id", "share_scored").iter_rows() if t in rows
        }
        if shares:
            low = min(shares, key=lambda t: (shares[t], ids.index(t) if t in ids else 0))
            high = max(shares, key=lambda t: (shares[t], -ids.index(t) if t in ids else 0))
            span = (
                f"{shares[low]:.1%}"
                if shares[high] == shares[low]
                else f"between {shares[low]:.1%} ({text_name(low, names)}) and "
                f"{shares[high]:.1%} ({text_name(high, names)})"
            )
            note += f"; VADER's lexicon scores {span} of a text's word tokens"
    out.append(f"{note}.")
    return out


def framing_findings(
    by_text: pl.DataFrame,
    names: Mapping[str, str] | None = None,
    texts: Sequence[str] | None = None,
    version=None,
) -> list[str]:
    """Where the framing dictionary misses most gold-coded sentences, and which texts lack gold.

    Args:
        by_text: :func:`analysis.evaluation.framing_agreement.textstat_agreement_by_text`
            (columns ``text_id, label, gold_yes, auto_yes, both_yes``).
        names: display names per text id (default: the manifest's).
        texts: every compared text; those the gold does not cover are named.
        version: the dictionary's :func:`analysis.report.framing_prose.cue_version_info`;
            when given, the gap sentence says which version it comes from and whether that
            version's agreement is tuned on the gold labels.
    """
    covered = _order(by_text, None)
    missing = [t for t in (texts or []) if t not in covered]
    out = []
    if by_text.is_empty():
        out.append("No text has gold framing labels, so the dictionary is not checked.")
    else:
        gaps = by_text.with_columns((pl.col("gold_yes") - pl.col("both_yes")).alias("missed"))
        worst = gaps.sort("missed", descending=True, maintain_order=True).row(0, named=True)
        if worst["missed"] == 0:
            out.append(
                "The framing dictionary finds every gold-coded sentence in every covered text."
            )
        else:
            share = worst["both_yes"] / worst["gold_yes"]
            from analysis.measures.framing import share_interval

            low, high = share_interval(worst["both_yes"], worst["gold_yes"])
            out.append(
                "The framing dictionary's largest gap against the gold labels, counted as "
                "gold-coded sentences missed (report 02's per-text agreement), is "
                f"\u201c{worst['label']}\u201d in {text_name(worst['text_id'], names)}: it finds "
                f"{worst['both_yes']} of the {worst['gold_yes']} sentences the gold codes so "
                f"(recall {share:.2f}, 95% bootstrap interval {low:.2f} to {high:.2f})."
            )
        if version is not None:
            from analysis.report.framing_prose import describe_version_finding

            out[-1] += " " + describe_version_finding(version)
    if missing:
        which = join_words(text_name(t, names) for t in missing)
        them = "it" if len(missing) == 1 else "them"
        out.append(f"No gold framing labels cover {which}; the comparison leaves {them} out.")
    return out


def _label_counts(labels: Sequence[str]) -> str:
    """``1 “reframed” and 2 “partially addressed”``, labels in order of first appearance."""
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    return join_words(f"{n} \u201c{label.replace('_', ' ')}\u201d" for label, n in counts.items())


def demands_findings(
    resp: pl.DataFrame,
    names: Mapping[str, str] | None = None,
    gold: pl.DataFrame | None = None,
) -> list[str]:
    """Per compared pair, the automatic labels of the text's demands beside the gold coder's.

    Args:
        resp: :func:`analysis.measures.demands.demands_responsiveness` (``text_id,
            response_id, scale, label``, one row per demand and pair; the labels of a pair the
            response does not answer are on the policy-overlap scale).
        names: display names per text id (default: the manifest's).
        gold: :func:`analysis.evaluation.demands_gold.textstat_responsiveness` (``text_id,
            response_id, auto_label, gold_label``); without it, or where it has no gold label
            for a pair, the sentence says the automatic labels are not checked.
    """
    from analysis.evaluation.agreement import agreement_summary

    if resp.is_empty():
        return ["No demand is extracted from a compared text, so nothing is labelled."]
    out = []
    for (text, response), rows in resp.group_by(["text_id", "response_id"], maintain_order=True):
        sentence = (
            f"The automatic labels of the {_n(rows.height, 'demand')} extracted from "
            f"{text_name(text, names)}, against {text_name(response, names)}: "
            f"{_label_counts(rows['label'].to_list())}"
        )
        coded = (
            pl.DataFrame()
            if gold is None or gold.is_empty()
            else gold.filter(
                (pl.col("text_id") == text)
                & (pl.col("response_id") == response)
                & pl.col("gold_label").is_not_null()
                & pl.col("auto_label").is_not_null()
            )
        )
        if coded.is_empty():
            out.append(f"{sentence}; no gold label covers them, so these labels are unchecked.")
            continue
        g, a = coded["gold_label"].to_list(), coded["auto_label"].to_list()
        agree = agreement_summary(g, a)
        kappa = "undefined" if agree["kappa"] is None else f"{agree['kappa']:.2f}"
        sentence += (
            f"; the gold coder's labels of {coded.height} of them: {_label_counts(g)} (raw "
            f"agreement {agree['agreement']:.2f}, Cohen's kappa {kappa})"
        )
        if "scale" in rows.columns and rows["scale"][0] == "policy_overlap":
            sentence += "; the automatic policy-overlap label is a floor, not a judgement"
        out.append(f"{sentence}.")
    return out


def reuse_findings(shares: pl.DataFrame, names: Mapping[str, str] | None = None) -> list[str]:
    """Per compared pair, the share of each side's word tokens inside a shared span.

    Args:
        shares: :func:`analysis.measures.reuse.textstat_reuse_share` (``pair_id, text_id,
            n_words, n_reused, n_sentences, share, ci_low, ci_high``, two rows per pair); the
            interval is the 95% bootstrap interval over the text's sentences
            (:func:`analysis.report.reuse_prose.share_phrase`).
        names: display names per text id (default: the manifest's).
    """
    from analysis.report.reuse_prose import share_phrase

    if shares.is_empty():
        return ["No pair of texts is compared for reuse."]
    out = []
    for _, rows in shares.group_by("pair_id", maintain_order=True):
        parts = []
        for r in rows.iter_rows(named=True):
            name = text_name(r["text_id"], names)
            if not r["n_words"]:
                parts.append(f"{name} has no word tokens")
                continue
            parts.append(
                f"{r['n_reused']} of the {r['n_words']} word tokens of {name} ({share_phrase(r)})"
            )
        out.append(f"{_cap(join_words(parts))} lie inside word sequences the pair shares.")
    return out


def timeline(texts: pl.DataFrame, documents: pl.DataFrame) -> pl.DataFrame:
    """The texts' dates as the manifest records them, with where each date is stated.

    Args:
        texts: :func:`analysis.corpus.corpus_texts` (``text_id, label, name, doc_id``).
        documents: :func:`analysis.corpus.corpus_documents` (``doc_id, date, date_note``).

    Returns:
        ``date, text_id, label, name, date_note``, dated texts by date first, then undated ones
        (``date`` "unknown") in display order.
    """
    cols = ["doc_id", "date", "date_note"]
    notes = documents.select(cols) if "date_note" in documents.columns else None
    frame = texts.select("text_id", "label", "name", "doc_id", "date")
    if notes is not None:
        frame = frame.drop("date").join(notes, on="doc_id", how="left", maintain_order="left")
    else:
        frame = frame.with_columns(pl.lit("").alias("date_note"))
    frame = frame.with_columns(
        pl.col("date").fill_null("unknown"), pl.col("date_note").fill_null("")
    ).with_row_index("_order")
    dated = pl.col("date").str.contains(r"^\d{4}(-\d{2}){0,2}$")
    return (
        frame.with_columns((~dated).alias("_undated"))
        .sort(["_undated", "date", "_order"])
        .select("date", "text_id", "label", "name", "date_note")
    )


def key_findings(
    toks: pl.DataFrame | None = None,
    sentences: pl.DataFrame | None = None,
) -> dict[str, list[str]]:
    """The findings per report number ("00", "01", ...), computed on the corpus in force.

    Args:
        toks: the token frame (default: :func:`analysis.tokens.corpus_tokens`).
        sentences: the sentence frame (default: :func:`analysis.tokens.corpus_sentences`).
    """
    from analysis import corpus, tokens
    from analysis.evaluation import framing_agreement
    from analysis.measures import keyness, sentiment, sentiment_intervals

    toks = tokens.corpus_tokens() if toks is None else toks
    sentences = tokens.corpus_sentences() if sentences is None else sentences
    names = corpus.text_names()
    order = corpus.text_ids()
    found = {"00": size_findings(tokens.textstat_summary(toks, sentences), names, order)}
    present = corpus.texts_in(toks)
    frame = keyness.textstat_keyness_all(toks=toks) if len(present) >= 2 else pl.DataFrame()
    found["01"] = keyness_findings(frame, names, order)
    by_text = framing_agreement.textstat_agreement_by_text(n_resamples=0)
    from analysis.report.framing_prose import cue_version_info

    found["02"] = framing_findings(by_text, names, present, version=cue_version_info())
    scores = sentiment.textstat_sentiment(sentences)
    found["04"] = sentiment_findings(
        sentiment_intervals.textstat_sentiment_means(scores),
        names,
        order,
        coverage=sentiment.textstat_lexicon_coverage(toks),
    )
    from analysis.evaluation import demands_gold
    from analysis.measures import reuse
    from analysis.measures.demands import demands_responsiveness

    resp = demands_responsiveness(sentences=sentences, toks=toks)
    found["03"] = demands_findings(resp, names, demands_gold.textstat_responsiveness(resp))

    from analysis import lexicons
    from analysis.charts import collocations as collocation_charts
    from analysis.measures import naming, terminology

    terms = terminology.lexicon_terms("referent-variants").select("form", "concept")
    matches = lexicons.match_patterns(
        tokens.tokens_normalise(toks) if "norm" not in toks.columns else toks,
        terms,
        pattern_column="form",
        source_text=lambda _s: "",
    )
    mapped = set(naming.variant_kinds().filter(pl.col("mapped"))["form"].to_list())
    # The naming of a shared referent is a terminology result: it sits under report 01.
    found["01"] += referent_findings(matches, names, order, mapped)
    focus = collocation_charts.default_node(toks)
    frame = (
        collocation_charts.collocates_data(focus["concept"], toks=toks) if focus else pl.DataFrame()
    )
    found["05"] = collocation_findings(
        frame,
        focus,
        names,
        present,
        span=collocation_charts.SPAN,
        min_freq=collocation_charts.MIN_FREQ,
    )
    found["06"] = reuse_findings(reuse.textstat_reuse_share(toks), names)
    return dict(sorted(found.items()))
