"""The index page's figure gallery: a copy of the figures beside the pages, numbered as the
reports number them, and the git commit the pages are built from.

The reports folder must work wherever it is moved, so the figures the index shows are copied
into ``figures/`` inside it (in the same generation as the pages); each figure is captioned with
the number its report gives it ("Figure 2.3") and links to it there.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from analysis import paths
from analysis.io import write_atomic
from analysis.report.export import Report


def build_commit(root: Path | None = None) -> str | None:
    """The git commit of the checkout the pages are built from, or None outside a checkout.

    A checkout with uncommitted changes to tracked files is marked, since its pages need not
    match the commit.
    """
    root = Path(paths.ROOT if root is None else root)

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(
                ["git", "-C", str(root), *args], capture_output=True, text=True, check=True
            )
        except (OSError, subprocess.CalledProcessError):
            return None
        return done.stdout.strip()

    head = git("rev-parse", "HEAD")
    if not head:
        return None
    dirty = git("status", "--porcelain", "--untracked-files=no")
    return f"{head} (with uncommitted changes)" if dirty else head


#: The figures' folder inside the reports folder, so the index travels with its images.
FIGURES_DIR = "figures"
#: The files of a figure copied beside the index.
FIGURE_SUFFIXES = (".png", ".svg", ".vl.json")


def copy_figures(figure_specs: Sequence, folder: Path, source: Path | None = None) -> Path:
    """Copy every registered figure's PNG, SVG and Vega-Lite spec into ``folder/figures``.

    Files of figures no longer registered are removed, so the folder holds this generation only.

    Args:
        figure_specs: the registered figures.
        folder: the reports folder being written (the staging directory of a generation).
        source: where the figures are built (default ``paths.FIGURES``).
    """
    source = Path(paths.FIGURES if source is None else source)
    target = Path(folder) / FIGURES_DIR
    target.mkdir(parents=True, exist_ok=True)
    keep = set()
    for f in figure_specs:
        for suffix in FIGURE_SUFFIXES:
            path = source / f"{f.name}{suffix}"
            if path.is_file():
                write_atomic(target / path.name, path.read_bytes())
                keep.add(path.name)
    for stale in sorted(target.iterdir()):
        if stale.name not in keep:
            shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
    return target


#: A numbered figure in an exported report: ``<figure ... id="figure-2-3">`` with its caption.
_FIGURE = re.compile(
    r'<figure class="discourse-figure" id="([^"]+)">.*?<figcaption><b>(Figure [0-9.]+)\.</b> '
    r"(.*?)</figcaption>",
    re.DOTALL,
)


def figure_numbers(
    reports: Sequence[Report], figure_specs: Sequence, folder: Path
) -> dict[str, tuple[str, str, str]]:
    """Where each registered figure appears in the exported reports, as the reports number it.

    A report captions a registered figure with the figure's caption, so a figure is found by
    its notebook and caption in that notebook's page.

    Args:
        reports: the reports, in order.
        figure_specs: the registered figures.
        folder: the folder holding the exported pages.

    Returns:
        Per figure name: its label ("Figure 2.3"), the report's title and the link to the
        figure in its page (``02-framing.html#figure-2-3``); figures no report shows are absent.
    """
    out: dict[str, tuple[str, str, str]] = {}
    for r in reports:
        page = Path(folder) / r.path.name
        if not page.is_file():
            continue
        shown = [
            (anchor, label, html.unescape(caption))
            for anchor, label, caption in _FIGURE.findall(page.read_text(encoding="utf-8"))
        ]
        for f in figure_specs:
            if f.notebook != r.notebook:
                continue
            for i, (anchor, label, caption) in enumerate(shown):
                if caption == f.caption:
                    out[f.name] = (label, r.title, f"{r.path.name}#{anchor}")
                    del shown[i]  # one figure per chart
                    break
    return out


def gallery_html(
    figure_specs: Sequence, figures_href: str, numbers: dict[str, tuple[str, str, str]]
) -> str:
    """The figures in the reports' order, each captioned with its number and report
    (:func:`figure_numbers`); figures no report shows follow, in registry order."""
    e = html.escape
    items = []

    def position(f) -> tuple[int, ...]:
        label = numbers.get(f.name, ("",))[0]
        return (0, *map(int, label.split()[1].split("."))) if label else (1,)

    for f in sorted(figure_specs, key=position):
        base = f"{figures_href}/{f.name}"
        if f.name in numbers:
            label, where, href = numbers[f.name]
            head = f'<b><a href="{e(href)}">{e(label)}</a></b> ({e(where)})'
        else:
            head = f"<b>{e(f.name)}</b> ({e(f.notebook)}, in no report)"
        items.append(
            f'<figure><a href="{e(base)}.svg"><img src="{e(base)}.png" alt="{e(f.caption)}"></a>'
            f"<figcaption>{head}: {e(f.caption)} "
            f'[<a href="{e(base)}.svg">SVG</a>, <a href="{e(base)}.png">PNG</a>, '
            f'<a href="{e(base)}.vl.json">Vega-Lite</a>]</figcaption></figure>'
        )
    return "\n".join(items)
