"""Phrase rules of the demand extractor: where an object ends, passive infinitives, typing.

Used by :mod:`analysis.measures.demands.extract`: :func:`object_text` (the object of a requested
action runs to the end of its clause), :func:`passive_demand` ('sanctions to be imposed on X by
Y') and :func:`demand_type` (the codebook type from type keywords outside the scope of 'beyond'
or a negation). The rules are documented in ``data/lexicons/README-demands.md``.
"""

from __future__ import annotations

from functools import lru_cache

import polars as pl

from analysis import tokens
from analysis.lexicons import pattern_tokens, token_matches
from analysis.measures.demands.common import Units, demands_cues, is_word, strip

#: Relative pronouns: they open a subordinate clause (no new action, and an aside in an object).
RELATIVES = {"that", "which", "who", "whom", "whose"}

#: Words that open an adjunct after a comma (a relative clause, a subordinate clause, a purpose
#: or manner phrase): the object ends before them ('…, who have …', '…, with the aim of …').
_ADJUNCT_OPENERS = RELATIVES | {
    "where",
    "when",
    "while",
    "whilst",
    "because",
    "although",
    "though",
    "if",
    "unless",
    "so",
    "but",
    "with",
    "without",
    "through",
    "by",
    "in",
    "on",
    "at",
    "for",
    "from",
    "to",
    "particularly",
    "especially",
}
#: Words after a comma that go on naming the object: a predicative complement ('condemn X, …,
#: as Y') or members of it ('…, including Z').
_OBJECT_CONTINUERS = {"as", "including", "such"}


def _comma_parts(toks: list[dict]) -> list[list[dict]]:
    """Tokens cut at commas, semicolons and colons; a comma between two numbers ('26, 1992')
    is inside a date or figure and does not cut."""
    parts: list[list[dict]] = [[]]
    for k, t in enumerate(toks):
        if t["norm"] in {";", ":"} or (
            t["norm"] == ","
            and not (
                0 < k < len(toks) - 1
                and toks[k - 1]["kind"] == "number"
                and toks[k + 1]["kind"] == "number"
            )
        ):
            parts.append([])
        else:
            parts[-1].append(t)
    return parts


def _opens_adjunct(first: str) -> bool:
    """Whether a comma part starting with ``first`` is an adjunct that ends the object."""
    if first in _OBJECT_CONTINUERS:
        return False
    return first in _ADJUNCT_OPENERS or first.endswith("ing") or first.endswith("ly")


def object_text(u: Units, chunk: list[dict], start: int, source_id: str) -> str:
    """What the requested action applies to: from ``start`` to the end of the action's clause.

    The object runs over commas while the next part goes on naming it (a coordinated noun
    phrase: 'normalization of relations, demarcation and delimitation of the borders'; 'as Y';
    'including Z'). A comma-enclosed aside opened by a participle in -ed or a relative pronoun
    ('the Massacre, committed by … 1992, as a crime against humanity') is left out and the
    object continues after it. The object ends at a part that opens an adjunct: a relative or
    subordinate clause, a participle in -ing, a prepositional phrase ('…, with the aim of …').
    """
    parts = _comma_parts(chunk[start:])
    runs: list[list[dict]] = [strip(parts[0])]
    joined = True  # whether the next kept part is contiguous with the previous one
    for i, part in enumerate(parts[1:], start=1):
        words = [t for t in part if is_word(t)]
        if not words:
            continue
        first = words[0]["norm"]
        aside = first.endswith("ed") or first in RELATIVES
        if aside and i + 1 < len(parts):  # skipped; the object goes on after the aside
            joined = False
            continue
        if aside or _opens_adjunct(first):
            break
        if joined and runs[-1]:
            lo = chunk.index(runs[-1][0])
            runs[-1] = strip(chunk[lo : chunk.index(part[-1]) + 1])
        else:
            runs.append(strip(part))
        joined = True
    return " ".join(u.surface(r, source_id) for r in runs if r)


def passive(toks: list[dict]) -> int | None:
    """Index of 'to' in 'NP to be <participle>' ('sanctions to be imposed'), else None.

    A noun phrase with a passive infinitive requests the participle's action on the noun
    phrase; it needs a word before 'to' and a participle ending in -ed or -en.
    """
    for k in range(1, len(toks) - 2):
        if (
            toks[k]["norm"] == "to"
            and toks[k + 1]["norm"] == "be"
            and toks[k + 2]["kind"] == "word"
            and toks[k + 2]["norm"].endswith(("ed", "en"))
        ):
            return k
    return None


def _participle_base(word: str) -> str:
    """Base form of a regular past participle: imposed -> impose, lifted -> lift."""
    w = word.lower()
    if w.endswith("ied"):
        return w[:-3] + "y"
    if w.endswith("ed"):
        stem = w[:-2]
        if stem.endswith(("s", "v", "c", "g", "z", "u")) and not stem.endswith("ss"):
            return stem + "e"  # imposed, removed, forced, urged, recognized, pursued
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "ls":
            return stem[:-1]  # stopped -> stop
        return stem
    return w


def passive_demand(
    u: Units, chunk: list[dict], source_id: str
) -> tuple[str, str, str, str | None] | None:
    """(action, verb group, object, agent) of 'NP to be <participle> … (by X)', or None.

    The object is the noun phrase plus what follows the participle; a final 'by X' names who
    is asked (the agent), not part of the object.
    """
    k = passive(chunk)
    if k is None:
        return None
    part = chunk[k + 2]
    rest = chunk[k + 3 :]
    by = next((i for i, t in enumerate(rest) if t["norm"] == "by"), None)
    agent = u.surface(strip(rest[by + 1 :]), source_id) if by is not None else None
    rest = rest[:by] if by is not None else rest
    obj = " ".join(
        x
        for x in (
            u.surface(strip(chunk[:k]), source_id),
            object_text(u, rest, 0, source_id) if rest else "",
        )
        if x
    )
    return _participle_base(part["norm"]), f"to be {part['token']}", obj, agent or None


@lru_cache(maxsize=1)
def _type_rules() -> tuple[tuple[int, tuple[str, ...], str], ...]:
    rows = demands_cues().filter(pl.col("cue_type") == "demand_type")
    rules = [
        (int(r["base"]), pattern_tokens(r["pattern"]), r["construction"])
        for r in rows.iter_rows(named=True)
    ]
    return tuple(sorted(rules, key=lambda r: r[0]))


#: Words whose scope (to the end of the object, or to 'but' or a comma) asks for something
#: other than what follows: 'go beyond just implementing sanctions' is not a sanctions demand.
_NEGATORS = {"beyond", "not", "no", "never", "without", "instead", "rather"}
_SCOPE_END = {"but", ","}


def _typed_words(action: str, obj: str) -> list[str]:
    """The action and object words that can type a demand: those outside a negator's scope."""
    words, scoped = [action], False
    for t in tokens.tokenize(obj):
        w = tokens.normalise(t)
        if w in _NEGATORS:
            scoped = True
        elif w in _SCOPE_END:
            scoped = False
        words.append("" if scoped else w)
    return words


def demand_type(action: str, obj: str) -> str:
    """The codebook demand type from the action and object (type keywords in priority order).

    Keywords inside the scope of 'beyond' or a negation ('not', 'without', 'rather than')
    do not count: the demand asks for something other than them.
    """
    words = _typed_words(action, obj)
    for _, ptoks, dtype in _type_rules():
        n = len(ptoks)
        for i in range(len(words) - n + 1):
            if all(token_matches(p, w) for p, w in zip(ptoks, words[i : i + n], strict=True)):
                return dtype
    return "other"
