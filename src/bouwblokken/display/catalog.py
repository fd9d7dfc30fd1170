"""Catalogs in words and in a notebook: rules, limits, bonus conditions, time rules and the
default obligation as Dutch (or English) text; an HTML view by category; a DataFrame.

Used by :meth:`~bouwblokken.catalog.model.Catalog._repr_html_` (through
:mod:`bouwblokken.views`), the command line (``show``, ``compare``), the Excel writer and the
docs' catalog pages, so a catalog reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from html import escape
from typing import Any

from bouwblokken.catalog.model import (
    ActualCostsRule,
    AfterInternship,
    AgeBelow,
    AgreedRule,
    Block,
    Bonus,
    Catalog,
    ContractType,
    Eligibility,
    FlagCondition,
    InvoiceRule,
    LimitMonths,
    MinAge,
    ObligationRules,
    OneOffRule,
    PerActivityRule,
    PerHourRule,
    PerMonthRule,
    PerPeriodRule,
    PerYearRule,
    TimeRules,
)
from bouwblokken.display.text import align
from bouwblokken.i18n import WORDS, label, note_text, notes_text, text
from bouwblokken.money import (
    Lang,
    format_day,
    format_eur,
    format_percent,
    format_quantity,
)

__all__ = [
    "BONUS_COLUMNS",
    "bonus_amount_text",
    "bonus_condition_text",
    "bonus_unit_text",
    "catalog_dataframe",
    "catalog_html",
    "catalog_text",
    "column_names",
    "comparison_html",
    "eligibility_items",
    "limit_text",
    "obligation_items",
    "percent_text",
    "rule_text",
    "time_items",
]


BONUS_COLUMNS = ("bonus", "amount", "unit", "condition", "applies_to")
"""The columns of a bonus table after its id (keys of :data:`bouwblokken.i18n.MESSAGES`): the
command line, the workbook and the docs' catalog pages show the same."""


def column_names(keys: tuple[str, ...], lang: Lang) -> list[str]:
    """The header words of ``keys`` (:data:`bouwblokken.i18n.MESSAGES`) in ``lang``."""
    return [text(k, lang) for k in keys]


def _num(value: Decimal | int, lang: Lang) -> str:
    """24, 22,5 (nl) / 22.5 (en): an exact number without trailing zeros."""
    return format_quantity(value, lang=lang)


def _s(d: Decimal) -> str:
    return format(d, "f")


def _d(day: date | None, lang: Lang, *, open_end: bool = False) -> str:
    if day is not None:
        return format_day(day, lang=lang)
    if open_end:
        return text("open", lang)
    return text("not_stated", lang)


def _yes(flag: bool, lang: Lang) -> str:
    return label("yes_no", flag, lang)


def _t(lang: Lang, nl: str, en: str) -> str:
    return nl if lang == "nl" else en


def percent_text(v: Decimal, lang: Lang) -> str:
    """``5 %`` / ``12,5 %`` (nl), ``5%`` (en): a catalog percentage with its own decimals."""
    return format_percent(v, lang=lang, decimals=_decimals(v))


def _decimals(v: Decimal) -> int:
    exp = v.normalize().as_tuple().exponent
    return max(0, -exp) if isinstance(exp, int) else 0


