"""``CITATION.cff``: the Citation File Format keys are there and agree with pyproject.toml."""

from __future__ import annotations

import re
import tomllib

from analysis import paths
from analysis.report import index


def test_citation_file_has_the_required_keys_and_the_package_version():
    meta = index.citation(paths.ROOT / "CITATION.cff")
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert meta["cff-version"] == "1.2.0"
    assert meta["version"] == project["project"]["version"]
    assert meta["license"] == project["project"]["license"] == "MIT"
    assert meta["authors"] == ["Discourse analysis suite maintainers"]
    assert meta["title"].startswith("discourse-analysis")
    assert meta["message"]
    text = (paths.ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert "doi" not in text.lower()  # no invented identifiers
    assert not re.search(r"^date-released:", text, re.M)


def test_citation_parser_reads_scalars_lists_and_folded_text(tmp_path):
    cff = tmp_path / "CITATION.cff"
    cff.write_text(
        "# comment\ncff-version: 1.2.0\ntitle: \"A: title\"\nversion: '2.0'\n"
        'authors:\n  - name: "First"\n  - family-names: Second\n    given-names: Ann\n'
        "abstract: >-\n  two\n  lines\nkeywords:\n  - one\n"
    )
    meta = index.citation(cff)
    assert meta == {
        "cff-version": "1.2.0",
        "title": "A: title",
        "version": "2.0",
        "authors": ["First", "Ann Second"],
        "abstract": "two lines",
        "keywords": ["one"],
    }
    assert index.citation(tmp_path / "none.cff") == {}
