"""Independent reference: the straightforward mixed-integer formulation, solved by HiGHS.

This is deliberately the textbook model, not a clever one, so that it shares no idea with the
fast solver it checks. It is also the benchmark's baseline (``benchmarks/bench_optimizer.py``
imports this module), so there is one copy of the formulation.

Model (``x_i`` integer in ``[min_units_i, max_units_i]``)::

    c_cat <= cap_cat,  c_cat <= sum_{i in cat} value_i x_i         per capped category
    sum_{uncapped i} value_i x_i + sum_cat c_cat >= target
    e_cat <= cap_cat,  e_cat <= sum_{i in cat, employment} value_i x_i
    sum_{uncapped employment i} value_i x_i + sum_cat e_cat >= min_employment
    sum cost_i x_i <= budget
    minimise sum cost_i x_i

Exactness. Values reach ~1e8 cents and sums ~1e10, while HiGHS accepts ``x`` within
``mip_feasibility_tolerance`` (1e-6) of an integer: a unit worth 6e6 cents at ``x = 3 + 2e-7``
"reaches" a target that ``x = 3`` misses by a cent (with presolve off, 289 of 300 such
instances came back a cent or two short). Tightening that tolerance is no cure: at 1e-9 HiGHS's
presolve declares ``2 <= x <= 56000244 / 28000122`` infeasible, since 1e-9 is below double
resolution at these magnitudes. So the tolerances stay at their defaults and every plan is
rounded and re-checked against the integer definitions of
:class:`~bouwblokken.optimize.problem.Problem`; when the rounded plan fails, or its exact
objective is 0.5 or more away from HiGHS's, we branch ourselves on the near-integer HiGHS
accepted (``x_j <= k`` | ``x_j >= k + 1``) and keep the best verified plan. ``REPAIRS`` counts
those branchings (0 in practice with presolve on). HiGHS also stops at a 0.01% gap unless
``mip_rel_gap=0`` — 1e6 cents on a 1e10 plan — and may print a stray line to stdout even with
logging off, hence :func:`quiet_stdout`.

Alternatives and the people frontier use the natural MILP approaches (see their docstrings).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal, Protocol

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_array

from bouwblokken.optimize.problem import Problem

__all__ = [
    "HIGHS_OPTIONS",
    "REPAIRS",
    "Plan",
    "alternatives",
    "diagnosis_max_counted",
    "disagreement",
    "max_value_for_budget",
    "min_cost",
    "pareto_people",
    "quiet_stdout",
]

Units = tuple[int, ...]

HIGHS_OPTIONS: dict[str, object] = {"mip_rel_gap": 0, "disp": False}

#: Branchings needed because a rounded HiGHS plan failed the exact check (see module docstring).
REPAIRS: list[int] = [0]

_MAX_NODES = 64


@contextlib.contextmanager
def quiet_stdout() -> Iterator[None]:
    """Silence file descriptor 1 (not just ``sys.stdout``): HiGHS writes from C."""
    sys.stdout.flush()
    saved = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)


@dataclass(frozen=True, slots=True)
class Plan:
    """A verified plan and its exact integer measures."""

    units: Units
    cost_cents: int
    counted_cents: int
    people: int

    @classmethod
    def of(cls, problem: Problem, units: Sequence[int]) -> Plan:
        u = tuple(int(v) for v in units)
        return cls(u, problem.cost(u), problem.counted(u), problem.people(u))


@dataclass(frozen=True, slots=True)
class _Extra:
    """Constraints beyond the problem's own, all checked exactly after solving."""

    min_people: int = 0
    max_cost: int | None = None
    cones: tuple[Units, ...] = ()  # exclude every plan >= one of these (componentwise)

    def holds(self, problem: Problem, x: Units) -> bool:
        if problem.people(x) < self.min_people:
            return False
        if self.max_cost is not None and problem.cost(x) > self.max_cost:
            return False
        return not any(all(a >= b for a, b in zip(x, y, strict=True)) for y in self.cones)


@dataclass
class _Model:
    """A tiny sparse MILP builder: variables with bounds, rows ``lo <= a.x <= hi``."""

    lb: list[float] = field(default_factory=list)
    ub: list[float] = field(default_factory=list)
    integer: list[int] = field(default_factory=list)
    rows: list[tuple[dict[int, int], float, float]] = field(default_factory=list)

    def var(self, lb: float, ub: float, *, integer: bool) -> int:
        self.lb.append(lb)
        self.ub.append(ub)
        self.integer.append(int(integer))
        return len(self.lb) - 1

    def row(self, coeffs: dict[int, int], lo: float, hi: float) -> None:
        coeffs = {j: a for j, a in coeffs.items() if a}
        self.rows.append((coeffs, lo, hi))

    def solve(self, objective: dict[int, int]) -> tuple[np.ndarray, float] | None:
        """Minimise ``objective``: HiGHS's ``(x, objective value)``, ``None`` when infeasible."""
        n = len(self.lb)
        c = np.zeros(n)
        for j, a in objective.items():
            c[j] = a
        constraints = []
        if self.rows:
            data: list[float] = []
            indices: list[int] = []
            indptr = [0]
            for coeffs, _, _ in self.rows:
                indices.extend(coeffs)
                data.extend(float(a) for a in coeffs.values())
                indptr.append(len(indices))
            a_mat = csr_array((data, indices, indptr), shape=(len(self.rows), n))
            lo = [r[1] for r in self.rows]
            hi = [r[2] for r in self.rows]
            constraints.append(LinearConstraint(a_mat, lo, hi))
        # HiGHS's presolve occasionally ends in "Solve error" (status 4) on these magnitudes
        # (seen on an 80-option frontier stage); the same model then solves without it.
        for options in (HIGHS_OPTIONS, {**HIGHS_OPTIONS, "presolve": False}):
            with quiet_stdout():
                res = milp(
                    c,
                    integrality=np.array(self.integer),
                    bounds=Bounds(self.lb, self.ub),
                    constraints=constraints,
                    options=dict(options),
                )
            if res.status != 4:
                break
        if res.status == 2:
            return None
        if res.status != 0 or res.x is None:
            raise RuntimeError(f"HiGHS did not solve the reference model: {res.message}")
        return np.asarray(res.x), float(res.fun)


