"""The two baselines ``discourse bench`` times the suite against, stage by stage.

- **student**: the straightforward version a student would write with NLTK: Punkt sentences
  (NLTK's default parameters) and :class:`nltk.tokenize.NLTKWordTokenizer` words, lower-cased;
  :class:`collections.Counter` for counts; a Python loop computing four-cell G2 term by term;
  :class:`nltk.tokenize.MWETokenizer` to join multi-word lexicon entries, then a dictionary
  look-up (and a loop over the ``word*`` prefixes) per token.
- **re**: plain :mod:`re` and :class:`~collections.Counter`: ``re.findall`` on lower-cased text
  for tokens and counts, the same G2 loop, and one compiled alternation of every lexicon
  pattern (longest first) run with ``re.finditer``.
- VADER and readability have no cheaper formulation: their baseline (**serial**) calls the same
  libraries (NLTK's VADER, textstat) one sentence or one group at a time in a single process.

The baselines do less than the suite (no character offsets, no sentence or token ids, no
provenance of matches; keyness gives G2 only), so a ratio above 1 is the suite doing more work
faster. They are written for timing, not for analysis.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

# --- tokens -----------------------------------------------------------------------------------

_RE_TOKEN = re.compile(r"\w+(?:['’-]\w+)*|[^\w\s]")
_RE_WORD = re.compile(r"\w+(?:['’-]\w+)*")


def student_tokens(texts: Iterable[str]) -> list[list[str]]:
    """Each document's tokens: Punkt sentences, NLTK's Treebank-style words, lower-cased."""
    from nltk.tokenize import NLTKWordTokenizer
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    sentences = PunktSentenceTokenizer()
    words = NLTKWordTokenizer()
    out = []
    for text in texts:
        doc = []
        for sentence in sentences.tokenize(text):
            doc.extend(w.lower() for w in words.tokenize(sentence))
        out.append(doc)
    return out


def nltk_span_tokens(texts: Iterable[str]) -> list[list[tuple[int, int]]]:
    """Each document's token offsets: Punkt sentence spans, then NLTK's Treebank-style word
    spans (``NLTKWordTokenizer.span_tokenize``) within each: the like-for-like baseline for
    the suite, which also returns offsets into the source."""
    from nltk.tokenize import NLTKWordTokenizer
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    sentences = PunktSentenceTokenizer()
    words = NLTKWordTokenizer()
    out = []
    for text in texts:
        doc = []
        for start, end in sentences.span_tokenize(text):
            doc.extend((start + s, start + e) for s, e in words.span_tokenize(text[start:end]))
        out.append(doc)
    return out


def nltk_word_spans(sentences: Iterable[str]) -> list[list[tuple[int, int]]]:
    """Word offsets of each sentence from ``NLTKWordTokenizer.span_tokenize`` (the word step
    alone, on the sentences the suite split: the baseline of the suite's ``tokens_words``)."""
    from nltk.tokenize import NLTKWordTokenizer

    words = NLTKWordTokenizer()
    return [list(words.span_tokenize(sentence)) for sentence in sentences]


def re_word_spans(sentences: Iterable[str]) -> list[list[tuple[int, int]]]:
    """Word offsets of each sentence from one regular expression (words and punctuation)."""
    return [[m.span() for m in _RE_TOKEN.finditer(sentence)] for sentence in sentences]


def re_tokens(texts: Iterable[str]) -> list[list[str]]:
    """Each document's tokens with one regular expression (words and single punctuation)."""
    return [_RE_TOKEN.findall(text.lower()) for text in texts]


# --- counts -----------------------------------------------------------------------------------


def is_word(token: str) -> bool:
    """A token counted as a word: it holds a letter or a digit."""
    return any(ch.isalnum() for ch in token)


def student_counts(docs: Iterable[list[str]], groups: Iterable[str]) -> dict[str, Counter]:
    """Word counts per group from tokenized documents."""
    out: dict[str, Counter] = {}
    for toks, group in zip(docs, groups, strict=True):
        out.setdefault(group, Counter()).update(t for t in toks if is_word(t))
    return out


def re_counts(texts: Iterable[str], groups: Iterable[str]) -> dict[str, Counter]:
    """Word counts per group straight from the text (``re.findall`` + ``Counter``)."""
    out: dict[str, Counter] = {}
    for text, group in zip(texts, groups, strict=True):
        out.setdefault(group, Counter()).update(_RE_WORD.findall(text.lower()))
    return out


# --- keyness ----------------------------------------------------------------------------------


def g2_loop(a: int, b: int, c: int, d: int) -> float:
    """Signed four-cell G2 of one term, written out (as in docs/METHODS.md)."""
    n, k = c + d, a + b
    total = 0.0
    for o, e in (
        (a, c * k / n),
        (b, d * k / n),
        (c - a, c * (n - k) / n),
        (d - b, d * (n - k) / n),
    ):
        if o > 0:
            total += o * math.log(o / e)
    value = max(2.0 * total, 0.0)
    return -value if a * d < b * c else value


def keyness_loop(
    counts: dict[str, Counter], stopwords: frozenset[str] | set[str] = frozenset()
) -> dict[str, dict[str, float]]:
    """G2 of every term of every group against all the other groups pooled.

    ``c`` and ``d`` count every word; stop words are left out of the terms compared.
    """
    sizes = {g: sum(cnt.values()) for g, cnt in counts.items()}
    total = Counter()
    for cnt in counts.values():
        total.update(cnt)
    everything = sum(sizes.values())
    out = {}
    for group, cnt in counts.items():
        c, d = sizes[group], everything - sizes[group]
        out[group] = {
            term: g2_loop(cnt.get(term, 0), n - cnt.get(term, 0), c, d)
            for term, n in total.items()
            if term not in stopwords
        }
    return out


# --- lexicon matching -------------------------------------------------------------------------


def _pattern_words(pattern: str) -> tuple[str, ...]:
    from nltk.tokenize import NLTKWordTokenizer

    return tuple(w.lower() for w in NLTKWordTokenizer().tokenize(pattern))


def student_matcher(patterns: Iterable[str]):
    """A function counting lexicon entries in a document's tokens, built on ``MWETokenizer``.

    Multi-word entries are joined into one token by :class:`nltk.tokenize.MWETokenizer`
    (separator ``_``); a token then counts when it equals an entry, or starts with the stem of
    a ``word*`` entry (one loop over the stems per token).
    """
    from nltk.tokenize import MWETokenizer

    exact, stems, mwes = set(), [], []
    for pattern in patterns:
        words = _pattern_words(pattern.rstrip("*")) or (pattern,)
        if pattern.endswith("*") and len(words) == 1:
            stems.append(words[0])
            continue
        if len(words) > 1:
            mwes.append(words)
        exact.add("_".join(words))
    tokenizer = MWETokenizer(mwes, separator="_")

    def count(tokens: list[str]) -> Counter:
        found = Counter()
        for tok in tokenizer.tokenize(tokens):
            if tok in exact:
                found[tok] += 1
                continue
            for stem in stems:
                if tok.startswith(stem):
                    found[stem + "*"] += 1
                    break
        return found

    return count


def re_matcher(patterns: Iterable[str]):
    """A function counting lexicon entries in a document's text with one compiled regex."""
    alternatives = []
    for pattern in sorted(set(patterns), key=lambda p: (-len(p), p)):
        star = pattern.endswith("*")
        body = r"\s+".join(re.escape(w) for w in pattern.rstrip("*").lower().split())
        alternatives.append(body + (r"\w*" if star else r"\b"))
    regex = re.compile(r"\b(?:" + "|".join(alternatives) + ")") if alternatives else None

    def count(text: str) -> Counter:
        if regex is None:
            return Counter()
        return Counter(m.group(0) for m in regex.finditer(text.lower()))

    return count


# --- VADER and readability (same libraries, one item at a time) --------------------------------


def serial_vader(sentences: Iterable[str], analyzer=None) -> list[float]:
    """VADER compound score of each sentence, in one process (``analyzer``: NLTK's VADER)."""
    from analysis import resources

    analyzer = resources.vader_analyzer() if analyzer is None else analyzer
    return [analyzer.polarity_scores(s)["compound"] for s in sentences]


def serial_readability(texts_by_group: dict[str, list[str]]) -> dict[str, dict[str, float]]:
    """textstat's six indices for each group's sentences joined, in one process."""
    from analysis import resources

    ts = resources.textstat_module()
    out = {}
    for group, sentences in texts_by_group.items():
        joined = " ".join(sentences)
        out[group] = {
            "flesch_reading_ease": ts.flesch_reading_ease(joined),
            "flesch_kincaid_grade": ts.flesch_kincaid_grade(joined),
            "gunning_fog": ts.gunning_fog(joined),
            "smog_index": ts.smog_index(joined),
            "coleman_liau_index": ts.coleman_liau_index(joined),
            "dale_chall": ts.dale_chall_readability_score(joined),
        }
    return out
