"""``discourse bench``: time the suite and its baselines on the scale corpus, stage by stage.

For each corpus size (number of documents of :func:`analysis.bench.scale.scale_corpus`) and each
stage of :mod:`analysis.bench.stages`, the suite and each baseline run in a fresh child process
(a new interpreter, so nothing is inherited), one after the other. Per run we record:

- ``wall_s``: wall-clock time of the stage alone (inputs are loaded before the clock starts);
- ``cpu_s``: CPU time (user + system) of the child and of its worker processes on this
  machine (a Dask cluster's workers elsewhere are not counted);
- ``peak_rss_mb``: peak resident memory of the child's whole process tree, sampled every
  20 ms by the parent with psutil, and never less than the child's own ``ru_maxrss``. It
  includes the stage's inputs and the imported libraries.

The ratio is ``baseline_s / suite_s`` (how many times faster the suite is). The growth
exponent of a stage is the least-squares slope of log(suite_s) on log(words) over the sizes
run: 1 is linear, 2 quadratic.
"""

from __future__ import annotations

import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import polars as pl

from analysis.bench import scale, stages

DEFAULT_DOCS = (100, 1000, 10000)
SAMPLE_EVERY_S = 0.02


def child_main(argv: Sequence[str] | None = None) -> None:
    """Entry point of a child process: ``STAGE IMPL WORKDIR RESULT``; writes RESULT (JSON)."""
    stage, impl, workdir, result_path = sys.argv[1:] if argv is None else argv
    try:
        inputs = stages.Inputs(Path(workdir))
        inputs.prepare(stage, impl)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        cpu0, wall0 = tree_cpu_s(), time.perf_counter()
        result = stages.STAGES[stage][impl](inputs)
        wall, cpu = time.perf_counter() - wall0, tree_cpu_s() - cpu0
        self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        message = {
            "wall_s": wall,
            "cpu_s": cpu,
            "self_rss_mb": self_rss,
            "inputs_rss_mb": rss_before,
            "result": result,
        }
    except Exception as exc:  # reported by the parent as the run's note
        message = {"error": f"{type(exc).__name__}: {exc}"}
    Path(result_path).write_text(json.dumps(message), encoding="utf-8")


def tree_cpu_s() -> float:
    """CPU seconds (user + system) of this process, its live descendants and reaped children.

    Worker pools outlive the call that used them, so their CPU is read while they run.
    """
    import psutil

    me = psutil.Process()
    total = sum(os.times()[:4])
    for child in me.children(recursive=True):
        try:
            t = child.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass
    return total


def _tree_rss_mb(pid: int) -> float:
    import psutil

    try:
        proc = psutil.Process(pid)
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0.0
    total = 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total / 2**20


def measure(stage: str, impl: str, workdir: Path, *, timeout: float | None = None) -> dict:
    """Run ``impl`` of ``stage`` on the inputs in ``workdir`` in a child process; measure it.

    The child is a fresh interpreter (the same one, with the same environment) that imports
    only what the stage needs.

    Returns:
        ``wall_s, cpu_s, peak_rss_mb, inputs_rss_mb`` and ``note`` (why values are missing:
        an error or the timeout), with ``None`` for what could not be measured.
    """
    result_path = Path(workdir) / f"result-{stage}-{impl}.json"
    result_path.unlink(missing_ok=True)
    code = "from analysis.bench.run import child_main; child_main()"
    log_path = Path(workdir) / f"log-{stage}-{impl}.txt"
    # no progress bars in timed runs; stderr to a file, which never fills up as a pipe can
    env = {**os.environ, "DISCOURSE_PROGRESS": "0"}
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-c", code, stage, impl, str(workdir), str(result_path)],
            stdout=subprocess.DEVNULL,
            stderr=log,
            env=env,
        )
    peak, started, note = 0.0, time.monotonic(), ""
    while proc.poll() is None:
        peak = max(peak, _tree_rss_mb(proc.pid))
        if timeout is not None and time.monotonic() - started > timeout:
            proc.kill()
            note = f"timed out after {timeout:g} s"
            break
        time.sleep(SAMPLE_EVERY_S)
    proc.wait()
    message = json.loads(result_path.read_text(encoding="utf-8")) if result_path.is_file() else {}
    if not message:
        last = log_path.read_text("utf-8", "replace").strip().splitlines()[-1:] or [""]
        message = {"error": note or f"child exited with code {proc.returncode}: {last[0]}"}
    if "error" in message:
        return {
            "wall_s": None,
            "cpu_s": None,
            "peak_rss_mb": None,
            "inputs_rss_mb": None,
            "note": message["error"],
        }
    return {
        "wall_s": message["wall_s"],
        "cpu_s": message["cpu_s"],
        "peak_rss_mb": max(peak, message["self_rss_mb"]),
        "inputs_rss_mb": message["inputs_rss_mb"],
        "note": "",
    }


def best_of(runs: list[dict]) -> dict:
    """The run with the least wall time (runs that failed count only when all failed)."""
    ok = [r for r in runs if r["wall_s"] is not None]
    return min(ok, key=lambda r: r["wall_s"]) if ok else runs[0]


def growth_exponent(sizes: Sequence[float], seconds: Sequence[float | None]) -> float | None:
    """Least-squares slope of log(seconds) on log(size); ``None`` with fewer than two points."""
    points = [
        (math.log(n), math.log(s))
        for n, s in zip(sizes, seconds, strict=True)
        if s is not None and s > 0 and n > 0
    ]
    if len({x for x, _ in points}) < 2:
        return None
    mx = sum(x for x, _ in points) / len(points)
    my = sum(y for _, y in points) / len(points)
    sxx = sum((x - mx) ** 2 for x, _ in points)
    sxy = sum((x - mx) * (y - my) for x, y in points)
    return sxy / sxx


