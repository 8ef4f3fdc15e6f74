"""Extraction rules on a synthetic corpus of five texts: whole objects, same-type conjuncts,
passive infinitives, negation scope in typing; precision and recall with Wilson intervals;
the responsiveness chart without the overlap pair and the appendix chart with its own colours.

No file of the real corpus is read: the texts are written here.
"""

from __future__ import annotations

import polars as pl
import pytest

from analysis.charts import demands as chart_demands
from analysis.charts import demands_labels
from analysis.corpus.manifest import Pair
from analysis.evaluation import demands_gold
from analysis.measures import demands
from analysis.measures.demands import phrases

from . import synthetic

#: Five texts (none of them the default corpus's ids): four advocacy texts and one response.
TEXTS = {
    "call-1": (
        "petitioners",
        [
            ("petition_call", "We, the undersigned, call upon the Government of Canada to:"),
            (
                "petition_demand",
                "Condemn the flooding of Larkspur, caused by the dam operators on May 3, 2001, "
                "as a failure of public duty;",
            ),
            (
                "petition_demand",
                "Declare June 4 as a Day of Remembrance of the families of the towns of the "
                "valley of the river Larkspur in the north; and",
            ),
            (
                "petition_demand",
                "Work with the provinces to bring about the repair of the dams, inspection "
                "and maintenance of the levees, with the aim of supporting safety.",
            ),
        ],
    ),
    "note-2": (
        "a coalition",
        [
            (
                "letter_body",
                "We urge Canada to engage in multilateral forums and raise their voices for "
                "the towns. We urge Canada to protect the towns and impose sanctions on the "
                "operators. Canada’s policy needs to go beyond just implementing sanctions.",
            ),
        ],
    ),
    "note-3": (
        "a network",
        [
            (
                "letter_body",
                "The council urges for immediate intervention and sanctions to be imposed on "
                "the operators by the federal authorities.",
            ),
        ],
    ),
    "note-4": (
        "a union",
        [
            (
                "letter_body",
                "We urge Canada to impose sanctions against the operators, who have ignored "
                "every warning.",
            ),
        ],
    ),
    "reply-1": (
        "Government of Canada",
        [
            (
                "government_response",
                "The Government of Canada condemns the flooding of Larkspur. "
                "Canada will impose sanctions on the operators.",
            ),
        ],
    ),
}
ADVOCACY = ["call-1", "note-2", "note-3", "note-4"]
PAIRS = (
    Pair("call-1", "reply-1", "response", "printed on the same page"),
    Pair("note-2", "reply-1", "overlap", "the note came after the reply"),
)


@pytest.fixture(scope="module")
def frames():
    rows = [
        row
        for text_id, (speaker, parts) in TEXTS.items()
        for row in synthetic.segment_rows(
            text_id, parts, segment_id="{text_id}:{role}:{i}", speaker=speaker
        )
    ]
    return synthetic.frames(pl.DataFrame(rows))


@pytest.fixture(scope="module")
def found(frames):
    return demands.demands_extract(*frames, text_ids=ADVOCACY)


def _own(found, text_id):
    return found.filter((pl.col("text_id") == text_id) & ~pl.col("reported"))


def test_every_advocacy_text_gets_its_demands(found):
    counts = dict(found.group_by("text_id").len().rows())
    assert counts == {"call-1": 3, "note-2": 4, "note-3": 2, "note-4": 1}


def test_objects_run_to_the_end_of_their_clause(found):
    assert _own(found, "call-1")["object"].to_list() == [
        # the aside 'caused by … 2001,' is left out (its date comma does not end it)
        "the flooding of Larkspur as a failure of public duty",
        # no word limit: 21 words kept
        "June 4 as a Day of Remembrance of the families of the towns of the valley of the "
        "river Larkspur in the north",
        # a coordinated noun phrase after a comma continues; ', with the aim of' ends it
        "with the provinces to bring about the repair of the dams, inspection and "
        "maintenance of the levees",
    ]
    # a relative clause after a comma ends the object
    assert _own(found, "note-4")["object"].to_list() == ["sanctions against the operators"]


