"""Designing the obligation of a planned tender: what each published rule set and percentage
asks, and what a typical plan costs a supplier to meet it.

PIANOo describes a minimum of 2–5 % (sometimes up to 25 %) of the contract sum, or of the
payroll for capital-intensive work; which share of the labour the contract holds can change the
percentage (a labour-share rule: 5 %, or at least 2 % when labour is under 30 %). The buyer
puts the planned tender's terms in a :class:`~bouwblokken.tender.Tender` (value, dates, labour
share, contract type, catalog) and :func:`design_obligation` computes, for each applicable rule
set (the catalog's own defaults and every rule in ``catalogs/obligation-rules.toml``) and each
percentage of a range, the obligation with its trail
(:func:`~bouwblokken.obligation.compute_obligation`) and the least cost of a plan that meets
it under the buyer's *assumed* costs (:mod:`bouwblokken.award.assumptions`), solved exactly
by the optimizer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from bouwblokken.award.assumptions import CostAssumptions, default_cost_assumptions, options_for
from bouwblokken.award.errors import AwardError
from bouwblokken.catalog.model import Catalog
from bouwblokken.catalog.registry import Registry, default_registry
from bouwblokken.errors import BouwblokkenError, LedgerError
from bouwblokken.money import Lang, format_eur, from_cents
from bouwblokken.money import format_exact as _num
from bouwblokken.obligation import Obligation, compute_obligation, list_obligation_rules
from bouwblokken.optimize.plan import OptionSpec, PlanRequest, build_problem
from bouwblokken.optimize.solver import solve
from bouwblokken.tender import Tender

__all__ = [
    "DEFAULT_PERCENTAGES",
    "DesignRow",
    "ObligationDesign",
    "SupplierCost",
    "design_obligation",
]

DEFAULT_PERCENTAGES: tuple[Decimal, ...] = tuple(Decimal(p) for p in (2, 3, 4, 5))
"""PIANOo's usual range of 2–5 %."""

CATALOG = "catalog"
"""The rule-set id that stands for the catalog's own obligation defaults."""


@dataclass(frozen=True)
class SupplierCost:
    """The least cost of a plan that meets an obligation, under assumed costs."""

    met: bool
    """False: no plan within the assumptions' limits reaches the obligation (best effort)."""
    cost: Decimal
    counted: Decimal
    people: int
    units: tuple[tuple[str, int], ...]
    """(option = block id, units) of the plan, in the catalog's block order."""

    def explain(self, lang: Lang = "nl") -> str:
        parts = ", ".join(f"{n} × {oid}" for oid, n in self.units) or "-"
        if lang == "nl":
            head = "typisch plan" if self.met else "niet haalbaar binnen de aannames; beste poging"
            return (
                f"{head}: {parts}; kosten {format_eur(self.cost)}, telt {format_eur(self.counted)}"
                f", {self.people} personen"
            )
        head = "typical plan" if self.met else "not reachable within the assumptions; best effort"
        return (
            f"{head}: {parts}; cost {format_eur(self.cost, lang='en')}, counts "
            f"{format_eur(self.counted, lang='en')}, {self.people} people"
        )


@dataclass(frozen=True)
class DesignRow:
    """One rule set at one percentage (or at its own published percentage)."""

    rule_set: str
    """``catalog`` or a published rule's id (``schiedam``)."""
    source: str
    """Where the terms came from: ``haaglanden@2023-07`` or ``rules:schiedam``."""
    issuer: str
    percentage: Decimal | None
    """The percentage asked; None: the rule set's own published percentage."""
    obligation: Obligation | None
    error: str | None = None
    """Why the obligation cannot be computed (a term the rule set needs is missing)."""
    cost: SupplierCost | None = None

    @property
    def amount(self) -> Decimal | None:
        return self.obligation.amount if self.obligation is not None else None

    def label(self, lang: Lang = "nl") -> str:
        if self.percentage is None:
            return "gepubliceerd" if lang == "nl" else "published"
        text = _num(self.percentage, lang)
        return f"{text}\u00a0%" if lang == "nl" else f"{text}%"


@dataclass(frozen=True)
class ObligationDesign:
    """Every rule set × percentage for one planned tender (see :func:`design_obligation`)."""

    tender: Tender
    catalog: str | None
    assumptions: CostAssumptions
    rows: tuple[DesignRow, ...]
    notes: tuple[str, ...] = ()

    def for_rule_set(self, rule_set: str) -> tuple[DesignRow, ...]:
        return tuple(r for r in self.rows if r.rule_set == rule_set)

    def cost_share(self, row: DesignRow) -> Fraction | None:
        """The typical plan's cost as a percentage of the contract value (None without one)."""
        value = self.tender.contract_value
        if row.cost is None or value is None or value == 0:
            return None
        return Fraction(row.cost.cost) * 100 / Fraction(value)

    def applicable(self) -> tuple[DesignRow, ...]:
        """The rows whose rule set gives this tender an obligation."""
        return tuple(r for r in self.rows if r.obligation is not None and r.obligation.applies)


