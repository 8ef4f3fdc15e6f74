"""The figure registry follows the corpus: per-text figures from a FIGURES function."""

from __future__ import annotations

import types

import altair as alt
import polars as pl

from analysis import figures
from analysis.charts import FigureSpec


def bar(n: int) -> alt.Chart:
    frame = pl.DataFrame({"x": ["a", "b"], "n": [n, n + 1]})
    return alt.Chart(frame).mark_bar().encode(x="x:N", y="n:Q").properties(title=f"Bars {n}")


def per_text_module(text_ids: list[str]) -> types.ModuleType:
    mod = types.ModuleType("analysis.charts.per_text")

    def specs() -> list[FigureSpec]:
        return [
            FigureSpec(f"keyness-{t}", lambda i=i: bar(i), f"Keyness of {t}.", "01-terms")
            for i, t in enumerate(text_ids)
        ]

    mod.FIGURES = specs
    return mod


def test_a_figures_function_gives_one_figure_per_text():
    texts = ["alpha", "beta", "gamma", "delta", "epsilon"]
    got = figures.collect_figures([per_text_module(texts)])
    assert [s.name for s in got] == [f"keyness-{t}" for t in texts]
    assert got[4].build().to_dict()["title"] == "Bars 4"


def test_check_names_the_figure_of_a_text_that_left_the_corpus(tmp_path):
    out = tmp_path / "figures"
    five = figures.collect_figures([per_text_module(["alpha", "beta", "gamma", "delta", "e"])])
    figures.write_figures(five, out)
    four = five[:4]
    problems = figures.check_figures(four, out)
    fix = f"run `discourse figures` and commit {out}/"
    assert problems == [
        f"{out}/README.md differs from what the code now produces (the figure list): {fix}.",
        *(
            f"{out}/keyness-e{suffix} belongs to no registered figure (stale, or its text left "
            f"the corpus): {fix} (it removes it)."
            for suffix in (".png", ".svg", ".vl.json")
        ),
    ]
    readme = figures.readme_text(four)
    assert "4 figures." in readme and "keyness-e" not in readme
    figures.write_figures(four, out)
    assert figures.check_figures(four, out) == []
    assert not list(out.glob("keyness-e.*"))
