"""Shared parts of the demands measures: categories, thresholds, demand ids and the text view.

Every measure of :mod:`analysis.measures.demands` reads its sentences and tokens through a
:class:`Units` view built from frames (:func:`units`); with no frames given it is the default
corpus (:func:`analysis.tokens.corpus_sentences` / :func:`~analysis.tokens.corpus_tokens`).
Character spans are cut from each source's text rebuilt from its sentences, so a view built
from synthetic frames needs no raw file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import polars as pl

from analysis import corpus, paths, tokens
from analysis.corpus.manifest import RELATIONS, RESPONSE
from analysis.io import DiscourseError
from analysis.lexicons import lexicon_load, match_patterns, pattern_tokens

DEMAND_TYPES = (
    "condemnation_recognition",
    "commemoration",
    "diplomacy_peace",
    "sanctions",
    "humanitarian_access",
    "self_determination",
    "protection_intervention",
    "advocacy_coordination",
)
FUNCTIONS = (
    "acknowledgement",
    "position",
    "encouragement",
    "support",
    "engagement_report",
    "commitment",
)
STRENGTHS = ("none", "weak", "firm")
RESPONSIVENESS = ("addressed", "partially_addressed", "reframed", "not_addressed")
POLICY_OVERLAP = ("overlap", "partial_overlap", "no_overlap")
#: The scale of each pair relation: a response that answers the text is scored for
#: responsiveness; a declared comparison (the response does not answer it) for policy overlap.
SCALES = dict(zip(RELATIONS, ("responsiveness", "policy_overlap"), strict=True))
#: The pair relation of a response that answers its text (``Pair.relation``).
ANSWERS = RESPONSE

#: Alignment score thresholds (*choice*).
#: score = (TF-IDF cosine + concept Jaccard) / 2.
T_NONE = 0.15  # below: no counterpart (not_addressed / no_overlap)
T_FULL = 0.35  # at or above (overlap pairs): overlap; response pairs: see demands_responsiveness
EVIDENCE_K = 3  # evidence sentences per demand (reframing is checked on these)
ACT_COVERAGE = 0.5  # share of the requested act's terms the evidence sentence must contain


# --- demand ids ----------------------------------------------------------------------------

# text ids are lower-case letters, digits and hyphens; 'd' = own demand, 'r' = reported
_ID = re.compile(r"^([a-z0-9-]+):([a-z])(\d+)$")


def demand_key(demand_id: str, order: Sequence[str] | None = None) -> tuple[int, str, int]:
    """Sort key of a demand id: text order, own (``d``) before reported (``r``), then number.

    ``t:d2`` sorts before ``t:d10`` and an earlier text before a later one, unlike a
    string sort.

    Args:
        demand_id: ``<text id>:d<number>``, e.g. ``"e-1234:d2"``.
        order: text ids in display order (default: :func:`analysis.corpus.text_ids`).
    """
    m = _ID.match(demand_id)
    if m is None:
        raise DiscourseError(
            f"malformed demand id {demand_id!r}; expected <text id>:d<number>, e.g. 'e-1234:d2'."
        )
    text, kind, n = m.groups()
    order = list(corpus.text_ids() if order is None else order)
    return (order.index(text) if text in order else len(order), kind, int(n))


def order_demands(
    frame: pl.DataFrame,
    *then: str,
    column: str = "demand_id",
    order: Sequence[str] | None = None,
) -> pl.DataFrame:
    """Sort a frame with ``text_id`` and a demand id column by text, then the id's number.

    Texts not in ``order`` follow in the order they first appear in the frame, so a frame of
    texts the manifest does not list still keeps each text's demands together.

    Args:
        frame: any frame with ``text_id`` and ``column``.
        then: further sort columns (e.g. ``"rank"``).
        column: the demand id column.
        order: text ids in display order (default: :func:`analysis.corpus.text_ids`).
    """
    rank = {t: i for i, t in enumerate(corpus.texts_in(frame, order=order))}
    parts = pl.col(column).str.extract_groups(r"^[a-z0-9-]+:([a-z])(\d+)$")
    return (
        frame.with_columns(
            pl.col("text_id")
            .replace_strict(rank, default=len(rank), return_dtype=pl.Int64)
            .alias("_rank"),
            parts.struct.field("1").alias("_kind"),
            parts.struct.field("2").cast(pl.Int64).alias("_n"),
        )
        .sort("_rank", "_kind", "_n", *then, maintain_order=True)
        .drop("_rank", "_kind", "_n")
    )


# --- lexicons -------------------------------------------------------------------------------

_CUE_TYPES = {
    "list_call",
    "performative",
    "impersonal_necessity",
    "modal_obligation",
    "duty",
    "causative_necessity",
    "action_nominal",
    "demand_type",
}
_CONSTRUCTIONS = {
    "addressee_to",
    "that_clause",
    "for_to",
    "subject_modal",
    "subject_duty",
    "nominal",
    "nominal_head",
    *DEMAND_TYPES,
}


def demands_cues() -> pl.DataFrame:
    """The directive-cue lexicon (``data/lexicons/directive-cues.csv``), validated."""
    return lexicon_load(
        "directive-cues",
        required=("pattern", "cue_type", "construction", "base", "rationale"),
        key=("pattern", "cue_type"),
        categories={"cue_type": _CUE_TYPES, "construction": _CONSTRUCTIONS},
    ).table


def response_rules() -> pl.DataFrame:
    """The response-function and modality rule set (``data/lexicons/response-functions.csv``)."""
    table = lexicon_load(
        "response-functions",
        required=("pattern", "layer", "category", "priority", "rationale"),
        key=("pattern", "layer"),
        categories={
            "layer": {"function", "modality"},
            "category": set(FUNCTIONS)
            | {"firm", "open_ended", "booster", "deontic", "attitude", "hedge"},
        },
    ).table
    return table.with_columns(pl.col("priority").cast(pl.Int64))


@lru_cache(maxsize=1)
def _variant_map() -> dict[str, str]:
    """Single-token referent variants folded to one form (Khojali -> Khojaly (Khojali))."""
    table = lexicon_load("referent-variants", required=("form", "concept")).table
    out = {}
    for r in table.iter_rows(named=True):
        toks = pattern_tokens(r["form"])
        if len(toks) == 1 and not toks[0].endswith("*"):
            out[toks[0]] = "§" + r["concept"].lower()
    return out


def content_term(norm: str) -> str:
    """A content token's alignment term: variant-folded, -ise as -ize, plural -s removed."""
    v = _variant_map().get(norm)
    if v:
        return v
    w = re.sub(r"is(e|es|ed|ing|ation|ations)$", r"iz\1", norm) if len(norm) > 6 else norm
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def concept_matches(toks: pl.DataFrame, source_text=None) -> pl.DataFrame:
    """Lexicon concepts (referents, event labels, principles) found in the tokens.

    Args:
        toks: normalised tokens.
        source_text: the text of a source id (default: :func:`analysis.corpus.raw_text`).
    """
    frames = []
    for name, column, prefix in (
        ("referent-variants", "concept", "referent"),
        ("event-labels", "label", "label"),
        ("principles", "principle", "principle"),
    ):
        table = lexicon_load(name, required=("form", column)).table
        found = match_patterns(toks, table, pattern_column="form", source_text=source_text)
        frames.append(
            found.select(
                "sentence_id",
                "source_id",
                "start",
                "end",
                pl.format("{}: {}", pl.lit(prefix), pl.col(column)).alias("concept"),
            )
        )
    return pl.concat(frames)


