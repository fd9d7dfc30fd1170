"""Valuing one activity under one catalog edition: an exact amount and a trail to check by hand.

The common reading (primer, "How a value is computed")::

    value = block value per full-time year
            × min(hours per week ÷ reference hours, 1)
            × counted months ÷ 12

Months are counted by the *kalenderdagenmethode* (:mod:`bouwblokken.periods`): a whole calendar
month is 1/12 year, a part of a month its days ÷ the days of that month × 1/12; a catalog may
choose days or weeks instead. Bonuses are added per year pro rata (like the base) or once.
Everything is computed in exact fractions and rounded **once**, at the end, to whole cents,
half up (:func:`bouwblokken.money.round_cents`).

The counted time is found in steps, each of which reports the euros it takes away
(:class:`NotCounted`), so that counted + not counted is always the full value:

1. hours above the reference week (and above a block's maximum hours) do not count;
2. days the ledger takes out (:class:`Exclusion`: outside the contract, after the reporting
   date, ineligible);
3. the part of a full-time week the same person already counts in other placements on the same
   days (:class:`Occupancy`, given by the ledger): together at most one reference week;
4. the counting limit, used up by counted placement time (``limit_used``: the person's days
   already counted against the same limit elsewhere).

Age and target-group status are judged on the peildatum (``peildatum``; the ledger passes the
catalog's, :mod:`bouwblokken.eligibility`).
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
from bouwblokken.eligibility import Peildatum, age_on, check_eligibility, crossing_date
from bouwblokken.errors import ValuationError
from bouwblokken.money import Lang, format_eur, round_cents
from bouwblokken.money import format_exact as _num
from bouwblokken.periods import (
    ONE_DAY,
    Period,
    add_months,
    calendar_months,
    day_text,
    days_by_year_length,
    days_inclusive,
    month_count,
    normalise,
    subtract,
    total_days,
)

_T = TypeVar("_T")

__all__ = [
    "Exclusion",
    "NotCounted",
    "Occupancy",
    "Segment",
    "TrailLine",
    "Valuation",
    "value_activity",
]


@dataclass(frozen=True, slots=True)
class Exclusion:
    """Days the caller (the ledger) takes out of an activity's period, and why."""

    start: date
    end: date
    reason: str
    nl: str
    en: str


@dataclass(frozen=True, slots=True)
class Occupancy:
    """The part of a full-time week (``fraction``, 0..1) that a person already counts on these
    days in another placement (``owner``, ``tender/activity``)."""

    start: date
    end: date
    fraction: Fraction
    owner: str


@dataclass(frozen=True, slots=True)
class Segment:
    """Days on which an activity counts, with the part of a full-time week counted on them
    (hours counted ÷ reference week; 1 for blocks that are not prorated by hours)."""

    start: date
    end: date
    fraction: Fraction


class TrailLine:
    """One step of a valuation in words, with its exact contribution (None for a note).

    The words can be given, or made on first use by ``make(lang)``: most trail lines of a large
    ledger are never printed, so formatting them eagerly would cost more than the arithmetic.
    """

    __slots__ = ("_en", "_make", "_nl", "amount", "kind")

    def __init__(
        self,
        kind: Literal["base", "bonus", "limit", "cap", "note", "total"],
        nl: str | None = None,
        en: str | None = None,
        amount: Fraction | None = None,
        *,
        make: Callable[[Lang], str] | None = None,
    ) -> None:
        if make is None and (nl is None or en is None):
            raise TypeError("a trail line needs its Dutch and English text, or make")
        self.kind = kind
        self.amount = amount
        self._nl, self._en, self._make = nl, en, make

    @property
    def nl(self) -> str:
        if self._nl is None:
            assert self._make is not None
            self._nl = self._make("nl")
        return self._nl

    @property
    def en(self) -> str:
        if self._en is None:
            assert self._make is not None
            self._en = self._make("en")
        return self._en

    @classmethod
    def later(
        cls,
        kind: Literal["base", "bonus", "limit", "cap", "note", "total"],
        words: Callable[..., str],
        *values: object,
        amount: Fraction | None = None,
    ) -> TrailLine:
        """A line worded on first use by ``words(lang, *values)``; the values are taken now,
        so a name bound again later (an amount after a cap) does not change the words."""
        return cls(kind, amount=amount, make=lambda lang: words(lang, *values))

    def text(self, lang: Lang = "nl") -> str:
        return self.nl if lang == "nl" else self.en

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TrailLine):
            return NotImplemented
        return (self.kind, self.nl, self.en, self.amount) == (
            other.kind,
            other.nl,
            other.en,
            other.amount,
        )

    def __hash__(self) -> int:
        return hash((self.kind, self.nl, self.en, self.amount))

    def __repr__(self) -> str:
        return f"TrailLine({self.kind!r}, {self.nl!r}, {self.en!r}, {self.amount!r})"


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
    """Days this valuation counts (dated pro-rata blocks only)."""
    segments: tuple[Segment, ...] = ()
    """The counted days with the part of a full-time week counted on each: what the ledger
    books as the person's occupied time (hours-prorated blocks only, see ``occupies``)."""
    occupies: bool = False
    """Whether the counted segments take up the person's week (every dated block)."""
    occupancy_scale: Fraction = Fraction(1)
    """The part of a week one unit of segment fraction takes: 1, or the hours given for a
    block that is not prorated by hours."""
    limit_periods: tuple[Period, ...] = ()
    """Days this valuation used against its counting limit (new ones only)."""
    limit_hours: Fraction = Fraction(0)
    """Hours worked this valuation used against its counting limit (``worked_hours`` catalogs)."""
    parts: tuple[DatedPart, ...] = ()
    """The dated value components (base, per-year bonuses) with their counted segments: the
    ledger splits the value over contract years with them (:meth:`exact_within`)."""
    one_off_bonuses: tuple[str, ...] = field(default=())
    """Ids of the one-off bonuses included (the ledger grants each once per person)."""
    one_off_amount: Fraction = Fraction(0)
    warnings: tuple[TrailLine, ...] = ()
    """Missing facts for an eligibility rule or bonus (counted all the same; the ledger shows
    them as warnings)."""

    def exact_within(self, start: date, end: date) -> Fraction | None:
        """The exact counted value that falls between ``start`` and ``end`` (one-off bonuses in
        the period of the first counted day); None for an undated valuation."""
        if not self.parts:
            return None
        v = sum((p.within(start, end) for p in self.parts), Fraction(0))
        first = min((s.start for s in self.segments), default=None)
        if first is not None and start <= first <= end:
            v += self.one_off_amount
        return v

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
            rows.append(f"  {label}: {nc.text(lang)} ({format_eur(nc.amount, lang=lang)})")
        return "\n".join(rows)

    def __str__(self) -> str:
        return self.explain("nl")

    def _repr_html_(self) -> str:
        from html import escape

        items = "".join(f"<li>{escape(ln.nl)}</li>" for ln in self.lines)
        lost = "".join(
            f"<li>telt niet: {escape(nc.nl)} ({escape(format_eur(nc.amount))})</li>"
            for nc in self.not_counted
        )
        return (
            f"<div class='bouwblokken-valuation'><b>{escape(self.label_nl)}</b>: "
            f"{escape(format_eur(self.amount))} <small>({escape(self.catalog)})</small>"
            f"<ul>{items}{lost}</ul></div>"
        )


