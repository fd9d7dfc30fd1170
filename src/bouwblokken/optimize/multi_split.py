"""The multi-contract model's placements in CP-SAT, and a bound contract by contract.

:func:`add_placement` is the one copy of a placement's variables and rows (used by
:func:`bouwblokken.optimize.multi.plan_contracts` and by the bound below).

:func:`split_bound` is a Lagrangian bound of the cost phase: the rows that tie contracts
together (a candidate's hours and reference week over all contracts) are priced with the
linear relaxation's duals ``u >= 0``, and what is left falls apart into one small problem per
contract, solved in whole numbers -- whole hours, whole months, the value's rounding -- where the
relaxation only saw their envelope. Weak duality, for every plan ``x`` meeting all rows:
``c·x >= c·x + u·(Ax - b) = Σ_k (c_k + uA_k)·x_k - u·b >= Σ_k min_k - u·b``. The box of
reduced-cost fixing (every plan cheaper than the target lies in it) is kept in each small
problem, so the bound holds for those plans: at or above the target, no plan is cheaper.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bouwblokken.optimize.multi import MultiRequest, _Arc, _Relaxation

__all__ = ["NO_PLAN", "add_placement", "split_bound"]

NO_PLAN = Fraction(2**80)
"""The bound when the box holds no plan: above every objective."""

_PRICE_SCALE = 10_000
"""The small problems' costs are in units of 1/10.000 of the objective's, the hours' prices
(the duals, exact fractions) rounded down to them: a lower price only lowers the bound."""


def add_placement(m: Any, a: _Arc, cph: int, cpp: int, top_hm: int) -> tuple[Any, ...]:
    """A placement's variables in model ``m`` -- placed, hours, months, hour-months (at most
    ``top_hm``, the useful ones), value -- with its rows, and its cost in thirds of a cent
    (``13 × cents/hour × hour-months + 3 × cents/placement``): ``(p, h, mo, hm, v, cost3)``."""
    p = m.new_bool_var("p")
    h = m.new_int_var(0, a.hi_h, "h")
    mo = m.new_int_var(0, a.max_m, "m")
    m.add(h >= a.lo_h).only_enforce_if(p)
    m.add(h == 0).only_enforce_if(~p)
    m.add(mo >= 1).only_enforce_if(p)
    m.add(mo == 0).only_enforce_if(~p)
    hm = m.new_int_var(0, top_hm, "hm")
    m.add_multiplication_equality(hm, [h, mo])
    m.add(hm <= a.max_m * h)  # McCormick rows: the LP sees the product's envelope
    m.add(hm <= a.hi_h * mo)
    m.add(hm >= a.lo_h * mo)
    m.add(hm >= h)
    # the fixed cost sees the hour-months the contract can use, not the candidate's week
    m.add(hm <= top_hm * p)
    # value <= round half up of rate × hm / (ref × 12) = floor((2·num·hm + den·D) / (2·den·D)),
    # D = ref × 12 (the objective pushes it up to that; reported values are recomputed)
    d = a.ref * 12
    num, den = a.rate.numerator, a.rate.denominator
    v = m.new_int_var(0, (2 * num * top_hm + den * d) // (2 * den * d), "v")
    m.add(2 * den * d * v <= 2 * num * hm + den * d)
    # thirds of a cent: hours × cents/hour × 52/12 weeks = × 13/3
    return p, h, mo, hm, v, 13 * cph * hm + 3 * cpp * p


def split_bound(
    arcs: list[_Arc],
    request: MultiRequest,
    need: list[int],
    relax: _Relaxation,
    box: list[tuple[int, int]],
    hint: list[tuple[int, int]],
    seconds: float | None,  # float-ok: seconds
    params: dict[str, Any],
) -> tuple[Fraction, list[tuple[dict[int, int], int]]] | None:
    """A lower bound on the cost (thirds of a cent, every obligation met) of every plan in
    ``box``, contract by contract (see the module doc); ``hint`` (hours, months per arc) guides
    each small search, which share ``seconds``. The relaxation's duals price the rows that tie
    contracts together. ``None`` when a search ends without a bound, or when a row ties
    contracts together other than through hours; :data:`NO_PLAN` when the box holds no plan
    at all. With it, per contract, the cut its small problem proves: ``(coefficients in the
    relaxation's variables, least Σ coef·x)``, its priced cost (the hours' prices rounded up)
    -- valid for every plan in the box, a row the whole model's relaxation does not see.
    (Measured on 5 × 40 pool #5: subgradient steps on the candidates' hours rows raised the
    bound by € 190 of a € 845 gap in 1 s CPU, against 0,35 s for the duals' pricing alone: not
    kept. The small problems' plans side by side overbook the cheap candidates: no plan to take
    from them. Pricing the other way -- the contracts' rows, each candidate on its own -- gave
    about the relaxation's bound on pools #0, #4 and #5.)"""
    from bouwblokken.optimize.multi import _busy_hours

    n = len(arcs)
    base = [Fraction(0)] * n  # per arc, what an hour a week costs in the coupling rows
    # the relaxation's variables: 5 per arc (placed, hours, months, hour-months, value), then
    # per contract its shortfall
    const = Fraction(0)
    for coefs, rhs, u in relax.rows:
        if len({arcs[j // 5].contract if j < 5 * n else j - 5 * n for j in coefs}) == 1:
            continue  # within one contract: kept whole in its small problem
        if not all(j < 5 * n and j % 5 == 1 for j in coefs):
            return None
        for j, c in coefs.items():
            base[j // 5] += u * c
        const -= u * rhs
    busy = {a.cand: _busy_hours(request, request.candidates[a.cand]) for a in arcs}
    cap = {c: max(0, request.candidates[c].hours_per_week - b) for c, b in busy.items()}
    total = const
    cuts: list[tuple[dict[int, int], int]] = []
    solved: dict[tuple[Any, ...], Fraction] = {}
    share = None if seconds is None else seconds / len(need)
    for ki, n_k in enumerate(need):
        mine = [i for i, a in enumerate(arcs) if a.contract == ki]
        if n_k <= 0 or not mine:
            continue
        # contracts alike (same catalog, period and need) pose the same small problem
        key = (
            n_k,
            tuple(
                (a.cand, a.block, a.lo_h, a.hi_h, a.max_m, a.rate, a.ref, base[i], *box[j : j + 5])
                for i in mine
                for a, j in ((arcs[i], 5 * i),)
            ),
        )
        if key not in solved:
            got = _contract(arcs, request, n_k, mine, base, box, hint, cap, share, params)
            if got is None:
                return None
            solved[key] = got
        if solved[key] >= NO_PLAN:
            return NO_PLAN, []
        total += solved[key]
        # in the objective's units: Σ a·x >= L with x >= 0 gives Σ ceil(a/S)·x >= ceil(L/S)
        row: dict[int, int] = {}
        for i in mine:
            cand = request.candidates[arcs[i].cand]
            cph, cpp = int(cand.cost_per_hour * 100), int(cand.cost_per_placement * 100)
            row[5 * i] = 3 * cpp
            row[5 * i + 1] = -(-math.floor(base[i] * _PRICE_SCALE) // _PRICE_SCALE)
            row[5 * i + 3] = 13 * cph
        least = solved[key]
        cuts.append((row, -(-least.numerator // least.denominator)))
    return total, cuts


def _contract(
    arcs: list[_Arc],
    request: MultiRequest,
    n_k: int,
    mine: list[int],
    price: list[Fraction],
    box: list[tuple[int, int]],
    hint: list[tuple[int, int]],
    cap: dict[int, int],
    seconds: float | None,  # float-ok: seconds
    params: dict[str, Any],
) -> Fraction | None:
    """One contract's small problem: its least priced cost (the search's proven bound)."""
    from ortools.sat.python import cp_model

    m = cp_model.CpModel()
    obj: list[Any] = []
    values: list[Any] = []
    hours: dict[int, list[Any]] = {}
    placed: dict[int, Any] = {}
    for i in mine:
        a = arcs[i]
        cand = request.candidates[a.cand]
        cph, cpp = int(cand.cost_per_hour * 100), int(cand.cost_per_placement * 100)
        got = add_placement(m, a, cph, cpp, a.useful(n_k))
        for x, (lo, hi) in zip(got[:5], box[5 * i : 5 * i + 5], strict=True):
            m.add_linear_constraint(x, lo, hi)
        p, h, mo, _, v, cost3 = got
        obj.append(_PRICE_SCALE * cost3 + math.floor(price[i] * _PRICE_SCALE) * h)
        values.append(v)
        hours.setdefault(a.cand, []).append(h)
        placed[h.index] = p
        hh, mm = hint[i]
        m.add_hint(h, hh)
        m.add_hint(mo, mm)
        m.add_hint(p, 1 if hh else 0)
    for ci, group in hours.items():
        m.add(sum(group) <= cap[ci])
        if len(group) > 1:
            m.add_at_most_one([placed[h.index] for h in group])
    m.add(sum(values) >= n_k)
    m.minimize(sum(obj))
    solver = cp_model.CpSolver()
    for key, val in params.items():
        if isinstance(val, str):  # an enum value by name (protobuf and pybind11 alike)
            val = getattr(type(solver.parameters), val)
        setattr(solver.parameters, key, val)
    if seconds is not None:
        solver.parameters.max_time_in_seconds = max(seconds, 0.001)
    name = solver.status_name(solver.solve(m))
    if name == "INFEASIBLE":
        return NO_PLAN
    if not math.isfinite(solver.best_objective_bound):
        return None
    return Fraction(int(solver.best_objective_bound), _PRICE_SCALE)
