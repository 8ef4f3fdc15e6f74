"""The check every registered chart passes: a valid Vega-Lite spec that renders to SVG."""

from __future__ import annotations

import json

import vl_convert


def validated_svg(chart) -> tuple[dict, str]:
    """Validate ``chart`` (schema, title, description), render it; return its spec and SVG."""
    spec = chart.to_dict()  # validates against the Vega-Lite schema
    assert spec["description"] and spec["title"]
    svg = vl_convert.vegalite_to_svg(chart.to_json())
    assert svg.lstrip().startswith("<svg") and "</svg>" in svg
    return spec, svg


def data_rows(spec: dict) -> list[str]:
    """The numbers of every data row a Vega-Lite spec holds (inline ``values`` and named
    ``datasets``): each row's numeric fields as sorted JSON, the rows sorted. What a figure
    measures, whatever its encodings, layout and display labels."""
    rows: list[str] = []

    def numbers(row: dict) -> str:
        kept = {
            k: v for k, v in row.items() if isinstance(v, int | float) and not isinstance(v, bool)
        }
        return json.dumps(kept, sort_keys=True)

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "values" and isinstance(value, list):
                    rows.extend(numbers(r) for r in value)
                elif key == "datasets" and isinstance(value, dict):
                    for table in value.values():
                        rows.extend(numbers(r) for r in table)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(spec)
    return sorted(rows)
