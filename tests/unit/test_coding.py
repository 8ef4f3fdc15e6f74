"""The coding workbench on synthetic annotations (four texts, not the default ids): schemes read
from the files, sheet export (CSV and HTML), import with every validation error, coders_load and
alpha over the imported coders."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from pathlib import Path

import polars as pl
import pytest

from analysis import paths
from analysis.evaluation import coding, coding_sheet
from analysis.evaluation import reliability as rel
from analysis.io import DiscourseError

TEXTS = ("harbour-appeal", "council-reply", "river-letter", "valley-note")
SENTENCES = {
    "harbour-appeal": [
        "The harbour was closed by the <port> authority in 1990.",
        "We call on the council to reopen the harbour.",
        "Families have waited for thirty years.",
    ],
    "council-reply": ["The council recognises the harbour's history.", "It supports dialogue."],
    "river-letter": [
        "The river crossing is blocked, the letter says.",
        "The minister must open the crossing.",
    ],
    "valley-note": ["The valley remembers its victims.", "Peace talks should resume."],
}
HEADER = (
    "# purpose: synthetic\n# source: codebook v1\n# version: 1\n# date: 2026-01-01\n"
    "# coder: an automated coder (a language model given only the codebook)\n"
)
FRAMING_CODEBOOK = """# Framing codebook (version 3, 2026-01-01)

| code | category | code it when the sentence … |
|---|---|---|
| legality | Legality | invokes law |
| policy | Policy | proposes a <course> of action |
| history | History | invokes the past |
"""
DEMANDS_CODEBOOK = """# Demands codebook (version 2, 2026-01-01)

- `demand_type`: one of `commemoration` (days of remembrance), `diplomacy_peace` (dialogue).
- `addressed`: the response does what is asked.
- `not_addressed`: the response contains nothing on this demand.

For overlap pairs use `overlap`, `partial_overlap` or `no_overlap`.
"""


def write_annotations(folder: Path) -> Path:
    """units-sentences.csv, codebooks and gold files for the four synthetic texts."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for text in TEXTS:
        start = 0
        for i, s in enumerate(SENTENCES[text], start=1):
            rows.append((f"{text}:s{i:03d}", text, f"{text}:body:{i}", start, start + len(s), s))
            start += len(s) + 1
    pl.DataFrame(
        rows, schema=["sentence_id", "text_id", "segment_id", "start", "end", "text"], orient="row"
    ).write_csv(folder / "units-sentences.csv")
    (folder / "framing-codebook.md").write_text(FRAMING_CODEBOOK, encoding="utf-8")
    (folder / "demands-codebook.md").write_text(DEMANDS_CODEBOOK, encoding="utf-8")
    gold = io.StringIO()
    gold.write(HEADER + "sentence_id,text_id,frames,entman,domain,note\n")
    for sid, text, *_ in rows:
        frames = "legality" if "law" in sid or "1990" in _text(rows, sid) else "policy"
        gold.write(f"{sid},{text},{frames},,history,\n")
    (folder / "framing-gold.csv").write_text(gold.getvalue(), encoding="utf-8")
    (folder / "demands-gold.csv").write_text(
        HEADER + "demand_id,text_id,sentence_id,addressee,action,object,demand_type,cue,quote,"
        "reported,note\n"
        "harbour-appeal:d1,harbour-appeal,harbour-appeal:s002,the council,reopen,the harbour,"
        "diplomacy_peace,call on,reopen the harbour,no,\n"
        "river-letter:d1,river-letter,river-letter:s002,the minister,open,the crossing,"
        "humanitarian_access,must,open the crossing,no,\n"
        "river-letter:d2,river-letter,river-letter:s002,the minister,open,the crossing,"
        "commemoration,says,The minister must,yes,\n",
        encoding="utf-8",
    )
    (folder / "responsiveness-gold.csv").write_text(
        HEADER + "demand_id,label,evidence,rationale\n"
        "harbour-appeal:d1,reframed,council-reply:s001,same subject\n"
        "river-letter:d1,no_overlap,,nothing on it\n",
        encoding="utf-8",
    )
    return folder


