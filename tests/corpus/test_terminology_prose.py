"""Notebook 01's dispersion and keyness sentences on the default corpus, pinned word for word.

The strings are what notebook 01 printed before their computation moved into
:mod:`analysis.report.terminology_prose`; the report must keep saying exactly this.
"""

from __future__ import annotations

from analysis import corpus
from analysis.measures import dispersion
from analysis.report import terminology_prose

SPREAD = "- **The petition** (11 sentences): 97 of its 117 terms occur in one sentence only; of the 20 terms used at least twice, the most evenly spread is “azerbaijan” (5 times in 5 of 11 sentences, DP = 0.47) and the most concentrated “government” (2 times in 2 of 11 sentences, DP = 0.83).\n- **The response** (8 sentences): 92 of its 106 terms occur in one sentence only; of the 20 terms used at least twice, the most evenly spread is “canada” (11 times in 8 of 8 sentences, DP = 0.11) and the most concentrated “security” (2 times in 2 of 8 sentences, DP = 0.81).\n- **The letter** (30 sentences): 327 of its 389 terms occur in one sentence only; of the 62 terms used at least twice, the most evenly spread is “artsakh” (12 times in 12 of 30 sentences, DP = 0.62) and the most concentrated “including” (2 times in 2 of 30 sentences, DP = 0.96)."
KEYNESS = "- **The petition**: strongest positive term “khojali” (a = 5, b = 0, G2 = 16.27, p < 0.001, Fisher’s p < 0.001, q = 0.16, Log Ratio = 5.34 [1.89, ∞], z = 2.54). With the Benjamini–Hochberg correction over its 543 terms, 0 terms reach q < 0.05 in the positive direction and 0 in the negative (without correction, 12 reach p < 0.05 for G2 in the positive direction); 543 of the 543 terms have an expected count below 5. Of its 10 strongest positive terms, 0 occur in one sentence only.\n- **The response**: strongest positive term “canada” (a = 11, b = 12, G2 = 12.04, p < 0.001, Fisher’s p < 0.001, q = 0.274, Log Ratio = 2.18 [0.85, 3.49], z = 2.81). With the Benjamini–Hochberg correction over its 543 terms, 0 terms reach q < 0.05 in the positive direction and 0 in the negative (without correction, 11 reach p < 0.05 for G2 in the positive direction); 543 of the 543 terms have an expected count below 5. Of its 10 strongest positive terms, 4 occur in one sentence only.\n- **The letter**: strongest positive term “artsakh” (a = 12, b = 0, G2 = 11.02, p < 0.001, Fisher’s p = 0.00529, q = 0.989, Log Ratio = 3.80 [0.68, ∞], z = 1.53). With the Benjamini–Hochberg correction over its 543 terms, 0 terms reach q < 0.05 in the positive direction and 0 in the negative (without correction, 6 reach p < 0.05 for G2 in the positive direction); 542 of the 543 terms have an expected count below 5. Of its 10 strongest positive terms, 0 occur in one sentence only."
TIDYLO = "tidylo's `bind_log_odds` variant (each text against all texts pooled, itself included; prior: each term's unscaled count over all texts) against the suite's z, Spearman rank correlation over the terms each text uses: the petition 0.95, the response 0.87 and the letter 0.98."


def test_spread_sentences():
    spread = dispersion.textstat_dispersion_measures(parts="sentence")
    assert terminology_prose.describe_spread(spread, corpus.text_ids()) == SPREAD
    assert terminology_prose.describe_spread() == SPREAD


def test_keyness_and_tidylo_sentences():
    key = terminology_prose.keyness_by_text()
    assert list(key) == corpus.text_ids()
    assert terminology_prose.describe_keyness(key) == KEYNESS
    assert terminology_prose.describe_tidylo(key) == TIDYLO
