"""The two exact depth-first branch-and-bound searches behind the public solvers.

Both fix options in ratio order (see :mod:`bouwblokken.optimize.bounds`), trying the number of
extra units of the option at depth ``k`` from the most that can still help down to zero. The
first dive is therefore the greedy plan (cheapest value first, last option rounded up), a good
first incumbent; backtracking then only visits nodes whose LP bound can still beat it.

Stopping a downward run early is sound because the LP value with one option fixed is a convex
(cost) or concave (value) function of that option's units, minimised (maximised) at the units
the parent's greedy relaxation gives it: below that point, every further unit removed can only
make the bound worse, so once the bound is past the incumbent it stays past it.

Pruning is integer-exact. Plans are ranked by the key ``(cost, units, plan)`` (``plan`` = units
per option in the problem's order, compared lexicographically); a node is pruned only when its
cost bound exceeds the incumbent's cost, or equals it while its units bound exceeds the
incumbent's units. Equal bounds are explored, so ties are settled by the full key.
"""

from __future__ import annotations

from bisect import insort

from bouwblokken.optimize.bounds import BIG, Prepared

__all__ = ["Key", "search_max_value", "search_min_cost"]

#: ``(cost_cents, total_units, units per option)``: the order plans are ranked in.
Key = tuple[int, int, tuple[int, ...]]


