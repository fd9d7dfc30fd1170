"""The social-return ledger: what counts towards each tender's obligation, what not, and why.

A :class:`Ledger` is plain data (a supplier's persons and tenders with their activities); the
pure function :func:`evaluate` turns it into a :class:`LedgerResult`. The same inputs always
give the same result, whatever order the activities were added in, because activities are
processed in one canonical order (:func:`priority`).

**Who counts a person-day first** (the rule for competing contracts, documented once here):
activities are taken in this order, and a person-day already counted by an earlier one does
not count again (reason ``double_count``):

1. realised activities before planned ones (delivered facts outrank commitments);
2. the tender whose contract started first (contract start, else contract date), then tender id
   (the older contract claimed the person first);
3. the activity that started first, then its id, then its position.

**Person-level counting limits**: a block's counting limit (e.g. 24 months) runs for a person
from the first day that person started any activity with that block (same catalog), across all
tenders in the ledger; days after it do not count (reason ``person_counting_limit``).

**Other reasons a euro does not count**: ``outside_contract`` (days before the contract start or
after its end), ``ineligible_prior_start`` (started more than the catalog's
``prior_start_months`` before the contract), ``after_as_of`` (realised days after the reporting
date), ``below_min_per_item`` and ``share_cap`` (a category's maximum share of the obligation,
cut from the last activities in the canonical order), plus the valuation's own reasons
(``counting_limit``, ``hours_cap``, ``min_hours``, ``max_per_day``, ``max_hours_per_week``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from pydantic import Field, model_validator

from bouwblokken.activity import Activity
from bouwblokken.catalog.model import Catalog, Frozen, LimitMonths
from bouwblokken.catalog.registry import Registry, default_registry
from bouwblokken.errors import CatalogError, LedgerError
from bouwblokken.money import Lang, format_eur, round_cents
from bouwblokken.obligation import ContractYear, Obligation, compute_obligation
from bouwblokken.periods import Period, add_months, intersect, limit_end, normalise, subtract
from bouwblokken.tender import Person, Tender
from bouwblokken.valuation import Exclusion, NotCounted, Valuation, _num, value_activity
from bouwblokken.views import view

__all__ = [
    "ActivityResult",
    "Fulfilment",
    "Ledger",
    "LedgerResult",
    "TenderResult",
    "YearResult",
    "evaluate",
    "priority",
]

ONE_DAY = timedelta(days=1)
View = Literal["realised", "forecast"]


class Ledger(Frozen):
    """A supplier's persons and tenders (with activities): the JSON ledger document."""

    format: Literal["bouwblokken.ledger/1"] = "bouwblokken.ledger/1"
    supplier: str | None = None
    persons: tuple[Person, ...] = ()
    tenders: tuple[Tender, ...] = Field(default=(), min_length=0)

    @model_validator(mode="after")
    def _unique(self) -> Ledger:
        for what, ids in (
            ("tender", [t.id for t in self.tenders]),
            ("person", [p.id for p in self.persons]),
        ):
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            if dupes:
                raise ValueError(f"{what} ids must be unique; repeated: {', '.join(dupes)}")
        return self

    def tender(self, tender_id: str) -> Tender:
        for t in self.tenders:
            if t.id == tender_id:
                return t
        raise LedgerError(
            f"no tender {tender_id!r}; tenders: {', '.join(t.id for t in self.tenders)}",
            field="tender",
        )

    def _replace_tender(self, tender: Tender) -> Ledger:
        tenders = tuple(tender if t.id == tender.id else t for t in self.tenders)
        return self.model_copy(update={"tenders": tenders})

    def with_tender(self, tender: Tender) -> Ledger:
        """A new ledger with ``tender`` added (or replaced, by id)."""
        if any(t.id == tender.id for t in self.tenders):
            return self._replace_tender(tender)
        return self.model_copy(update={"tenders": (*self.tenders, tender)})

    def with_activity(self, tender_id: str, activity: Activity) -> Ledger:
        """A new ledger with ``activity`` added to a tender (replacing one with the same id)."""
        t = self.tender(tender_id)
        kept = tuple(a for a in t.activities if activity.id is None or a.id != activity.id)
        return self._replace_tender(t.model_copy(update={"activities": (*kept, activity)}))

    def without_activity(self, tender_id: str, activity_id: str) -> Ledger:
        """A new ledger without the activity ``activity_id`` of a tender."""
        t = self.tender(tender_id)
        kept = tuple(a for a in t.activities if a.id != activity_id)
        if len(kept) == len(t.activities):
            raise LedgerError(
                f"tender {tender_id!r} has no activity {activity_id!r}", field="activity"
            )
        return self._replace_tender(t.model_copy(update={"activities": kept}))


