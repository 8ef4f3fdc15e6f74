"""Integration: every exported report draws every chart in headless Chromium, offline.

Debian's Chromium (``/usr/bin/chromium``, installed by ``.ci/run``) is driven by Playwright's
Python package. Every request that is not a ``file://`` URL is aborted and recorded; the test
asserts there were none, that each chart container the notebook showed became a Vega view with
data marks, that there were no console errors, and saves a full-page screenshot of each report
to ``reports/screenshots/``.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from analysis import paths, report
from integration.conftest import BROWSER_MARKS, MARKUP, STATEMENT_TITLE
from integration.test_notebooks import NOTEBOOKS, ReportBuild, report_build

SCREENSHOTS = paths.REPORTS / "screenshots"

pytestmark = BROWSER_MARKS

# Per Vega view: how many items its data marks hold (axes, legends and titles excluded).
VIEW_MARKS_JS = """
() => (window.discourseVegaViews || []).map((view) => {
  let items = 0;
  const walk = (node) => {
    if (!node) return;
    if (node.marktype && node.marktype !== "group" && node.role === "mark") {
      items += (node.items || []).length;
    }
    (node.items || []).forEach(walk);
  };
  walk(view.scenegraph().root);
  return items;
})
"""
SETTLED_JS = f"""
() => [...document.querySelectorAll(".{report.CHART_CLASS}")].every(
  (el) => el.dataset.vegaRendered === "true" || el.dataset.vegaError !== undefined)
"""


@pytest.fixture(scope="session")
def reports_build(tmp_path_factory) -> ReportBuild:
    """The reports `discourse report` built (shared with test_notebooks.py: executed once)."""
    return report_build(tmp_path_factory)


def open_offline(browser, path: Path):
    """Open a file with every non-file request aborted; return (page, blocked, errors)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    blocked: list[str] = []
    errors: list[str] = []

    def route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: errors.append(f"request failed: {r.url}"))
    page.goto(path.as_uri(), wait_until="load")
    return page, blocked, errors


def hover_for_tooltip(page, tries: int = 12) -> str:
    """Hover data marks until a Vega tooltip shows; return its text ("" if none did)."""
    from playwright.sync_api import Error

    marks = page.locator(f".{report.CHART_CLASS} .role-mark > *")
    hovered = 0
    for i in range(min(200, marks.count())):
        box = marks.nth(i).bounding_box()
        if not box or box["width"] < 1 or box["height"] < 1:
            continue  # zero-width bars (a count of 0) cannot be hovered
        try:
            marks.nth(i).hover(force=True, timeout=5_000)
        except Error:
            continue
        hovered += 1
        if hovered > tries:
            break
        tip = page.locator("#vg-tooltip-element.visible")
        if tip.count():
            return tip.first.inner_text()
    return ""


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_chart_renders_offline(nb, browser, reports_build):
    assert reports_build.returncode == 0, reports_build.failure()
    path = reports_build.reports / f"{nb.stem}.html"
    page, blocked, errors = open_offline(browser, path)
    try:
        expected = int(
            page.locator(f'meta[name="{report.CHART_COUNT_META}"]').get_attribute("content")
        )
        containers = page.locator(f".{report.CHART_CLASS}").count()
        page.wait_for_function(SETTLED_JS, timeout=60_000)
        marks = page.evaluate(VIEW_MARKS_JS)
        failed = page.evaluate(
            f"""() => [...document.querySelectorAll(".{report.CHART_CLASS}[data-vega-error]")]
                .map((el) => el.id + ": " + el.dataset.vegaError)"""
        )
        tooltip = hover_for_tooltip(page) if expected else ""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{nb.stem}.png"), full_page=True)
    finally:
        page.close()
    assert blocked == [], f"{nb.stem}: requests left the page: {blocked}"
    assert errors == [], f"{nb.stem}: console errors: {errors}"
    assert failed == []
    assert containers == expected, f"{nb.stem}: {containers} chart containers, {expected} shown"
    assert len(marks) == expected, f"{nb.stem}: {len(marks)} Vega views for {expected} charts"
    assert all(n > 0 for n in marks), f"{nb.stem}: views without data marks: {marks}"
    if expected:
        assert tooltip, f"{nb.stem}: hovering data marks showed no tooltip"
    assert expected >= 1, f"{nb.stem} shows no chart"