# ---------------------------------------------------------------------------------------------
# Formatting helpers for the trail.


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
    """Inputs resolved once per valuation: hours, age on the peildatum, errors naming the record."""

    def __init__(
        self,
        catalog: Catalog,
        block: Block,
        activity: Activity,
        granted: Mapping[str, str],
        age: int | None,
    ) -> None:
        self.catalog = catalog
        self.block = block
        self.activity = activity
        self.granted = granted
        self.age = age
        self.one_offs: list[str] = []
        self.one_off_total = Fraction(0)
        self.notes: list[TrailLine] = []
        self.warnings: list[TrailLine] = []
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

    def reference_hours(self) -> Fraction:
        time = self.catalog.time
        if time.reference_week == "fixed":
            assert time.reference_hours_per_week is not None
            return Fraction(time.reference_hours_per_week)
        own = self.need(
            self.activity.fulltime_hours_per_week,
            "fulltime_hours_per_week",
            "the supplier's own full-time week (this catalog measures hours against it)",
        )
        return Fraction(own)

    def hours(self) -> Fraction:
        return Fraction(self.need(self.activity.hours_per_week, "hours_per_week", "hours per week"))


def _min_hours(catalog: Catalog, block: Block) -> Decimal | None:
    if block.min_hours_per_week is not None:
        return block.min_hours_per_week
    return catalog.time.min_hours_per_week


def _condition_holds(ctx: _Context, bonus: Bonus) -> bool | None:
    """True/False, or None when the input needed to judge it is missing."""
    cond = bonus.condition
    a = ctx.activity
    if isinstance(cond, MinAge):
        return None if ctx.age is None else ctx.age >= cond.age
    if isinstance(cond, AgeBelow):
        return None if ctx.age is None else ctx.age < cond.age
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
            line = TrailLine(
                "note",
                f"bonus {bonus.label_nl} niet beoordeeld: {missing_nl} ontbreekt",
                f"bonus {bonus.label_en} not judged: {missing_en} missing",
            )
            ctx.notes.append(line)
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


def _age_notes(ctx: _Context, birth_date: date | None, on: Peildatum | None) -> None:
    """Say on which date the age was judged, and any bonus age crossed during the placement."""
    if on is None or on.day is None or ctx.age is None:
        return
    if birth_date is not None:
        ctx.notes.append(
            TrailLine(
                "note",
                f"leeftijd op de peildatum {day_text(on.day)} ({on.nl}): {ctx.age} jaar",
                f"age on the peildatum {day_text(on.day, 'en')} ({on.en}): {ctx.age}",
            )
        )
    a = ctx.activity
    if birth_date is None or a.start is None or a.end is None:
        return
    for bonus in ctx.catalog.bonuses_for(ctx.block):
        cond = bonus.condition
        if not isinstance(cond, MinAge) or ctx.age >= cond.age:
            continue
        turns = crossing_date(birth_date, cond.age)
        if a.start <= turns <= a.end:
            ctx.notes.append(
                TrailLine(
                    "note",
                    f"bonus {bonus.label_nl}: wordt {cond.age} op {day_text(turns)}, tijdens "
                    f"de plaatsing; de leeftijd telt op de peildatum ({day_text(on.day)}: "
                    f"{ctx.age} jaar), dus geen bonus",
                    f"bonus {bonus.label_en}: turns {cond.age} on {turns.isoformat()}, during "
                    f"the placement; age counts on the peildatum ({day_text(on.day, 'en')}: "
                    f"{ctx.age}), so no bonus",
                )
            )


