"""``--manifest`` on every command, before or after it, and DISCOURSE_MANIFEST."""

from __future__ import annotations

import os

import pytest

from analysis import cli, paths


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["--manifest", "a.toml", "report"], "a.toml"),
        (["report", "--manifest", "b.toml"], "b.toml"),
        (["--manifest", "a.toml", "check", "--manifest", "c.toml"], "c.toml"),
        (["figures"], None),
    ],
)
def test_manifest_option_before_or_after_the_command(argv, expected):
    assert cli.make_parser().parse_args(argv).manifest == expected


@pytest.mark.parametrize("command", ["corpus", "build", "figures", "check", "report"])
def test_every_command_accepts_manifest(command):
    args = cli.make_parser().parse_args([command, "--manifest", "x.toml"])
    assert args.manifest == "x.toml" and args.command == command


def test_main_puts_the_manifest_in_force_before_running(tmp_path, monkeypatch):
    seen = {}

    def fake(args):
        seen["manifest"], seen["reports"] = paths.MANIFEST, paths.REPORTS
        return 0

    monkeypatch.setattr(cli, "cmd_corpus", fake)
    manifest = tmp_path / "other" / "corpus.toml"
    manifest.parent.mkdir()
    manifest.write_text("version = 2\n")  # never read: the command is replaced
    # main() sets DISCOURSE_MANIFEST itself (for kernels), so the variable is restored by hand:
    # monkeypatch would restore the value main() set, leaking this manifest into later tests
    before = os.environ.get("DISCOURSE_MANIFEST")
    try:
        assert cli.main(["--manifest", str(manifest), "corpus"]) == 0
        assert seen == {"manifest": manifest, "reports": tmp_path / "other" / "reports"}
        os.environ["DISCOURSE_MANIFEST"] = str(manifest)
        seen.clear()
        assert cli.main(["corpus"]) == 0  # the variable chooses it when the option is absent
        assert seen["manifest"] == manifest
    finally:
        paths.use_manifest(paths.DEFAULT_MANIFEST)
        if before is None:
            os.environ.pop("DISCOURSE_MANIFEST", None)
        else:
            os.environ["DISCOURSE_MANIFEST"] = before
    assert paths.MANIFEST == paths.DEFAULT_MANIFEST


def test_shown_paths_are_relative_inside_the_project_only(tmp_path):
    assert cli.shown(paths.ROOT / "data" / "x.csv") == "data/x.csv"
    assert cli.shown(tmp_path / "x.csv") == str(tmp_path / "x.csv")


def test_a_missing_manifest_fails_before_any_output(tmp_path, capsys):
    missing = tmp_path / "nowhere" / "corpus.toml"
    try:
        assert cli.main(["--manifest", str(missing), "corpus"]) == 2
    finally:
        paths.use_manifest(paths.DEFAULT_MANIFEST)
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err == (
        f"discourse corpus: error: {missing}: no corpus manifest there; check --manifest or "
        "DISCOURSE_MANIFEST.\n"
    )
