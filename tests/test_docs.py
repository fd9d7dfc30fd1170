"""The documentation site: a generated page per shipped catalog, and a strict MkDocs build."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from bouwblokken.catalog import list_catalogs, load_catalog
from bouwblokken.money import format_eur

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "gen_catalog_pages", DOCS / "gen_catalog_pages.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return _generator().catalog_pages()  # type: ignore[no-any-return]


def test_a_page_for_every_catalog_edition(pages: dict[str, str]) -> None:
    infos = list_catalogs()
    assert infos
    expected = {f"catalogs/{i.id}/{i.edition}.md" for i in infos} | {"catalogs/index.md"}
    assert set(pages) == expected
    for info in infos:
        assert f"({info.id}/{info.edition}.md)" in pages["catalogs/index.md"]


@pytest.mark.parametrize("key", [i.key for i in list_catalogs()])
def test_page_shows_the_data(pages: dict[str, str], key: str) -> None:
    catalog = load_catalog(key)
    page = pages[f"catalogs/{catalog.id}/{catalog.edition}.md"]
    assert catalog.title_nl in page and catalog.key in page
    assert catalog.fingerprint in page
    for block in catalog.blocks:
        assert f"| `{block.id}` | " in page
        amount = getattr(block.rule, "amount", None)
        if amount is not None:
            assert format_eur(amount) in page  # € 40.000,00
    for bonus in catalog.bonuses:
        assert f"`{bonus.id}`" in page and format_eur(bonus.amount) in page
    for cap in catalog.share_caps:
        assert f"`{cap.id}`" in page
    for source in catalog.sources:
        assert source.url in page
    if not catalog.verified:
        assert "not verified" in page


def test_nav_lists_every_edition() -> None:
    config = _generator().on_config(
        {"nav": [{"Home": "index.md"}, {"Catalogs": "catalogs/index.md"}]}
    )
    section = config["nav"][1]["Catalogs"]
    listed = {v for item in section for v in item.values()}
    assert listed == {"catalogs/index.md"} | {
        f"catalogs/{i.id}/{i.edition}.md" for i in list_catalogs()
    }


def test_mkdocs_build_strict(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs")
    pytest.importorskip("material")
    pytest.importorskip("mkdocstrings")
    # The notebooks are executed by mkdocs-jupyter in a kernel: give it this checkout's code.
    src = str(ROOT / "src")
    path = os.pathsep.join(p for p in (src, os.environ.get("PYTHONPATH", "")) if p)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": path}
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    for info in list_catalogs():
        assert (tmp_path / "site" / "catalogs" / info.id / info.edition / "index.html").is_file()
    api = (tmp_path / "site" / "api" / "index.html").read_text("utf-8")
    # One docstring style on the page: no raw Sphinx roles (docs/api_roles.py links them).
    assert not re.search(r":(func|class|meth|attr|mod|data|exc):<code>", api)
    adviser = (tmp_path / "site" / "notebooks" / "adviser" / "index.html").read_text("utf-8")
    assert "110.000,00" in adviser  # the notebook is rendered with its outputs
    assert (tmp_path / "site" / "aan-de-slag" / "index.html").is_file()
    assert (tmp_path / "site" / "img" / "aan-de-slag-leiden.png").is_file()
