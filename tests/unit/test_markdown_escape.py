"""Manifest- and text-supplied strings in generated Markdown are shown as written.

A tiny manifest of five texts (ids the default corpus lacks) gives labels, prose names,
speakers and dates full of Markdown and HTML syntax: ``**bold**``, links, ``_emphasis_``,
backticks, ``#`` and ``-`` and ``1.`` at a line start, ``|``, ``~~``, bare URLs, ``<b>`` and
``<img onerror>``. Every prose function that puts such a string into Markdown is run on it, and
its output is rendered by the renderer nbconvert's HTML export uses (mistune): the string must
appear literally (HTML-escaped) in the rendered HTML, and no tag the string could open may be
there.
"""

from __future__ import annotations

import html
import re

import polars as pl
import pytest
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from analysis import corpus, prose
from analysis.corpus import Pair
from analysis.evaluation import framing_agreement, framing_gold, framing_profiles
from analysis.measures import framing, naming, stance
from analysis.report import corpus_prose, demands_prose, sentiment_prose

from . import synthetic, synthetic_texts
from .test_report_demands_prose import PAIRS as DEMAND_PAIRS
from .test_report_demands_prose import TIMELINE

#: Prose names: every Markdown construct a name could open, one text with a plain name.
NAMES = {
    "p-1": "**Bold** [x](javascript:alert(1)) _u_ `c` <b>x</b>",
    "r-1": "# Head | pipe ~~gone~~ <img src=x onerror=alert(1)>",
    "l-3": "- listed ![i](https://example.org/i.png) see https://example.org",
    "s-4": "1. numbered {{ jinja }} + plus & amp \\ back *star*",
    "p-2": "the plain text",
}
LABELS = {t: f"{n} (label)" for t, n in NAMES.items()}
GENRES = {"p-1": "petition", "r-1": "response", "l-3": "letter", "s-4": "statement"}
GENRES["p-2"] = "petition"
SPEAKERS = {t: f"__{t}__ <i>speaker</i> [s](https://example.org)" for t in NAMES}
DATES = {t: "2024-01-0" + str(i) for i, t in enumerate(NAMES, start=1)}
IDS = list(NAMES)
#: Tags a name could open if it were read as Markdown or HTML (the functions emit none of these).
FOREIGN_TAGS = ("<a ", "<img", "<del", "<h1", "<h2", "<h3", "<b>", "<i>", "<ol", "<script")
#: The permalink nbconvert adds to every heading (its fragment is the heading's text).
_ANCHOR = re.compile(r'<a class="anchor-link" href="#[^"]*">&#182;</a>')


def shows(markdown: str, *strings: str, heading: str = "") -> str:
    """Render ``markdown`` as the HTML export does; assert each string is shown as written.

    ``heading``: the heading tag the Markdown itself opens (``"<h3"``), allowed with its link.
    """
    out = markdown2html_mistune(markdown)
    if heading:
        out = _ANCHOR.sub("", out.replace(heading, "<hx", 1))
    for s in strings:
        # a sentence start may capitalise a name's first letter: compare from the second
        literal = html.escape(s[1:] if s[:1].isalpha() else s, quote=False)
        assert literal in out, (s, markdown, out)
    for tag in FOREIGN_TAGS:
        assert tag not in out, (tag, markdown, out)
    return out


@pytest.fixture()
def manifest(tmp_path):
    sources = [
        synthetic.raw_source(tmp_path, f"src-{t}", f"{t}.txt", synthetic_texts.FIVE_TEXTS[k])
        for t, k in zip(IDS, synthetic_texts.FIVE_TEXTS, strict=True)
    ]
    sources = [s.replace("[[sources]]", '[[sources]]\nkind = "plain"') for s in sources]
    documents = [
        synthetic.entry(
            "documents",
            id=f"doc-{t}",
            source=f"src-{t}",
            title=LABELS[t],
            speaker=SPEAKERS[t],
            date=DATES[t],
            date_note="test",
        )
        for t in IDS
    ]
    texts = [
        synthetic.entry(
            "texts",
            id=t,
            label=LABELS[t],
            document=f"doc-{t}",
            roles=["text"],
            genre=GENRES[t],
            name=NAMES[t],
        )
        for t in IDS
    ]
    pairs = [
        synthetic.entry("pairs", advocacy="p-1", response="r-1", relation="response", note="x"),
        synthetic.entry("pairs", advocacy="l-3", response="r-1", relation="overlap", note="*n*"),
    ]
    path = synthetic.write_manifest(tmp_path, sources + documents + texts + pairs)
    with synthetic.manifest_in_force(path):
        yield path


def test_escape_markdown_quotes_every_construct():
    for s in [*NAMES.values(), *LABELS.values(), *SPEAKERS.values(), "===", "12. twelve"]:
        shows(f"- {prose.escape_markdown(s)}", s)
        shows(f"{prose.escape_markdown(s)}", s)
        shows(f"### {prose.escape_markdown(s)}", s, heading="<h3")
        shows(f"| a |\n|---|\n| {prose.escape_markdown(s)} |", s)
    # the default corpus's kind of names and dates are unchanged
    assert prose.escape_markdown("the petition") == "the petition"
    assert prose.escape_markdown("2022-01-12") == "2022-01-12"
    assert prose.escape_markdown("Open letter (2023)") == r"Open letter \(2023\)"
    assert prose.escape_markdown("- x\n1. y") == "\\- x\n1\\. y"
    assert prose.escape_markdown("1.5 km") == "1.5 km"
    assert prose.escape_markdown("see https://x.org") == r"see https\://x.org"


