"""The ``discourse`` command line: corpus, build, figures, report, check.

Every command prints progress to stderr, exits non-zero with a one-line message naming the
file and the fix on bad input, and writes its outputs atomically: the processed tables, the
figures and the reports each as one whole generation swapped in at the end
(:func:`analysis.io.staged_generation`), so a failed or killed run leaves the previous one as it
was. ``build`` and ``figures`` (and ``report``, which runs both first) skip the work when the
inputs recorded with the outputs are unchanged (:mod:`analysis.cache`); ``--force`` rebuilds.

``--manifest PATH`` (before or after the command; or the ``DISCOURSE_MANIFEST`` variable)
chooses the corpus: for any manifest but ``data/corpus.toml``, processed data, figures and
reports are written beside it and ``check`` compares against those.

``--scheduler ADDRESS`` (or ``DISCOURSE_SCHEDULER``) runs the parallel per-sentence and per-text
stages on a Dask cluster, ``--workers N`` (or ``DISCOURSE_WORKERS``) on N local processes
(1 = serially); see :mod:`analysis.executor`.
"""

from __future__ import annotations

import argparse
import functools
import importlib.metadata
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import polars as pl

from analysis import cache, corpus, executor, figures, paths, tokens
from analysis.io import DiscourseError, recover_generation, staged_generation, write_frame_atomic

#: Tables ``discourse build`` writes to data/processed/, each as Parquet and CSV.
PROCESSED_TABLES: dict[str, Callable[[], pl.DataFrame]] = {
    "sources": lambda: corpus.corpus_sources(),
    "documents": lambda: corpus.corpus_documents(),
    "segments": lambda: corpus.corpus_segments(),
    "sentences": lambda: tokens.corpus_sentences(primary=False),
    "tokens": lambda: tokens.corpus_tokens(primary=False),
}


def shown(path) -> str:
    """A path as messages print it: relative to the project when inside it."""
    try:
        return str(path.relative_to(paths.ROOT))
    except ValueError:
        return str(path)


