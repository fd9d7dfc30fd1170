"""The social-return ledger: what counts towards each tender's obligation, what not, and why.

A :class:`Ledger` is plain data (a supplier's persons and tenders with their activities); the
pure function :func:`evaluate` turns it into a :class:`LedgerResult`. The same inputs always
give the same result, whatever order the activities were added in, because activities are
processed in one canonical order (:func:`priority`).

**How desks count a person** (catalogs.md §8), applied across all tenders of the ledger:

- *Hours, not days.* Each placement counts its own hours per week. On any day, one person
  brings in at most one full-time week (the catalog's reference week) across all placements
  together: the hours above it do not count (reason ``person_week_cap``, naming the placement
  collided with). Blocks not prorated by hours (learning-work years, per-period blocks) do not
  take up the week.
- *Counting limits run on counted placement time.* A limit of 12 or 24 months is used up by the
  days a person actually counts for that block (or that target group, as the catalog says), in
  any tender; gaps between placements do not use it (reason ``counting_limit``).
- *Peildatum.* Age and target-group status are judged on the catalog's reference date (mostly
  the award date of the tender); eligibility rules (``[eligibility]``) are applied, and a missing
  fact gives a warning that names the rule (:mod:`bouwblokken.eligibility`).

**Who comes first** (the rule for competing placements, documented once here): activities are
taken in this order, and each takes what the earlier ones left (hours of the week, months of the
counting limit, a one-off bonus, room under a per-person maximum):

1. realised activities before planned ones, always (a plan never lowers what was realised);
2. the activity that started first (the placement that claimed the person first);
3. the tender whose contract started first (contract start, else contract date), tender id;
4. the activity id, then its position.

**Other reasons a euro does not count**: ``outside_contract`` (days before the contract start or
after its end), ``ineligible_prior_start`` (started more than the catalog's
``prior_start_months`` before the contract), ``after_as_of`` (realised days after the reporting
date), ``ineligible_*`` (an eligibility rule), ``below_min_per_item`` and ``share_cap`` (a
category's maximum share of the obligation, cut from the last activities in the canonical
order), plus the valuation's own reasons (``hours_cap``, ``min_hours``, ``max_per_day``,
``max_hours_per_week``, ``max_per_person``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from pydantic import Field, model_validator

from bouwblokken.activity import Activity
from bouwblokken.catalog.model import Block, Catalog, Frozen, LimitMonths
from bouwblokken.catalog.registry import Registry, default_registry
from bouwblokken.eligibility import peildatum
from bouwblokken.errors import CatalogError, LedgerError
from bouwblokken.guard import as_date
from bouwblokken.money import Lang, format_eur, round_cents
from bouwblokken.money import format_exact as _num
from bouwblokken.obligation import ContractYear, Obligation, compute_obligation
from bouwblokken.periods import Period, add_months, day_text, normalise
from bouwblokken.tender import Person, Tender
from bouwblokken.valuation import (
    Exclusion,
    NotCounted,
    Occupancy,
    Valuation,
    value_activity,
)
from bouwblokken.views import view

__all__ = [
    "ActivityResult",
    "Fulfilment",
    "Ledger",
    "LedgerResult",
    "LedgerWarning",
    "TenderResult",
    "YearResult",
    "evaluate",
    "priority",
]

ONE_DAY = timedelta(days=1)
View = Literal["realised", "forecast"]


class LedgerWarning(str):
    """A warning in both languages. As a string it is the English text (stable for programs);
    ``text("nl")`` gives the Dutch one; ``code`` names the kind."""

    nl: str
    en: str
    code: str

    def __new__(cls, code: str, nl: str, en: str) -> LedgerWarning:
        obj = super().__new__(cls, en)
        obj.nl, obj.en, obj.code = nl, en, code
        return obj

    def text(self, lang: Lang = "nl") -> str:
        return self.nl if lang == "nl" else self.en


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
            dupes = sorted(i for i, n in Counter(ids).items() if n > 1)
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
    warnings: tuple[LedgerWarning, ...] = ()

    def realised_row(self, index: int) -> ActivityResult | None:
        """The realised view of activity ``index`` (None for a planned activity)."""
        return next((r for r in self.realised_activities if r.index == index), None)


@dataclass(frozen=True)
class LedgerResult:
    """The evaluation of a whole ledger (see :func:`evaluate`)."""

    tenders: tuple[TenderResult, ...]
    as_of: date | None
    warnings: tuple[LedgerWarning, ...] = field(default=())

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
    def record_nl(self) -> str:
        a = self.activity
        return f"opdracht {self.tender.id!r} activiteit {a.id or '#' + str(self.index + 1)!r}"

    @property
    def label(self) -> str:
        """``tender/activity``, as reasons name the activity that claimed something."""
        return f"{self.tender.id}/{self.activity.id or '#' + str(self.index + 1)}"


def priority(tender: Tender, index: int, activity: Activity) -> tuple[object, ...]:
    """The canonical order in which activities claim a person's week, counting limit and capped
    room (see the module text)."""
    contract_start = tender.start or tender.contract_date or date.max
    return (
        0 if activity.status == "realised" else 1,
        activity.start or date.max,
        contract_start,
        tender.id,
        activity.id or "",
        index,
    )


def _within_tender(index: int, activity: Activity) -> tuple[object, ...]:
    """The canonical order among one tender's activities (see :func:`priority`)."""
    return (
        0 if activity.status == "realised" else 1,
        activity.start or date.max,
        activity.id or "",
        index,
    )


