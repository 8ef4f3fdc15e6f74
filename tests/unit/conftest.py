"""Fixtures shared by the unit tests: the synthetic corpora, built once, put in force per test.

- ``synth``: the five-text framing corpus (:mod:`tests.unit.framing_synthetic`), its manifest in
  force for the test; ``auto``: its dictionary coding per sentence.
- ``sents``, ``toks``: sentences and tokens of the sentiment and style texts
  (:mod:`tests.unit.synthetic_sentiment`).
- ``demand_frames``, ``found``: sentences and tokens of the demands corpus
  (:mod:`tests.unit.demands_synthetic`) and the demands extracted from its advocacy texts.
"""

from __future__ import annotations

import os

import pytest

from analysis import paths
from analysis.measures import demands, framing

from . import demands_synthetic, framing_synthetic, synthetic_sentiment


@pytest.fixture(autouse=True)
def _manifest_in_force_is_restored():
    """A unit test that leaves another manifest in force (or DISCOURSE_MANIFEST changed) fails,
    and the manifest it found is put back, so no later test on the worker reads that corpus."""
    manifest, variable = paths.MANIFEST, os.environ.get("DISCOURSE_MANIFEST")
    yield
    now = (paths.MANIFEST, os.environ.get("DISCOURSE_MANIFEST"))
    if now != (manifest, variable):
        if variable is None:
            os.environ.pop("DISCOURSE_MANIFEST", None)
        paths.use_manifest(manifest)
        if variable is not None:
            os.environ["DISCOURSE_MANIFEST"] = variable
        pytest.fail(f"the test left another manifest in force: {now}")


@pytest.fixture()
def synth(tmp_path):
    with framing_synthetic.in_force(tmp_path) as corpus:
        yield corpus


@pytest.fixture()
def auto(synth):
    matches = framing.framing_matches(synth.toks, framing_synthetic.CUES)
    return framing.framing_sentences(framing.textstat_frame_coding(matches), synth.sentences)


@pytest.fixture(scope="module")
def sentiment_frames():
    return synthetic_sentiment.frames()


@pytest.fixture(scope="module")
def sents(sentiment_frames):
    return sentiment_frames[0]


@pytest.fixture(scope="module")
def toks(sentiment_frames):
    return sentiment_frames[1]


@pytest.fixture(scope="module")
def demand_frames():
    return demands_synthetic.frames()


@pytest.fixture(scope="module")
def found(demand_frames):
    return demands.demands_extract(*demand_frames, text_ids=demands_synthetic.ADVOCACY)