# ---------------------------------------------------------------------------------------------
# Results.


@dataclass(frozen=True)
class ActivityResult:
    """One activity in one view: its valuation, what counts after caps, and what not."""

    tender: str
    index: int
    activity: Activity
    valuation: Valuation | None
    counted: Decimal
    not_counted: tuple[NotCounted, ...]

    @property
    def label(self) -> str:
        return self.activity.id or f"#{self.index + 1}"

    @property
    def gross(self) -> Decimal:
        """What it would count with nothing cut: counted plus everything that did not count."""
        return self.counted + sum((nc.amount for nc in self.not_counted), Decimal("0.00"))


@dataclass(frozen=True)
class Fulfilment:
    """How far counted value reaches the obligation."""

    obligation: Decimal
    counted: Decimal
    by_category: Mapping[str, Decimal]

    @property
    def remaining(self) -> Decimal:
        return max(self.obligation - self.counted, Decimal("0.00"))

    @property
    def surplus(self) -> Decimal:
        return max(self.counted - self.obligation, Decimal("0.00"))

    @property
    def met(self) -> bool:
        return self.counted >= self.obligation

    @property
    def percentage(self) -> Decimal | None:
        """Counted ÷ obligation in percent, one decimal (half up); None without obligation."""
        if self.obligation == 0:
            return None
        return (self.counted * 100 / self.obligation).quantize(Decimal("0.1"), "ROUND_HALF_UP")


@dataclass(frozen=True)
class YearResult:
    """Counted value in one contract year against its minimum. Dated activities are split by
    day (re-valued within the year); undated ones count in the year of their start date (or the
    first year). Each activity's share is at most what it counts after share caps."""

    year: ContractYear
    counted: Decimal

    @property
    def met(self) -> bool:
        return self.counted >= self.year.minimum


@dataclass(frozen=True)
class TenderResult:
    tender: Tender
    catalog: str | None
    fingerprint: str | None
    obligation: Obligation
    activities: tuple[ActivityResult, ...]
    """The forecast view: realised and planned activities."""
    realised_activities: tuple[ActivityResult, ...]
    realised: Fulfilment
    forecast: Fulfilment
    years: tuple[YearResult, ...] = ()
    warnings: tuple[str, ...] = ()

    def realised_row(self, index: int) -> ActivityResult | None:
        """The realised view of activity ``index`` (None for a planned activity)."""
        return next((r for r in self.realised_activities if r.index == index), None)


