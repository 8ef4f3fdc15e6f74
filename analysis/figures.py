"""The figure registry: every chart the notebooks show, written reproducibly to ``figures/``.

Each chart module in :mod:`analysis.charts` declares ``FIGURES``, a list of
:class:`~analysis.charts.FigureSpec` (name, builder, caption, notebook), or a function returning
one for the corpus in force (e.g. one keyness figure per text in the manifest). :func:`registry`
collects them all, so the registry follows the corpus; :func:`write_figures` writes each as ``<name>.vl.json`` (the Vega-Lite spec,
sorted keys), ``<name>.svg`` and ``<name>.png`` (rendered by vl-convert at a fixed scale), plus a
generated ``figures/README.md``. The same inputs give byte-identical files, so
:func:`check_figures` (run by ``discourse check``) can name any committed figure that no longer
matches what the code produces.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from types import ModuleType

from analysis import paths
from analysis.charts import FigureSpec
from analysis.io import DiscourseError, staged_generation, write_atomic

#: Vega-Lite version passed to vl-convert (Altair 6 writes v6.4 specs).
VL_VERSION = "6.4"
#: PNG scale factor (2 = twice the spec's pixel size, sharp on slides and print).
PNG_SCALE = 2
#: File suffixes written for every figure, in the order they are listed.
SUFFIXES = (".svg", ".png", ".vl.json")
README = "README.md"

_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_NOTEBOOK = re.compile(r"^[0-9]{2}-[a-z0-9-]+$")


def chart_modules() -> list[ModuleType]:
    """Import every module in ``analysis/charts/`` (sorted by name) and return them."""
    import analysis.charts as package

    modules = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        name = f"{package.__name__}.{info.name}"
        try:
            modules.append(importlib.import_module(name))
        except Exception as exc:
            raise DiscourseError(
                f"analysis/charts/{info.name}.py: cannot be imported ({type(exc).__name__}: "
                f"{exc}); fix the module so its FIGURES can be collected."
            ) from exc
    return modules


def collect_figures(modules: Iterable[ModuleType]) -> list[FigureSpec]:
    """Collect and validate the ``FIGURES`` lists of the given modules.

    Returns:
        Every figure, ordered by notebook, then module, then position in its list.

    Raises:
        DiscourseError: a FIGURES entry is not a FigureSpec, a name or notebook is malformed, or
            two figures share a name (both modules are named).
    """
    found: list[tuple[str, int, str, FigureSpec]] = []
    owner: dict[str, str] = {}
    for module in modules:
        specs = getattr(module, "FIGURES", None)
        if specs is None:
            continue
        if callable(specs):  # made per corpus: e.g. one figure per text in the manifest
            specs = specs()
        where = f"{module.__name__}.FIGURES"
        for i, spec in enumerate(specs):
            if not isinstance(spec, FigureSpec):
                raise DiscourseError(f"{where}[{i}]: not a FigureSpec ({spec!r}).")
            if not _NAME.match(spec.name):
                raise DiscourseError(
                    f"{where}[{i}]: figure name {spec.name!r} must be a file-name stem of "
                    "lower-case letters, digits and hyphens."
                )
            if not _NOTEBOOK.match(spec.notebook):
                raise DiscourseError(
                    f"{where}[{i}] ({spec.name}): notebook {spec.notebook!r} must look like "
                    "'01-terminology' (the notebook's file name without .ipynb)."
                )
            if not spec.caption.strip():
                raise DiscourseError(f"{where}[{i}] ({spec.name}): the caption is empty.")
            if spec.name in owner:
                raise DiscourseError(
                    f"{where}[{i}]: figure name {spec.name!r} is already registered by "
                    f"{owner[spec.name]}; names must be unique."
                )
            owner[spec.name] = where
            found.append((spec.notebook, len(found), spec.name, spec))
    return [spec for *_, spec in sorted(found, key=lambda f: (f[0], f[1]))]


def registry() -> list[FigureSpec]:
    """Every registered figure, from every chart module that defines ``FIGURES``."""
    return collect_figures(chart_modules())


def chart_dict(chart) -> dict:
    """The chart's Vega-Lite spec, with no row limit (as in notebooks, see ``setup_notebook``)."""
    import altair as alt

    with alt.data_transformers.disable_max_rows():
        return chart.to_dict()


