"""The landing page ``reports/index.html``, laid out as a paper's front page.

Title, abstract, the key findings of each report (:mod:`analysis.report.findings`, generated
from the measures and attributed to texts), the corpus table, a timeline of the dates the texts
and their pages state, the methods, the reports, the figures (copied beside the page and
numbered as the reports number them, :mod:`analysis.report.gallery`), how to cite (read from
``CITATION.cff``) and how to reproduce. Everything that names the corpus is generated from the
manifest in force; the builders take the corpus frames as arguments, with the corpus in force as
the default.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

import polars as pl

from analysis import paths
from analysis.corpus.manifest import RELATIONS
from analysis.io import write_atomic
from analysis.prose import count_words, join_words, text_name
from analysis.report import findings as findings_module
from analysis.report.export import Report
from analysis.report.gallery import (
    FIGURES_DIR,
    build_commit,
    copy_figures,
    figure_numbers,
    gallery_html,
)

#: What every corpus this suite is built for is about (the project's scope, not a text).
TOPIC = "the conflict over Nagorno-Karabakh"
#: The pair relation of a response that answers its text (the other: policy overlap only).
ANSWERS = RELATIONS[0]
DASH = "\u2013"  # shown where a value does not apply
#: What the reader can and cannot lean on, said once on the landing page: which compared
#: numbers carry intervals and which are single values, and who wrote the gold labels.
EVIDENCE = (
    "The compared sentiment means and shares, words per sentence and word length, the lexicon "
    "coverage, the framing shares, the dictionary's recall and kappa against the gold, the raw "
    "agreement of the demand labels with the gold and the text-reuse shares carry 95% "
    "intervals. Terminology rates per 1,000 word tokens, keyness G2, cosine similarities, "
    "readability and lexical-diversity indices, logDice scores and cluster rates "
    "are single values, shown without intervals. The gold labels that the "
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
figcaption { font-size: .85rem; overflow-wrap: anywhere; }
.swatch { display: inline-block; width: .8em; height: .8em; margin-right: .3em; }
ul.findings { margin-top: .2rem; }
pre.cite { background: #f6f6f6; padding: .6rem; white-space: pre-wrap; }
"""
#: The methods, one line per report, in the reports' order (what each applies to every text).
METHODS = (
    ("00", "the corpus: segmentation by declared rules, tokens and sentences per text"),
    (
        "01",
        "terminology and keyness: label counts per 1,000 word tokens; keyness of each text "
        "against all the others, ranked by log-likelihood (G2), with q values that are "
        "Benjamini-Hochberg adjusted Fisher's exact p over the terms of each comparison; cosine "
        "similarity of the texts' term vectors",
    ),
    (
        "02",
        "framing and stance: dictionary coding of sentences, checked against gold labels "
        "written by an automated coder (precision, recall, Cohen's kappa with bootstrap "
        "intervals)",
    ),
    (
        "03",
        "demands and the response: rule-based demand extraction and pair alignment; the "
        "automatic responsiveness and policy-overlap labels are checked against gold labels "
        "written by an automated coder (raw agreement, Cohen's kappa)",
    ),
    (
        "04",
        "sentiment and style: VADER compound scores per sentence with 95% intervals, "
        "readability and style measures",
    ),
    (
        "05",
        "collocations and clusters: collocates of the texts' referents within a window of "
        "words, ranked by logDice (association strength; log-likelihood is shown, no "
        "significance is claimed), and recurrent word clusters",
    ),
    ("06", "text reuse: greedy string tiling of shared word sequences, shares with intervals"),
)
#: Where the citation metadata lives, relative to the repository root.
CITATION_FILE = "CITATION.cff"


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
        "<tr><th>Text</th><th>Genre</th><th>Speaker</th><th>Date</th><th>Sentences</th>"
        "<th>Word tokens</th><th>Word types</th><th>Compared with</th></tr>"
    )
    return f"<table>\n{head}\n" + "\n".join(rows) + "\n</table>"


def citation(path: Path | None = None) -> dict:
    """The top-level keys of a ``CITATION.cff`` file (empty when there is none).

    A small reader for the subset of YAML the file uses (no YAML library is needed): scalars,
    quoted or not; folded ``>-`` blocks; lists of scalars; lists of author mappings, each
    reduced to its ``name`` or "given-names family-names".

    Args:
        path: the file (default: ``CITATION.cff`` at the repository root).
    """
    path = Path(paths.ROOT / CITATION_FILE if path is None else path)
    if not path.is_file():
        return {}
    out: dict = {}
    key = None
    author: dict[str, str] | None = None

    def unquote(value: str) -> str:
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            return value[1:-1]
        return value

    def close_author() -> None:
        nonlocal author
        if author is not None and key is not None:
            given = " ".join(author[k] for k in ("given-names", "family-names") if k in author)
            out[key].append(author.get("name") or given)
        author = None

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            close_author()
            key, _, value = line.partition(":")
            value = value.strip()
            out[key] = (
                [] if not value else "" if value in (">-", ">", "|", "|-") else unquote(value)
            )
            continue
        item = line.strip()
        if item.startswith("- "):
            close_author()
            item = item[2:]
            if ":" in item and not item.startswith(("'", '"')):
                name, _, value = item.partition(":")
                author = {name.strip(): unquote(value)}
            else:
                out[key].append(unquote(item))
        elif author is not None and ":" in item:
            name, _, value = item.partition(":")
            author[name.strip()] = unquote(value)
        elif isinstance(out.get(key), str):
            out[key] = f"{out[key]} {item}".strip()
    close_author()
    return out


