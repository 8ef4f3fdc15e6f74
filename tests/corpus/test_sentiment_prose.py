"""The sentiment report's sensitivity prose on the default corpus, word for word as notebook 04
printed it before the computation moved into :mod:`analysis.report.sentiment_prose`."""

from analysis.measures import sentiment
from analysis.report import sentiment_prose

SENSITIVITY = (
    "- **Petition e-3780**: mean compound 0.035 [-0.22, 0.30] → -0.384 [-0.72, 0.02] (change "
    "-0.419 [-0.647, -0.184], paired over sentences); negative sentences 27% → 73%; 9 of 11 "
    "sentence scores move, 5 change label.\n"
    "- **Government response**: mean compound 0.332 [-0.13, 0.73] → 0.300 [-0.21, 0.75] "
    "(change -0.032 [-0.120, 0.027], paired over sentences); negative sentences 25% → 25%; 4 of "
    "8 sentence scores move, 0 change label.\n"
    r"- **Open letter \(2023\)**: mean compound 0.151 [-0.03, 0.32] → -0.158 [-0.36, 0.04] "
    "(change -0.309 [-0.452, -0.180], paired over sentences); negative sentences 30% → 60%; 14 "
    "of 30 sentence scores move, 9 change label.\n\n"
    "95% intervals: percentile bootstrap over sentences (2,000 resamples, fixed seed), "
    "resampling within each text."
)


def test_sensitivity_prose_on_the_default_corpus():
    sensitivity = sentiment.textstat_sentiment_sensitivity()
    assert sentiment_prose.describe_sensitivity(sensitivity) == SENSITIVITY
