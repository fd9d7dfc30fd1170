"""From a supplier's options to plans: the catalog-aware layer over the exact solvers.

A supplier describes what it *could* do (:class:`OptionSpec`): an activity template for one
unit, its own cost per unit and how many units are available. Each unit is valued through
:func:`~bouwblokken.valuation.value_activity` (bonuses, counting limits and caps of the
catalog included), the obligation comes from the tender (minus what its ledger already
counts), the catalog's share caps become category caps, and the integral
:class:`~bouwblokken.optimize.problem.Problem` is solved exactly.

Units and rounding: a *person* option's units are separate placements (one pseudonymous person
each), valued and rounded one by one as the ledger will. When the template *names* a person,
every unit is that same person in the same period: the ledger counts a person at most once a
day (one reference week across placements), so the units are valued through the ledger itself
-- the tender's activities plus ``k`` units, for ``k = 1, 2, ...`` -- and the option keeps only
the units that add the full value of the first (usually one). The optimizer's counted value of
a plan is then what the ledger counts for it. A *divisible* option (hours, euros of
purchases, activities) becomes one ledger activity of ``units × step``; its unit value is taken
as the exact value of one step rounded **down** to cents, so the ledger's single rounding of the
whole activity can only give as much or more: a plan that meets the target here meets it in the
ledger too.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, ValidationError, model_validator

from bouwblokken.activity import Activity
from bouwblokken.catalog.model import Catalog, Frozen, Percentage
from bouwblokken.catalog.registry import Registry, default_registry
from bouwblokken.errors import ValuationError
from bouwblokken.guard import repeated
from bouwblokken.jsontext import read_json
from bouwblokken.ledger import Ledger, evaluate
from bouwblokken.locate import located
from bouwblokken.money import (
    Lang,
    NonNegativeMoney,
    format_eur,
    format_share_up,
    from_cents,
    round_cents,
)
from bouwblokken.obligation import compute_obligation
from bouwblokken.optimize.alternatives import alternatives
from bouwblokken.optimize.frontier import pareto_people
from bouwblokken.optimize.limits import DEFAULT_TIME_LIMIT, CancelToken, Limits, Seconds
from bouwblokken.optimize.problem import Option, Problem
from bouwblokken.optimize.solution import Diagnosis, Solution, Status
from bouwblokken.optimize.solver import solve
from bouwblokken.tender import Person, Tender
from bouwblokken.valuation import Exclusion, value_activity
from bouwblokken.views import Shown, view

__all__ = [
    "OptionSpec",
    "Plan",
    "PlanRequest",
    "PlanResult",
    "build_problem",
    "optimise",
    "read_plan_request",
]

_DIVISIBLE = {"per_hour", "invoice", "per_activity", "actual_costs", "agreed", "per_period"}
"""Rule kinds whose value is proportional to a quantity, so an option can be divisible."""

_SCALED = ("hours", "invoice_amount", "activities", "days", "costs", "agreed_amount", "periods")
"""The quantity fields of a divisible option's template; ``n`` units scale every one that is
set (``n`` guest lessons on ``n`` days), so ``n`` units are worth ``n`` times one unit."""


def _scaled(template: Activity, n: int, option_id: str) -> Activity:
    update: dict[str, Any] = {"id": option_id, "status": "planned"}
    for name in _SCALED:
        value = getattr(template, name)
        if value is not None:
            update[name] = value * n
    return template.model_copy(update=update)


class OptionSpec(Frozen):
    """One thing the supplier could do, with its own cost and availability."""

    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=40)]
    label: str | None = None
    template: Activity
    """The activity of ONE unit: one person's placement, or one step (e.g. hours = 1)."""
    kind: Literal["persons", "divisible"] = "persons"
    cost_per_unit: NonNegativeMoney
    """The supplier's own (extra) cost of one unit, not the catalog value."""
    max_units: int = Field(ge=0)
    min_units: int = Field(default=0, ge=0)

    @model_validator(mode="after")
    def _units(self) -> OptionSpec:
        if self.min_units > self.max_units:
            raise ValueError("min_units is larger than max_units")
        return self


