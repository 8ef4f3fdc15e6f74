"""The offline chart renderer and the self-contained HTML export (no kernel, no browser).

Synthetic charts and notebooks only. Running notebooks is tested in
tests/integration/test_report.py and test_notebooks.py, the real browser in test_browser.py.
"""

from __future__ import annotations

import re

import altair as alt
import nbformat
import polars as pl
import pytest

from analysis import report
from analysis.io import DiscourseError


def small_chart(title: str = "Word tokens per text") -> alt.Chart:
    # Word tokens per primary text, as counted by analysis.tokens (269, 229, 861).
    frame = pl.DataFrame({"text_id": ["petition", "response", "letter"], "n": [269, 229, 861]})
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(x="text_id:N", y="n:Q", tooltip=["text_id", "n"])
        .properties(title=title, description="Bar chart of word tokens per text.")
    )


def test_bundle_defines_vega_embed_and_can_be_inlined():
    js = report.vega_bundle()
    assert len(js) > 500_000  # vega + vega-lite + vega-embed, not a loader stub
    assert "window.vegaEmbed" in js and report.READY_EVENT in js
    assert "</script" not in js.lower() and "<!--" not in js
    # Nothing fetched at run time: no dynamic import of a URL, no CDN.
    assert not re.search(r"""import\s*\(\s*["']https?:""", js)
    assert "cdn.jsdelivr" not in js and "unpkg.com" not in js


def test_chart_html_is_self_contained_and_deterministic():
    spec = small_chart().to_dict()
    a = report.chart_html(spec, element_id="vega-test")
    b = report.chart_html(spec, element_id="vega-test")
    assert a == b
    assert a.count(f'{report.BUNDLE_ATTR}="{report.VL_VERSION}"') == 1
    assert '<div id="vega-test" class="discourse-vega-chart"' in a
    assert report.external_resources(a) == []
    # The spec is embedded verbatim (parsed back from the page) with tooltips on.
    assert report.chart_specs(a) == [spec]
    assert '"tooltip": true' in a and '"renderer": "svg"' in a


def test_chart_ids_are_derived_from_the_spec():
    spec = small_chart("Ids").to_dict()
    report._shown.clear()
    first, second = report.chart_id(spec), report.chart_id(spec)
    assert re.fullmatch(r"vega-[0-9a-f]{12}", first)
    assert second == f"{first}-1"  # shown twice in one notebook: still unique
    report._shown.clear()
    assert report.chart_id(spec) == first  # a fresh kernel gives the same id
    assert report.chart_id(small_chart("Other").to_dict()) != first


def test_text_in_a_spec_cannot_close_the_script():
    spec = small_chart("</script><script>alert(1)</script> <!-- x").to_dict()
    page = report.chart_html(spec, element_id="vega-x", bundle=False)
    assert page.lower().count("</script>") == 2  # the spec's and the draw script's own ends
    assert "<!--" not in page
    assert 'aria-label="&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &lt;!-- x"' in page
    assert report.chart_specs(page)[0]["title"] == "</script><script>alert(1)</script> <!-- x"


def test_enable_offline_renderer_is_what_altair_uses():
    previous = alt.renderers.active
    try:
        report.enable_offline_renderer()
        report.enable_offline_renderer()  # idempotent
        assert alt.renderers.active == report.RENDERER
        bundle = small_chart()._repr_mimebundle_()
        assert set(bundle) == {"text/html", "text/plain"}
        assert report.CHART_CLASS in bundle["text/html"]
        assert report.BUNDLE_ATTR in bundle["text/html"]
        assert report.external_resources(bundle["text/html"]) == []
        assert bundle["text/plain"] == "<Chart: Word tokens per text>"
    finally:
        alt.renderers.enable(previous)


@pytest.mark.parametrize("where", ["analysis.report", "analysis.charts"])
def test_setup_notebook_enables_the_offline_renderer(where):
    import importlib

    setup_notebook = importlib.import_module(where).setup_notebook
    previous = alt.renderers.active
    transformer = (alt.data_transformers.active, dict(alt.data_transformers.options))
    try:
        alt.renderers.enable("default")
        setup_notebook()
        assert alt.renderers.active == report.RENDERER
    finally:
        alt.renderers.enable(previous)
        alt.data_transformers.enable(transformer[0], **transformer[1])


