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
  :func:`match_forms`; the extension does not score the words inside them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import polars as pl

from analysis import resources
from analysis.io import DiscourseError
from analysis.lexicons import lexicon_load, pattern_tokens, token_matches
from analysis.measures import terminology
from analysis.measures.style import tokens_frame
from analysis.tokens import normalise, word_spans

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

    Returns:
        ``text_id``, ``source_id`` (null when the frame has none), ``sentence_id``, ``start``,
        ``end`` (offsets into the raw source, from the sentence's ``start``), ``token`` and
        ``norm``.
    """
    rows = []
    has_source = "source_id" in sentences.columns
    for r in sentences.iter_rows(named=True):
        for s, e in word_spans(r["text"]):
            token = r["text"][s:e]
            rows.append(
                {
                    "text_id": r["text_id"],
                    "source_id": r["source_id"] if has_source else None,
                    "sentence_id": r["sentence_id"],
                    "start": r["start"] + s,
                    "end": r["start"] + e,
                    "token": token,
                    "norm": normalise(token),
                }
            )
    schema = {"text_id": pl.String, "source_id": pl.String, "sentence_id": pl.String}
    schema |= {"start": pl.Int64, "end": pl.Int64, "token": pl.String, "norm": pl.String}
    return pl.DataFrame(rows, schema=schema)


def match_forms(tokens: pl.DataFrame, forms: pl.DataFrame) -> pl.DataFrame:
    """Occurrences of lexicon forms in a token frame, with the rules of the terminology counts.

    The matching of :func:`analysis.lexicons.match_patterns`: forms are tokenized like the text
    (``*`` is a prefix wildcard), the longest form wins where matches overlap (ties: the
    earlier form in the lexicon), and no match crosses a sentence. It reads only the frame
    (``sentence_id``, ``norm``, ``token``, ``start``, ``end``, ``text_id``), so it works on any
    frame of tokens, whatever manifest they came from.

    Args:
        tokens: every token (words and punctuation, as a name may hold both) in text order.
        forms: a frame with a ``form`` column, e.g. :func:`analysis.measures.terminology.
            lexicon_terms`; its columns are carried along.

    Returns:
        One row per match: the form's columns, ``text_id``, ``sentence_id``, ``source_id``,
        ``start``, ``end`` and ``matched`` (the tokens as written, joined by the spaces between
        them).
    """
    compiled = [(pattern_tokens(r["form"]), r) for r in forms.iter_rows(named=True)]
    compiled.sort(key=lambda item: -len(item[0]))  # stable: equal lengths keep file order
    has_source = "source_id" in tokens.columns
    out = []
    for (sentence_id,), sent in tokens.group_by("sentence_id", maintain_order=True):
        sent = sent.sort("start")
        norms = sent["norm"].to_list()
        meta = sent.select("token", "start", "end").rows()
        text_id = sent["text_id"][0]
        source_id = sent["source_id"][0] if has_source else None
        taken = [False] * len(norms)
        found: list[dict] = []
        for ptoks, row in compiled:
            n = len(ptoks)
            for i in range(len(norms) - n + 1):
                if any(taken[i : i + n]) or not all(
                    token_matches(p, norms[i + j]) for j, p in enumerate(ptoks)
                ):
                    continue
                taken[i : i + n] = [True] * n
                matched = meta[i][0]
                for j in range(i + 1, i + n):
                    matched += " " * (meta[j][1] - meta[j - 1][2]) + meta[j][0]
                found.append(
                    {
                        **row,
                        "text_id": text_id,
                        "sentence_id": sentence_id,
                        "source_id": source_id,
                        "start": meta[i][1],
                        "end": meta[i + n - 1][2],
                        "matched": matched,
                    }
                )
        out += sorted(found, key=lambda m: m["start"])
    schema = dict(forms.schema) | {
        "text_id": pl.String,
        "sentence_id": pl.String,
        "source_id": pl.String,
        "start": pl.Int64,
        "end": pl.Int64,
        "matched": pl.String,
    }
    return pl.DataFrame(out, schema=schema)


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


def _mask_names(row: dict, spans: pl.DataFrame, words: set[str]) -> str:
    """The sentence text with extension words inside proper names replaced by ``NAME_MASK``."""
    text = row["text"]
    mine = spans.filter(pl.col("sentence_id") == row["sentence_id"]).sort("start", descending=True)
    for start, end in mine.select("start", "end").iter_rows():
        lo, hi = start - row["start"], end - row["start"]
        inner = _WORD.sub(
            lambda m: NAME_MASK if m.group().lower() in words else m.group(), text[lo:hi]
        )
        text = text[:lo] + inner + text[hi:]
    return text


def _in_name(tokens: pl.DataFrame, spans: pl.DataFrame) -> pl.Series:
    """True for tokens inside one of ``spans`` (:func:`proper_name_spans`), same sentence."""
    by_sentence: dict[str, list[tuple[int, int]]] = {}
    for sid, lo, hi in spans.select("sentence_id", "start", "end").iter_rows():
        by_sentence.setdefault(sid, []).append((lo, hi))
    return pl.Series(
        "in_name",
        [
            any(lo <= a and b <= hi for lo, hi in by_sentence.get(sid, ()))
            for sid, a, b in tokens.select("sentence_id", "start", "end").iter_rows()
        ],
        dtype=pl.Boolean,
    )
