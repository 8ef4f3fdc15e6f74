"""The landing page ``reports/index.html``: title, abstract, the texts, the reports, the figures.

Everything that names the corpus is generated from the manifest in force: the title counts the
texts, the abstract lists them with speaker and date and says how they are paired, and the
corpus table shows every text (label with its colour, genre, speaker, date, size, pairs). The
builders take the corpus frames as arguments, with the corpus in force as the default.
"""

from __future__ import annotations

import html
import os
from collections.abc import Sequence
from pathlib import Path

import polars as pl

from analysis import paths
from analysis.corpus.manifest import RELATIONS
from analysis.io import write_atomic
from analysis.prose import count_words, join_words, text_name
from analysis.report.export import Report

#: What every corpus this suite is built for is about (the project's scope, not a text).
TOPIC = "the conflict over Nagorno-Karabakh"
#: The pair relation of a response that answers its text (the other: policy overlap only).
ANSWERS = RELATIONS[0]
DASH = "\u2013"  # shown where a value does not apply
#: What the reader can and cannot lean on, said once on the landing page: who wrote the gold
#: labels the dictionaries are checked against, and that compared numbers carry intervals.
EVIDENCE = (
    "Every compared mean, share and rate carries a 95% interval. The gold labels that the "
    "dictionaries and the extractor are checked against were written by an automated coder (a "
    "language model given only the codebook and the sentences), not by human coders, so "
    "agreement with them measures agreement with that coder, not with human judgement."
)

_INDEX_CSS = """
body { font-family: "DejaVu Sans", system-ui, sans-serif; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; line-height: 1.5; color: #222; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border-bottom: 1px solid #ccc; padding: .3rem .6rem; text-align: left;
         vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.date { white-space: nowrap; }
figure { display: inline-block; width: 18rem; margin: .5rem; vertical-align: top; }
figure img { width: 100%; border: 1px solid #ddd; }
figcaption { font-size: .85rem; }
.swatch { display: inline-block; width: .8em; height: .8em; margin-right: .3em; }
"""


