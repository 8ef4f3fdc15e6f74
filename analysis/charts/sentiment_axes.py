"""Shared pieces of notebook 04's charts: text axes, band heights, prose names and mean layers.

The sentiment, sentiment-check and style charts (:mod:`analysis.charts.sentiment`,
:mod:`analysis.charts.sentiment_checks`, :mod:`analysis.charts.style`) draw the texts alike:
along an axis named by their labels, in bands that grow with the number of texts, with each
text's mean and its 95% interval as a black rule and diamond. Texts are those in the frame, in
display order, with labels from the manifest in force.
"""

from __future__ import annotations

import altair as alt
import polars as pl

from analysis import charts, corpus, prose, stats


def text_y(ids: list[str]) -> alt.Y:
    """Texts down the y axis, in display order, named by their labels."""
    return alt.Y(
        "text_id:N", title=None, sort=ids, axis=alt.Axis(labelExpr=charts.text_label_expr())
    )


def text_x(ids: list[str], *, labels: bool = True) -> alt.X:
    """Texts along the x axis; labels turn further when many texts share a panel.

    With ``labels=False`` the axis has no labels or ticks: for panels side by side, whose
    slanted labels would run into the next panel, where the colour legend names the texts.
    """
    if not labels:
        return alt.X("text_id:N", title=None, sort=ids, axis=alt.Axis(labels=False, ticks=False))
    angle = -30 if len(ids) <= 3 else -45
    return alt.X(
        "text_id:N",
        title=None,
        sort=ids,
        axis=alt.Axis(labelExpr=charts.text_label_expr(), labelAngle=angle),
    )


def band_height(ids: list[str], minimum: int, per_text: int) -> int:
    """A height that gives every text band at least ``per_text`` pixels."""
    return max(minimum, per_text * len(ids))


def texts_phrase(ids: list[str]) -> str:
    """The texts as prose names them (:func:`analysis.corpus.text_names`), joined with "and"."""
    return prose.texts_phrase(ids, empty="no text")


def texts_count(ids: list[str]) -> str:
    """``the three texts`` (a number word up to nine), ``the text`` for one."""
    if len(ids) == 1:
        return "the text"
    n = len(ids)
    return f"the {prose.number_word(n, zero='no')} texts"


def text_rows(frame: pl.DataFrame, *cols: str) -> list[dict]:
    """The frame's rows in text order; NaN (e.g. MTLD of a text too short to have a factor)
    becomes null, which JSON, and so Vega-Lite, can hold (the mark is left out)."""
    floats = [c for c, t in frame.schema.items() if t.is_float()]
    frame = frame.with_columns(pl.col(c).fill_nan(None) for c in floats)
    return corpus.order_by_text(frame, *cols).to_dicts()


#: Pixels below the top of a text's band at which its mean and interval are drawn (with an
#: offset channel Vega-Lite places marks from the band's start): above the box and the sentence
#: ticks, which are centred in a band of at least 40 pixels.
MEAN_OFFSET = 4


def mean_intervals(frame: pl.DataFrame, value: str) -> pl.DataFrame:
    """Per text, the mean of ``value`` over its rows (sentences) and its 95% interval
    (:func:`analysis.stats.textstat_bootstrap_means`): ``text_id``, ``n``, ``mean``,
    ``ci_low``, ``ci_high``, in display order."""
    means = stats.textstat_bootstrap_means(frame.select("text_id", value), value=value)
    return corpus.order_by_text(means, order=corpus.texts_in(frame))


def mean_layer(means: pl.DataFrame, *, x_field: str, y, offset: int = 0) -> alt.LayerChart:
    """A black rule from ``ci_low`` to ``ci_high`` and a diamond at the mean, per text."""
    tooltip = [
        alt.Tooltip("text_id:N", title="Text"),
        alt.Tooltip("n:Q", title="Sentences"),
        alt.Tooltip("mean:Q", title="Mean", format=".3f"),
        alt.Tooltip("ci_low:Q", title="95% interval from", format=".3f"),
        alt.Tooltip("ci_high:Q", title="to", format=".3f"),
    ]
    y_offset = alt.YOffset(value=offset)
    base = alt.Chart().encode(y=y, yOffset=y_offset, tooltip=tooltip)
    bar = base.mark_rule(color="black", strokeWidth=2).encode(x="ci_low:Q", x2="ci_high:Q")
    point = base.mark_point(shape="diamond", size=70, filled=True, color="black").encode(
        x=f"{x_field}:Q"
    )
    return alt.layer(bar, point, data=alt.Data(values=text_rows(means)))
