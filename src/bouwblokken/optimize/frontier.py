"""Trade-off curves: people helped against cost, and counted value against budget.

Both are built from exact single-objective searches, so every point is proven optimal:

- :func:`pareto_people` walks the epsilon-constraint method upwards: the cheapest feasible plan
  with at least ``P`` people, then ``P`` = its people + 1, and so on. The least cost for "at
  least ``P`` people" never decreases in ``P``, so each new cost is a new frontier point, and a
  repeat of the same cost with more people replaces the previous point (which it dominates).
- :func:`budget_frontier` walks downwards: the most value within budget ``b``, whose cost ``C``
  is the exact budget at which that value becomes reachable; then ``b = C - 1``.
"""

from __future__ import annotations

from collections.abc import Iterable

from bouwblokken.optimize.bounds import Prepared
from bouwblokken.optimize.problem import Problem
from bouwblokken.optimize.search import search_max_value, search_min_cost
from bouwblokken.optimize.solution import Solution

__all__ = ["budget_frontier", "max_value_for_budget", "pareto_people"]


def max_value_for_budget(problem: Problem, budget_cents: int) -> Solution:
    """The plan of most counted value costing at most ``budget_cents``; the target is ignored.

    ``budget_cents`` replaces the problem's own budget. Units bounds, caps and the employment
    minimum are respected; ties: least cost, then as :func:`solve`. ``status`` is
    ``"infeasible"`` (units = min units, no diagnosis) only when even the minimum units exceed
    the budget or the employment minimum cannot be met within it. ``slack_cents`` is then
    relative to the problem's target and may be negative.
    """
    if isinstance(budget_cents, bool) or not isinstance(budget_cents, int) or budget_cents < 0:
        raise ValueError(f"budget_cents must be an int >= 0, got {budget_cents!r}")
    prep = Prepared(problem)
    res, nodes = search_max_value(prep, budget_cents)
    if res is None:
        return Solution.from_units(problem, prep.base_units, status="infeasible", nodes=nodes)
    return Solution.from_units(problem, res[1][2], status="optimal", nodes=nodes)


def pareto_people(problem: Problem) -> list[Solution]:
    """Every non-dominated (people, cost) pair among feasible plans, one plan each.

    Sorted by people ascending (cost strictly ascending too). The first point is the least-cost
    plan with the most people among least-cost plans; each plan is the one :func:`solve`'s
    tie-break picks among the plans of that cost with at least that many people. Empty when the
    problem is infeasible.
    """
    prep = Prepared(problem, people_mode=True)
    out: list[Solution] = []
    need = 0
    while True:
        keys, nodes = search_min_cost(prep, min_people=need, budget=problem.budget_cents)
        if not keys:
            return out
        sol = Solution.from_units(problem, keys[0][2], status="optimal", nodes=nodes)
        if out and out[-1].cost_cents == sol.cost_cents:
            out[-1] = sol
        else:
            out.append(sol)
        need = sol.people + 1


def budget_frontier(
    problem: Problem, budgets: Iterable[int] | None = None, *, max_points: int = 64
) -> list[Solution]:
    """The step curve of the most counted value reachable against the budget.

    With ``budgets``: :func:`max_value_for_budget` at each (in the order given). Without: the
    exact breakpoints, cheapest first -- each plan's ``cost_cents`` is the least budget at
    which its ``counted_cents`` becomes reachable, and the value stays flat up to the next
    point's cost. The walk starts at the cost of the optimum (or, when infeasible, at the
    problem's budget or the cost of every option at its maximum) and goes down; when there are
    more than ``max_points`` breakpoints only the ``max_points`` most expensive ones -- those
    nearest the target -- are returned. Points where the employment minimum cannot be met
    within the budget are left out.
    """
    if budgets is not None:
        return [max_value_for_budget(problem, b) for b in budgets]
    best, _ = search_min_cost(Prepared(problem), budget=problem.budget_cents)
    if best:
        top = best[0][0]
    elif problem.budget_cents is not None:
        top = problem.budget_cents
    else:
        top = problem.cost([o.max_units for o in problem.options])
    floor = problem.cost([o.min_units for o in problem.options])
    points: list[Solution] = []
    b = top
    while len(points) < max_points and b >= floor:
        sol = max_value_for_budget(problem, b)
        if not sol.is_optimal:
            break
        points.append(sol)
        b = sol.cost_cents - 1
    points.reverse()
    return points
