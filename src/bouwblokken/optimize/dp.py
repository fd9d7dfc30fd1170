"""Exact dynamic programming over Pareto lists: the least-cost plan for the hard families.

The branch and bound of :mod:`bouwblokken.optimize.search` is fastest on typical requests but
its LP bound cannot separate nearly tied plans (many near-identical options, large coprime
values, tight category caps). This back end follows the knapsack codes that have no such family
(Nemhauser--Ullmann lists, Pisinger's *Minknap*/*Combo*): dynamic programming over *states*
``(counted value, cost)`` with dominance and bounds.

**Groups.** A category whose cap can bind (its options at their maximum pass the room under its
cap) is its own group, with values capped at that room; every other category counts its value
in full, so they share one group (values capped at the target). The counted value of a plan is
the sum over groups of the group's capped value -- exactly :meth:`Problem.counted`.

**Keys.** Plans are ranked by ``(cost, units, plan)`` like every back end. The first two are one
integer per unit of an option, ``cost * S + 1`` with ``S`` larger than any number of units, so
a state's "cost" is ``cost * S + units`` and least cost-then-fewest-units is one comparison.

**Lists.** Per group, options are added in *reverse* problem order; after adding option ``p``
the list holds the Pareto-optimal states of the options ``p..`` of the group: sorted by value,
strictly increasing cost, no state with another of at least its value and at most its cost.
Bounded units are added by binary splitting (1, 2, 4, ... units), which yields exactly the unit
counts ``0..u`` of the option.

**Bounds.** A state is dropped when even the LP relaxation of the options not yet added
(greedy by cost per value, exact: :mod:`bouwblokken.optimize.bounds`) plus the least the other
groups must cost to bring in what they must, exceeds the incumbent's key. Across several groups
two more bounds: each group's exact floor (the least key of its part counting what it must even
with the others at their most, solved by the single-group lists) for the others, and a
Lagrangian bound -- the need priced at the LP's multiplier ``lam``, every other group's exact
least ``key - lam * counted`` over all its parts, the state's own group by its LP -- which
closes most of the LP's gap where each group's own integrality makes it (tight caps). Ties
survive (only a strictly larger bound prunes), so every state of every optimal plan is kept, or
one that dominates it.

**Reduced-cost fixing and the plateau.** With one group, and an incumbent, the run first
fixes options by their reduced costs at a guessed key ``g`` (:func:`_reduced_cost_fix`: every
plan of key at most ``g`` keeps its ranges) and widens ``g`` from the bound. Where the count
bound (:class:`_CountBound`) is on -- the strongly correlated knapsack, options costing their
value plus about the same fixed amount -- the reduced costs are those of the LP with both the
value and the unit count constraint, the bound is within cents of the optimum, and fixing at
it leaves a *plateau* of options of zero or tiny reduced cost, among which the lists cannot
tell plans apart (no state dominates another). That plateau goes to the bit-set dynamic
programme of :mod:`bouwblokken.optimize.plateau` (exact in units, value and reduced cost,
tie rule included); when its tables would be too large, or fewer than half the options fix,
the lists below take the round.

**Tie rule.** With the lists of every suffix kept, the plan is rebuilt *forwards* in the
problem's order: each option gets the fewest units for which the rest can still complete a plan
of the optimal key (a lookup in the next suffix list). Across several groups, first every
*split* of the optimal key over the groups (one key per group, from the groups' full lists),
then per split the same walk, each option at the fewest units for which the most every group
can still count within its key adds up to the need. That is the lexicographically smallest
optimal plan -- the rule every back end obeys -- with no extra solve.

The run checks its :class:`~bouwblokken.optimize.limits.Limits` every few thousand states and
raises :class:`~bouwblokken.optimize.limits.Stopped` when they run out; more than
``max_states`` states raise :class:`TooLarge` (the caller hands the request to another back
end). All arithmetic is on Python integers: exact cents.
"""

from __future__ import annotations

import copy
import dataclasses
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Iterator, Sequence
from fractions import Fraction
from itertools import accumulate, chain
from typing import Literal, NamedTuple

from bouwblokken.optimize import plateau
from bouwblokken.optimize.bounds import BIG, ratio_key
from bouwblokken.optimize.limits import Limits, Stopped
from bouwblokken.optimize.problem import Option, Problem

__all__ = ["DEFAULT_MAX_STATES", "DpResult", "TooLarge", "applicable", "min_cost_dp"]

#: States the lists may hold in total before the request is handed on (memory and time).
DEFAULT_MAX_STATES = 3_000_000

#: How often (in states) the run looks at its clock and cancel token.
_CHECK_EVERY = 4096

_INF = 1 << 200

#: States per option the first round may hold when the count bound is on (see min_cost_dp).
_PLATEAU_STATES = 64

#: States to check in one step above which the bounds lay out prefix sums first.
_PREPARE_AT = 12

#: States per option the first round at a trusted incumbent's key may hold.
_TRIAL_STATES = 48

#: States per option a group's floors (:func:`_group_floor`, :func:`_lagrange_floor`) may
#: hold before its LP bound stands in.
_FLOOR_STATES = 256


class TooLarge(Exception):  # noqa: N818 -- a signal to the portfolio, never raised to users
    """The lists outgrew ``max_states``: another back end should take the request."""


class DpResult(NamedTuple):
    """``optimal`` with the plan (tie rule proven), or ``infeasible``."""

    status: Literal["optimal", "infeasible"]
    units: tuple[int, ...] | None


def applicable(problem: Problem, min_people: int = 0) -> bool:
    """Whether this back end handles the request: no people cover, and an employment minimum
    only when the minimum units already meet it (then no plan can fall below it)."""
    if min_people > 0:
        return False
    if problem.min_employment_cents <= 0:
        return True
    base = [o.min_units for o in problem.options]
    return problem.employment_counted(base) >= problem.min_employment_cents


class _Group:
    """One group's options (problem positions, in order), its cap and its suffix lists."""

    __slots__ = (
        "brk",
        "c",
        "cap",
        "count",
        "count_lb",
        "eff",
        "items",
        "lagr",
        "lam",
        "lists",
        "need",
        "others",
        "others_lb",
        "root",
        "total",
        "tpl",
        "u",
        "v",
    )

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.items: list[int] = []
        self.v: list[int] = []
        self.c: list[int] = []  # cost * S + 1 per unit
        self.u: list[int] = []
        # lists[p] = (values, costs) of the Pareto states of items p.. ; lists[len] = [(0, 0)]
        self.lists: list[tuple[list[int], list[int]]] = []
        self.eff = 0  # the most this group can count
        self.need = 0  # the least it must count in any feasible plan
        self.others_lb = 0  # least key the other groups add in any feasible plan
        self.lam = 0  # the multiplier of the count bound (0: not used)
        self.lagr: _Lagrange | None = None  # the Lagrangian bound across groups
        self.others: list[tuple[int, int]] = []  # the other groups' LP segments (dv, dc)
        self.total = 0  # what all groups together must count
        self.root: _Prefix | None = None  # the LP over all items (built once, then cloned)
        self.count: _CountBound | None = None  # the count bound over all items (lam > 0)
        self.count_lb: int | None = None  # what _count_lb decided (computed once)
        # the bound structures over all items, copied at the start of every round
        self.tpl: tuple[_Prefix, _CountBound | None, _Joint | None] | None = None
        # the LP's break item for (need, lam): ((need, lam), (c_b - lam, v_b, bound * v_b))
        self.brk: tuple[tuple[int, int], tuple[int, int, int] | None] | None = None


