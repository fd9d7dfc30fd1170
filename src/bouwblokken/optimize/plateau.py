"""The plateau left by reduced-cost fixing: a dynamic programme over units and value as bit sets.

On the strongly correlated knapsack (options costing their value plus about the same fixed
amount) the count bound of :mod:`bouwblokken.optimize.dp` is within cents of the optimum and
reduced-cost fixing on it (:func:`bouwblokken.optimize.dp._reduced_cost_fix`) fixes most
options; what is left is a *plateau* of options whose reduced cost is zero or tiny, among which
the plans differ only in how many units they take and how far their value passes the target.
The Pareto lists cannot tell those plans apart (each value is its own state, none dominates),
but their key is a linear function of three small numbers, which a dynamic programme over bit
sets handles at once (Pisinger's balanced subset sum in spirit: only a narrow window matters).

**The identity.** With any multipliers ``lam, cb >= 0`` and ``vb > 0`` every option's unit key
splits exactly as ``vb * c_k = lam * vb + cb * v_k + d_k`` (``d_k`` is defined by it), so a plan
of ``N`` units and value ``V`` has ``vb * key = lam * vb * N + cb * V + sum_k d_k x_k``. The
options whose unit range is not fixed (the free ones, ``t_k = x_k - lo_k`` in ``0..r_k``) add
``T = sum t_k`` units, ``W = sum (v_k - B) t_k`` value over the least free value ``B`` each,
and ``sum d_k t_k = Dneg + delta * L`` with ``delta`` the gcd of the free options' nonzero
``|d_k|``, ``Dneg`` the sum of ``d_k r_k`` over negative ``d_k``, and the *level* ``L >= 0``
(``d_k t_k / delta`` for ``d_k > 0``, ``|d_k| (r_k - t_k) / delta`` for ``d_k < 0``). A plan's key
is thus exact in ``(T, W, L)``.

**Windows.** Every plan has ``N >= m`` (the fewest units covering the need, the largest values
first) and ``V >= need``, so a plan of key at most ``g`` has a level and a unit count bounded by
the identity: few levels and (with ``lam > 0``) few unit counts. The suffix tables keep, per
unit count ``T`` (only those the options before can still complete) and level, the set of
reachable ``W`` as the bits of a Python integer; adding an option is a shift and an or per
``(T, L)``.

**Tie rule.** The least key is read off the first table (per ``(T, L)`` the lowest ``W`` reaching
the need), then the plan is rebuilt forwards in the problem's order: each option at the fewest
units for which the next suffix table still holds a completion of key at most the least key
(a bit in a window). That is the lexicographically smallest plan of least cost and then fewest
units (the key ``cost * S + units``), like every back end.

**Multipliers.** The LP's duals (``lam`` of the unit count, ``cb / vb`` of the value) make the
windows narrow but their ``d_k`` rarely share a factor (``delta`` small, many levels); integer
ones next to them (``cb / vb`` rounded down and up, ``vb = 1``, ``lam`` at the top of the
bound for it) often give ``d_k`` in whole cents. The windows of each are computed and the
smallest tables win: the choice changes the work, never the answer.

**Memory.** Only every ``sqrt(F)``-th suffix table (``F`` free options) is kept; the rebuild
builds the ones between again from the next kept one (twice the work, a fraction of the
memory). It applies while the kept tables hold at most :data:`MAX_BITS` bits and the build
takes at most :data:`MAX_WORK`; otherwise it says so and the caller falls back to the Pareto
lists. Exact integers throughout.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate
from math import gcd, isqrt
from typing import Literal, NamedTuple

from bouwblokken.optimize.limits import Limits, Stopped

__all__ = ["MAX_BITS", "MAX_WORK", "Box", "least_key_plan"]

#: Bits the kept suffix tables may hold (about 64 MB); past it the Pareto lists take over.
MAX_BITS = 1 << 29

#: Bits the tables may be built with in all (time: about a second).
MAX_WORK = 1 << 33

Table = dict[int, dict[int, int]]
"""Per unit count ``T`` of a suffix, per level ``L`` reached: the reachable ``W`` as bits."""


class Box(NamedTuple):
    """Options in the problem's order: values ``v`` (positive), unit keys ``c``, unit ranges
    ``lo..hi``, and the value a plan must reach."""

    v: Sequence[int]
    c: Sequence[int]
    lo: Sequence[int]
    hi: Sequence[int]
    need: int


class _Frame:
    """The windows of one choice of multipliers ``(lam, cb, vb)`` (module docstring): the
    split ``d_k`` of every option's key, the level step ``delta``, the most level ``l_max`` and
    the free units ``t_lo..t_hi`` a plan of key at most ``g`` can have, and the tables' size
    ``est`` in bits (an upper estimate). ``empty``: no plan has key at most ``g``."""

    def __init__(self, box: Box, g: int, mult: tuple[int, int, int]) -> None:
        v, c, lo, hi, need = box
        lam, cb, vb = mult
        n = len(v)
        self.lam, self.cb, self.vb = lam, cb, vb
        d = self.d = [vb * c[k] - lam * vb - cb * v[k] for k in range(n)]
        free = self.free = [k for k in range(n) if hi[k] > lo[k]]
        self.n0 = sum(lo)
        self.v0 = sum(v[k] * lo[k] for k in range(n))
        r = self.r = {k: hi[k] - lo[k] for k in free}
        # the constant part of sum d_k x_k: every option at lo, the negative d_k at hi
        self.d0 = sum(d[k] * lo[k] for k in range(n)) + sum(d[k] * r[k] for k in free if d[k] < 0)
        delta = 0
        for k in free:
            delta = gcd(delta, abs(d[k]))
        self.delta = delta = delta or 1
        # any plan has N >= m (the largest values first) and V >= need and L >= 0
        m, got = _fewest_units(v, hi, need)
        slack = vb * g - lam * vb * m - cb * need - self.d0
        self.empty = got < need or slack < 0
        self.l_max = min(slack // delta, sum(abs(d[k]) * r[k] for k in free) // delta)
        self.t_lo = max(0, m - self.n0)
        t_all = sum(r.values())
        self.t_hi = t_all if lam == 0 else min(t_all, m - self.n0 + slack // (lam * vb))
        self.empty = self.empty or self.t_lo > self.t_hi
        self.base = min((v[k] for k in free), default=0)
        self.w = {k: v[k] - self.base for k in free}
        w_top = sum(self.w[k] * r[k] for k in free) + 1
        # per suffix at most min(prefix, suffix) + window unit counts, (l_max + 1) levels each
        # (an integer costs its bits, at least a few hundred in time)
        w_top = max(w_top, 256)
        est = 0
        pre = t_all
        for k in free:
            pre -= r[k]
            est += (min(pre, t_all - pre) + self.t_hi - self.t_lo + 1) * w_top
        self.est = est * (self.l_max + 1) if not self.empty else 0
        self.need, self.g = need, g

    def level(self, k: int, t: int) -> int:
        """The level option ``k`` adds at ``t`` free units."""
        dk = self.d[k]
        if dk > 0:
            return dk * t // self.delta
        if dk < 0:
            return -dk * (self.r[k] - t) // self.delta
        return 0

    def key_vb(self, tt: int, ww: int, lvl: int) -> int:
        """``vb`` times the key of a plan with free units ``tt``, value ``ww``, level ``lvl``."""
        return (
            self.lam * self.vb * (self.n0 + tt)
            + self.cb * (self.v0 + self.base * tt + ww)
            + self.d0
            + self.delta * lvl
        )

    def w_need(self, tt: int) -> int:
        """The least ``W`` reaching the need with ``tt`` free units."""
        return max(0, self.need - self.v0 - self.base * tt)

    def w_most(self, tt: int, lvl: int, best: int) -> int:
        """The most ``W`` of key at most ``best`` (times ``vb``) with ``tt`` units at ``lvl``
        (-1: none)."""
        rest = best - self.key_vb(tt, 0, lvl)
        if rest < 0:
            return -1
        return rest // self.cb if self.cb > 0 else 1 << 62


def _fewest_units(v: Sequence[int], hi: Sequence[int], need: int) -> tuple[int, int]:
    """``(m, got)``: the fewest units covering ``need`` with at most ``hi[k]`` units of value
    ``v[k]`` (the largest values first) and the value they reach (``got < need``: none do)."""
    m = got = 0
    for k in sorted(range(len(v)), key=lambda k: -v[k]):
        if got >= need:
            break
        take = min(hi[k], -(-(need - got) // v[k])) if v[k] > 0 else 0
        m += take
        got += v[k] * take
    return m, got


def _rounded(box: Box, mu: int) -> tuple[int, int, int]:
    """Integer multipliers with ``cb = mu`` (``vb = 1``: integer ``d_k``, often sharing a
    large factor) and the best ``lam`` for it -- the unit key ``c_k - mu * v_k`` of the free
    unit that the fewest units covering the need reach (the top of the concave bound in
    ``lam``)."""
    v, c, lo, hi, need = box
    m = _fewest_units(v, hi, need)[0]
    keys = sorted(
        c[k] - mu * v[k] for k in range(len(v)) if hi[k] > lo[k] for _ in range(hi[k] - lo[k])
    )
    left = m - sum(lo)
    if not keys:
        return 0, mu, 1
    lam = keys[min(max(left, 1), len(keys)) - 1]
    return max(0, lam), mu, 1


def least_key_plan(
    box: Box, g: int, mult: tuple[int, int, int], limits: Limits | None = None
) -> tuple[int, list[int]] | Literal[False] | None:
    """The least-key plan of ``box`` (``sum v_k x_k >= need``, ``lo_k <= x_k <= hi_k``) of key
    ``sum c_k x_k`` at most ``g`` (ties: lexicographically smallest ``x``). ``mult = (lam,
    cb, vb)``: multipliers to size the windows with (the LP's; integer ones near them are
    tried too, the smaller tables win).

    Returns ``(key, x)``, ``False`` when no plan has key at most ``g``, ``None`` when the tables
    would pass :data:`MAX_BITS` (not applicable). Raises :class:`Stopped` when ``limits`` run
    out.
    """
    frames = [_Frame(box, g, mult)]
    if mult[2] != 1:  # cb / vb rounded down and up
        low = mult[1] // mult[2]
        frames += [_Frame(box, g, _rounded(box, mu)) for mu in (low, low + 1)]
    if any(f.empty for f in frames):
        return False  # a valid lower bound above g
    fr = min(frames, key=lambda f: f.est)
    if fr.est > 8 * MAX_WORK:  # an estimate (most levels stay sparse): the build checks
        return None
    try:
        tables = _Suffixes(fr, limits)
        return _least(fr, tables, box, g)
    except _Past:
        return None


def _least(
    fr: _Frame, tables: _Suffixes, box: Box, g: int
) -> tuple[int, list[int]] | Literal[False]:
    """The least key from the first table, then the plan forwards (module docstring)."""
    best = None
    for tt, row in tables.table(0).items():
        wn = fr.w_need(tt)
        for lvl, bits in row.items():
            y = bits >> wn
            if y:
                kv = fr.key_vb(tt, wn + (y & -y).bit_length() - 1, lvl)
                if best is None or kv < best:
                    best = kv
    if best is None or best > fr.vb * g:
        return False
    assert best % fr.vb == 0  # the identity: vb * key exactly
    x = list(box.lo)
    used_t = used_w = used_l = 0
    for p, k in enumerate(fr.free):
        for t in range(fr.r[k] + 1):
            nt, nw, nl = used_t + t, used_w + fr.w[k] * t, used_l + fr.level(k, t)
            if nl <= fr.l_max and _completes(fr, tables.table(p + 1), nt, nw, nl, best):
                x[k] += t
                used_t, used_w, used_l = nt, nw, nl
                break
        else:  # pragma: no cover - the least key was reached, some count completes it
            raise AssertionError("no completion of the least key")
    return best // fr.vb, x


class _Past(Exception):  # noqa: N818 -- a signal inside this module
    """The tables passed :data:`MAX_BITS` or :data:`MAX_WORK`."""


class _Suffixes:
    """The suffix tables ``T_i`` (the free options ``i..`` in the problem's order), built
    from the last option to the first; only every ``sqrt(F)``-th is kept, the others are built
    again from the next kept one when the plan is rebuilt (twice the work, a fraction of the
    memory). Bits above the most ``W`` a plan of key at most the bound can have are cut."""

    def __init__(self, fr: _Frame, limits: Limits | None) -> None:
        self.fr, self.limits = fr, limits
        free = fr.free
        self.size = len(free)
        self.every = max(1, isqrt(self.size))
        self.prefix = [0, *accumulate(fr.r[k] for k in free)]
        # the most W of a complete plan (the options before add W, never take it away)
        cap = max(fr.w_most(tt, 0, fr.vb * fr.g) for tt in range(fr.t_lo, fr.t_hi + 1))
        self.cap = cap
        self.mask = (1 << (cap + 1)) - 1 if cap < 1 << 40 else -1
        self.work = 0
        cur: Table = {0: {0: 1}}
        self.kept: dict[int, Table] = {self.size: cur}
        held = 0
        for i in range(self.size - 1, -1, -1):
            cur, bits = self._step(cur, i)
            if i % self.every == 0:
                self.kept[i] = cur
                held += bits
                if held > MAX_BITS:
                    raise _Past
        self.cache: dict[int, Table] = {}

    def _step(self, cur: Table, i: int) -> tuple[Table, int]:
        """``T_i`` from ``T_{i+1}``, and its size in bits."""
        if self.limits is not None and self.limits.expired():
            raise Stopped
        fr = self.fr
        k = fr.free[i]
        l_max, t_hi = fr.l_max, fr.t_hi
        lo_t = fr.t_lo - self.prefix[i]
        wk = fr.w[k]
        new: Table = {}
        for t in range(fr.r[k] + 1):
            shift = wk * t
            lv = fr.level(k, t)
            if lv > l_max:
                continue
            for tt, row in cur.items():
                nt = tt + t
                if nt < lo_t or nt > t_hi:
                    continue
                out = new.get(nt)
                if out is None:
                    out = new[nt] = {}
                for lvl, bits in row.items():
                    nl = lvl + lv
                    if nl <= l_max:
                        out[nl] = out.get(nl, 0) | bits << shift
        size = 0
        cap, mask = self.cap, self.mask
        ints = 0
        for row in new.values():
            ints += len(row)
            for lvl, bits in row.items():
                if bits.bit_length() > cap + 1:
                    row[lvl] = bits = bits & mask
                size += bits.bit_length()
        # an integer costs its bits, at least a few hundred in time (as in the estimate)
        self.work += size + 256 * ints
        if self.work > MAX_WORK:
            raise _Past
        return new, size

    def table(self, i: int) -> Table:
        """``T_i``: kept, or built again from the next kept table (with the ones between)."""
        got = self.kept.get(i)
        if got is None:
            got = self.cache.get(i)
        if got is not None:
            return got
        j = min(self.size, (i // self.every + 1) * self.every)
        self.cache = {}
        cur = self.kept[j]
        for q in range(j - 1, i - 1, -1):
            cur = self.cache[q] = self._step(cur, q)[0]
        return cur


def _completes(fr: _Frame, table: Table, nt: int, nw: int, nl: int, best: int) -> bool:
    """Whether ``table`` holds a completion of the prefix ``(nt, nw, nl)`` of key at most
    ``best`` (times ``vb``) reaching the need: a bit in a window."""
    for tt in range(max(0, fr.t_lo - nt), fr.t_hi - nt + 1):
        row = table.get(tt)
        if row is None:
            continue
        tot = nt + tt
        a = max(0, fr.w_need(tot) - nw)
        for lvl, bits in row.items():
            if lvl > fr.l_max - nl:
                continue
            b = min(fr.w_most(tot, nl + lvl, best) - nw, bits.bit_length())
            if b >= a and (bits >> a) & ((1 << (b - a + 1)) - 1):
                return True
    return False