def _catalog_for(
    tender: Tender, registry: Registry, warnings: list[LedgerWarning]
) -> Catalog | None:
    if tender.catalog is None:
        return None
    cid, _, edition = tender.catalog.partition("@")
    if edition:
        return registry.load(cid, edition=edition)
    basis = registry.editions(cid)[-1].effective_basis
    on = tender.judged_on(basis)
    if on is None:
        what_nl = "publicatiedatum" if basis == "publication_date" else "contractdatum"
        warnings.append(
            LedgerWarning(
                "latest_edition_used",
                f"opdracht {tender.id!r}: geen {what_nl} opgegeven; de nieuwste editie van "
                f"{cid!r} is gebruikt",
                f"tender {tender.id!r}: no {basis.replace('_', ' ')} given; "
                f"the latest edition of {cid!r} is used",
            )
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
    as_of = None if as_of is None else as_date(as_of, field="as_of")  # datetime, Timestamp
    reg = registry or default_registry()
    warnings: list[LedgerWarning] = []
    persons = {p.id: p for p in ledger.persons}
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
        ob = obligations[tender.id]
        if tender.activities and not ob.applies:
            n = len(tender.activities)
            warnings.append(
                LedgerWarning(
                    "no_obligation",
                    f"opdracht {tender.id!r} heeft geen verplichting ({ob.lines[-1].nl}) maar "
                    f"{n} {'activiteit' if n == 1 else 'activiteiten'}; die worden toch "
                    "gewaardeerd",
                    f"tender {tender.id!r} has no obligation ({ob.lines[-1].en}) but {n} "
                    f"{'activity is' if n == 1 else 'activities are'} attached; "
                    "they are valued all the same",
                )
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
            if activity.person is not None and activity.person not in persons:
                raise LedgerError(
                    f"unknown person {activity.person!r}; declare it in the ledger's persons",
                    record=entry.record,
                    field="person",
                )
            entries.append(entry)
    entries.sort(key=lambda e: priority(e.tender, e.index, e.activity))

    forecast = _run_view(entries, persons, as_of=None, warnings=warnings)
    realised = _run_view(
        [e for e in entries if e.activity.status == "realised"], persons, as_of=as_of, warnings=None
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


def _limit_key(person: str, catalog: Catalog, block: Block) -> tuple[str, str, str]:
    """Whose counting limit an activity uses: per block, or per target group."""
    limit = block.counting_limit
    if isinstance(limit, LimitMonths) and limit.per == "target_group" and block.target_group:
        return (person, catalog.id, "target_group:" + block.target_group)
    return (person, catalog.id, "block:" + block.id)


def _run_view(
    entries: Iterable[_Entry],
    persons: Mapping[str, Person],
    *,
    as_of: date | None,
    warnings: list[LedgerWarning] | None,
) -> dict[str, list[ActivityResult]]:
    """Value entries in canonical order; each takes what the earlier ones left of the person's
    week, counting limit, one-off bonuses and per-person maxima."""
    occupied: dict[str, list[Occupancy]] = {}
    limit_days: dict[tuple[str, str, str], list[Period]] = {}
    limit_hours: dict[tuple[str, str, str], Fraction] = {}
    limit_by: dict[tuple[str, str, str], list[str]] = {}
    block_counted: dict[tuple[str, str, str], Fraction] = {}
    granted: dict[str, dict[str, str]] = {}
    out: dict[str, list[ActivityResult]] = {}
    for e in entries:
        a, t, catalog = e.activity, e.tender, e.catalog
        assert catalog is not None
        block = catalog.block(a.block)
        exclusions = _exclusions(e, catalog, as_of, warnings)
        on = peildatum(
            catalog, award_date=t.contract_date, contract_start=t.start, placement_start=a.start
        )
        person = persons.get(a.person) if a.person is not None else None
        if person is not None:
            lkey = _limit_key(person.id, catalog, block)
            bkey = (person.id, catalog.id, block.id)
            valuation = value_activity(
                a,
                catalog,
                exclusions=exclusions,
                occupied=occupied.get(person.id, ()),
                limit_used=limit_days.get(lkey, ()),
                limit_used_by=limit_by.get(lkey, ()),
                limit_used_hours=limit_hours.get(lkey, Fraction(0)),
                person_block_counted=block_counted.get(bkey, Fraction(0)),
                granted=granted.setdefault(person.id, {}),
                peildatum=on,
                birth_date=person.birth_date,
            )
            if valuation.occupies:
                occupied.setdefault(person.id, []).extend(
                    Occupancy(sg.start, sg.end, sg.fraction * valuation.occupancy_scale, e.label)
                    for sg in valuation.segments
                )
            if valuation.limit_periods or valuation.limit_hours:
                limit_days[lkey] = normalise([*limit_days.get(lkey, []), *valuation.limit_periods])
                limit_by.setdefault(lkey, []).append(e.label)
            if valuation.limit_hours:
                limit_hours[lkey] = limit_hours.get(lkey, Fraction(0)) + valuation.limit_hours
            block_counted[bkey] = block_counted.get(bkey, Fraction(0)) + valuation.exact
            for bonus_id in valuation.one_off_bonuses:
                granted[person.id][bonus_id] = e.label
        else:
            valuation = value_activity(a, catalog, exclusions=exclusions, peildatum=on)
        if warnings is not None:
            for w in valuation.warnings:
                warnings.append(
                    LedgerWarning(
                        "eligibility_fact_missing",
                        f"{e.record_nl}: {w.nl}",
                        f"{e.record}: {w.en}",
                    )
                )
        out.setdefault(t.id, []).append(
            ActivityResult(t.id, e.index, a, valuation, valuation.amount, valuation.not_counted)
        )
    return out


def _exclusions(
    e: _Entry,
    catalog: Catalog,
    as_of: date | None,
    warnings: list[LedgerWarning] | None,
) -> list[Exclusion]:
    a, t = e.activity, e.tender
    if a.start is None or a.end is None:
        return []
    out: list[Exclusion] = []
    prior = catalog.eligibility.prior_start_months
    too_early = prior is not None and t.start is not None and a.start < add_months(t.start, -prior)
    if t.start is not None and a.start < t.start:
        out.append(
            Exclusion(
                a.start,
                t.start - ONE_DAY,
                "outside_contract",
                f"voor de start van het contract ({day_text(t.start)})",
                f"before the contract start ({t.start})",
            )
        )
    if t.end is not None and a.end > t.end:
        out.append(
            Exclusion(
                t.end + ONE_DAY,
                a.end,
                "outside_contract",
                f"na het einde van het contract ({day_text(t.end)})",
                f"after the contract end ({t.end})",
            )
        )
    if too_early:
        assert t.start is not None
        # After the days outside the contract, so that only the days inside it are reported
        # as ineligible.
        out.append(
            Exclusion(
                a.start,
                a.end,
                "ineligible_prior_start",
                f"gestart meer dan {prior} maanden voor het contract ({day_text(t.start)})",
                f"started more than {prior} months before the contract ({t.start})",
            )
        )
        if warnings is not None:
            warnings.append(
                LedgerWarning(
                    "ineligible_prior_start",
                    f"{e.record_nl}: gestart meer dan {prior} maanden voor het contract",
                    f"{e.record}: started more than {prior} months before the contract",
                )
            )
        return out
    if warnings is not None and (
        (t.end is not None and a.start > t.end) or (t.start is not None and a.end < t.start)
    ):
        warnings.append(
            LedgerWarning(
                "outside_contract",
                f"{e.record_nl}: ligt helemaal buiten de contractperiode; telt niets",
                f"{e.record}: lies wholly outside the contract period; it counts nothing",
            )
        )
    if as_of is not None and a.end > as_of:
        out.append(
            Exclusion(
                max(as_of + ONE_DAY, a.start),
                a.end,
                "after_as_of",
                f"na de rapportagedatum ({day_text(as_of)})",
                f"after the reporting date ({as_of})",
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
        room = _cap_room(cap.max_share_percent, cap.floor_amount, ob)
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
                limit = _cap_room(pct, cap.floor_amount, ob)
                floor_nl = floor_en = ""
                if cap.floor_amount is not None and limit == cap.floor_amount:
                    floor_nl = f", ten minste {format_eur(cap.floor_amount)}"
                    floor_en = f", at least {format_eur(cap.floor_amount, lang='en')}"
                extra.append(
                    NotCounted(
                        "share_cap",
                        f"boven het plafond '{cap.label_nl}' ({_num(pct, 'nl')}% van de "
                        f"verplichting{floor_nl} = {format_eur(limit)})",
                        f"above the cap '{cap.label_en}' ({_num(pct, 'en')}% of the "
                        f"obligation{floor_en} = {format_eur(limit, lang='en')})",
                        Fraction(counted - take),
                    )
                )
            room -= take
            if extra:
                rows_l[i] = ActivityResult(
                    r.tender, r.index, r.activity, r.valuation, take, r.not_counted + tuple(extra)
                )
    return tuple(rows_l)


def _cap_room(pct: Decimal, floor: Decimal | None, ob: Obligation) -> Decimal:
    """A share cap in euro: the percentage of the obligation, never below its floor."""
    room = round_cents(Fraction(pct) / 100 * ob.exact)
    return max(room, floor) if floor is not None else room


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
        if not v.parts:
            totals[year_of(r.activity.start)] += r.counted
            continue
        left = r.counted
        for i, year in enumerate(years):  # never more than the activity counts after caps
            share = v.exact_within(year.start, year.end) or Fraction(0)
            take = min(round_cents(share), left)
            totals[i] += take
            left -= take
    return tuple(YearResult(y, t) for y, t in zip(years, totals, strict=True))
