"""The k cheapest *minimal* plans: the optimum and its nearest distinct alternatives.

A plan is minimal when no single unit above ``min_units`` can be removed while it stays
feasible (:meth:`Problem.is_minimal`). Only minimal plans are worth showing: "the optimum plus a
spare hour" is not an alternative. The search is the exact branch and bound of
:func:`bouwblokken.optimize.solver.solve`, keeping the ``k`` best keys instead of one (and no
dominance pruning, which is only sound for the single best plan).
"""

from __future__ import annotations

from bouwblokken.optimize.bounds import Prepared
from bouwblokken.optimize.limits import DEFAULT_TIME_LIMIT, CancelToken, Limits, Seconds
from bouwblokken.optimize.problem import Problem
from bouwblokken.optimize.search import search_min_cost
from bouwblokken.optimize.solution import Solution

__all__ = ["alternatives"]


def alternatives(
    problem: Problem,
    k: int = 5,
    *,
    time_limit: Seconds | None = DEFAULT_TIME_LIMIT,
    cancel: CancelToken | None = None,
) -> list[Solution]:
    """The ``k`` cheapest distinct minimal feasible plans, in nondecreasing cost.

    Ranking and ties as :func:`~bouwblokken.optimize.solver.solve`: cost, then fewest units,
    then the lexicographically smallest units vector -- so the first plan is exactly
    ``solve(problem)``'s (that optimum is always minimal; when a zero-cost unit could be dropped
    from a cheapest plan, the plan without it ranks first). Fewer than ``k`` plans are returned
    when fewer minimal plans exist; none when the problem is infeasible.

    When ``time_limit`` runs out (or ``cancel`` is cancelled) first, the plans found so far
    are returned with status ``"feasible"``: they meet the target and are minimal, but cheaper
    ones may exist (``lower_bound_cents`` is the proven bound of the cheapest).
    """
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise ValueError(f"k must be an int >= 1, got {k!r}")
    lim = Limits(time_limit, cancel)
    prep = Prepared(problem)
    out = search_min_cost(
        prep, k_best=k, minimal_only=True, budget=problem.budget_cents, limits=lim
    )
    if out.complete:
        return [
            Solution.from_units(problem, key[2], status="optimal", nodes=out.nodes)
            for key in out.keys
        ]
    return [
        Solution.from_units(
            problem,
            key[2],
            status="feasible",
            nodes=out.nodes,
            lower_bound_cents=min(out.lower_bound, key[0]),
        )
        for key in out.keys
    ]
