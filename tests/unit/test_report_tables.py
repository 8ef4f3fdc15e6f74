"""Report tables: publication tables (great_tables) and offline interactive tables (itables)."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import polars as pl
import pytest

from analysis.report import tables
from analysis.report.export import external_resources


def _five_texts() -> pl.DataFrame:
    """A result table over a synthetic corpus of five texts (not the default ids)."""
    return pl.DataFrame(
        {
            "text_id": ["alpha", "beta", "gamma", "delta", "epsilon"],
            "n_word_tokens": [1234, 56, 7890123, 0, None],
            "rate": [0.123456, 2.5, None, float("nan"), 10.0],
            "p": [0.0004, 0.0123, 1.0, None, 0.5],
            "markers": [["must", "shall"], [], None, ["may"], ["will"]],
        }
    )


def _html(frame: pl.DataFrame, **kwargs) -> str:
    return tables.publication_table(frame, caption="Table caption", **kwargs).as_raw_html()


def _cells(page: str, column: str) -> list[str]:
    return re.findall(
        rf'<td headers="discourse-table-\d+-{column}" class="gt_row (?:gt_\w+ ?)+">(.*?)</td>', page
    )


def test_publication_table_formats_every_kind_of_value():
    page = _html(_five_texts(), source_note="Source: five synthetic texts.")
    assert _cells(page, "text_id") == ["alpha", "beta", "gamma", "delta", "epsilon"]
    assert _cells(page, "n_word_tokens") == ["1,234", "56", "7,890,123", "0", "–"]
    assert _cells(page, "rate") == ["0.123", "2.500", "–", "–", "10.000"]
    # three significant digits, trailing zeros kept ("1.00" beside "0.989")
    assert _cells(page, "p") == ["&lt; 0.001", "0.0123", "1.00", "–", "0.500"]
    assert _cells(page, "markers") == ["must, shall", "", "–", "may", "will"]
    assert "Table caption" in page and "Source: five synthetic texts." in page


def test_publication_table_has_no_polars_repr_artifacts():
    page = _html(_five_texts())
    assert "shape:" not in page
    for dtype in ("i64", "f64", "str", "list[str]"):
        assert f">{dtype}<" not in page
    assert "null" not in page and '"alpha"' not in page and "&quot;" not in page


def test_publication_table_aligns_text_left_and_numbers_right():
    page = _html(_five_texts())
    assert re.search(r'<td headers="discourse-table-\d+-text_id" class="gt_row gt_left">', page)
    assert re.search(r'<td headers="discourse-table-\d+-markers" class="gt_row gt_left">', page)
    assert re.search(
        r'<td headers="discourse-table-\d+-n_word_tokens" class="gt_row gt_right">', page
    )
    assert re.search(r'<td headers="discourse-table-\d+-rate" class="gt_row gt_right">', page)


def test_publication_table_decimals_per_column_and_labels():
    frame = pl.DataFrame({"share": [0.5], "kappa": [0.87654], "ci_low": [0.1]})
    page = _html(frame, decimals={"share": 1}, labels={"share": "Share of words"})
    assert _cells(page, "share") == ["0.5"]
    assert _cells(page, "kappa") == ["0.877"]
    headings = re.findall(r'scope="col" id="[\w-]+">(.*?)</th>', page)
    assert headings == ["Share of words", "κ", "95% CI low"]


def test_publication_table_escapes_document_text():
    page = _html(pl.DataFrame({"text": ["<b>bold</b> & more"]}))
    assert _cells(page, "text") == ["&lt;b&gt;bold&lt;/b&gt; &amp; more"]


def test_column_labels_default_rule_and_collisions():
    assert tables.column_label("n_word_tokens") == "Word tokens"
    assert tables.column_label("demand_type") == "Demand type"
    assert tables.column_label("rate", {"rate": "Rate per 1,000"}) == "Rate per 1,000"
    # Two columns that would share a label take the default rule's labels, else their names.
    assert tables.column_labels(["text_id", "text"]) == {"text_id": "Text ID", "text": "Text"}
    # a label the table asks for stays; the column it clashes with gives way
    assert tables.column_labels(["text_id", "x"], {"x": "Text"}) == {
        "text_id": "Text ID",
        "x": "Text",
    }
    assert tables.column_labels(["gold_n", "x"], {"x": "Gold n"}) == {"gold_n": "gold_n", "x": "x"}


def test_column_labels_read_as_words_not_variable_names():
    expected = {
        "p_fisher": "p (Fisher)",
        "chi2_yates": "χ² (Yates)",
        "log_ratio_95ci": "Log Ratio 95% CI",
        "pct_diff": "%DIFF",
        "mi3": "MI³",
        "log_dice": "logDice",
        "f_node": "Node freq.",
        "fk_check": "Flesch–Kincaid check",
        "flesch_kincaid_grade": "Flesch–Kincaid grade",
        "smog_index": "SMOG index",
        "mattr_is_ttr": "MATTR equals TTR",
        "mtld_forward": "MTLD (forward)",
        # the default rule: acronyms, decimals written with an underscore, interval bounds,
        # a pair's sides, versions
        "in_vader": "In VADER",
        "afinn_valence": "AFINN valence",
        "kappa_below_0_2": "κ < 0.2",
        "kappa_0_6_or_more": "κ ≥ 0.6",
        "recall_below_0_4": "Recall below 0.4",
        "gold_ci_low": "Gold 95% CI low",
        "pearson_ci_high": "Pearson 95% CI high",
        "a_start": "Start (advocacy text)",
        "r_sentence_id": "Sentence (response text)",
        "kappa_v1": "κ (v1)",
    }
    assert {name: tables.column_label(name) for name in expected} == expected
    # No label is a bare variable name: no underscore is left in any of them.
    assert not any("_" in tables.column_label(name) for name in expected)


def test_interactive_tables_sort_by_clicking_the_column_name():
    page = tables.interactive_table_html(
        pl.DataFrame({"start": list(range(20))}), caption="Starts", include_bundle=False
    )
    # itables' default makes only the arrow icon a sort target ("icon-only" headers).
    assert '"text_in_header_can_be_selected"' not in page and "Start" in page


def test_rule_long_frames_and_long_text_go_interactive():
    short = _five_texts()
    assert not tables.is_long(short)
    many = pl.DataFrame({"i": list(range(tables.MAX_PUBLICATION_ROWS + 1))})
    assert tables.is_long(many)
    assert not tables.is_long(many.head(tables.MAX_PUBLICATION_ROWS))
    wordy = pl.DataFrame({"evidence": ["word " * 20, "short"], "n": [1, 2]})
    assert tables.long_text_columns(wordy) == ["evidence"]
    assert tables.is_long(wordy)
    assert type(tables.report_table(short, caption="c")).__name__ == "GT"
    assert type(tables.report_table(many, caption="c")).__name__ == "HTML"


def _datatable_data(page: str) -> list:
    import json

    raw = re.search(r'"data_json": (".*?[^\\]"),\n', page).group(1)
    return json.loads(json.loads(raw))


def test_interactive_table_is_offline_with_inlined_datatables():
    frame = pl.DataFrame(
        {
            "sentence_id": [f"s{i:03d}" for i in range(40)],
            "evidence": ["a long stretch of quoted sentence text " * 4] * 40,
            "score": [i / 7 for i in range(40)],
        }
    )
    page = tables.interactive_table_html(frame, caption="Sentence coding", include_bundle=True)
    assert external_resources(page) == []
    assert not re.search(r"""(?:src|href)\s*=\s*["']?https?://""", page, re.I)
    # The DataTables bundle itself is inlined (base64), not fetched.
    import itables

    bundle = (Path(itables.__file__).parent / "html" / "dt_bundle.js").read_text("utf-8")
    assert base64.b64encode(bundle.encode("utf-8")).decode("ascii") in page
    assert "Sentence coding" in page
    # Wrapped long text, no dtype row, floats rounded for display.
    assert '"classes": ["display", "compact", "discourse-itable"]' in page
    assert "discourse-long" in page and "itables-dtype" not in page
    rows = _datatable_data(page)
    assert len(rows) == 40
    assert rows[1][0] == "s001" and rows[1][2] == pytest.approx(0.143)


