"""The solver portfolio: branch and bound first, CP-SAT when the search does not close quickly.

``method="auto"`` (the default) runs the exact branch and bound of
:mod:`bouwblokken.optimize.search` for at most ``AUTO_NODES + AUTO_NODES_PER_OPTION * n``
nodes: typical requests finish far below that (about one node per option at the median, two
at the 90th percentile, five at the most in our generated tender-like problems). A search that
has not finished by then is on one of the families where its LP bound is weak, and CP-SAT
(:mod:`bouwblokken.optimize.cpsat`) takes over, seeded with the best plan found. A request
whose options mostly cost the same per euro of value (within 2%, at least 12 of them: the
strongly correlated knapsack) goes to CP-SAT at once. Both answers
obey the same tie rule, so the plan does not depend on which back end proved it.
``method="search"`` runs only the branch and bound (until the time limit), ``"cpsat"`` only
CP-SAT. Without OR-Tools installed, ``"auto"`` is ``"search"``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Literal

from bouwblokken.optimize import cpsat
from bouwblokken.optimize.bounds import BIG, Prepared
from bouwblokken.optimize.limits import Limits, Stopped
from bouwblokken.optimize.problem import Problem
from bouwblokken.optimize.search import Key, search_max_value, search_min_cost
from bouwblokken.optimize.solution import Status

__all__ = [
    "AUTO_NODES",
    "AUTO_NODES_PER_OPTION",
    "Found",
    "Method",
    "find_max_value",
    "find_min_cost",
]

Method = Literal["auto", "search", "cpsat"]

#: Nodes the branch and bound may use under ``method="auto"`` before CP-SAT takes over
#: (plus :data:`AUTO_NODES_PER_OPTION` per option).
AUTO_NODES = 500
AUTO_NODES_PER_OPTION = 5


def _node_budget(problem: Problem) -> int:
    return AUTO_NODES + AUTO_NODES_PER_OPTION * len(problem.options)


def _correlated(problem: Problem) -> bool:
    """Most options (at least 12) cost within 2% the same per euro of value: the strongly
    correlated knapsack, where the LP bound cannot separate plans and the branch and bound
    only spends its node budget before CP-SAT takes over. Exact integer comparisons."""
    opts = [o for o in problem.options if o.value_cents > 0 and o.max_units > o.min_units]
    if len(opts) < 12:
        return False
    # integer keys (cost per value scaled by 2**32, floored): a dispatch heuristic, no money
    ratios = sorted((o.cost_cents << 32) // o.value_cents for o in opts)
    mid = ratios[len(ratios) // 2]
    close = sum(1 for r in ratios if abs(r - mid) * 50 <= mid)
    return 2 * close > len(opts)


@dataclass(frozen=True, slots=True)
class Found:
    """A min-cost answer: status, plan (``None`` for infeasible/unknown), a proven lower bound
    on the cost and the branch-and-bound nodes used."""

    status: Status
    units: tuple[int, ...] | None
    lower_bound: int | None
    nodes: int


def _check(method: str) -> None:
    if method not in ("auto", "search", "cpsat"):
        raise ValueError(f"method must be 'auto', 'search' or 'cpsat', got {method!r}")


def _use_cpsat(method: str) -> bool:
    return method == "cpsat" or (method == "auto" and cpsat.available())


def _key(problem: Problem, units: tuple[int, ...]) -> Key:
    return (problem.cost(units), sum(units), units)


def find_min_cost(
    problem: Problem,
    limits: Limits,
    method: Method = "auto",
    *,
    prep: Prepared | None = None,
    budget: int | None = None,
    target: int | None = None,
    min_people: int = 0,
) -> Found:
    """The least-cost plan (ties: fewest units, then lexicographically smallest)."""
    _check(method)
    use_cp = _use_cpsat(method)
    if method == "cpsat" and not use_cp:  # pragma: no cover - the dev extra installs it
        raise ImportError("method='cpsat' needs OR-Tools: pip install 'bouwblokken[optimize]'")
    incumbent: tuple[int, ...] | None = None
    lower = 0
    nodes = 0
    if method == "auto" and use_cp and _correlated(problem):
        method = "cpsat"
    if method != "cpsat":
        pr = prep if prep is not None else Prepared(problem, people_mode=min_people > 0)
        out = search_min_cost(
            pr,
            budget=budget,
            target=target,
            min_people=min_people,
            limits=limits,
            node_limit=_node_budget(problem) if use_cp else None,
        )
        nodes = out.nodes
        if out.complete:
            if out.keys:
                return Found("optimal", out.keys[0][2], out.keys[0][0], nodes)
            return Found("infeasible", None, None, nodes)
        if out.lower_bound >= BIG:  # pragma: no cover - the root bound decides this at once
            return Found("infeasible", None, None, nodes)
        lower = out.lower_bound
        incumbent = out.keys[0][2] if out.keys else None
        if not use_cp or limits.expired():
            return _partial(problem, incumbent, lower, nodes)
    cp = cpsat.min_cost(
        problem, limits, target=target, budget=budget, min_people=min_people, hint=incumbent
    )
    return _merge(problem, cp, incumbent, lower, nodes)


def _merge(
    problem: Problem,
    cp: cpsat.CpOutcome,
    incumbent: tuple[int, ...] | None,
    lower: int,
    nodes: int,
) -> Found:
    if cp.status == "optimal":
        assert cp.units is not None
        return Found("optimal", cp.units, problem.cost(cp.units), nodes)
    if cp.status == "infeasible":
        return Found("infeasible", None, None, nodes)
    if cp.bound is not None:
        lower = max(lower, cp.bound)
    if cp.units is not None and (
        incumbent is None or _key(problem, cp.units) < _key(problem, incumbent)
    ):
        incumbent = cp.units
    return _partial(problem, incumbent, lower, nodes)


def _partial(problem: Problem, incumbent: tuple[int, ...] | None, lower: int, nodes: int) -> Found:
    if incumbent is None:
        return Found("unknown", None, lower, nodes)
    return Found("feasible", incumbent, min(lower, problem.cost(incumbent)), nodes)


def find_max_value(
    problem: Problem,
    limits: Limits,
    budget: int,
    method: Method = "auto",
) -> tuple[Status, int | None, tuple[int, ...] | None]:
    """The most counted value within ``budget`` and the cheapest plan reaching it.

    Returns ``(status, value, plan)``: ``optimal`` (both proven), ``infeasible`` (even the
    minimum units are over budget, or the employment minimum cannot be met within it),
    ``feasible`` (the limits ran out: ``value`` is what the plan reaches, a lower bound of the
    maximum) or ``unknown`` (nothing found).
    """
    _check(method)
    use_cp = _use_cpsat(method)
    top = tuple(o.max_units for o in problem.options)
    if problem.cost(top) <= budget and (
        problem.employment_counted(top) >= problem.min_employment_cents
    ):
        # everything fits the budget: the most counted value is every option at its maximum,
        # and only the cheapest plan reaching it is left to find
        value = problem.counted(top)
        # a category whose options at their maximum do not pass its cap needs every one of
        # them at its maximum to count that much: fix those, search only the rest
        raw = problem.category_values(top)
        full = {c for c, r in raw.items() if r <= problem.category_caps.get(c, r)}
        reduced = dataclasses.replace(
            problem,
            options=tuple(
                dataclasses.replace(o, min_units=o.max_units)
                if o.category in full and o.value_cents > 0
                else o
                for o in problem.options
            ),
        )
        found = find_min_cost(reduced, limits, method, budget=budget, target=value)
        if found.status == "optimal" and found.units is not None:
            return "optimal", value, found.units
        return "feasible", value, found.units or top
    if method != "cpsat":
        try:
            res, _ = search_max_value(
                Prepared(problem),
                budget,
                limits=limits,
                node_limit=_node_budget(problem) if use_cp else None,
            )
        except Stopped:
            if not use_cp or limits.expired():
                return "unknown", None, None
        else:
            if res is None:
                return "infeasible", None, None
            return "optimal", res[0], res[1][2]
    cp = cpsat.max_value(problem, limits, budget)
    if cp.status == "infeasible":
        return "infeasible", None, None
    if cp.units is None:
        return "unknown", None, None
    value = problem.counted(cp.units)
    if cp.status != "optimal":
        return "feasible", value, cp.units
    found = find_min_cost(problem, limits, "cpsat", budget=budget, target=value)
    if found.status == "optimal" and found.units is not None:
        return "optimal", value, found.units
    return "feasible", value, found.units or cp.units