def _text(rows, sid):
    return next(r[5] for r in rows if r[0] == sid)


@pytest.fixture()
def annotations(tmp_path) -> Path:
    return write_annotations(tmp_path / "annotations")


def fill(sheet: Path, out: Path, codes: dict, *, description: str = "a human coder") -> Path:
    """A filled copy of an exported sheet: ``codes`` maps unit id -> {column: cell}."""
    lines = sheet.read_text(encoding="utf-8").splitlines()
    head = [ln for ln in lines if ln.startswith("#")]
    head = [
        f"# coder_description: {description}" if ln.startswith("# coder_description") else ln
        for ln in head
    ]
    reader = list(csv.DictReader(lines[len(head) :]))
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(reader[0]), lineterminator="\n")
    writer.writeheader()
    for row in reader:
        writer.writerow(row | codes.get(row["unit_id"], {}))
    out.write_text("\n".join(head) + "\n" + buf.getvalue(), encoding="utf-8")
    return out


def test_schemes_read_units_categories_and_gold_from_the_files(annotations):
    framing = coding.scheme_load("framing", annotations=annotations)
    assert framing.units.height == 9 and framing.columns == ("frames", "entman", "domain")
    assert framing.units["text_id"].unique(maintain_order=True).to_list() == list(TEXTS)
    first = framing.units.row(1, named=True)
    assert first["before"] == SENTENCES["harbour-appeal"][0]
    assert first["after"] == SENTENCES["harbour-appeal"][2]
    assert framing.units.row(3, named=True)["before"] is None  # a text's first sentence
    assert "automated coder" in framing.gold_description
    assert coding.codebook_version(framing.codebook) == "3"
    demands = coding.scheme_load("demands", annotations=annotations)
    # the units are the sentences of the texts the demands gold codes
    assert set(demands.units["text_id"]) == {"harbour-appeal", "river-letter"}
    gold = dict(demands.gold.select("unit_id", "demand_type").iter_rows())
    told = dict(demands.gold.select("unit_id", "reported_type").iter_rows())
    assert gold["river-letter:s002"] == "humanitarian_access"
    assert told["river-letter:s002"] == "commemoration" and gold["harbour-appeal:s001"] == ""
    resp = coding.scheme_load("responsiveness", annotations=annotations)
    assert resp.units.select("unit_id", "scale", "unit_text").rows() == [
        ("harbour-appeal:d1", "responsiveness", "reopen the harbour"),
        ("river-letter:d1", "policy_overlap", "open the crossing"),
    ]
    assert set(resp.reference["text_id"]) == {"council-reply", "valley-note"}
    defs = coding.codebook_definitions(
        resp.codebook, ("commemoration", "addressed", "overlap", "x")
    )
    assert defs == {
        "commemoration": "days of remembrance",  # in parentheses after the code
        "addressed": "the response does what is asked.",  # after a colon
        "overlap": "For overlap pairs use `overlap`, `partial_overlap` or `no_overlap`.",
        "x": "",
    }
    assert coding.codebook_definitions(framing.codebook, ("policy",)) == {
        "policy": "Policy — proposes a <course> of action"  # a table row
    }
    with pytest.raises(DiscourseError, match="unknown coding scheme 'stance'"):
        coding.scheme_load("stance", annotations=annotations)