def test_interactive_table_sends_the_bundle_once():
    frame = pl.DataFrame({"a": [1, 2]})
    tables.interactive_table_html(frame, caption="first")
    second = tables.interactive_table_html(frame, caption="second")
    assert "injectModule" not in second
    assert "injectModule" in tables.interactive_table_html(
        frame, caption="third", include_bundle=True
    )


def test_interactive_table_keeps_p_values_and_labels_columns():
    frame = pl.DataFrame({"text_id": ["alpha", "beta"], "p": [0.00001234, 0.5]})
    page = tables.interactive_table_html(frame, caption="c", include_bundle=False)
    assert "<th>Text</th><th>p</th>" in page
    rows = _datatable_data(page)
    assert rows[0][1] == pytest.approx(0.00001234)


def test_interactive_table_escapes_document_text_and_caption():
    frame = pl.DataFrame({"text": ["<b>bold</b> & more"]})
    page = tables.interactive_table_html(frame, caption="<i>cap</i>", include_bundle=False)
    assert "<b>bold</b>" not in page and "<i>cap</i>" not in page
    assert _datatable_data(page) == [["&lt;b&gt;bold&lt;/b&gt; &amp; more"]]
    assert '"caption": "&lt;i&gt;cap&lt;/i&gt;"' in page


