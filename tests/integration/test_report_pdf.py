"""``discourse report --pdf``'s printing: one small report printed by the system Chromium.

Skipped where no Chromium is found (``chromium`` on the PATH or ``DISCOURSE_CHROMIUM``); the
message without one is tested in tests/unit/test_report_pdf.py.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from analysis import report
from analysis.io import DiscourseError
from analysis.report import pdf


def _chromium():
    try:
        return pdf.find_chromium()
    except DiscourseError:
        return None


CHROMIUM = _chromium()


@pytest.mark.integration
@pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (apt-get install chromium)")
def test_a_report_is_printed_to_pdf_in_the_same_generation(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 96 · printed\n\nA short report printed to PDF."),
        nbformat.v4.new_code_cell(
            "from analysis.charts import setup_notebook\nsetup_notebook()\n"
            "import altair as alt, polars as pl\n"
            "frame = pl.DataFrame({'text_id': ['t-one', 't-two'], 'n': [11, 8]})\n"
            "alt.Chart(frame).mark_bar().encode(x='text_id:N', y='n:Q')"
        ),
    ]
    path = tmp_path / "96-printed.ipynb"
    nbformat.write(nb, path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "95-gone.pdf").write_bytes(b"%PDF old")  # a removed notebook's PDF
    lines: list[str] = []

    def finish(done, folder):
        for stale in folder.glob("[0-9][0-9]-*.pdf"):
            stale.unlink()
        # Inside the generation: the PDFs are swapped in with the pages, or not at all.
        assert not (out / "96-printed.pdf").exists()
        pdf.print_reports([folder / r.path.name for r in done], progress=lines.append)

    built = report.build_reports(out, [path], progress=lines.append, finish=finish)
    assert [r.notebook for r in built] == ["96-printed"]
    data = (out / "96-printed.pdf").read_bytes()
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) >= 1
    assert not (out / "95-gone.pdf").exists()
    assert re.fullmatch(r"report: wrote 96-printed\.pdf \(\d+ KB\)", lines[-1])