@dataclass(frozen=True)
class LedgerResult:
    """The evaluation of a whole ledger (see :func:`evaluate`)."""

    tenders: tuple[TenderResult, ...]
    as_of: date | None
    warnings: tuple[str, ...] = field(default=())

    def tender(self, tender_id: str) -> TenderResult:
        for t in self.tenders:
            if t.tender.id == tender_id:
                return t
        raise LedgerError(f"no tender {tender_id!r} in this result", field="tender")

    def table(self, lang: Lang = "nl") -> str:
        """The result as aligned text tables (Dutch by default)."""
        text: str = view("ledger.table")(self, lang=lang)
        return text

    def __str__(self) -> str:
        return self.table("nl")

    def _repr_html_(self) -> str:
        html: str = view("ledger.html")(self)
        return html

    def html(self, lang: Lang = "nl") -> str:
        """The result as HTML (what a notebook shows), in ``lang``."""
        html: str = view("ledger.html")(self, lang=lang)
        return html

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = view("ledger.dict")(self)
        return data

    def to_dataframe(self, lang: Lang = "nl") -> object:
        """One row per activity (pandas; install the ``pandas`` extra); Dutch column names and
        words by default, amounts exact (``Decimal``)."""
        return view("ledger.dataframe")(self, lang=lang)

    def to_csv(self, lang: Lang = "nl", *, dutch_excel: bool = True) -> str:
        """One row per activity as CSV; ``dutch_excel`` (default) writes ``;`` and a decimal
        comma (``71111,11``), which Dutch Excel reads as numbers."""
        text: str = view("ledger.csv")(self, lang=lang, dutch_excel=dutch_excel)
        return text

    def to_excel(self, path: object, lang: Lang = "nl") -> None:
        """Write the result as a workbook (install the ``excel`` extra); see
        :func:`bouwblokken.excel.write_result`."""
        view("ledger.excel")(self, path, lang=lang)


# ---------------------------------------------------------------------------------------------
# Evaluation.


@dataclass
class _Entry:
    tender: Tender
    catalog: Catalog | None
    index: int
    activity: Activity

    @property
    def record(self) -> str:
        a = self.activity
        return f"tender {self.tender.id!r} activity {a.id or '#' + str(self.index + 1)!r}"

    @property
    def label(self) -> str:
        """``tender/activity``, as reasons name the activity that claimed something."""
        return f"{self.tender.id}/{self.activity.id or '#' + str(self.index + 1)}"


def priority(tender: Tender, index: int, activity: Activity) -> tuple[object, ...]:
    """The canonical order in which activities claim person-days and capped room."""
    status, *within = _within_tender(index, activity)
    contract_start = tender.start or tender.contract_date or date.max
    return (status, contract_start, tender.id, *within)


def _within_tender(index: int, activity: Activity) -> tuple[object, ...]:
    """The canonical order among one tender's activities (see :func:`priority`)."""
    return (
        0 if activity.status == "realised" else 1,
        activity.start or date.max,
        activity.id or "",
        index,
    )


def _catalog_for(tender: Tender, registry: Registry, warnings: list[str]) -> Catalog | None:
    if tender.catalog is None:
        return None
    cid, _, edition = tender.catalog.partition("@")
    if edition:
        return registry.load(cid, edition=edition)
    basis = registry.editions(cid)[-1].effective_basis
    on = tender.judged_on(basis)
    if on is None:
        warnings.append(
            f"tender {tender.id!r}: no {basis.replace('_', ' ')} given; "
            f"the latest edition of {cid!r} is used"
        )
    return registry.load(cid, on=on)