class PlanRequest(Frozen):
    """The options document (``bouwblokken.options/1``): what to optimise and under which terms.

    The target is the tender's obligation minus what the tender's existing activities already
    count (forecast), or an explicit ``obligation``.
    """

    format: Literal["bouwblokken.options/1"] = "bouwblokken.options/1"
    catalog: str | None = None
    """Catalog id or ``id@edition``; default: the tender's catalog."""
    on: date | None = None
    tender: Tender | None = None
    obligation: NonNegativeMoney | None = None
    options: tuple[OptionSpec, ...] = Field(min_length=1)
    min_employment_share_percent: Percentage | None = None
    """The tender's demand that this share of the obligation is met through employment."""
    budget: NonNegativeMoney | None = None
    alternatives: int = Field(default=5, ge=0, le=50)

    @model_validator(mode="after")
    def _target(self) -> PlanRequest:
        if self.obligation is None and self.tender is None:
            raise ValueError("give either an obligation amount or a tender")
        if not self.catalog and (self.tender is None or not self.tender.catalog):
            raise ValueError("give a catalog (or a tender that names one)")
        ids = [o.id for o in self.options]
        dupes = sorted(repeated(ids))
        if dupes:
            raise ValueError(f"option ids must be unique; repeated: {', '.join(dupes)}")
        return self


@dataclass(frozen=True)
class _Unit:
    spec: OptionSpec
    value: Fraction
    value_cents: int
    category: str
    rule_kind: str
    trail_nl: str
    trail_en: str
    max_units: int


def _copies(spec: OptionSpec, k: int) -> list[Activity]:
    """The activities of ``k`` units of a person option (as :func:`_plan` adds them)."""
    return [
        spec.template.model_copy(
            update={
                "id": f"{spec.id}-{i + 1}",
                "person": spec.template.person or f"{spec.id}-kandidaat-{i + 1}",
                "status": "planned",
            }
        )
        for i in range(k)
    ]


def _named_persons(
    units: list[_Unit],
    request: PlanRequest,
    catalog: Catalog,
    registry: Registry,
    notes: list[tuple[str, str]],
) -> list[_Unit]:
    """Value options whose template names a person through the ledger (see the module doc)."""
    named: dict[str, str] = {}
    out: list[_Unit] = []
    for u in units:
        person = u.spec.template.person
        if u.spec.kind != "persons" or person is None:
            out.append(u)
            continue
        if person in named:
            raise ValuationError(
                f"person {person!r} is named by options {named[person]!r} and {u.spec.id!r}; "
                "name a person in one option only (a person is placed once in a period)",
                field="template.person",
                record=f"option {u.spec.id!r}",
            )
        named[person] = u.spec.id
        if request.tender is None:
            # no contract to count in: one placement of a person per period, as the ledger
            marginals = [u.value_cents] + [0] * (u.spec.max_units - 1)
        else:
            marginals = _ledger_marginals(u.spec, request.tender, catalog, registry)
        first = marginals[0] if marginals else 0
        keep = 0
        while keep < len(marginals) and marginals[keep] == first and first > 0:
            keep += 1
        if keep < u.spec.max_units:
            notes.append(
                (
                    f"optie {u.spec.id!r}: {person} telt in deze periode voor ten hoogste "
                    f"{keep} eenheid/eenheden (een persoon telt ten hoogste één volle week "
                    "per dag, over alle plaatsingen)",
                    f"option {u.spec.id!r}: {person} counts for at most {keep} unit(s) in "
                    "this period (a person counts at most one full week a day, across all "
                    "placements)",
                )
            )
            u = dataclasses.replace(u, max_units=keep)
        out.append(dataclasses.replace(u, value_cents=first if keep else u.value_cents))
    return out


def _ledger_marginals(
    spec: OptionSpec, tender: Tender, catalog: Catalog, registry: Registry
) -> list[int]:
    """What the ``k``-th unit adds in the ledger, in cents, for ``k = 1..max_units`` (stops at
    the first unit that adds nothing: later ones add nothing either)."""
    t = tender if tender.catalog else tender.model_copy(update={"catalog": catalog.key})
    ids = {a.person for a in t.activities if a.person is not None}
    if spec.template.person is not None:
        ids.add(spec.template.person)
    persons = tuple(Person(id=i) for i in sorted(x for x in ids if x is not None))
    out: list[int] = []
    before = 0
    for k in range(1, spec.max_units + 1):
        acts = _copies(spec, k)
        lt = t.model_copy(update={"activities": (*t.activities, *acts)})
        res = evaluate(Ledger(persons=persons, tenders=(lt,)), registry=registry).tenders[0]
        mine = {a.id for a in acts}
        total = Decimal(0)
        for row in res.activities:
            if row.activity.id in mine:
                total += row.counted + sum(
                    (nc.amount for nc in row.not_counted if nc.reason == "share_cap"),
                    Decimal(0),
                )
        cents = int(total * 100)
        out.append(cents - before)
        before = cents
        if out[-1] <= 0:
            break
    return out


