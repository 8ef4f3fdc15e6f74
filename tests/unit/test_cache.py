"""The content-hash cache and staged builds: skip when nothing changed, rebuild when anything did.

Synthetic tables, inputs and figures only (no corpus is read).
"""

from __future__ import annotations

import hashlib
import json

import altair as alt
import polars as pl
import pytest

from analysis import cache, cli, figures
from analysis.charts import FigureSpec


def tables(calls: list[str], *, fail: str | None = None) -> dict:
    def make(name: str, n: int):
        def build() -> pl.DataFrame:
            calls.append(name)
            if name == fail:
                raise RuntimeError(f"{name} failed")
            return pl.DataFrame({"text_id": [f"t{i}" for i in range(n)], "n": list(range(n))})

        return build

    return {
        "sources": make("sources", 2),
        "segments": make("segments", 5),
        "tokens": make("tokens", 7),
    }


def inputs_of(tmp_path, text: str = "a") -> dict:
    source = tmp_path / "inputs" / "corpus.toml"
    source.parent.mkdir(exist_ok=True)
    source.write_text(text)
    return cache.input_hashes([source])


def names(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_input_hashes_name_every_file_and_library(tmp_path):
    one = tmp_path / "one.csv"
    one.write_text("x")
    got = cache.input_hashes([one, tmp_path / "gone.csv"], extra={"kind": "figures"})
    assert got["files"] == {
        str(one): hashlib.sha256(b"x").hexdigest(),
        str(tmp_path / "gone.csv"): "missing",
    }
    assert {"python", "polars", "altair", "vl-convert-python"} <= set(got["libraries"])
    assert got["extra"] == {"kind": "figures"}
    one.write_text("y")
    assert cache.input_hashes([one])["files"] != got["files"]


def test_build_writes_one_generation_then_skips_until_something_changes(tmp_path):
    out = tmp_path / "processed"
    calls: list[str] = []
    inputs = inputs_of(tmp_path)
    written = cli.build_processed(tables=tables(calls), out_dir=out, inputs=inputs, force=False)
    assert len(written) == 6 and calls == ["sources", "segments", "tokens"]
    assert names(out) == [
        ".generation.json",
        "segments.csv",
        "segments.parquet",
        "sources.csv",
        "sources.parquet",
        "tokens.csv",
        "tokens.parquet",
    ]
    assert pl.read_parquet(out / "tokens.parquet")["n"].to_list() == list(range(7))
    record = json.loads((out / ".generation.json").read_text())
    assert record["inputs"] == inputs
    assert (
        record["outputs"]["tokens.csv"]
        == hashlib.sha256((out / "tokens.csv").read_bytes()).hexdigest()
    )

    calls.clear()
    assert cli.build_processed(tables=tables(calls), out_dir=out, inputs=inputs, force=False) == []
    assert calls == []  # nothing computed: inputs and outputs unchanged

    assert cli.build_processed(tables=tables(calls), out_dir=out, inputs=inputs, force=True)
    assert calls == ["sources", "segments", "tokens"]  # --force

    calls.clear()
    changed = inputs_of(tmp_path, "b")
    assert cli.build_processed(tables=tables(calls), out_dir=out, inputs=changed, force=False)
    assert len(calls) == 3  # an input changed

    calls.clear()
    (out / "segments.csv").write_text("text_id,n\nedited,0\n")  # a hand-edited output
    assert cli.build_processed(tables=tables(calls), out_dir=out, inputs=changed, force=False)
    assert len(calls) == 3
    assert pl.read_csv(out / "segments.csv")["n"].to_list() == list(range(5))


def test_a_copied_generation_is_not_trusted_elsewhere(tmp_path):
    import shutil

    inputs = inputs_of(tmp_path)
    cli.build_processed(tables=tables([]), out_dir=tmp_path / "a", inputs=inputs, force=False)
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    assert cache.up_to_date(tmp_path / "a", inputs)
    assert not cache.up_to_date(tmp_path / "b", inputs)


def test_a_failing_table_leaves_the_previous_build_whole(tmp_path):
    out = tmp_path / "processed"
    inputs = inputs_of(tmp_path)
    cli.build_processed(tables=tables([]), out_dir=out, inputs=inputs)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    calls: list[str] = []
    with pytest.raises(RuntimeError, match="segments failed"):
        cli.build_processed(
            tables=tables(calls, fail="segments"), out_dir=out, inputs=inputs_of(tmp_path, "b")
        )
    assert calls == ["sources", "segments"]
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert names(tmp_path) == ["inputs", "processed"]  # no staging left behind


def test_a_failing_write_leaves_the_previous_build_whole(tmp_path, monkeypatch):
    out = tmp_path / "processed"
    cli.build_processed(tables=tables([]), out_dir=out, inputs=inputs_of(tmp_path))
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real = cli.write_frame_atomic
    written: list[str] = []

    def fail_on_third(frame, path):
        written.append(path.name)
        if len(written) == 3:
            raise OSError("disk full")
        return real(frame, path)

    monkeypatch.setattr(cli, "write_frame_atomic", fail_on_third)
    with pytest.raises(OSError, match="disk full"):
        cli.build_processed(tables=tables([]), out_dir=out, inputs=inputs_of(tmp_path, "b"))
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert names(tmp_path) == ["inputs", "processed"]


def bars() -> alt.Chart:
    frame = pl.DataFrame({"text_id": ["t1", "t2", "t3", "t4", "t5"], "n": [3, 1, 4, 1, 5]})
    return alt.Chart(frame).mark_bar().encode(x="text_id:N", y="n:Q")


SPECS = [FigureSpec("test-five", bars, "Five texts.", "98-test")]


def test_figures_record_their_inputs_and_any_change_makes_them_out_of_date(tmp_path):
    out = tmp_path / "figures"
    inputs = inputs_of(tmp_path)
    assert not figures.figures_up_to_date(out, inputs)
    figures.write_figures(SPECS, out, inputs=inputs)
    assert names(out) == [
        ".generation.json",
        "README.md",
        "test-five.png",
        "test-five.svg",
        "test-five.vl.json",
    ]
    assert figures.check_figures(SPECS, out) == []  # the record is no managed figure file
    assert figures.figures_up_to_date(out, inputs)
    assert not figures.figures_up_to_date(out, inputs_of(tmp_path, "b"))
    inputs = inputs_of(tmp_path, "a")
    (out / "old-chart.svg").write_text("<svg/>")  # a stale figure: to be removed
    assert not figures.figures_up_to_date(out, inputs)
    (out / "old-chart.svg").unlink()
    assert figures.figures_up_to_date(out, inputs)
    svg = out / "test-five.svg"
    svg.write_bytes(svg.read_bytes().replace(b"<svg", b"<svg data-edited", 1))
    assert not figures.figures_up_to_date(out, inputs)


def test_a_failing_figure_leaves_the_previous_figures_whole(tmp_path):
    out = tmp_path / "figures"
    figures.write_figures(SPECS, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def broken():
        raise KeyError("n")

    with pytest.raises(Exception, match="test-broken"):
        figures.write_figures([*SPECS, FigureSpec("test-broken", broken, "c", "98-test")], out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert names(tmp_path) == ["figures"]