class _Fenwick:
    """Items in a fixed order with additive weights ``(a, b)`` (and optionally ``g``),
    removable one by one: ``find(r)`` gives the sums over the longest run of leading items
    whose ``a`` stays below ``r`` and the position after it. A Fenwick tree answers in
    O(log n) Python steps; :meth:`prepare` lays out prefix sums of the items left, after which
    a lookup is one C bisection (worth it when many lookups follow before the next removal)."""

    __slots__ = (
        "ca",
        "cb",
        "cg",
        "fa",
        "fb",
        "fg",
        "present",
        "size",
        "step",
        "total_a",
        "wa",
        "wb",
        "wg",
    )

    def __init__(self, a: Sequence[int], b: Sequence[int], g: Sequence[int] | None = None) -> None:
        n = len(a)
        self.wa, self.wb = list(a), list(b)
        self.wg = list(g) if g is not None else None
        fa = [0, *a]
        fb = [0, *b]
        fg = [0, *g] if g is not None else None
        for i in range(1, n + 1):
            j = i + (i & -i)
            if j <= n:
                fa[j] += fa[i]
                fb[j] += fb[i]
                if fg is not None:
                    fg[j] += fg[i]
        self.fa, self.fb, self.fg, self.size = fa, fb, fg, n
        self.step = 1 << max(0, n.bit_length() - 1) if n else 0
        self.total_a = sum(a)
        self.present = list(range(n))
        self.ca: list[int] | None = None
        self.cb: list[int] = []
        self.cg: list[int] = []

    def clone(self) -> _Fenwick:
        """An independent copy (list copies: cheaper than building again)."""
        new = object.__new__(_Fenwick)
        new.fa, new.fb = self.fa[:], self.fb[:]
        new.fg = self.fg[:] if self.fg is not None else None
        new.wa, new.wb = self.wa[:], self.wb[:]
        new.wg = self.wg[:] if self.wg is not None else None
        new.size, new.step, new.total_a = self.size, self.step, self.total_a
        new.present = self.present[:]
        new.ca, new.cb, new.cg = None, [], []
        return new

    def sub(self, i: int, a: int, b: int) -> None:
        """Remove the item at position ``i`` (0-based), whose weights are ``(a, b)``."""
        self.total_a -= a
        self.ca = None
        present = self.present
        del present[bisect_left(present, i)]
        wg = self.wg
        g = wg[i] if wg is not None else 0
        self.wa[i] = self.wb[i] = 0
        if wg is not None:
            wg[i] = 0
        fa, fb, fg, n = self.fa, self.fb, self.fg, self.size
        i += 1
        while i <= n:
            fa[i] -= a
            fb[i] -= b
            if fg is not None:
                fg[i] -= g
            i += i & -i

    def prepare(self) -> None:
        """Prefix sums over the items left (until the next removal)."""
        if self.ca is not None:
            return
        present = self.present
        wa, wb = self.wa, self.wb
        self.ca = [0, *accumulate([wa[i] for i in present])]
        self.cb = [0, *accumulate([wb[i] for i in present])]
        if self.wg is not None:
            wg = self.wg
            self.cg = [0, *accumulate([wg[i] for i in present])]

    def find(self, r: int) -> tuple[int, int, int]:
        """``(k, sum_a, sum_b)``: items ``0..k-1`` sum to ``sum_a < r`` in ``a`` and item ``k``
        brings the sum to ``r`` or more (``k == size`` when none does); ``r > 0``."""
        ca = self.ca
        if ca is not None:
            j = bisect_left(ca, r) or 1
            if j >= len(ca):
                return self.size, 0, 0
            return self.present[j - 1], ca[j - 1], self.cb[j - 1]
        fa, fb, n = self.fa, self.fb, self.size
        pos = 0
        sa = sb = 0
        step = self.step
        while step:
            nxt = pos + step
            if nxt <= n and sa + fa[nxt] < r:
                pos = nxt
                sa += fa[nxt]
                sb += fb[nxt]
            step >>= 1
        return pos, sa, sb

    def find_g(self, r: int) -> tuple[int, int, int, int]:
        """:meth:`find` also summing the third weight (``sum_g``) over items ``0..k-1``."""
        ca = self.ca
        if ca is not None:
            j = bisect_left(ca, r) or 1
            if j >= len(ca):
                return self.size, 0, 0, 0
            return self.present[j - 1], ca[j - 1], self.cb[j - 1], self.cg[j - 1]
        fa, fb, fg, n = self.fa, self.fb, self.fg, self.size
        assert fg is not None
        pos = 0
        sa = sb = sg = 0
        step = self.step
        while step:
            nxt = pos + step
            if nxt <= n and sa + fa[nxt] < r:
                pos = nxt
                sa += fa[nxt]
                sb += fb[nxt]
                sg += fg[nxt]
            step >>= 1
        return pos, sa, sb, sg


