"""Terminology lexicons and measures, pinned to findings checked against the raw text.

Checked with grep on data/raw/ before pinning: "Khojali" occurs 5 times on the petition page,
all in the petition; "Khojaly" twice, both in the response; "Artsakh" 15 times (plus one
"Artsakhians"), all on the letter's page: 12 in the letter, 3 in the publisher's introduction;
"territorial integrity" once each in the petition and the response; "self-determination" 3
times in the letter and once in the introduction; "Nagorno-Karabakh" once each in the response and
the letter.
"""

from __future__ import annotations

import re

import polars as pl
import pytest

from analysis import corpus, paths
from analysis.io import DiscourseError
from analysis.measures import terminology as tm


def _n(frame: pl.DataFrame, unit: str, **where) -> int:
    f = frame.filter(pl.col("unit") == unit)
    for col, value in where.items():
        f = f.filter(pl.col(col) == value)
    return int(f["n"].sum())


# --- lexicons -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(tm.LEXICONS))
def test_lexicons_load_with_header(name):
    terms = tm.lexicon_terms(name)
    assert terms.height >= 40
    header = tm.lexicon_header(name)
    for field in ("purpose", "source", "version", "date"):
        assert header[field]
    assert set(terms["category"]) <= tm.LEXICONS[name][1]


def test_referent_lexicon_covers_the_issue_list():
    forms = {f.lower() for f in tm.lexicon_terms("referent-variants")["form"]}
    wanted = {
        "khojali",
        "khojaly",
        "xocalı",
        "khodjaly",
        "nagorno-karabakh",
        "nagorno-karabagh",
        "karabakh",
        "karabagh",
        "artsakh",
        "republic of artsakh",
        "lachin corridor",
        "russia",
        "russian peacekeepers",
        "un",
        "united nations",
        "un security council resolutions",
        "icj",
        "international court of justice",
        "icc",
        "international criminal court",
        "pace",
        "parliamentary assembly of the council of europe",
        "osce minsk group",
        "icrc",
        "international committee of the red cross",
        "armenian army",
        "aliyev",
        "azerbaijani government",
        "government of canada",
        "network of azerbaijani canadians",
    }
    assert wanted <= forms


def test_label_and_principle_lexicons_cover_the_issue_list():
    labels = set(tm.lexicon_terms("event-labels")["concept"])
    assert {
        "massacre",
        "genocide",
        "tragedy",
        "atrocity",
        "crime against humanity",
        "ethnic cleansing",
        "Holodomor",
        "blockade",
        "occupation",
        "aggression",
        "terrorism",
        "persecution",
    } <= labels
    principles = set(tm.lexicon_terms("principles")["concept"])
    assert {
        "territorial integrity",
        "self-determination",
        "remedial secession",
        "Responsibility to Protect (R2P)",
        "sanctions",
        "international law",
        "ceasefire agreement",
    } <= principles


def test_readme_documents_every_lexicon_file():
    readme = (paths.LEXICONS / "README.md").read_text(encoding="utf-8")
    # lexicon files are the CSV and TXT files (other README-*.md notes are not lexicons)
    for path in sorted(paths.LEXICONS.iterdir()):
        if path.suffix not in (".csv", ".txt"):
            continue
        assert re.search(rf"^#+ .*`?{re.escape(path.name)}`?", readme, re.M), path.name


def test_readme_links_the_other_lexicon_readmes():
    readme = (paths.LEXICONS / "README.md").read_text(encoding="utf-8")
    others = sorted(p.name for p in paths.LEXICONS.glob("README-*.md"))
    assert others == ["README-demands.md", "README-framing.md", "README-sentiment.md"]
    for name in others:
        assert f"]({name})" in readme, name


def test_readme_versions_of_terminology_lexicons_match_headers():
    readme = (paths.LEXICONS / "README.md").read_text(encoding="utf-8")
    for name in tm.LEXICONS:
        version = tm.lexicon_header(name)["version"].split()[0]
        section = readme.split(f"## `{name}.csv`", 1)[1]
        assert section.lstrip().startswith(f"*Version {version} ("), name


