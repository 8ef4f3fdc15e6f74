"""analysis.report.terminology_prose on small synthetic tables of four and five texts."""

import math

import polars as pl
import pytest

from analysis.report import terminology_prose as tp

NAMES = {
    "t-a": "the first text",
    "t-b": "the *second* text",
    "t-c": "the third text",
    "t-d": "the fourth text",
    "t-e": "the fifth text",
}


def _spread(rows):
    cols = ("text_id", "term", "f", "parts", "range", "dp")
    return pl.DataFrame([dict(zip(cols, r, strict=True)) for r in rows])


def test_spread_names_each_text_even_and_concentrated_term():
    spread = _spread(
        [
            ("t-a", "peace", 3, 4, 3, 0.20),
            ("t-a", "law", 2, 4, 2, 0.50),
            ("t-a", "co_op", 2, 4, 1, 0.704),
            ("t-a", "once", 1, 4, 1, 0.75),
            # equal DP and f: the first term alphabetically is the most even
            ("t-b", "gamma", 2, 3, 2, 0.40),
            ("t-b", "alpha", 2, 3, 2, 0.40),
            ("t-b", "delta", 2, 3, 1, 0.90),
            ("t-c", "solo", 2, 1, 1, 0.0),
            ("t-e", "single", 1, 5, 1, 0.80),
        ]
    )
    lines = tp.describe_spread(spread, ["t-a", "t-b", "t-c", "t-d", "t-e"], NAMES).split("\n")
    assert lines == [
        "- **The first text** (4 sentences): 2 of its 4 terms occur in one sentence only; of the "
        "3 terms used at least twice, the most evenly spread is “peace” (3 times in 3 of 4 "
        "sentences, DP = 0.20) and the most concentrated “co\\_op” (2 times in 1 of 4 sentences, "
        "DP = 0.70).",
        "- **The \\*second\\* text** (3 sentences): 1 of its 3 terms occur in one sentence only; "
        "of the 3 terms used at least twice, the most evenly spread is “alpha” (2 times in 2 of "
        "3 sentences, DP = 0.40) and the most concentrated “delta” (2 times in 1 of 3 sentences, "
        "DP = 0.90).",
        "- **The third text** (1 sentence): 1 of its 1 terms occur in one sentence only; no term "
        "is used twice over two or more sentences.",
        "- **The fourth text** (0 sentences): 0 of its 0 terms occur in one sentence only; no "
        "term is used twice over two or more sentences.",
        "- **The fifth text** (5 sentences): 1 of its 1 terms occur in one sentence only; no term "
        "is used twice over two or more sentences.",
    ]


def test_spread_ties_on_dp_go_to_the_more_frequent_term():
    spread = _spread(
        [
            ("t-e", "rare", 2, 6, 2, 0.30),
            ("t-e", "common", 4, 6, 3, 0.30),
            ("t-e", "lumpy", 2, 6, 1, 0.85),
            ("t-e", "lumpier", 3, 6, 1, 0.85),
        ]
    )
    line = tp.describe_spread(spread, ["t-e"], NAMES)
    assert "most evenly spread is “common” (4 times in 3 of 6 sentences, DP = 0.30)" in line
    assert "most concentrated “lumpier” (3 times in 1 of 6 sentences, DP = 0.85)." in line


KEY_COLUMNS = (
    "term", "a", "b", "g2", "p", "p_fisher", "q", "log_ratio", "log_ratio_low",
    "log_ratio_high", "z", "low_expected", "one_part",
)  # fmt: skip


def _key(rows):
    return pl.DataFrame([dict(zip(KEY_COLUMNS, r, strict=True)) for r in rows])


def _key_frames():
    inf = math.inf
    twelve = [
        (f"p{i:02d}", 2, 1, 12.0 - i, 0.5, 1.0, 0.5, 1.0, -inf, 1.0, 0.5, False, True)
        for i in range(12)
    ]
    return {
        "t-a": _key(
            [
                ("war_time", 6, 1, 9.5, 0.0004, 0.002, 0.03, 3.456, 1.2, inf, 2.346, True, False),
                ("calm", 3, 0, 4.1, 0.043, 0.06, 0.04, 2.0, 0.3, inf, 1.1, True, True),
                ("rain", 1, 9, -5.0, 0.025, 0.01, 0.02, -2.5, -4.0, -0.5, -1.9, False, True),
                ("sun", 0, 2, -1.0, 0.3, 0.5, 0.6, -1.2, -inf, 1.0, -0.4, True, False),
            ]
        ),
        "t-b": _key(
            [
                ("one", 2, 0, 3.0, 0.08, 0.2, 0.04, 1.5, 0.5, 2.5, 1.0, True, True),
                ("two", 0, 3, -2.0, 0.15, 0.3, 0.5, -1.0, -3.0, 0.2, -0.8, True, False),
            ]
        ),
        "t-c": _key(twelve),
        "t-d": _key([("calm", 1, 1, 0.5, 0.48, 1.0, 1.0, 0.25, -1.0, 2.0, 0.1, True, True)]),
    }


