"""The exact optimizer: least-cost plan, most value within a budget, and why a target fails.

Algorithm (see :mod:`bouwblokken.optimize.search` and :mod:`bouwblokken.optimize.bounds`):
depth-first branch and bound over the options sorted by cost per euro of value, bounded by the
LP relaxation, which the greedy algorithm solves exactly even with category caps (a polymatroid).
Everything is integer cents, so "optimal" is optimal to the cent and proven: a node is only
discarded when its bound shows it cannot beat, or tie with, the best plan found.

Every call has a time limit (``time_limit`` seconds, default
:data:`~bouwblokken.optimize.limits.DEFAULT_TIME_LIMIT`) and may be cancelled from another
thread (``cancel``, a :class:`~bouwblokken.optimize.limits.CancelToken`); a search that does not
close quickly is handed to the dynamic programme and, past its state limit, to CP-SAT
(:mod:`bouwblokken.optimize.portfolio` says which back end takes which request).

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
from bouwblokken.optimize.limits import DEFAULT_TIME_LIMIT, CancelToken, Limits, Seconds
from bouwblokken.optimize.portfolio import Method, find_max_value, find_min_cost
from bouwblokken.optimize.problem import Problem
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


def solve(
    problem: Problem,
    *,
    time_limit: Seconds | None = DEFAULT_TIME_LIMIT,
    cancel: CancelToken | None = None,
    method: Method = "auto",
    limits: Limits | None = None,
) -> Solution:
    """The feasible plan of least total cost, proven optimal and exact in cents.

    Ties: fewest units, then the lexicographically smallest units vector. When no plan is
    feasible, ``status == "infeasible"``, ``diagnosis`` explains why and ``units`` is the
    diagnosis's best-effort plan (most counted value under the limits). When ``time_limit``
    (seconds; ``None``: none) runs out or ``cancel`` is cancelled first, the status is
    ``"feasible"`` (best plan found, ``lower_bound_cents`` proven, see :attr:`Solution.gap`)
    or ``"unknown"`` (no plan found yet; ``units`` are the minimum units).
    """
    lim = Limits.of(time_limit, cancel, limits)
    prep = Prepared(problem)
    found = find_min_cost(problem, lim, method, prep=prep, budget=problem.budget_cents)
    if found.units is not None:
        return Solution.from_units(
            problem,
            found.units,
            status=found.status,
            nodes=found.nodes,
            lower_bound_cents=found.lower_bound,
        )
    if found.status == "unknown":
        return Solution.from_units(
            problem,
            prep.base_units,
            status="unknown",
            nodes=found.nodes,
            lower_bound_cents=found.lower_bound,
        )
    diag = diagnose(problem, method=method, limits=lim)
    return Solution.from_units(
        problem, diag.plan, status="infeasible", nodes=found.nodes, diagnosis=diag
    )


def solve_many(
    problems: Iterable[Problem],
    *,
    time_limit: Seconds | None = DEFAULT_TIME_LIMIT,
    cancel: CancelToken | None = None,
    method: Method = "auto",
    progress: bool = False,
) -> list[Solution]:
    """:func:`solve` for each problem, in order (the batch entry point for throughput).

    ``time_limit`` applies to each problem; ``cancel`` stops the whole batch (every problem
    not finished answers with what it has). ``progress=True`` shows a tqdm bar (when
    tqdm is installed).
    """
    items = _progress(problems, progress, "plannen")
    return [solve(pr, time_limit=time_limit, cancel=cancel, method=method) for pr in items]


def _progress(items: Iterable[Problem], show: bool, desc: str) -> Iterable[Problem]:
    if not show:
        return items
    try:
        from tqdm.auto import tqdm  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - optional
        return items
    bar: Iterable[Problem] = tqdm(items, desc=desc)
    return bar


def _max_value(
    problem: Problem, budget: int, lim: Limits, method: Method
) -> tuple[bool, tuple[int, tuple[int, ...]] | None]:
    """``(proven, (M, plan) or None)`` -- None when no plan fits the limits but the target."""
    status, value, plan = find_max_value(problem, lim, budget, method)
    if status == "infeasible":
        return True, None
    if value is None or plan is None:
        return False, None
    return status == "optimal", (value, plan)


def diagnose(
    problem: Problem,
    *,
    time_limit: Seconds | None = DEFAULT_TIME_LIMIT,
    cancel: CancelToken | None = None,
    method: Method = "auto",
    limits: Limits | None = None,
) -> Diagnosis:
    """The most counted value reachable under every limit but the target, and what limits it.

    The maximum respects units bounds, caps, the budget and the employment minimum -- the
    latter only if it can be met at all under the other limits (otherwise it is reported and
    left out). Computed exactly with the same portfolio as :func:`max_value_for_budget`; when
    the time limit runs out first, ``proven`` is False and the maximum is what the best plan
    found reaches.
    """
    lim = Limits.of(time_limit, cancel, limits)
    opts = problem.options
    budget = BIG if problem.budget_cents is None else problem.budget_cents
    prep = Prepared(problem)
    proven, res = _max_value(problem, budget, lim, method)
    emp_ok = res is not None
    reasons: list[Reason] = []
    base = prep.base_units
    if res is None and proven:
        relaxed = dataclasses.replace(problem, min_employment_cents=0)
        proven, res = _max_value(relaxed, budget, lim, method)
    if res is None and not proven:  # the limits ran out before any plan was found
        return Diagnosis(
            target_cents=problem.target_cents,
            max_counted_cents=problem.counted(base),
            plan=base,
            reasons=(),
            employment_reachable=False,
            proven=False,
        )
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
    max_counted, plan = res
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
        _, free = _max_value(relaxed, budget, lim, method)
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
        proven=proven,
    )
