"""A documentation page per shipped catalog edition, rendered from the catalog data itself, in
Dutch with an English twin.

Used as an MkDocs hook (``hooks:`` in ``mkdocs.yml``, no extra plugin): on every build it adds
``catalogs/index.md`` and ``catalogs/<id>/<edition>.md`` (Dutch) and the same under ``en/``
(English) for every edition that :func:`bouwblokken.catalog.list_catalogs` returns, so the site
cannot drift from the data. Every word for a rule, limit, bonus, time rule or obligation term
comes from the library's own views (:mod:`bouwblokken.display.catalog`, :mod:`bouwblokken.i18n`,
:mod:`bouwblokken.money`), so a page reads the same as ``bouwblokken show``; only the page's
own sentences are written here. The hook also replaces the ``<!-- schemas -->`` marker in a
page with links to the JSON Schemas that exist in ``docs/`` at build time.

Run it directly to write the pages to a folder for a look without MkDocs::

    python docs/gen_catalog_pages.py /tmp/catalog-pages
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bouwblokken.catalog import Block, Bonus, Catalog, ShareCap, list_catalogs, load_catalog
from bouwblokken.display.catalog import (
    BONUS_COLUMNS,
    bonus_amount_text,
    bonus_condition_text,
    bonus_unit_text,
    column_names,
    eligibility_items,
    limit_text,
    obligation_items,
    percent_text,
    rule_text,
    time_items,
)
from bouwblokken.i18n import label, note_text, notes_text, text
from bouwblokken.money import LANGS, Lang, format_day, format_eur

__all__ = [
    "catalog_pages",
    "on_config",
    "on_files",
    "on_page_markdown",
    "render_catalog",
    "render_index",
]

ROW_END = ("verified", "note")
"""The last two columns of every table of a page: the verified mark and the note reference."""
BLOCK_COLUMNS = ("block", "category", "rule_amount", "limit", *ROW_END)
INDEX = "catalogs/index.md"
EN_INDEX = "en/catalogs/index.md"

PAGE: dict[str, tuple[str, str]] = {
    "twin": (
        "*Nederlands: [{what} in het Nederlands]({href}).*",
        "*English: [{what} in English]({href}).*",
    ),
    "this_catalog": ("deze catalogus", "this catalog"),
    "this_list": ("deze lijst", "this list"),
    "catalog_code": ("catalogus `{key}`", "catalog `{key}`"),
    "see_notes": (
        " — **⚠ niet geverifieerd**: zie de notities",
        " — **⚠ unverified**: see the notes",
    ),
    "generated": ("Gemaakt uit de gegevens", "Generated from the data"),
    "generated_text": (
        "Deze pagina wordt bij elke build gemaakt uit `catalogs/{id}/{edition}.toml` "
        "(`docs/gen_catalog_pages.py`); ze kan dus niet afwijken van waarmee de bibliotheek "
        "rekent. Het bestandsformaat staat in [het catalogusformaat](../../catalog-format.md).",
        "This page is rendered from `catalogs/{id}/{edition}.toml` on every build "
        "(`docs/gen_catalog_pages.py`), so it cannot differ from what the library computes "
        "with. The file format is described in [the catalog format](../../catalog-format.md).",
    ),
    "load": ("Laden", "Load it"),
    "fingerprint": ("Vingerafdruk van het bestand", "File fingerprint"),
    "name": ("Naam", "Name"),
    "no_bonuses": ("Geen bonussen.", "No bonuses."),
    "no_caps": ("Geen maximale aandelen.", "No share caps."),
    "index_title": ("Meegeleverde catalogi", "Shipped catalogs"),
    "index_text": (
        "Elke catalogus-editie die met de bibliotheek wordt meegeleverd, bij elke build gemaakt "
        'uit haar gegevensbestand. Laad er een met `load_catalog("<id>@<editie>")`, of op de '
        "datum waarop een aanbesteding wordt beoordeeld. Een regio toevoegen: zie "
        "[een regio toevoegen](../adding-a-region.md).",
        "Every catalog edition shipped with the library, rendered from its data file on each "
        'build. Load one with `load_catalog("<id>@<edition>")`, or by the date a tender is '
        "judged on. To add a region, see [adding a region](../adding-a-region.md).",
    ),
    "overview": ("Overzicht", "Overview"),
    "section": ("Catalogi", "Catalogs"),
    "no_schemas": (
        "*(er zijn nog geen schemabestanden gemaakt: draai `python scripts/export_schemas.py`)*",
        "*(no schema files have been generated yet: run `python scripts/export_schemas.py`)*",
    ),
}
"""The page's own sentences (key → (Dutch, English)); every word about the catalog's content
comes from the library's views."""


