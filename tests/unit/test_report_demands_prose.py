"""The demands report's prose (notebook 03) on frames written for the test.

Four advocacy texts and one response, none with a default id: petition p-1 answered by r-1, a
letter l-3 and a statement s-4 compared with r-1 for overlap only, and petition p-2 in no pair.
Expected sentences are written out by hand from these frames.
"""

from __future__ import annotations

import polars as pl

from analysis.corpus import Pair
from analysis.measures.demands import DEMAND_ROLE
from analysis.report import demands_prose as dp

NAMES = {
    "p-1": "petition p-1",
    "r-1": "the response to p-1",
    "p-2": "petition p-2",
    "l-3": "the letter",
    "s-4": "the statement",
}
PAIRS = (
    Pair("p-1", "r-1", "response", "page"),
    Pair("l-3", "r-1", "overlap", "later"),
    Pair("s-4", "r-1", "overlap", "undated"),
)
TIMELINE = pl.DataFrame(
    [
        ("p-1", "r-1", "response", "2024-01-01", "2024-02-02", "2024-03-03", False),
        ("l-3", "r-1", "overlap", "2025-05-05", None, "2024-03-03", True),
        ("s-4", "r-1", "overlap", None, None, None, None),
    ],
    schema={
        "advocacy": pl.String,
        "response": pl.String,
        "relation": pl.String,
        "advocacy_date": pl.String,
        "presented_on": pl.String,
        "response_date": pl.String,
        "response_first": pl.Boolean,
    },
    orient="row",
)


def test_pair_timeline():
    pairing = pl.DataFrame(
        {
            "text_id": ["p-1", "p-2", "l-3", "s-4"],
            "answered_by": ["r-1", None, None, None],
            "compared_with": ["", "", "r-1", "r-1"],
        }
    )
    assert dp.describe_pair_timeline(TIMELINE, pairing, NAMES) == (
        "**Time and addressee.**\n\n"
        "- The response to p-1 (dated 2024-03-03) answers petition p-1 (presented 2024-02-02): "
        "comparing petition p-1's demands with it measures *responsiveness*.\n"
        "- The letter (dated 2025-05-05) is compared with the response to p-1 (dated 2024-03-03) "
        "for *overlap with stated policy* only, not responsiveness. The response came first and "
        "cannot answer it.\n"
        "- The statement (dated without a date) is compared with the response to p-1 (dated "
        "without a date) for *overlap with stated policy* only, not responsiveness.\n"
        "- Petition p-2 has no response in the corpus: its demands are extracted and typed, not "
        "scored."
    )


def test_demand_making_numbered_items_or_cue_types():
    own = pl.DataFrame(
        [
            # p-1: three demands from numbered items (cue in another sentence), one in the call.
            ("p-1", "p-1:s002", "p-1:s001", "call_upon"),
            ("p-1", "p-1:s003", "p-1:s001", "call_upon"),
            ("p-1", "p-1:s003", "p-1:s001", "call_upon"),
            ("p-1", "p-1:s001", "p-1:s001", "call_upon"),
            ("l-3", "l-3:s001", "l-3:s001", "modal_obligation"),
            ("l-3", "l-3:s004", "l-3:s004", "performative"),
            ("l-3", "l-3:s009", "l-3:s009", "modal_obligation"),
        ],
        schema=["text_id", "sentence_id", "cue_sentence_id", "cue_type"],
        orient="row",
    )
    segments = pl.DataFrame(
        {
            "text_id": ["p-1", "p-1", "p-1", "l-3"],
            "role": ["petition_preamble", DEMAND_ROLE, DEMAND_ROLE, "letter_body"],
            "text": ["Whereas a;", "1. Do b;", "(2) Do c.", "We ask."],
        }
    )
    assert dp.describe_demand_making(own, segments, ["p-1", "l-3", "s-4"], NAMES) == (
        "How the demands are made:\n\n"
        "- Petition p-1: a call that completes in 2 numbered items, giving 3 demands (each item "
        "kept whole; an item that asks for two actions gives two).\n"
        "- The letter: demands by cue type: modal obligation 2, performative 1.\n"
        "- The statement: demands by cue type: none found."
    )


