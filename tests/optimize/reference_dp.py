"""Independent exact oracle: dynamic programming over reachable states (Nemhauser–Ullmann style).

Written from the definition in :mod:`bouwblokken.optimize.problem`, sharing no code with the
solvers: a state is the counted value per category (capped at what can still matter: the
category cap and the target), the counted employment value per category (capped likewise) and
the people (capped at the people asked for); for each state only the least cost is kept. Options
are added one unit count at a time. Exact in integers, and fast enough for the adversarial
families at small sizes (a dozen options), where enumeration would be too slow.
"""

from __future__ import annotations

from bouwblokken.optimize.problem import Problem

__all__ = ["dp_max_counted", "dp_min_cost"]

State = tuple[tuple[int, ...], tuple[int, ...], int]


def _states(problem: Problem, min_people: int, cap_at_target: bool) -> dict[State, int]:
    cats = sorted({o.category for o in problem.options})
    index = {c: k for k, c in enumerate(cats)}
    big = sum(o.value_cents * o.max_units for o in problem.options) + 1
    top = [
        min(problem.category_caps.get(c, big), problem.target_cents if cap_at_target else big)
        for c in cats
    ]
    etop = [min(problem.category_caps.get(c, big), problem.min_employment_cents) for c in cats]
    budget = problem.budget_cents
    states: dict[State, int] = {((0,) * len(cats), (0,) * len(cats), 0): 0}
    for o in problem.options:
        k = index[o.category]
        nxt: dict[State, int] = {}
        for (val, emp, ppl), cost in states.items():
            for x in range(o.min_units, o.max_units + 1):
                c2 = cost + o.cost_cents * x
                if budget is not None and c2 > budget:
                    break
                v = list(val)
                v[k] = min(top[k], v[k] + o.value_cents * x)
                e = list(emp)
                if o.employment:
                    e[k] = min(etop[k], e[k] + o.value_cents * x)
                key = (tuple(v), tuple(e), min(min_people, ppl + o.people_per_unit * x))
                if c2 < nxt.get(key, c2 + 1):
                    nxt[key] = c2
        states = nxt
    return states


def dp_min_cost(problem: Problem, min_people: int = 0) -> int | None:
    """The least cost of a feasible plan (with ``people >= min_people``), ``None`` if none."""
    best: int | None = None
    for (val, emp, ppl), cost in _states(problem, min_people, True).items():
        if (
            sum(val) >= problem.target_cents
            and sum(emp) >= problem.min_employment_cents
            and ppl >= min_people
            and (best is None or cost < best)
        ):
            best = cost
    return best


def dp_max_counted(problem: Problem) -> int | None:
    """The most counted value of a plan within the budget meeting the employment minimum
    (``None`` when no plan does)."""
    best: int | None = None
    for (val, emp, _), _cost in _states(problem, 0, False).items():
        if sum(emp) >= problem.min_employment_cents and (best is None or sum(val) > best):
            best = sum(val)
    return best
