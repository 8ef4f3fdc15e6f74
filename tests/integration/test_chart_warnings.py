"""Integration: every registered figure draws in headless Chromium with no Vega warnings.

Each figure's Vega-Lite spec (built from the registry, as ``discourse figures`` builds it) is
put into a minimal offline page with the vendored Vega scripts the reports embed
(:func:`analysis.report.render.chart_html`), opened in Debian's Chromium through Playwright,
and every console message is recorded: Vega-Lite logs compile problems ("Channel order is
inappropriate ...", "Conflicting legend property ...") as console warnings. The test asserts
that each chart is drawn and that no warning or error was logged. vl-convert renders every spec
too (the figures' SVG), so a spec it rejects fails here as well, and no text it draws may be a
snake_case code (every label goes through a label map: :mod:`analysis.charts.labels`).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from analysis import figures
from analysis.report import render
from integration.conftest import BROWSER_MARKS

pytestmark = BROWSER_MARKS

#: A snake_case code as a measure returns it.
CODE = re.compile(r"\b[a-z]+_[a-z_]+\b")
SPECS = {spec.name: spec for spec in figures.registry()}
STATE_JS = "() => document.getElementById('chart').dataset.vegaState"


def draw(browser, spec: dict, tmp_path: Path) -> tuple[str, list[tuple[str, str]], list[str]]:
    """Open ``spec`` offline; return its drawing state, console messages and blocked URLs."""
    page_path = tmp_path / "chart.html"
    page_path.write_text(
        "<!doctype html><html><head><meta charset='utf-8'><title>chart</title></head><body>"
        + render.chart_html(spec, element_id="chart")
        + "</body></html>",
        encoding="utf-8",
    )
    page = browser.new_page()
    messages: list[tuple[str, str]] = []
    blocked: list[str] = []
    page.on("console", lambda m: messages.append((m.type, m.text)))
    page.on("pageerror", lambda e: messages.append(("pageerror", str(e))))

    def route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    try:
        page.goto(page_path.as_uri())
        page.wait_for_function(f"() => ['drawn', 'error'].includes(({STATE_JS})())")
        state = page.evaluate(f"({STATE_JS})()")
    finally:
        page.close()
    return state, messages, blocked


@pytest.mark.parametrize("name", sorted(SPECS))
def test_figure_draws_without_vega_warnings(browser, tmp_path, name):
    import vl_convert

    spec = figures.chart_dict(SPECS[name].build())
    # vl-convert (the figures' renderer) accepts the spec as well, and every word drawn is
    # human-readable: no snake_case code (``partially_addressed``) in any label, title or cell
    svg = vl_convert.vegalite_to_svg(json.dumps(spec), vl_version=figures.VL_VERSION)
    drawn = [html.unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)]
    assert drawn
    assert [t for t in drawn if CODE.search(re.sub(r"<[^>]+>", "", t))] == []
    state, messages, blocked = draw(browser, spec, tmp_path)
    assert state == "drawn", messages
    assert blocked == []
    assert [m for m in messages if m[0] in ("warning", "error", "pageerror")] == []