def test_commitment_differences():
    both = pl.DataFrame(
        {
            "sentence_id": ["r-1:s001", "r-1:s002", "r-1:s003"],
            "commitment_strength": ["firm", "weak", "none"],
            "commitment_strength_gold": ["firm", "firm", "weak"],
            "modality": ["will", "", "continues to"],
            "note": ["", "a *future* act", ""],
            "text": ["Canada will act.", "Canada <b>stands</b> ready.", "It continues to help."],
        }
    )
    assert dp.describe_commitment_differences(both) == (
        "Rules and gold coder differ on commitment strength in 2 of 3 sentences. The question in "
        "each is whether the markers found make the commitment firm (the codebook's rule: a "
        "future action with “will”) or weak (open-ended):\n\n"
        "- r-1:s002: rules *weak* (markers: none), gold *firm*; the gold coder's note: “a "
        "\\*future\\* act”\n  - “Canada &lt;b&gt;stands&lt;/b&gt; ready.”\n"
        "- r-1:s003: rules *none* (markers: continues to), gold *weak*\n"
        "  - “It continues to help.”"
    )
    assert dp.describe_commitment_differences(both.head(1)).endswith(":\n\nnone")


def test_responsiveness_only_for_answering_pairs():
    resp = pl.DataFrame(
        [
            ("p-1", "r-1", "p-1:d1", "Condemn it", "not_addressed", 0.1, None, None, ""),
            ("p-1", "r-1", "p-1:d2", "Fund aid", "partially_addressed", 0.3, "r-1:s2", 0.5, "fund"),
            ("p-1", "r-1", "p-1:d3", "Hold talks", "addressed", 0.6, "r-1:s1", 1.0, "hold talk"),
            ("l-3", "r-1", "l-3:d1", "Act now", "no_overlap", 0.05, None, None, ""),
        ],
        schema=[
            "text_id",
            "response_id",
            "demand_id",
            "demand_text",
            "label",
            "best_score",
            "evidence",
            "act_coverage",
            "act_terms",
        ],
        orient="row",
    )
    sentences = pl.DataFrame(
        {"sentence_id": ["r-1:s1", "r-1:s2"], "text": ["Talks are held.", "Aid flows."]}
    )
    assert dp.describe_responsiveness(resp, PAIRS, sentences, NAMES) == (
        "\n**The demands of petition p-1, against the response to p-1**\n\n"
        "- p-1:d1, “Condemn it”: *not addressed*; no sentence of the response to p-1 scores "
        "≥ 0.15 (best 0.100).\n"
        "- p-1:d2, “Fund aid”: *partially addressed*; the best sentence, r-1:s2, contains 50% "
        "of the requested act's terms (fund): “Aid flows.”\n"
        "- p-1:d3, “Hold talks”: *addressed*; evidence r-1:s1 of the response to p-1: “Talks "
        "are held.”"
    )
    assert dp.describe_responsiveness(resp, PAIRS[1:], sentences, NAMES) == (
        "No text in this corpus is answered by a response: nothing is scored for responsiveness."
    )


def test_scales_per_pair():
    assert dp.describe_scales(TIMELINE.head(2), NAMES) == (
        "The automatic label of each demand next to the gold label, where the gold has one. "
        "Petition p-1's demands are on the responsiveness scale (the response to p-1 answers it) "
        "and the letter's demands are on the policy-overlap scale (overlap with the stated "
        "positions of the response to p-1, 2024, not responsiveness)."
    )
    # An undated response gives no year.
    assert dp.describe_scales(TIMELINE.tail(1), NAMES).endswith(
        "The statement's demands are on the policy-overlap scale (overlap with the stated "
        "positions of the response to p-1, not responsiveness)."
    )
    assert dp.describe_scales(TIMELINE.clear(), NAMES).endswith(
        "No text is paired with a response."
    )


def test_agreement_remarks():
    table = pl.DataFrame(
        {
            "text_id": ["p-1", "l-3", "l-3", "l-3"],
            "response_id": ["r-1", "r-1", "r-1", "r-1"],
            "scale": ["responsiveness", "policy_overlap", "policy_overlap", "policy_overlap"],
            "auto_label": ["addressed", "no_overlap", "no_overlap", "overlap"],
            "gold_label": ["addressed", "partial_overlap", "partial_overlap", "partial_overlap"],
        }
    )
    out = dp.describe_agreement_remarks({"responsiveness": {"n": 4}}, table, NAMES)
    assert "the rationales above say where the response to p-1 states a related" in out
    assert out.startswith(
        "With N this small kappa says little; on the 4 demands scored for responsiveness every "
        "label counts for 1/4 (25%) of the agreement. On 2 demands compared for policy overlap"
    )
    assert dp.describe_agreement_remarks({}, table.head(1), NAMES) == (
        "No agreement remark: no demand has both labels."
    )


