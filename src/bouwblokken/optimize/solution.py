"""What the exact solvers return: a plan with its figures, or why no plan exists.

Every figure is recomputed from :class:`~bouwblokken.optimize.problem.Problem`'s own definitions
(counted value after caps, employment after caps, cost), so a :class:`Solution` never disagrees
with the problem it came from. Ratios for explanation are :class:`~fractions.Fraction`, never
floats: "cost per counted euro" is exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from bouwblokken.optimize.problem import Problem

__all__ = ["STATUS_LABELS", "Diagnosis", "Reason", "Solution", "Status", "status_label"]

Status = Literal["optimal", "feasible", "infeasible", "unknown"]
"""``optimal``: proven least cost (and the documented tie rule); ``feasible``: a plan that
meets the target, found before the time limit, with a proven lower bound on the cost;
``infeasible``: proven that no plan meets the target; ``unknown``: the time limit ran out
before a plan was found or infeasibility was proven."""

STATUS_LABELS: dict[str, tuple[str, str]] = {
    "optimal": ("optimaal", "optimal"),
    "feasible": ("haalbaar, niet bewezen optimaal", "feasible, not proven optimal"),
    "infeasible": ("onhaalbaar (bewezen)", "infeasible (proven)"),
    "unknown": ("onbekend (tijdslimiet)", "unknown (time limit)"),
}
"""Each status in Dutch and English."""


def status_label(status: str, lang: str = "nl") -> str:
    """A status in words, Dutch by default (``lang="en"`` for English)."""
    nl, en = STATUS_LABELS[status]
    return en if lang == "en" else nl


@dataclass(frozen=True, slots=True)
class Reason:
    """One limit that keeps the counted value down, machine-readable and human-readable.

    ``code`` is one of ``"category_cap"`` (subject = category, amount = cap in cents),
    ``"max_units"`` (subject = option id, amount = its max_units), ``"budget"`` (amount = budget
    in cents), ``"employment_minimum"`` (amount = the minimum in cents; ``reachable`` = the most
    employment value reachable under the other limits).
    """

    code: str
    subject: str | None
    amount: int | None
    message: str
    reachable: int | None = None

    def as_tuple(self) -> tuple[str | int, ...]:
        """Compact key, e.g. ``("category_cap", "scholing", 500000)`` or ``("budget", 1000)``."""
        out: list[str | int] = [self.code]
        if self.subject is not None:
            out.append(self.subject)
        if self.amount is not None and self.code != "max_units":
            out.append(self.amount)
        return tuple(out)


@dataclass(frozen=True, slots=True)
class Diagnosis:
    """Why no feasible plan exists.

    ``max_counted_cents`` is the exact maximum counted value over all plans that respect
    min/max units, caps, the budget and -- when it can be met at all -- the employment minimum;
    ``plan`` is one plan reaching it (the cheapest such, ties as in :func:`solve`).
    ``employment_reachable`` says whether the employment minimum could be respected.
    """

    target_cents: int
    max_counted_cents: int
    plan: tuple[int, ...]
    reasons: tuple[Reason, ...]
    employment_reachable: bool
    proven: bool = True
    """False when the time limit ran out: ``max_counted_cents`` is then what the best plan
    found reaches (a lower bound of the true maximum)."""

    @property
    def shortfall_cents(self) -> int:
        """How much counted value is missing (0 when only the employment minimum fails)."""
        return max(0, self.target_cents - self.max_counted_cents)

    @property
    def codes(self) -> tuple[tuple[str | int, ...], ...]:
        return tuple(r.as_tuple() for r in self.reasons)


@dataclass(frozen=True, slots=True)
class Solution:
    """A plan (units per option, in the problem's option order) and its exact figures.

    For ``status == "infeasible"`` the plan is the best effort described by ``diagnosis``
    (most counted value under the limits), so it can be shown; it does *not* meet the target.
    """

    status: Status
    units: tuple[int, ...]
    option_ids: tuple[str, ...]
    cost_cents: int
    counted_cents: int
    raw_cents: int
    people: int
    employment_cents: int
    target_cents: int
    nodes: int
    diagnosis: Diagnosis | None = None
    lower_bound_cents: int | None = None
    """A proven lower bound on the cost of every feasible plan (equal to ``cost_cents`` when
    optimal; ``None`` when infeasible or nothing is known)."""

    @classmethod
    def from_units(
        cls,
        problem: Problem,
        units: Sequence[int],
        *,
        status: Status,
        nodes: int,
        diagnosis: Diagnosis | None = None,
        lower_bound_cents: int | None = None,
    ) -> Solution:
        """Build from a plan, computing every figure through the problem's definitions."""
        u = tuple(units)
        opts = problem.options
        if len(u) != len(opts):
            raise ValueError(f"a plan needs {len(opts)} units, got {len(u)}")
        # one pass over the plan (the batch path builds a Solution per problem): the same
        # figures as Problem.cost/counted/people/employment_counted, which define them
        caps = problem.category_caps
        cost = raw_total = people = 0
        raw: dict[str, int] = {}
        emp: dict[str, int] = {}
        for o, x in zip(opts, u, strict=True):
            if x:
                cost += o.cost_cents * x
                people += o.people_per_unit * x
                val = o.value_cents * x
                raw_total += val
                raw[o.category] = raw.get(o.category, 0) + val
                if o.employment:
                    emp[o.category] = emp.get(o.category, 0) + val
        if caps:
            counted = sum(
                r if (cp := caps.get(c)) is None or r < cp else cp for c, r in raw.items()
            )
            employment = sum(
                r if (cp := caps.get(c)) is None or r < cp else cp for c, r in emp.items()
            )
        else:
            counted = raw_total
            employment = sum(emp.values())
        if status == "optimal":
            lower_bound_cents = cost
        return cls(
            status=status,
            units=u,
            option_ids=problem.option_ids,
            cost_cents=cost,
            counted_cents=counted,
            raw_cents=raw_total,
            people=people,
            employment_cents=employment,
            target_cents=problem.target_cents,
            nodes=nodes,
            diagnosis=diagnosis,
            lower_bound_cents=lower_bound_cents,
        )

    @property
    def is_optimal(self) -> bool:
        return self.status == "optimal"

    @property
    def meets_target(self) -> bool:
        """The plan meets every limit of the problem (``optimal`` or ``feasible``)."""
        return self.status in ("optimal", "feasible")

    @property
    def gap(self) -> Fraction | None:
        """``(cost - lower bound) / cost`` of a plan that meets the target: 0 when optimal;
        ``None`` without a bound."""
        if not self.meets_target or self.lower_bound_cents is None:
            return None
        if self.cost_cents == 0:
            return Fraction(0)
        return Fraction(self.cost_cents - self.lower_bound_cents, self.cost_cents)

    def status_label(self, lang: str = "nl") -> str:
        """The status in words (Dutch by default)."""
        return status_label(self.status, lang)

    @property
    def slack_cents(self) -> int:
        """Counted value above the target (negative when short)."""
        return self.counted_cents - self.target_cents

    @property
    def capped_away_cents(self) -> int:
        """Value produced but not counted because of category caps."""
        return self.raw_cents - self.counted_cents

    @property
    def cost_per_counted_euro(self) -> Fraction | None:
        """Euros of cost per euro of counted value for the whole plan (None if nothing counts)."""
        if self.counted_cents == 0:
            return None
        return Fraction(self.cost_cents, self.counted_cents)

    def by_option(self) -> dict[str, int]:
        """Units per option id, only options with units > 0."""
        return {i: x for i, x in zip(self.option_ids, self.units, strict=True) if x}

    def option_cost_per_counted_euro(self, problem: Problem) -> dict[str, Fraction]:
        """Per used option: cost per euro of (uncapped) unit value, the order the solver ranks by.

        Uncapped, because under a binding cap the marginal counted value of a unit depends on
        the rest of the plan; the plan-level figure is :attr:`cost_per_counted_euro`.
        """
        out: dict[str, Fraction] = {}
        for o, x in zip(problem.options, self.units, strict=True):
            if x and o.value_cents:
                out[o.id] = Fraction(o.cost_cents, o.value_cents)
        return out
