"""The check every registered chart passes: a valid Vega-Lite spec that renders to SVG."""

from __future__ import annotations

import vl_convert


def validated_svg(chart) -> tuple[dict, str]:
    """Validate ``chart`` (schema, title, description), render it; return its spec and SVG."""
    spec = chart.to_dict()  # validates against the Vega-Lite schema
    assert spec["description"] and spec["title"]
    svg = vl_convert.vegalite_to_svg(chart.to_json())
    assert svg.lstrip().startswith("<svg") and "</svg>" in svg
    return spec, svg
