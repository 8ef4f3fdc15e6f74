"""Gold transformation profiles: loading with validation, and agreement with the rules.

The gold file ``data/annotations/transformation-gold.csv`` is coded from the codebook
``data/annotations/transformation-codebook.md`` alone: one row per demand and dimension,
``demand_id,dimension,value,evidence_a,evidence_r,note``. :func:`transformation_gold_load`
checks its header, ids, dimensions, values and (given the sentences) that every evidence span
is an exact substring of its text, naming the file, line and fix of any problem.
:func:`transformation_agreement` compares the automatic profile
(:func:`analysis.measures.demands.transform.textstat_transformation`) with it per dimension
(N, raw agreement with a Wilson interval, Cohen's kappa), :func:`transformation_evidence`
scores the evidence spans (precision and recall per side) and :func:`transformation_coverage_gold`
says which profiled demands the gold does not cover (nothing fails for them).
"""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl

from analysis import paths, stats
from analysis.evaluation.agreement import cohen_kappa
from analysis.io import DiscourseError
from analysis.lexicons import read_commented_csv

#: The codebook's dimensions and their values, in the codebook's order (version 1).
DIMENSIONS: dict[str, tuple[str, ...]] = {
    "label_substitution": ("substituted", "retained", "omitted", "none"),
    "spelling_change": ("changed", "same", "none"),
    "agent_deletion": ("deleted", "retained", "none"),
    "scope_change": ("generalised", "narrowed", "same", "none"),
    "commitment_strength": ("act", "undertake", "encourage", "acknowledge", "none"),
    "deflection": ("process", "third_party", "process_and_third_party", "none"),
}
GOLD_FILE = "transformation-gold.csv"
COLUMNS = ("demand_id", "dimension", "value", "evidence_a", "evidence_r", "note")
_HEADER = ("purpose", "source", "version", "date", "coder")
# <text_id>:dN, or <text_id>:dN><response_id> where a text has more than one response
_ID = re.compile(r"^([a-z0-9-]+):d(\d+)(?:>([a-z0-9-]+))?$")

_SCHEMA = {c: pl.String for c in COLUMNS} | {"line": pl.Int64}


def gold_path(directory: Path | None = None) -> Path:
    """Where the gold file is (``data/annotations/`` unless another directory is given)."""
    return (Path(directory) if directory else paths.ANNOTATIONS) / GOLD_FILE


def _texts(sentences: pl.DataFrame | None) -> dict[str, list[str]] | None:
    if sentences is None:
        return None
    out: dict[str, list[str]] = {}
    for r in sentences.select("text_id", "text").iter_rows(named=True):
        out.setdefault(r["text_id"], []).append(r["text"])
    return out


def _in_text(span: str, parts: list[str]) -> bool:
    # a span may cross a sentence boundary: try the sentences, then the text joined by spaces
    return any(span in p for p in parts) or span in " ".join(parts)


