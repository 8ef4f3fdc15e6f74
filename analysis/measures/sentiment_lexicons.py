"""VADER's lexicon, the opt-in domain extension and the proper names it must not score.

The lexical layer under :mod:`analysis.measures.sentiment` (which re-exports every name here):

- :func:`vader_lexicon`: VADER (Hutto & Gilbert 2014) as NLTK loads it
  (:func:`analysis.resources.vader_analyzer`, lexicon built offline from ``vaderSentiment``).
- :func:`domain_extension`: ``data/lexicons/vader-domain-extension.csv``, words the texts use
  that VADER lacks, each with the valence of a named VADER *anchor* word, validated (the file
  extends VADER, never overrides it); :func:`extension_label_anchors` shows its rule 1 (one
  anchor per event-label category) as applied; :func:`vader_analyzer_extended` is VADER with it.
- :func:`proper_name_spans`: names of ``data/lexicons/event-labels.csv`` (category
  ``proper_name``, e.g. "Genocide Watch") found in a token frame, matched by
  :func:`match_forms`; the extension does not score the words inside them
  (:func:`mask_names`).

The proper-name helpers are columnar (an index of forms, joins), so they scale with the corpus;
the earlier row-by-row versions are kept in :mod:`analysis.bench.reference_names`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import polars as pl

from analysis import resources
from analysis.io import DiscourseError
from analysis.lexicons import _accepted, _runs, lexicon_load, pattern_tokens, token_matches
from analysis.measures import terminology
from analysis.measures.style import tokens_frame
from analysis.tokens import tokens_normalise, tokens_words

#: The opt-in domain extension lexicon in ``data/lexicons/``.
EXTENSION_NAME = "vader-domain-extension"
#: VADER's valence scale.
VALENCE_RANGE = (-4.0, 4.0)
#: Stand-in for an extension word inside a proper name: not a VADER entry, so it scores 0.
NAME_MASK = "Name"
_WORD = re.compile(r"[\w’'-]+")


# --- VADER ------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _vader():
    return resources.vader_analyzer()


def vader_lexicon() -> dict[str, float]:
    """VADER's lexicon (lower-case entry -> mean valence on -4..+4), as NLTK loads it."""
    return dict(_vader().lexicon)


def domain_extension(directory: Path | None = None) -> pl.DataFrame:
    """The opt-in domain extension: ``word``, ``valence`` (float), ``anchor``, ``justification``.

    Args:
        directory: another directory holding ``vader-domain-extension.csv`` (tests use this).

    Raises:
        DiscourseError: naming the file and line, when a valence is not a number in -4..+4, a
            word is already a VADER entry (the file extends, it never overrides), a word has a
            space (VADER matches single tokens), or an anchor is not a VADER entry.
    """
    lex = lexicon_load(
        EXTENSION_NAME,
        required=("word", "valence", "anchor", "justification"),
        key=("word",),
        directory=directory,
    )
    vader = vader_lexicon()
    lo, hi = VALENCE_RANGE
    for row in lex.table.iter_rows(named=True):
        where = f"{lex.path}, line {row['line']}"
        try:
            valence = float(row["valence"])
        except ValueError:
            raise DiscourseError(f"{where}: valence {row['valence']!r} is not a number.") from None
        if not lo <= valence <= hi:
            raise DiscourseError(f"{where}: valence {valence} outside VADER's {lo}..{hi}.")
        word = row["word"]
        if " " in word or word != word.lower():
            raise DiscourseError(f"{where}: {word!r} must be one lower-case token.")
        if word in vader:
            raise DiscourseError(
                f"{where}: {word!r} is already in VADER's lexicon ({vader[word]}); remove the row."
            )
        if row["anchor"] not in vader:
            raise DiscourseError(f"{where}: anchor {row['anchor']!r} is not a VADER entry.")
    return lex.table.select(
        "word", pl.col("valence").cast(pl.Float64), "anchor", "justification", "line"
    )