def evaluate(
    ledger: Ledger,
    *,
    as_of: date | None = None,
    registry: Registry | None = None,
) -> LedgerResult:
    """Evaluate every tender of ``ledger``: obligations, counted values, what did not count.

    ``as_of`` is the reporting date: realised days after it are not yet counted in the
    realised view. Raises :class:`~bouwblokken.errors.LedgerError` (or a
    :class:`~bouwblokken.errors.ValuationError`) naming the tender, activity and field.
    """
    reg = registry or default_registry()
    warnings: list[str] = []
    known_persons = {p.id for p in ledger.persons}
    entries: list[_Entry] = []
    catalogs: dict[str, Catalog | None] = {}
    obligations: dict[str, Obligation] = {}
    for tender in ledger.tenders:
        try:
            catalog = _catalog_for(tender, reg, warnings)
        except CatalogError as exc:
            raise LedgerError(str(exc), record=f"tender {tender.id!r}", field="catalog") from None
        catalogs[tender.id] = catalog
        obligations[tender.id] = compute_obligation(tender, catalog)
        if tender.activities and not obligations[tender.id].applies:
            n = len(tender.activities)
            warnings.append(
                f"tender {tender.id!r} has no obligation "
                f"({obligations[tender.id].lines[-1].en}) but {n} "
                f"{'activity is' if n == 1 else 'activities are'} attached; "
                "they are valued all the same"
            )
        for i, activity in enumerate(tender.activities):
            entry = _Entry(tender, catalog, i, activity)
            if catalog is None:
                raise LedgerError(
                    "the tender names no catalog, so its activities cannot be valued",
                    record=entry.record,
                    field="catalog",
                )
            catalog.block(activity.block, record=entry.record)  # early, naming the record
            if activity.person is not None and activity.person not in known_persons:
                raise LedgerError(
                    f"unknown person {activity.person!r}; declare it in the ledger's persons",
                    record=entry.record,
                    field="person",
                )
            entries.append(entry)
    entries.sort(key=lambda e: priority(e.tender, e.index, e.activity))

    forecast = _run_view(entries, as_of=None, view="forecast", warnings=warnings)
    realised = _run_view(
        [e for e in entries if e.activity.status == "realised"],
        as_of=as_of,
        view="realised",
        warnings=None,
    )
    results = []
    for tender in ledger.tenders:
        ob = obligations[tender.id]
        f_rows = tuple(sorted(forecast.get(tender.id, []), key=lambda r: r.index))
        r_rows = tuple(sorted(realised.get(tender.id, []), key=lambda r: r.index))
        catalog = catalogs[tender.id]
        f_rows = _apply_share_caps(f_rows, catalog, ob)
        r_rows = _apply_share_caps(r_rows, catalog, ob)
        results.append(
            TenderResult(
                tender=tender,
                catalog=catalog.key if catalog else None,
                fingerprint=catalog.fingerprint if catalog else None,
                obligation=ob,
                activities=f_rows,
                realised_activities=r_rows,
                realised=_fulfilment(ob, r_rows),
                forecast=_fulfilment(ob, f_rows),
                years=_years(ob, f_rows, catalog),
                warnings=tuple(w for w in warnings if w.startswith(f"tender {tender.id!r}")),
            )
        )
    return LedgerResult(tuple(results), as_of, tuple(warnings))


def _run_view(
    entries: Iterable[_Entry], *, as_of: date | None, view: View, warnings: list[str] | None
) -> dict[str, list[ActivityResult]]:
    """Value entries in canonical order, excluding person-days already counted."""
    entries = list(entries)
    first_start: dict[tuple[str, str, str], tuple[date, str]] = {}
    for e in entries:
        a = e.activity
        if a.person is not None and a.start is not None and e.catalog is not None:
            key = (a.person, e.catalog.id, a.block)
            first_start[key] = min(first_start.get(key, (a.start, e.label)), (a.start, e.label))
    counted_days: dict[str, list[tuple[Period, str]]] = {}
    granted: dict[str, dict[str, str]] = {}
    out: dict[str, list[ActivityResult]] = {}
    for e in entries:
        a, t, catalog = e.activity, e.tender, e.catalog
        assert catalog is not None
        exclusions = _exclusions(e, catalog, as_of, first_start, counted_days, warnings)
        person_granted = granted.setdefault(a.person, {}) if a.person is not None else {}
        valuation = value_activity(a, catalog, exclusions=exclusions, granted=person_granted)
        if a.person is not None:
            counted_days.setdefault(a.person, []).extend(
                (p, e.label) for p in valuation.counted_periods
            )
            for bonus_id in valuation.one_off_bonuses:
                person_granted[bonus_id] = e.label
        out.setdefault(t.id, []).append(
            ActivityResult(t.id, e.index, a, valuation, valuation.amount, valuation.not_counted)
        )
    return out