def _build(
    problem: Problem, extra: _Extra, bounds: Sequence[tuple[int, int]], *, with_target: bool
) -> tuple[_Model, dict[int, int], dict[int, int]]:
    """The model of ``problem`` plus ``extra`` with unit ``bounds``; also the cost and counted."""
    m = _Model()
    opts = problem.options
    for lo, hi in bounds:
        m.var(lo, hi, integer=True)
    cost = {i: o.cost_cents for i, o in enumerate(opts)}
    people = {i: o.people_per_unit for i, o in enumerate(opts)}

    def capped_sum(select: list[bool]) -> dict[int, int]:
        """Linear expression for ``sum over categories of min(sum of selected values, cap)``."""
        expr: dict[int, int] = {}
        by_cat: dict[str, dict[int, int]] = {}
        for i, o in enumerate(opts):
            if select[i]:
                by_cat.setdefault(o.category, {})[i] = o.value_cents
        for cat, raw in by_cat.items():
            cap = problem.category_caps.get(cat)
            if cap is None:
                expr.update(raw)
            else:
                aux = m.var(0, cap, integer=False)
                m.row({aux: 1, **{i: -v for i, v in raw.items()}}, -np.inf, 0)
                expr[aux] = 1
        return expr

    counted = capped_sum([True] * len(opts))
    if with_target and problem.target_cents > 0:
        m.row(counted, problem.target_cents, np.inf)
    if problem.min_employment_cents > 0:
        emp = capped_sum([o.employment for o in opts])
        m.row(emp, problem.min_employment_cents, np.inf)
    budget = problem.budget_cents
    if extra.max_cost is not None:
        budget = extra.max_cost if budget is None else min(budget, extra.max_cost)
    if budget is not None:
        m.row(cost, -np.inf, budget)
    if extra.min_people > 0:
        m.row(people, extra.min_people, np.inf)
    for y in extra.cones:
        # x >= y is excluded: some free coordinate must drop below y_i (binary b_i picks it).
        picks: dict[int, int] = {}
        for i, o in enumerate(opts):
            if y[i] > o.min_units:
                b = m.var(0, 1, integer=True)
                big = o.max_units - y[i] + 1
                m.row({i: 1, b: big}, -np.inf, y[i] - 1 + big)  # b=1 -> x_i <= y_i - 1
                picks[b] = 1
        m.row(picks, 1, np.inf)  # empty when y is the minimum plan: infeasible, as it should be
    return m, cost, counted


Sense = Literal["min_cost", "max_people", "max_counted"]


def _optimise(problem: Problem, extra: _Extra, sense: Sense) -> Units | None:
    """The best plan, verified exactly; branches on a near-integer when HiGHS's plan fails."""
    opts = problem.options
    check = replace(problem, target_cents=0) if sense == "max_counted" else problem

    def exact(x: Units) -> int:
        if sense == "min_cost":
            return problem.cost(x)
        return -(problem.people(x) if sense == "max_people" else problem.counted(x))

    best: tuple[int, Units] | None = None
    stack = [[(o.min_units, o.max_units) for o in opts]]
    for _ in range(_MAX_NODES):
        if not stack:
            return None if best is None else best[1]
        bounds = stack.pop()
        m, cost, counted = _build(problem, extra, bounds, with_target=sense != "max_counted")
        if sense == "min_cost":
            objective = cost
        elif sense == "max_people":
            objective = {i: -o.people_per_unit for i, o in enumerate(opts)}
        else:
            objective = {j: -a for j, a in counted.items()}
        out = m.solve(objective)
        if out is None:
            continue
        xt, fun = out[0][: len(opts)], out[1]
        x = tuple(round(float(v)) for v in xt)
        if check.is_feasible(x) and extra.holds(problem, x) and abs(exact(x) - fun) < 0.5:
            if best is None or exact(x) < best[0]:
                best = (exact(x), x)
            continue
        REPAIRS[0] += 1
        j = int(np.argmax(np.abs(xt - np.round(xt))))
        k = int(np.floor(xt[j]))
        if xt[j] == k:
            raise RuntimeError(f"reference MILP: integral plan {x} fails the exact check")
        down, up = list(bounds), list(bounds)
        down[j] = (bounds[j][0], k)
        up[j] = (k + 1, bounds[j][1])
        stack.extend(b for b in (down, up) if b[j][0] <= b[j][1])
    raise RuntimeError(f"reference MILP: more than {_MAX_NODES} repair nodes")


