"""Every registered figure shows the numbers of its committed spec in ``figures/``.

Chart code may restyle a figure (labels, legends, layout), after which ``discourse check`` names
it until the figures are regenerated; the values a figure draws must never move. Columns a
builder adds for layout only (the naming chart's stacked segment ends) are left out.
"""

from __future__ import annotations

import json

import pytest

from analysis import figures, paths

from .charts_check import data_rows

#: Columns that place marks (computed from the counts), not measured values.
LAYOUT_COLUMNS = {"x_start", "x_end"}
SPECS = figures.registry()


def _numbers(spec: dict) -> list[str]:
    rows = [json.loads(r) for r in data_rows(spec)]
    return sorted(
        json.dumps({k: v for k, v in r.items() if k not in LAYOUT_COLUMNS}, sort_keys=True)
        for r in rows
    )


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_figure_numbers_equal_the_committed_ones(spec):
    committed = json.loads((paths.FIGURES / f"{spec.name}.vl.json").read_text(encoding="utf-8"))
    built = figures.chart_dict(spec.build())
    assert _numbers(built) == _numbers(committed)
    assert _numbers(built)  # a figure with no numbers would compare equal to anything


def _legends(node):
    """Every legend definition in a spec (encodings' ``legend`` objects), recursively."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "legend" and isinstance(value, dict):
                yield value
            yield from _legends(value)
    elif isinstance(node, list):
        for item in node:
            yield from _legends(item)


@pytest.mark.parametrize("name", [s.name for s in SPECS])
def test_no_legend_label_is_cut(name):
    spec = json.loads((paths.FIGURES / f"{name}.vl.json").read_text(encoding="utf-8"))
    assert spec["config"]["legend"]["labelLimit"] == 0
    limits = [leg["labelLimit"] for leg in _legends(spec) if "labelLimit" in leg]
    assert all(limit == 0 for limit in limits), limits
