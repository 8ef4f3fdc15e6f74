"""The benchmark runner: the growth-exponent fit, the records and their JSON, one real run.

The real run uses a synthetic sentence pool (no corpus read) and the cheap ``tokens`` stage.
"""

from __future__ import annotations

import json

import polars as pl
import pytest

from analysis import cli
from analysis.bench import run, stages

from .test_bench_scale import POOL

ISSUE_FIELDS = {"size", "stage", "suite_s", "baseline_s", "ratio", "peak_rss_mb"}


@pytest.mark.parametrize("power", [1.0, 1.1, 1.5, 2.0, 0.5])
def test_growth_exponent_is_exact_on_power_laws(power):
    sizes = [100_000, 1_000_000, 10_000_000]
    assert run.growth_exponent(sizes, [3e-6 * n**power for n in sizes]) == pytest.approx(
        power, abs=1e-12
    )


def test_growth_exponent_least_squares_and_missing_points():
    # log-log points (0, 0), (1, 1), (2, 3) in base e: slope = 1.5 by the normal equations
    e = 2.718281828459045
    assert run.growth_exponent([1, e, e**2], [1, e, e**3]) == pytest.approx(1.5)
    assert run.growth_exponent([10, 100], [1.0, None]) is None
    assert run.growth_exponent([10], [1.0]) is None
    assert run.growth_exponent([10, 100, 1000], [1.0, None, 100.0]) == pytest.approx(1.0)


def _timing(wall, rss=100.0, note=""):
    return {"wall_s": wall, "cpu_s": wall, "peak_rss_mb": rss, "inputs_rss_mb": 50.0, "note": note}


def test_records_hold_the_issue_fields_ratio_and_exponent(tmp_path):
    records = []
    for size, words, suite_s in ((10, 10_000, 0.5), (100, 100_000, 5.0)):
        records += run.records_for(
            size,
            "tokens",
            words,
            _timing(suite_s, rss=123.0),
            {"student": _timing(suite_s * 20), "re": _timing(None, note="timed out after 9 s")},
        )
    records = run.add_exponents(records)
    assert len(records) == 4
    first = records[0]
    assert ISSUE_FIELDS | {"cpu_s", "wall_s", "words", "baseline"} <= set(first)
    assert first["ratio"] == pytest.approx(20.0)
    assert first["cpu_ratio"] == pytest.approx(20.0)  # the test timings use cpu_s = wall_s
    assert first["peak_rss_mb"] == 123.0
    assert all(r["growth_exponent"] == pytest.approx(1.0) for r in records)
    timed_out = records[1]
    assert timed_out["ratio"] is None and timed_out["note"] == "re: timed out after 9 s"
    path = run.write_json(records, tmp_path / "bench.json")
    assert json.loads(path.read_text()) == records
    table = run.records_table(records)
    assert table["ratio"].to_list() == [20.0, None, 20.0, None]


def test_best_of_takes_the_fastest_successful_run():
    assert run.best_of([_timing(3.0), _timing(2.0), _timing(None, note="x")])["wall_s"] == 2.0
    assert run.best_of([_timing(None, note="x")])["note"] == "x"


def test_run_bench_measures_every_implementation_in_child_processes(tmp_path):
    progress = []
    records = run.run_bench([2, 4], stage_names=["tokens"], pool=POOL, progress=progress.append)
    assert [(r["size"], r["baseline"]) for r in records] == [
        (2, "student"),
        (2, "nltk-spans"),
        (2, "re"),
        (4, "student"),
        (4, "nltk-spans"),
        (4, "re"),
    ]
    for r in records:
        assert r["note"] == ""
        assert r["suite_s"] > 0 and r["baseline_s"] > 0 and r["cpu_s"] >= 0
        assert r["ratio"] == pytest.approx(r["baseline_s"] / r["suite_s"])
        # a Python interpreter with polars and NLTK loaded: tens of MB at least
        assert 20 < r["peak_rss_mb"] < 4000
        assert r["words"] > (1000 if r["size"] == 2 else 3000)
        assert isinstance(r["growth_exponent"], float)
    assert any("2 documents" in line for line in progress)


def test_a_failing_stage_is_reported_as_a_note(tmp_path):
    from analysis.bench.scale import scale_corpus

    scale_corpus(1, words_per_doc=10, pool=POOL).write_parquet(tmp_path / "segments.parquet")
    ok = run.measure("tokens", "re", tmp_path)
    assert ok["note"] == "" and ok["wall_s"] > 0
    failed = run.measure("no-such-stage", "suite", tmp_path)
    assert failed["wall_s"] is None and "KeyError" in failed["note"]


def test_stages_have_inputs_declared_and_suite_first():
    assert tuple(stages.STAGES) == stages.STAGE_NAMES
    for stage, impls in stages.STAGES.items():
        assert next(iter(impls)) == "suite"
        assert set(impls) == set(stages.NEEDS[stage])


def test_cli_parses_bench_options():
    args = cli.make_parser().parse_args(
        ["bench", "--docs", "10,200", "--stages", "tokens,lexicons", "--json", "out.json"]
    )
    assert args.docs == [10, 200] and args.stages == ["tokens", "lexicons"]
    assert str(args.json) == "out.json" and args.repeat == 1 and args.timeout is None
    defaults = cli.make_parser().parse_args(["bench"])
    assert defaults.docs == [100, 1000, 10000] and defaults.stages == list(stages.STAGE_NAMES)
    for bad in (["--stages", "tokens,nope"], ["--docs", "0"], ["--docs", "x"]):
        with pytest.raises(SystemExit):
            cli.make_parser().parse_args(["bench", *bad])


def test_cli_bench_prints_the_table_and_writes_json(tmp_path, monkeypatch, capsys):
    fake = run.add_exponents(
        run.records_for(5, "tokens", 5000, _timing(1.0), {"re": _timing(0.25)})
    )
    monkeypatch.setattr(run, "run_bench", lambda *a, **k: fake)
    assert cli.main(["bench", "--docs", "5", "--json", str(tmp_path / "b.json")]) == 0
    out = capsys.readouterr().out
    assert "tokens" in out and "0.25" in out
    assert pl.read_json(tmp_path / "b.json")["ratio"].to_list() == [0.25]


def _burn_then_wait(done, release):
    import time as _time

    while _time.process_time() < 0.3:  # CPU time, whatever the machine's load
        pass
    done.set()
    release.wait(60)


def test_tree_cpu_counts_live_worker_processes():
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    done, release = ctx.Event(), ctx.Event()
    before = run.tree_cpu_s()
    worker = ctx.Process(target=_burn_then_wait, args=(done, release))
    worker.start()
    try:
        assert done.wait(120)
        # the worker is alive and unreaped: its 0.3 s are read from the process table
        assert run.tree_cpu_s() - before >= 0.3
    finally:
        release.set()
        worker.join()
