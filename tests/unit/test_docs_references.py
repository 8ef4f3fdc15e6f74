"""Every project document the code, notebooks and READMEs cite exists in the repository."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CITED = re.compile(
    r"(?<![\w/.-])((?:docs|data/lexicons|data/annotations)/[\w./-]+\.(?:md|csv|toml))"
)


def _citing_files() -> list[Path]:
    files = [*ROOT.glob("analysis/**/*.py"), *ROOT.glob("notebooks/*.ipynb"), ROOT / "README.md"]
    files += [*ROOT.glob("data/**/*.md"), *ROOT.glob("docs/*.md")]
    return sorted(f for f in files if f.is_file())


def test_cited_documents_exist():
    missing = {
        f"{path.relative_to(ROOT)}: {cited}"
        for path in _citing_files()
        for cited in CITED.findall(path.read_text(encoding="utf-8"))
        if not (ROOT / cited.rstrip(".")).exists()
    }
    assert not missing, sorted(missing)


def test_methods_reference_is_cited_by_its_path():
    # the methods reference lives in docs/; a bare "METHODS.md" would point nowhere
    bare = [
        str(path.relative_to(ROOT))
        for path in _citing_files()
        if re.search(r"(?<!docs/)\bMETHODS\.md", path.read_text(encoding="utf-8"))
        and "framing-codebook" not in path.name
    ]
    assert (ROOT / "docs" / "METHODS.md").is_file()
    assert bare == []
