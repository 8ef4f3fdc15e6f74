"""Chart builders (``textplot_*`` functions returning ``alt.Chart``) and their shared theme.

One module per analysis holds its builders (``charts.terminology``, ``charts.framing``,
``charts.demands``, ``charts.sentiment``); each exposes ``FIGURES``, a list of
:class:`FigureSpec` that the figure registry (:mod:`analysis.figures`) collects.

Shared rules every builder follows:

- one fixed, colour-blind-safe colour per text (Okabe & Ito 2008), via :func:`text_color`;
- a title, axis titles, and a ``description`` (read by screen readers) via :func:`finish`;
- sorted input data and named parameters, so the same inputs give byte-identical specs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import altair as alt

#: Okabe-Ito colours, fixed per primary text across every chart.
TEXT_COLOURS: dict[str, str] = {
    "petition": "#E69F00",  # orange
    "response": "#0072B2",  # blue
    "letter": "#009E73",  # bluish green
}
#: Display labels, in the canonical order (a test keeps them equal to data/corpus.toml [[texts]]).
TEXT_LABELS: dict[str, str] = {
    "petition": "Petition e-3780",
    "response": "Government response",
    "letter": "Open letter (2023)",
}
OTHER_COLOUR = "#999999"
FONT = "DejaVu Sans"
WIDTH = 520


@dataclass(frozen=True)
class FigureSpec:
    """One registered figure: a file name, a builder with no arguments, a caption, a notebook."""

    name: str
    build: Callable[[], alt.TopLevelMixin]
    caption: str
    notebook: str


def text_color(field: str = "text_id", *, title: str = "Text", legend: bool = True) -> alt.Color:
    """Colour encoding for a column holding primary text ids (petition/response/letter)."""
    return alt.Color(
        f"{field}:N",
        title=title,
        scale=alt.Scale(domain=list(TEXT_COLOURS), range=list(TEXT_COLOURS.values())),
        legend=alt.Legend(labelExpr=text_label_expr()) if legend else None,
    )


def text_label_color(field: str = "text", *, title: str = "Text", legend: bool = True) -> alt.Color:
    """Colour encoding for a column holding text *labels* (``TEXT_LABELS`` values)."""
    return alt.Color(
        f"{field}:N",
        title=title,
        scale=alt.Scale(domain=list(TEXT_LABELS.values()), range=list(TEXT_COLOURS.values())),
        legend=alt.Legend() if legend else None,
    )


def text_label_expr() -> str:
    """A Vega expression mapping a text id (``datum.value``) to its display label."""
    cases = " : ".join(f"datum.value === '{k}' ? '{v}'" for k, v in TEXT_LABELS.items())
    return f"{cases} : datum.value"


def text_order() -> list[str]:
    """Text ids in display order (use as ``sort=`` on axes)."""
    return list(TEXT_COLOURS)


def finish(chart: alt.TopLevelMixin, *, title: str, description: str, subtitle: str | None = None):
    """Apply the suite's title, accessible description and theme to a chart."""
    t = alt.Title(title, subtitle=subtitle) if subtitle else alt.Title(title)
    return (
        chart.properties(title=t, description=description)
        .configure(font=FONT)
        .configure_title(anchor="start", fontSize=14)
        .configure_axis(labelFontSize=11, titleFontSize=12)
        .configure_legend(labelFontSize=11, titleFontSize=12)
        .configure_view(stroke=None)
    )


def setup_notebook() -> None:
    """Prepare a notebook session: offline chart rendering (see :mod:`analysis.report`)."""
    alt.data_transformers.disable_max_rows()
    try:
        from analysis import report
    except ImportError:  # report module arrives with the reports issue
        return
    report.enable_offline_renderer()


# Kept for callers written before the public name existed.
_label_expr = text_label_expr
