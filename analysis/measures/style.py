"""Style of the compared texts: readability, sentence and word length, lexical diversity.

Every measure takes a sentences or tokens frame (default: the corpus in force) and returns one
row per text found in it, however many, in display order (:func:`analysis.corpus.texts_in`).

- **Readability** (:func:`textstat_readability`) with ``textstat`` on each text's sentences
  joined (never the page around it): Flesch Reading Ease (Flesch 1948),
  Flesch-Kincaid grade (Kincaid et al. 1975), Gunning fog, SMOG, Coleman-Liau and Dale-Chall.
  *Choice*: the suite's sentence splitter treats each list item (ending in ``;`` or ``:``, as
  a petition's preamble bullets and demands often do) as a sentence; textstat only ends
  sentences at ``.``/``!``/``?``, so a full stop is appended to every sentence that lacks
  terminal punctuation before joining. Without it textstat reads a run of list items as one
  sentence; :func:`textstat_sentence_count_choice` measures the effect for every text.
  textstat's own sentence count is reported next to the suite's, and where they differ (an
  abbreviation such as ``Mr.``) it is textstat's count that enters its formulas. SMOG was normed on
  30-sentence samples (McLaughlin 1969); texts shorter than that are flagged.
- **Own Flesch and Flesch-Kincaid** (:func:`flesch_reading_ease`, :func:`flesch_kincaid_grade`)
  from counts, to check textstat against the published formulas.
- **Sentence and word length** (:func:`textstat_sentence_lengths`, :func:`textstat_word_lengths`):
  word tokens per sentence, syllables per word (textstat's CMU-dictionary-based counter).
- **Lexical diversity** with the suite's own implementations, on lower-cased alphabetic word
  tokens (kind ``word``; numbers and the clitic ``'s`` are left out): TTR; MATTR (Covington &
  McFall 2010), the mean TTR of every window of W tokens moved one token at a time, W = 50
  (docs/METHODS.md); MTLD (McCarthy & Jarvis 2010), threshold 0.72, the mean of a forward and a
  backward pass, each counting a partial factor for the remainder.

Nominalisation and passive-voice rates are not computed: doing them honestly needs a
part-of-speech model, which the offline suite does not ship.
"""

from __future__ import annotations

import functools
import math
import re
import statistics

import polars as pl

from analysis import corpus, executor, resources
from analysis.tokens import corpus_sentences, corpus_tokens

#: MATTR window (docs/METHODS.md, *choice* for these short texts).
MATTR_WINDOW = 50
#: MTLD factor threshold (McCarthy & Jarvis 2010).
MTLD_THRESHOLD = 0.72
#: SMOG's formula was normed on samples of 30 sentences.
SMOG_MIN_SENTENCES = 30

READABILITY_INDICES = {
    "flesch_reading_ease": "Flesch Reading Ease",
    "flesch_kincaid_grade": "Flesch-Kincaid grade",
    "gunning_fog": "Gunning fog",
    "smog_index": "SMOG",
    "coleman_liau_index": "Coleman-Liau",
    "dale_chall": "Dale-Chall",
}

_READABILITY_SCHEMA = {
    "text_id": pl.String,
    "n_sentences": pl.Int64,
    "n_sentences_textstat": pl.Int64,
    "n_words_textstat": pl.Int64,
    "n_syllables_textstat": pl.Int64,
    **{col: pl.Float64 for col in READABILITY_INDICES},
    "flesch_check": pl.Float64,
    "fk_check": pl.Float64,
    "smog_reliable": pl.Boolean,
}

_TERMINAL = re.compile(r"[.!?][\"'”’)\]]*\s*$")


# --- inputs -----------------------------------------------------------------------------------


def sentences_frame(sentences: pl.DataFrame | None = None) -> pl.DataFrame:
    """``sentences`` as given, or :func:`analysis.tokens.corpus_sentences` (the compared texts).

    Shared with :mod:`analysis.measures.sentiment`, so both modules read the same default input.
    """
    return corpus_sentences() if sentences is None else sentences


def tokens_frame(toks: pl.DataFrame | None = None) -> pl.DataFrame:
    """``toks`` as given, or every token of :func:`analysis.tokens.corpus_tokens`."""
    return corpus_tokens() if toks is None else toks