def test_same_type_conjuncts_are_one_demand_other_types_two(found):
    note = _own(found, "note-2")
    assert note["action"].to_list() == ["engage", "protect", "impose", "go"]
    assert note["object"][0] == "in multilateral forums and raise their voices for the towns"
    assert note["demand_type"].to_list()[:3] == [
        "advocacy_coordination",
        "protection_intervention",
        "sanctions",
    ]


def test_beyond_and_negation_do_not_type_a_demand(found):
    beyond = _own(found, "note-2").row(3, named=True)
    assert (beyond["object"], beyond["demand_type"]) == (
        "beyond just implementing sanctions",
        "other",
    )
    assert phrases.demand_type("impose", "not sanctions but a humanitarian corridor") == (
        "humanitarian_access"
    )
    assert phrases.demand_type("impose", "sanctions, not a blockade") == "sanctions"


def test_a_passive_infinitive_is_an_action_and_by_names_the_addressee(found):
    rep = found.filter(pl.col("text_id") == "note-3")
    assert rep["reported"].all()
    assert rep.select("action", "object", "addressee", "demand_type").rows() == [
        ("intervene", "intervention", "unspecified", "protection_intervention"),
        ("impose", "sanctions on the operators", "the federal authorities", "sanctions"),
    ]


def test_participle_bases():
    base = phrases._participle_base
    assert [base(w) for w in ("imposed", "lifted", "opened", "stopped", "carried")] == [
        "impose",
        "lift",
        "open",
        "stop",
        "carry",
    ]


def test_precision_recall_per_text_with_wilson_intervals(frames, found):
    sents = frames[0]
    sid = {
        r["text_id"]: r["sentence_id"]
        for r in sents.filter(pl.col("text_id").is_in(["note-2", "note-4"])).iter_rows(named=True)
        if "engage" in r["text"] or "impose sanctions against" in r["text"]
    }
    gold = pl.DataFrame(
        {
            "demand_id": ["note-2:d1", "note-4:d1", "note-4:d2"],
            "text_id": ["note-2", "note-4", "note-4"],
            "sentence_id": [sid["note-2"], sid["note-4"], sid["note-4"]],
            "quote": ["engage in multilateral forums", "impose sanctions", "ignored every warning"],
            "reported": ["no", "no", "no"],
        }
    )
    pr = demands_gold.demands_precision_recall(gold, found, sents)
    own = {r["text_id"]: r for r in pr.filter(~pl.col("reported")).iter_rows(named=True)}
    assert list(own) == ["note-2", "note-4", "all"]  # texts without gold are not counted
    # note-2: 4 found, 1 gold, matched: precision 1/4; note-4: recall 1/2
    assert (own["note-2"]["precision"], own["note-4"]["recall"]) == (0.25, 0.5)
    # Wilson 95% for 1 of 4: 0.0456 to 0.6994 (Newcombe 1998, Table I method 3 style value)
    assert own["note-2"]["precision_low"] == pytest.approx(0.04558, abs=1e-4)
    assert own["note-2"]["precision_high"] == pytest.approx(0.69936, abs=1e-4)
    # Wilson 95% for 1 of 2: 0.0945 to 0.9055
    assert own["note-4"]["recall_low"] == pytest.approx(0.09453, abs=1e-4)
    assert own["note-4"]["recall_high"] == pytest.approx(0.90547, abs=1e-4)
    reported = pr.filter(pl.col("reported") & (pl.col("text_id") == "note-2")).row(0, named=True)
    assert reported["precision_low"] is None  # nothing found: no interval


@pytest.fixture(scope="module")
def table(frames, found):
    align = demands.demands_alignment(found, *frames, pairs=PAIRS)
    auto = demands.demands_responsiveness(found, align, *frames, pairs=PAIRS)
    return demands_gold.textstat_responsiveness(auto, gold=pl.DataFrame())