def _frames(
    texts: pl.DataFrame | None, pairs: pl.DataFrame | None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    from analysis import corpus

    texts = corpus.corpus_texts() if texts is None else texts
    pairs = corpus.corpus_pairs() if pairs is None else pairs
    return texts, pairs


def title(texts: pl.DataFrame | None = None) -> str:
    """The report set's title, e.g. "How three texts word the conflict over Nagorno-Karabakh"."""
    texts, _ = _frames(texts, pl.DataFrame())
    return f"How {count_words(texts.height, 'text')} word {TOPIC}: a comparative discourse analysis"


def pair_sentences(texts: pl.DataFrame, pairs: pl.DataFrame) -> list[str]:
    """One sentence per pair, naming both texts as the manifest names them in prose."""
    names = {r["text_id"]: r["name"] or r["label"] for r in texts.iter_rows(named=True)}
    out = []
    for p in pairs.iter_rows(named=True):
        adv, resp = text_name(p["advocacy"], names), text_name(p["response"], names)
        if p["relation"] == ANSWERS:
            out.append(f"{resp[:1].upper()}{resp[1:]} is compared with {adv}, which it answers.")
        else:
            out.append(
                f"{adv[:1].upper()}{adv[1:]} is compared with {resp} for policy overlap only "
                "(the response does not answer it)."
            )
    return out


def abstract(texts: pl.DataFrame | None = None, pairs: pl.DataFrame | None = None) -> str:
    """The abstract: which texts, how they are paired, what the suite does and does not do."""
    texts, pairs = _frames(texts, pairs)
    described = [f"{r['label']} ({r['speaker']}, {r['date']})" for r in texts.iter_rows(named=True)]
    every = "both texts" if texts.height == 2 else "the text" if texts.height == 1 else "every text"
    return " ".join(
        [
            f"This suite compares {count_words(texts.height, 'text')} as language: "
            f"{join_words(described)}.",
            *pair_sentences(texts, pairs),
            "Each notebook asks one question (the corpus, terminology and keyness, framing and "
            "stance, demands and the response, sentiment and style, collocations and clusters, "
            "text reuse), applies the same method to "
            f"{every}, and attributes every finding to the text it describes. The suite describes "
            "how each text words things; it does not adjudicate the events. In its own sentences "
            "it names the region \u201cNagorno-Karabakh\u201d and the town \u201cKhojaly "
            "(Khojali)\u201d; loaded labels appear only as the texts' own words, in quotes.",
            EVIDENCE,
        ]
    )


def corpus_summary_html(
    texts: pl.DataFrame | None = None,
    summary: pl.DataFrame | None = None,
    pairs: pl.DataFrame | None = None,
) -> str:
    """A table of every compared text: label, genre, speaker, date, size and pairs.

    Args:
        texts: :func:`analysis.corpus.corpus_texts` (default: the corpus in force).
        summary: :func:`analysis.tokens.textstat_summary` per text (default: computed).
        pairs: :func:`analysis.corpus.corpus_pairs` (default: the corpus in force).
    """
    texts, pairs = _frames(texts, pairs)
    if summary is None:
        from analysis import tokens

        summary = tokens.textstat_summary(tokens.corpus_tokens(), tokens.corpus_sentences())
    e = html.escape
    labels = dict(texts.select("text_id", "label").iter_rows())
    paired: dict[str, list[str]] = {}
    for p in pairs.iter_rows(named=True):
        how = "answers" if p["relation"] == ANSWERS else "overlap with"
        paired.setdefault(p["response"], []).append(f"{how} {labels.get(p['advocacy'], '?')}")
        how = "answered by" if p["relation"] == ANSWERS else "overlap with"
        paired.setdefault(p["advocacy"], []).append(f"{how} {labels.get(p['response'], '?')}")
    sizes = {r["text_id"]: r for r in summary.iter_rows(named=True)}
    rows = []
    for row in texts.iter_rows(named=True):
        size = sizes.get(row["text_id"], {})
        nums = "".join(
            f'<td class="num">{size.get(c, DASH)}</td>'
            for c in ("n_sentences", "n_word_tokens", "n_word_types")
        )
        rows.append(
            "<tr>"
            f'<td><span class="swatch" style="background:{e(row["colour"])}"></span>'
            f"{e(row['label'])}</td>"
            f"<td>{e(row['genre'])}</td>"
            f"<td>{e(row['speaker'])}</td>"
            f'<td class="date">{e(row["date"])}</td>'
            f"{nums}"
            f"<td>{e('; '.join(paired.get(row['text_id'], [])) or DASH)}</td>"
            "</tr>"
        )
    head = (
        "<tr><th>text</th><th>genre</th><th>speaker</th><th>date</th><th>sentences</th>"
        "<th>word tokens</th><th>word types</th><th>compared with</th></tr>"
    )
    return f"<table>\n{head}\n" + "\n".join(rows) + "\n</table>"


def _reproducing() -> str:
    if paths.is_default_manifest():
        how, where = (
            "<code>make report</code>",
            "<code>data/processed/</code> and <code>figures/</code>",
        )
    else:
        manifest = html.escape(str(paths.MANIFEST))
        how = (
            f"<code>discourse --manifest {manifest} report</code> (or "
            f"<code>DISCOURSE_MANIFEST={manifest} discourse report</code>)"
        )
        where = "the <code>processed/</code> and <code>figures/</code> folders beside the manifest"
    return (
        f"<h2>Reproducing</h2>\n<p>From a clone of the repository, {how} rebuilds the processed "
        "data, the figures and these pages; <code>make test</code> runs the tests; "
        "<code>discourse check</code> verifies the raw checksums and that "
        f"{where} match what the code produces.</p>\n"
    )


def index_html(
    reports: Sequence[Report],
    figure_specs: Sequence,
    figures_href: str,
    *,
    texts: pl.DataFrame | None = None,
    summary: pl.DataFrame | None = None,
    pairs: pl.DataFrame | None = None,
) -> str:
    """The landing page: title, abstract, corpus table, the reports and the figures."""
    texts, pairs = _frames(texts, pairs)
    e = html.escape
    heading = title(texts)
    items = "\n".join(
        f'<li><a href="{e(r.path.name)}">{e(r.title)}</a> '
        f"(<code>notebooks/{e(r.notebook)}.ipynb</code>, {r.charts} chart{'s' if r.charts != 1 else ''})</li>"
        for r in reports
    )
    figs = "\n".join(
        f'<figure><a href="{e(figures_href)}/{e(f.name)}.svg">'
        f'<img src="{e(figures_href)}/{e(f.name)}.svg" alt="{e(f.caption)}"></a>'
        f"<figcaption><b>{e(f.name)}</b> ({e(f.notebook)}): {e(f.caption)} "
        f'[<a href="{e(figures_href)}/{e(f.name)}.png">PNG</a>, '
        f'<a href="{e(figures_href)}/{e(f.name)}.vl.json">Vega-Lite</a>]</figcaption></figure>'
        for f in figure_specs
    )
    manifest = (
        ""
        if paths.is_default_manifest()
        else (f"<p>Corpus manifest: <code>{e(str(paths.MANIFEST))}</code>.</p>\n")
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{e(heading)}</title>\n<style>{_INDEX_CSS}</style>\n</head>\n<body>\n<main>\n"
        f"<h1>{e(heading)}</h1>\n<p>{e(abstract(texts, pairs))}</p>\n"
        f"<h2>The corpus</h2>\n{manifest}{corpus_summary_html(texts, summary, pairs)}\n"
        "<p>Word tokens exclude punctuation; rates in the reports are per 1,000 word tokens.</p>\n"
        f"<h2>Reports</h2>\n<ol>\n{items}\n</ol>\n"
        "<p>Each report is a notebook executed top to bottom and exported to one HTML file that "
        "works offline (the chart library is inlined; charts show values on hover).</p>\n"
        f"<h2>Figures</h2>\n<p>{len(figure_specs)} figures, rebuilt byte for byte by "
        "<code>discourse figures</code>.</p>\n"
        f"{figs}\n{_reproducing()}</main>\n</body>\n</html>\n"
    )


def write_index(
    reports: Sequence[Report],
    figure_specs: Sequence,
    out_dir: Path | None = None,
    *,
    into: Path | None = None,
) -> Path:
    """Write ``index.html`` for the reports folder, linking the reports and the figures.

    Args:
        reports: the reports, in order.
        figure_specs: the registered figures.
        out_dir: the reports folder (default ``paths.REPORTS``); links are relative to it.
        into: the folder to write into, if not ``out_dir`` (the staging directory of a new
            generation of ``out_dir``).
    """
    out_dir = Path(out_dir or paths.REPORTS)
    href = Path(os.path.relpath(paths.FIGURES, out_dir)).as_posix()
    return write_atomic(
        Path(into or out_dir) / "index.html", index_html(reports, figure_specs, href)
    )