def _p(name: str, lang: Lang, **values: Any) -> str:
    nl, en = PAGE[name]
    return (nl if lang == "nl" else en).format(**values)


def _root(lang: Lang) -> str:
    """The folder of ``lang``'s pages, relative to ``docs/``."""
    return "" if lang == "nl" else "en/"


def page_path(catalog: Catalog, lang: Lang = "nl") -> str:
    return f"{_root(lang)}catalogs/{catalog.id}/{catalog.edition}.md"


def _cell(value: object) -> str:
    """Text safe inside a Markdown table cell."""
    return str(value).replace("|", "\\|").replace("\n", " ").strip()


def _mark(verified: bool, lang: Lang) -> str:
    return "✓" if verified else f"⚠ {text('unverified', lang)}"


def _name(item: Any, lang: Lang) -> str:
    """The item's label in ``lang``; the English page adds the Dutch one (the word a Dutch
    document uses)."""
    if lang == "nl":
        return _cell(item.label_nl)
    return f"{_cell(item.label_en)}<br>*{_cell(item.label_nl)}*"


def _twin(lang: Lang, path: str, what: str) -> str:
    """The line that links a page to its twin in the other language, in that language's words
    (as on every page of the site); ``path`` is the Dutch page's, relative to ``docs/``."""
    depth = path.count("/") + (0 if lang == "nl" else 1)
    other: Lang = "en" if lang == "nl" else "nl"
    href = "../" * depth + _root(other) + path
    return _p("twin", other, what=_p(what, other), href=href)


def _note_refs(notes: list[tuple[str, str]], key: str, *parts: tuple[str, str | None]) -> str:
    """A reference ([1], [2] ...) to the notes of one row, collected in ``notes``: long notes
    in a column squeeze a table on a laptop screen."""
    body = "<br>".join(_cell(n) if not w else f"*{w}*: {_cell(n)}" for w, n in parts if n)
    if not body:
        return ""
    notes.append((key, body))
    return f"[{len(notes)}]"


def _with_notes(rows: list[str], notes: list[tuple[str, str]]) -> list[str]:
    if not notes:
        return rows
    return [*rows, "", *(f"{i}. `{key}`: {body}" for i, (key, body) in enumerate(notes, 1))]


def _table(head: Iterable[str]) -> list[str]:
    cols = list(head)
    return ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]


def _targets(blocks: Iterable[str], categories: Iterable[str], lang: Lang) -> str:
    return ", ".join(
        [*(f"`{b}`" for b in blocks), *(label("category", c, lang) for c in categories)]
    )


def _blocks_table(blocks: Iterable[Block], lang: Lang) -> list[str]:
    out = _table(["Id", *column_names(BLOCK_COLUMNS, lang)])
    notes: list[tuple[str, str]] = []
    rule = text("rule", lang).lower()
    for b in blocks:
        ref = _note_refs(notes, b.id, ("", note_text(b, lang)), (rule, note_text(b.rule, lang)))
        out.append(
            f"| `{b.id}` | {_name(b, lang)} | {label('category', b.category, lang)} "
            f"| {_cell(rule_text(b, lang))} | {_cell(limit_text(b, lang))} "
            f"| {_mark(b.verified and b.rule.verified, lang)} | {ref} |"
        )
    return _with_notes(out, notes)


def _bonuses_table(bonuses: Iterable[Bonus], lang: Lang) -> list[str]:
    out = _table(["Id", *column_names((*BONUS_COLUMNS, *ROW_END), lang)])
    notes: list[tuple[str, str]] = []
    for b in bonuses:
        condition = bonus_condition_text(b, lang)
        if b.replaces:
            condition += f"; {text('replaces', lang)} " + ", ".join(f"`{r}`" for r in b.replaces)
        out.append(
            f"| `{b.id}` | {_name(b, lang)} | {bonus_amount_text(b, lang)} "
            f"| {bonus_unit_text(b, lang)} | {_cell(condition)} "
            f"| {_targets(b.blocks, b.categories, lang)} | {_mark(b.verified, lang)} "
            f"| {_note_refs(notes, b.id, ('', note_text(b, lang)))} |"
        )
    return _with_notes(out, notes)


def _caps_table(caps: Iterable[ShareCap], lang: Lang) -> list[str]:
    head = column_names(("max_share", "min_per_item", "applies_to", *ROW_END), lang)
    out = _table(["Id", _p("name", lang), *head])
    notes: list[tuple[str, str]] = []
    for c in caps:
        minimum = (
            "–" if c.min_amount_per_item is None else format_eur(c.min_amount_per_item, lang=lang)
        )
        out.append(
            f"| `{c.id}` | {_name(c, lang)} "
            f"| {percent_text(c.max_share_percent, lang)} {text('of_obligation', lang)} "
            f"| {minimum} | {_targets(c.blocks, c.categories, lang)} | {_mark(c.verified, lang)} "
            f"| {_note_refs(notes, c.id, ('', note_text(c, lang)))} |"
        )
    return _with_notes(out, notes)


