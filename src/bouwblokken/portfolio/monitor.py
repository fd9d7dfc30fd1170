"""The monitor: per reporting period, for every contract and in total, what is realised, what is
planned, the forecast at contract end, the time-proportional path, and which contracts are
behind or at risk.

Everything counted comes from :func:`bouwblokken.ledger.evaluate` on the *whole* portfolio as
one ledger (:meth:`~bouwblokken.portfolio.model.Portfolio.ledger`), so a person placed by two
suppliers is counted once, by the ledger's priority rules, and every euro has the ledger's
trail (:attr:`ContractReport.result`).

- *realised to date*: the ledger's realised view with ``as_of`` = the period's last day;
- *realised in the period*: realised to date minus realised to date on the day before the
  period (two evaluations; an activity counted later in a later evaluation can move a euro
  between periods only through the ledger's own rules). The day before needs only the realised
  view, so it evaluates only the activities realised by then
  (``Portfolio.ledger(realised_only=True)``: the same amounts, a smaller ledger);
- *planned*: what the activity planned (not yet realised in the view) counts in the forecast;
- *forecast*: the ledger's forecast view (realised and planned) at contract end;
- *path*: the obligation × elapsed contract days ÷ contract days (the time-proportional path,
  one rounding); *behind path*: realised to date below the path; *at risk*: forecast below
  the obligation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

from bouwblokken.catalog.registry import Registry, default_registry
from bouwblokken.ledger import LedgerResult, TenderResult, evaluate
from bouwblokken.money import Lang, format_eur, from_cents, round_cents, to_cents
from bouwblokken.obligation import Obligation
from bouwblokken.portfolio.duplicates import DoubleCount, double_counts
from bouwblokken.portfolio.gcpause import gc_paused
from bouwblokken.portfolio.model import (
    Contract,
    ContractActivity,
    Pending,
    Portfolio,
    View,
    awaiting_decision,
    ledger_status,
)
from bouwblokken.portfolio.periods import ReportingPeriod
from bouwblokken.portfolio.settlement import Settlement, settle, settle_counted
from bouwblokken.valuation import TrailLine

__all__ = [
    "ContractReport",
    "PortfolioReport",
    "TimelinePoint",
    "Totals",
    "monitor",
    "realised_before",
    "time_path",
    "timeline",
]

ZERO = Decimal("0.00")


def _path(contract: Contract, obligation: Decimal, on: date) -> tuple[Decimal, int, int] | None:
    """(path amount, elapsed days, contract days), or None for a contract without dates."""
    t = contract.tender
    if t.start is None or t.end is None:
        return None
    total = (t.end - t.start).days + 1
    elapsed = max(0, min((min(on, t.end) - t.start).days + 1, total))
    return round_cents(Fraction(obligation) * elapsed / total), elapsed, total


def time_path(
    contract: Contract, obligation: Decimal, on: date
) -> tuple[Decimal, TrailLine] | None:
    """The time-proportional path on ``on``: obligation × elapsed days ÷ contract days (the
    trail line is worded when it is read: a report of thousands of contracts prints few)."""
    found = _path(contract, obligation, on)
    if found is None:
        return None
    amount, elapsed, total = found

    def words(lang: Lang) -> str:
        if lang == "nl":
            return (
                f"pad: {format_eur(obligation)} × {elapsed}/{total} contractdagen"
                f" = {format_eur(amount)}"
            )
        return (
            f"path: {format_eur(obligation, lang='en')} × {elapsed}/{total} contract days"
            f" = {format_eur(amount, lang='en')}"
        )

    return amount, TrailLine("total", amount=Fraction(amount), make=words)


@dataclass(frozen=True)
class ContractReport:
    """One contract in one reporting period (amounts in euro, exact)."""

    contract: Contract
    obligation: Decimal
    realised_to_date: Decimal
    realised_before: Decimal
    planned: Decimal
    forecast: Decimal
    path: Decimal | None
    path_line: TrailLine | None
    result: TenderResult | None
    """The ledger's result at the period's end: the trail of every euro (None with the batch
    engine: ask :func:`~bouwblokken.ledger.evaluate` for one contract's trail)."""
    settlement: Settlement | None = None
    """Final when the contract ended by the period's end, else a forecast; None without an
    obligation."""
    applies: bool = True
    """Whether the contract carries an obligation at all."""

    @property
    def id(self) -> str:
        return self.contract.id

    @property
    def supplier(self) -> str:
        return self.contract.supplier

    @property
    def realised_in_period(self) -> Decimal:
        return self.realised_to_date - self.realised_before

    @property
    def behind_path(self) -> bool:
        return self.path is not None and self.realised_to_date < self.path

    @property
    def at_risk(self) -> bool:
        return self.applies and self.forecast < self.obligation

    @property
    def percentage(self) -> Decimal | None:
        """Realised to date ÷ obligation in percent (one decimal, half up)."""
        if self.obligation == 0:
            return None
        return (self.realised_to_date * 100 / self.obligation).quantize(
            Decimal("0.1"), "ROUND_HALF_UP"
        )


@dataclass(frozen=True)
class Totals:
    """Sums over the reported contracts (each a plain sum of the contract rows)."""

    contracts: int
    obligation: Decimal
    realised_to_date: Decimal
    realised_in_period: Decimal
    planned: Decimal
    forecast: Decimal
    path: Decimal
    behind_path: int
    at_risk: int
    fines: Decimal


@dataclass(frozen=True)
class PortfolioReport:
    """The monitor's answer for one period and one view (see :func:`monitor`)."""

    title: str | None
    period: ReportingPeriod
    view: View
    known_on: date | None
    contracts: tuple[ContractReport, ...]
    double_counts: tuple[DoubleCount, ...]
    result: LedgerResult | None
    """The ledger result at the period's end (None with the batch engine)."""
    warnings: tuple[str, ...] = field(default=())
    pending: tuple[Pending, ...] | None = None
    """The listed contracts' declared activities awaiting the desk's decision on ``known_on``
    (:func:`~bouwblokken.portfolio.model.awaiting_decision`); None where not looked up (the
    views then leave the section out rather than say "none")."""

    @property
    def totals(self) -> Totals:
        rows = self.contracts
        return Totals(
            contracts=len(rows),
            obligation=sum((r.obligation for r in rows), ZERO),
            realised_to_date=sum((r.realised_to_date for r in rows), ZERO),
            realised_in_period=sum((r.realised_in_period for r in rows), ZERO),
            planned=sum((r.planned for r in rows), ZERO),
            forecast=sum((r.forecast for r in rows), ZERO),
            path=sum((r.path or ZERO for r in rows), ZERO),
            behind_path=sum(1 for r in rows if r.behind_path),
            at_risk=sum(1 for r in rows if r.at_risk),
            fines=sum((r.settlement.fine for r in rows if r.settlement), ZERO),
        )

    def contract(self, contract_id: str) -> ContractReport:
        for r in self.contracts:
            if r.id == contract_id:
                return r
        raise KeyError(contract_id)

    @property
    def behind(self) -> tuple[ContractReport, ...]:
        return tuple(r for r in self.contracts if r.behind_path)

    @property
    def at_risk(self) -> tuple[ContractReport, ...]:
        return tuple(r for r in self.contracts if r.at_risk)

    @property
    def settlements(self) -> tuple[Settlement, ...]:
        return tuple(r.settlement for r in self.contracts if r.settlement is not None)

    # Views (imported only when asked for: the model never imports them).
    def table(self, lang: Lang = "nl") -> str:
        from bouwblokken.portfolio.views.text import report_text

        return report_text(self, lang=lang)

    def __str__(self) -> str:
        return self.table("nl")

    def _repr_html_(self) -> str:
        from bouwblokken.portfolio.views.html import report_html

        return report_html(self)

    def to_dataframe(self, lang: Lang = "nl") -> Any:
        """One row per contract; Dutch column names by default (``lang="en"``)."""
        from bouwblokken.portfolio.views.frame import report_dataframe

        return report_dataframe(self, lang=lang)


def _planned(t: TenderResult) -> Decimal:
    return sum((r.counted for r in t.activities if r.activity.status == "planned"), ZERO)


def monitor(
    portfolio: Portfolio,
    period: ReportingPeriod,
    *,
    view: View = "approved",
    known_on: date | None = None,
    buyer: str | None = None,
    supplier: str | None = None,
    contracts: Sequence[str] | None = None,
    registry: Registry | None = None,
    engine: Literal["exact", "batch"] = "exact",
) -> PortfolioReport:
    """Report ``period`` in ``view`` (what the desk approved, or what suppliers declare).

    People are counted across the whole portfolio (every supplier). ``buyer``, ``supplier``
    or ``contracts`` choose which contracts the report lists; then only those contracts and
    the other activities of their persons are evaluated (:meth:`Portfolio.closure`), which
    gives the same amounts, since counting is per person. ``known_on`` reads the status
    histories on that date (None: everything known now).

    ``engine="batch"`` counts with :func:`~bouwblokken.portfolio.batch.batch_evaluate`: the
    same amounts, faster, without the per-euro trail (``ContractReport.result`` is None)."""
    with gc_paused():  # millions of acyclic objects: see bouwblokken.portfolio.gcpause
        return _monitor(
            portfolio, period, view, known_on, buyer, supplier, contracts, registry, engine
        )


def _monitor(
    portfolio: Portfolio,
    period: ReportingPeriod,
    view: View,
    known_on: date | None,
    buyer: str | None,
    supplier: str | None,
    contracts: Sequence[str] | None,
    registry: Registry | None,
    engine: Literal["exact", "batch"],
) -> PortfolioReport:
    wanted = set(contracts) if contracts is not None else None
    chosen = [
        c.id
        for c in portfolio.contracts
        if (buyer is None or buyer in c.buyers)
        and (supplier is None or c.supplier == supplier)
        and (wanted is None or c.id in wanted)
    ]
    selected = set(chosen)
    if buyer is not None or supplier is not None or wanted is not None:
        portfolio = portfolio.closure(chosen)
    if engine == "batch":
        return _monitor_batch(portfolio, period, view, known_on, selected, registry)
    end = evaluate(
        portfolio.ledger(view, known_on=known_on, as_of=period.end),
        as_of=period.end,
        registry=registry,
    )
    caps = _share_caps({t.catalog for t in end.tenders if t.catalog}, registry)
    earlier = realised_before(
        portfolio,
        period.day_before,
        {
            (t.tender.id, r.activity.id or ""): to_cents(r.counted)
            for t in end.tenders
            for r in t.realised_activities
        },
        view=view,
        known_on=known_on,
        registry=registry,
        reuse=not caps,
    )
    rows = []
    for c, t in zip(portfolio.contracts, end.tenders, strict=True):
        if c.id not in selected:
            continue
        ob = t.obligation.amount if t.obligation.applies else ZERO
        path = time_path(c, ob, period.end) if t.obligation.applies else None
        final = c.tender.end is not None and c.tender.end <= period.end
        rows.append(
            ContractReport(
                contract=c,
                obligation=ob,
                realised_to_date=t.realised.counted,
                realised_before=earlier.get(c.id, ZERO),
                planned=_planned(t),
                forecast=t.forecast.counted,
                path=path[0] if path else None,
                path_line=path[1] if path else None,
                result=t,
                settlement=(
                    settle(c, t, basis="final" if final else "forecast")
                    if t.obligation.applies
                    else None
                ),
                applies=t.obligation.applies,
            )
        )
    listed = {r.id for r in rows}
    doubles = tuple(
        d
        for d in double_counts(portfolio, end)
        if d.contract in listed or any(c in listed for c in d.claimed_by_contracts)
    )
    return PortfolioReport(
        portfolio.title,
        period,
        view,
        known_on,
        tuple(rows),
        doubles,
        end,
        end.warnings,
        awaiting_decision(portfolio, known_on, listed),
    )


def _share_caps(keys: set[str], registry: Registry | None) -> bool:
    reg = registry or default_registry()
    return any(reg.load(k).share_caps for k in keys)


def realised_before(
    portfolio: Portfolio,
    day: date,
    later: Mapping[tuple[str, str], int],
    *,
    view: View = "approved",
    known_on: date | None = None,
    registry: Registry | None = None,
    reuse: bool = True,
    engine: Literal["exact", "batch"] = "exact",
    obligations: Mapping[str, Obligation] | None = None,
) -> dict[str, Decimal]:
    """Realised to date on ``day`` per contract, given ``later``: the realised amounts
    (contract id, activity id) → cents of an evaluation on a later reporting date with the same
    view and ``known_on``.

    Exact, and most of it without counting again. The realised view values the realised
    activities one by one in the ledger's order (realised, then by start date, …), each taking
    what the earlier ones left of its person's week and counting limit; the reporting date
    only cuts off an activity's days after it. On ``day`` the realised activities are those of
    the later date that started by ``day`` (:meth:`Portfolio.ledger`): the first ones in the
    order. So a person whose activities realised by ``day`` all *ended* by ``day`` (dated)
    has the same activities, in the same order, with nothing cut off, on both dates: their
    amounts on ``day`` are those of the later date. Likewise an activity without a person that
    is not cut off. Only the others (persons with a placement running past ``day``, or
    without dates) are counted again, realised view only. A catalog with share caps (a cap
    over a whole contract) counts everything again (``reuse=False``)."""
    open_persons: set[str] = set()
    reused: list[tuple[str, str]] = []
    counted_again: dict[str, list[ContractActivity]] = {}
    for c in portfolio.contracts:
        for ca in c.activities:
            if ledger_status(ca, view, known_on) != "realised":
                continue
            a = ca.activity
            if a.start is not None and a.start > day:
                continue  # not yet realised on ``day``
            running = a.start is None or a.end is None or a.end > day
            if a.person is not None:
                if running or not reuse:
                    open_persons.add(a.person)
            elif reuse and not (a.start is not None and a.end is not None and a.end > day):
                reused.append((c.id, a.id or ""))
                continue
            counted_again.setdefault(c.id, []).append(ca)
    out: dict[str, Decimal] = {}
    kept = []
    for c in portfolio.contracts:
        acts = tuple(
            ca
            for ca in counted_again.get(c.id, ())
            if ca.activity.person is None or ca.activity.person in open_persons
        )
        for ca in counted_again.get(c.id, ()):
            if ca.activity.person is not None and ca.activity.person not in open_persons:
                reused.append((c.id, ca.activity.id or ""))
        if acts:
            kept.append(c.model_copy(update={"activities": acts}))
    cents: dict[str, int] = {}
    for cid, aid in reused:
        cents[cid] = cents.get(cid, 0) + later[(cid, aid)]
    out.update({cid: from_cents(c) for cid, c in cents.items()})
    if not kept:
        return out
    rest = portfolio.model_copy(update={"contracts": tuple(kept)})
    ledger = rest.ledger(view, known_on=known_on, as_of=day, realised_only=True)
    totals: Mapping[str, Decimal]
    if engine == "batch":
        from bouwblokken.portfolio.batch import batch_evaluate

        got = batch_evaluate(
            ledger, as_of=day, registry=registry, obligations=dict(obligations or {})
        )
        totals = got.tender_totals("realised")
    else:
        totals = {
            t.tender.id: t.realised.counted
            for t in evaluate(ledger, as_of=day, registry=registry).tenders
        }
    for cid, amount in totals.items():
        out[cid] = out.get(cid, ZERO) + amount
    return out


def _monitor_batch(
    portfolio: Portfolio,
    period: ReportingPeriod,
    view: View,
    known_on: date | None,
    selected: set[str],
    registry: Registry | None,
) -> PortfolioReport:
    from bouwblokken.portfolio.batch import batch_evaluate

    ledger = portfolio.ledger(view, known_on=known_on, as_of=period.end)
    end = batch_evaluate(ledger, as_of=period.end, registry=registry)
    ids = {t.id: [a.id or "" for a in t.activities] for t in ledger.tenders}
    earlier = realised_before(
        portfolio,
        period.day_before,
        {
            (tid, ids[tid][i]): cents
            for (tid, i), cents in zip(end.keys, end.realised_cents.tolist(), strict=True)
        },
        view=view,
        known_on=known_on,
        registry=registry,
        reuse="share_caps" not in end.fallback,
        engine="batch",
        obligations=end.obligations,
    )
    realised = end.tender_totals("realised")
    forecast = end.tender_totals("forecast")
    planned: dict[str, int] = {}
    status = {(t.id, i): a.status for t in ledger.tenders for i, a in enumerate(t.activities)}
    for key, cents in zip(end.keys, end.forecast_cents.tolist(), strict=True):
        if status[key] == "planned":
            planned[key[0]] = planned.get(key[0], 0) + int(cents)
    rows = []
    for c in portfolio.contracts:
        if c.id not in selected:
            continue
        obl = end.obligations[c.id]
        ob = obl.amount if obl.applies else ZERO
        path = time_path(c, ob, period.end) if obl.applies else None
        final = c.tender.end is not None and c.tender.end <= period.end
        got = realised.get(c.id, ZERO)
        fc = forecast.get(c.id, ZERO)
        rows.append(
            ContractReport(
                contract=c,
                obligation=ob,
                realised_to_date=got,
                realised_before=earlier.get(c.id, ZERO),
                planned=from_cents(planned.get(c.id, 0)),
                forecast=fc,
                path=path[0] if path else None,
                path_line=path[1] if path else None,
                result=None,
                settlement=(
                    settle_counted(
                        c, ob, got if final else fc, basis="final" if final else "forecast"
                    )
                    if obl.applies
                    else None
                ),
                applies=obl.applies,
            )
        )
    listed = {r.id for r in rows}
    doubles = (
        tuple(
            d
            for d in double_counts(portfolio, end.exact_result)
            if d.contract in listed or any(c in listed for c in d.claimed_by_contracts)
        )
        if end.exact_result is not None
        else ()
    )
    return PortfolioReport(
        portfolio.title,
        period,
        view,
        known_on,
        tuple(rows),
        doubles,
        None,
        (),
        awaiting_decision(portfolio, known_on, listed),
    )


@dataclass(frozen=True)
class TimelinePoint:
    """The portfolio's cumulative position at the end of one period."""

    period: ReportingPeriod
    realised_to_date: Decimal
    path: Decimal
    forecast: Decimal
    obligation: Decimal


def timeline(
    portfolio: Portfolio,
    periods: Sequence[ReportingPeriod],
    *,
    view: View = "approved",
    known_on: date | None = None,
    registry: Registry | None = None,
    engine: Literal["exact", "batch"] = "exact",
) -> tuple[TimelinePoint, ...]:
    """Realised to date, path and forecast of the whole portfolio at each period's end (one
    evaluation per period: the forecast depends on what is realised by then), for the
    realisation-over-time chart. ``engine="batch"``: the same amounts, faster."""
    with gc_paused():  # see bouwblokken.portfolio.gcpause
        return _timeline(portfolio, periods, view, known_on, registry, engine)


def _timeline(
    portfolio: Portfolio,
    periods: Sequence[ReportingPeriod],
    view: View,
    known_on: date | None,
    registry: Registry | None,
    engine: Literal["exact", "batch"],
) -> tuple[TimelinePoint, ...]:
    out = []
    obligations: Mapping[str, Obligation] | None = None
    for p in periods:
        ledger = portfolio.ledger(view, known_on=known_on, as_of=p.end)
        if engine == "batch":
            from bouwblokken.portfolio.batch import batch_evaluate

            got = batch_evaluate(ledger, as_of=p.end, registry=registry, obligations=obligations)
            obligations = got.obligations
            realised = sum(got.tender_totals("realised").values(), ZERO)
            forecast = sum(got.tender_totals("forecast").values(), ZERO)
        else:
            res = evaluate(ledger, as_of=p.end, registry=registry)
            obligations = {t.tender.id: t.obligation for t in res.tenders}
            realised = sum((t.realised.counted for t in res.tenders), ZERO)
            forecast = sum((t.forecast.counted for t in res.tenders), ZERO)
        path = ZERO
        ob_total = ZERO
        for c in portfolio.contracts:
            ob = obligations[c.id]
            if not ob.applies:
                continue
            ob_total += ob.amount
            tp = _path(c, ob.amount, p.end)
            path += tp[0] if tp else ZERO
        out.append(TimelinePoint(p, realised, path, forecast, ob_total))
    return tuple(out)