def word_tokens(toks: pl.DataFrame | None = None) -> pl.DataFrame:
    """The word tokens (``is_word``) of ``toks``, or of :func:`analysis.tokens.corpus_tokens`."""
    frame = corpus_tokens(words_only=True) if toks is None else toks
    return frame.filter(pl.col("is_word"))


# --- readability ------------------------------------------------------------------------------


def flesch_reading_ease(words: int, sentences: int, syllables: int) -> float:
    """Flesch (1948): 206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words)."""
    return 206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words)


def flesch_kincaid_grade(words: int, sentences: int, syllables: int) -> float:
    """Kincaid et al. (1975): 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59."""
    return 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59


def readability_text(sentences: list[str]) -> str:
    """Join a text's sentences for textstat, ending each with a full stop if it has none."""
    out = []
    for s in sentences:
        s = s.strip()
        if not _TERMINAL.search(s):
            s = s.rstrip(";:,") + "."
        out.append(s)
    return " ".join(out)


#: Characters of text below which readability runs serially (textstat reads ~1 MB in seconds).
READABILITY_MIN_PARALLEL = 1_000_000
#: Sentences below which the per-sentence textstat counts run serially.
SENTENCES_MIN_PARALLEL = 20_000
#: Distinct words below which syllable counts run serially.
WORDS_MIN_PARALLEL = 50_000


@functools.lru_cache(maxsize=1)
def _textstat():
    return resources.textstat_module()


def readability_scores(joined: list[str]) -> list[dict]:
    """textstat's counts and indices for each text (sentences joined by :func:`readability_text`).

    The unit of work :func:`textstat_readability` sends to :func:`analysis.executor.map_chunks`.

    Returns:
        Per text: ``n_sentences_textstat``, ``n_words_textstat``, ``n_syllables_textstat``, the
        six indices (:data:`READABILITY_INDICES`), ``flesch_check`` and ``fk_check``.
    """
    ts = _textstat()
    out = []
    for text in joined:
        n_s = ts.sentence_count(text)
        n_w, n_syl = ts.lexicon_count(text), ts.syllable_count(text)
        out.append(
            {
                "n_sentences_textstat": n_s,
                "n_words_textstat": n_w,
                "n_syllables_textstat": n_syl,
                "flesch_reading_ease": ts.flesch_reading_ease(text),
                "flesch_kincaid_grade": ts.flesch_kincaid_grade(text),
                "gunning_fog": ts.gunning_fog(text),
                "smog_index": ts.smog_index(text),
                "coleman_liau_index": ts.coleman_liau_index(text),
                "dale_chall": ts.dale_chall_readability_score(text),
                "flesch_check": flesch_reading_ease(n_w, n_s, n_syl),
                "fk_check": flesch_kincaid_grade(n_w, n_s, n_syl),
            }
        )
    return out


def textstat_readability(sentences: pl.DataFrame | None = None) -> pl.DataFrame:
    """Readability indices per text, from textstat.

    Texts are scored in parallel through :func:`analysis.executor.map_chunks` when they are
    long enough together (:data:`READABILITY_MIN_PARALLEL` characters); the values do not
    depend on where they were computed.

    Args:
        sentences: from :func:`analysis.tokens.corpus_sentences` (default: the compared texts);
            every text in it gets a row.

    Returns:
        Per text: ``n_sentences`` (the suite's), ``n_sentences_textstat``, ``n_words_textstat``,
        ``n_syllables_textstat``, the six indices (see :data:`READABILITY_INDICES`),
        ``flesch_check`` and ``fk_check`` (the published formulas applied to textstat's
        counts) and ``smog_reliable`` (at least 30 sentences).
    """
    _textstat()  # loaded here first: workers then find the NLTK data ready
    sents = sentences_frame(sentences)
    ids, sizes, joined = [], [], []
    for text_id in corpus.texts_in(sents):
        texts = sents.filter(pl.col("text_id") == text_id).sort("sentence_index")["text"]
        ids.append(text_id)
        sizes.append(texts.len())
        joined.append(readability_text(texts.to_list()))
    scores = executor.map_chunks(
        readability_scores,
        joined,
        desc="textstat readability",
        chunk_size=1,
        min_parallel=READABILITY_MIN_PARALLEL,
        weight=len,
    )
    rows = [
        {
            "text_id": text_id,
            "n_sentences": n,
            **score,
            "smog_reliable": n >= SMOG_MIN_SENTENCES,
        }
        for text_id, n, score in zip(ids, sizes, scores, strict=True)
    ]
    return pl.DataFrame(rows, schema=_READABILITY_SCHEMA)


