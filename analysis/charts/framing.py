"""Charts for notebook 02 (framing and stance): ``textplot_*`` builders and their FIGURES.

Every builder takes a polars frame from :mod:`analysis.framing` or :mod:`analysis.stance` and
returns a finished Altair chart (title, screen-reader description, theme); every text has its
colour and label from the manifest (:func:`analysis.charts.text_color`), and a click on the
legend highlights a text. Bars are grouped by category with one bar per text in the data; the
height step is per bar (the y offset), so the chart grows with the number of texts and each bar
keeps its thickness for 5–9 texts.
The screen-reader descriptions name the texts found in the data.
"""

from __future__ import annotations

import re

import altair as alt
import polars as pl

from analysis import charts, corpus, prose
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


def _grouped_bars(
    data: list[dict],
    *,
    x: str,
    x_title: str,
    x_format: str,
    y_sort: list[str],
    tooltips: list[alt.Tooltip],
    pick_name: str,
    text_ids: list[str],
) -> alt.Chart:
    pick = alt.selection_point(name=pick_name, fields=["text_id"], bind="legend")
    return (
        alt.Chart(alt.Data(values=data))
        .mark_bar()
        .encode(
            x=alt.X(f"{x}:Q", title=x_title, axis=alt.Axis(format=x_format)),
            y=alt.Y("label:N", title=None, sort=y_sort, axis=alt.Axis(labelLimit=260)),
            yOffset=alt.YOffset("text_id:N", sort=text_ids),
            color=charts.text_color(),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.25)),
            tooltip=tooltips,
        )
        .add_params(pick)
        .properties(width=charts.WIDTH - 180)
    )


def _profile_chart(profile: pl.DataFrame, *, title: str, description: str, pick: str):
    layer = profile["layer"][0]
    text_ids = corpus.texts_in(profile)
    order = [framing.LABELS[c] for c in framing.LAYERS[layer]]
    rank = {c: i for i, c in enumerate(framing.LAYERS[layer])}
    data = _with_text_labels(
        corpus.order_by_text(
            profile.with_columns(pl.col("category").replace_strict(rank).alias("_r")), "_r"
        ).drop("_r")
    ).to_dicts()
    chart = _grouped_bars(
        data,
        x="share",
        x_title="Share of the text's sentences coded",
        x_format="%",
        y_sort=order,
        pick_name=pick,
        text_ids=text_ids,
        tooltips=[
            _TOOLTIP_TEXT,
            alt.Tooltip("label:N", title="Category"),
            alt.Tooltip("sentences_coded:Q", title="Sentences coded"),
            alt.Tooltip("n_sentences:Q", title="Sentences in text"),
            alt.Tooltip("share:Q", title="Share", format=".1%"),
            alt.Tooltip("n_cues:Q", title="Cue matches"),
            alt.Tooltip("rate:Q", title="Cues per 1,000 words", format=".1f"),
        ],
    ).properties(height=alt.Step(7) if len(order) > 6 else alt.Step(14))
    return charts.finish(
        chart,
        title=title,
        subtitle="Dictionary coding: share of sentences with at least one cue of the category",
        description=description,
    )


def textplot_frame_profile(profile: pl.DataFrame) -> alt.TopLevelMixin:
    """Frame profile per text: share of sentences coded with each frame dimension.

    Args:
        profile: :func:`analysis.framing.textstat_frame_profile` for layer ``frame``.
    """
    return _profile_chart(
        profile,
        title="Frame dimensions per text (Policy Frames Codebook)",
        description=(
            "Grouped horizontal bars: for each of the 14 frame dimensions, the share of "
            + prose.join_words([f"{p}'s" for p in _text_phrases(corpus.texts_in(profile))])
            + " sentences in which the dictionary finds at least one cue of that dimension."
        ),
        pick="frame_text",
    )


def textplot_entman(profile: pl.DataFrame) -> alt.TopLevelMixin:
    """Entman's four functions per text: share of sentences coded with each.

    Args:
        profile: :func:`analysis.framing.textstat_frame_profile` for layer ``entman``.
    """
    return _profile_chart(
        profile,
        title="Entman's framing functions per text",
        description=(
            "Grouped horizontal bars: share of each text's sentences coded by the dictionary "
            "for problem definition, causal attribution, moral evaluation and treatment "
            "recommendation."
        ),
        pick="entman_text",
    )


def textplot_domain_families(profile: pl.DataFrame) -> alt.TopLevelMixin:
    """Domain families per text: share of sentences coded with each family.

    Args:
        profile: :func:`analysis.framing.textstat_frame_profile` for layer ``domain``.
    """
    return _profile_chart(
        profile,
        title="Domain families per text",
        description=(
            "Grouped horizontal bars: share of each text's sentences coded by the dictionary "
            "for each of ten domain families, from victimhood and commemoration to attribution "
            "of blame and agency."
        ),
        pick="domain_text",
    )