def cite_html(meta: dict, commit: str | None = None) -> str:
    """The "How to cite" section: a plain reference built from ``CITATION.cff``.

    Args:
        meta: :func:`citation`.
        commit: the git commit the pages were built from (:func:`build_commit`), cited so a
            reader can find the exact code; none is named when it is not known.
    """
    e = html.escape
    if not meta:
        return f"<h2>How to cite</h2>\n<p>No <code>{CITATION_FILE}</code> was found.</p>\n"
    authors = join_words(meta.get("authors") or ["the maintainers"])
    year = f" ({meta['date-released'][:4]})" if meta.get("date-released") else ""
    version = f" (version {meta['version']})" if meta.get("version") else ""
    built = f" Commit {commit}." if commit else ""
    where = next((f" {meta[k]}." for k in ("doi", "repository-code", "url") if meta.get(k)), "")
    licence = f" Licence: {meta['license']}." if meta.get("license") else ""
    return (
        f"<h2>How to cite</h2>\n<p>{e(meta.get('message', ''))}</p>\n"
        f'<pre class="cite">{e(authors)}{e(year)}. {e(meta.get("title", ""))}{e(version)}. '
        f"Software.{e(built)}{e(where)}{e(licence)}</pre>\n<p>The metadata is in "
        f"<code>{CITATION_FILE}</code> at the repository root (Citation File Format 1.2.0)."
        + (
            " It assigns no DOI or repository URL, so the commit identifies the code."
            if commit and not where
            else ""
        )
        + "</p>\n"
    )


def findings_html(found: dict[str, list[str]], number: str) -> str:
    """The key findings of report ``number`` ("00", ...) as a list (empty when there are none)."""
    items = found.get(number) or []
    if not items:
        return ""
    lis = "\n".join(f"<li>{html.escape(sentence)}</li>" for sentence in items)
    return f'\n<ul class="findings">\n{lis}\n</ul>'


def timeline_html(frame: pl.DataFrame) -> str:
    """The timeline: each text's date as the manifest records it, with where it is stated."""
    e = html.escape
    rows = []
    for r in frame.iter_rows(named=True):
        note = e(r["date_note"]) if r["date_note"] else "no note in the manifest"
        rows.append(
            f'<tr><td class="date">{e(r["date"])}</td><td>{e(r["label"])}</td><td>{note}</td></tr>'
        )
    return (
        "<h2>Timeline</h2>\n<p>Only the dates the texts or their pages state, as the manifest "
        "records them with where each is stated; no outside events are added.</p>\n<table>\n"
        "<tr><th>Date</th><th>Text</th><th>Where the date is stated</th></tr>\n"
        + "\n".join(rows)
        + "\n</table>\n"
    )


def methods_html(reports: Sequence[Report]) -> str:
    """The methods summary, one item per report present."""
    present = {r.notebook[:2] for r in reports}
    items = "\n".join(
        f"<li>{html.escape(_cap(text))}.</li>" for number, text in METHODS if number in present
    )
    return (
        "<h2>Methods</h2>\n<p>Every method is applied to every text alike.</p>\n"
        f"<ul>\n{items}\n</ul>\n"
    )


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _python_requirement(root: Path | None = None) -> str | None:
    """``requires-python`` of ``pyproject.toml`` (e.g. ">=3.11"), or None."""
    import tomllib

    path = Path(paths.ROOT if root is None else root) / "pyproject.toml"
    if not path.is_file():
        return None
    return tomllib.loads(path.read_text(encoding="utf-8")).get("project", {}).get("requires-python")


def _reproducing(commit: str | None = None) -> str:
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
    checkout = (
        f" at commit <code>{html.escape(commit.split()[0])}</code>"
        + (" (these pages were built with uncommitted changes)" if " " in commit else "")
        if commit
        else ""
    )
    python = _python_requirement()
    env = (
        "The first <code>make</code> creates <code>.venv/</code> and installs the packages "
        "pinned in <code>requirements.lock</code>"
        + (
            f" (Python {html.escape(python)}, as <code>pyproject.toml</code> requires)"
            if python
            else ""
        )
        + "; every later step runs offline. "
    )
    return (
        f"<h2>How to reproduce</h2>\n<p>From a clone of the repository{checkout}, {how} "
        "rebuilds the processed data, the figures and these pages; no analysis step downloads "
        f"anything. {env}<code>make test</code> runs the tests; <code>discourse check</code> "
        f"verifies the raw checksums and that {where} match what the code produces; "
        "<code>discourse report --pdf</code> also prints each report to PDF with headless "
        "Chromium.</p>\n"
    )


