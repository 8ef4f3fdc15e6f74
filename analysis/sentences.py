"""Sentence splitting: NLTK's Punkt with a hand-set abbreviation list, serial or in parallel.

No trained ``punkt``/``punkt_tab`` model is needed or fetched. A line break always ends a
sentence. :func:`all_spans` splits many segments at once: for a large corpus it sends batches
of segments (about :data:`SENTENCE_BATCH_CHARS` characters each) to the suite's executor
(:func:`analysis.executor.map_chunks`: local processes or a Dask cluster), and the spans do
not depend on where they were computed. :func:`analysis.tokens.tokens_sentences` builds the
sentence table from them.
"""

from __future__ import annotations

import re
from array import array

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from analysis import executor

#: Abbreviations Punkt must not treat as sentence ends (lower case, without the final dot).
ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "no",
        "nos",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "cf",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "a.m",
        "p.m",
        "gen",
        "col",
        "lt",
        "rev",
        "hon",
        "jr",
        "sr",
    }
)


_SENT_TOKENIZER: PunktSentenceTokenizer | None = None
#: Characters of text below which Punkt runs serially (starting workers costs more than it
#: saves; the default corpus is far below this).
SENTENCES_MIN_PARALLEL = 16_000_000
#: Characters per batch of segments sent to a worker for sentence splitting.
SENTENCE_BATCH_CHARS = 250_000


def sentence_tokenizer() -> PunktSentenceTokenizer:
    """The suite's Punkt sentence splitter (built once, no model file)."""
    global _SENT_TOKENIZER
    if _SENT_TOKENIZER is None:
        params = PunktParameters()
        params.abbrev_types = set(ABBREVIATIONS)
        _SENT_TOKENIZER = PunktSentenceTokenizer(params)
    return _SENT_TOKENIZER


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in ``text``; line breaks always end a sentence."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        base = line.start()
        for s, e in sentence_tokenizer().span_tokenize(line.group()):
            spans.append((base + s, base + e))
    return spans


def _spans_flat(texts: list[str]) -> list[array]:
    """Each text's sentence spans as one flat array ``start, end, start, end, …`` (compact to
    send back from a worker)."""
    out = []
    for text in texts:
        flat = array("q")
        for span in sentence_spans(text):
            flat.extend(span)
        out.append(flat)
    return out


def _spans_of_batches(batches: list[list[str]]) -> list[list[array]]:
    """:func:`_spans_flat` for each batch of texts (the unit of work sent to the executor)."""
    return [_spans_flat(batch) for batch in batches]


def all_spans(texts: list[str], run_on: executor.Executor | None = None) -> list[array]:
    """:func:`_spans_flat` of every text, in order, in parallel when the texts are large.

    Texts are grouped into consecutive batches of about :data:`SENTENCE_BATCH_CHARS`
    characters, so chunks carry similar work however uneven the segments are.
    """
    batches: list[list[str]] = []
    weights: list[int] = []
    size = SENTENCE_BATCH_CHARS
    for text in texts:
        if not batches or weights[-1] + len(text) > size:
            batches.append([])
            weights.append(0)
        batches[-1].append(text)
        weights[-1] += len(text)
    done = executor.map_chunks(
        _spans_of_batches,
        batches,
        desc="Sentences",
        executor=run_on,
        min_parallel=SENTENCES_MIN_PARALLEL,
        weight=lambda batch: sum(map(len, batch)),
    )
    return [spans for batch in done for spans in batch]
