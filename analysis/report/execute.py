"""Run notebooks top to bottom with nbclient, with the corpus manifest passed as a parameter.

Each notebook runs in its own kernel, reached over IPC (Unix sockets in a private temporary
folder), not TCP: nothing is exposed on the network, no loopback interface is needed, and the
kernel does not warn about unencrypted TCP. :func:`execute_notebooks` runs several notebooks at
once (one kernel each), keeping their order in what it returns.

Every notebook's first code cell is tagged ``parameters`` and holds ``manifest = None``
(papermill's convention). :func:`inject_parameters` inserts, right after it, a cell tagged
``injected-parameters`` that sets the values chosen for this run, as papermill does, so the
executed notebook (and the report exported from it) states which manifest it analysed. The
kernel inherits ``DISCOURSE_MANIFEST`` too (set by :func:`analysis.paths.use_manifest`).
"""

from __future__ import annotations

import asyncio
import atexit
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import nbformat

from analysis import paths
from analysis.io import DiscourseError

#: Tag of the notebook cell holding the default parameters (papermill's convention).
PARAMETERS_TAG = "parameters"
#: Tag of the cell that sets this run's parameters (papermill's convention).
INJECTED_TAG = "injected-parameters"
#: Seconds a kernel may take to start and answer.
STARTUP_TIMEOUT = 60
#: Longest first line of a cell shown in a message.
_SHOWN_LINE = 70


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
    """(code cell number, its first line of code, the error) of the cell that failed.

    Code cells are counted as people see them in the notebook: Markdown cells and the
    injected parameters cell are not counted.
    """
    number = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if INJECTED_TAG in cell.get("metadata", {}).get("tags", []):
            continue
        number += 1
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                lines = [ln.strip() for ln in cell.source.splitlines() if ln.strip()]
                first = next((ln for ln in lines if not ln.startswith("#")), "")
                if len(first) > _SHOWN_LINE:
                    first = first[: _SHOWN_LINE - 1] + "\u2026"
                return number, first, f"{out.get('ename')}: {out.get('evalue')}"
    return None


def _last_line(exc: BaseException) -> str:
    lines = [ln.strip() for ln in str(exc).strip().splitlines() if ln.strip()]
    return lines[-1] if lines else type(exc).__name__


async def _start_kernel(path: Path, folder: Path, kernel_name: str, transport: str, startup: int):
    """Start a kernel for ``path`` and a client that has seen it answer; (manager, client)."""
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import ensure_async

    options = {"ip": str(folder / "kernel")} if transport == "ipc" else {}
    km = AsyncKernelManager(kernel_name=kernel_name, transport=transport, **options)
    km.connection_file = str(folder / "kernel.json")
    kc = None
    try:
        await km.start_kernel(cwd=str(path.parent))
        kc = km.client()
        kc.start_channels()
        await kc.wait_for_ready(timeout=startup)
    except Exception as exc:
        if kc is not None:
            kc.stop_channels()
        try:
            if km.has_kernel:
                await km.shutdown_kernel(now=True)
        except Exception:  # already gone: nothing left to stop
            pass
        await ensure_async(km.cleanup_resources())
        raise DiscourseError(
            f"{path}: the notebook kernel could not start: {_last_line(exc)} "
            "(is the loopback interface up?)."
        ) from exc
    kc.allow_stdin = False
    return km, kc