def test_keyness_sentence_per_text():
    lines = tp.describe_keyness(_key_frames(), NAMES).split("\n")
    assert lines == [
        "- **The first text**: strongest positive term “war\\_time” (a = 6, b = 1, G2 = 9.50, "
        "p < 0.001, Fisher’s p = 0.002, q = 0.03, Log Ratio = 3.46 [1.20, ∞], z = 2.35). With "
        "the Benjamini–Hochberg correction over its 4 terms, 2 terms reach q < 0.05 in the "
        "positive direction and 1 in the negative (without correction, 2 reach p < 0.05 for G2 "
        "in the positive direction); 3 of the 4 terms have an expected count below 5. Of its 2 "
        "strongest positive terms, 1 occurs in one sentence only.",
        "- **The \\*second\\* text**: strongest positive term “one” (a = 2, b = 0, G2 = 3.00, "
        "p = 0.08, Fisher’s p = 0.2, q = 0.04, Log Ratio = 1.50 [0.50, 2.50], z = 1.00). With "
        "the Benjamini–Hochberg correction over its 2 terms, 1 term reaches q < 0.05 in the "
        "positive direction and 0 in the negative (without correction, 0 reach p < 0.05 for G2 "
        "in the positive direction); 2 of the 2 terms have an expected count below 5. Of its 1 "
        "strongest positive terms, 1 occurs in one sentence only.",
        # twelve positive terms, all in one sentence: only the ten strongest are counted
        "- **The third text**: strongest positive term “p00” (a = 2, b = 1, G2 = 12.00, "
        "p = 0.5, Fisher’s p = 1, q = 0.5, Log Ratio = 1.00 [−∞, 1.00], z = 0.50). With the "
        "Benjamini–Hochberg correction over its 12 terms, 0 terms reach q < 0.05 in the positive "
        "direction and 0 in the negative (without correction, 0 reach p < 0.05 for G2 in the "
        "positive direction); 0 of the 12 terms have an expected count below 5. Of its 10 "
        "strongest positive terms, 10 occur in one sentence only.",
        "- **The fourth text**: strongest positive term “calm” (a = 1, b = 1, G2 = 0.50, "
        "p = 0.48, Fisher’s p = 1, q = 1, Log Ratio = 0.25 [-1.00, 2.00], z = 0.10). With the "
        "Benjamini–Hochberg correction over its 1 terms, 0 terms reach q < 0.05 in the positive "
        "direction and 0 in the negative (without correction, 0 reach p < 0.05 for G2 in the "
        "positive direction); 1 of the 1 terms have an expected count below 5. Of its 1 "
        "strongest positive terms, 1 occurs in one sentence only.",
    ]


def test_keyness_counts_follow_alpha():
    line = tp.describe_keyness({"t-b": _key_frames()["t-b"]}, NAMES, alpha=0.1)
    assert "1 term reaches q < 0.1 in the positive direction and 0 in the negative" in line
    assert "(without correction, 1 reach p < 0.1 for G2 in the positive direction)" in line


def test_keyness_of_one_text_is_empty():
    assert tp.describe_keyness({}, NAMES) == ""
    assert tp.keyness_by_text(["t-a"]) == {}
    assert tp.describe_tidylo({}, None, NAMES) == ""


COUNTS = {
    "t-a": {"w1": 5, "w2": 3, "w3": 1, "w4": 2},
    "t-b": {"w1": 1, "w2": 2, "w3": 4},
    "t-c": {"w1": 2, "w4": 1, "w5": 3},
    "t-d": {"w5": 1, "w6": 2},
}


def _tidylo_by_hand(counts):
    """tidylo's bind_log_odds written out (Schnoebelen, Silge & Hayes): prior = feature total."""
    total_w = {}
    for row in counts.values():
        for w, n in row.items():
            total_w[w] = total_w.get(w, 0) + n
    y = {(s, w): n + total_w[w] for s, row in counts.items() for w, n in row.items()}
    y_w = {w: sum(v for (_, w2), v in y.items() if w2 == w) for w in total_w}
    n_s = {s: sum(v for (s2, _), v in y.items() if s2 == s) for s in counts}
    big = sum(y.values())
    out = {}
    for (s, w), v in y.items():
        delta = math.log(v / (n_s[s] - v)) - math.log(y_w[w] / (big - y_w[w]))
        out[(s, w)] = delta / math.sqrt(1 / v + 1 / y_w[w])
    return out


def test_tidylo_correlation_sentence():
    counts = pl.DataFrame(
        [{"text_id": s, "term": w, "n": n} for s, row in COUNTS.items() for w, n in row.items()]
    )
    tidy = _tidylo_by_hand(COUNTS)

    def ranked(s):  # the text's terms from lowest to highest tidylo z (no ties here)
        values = {w: tidy[(s, w)] for w in COUNTS[s]}
        assert len(set(values.values())) == len(values)
        return sorted(values, key=values.get)

    a, b, c = ranked("t-a"), ranked("t-b"), ranked("t-c")
    key = {
        # same order as tidylo: rho 1; a term the text does not use (w5) is left out
        "t-a": pl.DataFrame({"term": [*a, "w5"], "z": [1.0, 2.0, 3.0, 4.0, 99.0]}),
        # reversed: rho -1
        "t-b": pl.DataFrame({"term": b, "z": [3.0, 2.0, 1.0]}),
        # the two highest swapped: d² sums to 2 over n = 3, rho = 1 - 6·2/(3·8) = 0.5
        "t-c": pl.DataFrame({"term": c, "z": [1.0, 3.0, 2.0]}),
        # one term in common: no correlation
        "t-d": pl.DataFrame({"term": ["w5"], "z": [0.3]}),
    }
    rho = tp.tidylo_correlation(key, counts)
    assert rho["t-a"] == pytest.approx(1.0)
    assert rho["t-b"] == pytest.approx(-1.0)
    assert rho["t-c"] == pytest.approx(0.5)
    assert tp.describe_tidylo(key, counts, NAMES) == (
        "tidylo's `bind_log_odds` variant (each text against all texts pooled, itself included; "
        "prior: each term's unscaled count over all texts) against the suite's z, Spearman rank "
        "correlation over the terms each text uses: the first text 1.00, the \\*second\\* text "
        "-1.00, the third text 0.50 and the fourth text undefined (too few terms)."
    )
