"""The index page and its title/abstract, built from synthetic corpus frames of five texts."""

from __future__ import annotations

import re

import polars as pl

from analysis import report
from analysis.charts import count_words
from analysis.report import index

TEXTS = pl.DataFrame(
    {
        "text_id": ["alpha", "beta", "gamma", "delta", "epsilon"],
        "label": ["Petition A", "Reply to A", 'Children\'s "Schools" <petition>', "Reply", "Note"],
        "name": ["petition A", "the reply to A", "petition C", "the reply to C", "the note"],
        "genre": ["petition", "response", "petition", "response", "statement"],
        "colour": ["#E69F00", "#0072B2", "#009E73", "#CC79A7", "#56B4E9"],
        "doc_id": ["a", "b", "c", "d", "e"],
        "speaker": ["petitioners", "Government", "petitioners", "Government", "a group"],
        "date": ["2024-01-01", "2024-02-01", "2025-01-01", "2025-02-01", "2025-06-01"],
        "roles": ["p", "r", "p", "r", "s"],
    }
)
PAIRS = pl.DataFrame(
    {
        "advocacy": ["alpha", "gamma", "epsilon"],
        "response": ["beta", "delta", "beta"],
        "relation": ["response", "response", "overlap"],
        "note": ["", "", "declared"],
    }
)
DOCUMENTS = pl.DataFrame(
    {
        "doc_id": ["a", "b", "c", "d", "e"],
        "date": ["2024-01-01", "2024-02-01", "2025-01-01", "2025-02-01", "2025-06-01"],
        "date_note": ["", "tabled", "", "", "on the page"],
    }
)
SUMMARY = pl.DataFrame(
    {
        "text_id": ["alpha", "beta", "gamma", "delta"],  # epsilon has no tokens yet
        "n_sentences": [4, 3, 2, 1],
        "n_word_tokens": [40, 30, 20, 10],
        "n_word_types": [35, 28, 19, 10],
    }
)


def test_count_words():
    assert count_words(3, "text") == "three texts"
    assert count_words(1, "raw file") == "one raw file"
    assert count_words(13, "text") == "13 texts"


def test_title_counts_the_texts():
    assert report.title(TEXTS) == (
        "How five texts word the conflict over Nagorno-Karabakh: a comparative discourse analysis"
    )
    assert report.title(TEXTS.head(3)).startswith("How three texts word the conflict")


def test_abstract_lists_every_text_and_every_pair():
    text = report.abstract(TEXTS, PAIRS)
    assert text.startswith("This suite compares five texts as language: Petition A (petitioners, ")
    for label in TEXTS["label"]:
        assert label in text
    assert "The reply to A is compared with petition A, which it answers." in text
    assert "The reply to C is compared with petition C, which it answers." in text
    assert "The note is compared with the reply to A for policy overlap only" in text
    assert "every text" in text and "three" not in text


def test_corpus_table_has_one_row_per_text_with_swatch_sizes_and_pairs():
    page = report.corpus_summary_html(TEXTS, SUMMARY, PAIRS)
    rows = re.findall(r"<tr><td>.*?</tr>", page)
    assert len(rows) == 5
    assert [re.findall(r'class="num">([^<]+)<', r) for r in rows] == [
        ["4", "40", "35"],
        ["3", "30", "28"],
        ["2", "20", "19"],
        ["1", "10", "10"],
        [index.DASH] * 3,  # a text without tokens: shown, not dropped
    ]
    assert 'style="background:#CC79A7"' in rows[3]
    assert "Children&#x27;s &quot;Schools&quot; &lt;petition&gt;" in rows[2]
    assert "answered by Reply to A" in rows[0]
    assert "answers Petition A; overlap with Note" in rows[1]
    assert "overlap with Reply to A" in rows[4]