def _ratio(baseline_s: float | None, suite_s: float | None) -> float | None:
    if baseline_s is None or not suite_s:
        return None
    return baseline_s / suite_s


def records_for(
    size: int, stage: str, words: int, suite: dict, baselines: dict[str, dict]
) -> list[dict]:
    """One JSON record per baseline of a stage at one size (the suite's values repeated)."""
    out = []
    for name, base in baselines.items():
        out.append(
            {
                "size": size,
                "words": words,
                "stage": stage,
                "baseline": name,
                "suite_s": suite["wall_s"],
                "baseline_s": base["wall_s"],
                "ratio": _ratio(base["wall_s"], suite["wall_s"]),
                # on a busy machine CPU time is the steadier measure of the work done
                "cpu_ratio": _ratio(base["cpu_s"], suite["cpu_s"]),
                "peak_rss_mb": suite["peak_rss_mb"],
                "wall_s": suite["wall_s"],
                "cpu_s": suite["cpu_s"],
                "inputs_rss_mb": suite["inputs_rss_mb"],
                "baseline_cpu_s": base["cpu_s"],
                "baseline_peak_rss_mb": base["peak_rss_mb"],
                "note": "; ".join(
                    n
                    for n in (
                        suite["note"] and f"suite: {suite['note']}",
                        base["note"] and f"{name}: {base['note']}",
                    )
                    if n
                ),
            }
        )
    return out


def add_exponents(records: list[dict]) -> list[dict]:
    """Set ``growth_exponent`` on every record: the fit of its stage's suite times over sizes."""
    by_stage: dict[str, dict[int, tuple[int, float | None]]] = {}
    for r in records:
        by_stage.setdefault(r["stage"], {})[r["size"]] = (r["words"], r["suite_s"])
    for r in records:
        points = sorted(by_stage[r["stage"]].values())
        r["growth_exponent"] = growth_exponent([w for w, _ in points], [s for _, s in points])
    return records


def run_bench(
    docs: Sequence[int] = DEFAULT_DOCS,
    *,
    stage_names: Sequence[str] = stages.STAGE_NAMES,
    repeat: int = 1,
    seed: int = 0,
    timeout: float | None = None,
    pool: pl.DataFrame | None = None,
    progress: Callable[[str], None] = lambda _m: None,
) -> list[dict]:
    """Run every selected stage at every size; return the JSON records (see module docstring).

    ``pool`` is the sentences resampled (default :func:`analysis.bench.scale.sentence_pool`).

    The earlier lexicon matcher (``reference``) is timed at the smallest size only, and only
    when ``analysis.bench.reference_lexicons`` is present.
    """
    records: list[dict] = []
    repeat = max(1, repeat)
    pool = scale.sentence_pool() if pool is None else pool
    smallest = min(docs)
    with tempfile.TemporaryDirectory(prefix="discourse-bench-") as tmp:
        for size in docs:
            workdir = Path(tmp) / f"docs-{size}"
            workdir.mkdir()
            segments = scale.scale_corpus(size, seed=seed, pool=pool)
            segments.write_parquet(workdir / "segments.parquet")
            words = scale.scale_words(segments)
            progress(f"bench: {size} documents, {words:,} words")
            for stage in stage_names:
                timed = {}
                for impl in stages.STAGES[stage]:
                    if impl == "reference":
                        if size != smallest:
                            continue
                        if not stages.reference_available():
                            progress("bench: lexicons: earlier matcher absent, not timed")
                            continue
                    runs = [measure(stage, impl, workdir, timeout=timeout) for _ in range(repeat)]
                    timed[impl] = best_of(runs)
                    r = timed[impl]
                    shown = f"{r['wall_s']:.2f} s" if r["wall_s"] is not None else r["note"]
                    progress(f"bench: {size} docs, {stage}, {impl}: {shown}")
                suite = timed.pop("suite")
                records += records_for(size, stage, words, suite, timed)
    return add_exponents(records)


def records_table(records: list[dict]) -> pl.DataFrame:
    """The records as a table for the terminal: times in s, memory in MB, ratios."""
    floats = (
        "suite_s",
        "baseline_s",
        "ratio",
        "cpu_s",
        "baseline_cpu_s",
        "cpu_ratio",
        "peak_rss_mb",
        "baseline_peak_rss_mb",
    )
    # a column that is all null (nothing measured) is still a number column
    frame = pl.DataFrame(
        records,
        infer_schema_length=None,
        schema_overrides={c: pl.Float64 for c in (*floats, "growth_exponent")},
    )
    return frame.select(
        "size",
        "words",
        "stage",
        "baseline",
        pl.col("suite_s").round(3),
        pl.col("baseline_s").round(3),
        pl.col("ratio").round(1),
        pl.col("cpu_s").round(2),
        pl.col("baseline_cpu_s").round(2),
        pl.col("cpu_ratio").round(1),
        pl.col("peak_rss_mb").round(0),
        pl.col("baseline_peak_rss_mb").round(0),
        pl.col("growth_exponent").round(2),
    )


def write_json(records: list[dict], path: Path) -> Path:
    """Write the records as a JSON list (atomically)."""
    from analysis.io import write_atomic

    text = json.dumps(records, indent=1) + "\n"
    write_atomic(Path(path), text)
    return Path(path)


def print_table(records: list[dict], file=None) -> None:
    """Print :func:`records_table` (default: to stdout)."""
    with pl.Config(tbl_rows=500, tbl_cols=20, tbl_width_chars=200, tbl_hide_dataframe_shape=True):
        print(records_table(records), file=sys.stdout if file is None else file)