def value_activity(
    activity: Activity,
    catalog: Catalog,
    *,
    exclusions: Sequence[Exclusion] = (),
    occupied: Sequence[Occupancy] = (),
    limit_used: Sequence[Period] = (),
    limit_used_by: Sequence[str] = (),
    limit_used_hours: Fraction = Fraction(0),
    person_block_counted: Fraction = Fraction(0),
    granted: Mapping[str, str] | None = None,
    peildatum: Peildatum | date | None = None,
    birth_date: date | None = None,
) -> Valuation:
    """Value ``activity`` under ``catalog``: exact amount, rounded once, with its trail.

    The ledger passes what it knows about the person beyond this activity:
    ``exclusions`` (days that do not count, and why); ``occupied`` (the part of a full-time
    week the person already counts elsewhere on given days); ``limit_used`` (days already
    counted against this block's counting limit, by the placements ``limit_used_by``;
    ``limit_used_hours`` for catalogs that count hours worked); ``person_block_counted``
    (euros already counted for this person with this block, for a per-person maximum);
    ``granted`` (one-off bonus ids this person already received, and where). ``peildatum`` is
    the date age and status are judged on (default: the start of the activity);
    ``birth_date`` lets the age be computed there.

    Raises :class:`~bouwblokken.errors.UnknownBlockError` for a block the edition lacks and
    :class:`~bouwblokken.errors.ValuationError` naming the missing or impossible field.
    """
    block = catalog.block(activity.block, record=activity.label)
    on = _as_peildatum(peildatum, activity)
    age = _resolve_age(activity, birth_date, on)
    ctx = _Context(catalog, block, activity, granted or {}, age)
    _age_notes(ctx, birth_date or activity.birth_date, on)
    findings = check_eligibility(activity, block, catalog, on.day if on else None)
    ineligible = [f for f in findings if f.kind == "ineligible"]
    for f in findings:
        if f.kind == "missing":
            line = TrailLine("note", f.nl, f.en)
            ctx.notes.append(line)
            ctx.warnings.append(line)
    rule = block.rule
    lines: list[TrailLine] = []
    dated = _Dated()

    if isinstance(rule, PerYearRule | PerMonthRule) or (
        isinstance(rule, PerPeriodRule) and rule.prorate_duration
    ):
        exact, dated = _value_dated(
            ctx, lines, exclusions, occupied, limit_used, limit_used_hours, limit_used_by
        )
    else:
        exact = _value_undated(ctx, lines, person_block_counted)

    if ineligible and exact:
        # One line instead of the computed ones: the placement does not count at all, and the
        # whole value it would have had is reported once, with the rule's reason.
        first = ineligible[0]
        ctx.not_counted.append(NotCounted(first.code, first.nl, first.en, exact))
        for f in ineligible[1:]:
            ctx.notes.append(TrailLine("note", f"ook: {f.nl}", f"also: {f.en}"))
        lines[:] = [
            TrailLine(
                "base",
                f"{block.label_nl}: niet toelaatbaar: {_eur(0, 'nl')}",
                f"{block.label_en}: not eligible: {_eur(0, 'en')}",
                Fraction(0),
            )
        ]
        exact = Fraction(0)
        dated = _Dated()
        ctx.one_offs.clear()
        ctx.one_off_total = Fraction(0)
    if not block.verified or not rule.verified:
        ctx.notes.append(
            TrailLine(
                "note",
                "let op: waarde, eenheid of duur van dit bouwblok is niet geverifieerd in de bron"
                " (zie de toelichting in de catalogus)",
                "note: this block's value, unit or limit is not verified in the source"
                " (see the note in the catalog)",
            )
        )

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
    segments = tuple(s for s in dated.counted if s.fraction > 0)
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
        counted_periods=tuple(normalise([(s.start, s.end) for s in segments])),
        segments=segments,
        occupies=dated.occupies,
        occupancy_scale=dated.scale,
        limit_periods=tuple(dated.limit_new),
        limit_hours=dated.limit_hours,
        parts=tuple(dated.parts),
        one_off_bonuses=tuple(ctx.one_offs),
        one_off_amount=ctx.one_off_total,
        warnings=tuple(ctx.warnings),
    )


def _as_peildatum(value: Peildatum | date | None, activity: Activity) -> Peildatum | None:
    if isinstance(value, Peildatum):
        return value
    if isinstance(value, date):
        return Peildatum(value, "opgegeven", "given")
    if activity.start is not None:
        return Peildatum(activity.start, "start van de plaatsing", "start of the placement")
    return None


def _resolve_age(activity: Activity, birth_date: date | None, on: Peildatum | None) -> int | None:
    born = birth_date or activity.birth_date
    if born is None or on is None or on.day is None:
        return activity.age
    computed = age_on(born, on.day)
    if activity.age is not None and activity.age != computed:
        raise ValuationError(
            f"age {activity.age} does not match the birth date {born.isoformat()}: on the "
            f"peildatum {on.day.isoformat()} the person is {computed}; give one of the two",
            field="age",
            record=activity.label,
        )
    return computed


def _value_undated(
    ctx: _Context, lines: list[TrailLine], person_block_counted: Fraction = Fraction(0)
) -> Fraction:
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
        v = _value_invoice(ctx, rule, lines, person_block_counted)
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
    # One-off bonuses may sit on undated blocks (e.g. hiring a pupil after an internship); a
    # per-year bonus on an hourly block counts its hours as a share of a working year.
    for bonus in _applicable_bonuses(ctx):
        if bonus.unit == "one_off":
            v += _one_off(ctx, bonus, lines, counts=True)
        elif isinstance(rule, PerHourRule):
            v += _per_year_bonus_on_hours(ctx, bonus, rule, lines)
        else:
            ctx.notes.append(
                TrailLine(
                    "note",
                    f"bonus {bonus.label_nl} (per jaar) vraagt een gedateerde periode: niet geteld",
                    f"bonus {bonus.label_en} (per year) needs a dated period: not counted",
                )
            )
    return v


def _value_invoice(
    ctx: _Context, rule: InvoiceRule, lines: list[TrailLine], person_block_counted: Fraction
) -> Fraction:
    label_nl, label_en = ctx.block.label_nl, ctx.block.label_en
    inv = Fraction(
        ctx.need(ctx.activity.invoice_amount, "invoice_amount", "the invoice amount excl. VAT")
    )
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
    if rule.max_per_person is not None:
        room = max(Fraction(rule.max_per_person) - person_block_counted, Fraction(0))
        if v > room:
            ctx.not_counted.append(
                NotCounted(
                    "max_per_person",
                    f"boven het maximum van {_eur(rule.max_per_person, 'nl')} per persoon"
                    + (
                        f" (al {_eur(person_block_counted, 'nl')} geteld)"
                        if person_block_counted
                        else ""
                    ),
                    f"above the maximum of {_eur(rule.max_per_person, 'en')} per person"
                    + (
                        f" ({_eur(person_block_counted, 'en')} already counted)"
                        if person_block_counted
                        else ""
                    ),
                    v - room,
                )
            )
            v = room
            nl += f", max. {_eur(rule.max_per_person, 'nl')} per persoon: {_eur(v, 'nl')}"
            en += f", at most {_eur(rule.max_per_person, 'en')} per person: {_eur(v, 'en')}"
    lines.append(TrailLine("base", nl, en, v))
    return v


