"""The executor interface: serial, local processes and a Dask cluster give the same results.

Synthetic input only (the five sentiment/style texts of :mod:`tests.unit.synthetic_sentiment`
and short lists). The Dask tests share ONE module-scoped ``LocalCluster`` with two worker
processes (slow to start).
"""

from __future__ import annotations

import functools
import logging
import os

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from analysis import cli, executor, resources
from analysis.io import DiscourseError
from analysis.measures import sentiment, style
from analysis.measures.style import readability_text

UNREACHABLE = "tcp://127.0.0.1:9"  # the discard port: nothing listens there


def tag_chunk(chunk: list[int]) -> list[tuple[int, int, int]]:
    """Each item with the size of its chunk and the id of the process that saw it."""
    return [(item, len(chunk), os.getpid()) for item in chunk]


def worker_state(chunk: list[int]) -> list[tuple[bool, str]]:
    """Whether the item ran in a worker, and the executor a nested map would use there."""
    nested = executor.map_chunks(
        tag_chunk, chunk, desc="nested", executor=executor.Processes(2), chunk_size=1
    )
    inside = all(pid == os.getpid() for _, _, pid in nested)
    return [(executor.in_worker(), "serial" if inside else "pool") for _ in chunk]


def fail_on_three(chunk: list[int]) -> list[int]:
    if 3 in chunk:
        raise ValueError("three is not allowed")
    return chunk


