"""The exact depth-first branch-and-bound searches behind the public solvers.

Options are branched on largest unit cost first (:attr:`Prepared.br`): persons before hours,
because rounding a person-year is what separates the relaxation from the integers. At each
node the units of one option are tried starting from the value the relaxation gives it
(rounded up, so the first dive is the greedy plan, a good first incumbent), then downwards,
then upwards. The relaxation is the exact greedy LP of :mod:`bouwblokken.optimize.bounds`.

Stopping a run early is sound because the LP value with one option fixed is a convex (cost)
or concave (value) function of that option's units, optimal at the units the parent's
relaxation gives it: moving away from that point the bound only gets worse, so once it is past
the incumbent it stays past it. The parent's dual price of the target often shows this before
the child's relaxation is solved (weak duality; :meth:`Prepared.lp_cover`).

Pruning is integer-exact. Plans are ranked by the key ``(cost, units, plan)`` (``plan`` = units
per option in the problem's order, compared lexicographically); a node is pruned only when its
cost bound exceeds the incumbent's cost, or equals it while its units bound exceeds the
incumbent's units. Equal bounds are explored, so ties are settled by the full key.

Symmetry and dominance (only where sound): the single-best search restricts plans by pairwise
dominance (:meth:`Prepared.dominance`); the k-best search, which must also see worse plans,
only cuts plans that have at least k strictly better interchangeable variants
(:meth:`Prepared.twins`).
"""

from __future__ import annotations

import contextlib
import sys
from bisect import insort
from collections.abc import Iterator
from typing import NamedTuple

from bouwblokken.optimize.bounds import BIG, Prepared
from bouwblokken.optimize.limits import Limits, Stopped

__all__ = ["Key", "Outcome", "search_max_value", "search_min_cost"]

#: ``(cost_cents, total_units, units per option)``: the order plans are ranked in.
Key = tuple[int, int, tuple[int, ...]]

#: How often (in nodes) a search looks at its clock and cancel token.
_CHECK_EVERY = 255


class Outcome(NamedTuple):
    """What a min-cost search found: the best keys, nodes, whether it finished (so the keys
    are proven best), and a proven lower bound on the cost of any feasible plan (``BIG``
    when the root relaxation proves none exists)."""

    keys: list[Key]
    nodes: int
    complete: bool
    lower_bound: int


def _stopper(limits: Limits | None, node_limit: int | None) -> tuple[int, Limits | None]:
    return (BIG if node_limit is None else node_limit), limits


@contextlib.contextmanager
def _deep_enough(n: int) -> Iterator[None]:
    """The searches recurse two frames per option: raise Python's limit for huge problems."""
    old = sys.getrecursionlimit()
    if 2 * n + 100 > old // 2:
        sys.setrecursionlimit(old + 2 * n + 100)
    try:
        yield
    finally:
        sys.setrecursionlimit(old)


