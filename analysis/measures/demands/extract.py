"""Directive extraction: every demand an advocacy text makes, one record per requested action.

:func:`demands_extract` finds each directive with the cue lexicon
``data/lexicons/directive-cues.csv`` (see ``data/lexicons/README-demands.md``): speaker,
addressee, action verb, object, demand type, cue and character offsets into the source.
Directives a text reports a third party as making are kept with ``reported=True`` and are not
the text's demands. A call ("call upon X to:") followed by numbered demand segments
(role ``petition_demand``) takes every numbered item, each kept whole whatever its punctuation.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from analysis import corpus
from analysis.lexicons import match_patterns, token_matches
from analysis.measures.demands.common import (
    Units,
    demands_cues,
    fold,
    is_word,
    strip,
    units,
)
from analysis.measures.demands.phrases import RELATIVES as _RELATIVES
from analysis.measures.demands.phrases import demand_type as _demand_type
from analysis.measures.demands.phrases import object_text as _object
from analysis.measures.demands.phrases import passive as _passive
from analysis.measures.demands.phrases import passive_demand as _passive_demand

#: Segment role of a numbered demand on a petition page (one segment per item).
DEMAND_ROLE = "petition_demand"

_FIRST_PERSON = {"we", "us", "our"}
#: How a petition names its own signers ("your petitioners call upon ...", "the undersigned"):
#: a call they make is the text's own, like a first-person one.
_SELF_REFERENCE = _FIRST_PERSON | {"petitioners", "undersigned"}
#: Prepositions after which "X and Y" coordinates modifiers inside one object ("for rural and
#: remote libraries"), not two actions.
_PREPOSITIONS = {"for", "of", "in", "on", "to", "with", "from", "by", "at", "between", "among"}
_ANAPHORS = {"it", "this", "that", "these", "they"}
_DETERMINERS = {"the", "a", "an", "all", "any", "their", "its", "this", "these", "those", "our"}
_LIGHT_VERBS = {"encompass", "include", "involve", "entail"}
_ADVERBS = {"also", "just", "then", "therefore", "now", "further", "immediately"}
_HAVE_BEAR = {"has", "have", "had", "bears", "bear", "bore"}


def _cue_matches(u: Units, text_ids: Sequence[str]) -> pl.DataFrame:
    cues = demands_cues().filter(~pl.col("cue_type").is_in(["action_nominal", "demand_type"]))
    return match_patterns(u.text_tokens(text_ids), cues, source_text=u.source_text)


def _nominals() -> dict[str, str]:
    rows = demands_cues().filter(pl.col("cue_type") == "action_nominal")
    return {r["pattern"]: r["base"] for r in rows.iter_rows(named=True)}


def _nominal_base(norm: str, nominals: dict[str, str]) -> str | None:
    for pattern, base in nominals.items():
        if token_matches(pattern, norm):
            return base
    return None


def _split_verbal(toks: list[dict]) -> list[list[dict]]:
    """Split a verb-phrase complement at 'and' + a new verb (each conjunct its own action).

    A split needs: the conjunct so far has at least two tokens (so 'advocates and introduces
    sanctions' stays one action sharing its object), the word after 'and' is lower case, not a
    determiner, followed by another word (a verb needs a complement: 'ethnic cleansing and
    genocide.' stays) and not by 'of' (so 'demarcation and delimitation of' stays), the word
    before 'and' is not a lower-case word right after a preposition (so 'a fund for rural and
    remote libraries' stays: modifiers coordinated inside one object), and no relative pronoun
    has opened a subordinate clause in the conjunct. An infinitival 'to' right after 'and' is
    skipped: the verb after it is tested, and starts the new conjunct.
    """
    chunks: list[list[dict]] = [[]]
    relative = False
    skip = 0
    for i, t in enumerate(toks):
        if skip:
            skip -= 1
            continue
        cur = chunks[-1]
        if t["norm"] in _RELATIVES and cur:
            relative = True
        if t["norm"] == "and" and not relative and len([x for x in cur if is_word(x)]) >= 2:
            # an infinitival 'to' after 'and' ('clean the river and to fund testing') is not the
            # verb: the conjunct's verb is the word after it
            k = i + 2 if i + 1 < len(toks) and toks[i + 1]["norm"] == "to" else i + 1
            nxt = toks[k] if k < len(toks) else None
            after = toks[k + 1] if k + 1 < len(toks) else None
            words = [x for x in cur if is_word(x)]
            modifier = (
                len(words) >= 2
                and words[-1]["token"][0].islower()
                and words[-2]["norm"] in _PREPOSITIONS
            )
            if (
                not modifier
                and nxt is not None
                and after is not None
                and after["kind"] in ("word", "number")
                and nxt["kind"] == "word"
                and nxt["token"][0].islower()
                and nxt["norm"] not in _DETERMINERS
                and not (after is not None and after["norm"] == "of")
            ):
                chunks.append([])
                relative = False
                skip = k - i - 1
                continue
        cur.append(t)
    return [c for c in (strip(c) for c in chunks) if c]


def _split_nominal(toks: list[dict], nominals: dict[str, str]) -> list[list[dict]]:
    """Split a nominal complement into action nominals ('the imposition of X, opening of Y').

    Candidate boundaries are commas and 'and'; a new action starts only where the next part's
    head (within its first three words, after determiners) is an action nominal and the action
    being built already has its own action nominal. Everything else stays in the current action.
    """
    parts: list[list[dict]] = [[]]
    for t in toks:
        if t["norm"] in {",", "and", ";"}:
            parts.append([])
        else:
            parts[-1].append(t)
    out: list[list[dict]] = []
    has_head: list[bool] = []
    for part in parts:
        words = [t for t in part if is_word(t) and t["norm"] not in _DETERMINERS][:3]
        head = any(_nominal_base(w["norm"], nominals) for w in words)
        head = head or _passive(part) is not None
        if out and (not head or not has_head[-1]):
            out[-1].extend(part)
            has_head[-1] = has_head[-1] or head
        elif part:
            out.append(list(part))
            has_head.append(head)
    # re-cut each action on the original token order, to keep commas inside its span
    result = []
    for chunk in out:
        if not chunk:
            continue
        lo, hi = toks.index(chunk[0]), toks.index(chunk[-1])
        result.append(strip(toks[lo : hi + 1]))
    return [r for r in result if r]


def _action_of(
    chunk: list[dict], nominals: dict[str, str], *, verbal: bool
) -> tuple[str, str, int]:
    """(action base form, verb group surface, index of the first object token) for a chunk."""
    words = [(i, t) for i, t in enumerate(chunk) if is_word(t)]
    if verbal:
        k = 0
        while k < len(words) - 1 and (
            words[k][1]["norm"] in _ADVERBS or words[k][1]["norm"].endswith("ly")
        ):
            k += 1
        i, verb = words[k]
        group = [verb["token"]]
        obj = i + 1
        # coordinated verbs sharing one object: 'advocates and introduces sanctions'
        if k + 2 < len(words) and words[k + 1][1]["norm"] == "and":
            group += ["and", words[k + 2][1]["token"]]
            verb, obj = words[k + 2][1], words[k + 2][0] + 1
        base = fold(verb["norm"])
        if base in _LIGHT_VERBS:
            for j in range(obj, min(obj + 4, len(chunk))):
                t = chunk[j]
                nb = _nominal_base(t["norm"], nominals)
                if nb:
                    return nb, " ".join(group + [t["token"]]), _after_of(chunk, j)
        return base, " ".join(group), obj
    for i, t in enumerate(chunk):
        nb = _nominal_base(t["norm"], nominals)
        if nb:
            if nb == "force":  # causative: 'forcing X to lift Y' requests the lifting
                for j in range(i + 1, len(chunk) - 1):
                    if chunk[j]["norm"] == "to" and chunk[j + 1]["kind"] == "word":
                        return (
                            fold(chunk[j + 1]["norm"]),
                            f"{t['token']} … to {chunk[j + 1]['token']}",
                            j + 2,
                        )
            return nb, t["token"], _after_of(chunk, i)
    first = words[0][1] if words else chunk[0]
    return first["norm"], first["token"], 0


def _after_of(chunk: list[dict], i: int) -> int:
    if i + 1 < len(chunk) and chunk[i + 1]["norm"] == "of":
        return i + 2
    return i


def _subject(sent: list[dict], upto: int) -> list[dict]:
    """The clause subject before token ``upto``: from the last comma/semicolon (or the start)."""
    start = 0
    for i in range(upto):
        if sent[i]["norm"] in {",", ";"}:
            start = i + 1
    return strip(sent[start:upto])


def _addressee(u: Units, subject: list[dict], source_id: str, previous: str) -> str:
    words = [t for t in subject if is_word(t)]
    if not words or all(t["norm"] in _ANAPHORS for t in words):
        return previous
    while len(subject) > 1 and (
        subject[-1]["norm"] in _ADVERBS or subject[-1]["norm"].endswith("ly")
    ):
        subject = subject[:-1]  # 'Canada now has the duty' -> Canada
    for i, t in enumerate(subject):  # possessive: 'Canada’s response' -> Canada
        if t["kind"] == "clitic":
            return u.surface(strip(subject[:i]), source_id)
    return u.surface(subject, source_id)


def _that_subject(rest: list[dict]) -> tuple[list[dict], list[dict]]:
    """Split a that-clause into (subject, predicate): a capitalised name, plus ', and X,'."""
    i = 0
    while i < len(rest) and (rest[i]["token"][:1].isupper() or rest[i]["norm"] in {"of", "the"}):
        i += 1
    if i < len(rest) and rest[i]["norm"] == ",":  # ', and other prominent countries,'
        j = next((k for k in range(i + 1, len(rest)) if rest[k]["norm"] == ","), None)
        if j is not None:
            i = j + 1
    return strip(rest[:i]), rest[i:]


def _actions(
    u: Units,
    comp: list[dict],
    chunks: list[list[dict]],
    nominals: dict[str, str],
    source_id: str,
    verbal: bool,
) -> list[tuple[list[dict], str, str, str, str | None]]:
    """(chunk, action, verb group, object, agent) per requested action of a complement.

    Coordinated verb phrases of one directive that ask for the same kind of thing (the same
    codebook demand type, not ``other``: 'engage in multilateral forums and raise their
    voices') are one request with several steps, so they are joined into one action; conjuncts
    of different types ('safeguard the self-determination rights … and take decisive measures
    to halt …') stay apart. Listed action nominals each name their own action and are not joined.
    """

    def one(chunk: list[dict]) -> tuple[list[dict], str, str, str, str | None]:
        if not verbal:
            heads = any(_nominal_base(t["norm"], nominals) for t in chunk)
            passive = None if heads else _passive_demand(u, chunk, source_id)
            if passive is not None:
                return (chunk, *passive)
        action, group, obj_start = _action_of(chunk, nominals, verbal=verbal)
        return chunk, action, group, _object(u, chunk, obj_start, source_id), None

    out = [one(c) for c in chunks]
    if not verbal:
        return out
    merged = out[:1]
    for nxt in out[1:]:
        prev = merged[-1]
        kind = _demand_type(prev[1], prev[3])
        if kind != "other" and kind == _demand_type(nxt[1], nxt[3]):
            lo, hi = comp.index(prev[0][0]), comp.index(nxt[0][-1])
            merged[-1] = one(comp[lo : hi + 1])
        else:
            merged.append(nxt)
    return merged


def _numbered_items(u: Units, sid: str, text_id: str) -> list[tuple[str, list[dict]]]:
    """The items a list call introduces: (first sentence id, the item's tokens) per item.

    After a call ending in 'to:', every following numbered-demand segment of the text is one
    item, kept whole (its sentences joined) whatever punctuation ends it: ';', '; and', or '.'
    followed by more items. Without such segments (a call in running text) the items are the
    following sentences up to the first that ends in '.'.
    """
    following = u.order[u.order.index(sid) + 1 :]
    items: list[tuple[str, list[dict]]] = []
    if following and u.rows[following[0]]["role"] == DEMAND_ROLE:
        segments: dict[str, list[str]] = {}
        for nxt in following:
            row = u.rows[nxt]
            if row["text_id"] != text_id or row["role"] != DEMAND_ROLE:
                break
            segments.setdefault(row["segment_id"], []).append(nxt)
        for sids in segments.values():
            items.append((sids[0], strip([t for x in sids for t in u.index.get(x, [])])))
        return items
    for nxt in following:
        if u.rows[nxt]["text_id"] != text_id:
            break
        items.append((nxt, strip(u.index.get(nxt, []))))
        if u.rows[nxt]["text"].rstrip().endswith("."):
            break
    return items


def demands_extract(
    sentences: pl.DataFrame | None = None,
    toks: pl.DataFrame | None = None,
    *,
    text_ids: Sequence[str] | None = None,
) -> pl.DataFrame:
    """Extract every directive from the given texts, one record per requested action.

    Args:
        sentences: sentence frame (default: the corpus's primary texts).
        toks: normalised token frame (default: made from ``sentences``, or the corpus's).
        text_ids: texts to search (default: :func:`analysis.corpus.advocacy_text_ids`, every
            text that is not a response).

    Returns:
        One row per demand, in text order: ``demand_id`` (``<text id>:d1``… for the text's own
        demands, ``<text id>:r1``… for reported ones), ``text_id``, ``speaker``, ``sentence_id``,
        ``cue_sentence_id`` (where the cue is: differs for the petition's numbered items),
        ``cue``, ``cue_type``, ``cue_start``/``cue_end`` (the cue's span in the raw source), ``addressee``, ``action`` (base form), ``verb_group``, ``object``,
        ``demand_type``, ``reported``, ``source_id``, ``start``/``end`` (the requested action's
        character span in the raw source), ``demand_text`` and ``sentence``.
    """
    u = units(sentences, toks)
    text_ids = corpus.advocacy_text_ids() if text_ids is None else list(text_ids)
    sent_rows = u.rows
    tok = u.index
    nominals = _nominals()
    matches = _cue_matches(u, text_ids)
    records: list[dict] = []
    previous: dict[str, str] = {}
    heads: set[int] = set()  # first-token offsets of list items already taken as demands
    for m in matches.iter_rows(named=True):
        sid, src = m["sentence_id"], m["source_id"]
        if m["start"] in heads:  # an item's own verb ('Urge …', 'Demand …') is not a new cue
            continue
        sent = tok[sid]
        i = next(k for k, t in enumerate(sent) if t["start"] == m["start"])
        j = i + m["n_tokens"]
        construction = m["construction"]
        if m["cue_type"] == "duty":
            window = {t["norm"] for t in sent[max(0, i - 3) : i]}
            if not window & _HAVE_BEAR:
                continue
            k = max(k for k in range(max(0, i - 3), i) if sent[k]["norm"] in _HAVE_BEAR)
            subject = _subject(sent, k)
        else:
            subject = _subject(sent, i)
        before = {t["norm"] for t in sent[:i]}
        prev = previous.get(m["text_id"], "unspecified")
        items: list[tuple[str, list[dict]]] = []  # (sentence id, complement tokens)
        verbal = True
        reported = False
        if construction == "addressee_to":
            reported = not (before & _SELF_REFERENCE)
            rest = sent[j:]
            to = next((k for k, t in enumerate(rest) if t["norm"] == "to"), None)
            if rest and rest[0]["norm"] == "for" or to is None:
                verbal = False
                addressee = "unspecified"
                items.append((sid, strip(rest[1:] if rest and rest[0]["norm"] == "for" else rest)))
            else:
                addressee = u.surface(strip(rest[:to]), src)
                comp = strip(rest[to + 1 :])
                if comp:
                    items.append((sid, comp))
                else:  # 'call upon X to:' + the numbered items that follow
                    listed = _numbered_items(u, sid, m["text_id"])
                    heads.update(toks[0]["start"] for _, toks in listed if toks)
                    items += listed
        elif construction in ("that_clause", "for_to"):
            rest = sent[j:]
            that = next((k for k, t in enumerate(rest) if t["norm"] == "that"), None)
            if m["pattern"].endswith(" that"):  # the cue itself ends with 'that'
                that = -1
            if construction == "that_clause" and that is not None:
                subj, pred = _that_subject(rest[that + 1 :])
                addressee = u.surface(subj, src)
                items.append((sid, strip(pred)))
            else:
                start = 1 if rest and rest[0]["norm"] == "for" else 0
                to = next((k for k, t in enumerate(rest) if t["norm"] == "to"), len(rest))
                addressee = u.surface(strip(rest[start:to]), src)
                items.append((sid, strip(rest[to + 1 :])))
        elif construction in ("subject_modal", "subject_duty"):
            addressee = _addressee(u, subject, src, prev)
            items.append((sid, strip(sent[j:])))
        else:  # nominal: 'This calls for NP', 'This necessitates NP, NP and NP'
            words = {t["norm"] for t in subject if is_word(t)}
            reported = not (words <= _ANAPHORS or words & _FIRST_PERSON)
            addressee = prev if not reported else "unspecified"
            verbal = False
            items.append((sid, strip(sent[j:])))
        for item_sid, comp in items:
            chunks = _split_verbal(comp) if verbal else _split_nominal(comp, nominals)
            for chunk, action, group, obj, agent in _actions(
                u, comp, chunks, nominals, src, verbal
            ):
                records.append(
                    {
                        "text_id": m["text_id"],
                        "speaker": sent_rows[item_sid]["speaker"],
                        "sentence_id": item_sid,
                        "cue_sentence_id": sid,
                        "cue": m["matched"],
                        "cue_type": m["cue_type"],
                        "cue_start": m["start"],
                        "cue_end": m["end"],
                        "addressee": agent if agent and addressee == "unspecified" else addressee,
                        "action": action,
                        "verb_group": group,
                        "object": obj,
                        "demand_type": _demand_type(action, obj),
                        "reported": reported,
                        "source_id": src,
                        "start": chunk[0]["start"],
                        "end": chunk[-1]["end"],
                        "demand_text": u.surface(chunk, src),
                        "sentence": sent_rows[item_sid]["text"],
                    }
                )
        if not reported and addressee != "unspecified":
            previous[m["text_id"]] = addressee
    frame = pl.DataFrame(records, schema=_DEMAND_SCHEMA)
    frame = corpus.order_by_text(frame, "start", order=text_ids)
    return frame.with_columns(
        pl.format(
            "{}:{}{}",
            "text_id",
            pl.when(pl.col("reported")).then(pl.lit("r")).otherwise(pl.lit("d")),
            pl.col("start").rank("ordinal").over(["text_id", "reported"]).cast(pl.Int64),
        ).alias("demand_id")
    ).select("demand_id", *_DEMAND_SCHEMA)


_DEMAND_SCHEMA = {
    "text_id": pl.String,
    "speaker": pl.String,
    "sentence_id": pl.String,
    "cue_sentence_id": pl.String,
    "cue": pl.String,
    "cue_type": pl.String,
    "cue_start": pl.Int64,
    "cue_end": pl.Int64,
    "addressee": pl.String,
    "action": pl.String,
    "verb_group": pl.String,
    "object": pl.String,
    "demand_type": pl.String,
    "reported": pl.Boolean,
    "source_id": pl.String,
    "start": pl.Int64,
    "end": pl.Int64,
    "demand_text": pl.String,
    "sentence": pl.String,
}


# --- the response ---------------------------------------------------------------------------
