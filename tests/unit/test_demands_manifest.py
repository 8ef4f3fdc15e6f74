"""The demands measures on a tiny manifest written for the test: a petition page whose response
is printed with it (an automatic pair, four numbered demands) and a statement with no response.
"""

from __future__ import annotations

import hashlib

import polars as pl
import pytest

from analysis import corpus
from analysis.measures import demands

from . import synthetic

PAGE = """e-9999 (Foreign affairs)
Petition to the Government of Canada
  • Whereas the river crossing has been closed since 2024;
We, the undersigned, residents of Canada, call upon the Government of Canada to:
1. Urge the reopening of the river crossing;
2. Fund family reunification programs; and
3. Impose sanctions on the officials who closed the crossing.
4. Appoint a special envoy for the region.
Response by the Minister of Foreign Affairs
Signed by (Minister or Parliamentary Secretary): A. Minister
Canada calls for the reopening of the river crossing.
Canada will continue to fund family reunification programs through its partners.
Presented to the House of Commons
A. Member (Somewhere)
March 3, 2025 (Petition No. 451-00001)
"""
STATEMENT = """Statement by a coalition
We urge Canada to appoint a special envoy for the region.
"""
MANIFEST = """version = 2

[[sources]]
id = "page"
file = "raw/page.txt"
sha256 = "{page_sha}"
title = "page"
publisher = "test"
origin = "test"
captured = "unknown"

[[sources]]
id = "statement"
file = "raw/statement.txt"
sha256 = "{statement_sha}"
title = "statement"
publisher = "test"
origin = "test"
captured = "unknown"

[[documents]]
id = "pet"
source = "page"
part = "petition"
title = "Petition e-9999"
speaker = "petitioners"
date = "2025-01-10"
date_note = "test"

[[documents]]
id = "resp"
source = "page"
part = "response"
title = "Response"
speaker = "Government of Canada"
date = "2025-04-20"
date_note = "test"

[[documents]]
id = "page-rest"
source = "page"
part = "page"
title = "page"
speaker = "site"
date = "unknown"
date_note = "test"

[[documents]]
id = "stmt"
source = "statement"
title = "Statement"
speaker = "a coalition"
date = "2025-05-01"
date_note = "test"

[[texts]]
id = "e-9999"
label = "Petition e-9999"
document = "pet"
roles = ["petition_preamble", "petition_call", "petition_demand"]
genre = "petition"
name = "petition e-9999"

[[texts]]
id = "e-9999-response"
label = "Response to e-9999"
document = "resp"
roles = ["government_response"]
genre = "response"
name = "the response to e-9999"

[[texts]]
id = "coalition"
label = "Coalition statement"
document = "stmt"
roles = ["letter_body"]
genre = "statement"
name = "the coalition statement"

[[segments]]
source = "page"
document = "page-rest"
role = "petition_metadata"
pattern = '^(?P<text>e-\\d+ \\([^)\\n]+\\)|Petition to the Government of Canada)$'
expect = 2

[[segments]]
source = "page"
document = "pet"
role = "petition_preamble"
pattern = '^  • (?P<text>[^\\n]+)$'
expect = 1

[[segments]]
source = "page"
document = "pet"
role = "petition_call"
pattern = '^(?P<text>We, the undersigned[^\\n]+)$'
expect = 1

[[segments]]
source = "page"
document = "pet"
role = "petition_demand"
after = "call upon the Government of Canada to:"
before = "Response by the Minister"
pattern = '^\\d+\\. (?P<text>[^\\n]+)$'
expect = 4

[[segments]]
source = "page"
document = "resp"
role = "response_metadata"
pattern = '^(?P<text>Response by the Minister of Foreign Affairs|Signed by \\(Minister or Parliamentary Secretary\\): [^\\n]+)$'
expect = 2

[[segments]]
source = "page"
document = "resp"
role = "government_response"
after = "Signed by (Minister or Parliamentary Secretary):"
before = "Presented to"
pattern = '^(?P<text>[A-Z][^\\n]+)$'
expect = 2

[[segments]]
source = "page"
document = "page-rest"
role = "petition_metadata"
pattern = '^(?P<text>Presented to the House of Commons\\n[^\\n]+\\n[^\\n]+)$'
expect = 1

[[segments]]
source = "statement"
document = "stmt"
role = "letter_body"
pattern = '^(?P<text>We urge [^\\n]+)$'
expect = 1

[[segments]]
source = "statement"
document = "stmt"
role = "page_title"
pattern = '^(?P<text>Statement by [^\\n]+)$'
expect = 1
"""