def rule_text(block: Block, lang: Lang) -> str:
    """A block's valuation rule and amount in words."""
    rule = block.rule

    def eur(v: Decimal) -> str:
        return format_eur(v, lang=lang)

    if isinstance(rule, PerYearRule):
        text = f"{eur(rule.amount)} {_t(lang, 'per', 'per')} {_t(lang, rule.unit_nl, rule.unit_en)}"
        extra = []
        if not rule.prorate_hours:
            extra.append(_t(lang, "niet naar rato van uren", "not pro rata by hours"))
        if not rule.prorate_duration:
            extra.append(_t(lang, "niet naar rato van duur", "not pro rata by duration"))
        if rule.duration_unit:
            extra.append(
                _t(lang, "duur in ", "duration in ")
                + label("duration_unit", rule.duration_unit, lang)
            )
        return text + (f" ({'; '.join(extra)})" if extra else "")
    if isinstance(rule, PerMonthRule):
        text = f"{eur(rule.amount)} {_t(lang, 'per maand', 'per month')}"
        if rule.prorate_hours:
            text += _t(lang, " (naar rato van uren)", " (pro rata by hours)")
        return text
    if isinstance(rule, PerPeriodRule):
        text = f"{eur(rule.amount)} per {_t(lang, rule.period_nl, rule.period_en)}"
        if rule.prorate_duration and rule.period_months:
            text += _t(
                lang,
                f" (naar rato van {rule.period_months} maanden)",
                f" (pro rata of {rule.period_months} months)",
            )
        return text
    if isinstance(rule, OneOffRule):
        return f"{eur(rule.amount)} {_t(lang, 'eenmalig', 'one-off')}"
    if isinstance(rule, PerHourRule):
        if rule.amount is not None:
            return f"{eur(rule.amount)} {_t(lang, 'per uur', 'per hour')}"
        assert rule.year_amount is not None and rule.hours_per_year is not None
        return (
            f"{eur(rule.year_amount)} ÷ {rule.hours_per_year} "
            f"{_t(lang, 'uur, per uur', 'hours, per hour')}"
        )
    if isinstance(rule, PerActivityRule):
        text = f"{eur(rule.amount)} per {_t(lang, rule.unit_nl, rule.unit_en)}"
        if rule.max_per_day is not None:
            text += _t(
                lang,
                f", max. {eur(rule.max_per_day)} per dag",
                f", at most {eur(rule.max_per_day)} a day",
            )
        return text
    if isinstance(rule, InvoiceRule):
        base = _t(lang, "factuurbedrag excl. btw", "invoice excl. VAT")
        if rule.percentage == 100:
            return base
        return f"{percent_text(rule.percentage, lang)} {_t(lang, 'van', 'of')} {base}"
    if isinstance(rule, ActualCostsRule):
        return _t(lang, "werkelijke kosten", "actual costs")
    assert isinstance(rule, AgreedRule)
    return _t(lang, "in overleg met de SR-adviseur", "agreed with the SR adviser")


def limit_text(block: Block, lang: Lang) -> str:
    """A block's counting limit (duur van meetellen) in words."""
    limit = block.counting_limit
    if isinstance(limit, LimitMonths):
        out = f"{limit.months} {label('limit', 'months', lang)}"
        if limit.per == "target_group":
            out += _t(lang, " (samen voor de doelgroep)", " (shared by the target group)")
        if limit.bridge_gaps_below_months is not None:
            out += _t(
                lang,
                f"; onderbrekingen korter dan {limit.bridge_gaps_below_months} maanden tellen mee",
                f"; gaps shorter than {limit.bridge_gaps_below_months} months count",
            )
        return out
    return label("limit", limit.kind, lang)


def _limit_key(block: Block) -> str:
    limit = block.counting_limit
    return f"months:{limit.months}" if isinstance(limit, LimitMonths) else limit.kind


def bonus_condition_text(bonus: Bonus, lang: Lang) -> str:
    """A bonus condition in words, flags translated (``één van: statushouder,
    taalachterstand``)."""
    c = bonus.condition
    if isinstance(c, MinAge):
        return _t(lang, f"leeftijd ≥ {c.age}", f"age ≥ {c.age}")
    if isinstance(c, AgeBelow):
        return _t(lang, f"leeftijd < {c.age}", f"age < {c.age}")
    if isinstance(c, FlagCondition):
        return _t(lang, "één van: ", "any of: ") + ", ".join(
            label("flag", f, lang) for f in c.any_of
        )
    assert isinstance(c, AfterInternship)
    out = _t(
        lang,
        f"na een stage van min. {c.months} maanden",
        f"after an internship of ≥ {c.months} months",
    )
    if c.flags:
        out += _t(lang, ", en: ", ", and: ") + ", ".join(label("flag", f, lang) for f in c.flags)
    return out


_condition_text = bonus_condition_text


