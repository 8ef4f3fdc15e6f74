"""Run notebooks top to bottom with nbclient, with the corpus manifest passed as a parameter.

Every notebook's first code cell is tagged ``parameters`` and holds ``manifest = None``
(papermill's convention). :func:`inject_parameters` inserts, right after it, a cell tagged
``injected-parameters`` that sets the values chosen for this run, as papermill does, so the
executed notebook (and the report exported from it) states which manifest it analysed. The
kernel inherits ``DISCOURSE_MANIFEST`` too (set by :func:`analysis.paths.use_manifest`).
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat

from analysis import paths
from analysis.io import DiscourseError

#: Tag of the notebook cell holding the default parameters (papermill's convention).
PARAMETERS_TAG = "parameters"
#: Tag of the cell that sets this run's parameters (papermill's convention).
INJECTED_TAG = "injected-parameters"


def notebook_paths(root: Path | None = None) -> list[Path]:
    """Every ``notebooks/NN-*.ipynb``, in order."""
    return sorted((root or paths.NOTEBOOKS).glob("[0-9][0-9]-*.ipynb"))


def _literal(value: object) -> str:
    # JSON string syntax is valid Python; keep non-ASCII characters readable.
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else repr(value)


def inject_parameters(nb: nbformat.NotebookNode, **parameters: object) -> nbformat.NotebookNode:
    """Insert a cell tagged ``injected-parameters`` after the ``parameters`` cell.

    Strings are written as double-quoted literals (as papermill does), other values with
    :func:`repr`, so strings, numbers, booleans and ``None`` round-trip. An
    earlier injected cell is replaced; a notebook without a ``parameters`` cell gets the new
    cell first.

    Args:
        nb: the notebook (changed in place and returned).
        **parameters: name and value of each parameter to set.
    """
    cells = [c for c in nb.cells if INJECTED_TAG not in c.get("metadata", {}).get("tags", [])]
    where = next(
        (
            i + 1
            for i, c in enumerate(cells)
            if PARAMETERS_TAG in c.get("metadata", {}).get("tags", [])
        ),
        0,
    )
    source = "# Parameters\n" + "".join(f"{k} = {_literal(v)}\n" for k, v in parameters.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": [INJECTED_TAG]})
    cell.pop("id", None)  # nbformat 4.4 notebooks carry no cell ids
    if nb.get("nbformat_minor", 0) >= 5:
        cell["id"] = INJECTED_TAG
    cells.insert(where, cell)
    nb.cells = cells
    return nb


def run_parameters() -> dict[str, object]:
    """The parameters a report run passes: the manifest, unless it is the default corpus."""
    return {} if paths.is_default_manifest() else {"manifest": str(paths.MANIFEST)}


def _failed_cell(nb: nbformat.NotebookNode) -> tuple[int, str, str] | None:
    for i, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                lines = [ln.strip() for ln in cell.source.splitlines() if ln.strip()]
                first = next((ln for ln in lines if not ln.startswith("#")), "")
                return i, first, f"{out.get('ename')}: {out.get('evalue')}"
    return None


def execute_notebook(
    path: Path, *, timeout: int = 600, parameters: dict[str, object] | None = None
) -> nbformat.NotebookNode:
    """Execute a notebook top to bottom in a fresh kernel (cwd: its folder).

    Args:
        path: the notebook.
        timeout: seconds any one cell may run.
        parameters: values set in an ``injected-parameters`` cell (see
            :func:`inject_parameters`); none by default.

    Raises:
        DiscourseError: a cell failed; the message names the notebook, the cell and the error.
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    if parameters:
        inject_parameters(nb, **parameters)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
        failed = _failed_cell(nb)
        if failed:
            index, first, error = failed
            where = f"cell {index} ({first!r})"
        else:
            where, error = "a cell", f"{type(exc).__name__}: {str(exc).strip().splitlines()[-1]}"
        raise DiscourseError(
            f"{path}: {where} failed: {error}. Open the notebook, fix that cell and run it again."
        ) from exc
    return nb
