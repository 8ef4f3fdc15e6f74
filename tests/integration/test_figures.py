"""The figure registry and reproducible figures (``discourse figures`` / ``discourse check``)."""

from __future__ import annotations

import hashlib
import json
import types
from pathlib import Path

import altair as alt
import polars as pl
import pytest
import vl_convert
from conftest import run_discourse as run_cli

from analysis import charts, figures, paths
from analysis.charts import FigureSpec, text_colours, text_labels
from analysis.io import DiscourseError


def bars() -> alt.Chart:
    # Word tokens per primary text (analysis.tokens: 269, 229, 861).
    frame = pl.DataFrame({"text_id": ["petition", "response", "letter"], "n": [269, 229, 861]})
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("text_id:N", sort=charts.text_order(), title="Text"),
            y=alt.Y("n:Q", title="Word tokens"),
            color=charts.text_color(),
            tooltip=["text_id", "n"],
        )
    )
    return charts.finish(chart, title="Word tokens per text", description="Bars of word tokens.")


def points() -> alt.Chart:
    frame = pl.DataFrame({"x": [1, 2, 3], "y": [0.5, -0.2, 0.1]})
    chart = alt.Chart(frame).mark_point().encode(x="x:Q", y="y:Q")
    return charts.finish(chart, title="Points", description="Three points.")


TEST_FIGURES = [
    FigureSpec("test-bars", bars, "Word tokens per text | with a pipe.", "98-test"),
    FigureSpec("test-points", points, "Three points.", "97-test"),
]


def module(name: str, specs) -> types.ModuleType:
    mod = types.ModuleType(name)
    mod.FIGURES = specs
    return mod


# --- registry --------------------------------------------------------------------------------


def test_collect_orders_by_notebook_then_registration():
    a = module("charts_a", [TEST_FIGURES[0]])
    b = module("charts_b", [TEST_FIGURES[1]])
    no_figures = types.ModuleType("helpers")
    got = figures.collect_figures([a, no_figures, b])
    assert [f.name for f in got] == ["test-points", "test-bars"]  # 97-test before 98-test


def test_duplicate_names_are_refused_naming_both_modules():
    a = module("analysis.charts.one", [TEST_FIGURES[0]])
    b = module("analysis.charts.two", [TEST_FIGURES[0]])
    with pytest.raises(DiscourseError, match=r"two\.FIGURES\[0\].*'test-bars'.*one\.FIGURES"):
        figures.collect_figures([a, b])


@pytest.mark.parametrize(
    "spec, message",
    [
        ("not a spec", "not a FigureSpec"),
        (FigureSpec("Bad Name", bars, "c", "01-x"), "file-name stem"),
        (FigureSpec("ok", bars, "c", "terminology"), "must look like '01-terminology'"),
        (FigureSpec("ok", bars, "  ", "01-x"), "caption is empty"),
    ],
)
def test_malformed_entries_are_refused(spec, message):
    with pytest.raises(DiscourseError, match=message):
        figures.collect_figures([module("analysis.charts.bad", [spec])])


def test_registry_collects_every_chart_module():
    chart_files = sorted(
        p.stem for p in (paths.ROOT / "analysis" / "charts").glob("*.py") if p.stem != "__init__"
    )
    mods = figures.chart_modules()
    assert [m.__name__.rsplit(".", 1)[1] for m in mods] == chart_files

    def listed(m) -> list:  # FIGURES is a list, or a function of the corpus in force
        specs = getattr(m, "FIGURES", [])
        return specs() if callable(specs) else specs

    expected = {s.name for m in mods for s in listed(m)}
    registered = figures.registry()
    assert {s.name for s in registered} == expected
    assert len(registered) == len(expected)  # names unique
    assert "corpus-text-sizes" in expected  # notebook 00's charts (analysis/charts/corpus.py)


