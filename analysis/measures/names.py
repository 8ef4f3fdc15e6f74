"""One rule for words inside names: a proper name claims its words in every measure.

The label lexicon (``data/lexicons/event-labels.csv``) lists proper names that contain a label
word (category ``proper_name``: "Genocide Watch", "Genocide Convention", signatory names).
:data:`NAME_RULE` says what they do; it is applied in two places only, both built on
:func:`with_names` / :func:`name_terms`:

- :func:`analysis.measures.terminology.tokens_lookup`, under every lexicon count, first
  mention, concordance (KWIC) and dispersion plot: the names are matched with the patterns and
  claim their words;
- :func:`tokens_outside_names`, under keyness, similarity and vocabulary
  (:func:`analysis.measures.keyness.tokens_terms`), which count word tokens one by one.

So "genocide" has one count in every measure (on the default corpus, 8 in the letter).
"""

from __future__ import annotations

import polars as pl

from analysis import lexicons

#: Label categories that are names, not the text's own labels (see :data:`NAME_RULE`).
NAME_CATEGORIES = frozenset({"proper_name"})

#: The one rule for words inside names, applied by
#: :func:`analysis.measures.terminology.tokens_lookup` (counts, first mentions, KWIC, dispersion) and by :func:`tokens_outside_names` (keyness, similarity).
NAME_RULE = (
    "A proper name listed in data/lexicons/event-labels.csv (category proper_name: an "
    "organisation, a treaty, a title, a signatory, e.g. “Genocide Watch”, “Genocide "
    "Convention”) claims its words: no word inside it counts as a label, a keyness term, a "
    "dispersion tick or a concordance line, unless the pattern searched for covers the whole "
    "name; each name is counted once, as a name (textstat_names)."
)


def name_terms() -> pl.DataFrame:
    """The proper names of the label lexicon (rows of a category in :data:`NAME_CATEGORIES`)."""
    from analysis.measures import terminology  # local: terminology imports this module

    terms = terminology.lexicon_terms("event-labels")
    return terms.filter(pl.col("category").is_in(list(NAME_CATEGORIES)))


def with_names(terms: pl.DataFrame) -> pl.DataFrame:
    """``terms`` with the names of :func:`name_terms` appended, flagged ``_added``.

    A name whose pattern already is a row of ``terms`` (same normalised tokens) is not
    appended, so searching for a name finds it; the rows of ``terms`` are ``_added`` false.
    """
    own = {lexicons.pattern_key(f) for f in terms["form"].to_list()}
    names = name_terms().filter(
        ~pl.col("form").map_elements(lexicons.pattern_key, return_dtype=pl.String).is_in(own)
    )
    return pl.concat(
        [terms.with_columns(_added=pl.lit(False)), names.with_columns(_added=pl.lit(True))],
        how="diagonal_relaxed",
    )


def tokens_outside_names(toks: pl.DataFrame) -> pl.DataFrame:
    """The rows of a token frame that are not inside a proper name (:data:`NAME_RULE`).

    Used where tokens are counted one by one (keyness, similarity, vocabulary), so the words
    of "Genocide Watch" are not counted as the word "genocide" there either.

    Args:
        toks: tokens with ``norm, text_id, sentence_id, token_index, source_id, start, end``
            (word tokens only, or every token), in document order.
    """
    if toks.height == 0:
        return toks
    spans = lexicons.match_patterns(
        toks, name_terms(), pattern_column="form", source_text=lambda _source: ""
    )
    if spans.height == 0:
        return toks
    rows = toks.select("sentence_id", "token_index").with_row_index("_r")
    first = spans.select("sentence_id", "token_index", "n_tokens").join(
        rows, on=["sentence_id", "token_index"], how="inner"
    )
    # a name of n tokens covers its first token's row and the n - 1 rows after it
    covered = first.select(
        pl.int_ranges("_r", pl.col("_r") + pl.col("n_tokens"), dtype=pl.UInt32).alias("_r")
    ).explode("_r")["_r"]
    return toks.filter(~rows["_r"].is_in(covered.implode()))