@pytest.mark.parametrize(
    "page, found",
    [
        ('<script src="https://cdn.example/require.js"></script>', 1),
        ('<script src="//cdn.example/x.js"></script>', 1),
        ('<link rel="stylesheet" href="https://fonts.example/css">', 1),
        ("<style>@import url(https://fonts.example/a.css);</style>", 1),
        ("<style>body { background: url('http://x.example/a.png') }</style>", 1),
        ('<div style="background:url(https://x.example/b.png)"></div>', 1),
        ('<img src="http://x.example/a.png">', 1),
        ('<iframe src="https://x.example/"></iframe>', 1),
        ('<a href="https://www.ourcommons.ca/">a link is not a request</a>', 0),
        ('<img src="data:image/png;base64,AAAA"><img src="../figures/a.svg">', 0),
        ('<script type="module">const u = "https://vega.github.io/schema";</script>', 0),
    ],
)
def test_external_resources_finds_every_network_load(page, found):
    assert len(report.external_resources(page)) == found


def test_dedupe_bundle_keeps_the_first_copy_only():
    spec = small_chart().to_dict()
    page = "\n".join(report.chart_html(spec, element_id=f"vega-{i}") for i in range(3))
    assert page.count(report.BUNDLE_ATTR) == 3
    once = report.dedupe_bundle(page)
    assert once.count(report.BUNDLE_ATTR) == 1
    assert len(report.chart_specs(once)) == 3  # every chart still drawn
    assert once.count("function drawPending()") == 3
    assert once.index(report.BUNDLE_ATTR) < once.index('id="vega-1"')


def executed_notebook() -> nbformat.NotebookNode:
    """A notebook as nbclient leaves it: two charts, a frame with markup in it, a stream."""
    spec = small_chart().to_dict()
    report._shown.clear()
    chart = nbformat.v4.new_output("display_data", data=report.offline_renderer(spec))
    again = nbformat.v4.new_output("display_data", data=report.offline_renderer(spec))
    frame = pl.DataFrame({"kwic": ["<i>Khojaly</i> & co"]})
    table = nbformat.v4.new_output(
        "execute_result",
        data={"text/html": frame._repr_html_(), "text/plain": str(frame)},
        execution_count=3,
    )
    stream = nbformat.v4.new_output("stream", name="stdout", text="<b>not bold</b> & more\n")
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(
            "# 99 · A test report\n\nInline maths such as $x^2$ stays as text."
        ),
        nbformat.v4.new_code_cell("chart", outputs=[chart, again], execution_count=1),
        nbformat.v4.new_code_cell("frame", outputs=[table, stream], execution_count=2),
    ]
    return nb


def test_export_html_is_self_contained_with_one_bundle():
    page = report.export_html(executed_notebook(), name="99-test")
    assert page.count(report.BUNDLE_ATTR) == 1
    assert report.external_resources(page) == []
    for needle in ("require.js", "require.min.js", "MathJax", "mathjax", "html-manager", "mermaid"):
        assert needle not in page, needle
    assert page.count(f'class="{report.CHART_CLASS}"') == 2
    assert f'<meta name="{report.CHART_COUNT_META}" content="2">' in page
    assert "<title>99 · A test report</title>" in page
    assert '<a href="index.html">← All reports' in page  # back to the index
    # Under 1.5 MB: the ~0.9 MB bundle once, not once per chart.
    assert len(page) < 1_500_000


def test_export_html_escapes_document_text():
    page = report.export_html(executed_notebook(), name="99-test")
    assert "<i>Khojaly</i>" not in page
    assert '<td>"&lt;i&gt;Khojaly&lt;/i&gt; &amp; co"</td>' in page
    assert "<b>not bold</b>" not in page and "&lt;b&gt;not bold&lt;/b&gt; &amp; more" in page


def test_export_html_refuses_a_page_that_would_load_from_the_network():
    nb = executed_notebook()
    html_out = nbformat.v4.new_output(
        "display_data", data={"text/html": '<script src="https://cdn.example/x.js"></script>'}
    )
    nb.cells.append(nbformat.v4.new_code_cell("x", outputs=[html_out], execution_count=4))
    with pytest.raises(DiscourseError, match=r"report 99-test: .*https://cdn.example/x.js"):
        report.export_html(nb, name="99-test")


def test_count_charts_and_title():
    nb = executed_notebook()
    assert report.count_charts(nb) == 2
    assert report.notebook_title(nb, "x") == "99 · A test report"
    assert report.notebook_title(nbformat.v4.new_notebook(), "fallback") == "fallback"


def test_escape_markdown_shows_document_text_literally():
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    text = "Canada <i>will</i> act *now* & [see](x) under_score"
    quoted = report.escape_markdown(text)
    assert quoted == r"Canada &lt;i&gt;will&lt;/i&gt; act \*now\* &amp; \[see\]\(x\) under\_score"
    rendered = markdown2html_mistune(f"The response reads: “{quoted}”.")
    assert rendered == (
        "<p>The response reads: “Canada &lt;i&gt;will&lt;/i&gt; act *now* &amp; [see](x) "
        "under_score”.</p>\n"
    )
