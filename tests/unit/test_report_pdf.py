"""``discourse report --pdf``: finding Chromium, the message without it, printing via a stub."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from analysis import cli
from analysis.io import DiscourseError
from analysis.report import pdf


def no_chromium(monkeypatch):
    monkeypatch.delenv(pdf.CHROMIUM_ENV, raising=False)
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)


def stub_chromium(folder: Path, body: str) -> Path:
    """A shell script standing in for Chromium: ``body`` runs with the arguments in "$@"."""
    path = folder / "fake-chromium"
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


# Writes a minimal PDF to the path given by --print-to-pdf=...
WRITES_PDF = 'for a in "$@"; do case "$a" in --print-to-pdf=*) printf "%%PDF-1.4 stub" > "${a#--print-to-pdf=}";; esac; done'


def test_without_chromium_the_message_is_one_line_naming_the_fix(monkeypatch):
    no_chromium(monkeypatch)
    with pytest.raises(DiscourseError) as info:
        pdf.find_chromium()
    message = str(info.value)
    assert "\n" not in message
    assert "no Chromium found" in message
    assert "install chromium" in message and "DISCOURSE_CHROMIUM" in message


def test_an_env_var_naming_nothing_is_reported(monkeypatch, tmp_path):
    monkeypatch.setenv(pdf.CHROMIUM_ENV, str(tmp_path / "missing"))
    with pytest.raises(DiscourseError, match=r"DISCOURSE_CHROMIUM=.*missing: no such executable"):
        pdf.find_chromium()


def test_the_env_var_wins_over_the_path(monkeypatch, tmp_path):
    binary = stub_chromium(tmp_path, "exit 0")
    monkeypatch.setenv(pdf.CHROMIUM_ENV, str(binary))
    monkeypatch.setattr(pdf.shutil, "which", lambda name: str(binary) if "/" in name else "/x/c")
    assert pdf.find_chromium() == binary


def test_path_lookup_tries_the_known_names_in_order(monkeypatch):
    monkeypatch.delenv(pdf.CHROMIUM_ENV, raising=False)
    asked: list[str] = []

    def which(name):
        asked.append(name)
        return "/opt/bin/chromium-browser" if name == "chromium-browser" else None

    monkeypatch.setattr(pdf.shutil, "which", which)
    assert pdf.find_chromium() == Path("/opt/bin/chromium-browser")
    assert asked == ["chromium", "chromium-browser"]


def test_report_pdf_fails_before_building_anything(monkeypatch, capsys):
    no_chromium(monkeypatch)

    def must_not_build(args):
        raise AssertionError("built before checking for Chromium")

    monkeypatch.setattr(cli, "cmd_build", must_not_build)
    assert cli.main(["report", "--pdf"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("discourse report: error: report --pdf: no Chromium found")
    assert len(err.splitlines()) == 1


def test_the_command_line_prints_headless_to_the_target(tmp_path):
    page = tmp_path / "01 page.html"
    out = tmp_path / "01.pdf"
    command = pdf.chromium_command(Path("/usr/bin/chromium"), page, out)
    assert command[0] == "/usr/bin/chromium"
    assert "--headless" in command and "--no-pdf-header-footer" in command
    assert f"--print-to-pdf={out}" in command
    assert command[-1] == page.resolve().as_uri() and "%20" in command[-1]
    assert not any(c.startswith("--user-data-dir") for c in command)
    profiled = pdf.chromium_command(Path("/usr/bin/chromium"), page, out, tmp_path / "p")
    assert profiled[1] == f"--user-data-dir={tmp_path / 'p'}" and profiled[2:] == command[1:]


def test_print_reports_writes_a_pdf_beside_each_page(tmp_path):
    binary = stub_chromium(tmp_path, WRITES_PDF)
    pages = []
    for name in ("00-a.html", "01-b.html"):
        (tmp_path / name).write_text("<p>x</p>")
        pages.append(tmp_path / name)
    lines: list[str] = []
    written = pdf.print_reports(pages, chromium=binary, progress=lines.append)
    assert [p.name for p in written] == ["00-a.pdf", "01-b.pdf"]
    assert all(p.read_bytes() == b"%PDF-1.4 stub" for p in written)
    assert lines == ["report: wrote 00-a.pdf (0 KB)", "report: wrote 01-b.pdf (0 KB)"]


def test_a_chromium_that_writes_nothing_is_an_error(tmp_path):
    binary = stub_chromium(tmp_path, "echo 'cannot open display' >&2; exit 3")
    page = tmp_path / "00-a.html"
    page.write_text("<p>x</p>")
    with pytest.raises(DiscourseError) as info:
        pdf.print_pdf(page, tmp_path / "00-a.pdf", chromium=binary)
    assert "wrote no PDF (exit 3: cannot open display)" in str(info.value)
    assert not (tmp_path / "00-a.pdf").exists()


@pytest.mark.parametrize("flag", [True, False])
def test_report_command_prints_into_the_generation_and_drops_stale_pdfs(
    monkeypatch, tmp_path, flag
):
    from analysis import paths, report

    binary = stub_chromium(tmp_path, WRITES_PDF)
    monkeypatch.setenv(pdf.CHROMIUM_ENV, str(binary))
    staging = tmp_path / "staging"
    staging.mkdir()
    for name in ("00-a.pdf", "07-gone.pdf", "notes.pdf"):
        (staging / name).write_bytes(b"%PDF old")
    monkeypatch.setattr(cli, "cmd_build", lambda args: 0)
    monkeypatch.setattr(cli, "write_figures", lambda force=False: [])
    indexed: list[bool] = []
    monkeypatch.setattr(report, "write_index", lambda *a, **k: indexed.append(k["pdfs"]))
    monkeypatch.setattr(paths, "REPORTS", tmp_path / "reports")

    def build_reports(out_dir, *, progress, finish):
        done = [report.Report("00-a", "00 · A", out_dir / "00-a.html", 0)]
        (staging / "00-a.html").write_text("<p>a</p>")
        finish(done, staging)
        return done

    monkeypatch.setattr(report, "build_reports", build_reports)
    assert cli.main(["report", "--pdf"] if flag else ["report"]) == 0
    assert indexed == [flag]  # the index links the PDFs only when they are printed
    left = sorted(p.name for p in staging.glob("*.pdf"))
    if flag:
        assert left == ["00-a.pdf", "notes.pdf"]
        assert (staging / "00-a.pdf").read_bytes() == b"%PDF-1.4 stub"
    else:  # an older generation's PDF would not match the new page
        assert left == ["notes.pdf"]
