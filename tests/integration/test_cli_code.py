"""Integration: `discourse code export` / `code import` round-trip two coders on the framing
scheme of the default annotations, in a scratch project (the real data/annotations/coders is
never written), then alpha over the gold coder and the two imported coders."""

from __future__ import annotations

import csv
import io
import math
import re
import shutil

import polars as pl
import pytest
from conftest import run_discourse as run

from analysis import paths
from analysis.evaluation import coding
from analysis.evaluation import reliability as rel

pytestmark = pytest.mark.integration


def filled(sheet_text: str, gold: dict, *, flip: set, description: str) -> str:
    """The exported sheet with the gold codes filled in, ``frames`` emptied for ``flip``."""
    lines = sheet_text.splitlines()
    head = [
        f"# coder_description: {description}" if ln.startswith("# coder_description") else ln
        for ln in lines
        if ln.startswith("#")
    ]
    rows = list(csv.DictReader(lines[len(head) :]))
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        codes = dict(gold[row["unit_id"]])
        if row["unit_id"] in flip:
            codes["frames"] = ""
        writer.writerow(row | codes)
    return "\n".join(head) + "\n" + buf.getvalue()


def test_export_import_two_coders_and_alpha(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(paths.ANNOTATIONS, root / "data" / "annotations")
    for existing in (root / "data" / "annotations" / "coders").glob("*.csv"):
        existing.unlink()  # start from the gold coder alone, whatever coders the project has
    real = sorted(p.name for p in paths.CODERS.iterdir()) if paths.CODERS.is_dir() else []
    out = run(root, "code", "export", "--scheme", "framing", "--coder", "ann")
    assert out.returncode == 0, out.stderr
    sheet_path, page_path = (root / p for p in out.stdout.split())
    assert sheet_path == root / "reports" / "coding" / "framing-ann.csv"
    page = page_path.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, flags=re.I)
    assert "<script" not in page.lower()
    # every "<" in the page opens a tag: a "<" of the texts or codebook would be escaped
    assert all(re.match(r"</?[a-z!]", page[m.start() :]) for m in re.finditer("<", page))
    assert "Legality, constitutionality, jurisprudence" in page
    annotations = root / "data" / "annotations"
    scheme = coding.scheme_load("framing", annotations=annotations)
    gold = {
        r["unit_id"]: {c: r[c] for c in scheme.columns} for r in scheme.gold.iter_rows(named=True)
    }
    ids = list(gold)
    sheet = sheet_path.read_text(encoding="utf-8")
    for coder, flip in (("ann", set(ids[::7])), ("ben", set(ids[::5]))):
        text = filled(
            sheet.replace("# coder: ann", f"# coder: {coder}"),
            gold,
            flip=flip,
            description=f"a test coder ({coder})",
        )
        path = tmp_path / f"{coder}.csv"
        path.write_text(text, encoding="utf-8")
        done = run(root, "code", "import", str(path))
        assert done.returncode == 0, done.stderr
        assert (annotations / "coders" / f"framing-{coder}.csv").is_file()
    again = run(root, "code", "import", str(tmp_path / "ann.csv"))
    assert again.returncode == 2 and "--replace" in again.stderr
    assert run(root, "code", "import", str(tmp_path / "ann.csv"), "--replace").returncode == 0
    broken = tmp_path / "broken.csv"
    broken.write_text(sheet.replace("# coder_description:", "# coder_description: x").replace(
        f"{ids[1]},", "nowhere:s001,", 1
    ), encoding="utf-8")  # fmt: skip
    err = run(root, "code", "import", str(broken))
    assert err.returncode == 2
    assert "line 11, column unit_id: unknown unit 'nowhere:s001'" in err.stderr

    codes = coding.coders_load(scheme, coders_dir=annotations / "coders")
    assert codes["coder"].unique(maintain_order=True).to_list() == ["gold", "ann", "ben"]
    table = rel.textstat_reliability(codes.filter(pl.col("layer") == "frames"), n_resamples=200)
    texts = scheme.units["text_id"].unique(maintain_order=True).to_list()
    policy = table.filter(pl.col("category") == "policy")
    assert policy["text_id"].to_list() == [*texts, rel.ALL_TEXTS]
    overall = policy.row(-1, named=True)
    assert overall["n_units"] == len(ids) and overall["n_coders"] == 3
    sub = codes.filter((pl.col("layer") == "frames") & (pl.col("category") == "policy"))
    assert math.isclose(overall["alpha"], rel.krippendorff_alpha(sub))
    assert overall["ci_low"] <= overall["alpha"] <= overall["ci_high"]
    assert 0 < overall["alpha"] < 1  # the emptied cells disagree with the gold on policy
    kappa = rel.textstat_pairwise_kappa(sub, n_resamples=200)
    assert kappa.select("coder_a", "coder_b").unique(maintain_order=True).rows() == [
        ("gold", "ann"),
        ("gold", "ben"),
        ("ann", "ben"),
    ]
    # the project's own coders folder was not written
    after = sorted(p.name for p in paths.CODERS.iterdir()) if paths.CODERS.is_dir() else []
    assert after == real