# --- the text view --------------------------------------------------------------------------


@dataclass
class Units:
    """Sentences and tokens of the texts measured, indexed for the demand and response rules.

    Attributes:
        sentences: the sentence frame (``tokens.corpus_sentences`` columns).
        toks: the normalised token frame (``tokens.corpus_tokens`` columns).
    """

    sentences: pl.DataFrame
    toks: pl.DataFrame
    rows: dict[str, dict] = field(init=False)
    order: list[str] = field(init=False)
    index: dict[str, list[dict]] = field(init=False)
    _texts: dict[str, str] = field(init=False)
    _concepts: pl.DataFrame | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.rows = {r["sentence_id"]: r for r in self.sentences.iter_rows(named=True)}
        self.order = list(self.rows)
        self.index = {}
        for row in self.toks.iter_rows(named=True):
            self.index.setdefault(row["sentence_id"], []).append(row)
        # each source's text rebuilt from its sentences (gaps between sentences as spaces)
        pieces: dict[str, list[str]] = {}
        for r in sorted(self.rows.values(), key=lambda r: (r["source_id"], r["start"])):
            buf = pieces.setdefault(r["source_id"], [])
            size = sum(len(p) for p in buf)
            if r["start"] >= size:
                buf += [" " * (r["start"] - size), r["text"]]
        self._texts = {s: "".join(p) for s, p in pieces.items()}

    def source_text(self, source_id: str) -> str:
        """A source's text rebuilt from the view's sentences."""
        return self._texts[source_id]

    def span(self, source_id: str, start: int, end: int) -> str:
        """The source text between two character offsets."""
        return self._texts[source_id][start:end]

    def surface(self, toks: list[dict], source_id: str) -> str:
        """The source text from the first token's start to the last token's end."""
        return self.span(source_id, toks[0]["start"], toks[-1]["end"]) if toks else ""

    def text_sentences(self, text_ids: Sequence[str]) -> pl.DataFrame:
        """The sentences of the given texts, in frame order."""
        return self.sentences.filter(pl.col("text_id").is_in(list(text_ids)))

    def text_tokens(self, text_ids: Sequence[str]) -> pl.DataFrame:
        """The tokens of the given texts, in frame order."""
        return self.toks.filter(pl.col("text_id").is_in(list(text_ids)))

    def concepts(self) -> pl.DataFrame:
        """Lexicon concepts found in the tokens (computed once per view)."""
        if self._concepts is None:
            self._concepts = concept_matches(self.toks, self.source_text)
        return self._concepts

    def span_concepts(self, source_id: str, start: int, end: int) -> set[str]:
        """Lexicon concepts wholly inside a character span."""
        c = self.concepts().filter(
            (pl.col("source_id") == source_id) & (pl.col("start") >= start) & (pl.col("end") <= end)
        )
        return set(c["concept"].to_list())