def test_index_html_names_every_text_and_report(tmp_path):
    from analysis.charts import FigureSpec

    reports = [
        report.Report("00-corpus", "00 · The corpus", tmp_path / "00-corpus.html", 2),
        report.Report("01-terms", "01 · Terms", tmp_path / "01-terms.html", 0),
    ]
    figs = [FigureSpec("corpus-text-sizes", lambda: None, "Word tokens <per> text.", "00-corpus")]
    found = {"01": ["The reply to C uses \u201c<b>\u201d more than the other texts do."]}
    page = report.index_html(
        reports,
        figs,
        "../figures",
        texts=TEXTS,
        summary=SUMMARY,
        pairs=PAIRS,
        documents=DOCUMENTS,
        found=found,
        cff=tmp_path / "none.cff",
    )
    assert f"<h1>{report.title(TEXTS)}</h1>" in page
    assert '<a href="00-corpus.html">00 · The corpus</a>' in page and "2 charts" in page
    assert '<a href="01-terms.html">01 · Terms</a>' in page
    assert '<img src="../figures/corpus-text-sizes.png"' in page
    # Not shown in any report here: captioned by name, saying so.
    assert "<b>corpus-text-sizes</b> (00-corpus, in no report): " in page
    assert "Word tokens &lt;per&gt; text." in page
    for label in ["Petition A", "Reply to A", "Reply", "Note"]:
        assert f"</span>{label}</td>" in page
    # The findings sit under their report; the timeline is by date with the stated notes.
    terms = page.split('<a href="01-terms.html">', 1)[1].split("\n</ul></li>", 1)[0]
    assert (
        "<li>The reply to C uses \u201c&lt;b&gt;\u201d more than the other texts do.</li>" in terms
    )
    timeline = page.split("<h2>Timeline</h2>", 1)[1].split("</table>", 1)[0]
    assert re.findall(r'<td class="date">([^<]+)</td><td>([^<]+)</td>', timeline) == [
        ("2024-01-01", "Petition A"),
        ("2024-02-01", "Reply to A"),
        ("2025-01-01", "Children&#x27;s &quot;Schools&quot; &lt;petition&gt;"),
        ("2025-02-01", "Reply"),
        ("2025-06-01", "Note"),
    ]
    assert "<td>Note</td><td>on the page</td>" in timeline
    # Headers are capitalised like the reports' tables.
    assert "<tr><th>Date</th><th>Text</th><th>Where the date is stated</th></tr>" in timeline
    assert "<tr><th>Text</th><th>Genre</th><th>Speaker</th><th>Date</th>" in page
    assert "<td>Petition A</td><td>no note in the manifest</td>" in timeline
    assert "<h2>Methods</h2>" in page and "<li>Terminology and keyness:" in page
    assert "<li>Framing and stance:" not in page  # no report 02 here
    assert "No <code>CITATION.cff</code> was found." in page
    assert ".pdf" not in page
    printed = report.index_html(
        reports,
        [],
        "../figures",
        texts=TEXTS,
        summary=SUMMARY,
        pairs=PAIRS,
        documents=DOCUMENTS,
        found={},
        pdfs=True,
    )
    assert (
        '(<code>notebooks/01-terms.ipynb</code>, 0 charts, <a href="01-terms.pdf">PDF</a>)'
        in printed
    )
    assert page.index("<h2>Abstract</h2>") < page.index("<h2>Key findings</h2>")
    assert page.index("<h2>How to cite</h2>") < page.index("<h2>How to reproduce</h2>")
    assert report.external_resources(page) == []


def test_reproducing_names_the_manifest_in_force(tmp_path):
    from analysis import paths

    assert "<code>make report</code> rebuilds" in index._reproducing()
    other = tmp_path / "corpus.toml"
    try:
        paths.use_manifest(other)
        text = index._reproducing()
    finally:
        paths.use_manifest(paths.DEFAULT_MANIFEST)
    assert f"<code>discourse --manifest {other} report</code> (or " in text
    assert f"<code>DISCOURSE_MANIFEST={other} discourse report</code>) rebuilds" in text


def test_abstract_says_who_wrote_the_gold_and_which_numbers_carry_intervals():
    text = report.abstract(TEXTS, PAIRS)
    assert text.endswith(index.EVIDENCE)
    assert "automated coder (a language model given only the codebook" in text
    assert "not by human coders" in text
    assert "Every compared" not in text  # not every compared number has an interval
    assert "text-reuse shares carry 95% intervals" in text
    assert (
        "Terminology rates per 1,000 word tokens, keyness G2, cosine similarities, readability "
        "and lexical-diversity indices, logDice scores and cluster rates are single values, "
        "shown without intervals."
    ) in text


def test_methods_describe_what_the_code_ranks_and_adjusts():
    import inspect

    from analysis.charts import collocations as collocation_charts
    from analysis.measures import keyness

    methods = dict(index.METHODS)
    # Keyness q: Benjamini-Hochberg over the Fisher exact p column; terms ranked by G2.
    assert keyness.Q_ADJUSTS == "p_fisher"
    assert "Benjamini-Hochberg adjusted Fisher's exact p" in methods["01"]
    assert "ranked by log-likelihood (G2)" in methods["01"]
    # The collocation charts rank by logDice; log-likelihood is not what ranks them.
    for chart in (
        collocation_charts.textplot_collocates,
        collocation_charts.textplot_collocation_network,
    ):
        assert inspect.signature(chart).parameters["measure"].default == "log_dice"
    assert "ranked by logDice" in methods["05"] and "log-likelihood collocates" not in methods["05"]
    # The demand and framing gold labels come from an automated coder, said where they are used.
    assert "written by an automated coder" in methods["02"]
    assert "written by an automated coder" in methods["03"]


PAGE = """<html><body>
<figure class="discourse-figure" id="figure-2-1"><div class="discourse-scroll"><div>chart one
</div></div><figcaption><b>Figure 2.1.</b> Shares &amp; &lt;intervals&gt;.</figcaption></figure>
<figure class="discourse-table" id="table-2-1"><figcaption><b>Table 2.1.</b> T</figcaption>
</figure>
<figure class="discourse-figure" id="figure-2-2"><div class="discourse-scroll"><div>chart two
</div></div><figcaption><b>Figure 2.2.</b> Recall per text.</figcaption></figure>
</body></html>"""