def _hours_per_year(ctx: _Context, rule: PerHourRule) -> tuple[Fraction, str, str]:
    """The hours of one working year for an hourly block: the rule's own divisor (year value ÷
    2.080 hours), else the catalog's annual hours, else 52 reference weeks."""
    if rule.hours_per_year is not None:
        n = Fraction(rule.hours_per_year)
        return n, f"{_num(n, 'nl')} uur", f"{_num(n, 'en')} hours"
    if ctx.catalog.time.annual_hours is not None:
        n = Fraction(ctx.catalog.time.annual_hours)
        return n, f"{_num(n, 'nl')} uur", f"{_num(n, 'en')} hours"
    ref = ctx.reference_hours()
    return (
        ref * 52,
        f"(52 × {_num(ref, 'nl')}) uur",
        f"(52 × {_num(ref, 'en')}) hours",
    )


def _per_year_bonus_on_hours(
    ctx: _Context, bonus: Bonus, rule: PerHourRule, lines: list[TrailLine]
) -> Fraction:
    hours = Fraction(ctx.need(ctx.activity.hours, "hours", "the hours spent"))
    per_year, nl_y, en_y = _hours_per_year(ctx, rule)
    b_amount = Fraction(bonus.amount_for(ctx.block))
    b = b_amount * hours / per_year
    lines.append(
        TrailLine(
            "bonus",
            f"bonus {bonus.label_nl}: {_eur(b_amount, 'nl')} × {_num(hours, 'nl')} uur ÷ {nl_y}"
            f" = {_eur(b, 'nl')}",
            f"bonus {bonus.label_en}: {_eur(b_amount, 'en')} × {_num(hours, 'en')} hours ÷ {en_y}"
            f" = {_eur(b, 'en')}",
            b,
        )
    )
    return b


def _one_off(ctx: _Context, bonus: Bonus, lines: list[TrailLine], *, counts: bool) -> Fraction:
    """A one-off bonus: once per person (``ctx.granted``), and only if the block counts."""
    b = Fraction(bonus.amount_for(ctx.block))
    if not counts:
        return Fraction(0)
    owner = ctx.granted.get(bonus.id)
    if owner is not None:
        ctx.not_counted.append(
            NotCounted(
                "double_count",
                f"eenmalige bonus {bonus.label_nl} telt al bij {owner}",
                f"one-off bonus {bonus.label_en} already counts for {owner}",
                b,
            )
        )
        return Fraction(0)
    lines.append(_one_off_line(bonus, b))
    ctx.one_offs.append(bonus.id)
    ctx.one_off_total += b
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


# ---------------------------------------------------------------------------------------------
# Dated blocks: per year, per month, pro-rata per period.