def bonus_unit_text(bonus: Bonus, lang: Lang) -> str:
    """``per jaar (naar rato)`` or ``eenmalig``; a per-year bonus that is not held to the base
    block's counting limit says it runs over the whole placement."""
    out = label("bonus_unit", bonus.unit, lang)
    if bonus.unit == "per_year" and not bonus.within_counting_limit:
        out += f", {text('whole_placement', lang)}"
    return out


def bonus_amount_text(bonus: Bonus, lang: Lang) -> str:
    """``€ 10.000,00``, or ``1× de jaarwaarde van het blok`` for a multiple of the block."""
    if bonus.amount is not None:
        return format_eur(bonus.amount, lang=lang)
    times = format_quantity(bonus.multiple_of_block_amount or 0, lang=lang)
    return _t(lang, f"{times}× de jaarwaarde van het blok", f"{times}× the block's year value")


def _unverified(flag: bool) -> str:
    return "" if flag else " *"


# ---------------------------------------------------------------------------------------------
# Time rules and obligation defaults as comparable (key, value) pairs.


def time_items(t: TimeRules, lang: Lang) -> list[tuple[str, str, str]]:
    """(key, label, value) of a catalog's time rules; values are plain and comparable."""
    ref = (
        _num(t.reference_hours_per_week, lang)
        if t.reference_hours_per_week is not None
        else _t(lang, "eigen werkweek van de opdrachtnemer", "supplier's own full-time week")
    )
    return [
        (
            "reference_hours_per_week",
            _t(lang, "referentie-werkweek (uur)", "full-time week (h)"),
            ref,
        ),
        (
            "duration_unit",
            _t(lang, "duur gemeten in", "duration measured in"),
            label("duration_unit", t.duration_unit, lang),
        ),
        (
            "days_per_year",
            _t(lang, "dagen per jaar", "days per year"),
            label("days_per_year", t.days_per_year, lang),
        ),
        (
            "time_basis",
            _t(lang, "tijdsbasis", "time basis"),
            label("time_basis", t.time_basis, lang),
        ),
        (
            "annual_hours",
            _t(lang, "uren per jaar", "hours per year"),
            "-" if t.annual_hours is None else str(t.annual_hours),
        ),
        (
            "cap_hours_at_reference",
            _t(lang, "uren boven werkweek tellen niet", "hours above full-time do not count"),
            _yes(t.cap_hours_at_reference, lang),
        ),
        (
            "min_hours_per_week",
            _t(lang, "minimum uren per week", "minimum hours a week"),
            "-" if t.min_hours_per_week is None else _num(t.min_hours_per_week, lang),
        ),
        ("verified", text("verified", lang).lower(), _yes(t.verified, lang)),
    ]


def eligibility_items(e: Eligibility, lang: Lang) -> list[tuple[str, str, str]]:
    """(key, label, value) of a catalog's rules for people: the peildatum and the month limits
    (``-`` where the catalog sets none)."""

    def months(v: int | None) -> str:
        return "-" if v is None else str(v)

    return [
        (
            "reference_date",
            _t(lang, "peildatum (leeftijd en doelgroep)", "reference date (age and target group)"),
            label("reference_date", e.reference_date, lang),
        ),
        (
            "prior_start_months",
            _t(
                lang,
                "mag voor het contract begonnen zijn (maanden)",
                "may have started before the contract (months)",
            ),
            months(e.prior_start_months),
        ),
        (
            "ww_no_prior_employment_months",
            _t(
                lang,
                "WW: niet bij dezelfde werkgever gewerkt in de maanden ervoor",
                "WW: no work for the same employer in the months before",
            ),
            months(e.ww_no_prior_employment_months),
        ),
        (
            "nug_registered_more_than_months",
            _t(
                lang,
                "zonder uitkering: langer ingeschreven als werkzoekende dan (maanden)",
                "without benefit: registered as unemployed for more than (months)",
            ),
            months(e.nug_registered_more_than_months),
        ),
        (
            "status_retained_months",
            _t(
                lang,
                "doelgroepstatus blijft na vertrek uit de doelgroep (maanden)",
                "target-group status kept after leaving the group (months)",
            ),
            months(e.status_retained_months),
        ),
        ("verified", text("verified", lang).lower(), _yes(e.verified, lang)),
    ]


