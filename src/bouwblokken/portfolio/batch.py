"""A vectorised batch path for large portfolios: the same cents as the exact ledger, faster.

:func:`batch_evaluate` counts a :class:`~bouwblokken.ledger.Ledger` (e.g.
``portfolio.ledger(...)``) like :func:`~bouwblokken.ledger.evaluate` — the realised view up to
``as_of`` and the forecast view — but values the common activities in numpy int64 arithmetic
instead of one exact valuation each. Counting is per person (a person's week and counting
limit are shared only by that person's placements), so the work **partitions by person**:

- *Vectorised* (numpy, exact integers): activities of a per-year block measured in months
  (kalenderdagenmethode, ``duration_unit = "months"``) or of a per-month block, prorated by
  hours against a fixed reference week, with start and end dates; and the undated blocks that
  are one amount times one factor (invoices × percentage, rate × hours, costs, agreed amounts,
  one-offs, amount × periods) without a cap, a per-person maximum or a bonus. Months are exact
  integers over the common denominator 377.580 = lcm(28, 29, 30, 31) — a day of a month of n
  days weighs 377.580/n, a cumulative table turns any stretch into months with two look-ups; a
  counting limit is used up by counted months in the ledger's order (realised first, then by
  start), one rank at a time across all persons, and cut with a binary search on the
  cumulative table; the amount is ``rate × hours fraction × months`` (÷ 12 for per-year)
  rounded half up once, in integer cents. Persons whose placements **overlap in time** share
  one reference week a day (the ledger's ``person_week_cap``): :func:`count_overlaps` counts
  them on the union of the change points of each person's placements, each stretch giving
  placement i ``min(1, F_i) − min(1, F_{i−1})`` of a week (F: the cumulative fractions in the
  ledger's order, integers over their lcm); where a counting limit shared by such placements
  may bind, :func:`count_limited_overlaps` follows the ledger step by step for that person,
  in the same integers. Each classification is made once per block (and per hours value),
  not once per activity: an activity that sets a fact beyond the block's
  (``_FACTS``: age, flags, months, …) is classified on its own.
- *Exact* (fallback, :func:`~bouwblokken.ledger.evaluate` on the persons concerned): anything
  else, with the reason counted in :attr:`BatchResult.fallback` — ``person_overlap``
  (overlapping placements of a block not prorated by hours that takes part of the week),
  ``person_with_exact_row`` (another dated activity of the person takes the exact path),
  ``rule`` (per period pro rata, weeks or days), ``undated`` (per activity, or an undated
  block with a cap, a per-person maximum, a bonus or a missing amount: valued exactly, they
  share nothing with dated rows), ``facts`` (age, birth date, flags or internship months that
  a bonus reads; an eligibility rule that makes the activity ineligible), ``limit`` (a limit
  while a subsidy runs or with bridged gaps), ``hours`` (a maximum or minimum of hours per
  week, the supplier's own week, more than a full week), ``no_dates``, ``dates`` (outside
  1900-2199); and, with ``exact_cuts`` (the default), ``person_week_cut``: the persons whose
  week the cap cut, evaluated again exactly for their trails (the double-count list of the
  batch report comes from them). A catalog with share caps sends the whole ledger to the
  exact path (``share_caps``): a cap is a tender-wide ordering. The batch path gives amounts,
  not trails or warnings: ask :func:`~bouwblokken.ledger.evaluate` for the trail of one
  contract. Obligations are computed when first read (:class:`Obligations`).

Because the fallback evaluates whole persons (all their activities in every tender), the
amounts of both parts are exactly :func:`~bouwblokken.ledger.evaluate`'s, activity by activity
(before share caps, which only the exact path applies). The differential test
(``tests/portfolio/test_batch.py``) checks 0 differences in cents on generated portfolios.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from math import gcd
from typing import Any

import numpy as np

from bouwblokken.catalog.model import (
    ActualCostsRule,
    AgreedRule,
    Catalog,
    InvoiceRule,
    LimitAgreed,
    LimitAlways,
    LimitMonths,
    LimitNotStated,
    OneOffRule,
    PerHourRule,
    PerMonthRule,
    PerPeriodRule,
    PerYearRule,
)
from bouwblokken.catalog.registry import Registry, default_registry
from bouwblokken.eligibility import check_eligibility, peildatum
from bouwblokken.errors import CatalogError, LedgerError
from bouwblokken.ledger import Ledger, LedgerResult, evaluate
from bouwblokken.ledger import _catalog_for as catalog_for
from bouwblokken.money import from_cents
from bouwblokken.obligation import Obligation, compute_obligation
from bouwblokken.periods import add_months, days_in_month
from bouwblokken.portfolio.gcpause import gc_paused
from bouwblokken.tender import Tender

__all__ = ["BatchResult", "Obligations", "batch_evaluate", "count_overlaps", "count_partition"]

L = 377_580  # lcm(28, 29, 30, 31): a day of a month of n days is L/n of a month
PER_YEAR, PER_MONTH, INVOICE = 0, 1, 2
_BASE = date(1900, 1, 1).toordinal()
_YEARS = 300


def _month_table() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per day ordinal (from 1900): cumulative months × L through that day, the month index
    (year × 12 + month − 1) and the day of the month."""
    weights: list[int] = []
    mindex: list[int] = []
    mday: list[int] = []
    for y in range(1900, 1900 + _YEARS):
        for m in range(1, 13):
            n = days_in_month(y, m)
            weights.extend([L // n] * n)
            mindex.extend([y * 12 + m - 1] * n)
            mday.extend(range(1, n + 1))
    cum = np.cumsum(np.array(weights, dtype=np.int64))
    return cum, np.array(mindex, dtype=np.int64), np.array(mday, dtype=np.int64)


_CUM: np.ndarray | None = None
_MINDEX: np.ndarray | None = None
_MDAY: np.ndarray | None = None
_FIRST: np.ndarray | None = None  # day offset of the first day of each month index


def _tables() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    global _CUM, _MINDEX, _MDAY, _FIRST
    if _CUM is None:
        _CUM, _MINDEX, _MDAY = _month_table()
        first = np.flatnonzero(_MDAY == 1)
        _FIRST = first
    assert _CUM is not None and _MINDEX is not None and _MDAY is not None and _FIRST is not None
    return _CUM, _MINDEX, _MDAY, _FIRST


def _months_l(s: np.ndarray, e: np.ndarray) -> np.ndarray:
    """Months × L from day offset s to e inclusive (0 where e < s)."""
    cum = _tables()[0]
    out = cum[np.maximum(e, 0)] - np.where(s > 0, cum[np.maximum(s - 1, 0)], 0)
    return np.where(e >= s, out, 0)


@dataclass(frozen=True)
class BatchResult:
    """Counted cents per activity in both views, per tender, and what took the exact path."""

    keys: tuple[tuple[str, int], ...]
    """(tender id, activity index) of each row."""
    realised_cents: np.ndarray
    """Counted in the realised view (0 for a planned activity), int64 cents."""
    forecast_cents: np.ndarray
    vectorised: np.ndarray
    """Whether the row was valued by the vectorised path (in the forecast view)."""
    obligations: Mapping[str, Obligation]
    """Each tender's obligation (computed when first read: counting needs none)."""
    as_of: date | None
    fallback: dict[str, int] = field(default_factory=dict)
    """Rows valued by the exact path, by reason (forecast view)."""
    timings: dict[str, float] = field(default_factory=dict)  # float-ok: seconds
    """Seconds spent preparing rows, in the vectorised arithmetic and in the exact fallback."""
    exact_result: LedgerResult | None = None
    """The exact evaluation of the persons that took the exact path (only they can have had
    person-time cut for an overlap: the double-count list comes from it)."""
    _index: dict[tuple[str, int], int] = field(default_factory=dict, repr=False, compare=False)

    def tender_totals(self, view: str = "realised") -> dict[str, Decimal]:
        cents = self.realised_cents if view == "realised" else self.forecast_cents
        out: dict[str, int] = {}
        for (tid, _), c in zip(self.keys, cents.tolist(), strict=True):
            out[tid] = out.get(tid, 0) + int(c)
        return {t: from_cents(c) for t, c in out.items()}

    def amount(self, tender: str, index: int, view: str = "realised") -> Decimal:
        if not self._index:
            self._index.update({k: i for i, k in enumerate(self.keys)})
        i = self._index[(tender, index)]
        cents = self.realised_cents if view == "realised" else self.forecast_cents
        return from_cents(int(cents[i]))

    @property
    def share_vectorised(self) -> float:  # float-ok: a ratio for the benchmark, not money
        n = len(self.keys)
        return float(self.vectorised.sum()) / n if n else 0.0  # float-ok


class Obligations(Mapping[str, Obligation]):
    """Each tender's obligation (:func:`~bouwblokken.obligation.compute_obligation`),
    computed when first read and kept: counting activities needs none, a report needs them
    all. ``known`` (an earlier result's obligations on the same tenders) is asked first. An
    error in a tender's terms is raised when its obligation is read."""

    def __init__(
        self,
        terms: Mapping[str, tuple[Tender, Catalog | None]],
        known: Mapping[str, Obligation] | None = None,
    ) -> None:
        self._terms = terms
        self._known = known or {}
        self._done: dict[str, Obligation] = {}

    def __getitem__(self, tender_id: str) -> Obligation:
        got = self._done.get(tender_id)
        if got is None:
            tender, catalog = self._terms[tender_id]
            got = self._known.get(tender_id) or compute_obligation(tender, catalog)
            self._done[tender_id] = got
        return got

    def __iter__(self) -> Iterator[str]:
        return iter(self._terms)

    def __len__(self) -> int:
        return len(self._terms)


def _frac(x: Decimal) -> tuple[int, int]:
    return x.as_integer_ratio()


def _classify(
    tender: Tender, catalog: Catalog, activity: Any, person_birth: date | None
) -> tuple[str | None, tuple[int, int, int, int, int, int, str] | None]:
    """(fallback reason, None) or (None, (rate cents, frac num, frac den, limit months,
    per_year, prior-start cut-off ordinal or 0))."""
    a = activity
    block = catalog.block(a.block)
    rule = block.rule
    t = catalog.time
    if not isinstance(rule, PerYearRule | PerMonthRule | PerPeriodRule) or (
        isinstance(rule, PerPeriodRule) and not rule.prorate_duration
    ):
        return _classify_undated(tender, catalog, a, person_birth)
    if a.start is None or a.end is None:
        return "no_dates", None
    if t.time_basis != "calendar":
        return "rule", None
    if isinstance(rule, PerYearRule):
        if not rule.prorate_duration or (rule.duration_unit or t.duration_unit) != "months":
            return "rule", None
        kind = PER_YEAR
    elif isinstance(rule, PerMonthRule):
        if a.months is not None:
            return "rule", None
        kind = PER_MONTH
    elif isinstance(rule, PerPeriodRule) and rule.prorate_duration:
        return "rule", None
    else:
        return "undated", None
    prorate = rule.prorate_hours
    if prorate:
        if (
            t.reference_week != "fixed"
            or block.max_hours_per_week is not None
            or block.min_hours_per_week is not None
            or t.min_hours_per_week is not None
            or a.hours_per_week is None
        ):
            return "hours", None
        assert t.reference_hours_per_week is not None
        hn, hd = _frac(a.hours_per_week)
        rn, rd = _frac(t.reference_hours_per_week)
        num, den = hn * rd, hd * rn  # hours ÷ reference
        if t.cap_hours_at_reference and num > den:
            num, den = 1, 1
        if num > den:  # above a full week: the person's week cap would cut it
            return "hours", None
        g = gcd(num, den)
        num, den = num // g, den // g
    else:
        num, den = 1, 1
    judged = (
        a.age is not None
        or a.birth_date is not None
        or person_birth is not None
        or a.flags
        or a.internship_months is not None
    )
    if judged and catalog.bonuses_for(block):
        # Without these facts no bonus applies (an age condition is not judged without an
        # age, a flag condition is false without flags): with them, the exact path decides.
        return "facts", None
    on = peildatum(
        catalog,
        award_date=tender.contract_date,
        contract_start=tender.start,
        placement_start=a.start,
    )
    if any(f.kind == "ineligible" for f in check_eligibility(a, block, catalog, on.day)):
        return "facts", None  # a missing fact only adds a warning: the amount is the same
    limit = block.counting_limit
    months = 0
    key = ""
    if isinstance(limit, LimitMonths):
        if limit.bridge_gaps_below_months is not None:
            return "limit", None
        months = limit.months
        key = catalog.id + (
            "/tg:" + block.target_group
            if limit.per == "target_group" and block.target_group
            else "/b:" + block.id
        )
    elif not isinstance(limit, LimitAlways | LimitAgreed | LimitNotStated):
        return "limit", None
    prior = catalog.eligibility.prior_start_months
    cutoff = 0
    if prior is not None and tender.start is not None:
        cutoff = add_months(tender.start, -prior).toordinal() - _BASE
    rate = int(rule.amount * 100)
    return None, (rate, num, den, months, kind, cutoff, key)


def _classify_undated(
    tender: Tender, catalog: Catalog, a: Any, person_birth: date | None
) -> tuple[str | None, tuple[int, int, int, int, int, int, str] | None]:
    """Blocks whose value is one amount times one factor, undated (the ledger counts them
    whatever their date, as the exact path does): invoice × percentage, rate × hours, costs,
    an agreed amount, a one-off, amount × periods. Anything with a cap, a per-person maximum
    or a bonus takes the exact path."""
    block = catalog.block(a.block)
    rule = block.rule
    if catalog.bonuses_for(block):
        return "undated", None
    amount: Decimal | None
    num, den = 1, 1
    if isinstance(rule, InvoiceRule):
        if rule.max_per_person is not None or a.invoice_amount is None:
            return "undated", None
        amount = a.invoice_amount
        pn, pd = _frac(rule.percentage)
        num, den = pn, pd * 100
    elif isinstance(rule, PerHourRule):
        if block.max_hours_per_week is not None or a.hours is None:
            return "undated", None
        num, den = _frac(a.hours)
        if rule.amount is not None:
            amount = rule.amount
        else:
            assert rule.year_amount is not None and rule.hours_per_year is not None
            amount, den = rule.year_amount, den * rule.hours_per_year
    elif isinstance(rule, ActualCostsRule):
        amount = a.costs
    elif isinstance(rule, AgreedRule):
        amount = a.agreed_amount if rule.max_per_day is None else None
    elif isinstance(rule, OneOffRule):
        amount = rule.amount
    elif isinstance(rule, PerPeriodRule) and not rule.prorate_duration:
        amount = rule.amount
        if a.periods is not None:
            num, den = _frac(a.periods)
    else:
        return "undated", None
    if amount is None:
        return "undated", None  # the exact path names the missing field
    on = peildatum(
        catalog,
        award_date=tender.contract_date,
        contract_start=tender.start,
        placement_start=a.start,
    )
    if any(f.kind == "ineligible" for f in check_eligibility(a, block, catalog, on.day)):
        return "facts", None
    cents = int(amount * 100)
    if cents * num >= 1 << 61:
        return "undated", None
    return None, (cents, num, den, 0, INVOICE, 0, "")


def count_invoices(amount: np.ndarray, pnum: np.ndarray, pden: np.ndarray) -> np.ndarray:
    """Counted cents of undated blocks (invoices, hours, costs, …): amount (cents) × pnum ÷
    pden, rounded half up once."""
    cents: np.ndarray = (2 * amount * pnum + pden) // (2 * pden)
    return cents


def count_partition(
    start: np.ndarray,
    end: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    rate: np.ndarray,
    fnum: np.ndarray,
    fden: np.ndarray,
    per_year: np.ndarray,
    limit: np.ndarray,
    group: np.ndarray | None = None,
    rank: np.ndarray | None = None,
) -> np.ndarray:
    """Counted cents of placements that share no day of a person's week, all int64.

    ``start``/``end``: the activity's days (offsets from 1900-01-01); ``lo``/``hi``: the days
    the ledger lets count (contract, reporting date; ``hi < lo`` for none); ``rate``: cents per
    year (per-year) or per month; ``fnum``/``fden``: the hours fraction; ``limit``: months of a
    counting limit (0: none); ``group``: which person's limit a row uses (−1: its own) and
    ``rank`` its place in the ledger's order within the group — a limit is used up by the
    counted months of the rows before it."""
    cum = _tables()[0]
    s = np.maximum(start, lo)
    e = np.minimum(end, hi)
    n = s.size
    if group is None or rank is None:
        group = np.full(n, -1, dtype=np.int64)
        rank = np.zeros(n, dtype=np.int64)
    lim = (limit > 0) & (e >= s) & (fnum > 0)
    used = np.zeros(max(int(group.max()) + 1, 1) if n else 1, dtype=np.int64)
    e_counted = e.copy()
    for r in range(int(rank.max()) + 1 if n else 0):
        sel = np.flatnonzero(lim & (rank == r))
        if not sel.size:
            continue
        g = group[sel]
        own = g >= 0
        room = limit[sel] * L - np.where(own, used[np.maximum(g, 0)], 0)
        base = cum[s[sel] - 1]
        last = np.searchsorted(cum, base + room, side="right") - 1
        last = np.where(room > 0, last, s[sel] - 1)
        e_counted[sel] = np.minimum(e[sel], last)
        took = _months_l(s[sel], e_counted[sel])
        np.add.at(used, g[own], took[own])
    months = _months_l(s, e_counted)
    den = fden * L * np.where(per_year, 12, 1)
    num = rate * fnum * months
    if n and float(rate.max()) * float(fnum.max()) * float(months.max()) > 4e18:  # float-ok
        raise OverflowError("amounts too large for int64; use the exact path")
    cents: np.ndarray = (2 * num + den) // (2 * den)
    return cents


_FACTS = frozenset(
    {
        "age",
        "birth_date",
        "benefit_months",
        "registered_months",
        "last_worked_for_employer",
        "left_target_group",
        "flags",
        "internship_months",
        "fulltime_hours_per_week",
        "months",
        "subsidy_end",
    }
)
"""Activity fields that can change a classification beyond the block (eligibility, bonuses,
the supplier's week, months without dates): an activity that sets one takes
:func:`_classify` row by row; the others are classified once per block."""

_DAYS = len(range(date(1900, 1, 1).toordinal(), date(1900 + _YEARS, 1, 1).toordinal()))
_FAR = 1 << 40


@dataclass(frozen=True)
class _BlockClass:
    """What :func:`_classify` decides from the catalog and block alone (facts-free rows)."""

    reason: str | None
    kind: int = PER_YEAR
    rate: int = 0
    prorate: bool = True
    ref: tuple[int, int] = (1, 1)
    cap_at_ref: bool = True
    fixed_week: bool = True
    limit: int = 0
    key: str = ""
    bonuses: bool = False
    undated: tuple[Any, ...] = ()
    """For undated blocks: (field or None, constant amount, num, den, per-hour year hours)."""


def _block_class(catalog: Catalog, block: Any) -> _BlockClass:
    rule = block.rule
    t = catalog.time
    bonuses = bool(catalog.bonuses_for(block))
    if not isinstance(rule, PerYearRule | PerMonthRule | PerPeriodRule) or (
        isinstance(rule, PerPeriodRule) and not rule.prorate_duration
    ):
        return _undated_class(block, rule, bonuses)
    if t.time_basis != "calendar":
        return _BlockClass("rule")
    if isinstance(rule, PerYearRule):
        if not rule.prorate_duration or (rule.duration_unit or t.duration_unit) != "months":
            return _BlockClass("rule")
        kind = PER_YEAR
    elif isinstance(rule, PerMonthRule):
        kind = PER_MONTH
    else:
        return _BlockClass("rule")
    prorate = bool(rule.prorate_hours)
    ref = (1, 1)
    if prorate and (
        t.reference_week != "fixed"
        or block.max_hours_per_week is not None
        or block.min_hours_per_week is not None
        or t.min_hours_per_week is not None
    ):
        return _BlockClass("hours")
    if t.reference_week == "fixed":
        assert t.reference_hours_per_week is not None
        ref = _frac(t.reference_hours_per_week)
    limit = block.counting_limit
    months = 0
    key = ""
    if isinstance(limit, LimitMonths):
        if limit.bridge_gaps_below_months is not None:
            return _BlockClass("limit")
        months = limit.months
        key = catalog.id + (
            "/tg:" + block.target_group
            if limit.per == "target_group" and block.target_group
            else "/b:" + block.id
        )
    elif not isinstance(limit, LimitAlways | LimitAgreed | LimitNotStated):
        return _BlockClass("limit")
    return _BlockClass(
        None,
        kind,
        int(rule.amount * 100),
        prorate,
        ref,
        bool(t.cap_hours_at_reference),
        t.reference_week == "fixed",
        months,
        key,
        bonuses,
    )


def _undated_class(block: Any, rule: Any, bonuses: bool) -> _BlockClass:
    if bonuses:
        return _BlockClass("undated")
    if isinstance(rule, InvoiceRule):
        if rule.max_per_person is not None:
            return _BlockClass("undated")
        pn, pd = _frac(rule.percentage)
        return _BlockClass(None, INVOICE, undated=("invoice_amount", None, pn, pd * 100, 0))
    if isinstance(rule, PerHourRule):
        if block.max_hours_per_week is not None:
            return _BlockClass("undated")
        if rule.amount is not None:
            return _BlockClass(None, INVOICE, undated=("hours", rule.amount, 1, 1, 0))
        assert rule.year_amount is not None and rule.hours_per_year is not None
        return _BlockClass(
            None, INVOICE, undated=("hours", rule.year_amount, 1, 1, rule.hours_per_year)
        )
    if isinstance(rule, ActualCostsRule):
        return _BlockClass(None, INVOICE, undated=("costs", None, 1, 1, 0))
    if isinstance(rule, AgreedRule):
        if rule.max_per_day is not None:
            return _BlockClass("undated")
        return _BlockClass(None, INVOICE, undated=("agreed_amount", None, 1, 1, 0))
    if isinstance(rule, OneOffRule):
        return _BlockClass(None, INVOICE, undated=(None, rule.amount, 1, 1, 0))
    if isinstance(rule, PerPeriodRule) and not rule.prorate_duration:
        return _BlockClass(None, INVOICE, undated=("periods", rule.amount, 1, 1, 0))
    return _BlockClass("undated")


Spec = tuple[int, int, int, int, int, int, str]


def _classify_fast(
    bc: _BlockClass, a: Any, person_birth: date | None, cutoff: int
) -> tuple[str | None, Spec | None, bool]:
    """:func:`_classify` for an activity without facts (see ``_FACTS``), from its block's
    class: (reason, spec, scaled) — ``scaled``: a block not prorated by hours that takes only
    part of the person's week (its hours below the reference week)."""
    if bc.reason is not None:
        return bc.reason, None, False
    if bc.kind == INVOICE:
        fld, const, num, den, year_hours = bc.undated
        amount = const
        if fld in ("invoice_amount", "costs", "agreed_amount"):
            amount = getattr(a, fld)
        elif fld == "hours":
            if a.hours is None:
                return "undated", None, False
            num, den = _frac(a.hours)
            if year_hours:
                den *= year_hours
        elif fld == "periods" and a.periods is not None:
            num, den = _frac(a.periods)
        if amount is None:
            return "undated", None, False  # the exact path names the missing field
        cents = int(amount * 100)
        if cents * num >= 1 << 61:
            return "undated", None, False
        return None, (cents, num, den, 0, INVOICE, 0, ""), False
    if a.start is None or a.end is None:
        return "no_dates", None, False
    scaled = False
    if bc.prorate:
        if a.hours_per_week is None:
            return "hours", None, False
        hn, hd = _frac(a.hours_per_week)
        rn, rd = bc.ref
        num, den = hn * rd, hd * rn
        if bc.cap_at_ref and num > den:
            num, den = 1, 1
        if num > den:
            return "hours", None, False
        g = gcd(num, den)
        num, den = num // g, den // g
    else:
        num, den = 1, 1
        if bc.fixed_week and a.hours_per_week is not None:
            hn, hd = _frac(a.hours_per_week)
            rn, rd = bc.ref
            scaled = hn * rd < hd * rn
    if person_birth is not None and bc.bonuses:
        return "facts", None, False
    return None, (bc.rate, num, den, bc.limit, bc.kind, cutoff, bc.key), scaled


def batch_evaluate(
    ledger: Ledger,
    *,
    as_of: date | None = None,
    registry: Registry | None = None,
    obligations: Mapping[str, Obligation] | None = None,
    exact_cuts: bool = True,
) -> BatchResult:
    """Counted amounts per activity in the realised (up to ``as_of``) and forecast views, equal
    to the cent to :func:`~bouwblokken.ledger.evaluate` (see the module text).

    ``obligations`` (from an earlier result on the same tenders) saves computing them again.
    ``exact_cuts`` (default) also evaluates exactly the persons whose full-time week was cut
    in the realised view (the same cents; their trails make the double-count list of
    :attr:`BatchResult.exact_result`); without it only the rows the vectorised path cannot do
    take the exact path."""
    with gc_paused():  # millions of acyclic objects: see bouwblokken.portfolio.gcpause
        return _batch_evaluate(
            ledger, as_of, reg=registry, known=obligations or {}, cuts=exact_cuts
        )


def _batch_evaluate(
    ledger: Ledger,
    as_of: date | None,
    *,
    reg: Registry | None,
    known: Mapping[str, Obligation],
    cuts: bool,
) -> BatchResult:
    reg = reg or default_registry()
    persons = {p.id: p for p in ledger.persons}
    born = {p.id for p in ledger.persons if p.birth_date is not None}
    catalogs: dict[str, Catalog] = {}
    terms: dict[str, tuple[Tender, Catalog | None]] = {}
    flat: list[tuple[Tender, int, Any]] = []
    warn: list[Any] = []
    classes: dict[tuple[int, str], _BlockClass] = {}
    for t in ledger.tenders:
        try:
            cat = catalog_for(t, reg, warn)
        except CatalogError as exc:
            raise LedgerError(str(exc), record=f"tender {t.id!r}", field="catalog") from None
        if cat is None:
            if t.activities:
                raise LedgerError("the tender names no catalog", record=f"tender {t.id!r}")
            terms[t.id] = (t, None)
            continue
        catalogs[t.id] = cat
        terms[t.id] = (t, cat)
        for i, a in enumerate(t.activities):
            if (id(cat), a.block) not in classes:
                block = cat.block(
                    a.block, record=f"tender {t.id!r} activity {a.id or '#' + str(i + 1)!r}"
                )
                classes[(id(cat), a.block)] = _block_class(cat, block)
            flat.append((t, i, a))
    found = Obligations(terms, known)
    keys = tuple((t.id, i) for t, i, _ in flat)
    n = len(flat)
    realised = np.zeros(n, dtype=np.int64)
    forecast = np.zeros(n, dtype=np.int64)
    vectorised = np.zeros(n, dtype=bool)
    fallback: dict[str, int] = {}
    if any(c.share_caps for c in catalogs.values()):
        whole = evaluate(ledger, as_of=as_of, registry=reg)
        _fill_exact(whole, {k: j for j, k in enumerate(keys)}, realised, forecast, range(n))
        fallback["share_caps"] = n
        return BatchResult(keys, realised, forecast, vectorised, found, as_of, fallback, {}, whole)

    clock = time.perf_counter()
    timings = {"prepare": 0.0, "vectorised": 0.0, "exact": 0.0}  # float-ok: seconds
    facts: list[tuple[str | None, Spec | None]] = []
    scaled = np.zeros(n, dtype=bool)
    memo: dict[tuple[Any, ...], tuple[str | None, Spec | None, bool]] = {}
    j = 0
    for t in ledger.tenders:
        if t.id not in catalogs:
            continue
        cat = catalogs[t.id]
        prior = cat.eligibility.prior_start_months
        cutoff = (
            add_months(t.start, -prior).toordinal() - _BASE
            if prior is not None and t.start is not None
            else 0
        )
        cid = id(cat)
        for a in t.activities:
            if a.model_fields_set.isdisjoint(_FACTS):
                bc = classes[(cid, a.block)]
                pb = persons[a.person].birth_date if a.person in born else None
                if bc.kind == INVOICE or bc.reason is not None:
                    why, spec, sc = _classify_fast(bc, a, pb, cutoff)
                else:
                    # A dated block's class depends on the hours and which dates are given.
                    mk = (id(bc), a.hours_per_week, a.start is None, a.end is None, pb is None)
                    got = memo.get(mk)
                    if got is None:
                        got = memo[mk] = _classify_fast(bc, a, pb, cutoff)
                    why, spec, sc = got
                    if spec is not None and cutoff != spec[5]:
                        spec = (*spec[:5], cutoff, spec[6])
                scaled[j] = sc
            else:
                pb = persons[a.person].birth_date if a.person in persons else None
                why, spec = _classify(t, cat, a, pb)
                if spec is not None and spec[4] != INVOICE:
                    scaled[j] = _scaled_slow(cat, a)
            facts.append((why, spec))
            j += 1
    cols = _Columns.build(flat, facts, scaled, persons)
    exact_rows, overlap, limited = _partition_columns(cols, fallback)
    fast = ~exact_rows
    now = time.perf_counter()
    timings["prepare"] += now - clock
    fast_r = fast & cols.realised
    forecast[fast] = _vector_columns(cols, fast, overlap, None, limited)
    if fast_r.any():
        realised[fast_r] = _vector_columns(cols, fast_r, overlap, as_of, limited)
    vectorised[fast] = True
    clock = time.perf_counter()
    timings["vectorised"] += clock - now
    exact_set = set(np.flatnonzero(exact_rows).tolist())
    if cuts and fast_r.any():
        cut = _cut_persons(cols, fast_r, overlap, as_of)
        if cut.size:
            extra = np.flatnonzero(np.isin(cols.person, cut) & fast)
            fallback["person_week_cut"] = int(extra.size)
            exact_set.update(extra.tolist())
            vectorised[extra] = False
    res: LedgerResult | None = None
    if exact_set:
        # In chunks of whole persons: the exact ledger's cost grows faster than linearly with
        # the number of tenders and warnings, and persons do not interact.
        parts: list[LedgerResult] = []
        for chunk in _chunks_by_person(flat, exact_set, CHUNK_ROWS):
            sub, where = _sub_ledger(ledger, flat, chunk)
            part = evaluate(sub, as_of=as_of, registry=reg)
            for j, c in _exact_rows(part, where, "forecast").items():
                forecast[j] = c
            for j, c in _exact_rows(part, where, "realised").items():
                realised[j] = c
            parts.append(part)
        res = LedgerResult(
            tuple(t for p in parts for t in p.tenders),
            as_of,
            tuple(w for p in parts for w in p.warnings),
        )
    timings["exact"] += time.perf_counter() - clock
    return BatchResult(keys, realised, forecast, vectorised, found, as_of, fallback, timings, res)


def _scaled_slow(catalog: Catalog, a: Any) -> bool:
    """Whether a block not prorated by hours takes only part of the week (an activity with
    facts, classified by :func:`_classify`)."""
    rule = catalog.block(a.block).rule
    t = catalog.time
    if getattr(rule, "prorate_hours", True) or a.hours_per_week is None:
        return False
    if t.reference_week == "fixed":
        assert t.reference_hours_per_week is not None
        return bool(a.hours_per_week < t.reference_hours_per_week)
    own = a.fulltime_hours_per_week
    return own is not None and bool(a.hours_per_week < own)


CHUNK_ROWS = 2_000


@dataclass
class _Columns:
    """The rows as int64 columns (day offsets from 1900-01-01, cents, fractions, codes)."""

    person: np.ndarray  # person code, −1 for none
    reason: list[str | None]
    own_exact: np.ndarray  # the row's own reason sends it to the exact path
    undated_reason: np.ndarray  # ... and that reason is "undated" (it shares nothing)
    kind: np.ndarray
    start: np.ndarray
    end: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    rate: np.ndarray
    fnum: np.ndarray
    fden: np.ndarray
    limit: np.ndarray
    key: np.ndarray  # limit key code (−1: none)
    rank: np.ndarray  # place in the ledger's canonical order (ledger.priority)
    realised: np.ndarray
    scaled: np.ndarray

    @staticmethod
    def build(
        flat: Sequence[tuple[Tender, int, Any]],
        facts: Sequence[tuple[str | None, Spec | None]],
        scaled: np.ndarray,
        persons: dict[str, Any],
    ) -> _Columns:
        n = len(flat)
        codes = {p: k for k, p in enumerate(persons)}
        person = np.fromiter(
            (codes.get(a.person, -1) if a.person is not None else -1 for _, _, a in flat),
            dtype=np.int64,
            count=n,
        )
        reason = [f[0] for f in facts]
        own_exact = np.fromiter((r is not None for r in reason), dtype=bool, count=n)
        undated_reason = np.fromiter((r == "undated" for r in reason), dtype=bool, count=n)
        zero: Spec = (0, 0, 1, 0, INVOICE, 0, "")
        specs = [f[1] or zero for f in facts]
        rate = np.fromiter((s[0] for s in specs), dtype=np.int64, count=n)
        fnum = np.fromiter((s[1] for s in specs), dtype=np.int64, count=n)
        fden = np.fromiter((s[2] for s in specs), dtype=np.int64, count=n)
        limit = np.fromiter((s[3] for s in specs), dtype=np.int64, count=n)
        kind = np.fromiter((s[4] for s in specs), dtype=np.int64, count=n)
        cutoff = np.fromiter((s[5] for s in specs), dtype=np.int64, count=n)
        key_codes: dict[str, int] = {"": -1}
        key = np.fromiter(
            (key_codes.setdefault(s[6], len(key_codes) - 1) for s in specs), dtype=np.int64, count=n
        )
        far = date.max.toordinal() - _BASE
        start = np.fromiter(
            (a.start.toordinal() - _BASE if a.start else far for _, _, a in flat),
            dtype=np.int64,
            count=n,
        )
        end = np.fromiter(
            (a.end.toordinal() - _BASE if a.end else far for _, _, a in flat),
            dtype=np.int64,
            count=n,
        )
        # Dates outside the month table (1900 to 2199) take the exact path.
        dated = kind != INVOICE
        outside = dated & ~own_exact & ((start < 1) | (end >= _DAYS - 1))
        for j in np.flatnonzero(outside).tolist():
            reason[j] = "dates"
        own_exact |= outside
        tid = [t.id for t, _, _ in flat]
        tstart: dict[str, tuple[int, int, int]] = {}
        for t, _, _ in flat:
            if t.id not in tstart:
                cs = t.start or t.contract_date or date.max
                tstart[t.id] = (
                    t.start.toordinal() - _BASE if t.start else 0,
                    t.end.toordinal() - _BASE if t.end else _FAR,
                    cs.toordinal(),
                )
        lo = np.fromiter((tstart[x][0] for x in tid), dtype=np.int64, count=n)
        hi = np.fromiter((tstart[x][1] for x in tid), dtype=np.int64, count=n)
        cstart = np.fromiter((tstart[x][2] for x in tid), dtype=np.int64, count=n)
        too_early = (cutoff > 0) & (start < cutoff)
        lo = np.where(too_early, 1, lo)
        hi = np.where(too_early, 0, hi)
        status = np.fromiter((a.status != "realised" for _, _, a in flat), dtype=np.int64, count=n)
        tcode = _str_codes(tid)
        acode = _str_codes([a.id or "" for _, _, a in flat])
        index = np.fromiter((i for _, i, _ in flat), dtype=np.int64, count=n)
        order = np.lexsort((index, acode, tcode, cstart, start, status))
        rank = np.empty(n, dtype=np.int64)
        rank[order] = np.arange(n, dtype=np.int64)
        return _Columns(
            person,
            reason,
            own_exact,
            undated_reason,
            kind,
            start,
            end,
            lo,
            hi,
            rate,
            fnum,
            fden,
            limit,
            key,
            rank,
            status == 0,
            scaled,
        )


def _str_codes(values: list[str]) -> np.ndarray:
    """Codes that sort like the strings (numpy compares code points, as Python does; a NUL
    character, which numpy strips at the end, takes Python's sort)."""
    if any("\x00" in v for v in values):
        uniq = sorted(set(values))
        where = {v: k for k, v in enumerate(uniq)}
        return np.fromiter((where[v] for v in values), dtype=np.int64, count=len(values))
    if not values:
        return np.zeros(0, dtype=np.int64)
    _, inverse = np.unique(np.array(values), return_inverse=True)
    return inverse.astype(np.int64)


def _partition_columns(
    cols: _Columns, reasons: dict[str, int]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows that take the exact path (their own reason, or their person's); rows of persons
    whose dated placements overlap in time (valued by :func:`count_overlaps`); and, among
    those, the persons whose counting limit may bind (valued by
    :func:`count_limited_overlaps`)."""
    n = cols.person.size
    exact = cols.own_exact.copy()
    for j in np.flatnonzero(exact).tolist():
        r = cols.reason[j] or ""
        reasons[r] = reasons.get(r, 0) + 1
    has_p = cols.person >= 0
    dated = cols.kind != INVOICE
    # A person with a dated row on the exact path: all of the person's rows go exact.
    bad = np.unique(cols.person[has_p & exact & ~cols.undated_reason])
    drag = has_p & ~exact & np.isin(cols.person, bad)
    if drag.any():
        reasons["person_with_exact_row"] = int(drag.sum())
    exact |= drag
    # Overlapping dated placements (sorted by start, a person's consecutive pair overlaps).
    cand = np.flatnonzero(has_p & dated & ~exact)
    overlap = np.zeros(n, dtype=bool)
    if cand.size > 1:
        o = cand[np.lexsort((cols.start[cand], cols.person[cand]))]
        same = cols.person[o[1:]] == cols.person[o[:-1]]
        hit = same & (cols.start[o[1:]] <= cols.end[o[:-1]])
        persons = np.unique(cols.person[o[1:]][hit])
        overlap = has_p & dated & ~exact & np.isin(cols.person, persons)
    if overlap.any():
        rows = np.flatnonzero(overlap)
        bad_p = [cols.person[rows[cols.scaled[rows]]]]
        if np.lcm.reduce(np.unique(cols.fden[rows])) > 1 << 20:
            bad_p.append(cols.person[rows])
        bad_o = np.unique(np.concatenate(bad_p))
        to_exact = overlap & np.isin(cols.person, bad_o)
        if to_exact.any():
            reasons["person_overlap"] = int(to_exact.sum())
            exact |= to_exact
            overlap &= ~to_exact
    limited = np.zeros(n, dtype=bool)
    if overlap.any():
        # A counting limit that could bind: the months of the union of the days the rows
        # under one limit may count (an upper bound of what they use of it) exceed it.
        rows = np.flatnonzero(overlap)
        lim = rows[cols.limit[rows] > 0]
        if lim.size:
            binds = np.unique(cols.person[lim[_limit_may_bind(cols, lim)]])
            limited = overlap & np.isin(cols.person, binds)
    return exact, overlap, limited


def _limit_may_bind(cols: _Columns, lim: np.ndarray) -> np.ndarray:
    """Whether a row's counting limit could cut anything: the months of the union of the
    days its person's rows under the same limit may count (an upper bound of the counted
    days the limit is used up by) exceed the limit."""
    s = np.maximum(cols.start[lim], cols.lo[lim])
    e = np.minimum(cols.end[lim], cols.hi[lim])
    e = np.where(e >= s, e, -1)
    pk = cols.person[lim] * (int(cols.key.max()) + 2) + cols.key[lim] + 1
    o = np.lexsort((s, pk))
    pk_o, s_o, e_o = pk[o], s[o], e[o]
    first = np.ones(o.size, dtype=bool)
    first[1:] = pk_o[1:] != pk_o[:-1]
    gi = np.cumsum(first) - 1
    shift = np.int64(1 << 20)  # above every day offset
    run = np.maximum.accumulate(gi * shift + e_o + 1) - gi * shift - 1
    prev = np.empty_like(run)
    prev[0] = -1
    prev[1:] = run[:-1]
    prev[first] = -1
    # Sorted by start, the rows before cover every day from this row's start up to their
    # latest end: the row adds the days after that.
    new = _months_l(np.maximum(s_o, prev + 1), e_o)
    total = np.zeros(int(gi[-1]) + 1 if o.size else 0, dtype=np.int64)
    np.add.at(total, gi, new)
    binds = np.empty(o.size, dtype=bool)
    binds[o] = total[gi] > cols.limit[lim][o] * L
    return binds


def _vector_columns(
    cols: _Columns,
    rows_mask: np.ndarray,
    overlap: np.ndarray,
    as_of: date | None,
    limited: np.ndarray | None = None,
) -> np.ndarray:
    """Cents of the rows in ``rows_mask`` (one view: all rows, or the realised ones with
    ``as_of``), in the order of the mask."""
    rows = np.flatnonzero(rows_mask)
    out = np.zeros(rows.size, dtype=np.int64)
    kind = cols.kind[rows]
    inv = kind == INVOICE
    if inv.any():
        r = rows[inv]
        out[inv] = count_invoices(cols.rate[r], cols.fnum[r], cols.fden[r])
    cap = (as_of.toordinal() - _BASE) if as_of is not None else _FAR
    ov = overlap[rows] & ~inv
    plain = ~inv & ~ov
    if plain.any():
        r = rows[plain]
        group, rank = _limit_groups(cols, r)
        out[plain] = count_partition(
            cols.start[r],
            cols.end[r],
            cols.lo[r],
            np.minimum(cols.hi[r], cap),
            cols.rate[r],
            cols.fnum[r],
            cols.fden[r],
            cols.kind[r] == PER_YEAR,
            cols.limit[r],
            group,
            rank,
        )
    seq = ov & (limited[rows] if limited is not None else False)
    ov &= ~seq
    for part, counter in ((ov, count_overlaps), (seq, count_limited_overlaps)):
        if part.any():
            r = rows[part]
            out[part] = counter(
                cols.person[r],
                cols.rank[r],
                np.maximum(cols.start[r], cols.lo[r]),
                np.minimum(np.minimum(cols.end[r], cols.hi[r]), cap),
                cols.rate[r],
                cols.fnum[r],
                cols.fden[r],
                cols.kind[r] == PER_YEAR,
                cols.limit[r],
                cols.key[r],
            )[0]
    return out


def _limit_groups(cols: _Columns, r: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which person's limit each row uses (−1: its own) and its rank within that limit in the
    ledger's order."""
    m = r.size
    group = np.full(m, -1, dtype=np.int64)
    rank = np.zeros(m, dtype=np.int64)
    sel = np.flatnonzero((cols.key[r] >= 0) & (cols.person[r] >= 0))
    if not sel.size:
        return group, rank
    pk = cols.person[r[sel]] * (int(cols.key.max()) + 2) + cols.key[r[sel]]
    inv = np.unique(pk, return_inverse=True)[1]
    group[sel] = inv
    o = np.lexsort((cols.rank[r[sel]], inv))
    first = np.searchsorted(inv[o], inv[o], side="left")
    rk = np.empty(sel.size, dtype=np.int64)
    rk[o] = np.arange(sel.size) - first
    rank[sel] = rk
    return group, rank


def count_overlaps(
    person: np.ndarray,
    rank: np.ndarray,
    s: np.ndarray,
    e: np.ndarray,
    rate: np.ndarray,
    fnum: np.ndarray,
    fden: np.ndarray,
    per_year: np.ndarray,
    limit: np.ndarray | None = None,
    key: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Counted cents of placements of persons whose placements overlap: on every day a person
    brings in at most one reference week across all placements, taken in the ledger's order
    (``rank``: realised first, then start date, contract start, tender, id). Returns the cents
    and whether the week cap cut the row.

    On the union of the change points of a person's placements (starts and day-after-ends)
    each stretch has one set of placements; along that stretch placement i counts
    ``min(1, F_i) − min(1, F_{i−1})`` of a week, F the cumulative fractions in rank order —
    exact integers over the lcm D of the fractions' denominators. Its value is
    ``rate × Σ counted × months`` (÷ 12 per year) over the stretches, rounded half up once.
    ``s``/``e``: the days that may count (``e < s``: none). No counting limit may bind here
    (the partition checks it; ``limit`` and ``key`` are not read)."""
    m = person.size
    cents = np.zeros(m, dtype=np.int64)
    cut = np.zeros(m, dtype=bool)
    d = int(np.lcm.reduce(np.unique(fden))) if m else 1
    fu = fnum * (d // fden)
    idx = np.flatnonzero((e >= s) & (fu > 0))
    if not idx.size:
        return cents, cut
    shift = 18  # day offsets < 2^17
    p = person[idx] << shift
    ks = p | s[idx]
    ke = p | (e[idx] + 1)
    pts = np.unique(np.concatenate((ks, ke)))
    a = np.searchsorted(pts, ks)
    b = np.searchsorted(pts, ke)
    counts = b - a
    total = int(counts.sum())
    row = np.repeat(idx, counts)
    first = np.repeat(np.cumsum(counts) - counts, counts)
    k = np.repeat(a, counts) + (np.arange(total) - first)
    mask = (1 << shift) - 1
    lo = pts[k] & mask
    hi = (pts[k + 1] & mask) - 1
    months = _months_l(lo, hi)
    o = np.lexsort((rank[row], k))
    k, row, months = k[o], row[o], months[o]
    f = fu[row]
    csum = np.cumsum(f)
    start_of = np.searchsorted(k, k, side="left")
    before = np.where(start_of > 0, csum[np.maximum(start_of - 1, 0)], 0)
    big = csum - before
    c = np.minimum(d, big) - np.minimum(d, big - f)
    num = np.zeros(m, dtype=np.int64)
    np.add.at(num, row, c * months)
    lost = np.zeros(m, dtype=np.int64)
    np.add.at(lost, row, (f - c) * months)
    cut = lost > 0
    den = d * L * np.where(per_year, 12, 1)
    if float(rate.max()) * float(num.max()) > 4e18:  # float-ok: an overflow guard
        exact = [
            (2 * int(r) * int(x) + int(y)) // (2 * int(y))
            for r, x, y in zip(rate.tolist(), num.tolist(), den.tolist(), strict=True)
        ]
        return np.array(exact, dtype=np.int64), cut
    cents = (2 * rate * num + den) // (2 * den)
    return cents, cut


def count_limited_overlaps(
    person: np.ndarray,
    rank: np.ndarray,
    s: np.ndarray,
    e: np.ndarray,
    rate: np.ndarray,
    fnum: np.ndarray,
    fden: np.ndarray,
    per_year: np.ndarray,
    limit: np.ndarray,
    key: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`count_overlaps` with counting limits that bind, one person at a time in the
    ledger's order, in exact integers (a day of a month of n days is L/n month).

    Each placement takes what the week has left on each stretch of days (as in
    :func:`count_overlaps`); of the days it then counts, those not yet used under its limit
    (``key``; −1: none) use it up chronologically until ``limit`` months are used — the last
    day that fits found on the cumulative month table — and the days already used count
    again without using more (ledger: counting limits run on counted placement time). The
    counted stretches then fill the person's week for the placements after it. Returns the
    cents and whether the week cap cut the row."""
    cum = _tables()[0]
    m = person.size
    cents = np.zeros(m, dtype=np.int64)
    cut = np.zeros(m, dtype=bool)
    order = np.lexsort((rank, person)).tolist()
    per = person.tolist()
    sl, el, fn, fd = s.tolist(), e.tolist(), fnum.tolist(), fden.tolist()
    lim, keys, rt, py = limit.tolist(), key.tolist(), rate.tolist(), per_year.tolist()

    def months(a: int, b: int) -> int:
        return int(cum[b]) - int(cum[a - 1]) if b >= a else 0

    k = 0
    while k < m:
        stop = k
        while stop < m and per[order[stop]] == per[order[k]]:
            stop += 1
        group = order[k:stop]
        k = stop
        d = 1
        for i in group:
            d = d * fd[i] // gcd(d, fd[i])
        occ: list[list[int]] = []  # disjoint [first, last, used] stretches, sorted
        used: dict[int, list[tuple[int, int]]] = {}  # days used under each limit
        for i in group:
            if el[i] < sl[i] or fn[i] == 0:
                continue
            f = fn[i] * (d // fd[i])
            pieces = _stretches(occ, sl[i], el[i])
            counted = [(a, b, min(f, d - u)) for a, b, u in pieces if u < d]
            cut[i] = any(u + f > d for _, _, u in pieces)
            kept = counted
            if keys[i] >= 0 and lim[i] > 0:
                kept = _use_limit(counted, used.setdefault(keys[i], []), lim[i] * L, cum)
            num = sum(c * months(a, b) for a, b, c in kept)
            den = d * L * (12 if py[i] else 1)
            cents[i] = (2 * rt[i] * num + den) // (2 * den)
            for a, b, c in kept:
                _occupy_add(occ, a, b, c)
    return cents, cut


def _stretches(occ: list[list[int]], s: int, e: int) -> list[tuple[int, int, int]]:
    """Days s..e as stretches of equal use of the week (0 where nothing is booked)."""
    out: list[tuple[int, int, int]] = []
    at = s
    for a, b, u in occ:
        if b < at or a > e:
            continue
        if a > at:
            out.append((at, a - 1, 0))
        lo, hi = max(a, at), min(b, e)
        out.append((lo, hi, u))
        at = hi + 1
    if at <= e:
        out.append((at, e, 0))
    return out


def _use_limit(
    counted: list[tuple[int, int, int]],
    have: list[tuple[int, int]],
    limit: int,
    cum: np.ndarray,
) -> list[tuple[int, int, int]]:
    """The parts of ``counted`` (day ranges with their fraction, chronological) a counting limit
    of ``limit`` month units lets count, given the days ``have`` (sorted, disjoint) already used
    it up: days already in ``have`` count again (the same placement time), new days count until
    the limit is reached (the last day that fits: months from its start up to it ≤ what is
    left). ``have`` gains the new days."""

    def months(a: int, b: int) -> int:
        return int(cum[b]) - int(cum[a - 1]) if b >= a else 0

    room = limit - sum(months(a, b) for a, b in have)
    kept: list[tuple[int, int, int]] = []
    taken: list[tuple[int, int]] = []
    full = False
    for a, b, c in counted:
        for x, y, old in _split(a, b, have):
            if old:
                kept.append((x, y, c))
                continue
            if full:
                continue
            w = months(x, y)
            if w <= room:
                room -= w
            else:
                y = int(np.searchsorted(cum, int(cum[x - 1]) + room, "right")) - 1
                full = True
                if y < x:
                    continue
                room -= months(x, y)
            kept.append((x, y, c))
            taken.append((x, y))
    have.extend(taken)
    have.sort()
    return kept


def _split(a: int, b: int, have: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """Days a..b in chronological parts, each marked whether ``have`` (sorted, disjoint)
    holds it."""
    out: list[tuple[int, int, bool]] = []
    at = a
    for x, y in have:
        if y < at or x > b:
            continue
        if x > at:
            out.append((at, x - 1, False))
        lo, hi = max(x, at), min(y, b)
        out.append((lo, hi, True))
        at = hi + 1
    if at <= b:
        out.append((at, b, False))
    return out


def _occupy_add(occ: list[list[int]], a: int, b: int, c: int) -> None:
    """Book ``c`` more of the week on days a..b (``occ`` stays sorted and disjoint)."""
    if c <= 0:
        return
    new: list[list[int]] = []
    for x, y, u in occ:
        if y < a or x > b:
            new.append([x, y, u])
            continue
        if x < a:
            new.append([x, a - 1, u])
        new.append([max(x, a), min(y, b), u + c])
        if y > b:
            new.append([b + 1, y, u])
    # Days of a..b nothing booked yet.
    covered = sorted((x, y) for x, y, _ in new if x >= a and y <= b)
    at = a
    for x, y in covered:
        if x > at:
            new.append([at, x - 1, c])
        at = max(at, y + 1)
    if at <= b:
        new.append([at, b, c])
    new.sort()
    occ[:] = new


def _cut_persons(
    cols: _Columns, rows_mask: np.ndarray, overlap: np.ndarray, as_of: date | None
) -> np.ndarray:
    """Persons whose week the cap cut in the realised view (vectorised rows; without their
    counting limits, which only leave more of the week: a superset, never a miss)."""
    r = np.flatnonzero(rows_mask & overlap)
    if not r.size:
        return np.zeros(0, dtype=np.int64)
    cap = (as_of.toordinal() - _BASE) if as_of is not None else _FAR
    _, cut = count_overlaps(
        cols.person[r],
        cols.rank[r],
        np.maximum(cols.start[r], cols.lo[r]),
        np.minimum(np.minimum(cols.end[r], cols.hi[r]), cap),
        cols.rate[r],
        cols.fnum[r],
        cols.fden[r],
        cols.kind[r] == PER_YEAR,
    )
    return np.unique(cols.person[r[cut]])


def _chunks_by_person(
    flat: Sequence[tuple[Tender, int, Any]], rows: set[int], size: int
) -> list[set[int]]:
    """``rows`` in chunks of about ``size``, never splitting a person's rows."""
    groups: dict[str, list[int]] = {}
    loose: list[int] = []
    for j in sorted(rows):
        person = flat[j][2].person
        if person is None:
            loose.append(j)
        else:
            groups.setdefault(person, []).append(j)
    chunks: list[set[int]] = []
    current: set[int] = set()
    for group in [*groups.values(), *([j] for j in loose)]:
        if current and len(current) + len(group) > size:
            chunks.append(current)
            current = set()
        current.update(group)
    if current:
        chunks.append(current)
    return chunks


def _sub_ledger(
    ledger: Ledger, flat: Sequence[tuple[Tender, int, Any]], rows: set[int]
) -> tuple[Ledger, dict[tuple[str, int], int]]:
    """A ledger of only ``rows`` (same tender terms), and (tender, new index) → row."""
    by_tender: dict[str, list[int]] = {}
    for j in sorted(rows):
        by_tender.setdefault(flat[j][0].id, []).append(j)
    tenders = []
    where: dict[tuple[str, int], int] = {}
    for t in ledger.tenders:
        js = by_tender.get(t.id)
        if not js:
            continue
        acts = tuple(flat[j][2] for j in js)
        for new, j in enumerate(js):
            where[(t.id, new)] = j
        tenders.append(t.model_copy(update={"activities": acts}))
    return Ledger.model_construct(persons=ledger.persons, tenders=tuple(tenders)), where


def _exact_rows(res: LedgerResult, where: dict[tuple[str, int], int], view: str) -> dict[int, int]:
    out: dict[int, int] = {}
    for t in res.tenders:
        rows = t.realised_activities if view == "realised" else t.activities
        for r in rows:
            out[where[(t.tender.id, r.index)]] = int(r.counted * 100)
    return out


def _fill_exact(
    res: LedgerResult,
    where: dict[tuple[str, int], int],
    realised: np.ndarray,
    forecast: np.ndarray,
    rows: Iterable[int],
) -> None:
    for t in res.tenders:
        for r in t.activities:
            forecast[where[(t.tender.id, r.index)]] = int(r.counted * 100)
        for r in t.realised_activities:
            realised[where[(t.tender.id, r.index)]] = int(r.counted * 100)