def spec_json(chart) -> str:
    """The chart's Vega-Lite spec as stable JSON (sorted keys, two-space indent, final newline)."""
    return json.dumps(chart_dict(chart), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


_SVG_ID = re.compile(r'id="((?:gradient|clip|pattern)_?)(\d+)"')


def stable_svg_ids(svg: str) -> str:
    """Renumber the ids Vega gives gradients and clip paths, in order of appearance.

    Vega numbers them with a counter that lives as long as the renderer, so the same chart
    rendered after others gets other ids (``gradient_6`` instead of ``gradient_0``); renumbered,
    the bytes depend on the chart alone.
    """
    mapping: dict[str, str] = {}
    for prefix, number in _SVG_ID.findall(svg):
        old = f"{prefix}{number}"
        mapping.setdefault(old, f"{prefix}{len(mapping)}")
    if not mapping:
        return svg
    pattern = re.compile(
        r'(?<=id=")(' + "|".join(map(re.escape, mapping)) + r')(?=")'
        r"|(?<=url\(#)(" + "|".join(map(re.escape, mapping)) + r")(?=\))"
    )
    return pattern.sub(lambda m: mapping[m.group(0)], svg)


def render_figure(spec: FigureSpec) -> dict[str, bytes]:
    """Build one figure and render its files.

    Returns:
        ``{file name: bytes}`` for the ``.svg``, ``.png`` and ``.vl.json`` files.

    Raises:
        DiscourseError: the builder or the renderer failed (the figure is named).
    """
    import vl_convert

    try:
        text = spec_json(spec.build())
        svg = stable_svg_ids(vl_convert.vegalite_to_svg(text, vl_version=VL_VERSION))
        png = vl_convert.vegalite_to_png(text, vl_version=VL_VERSION, scale=PNG_SCALE)
    except DiscourseError:
        raise
    except Exception as exc:
        raise DiscourseError(
            f"figure {spec.name!r} (notebook {spec.notebook}): cannot be built or rendered "
            f"({type(exc).__name__}: {exc})."
        ) from exc
    return {
        f"{spec.name}.svg": svg.encode("utf-8"),
        f"{spec.name}.png": png,
        f"{spec.name}.vl.json": text.encode("utf-8"),
    }


def readme_text(specs: Sequence[FigureSpec]) -> str:
    """The generated ``figures/README.md``: every figure with its caption and notebook."""

    def cell(text: str) -> str:
        return " ".join(text.split()).replace("|", "\\|")

    lines = [
        "# Figures",
        "",
        "Generated by `discourse figures` from the chart builders registered in",
        "`analysis/charts/` (each module's `FIGURES` list); do not edit by hand. Every figure is",
        f"written as SVG, PNG (scale {PNG_SCALE}) and its Vega-Lite spec (`.vl.json`); the same "
        "code and",
        "data give byte-identical files, and `discourse check` names any figure that differs.",
        "",
        f"{len(specs)} figures.",
        "",
        "| figure | caption | notebook | files |",
        "|---|---|---|---|",
    ]
    for s in specs:
        files = f"[svg]({s.name}.svg) · [png]({s.name}.png) · [spec]({s.name}.vl.json)"
        notebook = f"[{s.notebook}](../notebooks/{s.notebook}.ipynb)"
        lines.append(f"| `{s.name}` | {cell(s.caption)} | {notebook} | {files} |")
    return "\n".join(lines) + "\n"


def expected_files(
    specs: Sequence[FigureSpec], *, progress: Callable[[str], None] = lambda message: None
) -> dict[str, bytes]:
    """Every file ``figures/`` should hold: each figure's three files plus README.md."""
    files: dict[str, bytes] = {}
    for i, spec in enumerate(specs, start=1):
        progress(f"figures: {spec.name} ({i}/{len(specs)})")
        files.update(render_figure(spec))
    files[README] = readme_text(specs).encode("utf-8")
    return files


def _managed(out_dir: Path) -> list[Path]:
    """Files in ``out_dir`` that ``discourse figures`` owns (figure files and README.md)."""
    if not out_dir.is_dir():
        return []
    return sorted(
        p
        for p in out_dir.iterdir()
        if p.is_file() and (p.name == README or any(p.name.endswith(s) for s in SUFFIXES))
    )


def write_figures(
    specs: Sequence[FigureSpec] | None = None,
    out_dir: Path | None = None,
    *,
    progress: Callable[[str], None] = lambda message: None,
    inputs: dict | None = None,
) -> list[Path]:
    """Write every figure and README.md to ``out_dir`` as one generation; drop stale figures.

    Every figure is rendered first; the new generation is then assembled in a staging
    directory beside ``out_dir`` (holding the folder's other files too) and swapped in whole
    (:func:`analysis.io.staged_generation`), so a failure leaves the previous figures as they
    were. Files whose bytes are unchanged are left untouched (their modification time too).

    Args:
        specs: the figures (default: the registry).
        out_dir: the figures folder (default ``paths.FIGURES``).
        progress: called with a line of text per figure.
        inputs: the cache key (:func:`analysis.cache.input_hashes`); when given, the
            generation records it with its outputs' hashes.

    Returns:
        The paths of every file the registry defines, in order.
    """
    specs = registry() if specs is None else list(specs)
    out_dir = Path(out_dir or paths.FIGURES)
    files = expected_files(specs, progress=progress)
    with staged_generation(out_dir) as staging:
        for name, data in files.items():
            path = staging / name
            if not (path.is_file() and path.read_bytes() == data):
                write_atomic(path, data)
        for path in _managed(staging):
            if path.name not in files:
                progress(f"figures: removing stale {path.name}")
                path.unlink()
        if inputs is not None:
            from analysis import cache

            cache.record(staging, out_dir, inputs, files)
    return [out_dir / name for name in files]


def figures_up_to_date(out_dir: Path, inputs: dict) -> bool:
    """True when ``out_dir`` holds the figures recorded for ``inputs``, unchanged, and no others."""
    from analysis import cache

    out_dir = Path(out_dir)
    return cache.up_to_date(out_dir, inputs, present=[p.name for p in _managed(out_dir)])


def check_figures(
    specs: Sequence[FigureSpec] | None = None,
    out_dir: Path | None = None,
    *,
    progress: Callable[[str], None] = lambda message: None,
) -> list[str]:
    """Problems with ``figures/``: missing, different from what the code produces, or stale.

    Each problem names the figure and the fix.
    """
    specs = registry() if specs is None else list(specs)
    out_dir = Path(out_dir or paths.FIGURES)
    by_file = {f"{s.name}{suffix}": s for s in specs for suffix in SUFFIXES}
    files = expected_files(specs, progress=progress)
    problems = []
    try:
        folder = out_dir.resolve().relative_to(paths.ROOT.resolve()).as_posix()
    except ValueError:  # another corpus's figures, outside the project
        folder = str(out_dir)
    fix = f"run `discourse figures` and commit {folder}/"
    for name, data in files.items():
        path = out_dir / name
        spec = by_file.get(name)
        what = f"figure {spec.name!r} ({spec.notebook})" if spec else "the figure list"
        if not path.is_file():
            problems.append(f"{folder}/{name} is missing ({what}): {fix}.")
        elif path.read_bytes() != data:
            problems.append(
                f"{folder}/{name} differs from what the code now produces ({what}): {fix}."
            )
    for path in _managed(out_dir):
        if path.name not in files:
            problems.append(
                f"{folder}/{path.name} belongs to no registered figure (stale, or its text left "
                f"the corpus): {fix} (it removes it)."
            )
    return problems
