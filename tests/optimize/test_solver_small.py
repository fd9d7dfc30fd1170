"""The exact solver on hand-made instances; every expected answer is derived in a comment."""

from __future__ import annotations

from fractions import Fraction

import pytest

from bouwblokken.optimize import (
    Option,
    Problem,
    alternatives,
    budget_frontier,
    diagnose,
    max_value_for_budget,
    pareto_people,
    solve,
    solve_many,
)


def opt(
    id: str,
    value: int,
    cost: int,
    max_units: int,
    *,
    cat: str = "a",
    min_units: int = 0,
    people: int = 0,
    employment: bool = False,
) -> Option:
    return Option(id, cat, value, cost, max_units, min_units, people, employment)


def test_target_met_exactly() -> None:
    # 3 units of 1000 reach 3000 exactly; B is dearer per euro (0.8 vs 0.5) -> 3 x A = 1500.
    pr = Problem((opt("A", 1000, 500, 10), opt("B", 1000, 800, 10)), target_cents=3000)
    s = solve(pr)
    assert s.status == "optimal"
    assert s.units == (3, 0)
    assert (s.cost_cents, s.counted_cents, s.slack_cents) == (1500, 3000, 0)
    assert s.cost_per_counted_euro == Fraction(1, 2)
    assert s.option_cost_per_counted_euro(pr) == {"A": Fraction(1, 2)}
    assert s.by_option() == {"A": 3}
    assert s.diagnosis is None


def test_cap_forces_a_pricier_option() -> None:
    # A is cheap but category x counts at most 2000: 2 x A (200), the other 3000 from B
    # (3 x 800 = 2400). A third A would cost 100 and count nothing. Total 2600.
    pr = Problem(
        (opt("A", 1000, 100, 10, cat="x"), opt("B", 1000, 800, 10, cat="y")),
        target_cents=5000,
        category_caps={"x": 2000},
    )
    s = solve(pr)
    assert s.units == (2, 3)
    assert s.cost_cents == 2600
    assert s.counted_cents == 5000
    assert s.capped_away_cents == 0


def test_infeasible_with_diagnosis() -> None:
    # At most: x counts min(3 x 1000, 2000) = 2000, y 2 x 500 = 1000 -> 3000 < 10000.
    # Cheapest plan reaching 3000: A 2 (the third A counts nothing), B 2. The cap blocks x and
    # B is at its maximum; A is not reported at its maximum (it is not).
    pr = Problem(
        (opt("A", 1000, 100, 3, cat="x"), opt("B", 500, 100, 2, cat="y")),
        target_cents=10_000,
        category_caps={"x": 2000},
    )
    s = solve(pr)
    assert s.status == "infeasible"
    d = s.diagnosis
    assert d is not None
    assert d.max_counted_cents == 3000
    assert d.shortfall_cents == 7000
    assert d.plan == (2, 2) == s.units
    assert set(d.codes) == {("category_cap", "x", 2000), ("max_units", "B")}
    assert all(r.message for r in d.reasons)
    assert diagnose(pr) == d


def test_min_units_and_their_alternatives() -> None:
    # A must take 2 units (2000 counted, cost 200); B is cheaper per unit for the rest:
    # (2, 1) costs 250. Minimal plans have exactly 3 units with A >= 2: (2, 1) 250, (3, 0) 300.
    pr = Problem(
        (opt("A", 1000, 100, 5, min_units=2), opt("B", 1000, 50, 5)),
        target_cents=3000,
    )
    assert solve(pr).units == (2, 1)
    alts = alternatives(pr, k=5)
    assert [(a.units, a.cost_cents) for a in alts] == [((2, 1), 250), ((3, 0), 300)]


def test_budget_too_small() -> None:
    # The cheapest plan costs 1500 > 1400: infeasible. Within 1400 at most 2 units (2000).
    pr = Problem(
        (opt("A", 1000, 500, 10), opt("B", 1000, 800, 10)),
        target_cents=3000,
        budget_cents=1400,
    )
    s = solve(pr)
    assert s.status == "infeasible"
    assert s.diagnosis is not None
    assert s.diagnosis.max_counted_cents == 2000
    assert s.diagnosis.codes == (("budget", 1400),)
    # With budget 1500 it is feasible again, and the same as without a budget.
    ok = Problem(pr.options, target_cents=3000, budget_cents=1500)
    assert solve(ok).units == (3, 0)


def test_employment_minimum() -> None:
    # Employment must count 2000: 2 x E (600); the third 1000 from A (100). Total 700.
    pr = Problem(
        (opt("A", 1000, 100, 10), opt("E", 1000, 300, 10, employment=True)),
        target_cents=3000,
        min_employment_cents=2000,
    )
    s = solve(pr)
    assert s.units == (1, 2)
    assert (s.cost_cents, s.employment_cents) == (700, 2000)


def test_employment_minimum_unreachable() -> None:
    # E can count 1000 at most, the minimum is 3000. Without it, everything counts: 6000.
    pr = Problem(
        (opt("A", 1000, 100, 5), opt("E", 1000, 100, 1, employment=True)),
        target_cents=2000,
        min_employment_cents=3000,
    )
    s = solve(pr)
    assert s.status == "infeasible"
    d = s.diagnosis
    assert d is not None
    assert not d.employment_reachable
    assert d.max_counted_cents == 6000
    emp = [r for r in d.reasons if r.code == "employment_minimum"]
    assert len(emp) == 1
    assert (emp[0].amount, emp[0].reachable) == (3000, 1000)


