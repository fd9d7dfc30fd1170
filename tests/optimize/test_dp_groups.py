"""The grouped path of the dynamic programme (two or more binding caps): the Lagrangian floor
of a group against every part enumerated, the Lagrangian bound against every plan, and a hand
computation of both."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from reference_bruteforce import Enumeration
from strategies import capped_groups

from bouwblokken.optimize import Problem
from bouwblokken.optimize.dp import (
    _Group,
    _lagrange_floor,
    _lp_greedy,
    min_cost_dp,
)
from bouwblokken.optimize.portfolio import _binding_caps


def _group(cap: int, v: list[int], c: list[int], u: list[int]) -> _Group:
    grp = _Group(cap)
    grp.items, grp.v, grp.c, grp.u = list(range(len(v))), v, c, u
    return grp


def test_the_lagrangian_floor_by_hand() -> None:
    # two options of value 10 at keys 8 and 9 per unit, cap 15, multiplier 1 (P = Q = 1):
    # key - counted is 0 (nothing), 8 - 10 = -2 (one of the first), 9 - 10 = -1, 17 - 15 = 2
    # (both: the cap counts 15), 16 - 15 = 1 (two of the first): the least is -2
    assert _lagrange_floor(_group(15, [10, 10], [8, 9], [2, 1]), (1, 1), 10_000) == -2
    # at multiplier 2 (P = 2, Q = 1): 8 - 20 = -12, 16 - 30 = -14, 17 - 30 = -13: -14
    assert _lagrange_floor(_group(15, [10, 10], [8, 9], [2, 1]), (2, 1), 10_000) == -14


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 30), st.integers(1, 40), st.integers(1, 3)), max_size=5),
    st.integers(1, 120),
    st.integers(1, 9),
    st.integers(1, 9),
)
def test_the_lagrangian_floor_is_the_least_over_every_part(
    items: list[tuple[int, int, int]], cap: int, p: int, q: int
) -> None:
    """``Q * min(key - P/Q * min(cap, value))`` over every unit vector, enumerated; with the
    lists cut short, at most that."""
    assume(items)
    v = [a for a, _, _ in items]
    c = [b for _, b, _ in items]
    u = [n for _, _, n in items]
    want = min(
        q * sum(ci * xi for ci, xi in zip(c, x, strict=True))
        - p * min(cap, sum(vi * xi for vi, xi in zip(v, x, strict=True)))
        for x in itertools.product(*(range(n + 1) for n in u))
    )
    assert _lagrange_floor(_group(cap, v, c, u), (p, q), 1_000_000) == want
    # lists cut short: the LP stands in, below the least
    assert _lagrange_floor(_group(cap, v, c, u), (p, q), 0) <= want


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(capped_groups())
def test_the_lagrangian_bound_is_below_every_plan(problem: Problem) -> None:
    """``P * need + sum of the groups' floors``, over ``Q``, is at most every feasible plan's
    key (cost times the scale plus units), counted from the enumerated plans."""
    from bouwblokken.optimize import dp

    assume(_binding_caps(problem) >= 2)
    seen: list[tuple[list[_Group], int]] = []
    real = dp._rebuild_split

    def spy(glist: list[_Group], base: list[int], best: int, need: int) -> tuple[int, ...]:
        seen.append((glist, need))
        return real(glist, base, best, need)

    dp._rebuild_split = spy  # type: ignore[assignment]
    try:
        got = min_cost_dp(problem)
    finally:
        dp._rebuild_split = real  # type: ignore[assignment]
    assume(got.status == "optimal" and seen)
    glist, need = seen[0]
    lp = _lp_greedy(glist, need)
    assume(lp is not None)
    assert lp is not None
    lam = lp[1]
    floors = [_lagrange_floor(g, lam, 1_000_000) for g in glist]
    scale = sum(o.max_units - o.min_units for o in problem.options if o.value_cents > 0) + 1
    keys = [
        problem.cost([int(x) for x in row]) * scale + int(row.sum())
        for row in Enumeration(problem).units
        if problem.is_feasible([int(x) for x in row])
    ]
    bound = lam[0] * need + sum(floors)
    assert all(bound <= k * lam[1] for k in keys)
