"""Agreement between automatic coding and gold labels.

docs/METHODS.md: report N, raw agreement and Cohen's kappa (Cohen 1960), per category for
multi-label coding, with the confusion table; with N this small kappa is fragile. Precision
and recall are for extraction tasks (e.g. demands found vs the gold list).
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl


def cohen_kappa(a: Sequence, b: Sequence) -> float | None:
    """Cohen's kappa for two equally long label sequences.

    kappa = (p_o - p_e) / (1 - p_e), where p_o is the observed agreement and p_e the
    agreement expected from each coder's marginal distribution. Returns ``None`` where
    p_e == 1 (both coders used a single, identical category: kappa is undefined).
    """
    if len(a) != len(b):
        raise ValueError(f"label sequences differ in length: {len(a)} vs {len(b)}")
    n = len(a)
    if n == 0:
        raise ValueError("no items to compare")
    p_o = sum(x == y for x, y in zip(a, b, strict=True)) / n
    cats = set(a) | set(b)
    p_e = sum((list(a).count(c) / n) * (list(b).count(c) / n) for c in cats)
    if p_e == 1:
        return None
    return (p_o - p_e) / (1 - p_e)


def confusion_table(
    a: Sequence, b: Sequence, *, names: tuple[str, str] = ("gold", "auto")
) -> pl.DataFrame:
    """Counts of each (label in a, label in b) pair, all pairs present, sorted (no rows, with
    the same columns, for no items)."""
    cats = sorted({str(x) for x in a} | {str(x) for x in b})
    counts = {(x, y): 0 for x in cats for y in cats}
    for x, y in zip(a, b, strict=True):
        counts[(str(x), str(y))] += 1
    return pl.DataFrame(
        [{names[0]: x, names[1]: y, "n": n} for (x, y), n in sorted(counts.items())],
        schema={names[0]: pl.String, names[1]: pl.String, "n": pl.Int64},
    )


def agreement_summary(a: Sequence, b: Sequence) -> dict:
    """N, raw agreement and kappa for two label sequences."""
    n = len(a)
    agree = sum(x == y for x, y in zip(a, b, strict=True))
    return {"n": n, "agreement": agree / n if n else None, "kappa": cohen_kappa(a, b)}


def textstat_agreement(
    gold: pl.DataFrame, auto: pl.DataFrame, *, item: str, category: str, categories: Sequence[str]
) -> pl.DataFrame:
    """Per-category agreement for multi-label coding.

    Args:
        gold, auto: long frames with one row per (item, category) assigned.
        item: the column identifying an item (e.g. ``sentence_id``); the item set is the union
            of both frames' items plus nothing else, so pass gold items in ``gold`` even if
            they carry no category (use a null category).
        category: the label column.
        categories: every category of the scheme (absent ones still get a row).

    Returns:
        One row per category: n, gold_yes, auto_yes, both_yes, agreement, kappa
        (null where undefined), precision and recall of auto against gold. With no items
        (gold that covers nothing), n is 0 and the statistics are null.
    """
    items = sorted(set(gold[item].to_list()) | set(auto[item].to_list()))
    gold_sets = _sets(gold, item, category)
    auto_sets = _sets(auto, item, category)
    rows = []
    for cat in categories:
        g = [cat in gold_sets.get(i, set()) for i in items]
        a = [cat in auto_sets.get(i, set()) for i in items]
        both = sum(x and y for x, y in zip(g, a, strict=True))
        rows.append(
            {
                "category": cat,
                "n": len(items),
                "gold_yes": sum(g),
                "auto_yes": sum(a),
                "both_yes": both,
                "agreement": (
                    sum(x == y for x, y in zip(g, a, strict=True)) / len(items) if items else None
                ),
                "kappa": cohen_kappa(g, a) if items else None,
                "precision": both / sum(a) if sum(a) else None,
                "recall": both / sum(g) if sum(g) else None,
            }
        )
    return pl.DataFrame(
        rows,
        schema_overrides={
            "agreement": pl.Float64,
            "kappa": pl.Float64,
            "precision": pl.Float64,
            "recall": pl.Float64,
        },
    )


def _sets(frame: pl.DataFrame, item: str, category: str) -> dict:
    out: dict = {}
    for i, c in frame.select(item, category).iter_rows():
        out.setdefault(i, set())
        if c is not None:
            out[i].add(c)
    return out


def precision_recall(gold: set, found: set) -> dict:
    """Precision, recall and F1 of a found set against a gold set (None where undefined)."""
    tp = len(gold & found)
    p = tp / len(found) if found else None
    r = tp / len(gold) if gold else None
    f1 = 2 * p * r / (p + r) if p and r else (0.0 if p == 0 or r == 0 else None)
    return {
        "tp": tp,
        "fp": len(found - gold),
        "fn": len(gold - found),
        "precision": p,
        "recall": r,
        "f1": f1,
    }