def _percentage(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise AwardError(
            f"a percentage must be exact (an int, a string or a Decimal), got {value!r}",
            field="percentages",
        )
    try:
        d = Decimal(value)
    except ArithmeticError:
        raise AwardError(f"not a percentage: {value!r}", field="percentages") from None
    if not d.is_finite() or not 0 <= d <= 100:
        raise AwardError(f"a percentage lies from 0 to 100, got {value!r}", field="percentages")
    return d


def _catalog_of(tender: Tender, registry: Registry) -> Catalog | None:
    if tender.catalog is None:
        return None
    cid, _, edition = tender.catalog.partition("@")
    if edition:
        return registry.load(cid, edition=edition)
    return registry.load(cid, on=tender.judged_on(registry.editions(cid)[-1].effective_basis))


def design_obligation(
    tender: Tender,
    *,
    percentages: Sequence[Decimal | int | str] = DEFAULT_PERCENTAGES,
    rule_sets: Sequence[str] | None = None,
    costs: CostAssumptions | None = None,
    with_costs: bool = True,
    registry: Registry | None = None,
) -> ObligationDesign:
    """The obligation of a planned ``tender`` under each rule set and percentage.

    ``rule_sets``: ids of published rules (``list_obligation_rules()``) and/or ``"catalog"``
    for the tender's catalog defaults; default: the catalog (when the tender names one) and
    every published rule. For each rule set there is one row at its own published percentage
    (when it states one) and one per entry of ``percentages``. Rules that do not cover the
    tender (threshold, contract type, duration, labour share) give a row without obligation
    and the reason in its trail; rules that need a term the tender lacks give a row with
    ``error``. ``costs`` are the assumed supplier costs (default: the shipped assumptions);
    the supplier's cost is computed under the tender's catalog when it names one.
    """
    reg = registry or default_registry()
    assumptions = costs or default_cost_assumptions()
    catalog = _catalog_of(tender, reg)
    published = {r.id: r for r in list_obligation_rules()}
    if rule_sets is None:
        chosen = ([CATALOG] if catalog is not None else []) + list(published)
    else:
        chosen = list(rule_sets)
    pcts = [_percentage(p) for p in percentages]
    notes: list[str] = []
    options: tuple[OptionSpec, ...] = ()
    if with_costs and catalog is not None:
        try:
            opts = options_for(catalog, tender, assumptions)
        except BouwblokkenError as exc:
            notes.append(f"geen kosten berekend: {exc}")
        else:
            options = opts.options
            notes.extend(f"blok {b} niet in het typische plan: {why}" for b, why in opts.skipped)
    elif with_costs:
        notes.append("geen kosten berekend: de aanbesteding noemt geen catalogus")
    cost_cache: dict[Decimal, SupplierCost] = {}

    def cost_of(amount: Decimal) -> SupplierCost | None:
        if not options or catalog is None or amount <= 0:
            return None
        if amount not in cost_cache:
            cost_cache[amount] = _least_cost(catalog, amount, options, assumptions, reg)
        return cost_cache[amount]

    rows: list[DesignRow] = []
    for rs in chosen:
        if rs == CATALOG:
            if catalog is None:
                raise LedgerError(
                    "the rule set 'catalog' needs a tender that names a catalog",
                    record=f"tender {tender.id!r}",
                    field="catalog",
                )
            base = tender.model_copy(update={"rules": None, "catalog": catalog.key})
            own = catalog.obligation.percentage
            issuer = catalog.issuer
        elif rs in published:
            base = tender.model_copy(update={"rules": rs})
            own = published[rs].percentage
            issuer = published[rs].issuer
        else:
            raise LedgerError(
                f"unknown rule set {rs!r}; known: {', '.join([CATALOG, *published])}",
                record=f"tender {tender.id!r}",
                field="rule_sets",
            )
        asked: list[Decimal | None] = [None] if own is not None else []
        asked += [p for p in pcts if own is None or p != own]
        for p in asked:
            t = base if p is None else base.model_copy(update={"percentage": p})
            source = catalog.key if rs == CATALOG and catalog else f"rules:{rs}"
            try:
                ob = compute_obligation(t, catalog if rs == CATALOG else None)
            except BouwblokkenError as exc:
                rows.append(DesignRow(rs, source, issuer, p, None, error=str(exc)))
                continue
            amount = ob.amount if ob.applies else Decimal(0)
            rows.append(DesignRow(rs, ob.rules_source, issuer, p, ob, None, cost_of(amount)))
    return ObligationDesign(
        tender, catalog.key if catalog else None, assumptions, tuple(rows), tuple(notes)
    )


def _least_cost(
    catalog: Catalog,
    amount: Decimal,
    options: tuple[OptionSpec, ...],
    assumptions: CostAssumptions,
    registry: Registry,
) -> SupplierCost:
    request = PlanRequest(
        catalog=catalog.key,
        obligation=amount,
        options=options,
        alternatives=0,
        min_employment_share_percent=assumptions.min_employment_share_percent,
    )
    problem, _, _, _, _ = build_problem(request, registry=registry)
    solution = solve(problem)
    units = tuple((oid, n) for oid, n in zip(solution.option_ids, solution.units, strict=True) if n)
    return SupplierCost(
        met=solution.is_optimal,
        cost=from_cents(solution.cost_cents),
        counted=from_cents(solution.counted_cents),
        people=solution.people,
        units=units,
    )