def textstat_sentence_count_choice(sentences: pl.DataFrame | None = None) -> pl.DataFrame:
    """What the full-stop *choice* of :func:`readability_text` changes in textstat's count.

    Returns:
        One row per text (``part`` = ``all``) and, for a text of more than one segment role,
        per role (``part`` = the role, e.g. a petition's ``petition_preamble``), in text
        order: ``text_id``, ``part``, ``n_sentences`` (the suite's), ``n_unterminated``
        (sentences without ``.``/``!``/``?`` at the end), ``n_textstat_joined`` (textstat on
        the sentences joined as they are) and ``n_textstat_marked`` (after
        :func:`readability_text`; the count the indices use).
    """
    ts = resources.textstat_module()
    sents = sentences_frame(sentences)
    rows = []
    for text_id in corpus.texts_in(sents):
        text = sents.filter(pl.col("text_id") == text_id).sort("sentence_index")
        roles = text["role"].unique(maintain_order=True).to_list()
        parts = [("all", text)] + [(r, text.filter(pl.col("role") == r)) for r in roles]
        for part, frame in parts if len(roles) > 1 else parts[:1]:
            items = frame["text"].to_list()
            rows.append(
                {
                    "text_id": text_id,
                    "part": part,
                    "n_sentences": len(items),
                    "n_unterminated": sum(not _TERMINAL.search(s.strip()) for s in items),
                    "n_textstat_joined": ts.sentence_count(" ".join(items)),
                    "n_textstat_marked": ts.sentence_count(readability_text(items)),
                }
            )
    schema = {"text_id": pl.String, "part": pl.String}
    schema |= {c: pl.Int64 for c in ("n_sentences", "n_unterminated")}
    schema |= {c: pl.Int64 for c in ("n_textstat_joined", "n_textstat_marked")}
    return pl.DataFrame(rows, schema=schema)


def sentence_counts(texts: list[str]) -> list[int]:
    """textstat's sentence count of each sentence after :func:`readability_text`, in order."""
    ts = _textstat()
    return [ts.sentence_count(readability_text([t])) for t in texts]


def textstat_sentence_splits(sentences: pl.DataFrame | None = None) -> pl.DataFrame:
    """The suite's sentences that textstat alone would count as more than one.

    Returns:
        ``text_id``, ``sentence_id``, ``n_textstat`` (textstat's count for this sentence,
        after :func:`readability_text`), ``inner_stops`` (words ending in ``.`` followed by
        more text, e.g. ``Mr.``, joined by ``; ``) and ``text``; empty when textstat agrees
        with the suite everywhere.
    """
    _textstat()
    sents = sentences_frame(sentences)
    counts = executor.map_chunks(
        sentence_counts,
        sents["text"].to_list(),
        desc="textstat sentence counts",
        min_parallel=SENTENCES_MIN_PARALLEL,
    )
    rows = []
    for r, n in zip(sents.iter_rows(named=True), counts, strict=True):
        if n > 1:
            stops = re.findall(r"\b[\w’']+\.(?=\s+\S)", r["text"].strip())
            rows.append(
                {
                    "text_id": r["text_id"],
                    "sentence_id": r["sentence_id"],
                    "n_textstat": n,
                    "inner_stops": "; ".join(stops),
                    "text": r["text"],
                }
            )
    schema = {
        "text_id": pl.String,
        "sentence_id": pl.String,
        "n_textstat": pl.Int64,
        "inner_stops": pl.String,
        "text": pl.String,
    }
    return corpus.order_by_text(pl.DataFrame(rows, schema=schema), "sentence_id")


