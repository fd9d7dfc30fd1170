"""Valuing one activity under one catalog edition: an exact amount and a trail to check by hand.

The common reading (primer, "How a value is computed")::

    value = block value per full-time year
            × min(hours per week ÷ reference hours, 1)
            × counted duration ÷ one year

with the counted duration cut at the block's counting limit. Bonuses are added per year pro
rata (like the base) or once. Everything is computed in exact fractions and rounded **once**,
at the end, to whole cents, half up (:func:`bouwblokken.money.round_cents`).

Every euro that does *not* count is reported too (:class:`NotCounted`): beyond the counting
limit, hours above the reference week, below the minimum hours, above a per-day maximum, or
days the ledger took out (:class:`Exclusion`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Literal, TypeVar

from bouwblokken.activity import Activity
from bouwblokken.catalog.model import (
    ActualCostsRule,
    AfterInternship,
    AgeBelow,
    AgreedRule,
    Block,
    Bonus,
    Catalog,
    FlagCondition,
    InvoiceRule,
    LimitAgreed,
    LimitAlways,
    LimitMonths,
    LimitNotStated,
    LimitWhileSubsidy,
    MinAge,
    OneOffRule,
    PerActivityRule,
    PerHourRule,
    PerMonthRule,
    PerPeriodRule,
    PerYearRule,
)
from bouwblokken.errors import ValuationError
from bouwblokken.money import Lang, format_eur, format_number, round_cents
from bouwblokken.periods import (
    Period,
    clip,
    days_by_year_length,
    days_inclusive,
    limit_end,
    months_in,
    normalise,
    subtract,
    total_days,
)

_T = TypeVar("_T")

__all__ = ["Exclusion", "NotCounted", "TrailLine", "Valuation", "value_activity"]


@dataclass(frozen=True, slots=True)
class Exclusion:
    """Days the caller (the ledger) takes out of an activity's period, and why."""

    start: date
    end: date
    reason: str
    nl: str
    en: str


@dataclass(frozen=True, slots=True)
class TrailLine:
    """One step of a valuation in words, with its exact contribution (None for a note)."""

    kind: Literal["base", "bonus", "limit", "cap", "note", "total"]
    nl: str
    en: str
    amount: Fraction | None = None

    def text(self, lang: Lang = "nl") -> str:
        return self.nl if lang == "nl" else self.en


@dataclass(frozen=True, slots=True)
class NotCounted:
    """Value an activity would have had but that does not count, with the reason."""

    reason: str
    """Machine code: counting_limit, hours_cap, min_hours, max_per_day, max_hours_per_week, or
    the ledger's reason for an exclusion."""
    nl: str
    en: str
    exact: Fraction
    amount: Decimal = Decimal("-1")
    """In whole cents. Within one valuation the parts are rounded together (largest
    remainder), so counted + not counted = the activity's full value, to the cent."""

    def __post_init__(self) -> None:
        if self.amount == Decimal("-1"):
            object.__setattr__(self, "amount", round_cents(self.exact))

    def text(self, lang: Lang = "nl") -> str:
        return self.nl if lang == "nl" else self.en


def allocate_cents(total: Decimal, parts: Sequence[Fraction]) -> list[Decimal]:
    """Split ``total`` (whole cents) over exact ``parts`` by largest remainder: each part gets
    its value rounded down or up, and the parts add up to ``total`` exactly."""
    cents = [(p * 100).__floor__() for p in parts]
    left = int(total * 100) - sum(cents)
    if not 0 <= left <= len(parts):
        return [round_cents(p) for p in parts]
    order = sorted(range(len(parts)), key=lambda i: (-(parts[i] * 100 - cents[i]), i))
    for i in order[:left]:
        cents[i] += 1
    return [(Decimal(c) / 100).quantize(Decimal("0.01")) for c in cents]