def test_index_page_opens_offline(browser, reports_build):
    assert reports_build.returncode == 0, reports_build.failure()
    page, blocked, errors = open_offline(browser, reports_build.reports / "index.html")
    try:
        links = page.eval_on_selector_all("main a[href$='.html']", "els => els.map(e => e.href)")
        broken = page.eval_on_selector_all(
            "img", "els => els.filter(e => !e.complete || e.naturalWidth === 0).map(e => e.src)"
        )
        images = page.locator("img").count()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "index.png"), full_page=True)
    finally:
        page.close()
    assert blocked == [] and errors == [], (blocked, errors)
    assert [Path(link).name for link in links] == [f"{nb.stem}.html" for nb in NOTEBOOKS]
    assert broken == []
    assert images >= 1


def test_charts_with_the_same_id_are_all_drawn(browser, tmp_path):
    """JupyterLab can show one notebook in two tabs: equal ids must not leave a chart blank."""
    import altair as alt
    import polars as pl

    frame = pl.DataFrame({"text_id": ["petition", "response", "letter"], "n": [11, 8, 30]})
    spec = alt.Chart(frame).mark_bar().encode(x="text_id:N", y="n:Q").to_dict()
    body = "\n".join(report.chart_html(spec, element_id="vega-same") for _ in range(2))
    path = tmp_path / "same-id.html"
    path.write_text(
        f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{body}</body></html>"
    )
    page, blocked, errors = open_offline(browser, path)
    try:
        page.wait_for_function(SETTLED_JS, timeout=60_000)
        marks = page.evaluate(VIEW_MARKS_JS)
        placeholders = page.locator(f".{report.CHART_CLASS}-placeholder").count()
    finally:
        page.close()
    assert blocked == [] and errors == [], (blocked, errors)
    assert marks == [3, 3] and placeholders == 0


# --- markup in a text's title, speaker and sentences is shown, never run ---------------------

#: What of the page is markup that came from the texts (it must all be empty).
RUN_MARKUP_JS = """
() => ({
  handlers: [...document.querySelectorAll("*")]
    .filter((e) => [...e.attributes].some((a) => a.name.startsWith("on") && a.value.includes("xss")))
    .map((e) => e.outerHTML.slice(0, 160)),
  links: [...document.querySelectorAll("a[href]")]
    .filter((a) => /^\\s*javascript:/i.test(a.getAttribute("href")))
    .map((a) => a.outerHTML.slice(0, 160)),
  scripts: [...document.scripts]
    .filter((s) => /^\\s*alert\\(/.test(s.textContent))
    .map((s) => s.outerHTML.slice(0, 160)),
  images: [...document.querySelectorAll("img")]
    .filter((i) => (i.getAttribute("src") || "").includes("xss-probe"))
    .map((i) => i.outerHTML.slice(0, 160)),
  emphasis: [...document.querySelectorAll("strong, b, em, i")]
    .filter((e) => e.textContent === "bold" || e.textContent === "words")
    .map((e) => e.outerHTML),
})
"""
#: The text a reader sees: the page's rendered text and the text drawn in its charts.
SHOWN_TEXT_JS = """
() => document.body.innerText + "\\n" +
  [...document.querySelectorAll("svg text")].map((t) => t.textContent).join("\\n")
"""

#: Show the tooltip of every chart item whose data mention ``needle`` (through each view's own
#: tooltip handler, as a hover does) and return the text each tooltip showed.
TOOLTIPS_JS = """
(needle) => {
  const shown = [];
  (window.discourseVegaViews || []).forEach((view) => {
    const handler = view.tooltip();
    const walk = (node) => {
      (node.items || []).forEach((item) => {
        if (handler && item.tooltip != null && item.datum
            && JSON.stringify(item.datum).includes(needle)) {
          const event = new MouseEvent("mousemove", {clientX: 10, clientY: 10});
          handler.call(view, handler, event, item, item.tooltip);
          const tip = document.getElementById("vg-tooltip-element");
          shown.push(tip ? tip.innerText : "");
        }
        if (item.items) walk(item);
      });
    };
    walk(view.scenegraph().root);
  });
  return shown;
}
"""