def _specs():
    from analysis.charts import FigureSpec

    return [
        FigureSpec("framing-recall", lambda: None, "Recall per text.", "02-frames"),
        FigureSpec("framing-shares", lambda: None, "Shares & <intervals>.", "02-frames"),
        FigureSpec("orphan", lambda: None, "Recall per text.", "03-demands"),
    ]


def test_figure_numbers_are_read_from_the_exported_pages(tmp_path):
    (tmp_path / "02-frames.html").write_text(PAGE, encoding="utf-8")
    reports = [report.Report("02-frames", "02 · Frames", tmp_path / "02-frames.html", 2)]
    numbers = index.figure_numbers(reports, _specs(), tmp_path)
    assert numbers == {
        "framing-recall": ("Figure 2.2", "02 · Frames", "02-frames.html#figure-2-2"),
        "framing-shares": ("Figure 2.1", "02 · Frames", "02-frames.html#figure-2-1"),
    }
    gallery = index.gallery_html(_specs(), "figures", numbers)
    # In the reports' order (2.1 before 2.2), then the figure no report shows.
    assert re.findall(r'<img src="figures/([^.]+)\.png"', gallery) == [
        "framing-shares",
        "framing-recall",
        "orphan",
    ]
    assert (
        '<figcaption><b><a href="02-frames.html#figure-2-2">Figure 2.2</a></b> (02 · Frames): '
        "Recall per text. "
    ) in gallery
    assert '<img src="figures/framing-shares.png" alt="Shares &amp; &lt;intervals&gt;.">' in gallery
    assert "<b>orphan</b> (03-demands, in no report): Recall per text." in gallery
    # Long words in a caption wrap inside the box.
    assert "figcaption { font-size: .85rem; overflow-wrap: anywhere; }" in index._INDEX_CSS


def test_write_index_copies_the_figures_into_the_folder_it_writes(tmp_path, monkeypatch):
    from analysis import paths

    source = tmp_path / "figures"
    source.mkdir()
    for name in ("framing-recall", "framing-shares"):
        for suffix in (".png", ".svg", ".vl.json"):
            (source / f"{name}{suffix}").write_bytes(f"{name}{suffix}".encode())
    staging = tmp_path / "staging"
    (staging / "figures").mkdir(parents=True)
    (staging / "figures" / "removed-figure.png").write_bytes(b"old")
    (staging / "02-frames.html").write_text(PAGE, encoding="utf-8")
    seen = {}

    def fake_page(reports, specs, href, **kwargs):
        seen.update(href=href, **kwargs)
        return "<html>index</html>"

    monkeypatch.setattr(paths, "FIGURES", source)
    monkeypatch.setattr(index, "index_html", fake_page)
    monkeypatch.setattr(index, "build_commit", lambda: "abc123")
    reports = [report.Report("02-frames", "02 · Frames", tmp_path / "out" / "02-frames.html", 2)]
    written = index.write_index(reports, _specs(), tmp_path / "out", into=staging)
    assert written == staging / "index.html"
    # Every file of every registered figure that exists is copied; the stale one is gone.
    assert sorted(p.name for p in (staging / "figures").iterdir()) == sorted(
        f"{n}{s}"
        for n in ("framing-recall", "framing-shares")
        for s in (".png", ".svg", ".vl.json")
    )
    assert (staging / "figures" / "framing-recall.png").read_bytes() == b"framing-recall.png"
    # Links are inside the folder (no "../figures"), numbered from the staged pages.
    assert seen["href"] == "figures"
    assert seen["numbers"]["framing-recall"][0] == "Figure 2.2"
    assert seen["commit"] == "abc123"


def test_build_commit_names_the_checkout_commit_and_uncommitted_changes(tmp_path):
    import subprocess

    def git(*args):
        return subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()

    assert index.build_commit(tmp_path) is None  # not a checkout
    git("init", "-q")
    (tmp_path / "a.txt").write_text("one\n")
    git("add", "a.txt")
    git("commit", "-qm", "first")
    head = git("rev-parse", "HEAD")
    assert index.build_commit(tmp_path) == head
    (tmp_path / "a.txt").write_text("two\n")
    assert index.build_commit(tmp_path) == f"{head} (with uncommitted changes)"


def test_cite_and_reproduce_name_the_commit_and_the_pinned_environment():
    meta = {"authors": ["A"], "title": "T", "version": "1.0", "license": "MIT", "message": "m"}
    page = index.cite_html(meta, "0123abcd")
    assert (
        '<pre class="cite">A. T (version 1.0). Software. Commit 0123abcd. Licence: MIT.</pre>'
        in (page)
    )
    assert "It assigns no DOI or repository URL, so the commit identifies the code." in page
    dated = index.cite_html({**meta, "date-released": "2026-01-02", "doi": "10.1/x"})
    assert "so the commit identifies" not in dated
    assert "A (2026). T (version 1.0). Software. 10.1/x. Licence: MIT." in dated
    text = index._reproducing("0123abcd (with uncommitted changes)")
    assert (
        "From a clone of the repository at commit <code>0123abcd</code> (these pages were" in text
    )
    assert "pinned in <code>requirements.lock</code> (Python &gt;=3.11" in text
    assert "at commit" not in index._reproducing()