@pytest.fixture(scope="module")
def timeline():
    return pl.DataFrame(
        {
            "advocacy": ["call-1", "note-2"],
            "response": ["reply-1", "reply-1"],
            "relation": ["response", "overlap"],
            "advocacy_date": ["2024-01-05", "2025-03-01"],
            "presented_on": [None, None],
            "response_date": ["2024-05-01", "2024-05-01"],
            "response_first": [False, True],
        }
    )


def test_responsiveness_chart_leaves_out_the_overlap_pair(table, timeline):
    assert set(table["text_id"]) == {"call-1", "note-2"}  # both pairs are measured
    spec = chart_demands.textplot_responsiveness(table, timeline).to_dict()
    values = spec["data"]["values"]
    assert {v["text_id"] for v in values} == {"call-1"}
    assert {v["demand_id"] for v in values} == {"call-1:d1", "call-1:d2", "call-1:d3"}
    assert spec["title"]["subtitle"] == "Call-1: responsiveness of the 2024 response"


def test_overlap_appendix_has_its_own_colours_and_a_dated_note(table, timeline):
    spec = chart_demands.textplot_policy_overlap(table, timeline).to_dict()
    values = spec["data"]["values"]
    assert {v["text_id"] for v in values} == {"note-2"}
    assert len({v["demand_id"] for v in values}) == 4
    assert spec["title"]["subtitle"] == (
        "The reply-1 is dated 2024-05-01; the note-2 is dated 2025-03-01 (later): overlap "
        "describes shared policy language, not an answer."
    )
    resp = chart_demands.textplot_responsiveness(table, timeline).to_dict()
    overlap_scale = spec["layer"][0]["encoding"]["color"]["scale"]
    resp_scale = resp["layer"][0]["encoding"]["color"]["scale"]
    assert overlap_scale["domain"] == [
        "Overlap",
        "Partial overlap",
        "No overlap",
        "(no gold demand)",
    ]
    assert not set(overlap_scale["range"][:3]) & set(resp_scale["range"][:4])


def test_demand_types_show_the_gold_beside_and_say_which_texts_lack_it(found):
    gold = pl.DataFrame(
        {
            "text_id": ["note-2", "note-2"],
            "demand_type": ["sanctions", "advocacy_coordination"],
            "reported": ["no", "no"],
        }
    )
    spec = chart_demands.textplot_demand_types(found, ADVOCACY, gold=gold).to_dict()
    n = {(v["text_id"], v["coder"], v["demand_type"]): v["n"] for v in spec["data"]["values"]}
    gold_coder = "gold (automated coder)"
    assert n[("note-2", gold_coder, "sanctions")] == 1
    assert n[("note-2", "extracted", "sanctions")] == 1
    assert n[("note-2", "extracted", "other")] == 1
    assert n[("call-1", "extracted", "commemoration")] == 1
    assert not any(t == "call-1" and c == gold_coder for t, c, _ in n)  # no gold, no bars
    # ids the manifest does not list are named by the default genre
    assert spec["title"]["subtitle"] == (
        "Solid: the extractor; light: the gold coder (an automated coder). No gold for 3 statements"
    )


def test_type_counts_prose_per_text(found):
    from analysis.report import demands_prose

    gold = pl.DataFrame(
        {
            "text_id": ["note-2", "note-2", "note-2"],
            "demand_type": ["sanctions", "advocacy_coordination", "protection_intervention"],
            "reported": ["no", "no", "no"],
        }
    )
    own = found.filter(~pl.col("reported"))
    names = {t: f"text {t}" for t in ADVOCACY}
    text = demands_prose.describe_type_counts(own, gold, ["call-1", "note-2"], names)
    assert text.splitlines()[2:] == [
        "- Text call-1: 3 demands extracted; the gold does not cover this text.",
        "- Text note-2: 4 demands extracted, 3 in the gold; the counts differ on other "
        "(1 extracted, 0 gold).",
    ]