def extension_label_anchors(extension: pl.DataFrame | None = None) -> pl.DataFrame:
    """Rule 1 of the domain extension as applied: each event-label category and its anchor.

    An extension word is an event label when it matches a single-token form of
    ``data/lexicons/event-labels.csv`` (not a ``proper_name`` row); README-sentiment.md gives
    every such word the one anchor of its category.

    Returns:
        ``category``, ``anchor``, ``valence``, ``words`` (list, file order), one row per
        (category, anchor) pair found, so a category with two anchors would show as two rows.
    """
    ext = domain_extension() if extension is None else extension
    forms = terminology.lexicon_terms("event-labels").filter(
        ~pl.col("category").is_in(list(terminology.NAME_CATEGORIES))
    )
    single = [
        (pattern_tokens(f)[0], c)
        for f, c in forms.select("form", "category").iter_rows()
        if len(pattern_tokens(f)) == 1
    ]
    rows = []
    for word, valence, anchor in ext.select("word", "valence", "anchor").iter_rows():
        for category in sorted({c for p, c in single if token_matches(p, word)}):
            rows.append({"category": category, "anchor": anchor, "valence": valence, "word": word})
    frame = pl.DataFrame(
        rows,
        schema={
            "category": pl.String,
            "anchor": pl.String,
            "valence": pl.Float64,
            "word": pl.String,
        },
    )
    return (
        frame.group_by("category", "anchor", "valence", maintain_order=True)
        .agg(pl.col("word").alias("words"))
        .sort("valence", "category")
    )


def vader_analyzer_extended(extension: pl.DataFrame | None = None):
    """A fresh NLTK VADER analyser whose lexicon also holds the domain extension."""
    ext = domain_extension() if extension is None else extension
    analyzer = resources.vader_analyzer()
    analyzer.lexicon = {**analyzer.lexicon, **dict(ext.select("word", "valence").iter_rows())}
    return analyzer


# --- proper names ---------------------------------------------------------------------------------


def _sentence_tokens(sentences: pl.DataFrame) -> pl.DataFrame:
    """Every token of ``sentences`` (words and punctuation), cut as :mod:`analysis.tokens` cuts.

    Columnar, through :func:`analysis.tokens.tokens_words` (the earlier record-per-token
    version is :func:`analysis.bench.reference_names.sentence_tokens_reference`).

    Returns:
        ``text_id``, ``source_id`` (null when the frame has none), ``sentence_id``, ``start``,
        ``end`` (offsets into the raw source, from the sentence's ``start``), ``token`` and
        ``norm``.
    """
    source = pl.col("source_id") if "source_id" in sentences.columns else pl.lit(None)
    frame = sentences.select(
        source.cast(pl.String).alias("source_id"),
        pl.lit(None, pl.String).alias("doc_id"),
        pl.col("text_id").cast(pl.String),
        pl.lit(None, pl.String).alias("segment_id"),
        pl.col("sentence_id").cast(pl.String),
        pl.col("start").cast(pl.Int64),
        pl.col("text").cast(pl.String),
    )
    toks = tokens_words(frame)
    if toks.is_empty():
        return pl.DataFrame(schema=_SENTENCE_TOKEN_SCHEMA)
    return tokens_normalise(toks).select(list(_SENTENCE_TOKEN_SCHEMA))


_SENTENCE_TOKEN_SCHEMA = {
    "text_id": pl.String,
    "source_id": pl.String,
    "sentence_id": pl.String,
    "start": pl.Int64,
    "end": pl.Int64,
    "token": pl.String,
    "norm": pl.String,
}


def _by_sentence(tokens: pl.DataFrame) -> pl.DataFrame:
    """The tokens grouped by sentence (in order of first appearance), by ``start`` within each.

    Tokens in document order already are, and come back as they are.
    """
    ordered = tokens.with_row_index("_r").with_columns(
        pl.col("_r").min().over("sentence_id").alias("_g")
    )
    if ordered.select(
        (pl.col("_g").diff().fill_null(0) >= 0).all()
        & ((pl.col("_g") != pl.col("_g").shift(1)) | (pl.col("start").diff() >= 0))
        .fill_null(True)
        .all()
    ).item():
        return tokens
    return ordered.sort("_g", "start", maintain_order=True).drop("_r", "_g")


