"""Demands of the advocacy texts and the government response: extraction, alignment, responsiveness.

What each text asks Canada (or others) to do, and what the government response takes up. Four
steps, each a function returning a polars frame:

1. :func:`demands_extract` finds every directive in the petition and the letter with the cue
   lexicon ``data/lexicons/directive-cues.csv`` (see ``data/lexicons/README-demands.md``), one
   record per requested action, with speaker, addressee, action verb, object, cue and character
   offsets into the raw source. Directives the text reports a third party as making are kept
   with ``reported=True`` and are not the text's demands.
2. :func:`response_functions` classifies each response sentence by function and modality with
   the rule set ``data/lexicons/response-functions.csv``; :func:`response_commitments` lists the
   commitments with their actor.
3. :func:`demands_alignment` scores every demand against every response sentence: TF-IDF cosine
   over normalised content tokens plus the Jaccard overlap of lexicon concepts.
4. :func:`demands_responsiveness` labels each petition demand *addressed / partially_addressed /
   reframed / not_addressed* from the alignment; the letter's demands get a *policy overlap*
   label instead, because the letter came after the response (dates: :func:`demands_timeline`)
   and has no response in the corpus.

The hand-coded gold files (``data/annotations/*-gold.csv``, codebook
``data/annotations/demands-codebook.md``) are loaded with validation by :func:`gold_load`; the
extractor and the labels are measured against them with :mod:`analysis.agreement`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from datetime import datetime
from functools import lru_cache
from pathlib import Path

import polars as pl

from analysis import corpus, paths, resources, tokens
from analysis.evaluation import agreement
from analysis.io import DiscourseError
from analysis.lexicons import (
    lexicon_load,
    match_patterns,
    pattern_tokens,
    read_commented_csv,
    token_matches,
)
from analysis.measures import keyness

#: The advocacy texts whose demands are extracted (the response answers; it is not searched).
ADVOCACY_TEXTS = ("petition", "letter")
DEMAND_TYPES = (
    "condemnation_recognition",
    "commemoration",
    "diplomacy_peace",
    "sanctions",
    "humanitarian_access",
    "self_determination",
    "protection_intervention",
    "advocacy_coordination",
)
FUNCTIONS = (
    "acknowledgement",
    "position",
    "encouragement",
    "support",
    "engagement_report",
    "commitment",
)
STRENGTHS = ("none", "weak", "firm")
RESPONSIVENESS = ("addressed", "partially_addressed", "reframed", "not_addressed")
POLICY_OVERLAP = ("overlap", "partial_overlap", "no_overlap")

#: Alignment score thresholds (*choice*, fixed before the gold labels were seen).
#: score = (TF-IDF cosine + concept Jaccard) / 2.
T_NONE = 0.15  # below: no counterpart (not_addressed / no_overlap)
T_FULL = 0.35  # at or above (letter): overlap; petition: see demands_responsiveness
EVIDENCE_K = 3  # evidence sentences per demand (reframing is checked on these)
ACT_COVERAGE = 0.5  # share of the requested act's terms the evidence sentence must contain

_CUE_TYPES = {
    "list_call",
    "performative",
    "impersonal_necessity",
    "modal_obligation",
    "duty",
    "causative_necessity",
    "action_nominal",
    "demand_type",
}
_CONSTRUCTIONS = {
    "addressee_to",
    "that_clause",
    "for_to",
    "subject_modal",
    "subject_duty",
    "nominal",
    "nominal_head",
    *DEMAND_TYPES,
}
_FIRST_PERSON = {"we", "us", "our"}
_ANAPHORS = {"it", "this", "that", "these", "they"}
_DETERMINERS = {"the", "a", "an", "all", "any", "their", "its", "this", "these", "those", "our"}
_LIGHT_VERBS = {"encompass", "include", "involve", "entail"}
_RELATIVES = {"that", "which", "who", "whom", "whose"}
_ADVERBS = {"also", "just", "then", "therefore", "now", "further", "immediately"}
_HAVE_BEAR = {"has", "have", "had", "bears", "bear", "bore"}


# --- demand ids ----------------------------------------------------------------------------

_ID = re.compile(r"^([a-z]+):([a-z]+)(\d+)$")


def demand_key(demand_id: str) -> tuple[int, str, int]:
    """Sort key of a demand id: text order, own (``d``) before reported (``r``), then number.

    ``letter:d2`` sorts before ``letter:d10`` and the petition before the letter, unlike a
    string sort.
    """
    m = _ID.match(demand_id)
    if m is None:
        raise DiscourseError(f"malformed demand id {demand_id!r}; expected e.g. 'letter:d2'.")
    text, kind, n = m.groups()
    order = corpus.text_ids()
    return (order.index(text) if text in order else len(order), kind, int(n))


def order_demands(frame: pl.DataFrame, *then: str, column: str = "demand_id") -> pl.DataFrame:
    """Sort a frame with ``text_id`` and a demand id column by text, then the id's number.

    Args:
        frame: any frame with ``text_id`` and ``column``.
        then: further sort columns (e.g. ``"rank"``).
        column: the demand id column.
    """
    parts = pl.col(column).str.extract_groups(r"^[a-z]+:([a-z]+)(\d+)$")
    keyed = frame.with_columns(
        parts.struct.field("1").alias("_kind"),
        parts.struct.field("2").cast(pl.Int64).alias("_n"),
    )
    return corpus.order_by_text(keyed, "_kind", "_n", *then).drop("_kind", "_n")


# --- lexicons -------------------------------------------------------------------------------


def demands_cues() -> pl.DataFrame:
    """The directive-cue lexicon (``data/lexicons/directive-cues.csv``), validated."""
    return lexicon_load(
        "directive-cues",
        required=("pattern", "cue_type", "construction", "base", "rationale"),
        key=("pattern", "cue_type"),
        categories={"cue_type": _CUE_TYPES, "construction": _CONSTRUCTIONS},
    ).table


def response_rules() -> pl.DataFrame:
    """The response-function and modality rule set (``data/lexicons/response-functions.csv``)."""
    table = lexicon_load(
        "response-functions",
        required=("pattern", "layer", "category", "priority", "rationale"),
        key=("pattern", "layer"),
        categories={
            "layer": {"function", "modality"},
            "category": set(FUNCTIONS)
            | {"firm", "open_ended", "booster", "deontic", "attitude", "hedge"},
        },
    ).table
    return table.with_columns(pl.col("priority").cast(pl.Int64))


def demands_timeline() -> dict[str, str]:
    """ISO dates that fix who could answer whom, read from the manifest and the petition page.

    Returns:
        ``petition_presented`` (the petition record's "Presented to the House of Commons"
        date), ``response`` and ``letter`` (the documents' dates in the corpus manifest).
    """
    record = dict(corpus.petition_record().select("field", "value").iter_rows())
    docs = dict(corpus.corpus_documents().select("doc_id", "date").iter_rows())
    presented = datetime.strptime(record["presented_on"], "%B %d, %Y").date().isoformat()
    return {"petition_presented": presented, "response": docs["response"], "letter": docs["letter"]}


# --- sentence and token access --------------------------------------------------------------


def _sentences() -> pl.DataFrame:
    return tokens.corpus_sentences()


@lru_cache(maxsize=1)
def _token_index() -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for row in tokens.corpus_tokens().iter_rows(named=True):
        out.setdefault(row["sentence_id"], []).append(row)
    return out


def _fold(word: str) -> str:
    """Base form for matching verbs: lower case, -ise spelled -ize, third-person -s removed."""
    w = word.lower()
    w = re.sub(r"is(e|es|ed|ing)$", r"iz\1", w) if len(w) > 6 else w
    if w.endswith("es") and w[-3:-2] in {"c", "s", "x", "z"} and len(w) > 4:
        return w[:-1]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


# --- extraction -----------------------------------------------------------------------------


def _cue_matches(text_ids: tuple[str, ...]) -> pl.DataFrame:
    cues = demands_cues().filter(~pl.col("cue_type").is_in(["action_nominal", "demand_type"]))
    toks = tokens.corpus_tokens().filter(pl.col("text_id").is_in(list(text_ids)))
    return match_patterns(toks, cues)


def _nominals() -> dict[str, str]:
    rows = demands_cues().filter(pl.col("cue_type") == "action_nominal")
    return {r["pattern"]: r["base"] for r in rows.iter_rows(named=True)}


def _nominal_base(norm: str, nominals: dict[str, str]) -> str | None:
    for pattern, base in nominals.items():
        if token_matches(pattern, norm):
            return base
    return None


def _is_word(t: dict) -> bool:
    """Whether a token row counts as a word (its ``is_word`` column: ``tokens.WORD_KINDS``)."""
    return t["is_word"]


def _strip(toks: list[dict]) -> list[dict]:
    """Drop leading/trailing punctuation, a trailing 'and' and list-closing 'and'."""
    toks = list(toks)
    while toks and (not _is_word(toks[-1]) or toks[-1]["norm"] == "and"):
        toks.pop()
    while toks and (not _is_word(toks[0]) or toks[0]["norm"] == "and"):
        toks.pop(0)
    return toks


def _surface(toks: list[dict], source_id: str) -> str:
    if not toks:
        return ""
    return corpus.raw_text(source_id)[toks[0]["start"] : toks[-1]["end"]]


def _split_verbal(toks: list[dict]) -> list[list[dict]]:
    """Split a verb-phrase complement at 'and' + a new verb (each conjunct its own action).

    A split needs: the conjunct so far has at least two tokens (so 'advocates and introduces
    sanctions' stays one action sharing its object), the word after 'and' is lower case, not a
    determiner, followed by another word (a verb needs a complement: 'ethnic cleansing and
    genocide.' stays) and not by 'of' (so 'demarcation and delimitation of' stays), and no
    relative pronoun has opened a subordinate clause in the conjunct.
    """
    chunks: list[list[dict]] = [[]]
    relative = False
    for i, t in enumerate(toks):
        cur = chunks[-1]
        if t["norm"] in _RELATIVES and cur:
            relative = True
        if t["norm"] == "and" and not relative and len([x for x in cur if _is_word(x)]) >= 2:
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            after = toks[i + 2] if i + 2 < len(toks) else None
            if (
                nxt is not None
                and after is not None
                and after["kind"] in ("word", "number")
                and nxt["kind"] == "word"
                and nxt["token"][0].islower()
                and nxt["norm"] not in _DETERMINERS
                and not (after is not None and after["norm"] == "of")
            ):
                chunks.append([])
                relative = False
                continue
        cur.append(t)
    return [c for c in (_strip(c) for c in chunks) if c]


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
        words = [t for t in part if _is_word(t) and t["norm"] not in _DETERMINERS][:3]
        head = any(_nominal_base(w["norm"], nominals) for w in words)
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
        result.append(_strip(toks[lo : hi + 1]))
    return [r for r in result if r]


def _action_of(
    chunk: list[dict], nominals: dict[str, str], *, verbal: bool
) -> tuple[str, str, int]:
    """(action base form, verb group surface, index of the first object token) for a chunk."""
    words = [(i, t) for i, t in enumerate(chunk) if _is_word(t)]
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
        base = _fold(verb["norm"])
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
                            _fold(chunk[j + 1]["norm"]),
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


def _object(chunk: list[dict], start: int, source_id: str, limit: int = 14) -> str:
    obj: list[dict] = []
    for t in chunk[start:]:
        if t["norm"] in {",", ";", ":"} or len([x for x in obj if _is_word(x)]) >= limit:
            break
        obj.append(t)
    return _surface(_strip(obj), source_id)


def _subject(sent: list[dict], upto: int) -> list[dict]:
    """The clause subject before token ``upto``: from the last comma/semicolon (or the start)."""
    start = 0
    for i in range(upto):
        if sent[i]["norm"] in {",", ";"}:
            start = i + 1
    return _strip(sent[start:upto])


def _addressee(subject: list[dict], source_id: str, previous: str) -> str:
    words = [t for t in subject if _is_word(t)]
    if not words or all(t["norm"] in _ANAPHORS for t in words):
        return previous
    while len(subject) > 1 and (
        subject[-1]["norm"] in _ADVERBS or subject[-1]["norm"].endswith("ly")
    ):
        subject = subject[:-1]  # 'Canada now has the duty' -> Canada
    for i, t in enumerate(subject):  # possessive: 'Canada’s response' -> Canada
        if t["kind"] == "clitic":
            return _surface(_strip(subject[:i]), source_id)
    return _surface(subject, source_id)


def _that_subject(rest: list[dict]) -> tuple[list[dict], list[dict]]:
    """Split a that-clause into (subject, predicate): a capitalised name, plus ', and X,'."""
    i = 0
    while i < len(rest) and (rest[i]["token"][:1].isupper() or rest[i]["norm"] in {"of", "the"}):
        i += 1
    if i < len(rest) and rest[i]["norm"] == ",":  # ', and other prominent countries,'
        j = next((k for k in range(i + 1, len(rest)) if rest[k]["norm"] == ","), None)
        if j is not None:
            i = j + 1
    return _strip(rest[:i]), rest[i:]


def demands_extract(text_ids: tuple[str, ...] = ADVOCACY_TEXTS) -> pl.DataFrame:
    """Extract every directive from the given texts, one record per requested action.

    Args:
        text_ids: primary texts to search (default: the petition and the letter).

    Returns:
        One row per demand, in text order: ``demand_id`` (``petition:d1``… for the text's own
        demands, ``letter:r1``… for reported ones), ``text_id``, ``speaker``, ``sentence_id``,
        ``cue_sentence_id`` (where the cue is: differs for the petition's numbered items),
        ``cue``, ``cue_type``, ``cue_start``/``cue_end`` (the cue's span in the raw source), ``addressee``, ``action`` (base form), ``verb_group``, ``object``,
        ``demand_type``, ``reported``, ``source_id``, ``start``/``end`` (the requested action's
        character span in the raw source), ``demand_text`` and ``sentence``.
    """
    sents = _sentences()
    sent_rows = {r["sentence_id"]: r for r in sents.iter_rows(named=True)}
    order = [r["sentence_id"] for r in sents.iter_rows(named=True)]
    tok = _token_index()
    nominals = _nominals()
    matches = _cue_matches(text_ids)
    records: list[dict] = []
    previous: dict[str, str] = {}
    for m in matches.iter_rows(named=True):
        sid, src = m["sentence_id"], m["source_id"]
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
            reported = not (before & _FIRST_PERSON)
            rest = sent[j:]
            to = next((k for k, t in enumerate(rest) if t["norm"] == "to"), None)
            if rest and rest[0]["norm"] == "for" or to is None:
                verbal = False
                addressee = "unspecified"
                items.append((sid, _strip(rest[1:] if rest and rest[0]["norm"] == "for" else rest)))
            else:
                addressee = _surface(_strip(rest[:to]), src)
                comp = _strip(rest[to + 1 :])
                if comp:
                    items.append((sid, comp))
                else:  # 'call upon X to:' + numbered items up to the first ending in '.'
                    for nxt in order[order.index(sid) + 1 :]:
                        if not nxt.startswith(m["text_id"] + ":"):
                            break
                        items.append((nxt, _strip(tok[nxt])))
                        if sent_rows[nxt]["text"].rstrip().endswith("."):
                            break
        elif construction in ("that_clause", "for_to"):
            rest = sent[j:]
            that = next((k for k, t in enumerate(rest) if t["norm"] == "that"), None)
            if m["pattern"].endswith(" that"):  # the cue itself ends with 'that'
                that = -1
            if construction == "that_clause" and that is not None:
                subj, pred = _that_subject(rest[that + 1 :])
                addressee = _surface(subj, src)
                items.append((sid, _strip(pred)))
            else:
                start = 1 if rest and rest[0]["norm"] == "for" else 0
                to = next((k for k, t in enumerate(rest) if t["norm"] == "to"), len(rest))
                addressee = _surface(_strip(rest[start:to]), src)
                items.append((sid, _strip(rest[to + 1 :])))
        elif construction in ("subject_modal", "subject_duty"):
            addressee = _addressee(subject, src, prev)
            items.append((sid, _strip(sent[j:])))
        else:  # nominal: 'This calls for NP', 'This necessitates NP, NP and NP'
            words = {t["norm"] for t in subject if _is_word(t)}
            reported = not (words <= _ANAPHORS or words & _FIRST_PERSON)
            addressee = prev if not reported else "unspecified"
            verbal = False
            items.append((sid, _strip(sent[j:])))
        for item_sid, comp in items:
            chunks = _split_verbal(comp) if verbal else _split_nominal(comp, nominals)
            for chunk in chunks:
                action, group, obj_start = _action_of(chunk, nominals, verbal=verbal)
                obj = _object(chunk, obj_start, src)
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
                        "addressee": addressee,
                        "action": action,
                        "verb_group": group,
                        "object": obj,
                        "demand_type": _demand_type(action, obj),
                        "reported": reported,
                        "source_id": src,
                        "start": chunk[0]["start"],
                        "end": chunk[-1]["end"],
                        "demand_text": _surface(chunk, src),
                        "sentence": sent_rows[item_sid]["text"],
                    }
                )
        if not reported and addressee != "unspecified":
            previous[m["text_id"]] = addressee
    frame = pl.DataFrame(records, schema=_DEMAND_SCHEMA)
    frame = corpus.order_by_text(frame, "start")
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


@lru_cache(maxsize=1)
def _type_rules() -> tuple[tuple[int, tuple[str, ...], str], ...]:
    rows = demands_cues().filter(pl.col("cue_type") == "demand_type")
    rules = [
        (int(r["base"]), pattern_tokens(r["pattern"]), r["construction"])
        for r in rows.iter_rows(named=True)
    ]
    return tuple(sorted(rules, key=lambda r: r[0]))


def _demand_type(action: str, obj: str) -> str:
    """The codebook demand type from the action and object (type keywords in priority order)."""
    words = [action] + [tokens.normalise(t) for t in tokens.tokenize(obj)]
    for _, ptoks, dtype in _type_rules():
        n = len(ptoks)
        for i in range(len(words) - n + 1):
            if all(token_matches(p, w) for p, w in zip(ptoks, words[i : i + n], strict=True)):
                return dtype
    return "other"


# --- the response ---------------------------------------------------------------------------


def _response_matches() -> pl.DataFrame:
    toks = tokens.corpus_tokens().filter(pl.col("text_id") == "response")
    rules = response_rules()
    # each layer is matched on its own, so a word can be both a function and a modality cue
    return pl.concat(
        [
            match_patterns(toks, rules.filter(pl.col("layer") == layer))
            for layer in ("function", "modality")
        ]
    )


def response_modality() -> pl.DataFrame:
    """Every modality marker in the response: sentence_id, category, strength, matched, offsets."""
    rules = response_rules().filter(pl.col("layer") == "modality")
    toks = tokens.corpus_tokens().filter(pl.col("text_id") == "response")
    found = match_patterns(toks, rules)
    return found.select(
        "sentence_id", "category", "strength", "pattern", "matched", "source_id", "start", "end"
    ).sort("start")


def _actor(sentence_id: str) -> str:
    """Leading name of the sentence: capitalised words (with 'of'/'the') before the first verb."""
    out = []
    for t in _token_index()[sentence_id]:
        if t["token"][:1].isupper() or (out and t["norm"] in {"of", "the"}):
            out.append(t)
        else:
            break
    src = _token_index()[sentence_id][0]["source_id"]
    return _surface(_strip(out), src) or "unspecified"


def response_functions() -> pl.DataFrame:
    """Function, modality, commitment strength and actor of each response sentence.

    Rules (``response-functions.csv``): every function pattern found in the sentence is a
    candidate; the main ``function`` is the candidate with the lowest ``priority`` (what the
    actor undertakes outranks what it reports or recognises). ``commitment_strength`` is the
    strongest modality marker (``firm`` for 'will', ``weak`` for open-ended markers, else
    ``none``). ``modality`` lists the stance markers found, in order.
    """
    sents = _sentences().filter(pl.col("text_id") == "response")
    found = _response_matches()
    rank = {s: i for i, s in enumerate(STRENGTHS)}
    rows = []
    for s in sents.iter_rows(named=True):
        here = found.filter(pl.col("sentence_id") == s["sentence_id"]).sort("start")
        funcs = here.filter(pl.col("layer") == "function").sort(["priority", "start"])
        mods = here.filter(pl.col("layer") == "modality")
        strengths = [x for x in mods["strength"].to_list() if x]
        strength = max(strengths, key=rank.get) if strengths else "none"
        rows.append(
            {
                "sentence_id": s["sentence_id"],
                "function": funcs["category"][0] if funcs.height else "position",
                "functions_all": "; ".join(dict.fromkeys(funcs["category"].to_list())),
                "modality": "; ".join(dict.fromkeys(mods["matched"].to_list())),
                "commitment_strength": strength,
                "actor": _actor(s["sentence_id"]),
                "text": s["text"],
            }
        )
    return pl.DataFrame(rows)


def response_commitments() -> pl.DataFrame:
    """Response sentences that commit an actor to something (strength weak or firm)."""
    return (
        response_functions()
        .filter(pl.col("commitment_strength") != "none")
        .select("sentence_id", "actor", "function", "modality", "commitment_strength", "text")
    )


# --- alignment ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _variant_map() -> dict[str, str]:
    """Single-token referent variants folded to one form (Khojali -> Khojaly (Khojali))."""
    table = lexicon_load("referent-variants", required=("form", "concept")).table
    out = {}
    for r in table.iter_rows(named=True):
        toks = pattern_tokens(r["form"])
        if len(toks) == 1 and not toks[0].endswith("*"):
            out[toks[0]] = "§" + r["concept"].lower()
    return out


def content_term(norm: str) -> str:
    """A content token's alignment term: variant-folded, -ise as -ize, plural -s removed."""
    v = _variant_map().get(norm)
    if v:
        return v
    w = re.sub(r"is(e|es|ed|ing|ation|ations)$", r"iz\1", norm) if len(norm) > 6 else norm
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def _span_terms(source_id: str, start: int, end: int, sentence_ids: list[str]) -> list[str]:
    stop = resources.stopwords()
    out = []
    for sid in sentence_ids:
        for t in _token_index()[sid]:
            if t["source_id"] == source_id and t["start"] >= start and t["end"] <= end:
                if t["kind"] == "word" and t["norm"] not in stop and len(t["norm"]) > 1:
                    out.append(content_term(t["norm"]))
    return out


def tfidf_vectors(docs: dict[str, list[str]]) -> dict[str, dict[str, float]]:
    """TF-IDF vectors, L2-normalised.

    Weighting (*choice*, stated in notebook 03): tf = raw count of the term in the document;
    idf = ln((1 + N) / (1 + df)) + 1, the smoothed form (N documents, df documents containing
    the term); weight = tf * idf; each vector divided by its Euclidean norm.
    """
    n = len(docs)
    df = Counter(term for terms in docs.values() for term in set(terms))
    out = {}
    for key, terms in docs.items():
        tf = Counter(terms)
        vec = {t: c * (math.log((1 + n) / (1 + df[t])) + 1) for t, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        out[key] = {t: v / norm for t, v in vec.items()} if norm else {}
    return out


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two sparse vectors (:func:`analysis.keyness.cosine`); 0 if either is empty.

    A demand or response sentence with no content term (all stop words) has an empty vector;
    it shares nothing with any other unit, so its alignment cosine is 0 (*choice*).
    """
    if not a or not b:
        return 0.0
    return keyness.cosine(a, b)


@lru_cache(maxsize=1)
def _concept_matches() -> pl.DataFrame:
    """Lexicon concepts (referents, event labels, principles) found in the primary texts."""
    toks = tokens.corpus_tokens()
    frames = []
    for name, column, prefix in (
        ("referent-variants", "concept", "referent"),
        ("event-labels", "label", "label"),
        ("principles", "principle", "principle"),
    ):
        table = lexicon_load(name, required=("form", column)).table
        found = match_patterns(toks, table, pattern_column="form")
        frames.append(
            found.select(
                "sentence_id",
                "source_id",
                "start",
                "end",
                pl.format("{}: {}", pl.lit(prefix), pl.col(column)).alias("concept"),
            )
        )
    return pl.concat(frames)


def _span_concepts(source_id: str, start: int, end: int) -> set[str]:
    c = _concept_matches().filter(
        (pl.col("source_id") == source_id) & (pl.col("start") >= start) & (pl.col("end") <= end)
    )
    return set(c["concept"].to_list())


def _units() -> tuple[pl.DataFrame, pl.DataFrame]:
    demands = demands_extract().filter(~pl.col("reported"))
    response = _sentences().filter(pl.col("text_id") == "response")
    return demands, response


def demands_alignment() -> pl.DataFrame:
    """Every (own) demand against every response sentence.

    Columns: ``demand_id``, ``text_id``, ``sentence_id`` (response), ``cosine`` (TF-IDF over
    content terms, collection = all demands plus all response sentences), ``concept_jaccard``
    (Jaccard overlap of the lexicon concepts in the demand span and the sentence),
    ``shared_terms``, ``shared_concepts``, ``score`` = (cosine + concept_jaccard) / 2 and
    ``rank`` (1 = best evidence sentence for the demand).
    """
    demands, response = _units()
    docs: dict[str, list[str]] = {}
    concepts: dict[str, set[str]] = {}
    for d in demands.iter_rows(named=True):
        docs[d["demand_id"]] = _span_terms(d["source_id"], d["start"], d["end"], [d["sentence_id"]])
        concepts[d["demand_id"]] = _span_concepts(d["source_id"], d["start"], d["end"])
    for s in response.iter_rows(named=True):
        docs[s["sentence_id"]] = _span_terms(
            s["source_id"], s["start"], s["end"], [s["sentence_id"]]
        )
        concepts[s["sentence_id"]] = _span_concepts(s["source_id"], s["start"], s["end"])
    vecs = tfidf_vectors(docs)
    rows = []
    for d in demands.iter_rows(named=True):
        for s in response.iter_rows(named=True):
            a, b = d["demand_id"], s["sentence_id"]
            ca, cb = concepts[a], concepts[b]
            jac = len(ca & cb) / len(ca | cb) if ca | cb else 0.0
            cos = cosine(vecs[a], vecs[b])
            rows.append(
                {
                    "demand_id": a,
                    "text_id": d["text_id"],
                    "sentence_id": b,
                    "cosine": round(cos, 6),
                    "concept_jaccard": round(jac, 6),
                    "score": round((cos + jac) / 2, 6),
                    "shared_terms": ", ".join(sorted(set(docs[a]) & set(docs[b]))),
                    "shared_concepts": ", ".join(sorted(ca & cb)),
                }
            )
    frame = pl.DataFrame(rows)
    return frame.with_columns(
        pl.col("score")
        .rank("ordinal", descending=True)
        .over("demand_id")
        .cast(pl.Int64)
        .alias("rank")
    ).pipe(order_demands, "rank")


def demands_evidence(k: int = 3) -> pl.DataFrame:
    """The top ``k`` response sentences per demand (score > 0), with the sentence text."""
    response = _sentences().filter(pl.col("text_id") == "response").select("sentence_id", "text")
    demands = demands_extract().select("demand_id", "demand_text")
    return (
        demands_alignment()
        .filter((pl.col("rank") <= k) & (pl.col("score") > 0))
        .join(demands, on="demand_id", maintain_order="left")
        .join(response, on="sentence_id", maintain_order="left")
        .pipe(order_demands, "rank")
    )


# --- responsiveness -------------------------------------------------------------------------


def _as_predicate(source_id: str, start: int, end: int, sentence_id: str) -> tuple[set, set] | None:
    """(concepts before, concepts after) an 'as a/an' predication in a span, if any."""
    toks = [t for t in _token_index()[sentence_id] if t["start"] >= start and t["end"] <= end]
    for i, t in enumerate(toks[:-1]):
        if t["norm"] == "as" and toks[i + 1]["norm"] in {"a", "an"}:
            left = _span_concepts(source_id, start, t["start"])
            right = _span_concepts(source_id, t["end"], end)
            right_terms = {content_term(x["norm"]) for x in toks[i + 2 :] if x["kind"] == "word"}
            return left, right | right_terms
    return None


def _reframed(demand: dict, sentence: dict) -> bool:
    """Same referent, different category: both say 'X as a Y' about a shared X, with other Ys."""
    d = _as_predicate(demand["source_id"], demand["start"], demand["end"], demand["sentence_id"])
    s = _as_predicate(
        sentence["source_id"], sentence["start"], sentence["end"], sentence["sentence_id"]
    )
    if d is None or s is None:
        return False
    return bool(d[0] & s[0]) and not (d[1] & s[1])


def _act_terms(demand: dict) -> list[str]:
    """The requested act: the action verb and the object's head (up to 'of'/'as'/'to'/','),
    without referent names (places, states, actors: what the act is about, not the act)."""
    stop = resources.stopwords()
    head = []
    for t in tokens.tokenize(demand["object"]):
        n = tokens.normalise(t)
        if n in {"of", "as", "to", ",", ";"}:
            break
        if n.isalpha() and n not in stop and not content_term(n).startswith("§"):
            head.append(content_term(n))  # referent names are the topic, not the act
    return [content_term(_fold(demand["action"]))] + head


def demands_responsiveness() -> pl.DataFrame:
    """Automatic label per own demand, from the alignment (thresholds fixed in advance).

    Petition demands (the response answers the petition), on the best evidence sentence:
    ``not_addressed`` if the best score < ``T_NONE``; else ``reframed`` if the demand and one
    of its top ``EVIDENCE_K`` sentences (score >= ``T_NONE``) both predicate a category of a
    shared referent with 'as a …' and the categories share nothing (that sentence becomes the
    evidence); else ``addressed`` if the sentence contains at least ``ACT_COVERAGE`` of the
    requested act's terms (action verb + object head); else ``partially_addressed``.

    Letter demands (no response in the corpus): ``policy_overlap`` with the 2022 response,
    ``overlap`` if the best score >= ``T_FULL``, ``partial_overlap`` if >= ``T_NONE``, else
    ``no_overlap``. This measures overlap with stated policy, not responsiveness.

    Returns:
        One row per own demand: ``demand_id``, ``text_id``, ``scale``, ``label``, ``evidence``
        (the sentence the label rests on: the best-scoring one, or for *reframed* the top-
        ``EVIDENCE_K`` sentence with the 'as a …' predication; empty for not_addressed and
        no_overlap), ``evidence_score`` (that sentence's own score), ``best_sentence`` and
        ``best_score`` (the top-ranked sentence), ``act_terms``, ``act_coverage`` and
        ``demand_text``.
    """
    demands, response = _units()
    sents = {r["sentence_id"]: r for r in response.iter_rows(named=True)}
    align = demands_alignment()
    best = {r["demand_id"]: r for r in align.filter(pl.col("rank") == 1).iter_rows(named=True)}
    score = {(r[0], r[1]): r[2] for r in align.select("demand_id", "sentence_id", "score").rows()}
    top = align.filter((pl.col("rank") <= EVIDENCE_K) & (pl.col("score") >= T_NONE))
    rows = []
    for d in demands.iter_rows(named=True):
        b = best[d["demand_id"]]
        s = sents[b["sentence_id"]]
        act = _act_terms(d)
        s_terms = set(_span_terms(s["source_id"], s["start"], s["end"], [s["sentence_id"]]))
        coverage = sum(t in s_terms for t in act) / len(act)
        evidence = b["sentence_id"]
        if d["text_id"] == "petition":
            scale = "responsiveness"
            if b["score"] < T_NONE:
                label = "not_addressed"
            elif reframe := next(
                (
                    r["sentence_id"]
                    for r in top.filter(pl.col("demand_id") == d["demand_id"]).iter_rows(named=True)
                    if _reframed(d, sents[r["sentence_id"]])
                ),
                None,
            ):
                label, evidence = "reframed", reframe
            elif coverage >= ACT_COVERAGE:
                label = "addressed"
            else:
                label = "partially_addressed"
        else:
            scale = "policy_overlap"
            label = (
                "overlap"
                if b["score"] >= T_FULL
                else "partial_overlap"
                if b["score"] >= T_NONE
                else "no_overlap"
            )
        rows.append(
            {
                "demand_id": d["demand_id"],
                "text_id": d["text_id"],
                "scale": scale,
                "label": label,
                "evidence": evidence if label not in ("not_addressed", "no_overlap") else "",
                "evidence_score": score[(d["demand_id"], evidence)]
                if label not in ("not_addressed", "no_overlap")
                else None,
                "best_sentence": b["sentence_id"],
                "best_score": b["score"],
                "act_terms": ", ".join(act),
                "act_coverage": round(coverage, 6),
                "demand_text": d["demand_text"],
            }
        )
    return order_demands(pl.DataFrame(rows, infer_schema_length=None))


# --- gold data ------------------------------------------------------------------------------

GOLD_FILES = {
    "demands": (
        "demands-gold.csv",
        (
            "demand_id",
            "text_id",
            "sentence_id",
            "addressee",
            "action",
            "object",
            "demand_type",
            "cue",
            "quote",
            "reported",
            "note",
        ),
    ),
    "response-functions": (
        "response-functions-gold.csv",
        ("sentence_id", "function", "modality", "commitment_strength", "actor", "note"),
    ),
    "responsiveness": (
        "responsiveness-gold.csv",
        ("demand_id", "label", "evidence", "rationale"),
    ),
}
_GOLD_HEADER = ("purpose", "source", "version", "date", "coder")
_OPTIONAL = {"note", "evidence", "object", "addressee", "cue", "modality", "actor"}


def gold_load(name: str, *, directory: Path | None = None) -> pl.DataFrame:
    """Load and validate a hand-coded gold file from ``data/annotations/``.

    Args:
        name: ``"demands"``, ``"response-functions"`` or ``"responsiveness"``.
        directory: another directory (tests use this).

    Raises:
        DiscourseError: naming the file and line of a missing header field, missing column,
            wrong number of fields, empty required cell, unknown category or sentence id,
            a quote that is not in its sentence, or a duplicate id.
    """
    if name not in GOLD_FILES:
        raise DiscourseError(f"unknown gold file {name!r}; known: {sorted(GOLD_FILES)}")
    filename, columns = GOLD_FILES[name]
    path = (Path(directory) if directory else paths.ANNOTATIONS) / filename
    if not path.is_file():
        raise DiscourseError(f"{path}: gold file not found; code it from demands-codebook.md.")
    table = read_commented_csv(
        path,
        required_header=_GOLD_HEADER,
        required_columns=tuple(c for c in columns if c not in _OPTIONAL),
    )
    cols = table.columns
    sents = {r["sentence_id"]: r["text"] for r in _sentences().iter_rows(named=True)}
    allowed = {
        "demand_type": set(DEMAND_TYPES),
        "reported": {"yes", "no"},
        "text_id": set(ADVOCACY_TEXTS),
        "function": set(FUNCTIONS),
        "commitment_strength": set(STRENGTHS),
        "label": set(RESPONSIVENESS) | set(POLICY_OVERLAP),
    }
    rows, seen = [], {}
    for line_no, row in table.rows:
        for c, ok in allowed.items():
            if c in row and row[c] not in ok:
                raise DiscourseError(
                    f"{path}, line {line_no}: unknown {c} {row[c]!r}; allowed {sorted(ok)}."
                )
        sid = row.get("sentence_id")
        if sid is not None and sid not in sents:
            raise DiscourseError(
                f"{path}, line {line_no}: unknown sentence_id {sid!r} (see units-sentences.csv)."
            )
        if name == "demands" and row["quote"] not in sents[sid]:
            raise DiscourseError(f"{path}, line {line_no}: quote {row['quote']!r} is not in {sid}.")
        for ev in filter(None, (e.strip() for e in row.get("evidence", "").split(";"))):
            if ev not in sents:
                raise DiscourseError(f"{path}, line {line_no}: unknown evidence sentence {ev!r}.")
        key = row[cols[0]]
        if key in seen:
            raise DiscourseError(
                f"{path}, line {line_no}: duplicate {cols[0]} {key!r} (first at line {seen[key]})."
            )
        seen[key] = line_no
        row["line"] = line_no
        rows.append(row)
    if not rows:
        raise DiscourseError(f"{path}: no rows.")
    return pl.DataFrame(rows, schema={**{c: pl.String for c in cols}, "line": pl.Int64})


# --- measurement against the gold -----------------------------------------------------------


def _gold_spans(gold: pl.DataFrame) -> pl.DataFrame:
    """Gold demands with the quote's character span (``start``/``end``) in the raw source.

    The offset is found with Python's ``str.find`` on the sentence text, so it counts characters
    (polars' ``str.find`` counts bytes, which shifts spans after a curly apostrophe or dash).
    """
    sents = {r["sentence_id"]: r for r in _sentences().iter_rows(named=True)}
    starts, sources = [], []
    for r in gold.iter_rows(named=True):
        s = sents[r["sentence_id"]]
        starts.append(s["start"] + s["text"].find(r["quote"]))
        sources.append(s["source_id"])
    return gold.with_columns(
        pl.Series("source_id", sources, dtype=pl.String),
        pl.Series("start", starts, dtype=pl.Int64),
    ).with_columns((pl.col("start") + pl.col("quote").str.len_chars()).alias("end"))


def demands_matching(
    gold: pl.DataFrame | None = None, found: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Pair gold demands with extracted ones.

    Match rule (*choice*, fixed before the gold was seen): a gold demand and an extracted demand
    match when they are in the same sentence, have the same ``reported`` status, and the gold
    quote's character span overlaps the extracted action's span; pairs are made one-to-one,
    largest overlap first. Returns one row per gold or extracted demand with ``gold_id`` and/or
    ``found_id`` (null where unmatched) and ``overlap`` in characters.
    """
    gold = _gold_spans(gold if gold is not None else gold_load("demands"))
    found = found if found is not None else demands_extract()
    cands = []
    for g in gold.iter_rows(named=True):
        for f in found.iter_rows(named=True):
            if f["sentence_id"] != g["sentence_id"] or f["reported"] != (g["reported"] == "yes"):
                continue
            ov = min(g["end"], f["end"]) - max(g["start"], f["start"])
            if ov > 0:
                cands.append((ov, g["demand_id"], f["demand_id"]))
    pairs, used_g, used_f = [], set(), set()
    for ov, gid, fid in sorted(cands, key=lambda c: (-c[0], demand_key(c[1]), demand_key(c[2]))):
        if gid not in used_g and fid not in used_f:
            pairs.append({"gold_id": gid, "found_id": fid, "overlap": ov})
            used_g.add(gid)
            used_f.add(fid)
    for gid in gold["demand_id"].to_list():
        if gid not in used_g:
            pairs.append({"gold_id": gid, "found_id": None, "overlap": 0})
    for fid in found["demand_id"].to_list():
        if fid not in used_f:
            pairs.append({"gold_id": None, "found_id": fid, "overlap": 0})
    return pl.DataFrame(
        pairs, schema={"gold_id": pl.String, "found_id": pl.String, "overlap": pl.Int64}
    )


def demands_precision_recall(gold: pl.DataFrame | None = None) -> pl.DataFrame:
    """Precision, recall and F1 of the extractor per text and reported status, and overall."""
    gold = gold if gold is not None else gold_load("demands")
    found = demands_extract()
    pairs = demands_matching(gold, found)
    matched = {
        (r["gold_id"], r["found_id"])
        for r in pairs.iter_rows(named=True)
        if r["gold_id"] and r["found_id"]
    }
    rows = []
    for text_id in (*ADVOCACY_TEXTS, "all"):
        for reported in (False, True):
            g = gold.filter(pl.col("reported") == ("yes" if reported else "no"))
            f = found.filter(pl.col("reported") == reported)
            if text_id != "all":
                g, f = (
                    g.filter(pl.col("text_id") == text_id),
                    f.filter(pl.col("text_id") == text_id),
                )
            gset = set(g["demand_id"].to_list())
            fset = set(f["demand_id"].to_list())
            # express matches in gold ids, so the shared agreement.precision_recall applies
            fmapped = {gid for gid, fid in matched if fid in fset and gid in gset}
            fmapped |= {f"unmatched:{fid}" for fid in fset if fid not in {m[1] for m in matched}}
            fmapped |= {f"other:{fid}" for gid, fid in matched if fid in fset and gid not in gset}
            pr = agreement.precision_recall(gset, fmapped)
            rows.append(
                {
                    "text_id": text_id,
                    "reported": reported,
                    "n_gold": len(gset),
                    "n_found": len(fset),
                    **pr,
                }
            )
    return pl.DataFrame(rows)


def functions_agreement(gold: pl.DataFrame | None = None) -> dict:
    """Agreement of the rule-based response functions and strengths with the gold coding."""
    gold = gold if gold is not None else gold_load("response-functions")
    auto = (
        response_functions()
        .join(gold, on="sentence_id", suffix="_gold", maintain_order="left")
        .sort("sentence_id")  # zero-padded ids: string order is text order
    )
    out = {}
    for col in ("function", "commitment_strength"):
        a, g = auto[col].to_list(), auto[f"{col}_gold"].to_list()
        out[col] = {
            **agreement.agreement_summary(g, a),
            "confusion": agreement.confusion_table(g, a),
        }
    return out


def responsiveness_agreement(gold: pl.DataFrame | None = None) -> dict:
    """Agreement of the automatic labels with the gold, per scale (responsiveness, policy overlap).

    Letter demands are paired through :func:`demands_matching` (gold ids differ from ours).
    """
    gold = gold if gold is not None else gold_load("responsiveness")
    auto = demands_responsiveness()
    pairs = demands_matching()
    to_found = {
        r["gold_id"]: r["found_id"]
        for r in pairs.iter_rows(named=True)
        if r["gold_id"] and r["found_id"]
    }
    labels = {r["demand_id"]: r["label"] for r in auto.iter_rows(named=True)}
    table = gold.with_columns(
        pl.col("demand_id").replace_strict(to_found, default=None).alias("found_id")
    ).with_columns(
        pl.col("found_id").replace_strict(labels, default=None).alias("auto_label"),
        pl.when(pl.col("label").is_in(list(RESPONSIVENESS)))
        .then(pl.lit("responsiveness"))
        .otherwise(pl.lit("policy_overlap"))
        .alias("scale"),
    )
    out = {
        "table": table.select("demand_id", "found_id", "scale", "label", "auto_label", "evidence")
    }
    for scale in ("responsiveness", "policy_overlap"):
        t = table.filter((pl.col("scale") == scale) & pl.col("auto_label").is_not_null())
        if t.height:
            g, a = t["label"].to_list(), t["auto_label"].to_list()
            out[scale] = {
                **agreement.agreement_summary(g, a),
                "confusion": agreement.confusion_table(g, a),
            }
    return out


def textstat_responsiveness() -> pl.DataFrame:
    """Automatic and gold labels side by side, one row per (own) demand.

    Columns: ``demand_id`` (the extractor's), ``gold_id``, ``text_id``, ``scale``
    (responsiveness for the petition, policy_overlap for the letter), ``auto_label``,
    ``gold_label`` (null where the demand has no gold counterpart), ``evidence``,
    ``gold_evidence``, ``evidence_score`` (the alignment score of the evidence sentence itself),
    ``best_sentence`` / ``best_score`` (the top-ranked sentence and its score; a *reframed*
    demand's evidence can be a lower-ranked sentence) and ``demand_text``.
    """
    auto = demands_responsiveness()
    gold = gold_load("responsiveness")
    pairs = demands_matching().filter(pl.col("found_id").is_not_null())
    gold = gold.join(
        pairs.select("gold_id", "found_id"),
        left_on="demand_id",
        right_on="gold_id",
        maintain_order="left",
    )
    table = auto.join(
        gold.select(
            pl.col("found_id").alias("demand_id"),
            pl.col("demand_id").alias("gold_id"),
            pl.col("label").alias("gold_label"),
            pl.col("evidence").alias("gold_evidence"),
        ),
        on="demand_id",
        how="left",
        maintain_order="left",
    ).select(
        "demand_id",
        "gold_id",
        "text_id",
        "scale",
        pl.col("label").alias("auto_label"),
        "gold_label",
        "evidence",
        "gold_evidence",
        "evidence_score",
        "best_sentence",
        "best_score",
        "demand_text",
    )
    return order_demands(table)