def _items_table(
    head: str,
    items: list[tuple[str, str, str]],
    lang: Lang,
    verified: bool,
    *noted: tuple[str, Any],
) -> list[str]:
    """A (label, value) table of :func:`time_items` and the like, its verified mark last; the
    notes of ``noted`` ((item key, model) pairs) follow it, each named by its row's label."""
    rows = [(lab, value) for key, lab, value in items if key != "verified"]
    rows.append((text("verified", lang).lower(), _mark(verified, lang)))
    out = _table([head, text("value", lang)])
    out += [f"| {_cell(lab)} | {_cell(value)} |" for lab, value in rows]
    labels = {key: lab for key, lab, _ in items}
    notes = [
        f"- *{labels.get(key, text('note', lang))}*: {_cell(n)}"
        for key, item in noted
        if (n := note_text(item, lang))
    ]
    return [*out, "", *notes] if notes else out


def _obligation_lines(c: Catalog, lang: Lang) -> list[str]:
    o = c.obligation
    items = obligation_items(o, lang)
    noted: list[tuple[str, Any]] = [("", o)]
    noted += [
        (f"labour_share_below_{format(r.below_labour_share_percent, 'f')}", r)
        for r in o.labour_share_rules
    ]
    noted += [(f"pso_{p.level}", p) for p in o.pso]
    return _items_table(text("default_obligation", lang), items, lang, o.verified, *noted)


def _day(value: Any, lang: Lang) -> str:
    return format_day(value, lang=lang, style="long")


def _head(c: Catalog, lang: Lang) -> list[str]:
    start = _day(c.effective_from, lang) if c.effective_from else text("not_stated", lang)
    until = _day(c.effective_until, lang) if c.effective_until else text("open", lang)
    basis = label("basis", c.effective_basis, lang)
    in_force = f"{start} {text('until', lang)} {until} ({text('chosen_by', lang)} {basis})"
    rows = [("issuer", c.issuer), ("region", c.region), ("members", ", ".join(c.members))]
    lines = ["| | |", "|---|---|"]
    lines += [f"| {text(key, lang)} | {_cell(value)} |" for key, value in rows if value]
    lines += [
        f"| {text('in_force', lang)} | {in_force} |",
        f'| {_p("load", lang)} | `load_catalog("{c.key}")` |',
        f"| {text('verified', lang)} | {_mark(c.verified, lang)} |",
        f"| {_p('fingerprint', lang)} | `sha256:{c.fingerprint}` |",
    ]
    return lines


def _sources(c: Catalog, lang: Lang) -> list[str]:
    out = []
    for s in c.sources:
        title = _cell(s.title or s.url)
        link = f"[{title}]({s.url})" if s.url else title
        read = f", {text('accessed', lang)} {_day(s.accessed, lang)}" if s.accessed else ""
        note = note_text(s, lang)
        tail = f" — {note}" if note else ""
        out.append(f"- {link} ({text('reliability', lang)} {s.reliability}{read}){tail}")
    return out


def render_catalog(catalog: Catalog, lang: Lang = "nl") -> str:
    """The Markdown page of one edition in ``lang``."""
    c = catalog
    title, subtitle = (c.title_nl, c.title_en) if lang == "nl" else (c.title_en, c.title_nl)
    lines = [
        f"# {title}",
        "",
        _twin(lang, page_path(c), "this_catalog"),
        "",
        f"*{subtitle}* — "
        + _p("catalog_code", lang, key=c.key)
        + ("" if c.verified else _p("see_notes", lang)),
        "",
        f'!!! note "{_p("generated", lang)}"',
        "    " + _p("generated_text", lang, id=c.id, edition=c.edition),
        "",
        *_head(c, lang),
    ]
    notes = notes_text(c, lang)
    if notes:
        lines += ["", f"## {text('notes', lang)}", ""] + [f"- {n}" for n in notes]
    lines += [
        "",
        f"## {text('blocks', lang)} ({len(c.blocks)})",
        "",
        *_blocks_table(c.blocks, lang),
    ]
    lines += ["", f"## {text('bonuses', lang)}", ""]
    lines += _bonuses_table(c.bonuses, lang) if c.bonuses else [_p("no_bonuses", lang)]
    lines += ["", f"## {text('share_caps', lang)}", ""]
    lines += _caps_table(c.share_caps, lang) if c.share_caps else [_p("no_caps", lang)]
    lines += ["", f"## {text('time_rules', lang)}", ""]
    lines += _items_table(
        text("time_rule", lang), time_items(c.time, lang), lang, c.time.verified, ("", c.time)
    )
    lines += ["", f"## {text('default_obligation', lang)}", "", *_obligation_lines(c, lang)]
    e = c.eligibility
    lines += ["", f"## {text('eligibility', lang)}", ""]
    lines += _items_table(
        text("eligibility_rule", lang), eligibility_items(e, lang), lang, e.verified, ("", e)
    )
    lines += ["", f"## {text('sources', lang)}", "", *_sources(c, lang)]
    return "\n".join(lines) + "\n"