def index_html(
    reports: Sequence[Report],
    figure_specs: Sequence,
    figures_href: str,
    *,
    texts: pl.DataFrame | None = None,
    summary: pl.DataFrame | None = None,
    pairs: pl.DataFrame | None = None,
    documents: pl.DataFrame | None = None,
    found: dict[str, list[str]] | None = None,
    cff: Path | None = None,
    pdfs: bool = False,
    numbers: dict[str, tuple[str, str, str]] | None = None,
    commit: str | None = None,
) -> str:
    """The landing page, laid out as a paper's front page.

    Args:
        reports: the reports, in order.
        figure_specs: the registered figures.
        figures_href: the figures folder relative to the page.
        texts, summary, pairs: as for :func:`corpus_summary_html` (default: the corpus in force).
        documents: :func:`analysis.corpus.corpus_documents`, for the timeline's date notes.
        found: key findings per report number (default:
            :func:`analysis.report.findings.key_findings` on the corpus in force).
        cff: the citation file (default: ``CITATION.cff`` at the repository root).
        pdfs: link each report's PDF (``NN-name.pdf``, printed in the same generation).
        numbers: per figure name, its number, report title and link in a report
            (:func:`figure_numbers`; default: none, figures are captioned by name).
        commit: the git commit the pages were built from (default: none is named).
    """
    texts, pairs = _frames(texts, pairs)
    if documents is None:
        from analysis import corpus

        documents = corpus.corpus_documents()
    found = findings_module.key_findings() if found is None else found
    e = html.escape
    heading = title(texts)
    items = "\n".join(
        f'<li><a href="{e(r.path.name)}">{e(r.title)}</a> '
        f"(<code>notebooks/{e(r.notebook)}.ipynb</code>, {r.charts} chart"
        f"{'s' if r.charts != 1 else ''}"
        + (f', <a href="{e(r.path.with_suffix(".pdf").name)}">PDF</a>' if pdfs else "")
        + f"){findings_html(found, r.notebook[:2])}</li>"
        for r in reports
    )
    figs = gallery_html(figure_specs, figures_href, numbers or {})
    manifest = (
        ""
        if paths.is_default_manifest()
        else (f"<p>Corpus manifest: <code>{e(str(paths.MANIFEST))}</code>.</p>\n")
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{e(heading)}</title>\n<style>{_INDEX_CSS}</style>\n</head>\n<body>\n<main>\n"
        f"<h1>{e(heading)}</h1>\n<h2>Abstract</h2>\n<p>{e(abstract(texts, pairs))}</p>\n"
        "<h2>Key findings</h2>\n<p>Generated from the measures for the texts present; each "
        "sentence describes the wording of the text it names. The full evidence, with "
        "intervals and caveats, is in each report.</p>\n"
        f"<ol>\n{items}\n</ol>\n"
        f"<h2>The corpus</h2>\n{manifest}{corpus_summary_html(texts, summary, pairs)}\n"
        "<p>Word tokens exclude punctuation; rates in the reports are per 1,000 word tokens.</p>\n"
        f"{timeline_html(findings_module.timeline(texts, documents))}"
        f"{methods_html(reports)}"
        "<p>Each report is a notebook executed top to bottom and exported to one HTML file that "
        "works offline (the chart library is inlined; charts show values on hover).</p>\n"
        f"<h2>Figures</h2>\n<p>{len(figure_specs)} figures, rebuilt byte for byte by "
        "<code>discourse figures</code>; each is numbered as its report numbers it, and "
        "links to it there.</p>\n"
        f"{figs}\n{cite_html(citation(cff), commit)}{_reproducing(commit)}</main>\n</body>\n</html>\n"
    )


def write_index(
    reports: Sequence[Report],
    figure_specs: Sequence,
    out_dir: Path | None = None,
    *,
    into: Path | None = None,
    pdfs: bool = False,
) -> Path:
    """Write ``index.html`` for the reports folder, with a copy of the figures beside it.

    The figures are copied into ``figures/`` of the folder written, so the reports folder works
    wherever it is moved; the gallery numbers each figure as the reports in that folder do.

    Args:
        reports: the reports, in order.
        figure_specs: the registered figures.
        out_dir: the reports folder (default ``paths.REPORTS``).
        into: the folder to write into, if not ``out_dir`` (the staging directory of a new
            generation of ``out_dir``), holding that generation's pages.
        pdfs: link each report's PDF (``discourse report --pdf``).
    """
    folder = Path(into or out_dir or paths.REPORTS)
    copy_figures(figure_specs, folder)
    page = index_html(
        reports,
        figure_specs,
        FIGURES_DIR,
        pdfs=pdfs,
        numbers=figure_numbers(reports, figure_specs, folder),
        commit=build_commit(),
    )
    return write_atomic(folder / "index.html", page)
