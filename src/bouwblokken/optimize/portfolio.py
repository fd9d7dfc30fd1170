"""The solver portfolio: branch and bound, then dynamic programming, then CP-SAT.

``method="auto"`` (the default) first settles what needs no search in O(n): a target, employment
minimum or people cover that even every option at its maximum misses, or minimum units over the
budget, is infeasible at once. Then it picks by the problem's structure:

- two or more categories whose caps can bind, or options that mostly cost the same per euro
  of value (within 2%, at least 12 of them: the strongly correlated knapsack) go to the Pareto
  dynamic programming of :mod:`bouwblokken.optimize.dp` at once: the LP bound of the branch and
  bound cannot separate their nearly tied plans (the correlated ones are settled there by
  reduced-cost fixing on the count bound and the plateau's bit sets,
  :mod:`bouwblokken.optimize.plateau`);
- everything else runs the exact branch and bound of :mod:`bouwblokken.optimize.search` for at
  most ``AUTO_NODES + AUTO_NODES_PER_OPTION * n`` nodes: typical requests finish far below that
  (about one node per option at the median, two at the 90th percentile, five at the most in our
  generated tender-like problems). A search that has not finished by then is on a family where
  its bound is weak, and the dynamic programming takes over, pruned by the best plan found.
  When some option has :data:`MANY_UNITS` or more units free (hours, say), the lists grow long
  (0,5 s at 20 options) where a longer search still closes in milliseconds: the branch and
  bound first runs once more, for ``SECOND_NODES / n`` nodes (when that is at least four times
  the first budget: up to 100 options; not for a people cover, the frontier's walk, where it
  doubled the time of a 219-point walk at 80 options).

The dynamic programming stops at :data:`AUTO_STATES` states (lists that large mean its bounds
do not bite either) and hands the request to CP-SAT (:mod:`bouwblokken.optimize.cpsat`), seeded
with the best plan found; requests it does not model (a people cover, an employment minimum the
minimum units do not already meet) go from the branch and bound straight to CP-SAT. Every back
end obeys the same tie rule, so the plan does not depend on which one proved it.
``method="search"`` runs only the branch and bound (until the time limit), ``"dp"`` only the
dynamic programming (where it applies, else the branch and bound), ``"cpsat"`` only CP-SAT.
Without OR-Tools installed, ``"auto"`` never reaches CP-SAT: the dynamic programming runs
without a state limit instead.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Literal

from bouwblokken.errors import MissingExtraError
from bouwblokken.optimize import cpsat, dp
from bouwblokken.optimize.bounds import BIG, Prepared
from bouwblokken.optimize.limits import Limits, Stopped
from bouwblokken.optimize.problem import Problem
from bouwblokken.optimize.search import Key, Outcome, search_max_value, search_min_cost
from bouwblokken.optimize.solution import Status

__all__ = [
    "AUTO_NODES",
    "AUTO_NODES_PER_OPTION",
    "AUTO_STATES",
    "MANY_UNITS",
    "SECOND_NODES",
    "Found",
    "Method",
    "find_max_value",
    "find_min_cost",
]

Method = Literal["auto", "search", "dp", "cpsat"]

#: Nodes the branch and bound may use under ``method="auto"`` before CP-SAT takes over
#: (plus :data:`AUTO_NODES_PER_OPTION` per option).
AUTO_NODES = 500
AUTO_NODES_PER_OPTION = 5

#: States the dynamic programming may hold under ``method="auto"`` before CP-SAT takes over.
AUTO_STATES = 250_000

#: An option with at least this many free units (hours, say) makes the dynamic programme's
#: lists long: a first search that ran out of nodes then searches once more, for
#: :data:`SECOND_NODES` nodes divided by the options (a node costs O(n)), before the lists.
MANY_UNITS = 64
SECOND_NODES = 400_000


def _node_budget(problem: Problem) -> int:
    return AUTO_NODES + AUTO_NODES_PER_OPTION * len(problem.options)


def _search_again(problem: Problem) -> bool:
    """Some option has :data:`MANY_UNITS` or more units free (hours, say), and the second
    search's nodes are at least four times the first's."""
    n = len(problem.options)
    if SECOND_NODES // n < 4 * _node_budget(problem):
        return False
    return any(o.max_units - o.min_units >= MANY_UNITS for o in problem.options)


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
    if method not in ("auto", "search", "dp", "cpsat"):
        raise ValueError(f"method must be 'auto', 'search', 'dp' or 'cpsat', got {method!r}")


def _binding_caps(problem: Problem) -> int:
    """How many categories have a cap their options at the maximum would pass."""
    caps = problem.category_caps
    if not caps:
        return 0
    raw: dict[str, int] = {}
    for o in problem.options:
        if o.category in caps:
            raw[o.category] = raw.get(o.category, 0) + o.value_cents * o.max_units
    return sum(1 for c, r in raw.items() if r > caps[c])


def _hopeless(problem: Problem, budget: int | None, target: int | None, min_people: int) -> bool:
    """Infeasible in O(n): every option at its maximum misses the target, the employment
    minimum or the people cover, or the minimum units alone are over the budget."""
    top = [o.max_units for o in problem.options]
    t = problem.target_cents if target is None else target
    if problem.counted(top) < t:
        return True
    if problem.min_employment_cents > 0 and (
        problem.employment_counted(top) < problem.min_employment_cents
    ):
        return True
    if min_people > 0 and problem.people(top) < min_people:
        return True
    if budget is not None:
        return sum(o.cost_cents * o.min_units for o in problem.options) > budget
    return False


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
        raise MissingExtraError("ortools", "optimize")
    incumbent: tuple[int, ...] | None = None
    lower = 0
    nodes = 0
    if method == "auto" and _hopeless(problem, budget, target, min_people):
        return Found("infeasible", None, None, 0)
    use_dp = method in ("auto", "dp") and dp.applicable(problem, min_people)
    dp_first = method == "dp" or (use_dp and (_binding_caps(problem) >= 2 or _correlated(problem)))
    if use_dp and dp_first:
        got = _run_dp(problem, limits, method, budget, target, None)
        if got is not None:
            return got
        method = "cpsat" if use_cp else "search"
    if method != "cpsat":
        pr = prep if prep is not None else Prepared(problem, people_mode=min_people > 0)
        best = _Best()

        def searched(node_limit: int | None) -> Found | None:
            out = search_min_cost(
                pr,
                budget=budget,
                target=target,
                min_people=min_people,
                limits=limits,
                node_limit=node_limit,
            )
            return best.add_search(problem, out)

        got = searched(_node_budget(problem) if use_cp else None)
        if got is None and use_cp and not dp_first and min_people == 0 and _search_again(problem):
            got = searched(SECOND_NODES // len(problem.options))
        if got is None and use_dp and not dp_first and not limits.expired():
            got = _run_dp(problem, limits, method, budget, target, *best.seed())
        if got is not None:
            return got
        if not use_cp or limits.expired():
            return _partial(problem, best.incumbent, best.lower, best.nodes)
        incumbent, nodes, lower = best.seed()
    tail = _dp_tail(problem, limits, budget, target) if use_dp else None
    cp = cpsat.min_cost(
        problem,
        limits,
        target=target,
        budget=budget,
        min_people=min_people,
        hint=incumbent,
        tail=tail,
        combined=False if tail is not None else None,
    )
    return _merge(problem, cp, incumbent, lower, nodes)


class _Best:
    """The best plan, proven lower bound and nodes so far, over the searches of one request."""

    __slots__ = ("incumbent", "lower", "nodes")

    def __init__(self) -> None:
        self.incumbent: tuple[int, ...] | None = None
        self.lower = 0
        self.nodes = 0

    def add_search(self, problem: Problem, out: Outcome) -> Found | None:
        """The answer when the search closed, else ``None`` (its plan and bound kept)."""
        self.nodes += out.nodes
        if out.complete:
            if out.keys:
                return Found("optimal", out.keys[0][2], out.keys[0][0], self.nodes)
            return Found("infeasible", None, None, self.nodes)
        if out.lower_bound >= BIG:  # pragma: no cover - the root bound decides this at once
            return Found("infeasible", None, None, self.nodes)
        self.lower = max(self.lower, out.lower_bound)
        if out.keys and (self.incumbent is None or out.keys[0] < _key(problem, self.incumbent)):
            self.incumbent = out.keys[0][2]
        return None

    def seed(self) -> tuple[tuple[int, ...] | None, int, int]:
        """``(incumbent, nodes, lower)``, in the order :func:`_run_dp` takes them."""
        return self.incumbent, self.nodes, self.lower


def _dp_tail(
    problem: Problem, limits: Limits, budget: int | None, target: int | None
) -> cpsat.Tail:
    """CP-SAT's lexicographic part from option ``i`` on by the dynamic programme: the
    options before ``i`` fixed at ``x``, ``x``'s key (least cost, then fewest units, proven by
    CP-SAT) as the bound, so one round of the lists settles the tie rule on the free rest."""

    def tail(i: int, x: tuple[int, ...]) -> tuple[int, ...] | None:
        opts = tuple(
            dataclasses.replace(o, min_units=x[k], max_units=x[k]) if k < i else o
            for k, o in enumerate(problem.options)
        )
        sub = dataclasses.replace(problem, options=opts)
        try:
            res = dp.min_cost_dp(
                sub,
                limits,
                target=target,
                budget=budget,
                incumbent=x,
                max_states=AUTO_STATES,
                trust_incumbent=True,
                proven_key=True,
            )
        except (dp.TooLarge, Stopped):
            return None
        return res.units

    return tail


def _run_dp(
    problem: Problem,
    limits: Limits,
    method: str,
    budget: int | None,
    target: int | None,
    incumbent: tuple[int, ...] | None,
    nodes: int = 0,
    lower: int = 0,
) -> Found | None:
    """The dynamic programming's answer; ``None`` when it outgrew its states (auto only)."""
    unlimited = method == "dp" or not cpsat.available()
    try:
        res = dp.min_cost_dp(
            problem,
            limits,
            target=target,
            budget=budget,
            incumbent=incumbent,
            max_states=BIG if unlimited else AUTO_STATES,
            trust_incumbent=incumbent is not None,
        )
    except dp.TooLarge:
        return None
    except Stopped:
        return _partial(problem, incumbent, lower, nodes)
    if res.units is None:
        return Found("infeasible", None, None, nodes)
    return Found("optimal", res.units, problem.cost(res.units), nodes)


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


