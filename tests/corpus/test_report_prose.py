"""Prose of the corpus and framing reports on the default corpus, pinned word for word.

The strings are what notebooks 00 and 02 printed before their computation moved into
:mod:`analysis.report.corpus_prose`, :mod:`analysis.evaluation.framing_gold` and
:mod:`analysis.evaluation.framing_agreement`; the reports must keep saying exactly this.
"""

from __future__ import annotations

from analysis import corpus, tokens
from analysis.evaluation import framing_agreement, framing_gold
from analysis.measures import framing
from analysis.report import corpus_prose

PAIRS = "**Pairs compared in notebook 03.**\n\n- The response answers the petition.\n- The letter, compared with the response: the letter \\(2023-09-07\\) came after the response \\(2022-04-01\\), which cannot answer it; compared for policy overlap only."
RECORD = "- The page records petition e-3780 (Foreign affairs), open for signature from January 12, 2022, at 8:56 a.m. \\(EDT\\) to February 11, 2022, at 8:56 a.m. \\(EDT\\), presented to the House of Commons on February 16, 2022 (Petition No. 441-00193), the government response, signed by Rob Oliphant, was tabled on April 1, 2022."
ROLES = "- **Petition e-3780**: 7 petition preamble segments, 1 petition call segment, 3 petition demand segments\n- **Government response**: 4 government response segments\n- **Open letter \\(2023\\)**: 12 letter body segments, 1 letter call segment, 1 letter closing segment"
OUTSIDE = "Outside the primary texts: 44 segments in 10 roles (boilerplate, petition metadata, response metadata, page title, letter intro by publisher, letter dateline, letter addressees, letter salutation, letter signatories, reader comment), kept as their own segment types."
CAVEATS = "- Not recorded for `petition-e-3780`, `hayren-ngo-letter-2023-09-07`: capture date, publisher or origin; these are marked unknown rather than guessed.\n- The 3 texts are short (229 to 861 word tokens) and of 3 genre(s) (letter, petition, response). Every comparison in the later notebooks describes these texts, not the communities or governments behind them.\n- Segmentation is specific to each source's layout; `discourse check` fails if a raw file changes or a segment stops matching as expected."
VICTIMHOOD = 'Beside the hand coding, on the sentences it covers, the dictionary\'s count of victimhood and commemoration: in the petition the dictionary codes 3 sentences, fewer than the hand coding (7); in the response the dictionary codes 2 sentences, as many as the hand coding (2); in the letter the dictionary codes 3 sentences, fewer than the hand coding (11). The cues find victimhood only where words such as "victims", "remembrance" or "innocent" occur; the agreement section below compares the two codings sentence by sentence.'
AGREEMENT = "Against the hand coding: Frame dimensions: mean kappa 0.73 (9 of 14 categories at 0.6 or above); Entman's functions: mean kappa 0.63 (3 of 4 categories at 0.6 or above); Domain families: mean kappa 0.79 (8 of 10 categories at 0.6 or above). The lowest agreement is for Victimhood and commemoration (kappa 0.35; hand coding 20 sentences, dictionary 8, both 7)."
FRAMING_CAVEATS = "- **Three texts** (the petition: petition, 2022-01-12; the response: response, 2022-04-01; the letter: letter, 2023-09-07), from 229 word tokens (the response) to 861 (the letter). Shares rest on few sentences per text (the `n_sentences` column), so a single sentence moves a share visibly, most of all in the shortest text. The profiles describe these texts, not the communities or governments behind them.\n- **The agreement is in-sample** for the texts the hand coding covers (the petition, the response and the letter): the cues were written with those texts in view (the gold labels were not seen), and the codebook's definitions share vocabulary with the cue lists. The kappas are therefore an upper bound for this dictionary on new texts, not an out-of-sample validation. The hand coding is one coder's; no second human coder measured how far two people agree on the same codebook."


def test_corpus_report_prose(segments, sentences, toks):
    texts = corpus.corpus_texts()
    assert corpus_prose.describe_pairs(texts, corpus.text_pairs()) == PAIRS
    assert corpus_prose.describe_petition_records(corpus.petition_record()) == RECORD
    assert corpus_prose.describe_text_roles(segments, corpus.text_labels()) == ROLES
    assert corpus_prose.describe_outside_roles(segments) == OUTSIDE
    summary = tokens.textstat_summary(toks, sentences)
    assert corpus_prose.describe_corpus_caveats(summary, corpus.corpus_sources(), texts) == CAVEATS


def test_framing_report_prose():
    gold = framing.gold_load()
    coded = framing.framing_sentences()
    coverage = framing.textstat_gold_coverage(gold)
    comparison = framing.textstat_profile_comparison("domain", gold=gold, auto=coded)
    assert framing_gold.describe_victimhood_gap(comparison, coverage) == VICTIMHOOD
    agree = framing.textstat_framing_agreement(gold, coded)
    assert framing_agreement.lowest_kappa(agree)["category"] == "victimhood"
    assert framing_agreement.describe_agreement(agree) == AGREEMENT
    texts = corpus.corpus_texts()
    assert framing_agreement.describe_framing_caveats(texts, coverage) == FRAMING_CAVEATS