def test_every_registered_figure_is_accessible_and_uses_the_text_colours():
    """Title and screen-reader description on every chart; one fixed colour per text."""
    text_ids, labels = list(text_colours()), list(text_labels().values())
    colour_of = {**text_colours(), **{text_labels()[k]: v for k, v in text_colours().items()}}
    problems = []
    for spec in figures.registry():
        d = spec.build().to_dict()
        title = d.get("title")
        if not (title.get("text") if isinstance(title, dict) else title):
            problems.append(f"{spec.name}: no title")
        if not d.get("description"):
            problems.append(f"{spec.name}: no description for screen readers")
        for scale in _scales(d):
            domain, rng = scale.get("domain"), scale.get("range")
            if not isinstance(domain, list) or not isinstance(rng, list):
                continue
            if set(domain) & (set(text_ids) | set(labels)):
                for value, colour in zip(domain, rng, strict=False):
                    if value in colour_of and colour.upper() != colour_of[value].upper():
                        problems.append(f"{spec.name}: {value} drawn in {colour}")
    assert not problems, "\n".join(problems)


def _scales(node):
    if isinstance(node, dict):
        if isinstance(node.get("scale"), dict):
            yield node["scale"]
        for value in node.values():
            yield from _scales(value)
    elif isinstance(node, list):
        for value in node:
            yield from _scales(value)


# --- files -----------------------------------------------------------------------------------


def test_chart_dict_has_no_row_limit_like_notebooks():
    frame = pl.DataFrame({"x": list(range(6000))})
    chart = alt.Chart(frame).mark_tick().encode(x="x:Q")
    with alt.data_transformers.enable("default", max_rows=5000):  # Altair's default limit
        with pytest.raises(alt.MaxRowsError):
            chart.to_dict()
        spec = figures.chart_dict(chart)
        assert len(next(iter(spec["datasets"].values()))) == 6000
        with pytest.raises(alt.MaxRowsError):
            chart.to_dict()  # the limit is restored afterwards


