"""A peer for multi-contract plans: the same problem as a textbook MILP for scipy/HiGHS.

Used by ``benchmarks/bench_families.py`` (the HiGHS column of the multi-contract rows) and by
``tests/optimize/test_multi.py`` as an independent cross-check of the proven optimum.

The placements (arcs) are :mod:`bouwblokken.optimize.multi`'s, so the data are the same; the
model differs: the product hours × months is linearised by one binary per arc and hours a week
(``y``, placed with exactly ``h`` hours) with an integer month count beside it (``x``,
``1 <= x <= max_m`` when ``y`` is 1, else 0), so hour-months are ``Σ h·x``. Value per arc is an
integer ``v`` with ``2·den·D·v <= 2·num·hm + den·D`` (round half up, as the ledger counts),
and every contract must be met in full (no shortfall phase: the benchmark's instances can all
be met). Objective: cost in thirds of a cent, ``13 × cents/hour × hm + 3 × cents/placement``.

Exactness: HiGHS works in floating point; all data are integers well below 2^53, and a plan is
taken as proven only when HiGHS says optimal with ``mip_rel_gap = 0``; the benchmark counts an
optimum that differs from ours as a disagreement.
"""

from __future__ import annotations

import math
import time
from typing import Any

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix

from bouwblokken.catalog.registry import default_registry
from bouwblokken.ledger import evaluate
from bouwblokken.optimize import multi
from bouwblokken.optimize.multi import MultiRequest

__all__ = ["highs_multi"]


def highs_multi(request: MultiRequest, time_limit: float = 10.0) -> tuple[str, int | None, float]:
    """``(status, cost in thirds of a cent or None, seconds)``; status ``optimal``,
    ``feasible`` (time limit with a plan), ``infeasible`` or ``timeout``."""
    reg = default_registry()
    arcs, tenders = multi._arcs(request, reg, [])
    arcs = multi._undominated(arcs)
    res = evaluate(request.ledger, registry=reg)
    need = [int(res.tender(t.id).forecast.remaining * 100) for t in tenders]
    cost: list[int] = []
    upper: list[int] = []
    rows: list[tuple[dict[int, int], float, float]] = []

    def var(c: int, hi: int) -> int:
        cost.append(c)
        upper.append(hi)
        return len(cost) - 1

    ys: list[dict[int, int]] = []
    vs: list[int] = []
    for a in arcs:
        cand = request.candidates[a.cand]
        cph, cpp = int(cand.cost_per_hour * 100), int(cand.cost_per_placement * 100)
        top = a.useful(need[a.contract])
        y_of: dict[int, int] = {}
        hm: dict[int, int] = {}
        for h in range(a.lo_h, a.hi_h + 1):
            most = min(a.max_m, top // h)
            if most < 1:
                continue
            y, x = var(3 * cpp, 1), var(13 * cph * h, most)
            rows += [({x: 1, y: -most}, -np.inf, 0), ({x: 1, y: -1}, 0, np.inf)]
            y_of[h], hm[x] = y, h
        d = a.ref * 12
        num, den = a.rate.numerator, a.rate.denominator
        v = var(0, (2 * num * top + den * d) // (2 * den * d))
        rows.append(
            ({v: 2 * den * d, **{x: -2 * num * h for x, h in hm.items()}}, -np.inf, den * d)
        )
        ys.append(y_of)
        vs.append(v)
    by_cand: dict[int, list[int]] = {}
    by_pair: dict[tuple[int, int], list[int]] = {}
    for i, a in enumerate(arcs):
        by_cand.setdefault(a.cand, []).append(i)
        by_pair.setdefault((a.cand, a.contract), []).append(i)
    for ci, idx in by_cand.items():
        cand = request.candidates[ci]
        busy = multi._busy_hours(request, cand)
        rows.append(
            ({y: h for i in idx for h, y in ys[i].items()}, -np.inf, cand.hours_per_week - busy)
        )
        lcm = math.lcm(*{arcs[i].ref for i in idx})
        room = lcm - busy * (lcm // min(arcs[i].ref for i in idx))
        week = {y: h * (lcm // arcs[i].ref) for i in idx for h, y in ys[i].items()}
        rows.append((week, -np.inf, max(0, room)))
    for idx in by_pair.values():
        rows.append(({y: 1 for i in idx for y in ys[i].values()}, -np.inf, 1))
    for ki in range(len(tenders)):
        rows.append(({vs[i]: 1 for i, a in enumerate(arcs) if a.contract == ki}, need[ki], np.inf))
    r_i, c_i, vals = [], [], []
    for k, (row, _, _) in enumerate(rows):
        for j, c in row.items():
            r_i.append(k)
            c_i.append(j)
            vals.append(c)
    a_mat = coo_matrix((vals, (r_i, c_i)), shape=(len(rows), len(cost))).tocsr()
    t0 = time.perf_counter()
    got: Any = milp(
        np.array(cost, dtype=float),
        constraints=LinearConstraint(a_mat, [r[1] for r in rows], [r[2] for r in rows]),
        bounds=Bounds(np.zeros(len(cost)), np.array(upper, dtype=float)),
        integrality=np.ones(len(cost)),
        options={"time_limit": time_limit, "mip_rel_gap": 0, "disp": False},
    )
    took = time.perf_counter() - t0
    if got.status == 0:
        return "optimal", round(got.fun), took
    if got.status == 2:
        return "infeasible", None, took
    if got.x is not None:
        return "feasible", round(got.fun), took
    return "timeout", None, took
