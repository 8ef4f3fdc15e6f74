"""Charts for notebook 02 (framing and stance): ``textplot_*`` builders and their FIGURES.

Every builder takes a polars frame from :mod:`analysis.framing` or :mod:`analysis.stance` and
returns a finished Altair chart (title, screen-reader description, theme); every text has its
colour and label from the manifest (:func:`analysis.charts.text_color`), and a click on the
legend highlights a text. Bars are grouped by category with one bar per text in the data; the
height step is per bar (the y offset), so the chart grows with the number of texts and each bar
keeps its thickness for 5–9 texts. Each bar carries a capped rule for its 95% interval, in the
bar's own slot (the layout is :mod:`analysis.charts.framing_bars`). The profile
charts show the gold coder's share beside the dictionary's (a faded bar under the solid one)
for every text the gold coding covers, and say in their description which texts it does not.
The screen-reader descriptions name the texts found in the data. The agreement chart (dictionary
against gold) is built in :mod:`analysis.charts.framing_agreement`; ``FIGURES`` lists it in
notebook 02's order.
"""

from __future__ import annotations

import re
import textwrap

import altair as alt
import polars as pl

from analysis import charts, corpus, prose, stats, tokens
from analysis.charts.framing_agreement import textplot_framing_agreement
from analysis.charts.framing_bars import LEGEND_LABEL_LIMIT as LEGEND_LABEL_LIMIT
from analysis.charts.framing_bars import SLOT_GAP, _grouped_bars
from analysis.evaluation import framing_gold, framing_profiles
from analysis.measures import framing, stance

NOTEBOOK = "02-framing"
_TOOLTIP_TEXT = alt.Tooltip("text_label:N", title="Text")


_DANGLING = frozenset({"of", "from", "in", "on", "by", "to", "for", "and", "the", "dated"})


def _short_label(label: str) -> str:
    """A text's label as a common noun phrase for running prose: notes in parentheses and
    words holding digits (dates, petition numbers) and the words left dangling before them
    dropped, first letter lower-cased."""
    words = [w for w in re.sub(r"\([^)]*\)", " ", label).split() if not re.search(r"\d", w)]
    while words and words[-1].lower() in _DANGLING:  # "Open letter of 2025" -> "open letter"
        words.pop()
    short = " ".join(words)
    return short[:1].lower() + short[1:]


def _text_phrases(text_ids: list[str]) -> list[str]:
    """How the descriptions name each text: ``the`` and its short label (``the open letter``);
    where two texts' short labels coincide or one is empty, every text by its prose name."""
    labels = charts.text_labels()
    short = [_short_label(labels.get(t, t)) for t in text_ids]
    if all(short) and len(set(short)) == len(short):
        return [f"the {s}" for s in short]
    return prose.text_names_of(text_ids)