def _max_value_by_category(
    problem: Problem, limits: Limits, method: Method
) -> tuple[Status, tuple[int, ...]] | None:
    """The cheapest plan counting everything, category by category (``None``: not separable).

    Every category must count what it counts at the maximum: a category its cap does not
    stop needs all its options at their maximum, a category over its cap needs its cheapest
    plan reaching the cap -- a problem of its own options only. Least cost, fewest units and
    the lexicographically smallest plan of the whole are those of the parts (the parts share
    no option), so the tie rule holds. Not separable when the employment minimum depends on
    how the capped categories are filled.
    """
    opts = problem.options
    caps = problem.category_caps
    raw: dict[str, int] = {}
    for o in opts:
        raw[o.category] = raw.get(o.category, 0) + o.value_cents * o.max_units
    over = {c for c, r in raw.items() if c in caps and r > caps[c]}
    units = [
        o.max_units if o.value_cents > 0 and o.category not in over else o.min_units for o in opts
    ]
    if problem.min_employment_cents > 0 and (
        problem.employment_counted(units) < problem.min_employment_cents
    ):
        return None
    status: Status = "optimal"
    for cat in sorted(over):
        idx = [i for i, o in enumerate(opts) if o.category == cat]
        part = Problem(options=tuple(opts[i] for i in idx), target_cents=caps[cat])
        found = find_min_cost(part, limits, method)
        if found.status != "optimal":
            status = "feasible"
        plan = found.units if found.units is not None else tuple(opts[i].max_units for i in idx)
        for i, x in zip(idx, plan, strict=True):
            units[i] = x
    return status, tuple(units)


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
        split = _max_value_by_category(problem, limits, method)
        if split is not None:
            return split[0], value, split[1]
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
