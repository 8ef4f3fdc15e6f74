"""Every path the suite reads or writes, in one place.

The repository root is found from this file's location, so the package works from any
working directory. Set ``DISCOURSE_ROOT`` to point the suite at another checkout (the tests
use it to run the command line against a scratch copy).
"""

from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    """Return the repository root (``DISCOURSE_ROOT`` if set, else this checkout)."""
    env = os.environ.get("DISCOURSE_ROOT")
    if env:
        return Path(env).resolve()
    return Path(__file__).resolve().parent.parent


ROOT = project_root()
DATA = ROOT / "data"
RAW = DATA / "raw"
MANIFEST = DATA / "corpus.toml"
LEXICONS = DATA / "lexicons"
ANNOTATIONS = DATA / "annotations"
PROCESSED = DATA / "processed"
FIGURES = ROOT / "figures"
REPORTS = ROOT / "reports"
NOTEBOOKS = ROOT / "notebooks"
# Built from PyPI packages by analysis.resources; never downloaded.
NLTK_DATA = ROOT / ".cache" / "nltk_data"