def test_round_trip_two_coders_then_alpha(annotations, tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "ANNOTATIONS", annotations)
    monkeypatch.setattr(paths, "CODERS", annotations / "coders")
    monkeypatch.setattr(paths, "REPORTS", tmp_path / "reports")
    scheme = coding.scheme_load("framing")
    assert coding.coders_list(scheme)["coder"].to_list() == ["gold"]  # no coder yet
    ids = scheme.units["unit_id"].to_list()
    ann_codes = {u: {"frames": "policy", "domain": "history"} for u in ids}
    ben_codes = {u: {"frames": "policy" if i % 3 else "legality;policy"} for i, u in enumerate(ids)}
    for coder, codes in (("ann", ann_codes), ("ben", ben_codes)):
        sheet, page = coding_sheet.export_sheet("framing", coder)
        assert sheet == tmp_path / "reports" / "coding" / f"framing-{coder}.csv"
        assert page.suffix == ".html" and page.is_file()
        done = coding_sheet.import_sheet(fill(sheet, tmp_path / f"{coder}.csv", codes))
        assert done == annotations / "coders" / f"framing-{coder}.csv"
    listed = coding.coders_list("framing")
    assert listed.select("coder", "description").rows()[1:] == [
        ("ann", "a human coder"),
        ("ben", "a human coder"),
    ]
    codes = coding.coders_load("framing")
    assert codes["coder"].unique(maintain_order=True).to_list() == ["gold", "ann", "ben"]
    ben = codes.filter((pl.col("coder") == "ben") & (pl.col("layer") == "frames"))
    legality = ben.filter(pl.col("category") == "legality")
    assert legality["value"].to_list() == [int(i % 3 == 0) for i in range(len(ids))]
    table = rel.textstat_reliability(codes, n_resamples=200)
    legal = table.filter((pl.col("category") == "legality") & (pl.col("layer") == "frames"))
    assert legal["text_id"].to_list() == [*TEXTS, rel.ALL_TEXTS]
    # alpha of the imported codes equals alpha of the codes filled in, computed directly
    direct = pl.DataFrame(
        [
            ("gold", u, int("1990" in t))
            for u, t in scheme.units.select("unit_id", "unit_text").iter_rows()
        ]
        + [("ann", u, 0) for u in ids]
        + [("ben", u, int(i % 3 == 0)) for i, u in enumerate(ids)],
        schema=["coder", "unit", "value"],
        orient="row",
    )
    assert not math.isnan(legal["alpha"][-1])
    assert math.isclose(legal["alpha"][-1], rel.krippendorff_alpha(direct), abs_tol=1e-12)
    # an imported file is itself a valid sheet of the scheme
    again = coding_sheet.sheet_read(annotations / "coders" / "framing-ann.csv", scheme)
    assert again.coder == "ann" and again.codes["frames"].to_list() == ["policy"] * len(ids)


def test_responsiveness_round_trip_with_a_scale_per_unit(annotations, tmp_path):
    scheme = coding.scheme_load("responsiveness", annotations=annotations)
    sheet, _ = coding_sheet.export_sheet(scheme, "cy", tmp_path)
    assert "unit_id,text_id,scale,unit_text,sha256,label,note" in sheet.read_text()
    codes = {"harbour-appeal:d1": {"label": "addressed"}, "river-letter:d1": {"label": "overlap"}}
    target = coding_sheet.import_sheet(
        fill(sheet, tmp_path / "f.csv", codes), coders_dir=tmp_path / "c", scheme=scheme
    )
    long = coding.coders_load(scheme, coders_dir=tmp_path / "c")
    assert target.name == "responsiveness-cy.csv"
    assert long.filter(pl.col("coder") == "cy").select("unit", "layer", "value").rows() == [
        ("harbour-appeal:d1", "responsiveness", "addressed"),
        ("river-letter:d1", "policy_overlap", "overlap"),
    ]
    assert "category" not in long.columns
    wrong = {"harbour-appeal:d1": {"label": "overlap"}, "river-letter:d1": {"label": "overlap"}}
    with pytest.raises(DiscourseError, match=r"line 8, column label: unknown category 'overlap'"):
        coding_sheet.import_sheet(
            fill(sheet, tmp_path / "g.csv", wrong), coders_dir=tmp_path / "c", scheme=scheme
        )