def test_render_figure_gives_three_valid_files():
    files = figures.render_figure(TEST_FIGURES[0])
    assert sorted(files) == ["test-bars.png", "test-bars.svg", "test-bars.vl.json"]
    spec = json.loads(files["test-bars.vl.json"])
    assert spec["title"] == {"text": "Word tokens per text"}
    assert spec["$schema"].endswith("vega-lite/v6.4.1.json")
    text = files["test-bars.vl.json"].decode()
    assert text == json.dumps(spec, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert (
        files["test-bars.svg"].startswith(b"<svg")
        and b"Word tokens per text" in files["test-bars.svg"]
    )
    assert files["test-bars.png"][:8] == b"\x89PNG\r\n\x1a\n"
    # PNG at twice the SVG's pixel size.
    svg_width = float(files["test-bars.svg"].split(b'width="', 1)[1].split(b'"', 1)[0])
    png_width = int.from_bytes(files["test-bars.png"][16:20], "big")
    assert png_width == pytest.approx(figures.PNG_SCALE * svg_width, abs=2)


def test_a_broken_builder_is_named():
    def broken():
        raise KeyError("n_word_tokens")

    with pytest.raises(DiscourseError, match=r"figure 'test-broken' \(notebook 01-x\).*KeyError"):
        figures.render_figure(FigureSpec("test-broken", broken, "c", "01-x"))


def digest(folder: Path) -> dict[str, str]:
    """The figure files (the hidden cache record ``.generation.json`` aside)."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.name.startswith(".")
    }


def test_write_twice_gives_identical_bytes_and_a_readme(tmp_path):
    out = tmp_path / "figures"
    written = figures.write_figures(TEST_FIGURES, out)
    first = digest(out)
    assert sorted(first) == sorted(
        ["README.md"] + [f"test-{n}{s}" for n in ("bars", "points") for s in figures.SUFFIXES]
    )
    assert len(written) == 7
    figures.write_figures(TEST_FIGURES, out)
    assert digest(out) == first
    readme = (out / "README.md").read_text()
    assert "| `test-points` | Three points. | [97-test](../notebooks/97-test.ipynb) |" in readme
    assert "Word tokens per text \\| with a pipe." in readme  # table cell escaped
    assert not list(out.glob(".*.tmp"))


def test_write_removes_stale_figures_but_nothing_else(tmp_path):
    out = tmp_path / "figures"
    figures.write_figures(TEST_FIGURES, out)
    (out / "notes.txt").write_text("kept")
    figures.write_figures(TEST_FIGURES[:1], out)
    assert not (out / "test-points.svg").exists() and not (out / "test-points.png").exists()
    assert (out / "test-bars.svg").exists() and (out / "notes.txt").read_text() == "kept"


def test_check_names_the_figure_that_differs(tmp_path):
    out = tmp_path / "figures"
    figures.write_figures(TEST_FIGURES, out)
    assert figures.check_figures(TEST_FIGURES, out) == []
    svg = out / "test-bars.svg"
    svg.write_bytes(svg.read_bytes().replace(b"Word tokens", b"Word  tokens"))
    (out / "test-points.png").unlink()
    (out / "old-chart.vl.json").write_text("{}")
    problems = figures.check_figures(TEST_FIGURES, out)
    fix = f"run `discourse figures` and commit {out}/"
    assert problems == [
        f"{out}/test-bars.svg differs from what the code now produces (figure 'test-bars' "
        f"(98-test)): {fix}.",
        f"{out}/test-points.png is missing (figure 'test-points' (97-test)): {fix}.",
        f"{out}/old-chart.vl.json belongs to no registered figure (stale, or its text left the "
        f"corpus): {fix} (it removes it).",
    ]


def test_committed_figures_are_up_to_date():
    """What `discourse check` verifies: figures/ is exactly what the registered code produces."""
    problems = figures.check_figures()
    assert not problems, "\n".join(problems)


def test_registered_specs_validate_and_render():
    for spec in figures.registry():
        chart = spec.build()
        chart.to_dict(validate=True)
        assert vl_convert.vegalite_to_svg(chart.to_json(), vl_version="6.4").startswith("<svg")


# --- command line ----------------------------------------------------------------------------


def test_figures_command_is_byte_identical_and_check_names_a_tampered_figure(built_root):
    """Two separate processes give identical bytes (PNG included); check catches a change."""
    scratch_root = built_root  # processed data built (`discourse build`), so check can pass
    out = scratch_root / "figures"
    first = run_cli(scratch_root, "figures")
    assert first.returncode == 0, first.stderr
    assert "figures: corpus-text-sizes" in first.stderr  # progress lines
    before = digest(out)
    specs = figures.registry()
    assert set(before) == {"README.md"} | {f"{s.name}{x}" for s in specs for x in figures.SUFFIXES}
    second = run_cli(scratch_root, "figures")
    assert second.returncode == 0, second.stderr
    assert "figures: up to date (inputs unchanged)" in second.stderr
    assert digest(out) == before
    forced = run_cli(scratch_root, "figures", "--force")
    assert forced.returncode == 0, forced.stderr
    assert "figures: corpus-text-sizes" in forced.stderr  # rendered again
    assert digest(out) == before

    # (`check` passing on a fresh build is test_cli's test_build_writes_parquet_and_csv_...)
    name = specs[-1].name
    spec_file = out / f"{name}.vl.json"
    spec = json.loads(spec_file.read_text())
    spec["description"] = spec["description"] + " (edited by hand)"
    spec_file.write_text(json.dumps(spec, sort_keys=True, indent=2) + "\n")
    tampered = run_cli(scratch_root, "check")
    assert tampered.returncode == 1
    assert f"figures/{name}.vl.json differs from what the code now produces" in tampered.stderr
    assert f"figure '{name}'" in tampered.stderr
    assert "figures/README.md" not in tampered.stderr  # only the tampered file is named


def test_svg_ids_do_not_depend_on_what_was_rendered_before(uncached_renderer):
    """Vega's gradient/clip ids come from a process-wide counter; figures renumber them."""
    from analysis.figures import stable_svg_ids

    a = (
        '<svg><defs><linearGradient id="gradient_6"/><clipPath id="clip12"/></defs>'
        '<rect fill="url(#gradient_6)" clip-path="url(#clip12)"/></svg>'
    )
    b = a.replace("gradient_6", "gradient_0").replace("clip12", "clip3")
    assert stable_svg_ids(a) == stable_svg_ids(b)
    assert 'id="gradient_0"' in stable_svg_ids(a) and "url(#clip1)" in stable_svg_ids(a)
    heatmap = next(s for s in figures.registry() if s.name == "similarity-heatmap")
    first = figures.render_figure(heatmap)[f"{heatmap.name}.svg"]
    for other in figures.registry()[:3]:
        figures.render_figure(other)  # advances Vega's id counter
    assert figures.render_figure(heatmap)[f"{heatmap.name}.svg"] == first