def transformation_gold_load(
    *,
    directory: Path | None = None,
    sentences: pl.DataFrame | None = None,
    responses: dict[str, str] | None = None,
    strict: bool = True,
) -> pl.DataFrame:
    """Load and validate the gold transformation profile.

    Args:
        directory: another directory holding ``transformation-gold.csv`` (tests use this).
        sentences: sentence frame (``text_id``, ``text``); when given, each evidence span must
            be an exact substring of its text, and rows about texts it does not hold are left
            out (the comparisons run on what the gold covers).
        responses: response text id per advocacy text id, to check ``evidence_r`` (needed with
            ``sentences``; a demand id written ``text:dN>response`` names its own).
        strict: if False, a row whose evidence is not in its text is left out instead of
            raising (a corpus that reuses the gold's text ids for other texts: the gold is
            about a different text there).

    Returns:
        The gold rows (``demand_id, dimension, value, evidence_a, evidence_r, note, line``), in
        file order; empty evidence is null.

    Raises:
        DiscourseError: naming the file and line of a missing header field or column, a
            malformed demand id, an unknown dimension or value, a duplicate (demand,
            dimension), or an evidence span that is not in its text.
    """
    path = gold_path(directory)
    if not path.is_file():
        raise DiscourseError(
            f"{path}: gold file not found; code it from transformation-codebook.md."
        )
    table = read_commented_csv(
        path, required_header=_HEADER, required_columns=("demand_id", "dimension", "value")
    )
    absent = [c for c in COLUMNS if c not in table.columns]
    if absent:
        raise DiscourseError(f"{path}, line 1: missing column(s) {absent}; use {list(COLUMNS)}.")
    texts = _texts(sentences)
    rows, seen = [], {}
    for line_no, row in table.rows:
        m = _ID.match(row["demand_id"])
        if not m:
            raise DiscourseError(
                f"{path}, line {line_no}: demand_id {row['demand_id']!r} is not "
                "'<text_id>:d<N>' (or '<text_id>:d<N>><response_id>'); see the codebook's Unit."
            )
        dim, value = row["dimension"], row["value"]
        if dim not in DIMENSIONS:
            raise DiscourseError(
                f"{path}, line {line_no}: unknown dimension {dim!r}; allowed {list(DIMENSIONS)}."
            )
        if value not in DIMENSIONS[dim]:
            raise DiscourseError(
                f"{path}, line {line_no}: unknown {dim} value {value!r}; "
                f"allowed {list(DIMENSIONS[dim])}."
            )
        key = (row["demand_id"], dim)
        if key in seen:
            raise DiscourseError(
                f"{path}, line {line_no}: duplicate {dim} for {row['demand_id']!r} "
                f"(first at line {seen[key]}); keep one row per demand and dimension."
            )
        seen[key] = line_no
        if texts is not None:
            text_id = m.group(1)
            response_id = m.group(3) or (responses or {}).get(text_id)
            if text_id not in texts:
                continue  # a text this corpus does not hold: not used, not counted
            not_found = [
                (side, row[side], holder)
                for side, holder in (("evidence_a", text_id), ("evidence_r", response_id))
                if row[side] and holder in texts and not _in_text(row[side], texts[holder])
            ]
            if not_found and not strict:
                continue  # gold about a different text with the same id
            for side, span, holder in not_found[:1]:
                raise DiscourseError(
                    f"{path}, line {line_no}: {side} {span!r} is not in {holder!r}; copy "
                    "the span character for character from the text."
                )
        rows.append(
            {
                **{c: (row[c] or None) for c in COLUMNS},
                "line": line_no,
            }
        )
    return pl.DataFrame(rows, schema=_SCHEMA)


def gold_header(directory: Path | None = None) -> dict[str, str]:
    """The gold file's comment header (``purpose``, ``source``, ``version``, ``date``,
    ``coder``); empty without a gold file."""
    path = gold_path(directory)
    if not path.is_file():
        return {}
    return read_commented_csv(path, required_header=_HEADER).header


def gold_or_none(**kwargs) -> pl.DataFrame | None:
    """The gold rows, or None if the gold file does not exist (no gold is not an error)."""
    if not gold_path(kwargs.get("directory")).is_file():
        return None
    return transformation_gold_load(**kwargs)


def transformation_comparison(profile: pl.DataFrame, gold: pl.DataFrame) -> pl.DataFrame:
    """The automatic value beside the gold value, per demand and dimension both coded.

    Returns:
        ``demand_id, dimension, auto, gold, agree, evidence_a, evidence_r, gold_evidence_a,
        gold_evidence_r`` in the profile's order.
    """
    g = gold.select(
        "demand_id",
        "dimension",
        pl.col("value").alias("gold"),
        pl.col("evidence_a").alias("gold_evidence_a"),
        pl.col("evidence_r").alias("gold_evidence_r"),
    )
    return (
        profile.select(
            "demand_id", "dimension", pl.col("value").alias("auto"), "evidence_a", "evidence_r"
        )
        .join(g, on=["demand_id", "dimension"], how="inner", maintain_order="left")
        .with_columns((pl.col("auto") == pl.col("gold")).alias("agree"))
        .select(
            "demand_id",
            "dimension",
            "auto",
            "gold",
            "agree",
            "evidence_a",
            "evidence_r",
            "gold_evidence_a",
            "gold_evidence_r",
        )
    )