def _exclusions(
    e: _Entry,
    catalog: Catalog,
    as_of: date | None,
    first_start: Mapping[tuple[str, str, str], tuple[date, str]],
    counted_days: Mapping[str, list[tuple[Period, str]]],
    warnings: list[str] | None,
) -> list[Exclusion]:
    a, t = e.activity, e.tender
    if a.start is None or a.end is None:
        return []
    out: list[Exclusion] = []
    whole = (a.start, a.end)
    prior = catalog.eligibility.prior_start_months
    if prior is not None and t.start is not None and a.start < add_months(t.start, -prior):
        out.append(
            Exclusion(
                a.start,
                a.end,
                "ineligible_prior_start",
                f"gestart meer dan {prior} maanden voor het contract ({t.start}): telt niet",
                f"started more than {prior} months before the contract ({t.start}): not counted",
            )
        )
        if warnings is not None:
            warnings.append(f"{e.record}: started more than {prior} months before the contract")
        return out
    if t.start is not None and a.start < t.start:
        out.append(
            Exclusion(
                a.start,
                t.start - ONE_DAY,
                "outside_contract",
                f"voor de start van het contract ({t.start})",
                f"before the contract start ({t.start})",
            )
        )
    if t.end is not None and a.end > t.end:
        out.append(
            Exclusion(
                t.end + ONE_DAY,
                a.end,
                "outside_contract",
                f"na het einde van het contract ({t.end})",
                f"after the contract end ({t.end})",
            )
        )
    if warnings is not None and (
        (t.end is not None and a.start > t.end) or (t.start is not None and a.end < t.start)
    ):
        warnings.append(f"{e.record}: lies wholly outside the contract period; it counts nothing")
    if as_of is not None and a.end > as_of:
        out.append(
            Exclusion(
                max(as_of + ONE_DAY, a.start),
                a.end,
                "after_as_of",
                f"na de peildatum van de rapportage ({as_of})",
                f"after the reporting date ({as_of})",
            )
        )
    if a.person is not None:
        block = catalog.block(a.block)
        limit = block.counting_limit
        first_seen = first_start.get((a.person, catalog.id, a.block))
        if isinstance(limit, LimitMonths) and first_seen is not None and first_seen[0] < a.start:
            first, where = first_seen
            end = limit_end(first, limit.months)
            if end < a.end:
                out.append(
                    Exclusion(
                        max(end + ONE_DAY, a.start),
                        a.end,
                        "person_counting_limit",
                        f"persoon telt max. {limit.months} maanden vanaf {first} ({where}),"
                        f" t/m {end}",
                        f"person counts at most {limit.months} months from {first} ({where}),"
                        f" to {end}",
                    )
                )
        for period, owner in counted_days.get(a.person, []):
            for s, x in intersect([whole], [period]):
                out.append(
                    Exclusion(
                        s,
                        x,
                        "double_count",
                        f"deze persoonsdagen tellen al mee bij {owner}",
                        f"these person-days already count for {owner}",
                    )
                )
    return out