def test_html_page_is_offline_escaped_and_shows_context_and_definitions(annotations, tmp_path):
    scheme = coding.scheme_load("framing", annotations=annotations)
    _, page = coding_sheet.export_sheet(scheme, "ann", tmp_path)
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", text, flags=re.I)
    assert "<script" not in text.lower()
    assert "&lt;port&gt;" in text and "<port>" not in text  # unit text escaped
    assert "proposes a &lt;course&gt; of action" in text  # codebook definition, escaped
    second = text.index("We call on the council")
    assert text.rindex("The harbour was closed", 0, second) < second  # preceding sentence
    assert text.index("Families have waited", second) > second  # following sentence
    resp = coding.scheme_load("responsiveness", annotations=annotations)
    _, page = coding_sheet.export_sheet(resp, "ann", tmp_path)
    text = page.read_text(encoding="utf-8")
    assert "It supports dialogue." in text  # the text the demands are judged against
    assert "the response does what is asked." in text


# --- every error names file, line and column -----------------------------------------------

UNIT2 = "harbour-appeal:s002"


def _edit_row(unit: str, column: str, value: str):
    def edit(text: str) -> str:
        lines = text.splitlines()
        n = len([ln for ln in lines if ln.startswith("#")])
        rows = list(csv.DictReader(lines[n:]))
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(row | ({column: value} if row["unit_id"] == unit else {}))
        return "\n".join(lines[:n]) + "\n" + buf.getvalue()

    return edit


def _drop_line(prefix: str):
    return lambda t: "\n".join(ln for ln in t.splitlines() if not ln.startswith(prefix)) + "\n"


def _duplicate(t: str) -> str:
    lines = t.splitlines()
    return "\n".join([*lines, lines[9]]) + "\n"


# The sheet: 8 comment lines, the column header on line 9, units on lines 10-18.
ERRORS = [
    ("scheme header", _drop_line("# scheme"), r"line 1: the '# scheme:' header is missing"),
    ("coder header", _drop_line("# coder:"), r"line 1: the '# coder:' header is missing"),
    (
        "no description",
        lambda t: t.replace("# coder_description: a human coder", "# coder_description:"),
        r"line 3: the '# coder_description:' header is missing or empty; say who or what",
    ),
    (
        "bad coder",
        lambda t: t.replace("# coder: ann", "# coder: gold"),
        r"line 2: coder name 'gold' is not usable",
    ),
    (
        "unknown unit",
        _edit_row(UNIT2, "unit_id", "harbour-appeal:s099"),
        r"line 11, column unit_id: unknown unit 'harbour-appeal:s099'",
    ),
    (
        "duplicate unit",
        _duplicate,
        r"line 19, column unit_id: unit 'harbour-appeal:s001' repeated \(first at line 10\)",
    ),
    (
        "changed text",
        _edit_row(UNIT2, "unit_text", "We call on the council to close the harbour."),
        r"line 11, column unit_text: the text of unit 'harbour-appeal:s002' is not the text",
    ),
    (
        "changed text_id",
        _edit_row(UNIT2, "text_id", "valley-note"),
        r"line 11, column text_id: 'valley-note' for unit",
    ),
    (
        "unknown category",
        _edit_row(UNIT2, "frames", "policy; hope"),
        r"line 11, column frames: unknown category 'hope'; allowed: legality, ",
    ),
    (
        "category in the wrong layer",
        _edit_row(UNIT2, "entman", "policy"),
        r"line 11, column entman: unknown category 'policy'",
    ),
    (
        "repeated category",
        _edit_row(UNIT2, "domain", "history;history"),
        r"line 11, column domain: category repeated",
    ),
    (
        "missing unit",
        lambda t: (
            "\n".join(ln for ln in t.splitlines() if not ln.startswith("valley-note:s002")) + "\n"
        ),
        r"line 17: 1 of 9 units missing, first 'valley-note:s002'",
    ),
    (
        "wrong columns",
        lambda t: t.replace(",note\n", ",remark\n", 1),
        r"line 9: columns \[.*'remark'\]; expected",
    ),
]


