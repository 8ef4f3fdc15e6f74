"""The lexicon loader's validation and the multi-word pattern matcher."""

from __future__ import annotations

import polars as pl
import pytest

from analysis import lexicons, tokens

HEADER = "# purpose: test\n# source: test\n# version: 1\n# date: 2026-11-22\n"


def write(tmp_path, body, header=HEADER, name="lex"):
    (tmp_path / f"{name}.csv").write_text(header + body, encoding="utf-8")
    return tmp_path


def load(tmp_path, **kw):
    kw.setdefault("required", ("form", "category"))
    kw.setdefault("key", ("form",))
    return lexicons.lexicon_load("lex", directory=tmp_path, **kw)


@pytest.fixture(scope="module")
def all_tokens():
    return tokens.corpus_tokens(primary=False)


def test_multi_word_patterns_match_and_longest_wins(all_tokens):
    pats = pl.DataFrame({"pattern": ["Artsakh", "Republic of Artsakh", "Lachin corridor"]})
    m = lexicons.match_patterns(all_tokens.filter(pl.col("text_id") == "letter"), pats)
    counts = dict(m.group_by("pattern").len().iter_rows())
    # The letter writes "Republic of Artsakh" once; that occurrence is not counted as "Artsakh".
    assert counts["Republic of Artsakh"] == 1
    assert counts["Artsakh"] == 11
    assert counts["Lachin corridor"] == 4  # "Lachin corridor" x3 and "Lachin Corridor" once
    assert "Lachin Corridor" in m["matched"].to_list()


def test_matches_carry_raw_offsets(all_tokens):
    from analysis import corpus

    m = lexicons.match_patterns(
        all_tokens, pl.DataFrame({"pattern": ["territorial integrity", "Khojal*"]})
    )
    for row in m.iter_rows(named=True):
        assert corpus.raw_text(row["source_id"])[row["start"] : row["end"]] == row["matched"]
    by_text = m.group_by("pattern", "text_id").len()
    ti = dict(
        by_text.filter(pl.col("pattern") == "territorial integrity")
        .select("text_id", "len")
        .iter_rows()
    )
    assert ti == {"petition": 1, "response": 1}
    kh = m.filter(pl.col("pattern") == "Khojal*")["matched"].to_list()
    assert set(kh) == {"Khojali", "Khojaly"}


def test_no_match_gives_an_empty_frame_with_the_schema(all_tokens):
    m = lexicons.match_patterns(all_tokens, pl.DataFrame({"pattern": ["Xocalı"]}))
    assert m.is_empty() and {"pattern", "start", "end", "matched"} <= set(m.columns)


# --- the indexed matcher equals the reference on every lexicon the analysis matches ----------


def _lexicon_cases():
    from analysis.measures import framing, stance, terminology
    from analysis.measures.demands import common

    cues = framing.framing_cues()
    rules = common.response_rules()
    directives = common.demands_cues()
    cases = {
        "framing-cues": (cues.select("layer", "category", "cue"), "cue"),
        "stance-markers": (stance.stance_markers().select("category", "marker"), "marker"),
        "directive-cues": (directives, "pattern"),
        "directive-cues (extract)": (
            directives.filter(~pl.col("cue_type").is_in(["action_nominal", "demand_type"])),
            "pattern",
        ),
        "response-functions": (rules, "pattern"),
    }
    # the analysis matches framing cues per (layer, category) and response rules per layer
    for (layer, category), sub in cues.group_by("layer", "category", maintain_order=True):
        cases[f"framing-cues {layer}/{category}"] = (sub.select("layer", "category", "cue"), "cue")
    for (layer,), sub in rules.group_by("layer", maintain_order=True):
        cases[f"response-functions {layer}"] = (sub, "pattern")
    for name in terminology.LEXICONS:
        cases[name] = (terminology.lexicon_terms(name), "form")
    return cases


def test_indexed_matcher_equals_the_reference_on_every_lexicon(all_tokens):
    from analysis import corpus
    from analysis.bench.reference_lexicons import match_patterns_reference

    segments = corpus.corpus_segments()
    cases = _lexicon_cases()
    assert len(cases) > 10
    total = 0
    for name, (pats, column) in cases.items():
        kw = {"pattern_column": column, "segments": segments}
        new = lexicons.match_patterns(all_tokens, pats, **kw)
        ref = match_patterns_reference(all_tokens, pats, **kw)
        assert new.schema == ref.schema, name
        assert new.rows() == ref.rows(), name
        total += new.height
    assert total > 1000  # the lexicons do match: the comparison is not of empty frames


def test_every_lexicon_pattern_follows_the_grammar():
    from analysis import paths

    for path in sorted(paths.LEXICONS.glob("*.csv")):
        table = lexicons.read_commented_csv(path)
        for column in set(lexicons.PATTERN_COLUMNS) & set(table.columns):
            for line, row in table.rows:
                assert lexicons.pattern_problem(row[column]) is None, (path.name, line)
