"""Preprocessing and exact LP (fractional) bounds shared by the branch-and-bound searches.

A :class:`Prepared` instance is a problem reduced to what the search needs: every option shifted
by its ``min_units`` (those units are always bought), options that can never help dropped, and
the rest sorted by cost per unit of value ``cost/value`` (exact integer key, see
:func:`ratio_key`). The depth-first searches fix options in that order, so the options still
free at depth ``k`` are exactly the suffix ``k..n-1`` with their original bounds.

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

from collections.abc import Callable, Sequence

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
        for o, gi in zip(opts, cat_of_option, strict=True):
            raw[gi] += o.value_cents * o.min_units
            if o.employment:
                emp_raw[gi] += o.value_cents * o.min_units
            base_cost += o.cost_cents * o.min_units
            base_people += o.people_per_unit * o.min_units
        self.base_units = tuple(o.min_units for o in opts)
        self.base_units_total = sum(self.base_units)
        self.base_cost = base_cost
        self.base_people = base_people
        self.counted_base = sum(min(r, cp) for r, cp in zip(raw, caps, strict=True))
        self.need_t = problem.target_cents - self.counted_base
        emp_counted = sum(min(r, cp) for r, cp in zip(emp_raw, caps, strict=True))
        self.need_e = problem.min_employment_cents - emp_counted
        self.rem_t = [cp - r if cp < BIG else BIG for r, cp in zip(raw, caps, strict=True)]
        self.rem_e = [cp - r if cp < BIG else BIG for r, cp in zip(emp_raw, caps, strict=True)]

        # Which options can ever matter: value towards the target (room left in the category),
        # employment value while the minimum is not met, or people in people mode.
        useful_v: list[int] = []
        useful_p: list[int] = []
        for i, o in enumerate(opts):
            if o.max_units == o.min_units:
                continue
            gi = cat_of_option[i]
            if o.value_cents > 0:
                if self.rem_t[gi] > 0 or (o.employment and self.need_e > 0 and self.rem_e[gi] > 0):
                    useful_v.append(i)
                    continue
            if people_mode and o.people_per_unit > 0:
                (useful_v if o.value_cents > 0 else useful_p).append(i)
        scale = max((opts[i].value_cents for i in useful_v), default=1) ** 2 + 1
        # Equal ratios: larger value first, then later in the problem's order first -- the
        # order :meth:`dominance` prefers, so the relaxation fills a dominating option first.
        useful_v.sort(
            key=lambda i: (
                ratio_key(opts[i].cost_cents, opts[i].value_cents, scale),
                -opts[i].value_cents,
                -i,
            )
        )
        order = useful_v + useful_p
        self.orig = order
        self.n = n = len(order)
        self.n_value = len(useful_v)
        self.v = [opts[i].value_cents for i in order]
        self.c = [opts[i].cost_cents for i in order]
        self.u = [opts[i].max_units - opts[i].min_units for i in order]
        self.g = [cat_of_option[i] for i in order]
        self.emp = [opts[i].employment for i in order]
        self.p = [opts[i].people_per_unit for i in order]
        self.vu = [a * b for a, b in zip(self.v, self.u, strict=True)]
        self.cu = [a * b for a, b in zip(self.c, self.u, strict=True)]
        self.pu = [a * b for a, b in zip(self.p, self.u, strict=True)]
        # employment options (search positions, ratio order)
        self.e_list = [j for j in range(self.n_value) if self.emp[j]]
        # people options in cost/people order (for the people cover bound)
        pl = [j for j in range(n) if self.p[j] > 0]
        pscale = max((self.p[j] for j in pl), default=1) ** 2 + 1
        pl.sort(key=lambda j: (ratio_key(self.c[j], self.p[j], pscale), j))
        self.p_list = pl
        # suffix maxima: the fewest units any completion needs (for tie-break pruning)
        # Branching order: largest unit cost first. Rounding such an option is what opens the
        # gap between the relaxation and the integers; once they are fixed the rest is nearly
        # continuous and the bound is tight. Units tried start from the relaxation's value.
        self.br = sorted(range(n), key=lambda j: (-self.c[j], -self.v[j], -self.p[j], j))
        self.fixed = [False] * n
        self.max_v = self._suffix_max(self.v, lambda j: True)
        self.max_ve = self._suffix_max(self.v, lambda j: self.emp[j])
        self.max_p = self._suffix_max(self.p, lambda j: True)

    def _suffix_max(self, arr: Sequence[int], keep: Callable[[int], bool]) -> list[int]:
        """``out[k]`` = max of ``arr`` over the options ``br[k:]`` that pass ``keep``."""
        out = [0] * (self.n + 1)
        best = 0
        for k in range(self.n - 1, -1, -1):
            j = self.br[k]
            if keep(j) and arr[j] > best:
                best = arr[j]
            out[k] = best
        return out

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
        n, v, c, p, g, emp, orig, caps = (
            self.n, self.v, self.c, self.p, self.g, self.emp, self.orig, self.caps
        )
        dom: list[list[int]] = [[] for _ in range(n)]
        sub: list[list[int]] = [[] for _ in range(n)]
        for i in range(n):
            vi, ci, gi, pi, ei, oi = v[i], c[i], g[i], p[i], emp[i], orig[i]
            if not vi:
                continue
            open_i = caps[gi] >= BIG
            for j in range(n):
                if v[j] > vi or c[j] < ci or j == i:
                    continue
                if c[j] == ci and orig[j] > oi:
                    continue
                if not (open_i or g[j] == gi) or (emp[j] and not ei):
                    continue
                if people and p[j] > pi:
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

    def lp_cover(self, need: int, rem: list[int], q: int) -> tuple[int, int]:
        """Least cost (rounded up) for the free options to add ``need`` counted value.

        ``rem`` is each category's remaining room under its cap. Also returns the value the
        relaxation gives option ``q`` (its fractional units times its value). The cost is
        :data:`BIG` when the free options cannot reach ``need`` even fractionally.
        """
        if need <= 0:
            return 0, 0
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
                qq, rr = divmod(need * c[j], v[j])
                return cost + qq + (1 if (rr or frac) else 0), (need if j == q else wq)
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
        return BIG, 0

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
