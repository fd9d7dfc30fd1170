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


LANGS = ("nl", "en")


def _root(lang: str) -> str:
    return "" if lang == "nl" else "en/"


def test_a_page_for_every_catalog_edition(pages: dict[str, str]) -> None:
    """Every edition has a Dutch page and its English twin under en/, each listed in its
    language's index."""
    infos = list_catalogs()
    assert infos
    expected = {f"{_root(lang)}catalogs/{i.id}/{i.edition}.md" for i in infos for lang in LANGS} | {
        "catalogs/index.md",
        "en/catalogs/index.md",
    }
    assert set(pages) == expected
    for lang in LANGS:
        for info in infos:
            assert f"({info.id}/{info.edition}.md)" in pages[f"{_root(lang)}catalogs/index.md"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key", [i.key for i in list_catalogs()])
def test_page_shows_the_data(pages: dict[str, str], key: str, lang: str) -> None:
    catalog = load_catalog(key)
    page = pages[f"{_root(lang)}catalogs/{catalog.id}/{catalog.edition}.md"]
    title = catalog.title_nl if lang == "nl" else catalog.title_en
    assert page.startswith(f"# {title}\n") and catalog.key in page
    assert catalog.fingerprint in page
    for block in catalog.blocks:
        assert f"| `{block.id}` | " in page
        amount = getattr(block.rule, "amount", None)
        if amount is not None:
            assert format_eur(amount, lang=lang) in page  # € 40.000,00 / €40,000.00
    for bonus in catalog.bonuses:
        assert f"`{bonus.id}`" in page and format_eur(bonus.amount, lang=lang) in page
    for cap in catalog.share_caps:
        assert f"`{cap.id}`" in page
    for source in catalog.sources:
        assert source.url in page
    if not catalog.verified:
        assert ("niet geverifieerd" if lang == "nl" else "unverified") in page


def test_dutch_page_shows_dates_and_money_the_dutch_way(pages: dict[str, str]) -> None:
    """Leiden 2023-09 (by hand from catalogs/leiden/2023-09.toml): in force from 1 September
    2023, WIA € 40.000 a year, the 55+ bonus € 15.000 a year."""
    nl = pages["catalogs/leiden/2023-09.md"]
    en = pages["en/catalogs/leiden/2023-09.md"]
    assert "| Geldig | 1 september 2023 t/m open (gekozen op publicatiedatum) |" in nl
    assert "| In force | 1 September 2023 until open (chosen by publication date) |" in en
    assert "| € 40.000,00 per jaar | niet vermeld |" in nl.replace("\xa0", " ")
    assert "| €40,000.00 per year | not stated |" in en
    assert "| € 15.000,00 | per jaar (naar rato) | leeftijd ≥ 55 |" in nl.replace("\xa0", " ")
    assert "| 1 september 2023 |" in pages["catalogs/index.md"]


def _page_words(page: str, catalog: object) -> str:
    """A generated page without what comes from the catalog file (labels, notes, titles,
    sources, codes, link targets) and without the line that links to its twin: the page's own
    words and the library's."""
    free = {
        "title_nl", "title_en", "issuer", "region", "members", "notes", "notes_en", "label_nl",
        "label_en", "note", "note_en", "title", "url", "unit_nl", "unit_en", "period_nl",
        "period_en",
    }  # fmt: skip
    found: list[str] = []

    def walk(value: object, key: str = "") -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v, key)
        elif isinstance(value, str) and key in free:
            found.append(value)

    walk(catalog.model_dump(mode="json"))  # type: ignore[attr-defined]
    lines = [line for line in page.splitlines() if not re.match(r"\*(English|Nederlands):", line)]
    text = "\n".join(lines)
    for value in sorted(found, key=len, reverse=True):
        text = text.replace(value.replace("|", "\\|").replace("\n", " ").strip(), " ")
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"^!!! \w+", " ", text, flags=re.MULTILINE)  # an admonition's markup
    return re.sub(r"\]\([^)]*\)", "] ", text)