def transformation_agreement(profile: pl.DataFrame, gold: pl.DataFrame) -> pl.DataFrame:
    """Agreement of the rules with the gold, per dimension and over all dimensions.

    Returns:
        ``dimension`` (``all`` last), ``n`` (demands coded by both), ``n_agree``,
        ``agreement`` (raw), ``agreement_low`` / ``agreement_high`` (Wilson 95% interval,
        :func:`analysis.stats.proportion_interval`) and ``kappa`` (Cohen's kappa; null where
        it is undefined, e.g. rules and gold used one value).
    """
    both = transformation_comparison(profile, gold)
    rows = []
    for dim in [*DIMENSIONS, "all"]:
        part = both if dim == "all" else both.filter(pl.col("dimension") == dim)
        n = part.height
        k = int(part["agree"].sum()) if n else 0
        low, high = stats.proportion_interval(k, n)
        kappa = None
        if n:
            # over all dimensions, a value is read with its dimension (each has its own scale)
            key = (pl.col("dimension") + "=") if dim == "all" else pl.lit("")
            auto = part.select(key + pl.col("auto"))[:, 0].to_list()
            gold_v = part.select(key + pl.col("gold"))[:, 0].to_list()
            kappa = cohen_kappa(gold_v, auto)
        rows.append(
            {
                "dimension": dim,
                "n": n,
                "n_agree": k,
                "agreement": k / n if n else None,
                "agreement_low": low if n else None,
                "agreement_high": high if n else None,
                "kappa": kappa,
            }
        )
    return pl.DataFrame(
        rows,
        schema={
            "dimension": pl.String,
            "n": pl.Int64,
            "n_agree": pl.Int64,
            "agreement": pl.Float64,
            "agreement_low": pl.Float64,
            "agreement_high": pl.Float64,
            "kappa": pl.Float64,
        },
    )


def spans_match(a: str | None, b: str | None) -> bool:
    """Two evidence spans match when one contains the other (case set aside)."""
    if not a or not b:
        return False
    a, b = a.lower(), b.lower()
    return a in b or b in a


def transformation_evidence(profile: pl.DataFrame, gold: pl.DataFrame) -> pl.DataFrame:
    """Precision and recall of the evidence spans, per side, on rows whose values agree.

    A span is found when the gold gives a span on that side for the same demand and
    dimension and the two match (:func:`spans_match`). Precision = matched / automatic
    spans; recall = matched / gold spans.

    Returns:
        ``side`` (``advocacy`` / ``response``), ``n_auto``, ``n_gold``, ``n_match``,
        ``precision``, ``recall`` (null with nothing to divide by).
    """
    agreed = transformation_comparison(profile, gold).filter(pl.col("agree"))
    rows = []
    for side, a_col, g_col in (
        ("advocacy", "evidence_a", "gold_evidence_a"),
        ("response", "evidence_r", "gold_evidence_r"),
    ):
        pairs = agreed.select(a_col, g_col).rows()
        n_auto = sum(1 for a, _ in pairs if a)
        n_gold = sum(1 for _, g in pairs if g)
        n_match = sum(1 for a, g in pairs if spans_match(a, g))
        rows.append(
            {
                "side": side,
                "n_auto": n_auto,
                "n_gold": n_gold,
                "n_match": n_match,
                "precision": n_match / n_auto if n_auto else None,
                "recall": n_match / n_gold if n_gold else None,
            }
        )
    return pl.DataFrame(
        rows,
        schema={
            "side": pl.String,
            "n_auto": pl.Int64,
            "n_gold": pl.Int64,
            "n_match": pl.Int64,
            "precision": pl.Float64,
            "recall": pl.Float64,
        },
    )


def transformation_coverage_gold(profile: pl.DataFrame, gold: pl.DataFrame | None) -> str:
    """A sentence saying which profiled demands the gold covers and which it does not."""
    ids = list(dict.fromkeys(profile["demand_id"].to_list()))
    if gold is None:
        return f"No gold file: none of the {len(ids)} profiled demands has gold coding."
    coded = set(gold["demand_id"].to_list())
    missing = [d for d in ids if d not in coded]
    out = f"The gold covers {len(ids) - len(missing)} of the {len(ids)} profiled demands."
    if missing:
        out += " Not covered (no gold rows): " + ", ".join(missing) + "."
    return out
