"""Plans across a supplier's contracts: which candidate to which contract, how many hours a
week and how many months, so that every remaining obligation is met at the least cost.

The problem (all integers, solved exactly with CP-SAT, :mod:`bouwblokken.optimize.cpsat`'s
back end): for every contract ``k`` (a tender of the ledger with its remaining obligation
``R_k``), candidate ``c`` and block ``b`` the candidate qualifies for in ``k``'s catalog, a
placement from the plan's start date with

- hours per week ``h`` -- 0 (not placed) or between the block's minimum and the reference
  week, and at most what the candidate has available;
- months ``m`` -- whole months from the start, at most to the contract's end and the block's
  counting limit.

Value, as the ledger counts it (months as twelfths, one rounding): ``round_half_up(A × h/ref ×
m/12)`` in cents, ``A`` the block's value of a full-time year for this candidate (bonuses that
depend on the duration make a block non-linear: such a block is left out with a note). A
person's placements together count at most one reference week a day, and the hours the
candidate has: ``Σ h_k/ref_k <= 1``, ``Σ h_k <= available`` (less the hours the person already
has in the ledger on or after the start). A counting limit is shortened by the months the
person already spent with that block (or its target group) in the same catalog before the
start. At most one placement per candidate per contract.

Objective, lexicographic: the least total shortfall ``Σ max(0, R_k - counted_k)`` (zero when
every obligation can be met), then the least cost -- hours × cost per hour × 52/12 weeks a
month, plus the cost per placement -- plus the fines of contracts that state one (a percentage
of the shortfall). Exact: the cost is kept in thirds of a cent until it is reported.

The method, exact throughout: the least shortfall first (CP-SAT); then the cost. The model's
linear relaxation (HiGHS) gives a bound recomputed in exact arithmetic from its duals; against
every plan found, its reduced costs narrow the variables and its duals bound the slack of each
row (a plan at most ``slack`` above the bound leaves a row with dual ``u`` at most ``slack / u``
of room): placements at full months, candidates at all their hours, value just above what is
left. Rounds of CP-SAT search, first on a small model of the candidates the relaxation uses,
then with the few next cheapest by its reduced costs, each for a fixed amount of CP-SAT's
deterministic work (so the path does not depend on the machine's load), then on the whole
model, each among the plans cheaper than the best so far; a round that finds none proves the
best optimal. A cut per contract (the fewest hours a week its placements need
together) closes part of the gap the whole hours leave. When the first rounds do not close
the gap, a Lagrangian bound (:mod:`bouwblokken.optimize.multi_split`): the relaxation's duals
price the candidates' hours across contracts, and each contract's placements are then solved
on their own in whole numbers; a plan at that bound is optimal -- one search looks for such a
plan first -- and each contract's proven least priced cost goes into the search as a cut.

Re-planning (:func:`replan`): from a ledger holding the realisation to date, without the
candidates who dropped out, the cheapest plan for the rest -- and what changes against the
current plan.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, model_validator

from bouwblokken.activity import Activity
from bouwblokken.catalog.model import Catalog, Frozen, Percentage, PerYearRule
from bouwblokken.catalog.registry import Registry, default_registry
from bouwblokken.errors import ValuationError
from bouwblokken.extras import require
from bouwblokken.ledger import Ledger, evaluate
from bouwblokken.money import (
    Lang,
    NonNegativeMoney,
    format_day,
    format_eur,
    format_share_up,
    from_cents,
    round_cents,
)
from bouwblokken.optimize.limits import DEFAULT_TIME_LIMIT, CancelToken, Limits, Seconds
from bouwblokken.optimize.multi_split import add_placement, split_bound
from bouwblokken.periods import ONE_DAY, add_months
from bouwblokken.tender import Person, Tender
from bouwblokken.valuation import value_activity
from bouwblokken.views import Shown

__all__ = [
    "Candidate",
    "Change",
    "Contract",
    "MultiPlan",
    "MultiRequest",
    "Placement",
    "Replan",
    "cost_ahead",
    "plan_contracts",
    "replan",
]

MultiStatus = Literal["optimal", "feasible", "infeasible", "unknown"]


class Candidate(Frozen):
    """A person the supplier could place: hours available, blocks, own costs."""

    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=64)]
    person: Annotated[str, Field(min_length=1, max_length=64)] | None = None
    """The ledger's person id (default: the candidate id)."""
    hours_per_week: int = Field(ge=1, le=60)
    """Hours a week the candidate is available (all contracts together)."""
    blocks: tuple[str, ...] = Field(min_length=1)
    """Blocks the candidate qualifies for; a contract whose catalog has none of them is out."""
    cost_per_hour: NonNegativeMoney = Decimal(0)
    cost_per_placement: NonNegativeMoney = Decimal(0)
    age: int | None = Field(default=None, ge=0, le=120)

    @property
    def person_id(self) -> str:
        return self.person or self.id


class Contract(Frozen):
    """A tender of the ledger to plan for."""

    tender: str
    fine_percent: Percentage | None = None
    """The contract's fine as a percentage of the shortfall, where it states one."""


class MultiRequest(Frozen):
    """Contracts (tenders of ``ledger``), candidates and the plan's start date."""

    ledger: Ledger
    contracts: tuple[Contract, ...] = Field(min_length=1)
    candidates: tuple[Candidate, ...] = Field(min_length=1)
    start: date
    """Placements start on this date (the first of a month gives whole months)."""
    dropped: tuple[str, ...] = ()
    """Candidate ids that are no longer available (re-planning)."""

    @model_validator(mode="after")
    def _ids(self) -> MultiRequest:
        ids = [c.id for c in self.candidates]
        if len(set(ids)) != len(ids):
            raise ValueError("candidate ids must be unique")
        known = {t.id for t in self.ledger.tenders}
        for c in self.contracts:
            if c.tender not in known:
                raise ValueError(f"contract {c.tender!r} is not a tender of the ledger")
        return self


@dataclass(frozen=True, slots=True)
class Placement:
    """One candidate in one contract: block, hours a week, months from the start."""

    candidate: str
    person: str
    tender: str
    block: str
    hours_per_week: int
    months: int
    start: date
    end: date
    value: Decimal
    cost: Decimal
    label_nl: str = ""
    """The block's name in the contract's catalog (Dutch); ``label_en`` in English."""
    label_en: str = ""
    cost_per_hour: Decimal = Decimal(0)
    """The candidate's own costs the plan used (for :func:`replan`'s cost still ahead)."""
    cost_per_placement: Decimal = Decimal(0)

    def label(self, lang: str = "nl") -> str:
        """The block's name in ``lang`` (its id when the catalog gave none)."""
        return (self.label_en if lang == "en" else self.label_nl) or self.block

    def activity(self) -> Activity:
        return Activity(
            id=f"plan-{self.candidate}-{self.tender}",
            person=self.person,
            status="planned",
            block=self.block,
            hours_per_week=self.hours_per_week,
            start=self.start,
            end=self.end,
        )


