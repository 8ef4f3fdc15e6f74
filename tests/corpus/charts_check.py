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
    """Every data row a Vega-Lite spec holds (inline ``values`` and named ``datasets``), as
    sorted JSON strings: the numbers a figure shows, whatever its encodings and layout."""
    rows: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "values" and isinstance(value, list):
                    rows.extend(json.dumps(r, sort_keys=True) for r in value)
                elif key == "datasets" and isinstance(value, dict):
                    for table in value.values():
                        rows.extend(json.dumps(r, sort_keys=True) for r in table)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(spec)
    return sorted(rows)