@lru_cache(maxsize=2)
def _default_units(manifest: str) -> Units:  # keyed on the manifest in force
    return Units(tokens.corpus_sentences(), tokens.corpus_tokens())


def units(sentences: pl.DataFrame | None = None, toks: pl.DataFrame | None = None) -> Units:
    """The view the measures read: the given frames, or the default corpus when both are None.

    Args:
        sentences: sentence frame; tokens are made from it when ``toks`` is None.
        toks: normalised token frame.
    """
    if sentences is None and toks is None:
        return _default_units(str(paths.MANIFEST))
    sentences = tokens.corpus_sentences() if sentences is None else sentences
    if toks is None:
        toks = tokens.tokens_normalise(tokens.tokens_words(sentences))
    return Units(sentences, toks)


def clear_caches() -> None:
    """Forget the cached default view and lexicon maps (after a lexicon or corpus change)."""
    from analysis.measures.demands import phrases  # phrases imports this module

    _default_units.cache_clear()
    _variant_map.cache_clear()
    phrases._type_rules.cache_clear()


# --- small token helpers --------------------------------------------------------------------


def fold(word: str) -> str:
    """Base form for matching verbs: lower case, -ise spelled -ize, third-person -s removed."""
    w = word.lower()
    w = re.sub(r"is(e|es|ed|ing)$", r"iz\1", w) if len(w) > 6 else w
    if w.endswith("es") and w[-3:-2] in {"c", "s", "x", "z"} and len(w) > 4:
        return w[:-1]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def is_word(t: dict) -> bool:
    """Whether a token row counts as a word (its ``is_word`` column: ``tokens.WORD_KINDS``)."""
    return t["is_word"]


def strip(toks: list[dict]) -> list[dict]:
    """Drop leading/trailing punctuation, a trailing 'and' and list-closing 'and'."""
    toks = list(toks)
    while toks and (not is_word(toks[-1]) or toks[-1]["norm"] == "and"):
        toks.pop()
    while toks and (not is_word(toks[0]) or toks[0]["norm"] == "and"):
        toks.pop(0)
    return toks
