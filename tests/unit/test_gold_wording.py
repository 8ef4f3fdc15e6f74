"""The suite's own voice, checked across code, notebooks, READMEs, docs and data headers.

1. The gold labels were written by an automated coder (a language model given only the
   codebook), as their headers say: nothing may call them human or hand coding, a second or
   independent coder, or a validation against people, nor claim an order of work (gold "not
   seen" or "opened" later) that the history cannot show. Negated wordings ("not a human coder")
   are what the suite should say, and pass.
2. Texts are described by role and date, never by side: no "opposing sides", "both camps",
   "two sides", "side of", "pro-X" / "anti-X" in the suite's voice.

Scanned: every module of ``analysis/``, the notebooks, ``README.md``, ``docs/``,
``figures/README.md``, the Markdown under ``data/`` and the ``#`` header lines of every CSV
under ``data/`` (the rows are data: the texts' own words and lexicon entries may be loaded).
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLAIMS = re.compile(
    r"hand[- ]?cod|human\s+cod|human\s+judg|independent\s+(second\s+)?coder"
    r"|second\s+(human\s+)?coder|validation\s+against|validated\s+against\s+human"
    r"|before the gold|gold (labels )?(was|were) (not )?seen|were not seen|before the \S+ files? "
    r"were opened|hand coding was opened|(?<=, )was opened",
    re.IGNORECASE,
)
SIDES = re.compile(
    r"\bopposing\s+(sides?|camps?|parties)|\bboth\s+camps\b|\btwo\s+sides\b|\bboth\s+sides\b"
    r"|\bone\s+side\b|\bother\s+side\b|\bside\s+of\b"
    r"|\b(pro|anti)-(armenian|azerbaijani|(?-i:[A-Z])\w*)",  # a capital: a people or a state
    re.IGNORECASE,
)
#: A claim preceded by a negation says what did not happen ("not a human coder"): allowed.
_NEGATED = re.compile(r"\b(not|no)\s+((by|with|from)\s+)?((an?|the)\s+)?$", re.IGNORECASE)

#: Kept byte-identical to an earlier commit so that earlier figures can be reproduced
#: (README-framing.md says so); its wording is history, not the suite's voice today.
SNAPSHOTS = {"data/lexicons/framing-v1/framing-cues.csv"}


def _flat(text: str) -> str:
    """Split string literals (Python, notebook JSON) joined, white space collapsed."""
    return re.sub(r'"\s*\n\s*"|\\n",\s*\n\s*"|\s+', " ", text)


def _hits(text: str, pattern: re.Pattern = CLAIMS) -> list[str]:
    flat = _flat(text)
    return [
        " ".join(m.group(0).split())
        for m in pattern.finditer(flat)
        if not _NEGATED.search(flat[max(0, m.start() - 20) : m.start()])
    ]


def _scanned() -> dict[str, str]:
    """Every scanned file (path relative to the repository) and the text that is checked."""
    files: list[Path] = [
        *sorted((ROOT / "analysis").rglob("*.py")),
        *sorted((ROOT / "notebooks").glob("*.ipynb")),
        ROOT / "README.md",
        *sorted((ROOT / "docs").rglob("*.md")),
        ROOT / "figures" / "README.md",
        *sorted((ROOT / "data").rglob("*.md")),
    ]
    out = {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in files if p.exists()}
    for csv in sorted((ROOT / "data").rglob("*.csv")):
        lines = csv.read_text(encoding="utf-8").splitlines()
        out[str(csv.relative_to(ROOT))] = "\n".join(x for x in lines if x.startswith("#"))
    return out


def test_the_pattern_finds_the_wordings_it_forbids():
    assert _hits('"An independent coder hand-coded the sentences"') == [
        "independent coder",
        "hand-cod",
    ]
    assert _hits('"compare with the human "\n        "coding, not a verdict"') == ["human cod"]
    assert _hits("thresholds fixed before the gold was seen") == ["before the gold"]
    assert _hits("Agreement with the gold coding; the gold coder (an automated coder)") == []
    assert _hits("validated against human judgement") == ["validated against human"]
    assert _hits("can be compared with human judgement") == ["human judg"]


def test_negated_wordings_say_what_did_not_happen_and_pass():
    assert _hits("an automated coder (a language model, not a human coder)") == []
    assert _hits("written by an automated coder, not by human coders") == []
    assert _hits("agreement with that coder, not with human judgement") == []
    assert _hits("a human coder checked it, not the model") == ["human cod"]


def test_the_side_pattern():
    assert _hits("the opposing sides and both camps", SIDES) == ["opposing sides", "both camps"]
    assert _hits("a pro-Armenian text; an anti-Azerbaijani cue; the two sides", SIDES) == [
        "pro-Armenian",
        "anti-Azerbaijani",
        "two sides",
    ]
    # words that only contain the letters, and the texts' roles, pass
    assert _hits("Not for the inside of a code span; the petition and the response", SIDES) == []
    assert _hits("anti-corruption and pro-active measures", SIDES) == []


def test_the_scan_covers_every_place_the_suite_speaks():
    scanned = _scanned()
    for path in (
        "README.md",
        "figures/README.md",
        "data/README.md",
        "notebooks/04-sentiment-and-style.ipynb",
        "analysis/report/sentiment_prose.py",
        "analysis/report/index.py",
        "analysis/figures.py",
        "data/annotations/framing-codebook.md",
        "data/annotations/framing-gold.csv",
    ):
        assert path in scanned
    assert scanned["data/annotations/framing-gold.csv"].startswith("# ")
    assert any(p.startswith("docs/") for p in scanned)


def _found(pattern: re.Pattern) -> dict[str, set[str]]:
    found = {}
    for path, text in _scanned().items():
        hits = set(_hits(text, pattern))
        if hits:
            found[path] = hits
    return found


def _outside_snapshots(found: dict[str, set[str]]) -> dict[str, set[str]]:
    return {p: h for p, h in found.items() if p not in SNAPSHOTS}


def test_nothing_calls_the_gold_human_coding_or_claims_an_order_of_work():
    assert _outside_snapshots(_found(CLAIMS)) == {}


def test_nothing_describes_texts_by_side():
    assert _outside_snapshots(_found(SIDES)) == {}