def readability_long(readability: pl.DataFrame) -> pl.DataFrame:
    """The six indices in long form (``text_id``, ``index``, ``label``, ``value``) for charts."""
    frames = [
        readability.select(
            "text_id",
            pl.lit(col).alias("index"),
            pl.lit(label).alias("label"),
            pl.col(col).cast(pl.Float64).alias("value"),
        )
        for col, label in READABILITY_INDICES.items()
    ]
    return pl.concat(frames)


# --- sentence and word length -----------------------------------------------------------------


def textstat_sentence_lengths(tokens: pl.DataFrame | None = None) -> pl.DataFrame:
    """Word tokens per sentence (``text_id``, ``sentence_id``, ``n_words``), in text order."""
    lengths = (
        word_tokens(tokens)
        .group_by("text_id", "sentence_id", maintain_order=True)
        .agg(pl.len().alias("n_words"))
    )
    return corpus.order_by_text(lengths, "sentence_id")


def textstat_sentence_length_summary(lengths: pl.DataFrame) -> pl.DataFrame:
    """Per text: sentences and the mean, median, standard deviation, min and max length."""
    summary = lengths.group_by("text_id", maintain_order=True).agg(
        pl.len().alias("n_sentences"),
        pl.col("n_words").mean().alias("mean"),
        pl.col("n_words").median().alias("median"),
        pl.col("n_words").std().alias("sd"),
        pl.col("n_words").min().alias("min"),
        pl.col("n_words").max().alias("max"),
    )
    return corpus.order_by_text(summary)


def syllable_counts(words: list[str]) -> list[int]:
    """textstat's syllable count of each word, in order."""
    ts = _textstat()
    return [ts.syllable_count(w) for w in words]


def textstat_word_lengths(tokens: pl.DataFrame | None = None) -> pl.DataFrame:
    """Syllables per word per text, over alphabetic word tokens (textstat's syllable counter).

    Each distinct word is counted once (in parallel through
    :func:`analysis.executor.map_chunks` when there are many).

    Returns:
        Per text: ``n_words``, ``mean_syllables``, ``share_polysyllabic`` (3+ syllables),
        ``mean_characters``.
    """
    _textstat()
    words = word_tokens(tokens).filter(pl.col("kind") == "word")
    distinct = words["token"].unique(maintain_order=True).to_list()
    counts = executor.map_chunks(
        syllable_counts, distinct, desc="textstat syllables", min_parallel=WORDS_MIN_PARALLEL
    )
    syl = words.with_columns(
        pl.col("token").replace_strict(distinct, counts, return_dtype=pl.Int64).alias("syllables"),
        pl.col("token").str.len_chars().alias("characters"),
    )
    out = syl.group_by("text_id", maintain_order=True).agg(
        pl.len().alias("n_words"),
        pl.col("syllables").mean().alias("mean_syllables"),
        (pl.col("syllables") >= 3).mean().alias("share_polysyllabic"),
        pl.col("characters").mean().alias("mean_characters"),
    )
    return corpus.order_by_text(out)


# --- lexical diversity ------------------------------------------------------------------------


def ttr(tokens: list[str]) -> float:
    """Type-token ratio: distinct tokens / tokens (NaN for an empty list)."""
    return len(set(tokens)) / len(tokens) if tokens else math.nan


def mattr(tokens: list[str], window: int = MATTR_WINDOW) -> float:
    """Moving-average TTR (Covington & McFall 2010).

    The TTR of every window of ``window`` consecutive tokens (step 1, so N - W + 1 windows),
    averaged. With fewer tokens than ``window`` there is a single window, the whole text, and
    the result equals :func:`ttr` (:func:`textstat_lexical_diversity` flags that case).
    """
    n = len(tokens)
    if n == 0:
        return math.nan
    if n <= window:
        return ttr(tokens)
    counts: dict[str, int] = {}
    for t in tokens[:window]:
        counts[t] = counts.get(t, 0) + 1
    total = len(counts)
    for i in range(window, n):
        out_tok, in_tok = tokens[i - window], tokens[i]
        counts[out_tok] -= 1
        if counts[out_tok] == 0:
            del counts[out_tok]
        counts[in_tok] = counts.get(in_tok, 0) + 1
        total += len(counts)
    return total / ((n - window + 1) * window)


