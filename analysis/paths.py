"""Every path the suite reads or writes, in one place.

The repository root is found from this file's location, so the package works from any
working directory. Set ``DISCOURSE_ROOT`` to point the suite at another checkout (the tests
use it to run the command line against a scratch copy).

The corpus manifest is ``data/corpus.toml`` unless ``DISCOURSE_MANIFEST`` names another one
(or :func:`use_manifest` is called, as ``discourse --manifest PATH`` and the notebooks'
``parameters`` cell do). Another manifest is a *corpus directory*: its raw files are named
relative to it, and what the suite builds from it (``processed/``, ``figures/``, ``reports/``)
is written beside it, so the default corpus's committed outputs are never overwritten.
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
DEFAULT_MANIFEST = DATA / "corpus.toml"
LEXICONS = DATA / "lexicons"
ANNOTATIONS = DATA / "annotations"
# Coders' imported coding sheets (`discourse code import`), one file per scheme and coder.
CODERS = ANNOTATIONS / "coders"
NOTEBOOKS = ROOT / "notebooks"
# Built from PyPI packages by analysis.resources; never downloaded.
NLTK_DATA = ROOT / ".cache" / "nltk_data"

# Set by use_manifest() below: the manifest in force and where its outputs go.
MANIFEST: Path
PROCESSED: Path
FIGURES: Path
REPORTS: Path


def use_manifest(manifest: str | os.PathLike | None = None) -> Path:
    """Make ``manifest`` the corpus in force for this process; return its resolved path.

    ``None`` means ``DISCOURSE_MANIFEST`` if set, else ``data/corpus.toml``. For any manifest
    but the default, processed data, figures and reports go beside it (``processed/``,
    ``figures/``, ``reports/`` in the manifest's folder). The variable is set too, so notebook
    kernels started from this process read the same corpus.
    """
    global MANIFEST, PROCESSED, FIGURES, REPORTS
    if manifest is None:
        manifest = os.environ.get("DISCOURSE_MANIFEST") or DEFAULT_MANIFEST
    MANIFEST = Path(manifest).expanduser().resolve()
    if MANIFEST == DEFAULT_MANIFEST.resolve():
        MANIFEST = DEFAULT_MANIFEST
        PROCESSED, FIGURES, REPORTS = DATA / "processed", ROOT / "figures", ROOT / "reports"
        os.environ.pop("DISCOURSE_MANIFEST", None)
    else:
        folder = MANIFEST.parent
        PROCESSED, FIGURES, REPORTS = folder / "processed", folder / "figures", folder / "reports"
        os.environ["DISCOURSE_MANIFEST"] = str(MANIFEST)
    return MANIFEST


def is_default_manifest() -> bool:
    """True when the project's own ``data/corpus.toml`` is the corpus in force."""
    return MANIFEST == DEFAULT_MANIFEST


use_manifest()
