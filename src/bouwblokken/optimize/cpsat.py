"""OR-Tools CP-SAT as the optimizer's last back end (the ``optimize`` extra).

The branch and bound of :mod:`bouwblokken.optimize.search` is fastest on typical requests; it
has bad families (many near-identical options, large coprime values, tight caps) where its LP
bound is weak and the search tree explodes, and the dynamic programme of
:mod:`bouwblokken.optimize.dp` takes most of those. CP-SAT -- lazy clause generation with an
LP relaxation, run here with one worker -- takes what both outgrow (a plateau of near-tied
plans), the people cover and employment minimums the dynamic programme does not model; it
agrees with an exact DP everywhere. It is integer-exact: every coefficient below is an integer
number of cents.

The model is the :class:`~bouwblokken.optimize.problem.Problem` definition written out: one
integer per option, and per category a counted variable ``w_c <= raw_c, w_c <= cap_c`` (the
``min`` of the definition, exact because the target only asks ``sum w_c`` to be large enough),
the same for employment, the budget and a people cover.

Ties follow :func:`~bouwblokken.optimize.solver.solve`'s rule exactly: after the least cost
is proven, the fewest units at that cost, then the lexicographically smallest units vector,
found block by block: an option already at its minimum is fixed without a solve, and a run of
options after it is ordered by one weighted objective (weights = products of the later domain
sizes, at most :data:`_LEX_SPAN`), which is the lexicographic order exactly. One worker and a
fixed seed: the same request gives the same plan.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from bouwblokken.optimize.limits import Limits
from bouwblokken.optimize.problem import Problem

__all__ = ["CpOutcome", "Tail", "available", "max_value", "min_cost"]

#: Prove the tie rule first with one "nothing lexicographically smaller" solve, then blocks.
#: Off: measured slower on the near-identical family (60-70 ms against 16-28 ms at 128
#: options), where many plans are nearly tied and that proof is as hard as the optimum.
_LEX_CHECK = False

#: Least cost and fewest units as one objective (``span × cost + units``) instead of two solves.
_COMBINED = True

#: Largest product of domain sizes ordered lexicographically by one weighted objective. Small
#: blocks: weights up to 2**16 keep each solve easy (measured: 2**40 and 2**24 blocks gave
#: 5-20 s outliers on 200 near-identical options, 2**16 about 1,3 s throughout).
_LEX_SPAN = 1 << 16

#: Free options from which the lexicographic part goes to ``tail`` (the dynamic programme).
TAIL_OPTIONS = 64

Tail = Callable[[int, tuple[int, ...]], tuple[int, ...] | None]
"""Settles the tie rule from option ``i`` on given the plan ``x`` (see :func:`min_cost`)."""

CpStatus = Literal["optimal", "feasible", "infeasible", "unknown"]


def available() -> bool:
    """Whether OR-Tools is installed (``pip install 'bouwblokken[optimize]'``).

    Found without importing it (OR-Tools loads numpy, ~0,1 s, which a small request that the
    branch and bound closes never needs), and looked up once: every solve asks."""
    global _AVAILABLE
    if _AVAILABLE is None:
        from importlib.util import find_spec

        try:
            _AVAILABLE = find_spec("ortools.sat.python.cp_model") is not None
        except ImportError:  # pragma: no cover - the dev extra installs it
            _AVAILABLE = False
    return _AVAILABLE


_AVAILABLE: bool | None = None


@dataclass(frozen=True, slots=True)
class CpOutcome:
    """A back-end answer: status, the plan (``None`` when none was found) and a proven bound
    on the objective (a lower bound of the cost, an upper bound of the value)."""

    status: CpStatus
    units: tuple[int, ...] | None
    bound: int | None


class _Model:
    def __init__(
        self,
        problem: Problem,
        *,
        target: int | None,
        budget: int | None,
        min_people: int,
        employment: bool = True,
    ) -> None:
        from ortools.sat.python import cp_model

        self.cp = cp_model
        m: Any = cp_model.CpModel()
        self.model = m
        opts = problem.options
        self.x = x = [m.new_int_var(o.min_units, o.max_units, f"x{i}") for i, o in enumerate(opts)]
        cats: dict[str, list[int]] = {}
        for i, o in enumerate(opts):
            cats.setdefault(o.category, []).append(i)
        lin = cp_model.LinearExpr
        self.lin = lin

        def wsum(idx: list[int], coeffs: list[int]) -> Any:
            return lin.weighted_sum([x[i] for i in idx], coeffs)

        counted: list[Any] = []
        counted_emp: list[Any] = []
        for cat, idx in cats.items():
            cap = problem.category_caps.get(cat)
            raw = wsum(idx, [opts[i].value_cents for i in idx])
            hi = sum(opts[i].value_cents * opts[i].max_units for i in idx)
            if cap is None:
                w = m.new_int_var(0, hi, f"w_{cat}")
                m.add(w == raw)
            else:
                w = m.new_int_var(0, min(cap, hi), f"w_{cat}")
                m.add(w <= raw)
            counted.append(w)
            eidx = [i for i in idx if opts[i].employment]
            if employment and eidx and problem.min_employment_cents > 0:
                eraw = wsum(eidx, [opts[i].value_cents for i in eidx])
                ehi = sum(opts[i].value_cents * opts[i].max_units for i in eidx)
                e = m.new_int_var(0, ehi if cap is None else min(cap, ehi), f"e_{cat}")
                m.add(e <= eraw)
                counted_emp.append(e)
        self.counted = lin.sum(counted)
        if employment and problem.min_employment_cents > 0:
            m.add(lin.sum(counted_emp) >= problem.min_employment_cents)
        t = problem.target_cents if target is None else target
        self.target = t
        if t > 0:
            m.add(self.counted >= t)
        every = list(range(len(opts)))
        self.cost = wsum(every, [o.cost_cents for o in opts])
        self.units = lin.sum(x)
        if budget is not None:
            m.add(self.cost <= budget)
        if min_people > 0:
            m.add(wsum(every, [o.people_per_unit for o in opts]) >= min_people)

    def run(self, limits: Limits, hint: tuple[int, ...] | None = None) -> tuple[str, Any]:
        """Solve the current model; returns the status name and the solver."""
        cp_model = self.cp
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = 1
        left = limits.remaining()
        if left is not None:
            solver.parameters.max_time_in_seconds = max(left, 0.001)
        if hint is not None:
            self.model.clear_hints()
            for xi, h in zip(self.x, hint, strict=True):
                self.model.add_hint(xi, h)
        token = limits.token
        stop = solver.stop_search
        if limits.expired():
            return "UNKNOWN", solver
        if token is not None:
            token.register(stop)
        try:
            code = solver.solve(self.model)
        finally:
            if token is not None:
                token.unregister(stop)
        return solver.status_name(code), solver

    def values(self, solver: Any) -> tuple[int, ...]:
        return tuple(int(solver.value(xi)) for xi in self.x)


def min_cost(
    problem: Problem,
    limits: Limits,
    *,
    target: int | None = None,
    budget: int | None = None,
    min_people: int = 0,
    hint: tuple[int, ...] | None = None,
    tail: Tail | None = None,
    combined: bool | None = None,
) -> CpOutcome:
    """The least-cost plan with :func:`~bouwblokken.optimize.solver.solve`'s tie rule.

    ``tail(i, x)``, when given, may settle the tie rule from option ``i`` on once at most
    :data:`TAIL_OPTIONS` options there are still free: the lexicographically smallest plan of
    ``x``'s cost and units that agrees with ``x`` before ``i`` (``None``: not settled, the
    blocks go on). A late block over a plateau of tied plans can take CP-SAT seconds.
    ``combined`` overrides :data:`_COMBINED` (off with a ``tail``: on the near-identical
    plateau the least cost alone is the easier first solve, measured 20-25% faster in all).

    ``target`` replaces the problem's target, ``budget`` is the absolute budget (pass the
    problem's own to respect it), ``min_people`` adds a people cover. When the limits run out
    the best plan found so far is returned with status ``"feasible"`` and the proven bound.
    """
    mdl = _Model(problem, target=target, budget=budget, min_people=min_people)
    m: Any = mdl.model
    span = sum(o.max_units - o.min_units for o in problem.options) + 1
    top = sum(o.cost_cents * o.max_units for o in problem.options) + 1
    combined = (_COMBINED if combined is None else combined) and top * span < 1 << 60
    if combined:  # least cost, then fewest units, as one exact objective
        m.minimize(span * mdl.cost + mdl.units)
    else:
        m.minimize(mdl.cost)
    name, solver = mdl.run(limits, hint)
    if name == "INFEASIBLE":
        return CpOutcome("infeasible", None, None)
    if name not in ("OPTIMAL", "FEASIBLE"):
        return CpOutcome("unknown", None, None)
    x = mdl.values(solver)
    best_cost = problem.cost(x)
    if name == "FEASIBLE":
        bound = int(solver.best_objective_bound)
        return CpOutcome("feasible", x, bound // span if combined else bound)
    m.add(mdl.cost <= best_cost)
    m.clear_objective()
    if not combined:  # fewest units at the least cost
        m.minimize(mdl.units)
        name, solver = mdl.run(limits, x)
        if name != "OPTIMAL":  # limits ran out: the cost is optimal, the tie rule unproven
            return CpOutcome("optimal", x, best_cost)
        x = mdl.values(solver)
        m.clear_objective()
    m.add(mdl.units <= sum(x))
    # the lexicographically smallest units vector among those plans: options at their minimum
    # are fixed as they come; the others in blocks whose weights order plans lexicographically
    # (weight of a position = product of the domain sizes after it in the block)
    opts = problem.options
    n = len(opts)
    # Usually no other plan has this cost and units: one solve proving that nothing at this
    # cost and units is lexicographically smaller settles the tie rule.
    smaller = _lex_smaller(mdl, problem, x) if _LEX_CHECK else None
    if smaller is not None:
        m.add_assumptions([smaller])
        name, solver = mdl.run(limits, None)
        m.clear_assumptions()
        if name == "INFEASIBLE":
            return CpOutcome("optimal", x, best_cost)
        if name == "OPTIMAL":
            x = mdl.values(solver)
        else:  # limits ran out: the cost is optimal, the tie rule unproven
            return CpOutcome("optimal", x, best_cost)
    i = 0
    while i < n:
        if x[i] == opts[i].min_units:
            m.add(mdl.x[i] == x[i])
            i += 1
            continue
        if tail is not None and sum(o.max_units > o.min_units for o in opts[i:]) <= TAIL_OPTIONS:
            done = tail(i, x)
            if done is not None:
                return CpOutcome("optimal", done, best_cost)
            tail = None
        block = [i]
        span = opts[i].max_units - opts[i].min_units + 1
        j = i + 1
        while j < n and span * (opts[j].max_units - opts[j].min_units + 1) <= _LEX_SPAN:
            span *= opts[j].max_units - opts[j].min_units + 1
            block.append(j)
            j += 1
        weights = []
        w = 1
        for b in reversed(block):
            weights.append(w)
            w *= opts[b].max_units - opts[b].min_units + 1
        weights.reverse()
        m.minimize(sum(wb * mdl.x[b] for wb, b in zip(weights, block, strict=True)))
        name, solver = mdl.run(limits, x)
        if name != "OPTIMAL":  # limits ran out: the cost is optimal, the tie rule unproven
            return CpOutcome("optimal", x, best_cost)
        x = mdl.values(solver)
        m.clear_objective()
        for b in block:
            m.add(mdl.x[b] == x[b])
        i = j
    return CpOutcome("optimal", x, best_cost)


def _lex_smaller(mdl: _Model, problem: Problem, x: tuple[int, ...]) -> Any:
    """A literal that, assumed true, asks for a plan lexicographically smaller than ``x``
    (``None`` when none can exist: every option is at its minimum)."""
    opts = problem.options
    if all(xi == o.min_units for xi, o in zip(x, opts, strict=True)):
        return None
    m = mdl.model
    last = max(i for i, o in enumerate(opts) if x[i] > o.min_units)
    active = m.new_bool_var("lex_smaller")
    prefix = active  # "options before i equal x" (under ``active``)
    strict = []
    for i, o in enumerate(opts):
        if x[i] > o.min_units:
            y = m.new_bool_var(f"lt{i}")
            m.add_implication(y, prefix)
            m.add(mdl.x[i] <= x[i] - 1).only_enforce_if(y)
            strict.append(y)
        if i < last:
            nxt = m.new_bool_var(f"eq{i}")
            m.add_implication(nxt, prefix)
            m.add(mdl.x[i] == x[i]).only_enforce_if(nxt)
            prefix = nxt
    m.add_bool_or(strict).only_enforce_if(active)
    return active


def max_value(problem: Problem, limits: Limits, budget: int) -> CpOutcome:
    """The most counted value within ``budget`` (employment minimum respected); ``bound`` is a
    proven upper bound of that value. The plan is any plan reaching it (the caller asks
    :func:`min_cost` for the cheapest)."""
    mdl = _Model(problem, target=0, budget=budget, min_people=0)
    mdl.model.maximize(mdl.counted)
    name, solver = mdl.run(limits)
    if name == "INFEASIBLE":
        return CpOutcome("infeasible", None, None)
    if name not in ("OPTIMAL", "FEASIBLE"):
        return CpOutcome("unknown", None, None)
    x = mdl.values(solver)
    bound = int(solver.best_objective_bound)
    return CpOutcome("optimal" if name == "OPTIMAL" else "feasible", x, bound)