def match_forms(tokens: pl.DataFrame, forms: pl.DataFrame) -> pl.DataFrame:
    """Occurrences of lexicon forms in a token frame, with the rules of the terminology counts.

    The matching of :func:`analysis.lexicons.match_patterns`: forms are tokenized like the text
    (``*`` is a prefix wildcard), the longest form wins where matches overlap (ties: the
    earlier form in the lexicon), and no match crosses a sentence. It reads only the frame
    (``sentence_id``, ``norm``, ``token``, ``start``, ``end``, ``text_id``), so it works on any
    frame of tokens, whatever manifest they came from. Candidates come from the same index as
    :func:`~analysis.lexicons.match_patterns` (the earlier form-by-form loop is
    :func:`analysis.bench.reference_names.match_forms_reference`; both give the same frame).

    Args:
        tokens: every token (words and punctuation, as a name may hold both) in text order.
        forms: a frame with a ``form`` column, e.g. :func:`analysis.measures.terminology.
            lexicon_terms`; its columns are carried along.

    Returns:
        One row per match: the form's columns, ``text_id``, ``sentence_id``, ``source_id``,
        ``start``, ``end`` and ``matched`` (the tokens as written, joined by the spaces between
        them), by sentence, then ``start``.
    """
    compiled = [pattern_tokens(f) for f in forms["form"].to_list()]
    by_priority = sorted(range(len(compiled)), key=lambda k: -len(compiled[k]))  # stable
    schema = dict(forms.schema) | {
        "text_id": pl.String,
        "sentence_id": pl.String,
        "source_id": pl.String,
        "start": pl.Int64,
        "end": pl.Int64,
        "matched": pl.String,
    }
    toks = _by_sentence(tokens)
    runs = _runs(toks["sentence_id"])
    found = _accepted(toks, runs, [compiled[k] for k in by_priority])
    if found.is_empty():
        return pl.DataFrame(schema=schema)
    run = runs.cum_sum()
    idx = found["_i"]
    last = idx + found["_n"] - 1
    # each sentence's first token gives its text (and source) id, as the loop took them
    head = pl.int_range(toks.height, dtype=pl.Int64, eager=True).filter(runs).gather(run - 1)
    source = toks["source_id"] if "source_id" in toks.columns else pl.Series([None] * toks.height)
    located = pl.DataFrame(
        {
            "_row": [by_priority[p] for p in found["_p"].to_list()],
            "_run": run.gather(idx),
            "text_id": toks["text_id"].cast(pl.String).gather(head.gather(idx)),
            "sentence_id": toks["sentence_id"].cast(pl.String).gather(idx),
            "source_id": source.cast(pl.String).gather(head.gather(idx)),
            "start": toks["start"].cast(pl.Int64).gather(idx),
            "end": toks["end"].cast(pl.Int64).gather(last),
            "matched": _matched_text(toks, idx, found["_n"]),
        },
        schema_overrides={"_row": pl.Int64},
    ).sort("_run", "start", maintain_order=True)
    return pl.concat(
        [forms[located["_row"]], located.drop("_row", "_run")], how="horizontal"
    ).select(list(schema))


def _matched_text(toks: pl.DataFrame, first: pl.Series, n: pl.Series) -> pl.Series:
    """Each match's tokens as written, each after the first preceded by as many spaces as the
    characters between it and the token before (Python per match: matches are few)."""
    k = pl.int_ranges(first, first + n, eager=True).explode()
    m = pl.int_range(len(first), dtype=pl.Int64, eager=True).repeat_by(n).explode()
    between = toks["start"].gather(k) - toks["end"].gather((k - 1).clip(lower_bound=0))
    gap = pl.select(pl.when(k != first.gather(m)).then(between).otherwise(0)).to_series()
    out = [""] * len(first)
    for i, g, t in zip(m.to_list(), gap.to_list(), toks["token"].gather(k).to_list(), strict=True):
        out[i] += " " * g + t
    return pl.Series(out, dtype=pl.String)


