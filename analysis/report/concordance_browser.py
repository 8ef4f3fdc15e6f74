"""An offline concordance browser for the HTML reports: type a pattern, read its KWIC lines.

:func:`concordance_payload` packs the primary texts into a compact JSON-able structure (per
text: its label, colour, sentences with their raw offsets and text, and its tokens with
offsets and normalised forms; plus the proper names of :data:`analysis.measures.names.NAME_RULE`).
:func:`browser_html` turns it into an HTML fragment (input box, results table, sort buttons)
whose data and script are inlined: the page needs no server and loads nothing.

Matching follows :func:`analysis.measures.concordance.kwic` exactly: case-insensitive on
normalised tokens, ``word*`` prefix patterns, multi-word patterns within a sentence, the
proper names claiming their words unless the pattern covers the whole name (the names are
matched with the pattern, longest first, the pattern winning a tie), and 5 tokens of
context each side within the text (punctuation counts). :func:`payload_kwic` is the same
algorithm in Python, so tests compare the browser's rule with ``kwic`` on the same tokens.

Charts opt in with :func:`with_kwic_href` and :func:`kwic_href_encoding` (a Vega-Lite ``href``
channel whose value is ``#kwic=<url-encoded term>``): clicking a mark sets the page's hash,
and the browser script, listening to ``hashchange``, fills its input and shows the lines.
:func:`wants_browser` finds such charts in an executed notebook, so
:func:`analysis.report.export.export_html` adds the browser to exactly the reports that
show terms. A new chart of terms (e.g. collocations) opts in the same way: add the column with
``with_kwic_href(data, "<term column>")`` and ``href=kwic_href_encoding()`` to the bar
encoding.
"""

from __future__ import annotations

import html
import json
import re

import polars as pl

from analysis.charts.links import (  # noqa: F401 - the chart half of the link, re-exported
    KWIC_HASH,
    KWIC_HREF_COLUMN,
    kwic_href,
    kwic_href_encoding,
    with_kwic_href,
)
from analysis.io import DiscourseError

#: Tokens of context on each side (as ``kwic``'s default).
WINDOW = 5
#: Id of the browser's section (the input is ``<id>-input``, the table ``<id>-table``).
BROWSER_ID = "discourse-kwic"
#: Colour of a text the manifest gives none.
FALLBACK_COLOUR = "#888888"


# --- payload ---------------------------------------------------------------------------------


def _name_patterns() -> list[list[str]]:
    from analysis import lexicons
    from analysis.measures import names

    return [list(lexicons.pattern_tokens(f)) for f in names.name_terms()["form"].to_list()]