def test_demands_caveats():
    coverage = pl.DataFrame(
        {
            "text_id": ["p-1", "l-3", "p-1", "s-4"],
            "gold": ["demands", "demands", "responsiveness", "demands"],
            "covered": [True, True, True, False],
        }
    )
    out = dp.describe_demands_caveats(coverage, PAIRS, 5, NAMES)
    assert out.startswith("## Caveats\n\n- 5 texts: every count here is small")
    assert "checked against the gold on petition p-1 and the letter; they are" in out
    # l-3 and s-4 are compared for overlap and answered by no response: one caveat each.
    assert out.endswith(
        "- The comparison of the letter with the response to p-1 measures overlap with stated "
        "policy; the corpus holds no reply to the letter.\n"
        "- The comparison of the statement with the response to p-1 measures overlap with "
        "stated policy; the corpus holds no reply to the statement."
    )
    one = dp.describe_demands_caveats(coverage.clear(), (), 1, NAMES)
    assert one.startswith("## Caveats\n\n- 1 text: every count")
    assert "checked against the gold on no text of this corpus;" in one


def test_demand_making_counts_only_items_with_a_number_in_the_raw_source():
    # p-1's items are numbered before their segment (the marker is not in the segment text);
    # p-2's prayer is one demand segment with no number; "in 1992." is no marker.
    raw = {
        "src-1": "call upon the Minister to:\n1. Do b;\n  2) Do c and d.\nin 1992. Do e.",
        "src-2": "call upon the Minister to do f and g.",
    }
    segments = pl.DataFrame(
        [
            ("p-1", DEMAND_ROLE, "src-1", 30, "Do b;"),
            ("p-1", DEMAND_ROLE, "src-1", 41, "Do c and d."),
            ("p-1", DEMAND_ROLE, "src-1", 62, "Do e."),
            ("p-2", DEMAND_ROLE, "src-2", 23, "to do f and g."),
        ],
        schema=["text_id", "role", "source_id", "start", "text"],
        orient="row",
    )
    for r in segments.iter_rows(named=True):  # the offsets are right
        assert raw[r["source_id"]][r["start"] :].startswith(r["text"])
    own = pl.DataFrame(
        [
            ("p-1", "p-1:s002", "p-1:s001", "call_upon"),
            ("p-2", "p-2:s001", "p-2:s001", "call_upon"),
            ("p-2", "p-2:s001", "p-2:s001", "call_upon"),
        ],
        schema=["text_id", "sentence_id", "cue_sentence_id", "cue_type"],
        orient="row",
    )
    assert dp.describe_demand_making(own, segments, ["p-1", "p-2"], NAMES, raw.__getitem__) == (
        "How the demands are made:\n\n"
        "- Petition p-1: a call that completes in 2 numbered items and 1 unnumbered passage, "
        "giving 1 demand (each item kept whole; an item that asks for two actions gives two).\n"
        "- Petition p-2: the prayer is written into the call (no numbered items), giving 2 "
        "demands."
    )


def test_agreement_remarks_name_the_response_of_each_pair():
    # two overlap pairs with different responses: each response is named, with its count
    table = pl.DataFrame(
        {
            "text_id": ["l-3", "l-3", "s-4"],
            "response_id": ["r-1", "r-1", "r-2"],
            "scale": ["policy_overlap"] * 3,
            "auto_label": ["no_overlap"] * 3,
            "gold_label": ["partial_overlap"] * 3,
        }
    )
    names = {**NAMES, "r-2": "the response to p-2"}
    assert dp.describe_agreement_remarks({}, table, names).startswith(
        "On 3 demands compared for policy overlap (2 of the letter's with the response to p-1 "
        "and 1 of the statement's with the response to p-2) the gold coder marks "
        "*partial overlap* where the automatic label is *no overlap*: the rationales above say "
        "where the response of each pair states a related principle in other words."
    )
