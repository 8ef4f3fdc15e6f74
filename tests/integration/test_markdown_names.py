"""Integration: labels, names and speakers full of Markdown are shown as text in every notebook.

The default manifest is copied with its raw files into a scratch folder, and the labels, prose
names and a speaker of its three texts are replaced by strings carrying Markdown and HTML
(``**bold**``, links, ``_emphasis_``, backticks, ``#``, ``-`` and ``1.`` at a line start, ``|``,
``~~``, a bare URL, ``<b>``, ``<img onerror>``). Every notebook is executed on it, and each of
its Markdown outputs is rendered by nbconvert's Markdown renderer before the export's own
safeguard (:func:`analysis.report.export.neutralise_markdown_html`): none of the constructs may
come out as formatting, a link, an image or a tag.
"""

from __future__ import annotations

import re
import shutil

import pytest
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from analysis import paths, report

NOTEBOOKS = sorted(paths.NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))

#: The default manifest's values and what replaces them.
PAYLOADS = {
    'label = "Petition e-3780"': "**PBold** [plink](javascript:alert(1)) _pu_ `pc` <b>pb</b>",
    'name = "the petition"': "- the *pname* [pl](https://example.org) ~~ps~~",
    'label = "Government response"': "# RHead | rpipe ![ri](x.png)",
    'name = "the response"': "1. the __rname__ `rc` <i>ri</i>",
    'label = "Open letter (2023)"': "Letter {{ ljinja }} + lplus",
    'name = "the letter"': "the letter _lname_ https://example.org/l",
    'speaker = "petitioners"': "**pspeaker** <img src=x onerror=alert(1)>",
}
#: What the payloads would render as if they were read as Markdown or HTML.
RENDERED = [
    r"<strong>\s*PBold",
    r"<em>\s*pname",
    r'href="javascript',
    r'href="https://example\.org',
    r"<del",
    r"<code>pc",
    r"<h1[^>]*>\s*RHead",
    r"<img",
    r"<b>pb",
    r"<i>ri",
    r"<strong>rname",
    r"<code>rc",
    r"<em>lname",
    r"<strong>pspeaker",
    r"<ol",
    r"<li>\s*<ul>",
]


@pytest.fixture(scope="module")
def markup_manifest(tmp_path_factory):
    folder = tmp_path_factory.mktemp("markup")
    shutil.copytree(paths.DEFAULT_MANIFEST.parent / "raw", folder / "raw")
    for f in (folder / "raw").iterdir():
        f.chmod(0o644)
    toml = paths.DEFAULT_MANIFEST.read_text(encoding="utf-8")
    for line, payload in PAYLOADS.items():
        assert toml.count(line) == 1, line
        toml = toml.replace(line, f'{line.split(" = ")[0]} = "{payload}"')  # no quote inside
    manifest = folder / "corpus.toml"
    manifest.write_text(toml, encoding="utf-8")
    return manifest


@pytest.mark.integration
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_markdown_in_names_is_shown_as_text(path, markup_manifest):
    nb = report.execute_notebook(path, parameters={"manifest": str(markup_manifest)})
    outputs = [
        (i, out["data"]["text/markdown"])
        for i, cell in enumerate(nb.cells)
        for out in cell.get("outputs", [])
        if "text/markdown" in out.get("data", {})
    ]
    assert outputs, f"{path.name}: no Markdown output"
    shown = [
        (i, pattern, md[:200])
        for i, md in outputs
        for pattern in RENDERED
        if re.search(pattern, markdown2html_mistune(md))
    ]
    assert not shown, f"{path.name}: manifest text rendered as Markdown/HTML: {shown}"