@dataclass(frozen=True)
class Plan:
    """A plan in catalog terms: units per option, euros, and ledger activities to add."""

    solution: Solution
    units: dict[str, int]
    cost: Decimal
    counted: Decimal
    target: Decimal
    people: int
    activities: tuple[Activity, ...]
    rows: tuple[dict[str, Any], ...]

    @property
    def slack(self) -> Decimal:
        return self.counted - self.target

    @property
    def cost_per_counted_euro(self) -> Decimal | None:
        if self.counted == 0:
            return None
        return (self.cost / self.counted).quantize(Decimal("0.0001"))

    def explain(self, lang: Lang = "nl") -> str:
        def eur(v: Decimal | Fraction | int) -> str:
            return format_eur(v, lang=lang)

        out = []
        for r in self.rows:
            if lang == "nl":
                out.append(
                    f"{r['option']}: {r['units']} × {eur(r['unit_value'])} geteld "
                    f"(kosten {eur(r['unit_cost'])} per eenheid, "
                    f"{_per_euro(r['cost_per_value'], lang)} per getelde euro)"
                )
            else:
                out.append(
                    f"{r['option']}: {r['units']} × {eur(r['unit_value'])} counted "
                    f"(cost {eur(r['unit_cost'])} a unit, "
                    f"{_per_euro(r['cost_per_value'], lang)} per euro counted)"
                )
        if lang == "nl":
            out.append(
                f"kosten {eur(self.cost)}, geteld {eur(self.counted)} van {eur(self.target)}, "
                f"overschot {eur(self.slack)}, {self.people} personen"
            )
        else:
            out.append(
                f"cost {eur(self.cost)}, counted {eur(self.counted)} of {eur(self.target)}, "
                f"surplus {eur(self.slack)}, {self.people} people"
            )
        return "\n".join(out)

    def add_to(self, ledger: Ledger, tender_id: str) -> Ledger:
        """The ledger with this plan's activities added to a tender (as planned), and their
        pseudonymous persons declared."""
        known = {p.id for p in ledger.persons}
        new = [
            Person(id=a.person, note="voorgesteld door de optimizer")
            for a in self.activities
            if a.person is not None and a.person not in known
        ]
        if new:
            ledger = ledger.model_copy(update={"persons": (*ledger.persons, *new)})
        for a in self.activities:
            ledger = ledger.with_activity(tender_id, a)
        return ledger


def _per_euro(value: Fraction | None, lang: Lang) -> str:
    """Cost per euro counted as an amount (``€ 0,16``), rounded half up to the cent."""
    return "-" if value is None else format_eur(round_cents(value), lang=lang)


@dataclass(frozen=True)
class PlanResult(Shown):
    """The optimizer's answers for one request (``table()``/``str()``: the plans side by
    side, :mod:`bouwblokken.display.plans`)."""

    VIEW: ClassVar[str] = "plan"

    catalog: str
    fingerprint: str
    target: Decimal
    problem: Problem
    best: Plan | None
    alternatives: tuple[Plan, ...]
    pareto: tuple[Plan, ...]
    diagnosis: Diagnosis | None
    best_effort: Plan | None
    notes: tuple[str, ...] = ()
    """Notes on the request, in English."""
    notes_nl: tuple[str, ...] = ()
    """The same notes in Dutch."""

    @property
    def status(self) -> Status:
        """optimal, feasible (a plan with a proven gap, the time limit ran out), infeasible
        (proven: ``best_effort`` is the largest reachable), or unknown (no plan in time)."""
        if self.best is not None:
            return self.best.solution.status
        return "infeasible" if self.best_effort is not None else "unknown"

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = view("plan.dict")(self)
        return data


def _value_unit(spec: OptionSpec, catalog: Catalog, tender: Tender | None) -> _Unit:
    """Value one unit as the ledger will: days outside the contract period do not count."""
    block = catalog.block(spec.template.block)
    a = spec.template
    exclusions = []
    if tender is not None and a.start is not None and a.end is not None:
        if tender.start is not None and a.start < tender.start:
            exclusions.append(
                Exclusion(
                    a.start,
                    tender.start - timedelta(days=1),
                    "outside_contract",
                    "voor de start van het contract",
                    "before the contract start",
                )
            )
        if tender.end is not None and a.end > tender.end:
            exclusions.append(
                Exclusion(
                    tender.end + timedelta(days=1),
                    a.end,
                    "outside_contract",
                    "na het einde van het contract",
                    "after the contract end",
                )
            )
    try:
        v = value_activity(a, catalog, exclusions=exclusions)
    except ValuationError as exc:
        raise ValuationError(str(exc), field="template", record=f"option {spec.id!r}") from None
    if spec.kind == "divisible":
        if block.rule.kind not in _DIVISIBLE:
            raise ValuationError(
                f"a {block.rule.kind} block cannot be divisible; use kind 'persons'",
                field="kind",
                record=f"option {spec.id!r}",
            )
        cents = int(v.exact * 100)  # floor: exact value of one step, rounded down
    else:
        cents = int(v.amount * 100)
    category: str = block.category
    for cap in catalog.share_caps:
        if block.id in cap.blocks:
            category = f"cap:{cap.id}"
    return _Unit(
        spec,
        v.exact,
        cents,
        category,
        block.rule.kind,
        "; ".join(ln.nl for ln in v.lines),
        "; ".join(ln.en for ln in v.lines),
        spec.max_units,
    )


