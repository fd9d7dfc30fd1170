"""Double counting across suppliers, as a list a desk can act on.

The ledger decides what counts (its priority rules: realised before planned, the older
contract first; see :mod:`bouwblokken.ledger`); this module only *reports* what it cut for
reason ``double_count``: which person, which contract and activity lost which days to which
other contract(s), and how much that cut is worth (the ledger's own not-counted amount).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from bouwblokken.ledger import ActivityResult, LedgerResult
from bouwblokken.periods import Period, clip, intersect, normalise
from bouwblokken.portfolio.model import Portfolio

__all__ = ["DoubleCount", "double_counts", "shared_persons"]

REASONS = ("person_week_cap", "double_count")
"""Not-counted reasons that mean "this person's time already counts elsewhere"."""


@dataclass(frozen=True)
class DoubleCount:
    """One activity that lost person-time to activities that counted it first."""

    person: str
    contract: str
    supplier: str
    activity: str
    claimed_by: tuple[str, ...]
    """``contract/activity`` labels that counted these days first."""
    claimed_by_suppliers: tuple[str, ...]
    periods: tuple[Period, ...]
    """The days of this activity that overlap the claimers' counted days."""
    amount: Decimal
    """What the ledger did not count for this reason (euro)."""
    view: str
    """``realised`` (delivered, as of the report date) or ``forecast``."""
    reasons_nl: tuple[str, ...] = ()
    reasons_en: tuple[str, ...] = ()

    @property
    def cross_supplier(self) -> bool:
        return any(s != self.supplier for s in self.claimed_by_suppliers)

    @property
    def claimed_by_contracts(self) -> tuple[str, ...]:
        return tuple(sorted({c.split("/", 1)[0] for c in self.claimed_by}))

    @property
    def weeks(self) -> str:
        """The ISO weeks of the cut days in Dutch, e.g. ``week 5 t/m 52 van 2023``."""
        return self.weeks_text("nl")

    def weeks_text(self, lang: str = "nl") -> str:
        """The ISO weeks of the cut days: ``week 5 t/m 52 van 2023`` (or ``week 52 van 2023
        t/m week 3 van 2024``) in Dutch, ``2023-W05 to 2023-W52`` in English."""
        parts = []
        for s, e in self.periods:
            a, b = s.isocalendar(), e.isocalendar()
            if lang != "nl":
                parts.append(f"{a.year}-W{a.week:02d} to {b.year}-W{b.week:02d}")
            elif a.year == b.year and a.week == b.week:
                parts.append(f"week {a.week} van {a.year}")
            elif a.year == b.year:
                parts.append(f"week {a.week} t/m {b.week} van {a.year}")
            else:
                parts.append(f"week {a.week} van {a.year} t/m week {b.week} van {b.year}")
        return "; ".join(parts)


def _rows(result: LedgerResult, view: str) -> Iterable[ActivityResult]:
    for t in result.tenders:
        yield from (t.realised_activities if view == "realised" else t.activities)


def double_counts(
    portfolio: Portfolio, result: LedgerResult, *, views: tuple[str, ...] = ("realised",)
) -> tuple[DoubleCount, ...]:
    """Every activity the ledger cut because its person-time already counted elsewhere,
    sorted by person and date (reason ``person_week_cap``: the person's full-time week is
    already filled by other placements; ``double_count`` in older ledgers). ``result`` is
    :func:`~bouwblokken.ledger.evaluate` of ``portfolio.ledger(...)``."""
    supplier_of = {c.id: c.supplier for c in portfolio.contracts}
    window = {c.id: (c.tender.start, c.tender.end) for c in portfolio.contracts}
    out: list[DoubleCount] = []
    for view in views:
        rows = list(_rows(result, view))
        by_person: dict[str, list[ActivityResult]] = {}
        for r in rows:
            if r.activity.person is not None:
                by_person.setdefault(r.activity.person, []).append(r)
        for person, mine in by_person.items():
            for r in mine:
                cut = [nc for nc in r.not_counted if nc.reason in REASONS]
                amount = sum((nc.amount for nc in cut), Decimal("0.00"))
                if not cut or amount == 0:
                    continue
                a = r.activity
                span: list[Period] = [(a.start, a.end)] if a.start and a.end else []
                lo, hi = window.get(r.tender, (None, None))
                if view == "realised" and result.as_of is not None:
                    hi = min(hi, result.as_of) if hi else result.as_of
                span = clip(span, lo, hi)
                texts = " ".join(nc.nl + " " + nc.en for nc in cut)
                claimers: list[tuple[str, list[Period]]] = []
                for other in mine:
                    if other is r or other.valuation is None:
                        continue
                    overlap = intersect(span, list(other.valuation.counted_periods))
                    if overlap:
                        claimers.append((f"{other.tender}/{other.label}", overlap))
                named = [c for c in claimers if c[0] in texts]
                claimers = named or claimers
                periods = normalise([p for _, ps in claimers for p in ps])
                out.append(
                    DoubleCount(
                        person=person,
                        contract=r.tender,
                        supplier=supplier_of.get(r.tender, ""),
                        activity=r.label,
                        claimed_by=tuple(c for c, _ in claimers),
                        claimed_by_suppliers=tuple(
                            supplier_of.get(c.split("/", 1)[0], "") for c, _ in claimers
                        ),
                        periods=tuple(periods),
                        amount=amount,
                        view=view,
                        reasons_nl=tuple(nc.nl for nc in cut),
                        reasons_en=tuple(nc.en for nc in cut),
                    )
                )
    out.sort(key=lambda d: (d.person, d.periods[0][0] if d.periods else date.min, d.contract))
    return tuple(out)


def shared_persons(portfolio: Portfolio) -> dict[str, tuple[str, ...]]:
    """Persons who appear under more than one supplier: person → suppliers (a lead for the
    desk even where nothing was cut, e.g. part-time placements that fit together)."""
    seen: dict[str, set[str]] = {}
    for c in portfolio.contracts:
        for ca in c.activities:
            if ca.activity.person is not None:
                seen.setdefault(ca.activity.person, set()).add(c.supplier)
    return {p: tuple(sorted(s)) for p, s in sorted(seen.items()) if len(s) > 1}