@dataclass(frozen=True)
class Valuation:
    """The counted value of one activity, the edition that gave it, and why."""

    activity: Activity
    catalog: str
    """The exact edition, ``id@edition``."""
    fingerprint: str
    block: str
    label_nl: str
    label_en: str
    category: str
    rule: str
    exact: Fraction
    amount: Decimal
    lines: tuple[TrailLine, ...]
    not_counted: tuple[NotCounted, ...] = ()
    counted_periods: tuple[Period, ...] = ()
    """Days this valuation counts (dated pro-rata blocks only): what the ledger books as the
    person's counted days."""
    one_off_bonuses: tuple[str, ...] = field(default=())
    """Ids of the one-off bonuses included (the ledger grants each once per person)."""

    def explain(self, lang: Lang = "nl") -> str:
        """The trail as lines of text, headed by the edition."""
        head = (
            f"Catalogus {self.catalog}, bouwblok {self.block}"
            if lang == "nl"
            else f"Catalog {self.catalog}, block {self.block}"
        )
        rows = [head] + [f"  {ln.text(lang)}" for ln in self.lines]
        for nc in self.not_counted:
            label = "telt niet" if lang == "nl" else "does not count"
            rows.append(f"  {label}: {nc.text(lang)} ({format_eur(nc.exact, lang=lang)})")
        return "\n".join(rows)

    def __str__(self) -> str:
        return self.explain("nl")

    def _repr_html_(self) -> str:
        from html import escape

        items = "".join(f"<li>{escape(ln.nl)}</li>" for ln in self.lines)
        lost = "".join(
            f"<li>telt niet: {escape(nc.nl)} ({escape(format_eur(nc.exact))})</li>"
            for nc in self.not_counted
        )
        return (
            f"<div class='bouwblokken-valuation'><b>{escape(self.label_nl)}</b>: "
            f"{escape(format_eur(self.amount))} <small>({escape(self.catalog)})</small>"
            f"<ul>{items}{lost}</ul></div>"
        )


# ---------------------------------------------------------------------------------------------
# Formatting helpers for the trail.


def _num(value: Fraction | Decimal | int, lang: Lang) -> str:
    """A number as a person writes it: 24, 22,5, or an exact fraction 15/31."""
    f = Fraction(value)
    if f.denominator == 1:
        return format_number(f.numerator, lang=lang, decimals=0)
    d = Decimal(f.numerator) / Decimal(f.denominator)
    if Fraction(d) == f and len(str(d)) <= 10:
        text = format(d.normalize(), "f")
        return text.replace(".", ",") if lang == "nl" else text
    whole, rest = divmod(f.numerator, f.denominator)
    return f"{whole} {rest}/{f.denominator}" if whole else f"{rest}/{f.denominator}"


def _months(value: Fraction, lang: Lang) -> str:
    """Months as a numerator: ``6``, ``2,5``, ``(15/31)`` or ``(2 + 6/31)``, so that the
    ``/12`` after it reads right."""
    text = _num(value, lang)
    return f"({text.replace(' ', ' + ')})" if "/" in text else text


def _eur(value: Fraction | Decimal | int, lang: Lang) -> str:
    return format_eur(value, lang=lang)


@dataclass(frozen=True, slots=True)
class _Factor:
    """A multiplier with its text in both languages, e.g. 24/36 uur."""

    value: Fraction
    nl: str
    en: str


# ---------------------------------------------------------------------------------------------
# The valuation.