def progress(message: str) -> None:
    """Print one progress line to stderr (kept off stdout so output can be piped)."""
    print(f"[discourse {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def cmd_corpus(args: argparse.Namespace) -> int:
    with pl.Config(
        tbl_rows=200, tbl_width_chars=160, fmt_str_lengths=70, tbl_hide_dataframe_shape=True
    ):
        print("Sources")
        print(
            corpus.corpus_sources().select(
                "source_id", "publisher", "captured", "n_chars", "sha256"
            )
        )
        print("\nDocuments")
        print(corpus.corpus_documents().select("doc_id", "speaker", "date", "text_id"))
        segs = corpus.corpus_segments()
        print("\nSegments by document and role (primary texts marked with their text id)")
        print(
            segs.group_by("doc_id", "role", "text_id", maintain_order=True).agg(
                pl.len().alias("segments"), (pl.col("end") - pl.col("start")).sum().alias("chars")
            )
        )
        print("\nPrimary texts")
        summary = tokens.textstat_summary(tokens.corpus_tokens(), tokens.corpus_sentences())
        print(summary.join(corpus.corpus_texts().select("text_id", "label"), on="text_id"))
    return 0


def processed_names(tables: Mapping[str, object] | None = None) -> list[str]:
    """The files ``discourse build`` writes: every table as Parquet and as CSV."""
    tables = PROCESSED_TABLES if tables is None else tables
    return [f"{name}{suffix}" for name in tables for suffix in (".parquet", ".csv")]


def build_processed(
    *,
    force: bool = True,
    tables: Mapping[str, Callable[[], pl.DataFrame]] | None = None,
    out_dir: Path | None = None,
    inputs: dict | None = None,
) -> list[str]:
    """Build every processed table and swap them into data/processed/ as one generation.

    Every table is computed first, then all are written into a staging directory beside
    data/processed/ that replaces it whole (:func:`analysis.io.staged_generation`): a failure
    or a kill at any point leaves the previous generation as it was.

    Args:
        force: rebuild even when the recorded inputs and outputs are unchanged (the default,
            as ``discourse add`` needs; ``discourse build`` passes ``force=False`` unless
            ``--force``).
        tables: name -> builder (default :data:`PROCESSED_TABLES`).
        out_dir: the processed folder (default ``paths.PROCESSED``).
        inputs: the cache key (default: :func:`analysis.cache.input_hashes` of the corpus).

    Returns:
        The paths written (relative to the project); empty when the data was up to date.
    """
    tables = PROCESSED_TABLES if tables is None else tables
    out_dir = Path(out_dir or paths.PROCESSED)
    recover_generation(out_dir)
    inputs = cache.input_hashes(cache.input_files()) if inputs is None else inputs
    if not force and cache.up_to_date(out_dir, inputs):
        return []
    frames = {}
    for name, make in tables.items():
        progress(f"build: {name}")
        frames[name] = make()
    with staged_generation(out_dir) as staging:
        for name, frame in frames.items():
            for suffix in (".parquet", ".csv"):
                write_frame_atomic(frame, staging / f"{name}{suffix}")
        cache.record(staging, out_dir, inputs, processed_names(tables))
    return [shown(out_dir / name) for name in processed_names(tables)]


def cmd_build(args: argparse.Namespace) -> int:
    written = build_processed(force=getattr(args, "force", False))
    if written:
        progress(f"build: wrote {len(written)} files to {shown(paths.PROCESSED)}/")
    else:
        progress(f"build: up to date (inputs unchanged): {shown(paths.PROCESSED)}/")
    return 0


def check_processed() -> list[str]:
    """Problems with data/processed/: missing or different from what the code now builds.

    Parquet files are compared as tables, CSV files byte for byte with a fresh export.
    """
    problems = []
    for name, make in PROCESSED_TABLES.items():
        frame = make()
        for suffix in (".parquet", ".csv"):
            path = paths.PROCESSED / f"{name}{suffix}"
            where = shown(path)
            if not path.is_file():
                problems.append(f"{where} is missing: run `discourse build`.")
            elif suffix == ".parquet" and not pl.read_parquet(path).equals(frame):
                problems.append(f"{where} is out of date: run `discourse build`.")
            elif suffix == ".csv" and path.read_bytes() != frame.write_csv().encode("utf-8"):
                problems.append(f"{where} is out of date: run `discourse build`.")
    return problems


def check_sources() -> list[str]:
    """Problems with the raw sources (missing, not UTF-8, checksum changed)."""
    problems = []
    m = corpus.manifest()
    for source in m.sources:
        try:
            corpus.read_source(source.id, m)
        except DiscourseError as exc:
            problems.append(str(exc))
    if not problems:
        # Segmentation is checked too: every rule matches as expected, nothing left unclaimed.
        corpus.corpus_segments()
    return problems


def cmd_check(args: argparse.Namespace) -> int:
    progress("check: raw sources and segmentation")
    problems = check_sources()
    if not problems:
        progress("check: processed data")
        problems += check_processed()
        progress("check: figures")
        problems += figures.check_figures(progress=progress)
    for problem in problems:
        print(f"discourse check: {problem}", file=sys.stderr)
    if problems:
        return 1
    progress("check: all up to date")
    return 0


def write_figures(*, force: bool = True) -> list:
    """Write every registered figure to figures/ as one generation; return the registry.

    With ``force=False``, nothing is rendered when the recorded inputs are unchanged and the
    figures folder still holds exactly the recorded files.
    """
    specs = figures.registry()
    progress(f"figures: {len(specs)} registered figures")
    inputs = cache.input_hashes(cache.input_files())
    if not force and figures.figures_up_to_date(paths.FIGURES, inputs):
        progress(f"figures: up to date (inputs unchanged): {shown(paths.FIGURES)}/")
        return specs
    written = figures.write_figures(specs, progress=progress, inputs=inputs)
    progress(f"figures: {len(written)} files in {shown(paths.FIGURES)}/")
    return specs


def cmd_figures(args: argparse.Namespace) -> int:
    write_figures(force=getattr(args, "force", False))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from analysis import report

    started = time.monotonic()
    pdf = getattr(args, "pdf", False)
    chromium = None
    if pdf:  # before anything is built, so a missing Chromium fails in a second, not minutes
        from analysis.report import pdf as report_pdf

        chromium = report_pdf.find_chromium()

    force = getattr(args, "force", False)
    cmd_build(args)
    specs = write_figures(force=force)

    def finish(done: list, folder: Path) -> None:
        report.write_index(done, specs, paths.REPORTS, into=folder, pdfs=pdf)
        keep = {r.path.with_suffix(".pdf").name for r in done} if pdf else set()
        for stale in sorted(folder.glob("[0-9][0-9]-*.pdf")):
            if stale.name not in keep:  # an older generation's PDF would not match its page
                stale.unlink()
        if pdf:
            report_pdf.print_reports(
                [folder / r.path.name for r in done], chromium=chromium, progress=progress
            )

    reports = report.build_reports(paths.REPORTS, progress=progress, finish=finish)
    index = paths.REPORTS / "index.html"
    charts = sum(r.charts for r in reports)
    progress(
        f"report: {len(reports)} reports ({charts} charts) and {shown(index)} "
        f"written in {time.monotonic() - started:.0f} s"
    )
    print(index)
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from analysis.corpus import edit

    added = edit.add_document(
        args.file,
        kind=args.kind,
        ident=args.id,
        title=args.title,
        speaker=args.speaker,
        date=args.date,
        primary=not args.no_primary,
        rebuild=build_processed,
    )
    for note in added.warnings:
        print(f"discourse add: warning: {note}", file=sys.stderr)
    print(added.summary)
    texts = ", ".join(added.text_ids) or "none (--no-primary)"
    print(f"added source {added.source_id} ({added.kind}); texts: {texts}")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from analysis.corpus import edit

    print(edit.remove_document(args.id, rebuild=build_processed))
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from analysis.bench import run

    records = run.run_bench(
        args.docs,
        stage_names=args.stages,
        repeat=args.repeat,
        timeout=args.timeout,
        progress=progress,
    )
    run.print_table(records)
    if args.json:
        progress(f"bench: wrote {run.write_json(records, args.json)}")
    return 0


def cmd_code(args: argparse.Namespace) -> int:
    from analysis.evaluation import coding_sheet

    if args.action == "export":
        for path in coding_sheet.export_sheet(args.scheme, args.coder, args.out):
            print(path)
    else:
        print(coding_sheet.import_sheet(args.file, replace=args.replace))
    return 0


def _bench_list(kind: Callable[[str], object], allowed: Sequence[str] | None = None):
    def parse(value: str) -> list:
        items = [kind(v.strip()) for v in value.split(",") if v.strip()]
        bad = [v for v in items if allowed is not None and v not in allowed]
        if not items or bad or any(isinstance(v, int) and v < 1 for v in items):
            raise argparse.ArgumentTypeError(
                f"{value!r}: give a comma-separated list"
                + (f" of {', '.join(allowed)}" if allowed else " of positive numbers")
            )
        return items

    return parse


def _manifest_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--manifest",
        metavar="PATH",
        default=default,
        help="the corpus manifest (default: $DISCOURSE_MANIFEST, else data/corpus.toml); "
        "outputs of another manifest go beside it",
    )