ENGLISH = re.compile(
    r"\b(the|not|verified|unverified|months?|hours?|years?|once|always|issuer|sources?|blocks?"
    r"|bonuses|eligibility|amount|rule|condition|applies|counting|limit|notes?|share|caps?"
    r"|obligation|threshold|stated|generated|from the data|in force|load it|time rules)\b",
    re.IGNORECASE,
)
DUTCH = re.compile(
    r"\b(niet|geverifieerd|maanden|jaar|uur|bouwblokken|bronnen|uitgever|leden|geldig|regel"
    r"|notities?|eenmalig|altijd|vermeld|peildatum|verplichting|gemaakt|gegevens|laden)\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize("key", [i.key for i in list_catalogs()])
def test_dutch_catalog_page_has_no_english_words(pages: dict[str, str], key: str) -> None:
    """Dutch first: once the catalog's own texts are taken out, a Dutch catalog page has no
    English word left (the old pages said "not verified", "Blocks", "counting limit"), and its
    English twin no Dutch one."""
    catalog = load_catalog(key)
    for lang, words in (("nl", ENGLISH), ("en", DUTCH)):
        page = pages[f"{_root(lang)}catalogs/{catalog.id}/{catalog.edition}.md"]
        left = sorted({m.group(0) for m in words.finditer(_page_words(page, catalog))})
        assert not left, (lang, left)
    for lang, words in (("nl", ENGLISH), ("en", DUTCH)):
        index = pages[f"{_root(lang)}catalogs/index.md"]
        left = sorted({m.group(0) for m in words.finditer(_page_words(index, catalog))})
        assert not left, (lang, "index", left)


def test_word_check_catches_an_english_label() -> None:
    """The check above fails when an English label comes back (the old page's words)."""
    catalog = load_catalog("leiden@2023-09")
    for old in ("| ⚠ not verified |", "## Blocks (13)", "| counting limit |", "## Sources"):
        assert ENGLISH.search(_page_words(f"# x\n\n{old}\n", catalog)), old
    assert DUTCH.search(_page_words("| ⚠ niet geverifieerd |", catalog))


def test_catalog_pages_link_to_their_twin(pages: dict[str, str]) -> None:
    """Each generated page links at the top to its twin in the other language."""
    for path, page in pages.items():
        top = "\n".join(page.splitlines()[:5])
        mark = "*English:" if not path.startswith("en/") else "*Nederlands:"
        assert top.count(mark) == 1, path
        href = re.search(r"\]\(([^)]+)\)", top.split(mark, 1)[1])
        assert href is not None, path
        target = os.path.normpath(os.path.join(os.path.dirname(path), href.group(1)))
        twin = path.removeprefix("en/") if path.startswith("en/") else f"en/{path}"
        assert Path(target).as_posix() == twin, (path, href.group(1))


def test_nav_lists_every_edition() -> None:
    config = _generator().on_config(
        {
            "nav": [
                {"Start": "index.md"},
                {"Catalogi": "catalogs/index.md"},
                {"English": [{"Catalogs": "en/catalogs/index.md"}]},
            ]
        }
    )
    for lang, section in (
        ("nl", config["nav"][1]["Catalogi"]),
        ("en", config["nav"][2]["English"][0]["Catalogs"]),
    ):
        listed = {v for item in section for v in item.values()}
        assert listed == {f"{_root(lang)}catalogs/index.md"} | {
            f"{_root(lang)}catalogs/{i.id}/{i.edition}.md" for i in list_catalogs()
        }
        overview = "Overzicht" if lang == "nl" else "Overview"
        assert section[0] == {overview: f"{_root(lang)}catalogs/index.md"}


# --- Dutch first: every page is Dutch at docs/X.md, its English twin at docs/en/X.md -----------

DUTCH_ONLY = {
    "aan-de-slag.md": "the adviser's walk-through, Dutch by design",
}
"""Dutch pages without an English twin, each with the reason."""

TRANSLATED = ("optimizer", "documents", "http", "catalog-format", "api", "notebooks", "award")
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
    lists every twin (and the generated English catalog pages); every Dutch page is in the
    nav."""
    entries = _nav()
    english = {page for path, page in entries if path and path[0] == "English"}
    assert "en/catalogs/index.md" in english and "catalogs/index.md" in {p for _, p in entries}
    english.discard("en/catalogs/index.md")
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
        for root in ("", "en/"):
            page = tmp_path / "site" / f"{root}catalogs" / info.id / info.edition / "index.html"
            assert page.is_file(), page
    api = (tmp_path / "site" / "api" / "index.html").read_text("utf-8")
    # One docstring style on the page: no raw Sphinx roles (docs/api_roles.py links them).
    assert not re.search(r":(func|class|meth|attr|mod|data|exc):<code>", api)
    adviser = (tmp_path / "site" / "notebooks" / "adviser" / "index.html").read_text("utf-8")
    assert "110.000,00" in adviser  # the notebook is rendered with its outputs
    assert (tmp_path / "site" / "aan-de-slag" / "index.html").is_file()
    assert (tmp_path / "site" / "img" / "aan-de-slag-leiden.png").is_file()