@pytest.mark.parametrize("edit, message", [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS])
def test_import_errors_name_file_line_and_column(annotations, tmp_path, edit, message):
    scheme = coding.scheme_load("framing", annotations=annotations)
    sheet, _ = coding_sheet.export_sheet(scheme, "ann", tmp_path)
    good = fill(sheet, tmp_path / "good.csv", {})
    bad = tmp_path / "bad.csv"
    bad.write_text(edit(good.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(DiscourseError, match=message) as err:
        coding_sheet.import_sheet(bad, coders_dir=tmp_path / "coders", scheme=scheme)
    assert str(err.value).startswith(str(bad))
    assert "\n" not in str(err.value)
    assert not (tmp_path / "coders").exists()  # nothing written
    coding_sheet.import_sheet(good, coders_dir=tmp_path / "coders", scheme=scheme)


def test_import_refuses_an_existing_coder_unless_replace(annotations, tmp_path):
    scheme = coding.scheme_load("framing", annotations=annotations)
    sheet, _ = coding_sheet.export_sheet(scheme, "ann", tmp_path)
    first = fill(sheet, tmp_path / "one.csv", {})
    coding_sheet.import_sheet(first, coders_dir=tmp_path / "c", scheme=scheme)
    second = fill(sheet, tmp_path / "two.csv", {UNIT2: {"frames": "legality"}})
    with pytest.raises(DiscourseError, match="already has an imported framing sheet.*--replace"):
        coding_sheet.import_sheet(second, coders_dir=tmp_path / "c", scheme=scheme)
    coding_sheet.import_sheet(second, coders_dir=tmp_path / "c", scheme=scheme, replace=True)
    codes = coding.coders_load(scheme, coders_dir=tmp_path / "c")
    mine = codes.filter(
        (pl.col("coder") == "ann") & (pl.col("unit") == UNIT2) & (pl.col("value") == 1)
    )
    assert mine["category"].to_list() == ["legality"]


def test_import_tolerates_a_spreadsheets_bom_and_trailing_commas(annotations, tmp_path):
    scheme = coding.scheme_load("framing", annotations=annotations)
    sheet, _ = coding_sheet.export_sheet(scheme, "ann", tmp_path)
    text = fill(sheet, tmp_path / "f.csv", {UNIT2: {"frames": "policy"}}).read_text()
    saved = "\ufeff" + "\n".join(
        f"{ln},,,," if ln.startswith("#") else ln for ln in text.splitlines()
    ).replace("\n", "\r\n")
    (tmp_path / "saved.csv").write_text(saved, encoding="utf-8")
    out = coding_sheet.import_sheet(
        tmp_path / "saved.csv", coders_dir=tmp_path / "c", scheme=scheme
    )
    assert coding_sheet.sheet_read(out, scheme).codes["frames"][1] == "policy"


def test_a_sheet_of_another_scheme_is_refused(annotations, tmp_path):
    framing = coding.scheme_load("framing", annotations=annotations)
    demands = coding.scheme_load("demands", annotations=annotations)
    sheet, _ = coding_sheet.export_sheet(demands, "ann", tmp_path)
    with pytest.raises(
        DiscourseError, match=r"line 1: sheet of scheme 'demands', expected 'framing'"
    ):
        coding_sheet.import_sheet(fill(sheet, tmp_path / "f.csv", {}), scheme=framing)
    with pytest.raises(DiscourseError, match="coder name 'no name' is not usable"):
        coding_sheet.export_sheet(framing, "no name", tmp_path)


# --- the notebooks' agreement cell ----------------------------------------------------------


def _agreement_cell(notebook: str) -> str:
    nb = json.loads((Path(__file__).resolve().parents[2] / "notebooks" / notebook).read_text())
    (cell,) = [c for c in nb["cells"] if c.get("id") == "agree-code"]
    return "".join(cell["source"])


@pytest.mark.parametrize(
    "notebook, schemes",
    [("02-framing.ipynb", ("framing",)), ("03-demands.ipynb", ("demands", "responsiveness"))],
)
def test_notebook_cell_shows_whichever_coders_exist(
    annotations, tmp_path, monkeypatch, notebook, schemes
):
    from IPython.display import Markdown

    monkeypatch.setattr(paths, "ANNOTATIONS", annotations)
    monkeypatch.setattr(paths, "CODERS", annotations / "coders")
    source = _agreement_cell(notebook)
    shown: list = []

    def table(frame, *, caption):  # the notebooks' report_table, seen through to its frame
        assert caption
        return frame

    names = {"display": shown.append, "Markdown": Markdown, "report_table": table}
    exec(source, dict(names))  # only the gold coder
    assert [type(s).__name__ for s in shown] == ["Markdown"] * len(schemes)
    assert all("One coder has coded" in s.data for s in shown)
    for scheme_name in schemes:  # two more coders, each differing from the gold somewhere
        scheme = coding.scheme_load(scheme_name)
        sheet, _ = coding_sheet.export_sheet(scheme, "ann", tmp_path)
        first = scheme.units["unit_id"][0]
        column = scheme.columns[0]
        other = scheme.allowed(scheme.layers[0], scheme.units["scale"][0])[0]
        for coder, change in (("ann", {}), ("ben", {first: {column: other}})):
            gold = {r["unit_id"]: r for r in scheme.gold.iter_rows(named=True)}
            codes = {
                u: {c: r[c] for c in scheme.columns} | change.get(u, {}) for u, r in gold.items()
            }
            text = sheet.read_text().replace("# coder: ann", f"# coder: {coder}")
            (tmp_path / "in.csv").write_text(text)
            coding_sheet.import_sheet(fill(tmp_path / "in.csv", tmp_path / f"{coder}.csv", codes))
    shown.clear()
    exec(source, dict(names))
    assert [type(s).__name__ for s in shown] == ["Markdown", "DataFrame", "DataFrame"] * len(
        schemes
    )
    for text, alphas, kappas in zip(shown[::3], shown[1::3], shown[2::3], strict=True):
        assert "Three coders have coded" in text.data and "`ben` (a human coder)" in text.data
        assert {"alpha", "ci_low", "ci_high", "n_units"} <= set(alphas.columns)
        texts = alphas["text_id"].unique(maintain_order=True).to_list()
        assert rel.ALL_TEXTS in texts and len(texts) >= 2
        assert {"kappa", "ci_low", "ci_high"} <= set(kappas.columns)
        assert kappas.select("coder_a", "coder_b").unique().height == 3


def test_a_coder_file_that_no_longer_validates_is_named_and_left_out(annotations, tmp_path):
    scheme = coding.scheme_load("framing", annotations=annotations)
    sheet, _ = coding_sheet.export_sheet(scheme, "ann", tmp_path)
    coders_dir = tmp_path / "coders"
    coding_sheet.import_sheet(
        fill(sheet, tmp_path / "f.csv", {}), coders_dir=coders_dir, scheme=scheme
    )
    # the units change after the import: the second sentence is split differently
    units = pl.read_csv(annotations / "units-sentences.csv")
    units = units.with_columns(
        pl.when(pl.col("sentence_id") == UNIT2)
        .then(pl.lit("We call on the council."))
        .otherwise(pl.col("text"))
        .alias("text")
    )
    units.write_csv(annotations / "units-sentences.csv")
    changed = coding.scheme_load("framing", annotations=annotations)
    listed = coding.coders_list(changed, coders_dir=coders_dir)
    assert listed["coder"].to_list() == ["gold", "ann"]
    assert listed["problem"][0] is None
    assert "line 11, column unit_text" in listed["problem"][1]
    with pytest.raises(DiscourseError, match="column unit_text"):
        coding.coders_load(changed, coders_dir=coders_dir)
    codes = coding.coders_load(changed, coders_dir=coders_dir, strict=False)
    assert codes["coder"].unique().to_list() == ["gold"]
    text = rel.describe_reliability(listed, None, codes=codes, scheme="framing")
    assert text.startswith("One coder has coded the framing scheme: `gold`")
    assert "The coder file `framing-ann.csv` is left out:" in text
