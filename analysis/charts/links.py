"""Links from chart marks to the reports' concordance browser.

A chart of terms opts in with :func:`with_kwic_href` (a data column holding
``#kwic=<url-encoded term>`` per row) and :func:`kwic_href_encoding` (the Vega-Lite ``href``
channel that reads it): clicking a mark sets the page's hash, and the browser that
:mod:`analysis.report.concordance_browser` adds to the report shows that term's lines. The
link lives in the charts layer so that chart builders need nothing from the report layer.
"""

from __future__ import annotations

from urllib.parse import quote

import altair as alt
import polars as pl

#: The hash a chart mark links to; the browser shows the lines of the pattern after it.
KWIC_HASH = "#kwic="
#: The data column :func:`with_kwic_href` adds and :func:`kwic_href_encoding` reads.
KWIC_HREF_COLUMN = "kwic_href"


def kwic_href(term: str) -> str:
    """The link a chart mark carries to show ``term``'s concordance: ``#kwic=<encoded>``."""
    return KWIC_HASH + quote(term, safe="")


def with_kwic_href(frame: pl.DataFrame, column: str) -> pl.DataFrame:
    """``frame`` with a :data:`KWIC_HREF_COLUMN` linking each row's ``column`` value."""
    return frame.with_columns(
        pl.col(column)
        .map_elements(kwic_href, return_dtype=pl.String)
        .fill_null("")
        .alias(KWIC_HREF_COLUMN)
    )


def kwic_href_encoding() -> alt.Href:
    """The Vega-Lite ``href`` channel of a chart made with :func:`with_kwic_href`."""
    return alt.Href(f"{KWIC_HREF_COLUMN}:N")
