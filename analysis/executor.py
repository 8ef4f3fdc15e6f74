"""One interface for the suite's per-sentence and per-text Python stages, run in parallel.

Stages that call pure-Python libraries item by item (VADER on sentences, textstat on texts) hand
their work to :func:`map_chunks`: the items are cut into chunks (each chunk pickled once, not
each item), a module-level function maps a chunk to one result per item, and the results come
back flattened **in input order**, whichever worker finished first, so outputs are
deterministic. Three executors implement it:

- :class:`Serial`: in this process. Used for one worker, for small inputs (below
  ``min_parallel`` starting workers costs more than it saves) and inside a worker process
  (no nested pools).
- :class:`Processes`: a reused ``concurrent.futures.ProcessPoolExecutor`` started with the
  ``forkserver`` method (never ``fork``: the parent holds polars' threads), one worker per CPU
  this process may run on (``os.sched_getaffinity``). As with any ``forkserver``/``spawn``
  pool, workers import the main module: a script that runs a large stage at import time
  needs the ``if __name__ == "__main__":`` guard (the ``discourse`` command, ``python -m``
  modules and notebook kernels have it).
- :class:`Dask`: a Dask ``distributed`` cluster at a scheduler address. ``distributed`` is the
  optional ``cluster`` extra, imported only when an address is given; the cluster's workers
  must be able to import this package (same version).

Which one runs (first that applies): the ``executor=`` argument of :func:`map_chunks`; a
scheduler address from :func:`use_scheduler` or ``DISCOURSE_SCHEDULER`` (the CLI's global
``--scheduler ADDRESS``); otherwise processes, their number from :func:`use_workers` or
``DISCOURSE_WORKERS`` (the CLI's ``--workers N``; ``1`` = serial), by default every CPU
available. Both setters also set the environment variable, so notebook kernels started by
``discourse report`` use the same executor.

Progress: one tqdm bar per stage (its ``desc``) on stderr. ``DISCOURSE_PROGRESS=0`` turns bars
off, ``1`` forces them on; unset, they show only when stderr is a terminal (so never in
notebooks' saved outputs, HTML reports or tests).
"""

from __future__ import annotations

import atexit
import math
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from tqdm import tqdm

from analysis.io import DiscourseError

#: Environment variables read by :func:`current` (set by :func:`use_scheduler` and
#: :func:`use_workers`) and by the progress bars.
SCHEDULER_ENV = "DISCOURSE_SCHEDULER"
WORKERS_ENV = "DISCOURSE_WORKERS"
PROGRESS_ENV = "DISCOURSE_PROGRESS"
#: Default smallest load (items, or the caller's weight units) worth sending to workers.
MIN_PARALLEL = 2000
#: Chunks per worker when the caller gives no chunk size: enough to balance uneven chunks
#: and move the progress bar, few enough that pickling stays per chunk.
CHUNKS_PER_WORKER = 4
#: Seconds to wait for a Dask scheduler before giving up.
CONNECT_TIMEOUT = 10

ChunkFn = Callable[[list[Any]], Sequence[Any]]