@dataclass(frozen=True)
class MultiPlan(Shown):
    """The plan: placements, cost, and per contract what it counts and what is short
    (``table()``/``str()``: placements and contracts as text, :mod:`bouwblokken.display.multi`)."""

    VIEW: ClassVar[str] = "multi"

    status: MultiStatus
    placements: tuple[Placement, ...]
    cost: Decimal
    fines: Decimal
    remaining: dict[str, Decimal]
    """Each contract's obligation still open before this plan."""
    counted: dict[str, Decimal]
    """What the plan's placements count per contract."""
    notes: tuple[tuple[str, str], ...] = ()
    """``(Dutch, English)`` notes: blocks left out and why."""
    bound: Decimal | None = None
    """A proven lower bound on cost plus fines at the least shortfall (equal to it when
    ``optimal``)."""
    fines_by_contract: dict[str, Decimal] = field(default_factory=dict)
    """The fine of each contract that states one (``fines`` is their sum)."""

    @property
    def shortfall(self) -> dict[str, Decimal]:
        return {
            k: max(Decimal(0), r - self.counted.get(k, Decimal(0)))
            for k, r in self.remaining.items()
        }

    @property
    def met(self) -> bool:
        return all(v == 0 for v in self.shortfall.values())

    @property
    def gap(self) -> Decimal | None:
        """How far cost plus fines may be above the optimum, as a fraction of it (0 when
        proven; ``None`` without a bound)."""
        total = self.cost + self.fines
        if self.bound is None:
            return None
        return Decimal(0) if total <= self.bound else (total - self.bound) / total

    def status_text(self, lang: str = "nl") -> str:
        """The plan's status in one sentence (``lang="en"`` in English): proven optimal --
        or, when not every obligation can be met, the least shortfall proven, with the
        shortfall and fines; the best plan found with how far it may be from the optimum;
        proven infeasible; or unknown (no plan in time)."""
        nl = lang != "en"
        en_nl: Lang = "nl" if nl else "en"
        if self.status == "infeasible":
            return "onhaalbaar (bewezen): geen plan mogelijk" if nl else "infeasible (proven)"
        if self.status == "unknown":
            return (
                "onbekend (tijdslimiet): geen plan gevonden, en niet bewezen dat er geen is"
                if nl
                else "unknown (time limit): no plan found, and not proven that there is none"
            )
        short = sum(self.shortfall.values(), Decimal(0))
        missed = ""
        if short > 0:
            s_txt, f_txt = format_eur(short, lang=en_nl), format_eur(self.fines, lang=en_nl)
            missed = (
                f"tekort {s_txt}, boetes {f_txt} — niet alle verplichtingen gehaald"
                if nl
                else f"shortfall {s_txt}, fines {f_txt} — not every obligation met"
            )
        if self.status == "optimal":
            if missed:
                return (
                    f"kleinste tekort bewezen: {missed}"
                    if nl
                    else f"least shortfall proven: {missed}"
                )
            return "optimaal (bewezen)" if nl else "optimal (proven)"
        head = "haalbaar, niet bewezen optimaal" if nl else "feasible, not proven optimal"
        tail = f"; {missed}" if missed else ""
        if self.bound is None:
            return f"{head} (tijdslimiet){tail}" if nl else f"{head} (time limit){tail}"
        over = max(Decimal(0), self.cost + self.fines - self.bound)
        amount = format_eur(over, lang=en_nl)
        share = format_share_up(over / self.bound, lang=en_nl) if self.bound > 0 else "—"
        if nl:
            return (
                f"{head}: hoogstens {amount} ({share}) duurder dan het optimum (tijdslimiet){tail}"
            )
        return f"{head}: at most {amount} ({share}) dearer than the optimum (time limit){tail}"

    def add_to(self, ledger: Ledger) -> Ledger:
        """The ledger with the plan's placements added as planned activities."""
        known = {p.id for p in ledger.persons}
        new = sorted({p.person for p in self.placements if p.person not in known})
        if new:
            ledger = ledger.model_copy(
                update={"persons": (*ledger.persons, *(Person(id=i) for i in new))}
            )
        for p in self.placements:
            ledger = ledger.with_activity(p.tender, p.activity())
        return ledger


@dataclass(frozen=True, slots=True)
class Change:
    """One difference between the current plan and a new one (``before``/``after`` ``None``
    when a placement is added or removed); ``since`` the re-plan date, ``dropped`` whether
    the candidate dropped out."""

    candidate: str
    tender: str
    before: Placement | None
    after: Placement | None
    since: date | None = None
    dropped: bool = False

    def describe(self, lang: str = "nl") -> str:
        """The change in one line, in Dutch (``lang="en"``: English): a new placement with
        its hours, months, dates, what it counts and costs; one that stops from the re-plan
        date; or what changes in hours, months and value."""
        nl = lang != "en"
        lg: Lang = "nl" if nl else "en"

        def eur(x: Decimal) -> str:
            return format_eur(x, lang=lg)

        who = f"{self.candidate} → {self.tender}"
        if self.before is None and self.after is not None:
            a = self.after
            span = (
                f"{format_day(a.start, lang=lg, style='long')} "
                + ("t/m " if nl else "to ")
                + format_day(a.end, lang=lg, style="long")
            )
            if nl:
                return (
                    f"{who}: nieuw: {a.label('nl')}, {a.hours_per_week} uur per week, "
                    f"{a.months} maanden ({span}); telt {eur(a.value)}, kost {eur(a.cost)}"
                )
            return (
                f"{who}: new: {a.label('en')}, {a.hours_per_week} hours a week, {a.months} "
                f"months ({span}); counts {eur(a.value)}, costs {eur(a.cost)}"
            )
        if self.after is None and self.before is not None:
            b = self.before
            why = ""
            if self.dropped:
                why = " (kandidaat uitgevallen)" if nl else " (candidate dropped out)"
            when = ""
            if self.since is not None:
                day = format_day(self.since, lang=lg, style="long")
                when = f" per {day}" if nl else f" from {day}"
            if nl:
                return (
                    f"{who}: stopt{when}{why}: {b.label('nl')}, {b.hours_per_week} uur per "
                    f"week (gepland {b.months} maanden)"
                )
            return (
                f"{who}: stops{when}{why}: {b.label('en')}, {b.hours_per_week} hours a week "
                f"({b.months} months planned)"
            )
        assert self.before is not None and self.after is not None
        b, a = self.before, self.after
        parts = []
        if b.block != a.block:
            parts.append(f"{b.label(lg)} → {a.label(lg)}")
        unit_h, unit_m = ("uur per week", "maanden") if nl else ("hours a week", "months")
        if b.hours_per_week != a.hours_per_week:
            parts.append(f"{b.hours_per_week} → {a.hours_per_week} {unit_h}")
        if b.months != a.months or b.end != a.end:
            parts.append(f"{b.months} → {a.months} {unit_m}")
        counts = "telt" if nl else "counts"
        parts.append(f"{counts} {eur(b.value)} → {eur(a.value)}")
        return f"{who}: {'gewijzigd' if nl else 'changed'}: " + ", ".join(parts)


@dataclass(frozen=True)
class Replan(Shown):
    """A new plan for the rest of the contracts and how it differs from the current one
    (``table()``/``str()``: the changes, the new plan and the cost difference as text)."""

    VIEW: ClassVar[str] = "replan"

    plan: MultiPlan
    changes: tuple[Change, ...]
    cost_difference: Decimal
    """The new plan's cost minus what the current plan still costs from the re-plan date on
    (:func:`replan` says how)."""
    since: date | None = None
    """The re-plan date."""


