"""Trade-off curves: people helped against cost, and counted value against budget.

Every point is proven optimal (unless the time limit runs out first):

- :func:`pareto_people` computes the whole frontier at once with the exact Pareto-list pass of
  :mod:`bouwblokken.optimize.pareto` where it applies; otherwise it walks the
  epsilon-constraint method upwards: the cheapest feasible plan with at least ``P`` people,
  then ``P`` = its people + 1, and so on. The least cost for "at least ``P`` people" never
  decreases in ``P``, so each new cost is a new frontier point, and a repeat of the same cost
  with more people replaces the previous point (which it dominates).
- :func:`budget_frontier` walks downwards: the most value within budget ``b``, whose cost ``C``
  is the exact budget at which that value becomes reachable; then ``b = C - 1``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bouwblokken.optimize.bounds import Prepared
from bouwblokken.optimize.limits import DEFAULT_TIME_LIMIT, CancelToken, Limits, Seconds
from bouwblokken.optimize.pareto import people_frontier_plans
from bouwblokken.optimize.portfolio import Method, find_max_value, find_min_cost
from bouwblokken.optimize.problem import Problem
from bouwblokken.optimize.solution import Solution

__all__ = ["Frontier", "budget_frontier", "max_value_for_budget", "pareto_people"]


class Frontier(list[Solution]):
    """The people frontier's points (a list, people ascending) and whether it is whole:
    ``complete`` is ``False`` when the time limit or a cancellation stopped it before the last
    point -- the points found are right, but more may follow."""

    complete: bool

    def __init__(self, points: Iterable[Solution] = (), *, complete: bool) -> None:
        super().__init__(points)
        self.complete = complete


#: Above this many Pareto-list states (memory: a few hundred MB) the walk takes over.
_MAX_STATES = 300_000


def max_value_for_budget(
    problem: Problem,
    budget_cents: int,
    *,
    time_limit: Seconds | None = DEFAULT_TIME_LIMIT,
    cancel: CancelToken | None = None,
    method: Method = "auto",
    limits: Limits | None = None,
) -> Solution:
    """The plan of most counted value costing at most ``budget_cents``; the target is ignored.

    ``budget_cents`` replaces the problem's own budget. Units bounds, caps and the employment
    minimum are respected; ties: least cost, then as :func:`solve`. ``status`` is
    ``"infeasible"`` (units = min units, no diagnosis) only when even the minimum units exceed
    the budget or the employment minimum cannot be met within it. ``slack_cents`` is then
    relative to the problem's target and may be negative. When the time limit runs out first:
    ``"feasible"`` with the best plan found, or ``"unknown"`` (minimum units).
    """
    if isinstance(budget_cents, bool) or not isinstance(budget_cents, int) or budget_cents < 0:
        raise ValueError(f"budget_cents must be an int >= 0, got {budget_cents!r}")
    lim = Limits.of(time_limit, cancel, limits)
    status, _, plan = find_max_value(problem, lim, budget_cents, method)
    if plan is None:
        base = tuple(o.min_units for o in problem.options)
        return Solution.from_units(
            problem, base, status="infeasible" if status == "infeasible" else "unknown", nodes=0
        )
    return Solution.from_units(problem, plan, status=status, nodes=0)


def pareto_people(
    problem: Problem,
    *,
    time_limit: Seconds | None = DEFAULT_TIME_LIMIT,
    cancel: CancelToken | None = None,
    method: Method = "auto",
    progress: bool = False,
) -> Frontier:
    """Every non-dominated (people, cost) pair among feasible plans, one plan each.

    Sorted by people ascending (cost strictly ascending too). The first point is the least-cost
    plan with the most people among least-cost plans; each plan is the one :func:`solve`'s
    tie-break picks among the plans of that cost with at least that many people. Empty when the
    problem is infeasible.

    ``method="auto"`` computes the whole frontier in one pass over Pareto lists
    (:mod:`bouwblokken.optimize.pareto`) where that applies, else (and for ``"search"`` or
    ``"cpsat"``) walks it point by point with the exact solver; both give the same plans.

    ``time_limit`` is for the whole frontier: when it runs out the points found so far are
    returned (a point not proven optimal has status ``"feasible"``; the frontier may then be
    incomplete -- from the one-pass method every point is then ``"feasible"``: plans that meet
    the target, the frontier of the plans seen so far); :attr:`Frontier.complete` says whether
    the list is whole. ``progress=True`` shows a tqdm bar (options processed, or people
    covered by the walk).
    """
    lim = Limits(time_limit, cancel)
    if method == "auto":
        bar = _bar(progress, len(problem.options), "opties")
        try:
            found = people_frontier_plans(
                problem,
                lim,
                max_states=_MAX_STATES,
                tick=None if bar is None else lambda: bar.update(1),
            )
        finally:
            if bar is not None:
                bar.close()
        if found is not None:
            plans, complete = found
            return Frontier(
                (
                    Solution.from_units(
                        problem, units, status="optimal" if complete else "feasible", nodes=0
                    )
                    for units in plans
                ),
                complete=complete,
            )
    return _walk(problem, lim, method, progress)


class _WalkPrepared(Prepared):
    """The walk's one preparation of the problem, with the dominance relation computed once:
    every point's search restricts plans by the same pairs (it depends on the problem alone)."""

    __slots__ = ("_dominance",)

    def __init__(self, problem: Problem, *, people_mode: bool = False) -> None:
        super().__init__(problem, people_mode=people_mode)
        self._dominance: dict[bool, tuple[list[list[int]], list[list[int]]]] = {}

    def dominance(self, *, people: bool) -> tuple[list[list[int]], list[list[int]]]:
        if people not in self._dominance:
            self._dominance[people] = super().dominance(people=people)
        return self._dominance[people]