def build_problem(
    request: PlanRequest, *, registry: Registry | None = None
) -> tuple[Problem, Catalog, list[_Unit], Decimal, list[tuple[str, str]]]:
    """The integral problem of a request, with the catalog and per-unit valuations used
    (notes as ``(Dutch, English)`` pairs)."""
    reg = registry or default_registry()
    notes: list[tuple[str, str]] = []
    tender = request.tender
    catalog_ref = request.catalog or (tender.catalog if tender else None)
    assert catalog_ref is not None
    cid, _, edition = catalog_ref.partition("@")
    if edition:
        catalog = reg.load(cid, edition=edition)
    else:
        on = request.on
        if on is None and tender is not None:
            on = tender.judged_on(reg.editions(cid)[-1].effective_basis)
        catalog = reg.load(cid, on=on)

    already: dict[str, Decimal] = {}
    if request.obligation is not None:
        obligation = request.obligation
        target = obligation
    else:
        assert tender is not None
        t = tender if tender.catalog else tender.model_copy(update={"catalog": catalog.key})
        if t.activities:
            res = evaluate(Ledger(tenders=(t,)), registry=reg).tenders[0]
            obligation = res.obligation.amount
            already = dict(res.forecast.by_category)
            target = res.forecast.remaining
            notes.append(
                (
                    f"bestaande activiteiten tellen al {format_eur(res.forecast.counted)}",
                    "existing activities already count "
                    f"{format_eur(res.forecast.counted, lang='en')}",
                )
            )
        else:
            obligation = compute_obligation(t, catalog).amount
            target = obligation

    units = [_value_unit(o, catalog, tender) for o in request.options]
    units = _named_persons(units, request, catalog, reg, notes)
    caps: dict[str, int] = {}
    for cap in catalog.share_caps:
        room = round_cents(Fraction(cap.max_share_percent) / 100 * Fraction(obligation))
        used = sum((already.get(c, Decimal(0)) for c in cap.categories), Decimal(0))
        left = int(max(room - used, Decimal(0)) * 100)
        for c in cap.categories:
            caps[c] = left
        if cap.blocks:
            caps[f"cap:{cap.id}"] = left
        if cap.min_amount_per_item is not None:
            notes.append(
                (
                    f"maximaal aandeel {cap.id}: items onder "
                    f"{format_eur(cap.min_amount_per_item)} tellen niet; de opties worden daar "
                    "niet op getoetst",
                    f"share cap {cap.id}: items under "
                    f"{format_eur(cap.min_amount_per_item, lang='en')} do not count; options "
                    "are not checked against it",
                )
            )
    min_emp = 0
    if request.min_employment_share_percent is not None:
        min_emp = int(
            round_cents(Fraction(request.min_employment_share_percent) / 100 * Fraction(obligation))
            * 100
        )
        min_emp = max(0, min_emp - int(already.get("work", Decimal(0)) * 100))
    problem = Problem(
        options=tuple(
            Option(
                id=u.spec.id,
                category=u.category,
                value_cents=u.value_cents,
                cost_cents=int(u.spec.cost_per_unit * 100),
                max_units=u.max_units,
                min_units=min(u.spec.min_units, u.max_units),
                people_per_unit=1 if u.spec.kind == "persons" else 0,
                employment=u.category == "work",
            )
            for u in units
        ),
        target_cents=int(target * 100),
        category_caps=caps,
        min_employment_cents=min_emp,
        budget_cents=None if request.budget is None else int(request.budget * 100),
    )
    return problem, catalog, units, target, notes


