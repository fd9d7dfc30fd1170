"""The documentation site: a generated page per shipped catalog, Dutch pages with their English
twins, and a strict MkDocs build."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from collections import Counter
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


# --- Dutch first: every page is Dutch at docs/X.md, its English twin at docs/en/X.md -----------

DUTCH_ONLY = {
    "aan-de-slag.md": "the adviser's walk-through, Dutch by design",
    "award.md": "the award stage, not yet translated",
}
"""Dutch pages without an English twin, each with the reason."""

TRANSLATED = ("optimizer", "documents", "http", "catalog-format", "api", "notebooks")
"""Pages translated from their English original: both keep the same numbers (api: the
English page is an index into the one generated reference, so it is not compared)."""


def _nav() -> list[tuple[tuple[str, ...], str]]:
    """Every nav entry of mkdocs.yml as (section titles, page)."""
    yaml = pytest.importorskip("yaml")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    out: list[tuple[tuple[str, ...], str]] = []

    def walk(items: list[object], path: tuple[str, ...]) -> None:
        for item in items:
            if isinstance(item, str):
                out.append((path, item))
                continue
            assert isinstance(item, dict)
            for title, value in item.items():
                if isinstance(value, list):
                    walk(value, (*path, title))
                else:
                    out.append(((*path, title), value))

    walk(config["nav"], ())
    return out


def _dutch_pages() -> list[str]:
    return sorted(p.name for p in DOCS.glob("*.md") if p.name not in DUTCH_ONLY)


@pytest.mark.parametrize("name", _dutch_pages())
def test_dutch_page_has_an_english_twin(name: str) -> None:
    """docs/X.md links to en/X.md at the top, and en/X.md links back to ../X.md."""
    dutch = (DOCS / name).read_text(encoding="utf-8")
    twin = DOCS / "en" / name
    assert twin.is_file(), f"docs/{name} has no English twin docs/en/{name}"
    english = twin.read_text(encoding="utf-8")
    top_nl = "\n".join(dutch.splitlines()[:5])
    top_en = "\n".join(english.splitlines()[:5])
    assert f"](en/{name})" in top_nl and top_nl.count("*English:") == 1, name
    assert f"](../{name})" in top_en and top_en.count("*Nederlands:") == 1, name


def test_every_english_page_has_a_dutch_page() -> None:
    for page in (DOCS / "en").glob("*.md"):
        assert (DOCS / page.name).is_file(), f"docs/en/{page.name} has no Dutch page"


def test_nav_names_the_dutch_pages_and_the_english_twins() -> None:
    """Outside the English section the nav points at Dutch pages only; the English section
    lists every twin; every Dutch page is in the nav."""
    entries = _nav()
    english = {page for path, page in entries if path and path[0] == "English"}
    dutch = {page for path, page in entries if not path or path[0] != "English"}
    assert not {p for p in dutch if p.startswith("en/")}
    assert english == {f"en/{p.name}" for p in (DOCS / "en").glob("*.md")}
    assert {p.name for p in DOCS.glob("*.md")} <= dutch


def test_dutch_nav_titles_are_not_the_english_ones() -> None:
    """The nav's Dutch part does not reuse a title of the English section (e.g. "The optimizer",
    "Guides", "Worked notebooks")."""
    entries = _nav()
    english = {t for path, _ in entries if path and path[0] == "English" for t in path[1:]}
    english |= {"Guides", "Worked notebooks", "Bid team", "API reference", "Catalogs"}
    dutch = {t for path, _ in entries if not path or path[0] != "English" for t in path}
    assert not (dutch & (english - {"Excel"})), dutch & english


def _numbers(text: str) -> Counter[str]:
    return Counter(re.findall(r"\d+(?:[.,]\d+)*", text))


@pytest.mark.parametrize("name", [n for n in TRANSLATED if n != "api"])
def test_translation_keeps_every_number(name: str) -> None:
    """A translated page and its English original show the same numbers (amounts, dates,
    measurements, limits), so neither drifts when the other is edited."""
    dutch = _numbers((DOCS / f"{name}.md").read_text(encoding="utf-8"))
    english = _numbers((DOCS / "en" / f"{name}.md").read_text(encoding="utf-8"))
    assert dutch == english, (dict(dutch - english), dict(english - dutch))


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
