"""Charts for notebook 06 (text reuse): ``textplot_*`` builders and their FIGURES.

The builder takes the frame of :func:`analysis.measures.reuse.textstat_reuse_share` and returns
a finished Altair chart; labels and colours come from the manifest in force.
"""

from __future__ import annotations

import altair as alt
import polars as pl

from analysis import charts
from analysis.measures import reuse

NOTEBOOK = "06-text-reuse"


def reuse_share_data(shares: pl.DataFrame, labels: dict[str, str] | None = None) -> pl.DataFrame:
    """One row per pair and text: ``row`` (the text's label, the text it is aligned with and
    the counts), ``text_id``, ``share``, ``ci_low``, ``ci_high`` (the 95% bootstrap interval
    over the text's sentences), ``n_reused``, ``n_words``, ``n_sentences``; texts without word
    tokens are left out (no share)."""
    labels = charts.text_labels() if labels is None else labels
    other = {
        (r["pair_id"], r["side"]): r["text_id"]
        for r in shares.select("pair_id", "side", "text_id").iter_rows(named=True)
    }
    rows = []
    for r in shares.filter(pl.col("share").is_not_null()).iter_rows(named=True):
        partner = other.get((r["pair_id"], "response" if r["side"] == "advocacy" else "advocacy"))
        name, with_name = labels.get(r["text_id"], r["text_id"]), labels.get(partner, partner)
        rows.append(
            {
                "row": f"{name} · with {with_name} ({r['n_reused']} of {r['n_words']})",
                **{
                    k: r[k]
                    for k in (
                        "text_id",
                        "share",
                        "ci_low",
                        "ci_high",
                        "n_reused",
                        "n_words",
                        "n_sentences",
                    )
                },
            }
        )
    return pl.DataFrame(
        rows,
        schema={
            "row": pl.String,
            "text_id": pl.String,
            "share": pl.Float64,
            "ci_low": pl.Float64,
            "ci_high": pl.Float64,
            "n_reused": pl.Int64,
            "n_words": pl.Int64,
            "n_sentences": pl.Int64,
        },
    )


def textplot_reuse_share(shares: pl.DataFrame) -> alt.TopLevelMixin:
    """Share of each aligned text's word tokens inside a span shared with its partner, with the
    95% bootstrap interval over the text's sentences (one bar per text and pair, in pair
    order)."""
    data = reuse_share_data(shares)
    order = data["row"].to_list()
    base = alt.Chart(alt.Data(values=data.to_dicts())).encode(
        y=alt.Y("row:N", title=None, sort=order, axis=alt.Axis(labelLimit=0))
    )
    tooltip = [
        alt.Tooltip("row:N", title="Text"),
        alt.Tooltip("n_reused:Q", title="Word tokens reused"),
        alt.Tooltip("n_words:Q", title="Word tokens"),
        alt.Tooltip("n_sentences:Q", title="Sentences resampled"),
        alt.Tooltip("share:Q", title="Share", format=".1%"),
        alt.Tooltip("ci_low:Q", title="95% interval from", format=".1%"),
        alt.Tooltip("ci_high:Q", title="95% interval to", format=".1%"),
    ]
    bars = base.mark_bar(opacity=0.85).encode(
        x=alt.X(
            "share:Q", title="Share of word tokens in a shared span", axis=alt.Axis(format="%")
        ),
        color=charts.text_color(legend=False),
        tooltip=tooltip,
    )
    # the interval line crosses the bar, so it carries the same tooltip
    whiskers = base.mark_rule(color="#333333").encode(x="ci_low:Q", x2="ci_high:Q", tooltip=tooltip)
    chart = (bars + whiskers).properties(width=charts.WIDTH, height=max(60, 28 * len(order)))
    return charts.finish(
        chart,
        title="Word tokens inside a span shared with the paired text",
        subtitle=(
            "Each text a response answers and that response; 95% bootstrap intervals over "
            "sentences."
        ),
        description=(
            "Horizontal bars: for each aligned pair, the share of each text's word tokens that lie "
            "inside a word sequence of three or more words shared with the other text, with a 95% "
            "bootstrap interval over the text's sentences; the counts are in the row labels."
        ),
    )


def _share():
    return textplot_reuse_share(reuse.textstat_reuse_share())


FIGURES: list[charts.FigureSpec] = [
    charts.FigureSpec(
        "reuse-share",
        _share,
        "Share of each aligned text's word tokens inside a span of three or more words shared "
        "with the text it is paired with (Greedy String Tiling), with 95% bootstrap intervals "
        "over each text's sentences.",
        NOTEBOOK,
    ),
]
