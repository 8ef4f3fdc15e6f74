"""Prose of the reports on the default corpus, pinned word for word.

The strings are what notebooks 00, 02, 03 and 04 printed before their computation moved into
:mod:`analysis.report.corpus_prose`, :mod:`analysis.evaluation.framing_profiles`,
:mod:`analysis.evaluation.framing_agreement`, :mod:`analysis.report.demands_prose` and
:mod:`analysis.report.sentiment_prose`; the reports must keep saying exactly this.
"""

from __future__ import annotations

import polars as pl

from analysis import corpus, tokens
from analysis.evaluation import demands_gold, framing_agreement, framing_profiles
from analysis.measures import demands, framing, sentiment, style
from analysis.report import corpus_prose, demands_prose, sentiment_prose

PAIRS = "**Pairs compared in notebook 03.**\n\n- The response answers the petition.\n- The letter, compared with the response: the letter \\(2023-09-07\\) came after the response \\(2022-04-01\\), which cannot answer it; compared for policy overlap only."
RECORD = "- The page records petition e-3780 (Foreign affairs), open for signature from January 12, 2022, at 8:56 a.m. \\(EDT\\) to February 11, 2022, at 8:56 a.m. \\(EDT\\), presented to the House of Commons on February 16, 2022 (Petition No. 441-00193). The government response, signed by Rob Oliphant, was tabled on April 1, 2022."
ROLES = "- **Petition e-3780**: 7 petition preamble segments, 1 petition call segment, 3 petition demand segments\n- **Government response**: 4 government response segments\n- **Open letter \\(2023\\)**: 12 letter body segments, 1 letter call segment, 1 letter closing segment"
OUTSIDE = "Outside the primary texts: 44 segments in 10 roles (boilerplate, petition metadata, response metadata, page title, letter intro by publisher, letter dateline, letter addressees, letter salutation, letter signatories, reader comment), kept as their own segment types."
CAVEATS = "- Not recorded for `petition-e-3780`, `hayren-ngo-letter-2023-09-07`: capture date, publisher or origin; these are marked unknown rather than guessed.\n- The 3 texts are short (229 to 861 word tokens) and of three genres (letter, petition, response). Every comparison in the later notebooks describes these texts, not the communities or governments behind them.\n- Segmentation is specific to each source's layout; `discourse check` fails if a raw file changes or a segment stops matching as expected."
VICTIMHOOD = 'Beside the gold coding, on the sentences it covers, the dictionary\'s count of victimhood and commemoration: in the petition the dictionary codes 2 sentences (18% [0%, 45%]), fewer than the gold coding (7; 64% [36%, 91%]; difference -45 points [-73, -18]); in the response the dictionary codes 2 sentences (25% [0%, 50%]), as many as the gold coding (2; 25% [0%, 50%]); in the letter the dictionary codes 3 sentences (10% [0%, 20%]), fewer than the gold coding (11; 37% [20%, 53%]; difference -27 points [-43, -10]). The cues find victimhood only where words such as "victims", "remembrance" or "innocent" occur; the agreement section below compares the two codings sentence by sentence.'
AGREEMENT = "Against the gold coding: Frame dimensions: mean kappa 0.73 (9 of 14 categories at 0.6 or above); Entman's functions: mean kappa 0.63 (3 of 4 categories at 0.6 or above); Domain families: mean kappa 0.76 (8 of 10 categories at 0.6 or above). The lowest agreement is for Victimhood and commemoration (kappa 0.30; gold coding 20 sentences, dictionary 7, both 6)."
FRAMING_CAVEATS = "- **Three texts** (the petition: petition, 2022-01-12; the response: response, 2022-04-01; the letter: letter, 2023-09-07), from 229 word tokens (the response) to 861 (the letter). Shares rest on few sentences per text (the `n_sentences` column), so a single sentence moves a share visibly, most of all in the shortest text. The profiles describe these texts, not the communities or governments behind them.\n- **The agreement is in-sample** for the texts the gold coding covers (the petition, the response and the letter): the cues were written with those texts in view, and the codebook's definitions share vocabulary with the cue lists. The kappas are therefore an upper bound for this dictionary on new texts, not an out-of-sample validation. The gold coder is an automated coder (a language model given only the codebook): agreement with it is agreement between the dictionary and an automated reading of the same codebook, not validation by people."