def test_precision_recall_prose_gives_each_interval():
    from analysis.report import demands_prose

    pr = pl.DataFrame(
        {
            "text_id": ["note-2", "note-2"],
            "reported": [False, True],
            "n_gold": [2, 0],
            "n_found": [4, 0],
            "tp": [1, 0],
            "precision": [0.25, None],
            "recall": [0.5, None],
            "precision_low": [0.0456, None],
            "precision_high": [0.6994, None],
            "recall_low": [0.0945, None],
            "recall_high": [0.9055, None],
        }
    )
    assert demands_prose.describe_precision_recall(pr, {"note-2": "the note"}).splitlines()[2] == (
        "- The note: 4 extracted, 2 in the gold, 1 matched; precision 0.250 (95% interval "
        "0.05–0.70), recall 0.500 (95% interval 0.09–0.91)."
    )


def test_responsiveness_chart_prose_names_the_overlap_texts():
    from analysis.report import demands_prose

    names = {"call-1": "the call", "reply-1": "the reply", "note-2": "the note"}
    assert demands_prose.describe_responsiveness_chart(PAIRS, names) == (
        "The chart shows only the pairs in which a response answers its text (the call and "
        "the reply). The demands of the note are compared with a response that does not "
        "answer them; that comparison, policy overlap, has its own chart in the appendix."
    )
    assert demands_prose.describe_responsiveness_chart(PAIRS[:1], names).endswith("reply).")


def test_agreement_per_text_on_two_response_texts():
    from analysis.evaluation import demands_agreement

    functions = pl.DataFrame(
        {
            "text_id": ["r-1", "r-1", "r-2", "r-2"],
            "sentence_id": ["r-1:s001", "r-1:s002", "r-2:s001", "r-2:s002"],
            "function": ["position", "commitment", "support", "support"],
            "commitment_strength": ["none", "firm", "weak", "weak"],
        }
    )
    gold = pl.DataFrame(
        {
            "sentence_id": ["r-1:s001", "r-1:s002", "r-2:s001", "r-2:s002"],
            "function": ["position", "commitment", "support", "position"],
            "commitment_strength": ["none", "weak", "weak", "none"],
        }
    )
    a = demands_agreement.demands_agreement_by_text(
        functions, pl.DataFrame(), functions_gold=gold, responsiveness_gold=pl.DataFrame()
    )
    rows = {(r["text_id"], r["label"]): r for r in a.iter_rows(named=True)}
    assert rows[("r-1", "function")]["agreement"] == 1.0
    assert rows[("r-2", "function")]["agreement"] == 0.5
    assert rows[("r-1", "commitment_strength")]["agreement"] == 0.5
    # Wilson 95% for 1 of 2
    assert rows[("r-2", "function")]["agreement_low"] == pytest.approx(0.09453, abs=1e-4)


def test_policy_overlap_note_escapes_names_for_markdown_only(monkeypatch):
    timeline = pl.DataFrame(
        {
            "relation": ["overlap"],
            "response": ["r-1"],
            "advocacy": ["l-2"],
            "response_date": ["2022-04-01"],
            "advocacy_date": ["2023-09-07"],
            "response_first": [True],
        }
    )
    monkeypatch.setattr(demands_labels, "_bare", {"r-1": "<i>r</i>", "l-2": "_l_"}.get)
    plain = demands_labels.policy_overlap_note(timeline)
    assert plain == (
        "The <i>r</i> is dated 2022-04-01; the _l_ is dated 2023-09-07 (later): overlap "
        "describes shared policy language, not an answer."
    )
    marked = demands_labels.policy_overlap_note(timeline, markdown=True)
    assert "<i>" not in marked and "_l_" not in marked and "2023-09-07 (later)" in marked