def _apply_share_caps(
    rows: tuple[ActivityResult, ...], catalog: Catalog | None, ob: Obligation
) -> tuple[ActivityResult, ...]:
    """Cut capped categories at their share of the obligation, last activities first."""
    if catalog is None or not catalog.share_caps or not ob.applies:
        return rows
    rows_l = list(rows)
    order = sorted(
        range(len(rows_l)),
        key=lambda i: _within_tender(rows_l[i].index, rows_l[i].activity),
    )
    for cap in catalog.share_caps:
        room = round_cents(Fraction(cap.max_share_percent) / 100 * ob.exact)
        for i in order:
            r = rows_l[i]
            block = catalog.block(r.activity.block)
            if block.id not in cap.blocks and block.category not in cap.categories:
                continue
            extra: list[NotCounted] = []
            counted = r.counted
            if cap.min_amount_per_item is not None and 0 < counted < cap.min_amount_per_item:
                extra.append(
                    NotCounted(
                        "below_min_per_item",
                        f"{cap.label_nl}: onder het minimum van "
                        f"{format_eur(cap.min_amount_per_item)} per item",
                        f"{cap.label_en}: below the minimum of "
                        f"{format_eur(cap.min_amount_per_item, lang='en')} per item",
                        Fraction(counted),
                    )
                )
                counted = Decimal("0.00")
            take = min(counted, room)
            if take < counted:
                pct = cap.max_share_percent
                limit = round_cents(Fraction(pct) / 100 * ob.exact)
                extra.append(
                    NotCounted(
                        "share_cap",
                        f"boven het plafond '{cap.label_nl}' ({_num(pct, 'nl')}% van de "
                        f"verplichting = {format_eur(limit)})",
                        f"above the cap '{cap.label_en}' ({_num(pct, 'en')}% of the "
                        f"obligation = {format_eur(limit, lang='en')})",
                        Fraction(counted - take),
                    )
                )
            room -= take
            if extra:
                rows_l[i] = ActivityResult(
                    r.tender, r.index, r.activity, r.valuation, take, r.not_counted + tuple(extra)
                )
    return tuple(rows_l)


def _fulfilment(ob: Obligation, rows: Iterable[ActivityResult]) -> Fulfilment:
    by_cat: dict[str, Decimal] = {}
    for r in rows:
        cat = r.valuation.category if r.valuation else "other"
        by_cat[cat] = by_cat.get(cat, Decimal("0.00")) + r.counted
    total = sum(by_cat.values(), Decimal("0.00"))
    return Fulfilment(ob.amount, total, dict(sorted(by_cat.items())))


def _years(
    ob: Obligation, rows: Iterable[ActivityResult], catalog: Catalog | None
) -> tuple[YearResult, ...]:
    """Counted value per contract year (see :class:`YearResult`)."""
    if not ob.contract_years or catalog is None:
        return ()
    years = ob.contract_years

    def year_of(day: date | None) -> int:
        if day is None or day <= years[0].end:
            return 0
        return next((i for i, y in enumerate(years) if day <= y.end), len(years) - 1)

    totals = [Decimal("0.00")] * len(years)
    for r in rows:
        v = r.valuation
        if v is None or r.counted == 0:
            continue
        if not v.counted_periods:
            totals[year_of(r.activity.start)] += r.counted
            continue
        not_counted = (
            [
                Exclusion(s, x, "not_counted", "telt niet", "not counted")
                for s, x in subtract([(r.activity.start, r.activity.end)], v.counted_periods)
                if r.activity.start and r.activity.end
            ]
            if r.activity.start and r.activity.end
            else []
        )
        no_one_offs = {b: "elders" for b in v.one_off_bonuses}
        left = r.counted
        shares = [Decimal("0.00")] * len(years)
        first = year_of(min(p[0] for p in v.counted_periods))
        one_offs = sum(
            (b.amount for b in catalog.bonuses if b.id in v.one_off_bonuses), Decimal("0.00")
        )
        shares[first] += one_offs
        for i, year in enumerate(years):
            inside = intersect(list(v.counted_periods), [(year.start, year.end)])
            if not inside:
                continue
            other = [
                Exclusion(s, x, "other_year", "ander contractjaar", "other contract year")
                for s, x in subtract(normalise(v.counted_periods), inside)
            ]
            shares[i] += value_activity(
                r.activity, catalog, exclusions=not_counted + other, granted=no_one_offs
            ).amount
        for i, share in enumerate(shares):  # never more than the activity counts after caps
            take = min(share, left)
            totals[i] += take
            left -= take
    return tuple(YearResult(y, t) for y, t in zip(years, totals, strict=True))