def open_watched(browser, path: Path):
    """Open a file recording dialogs, requests, script errors; only file:/data:/about: load."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    seen: dict[str, list[str]] = {"dialogs": [], "requests": [], "errors": []}

    def on_dialog(dialog):
        seen["dialogs"].append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def local(url: str) -> bool:
        return url.startswith(("file:", "data:", "about:")) and "xss-probe" not in url

    def route(r):
        r.continue_() if local(r.request.url) else r.abort()

    page.route("**/*", route)
    page.on("dialog", on_dialog)
    page.on("request", lambda r: None if local(r.url) else seen["requests"].append(r.url))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.goto(path.as_uri(), wait_until="load")
    return page, seen


def test_markup_in_texts_is_shown_as_text_and_never_runs(browser, reports_build):
    """A text added with markup, links and template syntax in its title, speaker and words."""
    assert reports_build.returncode == 0, reports_build.failure()
    pages = [reports_build.reports / f"{nb.stem}.html" for nb in NOTEBOOKS]
    pages.append(reports_build.reports / "index.html")
    problems, shown, tooltips = {}, {}, {}
    for path in pages:
        page, seen = open_watched(browser, path)
        try:
            tips = []
            if page.locator(f".{report.CHART_CLASS}").count():
                page.wait_for_function(SETTLED_JS, timeout=60_000)
                tips = page.evaluate(TOOLTIPS_JS, "xss-")  # the statement's label and sentence
                page.wait_for_timeout(200)  # let anything a tooltip started run
            ran = page.evaluate(RUN_MARKUP_JS)
            shown[path.name] = page.evaluate(SHOWN_TEXT_JS)
            tooltips[path.name] = tips
        finally:
            page.close()
        found = {k: v for k, v in {**seen, **ran}.items() if v}
        if found:
            problems[path.name] = found
    assert problems == {}, f"markup from the texts ran or was rendered: {problems}"
    # Shown literally: the title on every page (in prose, a table or a chart), each piece of
    # markup in at least one page or chart tooltip, and the statement's sentence in tooltips.
    assert [name for name, text in shown.items() if STATEMENT_TITLE not in text] == []
    everything = list(shown.values()) + [t for tips in tooltips.values() for t in tips]
    never = [m for m in MARKUP if not any(m in text for text in everything)]
    assert never == [], f"never shown as text: {never}"
    sentence = [t for tips in tooltips.values() for t in tips if "Its flyer prints" in t]
    assert sentence and all(all(m in t for m in MARKUP[2:]) for t in sentence), sentence


# --- the concordance browser: type a pattern, click a chart bar -----------------------------

KWIC_ROWS_JS = """
() => [...document.querySelectorAll("#discourse-kwic-table tbody tr")].map((r) => [
  r.cells[0].textContent,
  r.cells[1].querySelector("summary").textContent,
  r.cells[1].querySelector("summary").title,
  r.cells[2].textContent,
  r.cells[3].textContent,
  r.cells[4].textContent,
])
"""
#: Keyness bars link to their term's lines (Vega-Lite labels each mark with its fields).
KEYNESS_BAR = '[role="graphics-symbol"][aria-label*="Signed G2"][aria-label*="kwic_href: #kwic="]'


def _kwic(build: ReportBuild, pattern: str) -> list[tuple[str, str, str, str, str, str]]:
    """``kwic(pattern)`` on the report's corpus, as the browser's rows show it."""
    from analysis import corpus
    from analysis.measures import concordance
    from integration.test_notebooks import corpus_in_force

    with corpus_in_force(build.manifest):
        labels = corpus.text_labels()
        found = concordance.kwic(pattern)
    return [
        (labels[r["text_id"]], r["sentence_id"], f"{r['start']}-{r['end']}", *parts)
        for r in found.iter_rows(named=True)
        for parts in [(r["pre"], r["keyword"], r["post"])]
    ]


def _shown(page) -> list[tuple[str, ...]]:
    return [
        (t, s, title.split(": ", 1)[1], *rest) for t, s, title, *rest in page.evaluate(KWIC_ROWS_JS)
    ]


def test_concordance_browser_types_a_pattern_and_follows_a_chart_click(browser, reports_build):
    assert reports_build.returncode == 0, reports_build.failure()
    path = reports_build.reports / "01-terminology.html"
    page, blocked, errors = open_offline(browser, path)
    try:
        page.wait_for_function(SETTLED_JS, timeout=60_000)
        typed = {}
        for pattern in ("genocid*", "territorial integrity", "Nagorno-Karabakh"):
            page.fill("#discourse-kwic-input", pattern)
            typed[pattern] = _shown(page)
        page.fill("#discourse-kwic-input", "genocid*")
        page.click('#discourse-kwic button[data-sort="right"]')
        by_right = _shown(page)
        page.click('#discourse-kwic button[data-sort="text"]')
        by_text = _shown(page)
        bar = page.locator(KEYNESS_BAR).first
        href = bar.get_attribute("aria-label").split("kwic_href: #kwic=", 1)[1]
        term = unquote(href.split(";", 1)[0].strip())
        bar.click(force=True)
        page.wait_for_function(
            "(term) => document.querySelector('#discourse-kwic-input').value === term", arg=term
        )
        clicked = _shown(page)
        status = page.inner_text("#discourse-kwic-status")
        bars = page.locator(KEYNESS_BAR).count()
    finally:
        page.close()
    assert blocked == [] and errors == [], (blocked, errors)
    counts = {pattern: len(rows) for pattern, rows in typed.items()}
    print(f"typed: {counts}; clicked {term!r} (of {bars} keyness bars): {len(clicked)} lines")
    for pattern, rows in typed.items():
        assert rows == _kwic(reports_build, pattern), pattern
    assert counts["genocid*"] > 0 and counts["Nagorno-Karabakh"] > 0
    assert sorted(by_right) == sorted(typed["genocid*"]) and by_text == typed["genocid*"]
    assert by_right != by_text  # the right-context sort reorders the lines
    assert clicked == _kwic(reports_build, term) and len(clicked) > 0
    assert status.startswith(f"{len(clicked)} line") and term in status


# --- reports that read like a paper: code hidden, numbered figures, no overflow ---------------

#: What of the page's layout a reader sees (code inputs, tables, charts, headings).
LAYOUT_JS = f"""
() => {{
  // checkVisibility: content of a closed <details> still has boxes, but is not shown.
  const shown = (el) => el.checkVisibility({{visibilityProperty: true}});
  const width = window.innerWidth;
  // A table or chart fits when it, or the scroll box it sits in, lies inside the page.
  const box = (el) => {{
    for (let a = el.parentElement; a; a = a.parentElement) {{
      const overflow = getComputedStyle(a).overflowX;
      if (overflow === "auto" || overflow === "scroll" || overflow === "hidden") return a;
    }}
    return el;
  }};
  const wide = [...document.querySelectorAll("table, .{report.CHART_CLASS}")]
    .filter(shown)
    .map((el) => [el, box(el).getBoundingClientRect()])
    .filter(([el, r]) => r.right > width + 1 || r.left < -1)
    .map(([el, r]) => el.tagName + "." + el.className + " right=" + Math.round(r.right));
  return {{
    inputs: document.querySelectorAll(".jp-CodeCell .jp-InputArea-editor").length,
    visibleInputs: [...document.querySelectorAll(".jp-CodeCell .jp-InputArea-editor")]
      .filter(shown).length,
    visiblePrompts: [...document.querySelectorAll(".jp-InputPrompt, .jp-OutputPrompt")]
      .filter((el) => shown(el) && el.textContent.trim()).length,
    pageWidth: document.documentElement.scrollWidth,
    wide: wide,
    dtypeRows: document.querySelectorAll("table.dataframe thead tr:nth-child(2)").length,
    undrawn: [...document.querySelectorAll(".{report.CHART_CLASS}")]
      .filter((el) => !el.querySelector("svg, canvas")).map((el) => el.id),
    figures: [...document.querySelectorAll("figure.discourse-figure > figcaption b")]
      .map((b) => b.textContent),
    tables: [...document.querySelectorAll("figure.discourse-table > figcaption b")]
      .map((b) => b.textContent),
    references: [...document.querySelectorAll("h1, h2, h3, h4")]
      .filter((h) => /^References\\b/.test(h.textContent.trim())).length,
    headerRows: document.querySelectorAll(".discourse-header tbody tr").length,
    text: document.body.innerText,
  }};
}}
"""


def open_recording(browser, path: Path):
    """Open a file offline, recording console errors and warnings apart; charts settled."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    seen: dict[str, list[str]] = {"blocked": [], "errors": [], "warnings": []}

    def route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            seen["blocked"].append(r.request.url)
            r.abort()

    def console(m):
        if m.type == "error":
            seen["errors"].append(m.text)
        elif m.type == "warning":
            seen["warnings"].append(m.text)

    page.route("**/*", route)
    page.on("console", console)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_function(SETTLED_JS, timeout=60_000)
    return page, seen


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_report_reads_like_a_paper(nb, browser, reports_build):
    from analysis.corpus.manifest import manifest

    assert reports_build.returncode == 0, reports_build.failure()
    path = reports_build.reports / f"{nb.stem}.html"
    texts = len(manifest(reports_build.manifest).texts)
    number = int(nb.stem[:2])
    shots = SCREENSHOTS / "paper"
    shots.mkdir(parents=True, exist_ok=True)
    page, seen = open_recording(browser, path)
    try:
        before = page.evaluate(LAYOUT_JS)
        page.screenshot(path=str(shots / f"{nb.stem}-top.png"))
        charts = page.locator("figure.discourse-figure")  # the chart with its caption
        for i in range(charts.count()):
            charts.nth(i).scroll_into_view_if_needed()
            charts.nth(i).screenshot(path=str(shots / f"{nb.stem}-figure-{i + 1}.png"))
        # One cell's own toggle shows that cell's code only.
        summary = page.locator("details.discourse-code > summary:visible").first
        summary.click()
        one = page.evaluate(LAYOUT_JS)["visibleInputs"]
        summary.click()
        page.click("#discourse-code-toggle")
        shown = page.evaluate(LAYOUT_JS)
        label = page.inner_text("#discourse-code-toggle")
        page.click("#discourse-code-toggle")
        hidden = page.evaluate(LAYOUT_JS)
    finally:
        page.close()
    expected = int(
        re.search(rf'<meta name="{report.CHART_COUNT_META}" content="(\d+)"', path.read_text())[1]
    )
    assert seen["blocked"] == [] and seen["errors"] == [], seen
    assert before["inputs"] > 0 and before["visibleInputs"] == 0, before["visibleInputs"]
    assert before["visiblePrompts"] == 0
    assert one == 1
    assert shown["visibleInputs"] == shown["inputs"] == before["inputs"] and label == "Hide code"
    assert hidden["visibleInputs"] == 0
    assert "shape: (" not in before["text"] and before["dtypeRows"] == 0
    assert before["pageWidth"] <= 1280 and before["wide"] == [], before["wide"]
    assert before["undrawn"] == []
    assert before["figures"] == [f"Figure {number}.{k}." for k in range(1, expected + 1)]
    assert before["tables"] == [f"Table {number}.{k}." for k in range(1, len(before["tables"]) + 1)]
    assert before["references"] >= 1, f"{nb.stem}: no References heading"
    assert before["headerRows"] == texts


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_report_has_no_console_warnings(nb, browser, reports_build):
    assert reports_build.returncode == 0, reports_build.failure()
    page, seen = open_recording(browser, reports_build.reports / f"{nb.stem}.html")
    page.close()
    warnings = sorted(set(seen["warnings"]))
    assert warnings == [], f"{nb.stem}: {len(seen['warnings'])} console warnings: {warnings}"
