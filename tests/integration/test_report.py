"""Running notebooks for reports: failures named, pages written in order, fail fast.

The synthetic renderer and export tests are in tests/unit/test_report_render.py; the full
`discourse report` run is in test_notebooks.py and the real-browser check in test_browser.py.
"""

from __future__ import annotations

import nbformat
import pytest

from analysis import report
from analysis.io import DiscourseError


@pytest.mark.integration
def test_a_failing_cell_is_named(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 98 · fails"),
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell("# the bad cell\nratio = 1 / 0"),
        nbformat.v4.new_code_cell("never = True"),
    ]
    path = tmp_path / "98-fails.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(DiscourseError) as info:
        report.build_reports(tmp_path / "out", [path])
    message = str(info.value)
    assert "98-fails.ipynb: cell 3 ('ratio = 1 / 0') failed: ZeroDivisionError" in message
    assert not (tmp_path / "out" / "98-fails.html").exists()


@pytest.mark.integration
def test_build_reports_writes_pages_in_order_and_drops_stale_ones(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 97 · a chart"),
        nbformat.v4.new_code_cell(
            "from analysis.charts import setup_notebook\nsetup_notebook()\n"
            "import altair as alt, polars as pl\n"
            "frame = pl.DataFrame({'text_id': ['petition', 'response'], 'n': [11, 8]})\n"
            "alt.Chart(frame).mark_bar().encode(x='text_id:N', y='n:Q')"
        ),
    ]
    path = tmp_path / "97-chart.ipynb"
    nbformat.write(nb, path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "42-renamed.html").write_text("old")
    (out / "notes.html").write_text("kept")
    lines: list[str] = []
    built = report.build_reports(out, [path], progress=lines.append)
    assert [(r.notebook, r.title, r.charts) for r in built] == [("97-chart", "97 · a chart", 1)]
    assert lines[0] == "report: executing 97-chart.ipynb (1/1)"
    assert lines[1].startswith("report: wrote 97-chart.html (1 charts, ")
    assert not (out / "42-renamed.html").exists() and (out / "notes.html").exists()
    page = (out / "97-chart.html").read_text()
    assert page.count(report.BUNDLE_ATTR) == 1 and report.external_resources(page) == []


@pytest.mark.integration
def test_report_command_fails_fast_naming_notebook_and_cell(tmp_path):
    import os
    import shutil
    import subprocess
    import sys

    from analysis import paths

    shutil.copytree(paths.DATA, tmp_path / "data", ignore=shutil.ignore_patterns("processed"))
    for f in (tmp_path / "data" / "raw").iterdir():
        f.chmod(0o644)
    (tmp_path / "notebooks").mkdir()
    for name, source in [("00-ok", "x = 1"), ("01-bad", "{}['missing']"), ("02-after", "y = 2")]:
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_markdown_cell(f"# {name}"), nbformat.v4.new_code_cell(source)]
        nbformat.write(nb, tmp_path / "notebooks" / f"{name}.ipynb")
    out = subprocess.run(
        [sys.executable, "-m", "analysis.cli", "report"],
        env={**os.environ, "DISCOURSE_ROOT": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert out.returncode == 2
    last = out.stderr.strip().splitlines()[-1]
    assert last.startswith("discourse report: error: ")
    assert "01-bad.ipynb: cell 2 (\"{}['missing']\") failed: KeyError: 'missing'" in last
    assert "executing 02-after.ipynb" not in out.stderr  # fail fast
    assert (tmp_path / "reports" / "00-ok.html").is_file()
    assert not (tmp_path / "reports" / "index.html").exists()
