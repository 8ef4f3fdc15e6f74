"""Small pieces of generated prose: number words, lists joined with "and", texts by name, and
the one quoting rule for text placed into Markdown.

Chart descriptions, notebook sentences and report titles are written from data for whatever
texts the manifest lists; these helpers give them one way to count ("three texts"), list
("a, b and c") and name texts ("the petition", from :func:`analysis.corpus.text_names`).
Where two places have always worded an edge case differently (0 as "zero", "no" or "0"; words
up to nine, ten or twelve) the difference is a parameter, so each keeps its wording.

A label, name, speaker, date or quoted sentence placed into generated Markdown goes through
:func:`escape_markdown` (names: :func:`md_name`; paths and ids in backticks: :func:`code_span`),
so it is shown as written, never as formatting or markup. Chart data, chart titles and polars
frames are not Markdown and keep the strings as written (:func:`text_name`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping

from analysis import corpus

_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_WORDS += ("eleven", "twelve")

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+!|~])")
_LINE_START = re.compile(r"^([ \t]*(?=[-=])|[ \t]*\d+(?=\.(?:\s|$)))(.)", re.M)


def escape_markdown(text: str) -> str:
    """Quote document text for ``display(Markdown(...))``: shown as written, never as markup.

    HTML special characters become entities (``<`` → ``&lt;``) and Markdown punctuation is
    backslash-escaped, so a sentence such as ``Canada <i>will</i> act *now*`` or a text named
    ``**Bold** [x](javascript:alert(1))`` is displayed literally in JupyterLab and in the HTML
    reports (a ``#`` or ``+`` at a line start, a ``|`` in a table row and backticks included).
    The one rule for every label, name, speaker, date and quoted sentence placed into Markdown;
    not for chart data or polars frames, which are not Markdown. Not for the inside of a code
    span either (backslashes show there).
    """
    text = _MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(text, quote=False))
    # A line may not open a list, a rule or a setext heading ("- x", "1. x", "==="), and a
    # scheme's "://" may not become an automatic link: escaped punctuation shows as written.
    text = _LINE_START.sub(r"\1\\\2", text)
    return text.replace("://", r"\://")


def code_span(text: str) -> str:
    """``text`` as a Markdown code span (a file path, an id), shown as written.

    Backslash escapes do not work inside a code span, so :func:`escape_markdown` would show its
    backslashes there; instead the span is fenced by more backticks than any run inside it.
    """
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text[:1] == "`" or text[-1:] == "`" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def number_word(n: int, *, most: int = 9, zero: str | None = "zero") -> str:
    """``n`` as an English word: ``3`` -> ``"three"``.

    Args:
        n: the number.
        most: the largest number written as a word (at most twelve); larger ones stay digits.
        zero: the word for 0 (``"zero"``, ``"no"``), or None to write ``"0"``.
    """
    if n == 0 and zero is not None:
        return zero
    return _WORDS[n - 1] if 1 <= n <= min(most, len(_WORDS)) else str(n)


def count_words(n: int, noun: str, *, most: int = 12) -> str:
    """``count_words(3, "text")`` is ``"three texts"``: a number word (digits past ``most``,
    and for 0) and the noun, plural with an ``s`` unless ``n`` is 1."""
    return f"{number_word(n, most=most, zero=None)} {noun}{'' if n == 1 else 's'}"


def join_words(items: Iterable[str], *, empty: str = "", last: str = " and ") -> str:
    """``a``, ``a and b``, ``a, b and c``: items joined for running prose.

    Args:
        items: the words or phrases, in order.
        empty: what to write when there are none (e.g. ``"no text"``).
        last: what stands between the last two (e.g. ``" or "``).
    """
    items = list(items)
    if not items:
        return empty
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + last + items[-1]


def text_name(text_id: str, names: Mapping[str, str] | None = None) -> str:
    """How prose names a text (:func:`analysis.corpus.text_names`, or ``names``); a text the
    mapping does not know, or names with an empty string, is named by its id."""
    names = corpus.text_names() if names is None else names
    return names.get(text_id) or text_id


def text_names_of(text_ids: Iterable[str], names: Mapping[str, str] | None = None) -> list[str]:
    """The prose names of ``text_ids``, in their order (see :func:`text_name`)."""
    names = corpus.text_names() if names is None else names
    return [text_name(t, names) for t in text_ids]


def texts_phrase(
    text_ids: Iterable[str], names: Mapping[str, str] | None = None, *, empty: str = ""
) -> str:
    """The texts as prose names them, joined: ``the petition, the response and the letter``."""
    return join_words(text_names_of(text_ids, names), empty=empty)


def md_name(text_id: str, names: Mapping[str, str] | None = None) -> str:
    """:func:`text_name` quoted for Markdown prose (:func:`escape_markdown`); chart titles and
    data keep :func:`text_name`."""
    return escape_markdown(text_name(text_id, names))