def available_cpus() -> int:
    """CPUs this process may run on (its affinity mask), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # platforms without affinity masks
        return max(1, os.cpu_count() or 1)


def in_worker() -> bool:
    """True inside a worker process (ours or a Dask worker), where stages run serially."""
    return _IN_WORKER or multiprocessing.parent_process() is not None


_IN_WORKER = False


def _mark_worker() -> None:
    global _IN_WORKER
    _IN_WORKER = True


# --- executors --------------------------------------------------------------------------------


class Serial:
    """Runs every chunk in this process, in order."""

    name = "serial"
    workers = 1

    def run(self, fn: ChunkFn, chunks: list[list], bar: tqdm) -> list[Sequence]:
        out = []
        for chunk in chunks:
            out.append(fn(chunk))
            bar.update(len(chunk))
        return out

    def __repr__(self) -> str:
        return "Serial()"


_POOLS: dict[int, ProcessPoolExecutor] = {}
#: ``forkserver`` where the platform has it (not Windows), else ``spawn``; never ``fork``.
_START_METHOD = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


def _pool(workers: int) -> ProcessPoolExecutor:
    """The reused pool of ``workers`` processes (started on first use, shut down at exit)."""
    pool = _POOLS.get(workers)
    if pool is None:
        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context(_START_METHOD),
            initializer=_mark_worker,
        )
        _POOLS[workers] = pool
    return pool


def shutdown() -> None:
    """Stop every process pool this module started (they restart on next use)."""
    while _POOLS:
        _, pool = _POOLS.popitem()
        pool.shutdown(wait=True, cancel_futures=True)


atexit.register(shutdown)


class Processes:
    """Runs chunks in a reused pool of local worker processes.

    Args:
        workers: number of processes (default: :func:`available_cpus`).
    """

    name = "processes"

    def __init__(self, workers: int | None = None):
        self.workers = workers or available_cpus()

    def run(self, fn: ChunkFn, chunks: list[list], bar: tqdm) -> list[Sequence]:
        pool = _pool(self.workers)
        futures: dict = {}
        try:
            for i, chunk in enumerate(chunks):
                futures[pool.submit(fn, chunk)] = i
            results: list[Sequence] = [()] * len(chunks)
            pending = set(futures)
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    i = futures[fut]
                    results[i] = fut.result()  # re-raises the worker's exception
                    bar.update(len(chunks[i]))
            return results
        except BrokenProcessPool:
            _POOLS.pop(self.workers, None)  # a fresh pool next time
            raise DiscourseError(
                f"a worker process died during {getattr(bar, 'desc', '') or 'a stage'} (out of "
                "memory, or a script running stages at import time without an "
                f"`if __name__ == '__main__':` guard); fix that or set {WORKERS_ENV}=1 (serial)."
            ) from None
        finally:
            for fut in futures:  # after an error, drop what has not started
                fut.cancel()

    def __repr__(self) -> str:
        return f"Processes(workers={self.workers})"


class Dask:
    """Runs chunks on a Dask ``distributed`` cluster.

    Args:
        address: the scheduler, e.g. ``tcp://10.0.0.5:8786``.
        timeout: seconds to wait for the scheduler on first use (default
            :data:`CONNECT_TIMEOUT`).
    """

    name = "dask"

    def __init__(self, address: str, *, timeout: float | None = None):
        self.address = address
        self.timeout = CONNECT_TIMEOUT if timeout is None else timeout
        self._client = None

    def client(self):
        """The ``distributed.Client``, connected on first use.

        Raises:
            DiscourseError: ``distributed`` is not installed, or the scheduler cannot be reached.
        """
        if self._client is None:
            try:
                import distributed
            except ImportError:
                raise DiscourseError(
                    f"scheduler {self.address}: Dask's 'distributed' package is not installed; "
                    "install the cluster extra (pip install '.[cluster]') or drop --scheduler."
                ) from None
            try:
                self._client = distributed.Client(
                    self.address, timeout=self.timeout, set_as_default=False
                )
            except (OSError, TimeoutError, ValueError) as exc:
                why = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                raise DiscourseError(
                    f"cannot reach the Dask scheduler at {self.address} ({why}); start it "
                    f"(`dask scheduler`, then `dask worker {self.address}`) or drop --scheduler "
                    f"/ unset {SCHEDULER_ENV} to run on local processes."
                ) from None
        return self._client

    @property
    def workers(self) -> int:
        """Workers the scheduler knows now (at least 1)."""
        return max(1, len(self.client().scheduler_info().get("workers", {})))

    def run(self, fn: ChunkFn, chunks: list[list], bar: tqdm) -> list[Sequence]:
        import distributed

        client = self.client()
        futures = client.map(fn, chunks, pure=False)
        where = {fut.key: i for i, fut in enumerate(futures)}
        try:
            for fut in distributed.as_completed(futures, loop=client.loop):
                if fut.status == "error":
                    fut.result()  # re-raises the worker's exception
                bar.update(len(chunks[where[fut.key]]))
            return client.gather(futures)
        finally:
            client.cancel([f for f in futures if not f.done()])

    def close(self) -> None:
        """Disconnect from the scheduler (the cluster keeps running)."""
        if self._client is not None:
            self._client.close()
            self._client = None

    def __repr__(self) -> str:
        return f"Dask({self.address!r})"


Executor = Serial | Processes | Dask

# --- selection --------------------------------------------------------------------------------

_DASK: dict[str, Dask] = {}


def use_scheduler(address: str | None) -> None:
    """Run parallel stages on the Dask scheduler at ``address`` (``None``: local processes).

    Sets ``DISCOURSE_SCHEDULER`` too, so child processes (notebook kernels) follow. Nothing is
    connected until a stage runs; :func:`connect` checks the address at once.
    """
    if address:
        os.environ[SCHEDULER_ENV] = address
    else:
        os.environ.pop(SCHEDULER_ENV, None)


def use_workers(n: int | None) -> None:
    """Run parallel stages on ``n`` local processes (``1``: serially; ``None``: every CPU)."""
    if n is None:
        os.environ.pop(WORKERS_ENV, None)
    elif n < 1:
        raise DiscourseError(f"--workers {n}: give a whole number of 1 or more (1 = serial).")
    else:
        os.environ[WORKERS_ENV] = str(n)


def configured_workers() -> int:
    """Local worker processes in force: ``DISCOURSE_WORKERS``, else :func:`available_cpus`."""
    raw = os.environ.get(WORKERS_ENV, "").strip()
    if not raw:
        return available_cpus()
    try:
        n = int(raw)
    except ValueError:
        n = 0
    if n < 1:
        raise DiscourseError(
            f"{WORKERS_ENV}={raw!r}: give a whole number of 1 or more (1 = serial), or unset it."
        )
    return n


def current() -> Executor:
    """The executor in force (see the module docstring for the order of precedence)."""
    address = os.environ.get(SCHEDULER_ENV, "").strip()
    if address:
        if address not in _DASK:
            _DASK[address] = Dask(address)
        return _DASK[address]
    n = configured_workers()
    return Serial() if n == 1 else Processes(n)


def connect() -> Executor:
    """:func:`current`, with a Dask scheduler contacted now (so a bad address fails early)."""
    ex = current()
    if isinstance(ex, Dask):
        ex.client()
    return ex


# --- mapping ----------------------------------------------------------------------------------


def progress_enabled() -> bool:
    """Whether progress bars show: ``DISCOURSE_PROGRESS`` (0/1), else stderr is a terminal."""
    flag = os.environ.get(PROGRESS_ENV, "").strip()
    if flag:
        return flag not in ("0", "false", "no", "off")
    return sys.stderr is not None and sys.stderr.isatty()


def chunked(items: list, size: int) -> list[list]:
    """``items`` cut into consecutive lists of ``size`` (the last may be shorter)."""
    if size < 1:
        raise ValueError(f"chunk size must be 1 or more, not {size}")
    return [items[i : i + size] for i in range(0, len(items), size)]


def map_chunks(
    fn: ChunkFn,
    items: Iterable[Any],
    *,
    desc: str,
    chunk_size: int | None = None,
    executor: Executor | None = None,
    min_parallel: int | None = None,
    weight: Callable[[Any], int] | None = None,
) -> list:
    """Apply ``fn`` to ``items`` chunk by chunk, possibly in parallel; results in input order.

    Args:
        fn: a module-level function (it is pickled by reference) taking a list of items and
            returning one result per item, in order. Anything else it needs goes in with
            ``functools.partial`` (pickled once per chunk, so keep it small).
        items: the work, e.g. sentence texts.
        desc: the stage's name on the progress bar.
        chunk_size: items per chunk (default: enough for :data:`CHUNKS_PER_WORKER` chunks per
            worker).
        executor: run on this executor (tests); default :func:`current`, or serial when the
            load is below ``min_parallel``.
        min_parallel: smallest load sent to workers when ``executor`` is not given (default
            :data:`MIN_PARALLEL`).
        weight: load of one item (e.g. ``len`` for texts of very different sizes); default 1.

    Returns:
        ``fn``'s results for every item, flattened, in the order of ``items``.

    Raises:
        DiscourseError: the executor cannot run (scheduler unreachable, worker died);
            exceptions raised by ``fn`` propagate unchanged.
    """
    items = list(items)
    if not items:
        return []
    if in_worker():
        ex: Executor = Serial()
    elif executor is not None:
        ex = executor
    else:
        load = len(items) if weight is None else sum(weight(i) for i in items)
        floor = MIN_PARALLEL if min_parallel is None else min_parallel
        ex = current() if load >= floor else Serial()
        if isinstance(ex, Processes) and len(items) == 1:
            ex = Serial()  # one item cannot be shared out
    size = chunk_size or max(1, math.ceil(len(items) / (ex.workers * CHUNKS_PER_WORKER)))
    chunks = chunked(items, size)
    with tqdm(
        total=len(items), desc=desc, file=sys.stderr, disable=not progress_enabled(), leave=False
    ) as bar:
        results = ex.run(fn, chunks, bar)
    out: list = []
    for chunk, got in zip(chunks, results, strict=True):
        if len(got) != len(chunk):
            raise ValueError(f"{desc}: {fn!r} returned {len(got)} results for {len(chunk)} items")
        out.extend(got)
    return out