async def execute_notebook_async(
    path: Path,
    *,
    timeout: int = 600,
    parameters: dict[str, object] | None = None,
    kernel_name: str = "python3",
    transport: str = "ipc",
    startup_timeout: int = STARTUP_TIMEOUT,
) -> nbformat.NotebookNode:
    """Execute a notebook top to bottom in a fresh kernel (cwd: its folder); see
    :func:`execute_notebook`."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    if parameters:
        inject_parameters(nb, **parameters)
    with tempfile.TemporaryDirectory(prefix="discourse-kernel-") as folder:
        km, kc = await _start_kernel(path, Path(folder), kernel_name, transport, startup_timeout)
        client = NotebookClient(
            nb,
            km=km,
            timeout=timeout,
            kernel_name=kernel_name,
            resources={"metadata": {"path": str(path.parent)}},
        )
        client.kc = kc
        try:
            await client.async_execute(cleanup_kc=True)
        except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
            failed = _failed_cell(nb)
            if failed:
                number, first, error = failed
                where = f"code cell {number} ({first!r})"
            else:
                where, error = "a cell", f"{type(exc).__name__}: {_last_line(exc)}"
            raise DiscourseError(
                f"{path}: {where} failed: {error}. Open the notebook, fix that cell and run it "
                "again."
            ) from exc
        finally:
            # nbclient registers a cleanup to run at exit; the kernel is stopped here already.
            atexit.unregister(client._cleanup_kernel)
            if client.km is not None and await client.km.is_alive():
                await client.km.shutdown_kernel(now=True)
    return nb


def execute_notebook(
    path: Path,
    *,
    timeout: int = 600,
    parameters: dict[str, object] | None = None,
    kernel_name: str = "python3",
    transport: str = "ipc",
    startup_timeout: int = STARTUP_TIMEOUT,
) -> nbformat.NotebookNode:
    """Execute a notebook top to bottom in a fresh kernel (cwd: its folder).

    Args:
        path: the notebook.
        timeout: seconds any one cell may run.
        parameters: values set in an ``injected-parameters`` cell (see
            :func:`inject_parameters`); none by default.
        kernel_name: the Jupyter kernel to run it in.
        transport: ``"ipc"`` (Unix sockets, the default) or ``"tcp"`` (loopback).
        startup_timeout: seconds the kernel may take to start and answer.

    Raises:
        DiscourseError: the kernel could not start, or a cell failed; the message names the
            notebook, the code cell (counting code cells only) and the error.
    """
    from jupyter_core.utils import run_sync

    return run_sync(execute_notebook_async)(
        path,
        timeout=timeout,
        parameters=parameters,
        kernel_name=kernel_name,
        transport=transport,
        startup_timeout=startup_timeout,
    )


def default_jobs() -> int:
    """How many notebooks run at once: one per CPU, at least two."""
    return max(2, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 2)


def execute_notebooks(
    notebooks: Sequence[Path],
    *,
    jobs: int | None = None,
    parameters: dict[str, object] | None = None,
    progress: Callable[[str], None] = lambda message: None,
    then: Callable[[Path, nbformat.NotebookNode], object] | None = None,
    **options: object,
) -> list[object]:
    """Execute notebooks concurrently, each in its own kernel; results in notebook order.

    Args:
        notebooks: the notebooks, in order.
        jobs: how many run at once (default :func:`default_jobs`).
        parameters: injected into every notebook (see :func:`inject_parameters`).
        progress: called with a line as each notebook starts and ends.
        then: called (in a worker thread, while other kernels run) with each notebook's path
            and executed notebook; its result takes the notebook's place in the list returned.
        **options: passed to :func:`execute_notebook_async` (timeout, kernel_name, ...).

    Returns:
        For each notebook, in order, ``then(path, nb)`` or the executed notebook.

    Raises:
        DiscourseError: the first failing notebook in notebook order (once one fails, no
            further notebook starts; those running finish first).
    """
    from jupyter_core.utils import run_sync

    notebooks = list(notebooks)
    jobs = max(1, jobs or default_jobs())

    async def run_all() -> list[object]:
        slots = asyncio.Semaphore(jobs)
        failed = asyncio.Event()
        total = len(notebooks)

        async def one(i: int, path: Path) -> object:
            async with slots:
                if failed.is_set():
                    return None  # fail fast: do not start another notebook
                progress(f"report: executing {path.name} ({i}/{total})")
                try:
                    nb = await execute_notebook_async(path, parameters=parameters, **options)
                    result = nb if then is None else await asyncio.to_thread(then, path, nb)
                except BaseException:
                    failed.set()
                    raise
                progress(f"report: finished {path.name} ({i}/{total})")
                return result

        results = await asyncio.gather(
            *(one(i, p) for i, p in enumerate(notebooks, start=1)), return_exceptions=True
        )
        for result in results:
            if isinstance(result, BaseException):
                raise result
        return results

    return run_sync(run_all)()
