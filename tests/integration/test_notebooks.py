"""Integration: `discourse report` executes every notebook in order, offline, and exports HTML.

The notebooks are executed ONCE per test session: :func:`report_build` runs
``discourse --manifest other/corpus.toml report`` on a seven-text corpus (the default three and
three pages added with ``discourse add``) in a scratch copy of the project (``DISCOURSE_ROOT``) and caches the result; the browser tests
(test_browser.py) open the same reports. Notebooks are committed without outputs (the reports
are the rendered artefact); this is checked here too, without running anything.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pytest

from analysis import corpus, figures, paths, report
from integration.conftest import ADDED_LABELS, audited_env, write_added_corpus

NOTEBOOKS = sorted(paths.NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_committed_without_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [], f"{path.name} cell {i} has outputs: strip them"
            assert cell.get("execution_count") is None, (
                f"{path.name} cell {i} has an execution count"
            )


def test_there_are_notebooks():
    assert any(p.name == "00-corpus.ipynb" for p in NOTEBOOKS)


# --- one `discourse report` run per session, shared with test_browser.py ----------------------


@dataclass(frozen=True)
class ReportBuild:
    """The outcome of ``discourse --manifest other/corpus.toml report`` in a scratch project.

    The manifest lists seven texts (the default three and the texts of three pages added with
    ``discourse add``, see conftest.py); its outputs go beside it, in ``other/``.
    """

    root: Path
    manifest: Path
    returncode: int
    stderr: str
    seconds: float
    figures_before: dict[str, str]
    added: tuple[str, ...] = ()

    @property
    def reports(self) -> Path:
        return self.manifest.parent / "reports"

    @property
    def figures(self) -> Path:
        return self.manifest.parent / "figures"

    def failure(self) -> str:
        return f"`discourse report` failed (exit {self.returncode}):\n" + "\n".join(
            self.stderr.splitlines()[-15:]
        )


_CACHE: dict[str, ReportBuild] = {}


def digest(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder`` (relative name -> hex)."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def report_build(tmp_path_factory: pytest.TempPathFactory) -> ReportBuild:
    """Run ``discourse report`` once per session on the seven-text corpus; later calls reuse it."""
    if "build" not in _CACHE:
        root = tmp_path_factory.mktemp("report-project")
        shutil.copytree(paths.DATA, root / "data", ignore=shutil.ignore_patterns("processed"))
        for f in (root / "data" / "raw").iterdir():
            f.chmod(0o644)
        shutil.copytree(paths.FIGURES, root / "figures")
        (root / "notebooks").mkdir()
        for nb in NOTEBOOKS:
            shutil.copy(nb, root / "notebooks" / nb.name)
        manifest, added = write_added_corpus(root, root / "other")
        before = digest(root / "figures")
        started = time.monotonic()
        out = subprocess.run(
            [sys.executable, "-m", "analysis.cli", "--manifest", "other/corpus.toml", "report"],
            cwd=root,
            env=audited_env(root),  # network attempts logged and refused (test_offline.py)
            capture_output=True,
            text=True,
            timeout=3600,
        )
        _CACHE["build"] = ReportBuild(
            root,
            manifest,
            out.returncode,
            out.stderr,
            time.monotonic() - started,
            before,
            tuple(added),
        )
    return _CACHE["build"]


@pytest.fixture(scope="session")
def reports_build(tmp_path_factory) -> ReportBuild:
    return report_build(tmp_path_factory)


@contextmanager
def corpus_in_force(manifest: Path):
    """Make ``manifest`` the corpus in force in this process for the block."""
    paths.use_manifest(manifest)
    try:
        yield
    finally:
        paths.use_manifest(paths.DEFAULT_MANIFEST)


def registered(build: ReportBuild) -> list:
    """The figure registry of the seven-text corpus with each spec (built once, in this process)."""
    return _registered(build.manifest)


@functools.cache
def _registered(manifest: Path) -> list:
    with corpus_in_force(manifest):
        return [(s, figures.chart_dict(s.build())) for s in figures.registry()]


def page_text(page: str) -> str:
    """A report's visible text: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def shown_specs(page: str) -> list[dict]:
    """The Vega-Lite specs of every chart a report shows, read back from the page."""
    return report.chart_specs(page)


def chart_title(spec: dict) -> str:
    title = spec.get("title")
    return str(title.get("text") if isinstance(title, dict) else title)


