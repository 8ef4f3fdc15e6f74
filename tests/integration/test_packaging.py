"""Packaging: pyproject, the lock file and environment.yml name the same packages and versions."""

from __future__ import annotations

import re
import tomllib

from analysis import paths


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pyproject():
    return tomllib.loads((paths.ROOT / "pyproject.toml").read_text())


def _lock() -> dict[str, str]:
    pins = {}
    for line in (paths.ROOT / "requirements.lock").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[_norm(name)] = version
    return pins


def _environment() -> dict[str, str]:
    """Package -> version from environment.yml (conda `=` and pip `==` pins)."""
    pins = {}
    for line in (paths.ROOT / "environment.yml").read_text().splitlines():
        m = re.match(r"^\s+- ([A-Za-z0-9_.-]+)(?:==?([^\s#]+))?\s*$", line)
        if m and m.group(1) not in ("python", "pip", "conda-forge"):
            pins[_norm(m.group(1))] = m.group(2)
    return pins


def _declared() -> set[str]:
    project = _pyproject()["project"]
    names = list(project["dependencies"]) + list(project["optional-dependencies"]["dev"])
    return {_norm(re.split(r"[<>=!~ \[]", n)[0]) for n in names}


def test_environment_yml_names_the_same_packages_as_pyproject():
    assert set(_environment()) == _declared()


def test_every_declared_package_is_pinned_in_the_lock_with_the_same_version_as_conda():
    lock, env = _lock(), _environment()
    for name in _declared():
        assert name in lock, f"{name} missing from requirements.lock"
        assert env[name] == lock[name], f"{name}: environment.yml {env[name]} vs lock {lock[name]}"


def test_lock_pins_exact_versions_only():
    for name, version in _lock().items():
        assert re.fullmatch(r"[0-9][0-9A-Za-z.+!-]*", version), f"{name}=={version} is not exact"


def test_console_script_and_python_requirement():
    project = _pyproject()["project"]
    assert project["scripts"]["discourse"] == "analysis.cli:main"
    assert project["requires-python"] == ">=3.11"


def test_readme_opens_with_the_two_commands():
    head = (paths.ROOT / "README.md").read_text().splitlines()[:6]
    text = "\n".join(head)
    assert "make report" in text and "make test" in text
    ci = (paths.ROOT / ".ci" / "run").read_text()
    assert "make test" in ci
