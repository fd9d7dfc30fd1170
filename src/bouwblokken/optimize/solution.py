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

__all__ = ["Diagnosis", "Reason", "Solution", "Status"]

Status = Literal["optimal", "infeasible"]


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

    @classmethod
    def from_units(
        cls,
        problem: Problem,
        units: Sequence[int],
        *,
        status: Status,
        nodes: int,
        diagnosis: Diagnosis | None = None,
    ) -> Solution:
        """Build from a plan, computing every figure through the problem's definitions."""
        u = tuple(units)
        return cls(
            status=status,
            units=u,
            option_ids=tuple(o.id for o in problem.options),
            cost_cents=problem.cost(u),
            counted_cents=problem.counted(u),
            raw_cents=sum(o.value_cents * x for o, x in zip(problem.options, u, strict=True)),
            people=problem.people(u),
            employment_cents=problem.employment_counted(u),
            target_cents=problem.target_cents,
            nodes=nodes,
            diagnosis=diagnosis,
        )

    @property
    def is_optimal(self) -> bool:
        return self.status == "optimal"

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
