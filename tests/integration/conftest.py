"""Scratch corpora for the integration tests.

- :func:`write_added_corpus`: the default three texts plus three pages added with
  ``discourse add`` exactly as a user would (an e-petition with its response, a paper petition
  with "Whereas" paragraphs and no response, a plain statement; ``tests/fixtures/pages/``):
  seven texts. The statement is titled with an apostrophe and double quotes, so every place
  that puts a label into a Vega expression, a Markdown cell or HTML is exercised with them.
- :func:`write_five_text_corpus`: the default three plus a second petition page's two texts,
  segmented with ``kind = "rules"`` rules written into the manifest (fast; for CLI tests).
- :data:`CHROMIUM`, :data:`BROWSER_MARKS` and the module-scoped ``browser`` fixture: the real
  browser (Debian's chromium, driven by Playwright) the browser tests share.
- :func:`audited_env`: the environment of a subprocess whose Python processes (the CLI and the
  notebook kernels it starts) log every network lookup and connection they attempt and refuse
  any that is not loopback (see test_offline.py).

The statement page is added with markup and template syntax in its text, title and speaker
(``MARKUP``): the shared report build carries them through every notebook, chart, table and the
index, and test_browser.py checks that they are shown as text and never run.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import paths

#: The real browser of the browser tests (Debian's chromium; .ci/run installs it).
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: The marks of a browser test module (``pytestmark = BROWSER_MARKS``).
BROWSER_MARKS = [
    pytest.mark.integration,
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium; "
        ".ci/run installs it)",
    ),
]


@pytest.fixture(scope="module")
def browser():
    """Chromium, launched once per test module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


#: The added page: a petition with four demands (ending ";", "; and", ".") and its response.
PAGE = """\
e-9001 (Education)

Petition to the Government of Canada

Whereas:
  • Schools in the region have been closed for many months;
  • Families on every side report that children cannot attend classes;
  • Teachers' associations have asked for help to reopen classrooms.
We, the undersigned, residents of Canada, call upon the Government of Canada to:
1. Fund the repair of damaged schools;
2. Support teacher training programs in the region; and
3. Report to Parliament each year on this assistance.
4. Encourage dialogue between the communities on education.

Response by the Minister of International Development

The Government of Canada supports access to education for all children in the region.

Canada will continue to fund humanitarian assistance, including education programs, through trusted partners.

Canada encourages dialogue between the parties and will report on its assistance through the usual channels.
"""

ADDED_TEXTS = {
    "e-9001-petition": 'Children\'s "Schools" petition (e-9001)',
    "e-9001-response": "Response to e-9001",
}

MANIFEST_ADDITION = """
# --- added for the integration tests: a second petition page -------------------------------

[[sources]]
id = "petition-e-9001"
file = "raw/petition-e-9001.txt"
sha256 = "{sha256}"
title = "Test petition page e-9001"
publisher = "test fixture"
origin = "written for the integration tests"
captured = "unknown"

[[documents]]
id = "e-9001-petition"
source = "petition-e-9001"
part = "petition"
title = "Petition e-9001"
speaker = "petitioners (test)"
date = "2025-01-15"
date_note = "test fixture"

[[documents]]
id = "e-9001-response"
source = "petition-e-9001"
part = "response"
title = "Government response to petition e-9001"
speaker = "Government of Canada (Minister of International Development)"
date = "2025-03-01"
date_note = "test fixture"

[[texts]]
id = "e-9001-petition"
label = '''Children's "Schools" petition (e-9001)'''
document = "e-9001-petition"
roles = ["petition_preamble", "petition_call", "petition_demand"]
genre = "petition"
name = "petition e-9001"

[[texts]]
id = "e-9001-response"
label = "Response to e-9001"
document = "e-9001-response"
roles = ["government_response"]
genre = "response"
name = "the response to e-9001"

[[segments]]
source = "petition-e-9001"
document = "e-9001-petition"
role = "boilerplate"
pattern = '^(?P<text>e-9001 \\(Education\\)|Petition to the Government of Canada|Whereas:)$'
expect = 3

[[segments]]
source = "petition-e-9001"
document = "e-9001-petition"
role = "petition_preamble"
pattern = '^  • (?P<text>[^\\n]+)$'
expect = 3

[[segments]]
source = "petition-e-9001"
document = "e-9001-petition"
role = "petition_call"
pattern = '^(?P<text>We, the undersigned[^\\n]+)$'
expect = 1

[[segments]]
source = "petition-e-9001"
document = "e-9001-petition"
role = "petition_demand"
pattern = '^\\d\\. (?P<text>[^\\n]+)$'
expect = 4

[[segments]]
source = "petition-e-9001"
document = "e-9001-response"
role = "boilerplate"
pattern = '^(?P<text>Response by the Minister of International Development)$'
expect = 1

[[segments]]
source = "petition-e-9001"
document = "e-9001-response"
role = "government_response"
pattern = '^(?P<text>(?:The Government|Canada) [^\\n]+)$'
expect = 3
"""


def write_five_text_corpus(folder: Path) -> Path:
    """Write ``folder/corpus.toml`` (the default manifest plus the added page) and its raw files.

    Returns:
        The manifest's path.
    """
    raw = folder / "raw"
    raw.mkdir(parents=True)
    for f in paths.RAW.iterdir():
        shutil.copy(f, raw / f.name)
        (raw / f.name).chmod(0o644)
    page = raw / "petition-e-9001.txt"
    page.write_bytes(PAGE.encode("utf-8"))
    sha = hashlib.sha256(page.read_bytes()).hexdigest()
    manifest = folder / "corpus.toml"
    manifest.write_text(
        paths.DEFAULT_MANIFEST.read_text(encoding="utf-8")
        + MANIFEST_ADDITION.replace("{sha256}", sha),
        encoding="utf-8",
    )
    return manifest


PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
#: Markup that must be shown as text wherever it appears: each string, found in a page's
#: visible text. Every script and handler calls ``alert`` (a browser dialog) and every image
#: names an ``xss-probe`` file (a request), so running any of it is seen.
STATEMENT_TITLE = 'Children\'s "Schools" statement <script>alert("xss-title")</script>'
STATEMENT_SPEAKER = (
    'a reading association <img src="xss-probe-speaker.png" onerror="alert(\'xss-speaker\')">'
)
MARKUP = (
    '<script>alert("xss-title")</script>',
    '<img src="xss-probe-speaker.png" onerror="alert(\'xss-speaker\')">',
    '<script>alert("xss-text-script")</script>',
    '<img src="xss-probe-text.png" onerror="alert(\'xss-text-img\')">',
    "<a href=\"javascript:alert('xss-text-a')\">a reading list</a>",
    "[the catalogue](javascript:alert('xss-text-md'))",
    "{{ reading_list }}",
    "{% if volunteers %}thanks{% endif %}",
    "**bold** _words_",
)
#: The pages ``write_added_corpus`` adds, with the extra ``discourse add`` options for each.
#: The statement (statement-plain.txt with a sentence of markup) keeps the id statement-plain.
ADDED_PAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("e-petition-with-response.txt", ()),
    ("paper-petition-whereas.txt", ()),
    (
        "statement-markup.txt",
        ("--id", "statement-plain", "--title", STATEMENT_TITLE, "--speaker", STATEMENT_SPEAKER),
    ),
)
#: Text id -> label of the texts those pages add (read off the pages by the parser).
ADDED_LABELS = {
    "e-9901": "Petition e-9901 (2025)",
    "e-9901-response": "Response to e-9901 (2025)",
    "451-00777": "Petition 451-00777 (2025)",
    "statement-plain": STATEMENT_TITLE,
}

#: Installed as ``sitecustomize`` in every Python process of an audited run (the variable
#: DISCOURSE_NET_LOG names the log): one JSON line per process start and per network lookup
#: or connection, which is refused unless it is loopback or a Unix socket.
AUDIT_HOOK = """\
import ipaddress, json, os, socket, sys

_LOG = os.environ.get("DISCOURSE_NET_LOG")
_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}


def _local(host):
    if host is None or host == "":
        return True  # a passive (wildcard) lookup: no remote host
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    host = str(host).split("%", 1)[0]
    if host.lower() in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _write(record):
    with open(_LOG, "a", encoding="utf-8") as f:
        f.write(json.dumps(record) + "\\n")


def _hook(event, args):
    if event == "socket.connect" or event == "socket.sendto":
        sock, address = args[0], args[1]
        if getattr(sock, "family", None) == getattr(socket, "AF_UNIX", None):
            host, local = str(address), True
        else:
            host = address[0] if isinstance(address, tuple) else address
            local = _local(host)
    elif event == "socket.getaddrinfo":
        host, local = args[0], _local(args[0])
    elif event in ("socket.gethostbyname", "socket.gethostbyname_ex", "socket.gethostbyaddr"):
        host, local = args[0], _local(args[0])
    else:
        return
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    _write({"event": event, "host": str(host), "local": local, "pid": os.getpid()})
    if not local:
        raise PermissionError(f"offline run: network access to {host!r} refused ({event})")


if _LOG:
    _write({"event": "start", "argv": sys.orig_argv, "pid": os.getpid()})
    sys.addaudithook(_hook)
"""


def audited_env(root: Path) -> dict[str, str]:
    """The environment of a subprocess run on project ``root`` with the network audited.

    Writes the hook beside ``root`` (``<root>-audit/sitecustomize.py``, first on PYTHONPATH so
    the CLI and every kernel it starts load it); the log is ``<root>-audit/net.log``.
    """
    folder = audit_folder(root)
    folder.mkdir(exist_ok=True)
    (folder / "sitecustomize.py").write_text(AUDIT_HOOK, encoding="utf-8")
    return {
        **os.environ,
        "DISCOURSE_ROOT": str(root),
        "PYTHONPATH": f"{folder}{os.pathsep}{paths.ROOT}",
        "DISCOURSE_NET_LOG": str(folder / "net.log"),
    }


def audit_folder(root: Path) -> Path:
    """Where :func:`audited_env` keeps the hook and its log for project ``root``."""
    return root.with_name(f"{root.name}-audit")


def write_added_corpus(root: Path, folder: Path) -> tuple[Path, list[str]]:
    """Copy the default corpus to ``folder`` and ``discourse add`` the three fixture pages.

    Args:
        root: the scratch project (``DISCOURSE_ROOT``) the command runs in.
        folder: where the corpus directory (``corpus.toml``, ``raw/``) is written.

    Returns:
        The manifest's path and what each ``discourse add`` printed on stdout.
    """
    (folder / "raw").mkdir(parents=True)
    for f in paths.RAW.iterdir():
        shutil.copy(f, folder / "raw" / f.name)
        (folder / "raw" / f.name).chmod(0o644)
    manifest = folder / "corpus.toml"
    manifest.write_text(paths.DEFAULT_MANIFEST.read_text(encoding="utf-8"), encoding="utf-8")
    printed = []
    for page, extra in ADDED_PAGES:
        out = subprocess.run(
            [sys.executable, "-m", "analysis.cli", "--manifest", str(manifest), "add"]
            + [str(PAGES / page), *extra],
            cwd=root,
            env=audited_env(root),
            capture_output=True,
            text=True,
            timeout=600,
        )
        if out.returncode != 0:
            raise AssertionError(f"discourse add {page} failed: {out.stderr[-2000:]}")
        printed.append(out.stdout)
    return manifest, printed