@dataclass(frozen=True, slots=True)
class _Arc:
    cand: int
    contract: int
    block: str
    lo_h: int
    hi_h: int
    max_m: int
    rate: Fraction  # cents a full-time year
    ref: int

    def value(self, hour_months: int) -> int:
        """Cents counted for ``hour_months`` hours a week × months, rounded half up once as the
        ledger does: ``floor((2·num·x + den·D) / (2·den·D))``, ``D`` = reference week × 12."""
        d = self.ref * 12
        num, den = self.rate.numerator, self.rate.denominator
        return (2 * num * hour_months + den * d) // (2 * den * d)

    def useful(self, need: int) -> int:
        """The most hour-months an optimal plan can give this placement: beyond the fewest that
        cover ``need`` alone (with at most the hours it has) it only adds cost, and the other
        placements of the contract become superfluous. ``hi_h × max_m`` when it cannot."""
        top = self.hi_h * self.max_m
        if need <= 0:
            return 0
        d = self.ref * 12
        num, den = self.rate.numerator, self.rate.denominator
        # fewest hour-months x with value(x) >= need: 2·num·x >= den·D·(2·need - 1)
        least = -(-(den * d * (2 * need - 1)) // (2 * num))
        if least > top:
            return top
        h0 = max(self.lo_h, -(-least // self.max_m))  # fewest hours that can reach it
        best = top
        for h in range(self.lo_h, h0 + 1):
            m = max(1, -(-least // h))
            if m <= self.max_m:
                best = min(best, h * m)
        return best

    def dominates(self, other: _Arc) -> bool:
        """Same candidate and contract, counts at least as much for as long, hours as wide."""
        return (
            (self.cand, self.contract, self.ref) == (other.cand, other.contract, other.ref)
            and self.rate >= other.rate
            and self.max_m >= other.max_m
            and self.lo_h <= other.lo_h
            and self.hi_h >= other.hi_h
        )


def _labels(
    arcs: list[_Arc], tenders: list[Tender], registry: Registry
) -> dict[tuple[int, str], tuple[str, str]]:
    """The catalog's Dutch and English name of each arc's block, per contract."""
    out: dict[tuple[int, str], tuple[str, str]] = {}
    for a in arcs:
        if (a.contract, a.block) not in out:
            cat = _catalog(tenders[a.contract], registry)
            b = next(x for x in cat.blocks if x.id == a.block)
            out[a.contract, a.block] = (b.label_nl, b.label_en)
    return out


def _catalog(tender: Tender, registry: Registry) -> Catalog:
    assert tender.catalog is not None
    cid, _, edition = tender.catalog.partition("@")
    if edition:
        return registry.load(cid, edition=edition)
    on = tender.judged_on(registry.editions(cid)[-1].effective_basis)
    return registry.load(cid, on=on)


def _months_to(start: date, end: date | None) -> int:
    """Whole months from ``start`` whose last day is on or before ``end`` (120 without end)."""
    if end is None:
        return 120
    m = 0
    while m < 1200 and add_months(start, m + 1) - ONE_DAY <= end:
        m += 1
    return m


def _arcs(
    request: MultiRequest, registry: Registry, notes: list[tuple[str, str]]
) -> tuple[list[_Arc], list[Tender]]:
    tenders = [request.ledger.tender(c.tender) for c in request.contracts]
    dropped = set(request.dropped)
    arcs: list[_Arc] = []
    rates: dict[tuple[object, ...], Fraction | None] = {}
    for ki, t in enumerate(tenders):
        if t.catalog is None:
            raise ValuationError("the tender names no catalog", field="catalog", record=t.id)
        cat = _catalog(t, registry)
        ref_h = cat.time.reference_hours_per_week
        if ref_h is None or int(ref_h) != ref_h:
            notes.append(
                (
                    f"{t.id}: de catalogus heeft geen vaste referentieweek; niet gepland",
                    f"{t.id}: the catalog has no fixed reference week; not planned",
                )
            )
            continue
        ref = int(ref_h)
        months = _months_to(request.start, t.end)
        for ci, cand in enumerate(request.candidates):
            if cand.id in dropped:
                continue
            for b in cand.blocks:
                block = next((x for x in cat.blocks if x.id == b), None)
                if block is None:
                    continue
                if not isinstance(block.rule, PerYearRule):
                    continue
                limit = getattr(block.counting_limit, "months", None)
                if limit is not None:  # what the person already used of it, before the start
                    limit = int(limit) - _used_months(request, cand, cat, block.id)
                max_m = months if limit is None else min(months, limit)
                lo = block.min_hours_per_week or cat.time.min_hours_per_week or 1
                lo_h = max(1, -(-Fraction(lo).numerator // Fraction(lo).denominator))
                hi_h = min(ref, cand.hours_per_week)
                if block.max_hours_per_week is not None:
                    hi_h = min(hi_h, int(block.max_hours_per_week))
                if max_m < 1 or lo_h > hi_h:
                    continue
                # the same for every candidate of the same age (the person's other placements
                # are not part of a valuation): valued once per kind of placement
                key = (cat.id, cat.edition, b, cand.age, ref, max_m, lo_h)
                if key not in rates:
                    rates[key] = _rate(cat, b, cand, request.start, ref, max_m, lo_h)
                rate = rates[key]
                if rate is None:
                    notes.append(
                        (
                            f"{t.id}: blok {b} telt niet evenredig met uren en maanden "
                            f"(bonus of grens); niet gepland voor {cand.id}",
                            f"{t.id}: block {b} does not count in proportion to hours and "
                            f"months (a bonus or limit); not planned for {cand.id}",
                        )
                    )
                    continue
                arcs.append(_Arc(ci, ki, b, lo_h, hi_h, max_m, rate, ref))
    return arcs, tenders


def _used_months(request: MultiRequest, cand: Candidate, cat: Catalog, block_id: str) -> int:
    """Whole months (rounded up) the candidate's person already spent, before the plan's start,
    in activities of ``cat`` (same catalog id) with this block or its target group: the part of
    a counting limit that is used up."""
    group = next((b.target_group for b in cat.blocks if b.id == block_id), None)
    used = 0
    for t in request.ledger.tenders:
        if t.catalog is None or t.catalog.partition("@")[0] != cat.id:
            continue
        for a in t.activities:
            if a.person != cand.person_id or a.start is None or a.start >= request.start:
                continue
            other = next((b for b in cat.blocks if b.id == a.block), None)
            if other is None or (
                other.id != block_id and (group is None or other.target_group != group)
            ):
                continue
            end = min(a.end or request.start, request.start - ONE_DAY)
            k = 0
            while add_months(a.start, k) <= end:
                k += 1
            used += k
    return used


def _busy_hours(request: MultiRequest, cand: Candidate) -> int:
    """Hours a week the candidate's person already has in activities running on or after the
    plan's start (rounded up): they count against the one reference week too."""
    busy = Fraction(0)
    for t in request.ledger.tenders:
        for a in t.activities:
            if a.person != cand.person_id or a.hours_per_week is None:
                continue
            if a.end is None or a.end >= request.start:
                busy += Fraction(a.hours_per_week)
    return -(-busy.numerator // busy.denominator)


def _activity(block: str, cand: Candidate, start: date, hours: int, months: int) -> Activity:
    return Activity(
        block=block,
        person=cand.person_id,
        hours_per_week=hours,
        start=start,
        end=add_months(start, months) - ONE_DAY,
        age=cand.age,
    )


def _rate(
    cat: Catalog, block: str, cand: Candidate, start: date, ref: int, max_m: int, lo_h: int
) -> Fraction | None:
    """Cents of a full-time year, checked to be linear at the corners of the decision box."""
    full = value_activity(_activity(block, cand, start, ref, 12), cat).exact * 100
    for h, m in ((lo_h, 1), (ref, max_m), (lo_h, max_m)):
        got = value_activity(_activity(block, cand, start, h, m), cat).exact * 100
        if got != full * h * m / (ref * 12):
            return None
    return Fraction(full)


def plan_contracts(
    request: MultiRequest,
    *,
    registry: Registry | None = None,
    time_limit: Seconds | None = DEFAULT_TIME_LIMIT,
    cancel: CancelToken | None = None,
) -> MultiPlan:
    """The plan of least shortfall, then least cost (and fines); see the module doc. Needs
    OR-Tools (the ``optimize`` extra; without it :class:`~bouwblokken.errors.MissingExtraError`)."""
    require("ortools", "optimize")  # missing: a library error naming the extra
    from ortools.sat.python import cp_model

    reg = registry or default_registry()
    lim = Limits(time_limit, cancel)
    notes: list[tuple[str, str]] = []
    arcs, tenders = _arcs(request, reg, notes)
    arcs = _undominated(arcs)
    res = evaluate(request.ledger, registry=reg)
    remaining = {t.id: res.tender(t.id).forecast.remaining for t in tenders}
    need = [int(remaining[t.id] * 100) for t in tenders]
    m: Any = cp_model.CpModel()
    lin = cp_model.LinearExpr
    h_vars: list[Any] = []
    m_vars: list[Any] = []
    placed: list[Any] = []
    values: list[Any] = []
    cost3: list[Any] = []
    lp_vars: list[Any] = []  # in the relaxation's order (see _Relaxation)
    for a in arcs:
        cand = request.candidates[a.cand]
        cph = int(cand.cost_per_hour * 100)
        cpp = int(cand.cost_per_placement * 100)
        p, h, mo, hm, v, c3 = add_placement(m, a, cph, cpp, a.useful(need[a.contract]))
        cost3.append(c3)
        h_vars.append(h)
        m_vars.append(mo)
        placed.append(p)
        values.append(v)
        lp_vars += [p, h, mo, hm, v]
    by_cand: dict[int, list[int]] = {}
    by_pair: dict[tuple[int, int], list[int]] = {}
    for i, a in enumerate(arcs):
        by_cand.setdefault(a.cand, []).append(i)
        by_pair.setdefault((a.cand, a.contract), []).append(i)
    for ci, idx in by_cand.items():
        cand = request.candidates[ci]
        busy = _busy_hours(request, cand)
        m.add(lin.sum([h_vars[i] for i in idx]) <= max(0, cand.hours_per_week - busy))
        refs = sorted({arcs[i].ref for i in idx})
        lcm = 1
        for r in refs:
            lcm = lcm * r // _gcd(lcm, r)
        # busy hours counted against the smallest reference week (the safe side)
        room = max(0, lcm - busy * (lcm // refs[0]))
        m.add(lin.weighted_sum([h_vars[i] for i in idx], [lcm // arcs[i].ref for i in idx]) <= room)
    for idx in by_pair.values():
        m.add_at_most_one([placed[i] for i in idx])
    shortfall: list[Any] = []
    fines: list[Any] = []
    for ki, _t in enumerate(tenders):
        s = m.new_int_var(0, need[ki], f"short{ki}")
        vals = [values[i] for i, a in enumerate(arcs) if a.contract == ki]
        m.add(lin.sum(vals) + s >= need[ki])
        shortfall.append(s)
        lp_vars.append(s)
        pct = request.contracts[ki].fine_percent
        if pct is not None:
            fines.append((int(Decimal(pct) * 100), s))
    total_short = lin.sum(shortfall)
    least_hours = _least_hours(arcs, need)

    class _StopAt(cp_model.CpSolverSolutionCallback):
        """Stops the search at the first plan whose objective is at most ``at``."""

        def __init__(self, at: int) -> None:
            super().__init__()
            self.at = at

        def on_solution_callback(self) -> None:
            if self.objective_value <= self.at:
                self.stop_search()

    def run(stop_at: int | None = None, model: Any = None, **extra: Any) -> tuple[str, Any]:
        solver = cp_model.CpSolver()
        for key, val in {**_SOLVER, **extra}.items():
            if isinstance(val, str):  # an enum value by name (protobuf and pybind11 alike)
                val = getattr(type(solver.parameters), val)
            setattr(solver.parameters, key, val)
        left = lim.remaining()
        if left is not None:
            solver.parameters.max_time_in_seconds = max(left, 0.001)
        stop = solver.stop_search
        if cancel is not None:
            cancel.register(stop)
        try:
            stopper = None if stop_at is None else _StopAt(stop_at)
            code = solver.solve(m if model is None else model, stopper)
        finally:
            if cancel is not None:
                cancel.unregister(stop)
        return solver.status_name(code), solver

    first = _greedy(arcs, request, need)
    for i, (hh, mm) in enumerate(first):
        m.add_hint(h_vars[i], hh)
        m.add_hint(m_vars[i], mm)
        m.add_hint(placed[i], 1 if hh else 0)
    got = [0] * len(tenders)
    for a, (hh, mm) in zip(arcs, first, strict=True):
        got[a.contract] += a.value(hh * mm)
    known: list[tuple[int, int]] | None = None  # a plan in hand if the last phase finds none
    if all(g >= n for g, n in zip(got, need, strict=True)):
        # the first plan meets every obligation: the least shortfall, zero, is proven
        proven, best_short, known = True, 0, first
    else:
        m.minimize(total_short)
        name, solver = run()
        if name not in ("OPTIMAL", "FEASIBLE"):
            status: MultiStatus = "infeasible" if name == "INFEASIBLE" else "unknown"
            return MultiPlan(status, (), Decimal(0), Decimal(0), remaining, {}, tuple(notes), None)
        proven = name == "OPTIMAL"
        best_short = int(solver.objective_value)
        known = _decisions(solver, h_vars, m_vars)
        hint = [(x, int(solver.value(x))) for x in (*h_vars, *m_vars, *placed)]
        m.clear_hints()
        for x, val in hint:
            m.add_hint(x, val)
        m.clear_objective()
    if best_short == 0:
        # every obligation met: no shortfall, no fine, the cost alone in thirds of a cent
        for s in shortfall:
            m.add(s == 0)
        for ki, least in enumerate(least_hours):
            if least:
                m.add(lin.sum([h_vars[i] for i, a in enumerate(arcs) if a.contract == ki]) >= least)
        scale = 1
        objective = lin.sum(cost3)
    else:
        m.add(total_short <= best_short)
        # cost in thirds of a cent × 10.000, fines (hundredths of a percent × shortfall) × 3:
        # fines (hundredths of a percent of the shortfall) need 1/30.000 cent
        scale = 10_000 if fines else 1
        objective = scale * lin.sum(cost3) + lin.sum([3 * f * s for f, s in fines])
    m.minimize(objective)
    lower = 0
    relax: _Relaxation | None = None
    if not lim.expired():
        # the linear relaxation's bound, proven in exact arithmetic, and its duals: reduced-cost
        # fixing of variables and rows against each plan found (see _Relaxation)
        relax = _relaxation(arcs, request, need, best_short, scale, lim.remaining())
        if relax is not None:
            lower = relax.lower()
    name2, solver = "UNKNOWN", None
    if relax is not None:
        best = _objective_of(arcs, request, need, known, scale)
        # first among the candidates the relaxation uses (a small model, fast to close), then
        # with the next cheapest, then all: each plan found tightens every model by
        # reduced-cost fixing (valid for every plan)
        used = {arcs[j // 5].cand for j in relax.support if j < 5 * len(arcs) and j % 5 == 0}
        near = _nearest(relax, arcs, used, _NEAR)
        models: list[Any] = []
        work: dict[int, float] = {}  # float-ok: CP-SAT's deterministic time left per small model
        smalls = [(used, _SUB_WORK)] + ([(used | near, _NEAR_WORK)] if near else [])
        for keep_cands, share in smalls:
            if len(keep_cands) < len(request.candidates):
                small = m.clone()
                for i, a in enumerate(arcs):
                    if a.cand not in keep_cands:
                        small.add(placed[i] == 0)
                models.append(small)
                work[id(small)] = share
        models.append(m)
        name2 = "FEASIBLE"
        split_lower: int | None = None  # the bound contract by contract, once computed
        probed = False
        bounded = -1  # the best plan's objective the models are bounded below
        rounds = 0
        while models:
            rounds += 1
            if models[0] is not m and work[id(models[0])] <= 0.001:
                models.pop(0)  # the small model's share of the work is spent
                continue
            box = relax.domains(best - 1)
            if box is None:
                name2 = "OPTIMAL"  # no plan cheaper than this one within the relaxation's bound
                break
            if lim.expired():
                break
            if best != bounded:  # each model holds the box and cuts below the best plan
                bounded = best
                cuts = relax.row_slacks(best - 1)
                for model in models:
                    for x, (lo, hi) in zip(lp_vars, box, strict=True):
                        model.add_linear_constraint(x, lo, hi)
                    for coefs, least in cuts:
                        terms = [lp_vars[j] for j in coefs]
                        model.add(lin.weighted_sum(terms, list(coefs.values())) >= least)
                    model.add(objective <= best - 1)
            whole = models[0] is m
            if split_lower is None and best_short == 0 and (rounds >= _SPLIT_AFTER or whole):
                # the bound contract by contract, in whole numbers, once the first rounds have
                # not closed the gap
                left = lim.remaining()
                split = split_bound(
                    arcs,
                    request,
                    need,
                    relax,
                    box,
                    known,
                    None if left is None else _SPLIT_SHARE * left,
                    {**_SOLVER, **_LOOP},
                )
                split_lower = 0
                if split is not None:
                    split_lower = -(-split[0].numerator // split[0].denominator)
                    for model in models:  # each contract's proven cut: the search sees it
                        for coefs, least in split[1]:
                            terms = [lp_vars[j] for j in coefs]
                            model.add(lin.weighted_sum(terms, list(coefs.values())) >= least)
                lower = max(lower, min(best, split_lower))
            if split_lower is not None and best <= split_lower:
                name2 = "OPTIMAL"  # no plan of the box costs less than this one
                break
            budget: dict[str, Any] = {} if whole else {_WORK: work[id(models[0])]}
            params = _WHOLE if whole else {**_LOOP, **budget}
            if split_lower is not None and not probed:
                # often some plan costs exactly the bound: looked for first, as a plan of at
                # most that cost (optimal if found: none costs less)
                probed = True
                probe = models[0].clone()
                probe.add(objective <= split_lower)
                name3, again = run(model=probe, **budget)  # CP-SAT's own search (measured)
                if not whole:
                    work[id(models[0])] -= again.deterministic_time
                if name3 in ("OPTIMAL", "FEASIBLE"):
                    solver = again
                    known = _decisions(solver, h_vars, m_vars)
                    best = int(solver.objective_value)
                    name2 = "OPTIMAL"
                    break
                if name3 == "INFEASIBLE" and whole:
                    lower = max(lower, min(best, split_lower + 1))
                continue
            # a plan that halves the slack fixes more: the search stops there and starts again
            ground = max(relax.bound, Fraction(split_lower or 0))
            half = ground + (best - 1 - ground) / 2
            name3, again = run(
                stop_at=half.numerator // half.denominator, model=models[0], **params
            )
            if not whole:
                work[id(models[0])] -= again.deterministic_time
            if name3 in ("INFEASIBLE", "OPTIMAL", "UNKNOWN") and not whole:
                models.pop(0)  # the small model closed: the next goes on from its best plan
                if name3 != "OPTIMAL":
                    continue
            elif name3 == "INFEASIBLE":
                name2 = "OPTIMAL"  # no cheaper plan: this one is the optimum
                break
            if name3 not in ("OPTIMAL", "FEASIBLE"):
                if whole and name3 == "UNKNOWN" and math.isfinite(again.best_objective_bound):
                    # no cheaper plan found in time: every one costs at least the search's bound
                    lower = max(lower, min(best, int(again.best_objective_bound)))
                break
            solver = again
            known = _decisions(solver, h_vars, m_vars)
            best = int(solver.objective_value)
            if whole:
                # every plan cheaper than the last lies in the reduced model
                lower = max(lower, int(again.best_objective_bound))
                if split_lower is not None and best <= split_lower:
                    name2 = "OPTIMAL"
                    break
                if name3 == "OPTIMAL":
                    name2 = "OPTIMAL"
                    break
    else:
        # without the relaxation (no scipy): the default search from the first plan
        hint = known
        m.clear_hints()
        for i, (hh, mm) in enumerate(hint):
            m.add_hint(h_vars[i], hh)
            m.add_hint(m_vars[i], mm)
            m.add_hint(placed[i], 1 if hh else 0)
        name2, solver = run()
        if name2 in ("OPTIMAL", "FEASIBLE"):
            known = _decisions(solver, h_vars, m_vars)
            lower = max(lower, int(solver.best_objective_bound))
        elif name2 != "INFEASIBLE":
            name2 = "FEASIBLE"  # the first plan stands, unproven
    bound: Decimal | None = None
    if name2 in ("OPTIMAL", "FEASIBLE"):
        proven = proven and name2 == "OPTIMAL"
        # objective units are 1/30.000 cent
        bound = from_cents(-(-lower // (3 * scale)))
    else:
        proven = False
    assert known is not None
    placements: list[Placement] = []
    counted: dict[str, Decimal] = {t.id: Decimal(0) for t in tenders}
    total3 = 0
    labels = _labels(arcs, tenders, reg)
    for a, (hrs, mon) in zip(arcs, known, strict=True):
        if not hrs:
            continue
        cand = request.candidates[a.cand]
        value = from_cents(a.value(hrs * mon))  # rounded half up once, as the ledger does
        c3 = 13 * int(cand.cost_per_hour * 100) * hrs * mon + 3 * int(cand.cost_per_placement * 100)
        total3 += c3
        act = _activity(a.block, cand, request.start, hrs, mon)
        assert act.end is not None
        placements.append(
            Placement(
                candidate=cand.id,
                person=cand.person_id,
                tender=tenders[a.contract].id,
                block=a.block,
                hours_per_week=hrs,
                months=mon,
                start=request.start,
                end=act.end,
                value=value,
                cost=round_cents(Fraction(c3, 300)),
                label_nl=labels[a.contract, a.block][0],
                label_en=labels[a.contract, a.block][1],
                cost_per_hour=cand.cost_per_hour,
                cost_per_placement=cand.cost_per_placement,
            )
        )
        counted[tenders[a.contract].id] += value
    fine_of: dict[str, Decimal] = {}
    for ki, t in enumerate(tenders):
        pct = request.contracts[ki].fine_percent
        if pct is not None:
            short = max(Decimal(0), remaining[t.id] - counted[t.id])
            fine_of[t.id] = round_cents(Fraction(pct) / 100 * Fraction(short))
    fine_total = sum(fine_of.values(), Decimal(0))
    cost = round_cents(Fraction(total3, 300))
    return MultiPlan(
        "optimal" if proven else "feasible",
        tuple(placements),
        cost,
        fine_total,
        remaining,
        counted,
        tuple(notes),
        cost + fine_total if proven else bound,
        fine_of,
    )


_SOLVER: dict[str, Any] = {
    "num_workers": 1,
    "random_seed": 1,
    "linearization_level": 2,
    "cut_level": 0,
}
"""CP-SAT's parameters: one worker and a fixed seed (same request → same plan when proven), the
full linear relaxation of the products (McCormick rows) and no generic cuts: with its cuts on,
the LP bound of this model stayed far below the relaxation's (measured: 24 % against 99 %)."""


_SUB_WORK = 1.0
_NEAR_WORK = 0.3
"""The cost phase's small models, in CP-SAT's deterministic time (a measure of work, about
0,6-0,7 s of CPU a unit here, the same on a loaded machine): first the candidates the
relaxation uses, then those and the :data:`_NEAR` next candidates; the whole model has the
rest of the time. (A share of the wall-clock time instead, half of it for the first small
model, spent 4,8 s on 5 × 40 pool #4 without a better plan.)"""
_WORK = "max_deterministic_time"
_NEAR = 6
"""Candidates beside those the relaxation uses in the second small model: the cheapest to bring
in by the relaxation's reduced costs (:func:`_nearest`). On the 5 × 40 pools #1 and #6 the
optimum uses one candidate the relaxation does not."""
_SPLIT_AFTER = 2
"""The round of the cost phase from which on the bound contract by contract is computed (once;
the whole model's first round at the latest). Measured on the 5 × 40 pools #0-3, 6 (CPU
seconds): from the first round #0 5,0, #1 1,0, #2 1,1; from the second 5,0, 1,0, 0,6; before
the whole model only (the small model closed) 5,6, 0,9, 0,5."""
_SPLIT_SHARE = 0.3
"""At most this share of the time left goes to the bound contract by contract
(:func:`~bouwblokken.optimize.multi_split.split_bound`), its small problems searched as the
small model's rounds (``_LOOP``). Measured on 5 × 40 pool #0 (CPU seconds, all five contracts
to a proof): 0,4 s against 4,9 s with the products' relaxation (``linearization_level`` 2) and
1,1 s without LP guidance."""
_LOOP: dict[str, Any] = {"search_branching": "LP_SEARCH", "linearization_level": 1}
_WHOLE: dict[str, Any] = {"search_branching": "LP_SEARCH"}
"""The cost phase's rounds: each an LP-guided search among the plans cheaper than the best so
far, stopped at the first that halves the slack to the relaxation's bound; on the small model
with only the model's own linear rows (``_LOOP``), on the whole one with the products'
relaxation too (``_WHOLE``: a better bound when the time runs out). Measured on the 5 × 40
pools #1–3, 6, 8, 9 (10 s, median CPU seconds, a loaded machine): 1,2 s LP-guided against 3,2 s
with quick restarts; stopping at the first cheaper plan 3,6 s, at a quarter or three quarters
of the slack as at half; without the small model first 2,9 s; the rows alone
(``linearization_level`` 1) in every round 0,7 s, but the unproven pools' gaps three times
as wide."""


def _lp_bound(
    arcs: list[_Arc],
    request: MultiRequest,
    need: list[int],
    best_short: int,
    scale: int,
    seconds: float | None,  # float-ok: seconds
) -> int | None:
    """The relaxation's proven bound (whole objective units), see :func:`_relaxation`."""
    got = _relaxation(arcs, request, need, best_short, scale, seconds)
    return None if got is None else got.lower()


@dataclass(frozen=True)
class _Relaxation:
    """The exact Lagrangian bound of the cost phase's linear relaxation: every plan ``x`` (in the
    LP's variables: per arc placed, hours, months, hour-months, value; then per contract the
    shortfall) costs ``c·x >= bound + Σ_j |d_j|·dist(x_j, the end of [lb_j, ub_j] d_j prefers)``
    (weak duality: ``c·x >= c·x + u·(Ax - b) = -u·b + d·x`` for ``Ax <= b``, ``u >= 0``)."""

    bound: Fraction
    reduced: tuple[Fraction, ...]
    lb: tuple[int, ...]
    ub: tuple[int, ...]
    rows: tuple[tuple[dict[int, int], int, Fraction], ...] = ()
    """The rows ``Σ coef·x <= rhs`` with a positive dual ``u``: ``(coefficients, rhs, u)``."""
    support: frozenset[int] = frozenset()
    """The variables the LP's solution has above 0 (a guide for the first plan, no proof)."""

    def row_slacks(self, target: int) -> list[tuple[dict[int, int], int]]:
        """Reduced-cost fixing of the rows: a plan costing at most ``target`` leaves every row
        with dual ``u > 0`` a slack ``rhs - Σ coef·x`` of at most ``floor((target - bound) / u)``
        (``c·x = bound + Σ u·slack + Σ |d|·dist``, every term at least 0): ``(coefficients,
        least Σ coef·x)``, the rows that say something beyond their own bound."""
        slack = target - self.bound
        out = []
        for coefs, rhs, u in self.rows:
            room = math.floor(slack / u)
            lo = sum(min(c * self.lb[j], c * self.ub[j]) for j, c in coefs.items())
            if rhs - room > lo:
                out.append((coefs, rhs - room))
        return out

    def lower(self) -> int:
        return -(-self.bound.numerator // self.bound.denominator)  # the objective is whole

    def domains(self, target: int) -> list[tuple[int, int]] | None:
        """Reduced-cost fixing: the box of every variable in which a plan costing at most
        ``target`` must lie (``None``: no such plan). A variable whose reduced cost exceeds the
        slack ``target - bound`` sits at its preferred end; the others move at most
        ``floor(slack / |d_j|)`` from it."""
        slack = target - self.bound
        if slack < 0:
            return None
        out: list[tuple[int, int]] = []
        for dj, lo, hi in zip(self.reduced, self.lb, self.ub, strict=True):
            if dj > 0:
                out.append((lo, min(hi, lo + math.floor(slack / dj))))
            elif dj < 0:
                out.append((max(lo, hi - math.floor(slack / -dj)), hi))
            else:
                out.append((lo, hi))
        return out


def _relaxation(
    arcs: list[_Arc],
    request: MultiRequest,
    need: list[int],
    best_short: int,
    scale: int,
    seconds: float | None,  # float-ok: seconds
    box: list[tuple[int, int]] | None = None,
) -> _Relaxation | None:
    """A proven lower bound on the cost phase's objective (its units) from the model's linear
    relaxation (the same rows CP-SAT's LP has: McCormick envelope of hours × months, fixed cost
    on the useful hour-months, value with the rounding's half cent), solved by HiGHS
    (``scipy``; ``None`` without it, or when it does not finish in ``seconds``).

    HiGHS works in floating point, so its objective is not the bound: its duals ``u >= 0`` are
    taken as exact fractions and the bound is recomputed from them in exact arithmetic by weak
    duality, ``c·x >= -u·b + Σ_j min(d_j·lb_j, d_j·ub_j)`` with ``d = c + Aᵀu`` -- valid for any
    ``u >= 0`` and every plan, however inexact the duals (a poor ``u`` only gives a low bound)."""
    try:
        import numpy as np
        from scipy.optimize import linprog
        from scipy.sparse import coo_matrix
    except ImportError:  # pragma: no cover - scipy is part of the optimize extra
        return None
    if seconds is not None and seconds < 0.05:
        return None
    obj: list[int] = []
    lb: list[int] = []
    ub: list[int] = []
    rows: list[tuple[dict[int, int], int]] = []  # Σ coef·x <= rhs

    def var(c: int, lo: int, hi: int) -> int:
        obj.append(c)
        lb.append(lo)
        ub.append(hi)
        return len(obj) - 1

    hv: list[int] = []
    pv: list[int] = []
    by_contract: dict[int, list[int]] = {}
    for i, a in enumerate(arcs):
        cand = request.candidates[a.cand]
        cph, cpp = int(cand.cost_per_hour * 100), int(cand.cost_per_placement * 100)
        top = a.useful(need[a.contract])
        d = a.ref * 12
        num, den = a.rate.numerator, a.rate.denominator
        v_top = (2 * num * top + den * d) // (2 * den * d)
        hi_h, max_m, lo = a.hi_h, a.max_m, [0, 0, 0, 0, 0]
        p_top = 1
        if box is not None:
            # a smaller box (reduced-cost fixing) tightens the envelope: for a placed arc
            # lo_h <= h <= min(hi_h, ub h, ub hm), 1 <= months <= min(max_m, ub hm // lo_h)
            (lo[0], p_top), (lo[1], hu), (lo[2], mu), (lo[3], hmu), (lo[4], vu) = box[
                5 * i : 5 * i + 5
            ]
            hi_h = min(hi_h, hu, hmu)
            max_m = min(max_m, mu, hmu // a.lo_h if a.lo_h else max_m)
            top = min(top, hmu, hi_h * max_m)
            v_top = min(v_top, vu)
            if hi_h < a.lo_h or max_m < 1 or top < a.lo_h:
                p_top = 0  # too small a box to place
        p = var(scale * 3 * cpp, lo[0], max(lo[0], p_top))
        h = var(0, lo[1], max(lo[1], hi_h))
        mo = var(0, lo[2], max(lo[2], max_m))
        hm = var(scale * 13 * cph, lo[3], max(lo[3], top))
        v = var(0, lo[4], max(lo[4], v_top))
        rows += [
            ({p: a.lo_h, h: -1}, 0),
            ({h: 1, p: -hi_h}, 0),
            ({p: 1, mo: -1}, 0),
            ({mo: 1, p: -max_m}, 0),
            ({hm: 1, h: -max_m}, 0),
            ({hm: 1, mo: -hi_h}, 0),
            ({mo: a.lo_h, hm: -1}, 0),
            ({h: 1, hm: -1}, 0),
            ({hm: 1, p: -top}, 0),
            ({v: 2 * den * d, hm: -2 * num}, den * d),
        ]
        hv.append(h)
        pv.append(p)
        by_contract.setdefault(a.contract, []).append(v)
    by_cand: dict[int, list[int]] = {}
    by_pair: dict[tuple[int, int], list[int]] = {}
    for i, a in enumerate(arcs):
        by_cand.setdefault(a.cand, []).append(i)
        by_pair.setdefault((a.cand, a.contract), []).append(i)
    for ci, idx in by_cand.items():
        cand = request.candidates[ci]
        busy = _busy_hours(request, cand)
        rows.append(({hv[i]: 1 for i in idx}, max(0, cand.hours_per_week - busy)))
        refs = sorted({arcs[i].ref for i in idx})
        lcm = 1
        for r in refs:
            lcm = lcm * r // _gcd(lcm, r)
        room = max(0, lcm - busy * (lcm // refs[0]))
        rows.append(({hv[i]: lcm // arcs[i].ref for i in idx}, room))
    for idx in by_pair.values():
        rows.append(({pv[i]: 1 for i in idx}, 1))
    pct = [
        int(Decimal(c.fine_percent) * 100) if c.fine_percent is not None else 0
        for c in request.contracts
    ]
    short: list[int] = []
    for ki, n in enumerate(need):
        s_lo, s_hi = (0, n if best_short else 0) if box is None else box[5 * len(arcs) + ki]
        s = var(3 * pct[ki], s_lo, s_hi)
        short.append(s)
        rows.append(({**{v: -1 for v in by_contract.get(ki, [])}, s: -1}, -n))
    if best_short:
        rows.append(({s: 1 for s in short}, best_short))
    else:
        for ki, least in enumerate(_least_hours(arcs, need)):
            if least:
                rows.append(({hv[i]: -1 for i, a in enumerate(arcs) if a.contract == ki}, -least))
    ri: list[int] = []
    ci_: list[int] = []
    vals: list[int] = []
    for k, (row, _) in enumerate(rows):
        for j, c in row.items():
            ri.append(k)
            ci_.append(j)
            vals.append(c)
    a_ub = coo_matrix((vals, (ri, ci_)), shape=(len(rows), len(obj))).tocsr()
    b_ub = [rhs for _, rhs in rows]
    options: dict[str, Any] = {"presolve": True}
    if seconds is not None:
        options["time_limit"] = seconds
    got: Any = linprog(
        np.array(obj, dtype=float),
        A_ub=a_ub,
        b_ub=np.array(b_ub, dtype=float),
        bounds=list(zip(lb, ub, strict=True)),
        method="highs",
        options=options,
    )
    if got.status != 0 or got.ineqlin is None:
        return None
    duals = got.ineqlin.marginals  # HiGHS's duals: made exact fractions before any arithmetic
    u = [max(Fraction(0), -Fraction(float(x))) for x in duals]  # float-ok: made exact
    red = [Fraction(c) for c in obj]
    for k, j, c in zip(ri, ci_, vals, strict=True):
        if u[k]:
            red[j] += u[k] * c
    total = -sum((uk * b for uk, b in zip(u, b_ub, strict=True) if uk), Fraction(0))
    for j, dj in enumerate(red):
        total += min(dj * lb[j], dj * ub[j])
    kept = tuple((row, rhs, uk) for (row, rhs), uk in zip(rows, u, strict=True) if uk > 0)
    support = frozenset(j for j, x in enumerate(got.x) if x > 1e-9)  # float-ok: a guide only
    return _Relaxation(total, tuple(red), tuple(lb), tuple(ub), kept, support)


def _nearest(relax: _Relaxation, arcs: list[_Arc], used: set[int], k: int) -> set[int]:
    """The ``k`` candidates outside ``used`` that are cheapest to bring in at their least
    placement (one month at the least hours) by the relaxation's reduced costs; ties by the
    candidate's position."""
    d = relax.reduced
    entry: dict[int, Fraction] = {}
    for i, a in enumerate(arcs):
        if a.cand in used:
            continue
        # placed, hours, months, hour-months at (1, lo_h, 1, lo_h); the value stays at 0
        e = d[5 * i] + d[5 * i + 1] * a.lo_h + d[5 * i + 2] + d[5 * i + 3] * a.lo_h
        if a.cand not in entry or e < entry[a.cand]:
            entry[a.cand] = e
    return set(sorted(entry, key=lambda c: (entry[c], c))[:k])


def _least_hours(arcs: list[_Arc], need: list[int]) -> list[int]:
    """Per contract the fewest hours a week its placements need together (a Chvátal-Gomory
    cut of the coverage row): a placement of ``h`` hours counts at most ``V·h + 1/2`` cents,
    ``V`` its value of an hour a week for all its months, so ``Σ h >= (need - n/2) / V_max``
    (``n`` placements), rounded up as the hours are whole."""
    out = []
    for ki, n in enumerate(need):
        mine = [a for a in arcs if a.contract == ki]
        if n <= 0 or not mine:
            out.append(0)
            continue
        v_max = max(a.rate * a.max_m / (a.ref * 12) for a in mine)
        cands = len({a.cand for a in mine})
        least = (Fraction(n) - Fraction(cands, 2)) / v_max
        out.append(max(0, -(-least.numerator // least.denominator)))
    return out


def _objective_of(
    arcs: list[_Arc],
    request: MultiRequest,
    need: list[int],
    plan: list[tuple[int, int]],
    scale: int,
) -> int:
    """The cost phase's objective of a plan (hours and months per arc), in its units: cost in
    thirds of a cent × ``scale``, plus 3 × the fine (hundredths of a percent) × each
    contract's shortfall (none when the plan meets every obligation; see
    :func:`plan_contracts`)."""
    total = 0
    got = [0] * len(need)
    for a, (hrs, mon) in zip(arcs, plan, strict=True):
        if hrs:
            cand = request.candidates[a.cand]
            cph, cpp = int(cand.cost_per_hour * 100), int(cand.cost_per_placement * 100)
            total += scale * (13 * cph * hrs * mon + 3 * cpp)
            got[a.contract] += a.value(hrs * mon)
    for ki, n in enumerate(need):
        pct = request.contracts[ki].fine_percent
        if pct is not None:
            total += 3 * int(Decimal(pct) * 100) * max(0, n - got[ki])
    return total


def _decisions(solver: Any, h_vars: list[Any], m_vars: list[Any]) -> list[tuple[int, int]]:
    """Hours and months of every arc in the solver's plan."""
    return [
        (int(solver.value(h)), int(solver.value(x))) for h, x in zip(h_vars, m_vars, strict=True)
    ]


def _undominated(arcs: list[_Arc]) -> list[_Arc]:
    """Arcs without those another arc of the same candidate and contract dominates (the first
    of two equal ones stays): at most one placement per pair, so the better block is taken."""
    pairs: dict[tuple[int, int], list[int]] = {}
    for i, a in enumerate(arcs):
        pairs.setdefault((a.cand, a.contract), []).append(i)
    keep: set[int] = set()
    for idx in pairs.values():
        for i in idx:
            a = arcs[i]
            if not any(
                j != i and arcs[j].dominates(a) and (not a.dominates(arcs[j]) or j < i) for j in idx
            ):
                keep.add(i)
    return [a for i, a in enumerate(arcs) if i in keep]


def _greedy(arcs: list[_Arc], request: MultiRequest, need: list[int]) -> list[tuple[int, int]]:
    """A first plan (a feasible one: hours, reference week and busy hours respected, one
    placement per candidate and contract): per contract, the candidates of least cost per
    counted euro first, each for the whole period and as few hours as cover what is left."""
    busy = {c: _busy_hours(request, cand) for c, cand in enumerate(request.candidates)}
    refs: dict[int, int] = {}
    for a in arcs:
        refs[a.cand] = min(refs.get(a.cand, a.ref), a.ref)
    hours_left = {c: cand.hours_per_week - busy[c] for c, cand in enumerate(request.candidates)}
    week_left = {c: 1 - Fraction(busy[c], refs.get(c, 1)) for c in hours_left}
    out = [(0, 0)] * len(arcs)
    taken: set[tuple[int, int]] = set()

    def ratio(i: int) -> Fraction:
        a = arcs[i]
        cand = request.candidates[a.cand]
        per_hm = Fraction(13, 3) * Fraction(cand.cost_per_hour)
        return per_hm * a.ref * 12 / a.rate if a.rate else Fraction(10**9)

    order = sorted(range(len(arcs)), key=lambda i: (ratio(i), i))
    left = list(need)
    for ki in range(len(need)):
        for i in order:
            a = arcs[i]
            if a.contract != ki or left[ki] <= 0 or not a.rate or (a.cand, ki) in taken:
                continue
            room = min(a.hi_h, hours_left[a.cand], int(week_left[a.cand] * a.ref))
            if room < a.lo_h:
                continue
            hm_need = a.useful(left[ki])  # hour-months that cover what is left, or all
            hrs = max(a.lo_h, min(room, -(-hm_need // a.max_m)))
            mon = min(a.max_m, max(1, -(-hm_need // hrs)))
            out[i] = (hrs, mon)
            taken.add((a.cand, ki))
            left[ki] -= a.value(hrs * mon)
            hours_left[a.cand] -= hrs
            week_left[a.cand] -= Fraction(hrs, a.ref)
    return out


def _gcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return a


def replan(
    request: MultiRequest,
    current: MultiPlan,
    *,
    registry: Registry | None = None,
    time_limit: Seconds | None = DEFAULT_TIME_LIMIT,
    cancel: CancelToken | None = None,
) -> Replan:
    """The cheapest plan for the rest (``request.ledger`` holds the realisation to date,
    ``request.dropped`` the candidates who left, ``request.start`` the re-plan date), with
    the changes against ``current`` and the difference in cost from the re-plan date on:
    the new plan's cost minus :func:`cost_ahead` of the current plan (its hours still ahead;
    a cost per placement already made at the start is not counted again)."""
    new = plan_contracts(request, registry=registry, time_limit=time_limit, cancel=cancel)
    old = {(p.candidate, p.tender): p for p in current.placements}
    now = {(p.candidate, p.tender): p for p in new.placements}
    changes: list[Change] = []
    gone = set(request.dropped)
    for key in sorted(old.keys() | now.keys()):
        b, a = old.get(key), now.get(key)
        if (
            b is None
            or a is None
            or (b.block, b.hours_per_week) != (a.block, a.hours_per_week)
            or (b.end != a.end)
        ):
            changes.append(Change(key[0], key[1], b, a, request.start, key[0] in gone))
    return Replan(new, tuple(changes), new.cost - cost_ahead(current, request.start), request.start)


def cost_ahead(plan: MultiPlan, day: date) -> Decimal:
    """What ``plan`` still costs from ``day`` on: each placement's hours in its months that
    start on or after ``day`` (hours a week × months × 52/12 weeks × cost per hour), and its
    cost per placement only when it has not started yet (made at the start); in thirds of a
    cent, rounded half up once."""
    thirds = 0
    for p in plan.placements:
        months = sum(1 for k in range(p.months) if add_months(p.start, k) >= day)
        thirds += 13 * int(p.cost_per_hour * 100) * p.hours_per_week * months
        if p.start >= day:
            thirds += 3 * int(p.cost_per_placement * 100)
    return round_cents(Fraction(thirds, 300))
