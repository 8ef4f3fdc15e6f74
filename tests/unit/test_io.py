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
