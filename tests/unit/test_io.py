"""Atomic writes: all or nothing, with ordinary file permissions."""

import os
import stat

import polars as pl
import pytest

from analysis import io


def test_write_atomic_replaces_whole_file_with_normal_permissions(tmp_path):
    target = tmp_path / "sub" / "out.txt"
    io.write_atomic(target, "first")
    io.write_atomic(target, "second")
    assert target.read_text() == "second"
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    assert [p.name for p in target.parent.iterdir()] == ["out.txt"]


def test_failed_write_leaves_nothing_behind(tmp_path):
    target = tmp_path / "out.parquet"
    target.write_bytes(b"old")

    class Boom(Exception):
        pass

    def explode(_):
        raise Boom

    with pytest.raises(Boom):
        io._write_via(target, explode)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.parquet"]


def test_frame_formats(tmp_path):
    frame = pl.DataFrame({"a": [1, 2], "b": ["x", "y"]})
    io.write_frame_atomic(frame, tmp_path / "t.parquet")
    io.write_frame_atomic(frame, tmp_path / "t.csv")
    assert pl.read_parquet(tmp_path / "t.parquet").equals(frame)
    assert (tmp_path / "t.csv").read_text() == "a,b\n1,x\n2,y\n"
    with pytest.raises(ValueError, match="unsupported table format"):
        io.write_frame_atomic(frame, tmp_path / "t.xlsx")


# --- staged generations ----------------------------------------------------------------------


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if ".staging-" in p.name or ".old-" in p.name)


def test_a_generation_is_swapped_in_whole_and_unchanged_files_keep_their_inode(tmp_path):
    target = tmp_path / "out"
    target.mkdir()
    (target / "a.csv").write_text("a1")
    (target / "b.csv").write_text("b1")
    (target / "notes.txt").write_text("kept")
    inode = (target / "a.csv").stat().st_ino
    with io.staged_generation(target) as staging:
        assert staging.parent == tmp_path and staging.name.startswith(".out.staging-")
        assert (staging / "notes.txt").read_text() == "kept"  # carried over
        io.write_atomic(staging / "b.csv", "b2")
        (staging / "c.csv").write_text("c2")
        assert (target / "b.csv").read_text() == "b1"  # the old generation is untouched
    assert {p.name: p.read_text() for p in target.iterdir()} == {
        "a.csv": "a1",
        "b.csv": "b2",
        "c.csv": "c2",
        "notes.txt": "kept",
    }
    assert (target / "a.csv").stat().st_ino == inode  # not rewritten
    assert leftovers(tmp_path) == []


def test_a_failure_midway_leaves_the_previous_generation_whole(tmp_path):
    target = tmp_path / "out"
    target.mkdir()
    (target / "a.csv").write_text("a1")
    (target / "b.csv").write_text("b1")
    with pytest.raises(RuntimeError, match="builder failed"):
        with io.staged_generation(target) as staging:
            io.write_atomic(staging / "a.csv", "a2")
            raise RuntimeError("builder failed")
    assert {p.name: p.read_text() for p in target.iterdir()} == {"a.csv": "a1", "b.csv": "b1"}
    assert leftovers(tmp_path) == []


def dead_pid() -> int:
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_recovery_puts_back_a_generation_retired_by_an_interrupted_swap(tmp_path):
    pid = dead_pid()
    retired = tmp_path / f".out.old-{pid}"  # killed between the two renames
    retired.mkdir()
    (retired / "a.csv").write_text("a1")
    staging = tmp_path / f".out.staging-{pid}"
    staging.mkdir()
    (staging / "a.csv").write_text("half")
    io.recover_generation(tmp_path / "out")
    assert (tmp_path / "out" / "a.csv").read_text() == "a1"
    assert leftovers(tmp_path) == []


def test_recovery_leaves_a_live_process_staging_alone(tmp_path):
    live = tmp_path / f".out.staging-{os.getppid()}"
    live.mkdir()
    io.recover_generation(tmp_path / "out")
    assert live.is_dir() and not (tmp_path / "out").exists()


def test_sigkill_during_a_generation_leaves_the_previous_one_whole(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    target = tmp_path / "out"
    target.mkdir()
    for name in ("a", "b", "c"):
        (target / f"{name}.csv").write_text(f"{name}1")
    script = (
        "import sys, time\nfrom pathlib import Path\nfrom analysis import io\n"
        "with io.staged_generation(Path(sys.argv[1])) as staging:\n"
        "    io.write_atomic(staging / 'a.csv', 'a2')\n"
        "    io.write_atomic(staging / 'b.csv', 'b2')\n"
        "    Path(sys.argv[2]).write_text('halfway')\n"
        "    time.sleep(60)\n"
        "    io.write_atomic(staging / 'c.csv', 'c2')\n"
    )
    marker = tmp_path / "marker"
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(target), str(marker)],
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.05)
        assert marker.exists(), "the child never reached the middle of its generation"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert {p.name: p.read_text() for p in target.iterdir()} == {
        "a.csv": "a1",
        "b.csv": "b1",
        "c.csv": "c1",
    }
    assert leftovers(tmp_path) == [f".out.staging-{child.pid}"]
    with io.staged_generation(target) as staging:  # the next run cleans up first
        io.write_atomic(staging / "a.csv", "a3")
    assert (target / "a.csv").read_text() == "a3" and leftovers(tmp_path) == []