@dataclass(frozen=True, slots=True)
class Measure:
    """How a stretch of days becomes a quantity for one rule: years (per-year rules, in the
    catalog's duration unit), months (per-month rules) or periods (pro-rata per period)."""

    unit: Literal["months", "days", "weeks", "month_count", "periods", "once"]
    divisor: int = 12
    """days: 365/366/360 or 0 for actual; periods: months per period; months: 12."""

    def weight(self, start: date, end: date) -> Fraction:
        if self.unit == "months":
            return calendar_months([(start, end)]) / 12
        if self.unit == "month_count":
            return calendar_months([(start, end)])
        if self.unit == "periods":
            return calendar_months([(start, end)]) / self.divisor
        if self.unit == "weeks":
            return Fraction(days_inclusive(start, end) // 7, 52)
        if self.unit == "once":
            return Fraction(1)
        if self.divisor:
            return Fraction(days_inclusive(start, end), self.divisor)
        return sum(
            (Fraction(d, n) for n, d in days_by_year_length([(start, end)]).items()), Fraction(0)
        )

    def of(self, segments: Sequence[Segment]) -> Fraction:
        """Σ fraction × weight; for ``once`` the largest fraction (counted once, if at all)."""
        if self.unit == "once":
            return max((s.fraction for s in segments), default=Fraction(0))
        return sum((s.fraction * self.weight(s.start, s.end) for s in segments), Fraction(0))

    def text(self, periods: Sequence[Period], lang: Lang) -> str:
        """The duration as a person checks it: ``12/12 maanden``, ``(1 + 15/31)/12 maanden``."""
        if self.unit in ("months", "month_count", "periods"):
            mc = month_count(periods)
            terms = ([str(mc.whole)] if mc.whole or not mc.parts else []) + [
                f"{d}/{n}" for d, n in mc.parts
            ]
            count = " + ".join(terms)
            word = "maanden" if lang == "nl" else "months"
            if self.unit == "month_count":
                return f"{f'({count})' if len(terms) > 1 else count} {word}"
            if mc.parts:  # "(15/31)/12", not "15/31/12"
                count = f"({count})"
            return f"{count}/{self.divisor} {word}"
        if self.unit == "weeks":
            weeks = sum(days_inclusive(s, e) // 7 for s, e in periods)
            rest = total_days(periods) - 7 * weeks
            if lang == "nl":
                day = "dag" if rest == 1 else "dagen"
                extra = f" ({rest} {day} buiten hele weken tellen niet)" if rest else ""
                return f"{weeks}/52 weken{extra}"
            day_en = "day" if rest == 1 else "days"
            extra = f" ({rest} {day_en} outside whole weeks do not count)" if rest else ""
            return f"{weeks}/52 weeks{extra}"
        if self.unit == "once":
            return ""
        word = "dagen" if lang == "nl" else "days"
        if self.divisor:
            return f"{total_days(periods)}/{self.divisor} {word}"
        by_length = days_by_year_length(periods) or {365: 0}
        return " + ".join(f"{d}/{n}" for n, d in sorted(by_length.items())) + f" {word}"


@dataclass(frozen=True, slots=True)
class DatedPart:
    """One component of a dated value: ``rate`` × Σ fraction × weight over its segments."""

    kind: Literal["base", "bonus"]
    label_nl: str
    label_en: str
    rate: Fraction
    measure: Measure
    hours: bool
    """Whether the fraction is shown as hours (blocks prorated by hours)."""
    segments: tuple[Segment, ...]

    @property
    def exact(self) -> Fraction:
        return self.rate * self.measure.of(self.segments)

    def within(self, start: date, end: date) -> Fraction:
        """The part of this component that falls between ``start`` and ``end``."""
        if self.measure.unit == "once":
            first = min((s.start for s in self.segments if s.fraction), default=None)
            return self.exact if first is not None and start <= first <= end else Fraction(0)
        inside = [
            Segment(max(s.start, start), min(s.end, end), s.fraction)
            for s in self.segments
            if min(s.end, end) >= max(s.start, start)
        ]
        return self.rate * self.measure.of(inside)


@dataclass
class _Dated:
    counted: list[Segment] = field(default_factory=list)
    occupies: bool = False
    limit_new: list[Period] = field(default_factory=list)
    parts: list[DatedPart] = field(default_factory=list)
    limit_hours: Fraction = Fraction(0)
    scale: Fraction = Fraction(1)


def _reference_or_none(ctx: _Context) -> Fraction | None:
    t = ctx.catalog.time
    if t.reference_week == "fixed":
        return Fraction(t.reference_hours_per_week) if t.reference_hours_per_week else None
    own = ctx.activity.fulltime_hours_per_week
    return Fraction(own) if own is not None else None


def _measure(ctx: _Context) -> Measure:
    rule, t = ctx.block.rule, ctx.catalog.time
    if isinstance(rule, PerMonthRule):
        return Measure("month_count")
    if isinstance(rule, PerPeriodRule):
        assert rule.period_months is not None
        return Measure("periods", rule.period_months)
    assert isinstance(rule, PerYearRule)
    if not rule.prorate_duration:
        return Measure("once")
    unit = rule.duration_unit or t.duration_unit
    if unit == "months":
        return Measure("months")
    if unit == "weeks":
        return Measure("weeks")
    return Measure("days", 0 if t.days_per_year == "actual" else int(t.days_per_year))


def _uses_hours(rule: object) -> bool:
    return isinstance(rule, PerYearRule | PerMonthRule) and rule.prorate_hours


def _remove(segments: Sequence[Segment], remove: Sequence[Period]) -> list[Segment]:
    out: list[Segment] = []
    for s in segments:
        out.extend(Segment(a, b, s.fraction) for a, b in subtract([(s.start, s.end)], remove))
    return out


def _keep(segments: Sequence[Segment], keep: Sequence[Period]) -> list[Segment]:
    out: list[Segment] = []
    for s in segments:
        for a, b in normalise(keep):
            lo, hi = max(a, s.start), min(b, s.end)
            if lo <= hi:
                out.append(Segment(lo, hi, s.fraction))
    return sorted(out, key=lambda x: x.start)


def _occupy(
    segments: Sequence[Segment], occupied: Sequence[Occupancy], scale: Fraction = Fraction(1)
) -> tuple[list[Segment], list[str]]:
    """Cut each day's fraction to what the person's full week has left after ``occupied``. A
    segment takes ``fraction × scale`` of the week (``scale`` < 1 for a block that is not
    prorated by hours but has hours given)."""
    if not occupied:
        return list(segments), []
    out: list[Segment] = []
    owners: list[str] = []
    for s in segments:
        cuts = {s.start}
        over = [o for o in occupied if o.start <= s.end and o.end >= s.start]
        for o in over:
            if o.start > s.start:
                cuts.add(o.start)
            if o.end < s.end:
                cuts.add(o.end + ONE_DAY)
        points = sorted(cuts)
        for i, lo in enumerate(points):
            hi = points[i + 1] - ONE_DAY if i + 1 < len(points) else s.end
            here = [o for o in over if o.start <= lo and o.end >= lo]
            used = sum((o.fraction for o in here), Fraction(0))
            left = max(Fraction(1) - used, Fraction(0))
            frac = min(s.fraction, left / scale)
            if frac < s.fraction:
                owners.extend(o.owner for o in here if o.owner not in owners)
            if frac > 0:
                out.append(Segment(lo, hi, frac))
    return out, owners


def _bridge(periods: Sequence[Period], below_months: int | None) -> list[Period]:
    """Periods with gaps shorter than ``below_months`` months filled in (they count as time)."""
    merged = normalise(periods)
    if below_months is None or not merged:
        return merged
    out = [merged[0]]
    for s, e in merged[1:]:
        gap_end = s - ONE_DAY
        if gap_end >= out[-1][1] + ONE_DAY and add_months(out[-1][1] + ONE_DAY, below_months) > s:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _limit_take(
    new: Sequence[Period], used: Sequence[Period], months: int, bridge: int | None
) -> date | None:
    """The last new day that still fits in a limit of ``months`` months of counted time, given
    the days ``used`` already (None: no new day fits). Days are taken chronologically."""
    new = normalise(new)
    if not new:
        return None

    def fits(last: date) -> bool:  # the new days up to ``last`` fit
        taken = [(s, min(e, last)) for s, e in new if s <= last]
        return calendar_months(_bridge([*used, *taken], bridge)) <= months

    lo, hi = new[0][0].toordinal() - 1, new[-1][1].toordinal()
    while lo < hi:  # the latest day that fits (fits is monotone in the day)
        mid = (lo + hi + 1) // 2
        if fits(date.fromordinal(mid)):
            lo = mid
        else:
            hi = mid - 1
    if lo < new[0][0].toordinal():
        return None
    return date.fromordinal(lo)


def _value_dated(
    ctx: _Context,
    lines: list[TrailLine],
    exclusions: Sequence[Exclusion],
    occupied: Sequence[Occupancy],
    limit_used: Sequence[Period],
    limit_used_hours: Fraction = Fraction(0),
    limit_used_by: Sequence[str] = (),
) -> tuple[Fraction, _Dated]:
    """Per-year, per-month and pro-rata per-period blocks: value over the counted segments."""
    block, a, rule, catalog = ctx.block, ctx.activity, ctx.block.rule, ctx.catalog
    if catalog.time.time_basis == "worked_hours" and isinstance(rule, PerYearRule):
        v, hours = _value_worked_hours(ctx, lines, limit_used_hours)
        return v, _Dated(limit_hours=hours)

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
        return v, _Dated()

    start, end = ctx.period()
    measure = _measure(ctx)
    uses_hours = _uses_hours(rule)
    scale = Fraction(1)

    # The components: base and per-year bonuses (rate per unit of the measure).
    assert isinstance(rule, PerYearRule | PerMonthRule | PerPeriodRule)
    components: list[tuple[Literal["base", "bonus"], str, str, Fraction, bool]] = [
        ("base", block.label_nl, block.label_en, Fraction(rule.amount), True)
    ]
    one_offs: list[Bonus] = []
    for bonus in _applicable_bonuses(ctx):
        if bonus.unit == "one_off":
            one_offs.append(bonus)
        else:
            components.append(
                (
                    "bonus",
                    f"bonus {bonus.label_nl}",
                    f"bonus {bonus.label_en}",
                    Fraction(bonus.amount_for(block)),
                    bonus.within_counting_limit,
                )
            )

    def worth(limited: Sequence[Segment], unlimited: Sequence[Segment]) -> Fraction:
        return sum(
            (r * measure.of(limited if within else unlimited) for *_, r, within in components),
            Fraction(0),
        )

    # Hours: the fraction of a full-time week, before and after the caps.
    if uses_hours:
        hours = ctx.hours()
        ref = ctx.reference_hours()
        raw = hours / ref
        capped_hours = hours
        reason = "hours_cap"
        if block.max_hours_per_week is not None and hours > block.max_hours_per_week:
            capped_hours = Fraction(block.max_hours_per_week)
            reason = "max_hours_per_week"
        if catalog.time.cap_hours_at_reference and capped_hours > ref:
            capped_hours, reason = ref, "hours_cap"
        frac = capped_hours / ref
        minimum = _min_hours(catalog, block)
        if minimum is not None and hours < minimum:
            full = [Segment(start, end, frac)]
            ctx.not_counted.append(
                NotCounted(
                    "min_hours",
                    f"minder dan {_num(minimum, 'nl')} uur per week",
                    f"fewer than {_num(minimum, 'en')} hours a week",
                    worth(full, full),
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
            return Fraction(0), _Dated()
    else:
        # Not prorated by hours: the block counts its full value, and takes up the person's
        # week (all of it, or the hours given); what the week has left scales the value.
        raw, frac, reason = Fraction(1), Fraction(1), "hours_cap"
        ref = _reference_or_none(ctx) or Fraction(1)
        if a.hours_per_week is not None and _reference_or_none(ctx) is not None:
            scale = min(Fraction(a.hours_per_week) / ref, Fraction(1))

    # 1. Hours above the reference week (or the block's maximum).
    p_raw = [Segment(start, end, raw)]
    p = [Segment(start, end, frac)]
    lost = worth(p_raw, p_raw) - worth(p, p)
    if lost:
        if reason == "max_hours_per_week":
            assert block.max_hours_per_week is not None
            nl = f"uren boven max. {_num(block.max_hours_per_week, 'nl')} per week"
            most_en = _num(block.max_hours_per_week, "en")
            en = f"hours above the maximum of {most_en} a week"
        else:
            nl = f"uren boven de {_num(ref, 'nl')}-urige werkweek"
            en = f"hours above the {_num(ref, 'en')}-hour week"
        ctx.not_counted.append(NotCounted(reason, nl, en, lost))

    # The step that leaves no counted day takes the one-off bonuses with it (reported there).
    emptied: list[tuple[str, str, str]] = []

    def note_empty(
        before: Sequence[Segment], after: Sequence[Segment], why: tuple[str, str, str]
    ) -> None:
        alive = any(x.fraction > 0 for x in before)
        if alive and not any(x.fraction > 0 for x in after) and not emptied:
            emptied.append(why)

    hours_kept = tuple(p)  # what the placement is worth before the ledger's cuts (the trail)

    # 2. Days the ledger takes out, in the order given.
    for ex in exclusions:
        nxt = _remove(p, [(ex.start, ex.end)])
        lost = worth(p, p) - worth(nxt, nxt)
        if lost:
            ctx.not_counted.append(NotCounted(ex.reason, ex.nl, ex.en, lost))
        note_empty(p, nxt, (ex.reason, ex.nl, ex.en))
        p = nxt

    # 3. One full-time week per person across all placements.
    occupies = scale > 0
    if occupies and occupied:
        nxt, owners = _occupy(p, occupied, scale)
        lost = worth(p, p) - worth(nxt, nxt)
        if lost:
            ctx.not_counted.append(
                NotCounted(
                    "person_week_cap",
                    f"samen met {', '.join(owners)} meer dan één volle werkweek "
                    f"({_num(ref, 'nl')} uur) voor deze persoon: het deel erboven",
                    f"together with {', '.join(owners)} more than one full week "
                    f"({_num(ref, 'en')} hours) for this person: the part above it",
                    lost,
                )
            )
        note_empty(
            p,
            nxt,
            (
                "person_week_cap",
                f"de volle werkweek telt al bij {', '.join(owners)}",
                f"the full week already counts for {', '.join(owners)}",
            ),
        )
        p = nxt

    # 4. The counting limit, on counted placement time.
    limit_lines: list[TrailLine] = []
    limited, new_days = _apply_limit(ctx, p, limit_used, limit_lines, limit_used_by)
    lost = worth(p, p) - worth(limited, p)
    nl_l, en_l = _limit_words(ctx)
    if lost:
        ctx.not_counted.append(NotCounted("counting_limit", nl_l, en_l, lost))
    note_empty(p, limited, ("counting_limit", nl_l, en_l))

    # The value and its trail.
    dated = _Dated(counted=limited, occupies=occupies, limit_new=new_days, scale=scale)
    total = Fraction(0)
    for kind, label_nl, label_en, rate, within in components:
        segs = tuple(limited if within else p)
        part = DatedPart(kind, label_nl, label_en, rate, measure, uses_hours, segs)
        dated.parts.append(part)
        total += part.exact
        lines.append(_part_line(part, ref, hours_kept))
    counts = any(s.fraction > 0 for s in limited)
    for bonus in one_offs:
        total += _one_off(ctx, bonus, lines, counts=counts)
        if not counts and emptied:
            reason, nl, en = emptied[0]
            ctx.not_counted.append(
                NotCounted(
                    reason,
                    f"eenmalige bonus {bonus.label_nl}: {nl}",
                    f"one-off bonus {bonus.label_en}: {en}",
                    Fraction(bonus.amount_for(block)),
                )
            )
    lines.extend(limit_lines)
    return total, dated


def _limit_words(ctx: _Context) -> tuple[str, str]:
    limit = ctx.block.counting_limit
    if isinstance(limit, LimitMonths):
        scope_nl = "per doelgroep" if limit.per == "target_group" else "voor dit bouwblok"
        scope_en = "per target group" if limit.per == "target_group" else "for this block"
        return (
            f"duur van meetellen max. {limit.months} maanden geplaatste tijd {scope_nl}",
            f"counting limit of {limit.months} months of placement time {scope_en}",
        )
    return ("telt zolang de loonkostensubsidie loopt", "counts while the wage-cost subsidy runs")


def _apply_limit(
    ctx: _Context,
    p: Sequence[Segment],
    used: Sequence[Period],
    lines: list[TrailLine],
    used_by: Sequence[str] = (),
) -> tuple[list[Segment], list[Period]]:
    """The segments within the block's counting limit, and the new days it used."""
    limit = ctx.block.counting_limit
    counted_days = normalise([(s.start, s.end) for s in p if s.fraction > 0])
    if isinstance(limit, LimitWhileSubsidy):
        subsidy_end = ctx.need(
            ctx.activity.subsidy_end,
            "subsidy_end",
            "the last day of the wage-cost subsidy (the block counts while it runs)",
        )
        kept = _keep(p, [(date.min, subsidy_end)])
        if any(s.end > subsidy_end for s in p):
            lines.append(
                TrailLine(
                    "limit",
                    f"telt zolang de loonkostensubsidie loopt: geteld t/m {day_text(subsidy_end)}",
                    "counts while the wage-cost subsidy runs: counted up to "
                    f"{subsidy_end.isoformat()}",
                )
            )
        return kept, []
    if isinstance(limit, LimitAlways):
        lines.append(TrailLine("note", "telt altijd mee", "always counts"))
        return list(p), counted_days
    if isinstance(limit, LimitAgreed):
        lines.append(
            TrailLine("note", "telt voor de afgesproken periode", "counts for the agreed period")
        )
        return list(p), counted_days
    if isinstance(limit, LimitNotStated):
        if isinstance(ctx.block.rule, PerYearRule):
            lines.append(
                TrailLine(
                    "note",
                    "duur van meetellen niet vermeld in de bron",
                    "counting limit not stated",
                )
            )
        return list(p), counted_days
    assert isinstance(limit, LimitMonths)
    used_n = normalise(used)
    new = subtract(counted_days, used_n)
    last = _limit_take(new, used_n, limit.months, limit.bridge_gaps_below_months)
    taken = [] if last is None else [(s, min(e, last)) for s, e in new if s <= last]
    keep = normalise(subtract(counted_days, subtract(new, taken)))
    # Days counted at 0 hours use no limit and count nothing; keep them so the trail still
    # reads "0/36 uur × 6/12 maanden" (as it does for blocks without a limit).
    kept = sorted([*_keep(p, keep), *(s for s in p if s.fraction == 0)], key=lambda x: x.start)
    before = calendar_months(used_n)
    if len(taken) < len(new) or (taken and taken[-1] != new[-1]):
        where = f" ({', '.join(used_by)})" if used_by else ""
        # months and days as a desk says them; the exact months (kalenderdagenmethode) after
        other = month_count(used_n)
        days = sum(d for d, _ in other.parts)
        exact_nl = f" ({_months(before, 'nl')} maanden)" if days else ""
        exact_en = f" ({_months(before, 'en')} months)" if days else ""
        span_nl = f"{other.whole} maand{'en' if other.whole != 1 else ''}" if other.whole else ""
        span_nl += (" en " if span_nl and days else "") + (
            f"{days} dag{'en' if days != 1 else ''}" if days else ""
        )
        span_en = f"{other.whole} month{'s' if other.whole != 1 else ''}" if other.whole else ""
        span_en += (" and " if span_en and days else "") + (
            f"{days} day{'s' if days != 1 else ''}" if days else ""
        )
        elsewhere_nl = (
            f", waarvan {span_nl}{exact_nl} al in andere plaatsingen{where}" if before else ""
        )
        elsewhere_en = f", {span_en}{exact_en} of them in other placements{where}" if before else ""
        upto_nl = f"geteld t/m {day_text(last)}" if last else "niets meer over"
        upto_en = f"counted up to {last.isoformat()}" if last else "nothing left"
        lines.append(
            TrailLine(
                "limit",
                f"duur van meetellen max. {limit.months} maanden bereikt{elsewhere_nl}: {upto_nl}",
                f"counting limit of {limit.months} months reached{elsewhere_en}: {upto_en}",
            )
        )
    return kept, normalise(taken)


def _part_line(part: DatedPart, ref: Fraction, before_cuts: Sequence[Segment] = ()) -> TrailLine:
    """``label: € rate × h/ref uur × m/12 maanden = € v``, with brackets around a sum.

    When the ledger's cuts (excluded days, the person's week cap, the counting limit) leave
    nothing, the line shows what the placement is worth before them and that none of it
    counts (the "telt niet" lines below say why), not a bare ``0/12 maanden``."""
    v = part.exact
    all_cut = not any(s.fraction > 0 for s in part.segments) and any(
        s.fraction > 0 for s in before_cuts
    )
    shown = tuple(before_cuts) if all_cut else part.segments
    groups: dict[Fraction, list[Period]] = {}
    for s in shown:
        groups.setdefault(s.fraction, []).append((s.start, s.end))
    gross = part.rate * part.measure.of(shown) if all_cut else v

    def text(lang: Lang) -> str:
        word = "uur" if lang == "nl" else "hours"
        terms = []
        for frac, periods in sorted(groups.items(), key=lambda g: g[1][0]):
            factors = []
            if part.hours:
                factors.append(f"{_num(frac * ref, lang)}/{_num(ref, lang)} {word}")
            elif frac != 1:
                week = "van de week over" if lang == "nl" else "of the week left"
                factors.append(f"{_num(frac, lang)} {week}")
            dur = part.measure.text(periods, lang)
            if dur:
                factors.append(dur)
            terms.append(" × ".join(factors))
        if not terms:
            terms = [part.measure.text([], lang) or "0"]
        body = terms[0] if len(terms) == 1 else "(" + " + ".join(terms) + ")"
        label = part.label_nl if lang == "nl" else part.label_en
        head = f"{label}: {_eur(part.rate, lang)}"
        if all_cut:
            rest = "telt niet, zie hieronder" if lang == "nl" else "does not count, see below"
            return f"{head} × {body} = {_eur(gross, lang)}; {rest}: {_eur(v, lang)}"
        return f"{head} × {body} = {_eur(v, lang)}" if body else f"{head} = {_eur(v, lang)}"

    return TrailLine(part.kind, amount=v, make=text)


def _value_worked_hours(
    ctx: _Context, lines: list[TrailLine], used_hours: Fraction
) -> tuple[Fraction, Fraction]:
    """Catalogs that count hours actually worked (the Friese Eis: "gewerkte dagen en werkuren"
    against the supplier's annual hours): year value × hours worked ÷ annual hours. A counting
    limit of N months is N/12 of the annual hours, used up by the person's hours worked."""
    block, rule = ctx.block, ctx.block.rule
    assert isinstance(rule, PerYearRule)
    annual = ctx.catalog.time.annual_hours
    assert annual is not None
    worked = Fraction(ctx.need(ctx.activity.hours, "hours", "the hours actually worked"))
    hours = worked
    if ctx.catalog.time.cap_hours_at_reference:
        hours = min(hours, Fraction(annual))
    amount = Fraction(rule.amount)
    bonuses = _applicable_bonuses(ctx)
    per_hour = (
        amount
        + sum((Fraction(b.amount_for(block)) for b in bonuses if b.unit == "per_year"), Fraction(0))
    ) / annual
    if hours < worked:
        ctx.not_counted.append(
            NotCounted(
                "hours_cap",
                f"uren boven de {_num(annual, 'nl')} jaaruren",
                f"hours above the {_num(annual, 'en')} annual hours",
                (worked - hours) * per_hour,
            )
        )
    limit = ctx.block.counting_limit
    if isinstance(limit, LimitMonths):
        room = max(Fraction(limit.months, 12) * annual - used_hours, Fraction(0))
        if hours > room:
            ctx.not_counted.append(
                NotCounted(
                    "counting_limit",
                    f"duur van meetellen max. {limit.months} maanden = "
                    f"{_num(Fraction(limit.months, 12) * annual, 'nl')} gewerkte uren",
                    f"counting limit of {limit.months} months = "
                    f"{_num(Fraction(limit.months, 12) * annual, 'en')} hours worked",
                    (hours - room) * per_hour,
                )
            )
            hours = room
    v = amount * hours / annual

    def line(kind: Literal["base", "bonus"], nl: str, en: str, amt: Fraction) -> TrailLine:
        x = amt * hours / annual
        return TrailLine(
            kind,
            f"{nl}: {_eur(amt, 'nl')} × {_num(hours, 'nl')}/{_num(annual, 'nl')} gewerkte uren"
            f" = {_eur(x, 'nl')}",
            f"{en}: {_eur(amt, 'en')} × {_num(hours, 'en')}/{_num(annual, 'en')} hours worked"
            f" = {_eur(x, 'en')}",
            x,
        )

    lines.append(line("base", block.label_nl, block.label_en, amount))
    for bonus in bonuses:
        b_amount = Fraction(bonus.amount_for(block))
        if bonus.unit == "one_off":
            v += _one_off(ctx, bonus, lines, counts=hours > 0)
            continue
        v += b_amount * hours / annual
        lines.append(line("bonus", f"bonus {bonus.label_nl}", f"bonus {bonus.label_en}", b_amount))
    return v, hours
