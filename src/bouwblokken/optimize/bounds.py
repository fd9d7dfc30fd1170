"""Preprocessing and exact LP (fractional) bounds shared by the branch-and-bound searches.

A :class:`Prepared` instance is a problem reduced to what the search needs: every option shifted
by its ``min_units`` (those units are always bought), options that can never help dropped, and
the rest sorted by cost per unit of value ``cost/value`` (exact integer key, see
:func:`ratio_key`) -- the order the relaxations take them in. The searches branch in another
order (:attr:`Prepared.br`, largest unit cost first) and mark fixed options in
:attr:`Prepared.fixed`; the bounds run over the options not fixed.

Why the greedy LP bound is exact with category caps: the counted value of a plan is
``sum_c min(raw_c, cap_c)``. In the relaxation, think of the counted amount ``w_i`` each option
contributes: the vectors ``w`` with ``0 <= w_i <= value_i * units_i`` and
``sum_{i in c} w_i <= cap_c`` form a polymatroid (the constraint sets are laminar: singletons
nested inside categories). Minimising ``sum (cost_i/value_i) w_i`` subject to ``sum w_i >= R``
over a polymatroid is solved by the greedy algorithm (Edmonds): take options in increasing
``cost/value``, each as far as its own bound, its category's remaining room and the remaining
need allow. The same holds for the employment cover (employment options only, capped by the same
caps) and, reversed, for the most value within a budget. The two covers together are bounded by
the larger of the two separate bounds -- weaker than the joint LP, but valid.

All arithmetic is integral. A bound that would be fractional is rounded in the safe direction
(up for a cost lower bound, down for a value upper bound); when several partial terms occur the
rounding may lose up to a cent per term, which only weakens the bound, never invalidates it.
"""

from __future__ import annotations

from collections.abc import Sequence

from bouwblokken.optimize.problem import Problem

__all__ = ["BIG", "Prepared", "ratio_key"]

#: Stands for "no cap" and "infeasible": larger than any cents or units figure we handle.
BIG = 1 << 62


def ratio_key(cost: int, value: int, scale: int) -> int:
    """Exact integer order key for ``cost/value`` (``value > 0``).

    With ``scale > max(value)**2`` two different fractions ``a/b != c/d`` differ by at least
    ``1/(b*d)``, so ``floor(a*scale/b)`` and ``floor(c*scale/d)`` differ by at least one: the key
    orders exactly like the fractions, and equal fractions get equal keys. No floats involved.
    """
    return cost * scale // value