def render_index(catalogs: Iterable[Catalog], lang: Lang = "nl") -> str:
    """The list of every shipped edition in ``lang``."""
    lines = [
        f"# {_p('index_title', lang)}",
        "",
        _twin(lang, INDEX, "this_list"),
        "",
        _p("index_text", lang),
        "",
        *_table(
            [
                text("catalog", lang),
                text("edition", lang),
                text("title", lang),
                text("effective_from", lang),
                text("blocks", lang),
                text("verified", lang),
            ]
        ),
    ]
    for c in catalogs:
        start = _day(c.effective_from, lang) if c.effective_from else text("not_stated", lang)
        title = c.title_nl if lang == "nl" else c.title_en
        lines.append(
            f"| [{c.id}]({c.id}/{c.edition}.md) | `{c.edition}` | {_cell(title)} | {start} "
            f"| {len(c.blocks)} | {_mark(c.verified, lang)} |"
        )
    return "\n".join(lines) + "\n"


def catalog_pages() -> dict[str, str]:
    """Page path (relative to ``docs/``) → Markdown: the index and every shipped edition, in
    Dutch and under ``en/`` in English."""
    catalogs = [load_catalog(info.key) for info in list_catalogs()]
    pages: dict[str, str] = {}
    for lang in LANGS:
        pages[_root(lang) + INDEX] = render_index(catalogs, lang)
        for c in catalogs:
            pages[page_path(c, lang)] = render_catalog(c, lang)
    return pages


# ---------------------------------------------------------------------------------------------
# MkDocs hooks.


def on_config(config: Any) -> Any:
    """List every generated edition page in the navigation, under the nav entry that points at
    ``catalogs/index.md`` (Dutch) or ``en/catalogs/index.md`` (English)."""
    sections = {
        _root(lang) + INDEX: [
            {_p("overview", lang): _root(lang) + INDEX},
            *(
                {f"{info.id} {info.edition}": f"{_root(lang)}catalogs/{info.id}/{info.edition}.md"}
                for info in list_catalogs()
            ),
        ]
        for lang in LANGS
    }

    def expand(items: list[Any]) -> list[Any]:
        out: list[Any] = []
        for item in items:
            if isinstance(item, dict):
                (title, value), *_ = item.items()
                if isinstance(value, str) and value in sections:
                    value = sections[value]
                elif isinstance(value, list):
                    value = expand(value)
                out.append({title: value})
            elif item in sections:
                lang: Lang = "en" if item == EN_INDEX else "nl"
                out.append({_p("section", lang): sections[item]})
            else:
                out.append(item)
        return out

    if config.get("nav"):
        config["nav"] = expand(config["nav"])
    return config


def on_files(files: Any, config: Any) -> Any:
    """Add the generated catalog pages to the build (MkDocs ≥ 1.6: ``File.generated``)."""
    from mkdocs.structure.files import File

    for path, body in catalog_pages().items():
        files.append(File.generated(config, path, content=body))
    return files


def schema_links(docs_dir: Path, page_dir: str = "") -> str:
    """A list of links to every ``*.schema.json`` under ``docs/`` (relative to the page)."""
    lang: Lang = "en" if page_dir == "en" or page_dir.startswith("en/") else "nl"
    depth = page_dir.count("/") + 1 if page_dir else 0
    up = "../" * depth
    found = sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.schema.json"))
    if not found:
        return _p("no_schemas", lang)
    return "\n".join(f"- [`{Path(f).name}`]({up}{f})" for f in found)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if "<!-- schemas -->" not in markdown:
        return markdown
    page_dir = str(Path(page.file.src_uri).parent).replace(".", "")
    return markdown.replace(
        "<!-- schemas -->", schema_links(Path(config["docs_dir"]), page_dir.strip("/"))
    )


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "catalog-pages")
    for rel, body in catalog_pages().items():
        out = target / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(body, encoding="utf-8")
        print(out)