def test_interactive_table_classes_columns_by_kind_and_marks_missing_text():
    frame = pl.DataFrame(
        {
            "sentence_id": ["t1:s001", None],
            "evidence": ["x" * 100, "short"],
            "ids": ["t1:s001;t1:s002;t1:s003;t1:s004", "t1:s005"],
            "score": [0.5, None],
        }
    )
    page = tables.interactive_table_html(frame, caption="c", include_bundle=False)
    defs = re.search(r'"columnDefs": (\[.*?\]),\n', page).group(1)
    assert '{"className": "dt-left", "targets": [0]}' in defs
    assert '{"className": "dt-left discourse-long discourse-wrap", "targets": [1]}' in defs
    assert '{"className": "dt-left discourse-wrap", "targets": [2]}' in defs
    assert '{"className": "dt-right", "targets": [3]}' in defs
    rows = _datatable_data(page)
    assert rows[1][0] == "–" and rows[1][3] is None


def test_tables_have_numbered_ids_not_random_ones():
    frame = pl.DataFrame({"a": [1]})
    first = _html(frame)
    second = tables.interactive_table_html(frame, caption="c", include_bundle=False)
    gt_n = int(re.search(r'id="discourse-table-(\d+)"', first).group(1))
    dt_n = int(re.search(r'<table id="discourse-itable-(\d+)"', second).group(1))
    assert dt_n == gt_n + 1
    assert not re.search(r"itables_[0-9a-f]{8}_", second)


def test_display_values_shows_text_labels_codes_and_booleans_as_words():
    frame = pl.DataFrame(
        {
            "text_id": ["alpha", "beta", "all"],
            "demand_type": ["condemnation_recognition", "sanctions", None],
            "label": ["partially_addressed", "not_addressed", "reframed"],
            "segment_id": ["alpha_preamble", "beta_call", "x"],
            "word": ["sanctions", "sanctions", "peace"],
            "reported": [True, False, None],
            "n_gold": [3, 1, 4],
        }
    )
    shown = tables.display_values(frame, text_labels={"alpha": "Alpha (2020)", "beta": "Beta"})
    assert shown["text_id"].to_list() == ["Alpha (2020)", "Beta", "All texts"]
    assert shown["demand_type"].to_list() == ["Condemnation or recognition", "Sanctions", None]
    assert shown["label"].to_list() == ["Partially addressed", "Not addressed", "Reframed"]
    # ids of other kinds, and plain words that happen to be codes, are kept
    assert shown["segment_id"].to_list() == ["alpha_preamble", "beta_call", "x"]
    assert shown["word"].to_list() == ["sanctions", "sanctions", "peace"]
    assert shown["reported"].to_list() == ["yes", "no", None]
    assert shown["n_gold"].to_list() == [3, 1, 4]
    assert shown.columns == frame.columns


