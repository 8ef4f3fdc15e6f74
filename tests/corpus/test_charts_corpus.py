"""Notebook 00's charts: valid Vega-Lite that renders, built from the corpus."""

import json

import polars as pl

from analysis import corpus
from analysis.charts import corpus as corpus_charts
from analysis.charts import text_colours

from .charts_check import validated_svg


def test_composition_table_sums_to_segment_characters():
    segs = corpus.corpus_segments()
    comp = corpus_charts.corpus_composition(segs)
    assert comp["characters"].sum() == (segs["end"] - segs["start"]).sum()
    body = comp.filter(pl.col("role") == "letter_body").row(0, named=True)
    assert body["segments"] == 12 and body["text"] == "Open letter (2023)"
    assert (
        comp.filter(pl.col("role") == "reader_comment")["text"].item() == "not compared by default"
    )


def test_every_corpus_figure_validates_and_renders():
    for spec in corpus_charts.FIGURES():
        chart = spec.build()
        d, svg = validated_svg(chart)
        assert "<path" in svg or "<rect" in svg
        assert json.loads(chart.to_json()) == d


def test_text_colours_are_fixed():
    spec = corpus_charts.FIGURES()[1].build().to_dict()
    assert list(text_colours().values()) == ["#E69F00", "#0072B2", "#009E73"]
    assert "#E69F00" in json.dumps(spec)


def test_chart_labels_match_the_manifest():
    from analysis.charts import text_labels

    assert text_labels() == corpus.text_labels()
    assert list(text_labels()) == list(corpus.text_ids())


def test_default_captions_and_titles_read_as_before():
    specs = corpus_charts.FIGURES()
    assert specs[0].caption == (
        "Characters per document part in each raw page; the three primary texts in colour."
    )
    assert specs[1].build().to_dict()["title"] == {"text": "Size of the three primary texts"}
    description = specs[0].build().to_dict()["description"]
    assert description.startswith(
        "Bar chart of characters per document part in each of the two raw files. The parts of "
        "the three compared texts are coloured by text (Petition e-3780: petition preamble, "
        "petition call, petition demand; Government response: government response; "
        "Open letter (2023): letter body, letter call, letter closing); the other parts ("
    )