def _by_contract_type(
    key: str, values: Mapping[ContractType, Decimal], show: Callable[[Decimal], str], lang: Lang
) -> list[tuple[str, str, str]]:
    """One (key, label, value) per contract type of a by-type term (``threshold_works``:
    ``drempel werken``), in the order of the type codes."""
    word = _t(lang, "drempel", "threshold") if key == "threshold" else key
    return [
        (f"{key}_{kind}", f"{word} {label('contract_type', kind, lang)}", show(v))
        for kind, v in sorted(values.items())
    ]


def obligation_items(o: ObligationRules, lang: Lang) -> list[tuple[str, str, str]]:
    """(key, label, value) of a catalog's default obligation terms."""

    def eur(v: Decimal | None) -> str:
        return "-" if v is None else format_eur(v, lang=lang)

    def pct(v: Decimal | None) -> str:
        return "-" if v is None else percent_text(v, lang)

    items = [
        (
            "percentage",
            _t(lang, "percentage", "percentage"),
            pct(o.percentage)
            if o.percentage is not None
            else _t(lang, "niet vermeld", "not stated"),
        ),
        ("base", _t(lang, "grondslag", "base"), label("base", o.base, lang)),
    ]
    items += _by_contract_type("percentage", o.percentage_by_contract_type, pct, lang)
    items += [
        (
            "labour_cost_percentage",
            _t(lang, "percentage van de loonsom", "labour-cost percentage"),
            pct(o.labour_cost_percentage),
        ),
        ("threshold", _t(lang, "drempelbedrag", "threshold"), eur(o.threshold)),
        (
            "threshold_follows_eu",
            _t(lang, "drempel volgt de Europese drempel", "threshold follows the EU threshold"),
            label("follows_eu", o.threshold_follows_eu, lang) if o.threshold_follows_eu else "-",
        ),
        (
            "threshold_inclusive",
            _t(lang, "drempel inclusief (vanaf)", "threshold inclusive (from)"),
            _yes(o.threshold_inclusive, lang),
        ),
    ]
    items += _by_contract_type("threshold", o.threshold_by_contract_type, eur, lang)
    items += [
        ("maximum", _t(lang, "maximum", "maximum"), eur(o.maximum)),
        (
            "contract_types",
            _t(lang, "soorten opdracht", "contract types"),
            ", ".join(label("contract_type", k, lang) for k in o.contract_types)
            or _t(lang, "alle", "all"),
        ),
        (
            "min_duration_months",
            _t(lang, "minimale looptijd (maanden)", "minimum duration (months)"),
            "-" if o.min_duration_months is None else str(o.min_duration_months),
        ),
    ]
    for ls in o.labour_share_rules:
        kinds = ", ".join(label("contract_type", k, lang) for k in ls.contract_types)
        items.append(
            (
                f"labour_share_below_{_s(ls.below_labour_share_percent)}",
                _t(lang, "arbeidsaandeel < ", "labour share < ")
                + percent_text(ls.below_labour_share_percent, lang)
                + (f" ({kinds})" if kinds else ""),
                pct(ls.percentage),
            )
        )
    for p in o.pso:
        if p.exempt:
            effect = _t(lang, "vrijstelling", "exempt")
        elif p.reduction_percent is None:
            effect = text("not_stated", lang)
        else:
            effect = "-" + percent_text(p.reduction_percent, lang)
        items.append((f"pso_{p.level}", p.label_nl, effect))
    if o.offer_percentage_min is not None or o.offer_percentage_max is not None:
        items.append(
            (
                "offer_percentage",
                _t(lang, "aan te bieden percentage", "offered percentage range"),
                f"{pct(o.offer_percentage_min)} – {pct(o.offer_percentage_max)}",
            )
        )
    if o.offer_sets_yearly_minimum:
        items.append(
            (
                "offer_sets_yearly_minimum",
                _t(
                    lang,
                    "aangeboden percentage is ook een minimum per contractjaar",
                    "the offered percentage is also a minimum per contract year",
                ),
                _yes(True, lang),
            )
        )
    return items


# ---------------------------------------------------------------------------------------------
# A catalog in a notebook.

