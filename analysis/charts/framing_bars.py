"""Grouped bars with 95% intervals, the layout of notebook 02's profile and stance charts.

One bar per text (and per coding) in each category, each in its own slot of the band with a
gap to the next; its interval is a rule with a cap at each end drawn in the same slot, so an
interval is read with its own bar. Used by :mod:`analysis.charts.framing`.
"""

from __future__ import annotations

import altair as alt

from analysis import charts


def _grouped_bars(
    data: list[dict],
    *,
    x: str,
    x_title: str,
    x_format: str,
    y_sort: list[str],
    tooltips: list[alt.Tooltip],
    pick_name: str,
    offset: str,
    offset_sort: list[str],
    sources: list[str] | None = None,
    cap_size: int = 6,
) -> alt.LayerChart:
    """Bars per category, one per text (and per coding in ``sources``), each with a rule
    from ``ci_low`` to ``ci_high`` (its 95% interval).

    Each bar has its own slot, with a gap to the next, and its interval is drawn in that slot
    with a cap at each end, so an interval is read with its own bar, not a neighbour's. With
    several codings, a "Coding" legend shows which is solid and which faded.
    """
    pick = alt.selection_point(name=pick_name, fields=["text_id"], bind="legend")
    if sources:
        # the first coding solid, the others faded; every bar outlined in its text's colour
        opacity = alt.condition(
            pick,
            alt.Opacity(
                "source:O",  # ordinal: a discrete opacity needs an order (Vega-Lite warns)
                title="Coding",
                scale=alt.Scale(domain=sources, range=[1.0, 0.35][: len(sources)]),
                # swatches in a text's colour, as the bars are (not Vega's default black)
                legend=alt.Legend(
                    symbolType="square",
                    symbolFillColor=next(iter(charts.text_colours().values()), "#4c78a8"),
                    symbolStrokeWidth=0,
                    labelLimit=LEGEND_LABEL_LIMIT,
                    titleLimit=0,
                ),
            ),
            alt.value(0.1),
        )
    else:
        opacity = alt.condition(pick, alt.value(1.0), alt.value(0.25))
    base = alt.Chart(alt.Data(values=data)).encode(
        y=alt.Y("label:N", title=None, sort=y_sort, axis=alt.Axis(labelLimit=0)),
        # a gap between the bars of a category: each interval stays inside its bar's slot
        yOffset=alt.YOffset(
            f"{offset}:N", sort=offset_sort, scale=alt.Scale(paddingInner=SLOT_GAP)
        ),
    )
    bars = (
        base.mark_bar(strokeWidth=1)
        .encode(
            x=alt.X(f"{x}:Q", title=x_title, axis=alt.Axis(format=x_format)),
            color=_text_colour(),
            stroke=_text_stroke(),
            opacity=opacity,
            tooltip=tooltips,
        )
        .add_params(pick)
    )
    interval_opacity = alt.condition(pick, alt.value(0.9), alt.value(0.15))
    rules = base.mark_rule(color="#333333", strokeWidth=1).encode(
        x=alt.X("ci_low:Q"),
        x2=alt.X2("ci_high:Q"),
        opacity=interval_opacity,
        tooltip=tooltips,
    )
    # caps at both ends, as tall as the bar's slot: the interval's ends are seen in its slot
    caps = [
        base.mark_tick(color="#333333", thickness=1, size=cap_size).encode(
            x=alt.X(f"{end}:Q"), opacity=interval_opacity, tooltip=tooltips
        )
        for end in ("ci_low", "ci_high")
    ]
    return alt.layer(bars, rules, *caps).properties(width=charts.WIDTH - 180)


def _text_colour() -> alt.Color:
    """The text colour encoding with opaque legend symbols (the bars' opacity codes the
    coding, not the text)."""
    colour = charts.text_color()
    colour.legend = _text_legend()
    return colour


def _text_legend() -> alt.Legend:
    return alt.Legend(
        labelExpr=charts.text_label_expr(), symbolOpacity=1, labelLimit=LEGEND_LABEL_LIMIT
    )


def _text_stroke() -> alt.Stroke:
    """The outline in the text's colour, with the colour's legend (one merged legend: layers
    or channels whose legends disagree make Vega-Lite warn)."""
    return alt.Stroke(
        "text_id:N",
        title="Text",
        scale=alt.Scale(
            domain=list(charts.text_colours()), range=list(charts.text_colours().values())
        ),
        legend=_text_legend(),
    )


#: The gap between two bars of one category, as a share of a bar's slot.
SLOT_GAP = 0.25

#: No limit on legend labels (0): a long text label is shown whole, never cut with an ellipsis.
LEGEND_LABEL_LIMIT = 0
