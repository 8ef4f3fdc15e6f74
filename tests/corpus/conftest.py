"""Fixtures of the corpus tier: the default corpus tables, loaded once per test session, and
every registered figure built once in a separate interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from analysis import corpus, paths, tokens


@pytest.fixture(scope="session")
def segments():
    return corpus.corpus_segments()


@pytest.fixture(scope="session")
def sentences():
    return tokens.corpus_sentences()


@pytest.fixture(scope="session")
def toks():
    """Normalised tokens of the three primary texts."""
    return tokens.corpus_tokens()


_FRESH_BUILD = """
import json, sys
from analysis import figures
out = {}
for spec in figures.registry():
    chart = spec.build()
    out[spec.name] = {"json": chart.to_json(), "spec": figures.spec_json(chart)}
json.dump(out, sys.stdout)
"""


@pytest.fixture(scope="session")
def fresh_figures() -> dict[str, dict[str, str]]:
    """Every registered figure built in a separate interpreter: ``{name: {"json", "spec"}}``.

    ``json`` is Altair's ``chart.to_json()``, ``spec`` is ``figures.spec_json(chart)``. The
    interpreter shares no lru_cache, module state or Altair counter with the tests, and runs
    with another hash seed, so set/dict iteration order that leaks into a spec shows up. One
    interpreter for every chart module's determinism test (the corpus is loaded once there).
    """
    seed = "1" if os.environ.get("PYTHONHASHSEED") != "1" else "2"
    out = subprocess.run(
        [sys.executable, "-c", _FRESH_BUILD],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": seed},
        timeout=600,
    )
    return json.loads(out.stdout)