class _Joint:
    """The LP bound across groups for a state of one group: the group's items still to add
    (at most ``room`` more value: its cap) and the other groups' LP segments must together
    cover ``r``. The unconstrained greedy over both by slope is exact when it uses at most
    ``room`` of the group; otherwise, by convexity, the best split gives the group exactly
    ``room``."""

    __slots__ = ("fen", "is_mine", "mine", "occ", "ocv", "osc", "osv", "rank", "rc", "rv", "u")

    def __init__(
        self,
        v: Sequence[int],
        c: Sequence[int],
        u: Sequence[int],
        others: Sequence[tuple[int, int]],
    ) -> None:
        m = len(v)
        av = [*v, *(a for a, _ in others)]
        ac = [*c, *(b for _, b in others)]
        au = [*u, *([1] * len(others))]
        scale = max(av, default=1) ** 2 + 1
        order = sorted(range(len(av)), key=lambda k: (ratio_key(ac[k], av[k], scale), k))
        self.rank = {k: r for r, k in enumerate(order) if k < m}
        self.is_mine = [k < m for k in order]
        self.rv = [av[k] for k in order]
        self.rc = [ac[k] for k in order]
        self.u = [au[k] for k in order]
        self.fen = _Fenwick(
            [av[k] * au[k] for k in order],
            [ac[k] * au[k] for k in order],
            [av[k] * au[k] if k < m else 0 for k in order],
        )
        self.mine = _Prefix(v, c, u)
        oth = sorted(others, key=lambda t: ratio_key(t[1], t[0], scale))
        self.osv = [0, *accumulate(a for a, _ in oth)]
        self.osc = [0, *accumulate(b for _, b in oth)]
        self.ocv = [a for a, _ in oth]
        self.occ = [b for _, b in oth]

    def clone(self) -> _Joint:
        new = object.__new__(_Joint)
        for name in ("is_mine", "ocv", "occ", "osc", "osv", "rank", "rc", "rv", "u"):
            setattr(new, name, getattr(self, name))
        new.fen, new.mine = self.fen.clone(), self.mine.clone()
        return new

    def remove(self, item: int) -> None:
        r = self.rank[item]
        u = self.u[r]
        self.fen.sub(r, self.rv[r] * u, self.rc[r] * u)
        self.mine.remove(item)

    def _others(self, r: int) -> tuple[int, int] | None:
        """The other groups' LP cost of covering ``r`` as a fraction ``(num, den)``."""
        if r <= 0:
            return 0, 1
        sv = self.osv
        k = bisect_left(sv, r)
        if k >= len(sv):
            return None
        d = self.ocv[k - 1]
        return self.osc[k - 1] * d + (r - sv[k - 1]) * self.occ[k - 1], d

    def cover(self, r: int, room: int) -> int:
        """Least LP key covering ``r`` with at most ``room`` from the group's items."""
        if r <= 0:
            return 0
        fen = self.fen
        k, sv, sc, sg = fen.find_g(r)
        if k >= fen.size:
            return _INF
        part = r - sv
        if sg + (part if self.is_mine[k] else 0) <= room:
            return sc + -(-part * self.rc[k] // self.rv[k])
        # the group's items give exactly ``room``, the others the rest: the two LP costs are
        # added exactly and rounded up once (rounding each up could pass the integer optimum)
        a = self.mine.cover_frac(room) if room > 0 else (0, 1)
        o = self._others(r - max(room, 0))
        if a is None or o is None:
            return _INF
        return -(-(a[0] * o[1] + o[0] * a[1]) // (a[1] * o[1]))


class _Lagrange:
    """The Lagrangian bound across groups for a state of one group (Lagrange: the need
    constraint priced at ``lam = P / Q``, the LP's multiplier). Every group's part ``x_h`` has
    ``key_h - lam * counted_h >= phi_h`` with ``phi_h`` the exact least of that over every part
    of the group (:func:`_lagrange_floor`), so a plan counting ``need`` has key at least
    ``key_g - lam * counted_g + sum_{h != g} phi_h + lam * need``; for a state the first term
    is at least its own minus ``lam`` times its value, plus the LP of the items still to add
    (those cheaper than ``lam`` per value, up to the cap). Everything times ``Q``: integers;
    ``const`` is ``Q * sum_{h != g} phi_h + P * need``."""

    __slots__ = ("cap", "const", "p", "prof", "q")

    def __init__(
        self,
        v: Sequence[int],
        c: Sequence[int],
        u: Sequence[int],
        cap: int,
        lam: tuple[int, int],
        const: int,
    ) -> None:
        self.p, self.q = lam
        self.cap, self.const = cap, const
        keep = [k for k in range(len(v)) if c[k] * self.q < self.p * v[k]]
        self.prof = _Prefix([v[k] for k in keep], [c[k] for k in keep], [u[k] for k in keep], keep)

    def clone(self) -> _Lagrange:
        new = copy.copy(self)
        new.prof = self.prof.clone()
        return new

    def remove(self, item: int) -> None:
        if item in self.prof.rank:
            self.prof.remove(item)

    def bound(self, sv: int, sc: int) -> int:
        """``Q`` times a lower bound on the key of a plan through the state ``(sv, sc)``."""
        got = self.q * sc - self.p * min(self.cap, sv) + self.const
        r = min(self.cap - sv, self.prof.reach())
        lp = self.prof.cover_frac(r) if r > 0 else None  # r <= reach: never None then
        if lp is not None:
            got += self.q * lp[0] // lp[1] - self.p * r
        return got


class _Prefix:
    """The LP relaxation (cover ``r`` at least cost) over a shrinking set of items.

    Items sorted by cost per value (exact keys) in a :class:`_Fenwick` of (value, cost) of
    their full units; ``ids`` names the items for :meth:`remove` (default ``0..n-1``).
    """

    __slots__ = ("fen", "rank", "rc", "rv", "u")

    def __init__(
        self,
        v: Sequence[int],
        c: Sequence[int],
        u: Sequence[int],
        ids: Sequence[int] | None = None,
    ) -> None:
        scale = max(v, default=1) ** 2 + 1
        order = sorted(range(len(v)), key=lambda k: (ratio_key(c[k], v[k], scale), k))
        names = list(range(len(v))) if ids is None else list(ids)
        self.rank = {names[k]: r for r, k in enumerate(order)}
        self.rv = [v[k] for k in order]
        self.rc = [c[k] for k in order]
        self.u = [u[k] for k in order]
        self.fen = _Fenwick([v[k] * u[k] for k in order], [c[k] * u[k] for k in order])

    def clone(self) -> _Prefix:
        new = object.__new__(_Prefix)
        new.rank, new.rv, new.rc, new.u = self.rank, self.rv, self.rc, self.u
        new.fen = self.fen.clone()
        return new

    def remove(self, item: int) -> None:
        r = self.rank[item]
        u = self.u[r]
        self.fen.sub(r, self.rv[r] * u, self.rc[r] * u)

    def reach(self) -> int:
        return self.fen.total_a

    def cover(self, r: int) -> int:
        """Least LP cost of covering ``r > 0`` (``_INF`` when the items cannot)."""
        k, sv, sc = self.fen.find(r)
        if k >= self.fen.size:
            return _INF
        return sc + -(-(r - sv) * self.rc[k] // self.rv[k])

    def cover_frac(self, r: int) -> tuple[int, int] | None:
        """:meth:`cover` before rounding, as a fraction ``(num, den)``; ``r > 0``."""
        k, sv, sc = self.fen.find(r)
        if k >= self.fen.size:
            return None
        d = self.rv[k]
        return sc * d + (r - sv) * self.rc[k], d

    def cover_mt(self, r: int) -> int:
        """A bound of covering ``r > 0`` at least as strong as :meth:`cover`: Martello and
        Toth's, branching on the units of the item the LP takes in part. Fewer units of it:
        the LP continues past it; more: the items before it give back the overshoot, at most
        at the dearest of their ratios (the one just before). The lesser of the two bounds
        every plan. (Per state it costs more than the states it saves: used at the root.)"""
        fen = self.fen
        k, sv, sc = fen.find(r)
        if k >= fen.size:
            return _INF
        vk, ck = self.rv[k], self.rc[k]
        need = r - sv
        lp = sc + -(-need * ck // vk)
        if need % vk == 0:
            return lp  # the LP is integral here
        lo = need // vk  # units of k when fewer; lo + 1 when more
        # more units of k: pay them, give back the overshoot at the previous item's ratio
        over = sv + (lo + 1) * vk - r
        more = sc + (lo + 1) * ck
        if sv > 0:
            kp, _, _ = fen.find(sv)
            more -= -(-over * self.rc[kp] // self.rv[kp])
        # fewer units of k: the rest of the need from the items after it
        short = self.u[k] - lo
        r2 = r + short * vk
        if r2 > fen.total_a:
            return max(lp, more)
        k2, sv2, sc2 = fen.find(r2)
        fewer = sc2 + -(-(r2 - sv2) * self.rc[k2] // self.rv[k2]) - short * ck
        return max(lp, min(more, fewer))


class _CountBound:
    """A Lagrangian bound with the number of units: covering ``r`` takes at least ``m(r)``
    units (the largest values first), so for any ``lam >= 0`` a completion costs at least
    ``lam * m(r) + LP(r)`` under unit keys ``c - lam`` (weak duality; options whose reduced key
    is negative are taken in full by that LP). Strong where the plain LP is weak: options that
    cost about the same fixed amount more than their value (the strongly correlated knapsack).
    Over a shrinking set of items like :class:`_Prefix`."""

    __slots__ = ("c", "cnt", "dv", "lam", "neg", "negc", "negv", "pos", "u", "v", "vrank")

    def __init__(self, v: Sequence[int], c: Sequence[int], u: Sequence[int], lam: int) -> None:
        self.v, self.c, self.u, self.lam = v, c, u, lam
        n = len(v)
        self.neg = [c[k] < lam for k in range(n)]
        self.negv = sum(v[k] * u[k] for k in range(n) if self.neg[k])
        self.negc = sum((c[k] - lam) * u[k] for k in range(n) if self.neg[k])
        keep = [k for k in range(n) if not self.neg[k]]
        self.pos = _Prefix(
            [v[k] for k in keep], [c[k] - lam for k in keep], [u[k] for k in keep], keep
        )
        self.dv = sorted(range(n), key=lambda k: (-v[k], k))
        self.vrank = {k: r for r, k in enumerate(self.dv)}
        self.cnt = _Fenwick([v[k] * u[k] for k in self.dv], [u[k] for k in self.dv])

    def clone(self) -> _CountBound:
        new = object.__new__(_CountBound)
        new.v, new.c, new.u, new.lam = self.v, self.c, self.u, self.lam
        new.neg, new.negv, new.negc = self.neg, self.negv, self.negc
        new.dv, new.vrank = self.dv, self.vrank
        new.pos, new.cnt = self.pos.clone(), self.cnt.clone()
        return new

    def remove(self, p: int) -> None:
        v, c, u = self.v, self.c, self.u
        if self.neg[p]:
            self.negv -= v[p] * u[p]
            self.negc -= (c[p] - self.lam) * u[p]
        else:
            self.pos.remove(p)
        self.cnt.sub(self.vrank[p], v[p] * u[p], u[p])

    def units(self, r: int) -> int:
        """``m(r)``: the fewest units covering ``r > 0`` (the largest values first; ``_INF``
        when the items cannot)."""
        k, sv, su = self.cnt.find(r)
        if k >= self.cnt.size:
            return _INF
        return su + -(-(r - sv) // self.v[self.dv[k]])

    def cover(self, r: int) -> int:
        m = self.units(r)
        if m >= _INF:
            return _INF
        rest = r - self.negv
        lp = self.negc + (self.pos.cover(rest) if rest > 0 else 0)
        return self.lam * m + lp


def _count_multiplier(v: Sequence[int], c: Sequence[int], u: Sequence[int], need: int) -> int:
    """A strong multiplier for :class:`_CountBound` covering ``need`` with every item: the
    bound is concave and piecewise linear in the multiplier, with subgradient ``m(need)``
    minus the units its LP takes, so cutting with the tangents at the ends of a bracket
    (Kelley) finds the top in a few LP passes (about 9 at 200 options; bisection took 28).
    Any multiplier gives a valid bound; the choice only needs to be good (the bound itself is
    computed exactly afterwards)."""
    n = len(v)
    if not n or need <= 0:
        return 0
    by_value = sorted(range(n), key=lambda k: -v[k])
    m = 0
    left = need
    for k in by_value:
        if v[k] * u[k] >= left:
            m += -(-left // v[k])
            left = 0
            break
        m += u[k]
        left -= v[k] * u[k]
    if left > 0:
        return 0

    order = list(range(n))

    def dual(lam: int) -> tuple[Fraction, Fraction]:
        """The bound's value at ``lam`` and its slope there (``m`` minus the units its LP
        takes). The LP's order is by ``(c - lam) / v`` to 24 bits: only the choice of
        multiplier depends on it, never the bound's validity."""
        keys = [((c[k] - lam) << 24) // v[k] for k in range(n)]
        # the order of the previous pass, nearly right: timsort runs over it in about n steps
        order.sort(key=keys.__getitem__)
        got = 0
        units = 0
        val = 0
        for k in order:
            full = v[k] * u[k]
            if c[k] < lam or got + full < need:
                got += full
                units += u[k]
                val += (c[k] - lam) * u[k]
                continue
            rem = need - got
            if rem <= 0:
                break
            part = Fraction(rem, v[k])
            return lam * m + val + part * (c[k] - lam), m - units - part
        return Fraction(lam * m + val), Fraction(m - units)

    # the bound is concave and piecewise linear in the multiplier: cut with the tangents at
    # the ends of the bracket (Kelley), bisection when a cut does not shrink it much
    lo, hi = 0, max(c) + 1
    g_lo, s_lo = dual(lo)
    if s_lo <= 0:
        return 0
    # past every key the LP takes every unit: the tangent there without a pass
    total_u = sum(u)
    g_hi = Fraction(hi * m + sum((c[k] - hi) * u[k] for k in range(n)))
    s_hi = Fraction(m - total_u)
    best, best_g = lo, g_lo
    if g_hi > best_g:
        best, best_g = hi, g_hi
    for _ in range(64):
        if hi - lo <= 1 or s_hi >= 0:
            break
        # where the two tangents meet: the top is at or before it
        cut = (g_hi - s_hi * hi - g_lo + s_lo * lo) / (s_lo - s_hi)
        mid = int(cut)
        if not lo < mid < hi:
            mid = (lo + hi) // 2
        g_mid, s_mid = dual(mid)
        if g_mid > best_g:
            best, best_g = mid, g_mid
        # the tangents' meeting value bounds the top: stop when the multiplier attains it
        if g_mid + 1 >= g_lo + s_lo * (cut - lo):
            break
        if s_mid > 0:
            lo, g_lo, s_lo = mid, g_mid, s_mid
        elif s_mid < 0:
            hi, g_hi, s_hi = mid, g_mid, s_mid
        else:
            break
    return best


def _merge(
    vals: list[int], costs: list[int], dv: int, dc: int, cap: int
) -> tuple[list[int], list[int]]:
    """Pareto list of ``(vals, costs)`` united with itself shifted by ``(dv, dc)`` (values
    capped at ``cap``). Inputs and output: values ascending, costs strictly ascending."""
    ov: list[int] = []
    oc: list[int] = []
    i = len(vals) - 1
    j = i
    best = _INF
    # walk both lists from the top (largest value) down, keeping what no state above dominates
    while j >= 0:
        bv = vals[j] + dv
        if bv > cap:
            bv = cap
        bc = costs[j] + dc
        if i >= 0:
            av = vals[i]
            if av > bv or (av == bv and costs[i] <= bc):
                ac = costs[i]
                i -= 1
                if ac < best:
                    if ov and ov[-1] == av:
                        oc[-1] = ac
                    else:
                        ov.append(av)
                        oc.append(ac)
                    best = ac
                continue
        j -= 1
        if bc < best:
            if ov and ov[-1] == bv:
                oc[-1] = bc
            else:
                ov.append(bv)
                oc.append(bc)
            best = bc
    while i >= 0:
        ac = costs[i]
        if ac < best:
            ov.append(vals[i])
            oc.append(ac)
            best = ac
        i -= 1
    ov.reverse()
    oc.reverse()
    return ov, oc


def _lookup(lst: tuple[list[int], list[int]], r: int) -> int:
    """Least cost in a Pareto list among states of value at least ``r`` (``_INF``: none)."""
    vals, costs = lst
    k = bisect_left(vals, r)
    return costs[k] if k < len(vals) else _INF


def min_cost_dp(
    problem: Problem,
    limits: Limits | None = None,
    *,
    target: int | None = None,
    budget: int | None = None,
    incumbent: Sequence[int] | None = None,
    max_states: int = DEFAULT_MAX_STATES,
    trust_incumbent: bool = False,
    proven_key: bool = False,
    _fixed: bool = False,
    _bound: tuple[int, int] | None = None,
) -> DpResult:
    """The least-cost plan (ties: fewest units, then lexicographically smallest), exact.

    ``target`` replaces the problem's target, ``budget`` is the absolute budget (pass the
    problem's own to respect it), ``incumbent`` a feasible plan to prune with
    (``trust_incumbent``: it is likely optimal, so first try one round at its key;
    ``proven_key``: no plan has a smaller key, so that one round, up to ``max_states``, settles
    the tie rule). Only for
    :func:`applicable` requests (the employment minimum is not modelled otherwise). Raises
    :class:`Stopped` when ``limits`` run out and :class:`TooLarge` past ``max_states``.
    """
    opts = problem.options
    tgt = problem.target_cents if target is None else target
    base = [o.min_units for o in opts]
    base_cost = sum(o.cost_cents * o.min_units for o in opts)
    if budget is not None and base_cost > budget:
        return DpResult("infeasible", None)
    raw: dict[str, int] = {}
    for o in opts:
        raw[o.category] = raw.get(o.category, 0) + o.value_cents * o.min_units
    caps = problem.category_caps
    counted = 0
    room: dict[str, int] = {}
    for cat, r in raw.items():
        cap = caps.get(cat)
        if cap is None:
            counted += r
            room[cat] = BIG
        else:
            counted += min(r, cap)
            room[cat] = cap - r
    need = tgt - counted
    if need <= 0:
        return DpResult("optimal", tuple(base))
    # groups: every category whose cap can bind on its own, the rest together
    reach: dict[str, int] = {}
    free_units = 0
    for o in opts:
        if o.value_cents > 0 and o.max_units > o.min_units and room[o.category] > 0:
            reach[o.category] = reach.get(o.category, 0) + o.value_cents * (
                o.max_units - o.min_units
            )
            free_units += o.max_units - o.min_units
    scale = free_units + 1
    pooled = _Group(need)
    groups: dict[str, _Group] = {}
    for cat, r in reach.items():
        if r > room[cat]:
            groups[cat] = _Group(min(room[cat], need))
    for i, o in enumerate(opts):
        if o.value_cents > 0 and o.max_units > o.min_units and room[o.category] > 0:
            grp = groups.get(o.category, pooled)
            grp.items.append(i)
            grp.v.append(o.value_cents)
            grp.c.append(o.cost_cents * scale + 1)
            grp.u.append(o.max_units - o.min_units)
    glist = ([pooled] if pooled.items else []) + list(groups.values())
    for grp in glist:
        grp.eff = min(grp.cap, sum(a * b for a, b in zip(grp.v, grp.u, strict=True)))
    total_eff = sum(grp.eff for grp in glist)
    if total_eff < need:
        return DpResult("infeasible", None)
    # the least each group must count, and the least (LP) key that costs
    lbs = []
    roots = [_Prefix(g.v, g.c, g.u) for g in glist]  # each group's LP over all its items
    for grp, root in zip(glist, roots, strict=True):
        grp.root = root
        grp.need = max(0, need - (total_eff - grp.eff))
        lbs.append(root.cover(grp.need) if grp.need > 0 else 0)
    if len(glist) > 1:
        lbs = [_group_floor(opts, g, lb, limits) for g, lb in zip(glist, lbs, strict=True)]
    for grp, lb in zip(glist, lbs, strict=True):
        grp.others_lb = sum(lbs) - lb
        grp.total = need
    # only where it beats the LP by more than a cent per option (as the count bound below)
    n_opts = sum(len(g.items) for g in glist)
    lagr_lb = _lagrange_bounds(glist, need, scale * n_opts, limits) if len(glist) > 1 else 0
    if len(glist) > 1:
        segs = [_lp_segments(g) for g in glist]
        for gi, grp in enumerate(glist):
            grp.others = [sg for h, ss in enumerate(segs) if h != gi for sg in ss]

    # the incumbent's key bounds every state (budget too)
    ub = _INF
    if budget is not None:
        ub = (budget - base_cost) * scale + scale - 1
    inc: list[int] | None = None
    if incumbent is not None:
        inc = list(incumbent)
    else:
        greedy = _greedy(glist, need)
        if greedy is not None:
            inc = list(base)
            for i, t in greedy:
                inc[i] += t
    if (
        inc is not None
        and all(o.min_units <= xi <= o.max_units for o, xi in zip(opts, inc, strict=True))
        and problem.counted(inc) >= tgt
        and (budget is None or problem.cost(inc) <= budget)
    ):
        ub = min(ub, (problem.cost(inc) - base_cost) * scale + sum(inc) - sum(base))
    else:
        inc = None

    if _bound is not None:
        ub = min(ub, (_bound[0] - base_cost) * scale + _bound[1] - sum(base))
    if not _fixed and len(glist) == 1 and ub < _INF:
        # reduced-cost fixing at a guessed key ``g``: every plan of key <= g keeps its ranges,
        # so a round on the fixed problem finds the optimum once one of key <= g exists
        grp0 = glist[0]
        inc_key = ub

        def fixed_at(g: int) -> DpResult | None:
            fixed = _reduced_cost_fix(grp0, need, g)
            # the plateau's bit sets judge their own size (a few free options or many)
            flat = _plateau_at(grp0, need, g, fixed, base, limits)
            if flat is not None:
                return flat
            if 2 * len(fixed) < len(grp0.items):
                # most options free (near ties: the LP is tight on everything): a round on the
                # fixed problem saves little, the lists below as they are
                return None
            opts2 = list(opts)
            for i, lo, hi in fixed:
                o = opts[i]
                opts2[i] = dataclasses.replace(
                    o, min_units=o.min_units + lo, max_units=o.min_units + hi
                )
            sub = dataclasses.replace(problem, options=tuple(opts2))
            at_inc = g >= inc_key
            return min_cost_dp(
                sub,
                limits,
                target=tgt,
                budget=budget,
                incumbent=inc if at_inc else None,
                max_states=max_states,
                trust_incumbent=trust_incumbent and at_inc,
                proven_key=proven_key and at_inc,
                _fixed=True,
                _bound=(base_cost + g // scale, sum(base) + g % scale),
            )

        def widen(guesses: Iterable[int]) -> DpResult | None:
            """Rounds at growing guesses until one finds the optimum (``None``: too few
            options fix), the last at the incumbent's key."""
            for g in guesses if inc is not None and not proven_key else ():
                if g >= ub:
                    break
                fx = fixed_at(g)
                if fx is None:
                    break
                if fx.status == "optimal":
                    return fx
            return fixed_at(ub)

        lp = _lp_value(grp0, need)
        if lp is not None:
            fx = widen(_doubling(lp, max(scale, (ub - lp) // 8)))
            if fx is not None:
                return fx
            # the plain LP fixes too little; where the count bound is on (the strongly
            # correlated knapsack) it is within cents of the optimum: fix on its reduced costs,
            # first at the bound itself (rounded up) -- the optimum is often there, and fixing
            # at it leaves only the options of zero reduced cost -- then a cent above, two, ...
            _count_lb(grp0, lbs[0], scale)
            lp = _lp_value(grp0, need) if grp0.lam else None
            if lp is not None:
                fx = widen(chain([lp + 1], _doubling(lp, scale)))
                if fx is not None:
                    return fx

    # Iterative widening: lists pruned at a guessed key ``g`` find every plan of key <= g
    # (bounds only drop states that cannot); starting near the LP bound keeps them short.
    # one group: its root LP is the LP relaxation (its cap is at least the need)
    lower = lbs[0] if len(glist) == 1 else _lp_bound(glist, need)
    if lower >= _INF:
        return DpResult("infeasible", None)
    counted_lb = sum(_count_lb(g, plain, scale) for g, plain in zip(glist, lbs, strict=True))
    lower = max(lower, counted_lb, lagr_lb)
    if len(glist) == 1 and not glist[0].lam:
        # Martello and Toth's bound at the root: a better start to widen from
        lower = max(lower, roots[0].cover_mt(need))
    # the first guess: a cent above the bound where the count bound is on (it is then within
    # cents of the optimum), else a small share of the gap to the incumbent
    strong = any(g.lam for g in glist)
    gap = (scale if strong else max(scale, (ub - lower) // 1024)) if ub < _INF else _INF
    n_items = sum(len(g.items) for g in glist)
    # a searched incumbent is mostly optimal: first one round at its key, given up (for the
    # widening) if it grows past a few states per option
    trial = trust_incumbent and incumbent is not None and (proven_key or not strong) and ub < _INF
    hscale = _hull_scale(glist, need)
    states = 0
    while True:
        guess = ub if trial or gap >= _INF else min(ub, lower + gap)
        round_start = states
        # a strong bound with a plateau of near ties: even the first window (a cent above the
        # bound) holds a great many states; another back end does better, say so at once
        cap_states = max_states
        if strong and round_start == 0 and not trial:
            cap_states = min(max_states, _PLATEAU_STATES * (1 + n_items))
        if trial and not proven_key:
            cap_states = min(max_states, states + _TRIAL_STATES * (1 + n_items))
        try:
            for grp in glist:
                states = _build(grp, guess, limits, states, cap_states)
        except TooLarge:
            if not trial or states > max_states:
                raise
            trial = False
            continue
        trial = False
        best = _combine(
            [g.lists[0] for g in glist],
            [_raw_hull(g.lists[0], hscale) for g in glist],
            [0] * len(glist),
            [g.cap for g in glist],
            need,
            guess,
        )
        if best <= guess:
            if len(glist) > 1 and best < guess:
                # the lists pruned at the optimal key with the other groups' hulls: far fewer
                # states to split
                _tighten(glist, best, need, hscale)
            if len(glist) == 1:
                return DpResult("optimal", _rebuild(glist[0], base, best, need))
            return DpResult("optimal", _rebuild_split(glist, base, best, need))
        if guess >= ub:
            return DpResult("infeasible", None)
        # few states: the guess is far below the optimum, widen faster; many: carefully
        grown = states - round_start
        gap *= 4 if grown < 4 * n_items else 2


def _group_floor(opts: Sequence[Option], grp: _Group, lp: int, limits: Limits | None) -> int:
    """The least key of the group's part in any plan: the group alone counting its need
    (what it must count even with every other group at its most), solved exactly by the
    single-group lists; the LP bound ``lp`` when they outgrow :data:`_FLOOR_STATES` states per
    option. The other groups' floors bound what a state of one group leaves for the rest."""
    if grp.need <= 0:
        return 0
    part = Problem(
        options=tuple(
            dataclasses.replace(opts[i], category="", min_units=0, max_units=u)
            for i, u in zip(grp.items, grp.u, strict=True)
        ),
        target_cents=grp.need,
    )
    try:
        got = min_cost_dp(part, limits, max_states=_FLOOR_STATES * (1 + len(grp.items)))
    except TooLarge:
        return lp
    if got.units is None:  # pragma: no cover - the group's items reach its need
        return lp
    return max(lp, sum(c * x for c, x in zip(grp.c, got.units, strict=True)))


def _lagrange_bounds(glist: list[_Group], need: int, least_gain: int, limits: Limits | None) -> int:
    """Give every group its :class:`_Lagrange` bound at the LP's multiplier (the key per
    value of its break item: any multiplier gives a valid bound, the LP's a strong one);
    returns the bound on every plan's key, ``(P * need + sum of the floors) / Q`` rounded up
    -- 0, and no bounds given, when it does not beat the LP bound by more than
    ``least_gain`` (it would cost a lookup per state for nothing)."""
    got = _lp_greedy(glist, need)
    if got is None:
        return 0
    price = got[1]
    budget = [_FLOOR_STATES * (1 + len(g.items)) for g in glist]
    phis = [_lagrange_floor(g, price, b, limits) for g, b in zip(glist, budget, strict=True)]
    tot = sum(phis)
    bound = -(-(tot + price[0] * need) // price[1])
    if bound <= -(-got[0].numerator // got[0].denominator) + least_gain:
        return 0
    for grp, ph in zip(glist, phis, strict=True):
        grp.lagr = _Lagrange(grp.v, grp.c, grp.u, grp.cap, price, tot - ph + price[0] * need)
    return bound


def _lagrange_floor(
    grp: _Group, lam: tuple[int, int], max_states: int, limits: Limits | None = None
) -> int:
    """``Q`` times the least ``key - lam * counted`` over every part of the group (``lam =
    P / Q``), exact: Pareto lists over its items, the most decided first (largest reduced key
    per value), a state dropped when even the LP of the items still to add cannot take it
    below the best part found. Past ``max_states`` states, the LP's value instead (a lower
    bound of it)."""
    pp, q = lam
    v, c, u, cap = grp.v, grp.c, grp.u, grp.cap
    bound = _Lagrange(v, c, u, cap, lam, 0)
    lp = bound.bound(0, 0)  # the LP over every item: the floor when the lists grow too long
    # integer keys of |reduced key| per value (a processing order only)
    order = sorted(range(len(v)), key=lambda k: -(abs(c[k] * q - pp * v[k]) << 32) // (v[k] * q))
    vals, costs = [0], [0]
    best = _lagrange_greedy(grp, lam)
    states = 0
    for k in order:
        t, left = 1, u[k]
        while left > 0:
            part = t if t < left else left
            vals, costs = _merge(vals, costs, v[k] * part, c[k] * part, cap)
            left -= part
            t <<= 1
        bound.remove(k)
        if limits is not None and limits.expired():
            raise Stopped
        if len(vals) > _PREPARE_AT:
            bound.prof.fen.prepare()
        for sv, sc in zip(vals, costs, strict=True):
            got = q * sc - pp * sv
            if got < best:
                best = got
        kv: list[int] = []
        kc: list[int] = []
        for sv, sc in zip(vals, costs, strict=True):
            if bound.bound(sv, sc) < best:
                kv.append(sv)
                kc.append(sc)
        vals, costs = kv or [0], kc or [0]
        states += len(vals)
        if states > max_states:
            return lp
    return best


def _lagrange_greedy(grp: _Group, lam: tuple[int, int]) -> int:
    """A part's ``Q * (key - lam * counted)`` to start :func:`_lagrange_floor` from: the units
    cheaper than ``lam`` per value by key per value while they fit under the cap, then one
    more unit past it where that lowers the sum."""
    pp, q = lam
    v, c, u, cap = grp.v, grp.c, grp.u, grp.cap
    scale = max(v, default=1) ** 2 + 1
    order = sorted(
        (k for k in range(len(v)) if c[k] * q < pp * v[k]),
        key=lambda k: ratio_key(c[k], v[k], scale),
    )
    best = 0
    sv = sc = 0
    for k in order:
        t = min(u[k], (cap - sv) // v[k])
        sv += v[k] * t
        sc += c[k] * t
        best = min(best, q * sc - pp * sv)
        if t < u[k]:  # one more unit passes the cap
            best = min(best, q * (sc + c[k]) - pp * cap)
    return best


def _doubling(start: int, step: int) -> Iterator[int]:
    """``start + step``, ``start + 2 * step``, ``start + 4 * step``, ..."""
    while True:
        yield start + step
        step *= 2


def _count_lb(grp: _Group, plain: int, scale: int) -> int:
    """The group's lower bound on the key of counting its need: the count bound
    (:class:`_CountBound`, switched on in ``grp.lam``/``grp.count``) where it beats the plain
    LP ``plain`` by more than a cent per option -- else it costs a lookup per state for
    nothing -- otherwise ``plain``. Decided once per group."""
    if grp.count_lb is not None:
        return grp.count_lb
    grp.count_lb = plain
    if len(grp.items) >= 8 and grp.need > 0:
        lam = _count_multiplier(grp.v, grp.c, grp.u, grp.need)
        if lam:
            cb = _CountBound(grp.v, grp.c, grp.u, lam)
            got = cb.cover(grp.need)
            if got > plain + scale * len(grp.items):
                grp.lam = lam
                grp.count = cb
                grp.count_lb = got
    return grp.count_lb


def _reduced_cost_fix(grp: _Group, need: int, ub: int) -> list[tuple[int, int, int]]:
    """Reduced-cost fixing: the options' unit ranges every plan of key at most ``ub`` keeps.

    With the count multiplier ``lam`` (``grp.lam``, 0 when the count bound is off), the
    multiplier ``mu = (c_b - lam) / v_b`` of the LP under unit keys ``c - lam`` (its break
    item ``b``) and reduced costs ``d_j = c_j - lam - mu * v_j``, every plan ``x`` counting
    ``need`` has key ``sum c_j x_j = lam * sum x_j + sum (c_j - lam) x_j >= lam * m + LP_lam +
    sum_j |d_j| * dev_j`` (``m``: the fewest units covering ``need``; ``dev_j`` = ``x_j``
    where ``d_j > 0``, ``u_j - x_j`` where ``d_j < 0``) -- the bound of :class:`_CountBound`
    plus what each option's deviation from the LP costs. A plan of key at most ``ub`` thus has
    ``dev_j <= (ub - bound) / |d_j|``: ranges outside that hold only plans of a strictly larger
    key, so every plan the tie rule compares survives. On the strongly correlated knapsack
    the plain LP (``lam = 0``) is far below the optimum and fixes nothing, the count bound is
    within cents of it and fixes most options. Exact integers (everything times ``v_b``).
    Returns ``(problem index, lowest, highest free units)`` for every option whose range
    shrinks.
    """
    got = _lp_break(grp, need)
    if got is None:
        return []
    cb, vb, lp_vb = got
    gap = ub * vb - lp_vb  # (ub - bound) * v_b
    if gap < 0:
        return []
    lam = grp.lam
    out = []
    for k in range(len(grp.v)):
        d = (grp.c[k] - lam) * vb - cb * grp.v[k]  # d_k * v_b
        u = grp.u[k]
        if d > 0:
            hi = gap // d
            if hi < u:
                out.append((grp.items[k], 0, hi))
        elif d < 0:
            lo = u - gap // -d
            if lo > 0:
                out.append((grp.items[k], lo, u))
    return out


def _plateau_at(
    grp: _Group,
    need: int,
    g: int,
    fixed: list[tuple[int, int, int]],
    base: list[int],
    limits: Limits | None,
) -> DpResult | None:
    """The least-key plan of key at most ``g`` by :mod:`bouwblokken.optimize.plateau` within
    the ranges reduced-cost fixing left (``None``: its tables would be too large, or the count
    bound is off -- the lists take the round)."""
    got = _lp_break(grp, need) if grp.lam else None
    if got is None:
        return None
    cb, vb, _ = got
    where = {i: k for k, i in enumerate(grp.items)}
    lo = [0] * len(grp.items)
    hi = list(grp.u)
    for i, a, b in fixed:
        lo[where[i]], hi[where[i]] = a, b
    box = plateau.Box(grp.v, grp.c, lo, hi, need)
    res = plateau.least_key_plan(box, g, (grp.lam, cb, vb), limits)
    if res is None:
        return None
    if res is False:
        return DpResult("infeasible", None)
    units = list(base)
    for i, t in zip(grp.items, res[1], strict=True):
        units[i] += t
    return DpResult("optimal", tuple(units))


def _lp_value(grp: _Group, need: int) -> int | None:
    """The group's LP bound (with the count term when ``grp.lam`` is on) on the key of
    counting ``need``, rounded down (``None``: it cannot count that much)."""
    got = _lp_break(grp, need)
    return None if got is None else got[2] // got[1]


def _lp_break(grp: _Group, need: int) -> tuple[int, int, int] | None:
    """The break item ``(c_b - lam, v_b)`` of the LP under unit keys ``c - lam``
    (``lam = grp.lam``) and the bound ``lam * m + LP_lam`` of :func:`_reduced_cost_fix`
    times ``v_b``, exact; ``(0, 1, bound)`` when the options of negative key alone cover
    ``need`` (then ``mu = 0``); cached."""
    lam = grp.lam
    if grp.brk is not None and grp.brk[0] == (need, lam):
        return grp.brk[1]
    v, c, u = grp.v, grp.c, grp.u
    scale = max(v) ** 2 + 1
    neg = [k for k in range(len(v)) if c[k] < lam]
    order = sorted(
        (k for k in range(len(v)) if c[k] >= lam),
        key=lambda k: ratio_key(c[k] - lam, v[k], scale),
    )
    rest = need - sum(v[k] * u[k] for k in neg)
    full_cost = sum((c[k] - lam) * u[k] for k in neg)
    if lam:
        assert grp.count is not None
        full_cost += lam * grp.count.units(need)
    out: tuple[int, int, int] | None = (0, 1, full_cost) if rest <= 0 else None
    for k in order if rest > 0 else ():
        full = v[k] * u[k]
        if full < rest:
            rest -= full
            full_cost += (c[k] - lam) * u[k]
            continue
        out = (c[k] - lam, v[k], full_cost * v[k] + (c[k] - lam) * rest)
        break
    grp.brk = ((need, lam), out)
    return out


def _lp_segments(grp: _Group) -> list[tuple[int, int]]:
    """The group's LP cost of counting ``w`` as segments ``(dv, dc)`` by cost per value, cut
    at the group's cap (the cut segment's cost rounded down: a lower bound)."""
    scale = max(grp.v, default=1) ** 2 + 1
    order = sorted(range(len(grp.v)), key=lambda k: ratio_key(grp.c[k], grp.v[k], scale))
    room = grp.cap
    out = []
    for k in order:
        if room <= 0:
            break
        dv = grp.v[k] * grp.u[k]
        if dv >= room:
            out.append((room, grp.c[k] * room // grp.v[k]))
            break
        out.append((dv, grp.c[k] * grp.u[k]))
        room -= dv
    return out


def _hull_scale(glist: list[_Group], need: int) -> int:
    """A scale above the square of every value step, for exact integer slope keys."""
    top = max([need, *(max(g.v, default=0) for g in glist)])
    return (top + 1) ** 2 + 1


def _tighten(glist: list[_Group], limit: int, need: int, hscale: int) -> None:
    """Drop the states no plan of key ``limit`` or less uses, with a bound across groups: a
    state's key, plus the LP over the group's items still to add and the hulls of the other
    groups' full lists, exceeds ``limit``."""
    hulls = [_raw_hull(g.lists[0], hscale) for g in glist]
    caps = [g.cap for g in glist]
    for gi, grp in enumerate(glist):
        others = [h for k, h in enumerate(hulls) if k != gi]
        ocaps = [c for k, c in enumerate(caps) if k != gi]
        zero = [0] * len(others)
        extra: list[tuple[int, int, int]] = []
        for p in range(len(grp.lists)):
            if p > 0:  # item p-1 joins the items still to add
                vq, cq, uq = grp.v[p - 1], grp.c[p - 1], grp.u[p - 1]
                insort(extra, (cq * hscale // vq, vq * uq, cq * uq))
            bound = _Hull(others, zero, ocaps, extra)
            vals, costs = grp.lists[p]
            kv: list[int] = []
            kc: list[int] = []
            for sv, sc in zip(vals, costs, strict=True):
                if sc + bound.cover(need - sv) <= limit:
                    kv.append(sv)
                    kc.append(sc)
            grp.lists[p] = (kv, kc)


def _lp_bound(glist: list[_Group], need: int) -> int:
    """The LP relaxation's least key, rounded up (``_INF``: the groups cannot count ``need``)."""
    got = _lp_greedy(glist, need)
    return _INF if got is None else -(-got[0].numerator // got[0].denominator)


def _lp_greedy(glist: list[_Group], need: int) -> tuple[Fraction, tuple[int, int]] | None:
    """The LP relaxation with the groups' caps, greedy by key per value (exact for caps on
    disjoint groups): its least key, exact, and its break item's ``(key, value)`` per unit."""
    items = [(g.c[p], g.v[p], g.u[p], gi) for gi, g in enumerate(glist) for p in range(len(g.v))]
    scale = max((it[1] for it in items), default=1) ** 2 + 1
    items.sort(key=lambda it: ratio_key(it[0], it[1], scale))
    left = [g.cap for g in glist]
    got = 0
    cost = Fraction(0)
    for c, v, u, gi in items:
        take = min(v * u, left[gi], need - got)
        if take <= 0:
            continue
        left[gi] -= take
        got += take
        cost += Fraction(take * c, v)
        if got >= need:
            return cost, (c, v)
    return None


def _build(grp: _Group, ub: int, limits: Limits | None, states: int, max_states: int) -> int:
    """Fill ``grp.lists`` from the last item to the first, pruned by ``ub``."""
    m = len(grp.items)
    v, c, u = grp.v, grp.c, grp.u
    cap = grp.cap
    gneed = grp.need
    olb = grp.others_lb
    # with other groups: the LP of this group's items still to add and the other groups'
    # segments together must cover what the state leaves of the total need
    if grp.tpl is None:
        cb = grp.count
        if cb is None and grp.lam > 0:
            cb = _CountBound(v, c, u, grp.lam)
        grp.tpl = (
            grp.root if grp.root is not None else _Prefix(v, c, u),
            cb,
            _Joint(v, c, u, grp.others) if grp.others else None,
        )
    tp, tc, tj = grp.tpl
    count = tc.clone() if tc is not None else None
    # the count bound is the stronger where it is on (that is why it is): the plain LP then
    # only costs a removal and a lookup per state (a weaker bound prunes less, never wrongly)
    prefix = tp.clone() if count is None else None
    joint = tj.clone() if tj is not None else None
    lagr = grp.lagr.clone() if grp.lagr is not None else None
    qub = ub * lagr.q if lagr is not None else 0
    total = grp.total
    vals: list[int] = [0]
    costs: list[int] = [0]
    lists: list[tuple[list[int], list[int]]] = [(vals, costs)]
    if limits is not None and limits.expired():
        raise Stopped
    next_check = states + _CHECK_EVERY
    for p in range(m - 1, -1, -1):
        vp, cp, up = v[p], c[p], u[p]
        t = 1
        left = up
        while left > 0:
            part = t if t < left else left
            vals, costs = _merge(vals, costs, vp * part, cp * part, cap)
            left -= part
            t <<= 1
        if prefix is not None:
            prefix.remove(p)
        if count is not None:
            count.remove(p)
        if joint is not None:
            joint.remove(p)
        if lagr is not None:
            lagr.remove(p)
        if joint is None and vals and vals[-1] >= total:
            # a state that counts the whole need is a plan (the items before p at their
            # minimum): its key bounds the rest of the run (Minknap's incumbent updates)
            done = costs[bisect_left(vals, total)]
            if done < ub:
                ub = done
        # drop states the items before p cannot complete within the incumbent's key
        if len(vals) > _PREPARE_AT:
            if prefix is not None:
                prefix.fen.prepare()
            if count is not None:
                count.cnt.prepare()
                count.pos.fen.prepare()
            if joint is not None:
                joint.fen.prepare()
                joint.mine.fen.prepare()
            if lagr is not None:
                lagr.prof.fen.prepare()
        reach = prefix.reach() if prefix is not None else count.cnt.total_a  # type: ignore[union-attr]
        limit = ub - olb
        kv: list[int] = []
        kc: list[int] = []
        for sv, sc in zip(vals, costs, strict=True):
            if sc > limit:
                break
            if lagr is not None and lagr.bound(sv, sc) > qub:
                continue
            if joint is not None and sc + joint.cover(total - sv, cap - sv) > ub:
                continue
            r = gneed - sv
            if r > 0:
                if r > reach:
                    continue
                if prefix is not None:
                    if sc + prefix.cover(r) > limit:
                        continue
                elif sc + count.cover(r) > limit:  # type: ignore[union-attr]
                    continue
            kv.append(sv)
            kc.append(sc)
        vals, costs = kv, kc
        lists.append((vals, costs))
        states += len(vals)
        if states >= next_check or states > max_states:
            next_check = states + _CHECK_EVERY
            if states > max_states:
                raise TooLarge
            if limits is not None and limits.expired():
                raise Stopped
    lists.reverse()
    grp.lists = lists
    return states


RawHull = tuple[int, int, list[tuple[int, int, int]]]
"""A list's lower convex hull: first point ``(v0, c0)`` and segments ``(slope key, dv, dc)``."""


def _raw_hull(lst: tuple[list[int], list[int]], scale: int) -> RawHull:
    """The lower convex hull of a Pareto list's points (``scale`` > every ``dv**2``, so the
    integer slope keys order exactly like the slopes)."""
    vals, costs = lst
    hv: list[int] = []
    hc: list[int] = []
    for v1, c1 in zip(vals, costs, strict=True):
        while len(hv) >= 2 and (
            (hc[-1] - hc[-2]) * (v1 - hv[-2]) >= (c1 - hc[-2]) * (hv[-1] - hv[-2])
        ):
            hv.pop()
            hc.pop()
        hv.append(v1)
        hc.append(c1)
    if not hv:
        return 0, _INF, []
    segs = []
    for k in range(len(hv) - 1):
        dv = hv[k + 1] - hv[k]
        dc = hc[k + 1] - hc[k]
        segs.append((dc * scale // dv, dv, dc))
    return hv[0], hc[0], segs


class _Hull:
    """A lower bound on the key some lists need to add value ``r`` together: each list's
    least state plus the lists' lower convex hulls merged by slope (the LP over the hulls,
    exact by convexity), each hull cut where its shifted values reach the list's cap."""

    __slots__ = ("base_c", "base_v", "cc", "cv", "sc", "sv")

    def __init__(
        self,
        hulls: Sequence[RawHull],
        shift_v: Sequence[int],
        caps: Sequence[int],
        extra: Sequence[tuple[int, int, int]] = (),
    ) -> None:
        base_v = base_c = 0
        segs: list[tuple[int, int, int]] = list(extra)
        for (v0, c0, hs), sh, cap in zip(hulls, shift_v, caps, strict=True):
            base_c += c0
            top = cap - sh  # list values beyond this count no more
            if v0 >= top:
                base_v += cap
                continue
            base_v += v0 + sh
            room = top - v0
            for seg in hs:
                if seg[1] >= room:
                    segs.append((seg[0], room, seg[2] * room // seg[1]))
                    break
                segs.append(seg)
                room -= seg[1]
        segs.sort()
        self.base_v = base_v
        self.base_c = base_c
        self.sv = [0, *accumulate(t[1] for t in segs)]
        self.sc = [0, *accumulate(t[2] for t in segs)]
        self.cv = [t[1] for t in segs]
        self.cc = [t[2] for t in segs]

    def cover(self, r: int) -> int:
        base_c = self.base_c
        if base_c >= _INF:
            return _INF
        r -= self.base_v
        if r <= 0:
            return base_c
        sv = self.sv
        k = bisect_left(sv, r)
        if k >= len(sv):
            return _INF
        return base_c + self.sc[k - 1] + (r - sv[k - 1]) * self.cc[k - 1] // self.cv[k - 1]


def _combine(
    lists: Sequence[tuple[list[int], list[int]]],
    hulls: Sequence[RawHull],
    shift_v: Sequence[int],
    caps: Sequence[int],
    need: int,
    limit: int = _INF,
) -> int:
    """Least total key of one state per list (values shifted and capped per list) counting at
    least ``need`` in total, ``_INF`` when none within ``limit``."""
    k = len(lists)
    if k == 0:
        return 0 if need <= 0 else _INF
    if k == 1:
        r = need - shift_v[0]
        vals, costs = lists[0]
        if need > caps[0]:
            return _INF
        got = _lookup(lists[0], r) if r > 0 else (costs[0] if costs else _INF)
        return got if got <= limit else _INF
    # the longest list last: it is only looked up, never paired
    order = sorted(range(k), key=lambda q: len(lists[q][0]))
    lists = [lists[q] for q in order]
    hulls = [hulls[q] for q in order]
    shift_v = [shift_v[q] for q in order]
    caps = [caps[q] for q in order]
    # partial combinations as a Pareto list of (total value capped at need, key), pruned by
    # the hull bound of the lists still to come
    cur_v = [0]
    cur_c = [0]
    for q in range(k - 1):
        vals, costs = lists[q]
        sq, cq = shift_v[q], caps[q]
        rest = _Hull(hulls[q + 1 :], shift_v[q + 1 :], caps[q + 1 :])
        rest_c = rest.base_c
        pairs = []
        for av, ac in zip(cur_v, cur_c, strict=True):
            room = limit - ac
            for bv, bc in zip(vals, costs, strict=True):
                if bc > room:
                    break
                w = bv + sq
                if w > cq:
                    w = cq
                w += av
                if w > need:
                    w = need
                tot = ac + bc
                if tot + rest_c > limit or tot + rest.cover(need - w) > limit:
                    continue
                pairs.append((tot, -w))
        pairs.sort()
        cur_v, cur_c = [], []
        top = -1
        for tot, negw in pairs:
            if -negw > top:
                top = -negw
                cur_v.append(top)
                cur_c.append(tot)
        if not cur_v:
            return _INF
    vals, costs = lists[k - 1]
    sq, cq = shift_v[k - 1], caps[k - 1]
    best = _INF
    for av, ac in zip(cur_v, cur_c, strict=True):
        r = need - av  # the last list must bring r after its shift and cap
        if r > cq:
            continue
        got = _lookup((vals, costs), r - sq) if r > 0 else (costs[0] if costs else _INF)
        if ac + got < best:
            best = ac + got
    return best if best <= limit else _INF


def _rebuild(grp: _Group, base: list[int], best: int, need: int) -> tuple[int, ...]:
    """The lexicographically smallest plan of key ``best`` when one group holds every option:
    forwards in the problem's order (the group's items are in it), each option at the fewest
    units for which the next suffix list still completes the key (several groups:
    :func:`_rebuild_split`)."""
    units = list(base)
    committed_v = committed_c = 0
    for p, i in enumerate(grp.items):
        vp, cp, up = grp.v[p], grp.c[p], grp.u[p]
        for t in range(up + 1):
            cv, cc = committed_v + vp * t, committed_c + cp * t
            if cc > best:
                break
            r = need - cv
            # a state of value >= r with the least key; r <= 0: the empty rest (key 0)
            if cc + (_lookup(grp.lists[p + 1], r) if r > 0 else 0) <= best:
                units[i] += t
                committed_v, committed_c = min(grp.cap, cv), cc
                break
        else:  # pragma: no cover - the key was reached, some count must complete it
            raise AssertionError("no completion of the optimal key")
    return tuple(units)


def _optimal_splits(
    glist: list[_Group], best: int, need: int, hscale: int
) -> list[tuple[int, ...]]:
    """The keys an optimal plan can give each group, as one state per group's full list
    (``lists[0]``, indices returned): keys summing to exactly ``best``, values counting
    ``need``. An optimal plan's part in a group has a key of the list: the list's state of
    least key among those of at least the part's value has at most its key, and a smaller one
    would make a cheaper plan. Partial sums are merged as in :func:`_combine` (the longest
    list last, only looked up), but dropped only for one of at least their value and a
    strictly smaller key (ties stay: each is a split of its own), remembering every way they
    were reached."""
    k = len(glist)
    order = sorted(range(k), key=lambda q: len(glist[q].lists[0][0]))
    lists = [glist[q].lists[0] for q in order]
    caps = [glist[q].cap for q in order]
    hulls = [_raw_hull(lst, hscale) for lst in lists]
    zero = [0] * k
    # level q: the partial sums over the first q lists, (value capped at need, key), and for
    # each the ways to it: (partial sum of the level before, state of list q - 1)
    cur: list[tuple[int, int]] = [(0, 0)]
    back: list[list[list[tuple[int, int]]]] = []
    for q in range(k - 1):
        vals, costs = lists[q]
        rest = _Hull(hulls[q + 1 :], zero[q + 1 :], caps[q + 1 :])
        pairs: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for a, (av, ac) in enumerate(cur):
            for s, (bv, bc) in enumerate(zip(vals, costs, strict=True)):
                tot = ac + bc
                if tot > best:
                    break
                w = min(need, av + bv)
                if tot + rest.cover(need - w) > best:
                    continue
                pairs.setdefault((w, tot), []).append((a, s))
        cur = []
        ways: list[list[tuple[int, int]]] = []
        least = _INF  # the least key among the partial sums of larger value
        for w, tot in sorted(pairs, key=lambda wt: (-wt[0], wt[1])):
            if tot <= least:
                cur.append((w, tot))
                ways.append(pairs[(w, tot)])
                least = tot
        back.append(ways)
        if not cur:
            return []
    vals, costs = lists[k - 1]

    def expand(q: int, a: int) -> list[tuple[int, ...]]:
        """Every way to partial sum ``a`` of level ``q``, as states of lists ``0..q-1``."""
        if q == 0:
            return [()]
        return [(*g, s) for b, s in back[q - 1][a] for g in expand(q - 1, b)]

    out: list[tuple[int, ...]] = []
    for a, (av, ac) in enumerate(cur):
        j = bisect_left(costs, best - ac)
        if j < len(costs) and costs[j] == best - ac and av + vals[j] >= need:
            for g in expand(k - 1, a):
                split = [0] * k
                for q, st in zip(order, (*g, j), strict=True):
                    split[q] = st
                out.append(tuple(split))
    return out


def _most(lst: tuple[list[int], list[int]], budget: int) -> int:
    """The largest value in a Pareto list among states of key at most ``budget``
    (``-_INF``: none)."""
    vals, costs = lst
    j = bisect_right(costs, budget)
    return vals[j - 1] if j else -_INF


def _rebuild_split(glist: list[_Group], base: list[int], best: int, need: int) -> tuple[int, ...]:
    """The lexicographically smallest plan of key ``best`` over several groups.

    Per split (:func:`_optimal_splits`: the key ``k_g`` of every group) the plans are those
    whose part in each group costs at most ``k_g`` (exactly, since the keys sum to the optimum)
    and whose parts count ``need`` together. Forwards in the problem's order, each option gets
    the fewest units for which the most each group can still count within its key (one lookup
    in the group's next suffix list) adds up to ``need``. The smallest plan over the splits is
    the plan."""
    hscale = _hull_scale(glist, need)
    k = len(glist)
    # the groups' options in the problem's order: (group, place in the group)
    order = sorted((i, gi, p) for gi, g in enumerate(glist) for p, i in enumerate(g.items))
    plans = []
    for split in _optimal_splits(glist, best, need, hscale):
        left = [g.lists[0][1][s] for g, s in zip(glist, split, strict=True)]  # key to spend
        got = [0] * k  # value committed
        most = [min(g.cap, _most(g.lists[0], b)) for g, b in zip(glist, left, strict=True)]
        total = sum(most)
        units = list(base)
        for i, gi, p in order:
            grp = glist[gi]
            others = total - most[gi]
            vp, cp, up = grp.v[p], grp.c[p], grp.u[p]
            nxt = grp.lists[p + 1]
            for t in range(up + 1):
                b = left[gi] - cp * t
                if b < 0:
                    break
                m = min(grp.cap, got[gi] + vp * t + _most(nxt, b))
                if others + m >= need:
                    units[i] += t
                    got[gi] += vp * t
                    left[gi] = b
                    most[gi] = m
                    total = others + m
                    break
            else:  # pragma: no cover - the split is reachable, some count must complete it
                raise AssertionError("no completion of the optimal split")
        plans.append(tuple(units))
    if not plans:  # pragma: no cover - the key was reached, some split must give it
        raise AssertionError("no split of the optimal key")
    return min(plans)


def _greedy(glist: list[_Group], need: int) -> list[tuple[int, int]] | None:
    """A feasible plan to prune with, as ``(problem position, extra units)``: options by cost
    per value, each up to what its group still counts, then units removed (dearest per value
    first) while the plan still counts ``need``."""
    items = [
        (g.c[p], g.v[p], g.u[p], gi, g.items[p])
        for gi, g in enumerate(glist)
        for p in range(len(g.items))
    ]
    scale = max((it[1] for it in items), default=1) ** 2 + 1
    items.sort(key=lambda it: (ratio_key(it[0], it[1], scale), it[4]))
    caps = [g.cap for g in glist]
    val = [0] * len(glist)
    got = 0
    take = [0] * len(items)
    for k, (_, v, u, gi, _i) in enumerate(items):
        if got >= need:
            break
        room = min(caps[gi] - val[gi], need - got)
        if room <= 0:
            continue
        t = min(u, -(-room // v))
        take[k] = t
        before = min(caps[gi], val[gi])
        val[gi] += v * t
        got += min(caps[gi], val[gi]) - before
    if got < need:
        return None
    slack = got - need
    for k in range(len(items) - 1, -1, -1):
        t = take[k]
        if not t:
            continue
        _, v, _, gi, _ = items[k]
        counted_g = min(caps[gi], val[gi])
        # removing d units keeps min(cap, val - d*v) >= counted_g - slack
        d = min(t, (val[gi] - counted_g + slack) // v)
        if d > 0:
            take[k] -= d
            val[gi] -= d * v
            new = min(caps[gi], val[gi])
            slack -= counted_g - new
    return [(items[k][4], take[k]) for k in range(len(items)) if take[k]]