def textplot_stance(table: pl.DataFrame) -> alt.TopLevelMixin:
    """Hedges, boosters, attitude markers and directives per 1,000 word tokens, per text.

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
        text_ids=text_ids,
        tooltips=[
            _TOOLTIP_TEXT,
            alt.Tooltip("label:N", title="Category"),
            alt.Tooltip("n:Q", title="Markers"),
            alt.Tooltip("n_word_tokens:Q", title="Word tokens"),
            alt.Tooltip("rate:Q", title="Per 1,000 words", format=".1f"),
            alt.Tooltip("markers:N", title="Matched markers"),
        ],
    ).properties(height=alt.Step(16))
    return charts.finish(
        chart,
        title="Stance markers per text (after Hyland 2005)",
        subtitle="Counted by form; every match is listed in the concordance",
        description=(
            "Grouped horizontal bars: hedges, boosters, attitude markers and directives per "
            f"1,000 word tokens in {prose.join_words(_text_phrases(text_ids))}."
        ),
    )


def textplot_framing_agreement(table: pl.DataFrame) -> alt.TopLevelMixin:
    """Cohen's kappa per category between the dictionary and the gold labels.

    Args:
        table: from :func:`analysis.framing.textstat_framing_agreement`.
    """
    order = [
        f"{framing.LAYER_LABELS[layer]}: {framing.LABELS[c]}"
        for layer, cats in framing.LAYERS.items()
        for c in cats
    ]
    frame = table.with_columns(
        (
            pl.col("layer").replace_strict(framing.LAYER_LABELS, return_dtype=pl.String)
            + ": "
            + pl.col("label")
        ).alias("row"),
        pl.col("layer")
        .replace_strict(framing.LAYER_LABELS, return_dtype=pl.String)
        .alias("layer_label"),
    )
    rank = {r: i for i, r in enumerate(order)}
    data = frame.with_columns(pl.col("row").replace_strict(rank).alias("_r")).sort("_r").drop("_r")
    pick = alt.selection_point(name="agreement_layer", fields=["layer_label"], bind="legend")
    layers = list(framing.LAYER_LABELS.values())
    bars = (
        alt.Chart(alt.Data(values=data.to_dicts()))
        .mark_bar()
        .encode(
            x=alt.X(
                "kappa:Q",
                title="Cohen's kappa (dictionary vs gold)",
                scale=alt.Scale(domain=[-0.2, 1]),
            ),
            y=alt.Y("row:N", title=None, sort=order, axis=alt.Axis(labelLimit=320)),
            color=alt.Color(
                "layer_label:N",
                title="Layer",
                scale=alt.Scale(domain=layers, range=["#56B4E9", "#CC79A7", "#999999"]),
            ),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.25)),
            tooltip=[
                alt.Tooltip("layer_label:N", title="Layer"),
                alt.Tooltip("label:N", title="Category"),
                alt.Tooltip("n:Q", title="Sentences (N)"),
                alt.Tooltip("gold_yes:Q", title="Gold: yes"),
                alt.Tooltip("auto_yes:Q", title="Dictionary: yes"),
                alt.Tooltip("both_yes:Q", title="Both yes"),
                alt.Tooltip("agreement:Q", title="Raw agreement", format=".3f"),
                alt.Tooltip("kappa:Q", title="Kappa", format=".3f"),
                alt.Tooltip("precision:Q", title="Precision", format=".3f"),
                alt.Tooltip("recall:Q", title="Recall", format=".3f"),
            ],
        )
        .add_params(pick)
    )
    zero = alt.Chart(alt.Data(values=[{"k": 0}])).mark_rule(color="#333333").encode(x="k:Q")
    chart = alt.layer(bars, zero).properties(width=charts.WIDTH - 260, height=alt.Step(13))
    return charts.finish(
        chart,
        title="Agreement of the dictionary coding with the gold coding",
        subtitle=(
            "Cohen's kappa per category, one sentence = one item; with N this small kappa is "
            "fragile"
        ),
        description=(
            "Horizontal bars: Cohen's kappa between the dictionary coding and the independent "
            "gold coding for each frame dimension, Entman function and domain family."
        ),
    )


def _frame_profile():
    return textplot_frame_profile(framing.textstat_frame_profile("frame"))


def _entman():
    return textplot_entman(framing.textstat_frame_profile("entman"))


def _domain():
    return textplot_domain_families(framing.textstat_frame_profile("domain"))


def _stance():
    return textplot_stance(stance.textstat_stance())


def _agreement():
    return textplot_framing_agreement(framing.textstat_framing_agreement())


FIGURES: list[charts.FigureSpec] = [
    charts.FigureSpec(
        "framing-frame-profile",
        _frame_profile,
        "Share of each text's sentences coded by the cue dictionary for each of the 14 frame "
        "dimensions (after Boydstun et al. 2014).",
        NOTEBOOK,
    ),
    charts.FigureSpec(
        "framing-entman",
        _entman,
        "Share of each text's sentences coded for Entman's (1993) four framing functions.",
        NOTEBOOK,
    ),
    charts.FigureSpec(
        "framing-domain-families",
        _domain,
        "Share of each text's sentences coded for the ten domain families of METHODS.md.",
        NOTEBOOK,
    ),
    charts.FigureSpec(
        "stance-markers",
        _stance,
        "Hedges, boosters, attitude markers and directives per 1,000 word tokens "
        "(after Hyland 2005).",
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
