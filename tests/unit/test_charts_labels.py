"""Text labels inside Vega expressions: any label, any number of texts, rendered by Vega."""

from __future__ import annotations

import html
import re

import altair as alt
import polars as pl
import vl_convert

from analysis import charts

LABELS = {
    "alpha": 'Children\'s "Schools" petition',
    "beta": "Back\\slash reply",
    "gamma": "Line\nbreak",
    "delta": "Plain",
    "epsilon": "Fifth text",
}


def test_vega_string_escapes_quotes_backslashes_and_line_breaks():
    assert charts.vega_string("it's") == "'it\\'s'"
    assert charts.vega_string('a "b"') == "'a \"b\"'"
    assert charts.vega_string("a\\b") == "'a\\\\b'"
    assert charts.vega_string("a\nb") == "'a\\nb'"


def test_label_expr_of_the_default_form_is_unchanged():
    # Labels without quotes keep the exact expression committed figures were written with.
    assert charts.text_label_expr({"a": "Petition e-3780", "b": "Open letter (2023)"}) == (
        "datum.value === 'a' ? 'Petition e-3780' : datum.value === 'b' ? "
        "'Open letter (2023)' : datum.value"
    )
    assert charts.text_label_expr({}) == "datum.value"


def test_vega_draws_every_label_of_five_texts():
    frame = pl.DataFrame({"text_id": list(LABELS), "n": [5, 4, 3, 2, 1]})
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x="n:Q",
            y=alt.Y("text_id:N", axis=alt.Axis(labelExpr=charts.text_label_expr(LABELS))),
        )
    )
    svg = vl_convert.vegalite_to_svg(chart.to_json(), vl_version="6.4")
    drawn = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    assert set(LABELS.values()) <= set(drawn)  # every label drawn exactly as written
    assert not set(LABELS) & set(drawn)  # no id left unmapped


def test_charts_does_not_import_the_report_layer():
    import subprocess
    import sys

    code = (
        "import sys, analysis.charts, analysis.figures, analysis.charts.corpus; "
        "print(sorted(m for m in sys.modules if m.startswith('analysis.report')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
