"""A vectorised batch path for large portfolios: the same cents as the exact ledger, faster.

:func:`batch_evaluate` counts a :class:`~bouwblokken.ledger.Ledger` (e.g.
``portfolio.ledger(...)``) like :func:`~bouwblokken.ledger.evaluate` — the realised view up to
``as_of`` and the forecast view — but values the common activities in numpy int64 arithmetic
instead of one exact valuation each. Counting is per person (a person's week and counting
limit are shared only by that person's placements), so the work **partitions by person**:

- *Vectorised* (numpy, exact integers): activities of a per-year block measured in months
  (kalenderdagenmethode, ``duration_unit = "months"``) or of a per-month block, prorated by
  hours against a fixed reference week, with start and end dates, whose person has no other
  activity in the same view that overlaps it in time (so the person's full-time week is never
  shared); and the undated blocks that are one amount times one factor (invoices ×
  percentage, rate × hours, costs, agreed amounts, one-offs, amount × periods) without a cap,
  a per-person maximum or a bonus. Months are exact integers
  over the common denominator 377.580 = lcm(28, 29, 30, 31) — a day of a month of n days weighs
  377.580/n, a cumulative table turns any stretch into months with two look-ups; a counting
  limit is used up by counted months in the ledger's order (realised first, then by start),
  one rank at a time across all persons, and cut with a binary search on the cumulative table;
  the amount is ``rate × hours fraction × months`` (÷ 12 for per-year) rounded half up once,
  in integer cents.
- *Exact* (fallback, :func:`~bouwblokken.ledger.evaluate` on the persons concerned): anything
  else, with the reason counted in :attr:`BatchResult.fallback` — ``person_overlap`` (the
  person's placements overlap in time: the full-time week is shared), ``person_with_exact_row``
  (another dated activity of the person takes the exact path), ``rule`` (per period pro rata,
  weeks or days), ``undated`` (per activity, or an undated block with a cap, a per-person
  maximum, a bonus or a missing amount: valued exactly, they share nothing with dated rows),
  ``facts`` (age, birth date, flags or internship months that a bonus reads; an eligibility
  rule that makes the activity ineligible), ``limit`` (a limit while a subsidy runs or with
  bridged gaps), ``hours`` (a maximum or minimum of hours per week, the supplier's own week,
  more than a full week), ``no_dates``. A catalog with share caps sends the whole ledger to the
  exact path (``share_caps``): a cap is a tender-wide ordering. The batch path gives amounts,
  not trails or warnings: ask :func:`~bouwblokken.ledger.evaluate` for the trail of one
  contract.

Because the fallback evaluates whole persons (all their activities in every tender), the
amounts of both parts are exactly :func:`~bouwblokken.ledger.evaluate`'s, activity by activity
(before share caps, which only the exact path applies). The differential test
(``tests/portfolio/test_batch.py``) checks 0 differences in cents on generated portfolios.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterable, Sequence
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
from bouwblokken.ledger import Ledger, LedgerResult, evaluate, priority
from bouwblokken.ledger import _catalog_for as catalog_for
from bouwblokken.money import from_cents
from bouwblokken.obligation import Obligation, compute_obligation
from bouwblokken.periods import add_months, days_in_month
from bouwblokken.tender import Tender

__all__ = ["BatchResult", "batch_evaluate", "count_partition"]

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
    obligations: dict[str, Obligation]
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


def batch_evaluate(
    ledger: Ledger,
    *,
    as_of: date | None = None,
    registry: Registry | None = None,
    obligations: dict[str, Obligation] | None = None,
) -> BatchResult:
    """Counted amounts per activity in the realised (up to ``as_of``) and forecast views, equal
    to the cent to :func:`~bouwblokken.ledger.evaluate` (see the module text).

    ``obligations`` (from an earlier result on the same tenders) saves computing them again."""
    known = obligations or {}
    reg = registry or default_registry()
    persons = {p.id: p for p in ledger.persons}
    catalogs: dict[str, Catalog] = {}
    found: dict[str, Obligation] = {}
    flat: list[tuple[Tender, int, Any]] = []
    warn: list[Any] = []
    for t in ledger.tenders:
        try:
            cat = catalog_for(t, reg, warn)
        except CatalogError as exc:
            raise LedgerError(str(exc), record=f"tender {t.id!r}", field="catalog") from None
        if cat is None:
            if t.activities:
                raise LedgerError("the tender names no catalog", record=f"tender {t.id!r}")
            found[t.id] = known.get(t.id) or compute_obligation(t, None)
            continue
        catalogs[t.id] = cat
        found[t.id] = known.get(t.id) or compute_obligation(t, cat)
        for i, a in enumerate(t.activities):
            cat.block(a.block, record=f"tender {t.id!r} activity {a.id or '#' + str(i + 1)!r}")
            flat.append((t, i, a))
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
    facts: list[tuple[str | None, tuple[int, int, int, int, int, int, str] | None]] = []
    for t, _, a in flat:
        pb = persons[a.person].birth_date if a.person in persons else None
        facts.append(_classify(t, catalogs[t.id], a, pb))

    # One partition (on the forecast view, which holds every row) serves both views: a person
    # whose rows are independent in the forecast view is so in the realised view, which holds
    # a subset of them.
    exact_rows = _partition(flat, facts, range(n), catalogs, fallback)
    fast_f = sorted(set(range(n)) - exact_rows)
    fast_r = [j for j in fast_f if flat[j][2].status == "realised"]
    now = time.perf_counter()
    timings["prepare"] += now - clock
    if fast_f:
        forecast[fast_f] = _vector(flat, facts, fast_f, None)
        vectorised[fast_f] = True
    if fast_r:
        realised[fast_r] = _vector(flat, facts, fast_r, as_of)
    clock = time.perf_counter()
    timings["vectorised"] += clock - now
    res: LedgerResult | None = None
    if exact_rows:
        # In chunks of whole persons: the exact ledger's cost grows faster than linearly with
        # the number of tenders and warnings, and persons do not interact.
        parts: list[LedgerResult] = []
        for chunk in _chunks_by_person(flat, exact_rows, CHUNK_ROWS):
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


CHUNK_ROWS = 2_000


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


def _partition(
    flat: Sequence[tuple[Tender, int, Any]],
    facts: Sequence[tuple[str | None, Any]],
    members: Iterable[int],
    catalogs: dict[str, Catalog],
    reasons: dict[str, int] | None,
) -> set[int]:
    """Rows that take the exact path in this view: their own reason, or their person's."""
    exact: set[int] = set()
    by_person: dict[str, list[int]] = {}
    for j in members:
        a = flat[j][2]
        if facts[j][0] is not None:
            exact.add(j)
            if reasons is not None:
                reasons[facts[j][0] or ""] = reasons.get(facts[j][0] or "", 0) + 1
        if a.person is not None:
            by_person.setdefault(a.person, []).append(j)
    for rows in by_person.values():
        if len(rows) < 2:
            continue
        why = None
        spans = sorted((flat[j][2].start or date.min, flat[j][2].end or date.max, j) for j in rows)
        for (_, e0, _), (s1, _, _) in itertools.pairwise(spans):
            if s1 <= e0:
                why = "person_overlap"
                break
        if why is None and any(j in exact and facts[j][0] != "undated" for j in rows):
            why = "person_with_exact_row"
        if why is not None:
            for j in rows:
                if j not in exact and reasons is not None:
                    reasons[why] = reasons.get(why, 0) + 1
                exact.add(j)
    return exact


