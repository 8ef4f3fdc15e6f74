"""Running notebooks for reports: failures named, pages written in order, fail fast, kernels.

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
    # Code cells only are counted (the Markdown heading is not); the first line of code is shown.
    assert "98-fails.ipynb: code cell 2 ('ratio = 1 / 0') failed: ZeroDivisionError" in message
    assert "\n" not in message
    assert not (tmp_path / "out").exists()  # no generation was swapped in, no staging left
    assert [p.name for p in tmp_path.iterdir()] == ["98-fails.ipynb"]


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
    built = report.build_reports(
        out,
        [path],
        progress=lines.append,
        finish=lambda done, folder: (folder / "index.html").write_text(str(len(done))),
    )
    assert [(r.notebook, r.title, r.charts) for r in built] == [("97-chart", "97 · a chart", 1)]
    assert lines[0] == "report: executing 97-chart.ipynb (1/1)"
    assert lines[1] == "report: finished 97-chart.ipynb (1/1)"
    assert lines[2].startswith("report: wrote 97-chart.html (1 chart, ")
    assert (out / "index.html").read_text() == "1"  # written into the same generation
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
    assert "01-bad.ipynb: code cell 1 (\"{}['missing']\") failed: KeyError: 'missing'" in last
    assert "Traceback" not in out.stderr
    assert "without encryption" not in out.stderr  # kernels run over IPC
    # Fail fast: notebooks run two at a time (00 and 01); 02 starts only if 00 ends before 01
    # fails, and nothing starts after the failure. No report page is written: the previous
    # generation (here: none) is left whole.
    assert "finished 01-bad.ipynb" not in out.stderr
    assert not (tmp_path / "reports").exists()
    assert not [p for p in tmp_path.iterdir() if ".staging-" in p.name or ".old-" in p.name]


def _tiny_notebook(path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# tiny"), nbformat.v4.new_code_cell("x = 6 * 7\nx")]
    nbformat.write(nb, path)
    return path


@pytest.mark.integration
def test_a_tiny_notebook_runs_over_ipc_without_the_tcp_warning(tmp_path, capfd):
    nb = report.execute_notebook(_tiny_notebook(tmp_path / "96-tiny.ipynb"))
    assert nb.cells[1].outputs[0]["data"]["text/plain"] == "42"
    captured = capfd.readouterr()
    assert "without encryption" not in captured.out + captured.err
    assert "Kernel is running over TCP" not in captured.out + captured.err


@pytest.mark.integration
def test_notebooks_run_concurrently_in_order_and_the_first_failure_is_raised(tmp_path):
    paths = []
    slow = "import time\ntime.sleep(8)"  # still running when 01-b and 02-c have failed
    for name, source in [("00-a", slow), ("01-b", "[][1]"), ("02-c", "{}[0]"), ("03-d", "2")]:
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(source)]
        nbformat.write(nb, tmp_path / f"{name}.ipynb")
        paths.append(tmp_path / f"{name}.ipynb")
    ok = report.execute_notebooks([paths[0], paths[3]], jobs=2, then=lambda p, nb: p.stem)
    assert ok == ["00-a", "03-d"]  # notebook order, whichever ends first
    lines: list[str] = []
    with pytest.raises(DiscourseError, match=r"01-b\.ipynb: code cell 1 \('\[\]\[1\]'\) failed: "):
        report.execute_notebooks(paths, jobs=3, progress=lines.append)
    # 01-b and 02-c both fail while running at once: the earlier notebook's error is raised.
    assert "report: executing 02-c.ipynb (3/4)" in lines
    assert not [line for line in lines if "03-d" in line]  # nothing starts after a failure


@pytest.mark.integration
def test_a_kernel_that_cannot_start_gives_one_line_and_no_atexit_traceback(tmp_path):
    """A kernel whose process exits at once stands for one that cannot bind its sockets."""

    spec = tmp_path / "jupyter" / "kernels" / "gone"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        '{"argv": ["/bin/sh", "-c", "exit 3", "{connection_file}"], '
        '"display_name": "exits at once", "language": "python"}'
    )
    notebook = _tiny_notebook(tmp_path / "95-tiny.ipynb")
    script = (
        "import sys\nfrom analysis import report\nfrom analysis.io import DiscourseError\n"
        f"try:\n    report.execute_notebook({str(notebook)!r}, kernel_name='gone')\n"
        "except DiscourseError as exc:\n    print(exc, file=sys.stderr)\n    sys.exit(2)\n"
    )
    out = _run_python(script, env={"JUPYTER_PATH": str(tmp_path / "jupyter")})
    assert out.returncode == 2
    assert out.stderr.strip().splitlines() == [
        f"{notebook}: the notebook kernel could not start: Kernel died before replying to "
        "kernel_info (is the loopback interface up?)."
    ]


def _run_python(script: str, env: dict | None = None, prefix: tuple[str, ...] = ()):
    import os
    import subprocess
    import sys

    from analysis import paths

    return subprocess.run(
        [*prefix, sys.executable, "-c", script],
        env={**os.environ, "PYTHONPATH": str(paths.ROOT), **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
    )


def _unshare_works() -> bool:
    import shutil
    import subprocess

    if not shutil.which("unshare"):
        return False
    return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0


@pytest.mark.integration
@pytest.mark.skipif(not _unshare_works(), reason="`unshare -n` is not permitted here")
def test_without_a_loopback_interface(tmp_path):
    """In a network namespace with no `lo` up: IPC kernels run; a TCP kernel fails in one line."""
    notebook = _tiny_notebook(tmp_path / "94-tiny.ipynb")
    script = (
        "import sys\nfrom analysis import report\nfrom analysis.io import DiscourseError\n"
        f"nb = report.execute_notebook({str(notebook)!r})\n"
        "print(nb.cells[1].outputs[0]['data']['text/plain'])\n"
        "try:\n"
        f"    report.execute_notebook({str(notebook)!r}, transport='tcp', startup_timeout=5)\n"
        "except DiscourseError as exc:\n    print(exc, file=sys.stderr)\n    sys.exit(2)\n"
    )
    out = _run_python(script, prefix=("unshare", "-n"))
    assert out.stdout.strip() == "42"  # IPC needs no network interface
    assert out.returncode == 2
    errors = [line for line in out.stderr.splitlines() if "WARNING" not in line]
    assert errors == [
        f"{notebook}: the notebook kernel could not start: Kernel didn't respond in 5 seconds "
        "(is the loopback interface up?)."
    ]
