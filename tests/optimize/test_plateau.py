"""The plateau DP (``optimize.plateau``) against enumeration of every plan in its box: the least
key at most ``g`` and the lexicographically smallest plan of it, for any multipliers (they only
size the windows, never change the answer)."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bouwblokken.optimize.plateau import Box, least_key_plan


def _enumerated(
    v: list[int], c: list[int], lo: list[int], hi: list[int], need: int, g: int
) -> tuple[int, list[int]] | bool:
    """Every plan of the box: the least key at most ``g`` reaching ``need``, ties to the
    lexicographically smallest plan (``False``: none)."""
    best: tuple[int, tuple[int, ...]] | None = None
    for x in itertools.product(*(range(a, b + 1) for a, b in zip(lo, hi, strict=True))):
        if sum(a * b for a, b in zip(v, x, strict=True)) < need:
            continue
        key = sum(a * b for a, b in zip(c, x, strict=True))
        if key <= g and (best is None or (key, x) < best):
            best = (key, x)
    return False if best is None else (best[0], list(best[1]))


@st.composite
def boxes(draw: st.DrawFn) -> tuple[list[int], list[int], list[int], list[int], int, int]:
    """Strongly correlated options (key = S * (value + fixed + noise) + 1 per unit, values a
    few cents apart) or arbitrary ones, unit ranges, a need and a key limit."""
    n = draw(st.integers(1, 6))
    base = draw(st.integers(1, 400))
    spread = draw(st.integers(0, 30))
    fixed = draw(st.integers(0, 500))
    scale = draw(st.sampled_from([1, 7, 101]))
    correlated = draw(st.booleans())
    v, c, lo, hi = [], [], [], []
    for _ in range(n):
        value = base + draw(st.integers(0, spread))
        if correlated:
            cost = value + fixed + draw(st.integers(0, 3))
        else:
            cost = draw(st.integers(0, 3 * base))
        v.append(value)
        c.append(cost * scale + 1)
        a = draw(st.integers(0, 2))
        lo.append(a)
        hi.append(a + draw(st.integers(0, 3)))
    top = sum(a * b for a, b in zip(v, hi, strict=True))
    need = draw(st.integers(1, top + 5))
    keys = sum(a * b for a, b in zip(c, hi, strict=True))
    g = draw(st.integers(0, keys + 10))
    return v, c, lo, hi, need, g


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    boxes(),
    st.integers(0, 2_000),
    st.integers(0, 400),
    st.integers(1, 5),
)
def test_the_plateau_gives_the_enumerated_least_key_and_plan(
    box: tuple[list[int], list[int], list[int], list[int], int, int],
    lam: int,
    cb: int,
    vb: int,
) -> None:
    v, c, lo, hi, need, g = box
    got = least_key_plan(Box(v, c, lo, hi, need), g, (lam, cb, vb))
    assume(got is not None)  # tables too large for these multipliers: the caller falls back
    assert got == _enumerated(v, c, lo, hi, need, g)


def test_a_plateau_by_hand() -> None:
    # values 10, 11, 12, keys 21, 22, 24 per unit (value + 11, + 11, + 12), need 21, units
    # 0..1: plans reaching 21 are {10, 11} key 43, {10, 12} key 45, {11, 12} key 46, all three
    # key 67. Least key 43, plan (1, 1, 0); below 43 nothing
    v, c, lo, hi = [10, 11, 12], [21, 22, 24], [0, 0, 0], [1, 1, 1]
    assert least_key_plan(Box(v, c, lo, hi, 21), 100, (11, 1, 1)) == (43, [1, 1, 0])
    assert least_key_plan(Box(v, c, lo, hi, 21), 42, (11, 1, 1)) is False
    # option 0 fixed at its unit: the same; option 0 fixed out: {11, 12} at 46
    assert least_key_plan(Box(v, c, [1, 0, 0], hi, 21), 100, (11, 1, 1)) == (43, [1, 1, 0])
    assert least_key_plan(Box(v, c, lo, [0, 1, 1], 21), 100, (11, 1, 1)) == (46, [0, 1, 1])


def test_ties_go_to_the_lexicographically_smallest_plan() -> None:
    # three identical options, two units needed: (0, 1, 1), (1, 0, 1), (1, 1, 0) tie at key
    # 2 * 5; the smallest is (0, 1, 1)
    got = least_key_plan(Box([3, 3, 3], [5, 5, 5], [0, 0, 0], [1, 1, 1], 6), 50, (2, 1, 1))
    assert got == (10, [0, 1, 1])