def test_lexicon_summary_versions():
    summary = tm.lexicon_summary()
    assert summary["lexicon"].to_list() == list(tm.LEXICONS)
    # headers: "3 (v2 had no kind column …)", "3 (v2 notes said …)", "2 (v1 notes …)"
    assert summary["version"].to_list() == ["3", "3", "2"]


# --- pinned findings ------------------------------------------------------------------------


def test_town_naming_petition_khojali_response_khojaly():
    terms = tm.textstat_terms("referent-variants")
    assert _n(terms, "petition", form="Khojali") == 5
    assert _n(terms, "petition", form="Khojaly") == 0
    assert _n(terms, "response", form="Khojaly") == 2
    assert _n(terms, "response", form="Khojali") == 0
    assert _n(terms, "letter", concept="Khojaly (Khojali)") == 0


def test_naming_table_shows_each_texts_choice():
    table = tm.textstat_naming_table()
    town = table.filter(pl.col("concept") == "Khojaly (Khojali)").row(0, named=True)
    assert town == {
        "concept": "Khojaly (Khojali)",
        "petition": "Khojali ×5",
        "response": "Khojaly ×2",
        "letter": "",
    }
    region = table.filter(pl.col("concept") == "Nagorno-Karabakh").row(0, named=True)
    # "Karabakh" is filed under the region by the suite: marked as mapped (kind column)
    assert region["petition"] == "Karabakh† ×1"
    assert region["response"] == "Nagorno-Karabakh ×1"
    assert region["letter"] == (
        "Artsakh ×10; Artsakh Autonomous Oblast† ×1; Nagorno-Karabakh ×1; Republic of Artsakh† ×1"
    )


def test_artsakh_only_in_the_letter_and_its_page():
    presence = tm.textstat_term_presence(["Artsakh"])
    assert dict(presence.select("unit", "n").iter_rows()) == {
        "letter": 12,
        "letter-page:letter_intro_by_publisher": 3,
    }
    sources = set(presence["unit"].map_elements(lambda u: u.split(":")[0], return_dtype=pl.String))
    assert sources <= {"letter", "letter-page"}
    # Primary texts only: the letter alone.
    assert tm.textstat_term_presence(["Artsakh"], primary=True)["unit"].to_list() == ["letter"]


def test_presence_sentences_treat_every_name_alike():
    sentences = tm.presence_sentences(["Artsakh", "Khojali", "Nagorno-Karabakh", "Atlantis"])
    assert sentences == [
        "“Artsakh” occurs 15 times, only on the page of the letter: `letter` (12×), "
        "`letter-page:letter_intro_by_publisher` (3×); none on the page of the petition and "
        "the response.",
        "“Khojali” occurs 5 times, only on the page of the petition and the response: "
        "`petition` (5×); none on the page of the letter.",
        "“Nagorno-Karabakh” occurs 2 times, on both pages: `response` (1×), `letter` (1×).",
        "“Atlantis” occurs on neither page.",
    ]


def test_territorial_integrity_and_self_determination():
    presence = tm.textstat_term_presence(["territorial integrity", "self-determination"])
    by_form = {
        f: dict(g.select("unit", "n").iter_rows())
        for (f,), g in presence.group_by("form", maintain_order=True)
    }
    assert by_form["territorial integrity"] == {"petition": 1, "response": 1}
    assert by_form["self-determination"] == {
        "letter": 3,
        "letter-page:letter_intro_by_publisher": 1,
    }