def _name_forms() -> pl.DataFrame:
    """The proper names of the event-labels lexicon (category in ``NAME_CATEGORIES``)."""
    return terminology.lexicon_terms("event-labels").filter(
        pl.col("category").is_in(list(terminology.NAME_CATEGORIES))
    )


def proper_name_spans(tokens: pl.DataFrame | None = None) -> pl.DataFrame:
    """Proper names of the event-labels lexicon found in the texts.

    Names such as "Genocide Watch" or "Genocide Convention" are listed in
    ``data/lexicons/event-labels.csv`` (category ``proper_name``) so that the word inside them
    is not counted as the text's own label (:mod:`analysis.measures.terminology`). The domain
    extension follows the same rule: its entries do not score inside these spans.

    Args:
        tokens: every token of the texts (default: :func:`analysis.tokens.corpus_tokens`).

    Returns:
        ``source_id``, ``sentence_id``, ``start``, ``end`` (character offsets into the raw
        source) and ``matched``, in text order.
    """
    found = match_forms(tokens_frame(tokens), _name_forms())
    return found.select("source_id", "sentence_id", "start", "end", "matched")


def _mask_span_words(text: str, base: int, spans: list[tuple[int, int]], words: set[str]) -> str:
    """``text`` (starting at offset ``base``) with ``words`` inside ``spans`` masked."""
    for start, end in sorted(spans, key=lambda span: -span[0]):  # from the end: offsets hold
        lo, hi = start - base, end - base
        inner = _WORD.sub(
            lambda m: NAME_MASK if m.group().lower() in words else m.group(), text[lo:hi]
        )
        text = text[:lo] + inner + text[hi:]
    return text


def _mask_names(row: dict, spans: pl.DataFrame, words: set[str]) -> str:
    """The sentence text with extension words inside proper names replaced by ``NAME_MASK``."""
    mine = spans.filter(pl.col("sentence_id") == row["sentence_id"]).select("start", "end")
    return _mask_span_words(row["text"], row["start"], mine.rows(), words)


def mask_names(sentences: pl.DataFrame, spans: pl.DataFrame, words: set[str]) -> list[str]:
    """Every sentence's text, with extension words inside proper names replaced by ``NAME_MASK``.

    :func:`_mask_names` for a whole frame: the spans are grouped by sentence once, and only the
    sentences holding one are rewritten.

    Args:
        sentences: ``sentence_id``, ``start`` and ``text``.
        spans: from :func:`proper_name_spans` (``sentence_id``, ``start``, ``end``).
        words: the extension's words (lower case).
    """
    texts = sentences["text"].to_list()
    if not words or spans.is_empty():
        return texts
    by_sentence: dict[str, list[tuple[int, int]]] = {}
    for sid, lo, hi in spans.select("sentence_id", "start", "end").iter_rows():
        by_sentence.setdefault(sid, []).append((lo, hi))
    named = (
        sentences.select("sentence_id", "start")
        .with_row_index("_r")
        .filter(pl.col("sentence_id").is_in(list(by_sentence)))
    )
    for i, sid, base in named.iter_rows():
        texts[i] = _mask_span_words(texts[i], base, by_sentence[sid], words)
    return texts


def _in_name(tokens: pl.DataFrame, spans: pl.DataFrame) -> pl.Series:
    """True for tokens inside one of ``spans`` (:func:`proper_name_spans`), same sentence.

    A join on the sentence (the earlier token-by-token test is
    :func:`analysis.bench.reference_names.in_name_reference`).
    """
    inside = (
        tokens.select(pl.col("sentence_id").cast(pl.String), "start", "end")
        .with_row_index("_r")
        .join(
            spans.select(
                pl.col("sentence_id").cast(pl.String),
                pl.col("start").alias("_lo"),
                pl.col("end").alias("_hi"),
            ),
            on="sentence_id",
            nulls_equal=True,
        )
        .filter((pl.col("_lo") <= pl.col("start")) & (pl.col("end") <= pl.col("_hi")))
        .get_column("_r")
    )
    rows = pl.int_range(tokens.height, dtype=pl.UInt32, eager=True)
    return rows.is_in(inside.unique()).alias("in_name")
