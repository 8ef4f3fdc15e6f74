"""Offline language data for NLTK and textstat, built from PyPI packages; never downloaded.

NLTK looks for data only under ``nltk.data.path`` (its path guard refuses other files), and
textstat 0.7 asks NLTK's downloader for ``cmudict`` when the CMU dictionary is not found. This
module builds a private NLTK data directory (``.cache/nltk_data/v-<fingerprint>``) from data
that installed packages ship, registers it on ``nltk.data.path``, and replaces ``nltk.download``
with a function that raises, so nothing in the suite can reach the network:

- ``corpora/cmudict/cmudict``: from the ``cmudict`` package (converted to NLTK's format);
- ``sentiment/vader_lexicon.zip``: ``vader_lexicon.txt`` from the ``vaderSentiment`` package.

Call :func:`ensure_nltk_data` (idempotent, cheap after the first build, safe to call from many
processes at once) before using VADER or textstat; :func:`vader_analyzer` and
:func:`textstat_module` do it for you.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import shutil
import uuid
import zipfile
from pathlib import Path

import nltk

from analysis import paths
from analysis.io import DiscourseError

VADER_RESOURCE = "sentiment/vader_lexicon.zip/vader_lexicon/vader_lexicon.txt"
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _package_file(package: str, relative: str) -> Path:
    dist = importlib.metadata.distribution(package)
    for f in dist.files or ():
        if str(f).replace("\\", "/").endswith(relative):
            return Path(dist.locate_file(f))
    raise DiscourseError(
        f"package {package!r} does not ship {relative!r}; reinstall it from the lock file "
        f"(make install)."
    )


def _sources() -> dict[str, Path]:
    return {
        "cmudict": _package_file("cmudict", "cmudict/data/cmudict.dict"),
        "vader": _package_file("vaderSentiment", "vaderSentiment/vader_lexicon.txt"),
    }


def _fingerprint(sources: dict[str, Path]) -> dict[str, str]:
    return {k: hashlib.sha256(p.read_bytes()).hexdigest() for k, p in sorted(sources.items())}


def cmudict_to_nltk(lines: list[str]) -> list[str]:
    """Convert the ``cmudict`` package's format to NLTK's ``WORD VARIANT PHONES`` lines.

    ``abandon AH0 B AE1 N D AH0 N`` becomes ``ABANDON 1 AH0 B AE1 N D AH0 N``, and the
    alternative ``abandon(2) ...`` becomes ``ABANDON 2 ...``; trailing ``# comments`` go.
    """
    out = []
    for line in lines:
        body = line.split("#", 1)[0].strip()
        if not body:
            continue
        word, *phones = body.split()
        variant = 1
        if word.endswith(")") and "(" in word:
            word, _, num = word[:-1].rpartition("(")
            variant = int(num)
        out.append(f"{word.upper()} {variant} {' '.join(phones)}")
    return out


def _build(target: Path, sources: dict[str, Path]) -> None:
    cmu = target / "corpora" / "cmudict"
    cmu.mkdir(parents=True)
    lines = sources["cmudict"].read_text(encoding="utf-8").splitlines()
    (cmu / "cmudict").write_text("\n".join(cmudict_to_nltk(lines)) + "\n", encoding="utf-8")
    sentiment = target / "sentiment"
    sentiment.mkdir(parents=True)
    info = zipfile.ZipInfo("vader_lexicon/vader_lexicon.txt", date_time=_FIXED_ZIP_TIME)
    with zipfile.ZipFile(sentiment / "vader_lexicon.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(info, sources["vader"].read_bytes())


def _refuse_download(*args, **kwargs):
    raise DiscourseError(
        "nltk.download was called, but the suite runs offline: its NLTK data is built from PyPI "
        "packages by analysis.resources. Add the missing resource there instead."
    )


def forbid_downloads() -> None:
    """Make any ``nltk.download`` call raise instead of touching the network."""
    nltk.download = _refuse_download
    nltk.downloader.download = _refuse_download


def ensure_nltk_data(target: Path | None = None) -> Path:
    """Build (if needed) and register the suite's offline NLTK data directory.

    The data live in a versioned subdirectory ``target/<fingerprint>``, named after the
    SHA-256 of the package files they are built from. A build goes into a private temporary
    directory beside it that is then renamed onto that name in one step, so concurrent first
    calls (parallel workers, notebook kernels) never see a half-built or half-deleted tree: the
    first rename wins and the others drop their own copy and use the winner's. A complete
    version is never deleted or rewritten. Directories get the usual permissions (umask).

    Args:
        target: the parent of the versioned directories; defaults to ``.cache/nltk_data``.

    Returns:
        The versioned directory, now first on ``nltk.data.path``.
    """
    target = Path(target) if target is not None else paths.NLTK_DATA
    sources = _sources()
    want = _fingerprint(sources)
    version = target / _version_name(want)
    if not (version / "BUILD.json").is_file():
        target.mkdir(parents=True, exist_ok=True)
        # A unique name made with mkdir (not mkdtemp, which is 0700) so the umask applies.
        tmp = target / f".build-{os.getpid()}-{uuid.uuid4().hex}"
        tmp.mkdir()
        try:
            _build(tmp, sources)
            (tmp / "BUILD.json").write_text(json.dumps(want, indent=1, sort_keys=True))
            try:
                os.rename(tmp, version)  # atomic; fails if another process got there first
            except OSError:
                if not (version / "BUILD.json").is_file():
                    raise
        finally:
            if tmp.exists():
                shutil.rmtree(tmp)  # only ever our own unpublished copy
    # First on the path, so the directory just ensured is the one NLTK reads.
    if str(version) in nltk.data.path:
        nltk.data.path.remove(str(version))
    nltk.data.path.insert(0, str(version))
    forbid_downloads()
    return version


def _version_name(fingerprint: dict[str, str]) -> str:
    """The versioned directory's name: a short hash of the source files' hashes."""
    joined = json.dumps(fingerprint, sort_keys=True).encode("utf-8")
    return "v-" + hashlib.sha256(joined).hexdigest()[:16]


def vader_analyzer():
    """NLTK's VADER analyser with its lexicon loaded from the offline data directory."""
    ensure_nltk_data()
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer(lexicon_file=VADER_RESOURCE)


def textstat_module():
    """The ``textstat`` module, set to English, with its CMU dictionary available offline."""
    ensure_nltk_data()
    import textstat

    textstat.set_lang("en_US")
    return textstat


def stopwords() -> frozenset[str]:
    """The suite's English stop-word list (``data/lexicons/stopwords-en.txt``), lower case."""
    path = paths.LEXICONS / "stopwords-en.txt"
    if not path.is_file():
        raise DiscourseError(f"{path}: stop-word list missing; restore it from git.")
    words = [
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return frozenset(words)