def test_multi_word_forms_match_as_units():
    found = tm.tokens_lookup("referent-variants")
    rep = found.filter(pl.col("form") == "Republic of Artsakh")
    assert rep.height == 1 and rep["n_tokens"][0] == 3
    assert rep["matched"][0] == "Republic of Artsakh"
    raw = corpus.raw_text(rep["source_id"][0])
    assert raw[rep["start"][0] : rep["end"][0]] == "Republic of Artsakh"
    # longest match wins: the region concept in the letter = 10 + 1 + 1 + 1 mentions
    terms = tm.textstat_terms("referent-variants", level="concept")
    assert _n(terms, "letter", concept="Nagorno-Karabakh") == 13
    # the OSCE Minsk Group's full name in the response: Organization | for | Security | and |
    # Co-operation | in | Europe | Minsk | Group = 9 tokens
    osce = found.filter(pl.col("concept") == "OSCE Minsk Group")
    assert osce["unit"].to_list() == ["response"] and osce["n_tokens"][0] == 9


def test_labels_inside_names_are_not_counted():
    labels = tm.textstat_terms("event-labels")
    # 10 tokens "genocide" in the letter, 2 of them inside "Genocide Watch" and
    # "Genocide Convention".
    assert _n(labels, "letter", concept="genocide") == 8
    with_names = tm.textstat_terms("event-labels", include_names=True)
    assert _n(with_names, "letter", form="Genocide Watch") == 1
    assert _n(with_names, "letter", form="Genocide Convention") == 1
    assert _n(labels, "petition", concept="massacre") == 6
    assert _n(labels, "response", concept="massacre") == 2
    assert _n(labels, "response", concept="tragedy") == 2  # "tragedy", "tragic"


def test_rates_per_thousand_word_tokens():
    terms = tm.textstat_terms("referent-variants")
    row = terms.filter((pl.col("unit") == "petition") & (pl.col("form") == "Khojali")).row(
        0, named=True
    )
    assert row["n_words"] == 269
    assert row["rate"] == pytest.approx(1000 * 5 / 269)
    units = tm.textstat_units()
    assert dict(units.select("unit", "n_words").iter_rows()) == {
        "petition": 269,
        "response": 229,
        "letter": 861,
    }
    # complete grid: every primary text has every form
    forms = tm.lexicon_terms("referent-variants").height
    assert terms.height == 3 * forms


def test_first_mention_of_the_town():
    first = tm.textstat_first_mention("referent-variants")
    row = first.filter(
        (pl.col("unit") == "petition") & (pl.col("concept") == "Khojaly (Khojali)")
    ).row(0, named=True)
    # "February 26, 2022, marks the 30 years since the massacre of 613 Azerbaijani civilians
    # by the Armenian Army in a small mountain town of Khojali": Khojali is word 25.
    assert row["sentence_id"] == "petition:s001" and row["sentence_index"] == 1
    assert row["word_index"] == 25
    raw = corpus.raw_text("petition-e-3780")
    assert row["start"] == raw.index("Khojali")
    assert row["n"] == 5
    resp = first.filter(
        (pl.col("unit") == "response") & (pl.col("concept") == "Khojaly (Khojali)")
    ).row(0, named=True)
    assert resp["start"] == raw.index("Khojaly") and resp["sentence_id"] == "response:s001"


def test_kwic_window_and_offsets():
    conc = tm.kwic("territorial integrity", window=3)
    assert conc.columns[:7] == ["unit", "text_id", "sentence_id", "pre", "keyword", "post", "start"]
    assert conc["text_id"].to_list() == ["petition", "response"]
    first = conc.row(0, named=True)
    # three tokens each side, punctuation counted: to | Azerbaijan | ’s ; and | always | stood
    assert first["pre"] == "to Azerbaijan’s"
    assert first["keyword"] == "territorial integrity"
    assert first["post"] == "and always stood"
    raw = corpus.raw_text("petition-e-3780")
    for row in conc.iter_rows(named=True):
        assert raw[row["start"] : row["end"]].lower() == "territorial integrity"