_CSS = (
    "<style>.bbc table{border-collapse:collapse;margin:4px 0 10px}.bbc td,.bbc th{padding:2px 8px;"
    "border-bottom:1px solid #ddd;text-align:left;vertical-align:top}"
    ".bbc td.n{text-align:right;white-space:nowrap}.bbc .u{color:#a33}"
    ".bbc code{white-space:nowrap}</style>"
)


def _mark(ok: bool, lang: Lang, *items: object) -> str:
    """The unverified mark; its tooltip carries the notes of ``items`` in ``lang``."""
    if ok:
        return ""
    notes = [n for n in (note_text(i, lang) for i in items) if n]
    head = text("unverified", lang) + (":" if notes else "")
    tip = escape(" ".join([head, *notes]), quote=True)
    return f" <span class='u' title='{tip}'>*</span>"


def _targets(blocks: tuple[str, ...], categories: tuple[str, ...], lang: Lang) -> str:
    return ", ".join([*blocks, *(label("category", k, lang) for k in categories)])


def catalog_text(catalog: Catalog, *, lang: Lang = "nl") -> str:
    """The catalog as plain text (what ``bouwblokken show`` prints): its edition and sources,
    the blocks with their rule and limit, bonuses, share caps, time rules and the default
    obligation, in Dutch or English; unverified items marked."""
    c = catalog

    def eur(v: Decimal) -> str:
        return format_eur(v, lang=lang)

    parts = []
    head = [
        f"{_t(lang, c.title_nl, c.title_en)}  ({c.key}){_unverified(c.verified)}",
        f"{text('issuer', lang)}: {c.issuer}",
        f"{text('in_force', lang)}: {_d(c.effective_from, lang)} "
        f"{text('until', lang)} {_d(c.effective_until, lang, open_end=True)} "
        f"({text('chosen_by', lang)} {label('basis', c.effective_basis, lang)})",
    ]
    if c.members:
        head.append(f"{text('members', lang)}: {', '.join(c.members)}")
    head.append(f"{text('file', lang)}: {c.path or '-'}  sha256:{c.fingerprint[:16]}…")
    head.extend(f"  {n}" for n in notes_text(c, lang))
    parts.append("\n".join(head))

    label_cols = (
        [_t(lang, "Bouwblok", "Label (nl)")] if lang == "nl" else ["Label (nl)", "Label (en)"]
    )
    rows = [
        [
            "Id",
            *label_cols,
            text("category", lang),
            text("rule_amount", lang),
            text("limit", lang),
        ]
    ]
    any_unverified = not c.verified
    for b in c.blocks:
        ok = b.verified and b.rule.verified
        any_unverified |= not ok
        labels = [b.label_nl] if lang == "nl" else [b.label_nl, b.label_en]
        rows.append(
            [
                b.id + _unverified(ok),
                *labels,
                label("category", b.category, lang),
                rule_text(b, lang),
                limit_text(b, lang),
            ]
        )
    parts.append(text("blocks", lang) + "\n" + align(rows))

    if c.bonuses:
        brows = [["Id", *column_names(BONUS_COLUMNS, lang)]]
        for bo in c.bonuses:
            any_unverified |= not bo.verified
            brows.append(
                [
                    bo.id + _unverified(bo.verified),
                    _t(lang, bo.label_nl, bo.label_en),
                    bonus_amount_text(bo, lang),
                    bonus_unit_text(bo, lang),
                    bonus_condition_text(bo, lang),
                    _targets(bo.blocks, bo.categories, lang),
                ]
            )
        parts.append(text("bonuses", lang) + "\n" + align(brows, right=(2,)))

    if c.share_caps:
        crows = [
            [
                "Id",
                text("cap", lang),
                text("max_share", lang),
                text("min_per_item", lang),
                text("applies_to", lang),
            ]
        ]
        for cap in c.share_caps:
            any_unverified |= not cap.verified
            crows.append(
                [
                    cap.id + _unverified(cap.verified),
                    _t(lang, cap.label_nl, cap.label_en),
                    percent_text(cap.max_share_percent, lang),
                    "-" if cap.min_amount_per_item is None else eur(cap.min_amount_per_item),
                    _targets(cap.blocks, cap.categories, lang),
                ]
            )
        parts.append(text("share_caps", lang) + "\n" + align(crows))

    trows = [[text("time_rule", lang), text("value", lang)]]
    trows += [[label, value] for _, label, value in time_items(c.time, lang)]
    parts.append(align(trows))
    orows = [[text("default_obligation", lang), text("value", lang)]]
    orows += [[label, value] for _, label, value in obligation_items(c.obligation, lang)]
    parts.append(align(orows))

    src = [text("sources", lang) + ":"]
    for s in c.sources:
        title = f"{s.title} " if s.title else ""
        src.append(f"  [{s.reliability}] {title}{s.url}")
    parts.append("\n".join(src))
    if any_unverified:
        parts.append(text("unverified_note", lang))
    return "\n\n".join(parts)


