"""The exact people-versus-cost frontier in one pass: Pareto lists over (people, counted value).

A dynamic programme over the options (Nemhauser--Ullmann style). A *state* is a partial plan
(units for the options processed so far) summarised by three numbers:

- ``p``: the people it brings in,
- ``v``: the counted value it adds, capped at what is still needed to reach the target (more
  value than that is worth nothing more),
- ``K``: one integer that orders plans exactly like the optimizer's tie rule -- cost, then
  total units, then the units vector compared lexicographically in the problem's order.
  ``K = cost << S | units << W | code`` where ``code`` holds every option's units in a fixed
  bit field, option 0 in the most significant one. Adding ``t`` units of option ``i`` adds
  ``t * delta_i``; the fields never carry into each other, so comparing two ``K`` compares the
  keys, and the plan is read back from ``code``.

State ``A`` *dominates* ``B`` when ``p_A >= p_B``, ``v_A >= v_B`` and ``K_A <= K_B``: whatever
units the remaining options add, ``A`` plus them is feasible when ``B`` plus them is, has at
least as many people, and ranks first. So ``B`` can never be the plan a frontier point picks
(that plan ranks first among the plans with at least its people) and is dropped. Only the
options processed so far differ between two states, which is why the lexicographic part of
``K`` stays comparable in any processing order.

At the end every state with ``v`` at the need is a feasible plan; walking people downwards, a
plan that is cheaper than every plan with more people is a frontier point, and the state of
least ``K`` at that head count is its plan -- exactly the plan
:func:`~bouwblokken.optimize.frontier.pareto_people`'s epsilon-constraint walk proves point by
point, found here at once.

Category caps: a capped category's value counts up to its cap, which is not additive across
categories. The options of one capped category are processed first (the state's ``v`` is then
that category's counted value, capped at its cap), the uncapped options after it; with more
than one capped category (or an employment minimum, a second value to track) the caller uses
the epsilon-constraint walk instead. Options are processed in decreasing unit value within
each part, which reaches the need early and keeps the lists short.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from itertools import pairwise
from typing import Any, Literal

from bouwblokken.optimize.limits import Limits
from bouwblokken.optimize.problem import Problem

__all__ = ["Frontier", "people_frontier_plans"]

#: ``(plans sorted by people, complete)``: ``complete`` is False when the limits ran out and
#: the plans are feasible points found so far, not the proven frontier.
Frontier = tuple[list[tuple[int, ...]], bool]

#: Options with more units to choose from than this (hours, purchase steps) make the lists
#: long; the epsilon-constraint walk handles them better.
MAX_UNITS = 16

#: The ``"auto"`` engine continues on numpy arrays once states times options still to process
#: reach this (arrays cost ~0,1 s to import and more per stage on short lists).
NUMPY_FROM = 20_000

Engine = Literal["auto", "numpy", "python"]

State = tuple[int, int, int]  # (-people, -counted value capped at the need, key)


def _prune(states: list[State]) -> list[State]:
    """Drop every dominated state (and duplicates): a sweep by people, then value, downwards.

    States are stored as ``(-people, -value, key)`` so that a plain sort gives that order.
    ``sv``/``sk`` is the staircase of the states kept so far (all with at least the current
    people): values ascending with keys ascending. A state is dominated when the first stair
    at or above its value has a key no larger.
    """
    states.sort()
    sv: list[int] = []
    sk: list[int] = []
    out: list[State] = []
    for s in states:
        v, key = -s[1], s[2]
        i = bisect_left(sv, v)
        n = len(sv)
        if i < n and sk[i] <= key:
            continue
        out.append(s)
        hi = i + 1 if i < n and sv[i] == v else i
        lo = bisect_left(sk, key, 0, i)
        sv[lo:hi] = [v]
        sk[lo:hi] = [key]
    return out


def people_frontier_plans(
    problem: Problem,
    limits: Limits,
    *,
    max_states: int | None = None,
    tick: Callable[[], None] | None = None,
    engine: Engine = "auto",
) -> Frontier | None:
    """The plans of the people/cost frontier, or ``None`` when this method does not apply.

    ``None``: an employment minimum still to meet, more than one capped category, an option
    with more than :data:`MAX_UNITS` units to choose from, or more than ``max_states`` states
    at some stage (the caller then uses the epsilon-constraint walk).
    Respects units bounds, caps and the problem's budget; empty when no plan is feasible.
    ``tick`` is called once per option processed (a progress bar). ``engine``: ``"numpy"``
    (arrays, see :func:`_numpy_lists`), ``"python"`` (exact integer keys), ``"auto"`` (integer
    keys, continued on arrays once the states times the options left reach :data:`NUMPY_FROM`,
    when the array keys fit 64 bits).
    """
    opts = problem.options
    n = len(opts)
    base = [o.min_units for o in opts]
    if problem.employment_counted(base) < problem.min_employment_cents:
        return None
    base_cost = problem.cost(base)
    budget = None if problem.budget_cents is None else problem.budget_cents - base_cost
    if budget is not None and budget < 0:
        return [], True
    need = max(0, problem.target_cents - problem.counted(base))
    raw = problem.category_values(base)
    capped: dict[str, int] = {}  # category -> room left under its cap
    for o in opts:
        cap = problem.category_caps.get(o.category)
        if cap is not None and o.max_units > o.min_units and o.value_cents > 0:
            capped[o.category] = max(0, cap - raw.get(o.category, 0))
    first: str | None = None
    if len(capped) > 1:
        return None
    if capped:
        first = next(iter(capped))

    u = [o.max_units - o.min_units for o in opts]
    bits = max(1, max(u, default=1).bit_length())
    w_code = bits * n
    s_cost = w_code + sum(u).bit_length() + 1

    def counted_value(i: int) -> int:
        o = opts[i]
        if o.category in capped and capped[o.category] == 0:
            return 0
        return o.value_cents

    # Options worth processing: value towards the need, or people. (An option with neither
    # only adds cost and units: it is never in a plan of least key.)
    useful = [
        i
        for i in range(n)
        if u[i] > 0 and (opts[i].people_per_unit > 0 or (need > 0 and counted_value(i) > 0))
    ]
    if any(u[i] > MAX_UNITS for i in useful):
        return None
    useful.sort(key=lambda i: (opts[i].category != first, -counted_value(i), i))
    # value the options after each stage can still add (caps ignored: an upper bound)
    room_after = [0] * (len(useful) + 1)
    for k in range(len(useful) - 1, -1, -1):
        i = useful[k]
        room_after[k] = room_after[k + 1] + counted_value(i) * u[i]

    layout = (n, bits, s_cost, base)
    ub = sum(u).bit_length()
    top = sum(opts[i].cost_cents * u[i] for i in useful)
    arrays = engine != "python" and (top << ub) + sum(u) < 1 << 62 and need < 1 << 56

    def on_arrays(states: list[State], k0: int) -> Frontier | None:
        """The lists from stage ``k0`` on as numpy arrays, starting from ``states``."""
        rest = useful[k0:]
        units_mask = (1 << (s_cost - w_code)) - 1
        mask = (1 << bits) - 1
        start = (
            [-s[0] for s in states],
            [-s[1] for s in states],
            [((s[2] >> s_cost) << ub) | ((s[2] >> w_code) & units_mask) for s in states],
            [tuple((s[2] >> (bits * (n - 1 - j))) & mask for j in range(n)) for s in states],
        )
        return _numpy_lists(
            problem,
            limits,
            rest,
            u,
            [counted_value(i) if need > 0 else 0 for i in rest],
            [min(need, capped[first]) if opts[i].category == first else need for i in rest],
            need,
            ub,
            budget,
            layout,
            max_states,
            tick,
            room_after[k0:],
            start,
        )

    states: list[State] = [(0, 0, 0)]  # (-people, -value, key)
    group_cap = min(need, capped[first]) if first is not None else need
    if arrays and engine == "numpy":
        return on_arrays(states, 0)
    for k, i in enumerate(useful):
        if limits.expired():
            return _frontier(states, need, (n, bits, s_cost, base)), False
        o = opts[i]
        if first is not None and o.category != first:
            group_cap = need  # the capped category is done: its value counts as it stands
        pi = o.people_per_unit
        vi = counted_value(i) if need > 0 else 0
        delta = (o.cost_cents << s_cost) | (1 << w_code) | (1 << (bits * (n - 1 - i)))
        cost_i = o.cost_cents
        grown: list[State] = list(states)
        steps = [(t * pi, t * vi, t * delta, t * cost_i) for t in range(1, u[i] + 1)]
        floor = -group_cap
        for np_, nv, key in states:
            room = None if budget is None else budget - (key >> s_cost)
            for dp, dv, dk, dc in steps:
                if room is not None and dc > room:
                    break
                if nv == floor and not dp:
                    break  # value only, and the need (or cap) is already reached
                v2 = nv - dv
                grown.append((np_ - dp, v2 if v2 > floor else floor, key + dk))
                if v2 <= floor and not dp:
                    break
        reach = need - room_after[k + 1]
        if reach > 0:  # states that cannot reach the need any more
            grown = [s for s in grown if -s[1] >= reach]
        states = _prune(grown)
        if max_states is not None and len(states) > max_states:
            return None
        if tick is not None:
            tick()
        if arrays and len(states) * (len(useful) - k - 1) >= NUMPY_FROM:
            return on_arrays(states, k + 1)  # many states: arrays are faster from here on
    return _frontier(states, need, (n, bits, s_cost, base)), True


Layout = tuple[int, int, int, list[int]]  # (options, bits per option, cost shift, min units)


def _plan(key: int, layout: Layout) -> tuple[int, ...]:
    n, bits, _, base = layout
    mask = (1 << bits) - 1
    return tuple(base[j] + ((key >> (bits * (n - 1 - j))) & mask) for j in range(n))


def _frontier(states: list[State], need: int, layout: Layout) -> list[tuple[int, ...]]:
    """The frontier's plans from the states that reach the need (the options not processed yet
    at their minimum): by people downwards, each head count's least key, kept when it costs
    less than every plan with more people."""
    best: dict[int, int] = {}
    for np_, nv, key in states:
        p = -np_
        if -nv >= need and (p not in best or key < best[p]):
            best[p] = key
    s_cost = layout[2]
    out: list[tuple[int, ...]] = []
    cheapest_above: int | None = None
    for p in sorted(best, reverse=True):
        key = best[p]
        cost = key >> s_cost
        if cheapest_above is None or cost < cheapest_above:
            out.append(_plan(key, layout))
            cheapest_above = cost
    out.reverse()
    return out


def _numpy_lists(
    problem: Problem,
    limits: Limits,
    useful: list[int],
    u: list[int],
    values: list[int],
    caps: list[int],
    need: int,
    ub: int,
    budget: int | None,
    layout: Layout,
    max_states: int | None,
    tick: Callable[[], None] | None,
    room_after: list[int],
    start: tuple[list[int], list[int], list[int], list[tuple[int, ...]]],
) -> Frontier | None:
    """The same Pareto lists as arrays: people ``pe``, capped value ``va`` and the 64-bit
    key ``ke = cost << ub | units`` of every state, with back-pointers to read the plans back.

    ``ke`` leaves the lexicographic part of the tie rule out, so a state is dropped only when
    another has at least its people and value and a *strictly* smaller ``ke`` (its completions
    then rank first whatever the units vectors); states equal in all three are resolved by
    their units vectors (read back, compared in the problem's order); states tied on ``ke`` but
    not equal stay. What is kept is therefore a superset of the exact lists -- never fewer
    plans -- and the frontier read from it is the same. Dominance across head counts is
    checked against a staircase of the states with more people, built level-block by
    level-block (a few array passes per block instead of one per state).
    """
    import numpy as np

    opts = problem.options
    pe, va, ke = (np.array(x, np.int64) for x in start[:3])
    first_units = start[3]  # the units vector of each starting state
    # per stage: (the kept states' index in the expansion, the states before it); expansion
    # index f = t * before + parent, t the units added
    back: list[tuple[Any, int]] = []

    def vector(k: int, s: int) -> tuple[int, ...]:
        """The units (above the minimum) of state ``s`` after ``k`` stages, problem order."""
        added = []
        for j in range(k - 1, -1, -1):
            flat, before = back[j]
            t, s = divmod(int(flat[s]), before)
            added.append((useful[j], t))
        units = list(first_units[s])
        for j, t in added:
            units[j] = t
        return tuple(units)

    def vectors(states: list[int]) -> list[tuple[int, ...]]:
        """:func:`vector` of many states after the last stage, read back together."""
        idx = np.array(states, np.int64)
        added = []
        for j in range(len(back) - 1, -1, -1):
            flat, before = back[j]
            f = flat[idx]
            added.append((useful[j], f // before))
            idx = f % before
        units = np.array(first_units, np.int64).reshape(len(first_units), len(opts))[idx]
        for j, t in added:
            units[:, j] = t
        return [tuple(row) for row in units.tolist()]

    def result(complete: bool) -> Frontier:
        plans = _numpy_frontier(
            pe, va, ke, need, ub, layout, lambda s: vector(len(back), s), vectors
        )
        return plans, complete

    for k, i in enumerate(useful):
        if limits.expired():
            return result(False)
        o = opts[i]
        n_s = len(pe)
        ts = np.arange(u[i] + 1, dtype=np.int64)[:, None]
        pe2 = (pe[None, :] + ts * o.people_per_unit).ravel()
        va2 = np.minimum(va[None, :] + ts * values[k], caps[k]).ravel()
        ke2 = (ke[None, :] + ts * ((o.cost_cents << ub) + 1)).ravel()
        flat = None
        ok = None
        if budget is not None:
            ok = (ke2 >> ub) <= budget
        reach = need - room_after[k + 1]
        if reach > 0:
            r = reach <= va2
            ok = r if ok is None else ok & r
        if ok is not None:
            flat = np.flatnonzero(ok)
            pe2, va2, ke2 = pe2[flat], va2[flat], ke2[flat]
        keep = _numpy_prune(np, pe2, va2, ke2)
        pe, va, ke = pe2[keep], va2[keep], ke2[keep]
        flat = keep if flat is None else flat[keep]
        back.append((flat, n_s))
        dup = np.flatnonzero((pe[1:] == pe[:-1]) & (va[1:] == va[:-1]) & (ke[1:] == ke[:-1]))
        if len(dup):  # equal states: the lexicographically smallest units vector stays
            drop = np.zeros(len(pe), bool)
            groups: list[list[int]] = []
            for d in dup.tolist():
                if not groups or d != groups[-1][-1]:
                    groups.append([d])
                groups[-1].append(d + 1)
            for g in groups:
                best = min(g, key=lambda s: vector(k + 1, s))
                for s in g:
                    drop[s] = s != best
            kept = ~drop
            pe, va, ke = pe[kept], va[kept], ke[kept]
            back[-1] = (flat[kept], n_s)
        if max_states is not None and len(pe) > max_states:
            return None
        if tick is not None:
            tick()
    return result(True)


def _numpy_prune(np: Any, pe: Any, va: Any, ke: Any) -> Any:
    """Indices of the states to keep, sorted by people and value downwards, then ``ke``.

    Within one head count: dropped when a state of at least its value has a smaller ``ke``
    (an exclusive running minimum over dense ranks of ``ke``, offset per level so it restarts
    at every level). Across head counts: dropped when the staircase of the levels before its
    block (more people) has, at or above its value, a smaller ``ke``."""
    n = len(pe)
    if n == 0:
        return np.zeros(0, np.int64)
    by_key = np.argsort(ke)
    sorted_key = ke[by_key]
    dense = np.zeros(n, np.int64)
    np.cumsum(sorted_key[1:] != sorted_key[:-1], out=dense[1:])
    ranks = np.empty(n, np.int64)
    ranks[by_key] = dense  # equal keys, equal ranks
    p_top, v_top = int(pe.max()), int(va.max())
    rb, vb = n.bit_length(), v_top.bit_length()
    if p_top.bit_length() + vb + rb <= 62:  # one sort of one packed key
        packed = ((p_top - pe) << (vb + rb)) | ((v_top - va) << rb) | ranks
        order = np.argsort(packed, kind="stable")  # runs: the expansions keep most of the order
        packed = packed[order]
        level = packed >> (vb + rb)  # people below the most, ascending
        rank = packed & ((1 << rb) - 1)
    else:
        order = np.lexsort((ke, -va, -pe))
        level = p_top - pe[order]
        rank = ranks[order]
    y = rank - (level - int(level[0])) * n  # levels n apart: the running minimum restarts
    cm = np.minimum.accumulate(y)
    alive = np.ones(n, bool)
    alive[1:] = y[1:] <= cm[:-1]
    idx = np.flatnonzero(alive)
    order = order[idx]
    ps, vs, cs = level[idx], va[order], ke[order]
    m = len(idx)
    starts = np.flatnonzero(np.concatenate(([True], ps[1:] != ps[:-1])))
    blocks = max(1, min(len(starts), 16))
    at = np.searchsorted(starts, np.arange(blocks) * m // blocks)
    cut = starts[np.minimum(at, len(starts) - 1)]
    bounds = [*sorted(set(cut.tolist())), m]
    keep = np.ones(m, bool)
    sv = np.zeros(0, np.int64)
    sk = np.zeros(0, np.int64)
    for a, b in pairwise(bounds):
        v, c = vs[a:b], cs[a:b]
        if len(sv):
            j = np.searchsorted(sv, v, "left")
            hit = j < len(sv)
            dom = np.zeros(b - a, bool)
            dom[hit] = sk[j[hit]] < c[hit]
            keep[a:b] = ~dom
            v, c = v[~dom], c[~dom]
        if b == m:
            break
        sv = np.concatenate((sv, v))
        sk = np.concatenate((sk, c))
        o = np.argsort(sv, kind="stable")
        sv, sk = sv[o], np.minimum.accumulate(sk[o][::-1])[::-1]
        last = np.ones(len(sv), bool)
        last[:-1] = sk[:-1] < sk[1:]
        sv, sk = sv[last], sk[last]
    return order[keep]


def _numpy_frontier(
    pe: Any,
    va: Any,
    ke: Any,
    need: int,
    ub: int,
    layout: Layout,
    vector: Callable[[int], tuple[int, ...]],
    vectors: Callable[[list[int]], list[tuple[int, ...]]],
) -> list[tuple[int, ...]]:
    """:func:`_frontier` over the arrays: per head count the least ``ke`` among the states at
    the need, ties on ``ke`` by the smallest units vector."""
    import numpy as np

    full = np.flatnonzero(need <= va)
    best: dict[int, tuple[int, int]] = {}  # people -> (ke, state)
    for s in full[np.lexsort((ke[full], -pe[full]))].tolist():
        p, c = int(pe[s]), int(ke[s])
        if p not in best or (best[p][0] == c and vector(s) < vector(best[p][1])):
            best[p] = (c, s)
    n, _, _, base = layout
    chosen: list[int] = []
    cheapest_above: int | None = None
    for p in sorted(best, reverse=True):
        c, s = best[p]
        cost = c >> ub
        if cheapest_above is None or cost < cheapest_above:
            chosen.append(s)
            cheapest_above = cost
    chosen.reverse()
    return [tuple(base[j] + units[j] for j in range(n)) for units in vectors(chosen)]
