"""Print the HTML reports to PDF with headless Chromium (``discourse report --pdf``).

Chromium is called directly (``--headless --print-to-pdf``), so printing needs no Python
package beyond the standard library, only a Chromium binary: the one named by the environment
variable ``DISCOURSE_CHROMIUM``, else ``chromium`` / ``chromium-browser`` / ``google-chrome`` on
the ``PATH``. Where none is found, :func:`find_chromium` raises one line naming the fix.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from analysis.io import DiscourseError, write_atomic

#: The environment variable naming the Chromium binary to print with.
CHROMIUM_ENV = "DISCOURSE_CHROMIUM"
#: Binaries tried on the PATH, in order, when the variable is not set.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
#: Milliseconds of page time Chromium lets the charts' scripts run before printing.
SCRIPT_BUDGET_MS = 15_000
#: Seconds a single page may take before printing is given up.
TIMEOUT_S = 300


def find_chromium() -> Path:
    """The Chromium binary to print with.

    Raises:
        DiscourseError: ``DISCOURSE_CHROMIUM`` names no executable file, or no Chromium is on
            the PATH.
    """
    named = os.environ.get(CHROMIUM_ENV, "").strip()
    if named:
        found = shutil.which(named)
        if found is None:
            raise DiscourseError(
                f"{CHROMIUM_ENV}={named}: no such executable; set {CHROMIUM_ENV} to the path of "
                "a Chromium binary, or unset it to use chromium on the PATH."
            )
        return Path(found)
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found is not None:
            return Path(found)
    raise DiscourseError(
        "report --pdf: no Chromium found (tried "
        + ", ".join(CHROMIUM_NAMES)
        + f" on the PATH); install chromium (apt-get install chromium) or set {CHROMIUM_ENV} "
        "to a Chromium binary."
    )


def chromium_command(
    chromium: Path, page: Path, out: Path, profile: Path | None = None
) -> list[str]:
    """The command line that prints ``page`` to ``out`` (no header/footer, scripts run).

    ``profile`` is a throw-away user-data directory, so no user's browser profile is touched.
    """
    return [
        str(chromium),
        *([f"--user-data-dir={profile}"] if profile is not None else []),
        "--headless",
        "--no-sandbox",  # containers and CI run as root, where the sandbox cannot start
        "--disable-gpu",
        "--no-first-run",
        "--no-pdf-header-footer",
        f"--virtual-time-budget={SCRIPT_BUDGET_MS}",
        f"--print-to-pdf={out}",
        page.resolve().as_uri(),
    ]


def print_pdf(page: Path, out: Path, *, chromium: Path | None = None) -> Path:
    """Print one HTML page to a PDF file, written atomically.

    Args:
        page: the HTML file (opened as a ``file://`` URL, so relative links resolve).
        out: the PDF to write.
        chromium: the binary (default: :func:`find_chromium`).

    Raises:
        DiscourseError: Chromium failed or wrote no PDF.
    """
    chromium = find_chromium() if chromium is None else chromium
    with tempfile.TemporaryDirectory(prefix="discourse-pdf-") as tmp:
        target = Path(tmp) / "page.pdf"
        env = {**os.environ, "HOME": tmp}  # Chromium's profile and crash files stay in tmp
        try:
            done = subprocess.run(
                chromium_command(chromium, page, target, Path(tmp) / "profile"),
                capture_output=True,
                text=True,
                timeout=TIMEOUT_S,
                env=env,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise DiscourseError(f"{page}: printing to PDF failed ({exc}).") from exc
        data = target.read_bytes() if target.exists() else b""
        if done.returncode != 0 or not data.startswith(b"%PDF"):
            last = (done.stderr.strip().splitlines() or ["no message"])[-1]
            raise DiscourseError(
                f"{page}: {chromium} wrote no PDF (exit {done.returncode}: {last}); check that "
                f"it runs headless, or set {CHROMIUM_ENV} to another Chromium."
            )
    return write_atomic(out, data)


def print_reports(
    pages: Sequence[Path],
    *,
    chromium: Path | None = None,
    progress: Callable[[str], None] = lambda message: None,
) -> list[Path]:
    """Print each HTML page to a PDF beside it (``NN-name.html`` -> ``NN-name.pdf``)."""
    chromium = find_chromium() if chromium is None else chromium
    written = []
    for page in pages:
        out = print_pdf(page, page.with_suffix(".pdf"), chromium=chromium)
        progress(f"report: wrote {out.name} ({out.stat().st_size // 1024} KB)")
        written.append(out)
    return written
