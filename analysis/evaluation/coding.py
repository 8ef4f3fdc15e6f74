"""Coding schemes for the coding workbench: their units, categories, codebook and gold coder.

A *scheme* is what a coder codes: the units (sentences, or demands for responsiveness), the
layers of categories, whether each layer takes several categories or exactly one, and the
codebook that defines them. Everything is read from the files the gold loaders read, so the
categories are the ones the gold validators allow and never listed twice:

- ``framing``: every sentence in ``units-sentences.csv``; three multi-label layers
  (``frames``, ``entman``, ``domain``: :data:`analysis.measures.framing.LAYERS`); codebook
  ``framing-codebook.md``; gold ``framing-gold.csv``.
- ``demands``: the sentences of the texts ``demands-gold.csv`` codes; two multi-label layers of
  demand types (:data:`~analysis.measures.demands.common.DEMAND_TYPES`): ``demand_type`` for
  the text's own demands in the sentence and ``reported_type`` for directives it reports from
  others; codebook ``demands-codebook.md``.
- ``responsiveness``: every demand ``responsiveness-gold.csv`` judges; one single-label layer
  ``label`` whose allowed labels are the unit's scale (responsiveness or policy overlap; the
  scale follows from the pair of texts, recorded by the gold label's label set as the codebook
  says); the unit text is the demand's quote, shown in its sentence.

The gold files were written by an automated coder (a language model given only the codebook and
the sentences); :func:`scheme_load` carries the description their headers give. Sheets are
written and read in :mod:`analysis.evaluation.coding_sheet`; :func:`coders_load` gives every
coder's codes as the long frame :mod:`analysis.evaluation.reliability` takes.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from analysis import paths
from analysis.evaluation import framing_gold
from analysis.evaluation.demands_gold_files import _GOLD_HEADER, GOLD_FILES
from analysis.io import DiscourseError
from analysis.lexicons import read_commented_csv
from analysis.measures.demands.common import DEMAND_TYPES, POLICY_OVERLAP, RESPONSIVENESS
from analysis.measures.framing import GOLD_COLUMNS, LAYERS

SCHEMES = ("framing", "demands", "responsiveness")
#: The name under which the committed gold file takes part as a coder.
GOLD_CODER = "gold"
#: The labels of each responsiveness scale.
SCALE_LABELS = {"responsiveness": RESPONSIVENESS, "policy_overlap": POLICY_OVERLAP}


@dataclass(frozen=True)
class Layer:
    """One column of codes: its name, its categories and whether a unit takes several."""

    column: str
    categories: tuple[str, ...]
    multi: bool = True


@dataclass(frozen=True)
class Scheme:
    """What a coder codes.

    Attributes:
        name: the scheme's name (a file-name part: ``<scheme>-<coder>.csv``).
        codebook: the codebook file.
        layers: the code columns.
        units: ``unit_id``, ``text_id``, ``unit_text``, ``sha256`` (of unit_text),
            ``sentence`` (the sentence holding the unit; the unit itself for sentence units),
            ``before``, ``after`` (neighbouring sentences of the same text, or null) and
            ``scale`` (the allowed label set of a single-label unit, or null).
        gold: the gold coding, one row per unit: ``unit_id`` and one column per layer
            (codes separated by ``;``); None without a gold file.
        gold_description: who or what wrote the gold file (its ``# coder:`` header).
        reference: sentences a coder reads to judge every unit (responsiveness: the texts the
            demands are compared with): ``sentence_id``, ``text_id``, ``text``; or None.
        gold_file: the gold file's name (None without one).
    """

    name: str
    codebook: Path
    layers: tuple[Layer, ...]
    units: pl.DataFrame
    gold: pl.DataFrame | None = None
    gold_description: str | None = None
    reference: pl.DataFrame | None = None
    gold_file: str | None = None

    @property
    def columns(self) -> tuple[str, ...]:
        """The code columns of a sheet, in order."""
        return tuple(layer.column for layer in self.layers)

    def allowed(self, layer: Layer, scale: str | None) -> tuple[str, ...]:
        """The categories a unit may take in ``layer`` (a single-label unit: its scale's)."""
        return SCALE_LABELS[scale] if scale in SCALE_LABELS else layer.categories


def sha256(text: str) -> str:
    """The hex SHA-256 of a unit's text (UTF-8), recorded in sheets to detect changed text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def codebook_version(path: Path) -> str:
    """The codebook's version from its title line (``# … (version 1, …)``), or ``"?"``."""
    first = Path(path).read_text(encoding="utf-8").splitlines()[:1]
    found = re.search(r"version\s+([\w.]+)", first[0] if first else "", flags=re.I)
    return found.group(1) if found else "?"


def codebook_definitions(path: Path, categories: tuple[str, ...]) -> dict[str, str]:
    """Each category's definition as the codebook gives it (empty where it gives none).

    A category is defined by a table row whose first cell is its code (the other cells
    joined with " — "), else by the text after its first backticked mention: in parentheses
    (```code` (definition)``) or after a colon (```code`: definition``); else the paragraph
    that mentions it is given.
    """
    text = Path(path).read_text(encoding="utf-8")
    out = {}
    for cat in categories:
        row = re.search(rf"^\|\s*{re.escape(cat)}\s*\|(.*)\|\s*$", text, flags=re.M)
        paren = re.search(rf"`{re.escape(cat)}`\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)", text)
        colon = re.search(rf"`{re.escape(cat)}`\s*:\s*(.+)$", text, flags=re.M)
        line = next((p for p in re.split(r"\n\s*\n", text) if f"`{cat}`" in p), None)
        if row:
            out[cat] = " — ".join(c.strip() for c in row.group(1).split("|") if c.strip())
        elif paren:
            out[cat] = paren.group(1).strip()
        elif colon:
            out[cat] = colon.group(1).strip()
        elif line:  # mentioned without a definition of its own: the paragraph that does
            out[cat] = " ".join(line.split())
        else:
            out[cat] = ""
    return out


def _sentence_units(sentences: pl.DataFrame) -> pl.DataFrame:
    """Sentence units with their neighbours in the same text (``before``/``after``)."""
    return sentences.select(
        pl.col("sentence_id").alias("unit_id"),
        "text_id",
        pl.col("text").alias("unit_text"),
        pl.col("text").map_elements(sha256, return_dtype=pl.String).alias("sha256"),
        pl.col("text").alias("sentence"),
        pl.col("text").shift(1).over("text_id").alias("before"),
        pl.col("text").shift(-1).over("text_id").alias("after"),
        pl.lit(None, pl.String).alias("scale"),
    )


def _header_coder(path: Path) -> str | None:
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines:
        if line.startswith("# coder:"):
            return line.partition(":")[2].strip()
    return None


def _read(annotations: Path, name: str) -> list[dict] | None:
    """Rows of a demands gold file (validated by its own loader elsewhere), or None."""
    filename, columns = GOLD_FILES[name]
    path = annotations / filename
    if not path.is_file():
        return None
    table = read_commented_csv(path, required_header=_GOLD_HEADER, required_columns=columns[:1])
    return [row for _, row in table.rows]


def _framing(annotations: Path, sentences: pl.DataFrame) -> Scheme:
    layers = tuple(Layer(GOLD_COLUMNS[k], cats) for k, cats in LAYERS.items())
    path = annotations / framing_gold.GOLD_PATH.name
    gold = description = None
    if path.is_file():
        wide = framing_gold.gold_load(path, units=sentences)
        gold = wide.select(pl.col("sentence_id").alias("unit_id"), *(la.column for la in layers))
        description = _header_coder(path)
    return Scheme(
        "framing", annotations / "framing-codebook.md", layers, _sentence_units(sentences), gold,
        description, gold_file=path.name if gold is not None else None,
    )  # fmt: skip


def _demands(annotations: Path, sentences: pl.DataFrame) -> Scheme:
    layers = (Layer("demand_type", DEMAND_TYPES), Layer("reported_type", DEMAND_TYPES))
    rows = _read(annotations, "demands") or []
    texts = list(dict.fromkeys(r["text_id"] for r in rows))
    units = _sentence_units(sentences.filter(pl.col("text_id").is_in(texts)))
    for r in rows:
        if r["demand_type"] not in DEMAND_TYPES:
            raise DiscourseError(
                f"{annotations / GOLD_FILES['demands'][0]}: unknown demand_type "
                f"{r['demand_type']!r}; allowed {list(DEMAND_TYPES)}."
            )
    gold = None
    if rows:
        cells = []
        for uid in units["unit_id"]:
            mine = [r for r in rows if r["sentence_id"] == uid]
            own = {r["demand_type"] for r in mine if r["reported"] == "no"}
            told = {r["demand_type"] for r in mine if r["reported"] == "yes"}
            cells.append((uid, *(";".join(t for t in DEMAND_TYPES if t in s) for s in (own, told))))
        gold = pl.DataFrame(cells, schema=["unit_id", *(la.column for la in layers)], orient="row")
    path = annotations / GOLD_FILES["demands"][0]
    return Scheme(
        "demands", annotations / "demands-codebook.md", layers, units, gold,
        _header_coder(path) if path.is_file() else None,
        gold_file=path.name if gold is not None else None,
    )  # fmt: skip


def _scale(label: str) -> str:
    return next((s for s, labels in SCALE_LABELS.items() if label in labels), "")


def _responsiveness(annotations: Path, sentences: pl.DataFrame) -> Scheme:
    layer = Layer("label", (*RESPONSIVENESS, *POLICY_OVERLAP), multi=False)
    judged = _read(annotations, "responsiveness") or []
    demands = {r["demand_id"]: r for r in _read(annotations, "demands") or []}
    context = _sentence_units(sentences).select(
        pl.col("unit_id").alias("sentence_id"), "sentence", "before", "after"
    )
    rows = []
    for r in judged:
        d = demands.get(r["demand_id"])
        if d is None or not _scale(r["label"]):
            raise DiscourseError(
                f"{annotations / GOLD_FILES['responsiveness'][0]}: demand {r['demand_id']!r} "
                "is not in demands-gold.csv or its label belongs to no scale; fix the gold file."
            )
        rows.append(
            {
                "unit_id": r["demand_id"],
                "text_id": d["text_id"],
                "unit_text": d["quote"],
                "sha256": sha256(d["quote"]),
                "sentence_id": d["sentence_id"],
                "scale": _scale(r["label"]),
            }
        )
    schema = dict.fromkeys(("unit_id", "text_id", "unit_text", "sha256", "sentence_id"), pl.String)
    units = (
        pl.DataFrame(rows, schema=schema | {"scale": pl.String})
        .join(context, on="sentence_id", how="left", maintain_order="left")
        .select("unit_id", "text_id", "unit_text", "sha256", "sentence", "before", "after", "scale")
    )
    gold = pl.DataFrame(
        [(r["demand_id"], r["label"]) for r in judged], schema=["unit_id", "label"], orient="row"
    )
    advocacy = set(units["text_id"])
    reference = sentences.filter(~pl.col("text_id").is_in(advocacy)).select(
        "sentence_id", "text_id", "text"
    )
    path = annotations / GOLD_FILES["responsiveness"][0]
    return Scheme(
        "responsiveness", annotations / "demands-codebook.md", (layer,), units,
        gold if judged else None, _header_coder(path) if path.is_file() else None, reference,
        path.name if judged else None,
    )  # fmt: skip


def scheme_load(name: str, *, annotations: Path | None = None) -> Scheme:
    """The scheme ``name`` as the files in ``annotations`` define it.

    Args:
        name: ``framing``, ``demands`` or ``responsiveness``.
        annotations: the folder with the units, codebooks and gold files (default
            ``data/annotations``).

    Raises:
        DiscourseError: for an unknown scheme, missing units or codebook.
    """
    if name not in SCHEMES:
        raise DiscourseError(f"unknown coding scheme {name!r}; use one of {', '.join(SCHEMES)}.")
    annotations = paths.ANNOTATIONS if annotations is None else Path(annotations)
    sentences = framing_gold.units_load(annotations / framing_gold.UNITS_PATH.name)
    build = {"framing": _framing, "demands": _demands, "responsiveness": _responsiveness}[name]
    scheme = build(annotations, sentences)
    if not scheme.codebook.is_file():
        raise DiscourseError(f"{scheme.codebook}: codebook not found; restore it from git.")
    return scheme


# --- every coder's codes --------------------------------------------------------------------


def coder_files(scheme: str, coders_dir: Path | None = None) -> list[Path]:
    """The imported coder files of a scheme (``<scheme>-<coder>.csv``), sorted by name."""
    folder = paths.CODERS if coders_dir is None else Path(coders_dir)
    return sorted(folder.glob(f"{scheme}-*.csv")) if folder.is_dir() else []


def _sheets(scheme: Scheme, coders_dir: Path | None) -> list[tuple[Path, object, str | None]]:
    """Each coder file with its read sheet, or None and the reason it does not validate."""
    from analysis.evaluation import coding_sheet

    out = []
    for path in coder_files(scheme.name, coders_dir):
        try:
            out.append((path, coding_sheet.sheet_read(path, scheme), None))
        except DiscourseError as exc:
            out.append((path, None, str(exc)))
    return out


def coders_list(scheme: Scheme | str, *, coders_dir: Path | None = None) -> pl.DataFrame:
    """Every coder of a scheme: the gold coder (if there is a gold file), then each imported
    coder file.

    Returns:
        ``coder``, ``description`` (from the file's header), ``file`` and ``problem`` (null, or
        why the file no longer validates against the scheme, e.g. the units changed since it
        was coded: such a file is left out of :func:`coders_load` unless strict).
    """
    scheme = scheme_load(scheme) if isinstance(scheme, str) else scheme
    rows = []
    if scheme.gold is not None:
        rows.append((GOLD_CODER, scheme.gold_description, scheme.gold_file, None))
    for path, sheet, problem in _sheets(scheme, coders_dir):
        if sheet is None:
            rows.append((path.stem.removeprefix(f"{scheme.name}-"), None, path.name, problem))
        else:
            rows.append((sheet.coder, sheet.description, path.name, None))
    schema = dict.fromkeys(("coder", "description", "file", "problem"), pl.String)
    return pl.DataFrame(rows, schema=schema, orient="row")


def codes_long(scheme: Scheme, coder: str, wide: pl.DataFrame) -> pl.DataFrame:
    """One coder's wide codes (``unit_id`` + a column per layer) as the long frame.

    Multi-label layers give one row per unit and category, ``value`` 1 or 0; a single-label
    layer gives one row per coded unit with the label as ``value`` and the unit's scale as
    ``layer``. Columns: ``unit``, ``coder``, ``text_id``, ``layer``, ``category`` (multi-label
    only), ``value``.
    """
    info = {r["unit_id"]: r for r in scheme.units.iter_rows(named=True)}
    rows = []
    for r in wide.iter_rows(named=True):
        unit = info.get(r["unit_id"])
        if unit is None:
            continue
        for layer in scheme.layers:
            codes = {c for c in (r[layer.column] or "").split(";") if c}
            if layer.multi:
                rows += [
                    (r["unit_id"], coder, unit["text_id"], layer.column, cat, int(cat in codes))
                    for cat in layer.categories
                ]
            elif codes:
                rows.append((r["unit_id"], coder, unit["text_id"], unit["scale"], None, *codes))
    multi = all(layer.multi for layer in scheme.layers)
    schema = {
        "unit": pl.String,
        "coder": pl.String,
        "text_id": pl.String,
        "layer": pl.String,
        "category": pl.String,
        "value": pl.Int64 if multi else pl.String,
    }
    frame = pl.DataFrame(rows, schema=schema, orient="row")
    return frame if multi else frame.drop("category")


def coders_load(
    scheme: Scheme | str, *, coders_dir: Path | None = None, strict: bool = True
) -> pl.DataFrame:
    """Every coder's codes of a scheme as one long frame (:func:`codes_long` columns).

    The gold file takes part as the coder ``gold`` (an automated coder: a language model given
    only the codebook, as its header says); every file in ``coders_dir`` (default
    ``data/annotations/coders``) named ``<scheme>-<coder>.csv`` is validated against the scheme
    and added under its coder's name. Units are in the scheme's order, coders in
    :func:`coders_list` order.

    Args:
        strict: raise on a coder file that does not validate (the default); if False, leave
            it out (:func:`coders_list` says which and why).
    """
    scheme = scheme_load(scheme) if isinstance(scheme, str) else scheme
    parts = []
    if scheme.gold is not None:
        parts.append(codes_long(scheme, GOLD_CODER, scheme.gold))
    for _, sheet, problem in _sheets(scheme, coders_dir):
        if problem is not None and strict:
            raise DiscourseError(problem)
        if sheet is not None:
            parts.append(codes_long(scheme, sheet.coder, sheet.codes))
    if not parts:
        return codes_long(scheme, GOLD_CODER, pl.DataFrame(schema={"unit_id": pl.String}))
    return pl.concat(parts)
