"""The stages ``discourse bench`` times, each as the suite runs it and as its baselines do.

A stage is a function of :class:`Inputs`, the scale corpus of one size and what earlier stages
made from it. Inputs are read (or made, and kept for later stages) before the clock starts, so
a stage's time is its own work; its peak memory includes its inputs.

Suite stages call the suite's public functions: :func:`analysis.tokens.tokens_sentences`,
:func:`~analysis.tokens.tokens_words` and :func:`~analysis.tokens.tokens_normalise`;
:func:`analysis.measures.keyness.textstat_term_vectors` (counts) and
:func:`~analysis.measures.keyness.textstat_keyness_all`; :func:`analysis.lexicons.match_patterns`
with every lexicon the analysis matches, grouped as the analysis groups them
(:func:`lexicon_tables`); :func:`analysis.measures.sentiment.textstat_sentiment` (VADER) and
:func:`analysis.measures.style.textstat_readability`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path

import polars as pl

#: Stages in the order they run.
STAGE_NAMES = ("tokens", "words", "counts", "keyness", "lexicons", "vader", "readability")


def lexicon_tables() -> list[tuple[str, pl.DataFrame, str]]:
    """Every lexicon the analysis matches, split as the analysis matches it.

    Returns:
        ``(name, patterns, pattern_column)`` triples: framing cues per layer and category,
        the three terminology lexicons, stance markers, directive cues, and response rules
        per layer.
    """
    from analysis.measures import framing, stance, terminology
    from analysis.measures.demands import common

    out = []
    cues = framing.framing_cues()
    for (layer, category), sub in cues.group_by("layer", "category", maintain_order=True):
        out.append(
            (f"framing-cues:{layer}/{category}", sub.select("layer", "category", "cue"), "cue")
        )
    for name in terminology.LEXICONS:
        out.append((name, terminology.lexicon_terms(name), "form"))
    out.append(("stance-markers", stance.stance_markers().select("category", "marker"), "marker"))
    out.append(("directive-cues", common.demands_cues(), "pattern"))
    rules = common.response_rules()
    for (layer,), sub in rules.group_by("layer", maintain_order=True):
        out.append((f"rules:{layer}", sub, "pattern"))  # response-functions.csv
    return out


def match_all(
    match: Callable,
    toks: pl.DataFrame,
    segments: pl.DataFrame,
    tables: list[tuple[str, pl.DataFrame, str]] | None = None,
) -> int:
    """Run a matcher (``match_patterns``' signature) with every lexicon; the number of matches."""
    found = 0
    for _name, table, column in lexicon_tables() if tables is None else tables:
        found += match(toks, table, pattern_column=column, segments=segments).height
    return found


class Inputs:
    """The inputs of every stage for one scale corpus, kept as files in ``workdir``.

    ``segments.parquet`` is written by the caller; the rest is made on first use and saved, so
    later stages (run in other processes) read it instead of making it again.
    """

    def __init__(self, workdir: Path):
        self.workdir = Path(workdir)

    def _frame(self, name: str, make: Callable[[], pl.DataFrame]) -> pl.DataFrame:
        path = self.workdir / f"{name}.parquet"
        if path.is_file():
            return pl.read_parquet(path)
        frame = make()
        frame.write_parquet(path)
        return frame

    @cached_property
    def segments(self) -> pl.DataFrame:
        return pl.read_parquet(self.workdir / "segments.parquet")

    @cached_property
    def sentences(self) -> pl.DataFrame:
        from analysis import tokens

        return self._frame("sentences", lambda: tokens.tokens_sentences(self.segments))

    @cached_property
    def tokens(self) -> pl.DataFrame:
        from analysis import tokens

        return self._frame(
            "tokens", lambda: tokens.tokens_normalise(tokens.tokens_words(self.sentences))
        )

    @cached_property
    def texts(self) -> list[str]:
        return self.segments["text"].to_list()

    @cached_property
    def groups(self) -> list[str]:
        return self.segments["text_id"].to_list()

    @cached_property
    def student_docs(self) -> list[list[str]]:
        from analysis.bench import baselines

        frame = self._frame(
            "student_tokens",
            lambda: pl.DataFrame(
                {"tokens": baselines.student_tokens(self.texts)},
                schema={"tokens": pl.List(pl.String)},
            ),
        )
        return frame["tokens"].to_list()

    @cached_property
    def lexicons(self) -> list[tuple[str, pl.DataFrame, str]]:
        return lexicon_tables()

    @cached_property
    def patterns(self) -> list[str]:
        return [p for _name, table, column in self.lexicons for p in table[column].to_list()]

    @cached_property
    def stopwords(self) -> frozenset[str]:
        from analysis import resources

        return resources.stopwords()

    @cached_property
    def vader(self):
        """The suite's VADER analyser, its lexicon loaded (the baseline uses it too)."""
        from analysis.measures.sentiment_lexicons import _vader

        return _vader()

    @cached_property
    def textstat(self):
        """textstat with its dictionaries loaded by one call to each index."""
        from analysis.measures import style

        warm = ["A first short sentence.", "A second one, with a longer word."]
        style.textstat_readability(
            pl.DataFrame(
                {"text_id": ["warm"] * 2, "sentence_index": [1, 2], "text": warm},
            )
        )
        from analysis import resources

        return resources.textstat_module()

    def prepare(self, stage: str, impl: str) -> None:
        """Load (or make) everything ``impl`` of ``stage`` reads, before it is timed."""
        for name in NEEDS[stage][impl]:
            getattr(self, name)


# --- the stages ---------------------------------------------------------------------------------


def suite_tokens(x: Inputs) -> int:
    from analysis import tokens

    toks = tokens.tokens_normalise(tokens.tokens_words(tokens.tokens_sentences(x.segments)))
    return toks.height


def suite_words(x: Inputs) -> int:
    from analysis import tokens

    return tokens.tokens_normalise(tokens.tokens_words(x.sentences)).height


def nltk_words(x: Inputs) -> int:
    from analysis.bench import baselines

    return sum(map(len, baselines.nltk_word_spans(x.sentences["text"].to_list())))


def re_words(x: Inputs) -> int:
    from analysis.bench import baselines

    return sum(map(len, baselines.re_word_spans(x.sentences["text"].to_list())))


def suite_counts(x: Inputs) -> int:
    from analysis.measures import keyness

    return keyness.textstat_term_vectors(drop_stopwords=False, toks=x.tokens).height


def suite_keyness(x: Inputs) -> int:
    from analysis.measures import keyness

    return keyness.textstat_keyness_all(toks=x.tokens).height


def suite_lexicons(x: Inputs) -> int:
    from analysis.lexicons import match_patterns

    return match_all(match_patterns, x.tokens, x.segments, x.lexicons)


def reference_lexicons(x: Inputs) -> int:
    from analysis.bench.reference_lexicons import match_patterns_reference

    return match_all(match_patterns_reference, x.tokens, x.segments, x.lexicons)


def suite_vader(x: Inputs) -> int:
    from analysis.measures import sentiment

    return sentiment.textstat_sentiment(x.sentences).height


def suite_readability(x: Inputs) -> int:
    from analysis.measures import style

    return style.textstat_readability(x.sentences).height


def student_tokens(x: Inputs) -> int:
    from analysis.bench import baselines

    return sum(map(len, baselines.student_tokens(x.texts)))


def nltk_span_tokens(x: Inputs) -> int:
    from analysis.bench import baselines

    return sum(map(len, baselines.nltk_span_tokens(x.texts)))


def re_tokens(x: Inputs) -> int:
    from analysis.bench import baselines

    return sum(map(len, baselines.re_tokens(x.texts)))


def student_counts(x: Inputs) -> int:
    from analysis.bench import baselines

    return sum(map(len, baselines.student_counts(x.student_docs, x.groups).values()))


def re_counts(x: Inputs) -> int:
    from analysis.bench import baselines

    return sum(map(len, baselines.re_counts(x.texts, x.groups).values()))


def student_keyness(x: Inputs) -> int:
    from analysis.bench import baselines

    counts = baselines.student_counts(x.student_docs, x.groups)
    return sum(map(len, baselines.keyness_loop(counts, x.stopwords).values()))


def re_keyness(x: Inputs) -> int:
    from analysis.bench import baselines

    counts = baselines.re_counts(x.texts, x.groups)
    return sum(map(len, baselines.keyness_loop(counts, x.stopwords).values()))


def student_lexicons(x: Inputs) -> int:
    from analysis.bench import baselines

    count = baselines.student_matcher(x.patterns)
    return sum(sum(count(doc).values()) for doc in x.student_docs)


def re_lexicons(x: Inputs) -> int:
    from analysis.bench import baselines

    count = baselines.re_matcher(x.patterns)
    return sum(sum(count(text).values()) for text in x.texts)


def serial_vader(x: Inputs) -> int:
    from analysis.bench import baselines

    return len(baselines.serial_vader(x.sentences["text"].to_list(), x.vader))


def serial_readability(x: Inputs) -> int:
    from analysis.bench import baselines

    by_group: dict[str, list[str]] = {}
    for group, text in x.sentences.select("text_id", "text").iter_rows():
        by_group.setdefault(group, []).append(text)
    return len(baselines.serial_readability(by_group))


#: stage -> implementation -> function. ``suite`` first; the others are its baselines.
STAGES: dict[str, dict[str, Callable[[Inputs], int]]] = {
    "tokens": {
        "suite": suite_tokens,
        "student": student_tokens,
        "nltk-spans": nltk_span_tokens,
        "re": re_tokens,
    },
    "words": {"suite": suite_words, "nltk": nltk_words, "re": re_words},
    "counts": {"suite": suite_counts, "student": student_counts, "re": re_counts},
    "keyness": {"suite": suite_keyness, "student": student_keyness, "re": re_keyness},
    "lexicons": {
        "suite": suite_lexicons,
        "student": student_lexicons,
        "re": re_lexicons,
        "reference": reference_lexicons,
    },
    "vader": {"suite": suite_vader, "serial": serial_vader},
    "readability": {"suite": suite_readability, "serial": serial_readability},
}

#: What each implementation reads (prepared before the clock starts).
NEEDS: dict[str, dict[str, tuple[str, ...]]] = {
    "tokens": {
        "suite": ("segments",),
        "student": ("texts",),
        "nltk-spans": ("texts",),
        "re": ("texts",),
    },
    "words": {"suite": ("sentences",), "nltk": ("sentences",), "re": ("sentences",)},
    "counts": {
        "suite": ("tokens",),
        "student": ("student_docs", "groups"),
        "re": ("texts", "groups"),
    },
    "keyness": {
        "suite": ("tokens",),
        "student": ("student_docs", "groups", "stopwords"),
        "re": ("texts", "groups", "stopwords"),
    },
    "lexicons": {
        "suite": ("tokens", "segments", "lexicons"),
        "student": ("student_docs", "patterns"),
        "re": ("texts", "patterns"),
        "reference": ("tokens", "segments", "lexicons"),
    },
    "vader": {"suite": ("sentences", "vader"), "serial": ("sentences", "vader")},
    "readability": {"suite": ("sentences", "textstat"), "serial": ("sentences", "textstat")},
}


def reference_available() -> bool:
    """Whether the earlier lexicon matcher (``analysis.bench.reference_lexicons``) is present."""
    import importlib.util

    return importlib.util.find_spec("analysis.bench.reference_lexicons") is not None
