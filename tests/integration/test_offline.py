"""Integration: the CLI and the notebook kernels it starts never reach past loopback.

Two checks:

- The shared report build (test_notebooks.py: ``discourse add`` three times, then ``discourse
  report`` on seven texts, which builds data and figures and executes every notebook in a
  kernel) runs with an audit hook in every Python process (``audited_env`` in conftest.py). The
  hook logs each lookup and connection and refuses any that is not loopback or a Unix socket;
  the log must show the CLI and one kernel per notebook, and no refused attempt.
- Where network namespaces are permitted (root, as in CI containers), ``discourse build`` and a
  notebook run in a namespace whose only interface is loopback.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import paths
from integration.conftest import audit_folder, audited_env
from integration.test_notebooks import NOTEBOOKS, ReportBuild, report_build

pytestmark = pytest.mark.integration


@pytest.fixture(scope="session")
def reports_build(tmp_path_factory) -> ReportBuild:
    """The reports `discourse report` built (shared with test_notebooks.py: executed once)."""
    return report_build(tmp_path_factory)


def read_log(root: Path) -> list[dict]:
    log = audit_folder(root) / "net.log"
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def refused(records: list[dict]) -> list[dict]:
    return [r for r in records if r["event"] != "start" and not r["local"]]


PROBE = """
import socket
seen = []
for family, address in [
    (socket.AF_INET, ("192.0.2.1", 9)),  # TEST-NET-1: documentation range, never routed
    (socket.AF_INET, ("127.0.0.1", 9)),
    (socket.AF_UNIX, "/nonexistent/discourse-probe.sock"),
]:
    s = socket.socket(family, socket.SOCK_STREAM)
    s.settimeout(2)
    try:
        s.connect(address)
        seen.append("connected")
    except PermissionError:
        seen.append("refused")
    except OSError:
        seen.append("failed")  # allowed through, but nothing listens there
    finally:
        s.close()
for host in ["example.org", "localhost"]:
    try:
        socket.getaddrinfo(host, 80)
        seen.append("resolved")
    except PermissionError:
        seen.append("refused")
    except OSError:
        seen.append("failed")
print(",".join(seen))
"""


def test_the_audit_hook_refuses_and_logs_what_leaves_loopback(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=audited_env(root),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "refused,failed,failed,refused,resolved"
    log = read_log(root)
    assert log[0]["event"] == "start" and log[0]["argv"][:2] == [sys.executable, "-c"]
    assert [(r["event"], r["host"], r["local"]) for r in log[1:]] == [
        ("socket.connect", "192.0.2.1", False),
        ("socket.connect", "127.0.0.1", True),
        ("socket.connect", "/nonexistent/discourse-probe.sock", True),
        ("socket.getaddrinfo", "example.org", False),
        ("socket.getaddrinfo", "localhost", True),
    ]
    assert [r["host"] for r in refused(log)] == ["192.0.2.1", "example.org"]


def test_report_build_and_its_kernels_attempt_no_network(reports_build):
    assert reports_build.returncode == 0, reports_build.failure()
    log = read_log(reports_build.root)
    starts = [" ".join(r["argv"]) for r in log if r["event"] == "start"]
    # The hook was in force: in each `discourse add`, in `discourse report` and in the kernels.
    assert sum("analysis.cli" in s and " add " in f"{s} " for s in starts) == 3, starts
    assert sum("analysis.cli" in s and s.endswith(" report") for s in starts) == 1, starts
    kernels = [s for s in starts if "ipykernel_launcher" in s]
    assert len(kernels) >= len(NOTEBOOKS), starts
    assert refused(log) == [], f"network access outside loopback was attempted: {refused(log)}"


def _namespace_prefix() -> list[str] | None:
    """``unshare -n`` with loopback up, or None where that is not permitted here."""
    unshare, ip = shutil.which("unshare"), shutil.which("ip") or "/usr/sbin/ip"
    if unshare is None or not Path(ip).exists():
        return None
    probe = subprocess.run(
        [unshare, "-n", ip, "link", "set", "lo", "up"], capture_output=True, timeout=30
    )
    if probe.returncode != 0:
        return None
    return [unshare, "-n", "sh", "-c", f'{ip} link set lo up && exec "$@"', "sh"]


@pytest.mark.skipif(
    _namespace_prefix() is None,
    reason="network namespaces are not permitted here (needs root or user namespaces, "
    "`unshare` from util-linux and `ip` from iproute2)",
)
def test_build_and_a_notebook_run_with_only_loopback(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(paths.DATA, root / "data", ignore=shutil.ignore_patterns("processed"))
    shutil.copytree(paths.NOTEBOOKS, root / "notebooks", ignore=shutil.ignore_patterns(".*"))
    env = audited_env(root)
    prefix = _namespace_prefix()
    # Inside the namespace there is no route anywhere: a connection could only fail.
    interfaces = subprocess.run(
        [*prefix, "cat", "/proc/net/dev"], capture_output=True, text=True, timeout=30
    )
    names = [line.split(":")[0].strip() for line in interfaces.stdout.splitlines()[2:]]
    assert names == ["lo"], interfaces.stdout
    notebook = root / "notebooks" / NOTEBOOKS[0].name
    for argv in (
        [sys.executable, "-m", "analysis.cli", "build"],
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from analysis import report; "
            "report.execute_notebook(Path(sys.argv[1]))",
            str(notebook),
        ],
    ):
        out = subprocess.run(
            [*prefix, *argv],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            timeout=1800,
        )
        assert out.returncode == 0, "\n".join(out.stderr.splitlines()[-15:])
    assert (root / "data" / "processed" / "tokens.parquet").is_file()
    log = read_log(root)
    assert any("ipykernel_launcher" in " ".join(r["argv"]) for r in log if r["event"] == "start")
    assert refused(log) == []
    assert os.environ.get("DISCOURSE_NET_LOG") is None  # the hook stayed in the subprocesses