class Prepared:
    """A problem in search form. Arrays are indexed by search position ``0..n-1``.

    Positions ``0..n_value-1`` hold options with ``value > 0`` in ratio order; in people mode,
    options with ``value == 0`` but ``people > 0`` follow (they only help the people count).
    """

    __slots__ = (
        "_people_mode",
        "_ready",
        "base_cost",
        "base_people",
        "base_units",
        "base_units_total",
        "br",
        "c",
        "caps",
        "cat_of_option",
        "counted_base",
        "cu",
        "e_list",
        "emp",
        "fixed",
        "g",
        "max_p",
        "max_v",
        "max_ve",
        "n",
        "n_value",
        "need_e",
        "need_t",
        "orig",
        "p",
        "p_list",
        "problem",
        "pu",
        "rem_e",
        "rem_t",
        "u",
        "v",
        "vu",
    )

    def __init__(self, problem: Problem, *, people_mode: bool = False) -> None:
        self.problem = problem
        opts = problem.options
        cat_index: dict[str, int] = {}
        cat_of_option = [cat_index.setdefault(o.category, len(cat_index)) for o in opts]
        self.cat_of_option = cat_of_option
        ncat = len(cat_index)
        caps = [BIG] * ncat
        for name, idx in cat_index.items():
            cap = problem.category_caps.get(name)
            if cap is not None:
                caps[idx] = cap
        self.caps = caps
        raw = [0] * ncat
        emp_raw = [0] * ncat
        base_cost = 0
        base_people = 0
        base_units = []
        for o, gi in zip(opts, cat_of_option, strict=True):
            lo = o.min_units
            base_units.append(lo)
            if lo:
                raw[gi] += o.value_cents * lo
                if o.employment:
                    emp_raw[gi] += o.value_cents * lo
                base_cost += o.cost_cents * lo
                base_people += o.people_per_unit * lo
        self.base_units = tuple(base_units)
        self.base_units_total = sum(base_units)
        self.base_cost = base_cost
        self.base_people = base_people
        counted = emp_counted = 0
        rem_t = []
        rem_e = []
        for r, er, cp in zip(raw, emp_raw, caps, strict=True):
            if cp < BIG:
                counted += r if r < cp else cp
                emp_counted += er if er < cp else cp
                rem_t.append(cp - r)
                rem_e.append(cp - er)
            else:
                counted += r
                emp_counted += er
                rem_t.append(BIG)
                rem_e.append(BIG)
        self.counted_base = counted
        self.need_t = problem.target_cents - counted
        self.need_e = problem.min_employment_cents - emp_counted
        self.rem_t = rem_t
        self.rem_e = rem_e
        self._people_mode = people_mode
        self._ready = False

    #: Attributes :meth:`_finish` computes on first use (a request settled without a search,
    #: an infeasible one say, never pays for them).
    _LAZY = frozenset(
        {
            "br",
            "c",
            "cu",
            "e_list",
            "emp",
            "fixed",
            "g",
            "max_p",
            "max_v",
            "max_ve",
            "n",
            "n_value",
            "orig",
            "p",
            "p_list",
            "pu",
            "u",
            "v",
            "vu",
        }
    )

    def __getattr__(self, name: str) -> object:
        # only called for attributes not set yet: the search arrays, built once on demand
        if name in Prepared._LAZY and not self._ready:
            self._finish()
            return getattr(self, name)
        raise AttributeError(name)

    def _finish(self) -> None:
        """The search arrays: useful options in ratio order, branching order, suffix maxima."""
        self._ready = True
        problem = self.problem
        opts = problem.options
        cat_of_option = self.cat_of_option
        people_mode = self._people_mode
        # Which options can ever matter: value towards the target (room left in the category),
        # employment value while the minimum is not met, or people in people mode.
        useful_v: list[int] = []
        useful_p: list[int] = []
        for i, o in enumerate(opts):
            if o.max_units == o.min_units:
                continue
            gi = cat_of_option[i]
            if o.value_cents > 0 and (
                self.rem_t[gi] > 0 or (o.employment and self.need_e > 0 and self.rem_e[gi] > 0)
            ):
                useful_v.append(i)
                continue
            if people_mode and o.people_per_unit > 0:
                (useful_v if o.value_cents > 0 else useful_p).append(i)
        scale = max([opts[i].value_cents for i in useful_v], default=1) ** 2 + 1
        # Equal ratios: larger value first, then later in the problem's order first -- the
        # order :meth:`dominance` prefers, so the relaxation fills a dominating option first.
        keyed = [
            (ratio_key(opts[i].cost_cents, opts[i].value_cents, scale), -opts[i].value_cents, -i, i)
            for i in useful_v
        ]
        keyed.sort()
        order = [kk[3] for kk in keyed] + useful_p
        self.orig = order
        self.n = n = len(order)
        self.n_value = len(useful_v)
        sel = [opts[i] for i in order]
        self.v = v = [o.value_cents for o in sel]
        self.c = c = [o.cost_cents for o in sel]
        self.u = u = [o.max_units - o.min_units for o in sel]
        self.g = [cat_of_option[i] for i in order]
        self.emp = emp = [o.employment for o in sel]
        self.p = p = [o.people_per_unit for o in sel]
        self.vu = [a * b for a, b in zip(v, u, strict=True)]
        self.cu = [a * b for a, b in zip(c, u, strict=True)]
        self.pu = [a * b for a, b in zip(p, u, strict=True)]
        # employment options (search positions, ratio order)
        self.e_list = [j for j in range(self.n_value) if emp[j]]
        # people options in cost/people order (for the people cover bound)
        pl = [j for j in range(n) if p[j] > 0]
        pscale = max([p[j] for j in pl], default=1) ** 2 + 1
        self.p_list = [kk[1] for kk in sorted([(c[j] * pscale // p[j], j) for j in pl])]
        # Branching order: largest unit cost first. Rounding such an option is what opens the
        # gap between the relaxation and the integers; once they are fixed the rest is nearly
        # continuous and the bound is tight. Units tried start from the relaxation's value.
        self.br = br = [kk[4] for kk in sorted([(-c[j], -v[j], -p[j], j, j) for j in range(n)])]
        self.fixed = [False] * n
        # suffix maxima over br[k:]: the fewest units any completion needs (tie-break pruning)
        max_v = [0] * (n + 1)
        max_ve = [0] * (n + 1)
        max_p = [0] * (n + 1)
        bv = bve = bp = 0
        for k in range(n - 1, -1, -1):
            j = br[k]
            bv = max(bv, v[j])
            if emp[j]:
                bve = max(bve, v[j])
            bp = max(bp, p[j])
            max_v[k], max_ve[k], max_p[k] = bv, bve, bp
        self.max_v, self.max_ve, self.max_p = max_v, max_ve, max_p

    def dominance(self, *, people: bool) -> tuple[list[list[int]], list[list[int]]]:
        """``(dom, sub)``: ``dom[j]`` lists the options that dominate ``j``, ``sub[i]`` those
        ``i`` dominates (search positions).

        ``i`` dominates ``j`` when moving one unit from ``j`` to ``i`` never lowers the counted
        value, the employment value or (with ``people``) the people count, and gives a strictly
        better plan: less cost, or the same cost and the same units but a lexicographically
        smaller vector (``j`` earlier in the problem's order than ``i``). Then no best plan --
        least cost, then most value, ties as in ``search`` -- has ``x_j > min_j`` while
        ``x_i < max_i``. The counted value cannot drop when ``value_i >= value_j`` and ``i``'s
        category is uncapped or is ``j``'s; likewise for employment when ``j`` is employment
        only if ``i`` is. The relation is transitive, so forcing along it is consistent. Only
        valid for single-best searches (not for k-best alternatives).
        """
        n = self.n
        if n < 2 or max(max(self.v), max(self.c)) >= BIG:  # none needed / beyond int64
            return [[] for _ in range(n)], [[] for _ in range(n)]
        if n <= 64:  # plain loops beat numpy's per-call overhead on small problems
            return self._dominance_loops(people=people)
        import numpy as np  # only here: importing the optimizer stays light (numpy is ~100 ms)

        # Vectorised over all pairs (row i = dominating, column j = dominated). Only booleans
        # and integer comparisons: the cents stay exact in int64 (values < 2**62).
        v = np.array(self.v, dtype=np.int64)
        c = np.array(self.c, dtype=np.int64)
        g = np.array(self.g, dtype=np.int64)
        emp = np.array(self.emp, dtype=bool)
        orig = np.array(self.orig, dtype=np.int64)
        open_cat = np.array([self.caps[gi] >= BIG for gi in self.g], dtype=bool)
        m = (v[:, None] >= v[None, :]) & (v[:, None] > 0)
        m &= (c[:, None] < c[None, :]) | ((c[:, None] == c[None, :]) & (orig[:, None] > orig))
        m &= open_cat[:, None] | (g[:, None] == g[None, :])
        m &= emp[:, None] | ~emp[None, :]
        if people:
            pp = np.array(self.p, dtype=np.int64)
            m &= pp[:, None] >= pp[None, :]
        np.fill_diagonal(m, False)
        sub = [row.nonzero()[0].tolist() for row in m]
        dom = [col.nonzero()[0].tolist() for col in m.T]
        return dom, sub

    def twins(self) -> list[list[tuple[int, bool]]]:
        """Interchangeable options: ``twins[j]`` lists ``(i, i_is_later)``.

        Options are interchangeable when a unit of one counts, costs and helps exactly like a
        unit of the other: same value, cost, people, employment flag, and the same category or
        both uncapped. ``i_is_later``: ``i`` comes after ``j`` in the problem's order.
        """
        groups: dict[tuple[int, int, int, bool, int], list[int]] = {}
        for j in range(self.n):
            gj = self.g[j]
            cat = -1 if self.caps[gj] >= BIG else gj
            groups.setdefault((self.v[j], self.c[j], self.p[j], self.emp[j], cat), []).append(j)
        out: list[list[tuple[int, bool]]] = [[] for _ in range(self.n)]
        for members in groups.values():
            for j in members:
                for i in members:
                    if i != j:
                        out[j].append((i, self.orig[i] > self.orig[j]))
        return out

    def _dominance_loops(self, *, people: bool) -> tuple[list[list[int]], list[list[int]]]:
        """:meth:`dominance` with plain loops (same result)."""
        n, v, c, p, g, emp, orig, caps = (
            self.n,
            self.v,
            self.c,
            self.p,
            self.g,
            self.emp,
            self.orig,
            self.caps,
        )
        dom: list[list[int]] = [[] for _ in range(n)]
        sub: list[list[int]] = [[] for _ in range(n)]
        for i in range(n):
            vi, ci, gi, pi, ei, oi = v[i], c[i], g[i], p[i], emp[i], orig[i]
            if not vi:
                continue
            open_i = caps[gi] >= BIG
            for j in range(n):
                if v[j] > vi or c[j] < ci or j == i or (c[j] == ci and orig[j] > oi):
                    continue
                if not (open_i or g[j] == gi) or (emp[j] and not ei) or (people and p[j] > pi):
                    continue
                dom[j].append(i)
                sub[i].append(j)
        return dom, sub

    # --- plans ---

    def full_units(self, x: Sequence[int]) -> tuple[int, ...]:
        """Units per option in the problem's order from extra units per search position."""
        full = list(self.base_units)
        for j, t in enumerate(x):
            if t:
                full[self.orig[j]] += t
        return tuple(full)

    def is_minimal(self, full: Sequence[int]) -> bool:
        """:meth:`Problem.is_minimal` for a plan already known feasible, in one pass."""
        pr = self.problem
        caps = self.caps
        raw = [0] * len(caps)
        er = [0] * len(caps)
        opts = pr.options
        g = self.cat_of_option
        for i, o in enumerate(opts):
            raw[g[i]] += o.value_cents * full[i]
            if o.employment:
                er[g[i]] += o.value_cents * full[i]
        counted = sum(min(a, b) for a, b in zip(raw, caps, strict=True))
        emp_c = sum(min(a, b) for a, b in zip(er, caps, strict=True))
        t, emin = pr.target_cents, pr.min_employment_cents
        for i, o in enumerate(opts):
            if full[i] <= o.min_units:
                continue
            gi, v, cap = g[i], o.value_cents, caps[g[i]]
            loss = min(raw[gi], cap) - min(raw[gi] - v, cap)
            if counted - loss < t:
                continue
            if o.employment:
                loss_e = min(er[gi], cap) - min(er[gi] - v, cap)
                if emp_c - loss_e < emin:
                    continue
            return False
        return True

    # --- bounds (over the options not fixed yet: ``fixed[j]`` false) ---

    def lp_cover(self, need: int, rem: list[int], q: int) -> tuple[int, int, int, int]:
        """Least cost (rounded up) for the free options to add ``need`` counted value.

        ``rem`` is each category's remaining room under its cap. Returns ``(cost, wq, lc, lv)``:
        the cost (:data:`BIG` when the free options cannot reach ``need`` even fractionally),
        the value the relaxation gives option ``q`` (its fractional units times its value), and
        the dual price of the target ``lc/lv`` (cost per value of the option where the need
        runs out) when it prices ``q`` exactly -- ``lv == 0`` otherwise (no need, or ``q``'s
        category cap binds, which adds a cap price).

        The price gives the search a bound without solving again (weak LP duality): with
        ``x_q`` fixed to ``t`` the relaxation costs at least ``cost + |t - x*| * |lc/lv *
        value_q - cost_q|`` on the side of ``x*`` away from ``q``'s reduced cost sign.
        """
        if need <= 0:
            return 0, 0, 0, 0
        r = rem[:]
        v, c, g, vu, cu, fx = self.v, self.c, self.g, self.vu, self.cu, self.fixed
        cost = 0
        frac = 0
        wq = 0
        for j in range(self.n_value):
            if fx[j]:
                continue
            gj = g[j]
            cap = r[gj]
            if cap <= 0:
                continue
            w = vu[j]
            if w >= need and cap >= need:
                cj, vj = c[j], v[j]
                qq, rr = divmod(need * cj, vj)
                r[gj] = cap - need
                if j == q:
                    wq = need
                return (
                    cost + qq + (1 if (rr or frac) else 0),
                    wq,
                    cj,
                    vj if q >= 0 and r[g[q]] > 0 else 0,
                )
            if w <= cap:
                cost += cu[j]
                need -= w
                r[gj] = cap - w
            else:
                qq, rr = divmod(cap * c[j], v[j])
                cost += qq
                frac |= rr
                need -= cap
                r[gj] = 0
                w = cap
            if j == q:
                wq = w
        return BIG, 0, 0, 0

    def lp_cover_emp(self, need: int, rem: list[int]) -> int:
        """As :meth:`lp_cover` for the employment minimum (employment options only)."""
        if need <= 0:
            return 0
        r = rem[:]
        v, c, g, vu, cu, fx = self.v, self.c, self.g, self.vu, self.cu, self.fixed
        cost = 0
        frac = 0
        for j in self.e_list:
            if fx[j]:
                continue
            gj = g[j]
            cap = r[gj]
            if cap <= 0:
                continue
            w = vu[j]
            if w >= need and cap >= need:
                qq, rr = divmod(need * c[j], v[j])
                return cost + qq + (1 if (rr or frac) else 0)
            if w <= cap:
                cost += cu[j]
                need -= w
                r[gj] = cap - w
            else:
                qq, rr = divmod(cap * c[j], v[j])
                cost += qq
                frac |= rr
                need -= cap
                r[gj] = 0
        return BIG

    def lp_cover_people(self, need: int) -> int:
        """Least cost (rounded up) for the free options to add ``need`` people."""
        if need <= 0:
            return 0
        p, c, pu, cu, fx = self.p, self.c, self.pu, self.cu, self.fixed
        cost = 0
        for j in self.p_list:
            if fx[j]:
                continue
            w = pu[j]
            if w >= need:
                return cost + -(-need * c[j] // p[j])
            cost += cu[j]
            need -= w
        return BIG

    def lp_value(self, budget: int, rem: list[int], q: int) -> tuple[int, int]:
        """Most counted value (rounded down) the free options add within ``budget``.

        Also returns the value the relaxation gives option ``q`` (rounded down).
        """
        r = rem[:]
        v, c, g, vu, cu, fx = self.v, self.c, self.g, self.vu, self.cu, self.fixed
        val = 0
        wq = 0
        for j in range(self.n_value):
            if fx[j]:
                continue
            gj = g[j]
            cap = r[gj]
            if cap <= 0:
                continue
            w = vu[j]
            if w <= cap:
                cw = cu[j]
            else:
                w = cap
                cw = cap * c[j] // v[j]  # rounded down: more budget left, bound stays valid
            if cw <= budget:
                val += w
                budget -= cw
                r[gj] = cap - w
                if j == q:
                    wq = w
            else:
                part = budget * v[j] // c[j]
                return val + part, (part if j == q else wq)
        return val, wq

    def units_lb(self, k: int, need_t: int, need_e: int, need_p: int) -> int:
        """Fewest units any completion needs once ``br[:k]`` are fixed (caps ignored)."""
        lb = 0
        if need_t > 0:
            m = self.max_v[k]
            lb = -(-need_t // m) if m else BIG
        if need_e > 0:
            m = self.max_ve[k]
            t = -(-need_e // m) if m else BIG
            lb = max(lb, t)
        if need_p > 0:
            m = self.max_p[k]
            t = -(-need_p // m) if m else BIG
            lb = max(lb, t)
        return lb