def _walk(problem: Problem, lim: Limits, method: Method, progress: bool) -> Frontier:
    """The epsilon-constraint walk (one exact min-cost search per frontier point); whole when
    the next cover is proven infeasible."""
    prep = _WalkPrepared(problem, people_mode=True)
    out: list[Solution] = []
    need = 0
    bar = _bar(progress, sum(o.people_per_unit * o.max_units for o in problem.options))
    try:
        while True:
            found = find_min_cost(
                problem,
                lim,
                method,
                prep=prep,
                min_people=need,
                budget=problem.budget_cents,
            )
            if found.units is None:
                return Frontier(out, complete=found.status == "infeasible")
            sol = Solution.from_units(
                problem,
                found.units,
                status=found.status,
                nodes=found.nodes,
                lower_bound_cents=found.lower_bound,
            )
            if out and out[-1].cost_cents == sol.cost_cents:
                out[-1] = sol
            else:
                out.append(sol)
            if bar is not None:
                bar.update(sol.people + 1 - need)
            need = sol.people + 1
            if found.status != "optimal" or lim.expired():
                return Frontier(out, complete=False)
    finally:
        if bar is not None:
            bar.close()


def _bar(show: bool, total: int, desc: str = "personen") -> Any:
    if not show:
        return None
    try:
        from tqdm.auto import tqdm  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - optional
        return None
    return tqdm(total=total, desc=desc)


def budget_frontier(
    problem: Problem,
    budgets: Iterable[int] | None = None,
    *,
    max_points: int = 64,
    time_limit: Seconds | None = DEFAULT_TIME_LIMIT,
    cancel: CancelToken | None = None,
) -> list[Solution]:
    """The step curve of the most counted value reachable against the budget.

    With ``budgets``: :func:`max_value_for_budget` at each (in the order given). Without: the
    exact breakpoints, cheapest first -- each plan's ``cost_cents`` is the least budget at
    which its ``counted_cents`` becomes reachable, and the value stays flat up to the next
    point's cost. The walk starts at the cost of the optimum (or, when infeasible, at the
    problem's budget or the cost of every option at its maximum) and goes down; when there are
    more than ``max_points`` breakpoints only the ``max_points`` most expensive ones -- those
    nearest the target -- are returned. Points where the employment minimum cannot be met
    within the budget are left out. ``time_limit`` is for the whole curve: when it runs out
    the points proven so far are returned.
    """
    lim = Limits(time_limit, cancel)
    if budgets is not None:
        return [max_value_for_budget(problem, b, limits=lim) for b in budgets]
    first = find_min_cost(problem, lim, budget=problem.budget_cents)
    if first.units is not None:
        top = problem.cost(first.units)
    elif problem.budget_cents is not None:
        top = problem.budget_cents
    else:
        top = problem.cost([o.max_units for o in problem.options])
    floor = problem.cost([o.min_units for o in problem.options])
    points: list[Solution] = []
    b = top
    while len(points) < max_points and b >= floor:
        sol = max_value_for_budget(problem, b, limits=lim)
        if not sol.is_optimal:
            break
        points.append(sol)
        b = sol.cost_cents - 1
    points.reverse()
    return points