def _executor_options(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        default=default,
        help="run parallel stages on the Dask scheduler at ADDRESS (default: "
        "$DISCOURSE_SCHEDULER, else local processes; needs the cluster extra)",
    )
    parser.add_argument(
        "--workers",
        metavar="N",
        type=int,
        default=default,
        help="local worker processes for parallel stages (default: $DISCOURSE_WORKERS, else "
        "every CPU available; 1 = serial)",
    )


def package_version() -> str:
    """The installed package's version (from its metadata), or "unknown" if not installed."""
    try:
        return importlib.metadata.version("discourse-analysis")
    except importlib.metadata.PackageNotFoundError:
        return "unknown (not installed: run make install)"


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="discourse",
        description="Comparative discourse analysis of the texts listed in a corpus manifest "
        "(by default data/corpus.toml).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {package_version()}")
    _manifest_option(parser, None)
    _executor_options(parser, None)
    # Also accepted after the command; SUPPRESS keeps a value given before it.
    common = argparse.ArgumentParser(add_help=False)
    _manifest_option(common, argparse.SUPPRESS)
    _executor_options(common, argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser = functools.partial(sub.add_parser, parents=[common])
    sub.add_parser(
        "corpus",
        help="list sources, documents, segments and text sizes",
        description="Print the corpus the manifest describes: its sources (publisher, capture "
        "date, size, checksum), documents, segments by document and role, and the size and "
        "readability of each compared text. Reads the raw files; writes nothing.",
    ).set_defaults(func=cmd_corpus)
    build = sub.add_parser(
        "build",
        help="write data/processed/ (Parquet + CSV)",
        description="Segment and tokenise the raw sources and write the processed tables "
        "(sources, documents, segments, sentences, tokens) to data/processed/ as Parquet and "
        "CSV; for another manifest, to processed/ beside it.",
    )
    build.set_defaults(func=cmd_build)
    figs = sub.add_parser(
        "figures",
        help="write every registered figure to figures/ (SVG, PNG, Vega-Lite JSON)",
        description="Render every registered figure of the corpus to figures/ as SVG, PNG and "
        "Vega-Lite JSON (byte-reproducible); for another manifest, to figures/ beside it.",
    )
    figs.set_defaults(func=cmd_figures)
    sub.add_parser(
        "check",
        help="verify raw checksums and that outputs are up to date",
        description="Verify the raw sources against their manifest checksums and "
        "segmentation rules, and that the processed data and figures equal what the code "
        "builds now. Prints one line per problem and exits 1 if there is any.",
    ).set_defaults(func=cmd_check)
    rep = sub.add_parser(
        "report",
        help="build everything and export the HTML reports",
        description="Build the processed data and figures (reused when their recorded inputs "
        "and outputs are unchanged), execute every notebook in notebooks/ in parallel kernels "
        "and export each as a self-contained HTML report to reports/, with an index page; "
        "prints the index's path.",
    )
    rep.add_argument(
        "--pdf",
        action="store_true",
        help="also print each report to reports/NN-name.pdf with headless Chromium "
        "(chromium on the PATH, or the binary named by DISCOURSE_CHROMIUM)",
    )
    rep.set_defaults(func=cmd_report)
    for command in (build, figs, rep):
        command.add_argument(
            "--force",
            action="store_true",
            help="rebuild even when the recorded inputs and outputs are unchanged",
        )
    # Adding and removing documents (analysis.corpus.edit).
    add = sub.add_parser(
        "add",
        help="add a text file to the corpus (copy, manifest, segments)",
        description="Add a UTF-8 text file to the corpus: copy it into data/raw/, read its "
        "kind and parts (e-petition with its response, paper petition, letter or plain text), "
        "add its source, documents, segmentation rules and compared texts to the manifest, "
        "and rebuild the processed data. `discourse remove` undoes it.",
    )
    add.add_argument("file", help="the UTF-8 text file to add; copied unchanged into data/raw/")
    add.add_argument(
        "--kind",
        default="auto",
        help="auto (default: read the page), e-petition, paper-petition, letter or plain",
    )
    add.add_argument("--id", help="id of the new source and text (default: from the page)")
    add.add_argument("--title", help="title (default: from the page or the file name)")
    add.add_argument("--speaker", help="who speaks in the main text (default: from the page)")
    add.add_argument("--date", help="date of the main text, YYYY-MM-DD (default: from the page)")
    add.add_argument(
        "--no-primary", action="store_true", help="add documents only, no compared [[texts]]"
    )
    add.set_defaults(func=cmd_add)
    remove = sub.add_parser(
        "remove",
        help="undo `discourse add`: remove a whole source (all its documents and texts)",
        description="Remove a source and everything from it: its documents, texts, rules, "
        "declared pairs naming its texts and the raw file `discourse add` copied. Given the id of "
        "one text, it removes the whole source holding that text (e.g. removing a petition's "
        "response text also removes the petition printed on the same page).",
    )
    remove.add_argument(
        "id", help="a source id, or any text id of the source (the whole source is removed)"
    )
    remove.set_defaults(func=cmd_remove)
    from analysis.bench.stages import STAGE_NAMES

    bench = sub.add_parser(
        "bench",
        help="time the suite against baselines on a resampled scale corpus",
        description="Resample the default corpus's sentences (seeded) into documents of "
        "~1,000 words in three groups and, per size and stage (tokens, counts, keyness, "
        "lexicons, VADER, readability), time the suite next to a straightforward NLTK version "
        "and a plain-re version, each in its own process: wall time, CPU time, peak RSS, the "
        "ratio and the fitted growth exponent. See benchmarks/README.md.",
    )
    bench.add_argument(
        "--docs",
        type=_bench_list(int),
        default=[100, 1000, 10000],
        help="corpus sizes in documents of ~1,000 words (default: 100,1000,10000)",
    )
    bench.add_argument("--json", type=Path, metavar="FILE", help="also write the records as JSON")
    bench.add_argument(
        "--stages",
        type=_bench_list(str, STAGE_NAMES),
        default=list(STAGE_NAMES),
        help=f"stages to time (default: all of {','.join(STAGE_NAMES)})",
    )
    bench.add_argument(
        "--repeat", type=int, default=1, help="runs per measurement; the fastest counts"
    )
    bench.add_argument(
        "--timeout", type=float, metavar="S", help="give up on a run after S seconds"
    )
    bench.set_defaults(func=cmd_bench)
    code = sub.add_parser(
        "code",
        help="export a coding sheet for a coder, or import a filled one",
        description="Coding by more coders: `code export --scheme S --coder NAME` writes a CSV "
        "sheet and an offline HTML page showing each unit in context with the codebook's "
        "definitions (default: reports/coding/); `code import FILE` checks a filled sheet "
        "against the scheme and copies it to data/annotations/coders/.",
    )
    acts = code.add_subparsers(dest="action", required=True)
    export = acts.add_parser("export", help="write a coder's empty sheet and its HTML page")
    export.add_argument("--scheme", required=True, choices=("framing", "demands", "responsiveness"))
    export.add_argument("--coder", required=True, help="the coder's name (letters, digits, - _)")
    export.add_argument("--out", type=Path, metavar="DIR", help="where to write the two files")
    imp = acts.add_parser("import", help="validate a filled sheet into data/annotations/coders/")
    imp.add_argument("file", type=Path, help="the filled CSV sheet")
    imp.add_argument("--replace", action="store_true", help="overwrite the coder's earlier import")
    code.set_defaults(func=cmd_code)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        paths.use_manifest(args.manifest)  # before anything is read or computed
        if not paths.is_default_manifest() and not paths.MANIFEST.is_file():
            raise DiscourseError(
                f"{paths.MANIFEST}: no corpus manifest there; check --manifest or "
                "DISCOURSE_MANIFEST."
            )
        if args.workers is not None:
            executor.use_workers(args.workers)
        if args.scheduler is not None:
            executor.use_scheduler(args.scheduler)
            executor.connect()  # an unreachable scheduler fails now, not mid-build
        return args.func(args)
    except DiscourseError as exc:
        print(f"discourse {args.command}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
