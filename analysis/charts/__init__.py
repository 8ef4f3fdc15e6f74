"""Chart builders (``textplot_*`` functions returning ``alt.Chart``) and their shared theme.

One module per analysis holds its builders (``charts.terminology``, ``charts.framing``,
``charts.demands``, ``charts.sentiment``); each exposes ``FIGURES``: a list of
:class:`FigureSpec`, or a function returning one for the corpus in force (figures made per text
are named after the text ids the manifest gives), which the figure registry
(:mod:`analysis.figures`) collects.

Shared rules every builder follows:

- one fixed, colour-blind-safe colour per text, from the manifest (:func:`analysis.corpus.text_colours`),
  via :func:`text_color`;
- a title, axis titles, and a ``description`` (read by screen readers) via :func:`finish`;
- sorted input data and named parameters, so the same inputs give byte-identical specs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import altair as alt
import polars as pl

from analysis import corpus as _corpus  # charts.corpus is a submodule: keep the names apart
from analysis.prose import count_words  # noqa: F401 (charts.count_words: report and chart prose)


def text_colours() -> dict[str, str]:
    """Text id to colour, in display order (from the manifest: :func:`analysis.corpus.text_colours`)."""
    return _corpus.text_colours()


def text_labels() -> dict[str, str]:
    """Text id to display label, in display order (from the manifest)."""
    return _corpus.text_labels()


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
    """Colour encoding for a column holding text ids (one colour per text in the manifest)."""
    return alt.Color(
        f"{field}:N",
        title=title,
        scale=alt.Scale(domain=list(text_colours()), range=list(text_colours().values())),
        legend=alt.Legend(labelExpr=text_label_expr()) if legend else None,
    )


def text_label_color(field: str = "text", *, title: str = "Text", legend: bool = True) -> alt.Color:
    """Colour encoding for a column holding text *labels* (``text_labels()`` values)."""
    return alt.Color(
        f"{field}:N",
        title=title,
        scale=alt.Scale(domain=list(text_labels().values()), range=list(text_colours().values())),
        legend=alt.Legend() if legend else None,
    )


def vega_string(text: str) -> str:
    """``text`` as a single-quoted Vega expression string literal.

    Backslashes, quotes and line breaks are escaped, so a label such as ``Children's "Appeal"``
    cannot end the literal early and break the expression.
    """
    escaped = text.replace("\\", "\\\\").replace("'", "\\'")
    for char, code in (("\n", "\\n"), ("\r", "\\r"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        escaped = escaped.replace(char, code)
    return f"'{escaped}'"


def text_label_expr(labels: dict[str, str] | None = None) -> str:
    """A Vega expression mapping a text id (``datum.value``) to its display label.

    Args:
        labels: text id to label; by default :func:`text_labels` (the corpus in force).
    """
    labels = text_labels() if labels is None else labels
    cases = " : ".join(
        f"datum.value === {vega_string(k)} ? {vega_string(v)}" for k, v in labels.items()
    )
    return f"{cases} : datum.value" if cases else "datum.value"


def with_text_labels(frame: pl.DataFrame, column: str = "text_id") -> pl.DataFrame:
    """``frame`` with a ``text`` column: the display label of ``column``'s text id (else the id)."""
    return frame.with_columns(
        pl.col(column).replace_strict(text_labels(), default=pl.col(column)).alias("text")
    )


def text_order() -> list[str]:
    """Text ids in display order (use as ``sort=`` on axes)."""
    return _corpus.text_ids()


def finish(chart: alt.TopLevelMixin, *, title: str, description: str, subtitle: str | None = None):
    """Apply the suite's title, accessible description and theme to a chart."""
    t = alt.Title(title, subtitle=subtitle) if subtitle else alt.Title(title)
    return (
        chart.properties(title=t, description=description)
        .configure(font=FONT)
        .configure_title(anchor="start", fontSize=14)
        .configure_axis(labelFontSize=11, titleFontSize=12)
        .configure_legend(labelFontSize=11, titleFontSize=12, labelLimit=0)  # never cut a label
        .configure_view(stroke=None)
    )


def setup_notebook(manifest: str | None = None) -> None:
    """Prepare a notebook session; the same as :func:`analysis.report.setup_notebook`.

    Kept here for notebooks that import it from the charts; the report layer sits above the
    charts, so it is imported only when called.
    """
    from analysis.report.render import setup_notebook as setup

    setup(manifest)


# Kept for callers written before the public name existed.
_label_expr = text_label_expr