def catalog_html(catalog: Catalog, *, lang: Lang = "nl") -> str:
    """A catalog edition as HTML: its head, blocks grouped by category (value, rule, counting
    limit, unverified marks), bonuses and share caps. Shown by ``Catalog._repr_html_``."""
    c = catalog
    t = _t

    def e(v: str) -> str:
        return escape(v)

    parts = [
        f"<h4>{e(t(lang, c.title_nl, c.title_en))} <small>({e(c.key)})</small>"
        f"{_mark(c.verified, lang)}</h4>",
        f"<div>{e(t(lang, 'Uitgever', 'Issuer'))}: {e(c.issuer)} · "
        f"{e(t(lang, 'geldig vanaf', 'in force from'))} {e(_d(c.effective_from, lang))} "
        f"{e(t(lang, 't/m', 'until'))} {e(_d(c.effective_until, lang, open_end=True))}</div>",
    ]
    head = (
        f"<tr><th>{text('block', lang)}</th><th>Id</th><th>{text('value', lang)}</th>"
        f"<th>{text('rule', lang)}</th><th>{text('limit', lang)}</th></tr>"
    )
    for cat in WORDS["category"]:
        blocks = [b for b in c.blocks if b.category == cat]
        if not blocks:
            continue
        rows = []
        for b in blocks:
            amount = b.fixed_amount
            rows.append(
                f"<tr><td>{e(t(lang, b.label_nl, b.label_en))}"
                f"{_mark(b.verified and b.rule.verified, lang, b, b.rule)}</td>"
                f"<td><code>{e(b.id)}</code></td>"
                f"<td class='n'>{'' if amount is None else e(format_eur(amount, lang=lang))}</td>"
                f"<td>{e(rule_text(b, lang))}</td><td>{e(limit_text(b, lang))}</td></tr>"
            )
        parts.append(
            f"<h5>{e(label('category', cat, lang).capitalize())}</h5><table>{head}"
            + "".join(rows)
            + "</table>"
        )
    if c.bonuses:
        rows = [
            f"<tr><td>{e(t(lang, bo.label_nl, bo.label_en))}{_mark(bo.verified, lang, bo)}</td>"
            f"<td class='n'>{e(bonus_amount_text(bo, lang))}</td>"
            f"<td>{e(bonus_unit_text(bo, lang))}</td>"
            f"<td>{e(bonus_condition_text(bo, lang))}</td>"
            f"<td>{e(_targets(bo.blocks, bo.categories, lang))}"
            "</td></tr>"
            for bo in c.bonuses
        ]
        parts.append(
            f"<h5>{text('bonuses', lang)}</h5><table><tr><th>{text('bonus', lang)}</th>"
            f"<th>{text('amount', lang)}</th><th>{text('unit', lang)}</th>"
            f"<th>{text('condition', lang)}</th><th>{text('applies_to', lang)}</th></tr>"
            + "".join(rows)
            + "</table>"
        )
    if c.share_caps:
        rows = [
            f"<tr><td>{e(t(lang, cap.label_nl, cap.label_en))}{_mark(cap.verified, lang, cap)}</td>"
            f"<td class='n'>{e(percent_text(cap.max_share_percent, lang))}</td>"
            f"<td>{e(_targets(cap.blocks, cap.categories, lang))}"
            "</td></tr>"
            for cap in c.share_caps
        ]
        parts.append(
            f"<h5>{text('share_caps', lang)}</h5><table><tr><th></th>"
            f"<th>{text('max_share', lang)}</th><th>{text('applies_to', lang)}</th></tr>"
            + "".join(rows)
            + "</table>"
        )
    if not c.verified or any(not (b.verified and b.rule.verified) for b in c.blocks):
        parts.append(f"<div class='u'><small>{e(text('unverified_note', lang))}</small></div>")
    return f"{_CSS}<div class='bbc'>{''.join(parts)}</div>"