def test_kwic_wildcard_words_only_and_all_segments():
    conc = tm.kwic("genocid*", window=2, words_only=True)
    # the letter's 10 "genocide" tokens less the 2 inside "Genocide Watch" and "Genocide
    # Convention" (NAME_RULE); searching for a name finds it
    assert conc.height == 8
    assert "Genocide Watch" not in " ".join(conc["keyword"] + " " + conc["post"])
    named = tm.kwic(["Genocide Watch", "Genocide Convention"], window=0)
    assert sorted(named["keyword"]) == ["Genocide Convention", "Genocide Watch"]
    assert set(conc["text_id"]) == {"letter"}
    assert not any(re.search(r"[.,“”]", p) for p in conc["pre"])
    every = tm.kwic("artsakh", primary=False)
    assert every.height == 15
    assert set(every["unit"]) == {"letter", "letter-page:letter_intro_by_publisher"}


def test_dispersion_positions():
    disp = tm.textstat_dispersion({"Khojali": "town", "Khojaly": "town"})
    assert disp.filter(pl.col("unit") == "petition").height == 5
    assert disp.filter(pl.col("unit") == "response").height == 2
    assert disp["position"].min() > 0 and disp["position"].max() < 1
    first = disp.row(0, named=True)
    # position = share of the text's word tokens before the match: Khojali is word 25 of the
    # petition's 269, so 24 words come before it (hand count in test_first_mention_of_the_town)
    assert first["word_index"] == 25 and first["position"] == pytest.approx(24 / 269)


def test_position_of_a_match_starting_on_punctuation():
    found = tm.tokens_lookup("referent-variants")
    row = found.filter(pl.col("form") == "#822").row(0, named=True)
    # Words of the petition before "(#822": line 13 has 26 ("February 26, 2022, marks … town
    # of Khojali, Azerbaijan"), line 14 has 22 (with "’s" as a word token), line 15 has 24,
    # line 16 "The UN Security Council adopted four resolutions" 7: 26 + 22 + 24 + 7 = 79.
    # "#" is punctuation and carries the index of the word before it (79), and 79 words
    # come before the match.
    assert row["word_index"] == 79
    assert row["position"] == pytest.approx(79 / 269)


def test_word_index_does_not_depend_on_row_order(monkeypatch):
    real = tm.tokens.corpus_tokens

    def shuffled(**kwargs):
        return real(**kwargs).sample(fraction=1.0, shuffle=True, seed=7)

    tm._token_table.cache_clear()
    monkeypatch.setattr(tm.tokens, "corpus_tokens", shuffled)
    try:
        toks = tm.tokens_units().filter(pl.col("unit") == "petition")
        khojali = toks.filter(pl.col("token") == "Khojali").sort("token_index")
        assert khojali["word_index"][0] == 25  # same as in text order (see above)
        assert toks["word_index"].max() == 269
        ordered = toks.sort("token_index")["word_index"]
        assert ordered.is_sorted()
    finally:
        tm._token_table.cache_clear()


def test_notebook_summaries():
    assert tm.naming_sentence("Khojaly (Khojali)") == (
        "the petition: “Khojali” (5); the response: “Khojaly” (2); the letter: no mention"
    )
    wide = tm.textstat_terms_wide("event-labels")
    massacre = wide.filter(pl.col("concept") == "massacre").row(0, named=True)
    assert (massacre["petition"], massacre["response"], massacre["letter"]) == (6, 2, 0)
    assert "Genocide Watch" not in wide["concept"].to_list()
    with pytest.raises(DiscourseError):
        tm.naming_sentence("Atlantis")


# --- one rule for names, mapped variants, glosses -------------------------------------------


