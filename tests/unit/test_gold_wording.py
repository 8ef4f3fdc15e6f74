"""The gold labels were written by an automated coder (a language model given only the
codebook), as their headers say: generated prose and notebooks must not call them human or hand
coding, nor claim an order of work (gold "not seen" or "opened" later) that the history cannot
show. Scans the source of the prose, evaluation and measure modules and the notebooks."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = re.compile(
    r"hand[- ]?cod|human\s+cod|independent\s+(second\s+)?coder|second\s+(human\s+)?coder"
    r"|before the gold|gold (labels )?(was|were) (not )?seen|were not seen|before the \S+ files? "
    r"were opened|hand coding was opened",
    re.IGNORECASE,
)
#: Chart titles and captions are in committed figures; their wording is changed with the figures.
SCANNED = ("analysis/evaluation", "analysis/report", "analysis/measures", "notebooks")


def _hits(text: str) -> list[str]:
    flat = re.sub(r'"\s*\n\s*"|\\n",\s*\n\s*"|\s+', " ", text)  # join split string literals
    return [" ".join(m.group(0).split()) for m in FORBIDDEN.finditer(flat)]


def test_the_pattern_finds_the_wordings_it_forbids():
    assert _hits('"An independent coder hand-coded the sentences"') == [
        "independent coder",
        "hand-cod",
    ]
    assert _hits('"compare with the human "\n        "coding, not a verdict"') == ["human cod"]
    assert _hits("thresholds fixed before the gold was seen") == ["before the gold"]
    assert _hits("Agreement with the gold coding; the gold coder (an automated coder)") == []


def test_no_generated_prose_or_notebook_calls_the_gold_human_coding():
    found = {}
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in (".py", ".ipynb"):
                hits = _hits(path.read_text(encoding="utf-8"))
                if hits:
                    found[str(path.relative_to(ROOT))] = hits
    assert found == {}
