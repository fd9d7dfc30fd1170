"""Independent reference: every plan of a small problem, enumerated and measured exactly.

The measures are the definitions of :mod:`bouwblokken.optimize.problem` written over a numpy
grid of all plans (int64, exact: sums stay far below 2**63). ``test_crosscheck`` checks the grid
against ``Problem.is_feasible`` / ``is_minimal`` plan by plan, so the speed-up costs no trust.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from bouwblokken.optimize.problem import Problem

__all__ = ["MAX_PLANS", "Enumeration", "PlanRow"]

MAX_PLANS = 20_000

PlanRow = tuple[tuple[int, ...], int, int, int]  # units, cost, counted, people


def _capped(problem: Problem, units: np.ndarray, *, employment_only: bool) -> np.ndarray:
    """``sum over categories of min(category value, cap)`` for every plan (rows of ``units``)."""
    total = np.zeros(units.shape[0], dtype=np.int64)
    cats = dict.fromkeys(o.category for o in problem.options)
    for cat in cats:
        cols = [
            i
            for i, o in enumerate(problem.options)
            if o.category == cat and (o.employment or not employment_only)
        ]
        if not cols:
            continue
        values = np.array([problem.options[i].value_cents for i in cols], dtype=np.int64)
        raw = units[:, cols] @ values
        cap = problem.category_caps.get(cat)
        total += raw if cap is None else np.minimum(raw, cap)
    return total


@dataclass
class Enumeration:
    """All plans of ``problem`` (at most :data:`MAX_PLANS`) and their exact measures."""

    problem: Problem

    def __post_init__(self) -> None:
        opts = self.problem.options
        ranges = [o.max_units - o.min_units + 1 for o in opts]
        if math.prod(ranges) > MAX_PLANS:
            raise ValueError(f"{math.prod(ranges)} plans is too many to enumerate")
        self.shape = tuple(ranges)
        grid = np.indices(self.shape, dtype=np.int64).reshape(len(opts), -1).T
        self.units = grid + np.array([o.min_units for o in opts], dtype=np.int64)
        self.cost = self.units @ np.array([o.cost_cents for o in opts], dtype=np.int64)
        self.people = self.units @ np.array([o.people_per_unit for o in opts], dtype=np.int64)
        self.counted = _capped(self.problem, self.units, employment_only=False)
        self.employment = _capped(self.problem, self.units, employment_only=True)

    def within(self, budget_cents: int | None) -> np.ndarray:
        """Plans meeting the employment minimum and ``budget_cents`` (not the problem's budget).

        Units bounds hold by construction; the target is not checked.
        """
        ok = self.employment >= self.problem.min_employment_cents
        if budget_cents is not None:
            ok &= self.cost <= budget_cents
        return ok

    @cached_property
    def feasible(self) -> np.ndarray:
        return self.within(self.problem.budget_cents) & (self.counted >= self.problem.target_cents)

    @cached_property
    def minimal(self) -> np.ndarray:
        """Feasible plans from which no single unit above ``min_units`` can be removed."""
        feas = self.feasible.reshape(self.shape)
        out = feas.copy()
        for axis in range(len(self.shape)):
            # feasible with one unit less of option ``axis`` (at index 0 there is no unit to drop)
            less = np.zeros_like(feas)
            idx = [slice(None)] * len(self.shape)
            src = list(idx)
            idx[axis] = slice(1, None)
            src[axis] = slice(None, -1)
            less[tuple(idx)] = feas[tuple(src)]
            out &= ~less
        return out.reshape(-1)

    def row(self, j: int | np.integer) -> PlanRow:
        return (
            tuple(int(v) for v in self.units[j]),
            int(self.cost[j]),
            int(self.counted[j]),
            int(self.people[j]),
        )

    def min_cost(self) -> int | None:
        """Least cost of a feasible plan, ``None`` when there is none."""
        return int(self.cost[self.feasible].min()) if self.feasible.any() else None

    def optimal_plans(self) -> list[tuple[int, ...]]:
        """Every feasible plan of least cost, in plan order."""
        best = self.min_cost()
        if best is None:
            return []
        return [self.row(j)[0] for j in np.flatnonzero(self.feasible & (self.cost == best))]

    def minimal_plans(self) -> list[PlanRow]:
        """All minimal plans, cheapest first (ties in plan order)."""
        idx = np.flatnonzero(self.minimal)
        idx = idx[np.argsort(self.cost[idx], kind="stable")]
        return [self.row(j) for j in idx]

    def pareto_people(self) -> list[tuple[int, int]]:
        """``(people, cost)`` points no feasible plan beats on both, sorted by people."""
        feas = np.flatnonzero(self.feasible)
        best: dict[int, int] = {}
        for p, c in zip(self.people[feas].tolist(), self.cost[feas].tolist(), strict=True):
            if p not in best or c < best[p]:
                best[p] = c
        frontier: list[tuple[int, int]] = []
        cheapest_above = math.inf
        for p in sorted(best, reverse=True):
            if best[p] < cheapest_above:
                frontier.append((p, best[p]))
                cheapest_above = best[p]
        return frontier[::-1]

    def max_value_for_budget(
        self, budget_cents: int | None, *, employment: bool = True
    ) -> tuple[int, int] | None:
        """``(largest counted value, least cost reaching it)`` within ``budget_cents``.

        The target is dropped and ``budget_cents`` replaces the problem's budget (``None``: no
        budget); ``employment=False`` drops the employment minimum too. ``None`` if no plan.
        """
        ok = self.within(budget_cents)
        if not employment:
            ok = np.ones_like(ok) if budget_cents is None else self.cost <= budget_cents
        if not ok.any():
            return None
        best = int(self.counted[ok].max())
        return best, int(self.cost[ok & (self.counted == best)].min())

    def diagnosis_max_counted(self) -> int:
        """The most counted value under every limit but the target (see ``Diagnosis``).

        Under the problem's budget; the employment minimum only if it can be met at all; the
        minimum units' own value when even they break the budget.
        """
        for employment in (True, False):
            best = self.max_value_for_budget(self.problem.budget_cents, employment=employment)
            if best is not None:
                return best[0]
        return int(self.counted[0])  # plan 0 is all options at min_units