@pytest.mark.integration
def test_report_command_builds_every_report_and_the_index(reports_build):
    assert reports_build.returncode == 0, reports_build.failure()
    out = reports_build.reports
    assert sorted(p.name for p in out.glob("*.html")) == sorted(
        ["index.html"] + [f"{nb.stem}.html" for nb in NOTEBOOKS]
    )
    for nb in NOTEBOOKS:  # progress, in notebook order
        assert f"report: executing {nb.name}" in reports_build.stderr
    positions = [reports_build.stderr.index(f"executing {nb.name}") for nb in NOTEBOOKS]
    assert positions == sorted(positions)
    # `discourse add` rebuilt the processed data for the manifest it wrote: nothing to redo.
    assert "build: up to date (inputs unchanged)" in reports_build.stderr
    assert "figures: " in reports_build.stderr
    index = (out / "index.html").read_text(encoding="utf-8")
    for nb in NOTEBOOKS:
        assert f'href="{nb.stem}.html"' in index
    for spec, _ in registered(reports_build):
        # The gallery's images are copies inside the reports folder, so it works on its own.
        assert f'src="figures/{spec.name}.png"' in index
        assert (out / "figures" / f"{spec.name}.png").read_bytes() == (
            reports_build.figures / f"{spec.name}.png"
        ).read_bytes()
    assert "../" not in "".join(re.findall(r'(?:src|href)="([^"]*)"', index))
    # A gallery caption gives the figure's number in its report and links to it there.
    numbered = re.findall(
        r'<b><a href="(\d\d-[^"#]+\.html)#(figure-[\d-]+)">(Figure \d+\.\d+)</a></b>', index
    )
    assert numbered
    for page_name, anchor, label in numbered:
        page = (out / page_name).read_text(encoding="utf-8")
        assert f'id="{anchor}"' in page and f"<b>{label}.</b>" in page
    assert report.external_resources(index) == []
    assert "How seven texts word the conflict over Nagorno-Karabakh" in index
    labels = corpus.text_labels(reports_build.manifest)
    assert len(labels) == 7 and set(ADDED_LABELS.items()) <= set(labels.items())
    for text_id, label in labels.items():
        assert f"</span>{html.escape(label)}</td>" in index, text_id


@pytest.mark.integration
def test_discourse_add_found_each_page_part(reports_build):
    """What `discourse add` printed for each page, read off the pages by the parser."""
    petition, paper, statement = reports_build.added
    assert petition.startswith(
        "e-petition e-9901: 5 preamble items, 4 demands, response by the Minister of Canadian "
        "Heritage, signed by Jordan Sample, 2 paragraphs; presented 2025-09-22 "
        "(No. 451-00412); response tabled 2025-11-05"
    )
    assert paper.startswith(
        "paper-petition 451-00777: 2 preamble items, 2 demands, no response; "
        "presented 2025-10-08 (No. 451-00777)"
    )
    assert statement.startswith("plain statement-plain: 3 paragraphs")


@pytest.mark.integration
def test_added_petition_is_scored_against_its_own_response_only(reports_build):
    """The new petition's demands meet its own response; the paper petition has none."""
    from analysis.measures import demands

    with corpus_in_force(reports_build.manifest):
        scored = demands.demands_responsiveness()
    pairs = scored.select("demand_id", "response_id").unique()
    mine = pairs.filter(pl.col("demand_id").str.starts_with("e-9901:"))
    assert mine.height == 4 and set(mine["response_id"]) == {"e-9901-response"}
    assert pairs.filter(pl.col("demand_id").str.starts_with("451-00777:")).height == 0
    page = (reports_build.reports / "03-demands.html").read_text(encoding="utf-8")
    assert "Petition 451-00777 (2025)" in page_text(page)


@pytest.mark.integration
def test_another_manifest_writes_beside_it_and_leaves_the_project_alone(reports_build):
    assert reports_build.returncode == 0, reports_build.failure()
    root = reports_build.root
    assert not (root / "reports").exists()
    assert not (root / "data" / "processed").exists()
    assert digest(root / "figures") == reports_build.figures_before
    other = reports_build.manifest.parent
    assert (other / "processed" / "tokens.parquet").is_file()
    assert (other / "figures" / "README.md").is_file()
    assert (
        f"{other / 'reports' / 'index.html'}" in reports_build.stderr
        or (other / "reports" / "index.html").is_file()
    )


@pytest.mark.integration
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_report_names_every_text_and_its_manifest(path, reports_build):
    """Each text's label is shown as text (tables, prose) or drawn by a chart of the page."""
    assert reports_build.returncode == 0, reports_build.failure()
    page = (reports_build.reports / f"{path.stem}.html").read_text(encoding="utf-8")
    text = page_text(page)
    assert f'manifest = "{reports_build.manifest}"' in text  # the injected parameters cell
    charts = json.dumps(shown_specs(page), ensure_ascii=False)
    missing = [
        label
        for label in corpus.text_labels(reports_build.manifest).values()
        if label not in text and json.dumps(label, ensure_ascii=False) not in charts
    ]
    assert not missing, f"{path.stem} does not show these texts: {missing}"


