"""Adding and removing documents (analysis.corpus.edit) in a tiny synthetic project."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from analysis import corpus
from analysis.corpus import edit
from analysis.io import DiscourseError

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
BASE_TEXT = "A first statement.\n\nIts second paragraph.\n"
MANIFEST = """# A tiny corpus for tests: comments like this one must survive edits.
version = 2

[[sources]]
id = "base"
file = "raw/base.txt"
sha256 = "{sha}"
title = "Base statement"
publisher = "p"
origin = "o"
captured = "unknown"
kind = "plain"

[[documents]]
id = "base"
source = "base"
part = "text"
title = "Base statement"
speaker = "an association"
date = "2024-01-01"
date_note = "n"

# texts
[[texts]]
id = "base"
label = "Base (2024)"
document = "base"
roles = ["text_paragraph"]
genre = "statement"
"""


@pytest.fixture()
def project(tmp_path) -> Path:
    """A project folder with a one-text manifest; returns the manifest path."""
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "base.txt").write_text(BASE_TEXT)
    path = tmp_path / "corpus.toml"
    sha = hashlib.sha256(BASE_TEXT.encode()).hexdigest()
    path.write_text(MANIFEST.format(sha=sha))
    return path


def _state(path: Path) -> tuple[bytes, dict[str, bytes]]:
    raw = {p.name: p.read_bytes() for p in sorted((path.parent / "raw").iterdir())}
    return path.read_bytes(), raw


def test_add_e_petition_then_remove_restores_everything(project):
    before = _state(project)
    page = PAGES / "e-petition-with-response.txt"
    added = edit.add_document(page, manifest_path=project)
    assert added.kind == "e-petition" and added.source_id == "e-9901"
    assert added.text_ids == ["e-9901", "e-9901-response"]
    assert added.summary == (
        "e-petition e-9901: 5 preamble items, 4 demands, response by the Minister of Canadian "
        "Heritage, signed by Jordan Sample, 2 paragraphs; presented 2025-09-22 (No. 451-00412); "
        "response tabled 2025-11-05"
    )
    copy = project.parent / "raw" / page.name
    assert copy.read_bytes() == page.read_bytes()
    m = corpus.load_manifest(project)
    assert m.source("e-9901").sha256 == hashlib.sha256(page.read_bytes()).hexdigest()
    assert m.source("e-9901").kind == "e-petition"
    petition, response = m.document("e-9901"), m.document("e-9901-response")
    assert (petition.date, response.date) == ("2025-03-03", "2025-11-05")
    assert petition.date_note == (
        "open for signature 2025-03-03 to 2025-07-01; presented to the House 2025-09-22"
    )
    assert response.speaker == "Government of Canada (Minister of Canadian Heritage)"
    assert response.date_note == "tabled in the House of Commons; signed by Jordan Sample"
    assert m.text("e-9901").label == "Petition e-9901 (2025)"
    assert m.text("e-9901").name == "petition e-9901"
    assert m.text("e-9901-response").name == "the response to e-9901"
    assert corpus.text_ids(project) == ["base", "e-9901", "e-9901-response"]
    pairs = corpus.text_pairs(project)
    assert [(p.advocacy, p.response, p.relation) for p in pairs] == [
        ("e-9901", "e-9901-response", "response")
    ]
    primary = corpus.corpus_segments(primary=True, manifest_path=project)
    assert (
        primary.filter(primary["text_id"] == "e-9901")["role"].to_list().count("petition_demand")
        == 4
    )
    assert "# A tiny corpus for tests" in project.read_text()

    message = edit.remove_document("e-9901-response", manifest_path=project)
    assert (
        message == "removed source e-9901, 3 documents, 2 texts, raw/e-petition-with-response.txt"
    )
    assert _state(project) == before


def test_add_paper_petition_and_plain_then_remove_in_any_order(project):
    before = _state(project)
    paper = edit.add_document(PAGES / "paper-petition-whereas.txt", manifest_path=project)
    plain = edit.add_document(
        PAGES / "statement-plain.txt",
        manifest_path=project,
        ident="reading-statement",
        speaker="a reading association",
        date="2025-10-01",
    )
    assert paper.summary == (
        "paper-petition 451-00777: 2 preamble items, 2 demands, no response; "
        "presented 2025-10-08 (No. 451-00777)"
    )
    assert plain.summary == "plain reading-statement: 3 paragraphs"
    m = corpus.load_manifest(project)
    assert m.document("451-00777").date == "2025-10-08"
    assert m.document("reading-statement").speaker == "a reading association"
    assert m.document("reading-statement").date == "2025-10-01"
    assert m.text("reading-statement").genre == "statement"
    assert corpus.text_pairs(project) == ()
    edit.remove_document("451-00777", manifest_path=project)
    edit.remove_document("reading-statement", manifest_path=project)
    assert _state(project) == before


def test_no_primary_adds_documents_only(project):
    added = edit.add_document(
        PAGES / "e-petition-with-response.txt", manifest_path=project, primary=False
    )
    m = corpus.load_manifest(project)
    assert added.text_ids == [] and [t.id for t in m.texts] == ["base"]
    assert {d.id for d in m.documents} == {"base", "e-9901", "e-9901-response", "e-9901-page"}


def test_a_failing_rebuild_leaves_manifest_and_raw_as_they_were(project):
    before = _state(project)

    def broken_build():
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        edit.add_document(
            PAGES / "e-petition-with-response.txt", manifest_path=project, rebuild=broken_build
        )
    assert _state(project) == before
    edit.add_document(PAGES / "statement-plain.txt", manifest_path=project)
    added = _state(project)
    with pytest.raises(RuntimeError, match="disk full"):
        edit.remove_document("statement-plain", manifest_path=project, rebuild=broken_build)
    assert _state(project) == added


@pytest.mark.filterwarnings("ignore::analysis.corpus.parsers.UnclassifiedTextWarning")
def test_a_page_that_does_not_parse_changes_nothing(project):
    before = _state(project)
    with pytest.raises(DiscourseError, match=r"no petition structure found for kind 'e-petition'"):
        edit.add_document(PAGES / "statement-plain.txt", kind="e-petition", manifest_path=project)
    assert _state(project) == before


@pytest.mark.parametrize(
    ("setup", "kwargs", "message"),
    [
        (None, {"kind": "poem"}, r"--kind 'poem': unknown kind"),
        (None, {"date": "2025-13-01"}, r"--date '2025-13-01': not a date; write it as YYYY-MM-DD"),
        (None, {"ident": "Bad_Id"}, r"--id 'Bad_Id': ids are lower-case"),
        (
            None,
            {"ident": "base"},
            r"id 'base' \(new source\) is already a source id in the manifest",
        ),
        ("different", {}, r"a different file of that name is already in raw/"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(project, setup, kwargs, message):
    if setup == "different":
        (project.parent / "raw" / "statement-plain.txt").write_text("Another text.\n")
    before = _state(project)
    with pytest.raises(DiscourseError, match=message):
        edit.add_document(PAGES / "statement-plain.txt", manifest_path=project, **kwargs)
    assert _state(project) == before


def test_missing_empty_and_non_utf8_files(project, tmp_path):
    with pytest.raises(DiscourseError, match=r"nothing\.txt: no such file"):
        edit.add_document(tmp_path / "nothing.txt", manifest_path=project)
    (tmp_path / "empty.txt").write_text("\n")
    with pytest.raises(DiscourseError, match=r"empty\.txt: the file is empty"):
        edit.add_document(tmp_path / "empty.txt", manifest_path=project)
    (tmp_path / "latin.txt").write_bytes(b"caf\xe9\n")
    with pytest.raises(DiscourseError, match=r"latin\.txt: not valid UTF-8 at byte offset 3"):
        edit.add_document(tmp_path / "latin.txt", manifest_path=project)


def test_adding_the_same_file_twice_is_refused(project):
    edit.add_document(PAGES / "statement-plain.txt", manifest_path=project)
    with pytest.raises(DiscourseError, match=r"already source 'statement-plain'"):
        edit.add_document(PAGES / "statement-plain.txt", manifest_path=project, ident="other")


def test_removing_what_is_not_there_or_the_last_text(project):
    before = _state(project)
    with pytest.raises(
        DiscourseError, match=r"no source or text 'ghost' to remove \(known: base\)"
    ):
        edit.remove_document("ghost", manifest_path=project)
    with pytest.raises(DiscourseError, match=r"no \[\[sources\]\] entries"):
        edit.remove_document("base", manifest_path=project)
    assert _state(project) == before


def test_removing_a_hand_written_source_keeps_its_raw_file(project):
    edit.add_document(PAGES / "statement-plain.txt", manifest_path=project)
    edit.remove_document("base", manifest_path=project)
    m = corpus.load_manifest(project)
    assert [s.id for s in m.sources] == ["statement-plain"]
    assert (project.parent / "raw" / "base.txt").is_file()
    assert "# A tiny corpus for tests" in project.read_text()


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("e-12 (Health)\n\nPetition to the House of Commons\n", "e-petition"),
        ("441-00012 (Health)\n", "paper-petition"),
        ("Intro\n\nDear friends,\n\nHello.\n", "letter"),
        ("Just a note.\n", "plain"),
        ("".join(f"Line {i}.\n\n" for i in range(14)) + "Dear all,\n", "letter"),
        ("".join(f"Line {i}.\n\n" for i in range(15)) + "Dear all,\n", "plain"),
        (
            "Statement on rail service\n\n"
            + "".join(f"Paragraph {i} of the statement.\n\n" for i in range(20))
            + "As one rider wrote to us:\n\nDear Minister, please keep our train.\n",
            "plain",
        ),
    ],
)
def test_detect_kind(text, kind):
    assert edit.detect_kind(text) == kind


LETTER = """March 4th, 2025