def concordance_payload(
    toks: pl.DataFrame | None = None,
    sentences: pl.DataFrame | None = None,
    *,
    labels: dict[str, str] | None = None,
    colours: dict[str, str] | None = None,
    name_patterns: list[list[str]] | None = None,
) -> dict:
    """The primary texts as the browser needs them (JSON-able, deterministic).

    Args:
        toks: normalised tokens of every kind (punctuation counts as context), with
            ``text_id, sentence_id, token_index, start, end, norm``; default the corpus in force.
        sentences: the sentences they were made from (``sentence_id, source_id, start, end,
            text``); required with ``toks``, default the corpus's sentences.
        labels, colours: per text id (default :func:`analysis.corpus.text_labels` and
            :func:`~analysis.corpus.text_colours`; a text missing there shows its id in grey).
        name_patterns: the names of :data:`~analysis.measures.names.NAME_RULE` as normalised
            pattern tokens (default: the label lexicon's proper names).

    Returns:
        ``{"window", "names", "texts": [{"id", "label", "colour", "sentences": [[id,
        source_id, start, end, text], …], "tokens": {"s", "a", "b", "n", "sp"}}, …]}``: per
        token its sentence (index into ``sentences``), start and end offsets, normalised
        form, and ``sp`` ("1" where the source has a gap before it, as ``kwic`` joins context).
    """
    from analysis import corpus, tokens

    if toks is None:
        toks = tokens.corpus_tokens()
        sentences = tokens.corpus_sentences() if sentences is None else sentences
    elif sentences is None:
        raise DiscourseError(
            "concordance_payload: tokens given without their sentences; pass sentences= too."
        )
    labels = corpus.text_labels() if labels is None else labels
    colours = corpus.text_colours() if colours is None else colours
    names = _name_patterns() if name_patterns is None else name_patterns
    toks = toks.filter(pl.col("text_id").is_not_null())
    order = corpus.texts_in(toks, order=list(labels))
    sent = sentences.select("sentence_id", "source_id", "start", "end", "text")
    texts = []
    for text_id in order:
        own = toks.filter(pl.col("text_id") == text_id).sort("token_index", maintain_order=True)
        ids = own["sentence_id"].unique(maintain_order=True).to_list()
        rows = (
            pl.DataFrame({"sentence_id": ids}, schema={"sentence_id": pl.String})
            .join(sent, on="sentence_id", how="left", maintain_order="left")
            .rows()
        )
        missing = [r[0] for r in rows if r[4] is None]
        if missing:
            raise DiscourseError(
                f"concordance_payload: sentence {missing[0]!r} of text {text_id!r} is not in "
                "the sentences frame; pass the sentences the tokens were made from."
            )
        index = {sid: i for i, sid in enumerate(ids)}
        source = {r[0]: r[1] for r in rows}
        sids = own["sentence_id"].to_list()
        starts, ends = own["start"].to_list(), own["end"].to_list()
        # kwic joins context with one space wherever the raw source has any gap (or changes)
        gaps = "".join(
            "1"
            if i == 0 or source[sids[i]] != source[sids[i - 1]] or ends[i - 1] != starts[i]
            else "0"
            for i in range(len(sids))
        )
        texts.append(
            {
                "id": text_id,
                "label": labels.get(text_id, text_id),
                "colour": colours.get(text_id, FALLBACK_COLOUR),
                "sentences": [list(r) for r in rows],
                "tokens": {
                    "s": [index[s] for s in sids],
                    "a": starts,
                    "b": ends,
                    "n": own["norm"].to_list(),
                    "sp": gaps,
                },
            }
        )
    return {"window": WINDOW, "names": names, "texts": texts}


# --- the matching rule, in Python (the script below is the same algorithm) -------------------


def _tok_match(pattern_tok: str, token: str) -> bool:
    if pattern_tok.endswith("*"):
        return token.startswith(pattern_tok[:-1])
    return token == pattern_tok


def _spans(norms: list[str], lo: int, hi: int, pattern: list[str]) -> list[int]:
    n = len(pattern)
    return [
        i
        for i in range(lo, hi - n + 1)
        if all(_tok_match(pattern[j], norms[i + j]) for j in range(n))
    ]


def payload_kwic(payload: dict, pattern: str) -> list[dict]:
    """The KWIC lines the browser shows for ``pattern`` (same rule as ``kwic``).

    Returns:
        One dict per line, in text order: ``text_id, sentence_id, pre, keyword, post, start,
        end``.
    """
    from analysis import lexicons

    own = list(lexicons.pattern_tokens(pattern))
    key = " ".join(own)
    # priority: the pattern, then the names, longest first (a stable sort: the pattern wins
    # a tie); a name equal to the pattern is the pattern
    pats = [own] + [p for p in payload["names"] if " ".join(p) != key]
    prio = sorted(range(len(pats)), key=lambda k: -len(pats[k]))
    rank = {k: r for r, k in enumerate(prio)}
    window = payload["window"]
    out = []
    for text in payload["texts"]:
        t = text["tokens"]
        norms, sent_of = t["n"], t["s"]
        bounds: dict[int, list[int]] = {}
        for i, s in enumerate(sent_of):
            bounds.setdefault(s, [i, i])[1] = i + 1
        for s, (lo, hi) in bounds.items():
            if not _spans(norms, lo, hi, own):
                continue
            cands = sorted(
                (rank[k], i, len(p)) for k, p in enumerate(pats) for i in _spans(norms, lo, hi, p)
            )
            taken: set[int] = set()
            for r, i, n in cands:
                if taken.isdisjoint(range(i, i + n)):
                    taken.update(range(i, i + n))
                    if prio[r] == 0:
                        out.append(_line(text, s, i, i + n - 1, window))
    return out