@pytest.mark.integration
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_executes_and_exports_self_contained(path, reports_build):
    assert reports_build.returncode == 0, reports_build.failure()
    page = (reports_build.reports / f"{path.stem}.html").read_text(encoding="utf-8")
    assert "jp-OutputArea-output" in page  # executed: outputs are there
    assert report.external_resources(page) == []
    n = len(shown_specs(page))
    assert page.count(report.BUNDLE_ATTR) == (1 if n else 0)
    assert f'<meta name="{report.CHART_COUNT_META}" content="{n}">' in page


@pytest.mark.integration
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_charts_are_the_registered_figures(path, reports_build):
    """Every chart a notebook shows is a registered figure of that notebook, and vice versa."""
    assert reports_build.returncode == 0, reports_build.failure()
    page = (reports_build.reports / f"{path.stem}.html").read_text(encoding="utf-8")

    def key(spec: dict) -> str:
        return json.dumps(spec, sort_keys=True)

    registered_here = {
        key(spec): s.name for s, spec in registered(reports_build) if s.notebook == path.stem
    }
    shown = shown_specs(page)
    unregistered = [chart_title(s) for s in shown if key(s) not in registered_here]
    assert not unregistered, (
        f"{path.name} shows charts that are not registered figures of {path.stem} "
        f"(or differ from their builders): {unregistered}"
    )
    missing = sorted(set(registered_here.values()) - {registered_here[key(s)] for s in shown})
    assert not missing, f"figures registered for {path.stem} but not shown: {missing}"


# Markup put into a scratch copy of the raw texts (checksums updated) at sentences the
# notebooks quote: if any report shows it as markup rather than as text, it was not escaped.
INJECTED = {
    "petition-e-3780.txt": [
        ("Canada recognizes all UN", "Canada recognizes <i>all</i> UN"),
        ("stands ready to contribute", "stands ready <b>to</b> contribute"),
        ("crime against humanity;", "crime against <u>humanity</u>;"),
    ],
    "hayren-ngo-letter-2023-09-07.txt": [
        ("Genocide Watch classifies the", "Genocide Watch <i>classifies</i> the"),
    ],
}


@pytest.mark.integration
def test_document_text_is_escaped_in_every_report(tmp_path):
    """Run `discourse report` on texts containing markup: reports must show it as text."""
    shutil.copytree(paths.DATA, tmp_path / "data", ignore=shutil.ignore_patterns("processed"))
    shutil.copytree(paths.NOTEBOOKS, tmp_path / "notebooks", ignore=shutil.ignore_patterns(".*"))
    manifest = tmp_path / "data" / "corpus.toml"
    toml = manifest.read_text(encoding="utf-8")
    tags = []
    for name, edits in INJECTED.items():
        raw = tmp_path / "data" / "raw" / name
        raw.chmod(0o644)
        text = old = raw.read_text(encoding="utf-8")
        for before, after in edits:
            assert text.count(before) == 1, (name, before)
            text = text.replace(before, after)
            tags.append(re.search(r"<(\w)>\w+</\1>", after).group(0))
        raw.write_text(text, encoding="utf-8")
        digest = hashlib.sha256(old.encode("utf-8")).hexdigest()
        toml = toml.replace(digest, hashlib.sha256(text.encode("utf-8")).hexdigest())
    manifest.write_text(toml, encoding="utf-8")
    # The gold units quote the same sentences: edit them alike, so the gold still applies.
    for table in sorted((tmp_path / "data" / "annotations").glob("*.csv")):
        text = table.read_text(encoding="utf-8")
        for edits in INJECTED.values():
            for before, after in edits:
                # evidence spans quote the phrase without its closing punctuation
                text = text.replace(before.rstrip(";"), after.rstrip(";"))
        table.write_text(text, encoding="utf-8")
    # Only the notebooks and their export are needed here (not data/processed or figures/).
    out = subprocess.run(
        [sys.executable, "-c", "from analysis import report; report.build_reports()"],
        env={**os.environ, "DISCOURSE_ROOT": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=3600,
    )
    assert out.returncode == 0, "\n".join(out.stderr.splitlines()[-15:])
    unescaped = [
        f"{page.name}: {tag}"
        for page in sorted((tmp_path / "reports").glob("*.html"))
        for tag in tags
        if tag in page.read_text(encoding="utf-8")
    ]
    assert not unescaped, (
        "document text shown as markup (escape it, e.g. with analysis.report.escape_markdown "
        f"inside Markdown displays): {unescaped}"
    )