To the Attention of:
The Minister of Transport

Dear Minister,

We write about intercity bus service.

We therefore urge you to restore the discontinued routes.

Sincerely,
➢ Northern Transit Association
➢ Prairie Riders Network
"""


def test_add_letter_reads_its_date_and_signatories(project, tmp_path):
    page = tmp_path / "transit-letter.txt"
    page.write_text(LETTER)
    added = edit.add_document(page, manifest_path=project)
    assert added.kind == "letter" and added.source_id == "transit-letter"
    assert added.summary == (
        "letter transit-letter: dateline March 4th, 2025, 1 addressee blocks, 1 body paragraphs, "
        "1 closing call, 2 signatories"
    )
    m = corpus.load_manifest(project)
    doc = m.document("transit-letter")
    assert (doc.part, doc.date, doc.date_note) == ("letter", "2025-03-04", "dated in the letter")
    assert m.text("transit-letter").genre == "letter"
    segs = corpus.corpus_segments(primary=True, manifest_path=project)
    letter = segs.filter(segs["text_id"] == "transit-letter")
    assert letter["role"].to_list() == ["letter_body", "letter_call", "letter_closing"]


def test_add_reports_unclassified_text(project, tmp_path):
    page = tmp_path / "odd-page.txt"
    text = (PAGES / "e-petition-with-response.txt").read_text()
    page.write_text(
        text.replace("Start of content\n\n", "Start of content\nPrint this page\n\n", 1)
    )
    added = edit.add_document(page, manifest_path=project, ident="odd")
    assert added.summary.endswith("response tabled 2025-11-05; 1 unclassified")
    assert len(added.warnings) == 1
    assert "odd-page.txt, line 4: could not place 'Print this page'" in added.warnings[0]
    from analysis.corpus.parsers import UnclassifiedTextWarning

    corpus.clear_caches()
    with pytest.warns(UnclassifiedTextWarning, match="Print this page"):
        segs = corpus.corpus_segments(manifest_path=project)
    odd = segs.filter(segs["role"] == "unclassified")
    assert odd.select("doc_id", "text").rows() == [("odd-page", "Print this page")]


HAND_PAIR = """
# a comparison declared by hand after the added block
[[pairs]]
advocacy = "base"
response = "other-response"
relation = "overlap"
"""


def test_remove_keeps_hand_written_entries_after_an_added_block(project):
    edit.add_document(PAGES / "e-petition-with-response.txt", manifest_path=project, ident="other")
    edit.add_document(PAGES / "statement-plain.txt", manifest_path=project)
    with_hand = project.read_text() + HAND_PAIR
    project.write_text(with_hand)
    # The hand-written pair follows the last added block (statement-plain) in the file.
    assert with_hand.index("# --- added by discourse add: source statement-plain") < (
        with_hand.index("[[pairs]]")
    )
    edit.remove_document("statement-plain", manifest_path=project)
    after = project.read_text()
    assert HAND_PAIR in after
    assert "statement-plain" not in after
    assert [(p.advocacy, p.response, p.relation) for p in corpus.text_pairs(project)] == [
        ("other", "other-response", "response"),
        ("base", "other-response", "overlap"),
    ]
    # What is left is the manifest as it was before statement-plain was added, plus the pair.
    project.write_text(after.replace(HAND_PAIR, ""))
    edit.add_document(PAGES / "statement-plain.txt", manifest_path=project)
    again = project.read_text()
    edit.remove_document("statement-plain", manifest_path=project)
    assert project.read_text() + HAND_PAIR == after
    assert again.startswith(project.read_text())


def test_remove_drops_a_hand_pair_naming_the_removed_text_only(project):
    edit.add_document(PAGES / "e-petition-with-response.txt", manifest_path=project, ident="other")
    edit.add_document(PAGES / "statement-plain.txt", manifest_path=project)
    named = HAND_PAIR.replace('"base"', '"statement-plain"')
    project.write_text(project.read_text() + named + HAND_PAIR)
    edit.remove_document("statement-plain", manifest_path=project)
    after = project.read_text()
    assert "statement-plain" not in after
    assert after.endswith(HAND_PAIR) and after.count("[[pairs]]") == 1


def _processed(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((path.parent / "processed").iterdir())}


def test_a_rebuild_failing_part_way_leaves_processed_as_the_old_manifest_gives(
    project, monkeypatch
):
    from analysis import cli

    from .synthetic import manifest_in_force

    def sentences_fail_once_the_page_is_listed():
        if "e-9901" in corpus.text_ids(project):
            raise RuntimeError("disk full")
        return real_sentences()

    with manifest_in_force(project):
        corpus.clear_caches()
        cli.build_processed()
        before = _processed(project)
        real_sentences = cli.PROCESSED_TABLES["sentences"]
        monkeypatch.setitem(
            cli.PROCESSED_TABLES, "sentences", sentences_fail_once_the_page_is_listed
        )
        with pytest.raises(RuntimeError, match="disk full"):
            edit.add_document(
                PAGES / "e-petition-with-response.txt",
                manifest_path=project,
                rebuild=cli.build_processed,
            )
        # sources/documents/segments were written for the new manifest before the failure;
        # they are rebuilt from the restored one.
        assert _processed(project) == before
        assert b"e-9901" not in before["segments.csv"]


def test_remove_help_says_a_text_id_removes_its_whole_source(project, capsys):
    from analysis import cli

    with pytest.raises(SystemExit):
        cli.main(["remove", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "Given the id of one text, it removes the whole source holding that text" in help_text
    edit.add_document(PAGES / "e-petition-with-response.txt", manifest_path=project)
    edit.remove_document("e-9901-response", manifest_path=project)
    assert corpus.text_ids(project) == ["base"]


def test_add_auto_reads_a_statement_quoting_a_letter_as_plain(project, tmp_path):
    page = tmp_path / "rail-statement.txt"
    paragraphs = [f"Paragraph {i} of the statement on rail service." for i in range(16)]
    page.write_text("\n\n".join([*paragraphs, "Dear Minister, please keep our train."]) + "\n")
    added = edit.add_document(page, manifest_path=project)
    assert added.kind == "plain"
    assert added.summary == "plain rail-statement: 17 paragraphs"


@pytest.mark.parametrize(
    ("page", "kwargs", "name", "label"),
    [
        ("statement-plain.txt", {}, "statement-plain", "Statement (statement-plain)"),
        (
            "statement-plain.txt",
            {"ident": "rail-notes"},
            "statement rail-notes",
            "Statement (rail-notes)",
        ),
        (
            "statement-plain.txt",
            {"title": "Reading for all"},
            "the statement \u201cReading for all\u201d",
            "Reading for all",
        ),
        ("transit-letter.txt", {}, "transit-letter", "Letter (transit-letter) (2025)"),
        (
            "transit-letter.txt",
            {"title": "Keep the buses"},
            "the letter \u201cKeep the buses\u201d",
            "Keep the buses (2025)",
        ),
    ],
)
def test_names_of_added_statements_and_letters_do_not_double_the_noun(
    project, tmp_path, page, kwargs, name, label
):
    if page == "transit-letter.txt":
        (tmp_path / page).write_text(LETTER)
        file = tmp_path / page
    else:
        file = PAGES / page
    added = edit.add_document(file, manifest_path=project, **kwargs)
    text = corpus.load_manifest(project).text(added.source_id)
    assert (text.name, text.label) == (name, label)


def test_add_refuses_a_file_over_the_size_or_line_limit_up_front(project, tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    big.write_text("A statement paragraph.\n\n" * 100)  # 2,400 bytes, 201 lines
    before = _state(project)
    monkeypatch.setenv("DISCOURSE_MAX_SOURCE_MB", "0.001")  # 1,048 bytes
    with pytest.raises(
        DiscourseError, match=r"big\.txt: 2,400 bytes, over the limit of 1,048 bytes per source"
    ):
        edit.add_document(big, manifest_path=project)
    monkeypatch.delenv("DISCOURSE_MAX_SOURCE_MB")
    monkeypatch.setenv("DISCOURSE_MAX_SOURCE_LINES", "200")
    with pytest.raises(DiscourseError, match=r"big\.txt: 201 lines, over the limit of 200 lines"):
        edit.add_document(big, manifest_path=project)
    assert _state(project) == before
    monkeypatch.setenv("DISCOURSE_MAX_SOURCE_LINES", "201")
    assert edit.add_document(big, manifest_path=project).source_id == "big"