def _join(text: dict, lo: int, hi: int) -> str:
    t, sents = text["tokens"], text["sentences"]
    parts = []
    for i in range(lo, hi):
        sid, _src, s_start, _end, s_text = sents[t["s"][i]]
        word = s_text[t["a"][i] - s_start : t["b"][i] - s_start]
        parts.append((" " if i > lo and t["sp"][i] == "1" else "") + word)
    return "".join(parts)


def _line(text: dict, s: int, first: int, last: int, window: int) -> dict:
    t = text["tokens"]
    sid, _src, s_start, _end, s_text = text["sentences"][s]
    start, end = t["a"][first], t["b"][last]
    return {
        "text_id": text["id"],
        "sentence_id": sid,
        "pre": _join(text, max(0, first - window), first) if window else "",
        "keyword": s_text[start - s_start : end - s_start],
        "post": _join(text, last + 1, min(len(t["n"]), last + 1 + window)),
        "start": start,
        "end": end,
    }


# --- the HTML fragment -----------------------------------------------------------------------


def payload_json(payload: dict) -> str:
    """The payload as JSON safe inside ``<script>``: no ``<`` can close or open a tag."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # "<" written as its JSON escape: "</script>" and "<!--" cannot occur in the element
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


_STYLE = f"""<style>
#{BROWSER_ID} {{ margin: 2rem 1rem; padding: 1rem; border: 1px solid #ccc; }}
#{BROWSER_ID} table {{ border-collapse: collapse; font-size: 0.85rem; width: 100%; }}
#{BROWSER_ID} td {{ padding: 2px 6px; vertical-align: top; }}
#{BROWSER_ID} td.kwic-pre {{ text-align: right; white-space: nowrap; }}
#{BROWSER_ID} td.kwic-key {{ font-weight: bold; text-align: center; white-space: nowrap; }}
#{BROWSER_ID} td.kwic-text {{ border-left: 6px solid transparent; white-space: nowrap; }}
#{BROWSER_ID} summary {{ cursor: pointer; }}
</style>"""

# The matching rule of payload_kwic, and a table built with textContent only (no markup from
# the texts is ever parsed).
_SCRIPT = r"""<script>
(function () {
  "use strict";
  const root = document.getElementById("__ID__");
  if (!root) return;
  const data = JSON.parse(document.getElementById("__ID__-data").textContent);
  const input = document.getElementById("__ID__-input");
  const body = document.getElementById("__ID__-table").tBodies[0];
  const status = document.getElementById("__ID__-status");
  const APOS = /\u2019/g, HYPH = /[\u2010\u2011]/g;
  const WB = "(?![\\p{L}\\p{N}\\p{M}_])";
  const WORD = new RegExp(
    "\\p{Nd}{1,3}(?:[,'\u2019]\\p{Nd}{3})+(?:\\.\\p{Nd}+)?" +
    "|\\p{Nd}+(?:st|nd|rd|th)" + WB +
    "|(?:\\p{L}\\.){2,}" +
    "|['\u2019][sS]" + WB +
    "|[\\p{L}\\p{N}\\p{M}]+(?:[-\u2010\u2011][\\p{L}\\p{N}\\p{M}]+" +
    "|['\u2019](?![sS]" + WB + ")[\\p{L}\\p{N}\\p{M}]+|[.:](?=\\p{Nd})\\p{Nd}+)*" +
    "|\\S", "gu");
  const norm = (t) => t.toLowerCase().replace(APOS, "'").replace(HYPH, "-");
  function patternTokens(p) {
    const out = [];
    for (const word of p.trim().split(/\s+/).filter(Boolean)) {
      const star = word.endsWith("*") && word.length > 1;
      const toks = (star ? word.slice(0, -1) : word).match(WORD) || [];
      const n = toks.map(norm);
      if (star && n.length) n[n.length - 1] += "*";
      out.push(...n);
    }
    return out;
  }
  const tokMatch = (p, t) => (p.endsWith("*") ? t.startsWith(p.slice(0, -1)) : t === p);
  function spans(norms, lo, hi, pat) {
    const found = [];
    for (let i = lo; i + pat.length <= hi; i++) {
      let ok = true;
      for (let j = 0; j < pat.length && ok; j++) ok = tokMatch(pat[j], norms[i + j]);
      if (ok) found.push(i);
    }
    return found;
  }
  function slice(text, i) {
    const t = text.tokens, s = text.sentences[t.s[i]];
    return s[4].slice(t.a[i] - s[2], t.b[i] - s[2]);
  }
  function join(text, lo, hi) {
    let out = "";
    for (let i = lo; i < hi; i++) {
      out += (i > lo && text.tokens.sp[i] === "1" ? " " : "") + slice(text, i);
    }
    return out;
  }
  function search(pattern) {
    const own = patternTokens(pattern);
    if (!own.length) return [];
    const key = own.join(" ");
    const pats = [own].concat(data.names.filter((p) => p.join(" ") !== key));
    // longest first, the pattern first among equals (a stable sort)
    const prio = pats.map((_, k) => k).sort((x, y) => pats[y].length - pats[x].length || x - y);
    const lines = [], w = data.window;
    data.texts.forEach((text, order) => {
      const t = text.tokens, norms = t.n;
      let lo = 0;
      while (lo < norms.length) {
        let hi = lo;
        while (hi < norms.length && t.s[hi] === t.s[lo]) hi++;
        if (spans(norms, lo, hi, own).length) {
          const cands = [];
          prio.forEach((k, r) => spans(norms, lo, hi, pats[k]).forEach(
            (i) => cands.push([r, i, pats[k].length, k])));
          cands.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
          const taken = new Set();
          for (const [, i, n, k] of cands) {
            let free = true;
            for (let j = i; j < i + n && free; j++) free = !taken.has(j);
            if (!free) continue;
            for (let j = i; j < i + n; j++) taken.add(j);
            if (k !== 0) continue;
            const s = text.sentences[t.s[i]], last = i + n - 1;
            lines.push({
              order, text, sentence: s,
              pre: join(text, Math.max(0, i - w), i),
              keyword: s[4].slice(t.a[i] - s[2], t.b[last] - s[2]),
              post: join(text, last + 1, Math.min(norms.length, last + 1 + w)),
              preKey: norms.slice(Math.max(0, i - w), i).reverse().join(" "),
              postKey: norms.slice(last + 1, last + 1 + w).join(" "),
              start: t.a[i], end: t.b[last], index: lines.length,
            });
          }
        }
        lo = hi;
      }
    });
    return lines;
  }
  let current = [];
  function cell(row, cls, text) {
    const td = row.insertCell();
    td.className = cls;
    td.textContent = text;
    return td;
  }
  function draw() {
    body.textContent = "";
    for (const line of current) {
      const row = body.insertRow();
      row.className = "kwic-line";
      row.dataset.text = line.text.id;
      const who = cell(row, "kwic-text", line.text.label);
      who.style.borderLeftColor = line.text.colour;
      const where = row.insertCell();
      const details = document.createElement("details");
      const summary = document.createElement("summary");
      const s = line.sentence;
      summary.textContent = s[0];
      summary.title = s[1] + ": " + line.start + "-" + line.end;
      const info = document.createElement("div");
      info.textContent = s[1] + ": " + line.start + "-" + line.end + " (sentence " +
        s[2] + "-" + s[3] + "): " + s[4];
      details.append(summary, info);
      where.append(details);
      cell(row, "kwic-pre", line.pre);
      cell(row, "kwic-key", line.keyword);
      cell(row, "kwic-post", line.post);
    }
  }
  function show(pattern) {
    current = search(pattern);
    const texts = new Set(current.map((l) => l.text.id)).size;
    status.textContent = pattern.trim()
      ? current.length + " line" + (current.length === 1 ? "" : "s") + " in " + texts +
        " of " + data.texts.length + " texts for \u201c" + pattern.trim() + "\u201d"
      : "";
    draw();
  }
  const sorts = {
    left: (x, y) => x.preKey.localeCompare(y.preKey) || x.index - y.index,
    right: (x, y) => x.postKey.localeCompare(y.postKey) || x.index - y.index,
    text: (x, y) => x.index - y.index,
  };
  root.querySelectorAll("button[data-sort]").forEach((b) => b.addEventListener("click", () => {
    current.sort(sorts[b.dataset.sort]);
    draw();
  }));
  input.addEventListener("input", () => show(input.value));
  function fromHash() {
    const m = /^#kwic=(.*)$/.exec(window.location.hash);
    if (!m) return;
    let term;
    try { term = decodeURIComponent(m[1]); } catch (e) { return; }
    input.value = term;
    show(term);
    root.scrollIntoView({block: "start"});
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
</script>"""


def browser_html(payload: dict) -> str:
    """The browser as an HTML fragment: input, sort buttons, results table, data and script.

    Everything is inlined (no external URL); the texts' words reach the page only as JSON
    inside a ``<script type="application/json">`` element and as ``textContent``.
    """
    n = len(payload["texts"])
    window = int(payload["window"])
    intro = (
        f"Type a word or a multi-word pattern (<code>word*</code> matches every word that "
        f"starts with those letters) to see its keyword-in-context lines in each of the {n} "
        f"texts, with {window} tokens of context on each side, as "
        "<code>analysis.measures.concordance.kwic</code> finds them; words inside a listed "
        "proper name are found only by a pattern that covers the name. Click a bar of a "
        "keyness or terminology chart to see that term's lines. Click a sentence id for its "
        "source, character offsets and full sentence."
    )
    parts = [
        f'<section id="{BROWSER_ID}" class="{BROWSER_ID}" aria-label="Concordance browser">',
        _STYLE,
        "<h2>Concordance browser</h2>",
        f"<p>{intro}</p>",
        f'<p><label>Pattern: <input type="search" id="{BROWSER_ID}-input" size="40" '
        'autocomplete="off" spellcheck="false"></label> '
        'Sort by: <button type="button" data-sort="left">left context</button> '
        '<button type="button" data-sort="right">right context</button> '
        '<button type="button" data-sort="text">text order</button></p>',
        f'<p id="{BROWSER_ID}-status" aria-live="polite"></p>',
        f'<table id="{BROWSER_ID}-table"><thead><tr><th>Text</th><th>Sentence</th>'
        "<th>Left context</th><th>Keyword</th><th>Right context</th></tr></thead>"
        "<tbody></tbody></table>",
        f'<script type="application/json" id="{BROWSER_ID}-data">{payload_json(payload)}</script>',
        _SCRIPT.replace("__ID__", html.escape(BROWSER_ID)),
        "</section>",
    ]
    return "\n".join(parts)


# --- which reports get it --------------------------------------------------------------------

#: Notebook metadata flag forcing the browser on (true) or off (false) whatever the charts.
METADATA_FLAG = "concordance_browser"
_HREF_IN_SPEC = re.compile(re.escape(json.dumps(KWIC_HASH)[1:-1]))


def wants_browser(nb) -> bool:
    """Whether an executed notebook's report gets the browser.

    Yes when ``nb.metadata["discourse"]["concordance_browser"]`` says so, else when one of
    its chart outputs links marks to ``#kwic=`` (a chart made with :func:`with_kwic_href`).
    """
    flag = nb.get("metadata", {}).get("discourse", {}).get(METADATA_FLAG)
    if flag is not None:
        return bool(flag)
    for cell in nb.get("cells", []):
        for out in cell.get("outputs", []) if cell.get("cell_type") == "code" else ():
            text = out.get("data", {}).get("text/html", "")
            text = "".join(text) if isinstance(text, list) else str(text)
            if _HREF_IN_SPEC.search(text):
                return True
    return False