class _Context:
    """Inputs resolved once per valuation: hours factor, periods, errors naming the record."""

    def __init__(
        self, catalog: Catalog, block: Block, activity: Activity, granted: Mapping[str, str]
    ) -> None:
        self.catalog = catalog
        self.block = block
        self.activity = activity
        self.granted = granted
        self.one_offs: list[str] = []
        self.notes: list[TrailLine] = []
        self.not_counted: list[NotCounted] = []

    def need(self, value: _T | None, field_name: str, what: str) -> _T:
        if value is None:
            raise ValuationError(
                f"needed for block {self.block.id!r} ({self.block.rule.kind}): {what}",
                field=field_name,
                record=self.activity.label,
            )
        return value

    def period(self) -> Period:
        a = self.activity
        start = self.need(a.start, "start", "the first day of the activity")
        end = self.need(a.end, "end", "the last day of the activity (inclusive)")
        return (start, end)

    def duration(self, pieces: Sequence[Period], unit: str) -> _Factor:
        """Counted duration as a fraction of a year, in the catalog's unit."""
        t = self.catalog.time
        if unit == "days":
            if t.days_per_year != "actual":
                days = total_days(pieces)
                return _Factor(
                    Fraction(days, t.days_per_year),
                    f"{days}/{t.days_per_year} dagen",
                    f"{days}/{t.days_per_year} days",
                )
            by_length = days_by_year_length(pieces)
            if not by_length:
                by_length = {365: 0}
            value = sum((Fraction(d, n) for n, d in by_length.items()), Fraction(0))
            terms = " + ".join(f"{d}/{n}" for n, d in sorted(by_length.items()))
            return _Factor(value, f"{terms} dagen", f"{terms} days")
        if unit == "weeks":
            weeks = sum(days_inclusive(s, e) // 7 for s, e in pieces)
            rest = total_days(pieces) - 7 * weeks
            nl = f"{weeks}/52 weken" + (
                f" ({rest} dagen buiten hele weken tellen niet)" if rest else ""
            )
            en = f"{weeks}/52 weeks" + (
                f" ({rest} days outside whole weeks do not count)" if rest else ""
            )
            return _Factor(Fraction(weeks, 52), nl, en)
        months = sum((months_in(s, e) for s, e in pieces), Fraction(0))
        return _Factor(
            months / 12,
            f"{_months(months, 'nl')}/12 maanden",
            f"{_months(months, 'en')}/12 months",
        )

    def months(self, pieces: Sequence[Period]) -> Fraction:
        return sum((months_in(s, e) for s, e in pieces), Fraction(0))

    def reference_hours(self) -> tuple[Fraction, str]:
        time = self.catalog.time
        if time.reference_week == "fixed":
            assert time.reference_hours_per_week is not None
            return Fraction(time.reference_hours_per_week), "catalog"
        own = self.need(
            self.activity.fulltime_hours_per_week,
            "fulltime_hours_per_week",
            "the supplier's own full-time week (this catalog measures hours against it)",
        )
        return Fraction(own), "supplier"

    def hours_factor(self, *, capped: bool = True) -> _Factor:
        """hours per week ÷ reference week, at most 1 when the catalog caps it."""
        hours = Fraction(
            self.need(self.activity.hours_per_week, "hours_per_week", "hours per week")
        )
        if self.block.max_hours_per_week is not None and capped:
            hours = min(hours, Fraction(self.block.max_hours_per_week))
        ref, _ = self.reference_hours()
        value = hours / ref
        if capped and self.catalog.time.cap_hours_at_reference:
            value = min(value, Fraction(1))
            hours = min(hours, ref)
        return _Factor(
            value,
            f"{_num(hours, 'nl')}/{_num(ref, 'nl')} uur",
            f"{_num(hours, 'en')}/{_num(ref, 'en')} hours",
        )


def _min_hours(catalog: Catalog, block: Block) -> Decimal | None:
    if block.min_hours_per_week is not None:
        return block.min_hours_per_week
    return catalog.time.min_hours_per_week


def _limit_cut(ctx: _Context, start: date) -> tuple[date | None, str, str]:
    """Last counted day by the block's counting limit (None: no cut) and its description."""
    limit = ctx.block.counting_limit
    if isinstance(limit, LimitMonths):
        return (
            limit_end(start, limit.months),
            f"duur van meetellen max. {limit.months} maanden",
            f"counting limit {limit.months} months",
        )
    if isinstance(limit, LimitWhileSubsidy):
        end = ctx.need(
            ctx.activity.subsidy_end,
            "subsidy_end",
            "the last day of the wage-cost subsidy (the block counts while it runs)",
        )
        return (end, "telt zolang de loonkostensubsidie loopt", "counts while the subsidy runs")
    if isinstance(limit, LimitAlways):
        return (None, "telt altijd mee", "always counts")
    if isinstance(limit, LimitAgreed):
        return (None, "telt voor de afgesproken periode", "counts for the agreed period")
    assert isinstance(limit, LimitNotStated)
    return (None, "duur van meetellen niet vermeld in de bron", "counting limit not stated")


def _condition_holds(ctx: _Context, bonus: Bonus) -> bool | None:
    """True/False, or None when the input needed to judge it is missing."""
    cond = bonus.condition
    a = ctx.activity
    if isinstance(cond, MinAge):
        return None if a.age is None else a.age >= cond.age
    if isinstance(cond, AgeBelow):
        return None if a.age is None else a.age < cond.age
    if isinstance(cond, FlagCondition):
        return any(f in a.flags for f in cond.any_of)
    assert isinstance(cond, AfterInternship)
    if not all(f in a.flags for f in cond.flags):
        return False
    return None if a.internship_months is None else a.internship_months >= cond.months


def _applicable_bonuses(ctx: _Context) -> list[Bonus]:
    candidates = []
    for bonus in ctx.catalog.bonuses_for(ctx.block):
        holds = _condition_holds(ctx, bonus)
        if holds is None:
            missing_nl, missing_en = (
                ("leeftijd", "age")
                if isinstance(bonus.condition, MinAge | AgeBelow)
                else ("stageduur", "internship_months")
            )
            ctx.notes.append(
                TrailLine(
                    "note",
                    f"bonus {bonus.label_nl} niet beoordeeld: {missing_nl} ontbreekt",
                    f"bonus {bonus.label_en} not judged: {missing_en} missing",
                )
            )
        elif holds:
            candidates.append(bonus)
    replaced = {r for b in candidates for r in b.replaces}
    for b in candidates:
        if b.id in replaced:
            by = next(c for c in candidates if b.id in c.replaces)
            ctx.notes.append(
                TrailLine(
                    "note",
                    f"bonus {b.label_nl} vervalt: vervangen door {by.label_nl}",
                    f"bonus {b.label_en} dropped: replaced by {by.label_en}",
                )
            )
    return [b for b in candidates if b.id not in replaced]


def value_activity(
    activity: Activity,
    catalog: Catalog,
    *,
    exclusions: Sequence[Exclusion] = (),
    granted: Mapping[str, str] | None = None,
) -> Valuation:
    """Value ``activity`` under ``catalog``: exact amount, rounded once, with its trail.

    ``exclusions`` are days the ledger does not count (already counted elsewhere, beyond the
    person's limit across activities, outside the contract); their value is reported in
    :attr:`Valuation.not_counted` under the given reason. ``granted`` maps one-off bonus ids
    this person already received to where (they do not count again). A one-off bonus on a
    dated block counts only when the block counts at least one day.

    Raises :class:`~bouwblokken.errors.UnknownBlockError` for a block the edition lacks and
    :class:`~bouwblokken.errors.ValuationError` naming the missing or impossible field.
    """
    block = catalog.block(activity.block, record=activity.label)
    ctx = _Context(catalog, block, activity, granted or {})
    rule = block.rule
    lines: list[TrailLine] = []
    counted_periods: list[Period] = []

    if isinstance(rule, PerYearRule | PerMonthRule) or (
        isinstance(rule, PerPeriodRule) and rule.prorate_duration
    ):
        exact, counted_periods = _value_dated(ctx, lines, exclusions)
    else:
        exact = _value_undated(ctx, lines)

    amount = round_cents(exact)
    lost = [nc for nc in ctx.not_counted if nc.exact != 0]
    gross = round_cents(exact + sum((nc.exact for nc in lost), Fraction(0)))
    shares = allocate_cents(gross - amount, [nc.exact for nc in lost])
    lost = [
        NotCounted(nc.reason, nc.nl, nc.en, nc.exact, share)
        for nc, share in zip(lost, shares, strict=True)
    ]
    parts = [ln for ln in lines if ln.amount is not None]
    if len(parts) > 1 or round_cents(exact) != exact:
        lines.append(
            TrailLine(
                "total",
                f"Totaal: {_eur(exact, 'nl')} (eenmaal afgerond op hele centen, half naar boven)",
                f"Total: {_eur(exact, 'en')} (rounded once to whole cents, half up)",
                exact,
            )
        )
    return Valuation(
        activity=activity,
        catalog=catalog.key,
        fingerprint=catalog.fingerprint,
        block=block.id,
        label_nl=block.label_nl,
        label_en=block.label_en,
        category=block.category,
        rule=rule.kind,
        exact=exact,
        amount=amount,
        lines=tuple(lines + ctx.notes),
        not_counted=tuple(lost),
        counted_periods=tuple(counted_periods),
        one_off_bonuses=tuple(ctx.one_offs),
    )


def _value_undated(ctx: _Context, lines: list[TrailLine]) -> Fraction:
    """Blocks whose value does not depend on a dated period."""
    block, a, rule = ctx.block, ctx.activity, ctx.block.rule
    label_nl, label_en = block.label_nl, block.label_en
    if isinstance(rule, OneOffRule):
        v = Fraction(rule.amount)
        lines.append(
            TrailLine(
                "base",
                f"{label_nl}: eenmalig {_eur(v, 'nl')}",
                f"{label_en}: one-off {_eur(v, 'en')}",
                v,
            )
        )
    elif isinstance(rule, PerPeriodRule):
        n = Fraction(a.periods) if a.periods is not None else Fraction(1)
        v = Fraction(rule.amount) * n
        lines.append(
            TrailLine(
                "base",
                f"{label_nl}: {_eur(rule.amount, 'nl')} × {_num(n, 'nl')} {rule.period_nl}"
                f" = {_eur(v, 'nl')}",
                f"{label_en}: {_eur(rule.amount, 'en')} × {_num(n, 'en')} {rule.period_en}"
                f" = {_eur(v, 'en')}",
                v,
            )
        )
    elif isinstance(rule, PerHourRule):
        v = _value_per_hour(ctx, rule, lines)
    elif isinstance(rule, PerActivityRule):
        v = _value_per_activity(ctx, rule, lines)
    elif isinstance(rule, InvoiceRule):
        inv = Fraction(ctx.need(a.invoice_amount, "invoice_amount", "the invoice amount excl. VAT"))
        pct = Fraction(rule.percentage)
        v = inv * pct / 100
        if pct == 100:
            nl = f"{label_nl}: factuurbedrag excl. btw {_eur(inv, 'nl')}"
            en = f"{label_en}: invoice excl. VAT {_eur(inv, 'en')}"
        else:
            nl = (
                f"{label_nl}: {_num(pct, 'nl')}% × factuurbedrag excl. btw {_eur(inv, 'nl')}"
                f" = {_eur(v, 'nl')}"
            )
            en = (
                f"{label_en}: {_num(pct, 'en')}% × invoice excl. VAT {_eur(inv, 'en')}"
                f" = {_eur(v, 'en')}"
            )
        lines.append(TrailLine("base", nl, en, v))
    elif isinstance(rule, ActualCostsRule):
        v = Fraction(ctx.need(a.costs, "costs", "the costs actually incurred"))
        lines.append(
            TrailLine(
                "base",
                f"{label_nl}: gemaakte kosten {_eur(v, 'nl')}",
                f"{label_en}: costs incurred {_eur(v, 'en')}",
                v,
            )
        )
    else:
        assert isinstance(rule, AgreedRule)
        v = Fraction(
            ctx.need(a.agreed_amount, "agreed_amount", "the amount agreed with the SR adviser")
        )
        text_nl = f"{label_nl}: in overleg vastgesteld bedrag {_eur(v, 'nl')}"
        text_en = f"{label_en}: amount agreed with the adviser {_eur(v, 'en')}"
        if rule.max_per_day is not None:
            days = ctx.need(a.days, "days", "the number of days (this block has a maximum per day)")
            most = Fraction(rule.max_per_day) * days
            if v > most:
                ctx.not_counted.append(
                    NotCounted(
                        "max_per_day",
                        f"boven het maximum van {_eur(rule.max_per_day, 'nl')} per dag",
                        f"above the maximum of {_eur(rule.max_per_day, 'en')} a day",
                        v - most,
                    )
                )
                v = most
                text_nl += (
                    f", max. {_eur(rule.max_per_day, 'nl')} per dag × {days} dagen"
                    f" = {_eur(v, 'nl')}"
                )
                text_en += (
                    f", at most {_eur(rule.max_per_day, 'en')} a day × {days} days"
                    f" = {_eur(v, 'en')}"
                )
        lines.append(TrailLine("base", text_nl, text_en, v))
    # One-off bonuses may sit on undated blocks (e.g. hiring a pupil after an internship).
    for bonus in _applicable_bonuses(ctx):
        if bonus.unit == "one_off":
            v += _one_off(ctx, bonus, lines, counts=True)
        else:
            ctx.notes.append(
                TrailLine(
                    "note",
                    f"bonus {bonus.label_nl} (per jaar) vraagt een gedateerde periode: niet geteld",
                    f"bonus {bonus.label_en} (per year) needs a dated period: not counted",
                )
            )
    return v


def _one_off(
    ctx: _Context, bonus: Bonus, lines: list[TrailLine] | None, *, counts: bool
) -> Fraction:
    """A one-off bonus: once per person (``ctx.granted``), and only if the block counts."""
    b = Fraction(bonus.amount)
    if not counts:
        return Fraction(0)
    owner = ctx.granted.get(bonus.id)
    if owner is not None:
        if lines is not None:
            ctx.not_counted.append(
                NotCounted(
                    "double_count",
                    f"eenmalige bonus {bonus.label_nl} telt al bij {owner}",
                    f"one-off bonus {bonus.label_en} already counts for {owner}",
                    b,
                )
            )
        return Fraction(0)
    if lines is not None:
        lines.append(_one_off_line(bonus, b))
        ctx.one_offs.append(bonus.id)
    return b


def _one_off_line(bonus: Bonus, b: Fraction) -> TrailLine:
    return TrailLine(
        "bonus",
        f"bonus {bonus.label_nl}: eenmalig {_eur(b, 'nl')}",
        f"bonus {bonus.label_en}: one-off {_eur(b, 'en')}",
        b,
    )


def _value_per_hour(ctx: _Context, rule: PerHourRule, lines: list[TrailLine]) -> Fraction:
    a, block = ctx.activity, ctx.block
    hours = Fraction(ctx.need(a.hours, "hours", "the hours spent"))
    if rule.amount is not None:
        rate = Fraction(rule.amount)
        rate_nl, rate_en = _eur(rate, "nl"), _eur(rate, "en")
    else:
        assert rule.year_amount is not None and rule.hours_per_year is not None
        rate = Fraction(rule.year_amount) / rule.hours_per_year
        rate_nl = f"({_eur(rule.year_amount, 'nl')} ÷ {_num(rule.hours_per_year, 'nl')} uur)"
        rate_en = f"({_eur(rule.year_amount, 'en')} ÷ {_num(rule.hours_per_year, 'en')} hours)"
    counted = hours
    if block.max_hours_per_week is not None:
        start, end = ctx.period()
        weeks = Fraction(days_inclusive(start, end), 7)
        most = Fraction(block.max_hours_per_week) * weeks
        if hours > most:
            counted = most
            ctx.not_counted.append(
                NotCounted(
                    "max_hours_per_week",
                    f"uren boven max. {_num(block.max_hours_per_week, 'nl')} per week",
                    f"hours above the maximum of {_num(block.max_hours_per_week, 'en')} a week",
                    (hours - most) * rate,
                )
            )
    v = rate * counted
    lines.append(
        TrailLine(
            "base",
            f"{block.label_nl}: {rate_nl} × {_num(counted, 'nl')} uur = {_eur(v, 'nl')}",
            f"{block.label_en}: {rate_en} × {_num(counted, 'en')} hours = {_eur(v, 'en')}",
            v,
        )
    )
    return v


def _value_per_activity(ctx: _Context, rule: PerActivityRule, lines: list[TrailLine]) -> Fraction:
    a, block = ctx.activity, ctx.block
    n = ctx.need(a.activities, "activities", f"the number of {rule.unit_en}s")
    raw = Fraction(rule.amount) * n
    v = raw
    text_nl = f"{block.label_nl}: {_eur(rule.amount, 'nl')} × {n} {rule.unit_nl}"
    text_en = f"{block.label_en}: {_eur(rule.amount, 'en')} × {n} {rule.unit_en}"
    if rule.max_per_day is not None:
        days = ctx.need(a.days, "days", "the number of days (this block has a maximum per day)")
        most = Fraction(rule.max_per_day) * days
        if raw > most:
            v = most
            text_nl += f", max. {_eur(rule.max_per_day, 'nl')} per dag × {days} dagen"
            text_en += f", at most {_eur(rule.max_per_day, 'en')} a day × {days} days"
            ctx.not_counted.append(
                NotCounted(
                    "max_per_day",
                    f"boven het maximum van {_eur(rule.max_per_day, 'nl')} per dag",
                    f"above the maximum of {_eur(rule.max_per_day, 'en')} a day",
                    raw - most,
                )
            )
    lines.append(
        TrailLine("base", f"{text_nl} = {_eur(v, 'nl')}", f"{text_en} = {_eur(v, 'en')}", v)
    )
    return v


def _value_dated(
    ctx: _Context, lines: list[TrailLine], exclusions: Sequence[Exclusion]
) -> tuple[Fraction, list[Period]]:
    """Per-year, per-month and pro-rata per-period blocks: value over counted periods."""
    block, a, rule, catalog = ctx.block, ctx.activity, ctx.block.rule, ctx.catalog
    worked = catalog.time.time_basis == "worked_hours" and isinstance(rule, PerYearRule)

    # Minimum hours per week: below it the placement does not count at all.
    minimum = _min_hours(catalog, block)
    uses_hours = isinstance(rule, PerYearRule) and rule.prorate_hours and not worked
    if minimum is not None and uses_hours:
        hours = ctx.need(a.hours_per_week, "hours_per_week", "hours per week")
        if hours < minimum:
            start, end = ctx.period()
            lost_all = _dated_total(ctx, [(start, end)], [(start, end)], capped=True)
            ctx.not_counted.append(
                NotCounted(
                    "min_hours",
                    f"minder dan {_num(minimum, 'nl')} uur per week: telt niet",
                    f"fewer than {_num(minimum, 'en')} hours a week: does not count",
                    lost_all,
                )
            )
            lines.append(
                TrailLine(
                    "base",
                    f"{block.label_nl}: {_num(hours, 'nl')} uur per week, minimum is "
                    f"{_num(minimum, 'nl')}: {_eur(0, 'nl')}",
                    f"{block.label_en}: {_num(hours, 'en')} hours a week, minimum is "
                    f"{_num(minimum, 'en')}: {_eur(0, 'en')}",
                    Fraction(0),
                )
            )
            return Fraction(0), []

    if worked:
        return _value_worked_hours(ctx, lines), []

    if isinstance(rule, PerMonthRule) and a.months is not None and a.start is None:
        # A number of months given without dates: no counting-limit arithmetic possible.
        m = Fraction(a.months)
        v = Fraction(rule.amount) * m
        lines.append(
            TrailLine(
                "base",
                f"{block.label_nl}: {_eur(rule.amount, 'nl')} × {_num(m, 'nl')} maanden"
                f" = {_eur(v, 'nl')}",
                f"{block.label_en}: {_eur(rule.amount, 'en')} × {_num(m, 'en')} months"
                f" = {_eur(v, 'en')}",
                v,
            )
        )
        return v, []

    start, end = ctx.period()
    full = [(start, end)]
    cut, limit_nl, limit_en = _limit_cut(ctx, start)
    limited = clip(full, None, cut)
    ex_ranges = [(e.start, e.end) for e in exclusions]
    counted = subtract(limited, ex_ranges)
    bonus_base = subtract(full, ex_ranges)  # for bonuses that count beyond the base's limit

    # Value lost to the counting limit.
    lost = _dated_total(ctx, full, full, capped=True) - _dated_total(
        ctx, limited, full, capped=True
    )
    if lost:
        assert cut is not None
        ctx.not_counted.append(
            NotCounted(
                "counting_limit",
                f"na {cut.isoformat()}: {limit_nl}",
                f"after {cut.isoformat()}: {limit_en}",
                lost,
            )
        )
    # Value lost to each of the ledger's exclusions, in the order given.
    remaining, remaining_b = limited, full
    for ex in exclusions:
        nxt = subtract(remaining, [(ex.start, ex.end)])
        nxt_b = subtract(remaining_b, [(ex.start, ex.end)])
        lost = _dated_total(ctx, remaining, remaining_b, capped=True) - _dated_total(
            ctx, nxt, nxt_b, capped=True
        )
        if lost:
            ctx.not_counted.append(NotCounted(ex.reason, ex.nl, ex.en, lost))
        remaining, remaining_b = nxt, nxt_b
    # Value lost to the full-time cap on hours.
    if uses_hours:
        lost = _dated_total(ctx, counted, bonus_base, capped=False) - _dated_total(
            ctx, counted, bonus_base, capped=True
        )
        if lost:
            ref, _ = ctx.reference_hours()
            ctx.not_counted.append(
                NotCounted(
                    "hours_cap",
                    f"uren boven de {_num(ref, 'nl')}-urige werkweek tellen niet",
                    f"hours above the {_num(ref, 'en')}-hour week do not count",
                    lost,
                )
            )

    total = _dated_total(ctx, counted, bonus_base, capped=True, lines=lines)
    if not isinstance(block.counting_limit, LimitNotStated) or isinstance(rule, PerYearRule):
        if cut is not None and cut < end:
            lines.append(
                TrailLine(
                    "limit",
                    f"{limit_nl}: geteld t/m {cut.isoformat()}",
                    f"{limit_en}: counted up to {cut.isoformat()}",
                )
            )
        elif not isinstance(block.counting_limit, LimitMonths):
            lines.append(TrailLine("note", limit_nl, limit_en))
    return total, normalise(counted)


def _dated_total(
    ctx: _Context,
    pieces: Sequence[Period],
    bonus_pieces: Sequence[Period],
    *,
    capped: bool,
    lines: list[TrailLine] | None = None,
) -> Fraction:
    """Base plus bonuses over counted periods; writes trail lines when ``lines`` is given."""
    block, rule = ctx.block, ctx.block.rule
    label_nl, label_en = block.label_nl, block.label_en
    factors: list[_Factor] = []
    if isinstance(rule, PerYearRule):
        amount, unit = Fraction(rule.amount), rule.duration_unit or ctx.catalog.time.duration_unit
        if rule.prorate_hours:
            factors.append(ctx.hours_factor(capped=capped))
        if rule.prorate_duration:
            factors.append(ctx.duration(pieces, unit))
    elif isinstance(rule, PerMonthRule):
        amount = Fraction(rule.amount)
        if rule.prorate_hours:
            factors.append(ctx.hours_factor(capped=capped))
        m = ctx.months(pieces)
        factors.append(_Factor(m, f"{_num(m, 'nl')} maanden", f"{_num(m, 'en')} months"))
    else:
        assert isinstance(rule, PerPeriodRule) and rule.period_months is not None
        amount = Fraction(rule.amount)
        m = ctx.months(pieces)
        factors.append(
            _Factor(
                m / rule.period_months,
                f"{_months(m, 'nl')}/{rule.period_months} maanden",
                f"{_months(m, 'en')}/{rule.period_months} months",
            )
        )
    base = _product(amount, factors)
    total = base
    if lines is not None:
        lines.append(_product_line("base", label_nl, label_en, amount, factors, base))

    hours_factors = factors[:1] if isinstance(rule, PerYearRule) and rule.prorate_hours else []
    unit = ctx.catalog.time.duration_unit
    if isinstance(rule, PerYearRule) and rule.duration_unit:
        unit = rule.duration_unit
    bonuses = _applicable_bonuses(ctx) if lines is not None else _bonuses_quiet(ctx)
    for bonus in bonuses:
        b_amount = Fraction(bonus.amount)
        if bonus.unit == "one_off":
            total += _one_off(ctx, bonus, lines, counts=bool(pieces))
            continue
        where = pieces if bonus.within_counting_limit else bonus_pieces
        b_factors = [*hours_factors, ctx.duration(where, unit)]
        b = _product(b_amount, b_factors)
        total += b
        if lines is not None:
            lines.append(
                _product_line(
                    "bonus",
                    f"bonus {bonus.label_nl}",
                    f"bonus {bonus.label_en}",
                    b_amount,
                    b_factors,
                    b,
                )
            )
    return total


def _bonuses_quiet(ctx: _Context) -> list[Bonus]:
    """The applicable bonuses without writing notes (for what-if totals)."""
    saved = list(ctx.notes)
    out = _applicable_bonuses(ctx)
    ctx.notes[:] = saved
    return out


def _product(amount: Fraction, factors: Sequence[_Factor]) -> Fraction:
    v = amount
    for f in factors:
        v *= f.value
    return v


def _product_line(
    kind: Literal["base", "bonus"],
    label_nl: str,
    label_en: str,
    amount: Fraction,
    factors: Sequence[_Factor],
    value: Fraction,
) -> TrailLine:
    fmt: Callable[[Lang], str] = lambda lang: " × ".join(  # noqa: E731
        [_eur(amount, lang)] + [f.nl if lang == "nl" else f.en for f in factors]
    )
    return TrailLine(
        kind,
        f"{label_nl}: {fmt('nl')} = {_eur(value, 'nl')}",
        f"{label_en}: {fmt('en')} = {_eur(value, 'en')}",
        value,
    )


def _value_worked_hours(ctx: _Context, lines: list[TrailLine]) -> Fraction:
    """Catalogs that count hours actually worked: year value × hours worked ÷ annual hours."""
    block, rule = ctx.block, ctx.block.rule
    assert isinstance(rule, PerYearRule)
    annual = ctx.catalog.time.annual_hours
    assert annual is not None
    hours = Fraction(ctx.need(ctx.activity.hours, "hours", "the hours actually worked"))
    if ctx.catalog.time.cap_hours_at_reference:
        hours = min(hours, Fraction(annual))
    f = _Factor(
        hours / annual,
        f"{_num(hours, 'nl')}/{_num(annual, 'nl')} gewerkte uren",
        f"{_num(hours, 'en')}/{_num(annual, 'en')} hours worked",
    )
    amount = Fraction(rule.amount)
    v = amount * f.value
    lines.append(_product_line("base", block.label_nl, block.label_en, amount, [f], v))
    for bonus in _applicable_bonuses(ctx):
        b_amount = Fraction(bonus.amount)
        if bonus.unit == "one_off":
            v += _one_off(ctx, bonus, lines, counts=hours > 0)
            continue
        b = b_amount * f.value
        v += b
        lines.append(
            _product_line(
                "bonus", f"bonus {bonus.label_nl}", f"bonus {bonus.label_en}", b_amount, [f], b
            )
        )
    return v
