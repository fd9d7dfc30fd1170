"""Ready to release: one version, the release files, the disclaimer."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import bouwblokken

ROOT = Path(__file__).resolve().parents[1]


def test_the_version_lives_in_one_place() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert project["project"]["dynamic"] == ["version"]
    assert project["tool"]["hatch"]["version"]["path"] == "src/bouwblokken/__init__.py"
    init = (ROOT / "src" / "bouwblokken" / "__init__.py").read_text(encoding="utf-8")
    assert init.count("__version__ = ") == 1


def test_publiccode_yml_follows_the_standard_and_names_this_version() -> None:
    yaml = pytest.importorskip("yaml")
    data = yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))
    for key in (
        "publiccodeYmlVersion", "name", "url", "softwareVersion", "releaseDate", "platforms",
        "categories", "developmentStatus", "softwareType", "description", "legal",
        "maintenance", "localisation",
    ):  # fmt: skip
        assert key in data, key
    assert data["softwareVersion"] == bouwblokken.__version__
    assert data["legal"]["license"] == "MIT"
    for lang in ("nl", "en"):
        assert data["description"][lang]["shortDescription"]
        assert len(data["description"][lang]["shortDescription"]) <= 150


def test_security_and_contributing_notes_exist() -> None:
    assert "Reporting a vulnerability" in (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    assert "House rules" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_the_disclaimer_is_in_the_readme_and_the_docs() -> None:
    for path in (ROOT / "README.md", ROOT / "docs" / "en" / "index.md"):
        text = path.read_text(encoding="utf-8")
        assert "calculation aid" in text and "social-return desk" in text, path
    dutch = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")  # the site's Dutch face
    assert "rekenhulp" in dutch and "SR-loket" in dutch


def test_ci_builds_and_checks_the_distribution() -> None:
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m build" in run and "twine check" in run