def _vector(
    flat: Sequence[tuple[Tender, int, Any]],
    facts: Sequence[tuple[str | None, Any]],
    rows: Sequence[int],
    as_of: date | None,
) -> np.ndarray:
    out = np.zeros(len(rows), dtype=np.int64)
    inv = [k for k, j in enumerate(rows) if facts[j][1][4] == INVOICE]
    if inv:
        f = [facts[rows[k]][1] for k in inv]
        out[inv] = count_invoices(
            np.array([x[0] for x in f], dtype=np.int64),
            np.array([x[1] for x in f], dtype=np.int64),
            np.array([x[2] for x in f], dtype=np.int64),
        )
    dated = [k for k, j in enumerate(rows) if facts[j][1][4] != INVOICE]
    if dated:
        out[dated] = _vector_dated(flat, facts, [rows[k] for k in dated], as_of)
    return out


def _vector_dated(
    flat: Sequence[tuple[Tender, int, Any]],
    facts: Sequence[tuple[str | None, Any]],
    rows: Sequence[int],
    as_of: date | None,
) -> np.ndarray:
    m = len(rows)
    start = np.empty(m, dtype=np.int64)
    end = np.empty(m, dtype=np.int64)
    lo = np.empty(m, dtype=np.int64)
    hi = np.empty(m, dtype=np.int64)
    rate = np.empty(m, dtype=np.int64)
    fnum = np.empty(m, dtype=np.int64)
    fden = np.empty(m, dtype=np.int64)
    per_year = np.empty(m, dtype=bool)
    limit = np.empty(m, dtype=np.int64)
    group = np.full(m, -1, dtype=np.int64)
    rank = np.zeros(m, dtype=np.int64)
    groups: dict[tuple[str, str], int] = {}
    counts: dict[int, int] = {}
    order = sorted(
        range(m), key=lambda k: priority(flat[rows[k]][0], flat[rows[k]][1], flat[rows[k]][2])
    )
    for k in order:
        a = flat[rows[k]][2]
        key = facts[rows[k]][1][6]
        if key and a.person is not None:
            gid = groups.setdefault((a.person, key), len(groups))
            group[k] = gid
            rank[k] = counts.get(gid, 0)
            counts[gid] = rank[k] + 1
    cap = (as_of.toordinal() - _BASE) if as_of is not None else 1 << 40
    for k, j in enumerate(rows):
        t, _, a = flat[j]
        r, num, den, months, py, cutoff, _key = facts[j][1]
        s = a.start.toordinal() - _BASE
        e = a.end.toordinal() - _BASE
        start[k], end[k] = s, e
        ts = t.start.toordinal() - _BASE if t.start else 0
        te = t.end.toordinal() - _BASE if t.end else 1 << 40
        if cutoff and s < cutoff:  # started too long before the contract: nothing counts
            lo[k], hi[k] = 1, 0
        else:
            lo[k], hi[k] = ts, min(te, cap)
        rate[k], fnum[k], fden[k], per_year[k], limit[k] = r, num, den, py == PER_YEAR, months
    return count_partition(start, end, lo, hi, rate, fnum, fden, per_year, limit, group, rank)


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