def search_min_cost(
    prep: Prepared,
    *,
    k_best: int = 1,
    minimal_only: bool = False,
    min_people: int = 0,
    budget: int | None = None,
) -> tuple[list[Key], int]:
    """The ``k_best`` smallest keys among feasible plans (optionally: only minimal plans).

    ``min_people`` adds the cover ``people(plan) >= min_people`` (for the Pareto frontier);
    ``budget`` (absolute cents) overrides nothing -- pass the problem's budget. Returns the keys
    in increasing order and the number of search nodes.
    """
    n = prep.n
    v, c, u, g, emp, p, vu = prep.v, prep.c, prep.u, prep.g, prep.emp, prep.p, prep.vu
    rem_t = prep.rem_t[:]
    rem_e = prep.rem_e[:]
    lp_t, lp_e, lp_p = prep.lp_cover, prep.lp_cover_emp, prep.lp_cover_people
    units_lb = prep.units_lb
    full_units = prep.full_units
    is_minimal = prep.is_minimal
    x = [0] * n
    best: list[Key] = []
    thr_cost = BIG if budget is None else budget
    thr_units = BIG
    nodes = 0

    def leaf(cost: int, units: int) -> None:
        nonlocal thr_cost, thr_units
        if cost > thr_cost or (cost == thr_cost and units > thr_units):
            return
        full = full_units(x)
        key = (cost, units, full)
        if len(best) == k_best and key >= best[-1]:
            return
        if minimal_only and not is_minimal(full):
            return
        insort(best, key)
        if len(best) > k_best:
            best.pop()
        if len(best) == k_best:
            thr_cost, thr_units = best[-1][0], best[-1][1]

    def dfs(k: int, cost: int, units: int, nt: int, ne: int, np_: int) -> None:
        nonlocal nodes
        nodes += 1
        vk, ck, gk, uk, ek, pk = v[k], c[k], g[k], u[k], emp[k], p[k]
        rt = rem_t[gk]
        re = rem_e[gk]
        # Units beyond tmax add nothing to any unmet cover: more cost (or equal cost and more
        # units), and never minimal -- so they are never needed.
        tmax = 0
        xf = 0  # floor of this option's units in the parent's LP solution for the target
        if vk:
            if nt > 0 and rt > 0:
                a = rt if rt < nt else nt
                tmax = -(-a // vk)
                w = vu[k]
                xf = (w if w < a else a) // vk
            if ek and ne > 0 and re > 0:
                a = re if re < ne else ne
                t = -(-a // vk)
                if t > tmax:
                    tmax = t
        if np_ > 0 and pk:
            t = -(-np_ // pk)
            if t > tmax:
                tmax = t
        if tmax > uk:
            tmax = uk
        k1 = k + 1
        last = k1 == n
        for t in range(tmax, -1, -1):
            dv = vk * t
            nt2 = nt - (dv if dv < rt else rt) if rt > 0 else nt
            rem_t[gk] = rt - dv
            if ek:
                ne2 = ne - (dv if dv < re else re) if re > 0 else ne
                rem_e[gk] = re - dv
            else:
                ne2 = ne
            np2 = np_ - pk * t
            cost2 = cost + ck * t
            units2 = units + t
            x[k] = t
            if nt2 <= 0 and ne2 <= 0 and np2 <= 0:
                leaf(cost2, units2)
                continue
            if last:
                break  # fewer units of the last option cannot meet the covers either
            lb = lp_t(k1, nt2, rem_t) if nt2 > 0 else 0
            if lb >= BIG:
                break  # the suffix cannot reach the target; fewer units here neither
            lb += cost2
            if lb > thr_cost:
                if t <= xf:
                    break
                continue
            if ne2 > 0:
                le = lp_e(k1, ne2, rem_e)
                if le >= BIG:
                    break
                le += cost2
                if le > thr_cost:
                    continue
                if le > lb:
                    lb = le
            if np2 > 0:
                lpp = lp_p(k1, np2)
                if lpp >= BIG:
                    break
                lpp += cost2
                if lpp > thr_cost:
                    continue
                if lpp > lb:
                    lb = lpp
            if lb == thr_cost and units2 + units_lb(k1, nt2, ne2, np2) > thr_units:
                continue
            dfs(k1, cost2, units2, nt2, ne2, np2)
        x[k] = 0
        rem_t[gk] = rt
        rem_e[gk] = re

    nt0 = prep.need_t
    ne0 = prep.need_e
    np0 = min_people - prep.base_people
    cost0 = prep.base_cost
    units0 = prep.base_units_total
    if nt0 <= 0 and ne0 <= 0 and np0 <= 0:
        nodes = 1
        leaf(cost0, units0)
    elif n > 0:
        lb = max(lp_t(0, nt0, rem_t), lp_e(0, ne0, rem_e), lp_p(0, np0))
        if lb < BIG and cost0 + lb <= thr_cost:
            dfs(0, cost0, units0, nt0, ne0, np0)
    return best, nodes


def search_max_value(prep: Prepared, budget: int) -> tuple[tuple[int, Key] | None, int]:
    """The plan of most counted value within ``budget`` (absolute cents), employment respected.

    Ties: least cost, then the key order of :func:`search_min_cost`. Returns
    ``(counted_cents, key)`` or ``None`` when no plan fits (the min-units plan is over budget
    or the employment minimum cannot be met within it), and the number of search nodes.
    """
    n = prep.n
    v, c, u, g, emp, vu = prep.v, prep.c, prep.u, prep.g, prep.emp, prep.vu
    rem_t = prep.rem_t[:]
    rem_e = prep.rem_e[:]
    lp_t, lp_e, lp_v = prep.lp_cover, prep.lp_cover_emp, prep.lp_value
    units_lb = prep.units_lb
    full_units = prep.full_units
    x = [0] * n
    inc_val = -1
    inc_cost = BIG
    inc_units = BIG
    inc_full: tuple[int, ...] = ()
    nodes = 0

    def consider(val: int, cost: int, units: int) -> None:
        nonlocal inc_val, inc_cost, inc_units, inc_full
        if val < inc_val:
            return
        if val == inc_val:
            if cost > inc_cost or (cost == inc_cost and units > inc_units):
                return
            full = full_units(x)
            if cost == inc_cost and units == inc_units and full >= inc_full:
                return
        else:
            full = full_units(x)
        inc_val, inc_cost, inc_units, inc_full = val, cost, units, full

    def dfs(k: int, cost: int, units: int, val: int, ne: int) -> None:
        nonlocal nodes
        nodes += 1
        vk, ck, gk, uk, ek = v[k], c[k], g[k], u[k], emp[k]
        rt = rem_t[gk]
        re = rem_e[gk]
        left = budget - cost
        tmax = -(-rt // vk) if rt > 0 else 0
        if ek and ne > 0 and re > 0:
            t = -(-(re if re < ne else ne) // vk)
            if t > tmax:
                tmax = t
        if tmax > uk:
            tmax = uk
        xf = min(uk, rt // vk) if rt > 0 else 0
        if ck:
            afford = left // ck
            if tmax > afford:
                tmax = afford
            if xf > afford:
                xf = afford
        k1 = k + 1
        last = k1 == n
        for t in range(tmax, -1, -1):
            dv = vk * t
            val2 = val + ((dv if dv < rt else rt) if rt > 0 else 0)
            rem_t[gk] = rt - dv
            if ek:
                ne2 = ne - (dv if dv < re else re) if re > 0 else ne
                rem_e[gk] = re - dv
            else:
                ne2 = ne
            cost2 = cost + ck * t
            units2 = units + t
            left2 = budget - cost2
            x[k] = t
            if t and ne2 <= 0:
                consider(val2, cost2, units2)
            if last:
                if ne2 > 0:
                    break
                continue
            ub = val2 + lp_v(k1, left2, rem_t)
            if ub < inc_val:
                if t <= xf:
                    break
                continue
            if ne2 > 0:
                le = lp_e(k1, ne2, rem_e)
                if le > left2:
                    if le >= BIG:
                        break
                    continue
            elif ub == val2:
                continue  # nothing left to add: this plan was considered above
            if ub == inc_val:
                lb = cost2 + lp_t(k1, inc_val - val2, rem_t)
                if lb > inc_cost or (
                    lb == inc_cost and units2 + units_lb(k1, inc_val - val2, ne2, 0) > inc_units
                ):
                    continue
            dfs(k1, cost2, units2, val2, ne2)
        x[k] = 0
        rem_t[gk] = rt
        rem_e[gk] = re

    cost0 = prep.base_cost
    if cost0 <= budget:
        ne0 = prep.need_e
        if ne0 <= 0:
            consider(0, cost0, prep.base_units_total)
        if n > 0 and lp_e(0, ne0, rem_e) <= budget - cost0:
            dfs(0, cost0, prep.base_units_total, 0, ne0)
    if inc_val < 0:
        return None, nodes
    return (prep.counted_base + inc_val, (inc_cost, inc_units, inc_full)), nodes