def test_code_span_shows_paths_and_ids_as_written():
    assert prose.code_span("data/corpus.toml") == "`data/corpus.toml`"
    for s in ["data/my_corpus.toml", "a`b", "`x`", "**b** [x](y) _u_", "letter-page:intro_1"]:
        out = markdown2html_mistune(f"see {prose.code_span(s)}.")
        assert out == f"<p>see <code>{html.escape(s, quote=False)}</code>.</p>\n", (s, out)


def test_the_manifest_in_force_carries_the_names(manifest):
    assert corpus.text_names() == NAMES
    assert corpus.text_labels() == LABELS


def test_text_names_in_prose_helpers(manifest):
    for t, name in NAMES.items():
        assert prose.text_name(t) == name  # chart titles and data keep the name as written
        shows(f"In {prose.md_name(t)}, the text.", name)
        shows(f"**{naming.prose_name(t, True)}** uses", name)
        shows(f"- {naming.prose_name(t)} has 3 word tokens", name)


def test_naming_and_presence_sentences(manifest):
    segments, _, toks = synthetic_texts.token_frames(
        {t: "The Khojaly river. Khojali harbour." for t in IDS}
    )
    sentence = naming.naming_sentence("Khojaly (Khojali)", toks=toks, segments=segments)
    shows(f"**Khojaly (Khojali)** — {sentence}.", *NAMES.values())
    assert sentence.count("“Khojaly” (1)") == len(IDS)
    segments, _, toks = synthetic_texts.token_frames(
        {t: "The harbour." if t == "p-1" else "The river." for t in IDS}
    )
    lines = naming.presence_sentences(["harbour"], toks=toks, segments=segments)
    assert lines[0].startswith("“harbour” occurs once, only on the page of ")
    shows("\n".join(f"- {line}" for line in lines), *NAMES.values())
    # outside Markdown, page labels keep the names as written
    labels = naming.source_labels(toks=toks, segments=segments)
    assert labels == {f"src-{t}": f"the page of {n}" for t, n in NAMES.items()}


def test_framing_and_stance_prose(manifest):
    leaders = pl.DataFrame(
        {
            "text_id": IDS,
            "label": ["Legality"] * 5,
            "sentences_coded": [1, 2, 3, 4, 5],
            "n_sentences": [9] * 5,
        }
    )
    shows(framing.describe_leaders(leaders), *NAMES.values())
    profile = leaders.with_columns(pl.lit("legality").alias("category"))
    out = framing.describe_category(profile, "legality")
    shows(out, *NAMES.values())
    assert "5 of 9" in out
    _, _, toks = synthetic_texts.token_frames(
        dict(zip(IDS, ["a b", "a", "a b c", "a", "a"], strict=True))
    )
    shows(framing.describe_word_token_range(toks), NAMES["r-1"], NAMES["l-3"])
    rates = pl.DataFrame(
        {"text_id": IDS, "category": ["hedge"] * 5, "rate": [1.0, 2, 3, 4, 5], "n": [1] * 5}
    )
    shows(
        f"Per 1,000 word tokens: hedges: {stance.describe_rates(rates, 'hedge')}.", *NAMES.values()
    )


def coverage_frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "text_id": [*IDS, "x-9"],
            "n_sentences": [4, 4, 4, 4, 4, 0],
            "gold_sentences": [4, 2, 0, 0, 1, 3],
            "coverage": [1.0, 0.5, 0.0, 0.0, 0.25, None],
            "in_corpus": [True] * 5 + [False],
            "different_text": [0, 0, 0, 0, 1, 0],
        }
    )


def test_framing_gold_and_agreement_prose(manifest):
    coverage = coverage_frame()
    out = framing_gold.describe_gold_coverage(coverage)
    shows(out, *NAMES.values())
    assert "covers 7 of the 20 sentences" in out
    comparison = pl.DataFrame(
        {
            "text_id": ["p-1", "r-1"],
            "category": ["victimhood"] * 2,
            "sentences_coded": [1, 3],
            "gold_sentences": [2, 3],
        }
    )
    gap = framing_profiles.describe_victimhood_gap(comparison, coverage)
    shows(gap, NAMES["p-1"], NAMES["r-1"])
    _, _, toks = synthetic_texts.token_frames(dict.fromkeys(IDS, "one two"))
    caveats = framing_agreement.describe_framing_caveats(corpus.corpus_texts(), coverage, toks)
    shows(caveats, *NAMES.values(), *DATES.values())


