"""The exact optimizer: least-cost plan, most value within a budget, and why a target fails.

Algorithm (see :mod:`bouwblokken.optimize.search` and :mod:`bouwblokken.optimize.bounds`):
depth-first branch and bound over the options sorted by cost per euro of value, bounded by the
LP relaxation, which the greedy algorithm solves exactly even with category caps (a polymatroid).
Everything is integer cents, so "optimal" is optimal to the cent and proven: a node is only
discarded when its bound shows it cannot beat, or tie with, the best plan found.

Ties between plans of equal cost are broken deterministically: fewest units in total, then the
lexicographically smallest units vector in the problem's option order. The optimum under this
rule is always *minimal* (:meth:`Problem.is_minimal`): a removable unit would give a plan of no
more cost and fewer units.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from fractions import Fraction

from bouwblokken.money import format_eur
from bouwblokken.optimize.alternatives import alternatives
from bouwblokken.optimize.bounds import BIG, Prepared
from bouwblokken.optimize.frontier import budget_frontier, max_value_for_budget, pareto_people
from bouwblokken.optimize.problem import Problem
from bouwblokken.optimize.search import search_max_value, search_min_cost
from bouwblokken.optimize.solution import Diagnosis, Reason, Solution

# The whole public API is reachable from this module (alternatives and frontiers live in their
# own modules and are re-exported here).
__all__ = [
    "alternatives",
    "budget_frontier",
    "diagnose",
    "max_value_for_budget",
    "pareto_people",
    "solve",
    "solve_many",
]


def _eur(cents: int) -> str:
    return format_eur(Fraction(cents, 100), lang="en")


def solve(problem: Problem) -> Solution:
    """The feasible plan of least total cost, proven optimal and exact in cents.

    Ties: fewest units, then the lexicographically smallest units vector. When no plan is
    feasible, ``status == "infeasible"``, ``diagnosis`` explains why and ``units`` is the
    diagnosis's best-effort plan (most counted value under the limits).
    """
    prep = Prepared(problem)
    best, nodes = search_min_cost(prep, budget=problem.budget_cents)
    if best:
        return Solution.from_units(problem, best[0][2], status="optimal", nodes=nodes)
    diag = diagnose(problem)
    return Solution.from_units(problem, diag.plan, status="infeasible", nodes=nodes, diagnosis=diag)


def solve_many(problems: Iterable[Problem]) -> list[Solution]:
    """:func:`solve` for each problem, in order (the batch entry point for throughput)."""
    return [solve(pr) for pr in problems]


def diagnose(problem: Problem) -> Diagnosis:
    """The most counted value reachable under every limit but the target, and what limits it.

    The maximum respects units bounds, caps, the budget and the employment minimum -- the
    latter only if it can be met at all under the other limits (otherwise it is reported and
    left out). Computed exactly with the same branch and bound as :func:`max_value_for_budget`.
    """
    opts = problem.options
    budget = BIG if problem.budget_cents is None else problem.budget_cents
    prep = Prepared(problem)
    res, _ = search_max_value(prep, budget)
    emp_ok = res is not None
    reasons: list[Reason] = []
    base = prep.base_units
    if res is None:
        relaxed = dataclasses.replace(problem, min_employment_cents=0)
        res, _ = search_max_value(Prepared(relaxed), budget)
    if res is None:  # even the minimum units are over budget
        reasons.append(
            Reason(
                "budget",
                None,
                problem.budget_cents,
                f"the minimum units alone cost {_eur(prep.base_cost)}, more than the budget "
                f"of {_eur(budget)}",
            )
        )
        return Diagnosis(
            target_cents=problem.target_cents,
            max_counted_cents=problem.counted(base),
            plan=base,
            reasons=tuple(reasons),
            employment_reachable=False,
        )
    max_counted, (_, _, plan) = res
    all_max = tuple(o.max_units for o in opts)
    emin = problem.min_employment_cents
    if not emp_ok:
        emp_at_max = problem.employment_counted(all_max)
        if emp_at_max < emin:
            msg = (
                f"the employment minimum of {_eur(emin)} cannot be met: all employment options "
                f"at their maximum count {_eur(emp_at_max)}"
            )
            reasons.append(Reason("employment_minimum", None, emin, msg, reachable=emp_at_max))
        else:
            msg = f"the employment minimum of {_eur(emin)} cannot be met within the budget"
            reasons.append(Reason("employment_minimum", None, emin, msg))
    elif emin > 0:
        relaxed = dataclasses.replace(problem, min_employment_cents=0)
        free, _ = search_max_value(Prepared(relaxed), budget)
        if free is not None and free[0] > max_counted:
            msg = (
                f"meeting the employment minimum of {_eur(emin)} lowers the reachable value "
                f"from {_eur(free[0])} to {_eur(max_counted)}"
            )
            reasons.append(Reason("employment_minimum", None, emin, msg))
    if problem.budget_cents is not None and problem.counted(all_max) > max_counted:
        reasons.append(
            Reason(
                "budget",
                None,
                problem.budget_cents,
                f"the budget of {_eur(problem.budget_cents)} allows at most "
                f"{_eur(max_counted)} of counted value",
            )
        )
    raw = problem.category_values(plan)
    for cat, cap in problem.category_caps.items():
        if raw.get(cat, 0) >= cap and any(o.category == cat for o in opts):
            reasons.append(
                Reason(
                    "category_cap",
                    cat,
                    cap,
                    f"category {cat!r} counts at most {_eur(cap)}",
                )
            )
    for o, xi in zip(opts, plan, strict=True):
        ocap = problem.category_caps.get(o.category)
        if (
            o.value_cents > 0
            and xi == o.max_units
            and (ocap is None or raw.get(o.category, 0) < ocap)
        ):
            reasons.append(
                Reason(
                    "max_units",
                    o.id,
                    o.max_units,
                    f"option {o.id!r} is at its maximum of {o.max_units} units",
                )
            )
    return Diagnosis(
        target_cents=problem.target_cents,
        max_counted_cents=max_counted,
        plan=plan,
        reasons=tuple(reasons),
        employment_reachable=emp_ok,
    )