def search_min_cost(
    prep: Prepared,
    *,
    k_best: int = 1,
    minimal_only: bool = False,
    min_people: int = 0,
    budget: int | None = None,
    target: int | None = None,
    limits: Limits | None = None,
    node_limit: int | None = None,
) -> Outcome:
    """The ``k_best`` smallest keys among feasible plans (optionally: only minimal plans).

    ``min_people`` adds the cover ``people(plan) >= min_people`` (for the Pareto frontier);
    ``budget`` is in absolute cents (pass the problem's own to respect it); ``target``
    replaces the problem's target. Returns the keys in increasing order and the number of
    search nodes; a search stopped by ``limits`` or after ``node_limit`` nodes returns what it
    found with ``complete=False``.
    """
    max_nodes, lim = _stopper(limits, node_limit)
    n = prep.n
    v, c, u, g, emp, p = prep.v, prep.c, prep.u, prep.g, prep.emp, prep.p
    br, fixed = prep.br, prep.fixed
    rem_t = prep.rem_t[:]
    rem_e = prep.rem_e[:]
    lp_t, lp_e, lp_p = prep.lp_cover, prep.lp_cover_emp, prep.lp_cover_people
    units_lb = prep.units_lb
    full_units = prep.full_units
    is_minimal = prep.is_minimal
    x = [0] * n
    use_dom = k_best == 1 and n > 1
    dom, sub = prep.dominance(people=min_people > 0) if use_dom else ([], [])
    twins = prep.twins() if k_best > 1 else []
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

    def child(
        k: int,
        j: int,
        t: int,
        cost: int,
        units: int,
        nt: int,
        ne: int,
        np_: int,
        forced: list[int],
    ) -> int:
        """Fix option ``j`` (at depth ``k``) to ``t`` extra units and search below.

        Returns 0 when searched or pruned, 1 when the covers are met (a leaf: more units can
        only add cost), 2 when the cost bound of the target cover exceeds the incumbent, 3 when
        some cover can no longer be reached.
        """
        if t == u[j]:
            forced = []  # dominated options are only forced to zero while j is below its max
        vk, gk, ek = v[j], g[j], emp[j]
        dv = vk * t
        rt = rem_t[gk]
        re = rem_e[gk]
        nt2 = nt - (dv if dv < rt else rt) if rt > 0 else nt
        ne2 = ne - (dv if dv < re else re) if ek and re > 0 else ne
        np2 = np_ - p[j] * t
        cost2 = cost + c[j] * t
        units2 = units + t
        x[j] = t
        if nt2 <= 0 and ne2 <= 0 and np2 <= 0:
            leaf(cost2, units2)
            x[j] = 0
            return 1
        for i in forced:
            fixed[i] = True
        k1 = k + 1
        while k1 < n and fixed[br[k1]]:
            k1 += 1
        status = 3
        if k1 < n:
            q = br[k1]
            rem_t[gk] = rt - dv
            if ek:
                rem_e[gk] = re - dv
            status = 0
            lb, wq, lc, lv = lp_t(nt2, rem_t, q)
            if lb >= BIG:
                status = 3
            else:
                lb += cost2
                lbt = lb  # the target's part, for the price bound below
                if lb > thr_cost:
                    status = 2
                else:
                    if ne2 > 0:
                        le = lp_e(ne2, rem_e)
                        if le >= BIG:
                            status = 3
                        elif le + cost2 > lb:
                            lb = le + cost2
                    if np2 > 0 and status == 0:
                        lpp = lp_p(np2)
                        if lpp >= BIG:
                            status = 3
                        elif lpp + cost2 > lb:
                            lb = lpp + cost2
                    if (
                        status == 0
                        and lb <= thr_cost
                        and not (
                            lb == thr_cost and units2 + units_lb(k1, nt2, ne2, np2) > thr_units
                        )
                    ):
                        dfs(k1, cost2, units2, nt2, ne2, np2, wq, lbt, lc, lv)
            rem_t[gk] = rt
            rem_e[gk] = re
        for i in forced:
            fixed[i] = False
        x[j] = 0
        return status

    def dfs(
        k: int,
        cost: int,
        units: int,
        nt: int,
        ne: int,
        np_: int,
        wq: int,
        lbt: int,
        lc: int,
        lv: int,
    ) -> None:
        """Branch on option ``br[k]``.

        ``wq`` is the value the parent's relaxation gives it, ``lbt`` that relaxation's cost
        bound and ``lc/lv`` its price of the target (see :meth:`Prepared.lp_cover`).
        """
        nonlocal nodes
        nodes += 1
        if not nodes & _CHECK_EVERY and (nodes >= max_nodes or (lim is not None and lim.expired())):
            raise Stopped
        j = br[k]
        vk, uk = v[j], u[j]
        rt = rem_t[g[j]]
        # Units beyond tmax add nothing to any unmet cover: more cost (or equal cost and more
        # units), and never minimal -- so they are never needed.
        tmax = 0
        if vk:
            if nt > 0 and rt > 0:
                tmax = -(-(rt if rt < nt else nt) // vk)
            re = rem_e[g[j]]
            if emp[j] and ne > 0 and re > 0:
                t = -(-(re if re < ne else ne) // vk)
                if t > tmax:
                    tmax = t
        pk = p[j]
        if np_ > 0 and pk:
            t = -(-np_ // pk)
            if t > tmax:
                tmax = t
        if tmax > uk:
            tmax = uk
        xf = wq // vk if vk else 0
        xc = -(-wq // vk) if vk else 0
        lo = 0
        forced: list[int] = []
        if twins:
            # Interchangeable options (see Prepared.twins): every unit that could move from the
            # earlier to the later one gives a distinct plan, as good but lexicographically
            # smaller and still minimal. With k such plans this one is not among the k best.
            for i, i_later in twins[j]:
                if fixed[i]:
                    if i_later:
                        if u[i] - x[i] >= k_best and tmax >= k_best:
                            tmax = k_best - 1
                    elif x[i] >= k_best and lo <= uk - k_best:
                        lo = uk - k_best + 1
        if use_dom:
            # a dominating option already below its maximum: j stays at its minimum;
            # a dominated option already used: j must be at its maximum
            for i in dom[j]:
                if fixed[i] and x[i] < u[i]:
                    tmax = 0
                    break
            for i in sub[j]:
                if fixed[i]:
                    if x[i]:
                        lo = uk
                        break
                else:
                    forced.append(i)
        if xc > tmax:
            xc = tmax
        fixed[j] = True
        # Down from the relaxation's (rounded up) units: the target bound rises as units fall
        # below its optimum, so the first bound past the incumbent ends the run. (Options
        # forced to zero by dominance have a worse ratio than ``j``: they do not move that
        # optimum down, so the argument survives the forcing.)
        # Before solving a child's relaxation, the price bound may already end the run:
        # relaxation >= lbt - 1 + |wq - t*v| * |lc*v - c*lv| / (v*lv)  (lbt may round up by 1).
        red = lc * vk - c[j] * lv if lv and vk else 0
        den = vk * lv
        for t in range(xc, lo - 1, -1):
            if red > 0 and lbt - 1 + (wq - t * vk) * red // den > thr_cost:
                break
            st = child(k, j, t, cost, units, nt, ne, np_, forced)
            if st == 3 or (st == 2 and t <= xf):
                break
        # Up: the bound rises with units above the relaxation's; a leaf ends it too.
        for t in range(xc + 1 if xc >= lo else lo, tmax + 1):
            if red < 0 and lbt - 1 + (t * vk - wq) * -red // den > thr_cost:
                break
            st = child(k, j, t, cost, units, nt, ne, np_, forced)
            if st == 1 or st == 2:
                break
        fixed[j] = False

    nt0 = prep.need_t if target is None else target - prep.counted_base
    ne0 = prep.need_e
    np0 = min_people - prep.base_people
    cost0 = prep.base_cost
    units0 = prep.base_units_total
    root = BIG
    complete = True
    if nt0 <= 0 and ne0 <= 0 and np0 <= 0:
        nodes = 1
        root = cost0
        leaf(cost0, units0)
    elif n > 0:
        lb0, wq0, lc0, lv0 = lp_t(nt0, rem_t, br[0])
        lb = max(lb0, lp_e(ne0, rem_e), lp_p(np0))
        if lb < BIG:
            root = cost0 + lb
        if lb < BIG and cost0 + lb <= thr_cost:
            try:
                with _deep_enough(n):
                    dfs(0, cost0, units0, nt0, ne0, np0, wq0, cost0 + lb0, lc0, lv0)
            except Stopped:
                complete = False
                for i in range(n):  # an early stop leaves options marked
                    fixed[i] = False
    if complete and best:
        root = best[0][0]
    return Outcome(best, nodes, complete, root)


def search_max_value(
    prep: Prepared, budget: int, *, limits: Limits | None = None, node_limit: int | None = None
) -> tuple[tuple[int, Key] | None, int]:
    """The plan of most counted value within ``budget`` (absolute cents), employment respected.

    Two exact phases: first the largest reachable counted value ``M`` (a search that only
    accepts strict improvements, so ties cost nothing, and that stops as soon as ``M`` meets
    the root bound); then the best plan by the :func:`search_min_cost` key among those counting
    ``M`` -- the cheapest, fewest units, lexicographically smallest. Returns ``(M, key)`` or
    ``None`` when no plan fits (the min-units plan is over budget or the employment minimum
    cannot be met within it), and the number of search nodes of both phases. Raises
    :class:`~bouwblokken.optimize.limits.Stopped` when ``limits`` or ``node_limit`` run out.
    """
    best_val, nodes = _max_value(prep, budget, limits, node_limit)
    if best_val < 0:
        return None, nodes
    out = search_min_cost(
        prep,
        budget=budget,
        target=prep.counted_base + best_val,
        limits=limits,
        node_limit=node_limit,
    )
    if not out.complete:
        raise Stopped
    assert out.keys, "a plan reaching the maximum exists"
    return (prep.counted_base + best_val, out.keys[0]), nodes + out.nodes


def _max_value(
    prep: Prepared, budget: int, lim: Limits | None, node_limit: int | None
) -> tuple[int, int]:
    """Phase one of :func:`search_max_value`: the most counted value above the minimum units.

    Returns ``(value, nodes)``, value ``-1`` when no plan fits.
    """
    max_nodes = BIG if node_limit is None else node_limit
    n = prep.n
    v, c, u, g, emp = prep.v, prep.c, prep.u, prep.g, prep.emp
    br, fixed = prep.br, prep.fixed
    rem_t = prep.rem_t[:]
    rem_e = prep.rem_e[:]
    lp_e, lp_v = prep.lp_cover_emp, prep.lp_value
    inc_val = -1
    root_ub = BIG
    nodes = 0

    class ReachedBoundError(Exception):
        """Not an error: the incumbent meets the root bound, nothing can be better."""

    def child(k: int, j: int, t: int, cost: int, val: int, ne: int) -> int:
        """Fix option ``j`` to ``t`` extra units and search below.

        Returns 0 when searched or pruned, 2 when the value bound is no better than the
        incumbent, 3 when the employment minimum can no longer be met within the budget.
        """
        nonlocal inc_val
        vk, gk, ek = v[j], g[j], emp[j]
        dv = vk * t
        rt = rem_t[gk]
        re = rem_e[gk]
        val2 = val + ((dv if dv < rt else rt) if rt > 0 else 0)
        ne2 = ne - (dv if dv < re else re) if ek and re > 0 else ne
        cost2 = cost + c[j] * t
        if ne2 <= 0 and val2 > inc_val:
            inc_val = val2
            if inc_val >= root_ub:
                raise ReachedBoundError
        k1 = k + 1
        if k1 == n:
            return 3 if ne2 > 0 else 0
        left2 = budget - cost2
        q = br[k1]
        rem_t[gk] = rt - dv
        if ek:
            rem_e[gk] = re - dv
        status = 0
        ub, wq = lp_v(left2, rem_t, q)
        ub += val2
        if ub <= inc_val:
            status = 2
        elif ne2 > 0:
            le = lp_e(ne2, rem_e)
            if le > left2:
                status = 3 if le >= BIG else 1
        if status == 0:
            dfs(k1, cost2, val2, ne2, wq)
        rem_t[gk] = rt
        rem_e[gk] = re
        return status

    def dfs(k: int, cost: int, val: int, ne: int, wq: int) -> None:
        """Branch on option ``br[k]``; ``wq`` is the value the parent's relaxation gives it."""
        nonlocal nodes
        nodes += 1
        if not nodes & _CHECK_EVERY and (nodes >= max_nodes or (lim is not None and lim.expired())):
            raise Stopped
        j = br[k]
        vk, ck, uk = v[j], c[j], u[j]
        rt = rem_t[g[j]]
        re = rem_e[g[j]]
        tmax = -(-rt // vk) if rt > 0 else 0
        if emp[j] and ne > 0 and re > 0:
            t = -(-(re if re < ne else ne) // vk)
            if t > tmax:
                tmax = t
        if tmax > uk:
            tmax = uk
        if ck:
            afford = (budget - cost) // ck
            if tmax > afford:
                tmax = afford
        xf = wq // vk
        xc = -(-wq // vk)
        if xc > tmax:
            xc = tmax
        fixed[j] = True
        for t in range(xc, -1, -1):
            st = child(k, j, t, cost, val, ne)
            if st == 3 or (st == 2 and t <= xf):
                break
        for t in range(xc + 1, tmax + 1):
            if child(k, j, t, cost, val, ne) == 2:
                break
        fixed[j] = False

    cost0 = prep.base_cost
    if cost0 <= budget:
        ne0 = prep.need_e
        if ne0 <= 0:
            inc_val = 0
        if n > 0 and lp_e(ne0, rem_e) <= budget - cost0:
            root_ub, wq0 = lp_v(budget - cost0, rem_t, br[0])
            if root_ub > inc_val:
                try:
                    with contextlib.suppress(ReachedBoundError), _deep_enough(n):
                        dfs(0, cost0, 0, ne0, wq0)
                finally:
                    for i in range(n):  # an early stop leaves options marked
                        fixed[i] = False
    return inc_val, nodes