@pytest.fixture(scope="module")
def cluster():
    """A Dask cluster of two single-threaded worker processes, shared by this module."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2,
        processes=True,
        threads_per_worker=1,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as c:
        yield c.scheduler_address
    executor.shutdown()


@pytest.fixture()
def dask(cluster):
    ex = executor.Dask(cluster)
    yield ex
    ex.close()


@pytest.fixture()
def clean_env(monkeypatch):
    for name in (executor.SCHEDULER_ENV, executor.WORKERS_ENV, executor.PROGRESS_ENV):
        monkeypatch.setenv(name, "")  # recorded, so what the test sets is undone after it
        monkeypatch.delenv(name)
    return monkeypatch


# --- chunking and order -----------------------------------------------------------------------


def test_chunked_cuts_consecutive_runs():
    assert executor.chunked([], 3) == []
    assert executor.chunked([1], 3) == [[1]]
    assert executor.chunked(list(range(7)), 3) == [[0, 1, 2], [3, 4, 5], [6]]
    with pytest.raises(ValueError):
        executor.chunked([1], 0)


@pytest.mark.parametrize("ex", [executor.Serial(), executor.Processes(2)], ids=repr)
def test_no_items_and_one_item(ex):
    assert executor.map_chunks(tag_chunk, [], desc="t", executor=ex) == []
    [(item, size, _)] = executor.map_chunks(tag_chunk, [42], desc="t", executor=ex)
    assert (item, size) == (42, 1)


def test_processes_keep_input_order_and_chunk_sizes():
    items = list(range(23))[::-1]
    got = executor.map_chunks(
        tag_chunk, items, desc="t", executor=executor.Processes(2), chunk_size=5
    )
    assert [g[0] for g in got] == items
    assert [g[1] for g in got] == [5] * 20 + [3] * 3  # each chunk shipped as one list
    assert os.getpid() not in {g[2] for g in got}  # computed in the workers


def test_fewer_items_than_workers():
    # two items on a pool of two, each its own chunk; one item on the same pool
    got = executor.map_chunks(tag_chunk, [7, 8], desc="t", executor=executor.Processes(2))
    assert [(g[0], g[1]) for g in got] == [(7, 1), (8, 1)]
    got = executor.map_chunks(tag_chunk, [9], desc="t", executor=executor.Processes(2))
    assert [(g[0], g[1]) for g in got] == [(9, 1)]


def test_default_chunk_size_gives_several_chunks_per_worker():
    got = executor.map_chunks(tag_chunk, list(range(80)), desc="t", executor=executor.Processes(2))
    assert [g[0] for g in got] == list(range(80))
    assert {g[1] for g in got} == {10}  # 80 items / (2 workers * 4 chunks)


def test_workers_run_nested_stages_serially():
    got = executor.map_chunks(
        worker_state, [1, 2], desc="t", executor=executor.Processes(2), chunk_size=1
    )
    assert got == [(True, "serial"), (True, "serial")]
    assert executor.in_worker() is False


def test_a_worker_exception_reaches_the_caller():
    with pytest.raises(ValueError, match="three is not allowed"):
        executor.map_chunks(
            fail_on_three, [1, 2, 3, 4], desc="t", executor=executor.Processes(2), chunk_size=1
        )
    # the pool survives an ordinary exception
    assert executor.map_chunks(fail_on_three, [5], desc="t", executor=executor.Processes(2)) == [5]


def test_a_chunk_function_returning_the_wrong_count_is_caught():
    with pytest.raises(ValueError, match="returned 1 results for 2 items"):
        executor.map_chunks(
            lambda c: c[:1], [1, 2], desc="t", executor=executor.Serial(), chunk_size=2
        )


# --- selection --------------------------------------------------------------------------------


def test_selection_from_the_environment(clean_env):
    clean_env.setattr(executor, "available_cpus", lambda: 3)
    assert repr(executor.current()) == "Processes(workers=3)"
    executor.use_workers(1)
    assert os.environ[executor.WORKERS_ENV] == "1"
    assert isinstance(executor.current(), executor.Serial)
    executor.use_workers(2)
    assert repr(executor.current()) == "Processes(workers=2)"
    executor.use_scheduler("tcp://10.0.0.5:8786")
    assert repr(executor.current()) == "Dask('tcp://10.0.0.5:8786')"  # not connected yet
    executor.use_scheduler(None)
    executor.use_workers(None)
    assert executor.SCHEDULER_ENV not in os.environ and executor.WORKERS_ENV not in os.environ


@pytest.mark.parametrize("raw", ["0", "-2", "two"])
def test_bad_worker_counts_are_one_line_errors(clean_env, raw):
    clean_env.setenv(executor.WORKERS_ENV, raw)
    with pytest.raises(DiscourseError, match=f"{executor.WORKERS_ENV}='{raw}'") as err:
        executor.current()
    assert "\n" not in str(err.value)
    with pytest.raises(DiscourseError, match="--workers 0"):
        executor.use_workers(0)


def test_small_loads_run_serially_large_ones_on_the_executor(clean_env):
    clean_env.setenv(executor.WORKERS_ENV, "2")
    small = executor.map_chunks(tag_chunk, [1, 2, 3], desc="t", min_parallel=4)
    assert {g[2] for g in small} == {os.getpid()}
    large = executor.map_chunks(tag_chunk, [1, 2, 3], desc="t", min_parallel=3)
    assert os.getpid() not in {g[2] for g in large}
    weighted = executor.map_chunks(tag_chunk, [10, 20], desc="t", min_parallel=25, weight=int)
    assert os.getpid() not in {g[2] for g in weighted}
    one = executor.map_chunks(tag_chunk, [1], desc="t", min_parallel=0)  # cannot be shared
    assert one[0][2] == os.getpid()


def test_progress_switch(clean_env):
    clean_env.setenv(executor.PROGRESS_ENV, "0")
    assert executor.progress_enabled() is False
    clean_env.setenv(executor.PROGRESS_ENV, "1")
    assert executor.progress_enabled() is True


def test_progress_bar_goes_to_stderr_only(clean_env, capsys):
    clean_env.setenv(executor.PROGRESS_ENV, "1")
    got = executor.map_chunks(tag_chunk, [1, 2, 3], desc="stage-x", executor=executor.Serial())
    assert [g[0] for g in got] == [1, 2, 3]
    out, err = capsys.readouterr()
    assert out == "" and "stage-x" in err


# --- an unreachable scheduler -----------------------------------------------------------------


def test_unreachable_scheduler_is_a_one_line_error():
    with pytest.raises(DiscourseError) as err:
        executor.Dask(UNREACHABLE, timeout=1).client()
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith(f"cannot reach the Dask scheduler at {UNREACHABLE}")
    assert "--scheduler" in message and executor.SCHEDULER_ENV in message


def test_cli_scheduler_option_fails_early_with_the_address(clean_env, capsys):
    clean_env.setattr(executor, "CONNECT_TIMEOUT", 1)
    clean_env.setattr(executor, "_DASK", {})
    assert cli.main(["--scheduler", UNREACHABLE, "corpus"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith(
        f"discourse corpus: error: cannot reach the Dask scheduler at {UNREACHABLE}"
    )


# --- the measures on every executor -----------------------------------------------------------


def direct_vader(frame: pl.DataFrame) -> list[float]:
    """Compound of each sentence from a fresh NLTK analyser, one sentence at a time."""
    analyzer = resources.vader_analyzer()
    return [analyzer.polarity_scores(t)["compound"] for t in frame["text"]]


def forced(monkeypatch, how: str, address: str | None = None) -> None:
    """Make the measures use ``how`` whatever the input size."""
    monkeypatch.setattr(sentiment, "VADER_MIN_PARALLEL", 0)
    for name in ("READABILITY_MIN_PARALLEL", "SENTENCES_MIN_PARALLEL", "WORDS_MIN_PARALLEL"):
        monkeypatch.setattr(style, name, 0)
    monkeypatch.setenv(executor.WORKERS_ENV, "1" if how == "serial" else "2")
    if how == "dask":
        monkeypatch.setenv(executor.SCHEDULER_ENV, address)


def measures(sents: pl.DataFrame, toks: pl.DataFrame) -> dict[str, pl.DataFrame]:
    return {
        "vader": sentiment.textstat_sentiment(sents),
        "vader+extension": sentiment.textstat_sentiment(sents, extension=True),
        "readability": style.textstat_readability(sents),
        "splits": style.textstat_sentence_splits(sents),
        "syllables": style.textstat_word_lengths(toks),
    }


@pytest.fixture(scope="module")
def serial_results(sents, toks):
    with pytest.MonkeyPatch.context() as mp:
        forced(mp, "serial")
        return measures(sents, toks)


def test_serial_results_against_direct_computations(serial_results, sents):
    vader = serial_results["vader"]
    assert vader["text_id"].unique(maintain_order=True).to_list() == [
        "e-1234",
        "r-1234",
        "note-a",
        "note-b",
        "stmt-c",
    ]
    expected = dict(zip(sents["sentence_id"], direct_vader(sents), strict=True))
    assert [expected[s] for s in vader["sentence_id"]] == vader["compound"].to_list()
    assert any(c != 0 for c in vader["compound"])
    ts = resources.textstat_module()
    read = serial_results["readability"]
    for row in read.iter_rows(named=True):
        mine = sents.filter(pl.col("text_id") == row["text_id"]).sort("sentence_index")
        joined = readability_text(mine["text"].to_list())
        assert row["flesch_reading_ease"] == ts.flesch_reading_ease(joined)
        assert row["n_syllables_textstat"] == ts.syllable_count(joined)
    assert read.height == 5


def test_extension_masks_names_on_every_executor(serial_results, sents):
    ext = serial_results["vader+extension"]
    plain = serial_results["vader"]
    # sentences with extension entries move; "Genocide Watch" is a proper name, so its
    # sentence keeps VADER's own score (the extended analyser alone would score it).
    moved = ext.filter(pl.col("compound") != plain["compound"])["text"].to_list()
    assert moved == [
        "The town saw a massacre.",
        "Stop the blockade now.",
        "The land is occupied and the occupation goes on.",
    ]
    name = "Genocide Watch wrote to us."
    assert ext.filter(pl.col("text") == name)["compound"].to_list() == [0.0]
    assert sentiment.vader_analyzer_extended().polarity_scores(name)["compound"] < 0


@pytest.mark.parametrize("how", ["processes", "dask"])
def test_processes_and_dask_give_the_serial_results(
    how, serial_results, sents, toks, monkeypatch, request
):
    address = request.getfixturevalue("cluster") if how == "dask" else None
    forced(monkeypatch, how, address)
    ex = executor.current()
    assert ex.name == how
    try:
        got = measures(sents, toks)
    finally:
        if how == "dask":
            executor._DASK.pop(address).close()
    for name, frame in serial_results.items():
        assert_frame_equal(got[name], frame, check_exact=True)


def test_dask_keeps_order_and_runs_on_two_workers(dask):
    assert dask.workers == 2
    items = list(range(30))[::-1]
    got = executor.map_chunks(tag_chunk, items, desc="t", executor=dask, chunk_size=4)
    assert [g[0] for g in got] == items
    assert [g[1] for g in got] == [4] * 28 + [2] * 2
    assert os.getpid() not in {g[2] for g in got}
    assert executor.map_chunks(tag_chunk, [], desc="t", executor=dask) == []
    with pytest.raises(ValueError, match="three is not allowed"):
        executor.map_chunks(fail_on_three, [1, 2, 3], desc="t", executor=dask, chunk_size=1)


def test_vader_chunks_on_dask_equal_serial(dask, sents):
    texts = sents["text"].to_list()
    fn = functools.partial(sentiment.vader_scores, extension=())
    assert executor.map_chunks(fn, texts, desc="t", executor=dask, chunk_size=2) == (
        sentiment.vader_scores(texts)
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["--scheduler", "tcp://h:1", "--workers", "3", "corpus"],
        ["corpus", "--scheduler", "tcp://h:1", "--workers", "3"],
    ],
)
def test_cli_executor_options_before_or_after_the_command(argv):
    args = cli.make_parser().parse_args(argv)
    assert (args.scheduler, args.workers) == ("tcp://h:1", 3)
    plain = cli.make_parser().parse_args(["corpus"])
    assert (plain.scheduler, plain.workers) == (None, None)


def test_cli_workers_option_sets_the_environment_for_kernels(clean_env, capsys):
    assert cli.main(["--workers", "0", "corpus"]) == 2
    assert "--workers 0" in capsys.readouterr().err
    clean_env.setattr(cli, "cmd_corpus", lambda args: 0)
    assert cli.main(["corpus", "--workers", "1"]) == 0
    assert os.environ[executor.WORKERS_ENV] == "1"
    assert isinstance(executor.current(), executor.Serial)