def mtld_factors(tokens: list[str], threshold: float = MTLD_THRESHOLD) -> float:
    """One MTLD pass: the number of factors, partial factor for the remainder included.

    Tokens are read in order while the running TTR of the current segment is computed; when
    it falls to ``threshold`` or below, one factor is counted and the segment restarts. The
    remainder counts as (1 - TTR of the remainder) / (1 - threshold) of a factor (an empty
    remainder counts 0).
    """
    factors = 0.0
    types: set[str] = set()
    count = 0
    current = 1.0
    for t in tokens:
        count += 1
        types.add(t)
        current = len(types) / count
        if current <= threshold:
            factors += 1
            types, count, current = set(), 0, 1.0
    if count:
        factors += (1 - current) / (1 - threshold)
    return factors


def mtld_pass(tokens: list[str], threshold: float = MTLD_THRESHOLD) -> float:
    """Tokens / factors for one direction (NaN if no factor at all: TTR never fell)."""
    f = mtld_factors(tokens, threshold)
    return len(tokens) / f if f > 0 else math.nan


def mtld(tokens: list[str], threshold: float = MTLD_THRESHOLD) -> float:
    """MTLD (McCarthy & Jarvis 2010): mean of the forward and the backward pass."""
    return statistics.fmean([mtld_pass(tokens, threshold), mtld_pass(tokens[::-1], threshold)])


def textstat_lexical_diversity(
    tokens: pl.DataFrame | None = None, *, window: int = MATTR_WINDOW
) -> pl.DataFrame:
    """TTR, MATTR and MTLD per text, on lower-cased alphabetic word tokens.

    Args:
        tokens: from :func:`analysis.tokens.corpus_tokens` (default: the compared texts);
            every text with at least one alphabetic word gets a row.
        window: the MATTR window W.

    Returns:
        Per text: ``n_tokens``, ``n_types``, ``ttr``, ``mattr``, ``mattr_window``,
        ``mattr_is_ttr`` (fewer tokens than the window), ``mtld``, ``mtld_forward``,
        ``mtld_backward``.
    """
    words = word_tokens(tokens).filter(pl.col("kind") == "word")
    rows = []
    for text_id in corpus.texts_in(words):
        seq = words.filter(pl.col("text_id") == text_id).sort("token_index")["norm"].to_list()
        rows.append(
            {
                "text_id": text_id,
                "n_tokens": len(seq),
                "n_types": len(set(seq)),
                "ttr": ttr(seq),
                "mattr": mattr(seq, window),
                "mattr_window": window,
                "mattr_is_ttr": len(seq) <= window,
                "mtld": mtld(seq),
                "mtld_forward": mtld_pass(seq),
                "mtld_backward": mtld_pass(seq[::-1]),
            }
        )
    schema = {"text_id": pl.String, "n_tokens": pl.Int64, "n_types": pl.Int64}
    schema |= {"ttr": pl.Float64, "mattr": pl.Float64, "mattr_window": pl.Int64}
    schema |= {"mattr_is_ttr": pl.Boolean, "mtld": pl.Float64}
    schema |= {"mtld_forward": pl.Float64, "mtld_backward": pl.Float64}
    return pl.DataFrame(rows, schema=schema)


def mattr_label(diversity: pl.DataFrame) -> str:
    """``MATTR (W = n)`` with the window read from ``diversity["mattr_window"]``.

    Raises:
        ValueError: when the rows were computed with different windows.
    """
    windows = diversity["mattr_window"].unique().to_list()
    if len(windows) != 1:
        raise ValueError(f"diversity rows use different MATTR windows: {sorted(windows)}.")
    return f"MATTR (W = {windows[0]})"


def diversity_long(diversity: pl.DataFrame) -> pl.DataFrame:
    """TTR, MATTR and MTLD in long form (``text_id``, ``measure``, ``value``) for charts.

    The MATTR label names the window the rows were computed with (:func:`mattr_label`).
    """
    labels = {"ttr": "TTR", "mattr": mattr_label(diversity), "mtld": "MTLD"}
    return pl.concat(
        [
            diversity.select("text_id", pl.lit(label).alias("measure"), pl.col(col).alias("value"))
            for col, label in labels.items()
        ]
    )
