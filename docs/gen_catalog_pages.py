"""A documentation page per shipped catalog edition, rendered from the catalog data itself.

Used as an MkDocs hook (``hooks:`` in ``mkdocs.yml``, no extra plugin): on every build it adds
``catalogs/index.md`` and ``catalogs/<id>/<edition>.md`` for every edition that
:func:`bouwblokken.catalog.list_catalogs` returns, so the site cannot drift from the data. It
also replaces the ``<!-- schemas -->`` marker in a page with links to the JSON Schemas that
exist in ``docs/`` at build time.

Run it directly to write the pages to a folder for a look without MkDocs::

    python docs/gen_catalog_pages.py /tmp/catalog-pages
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bouwblokken.catalog import Block, Bonus, Catalog, ShareCap, list_catalogs, load_catalog
from bouwblokken.catalog.model import (
    ActualCostsRule,
    AgreedRule,
    CountingLimit,
    InvoiceRule,
    LimitAlways,
    LimitMonths,
    LimitNotStated,
    LimitWhileSubsidy,
    ObligationRules,
    OneOffRule,
    PerActivityRule,
    PerHourRule,
    PerMonthRule,
    PerPeriodRule,
    PerYearRule,
    Rule,
)
from bouwblokken.money import format_eur, format_number

__all__ = [
    "catalog_pages",
    "on_config",
    "on_files",
    "on_page_markdown",
    "render_catalog",
    "render_index",
]

INDEX = "catalogs/index.md"
CATEGORY = {
    "work": "work (werk)",
    "learning": "learning (leren)",
    "buying": "buying (inkopen)",
    "community": "community (maatschappelijk)",
    "other": "other (overig)",
}


def page_path(catalog: Catalog) -> str:
    return f"catalogs/{catalog.id}/{catalog.edition}.md"


def _cell(text: object) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ").strip()


def _eur(amount: Any) -> str:
    return format_eur(amount, lang="nl")


def _num(value: Any) -> str:
    return format_number(value, lang="nl", decimals=0) if value == int(value) else str(value)


def _mark(verified: bool) -> str:
    return "✓" if verified else "⚠ not verified"


def rule_text(rule: Rule) -> tuple[str, str]:
    """(the rule in words, the amount formatted ``€ 40.000,00``) for one block."""
    if isinstance(rule, PerYearRule):
        how = []
        if rule.prorate_hours:
            how.append("hours")
        if rule.prorate_duration:
            how.append(f"duration ({rule.duration_unit})" if rule.duration_unit else "duration")
        pro = f", pro rata by {' and '.join(how)}" if how else ""
        return f"per full-time {rule.unit_en} ({rule.unit_nl}){pro}", _eur(rule.amount)
    if isinstance(rule, PerMonthRule):
        pro = ", pro rata by hours" if rule.prorate_hours else ""
        return f"per month (per maand){pro}", _eur(rule.amount)
    if isinstance(rule, PerPeriodRule):
        text = f"per {rule.period_en} ({rule.period_nl})"
        if rule.period_months:
            text += f" of {rule.period_months} months"
        if rule.prorate_duration:
            text += ", pro rata by duration"
        return text, _eur(rule.amount)
    if isinstance(rule, OneOffRule):
        return "once (eenmalig)", _eur(rule.amount)
    if isinstance(rule, PerHourRule):
        if rule.amount is not None:
            return "per hour (per uur)", _eur(rule.amount)
        assert rule.year_amount is not None and rule.hours_per_year is not None
        return (
            f"per hour: {_eur(rule.year_amount)} ÷ {_num(rule.hours_per_year)} hours",
            "",
        )
    if isinstance(rule, PerActivityRule):
        text = f"per {rule.unit_en} ({rule.unit_nl})"
        if rule.max_per_day is not None:
            text += f", at most {_eur(rule.max_per_day)} per day"
        return text, _eur(rule.amount)
    if isinstance(rule, InvoiceRule):
        pct = "" if rule.percentage == 100 else f"{_num(rule.percentage)}% of "
        return f"{pct}the invoice amount excl. VAT (factuurbedrag excl. btw)", ""
    if isinstance(rule, ActualCostsRule):
        return "the actual costs (werkelijke kosten)", ""
    if isinstance(rule, AgreedRule):
        return "agreed with the SR adviser (in overleg)", ""
    return _generic(rule), ""


def _generic(model: Any) -> str:
    """A variant this page has no wording for yet: its kind and fields, so nothing is hidden."""
    fields = model.model_dump(mode="json", exclude={"kind", "verified", "note"}, exclude_none=True)
    args = ", ".join(f"{k} = {v}" for k, v in fields.items())
    return f"`{model.kind}`" + (f" ({args})" if args else "")


def limit_text(limit: CountingLimit) -> str:
    if isinstance(limit, LimitMonths):
        return f"{limit.months} months"
    if isinstance(limit, LimitAlways):
        return "always (no limit)"
    if isinstance(limit, LimitWhileSubsidy):
        return "while the wage-cost subsidy runs"
    if isinstance(limit, LimitNotStated):
        return "not stated"
    if limit.kind == "agreed":
        return "the period agreed with the SR adviser"
    return _generic(limit)


def _days_per_year(value: object) -> str:
    if value == "actual":
        return "a day is 1/365 of a year, 1/366 in a leap year"
    return f"a year has {value} days"


def _notes(*pairs: tuple[str, str | None]) -> str:
    return "<br>".join(f"{_cell(n)}" if not w else f"*{w}*: {_cell(n)}" for w, n in pairs if n)


def _with_notes(rows: list[str], notes: list[tuple[str, str]]) -> list[str]:
    """A table followed by its notes as a list: long notes in a column squeeze a table on a
    laptop screen, so each row only carries a reference ([1], [2] ...)."""
    if not notes:
        return rows
    return [*rows, "", *(f"{i}. `{key}`: {text}" for i, (key, text) in enumerate(notes, 1))]


def _ref(notes: list[tuple[str, str]], key: str, text: str) -> str:
    if not text:
        return ""
    notes.append((key, text))
    return f"[{len(notes)}]"


def _blocks_table(blocks: Iterable[Block]) -> list[str]:
    out = [
        "| id | Dutch | English | category | rule | amount | counting limit | verified | note |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    notes: list[tuple[str, str]] = []
    for b in blocks:
        text, amount = rule_text(b.rule)
        verified = b.verified and b.rule.verified
        ref = _ref(notes, b.id, _notes(("", b.note), ("rule", b.rule.note)))
        out.append(
            f"| `{b.id}` | {_cell(b.label_nl)} | {_cell(b.label_en)} | {CATEGORY[b.category]} "
            f"| {_cell(text)} | {amount} | {limit_text(b.counting_limit)} "
            f"| {_mark(verified)} | {ref} |"
        )
    return _with_notes(out, notes)


def _bonus_target(bonus: Bonus) -> str:
    parts = [f"`{b}`" for b in bonus.blocks] + [CATEGORY[c] for c in bonus.categories]
    return ", ".join(parts)


def _condition(bonus: Bonus) -> str:
    c: Any = bonus.condition
    if c.kind == "min_age":
        return f"age ≥ {c.age} on the reference date"
    if c.kind == "age_below":
        return f"age below {c.age} on the reference date"
    if c.kind == "flag":
        return "any of: " + ", ".join(f"`{f}`" for f in c.any_of)
    if c.kind == "after_internship":
        return f"hired after an internship of at least {c.months} months"
    return _generic(c)


def _bonuses_table(bonuses: Iterable[Bonus]) -> list[str]:
    out = [
        "| id | Dutch | English | amount | unit | applies to | condition | replaces "
        "| verified | note |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    notes: list[tuple[str, str]] = []
    for b in bonuses:
        unit = "per full-time year, pro rata" if b.unit == "per_year" else "once"
        if b.unit == "per_year" and not b.within_counting_limit:
            unit += " (whole placement)"
        replaces = ", ".join(f"`{r}`" for r in b.replaces) or "—"
        out.append(
            f"| `{b.id}` | {_cell(b.label_nl)} | {_cell(b.label_en)} | {_eur(b.amount)} | {unit} "
            f"| {_bonus_target(b)} | {_condition(b)} | {replaces} | {_mark(b.verified)} "
            f"| {_ref(notes, b.id, _notes(('', b.note)))} |"
        )
    return _with_notes(out, notes)


def _caps_table(caps: Iterable[ShareCap]) -> list[str]:
    out = [
        "| id | Dutch | English | limits | at most | minimum per item | verified | notes |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for c in caps:
        limits = ", ".join([CATEGORY[x] for x in c.categories] + [f"`{x}`" for x in c.blocks])
        minimum = _eur(c.min_amount_per_item) if c.min_amount_per_item is not None else "—"
        out.append(
            f"| `{c.id}` | {_cell(c.label_nl)} | {_cell(c.label_en)} | {limits} "
            f"| {_num(c.max_share_percent)}% of the obligation | {minimum} "
            f"| {_mark(c.verified)} | {_notes(('', c.note))} |"
        )
    return out


def _obligation_lines(o: ObligationRules) -> list[str]:
    rows: list[tuple[str, str]] = []
    pct = (
        f"{_num(o.percentage)}%" if o.percentage is not None else "not stated (the tender gives it)"
    )
    rows.append(("percentage", pct))
    rows.append(
        ("base", "contract value excl. VAT" if o.base == "contract_value" else "labour cost")
    )
    if o.labour_cost_percentage is not None:
        rows.append(("percentage of the labour cost", f"{_num(o.labour_cost_percentage)}%"))
    if o.threshold is not None:
        op = "from" if o.threshold_inclusive else "above"
        rows.append(("threshold", f"{op} {_eur(o.threshold)}"))
    for kind, amount in o.threshold_by_contract_type.items():
        rows.append((f"threshold ({kind})", _eur(amount)))
    if o.threshold_follows_eu is not None:
        op = "from" if o.threshold_inclusive else "above"
        which = "services/supplies" if o.threshold_follows_eu == "services_supplies" else "by type"
        rows.append(("threshold", f"{op} the EU threshold of the period ({which})"))
    for kind, p in o.percentage_by_contract_type.items():
        rows.append((f"percentage ({kind})", f"{_num(p)}%"))
    if o.maximum is not None:
        rows.append(("maximum", _eur(o.maximum)))
    if o.contract_types:
        rows.append(("contract types", ", ".join(o.contract_types)))
    if o.min_duration_months is not None:
        rows.append(("minimum duration", f"{o.min_duration_months} months"))
    for r in o.labour_share_rules:
        types = f" ({', '.join(r.contract_types)})" if r.contract_types else ""
        rows.append(
            (
                "labour share rule",
                f"labour below {_num(r.below_labour_share_percent)}%{types}: "
                f"{_num(r.percentage)}%" + (f" — {_cell(r.note)}" if r.note else ""),
            )
        )
    for p in o.pso:
        effect = "exempt" if p.exempt else f"reduced by {_num(p.reduction_percent or 0)}%"
        rows.append((f"PSO `{p.level}`", f"{_cell(p.label_nl)}: {effect}"))
    if o.offer_percentage_min is not None or o.offer_percentage_max is not None:
        rows.append(
            (
                "offered percentage",
                f"{_num(o.offer_percentage_min or 0)}% – {_num(o.offer_percentage_max or 100)}%"
                + (", also a yearly minimum" if o.offer_sets_yearly_minimum else ""),
            )
        )
    rows.append(("verified", _mark(o.verified)))
    if o.note:
        rows.append(("note", _cell(o.note)))
    return ["| term | value |", "|---|---|"] + [f"| {k} | {v} |" for k, v in rows]


def render_catalog(catalog: Catalog) -> str:
    """The Markdown page of one edition."""
    c = catalog
    t = c.time
    start = c.effective_from.isoformat() if c.effective_from else "not stated"
    until = c.effective_until.isoformat() if c.effective_until else "open-ended"
    basis = "contract (award) date" if c.effective_basis == "contract_date" else "publication date"
    lines = [
        f"# {c.title_nl}",
        "",
        f"*{c.title_en}* — catalog `{c.key}`"
        + ("" if c.verified else " — **⚠ not verified**: see the notes"),
        "",
        '!!! note "Generated from the data"',
        f"    This page is rendered from `catalogs/{c.id}/{c.edition}.toml` on every build "
        "(`docs/gen_catalog_pages.py`); it cannot differ from what the library computes with. "
        "The file format is described in [the catalog format](../../catalog-format.md).",
        "",
        "| | |",
        "|---|---|",
        f"| issuer | {_cell(c.issuer)} |",
    ]
    if c.region:
        lines.append(f"| region | {_cell(c.region)} |")
    if c.members:
        lines.append(f"| members | {_cell(', '.join(c.members))} |")
    ref = t.reference_hours_per_week
    lines += [
        f"| in force | {start} – {until}, judged on the tender's {basis} |",
        f'| load it | `load_catalog("{c.key}")` |',
        f"| full-time week | {_num(ref) + ' hours' if ref is not None else 'the supplier own'} "
        f"(hours above it {'do not count' if t.cap_hours_at_reference else 'count'}) |",
        f"| duration measured in | {t.duration_unit}"
        + (f" ({_days_per_year(t.days_per_year)})" if t.duration_unit == "days" else "")
        + (f"; worked hours ÷ {t.annual_hours}" if t.time_basis == "worked_hours" else "")
        + " |",
    ]
    if t.min_hours_per_week is not None:
        lines.append(f"| minimum hours per week | {_num(t.min_hours_per_week)} |")
    lines.append(
        f"| time rules verified | {_mark(t.verified)}"
        + (f" — {_cell(t.note)}" if t.note else "")
        + " |"
    )
    lines.append(f"| file fingerprint | `sha256:{c.fingerprint}` |")
    if c.notes:
        lines += ["", "## Notes", ""] + [f"- {n}" for n in c.notes]
    lines += ["", f"## Blocks ({len(c.blocks)})", "", *_blocks_table(c.blocks)]
    lines += ["", "## Bonuses", ""]
    lines += _bonuses_table(c.bonuses) if c.bonuses else ["No bonuses."]
    lines += ["", "## Share caps", ""]
    lines += _caps_table(c.share_caps) if c.share_caps else ["No share caps."]
    lines += ["", "## Obligation defaults", "", *_obligation_lines(c.obligation)]
    e = c.eligibility
    lines += [
        "",
        "## Eligibility",
        "",
        "| rule | value |",
        "|---|---|",
        f"| reference date (peildatum) | {e.reference_date.replace('_', ' ')} |",
    ]
    if e.prior_start_months is not None:
        lines.append(
            f"| may have started before the contract | up to {e.prior_start_months} months |"
        )
    if e.ww_no_prior_employment_months is not None:
        lines.append(
            f"| WW: no prior employment with the same employer | {e.ww_no_prior_employment_months}"
            " months |"
        )
    if e.status_retained_months is not None:
        lines.append(f"| target-group status kept | {e.status_retained_months} months |")
    lines.append(
        f"| verified | {_mark(e.verified)}" + (f" — {_cell(e.note)}" if e.note else "") + " |"
    )
    lines += ["", "## Sources", ""]
    for s in c.sources:
        title = _cell(s.title or s.url)
        extra = f", read {s.accessed.isoformat()}" if s.accessed else ""
        note = f" — {s.note}" if s.note else ""
        lines.append(f"- [{title}]({s.url}) (reliability {s.reliability}{extra}){note}")
    return "\n".join(lines) + "\n"


def render_index(catalogs: Iterable[Catalog]) -> str:
    lines = [
        "# Shipped catalogs",
        "",
        "Every catalog edition shipped with the library, rendered from its data file on each "
        'build. Load one with `load_catalog("<id>@<edition>")`, or by the date a tender is '
        "judged on. To add a region, see [adding a region](../adding-a-region.md).",
        "",
        "| catalog | edition | title | in force from | blocks | verified |",
        "|---|---|---|---|---|---|",
    ]
    for c in catalogs:
        start = c.effective_from.isoformat() if c.effective_from else "not stated"
        lines.append(
            f"| [{c.id}]({c.id}/{c.edition}.md) | `{c.edition}` | {_cell(c.title_nl)} | {start} "
            f"| {len(c.blocks)} | {_mark(c.verified)} |"
        )
    return "\n".join(lines) + "\n"


def catalog_pages() -> dict[str, str]:
    """Page path (relative to ``docs/``) → Markdown, for the index and every shipped edition."""
    catalogs = [load_catalog(info.key) for info in list_catalogs()]
    pages = {INDEX: render_index(catalogs)}
    for c in catalogs:
        pages[page_path(c)] = render_catalog(c)
    return pages


# ---------------------------------------------------------------------------------------------
# MkDocs hooks.


def on_config(config: Any) -> Any:
    """List every generated edition page in the navigation, under the nav entry that points at
    ``catalogs/index.md``."""
    editions = [
        {f"{info.id} {info.edition}": f"catalogs/{info.id}/{info.edition}.md"}
        for info in list_catalogs()
    ]

    def expand(items: list[Any]) -> list[Any]:
        out: list[Any] = []
        for item in items:
            if isinstance(item, dict):
                (title, value), *_ = item.items()
                if value == INDEX:
                    value = [{"Overzicht": INDEX}, *editions]
                elif isinstance(value, list):
                    value = expand(value)
                out.append({title: value})
            else:
                section = {"Catalogs": [{"Overzicht": INDEX}, *editions]}
                out.append(section if item == INDEX else item)
        return out

    if config.get("nav"):
        config["nav"] = expand(config["nav"])
    return config


def on_files(files: Any, config: Any) -> Any:
    """Add the generated catalog pages to the build (MkDocs ≥ 1.6: ``File.generated``)."""
    from mkdocs.structure.files import File

    for path, text in catalog_pages().items():
        files.append(File.generated(config, path, content=text))
    return files


def schema_links(docs_dir: Path, page_dir: str = "") -> str:
    """A list of links to every ``*.schema.json`` under ``docs/`` (relative to the page)."""
    depth = page_dir.count("/") + 1 if page_dir else 0
    up = "../" * depth
    found = sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.schema.json"))
    if not found:
        return "*(no schema files have been generated yet: run `python scripts/export_schemas.py`)*"
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
    for rel, text in catalog_pages().items():
        out = target / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        print(out)