def _plan(solution: Solution, units: Sequence[_Unit], target: Decimal) -> Plan:
    acts: list[Activity] = []
    rows: list[dict[str, Any]] = []
    for u, n in zip(units, solution.units, strict=True):
        if not n:
            continue
        spec = u.spec
        rows.append(
            {
                "option": spec.id,
                "label": spec.label or spec.template.block,
                "units": n,
                "unit_value": from_cents(u.value_cents),
                "unit_cost": spec.cost_per_unit,
                "value": from_cents(u.value_cents * n),
                "cost": (spec.cost_per_unit * n).quantize(Decimal("0.01")),
                "cost_per_value": (
                    Fraction(spec.cost_per_unit) / Fraction(u.value_cents, 100)
                    if u.value_cents
                    else None
                ),
                "category": u.category,
            }
        )
        if spec.kind == "persons":
            acts.extend(_copies(spec, n))
        else:
            acts.append(_scaled(spec.template, n, spec.id))
    return Plan(
        solution=solution,
        units={i: x for i, x in zip(solution.option_ids, solution.units, strict=True) if x},
        cost=from_cents(solution.cost_cents),
        counted=from_cents(solution.counted_cents),
        target=target,
        people=solution.people,
        activities=tuple(acts),
        rows=tuple(rows),
    )


def optimise(
    request: PlanRequest,
    *,
    registry: Registry | None = None,
    time_limit: Seconds | None = DEFAULT_TIME_LIMIT,
    cancel: CancelToken | None = None,
) -> PlanResult:
    """Solve a request: the optimal plan, minimal alternatives, the cost/people frontier, and
    when the target cannot be met, the largest reachable value and what blocks it.

    ``time_limit`` (seconds) is for the whole request; a plan found but not proven optimal in
    that time is returned as ``best`` with a note giving its proven gap (its
    ``solution.status`` is ``"feasible"``); when not even a plan was found there is no best
    plan and no diagnosis, only a note."""
    problem, catalog, units, target, notes = build_problem(request, registry=registry)
    lim = Limits(time_limit, cancel)

    def left() -> Seconds | None:
        rest = lim.remaining()
        return None if rest is None else max(rest, 0.001)

    best = solve(problem, limits=lim)
    if best.status == "unknown":
        notes.append(
            (
                "binnen de tijdslimiet is geen plan gevonden en niet bewezen dat er geen is",
                "no plan was found within the time limit, nor proven that none exists",
            )
        )
    if best.status in ("infeasible", "unknown"):
        return PlanResult(
            catalog.key,
            catalog.fingerprint,
            target,
            problem,
            None,
            (),
            (),
            best.diagnosis,
            _plan(best, units, target) if best.status == "infeasible" else None,
            tuple(n[1] for n in notes),
            tuple(n[0] for n in notes),
        )
    if best.status == "feasible":
        gap = best.gap or Fraction(0)
        notes.append(
            (
                f"het plan is niet bewezen optimaal binnen de tijdslimiet: hoogstens "
                f"{format_share_up(gap, lang='nl')} duurder dan het optimum",
                f"the plan is not proven optimal within the time limit: at most "
                f"{format_share_up(gap, lang='en')} above the optimum",
            )
        )
    alts: list[Solution] = []
    pareto: list[Solution] = []
    if request.alternatives and not lim.expired():
        alts = list(
            alternatives(problem, k=request.alternatives + 1, time_limit=left(), cancel=cancel)
        )[1:]
    if any(o.people_per_unit for o in problem.options) and not lim.expired():
        front = pareto_people(problem, time_limit=left(), cancel=cancel)
        pareto = list(front)
        if not front.complete:
            notes.append(
                (
                    f"het Paretofront (kosten tegen aantal geholpen personen) is onvolledig: de "
                    f"tijdslimiet liep af "
                    f"na {len(front)} {'punt' if len(front) == 1 else 'punten'}",
                    f"the people-against-cost frontier is incomplete: the time limit ran out "
                    f"after {len(front)} point{'' if len(front) == 1 else 's'}",
                )
            )
    return PlanResult(
        catalog.key,
        catalog.fingerprint,
        target,
        problem,
        _plan(best, units, target),
        tuple(_plan(s, units, target) for s in alts),
        tuple(_plan(s, units, target) for s in pareto),
        None,
        None,
        tuple(n[1] for n in notes),
        tuple(n[0] for n in notes),
    )


def read_plan_request(source: str | bytes | Path, *, name: str | None = None) -> PlanRequest:
    """Read an options document (JSON, exact decimals); errors name the file, record, field."""
    label = name or (str(source) if isinstance(source, Path) else "<options>")
    data = read_json(source, name=label)
    try:
        return PlanRequest.model_validate(data, context={"document": True})
    except ValidationError as exc:
        raise located(exc, data, label) from None