def min_cost(problem: Problem) -> Plan | None:
    """The cheapest feasible plan, or ``None`` when the problem is infeasible."""
    x = _optimise(problem, _Extra(), "min_cost")
    return None if x is None else Plan.of(problem, x)


def max_value_for_budget(problem: Problem, budget_cents: int | None) -> Plan | None:
    """The plan of largest counted value costing at most ``budget_cents``, least cost if tied.

    The target is dropped and ``budget_cents`` replaces the problem's budget (``None``: none);
    unit bounds and the employment minimum still hold. ``None`` when even that is impossible.
    Two solves: the largest value, then the least cost reaching it.
    """
    within = replace(problem, budget_cents=budget_cents)
    x = _optimise(within, _Extra(), "max_counted")
    if x is None:
        return None
    cheapest = min_cost(replace(within, target_cents=problem.counted(x)))
    if cheapest is None:  # cannot happen: x itself qualifies
        raise RuntimeError("reference MILP: second stage of max_value_for_budget infeasible")
    return cheapest


def diagnosis_max_counted(problem: Problem) -> int:
    """The most counted value under every limit but the target (see ``solution.Diagnosis``).

    Under the problem's budget; the employment minimum only if it can be met at all; the
    minimum units' own value when even they break the budget.
    """
    for p in (problem, replace(problem, min_employment_cents=0)):
        best = max_value_for_budget(p, problem.budget_cents)
        if best is not None:
            return best.counted_cents
    return problem.counted([o.min_units for o in problem.options])


def alternatives(problem: Problem, k: int = 5) -> list[Plan]:
    """The ``k`` cheapest distinct minimal feasible plans, by repeated solves with cone cuts.

    After finding minimal plan ``y`` every plan ``x >= y`` is excluded (it is feasible but not
    minimal: feasibility is monotone in ``x`` apart from the budget, which removal only helps).
    With positive costs the next optimum is then minimal; zero-cost units are stripped greedily.
    """
    found: list[Plan] = []
    cones: tuple[Units, ...] = ()
    while len(found) < k:
        x = _optimise(problem, _Extra(cones=cones), "min_cost")
        if x is None:
            break
        y = _strip(problem, x)
        found.append(Plan.of(problem, y))
        cones = (*cones, y)
    return found


def _strip(problem: Problem, x: Units) -> Units:
    """Remove removable units (only zero-cost ones can be, at an optimum) until minimal."""
    u = list(x)
    changed = True
    while changed:
        changed = False
        for i, o in enumerate(problem.options):
            if u[i] > o.min_units:
                u[i] -= 1
                if problem.is_feasible(u):
                    changed = True
                else:
                    u[i] += 1
    return tuple(u)


def pareto_people(problem: Problem) -> list[Plan]:
    """The (people max, cost min) frontier by the epsilon-constraint method, sorted by people.

    From ``p = 0``: the least cost ``c`` with ``people >= p``, then the most people at cost
    ``<= c`` gives a frontier point ``(q, c)``; continue from ``p = q + 1``. Two solves a point.
    """
    frontier: list[Plan] = []
    p = 0
    while True:
        x = _optimise(problem, _Extra(min_people=p), "min_cost")
        if x is None:
            return frontier
        c = problem.cost(x)
        best = _optimise(problem, _Extra(max_cost=c, min_people=problem.people(x)), "max_people")
        if best is None:  # cannot happen: x itself qualifies
            raise RuntimeError("reference MILP: epsilon-constraint second stage infeasible")
        frontier.append(Plan.of(problem, best))
        p = problem.people(best) + 1


class SolutionLike(Protocol):
    """What :func:`disagreement` reads of the fast solver's ``Solution``."""

    @property
    def status(self) -> str: ...
    @property
    def units(self) -> tuple[int, ...]: ...
    @property
    def cost_cents(self) -> int: ...


def disagreement(problem: Problem, sol: SolutionLike, plan: Plan | None) -> str | None:
    """Why ``sol`` (the fast solver's answer) and ``plan`` (:func:`min_cost`) disagree, if so."""
    if plan is None:
        return None if sol.status == "infeasible" else f"solver {sol.status}, MILP infeasible"
    if sol.status != "optimal":
        return f"solver {sol.status}, MILP optimal at {plan.cost_cents} cents"
    if not problem.is_feasible(sol.units):
        return f"solver plan {sol.units} is not feasible"
    if sol.cost_cents != problem.cost(sol.units):
        return f"solver reports cost {sol.cost_cents}, its plan costs {problem.cost(sol.units)}"
    if sol.cost_cents != plan.cost_cents:
        return f"solver cost {sol.cost_cents} != MILP cost {plan.cost_cents} ({plan.units})"
    return None