TIMELINE = "**Time and addressee.**\n\n- The response (dated 2022-04-01) answers the petition (presented 2022-02-16): comparing the petition's demands with it measures *responsiveness*.\n- The letter (dated 2023-09-07) is compared with the response (dated 2022-04-01) for *overlap with stated policy* only, not responsiveness. The response came first and cannot answer it."
DEMAND_MAKING = "How the demands are made:\n\n- The petition: a call that completes in 3 numbered items, giving 3 demands (each item kept whole; an item that asks for two actions gives two).\n- The letter: demands by cue type: impersonal necessity 4, duty 2, causative necessity 4, modal obligation 3, performative 1.\n\nDirectives the texts *report* a third party as making are kept apart:"
COMMITMENTS = 'Rules and gold coder differ on commitment strength in 1 of 8 sentences. The question in each is whether the markers found make the commitment firm (the codebook\'s rule: a future action with “will”) or weak (open-ended):\n\n- response:s008: rules *firm* (markers: will; continue to; stands ready), gold *weak*; the gold coder\'s note: “Hard call: has "will" but the action is open-ended \\(unspecified "initiatives"\\) and is paired with the hedge "stands ready to contribute", so weak rather than firm.”\n  - “Canada will continue to support initiatives toward bringing peace and stability to the region and stands ready to contribute to these efforts.”'
RESPONSIVENESS = "\n**The demands of the petition, against the response**\n\n- petition:d1, “Officially condemn the Khojali Massacre, committed by the Armed Forces of Armenia on the night of February 26, 1992, as a crime against humanity”: *reframed*; evidence response:s001 of the response: “The Government of Canada recognizes the Khojaly massacre as a terrible tragedy and remembers the victims who lost their lives, and the continuing suffering, with great sadness.”\n- petition:d2, “Declare February 26 as a National Day of Remembrance of the victims of the Khojali Massacre”: *partially addressed*; the best sentence, response:s002, contains 0% of the requested act's terms (declare, february): “Canada has strongly advocated that such a tragic loss of civilian lives as the Khojaly massacre must never be repeated.”\n- petition:d3, “Work with the Governments of Azerbaijan and Armenia to bring about the normalization of relations, demarcation and delimitation of the borders between the two countries, with the aim of supporting sustainable peace in the region”: *partially addressed*; the best sentence, response:s004, contains 0% of the requested act's terms (work, government): “Canada encourages the continuation of leader-level dialogue on undertaking important confidence-building measures, such as the creation of bilateral mechanisms of border demarcations and delimitations, as well as restoring regional connectivity links between Armenia and Azerbaijan.”"
SCALES = "## 5 · Responsiveness and policy overlap, per pair\n\nThe automatic label of each demand next to the gold label, where the gold has one. The petition's demands are on the responsiveness scale (the response answers it) and the letter's demands are on the policy-overlap scale (overlap with the stated positions of the response, 2022, not responsiveness)."
REMARKS = "With N this small kappa says little; on the 3 demands scored for responsiveness every label counts for 1/3 (33%) of the agreement. On 5 demands compared for policy overlap the gold coder marks *partial overlap* where the automatic label is *no overlap*: the rationales above say where the response states a related principle in other words. Word and concept overlap does not see paraphrase at the level of principle, so the automatic policy-overlap label is a floor, not a judgement."
DEMANDS_CAVEATS = "## Caveats\n\n- 3 texts: every count here is small, and one changed rule moves precision, recall and kappa by large steps. Kappa with N this small is fragile (`docs/METHODS.md`); the confusion tables are the better record.\n- The extractor's rules (cue list, splitting, addressee recovery) were written for English advocacy prose and checked against the gold on the petition and the letter; they are documented, not general. The gold coder and the extractor disagree on what counts as one action, which the codebook leaves to judgement.\n- The response functions are one main label per sentence; a sentence that does two things shows both in the All functions column.\n- Alignment is lexical and conceptual overlap, not meaning: it finds sentences that share a demand's terms and concepts, but it cannot tell agreement from disagreement (a sentence that names the same place as a demand shares its terms whatever it says about it). Responsiveness labels from it are a transparent baseline to compare with the gold coding, not a verdict. The gold coder is an automated coder (a language model given only the codebook): agreement with it is agreement between the rules and an automated reading of the same codebook, not validation by people.\n- The comparison of the letter with the response measures overlap with stated policy; the corpus holds no reply to the letter."
TEXTS_MEASURED = "The corpus in force lists 3 texts; every measure below is applied to each of them alike:\n\n- **Petition e-3780** (the petition; petition; petitioners, 2022-01-12)\n- **Government response** (the response; response; Government of Canada \\(Minister of Foreign Affairs\\), 2022-04-01)\n- **Open letter \\(2023\\)** (the letter; letter; Hayren Partners for Humanity and co-signatories, 2023-09-07)"
LABEL_COUNTING = 'How often each text uses these labels. Label count follows the conventions of the event-labels lexicon of the terminology report, 01 (`data/lexicons/event-labels.csv`), the same for every text: every form of a label counts (a pattern such as `occup*` also counts "occupied" and "occupying"), and a label inside a proper name the lexicon lists (7 names, e.g. "Genocide Watch", "Genocide Convention") does not. Token count is the bare token VADER sees, and In name how many of those tokens sit inside such a name.'
SMOG = "SMOG was normed on 30-sentence samples (McLaughlin 1969); Petition e-3780, Government response (11, 8 sentences) are shorter, so their SMOG is indicative only. textstat splits 1 of the suite's sentences (letter:s004), ending a sentence at 'Mr.'."
SENTIMENT_CAVEATS = '## Caveats\n\n- **Short texts.** The 3 texts have between 8 and 30 sentences; shares and means rest on few sentences, one sentence can move a text\'s mean visibly, and each compared mean and share carries a 95% interval (bootstrap over the text\'s sentences) that shows how far. Whether two texts\' intervals overlap is a rough guide, not a significance test.\n- **Opposite signs net out.** Formal texts mix evaluative words of opposite sign in one sentence, which VADER sums into one score (for example "demanding" and "security" in one sentence of the petition).'


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
    assert framing_profiles.describe_victimhood_gap(comparison, coverage) == VICTIMHOOD
    agree = framing.textstat_framing_agreement(gold, coded)
    assert framing_agreement.lowest_kappa(agree)["category"] == "victimhood"
    assert framing_agreement.describe_agreement(agree) == AGREEMENT
    texts = corpus.corpus_texts()
    assert framing_agreement.describe_framing_caveats(texts, coverage) == FRAMING_CAVEATS


