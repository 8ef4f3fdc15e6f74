"""``discourse --version`` and a description paragraph in every subcommand's ``--help``."""

from __future__ import annotations

import argparse
import re
import tomllib

import pytest

from analysis import cli, paths


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = cli.make_parser()
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


def help_of(argv: list[str], capsys) -> str:
    with pytest.raises(SystemExit) as stop:
        cli.main(argv)
    assert stop.value.code == 0
    return capsys.readouterr().out


def description_paragraph(help_text: str) -> str:
    """The text between the usage lines and the first argument section of a --help page."""
    body = help_text.split("\n\n", 1)[1] if "\n\n" in help_text else ""
    return re.split(r"^(?:options|positional arguments):$", body, maxsplit=1, flags=re.M)[0]


def test_version_is_the_project_version(capsys):
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    out = help_of(["--version"], capsys)
    assert out == f"discourse {project['project']['version']}\n"


def test_there_are_the_known_subcommands():
    assert {"corpus", "build", "figures", "check", "report", "add", "remove"} <= set(subcommands())


@pytest.mark.parametrize("name", sorted(subcommands()))
def test_every_subcommand_help_has_a_description(name, capsys):
    sub = subcommands()[name]
    assert sub.description, f"`discourse {name}` has no description"
    out = help_of([name, "--help"], capsys)
    assert out.startswith(f"usage: discourse {name} ")
    paragraph = " ".join(description_paragraph(out).split())
    # argparse wraps lines (also after hyphens): compare without the whitespace
    assert "".join(paragraph.split()) == "".join(sub.description.split())
    # A paragraph, not the one-line summary again: at least one full sentence, ending in "."
    assert len(paragraph.split()) >= 12 and paragraph.endswith("."), paragraph


def test_description_paragraph_is_read_off_the_help_page():
    page = "usage: discourse x [-h]\n\nDoes x to\nthe corpus.\n\noptions:\n  -h, --help  help\n"
    assert " ".join(description_paragraph(page).split()) == "Does x to the corpus."
    assert description_paragraph("usage: discourse x [-h]\n\noptions:\n  -h\n").strip() == ""