def catalog_dataframe(catalog: Catalog, *, lang: Lang = "nl") -> Any:
    """One row per block (pandas): id, label, category, rule, amount (exact ``Decimal``),
    counting limit, verified. Column names and words in ``lang``."""
    from bouwblokken.display.frame import _pandas

    pd = _pandas()
    rows = [
        {
            text("block_id", lang): b.id,
            text("block", lang): _t(lang, b.label_nl, b.label_en),
            text("category", lang): label("category", b.category, lang),
            text("rule", lang): label("rule", b.rule.kind, lang),
            text("amount", lang): b.fixed_amount,
            text("limit", lang): limit_text(b, lang),
            text("verified", lang): b.verified and b.rule.verified,
        }
        for b in catalog.blocks
    ]
    return pd.DataFrame(rows)


def comparison_html(cmp: Any, *, lang: Lang = "nl") -> str:
    """Two catalogs side by side (a :class:`~bouwblokken.compare.CatalogComparison`): matched
    blocks with their values, B − A and counting limits, then the bonuses."""
    a, b = cmp.a, cmp.b

    def e(v: str) -> str:
        return escape(v)

    def amount(block: Block | None) -> str:
        v = block.fixed_amount if block is not None else None
        return "" if v is None else e(format_eur(v, lang=lang))

    rows = []
    for p in cmp.blocks:
        diff = p.difference
        rows.append(
            "<tr>"
            f"<td><code>{e(p.a.id) if p.a else ''}</code></td><td class='n'>{amount(p.a)}</td>"
            f"<td><code>{e(p.b.id) if p.b else ''}</code></td><td class='n'>{amount(p.b)}</td>"
            f"<td class='n'>{'' if diff is None else e(format_eur(diff, lang=lang))}</td>"
            f"<td>{e(label('match', p.how, lang))}</td>"
            f"<td>{e(limit_text(p.a, lang)) if p.a else ''}</td>"
            f"<td>{e(limit_text(p.b, lang)) if p.b else ''}</td>"
            f"<td><small>{e(p.note)}</small></td></tr>"
        )
    head = (
        f"<tr><th>A: {e(a.key)}</th><th></th><th>B: {e(b.key)}</th><th></th>"
        f"<th>{text('difference', lang)}</th><th>{_t(lang, 'Koppeling', 'Matched by')}</th>"
        f"<th>{text('limit', lang)} A</th><th>{text('limit', lang)} B</th><th></th></tr>"
    )
    bonus_rows = "".join(
        f"<tr><td>{e(bp.a.label_nl) if bp.a else ''}</td>"
        f"<td class='n'>{e(bonus_amount_text(bp.a, lang)) if bp.a else ''}</td>"
        f"<td>{e(bp.b.label_nl) if bp.b else ''}</td>"
        f"<td class='n'>{e(bonus_amount_text(bp.b, lang)) if bp.b else ''}</td>"
        f"<td class='n'>{'' if bp.difference is None else e(format_eur(bp.difference, lang=lang))}"
        "</td></tr>"
        for bp in cmp.bonuses
    )
    return (
        f"{_CSS}<div class='bbc'><h4>{e(_t(lang, a.title_nl, a.title_en))} · "
        f"{e(_t(lang, b.title_nl, b.title_en))}</h4><table>{head}{''.join(rows)}</table>"
        f"<h5>{text('bonuses', lang)}</h5><table><tr><th>A</th><th></th><th>B</th><th></th>"
        f"<th>{text('difference', lang)}</th></tr>{bonus_rows}</table></div>"
    )