def test_genocide_has_one_count_in_every_measure():
    # The letter's text has 10 tokens "genocide" (checked below on the tokens), 2 of them in
    # "Genocide Watch" and "Genocide Convention"; every measure counts 8 (NAME_RULE).
    from analysis.charts import dispersion as dispersion_chart
    from analysis.measures import keyness

    labels = tm.textstat_terms("event-labels", level="concept")
    assert _n(labels, "letter", concept="genocide") == 8
    key = keyness.keyness_counts("letter").filter(pl.col("term") == "genocide")
    assert key.select("a", "b").row(0) == (8, 0)
    disp = dispersion_chart.dispersion_data().filter(pl.col("term") == "genocid*")
    assert disp.height == 8 and set(disp["text_id"]) == {"letter"}
    assert tm.kwic("genocid*").height == 8
    first = tm.textstat_first_mention("event-labels").filter(pl.col("concept") == "genocide")
    assert first["n"].to_list() == [8]
    sims = keyness.textstat_term_vectors(drop_stopwords=False)
    assert sims.filter((pl.col("text_id") == "letter") & (pl.col("term") == "genocide"))[
        "n"
    ].to_list() == [8]
    # the two names, counted as names
    names = tm.textstat_names()
    assert sorted(names.select("form", "n").rows()) == [
        ("Genocide Convention", 1),
        ("Genocide Watch", 1),
    ]
    # the raw text has 10: the rule, not the tokenizer, makes the difference
    letter = tm.tokens_units().filter(pl.col("unit") == "letter")
    assert letter.filter(pl.col("norm") == "genocide").height == 10


def test_mapped_variants_are_flagged_in_the_charts_data():
    from analysis.charts import naming as naming_chart
    from analysis.charts import terminology as ct
    from analysis.measures import naming

    kinds = dict(naming.variant_kinds().iter_rows())
    assert kinds["Karabakh"] and kinds["occupied territories"] and kinds["Republic of Artsakh"]
    assert not kinds["Khojali"] and not kinds["Artsakh"] and not kinds["Nagorno-Karabakh"]
    assert sum(kinds.values()) == 22
    chart = naming_chart.naming_data().filter(pl.col("concept") == "Nagorno-Karabakh")
    assert chart.filter(pl.col("text_id") == "petition").select("shown", "variant_kind").row(0) == (
        "Karabakh†",
        "† mapped by the suite",
    )
    spec = naming_chart.textplot_naming(naming_chart.naming_data()).to_dict()
    opacity = spec["vconcat"][0]["layer"][0]["encoding"]["opacity"]
    assert opacity["scale"]["domain"] == ["the text's own name", "† mapped by the suite"]
    # "occupied territories" has one form, so it is not in the naming chart; the referent
    # heatmap flags it
    heat = ct.terminology_heatmap_data("referent-variants")
    rows = set(heat.filter(pl.col("mapped"))["row"])
    assert "territories around Nagorno-Karabakh · occupied territories†" in rows
    assert "Nagorno-Karabakh · Karabakh†" in rows
    lines = naming.mapping_sentences()
    assert len(lines) == 3 and lines[0].startswith("the petition: “Azerbaijani-speaking")
    assert "“Karabakh†” filed under “Nagorno-Karabakh” (1)" in lines[0]
    assert "“occupied territories†” filed under" in lines[0]


def test_no_text_is_glossed_in_lexicon_notes_or_notebooks():
    import json

    from analysis.measures import naming

    for name in tm.LEXICONS:
        for form, note in tm.lexicon_terms(name).select("form", "note").iter_rows():
            assert naming.glosses(note) == [], (name, form)
    for nb in sorted((paths.ROOT / "notebooks").glob("*.ipynb")):
        for cell in json.loads(nb.read_text(encoding="utf-8"))["cells"]:
            assert naming.glosses("".join(cell["source"])) == [], nb.name


def test_naming_paragraph_identical_in_every_notebook():
    import json

    paragraphs = set()
    for nb in sorted((paths.ROOT / "notebooks").glob("0[0-4]-*.ipynb")):
        first = "".join(json.loads(nb.read_text(encoding="utf-8"))["cells"][0]["source"])
        found = [p for p in first.split("\n\n") if p.startswith("**Naming.**")]
        assert len(found) == 1, nb.name
        paragraphs.add(found[0])
    assert len(paragraphs) == 1
    (text,) = paragraphs
    assert "OSCE Minsk Group" in text and "1993" in text
    assert "cited in the petitions" not in text