def test_ties_equal_cost_same_units_lexicographic() -> None:
    # Identical options: every split of 2 units costs 1000. Lexicographically smallest: (0, 2).
    pr = Problem((opt("A", 1000, 500, 5), opt("B", 1000, 500, 5)), target_cents=2000)
    assert solve(pr).units == (0, 2)


def test_ties_equal_cost_fewest_units() -> None:
    # (1, 0) and (0, 2) both cost 1000; one unit beats two.
    pr = Problem((opt("A", 2000, 1000, 5), opt("B", 1000, 500, 5)), target_cents=2000)
    assert solve(pr).units == (1, 0)


def test_zero_cost_option() -> None:
    # Z is free: 3 x Z costs nothing, and a fourth Z would be a spare unit (not minimal).
    # Next minimal plans swap one Z for one A at a time: 100, 200, 300.
    pr = Problem((opt("Z", 1000, 0, 5), opt("A", 1000, 100, 5)), target_cents=3000)
    s = solve(pr)
    assert (s.units, s.cost_cents) == ((3, 0), 0)
    alts = alternatives(pr, k=10)
    assert [(a.units, a.cost_cents) for a in alts] == [
        ((3, 0), 0),
        ((2, 1), 100),
        ((1, 2), 200),
        ((0, 3), 300),
    ]
    # Nothing to reach: no units at all, even free ones.
    assert solve(Problem(pr.options, target_cents=0)).units == (0, 0)


def test_alternatives_are_minimal_distinct_sorted() -> None:
    # A 3000 for 1500 (max 2), B 2000 for 1200 (max 3), C 1000 for 700 (max 4); target 4000.
    # Minimal plans (no unit removable) by cost: A+C 2200, 2B 2400, B+2C 2600, A+B 2700
    # (5000, but dropping either unit falls short), 4C 2800, 2A 3000. Not minimal, never
    # listed: A+2C (2900; a C can go), 3B (3600; a B can go).
    pr = Problem(
        (opt("A", 3000, 1500, 2), opt("B", 2000, 1200, 3), opt("C", 1000, 700, 4)),
        target_cents=4000,
    )
    alts = alternatives(pr, k=6)
    assert [(a.units, a.cost_cents) for a in alts] == [
        ((1, 0, 1), 2200),
        ((0, 2, 0), 2400),
        ((0, 1, 2), 2600),
        ((1, 1, 0), 2700),
        ((0, 0, 4), 2800),
        ((2, 0, 0), 3000),
    ]
    assert alts[0].units == solve(pr).units
    assert all(pr.is_minimal(a.units) for a in alts)
    assert [a.units for a in alternatives(pr, k=2)] == [(1, 0, 1), (0, 2, 0)]
    with pytest.raises(ValueError):
        alternatives(pr, k=0)


def test_pareto_people() -> None:
    # Two units of 1000 needed. Each unit of P adds a person at 100 more than a unit of Q:
    # 0 people 200, 1 person 300, 2 people 400; 3 people needs a third unit: 600.
    # (1, 2) with 2 people for 500 is dominated by (0, 2) for 400.
    pr = Problem(
        (opt("P", 1000, 200, 3, people=1), opt("Q", 1000, 100, 3)),
        target_cents=2000,
    )
    front = pareto_people(pr)
    assert [(s.people, s.cost_cents) for s in front] == [(0, 200), (1, 300), (2, 400), (3, 600)]
    assert all(pr.is_feasible(s.units) for s in front)
    assert pareto_people(Problem(pr.options, target_cents=10**6)) == []


def test_max_value_for_budget() -> None:
    # Budget 1000: A twice (200, counts 2000; more A counts nothing), then one B (800): 3000.
    pr = Problem(
        (opt("A", 1000, 100, 10, cat="x"), opt("B", 1000, 800, 10, cat="y")),
        target_cents=5000,
        category_caps={"x": 2000},
    )
    s = max_value_for_budget(pr, 1000)
    assert (s.units, s.counted_cents, s.cost_cents) == ((2, 1), 3000, 1000)
    assert s.slack_cents == -2000
    # Below the minimum units' cost nothing fits.
    pm = Problem((opt("A", 1000, 100, 3, min_units=1),), target_cents=0)
    assert max_value_for_budget(pm, 99).status == "infeasible"


def test_budget_frontier_breakpoints() -> None:
    # Optimum A2 B1 = 500. Walking down: 500 -> 3000; 499 -> A2 = 2000 at 200;
    # 199 -> A1 = 1000 at 100; 99 -> nothing at 0.
    pr = Problem((opt("A", 1000, 100, 2), opt("B", 1000, 300, 2)), target_cents=3000)
    front = budget_frontier(pr)
    assert [(s.cost_cents, s.counted_cents) for s in front] == [
        (0, 0),
        (100, 1000),
        (200, 2000),
        (500, 3000),
    ]
    given = budget_frontier(pr, [150, 800])
    assert [(s.cost_cents, s.counted_cents) for s in given] == [(100, 1000), (800, 4000)]


def test_solve_many_is_solve_each() -> None:
    prs = [Problem((opt("A", 1000, 500, 10),), target_cents=t) for t in (0, 1000, 2500, 99_999)]
    assert solve_many(prs) == [solve(p) for p in prs]