def test_demands_report_prose():
    timeline = demands.demands_timeline()
    assert demands_prose.describe_pair_timeline(timeline, demands.demands_pairing()) == TIMELINE
    found = demands.demands_extract()
    own = found.filter(~pl.col("reported"))
    segments = corpus.corpus_segments(primary=True)
    lead_in = "\n\nDirectives the texts *report* a third party as making are kept apart:"
    assert demands_prose.describe_demand_making(own, segments) + lead_in == DEMAND_MAKING
    functions = demands.response_functions()
    gold = demands_gold.gold_or_none("response-functions")
    both = functions.join(gold, on="sentence_id", suffix="_gold", maintain_order="left")
    assert demands_prose.describe_commitment_differences(both) == COMMITMENTS
    resp = demands.demands_responsiveness(found, demands.demands_alignment(found))
    assert demands_prose.describe_responsiveness(resp) == RESPONSIVENESS
    heading = "## 5 · Responsiveness and policy overlap, per pair\n\n"
    assert heading + demands_prose.describe_scales(timeline) == SCALES
    agreement = demands_gold.responsiveness_agreement(auto=resp)
    table = demands_gold.textstat_responsiveness(resp)
    assert demands_prose.describe_agreement_remarks(agreement, table) == REMARKS
    assert demands_prose.describe_demands_caveats(demands_gold.gold_coverage()) == DEMANDS_CAVEATS


def test_sentiment_report_prose():
    assert sentiment_prose.describe_texts_measured() == TEXTS_MEASURED
    names = sentiment_prose.event_label_names()
    assert sentiment_prose.describe_label_counting(names) == LABEL_COUNTING
    readability = style.textstat_readability()
    assert sentiment_prose.describe_smog(readability, style.textstat_sentence_splits()) == SMOG
    scores = sentiment.textstat_sentiment()
    mixed = sentiment_prose.first_mixed_sentence(scores, sentiment.vader_lexicon())
    summary = sentiment.textstat_sentiment_summary(scores)
    assert sentiment_prose.describe_sentiment_caveats(summary, mixed) == SENTIMENT_CAVEATS
