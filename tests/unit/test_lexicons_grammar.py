"""The pattern grammar: what :func:`pattern_tokens` and :func:`lexicon_load` accept and refuse."""

from __future__ import annotations

import re

import pytest

from analysis import lexicons
from analysis.io import DiscourseError

HEADER = "# purpose: test\n# source: test\n# version: 1\n# date: 2026-11-22\n"

#: Forms the lexicons need, and the tokens each is matched as.
ACCEPTED = {
    "condemn*": ("condemn*",),
    "19*": ("19*",),
    "war crime*": ("war", "crime*"),
    "recogniz* all": ("recogniz*", "all"),
    "self-determination": ("self-determination",),
    "Canada’s": ("canada", "'s"),
    "Canada's": ("canada", "'s"),
    "U.S.": ("u.s.",),
    "#822": ("#", "822"),
    "Armenophobia.org": ("armenophobia", ".", "org"),
    "Xocalı": ("xocalı",),
    "Co-operation*": ("co-operation*",),
}

#: Forms that today would silently match punctuation or nothing, and the word named.
REFUSED = {
    "(": "(",
    ".*": ".*",
    "*": "*",
    "condemn**": "condemn**",
    "condemn *": "*",
    "*condemn": "*condemn",
    "U.S.*": "U.S.*",
    "[a-z]+": "[a-z]+",
    "cease_fire": "cease_fire",
    "-fire": "-fire",
    "cease-": "cease-",
    "law,": "law,",
    "Canada’s.": "Canada’s.",
    "#": "#",
    "#x": "#x",
}


@pytest.mark.parametrize(("pattern", "expected"), ACCEPTED.items())
def test_grammar_accepts_what_lexicons_need(pattern, expected):
    assert lexicons.pattern_problem(pattern) is None
    assert lexicons.pattern_tokens(pattern) == expected


@pytest.mark.parametrize(("pattern", "word"), REFUSED.items())
def test_pattern_tokens_refuses_and_names_the_word(pattern, word):
    with pytest.raises(DiscourseError) as err:
        lexicons.pattern_tokens(pattern)
    message = str(err.value)
    assert message.startswith(f"pattern {pattern!r}: {word!r} is not a pattern word")
    assert "prefix match (condemn*)" in message and "\n" not in message


@pytest.mark.parametrize("pattern", ["", "   "])
def test_empty_pattern_is_refused(pattern):
    with pytest.raises(DiscourseError, match="has no words"):
        lexicons.pattern_tokens(pattern)


@pytest.mark.parametrize(("pattern", "word"), REFUSED.items())
def test_lexicon_load_names_file_line_and_column(tmp_path, pattern, word):
    quoted = '"' + pattern.replace('"', '""') + '"'
    body = f"form,category\nKhojali,town\n{quoted},town\n"
    (tmp_path / "lex.csv").write_text(HEADER + body, encoding="utf-8")
    expected = f"lex.csv, line 7: form pattern {pattern!r}: {word!r} is not a pattern word"
    with pytest.raises(DiscourseError, match=re.escape(expected)):
        lexicons.lexicon_load("lex", required=("form", "category"), directory=tmp_path)


def test_every_pattern_column_is_checked_and_others_are_not(tmp_path):
    # a framing-style "cue" column is a pattern column; "cue_type" values may hold underscores
    body = "cue,cue_type\nlaw*,action_nominal\nlegal,action_nominal\n"
    (tmp_path / "lex.csv").write_text(HEADER + body, encoding="utf-8")
    lex = lexicons.lexicon_load(
        "lex", required=("cue",), key=("cue", "cue_type"), directory=tmp_path
    )
    assert lex.table["cue_type"].to_list() == ["action_nominal", "action_nominal"]
    (tmp_path / "lex.csv").write_text(HEADER + body + "(,x\n", encoding="utf-8")
    with pytest.raises(DiscourseError, match=r"line 8: cue pattern '\('"):
        lexicons.lexicon_load("lex", required=("cue",), directory=tmp_path)


def test_pattern_columns_can_be_named(tmp_path):
    body = "term,note\n.*,anything\n"
    (tmp_path / "lex.csv").write_text(HEADER + body, encoding="utf-8")
    # "term" is no default pattern column: it loads unless named as one
    assert lexicons.lexicon_load("lex", required=("term",), directory=tmp_path).table.height == 1
    with pytest.raises(DiscourseError, match=r"lex\.csv, line 6: term pattern '\.\*'"):
        lexicons.lexicon_load("lex", required=("term",), directory=tmp_path, patterns=("term",))


def test_duplicates_compare_normalised_tokens(tmp_path):
    body = "form,category\nCanada’s,place\ncanada's,place\n"
    (tmp_path / "lex.csv").write_text(HEADER + body, encoding="utf-8")
    with pytest.raises(DiscourseError, match=r"line 7: duplicate form \"canada's\""):
        lexicons.lexicon_load("lex", required=("form",), key=("form",), directory=tmp_path)
