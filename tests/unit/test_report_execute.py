"""Notebook parameters: the papermill-style injected cell (no kernel is started)."""

from __future__ import annotations

import nbformat

from analysis import report


def notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 99 · test"),
        nbformat.v4.new_code_cell("manifest = None", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("setup(manifest)"),
    ]
    return nb


def test_injected_cell_follows_the_parameters_cell():
    nb = report.inject_parameters(notebook(), manifest='/tmp/it\'s "here"/corpus.toml')
    assert [c.source for c in nb.cells[1:3]] == [
        "manifest = None",
        '# Parameters\nmanifest = "/tmp/it\'s \\"here\\"/corpus.toml"\n',
    ]
    assert nb.cells[2].metadata["tags"] == [report.INJECTED_TAG]
    scope: dict = {}
    exec(nb.cells[1].source + "\n" + nb.cells[2].source, scope)  # the values round-trip
    assert scope["manifest"] == '/tmp/it\'s "here"/corpus.toml'
    nbformat.validate(nb)


def test_injecting_again_replaces_the_earlier_cell():
    nb = report.inject_parameters(notebook(), manifest="/a/corpus.toml")
    nb = report.inject_parameters(nb, manifest="/b/corpus.toml", n=3, flag=None)
    injected = [c for c in nb.cells if report.INJECTED_TAG in c.metadata.get("tags", [])]
    assert len(injected) == 1 and len(nb.cells) == 4
    assert injected[0].source == '# Parameters\nmanifest = "/b/corpus.toml"\nn = 3\nflag = None\n'


def test_a_notebook_without_parameters_cell_gets_the_cell_first():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1")]
    report.inject_parameters(nb, manifest="m.toml")
    assert nb.cells[0].source.endswith('manifest = "m.toml"\n') and nb.cells[1].source == "x = 1"


def test_run_parameters_name_a_non_default_manifest_only(tmp_path, monkeypatch):
    from analysis import paths

    monkeypatch.delenv("DISCOURSE_MANIFEST", raising=False)
    try:
        paths.use_manifest(None)
        assert report.run_parameters() == {}
        other = tmp_path / "corpus.toml"
        paths.use_manifest(other)
        assert report.run_parameters() == {"manifest": str(other.resolve())}
    finally:
        paths.use_manifest(paths.DEFAULT_MANIFEST)


def test_the_failed_cell_is_counted_among_code_cells_only():
    """Markdown cells and the injected parameters cell are not counted; long lines are cut."""
    from analysis.report.execute import _failed_cell

    nb = report.inject_parameters(notebook(), manifest="m.toml")
    long = "value = " + "x" * 100
    nb.cells += [
        nbformat.v4.new_markdown_cell("## more"),
        nbformat.v4.new_code_cell(f"# a comment first\n\n{long}\nother()"),
    ]
    nb.cells[-1].outputs = [
        nbformat.v4.new_output("error", ename="NameError", evalue="name 'x' is not defined")
    ]
    number, first, error = _failed_cell(nb)
    assert number == 3  # parameters, setup(manifest), this one
    assert first == long[:69] + "\u2026" and len(first) == 70
    assert error == "NameError: name 'x' is not defined"
    nb.cells[-1].outputs = []
    assert _failed_cell(nb) is None


def test_default_jobs_is_at_least_two():
    import os

    assert report.default_jobs() == max(2, len(os.sched_getaffinity(0)))