@pytest.fixture(scope="module")
def manifest_path(tmp_path_factory):
    root = tmp_path_factory.mktemp("project")
    (root / "raw").mkdir()
    (root / "raw" / "page.txt").write_text(PAGE, encoding="utf-8")
    (root / "raw" / "statement.txt").write_text(STATEMENT, encoding="utf-8")
    sha = {
        k: hashlib.sha256(v.encode("utf-8")).hexdigest()
        for k, v in (("page", PAGE), ("statement", STATEMENT))
    }
    path = root / "corpus.toml"
    path.write_text(
        MANIFEST.format(page_sha=sha["page"], statement_sha=sha["statement"]), encoding="utf-8"
    )
    return path


@pytest.fixture(scope="module")
def frames(manifest_path):
    segments = corpus.corpus_segments(manifest_path=manifest_path).filter(
        pl.col("text_id").is_not_null()
    )
    return synthetic.frames(segments)


def test_the_page_pairs_its_petition_with_its_response(manifest_path):
    assert [(p.advocacy, p.response, p.relation) for p in corpus.text_pairs(manifest_path)] == [
        ("e-9999", "e-9999-response", "response")
    ]
    assert corpus.advocacy_text_ids(manifest_path) == ["e-9999", "coalition"]


def test_demands_of_the_page_are_scored_against_its_own_response(manifest_path, frames):
    m = manifest_path
    found = demands.demands_extract(*frames, text_ids=corpus.advocacy_text_ids(m))
    assert found.select("demand_id", "action", "reported").rows() == [
        ("e-9999:d1", "urge", False),
        ("e-9999:d2", "fund", False),
        ("e-9999:d3", "impose", False),
        ("e-9999:d4", "appoint", False),  # the fourth numbered item, after one ending in '.'
        ("coalition:d1", "appoint", False),
    ]
    labels = demands.demands_responsiveness(found, None, *frames, pairs=corpus.text_pairs(m))
    assert labels.select("demand_id", "response_id", "label").rows() == [
        ("e-9999:d1", "e-9999-response", "addressed"),
        ("e-9999:d2", "e-9999-response", "addressed"),
        ("e-9999:d3", "e-9999-response", "not_addressed"),
        ("e-9999:d4", "e-9999-response", "not_addressed"),
    ]
    pairing = demands.demands_pairing(
        found,
        pairs=corpus.text_pairs(m),
        text_ids=corpus.advocacy_text_ids(m),
        names=corpus.text_names(m),
    )
    assert (
        pairing["status"]
        .to_list()[1]
        .startswith("1 demand(s) of the coalition statement: extracted and typed only")
    )


def test_timeline_of_the_page_pair(manifest_path):
    m = manifest_path
    record = pl.DataFrame(  # the page's record, as corpus.petition_record gives it
        {"field": ["presented_on"], "value": ["March 3, 2025"], "source_id": ["page"]}
    )
    t = demands.demands_timeline(
        corpus.text_pairs(m),
        texts=corpus.corpus_texts(m),
        documents=corpus.corpus_documents(m),
        record=record,
    )
    assert t.rows() == [
        ("e-9999", "e-9999-response", "response", "2025-01-10", "2025-03-03", "2025-04-20", False)
    ]