def test_sentiment_prose(manifest):
    shows(
        sentiment_prose.describe_texts_measured(),
        *LABELS.values(),
        *NAMES.values(),
        *SPEAKERS.values(),
    )
    readability = pl.DataFrame(
        {"text_id": IDS, "n_sentences": [3] * 5, "smog_reliable": [False] * 5}
    )
    splits = pl.DataFrame({"sentence_id": ["p-1:s001"], "inner_stops": ["Mr."]})
    shows(sentiment_prose.describe_smog(readability, splits), *LABELS.values())
    summary = pl.DataFrame({"n_sentences": [2, 5]})
    mixed = ("**bad**", "_good_", "l-3")
    out = sentiment_prose.describe_sentiment_caveats(summary, mixed)
    shows(out, NAMES["l-3"], "**bad**", "_good_", heading="<h2")


def test_corpus_prose(manifest):
    texts = corpus.corpus_texts()
    shows(corpus_prose.describe_pairs(texts, corpus.text_pairs()), NAMES["r-1"], "*n*")
    segments = pl.DataFrame({"text_id": IDS, "role": ["`code` [r](x)"] * 5})
    shows(corpus_prose.describe_text_roles(segments), *LABELS.values(), "`code` [r](x) segment")
    outside = pl.DataFrame({"text_id": [None], "role": ["**intro** <b>x</b>"]})
    shows(corpus_prose.describe_outside_roles(outside), "**intro** <b>x</b>")


def test_demands_prose():
    """The demands prose takes its names as an argument: the same frames as
    tests/unit/test_report_demands_prose.py, with the names of this module."""
    pairing = pl.DataFrame(
        {
            "text_id": ["p-1", "p-2", "l-3", "s-4"],
            "answered_by": ["r-1", None, None, None],
            "compared_with": ["", "", "r-1", "r-1"],
        }
    )
    timeline = TIMELINE.with_columns(pl.lit("<i>2024</i>-01-01 **x**").alias("response_date"))
    shows(
        demands_prose.describe_pair_timeline(timeline, pairing, NAMES),
        NAMES["p-1"],
        NAMES["r-1"],
        NAMES["l-3"],
        NAMES["p-2"],
        "<i>2024</i>-01-01 **x**",
    )
    shows(demands_prose.describe_scales(TIMELINE, NAMES), NAMES["p-1"], NAMES["r-1"])
    own = pl.DataFrame(
        {
            "text_id": ["p-1", "s-4"],
            "sentence_id": ["p-1:s002", "s-4:s001"],
            "cue_sentence_id": ["p-1:s001", "s-4:s001"],
            "cue_type": ["directive", "modal"],
        }
    )
    segments = pl.DataFrame({"text_id": ["p-1"], "role": ["other"], "text": ["x"]})
    made = demands_prose.describe_demand_making(own, segments, ["p-1", "s-4"], NAMES)
    shows(made, NAMES["p-1"], NAMES["s-4"])
    resp = pl.DataFrame(
        {
            "text_id": ["p-1"],
            "response_id": ["r-1"],
            "demand_id": ["p-1:d1"],
            "demand_text": ["Act *now* <b>please</b>"],
            "label": ["not_addressed"],
            "best_score": [0.01],
            "evidence": [None],
            "act_coverage": [0.0],
            "act_terms": [""],
        },
        schema_overrides={"evidence": pl.String},
    )
    sentences = pl.DataFrame({"sentence_id": ["r-1:s001"], "text": ["x"]})
    out = demands_prose.describe_responsiveness(resp, DEMAND_PAIRS, sentences, NAMES)
    shows(out, NAMES["p-1"], NAMES["r-1"], "Act *now* <b>please</b>")
    table = pl.DataFrame(
        {
            "text_id": ["l-3", "s-4"],
            "response_id": ["r-1", "r-1"],
            "scale": ["policy_overlap"] * 2,
            "auto_label": ["no_overlap"] * 2,
            "gold_label": ["partial_overlap"] * 2,
        }
    )
    remarks = demands_prose.describe_agreement_remarks({}, table, NAMES)
    shows(remarks, NAMES["l-3"], NAMES["s-4"], NAMES["r-1"])
    coverage = pl.DataFrame(
        {"text_id": ["p-1", "s-4"], "gold": ["demands"] * 2, "covered": [True, True]}
    )
    pairs = (*DEMAND_PAIRS, Pair("p-2", "r-1", "overlap", "none"))
    caveats = demands_prose.describe_demands_caveats(coverage, pairs, 5, NAMES)
    shows(caveats, NAMES["p-1"], NAMES["s-4"], NAMES["r-1"], heading="<h2")


def test_index_page_is_html_not_markdown(manifest):
    """The landing page is HTML, escaped with ``html.escape``: Markdown quoting does not
    apply there, so names appear as written, with no backslashes."""
    from analysis.report import index

    texts = corpus.corpus_texts()
    pairs = corpus.corpus_pairs()
    text = index.abstract(texts, pairs)
    for t in IDS:
        assert f"{LABELS[t]} ({SPEAKERS[t]}, {DATES[t]})" in text
    assert "\\" not in text.replace(NAMES["s-4"], "")  # the only backslash is a name's own
    assert index.pair_sentences(texts, pairs)[0] == (
        f"{NAMES['r-1']} is compared with {NAMES['p-1']}, which it answers."
    )