def test_display_values_keeps_text_ids_a_manifest_does_not_list():
    frame = pl.DataFrame({"text_id": ["alpha", "zeta"], "text": ["alpha", "beta"]})
    shown = tables.display_values(frame, text_labels={"alpha": "Alpha", "beta": "Beta"})
    assert shown["text_id"].to_list() == ["alpha", "zeta"]
    # a column named "text" holds sentences, not text ids
    assert shown["text"].to_list() == ["alpha", "beta"]


def test_tables_show_words_not_codes():
    frame = pl.DataFrame(
        {"text_id": ["alpha"], "policy_overlap": ["partial_overlap"], "tp": [2], "n_found": [3]}
    )
    page = tables.publication_table(
        frame, caption="c", text_labels={"alpha": "Alpha (2020)"}
    ).as_raw_html()
    assert "Alpha (2020)" in page and "Partial overlap" in page and "partial_overlap" not in page
    assert ">TP<" in page and ">Found (n)<" in page
    long = pl.concat([frame] * 20)
    page = tables.interactive_table_html(
        long, caption="c", text_labels={"alpha": "Alpha (2020)"}, include_bundle=False
    )
    assert "Alpha (2020)" in page and "partial_overlap" not in page


def test_display_values_shows_codes_listed_in_one_cell_and_layer_names():
    frame = pl.DataFrame(
        {
            "frames": ["crime;public_opinion", "legality", None, ""],
            "ids": ["s1;s2", "s3", None, ""],
            "layer": ["demand_type", "policy_overlap", "demand_type", "frame"],
        }
    )
    shown = tables.display_values(frame, text_labels={})
    assert shown["frames"].to_list() == [
        "Crime and punishment; Public opinion",
        "Legality",
        None,
        "",
    ]
    assert shown["ids"].to_list() == ["s1;s2", "s3", None, ""]
    assert shown["layer"].to_list() == ["Demand type", "Policy overlap", "Demand type", "Frames"]
    # one label column holding both scales (a pair's relation picks the scale)
    mixed = pl.DataFrame({"label": ["reframed", "no_overlap", "partially_addressed"]})
    assert tables.display_values(mixed, text_labels={})["label"].to_list() == [
        "Reframed",
        "No overlap",
        "Partially addressed",
    ]


def test_display_values_shows_roles_fields_categories_entman_and_evidence_as_words():
    frame = pl.DataFrame(
        {
            "role": ["memo_preamble", "memo_call"],
            "field": ["presented_by", "closed_for_signature"],
            "category": ["mass_violence", "peace_process"],
            # Entman's functions are plain words: the column's name says they are codes
            "entman": ["problem;cause;moral;remedy", "remedy"],
            "evidence": ['health_safety: "at risk"; policy: "we urge"', "no codes here: fine"],
            "word": ["sanctions", "peace"],
        }
    )
    shown = tables.display_values(frame, text_labels={})
    assert shown.to_dicts() == [
        {
            "role": "memo preamble",
            "field": "presented by",
            "category": "Mass violence",
            "entman": "Problem definition; Causal attribution; Moral evaluation; "
            "Treatment recommendation",
            "evidence": 'Health and safety: "at risk"; Policy prescription and evaluation: "we urge"',
            "word": "sanctions",
        },
        {
            "role": "memo call",
            "field": "closed for signature",
            "category": "Peace process",
            "entman": "Treatment recommendation",
            "evidence": "no codes here: fine",
            "word": "peace",
        },
    ]


def test_quoted_terms_reads_as_prose_not_a_list_repr():
    assert tables.quoted_terms(["war*", "peace", "truce"]) == "“war*”, “peace” and “truce”"
    assert tables.quoted_terms("peace") == "“peace”"
    assert tables.quoted_terms(("a", "b")) == "“a” and “b”"
    assert "[" not in tables.quoted_terms(["x", "y"])