def _with_text_labels(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(
        pl.col("text_id")
        .replace_strict(charts.text_labels(), return_dtype=pl.String)
        .alias("text_label")
    )


_INTERVAL_TOOLTIPS = [
    alt.Tooltip("ci_low:Q", title="95% interval: low", format=".1%"),
    alt.Tooltip("ci_high:Q", title="95% interval: high", format=".1%"),
]


def _profile_rows(profile: pl.DataFrame, gold: pl.DataFrame | None) -> tuple[list[dict], list[str]]:
    """Chart rows: per text and category the dictionary's share, then, for texts the gold
    covers, the gold coder's; and the order of the (text, coding) sub-rows."""
    layer = profile["layer"][0]
    rank = {c: i for i, c in enumerate(framing.LAYERS[layer])}
    gold_rows = {}
    if gold is not None:
        gold_rows = {
            (r["text_id"], r["category"]): r
            for r in gold.filter(pl.col("layer") == layer).iter_rows(named=True)
        }
    labels = charts.text_labels()
    rows, order = [], []
    for text_id in corpus.texts_in(profile):
        order.append(f"{text_id}|{DICTIONARY}")
        if any(t == text_id for t, _ in gold_rows):
            order.append(f"{text_id}|{GOLD}")
        sub = profile.filter(pl.col("text_id") == text_id).with_columns(
            pl.col("category").replace_strict(rank).alias("_r")
        )
        for r in sub.sort("_r").iter_rows(named=True):
            common = {
                "text_id": text_id,
                "text_label": labels.get(text_id, text_id),
                "category": r["category"],
                "label": r["label"],
            }
            rows.append(
                common
                | {
                    "source": DICTIONARY,
                    "row": f"{text_id}|{DICTIONARY}",
                    "sentences_coded": r["sentences_coded"],
                    "n_sentences": r["n_sentences"],
                    "share": r["share"],
                    "ci_low": r["ci_low"],
                    "ci_high": r["ci_high"],
                    "n_cues": r["n_cues"],
                    "rate": r["rate"],
                }
            )
            g = gold_rows.get((text_id, r["category"]))
            if g is not None:
                rows.append(
                    common
                    | {
                        "source": GOLD,
                        "row": f"{text_id}|{GOLD}",
                        "sentences_coded": g["gold_sentences"],
                        "n_sentences": g["n_sentences"],
                        "share": g["gold_share"],
                        "ci_low": g["gold_ci_low"],
                        "ci_high": g["gold_ci_high"],
                        "n_cues": None,
                        "rate": None,
                    }
                )
    return rows, order


def gold_note(profile: pl.DataFrame, gold: pl.DataFrame | None) -> str:
    """Which texts of ``profile`` the gold coding covers, for a chart's description: texts
    without gold labels (shown by the dictionary only) and texts it covers in part."""
    text_ids = corpus.texts_in(profile)
    phrases = dict(zip(text_ids, _text_phrases(text_ids), strict=True))
    n_gold = (
        {}
        if gold is None
        else dict(gold.select("text_id", "n_sentences").unique(maintain_order=True).iter_rows())
    )
    n_text = dict(profile.select("text_id", "n_sentences").unique(maintain_order=True).iter_rows())
    missing = [t for t in text_ids if t not in n_gold]
    partial = [t for t in text_ids if t in n_gold and n_gold[t] < n_text[t]]
    if not missing:
        out = "The gold coding covers every text shown."
    elif len(missing) == len(text_ids):
        out = "No text shown has gold coding: the bars are the dictionary's only."
    else:
        out = (
            f"No gold coding for {prose.join_words(phrases[t] for t in missing)}: dictionary only."
        )
    if partial:
        out += (
            " The gold coder coded "
            + prose.join_words(
                f"{n_gold[t]} of the {n_text[t]} sentences of {phrases[t]}" for t in partial
            )
            + "; the gold shares are of those sentences."
        )
    return out


def _profile_chart(
    profile: pl.DataFrame,
    gold: pl.DataFrame | None,
    *,
    title: str,
    description: str,
    pick: str,
):
    layer = profile["layer"][0]
    order = [framing.LABELS[c] for c in framing.LAYERS[layer]]
    data, offsets = _profile_rows(profile, gold)
    sources = [DICTIONARY, GOLD] if any(r["source"] == GOLD for r in data) else [DICTIONARY]
    step = 8 if len(order) > 6 else 14
    chart = _grouped_bars(
        data,
        x="share",
        x_title="Share of the text's sentences coded",
        x_format="%",
        y_sort=order,
        pick_name=pick,
        offset="row",
        offset_sort=offsets,
        sources=sources,
        cap_size=round(step * (1 - SLOT_GAP)),
        tooltips=[
            _TOOLTIP_TEXT,
            alt.Tooltip("source:N", title="Coding"),
            alt.Tooltip("label:N", title="Category"),
            alt.Tooltip("sentences_coded:Q", title="Sentences coded"),
            alt.Tooltip("n_sentences:Q", title="Sentences (coded by this coding)"),
            alt.Tooltip("share:Q", title="Share", format=".1%"),
            *_INTERVAL_TOOLTIPS,
            alt.Tooltip("n_cues:Q", title="Cue matches"),
            alt.Tooltip("rate:Q", title="Cues per 1,000 words", format=".1f"),
        ],
    ).properties(height=alt.Step(step))
    note = gold_note(profile, gold)
    return charts.finish(
        chart,
        title=title,
        subtitle=[
            (
                "Dictionary (solid) beside the gold coder (automated; faded); "
                if len(sources) > 1
                else "Dictionary coding; "
            )
            + "lines: 95% intervals, capped at both ends",
            *textwrap.wrap(note, 100),
        ],
        description=f"{description} {note} {stats.INTERVAL_NOTE}.",
    )


#: The two codings the profile charts compare.
DICTIONARY = "dictionary"
GOLD = "gold coder (automated)"


def textplot_frame_profile(
    profile: pl.DataFrame, gold: pl.DataFrame | None = None
) -> alt.TopLevelMixin:
    """Frame profile per text: share of sentences coded with each frame dimension, by the
    dictionary and, beside it, by the gold coder, with 95% intervals.

    Args:
        profile: :func:`analysis.framing.textstat_frame_profile` for layer ``frame``.
        gold: :func:`analysis.evaluation.framing_profiles.textstat_gold_profile` for the same
            layer (texts without gold rows are shown by the dictionary only, and the
            description says so).
    """
    return _profile_chart(
        profile,
        gold,
        title="Frame dimensions per text (Policy Frames Codebook)",
        description=(
            "Grouped horizontal bars: for each of the 14 frame dimensions, the share of "
            + prose.join_words([f"{p}'s" for p in _text_phrases(corpus.texts_in(profile))])
            + " sentences in which the dictionary finds at least one cue of that dimension, "
            "beside the share the gold coder (an automated coder given only the codebook) "
            "assigned it, each with its 95% interval."
        ),
        pick="frame_text",
    )


def textplot_entman(profile: pl.DataFrame, gold: pl.DataFrame | None = None) -> alt.TopLevelMixin:
    """Entman's four functions per text: share of sentences coded with each, by the dictionary
    and the gold coder, with 95% intervals.

    Args:
        profile: :func:`analysis.framing.textstat_frame_profile` for layer ``entman``.
        gold: :func:`analysis.evaluation.framing_profiles.textstat_gold_profile` for ``entman``.
    """
    return _profile_chart(
        profile,
        gold,
        title="Entman's framing functions per text",
        description=(
            "Grouped horizontal bars: share of each text's sentences coded by the dictionary "
            "for problem definition, causal attribution, moral evaluation and treatment "
            "recommendation, beside the gold coder's share, each with its 95% interval."
        ),
        pick="entman_text",
    )


def textplot_domain_families(
    profile: pl.DataFrame, gold: pl.DataFrame | None = None
) -> alt.TopLevelMixin:
    """Domain families per text: share of sentences coded with each family, by the dictionary
    and the gold coder, with 95% intervals.

    Args:
        profile: :func:`analysis.framing.textstat_frame_profile` for layer ``domain``.
        gold: :func:`analysis.evaluation.framing_profiles.textstat_gold_profile` for ``domain``.
    """
    return _profile_chart(
        profile,
        gold,
        title="Domain families per text",
        description=(
            "Grouped horizontal bars: share of each text's sentences coded by the dictionary "
            "for each of ten domain families, from victimhood and commemoration to attribution "
            "of blame and agency, beside the gold coder's share, each with its 95% interval."
        ),
        pick="domain_text",
    )


def textplot_stance(table: pl.DataFrame) -> alt.TopLevelMixin:
    """Hedges, boosters, attitude markers and directives per 1,000 word tokens, per text, with
    95% intervals.

    Args:
        table: from :func:`analysis.stance.textstat_stance`.
    """
    rank = {c: i for i, c in enumerate(stance.CATEGORIES)}
    text_ids = corpus.texts_in(table)
    data = _with_text_labels(
        corpus.order_by_text(
            table.with_columns(pl.col("category").replace_strict(rank).alias("_r")), "_r"
        ).drop("_r")
    ).to_dicts()
    chart = _grouped_bars(
        data,
        x="rate",
        x_title="Markers per 1,000 word tokens",
        x_format="~s",
        y_sort=[stance.LABELS[c] for c in stance.CATEGORIES],
        pick_name="stance_text",
        offset="text_id",
        offset_sort=text_ids,
        cap_size=round(16 * (1 - SLOT_GAP)),
        tooltips=[
            _TOOLTIP_TEXT,
            alt.Tooltip("label:N", title="Category"),
            alt.Tooltip("n:Q", title="Markers"),
            alt.Tooltip("n_word_tokens:Q", title="Word tokens"),
            alt.Tooltip("rate:Q", title="Per 1,000 words", format=".1f"),
            alt.Tooltip("ci_low:Q", title="95% interval: low", format=".1f"),
            alt.Tooltip("ci_high:Q", title="95% interval: high", format=".1f"),
            alt.Tooltip("markers:N", title="Matched markers"),
        ],
    ).properties(height=alt.Step(16))
    return charts.finish(
        chart,
        title="Stance markers per text (after Hyland 2005)",
        subtitle="Counted by form; every match is listed in the concordance; lines: 95% intervals",
        description=(
            "Grouped horizontal bars: hedges, boosters, attitude markers and directives per "
            f"1,000 word tokens in {prose.join_words(_text_phrases(text_ids))}, each with its "
            f"95% interval. {stats.INTERVAL_NOTE}."
        ),
    )


def _gold_profile(layer: str) -> pl.DataFrame | None:
    """The gold coding's profile of the texts in force (the gold rows that apply to them);
    None without a gold file (the charts then show the dictionary only, and say so)."""
    if not framing_gold.GOLD_PATH.is_file():
        return None
    return framing_profiles.textstat_gold_profile(layer, sentences=tokens.corpus_sentences())


def _frame_profile():
    return textplot_frame_profile(framing.textstat_frame_profile("frame"), _gold_profile("frame"))


def _entman():
    return textplot_entman(framing.textstat_frame_profile("entman"), _gold_profile("entman"))


def _domain():
    return textplot_domain_families(
        framing.textstat_frame_profile("domain"), _gold_profile("domain")
    )


def _stance():
    return textplot_stance(stance.textstat_stance())


def _agreement():
    return textplot_framing_agreement(
        framing.textstat_framing_agreement(), framing.textstat_kappa_intervals()
    )


FIGURES: list[charts.FigureSpec] = [
    charts.FigureSpec(
        "framing-frame-profile",
        _frame_profile,
        "Share of each text's sentences coded by the cue dictionary for each of the 14 frame "
        "dimensions (after Boydstun et al. 2014), beside the gold coder's share (an automated "
        "coder given only the codebook), with 95% intervals.",
        NOTEBOOK,
    ),
    charts.FigureSpec(
        "framing-entman",
        _entman,
        "Share of each text's sentences coded for Entman's (1993) four framing functions, by "
        "the dictionary and the gold coder (automated), with 95% intervals.",
        NOTEBOOK,
    ),
    charts.FigureSpec(
        "framing-domain-families",
        _domain,
        "Share of each text's sentences coded for the ten domain families of docs/METHODS.md, by "
        "the dictionary and the gold coder (automated), with 95% intervals.",
        NOTEBOOK,
    ),
    charts.FigureSpec(
        "stance-markers",
        _stance,
        "Hedges, boosters, attitude markers and directives per 1,000 word tokens "
        "(after Hyland 2005), with 95% intervals.",
        NOTEBOOK,
    ),
    charts.FigureSpec(
        "framing-agreement",
        _agreement,
        "Cohen's kappa per category between the dictionary coding and the gold coding (an "
        "automated coder given only the codebook), one sentence = one item.",
        NOTEBOOK,
    ),
]