def test_interactive_tables_display_numbers_as_publication_tables_do():
    frame = pl.DataFrame(
        {"start": list(range(1000, 1020)), "score": [-0.5] * 20, "p": [0.0001] * 20}
    )
    page = tables.interactive_table_html(frame, caption="c", include_bundle=False)
    # sorting reads the raw numbers; display: separators, fixed decimals, U+2212, "< 0.001"
    assert _datatable_data(page)[0] == [1000, -0.5, 0.0001]
    defs = json.loads(re.search(r'"columnDefs": (\[.*?\]),\n', page).group(1))
    renders = {tuple(d["targets"]): d["render"] for d in defs if "render" in d}
    assert set(renders) == {(0,), (1,), (2,)}
    assert "maximumFractionDigits: 0" in renders[(0,)]
    assert "maximumFractionDigits: 3" in renders[(1,)] and "\u2212" in renders[(1,)]
    assert '"< 0.001" : data.toPrecision(3)' in renders[(2,)]


def test_code_label_reads_a_code_in_words():
    assert tables.code_label("commitment_strength") == "Commitment strength"
    assert tables.code_label("partially_addressed") == "Partially addressed"
    assert tables.code_label("policy_overlap") == "Policy overlap"
    assert tables.code_label("some_new_code") == "some new code"


def test_codes_listed_with_a_space_after_the_semicolon_are_words_too():
    frame = pl.DataFrame({"functions_all": ["support; engagement_report", "position"]})
    assert tables.display_values(frame, text_labels={})["functions_all"].to_list() == [
        "support; engagement report",
        "position",
    ]


def test_counting_units_read_as_a_text_label_or_a_role_and_its_document():
    frame = pl.DataFrame({"unit": ["t1", "memo-page:intro_by_publisher"], "n": [3, 1]})
    shown = tables.display_values(frame, text_labels={"t1": "Memo (2021)"})
    assert shown["unit"].to_list() == ["Memo (2021)", "intro by publisher (memo-page)"]


def test_a_pooled_row_beside_codes_and_codes_inside_a_note_read_as_words():
    frame = pl.DataFrame(
        {
            "dimension": ["label_substitution", "scope_change", "all"],
            "justification": ["rule 1: category mass_violence ('x')", "no code", None],
            "agreement_low": [0.1, 0.2, 0.3],
        }
    )
    shown = tables.display_values(frame, text_labels={})
    assert shown["dimension"].to_list() == ["Label substitution", "Scope change", "All"]
    assert shown["justification"].to_list() == [
        "rule 1: category “mass violence” ('x')",
        "no code",
        None,
    ]
    assert tables.column_label("agreement_low") == "Agreement 95% CI low"


def test_interactive_tables_carry_every_row_for_print():
    frame = pl.DataFrame(
        {
            "text_id": ["alpha"] * 12,
            "n": list(range(1_000, 13_000, 1_000)),
            "p": [0.0004] + [0.5] * 11,
            "rate": [-1.23456] + [None] * 11,
        }
    )
    page = tables.interactive_table_html(
        frame, caption="c", text_labels={"alpha": "Alpha <1>"}, include_bundle=False
    )
    printed = re.search(r'<table class="discourse-print-table".*?</table>', page, re.S).group(0)
    rows = re.findall(r"<tr>(.*?)</tr>", printed, re.S)
    assert len(rows) == 13  # header and every row, not the 10 a screen page shows
    cells = re.findall(r"<td(?: class=\"num\")?>(.*?)</td>", rows[1])
    assert cells == ["Alpha &lt;1&gt;", "1,000", "&lt; 0.001", "\u22121.235"]
    assert re.findall(r"<td(?: class=\"num\")?>(.*?)</td>", rows[12])[1:] == ["12,000", "0.5", "–"]
    assert "@media print" in page and ".discourse-print-table { display: none;" in page
