"""The fast solver against two independent exact methods: enumeration and a plain MILP.

Small problems are enumerated completely (``reference_bruteforce``); realistic ones are solved
by the straightforward HiGHS model (``reference_milp``). Costs must agree to the cent. The
references are first checked against ``Problem``'s own definitions and each other, so that a
disagreement with the solver points at the solver.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import pytest
import reference_milp as milp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reference_bruteforce import Enumeration
from strategies import realistic_problems, small_problems
from unlimited import solver

from bouwblokken.optimize.problem import Option, Problem
from bouwblokken.optimize.solution import Solution

# Deterministic in CI: the same examples every run, no example database.
CI = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def budgets(problem: Problem) -> st.SearchStrategy[int]:
    """Budgets from nothing to everything (all options at their maximum)."""
    return st.integers(0, sum(o.cost_cents * o.max_units for o in problem.options))


def assert_consistent(problem: Problem, sol: Solution) -> None:
    """A returned plan is feasible and its reported figures are its own."""
    assert problem.is_feasible(sol.units), sol
    assert all(type(v) is int for v in sol.units), "units must be Python ints"
    assert sol.cost_cents == problem.cost(sol.units)
    assert sol.counted_cents == problem.counted(sol.units)
    assert sol.people == problem.people(sol.units)


def assert_alternatives(
    problem: Problem, got: Sequence[Solution], want_costs: Sequence[int]
) -> None:
    """Same cost sequence; plans distinct, feasible and minimal.

    With equal cost sequences a tie group can only differ from the reference's in which of its
    plans the cut at ``k`` leaves out; callers that know every minimal plan check membership.
    """
    assert [s.cost_cents for s in got] == list(want_costs)
    assert len({s.units for s in got}) == len(got)
    for s in got:
        assert_consistent(problem, s)
        assert problem.is_minimal(s.units), s


def assert_diagnosis(problem: Problem, sol: Solution, max_counted: int) -> None:
    """An infeasible answer reports the most reachable value, and a plan that reaches it."""
    assert sol.status == "infeasible"
    assert sol.diagnosis is not None
    assert sol.diagnosis.max_counted_cents == max_counted
    assert problem.counted(sol.diagnosis.plan) == max_counted


# --- the references against Problem's definitions, each other, and HiGHS's tolerance ---


@CI
@given(small_problems(max_plans=1_500))
def test_enumeration_matches_problem_definitions(problem: Problem) -> None:
    e = Enumeration(problem)
    plans = [tuple(int(v) for v in u) for u in e.units]
    assert e.feasible.tolist() == [problem.is_feasible(u) for u in plans]
    assert e.minimal.tolist() == [problem.is_minimal(u) for u in plans]
    assert e.counted.tolist() == [problem.counted(u) for u in plans]
    assert e.cost.tolist() == [problem.cost(u) for u in plans]
    assert e.people.tolist() == [problem.people(u) for u in plans]


@settings(CI, max_examples=60)
@given(small_problems(), st.data())
def test_milp_reference_matches_enumeration(problem: Problem, data: st.DataObject) -> None:
    e = Enumeration(problem)
    plan = milp.min_cost(problem)
    assert (None if plan is None else plan.cost_cents) == e.min_cost()
    if plan is None:
        assert milp.diagnosis_max_counted(problem) == e.diagnosis_max_counted()
    else:
        assert problem.is_feasible(plan.units)
    assert [a.cost_cents for a in milp.alternatives(problem, 4)] == [
        c for _, c, _, _ in e.minimal_plans()[:4]
    ]
    assert [(a.people, a.cost_cents) for a in milp.pareto_people(problem)] == e.pareto_people()
    budget = data.draw(budgets(problem))
    best = milp.max_value_for_budget(problem, budget)
    assert (None if best is None else (best.counted_cents, best.cost_cents)) == (
        e.max_value_for_budget(budget)
    )


def test_milp_reference_repairs_near_integer_plans(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without presolve HiGHS takes ``x = k + 2e-8`` as integral and misses targets by cents.

    The reference must notice (exact re-check), branch, and still be exact.
    """
    monkeypatch.setitem(milp.HIGHS_OPTIONS, "presolve", False)
    before = milp.REPAIRS[0]
    rng = random.Random(7)
    for _ in range(10):
        value = rng.randint(1_000_000, 60_000_000)
        options = (
            Option("big", "a", value, value // 3, max_units=200),
            Option("small", "a", rng.randint(1_000, 9_999), rng.randint(1_000, 99_999), 5),
        )
        problem = Problem(options, target_cents=value * rng.randint(2, 50) + rng.randint(1, 3))
        plan = milp.min_cost(problem)
        assert plan is not None
        assert problem.is_feasible(plan.units)
        assert plan.cost_cents == Enumeration(problem).min_cost()
    assert milp.REPAIRS[0] > before  # the trap was really there


# --- the solver against enumeration ---


@settings(CI, max_examples=300)
@given(small_problems())
def test_solve_matches_enumeration(problem: Problem) -> None:
    e = Enumeration(problem)
    sol = solver.solve(problem)
    optimal = e.optimal_plans()
    if not optimal:
        assert_diagnosis(problem, sol, e.diagnosis_max_counted())
        return
    assert sol.status == "optimal"
    assert_consistent(problem, sol)
    assert sol.cost_cents == e.min_cost()
    # documented tie rule: fewest units, then the lexicographically smallest plan
    assert sol.units == min(optimal, key=lambda u: (sum(u), u))


@settings(CI, max_examples=200)
@given(small_problems(), st.integers(1, 8))
def test_alternatives_match_enumeration(problem: Problem, k: int) -> None:
    want = Enumeration(problem).minimal_plans()
    got = solver.alternatives(problem, k=k)
    assert_alternatives(problem, got, [c for _, c, _, _ in want[:k]])
    minimal = {(u, c) for u, c, _, _ in want}
    assert all((s.units, s.cost_cents) in minimal for s in got)
    # documented ranking: cost, then fewest units, then the lexicographically smallest plan
    ranked = sorted(want, key=lambda r: (r[1], sum(r[0]), r[0]))
    assert [s.units for s in got] == [u for u, _, _, _ in ranked[:k]]
    if got:
        assert got[0].units == solver.solve(problem).units


@settings(CI, max_examples=200)
@given(small_problems())
def test_pareto_people_matches_enumeration(problem: Problem) -> None:
    got = solver.pareto_people(problem)
    assert [(s.people, s.cost_cents) for s in got] == Enumeration(problem).pareto_people()
    for s in got:
        assert_consistent(problem, s)


@settings(CI, max_examples=200)
@given(small_problems(), st.data())
def test_max_value_for_budget_matches_enumeration(problem: Problem, data: st.DataObject) -> None:
    budget = data.draw(budgets(problem))
    want = Enumeration(problem).max_value_for_budget(budget)
    sol = solver.max_value_for_budget(problem, budget)
    if want is None:
        assert sol.status == "infeasible"
        return
    assert sol.status == "optimal"
    assert (sol.counted_cents, sol.cost_cents) == want
    assert sol.cost_cents == problem.cost(sol.units) <= budget
    assert sol.counted_cents == problem.counted(sol.units)
    assert problem.employment_counted(sol.units) >= problem.min_employment_cents
    assert all(
        o.min_units <= x <= o.max_units for o, x in zip(problem.options, sol.units, strict=True)
    )


# --- the solver against the MILP on realistic problems ---


@settings(CI, max_examples=100)
@given(realistic_problems((5, 10, 20, 40)))
def test_solve_matches_milp(problem: Problem) -> None:
    plan = milp.min_cost(problem)
    sol = solver.solve(problem)
    if plan is None:
        assert_diagnosis(problem, sol, milp.diagnosis_max_counted(problem))
        return
    assert sol.status == "optimal"
    assert_consistent(problem, sol)
    assert sol.cost_cents == plan.cost_cents


@settings(CI, max_examples=20)
@given(realistic_problems((5, 10, 20)))
def test_alternatives_match_milp(problem: Problem) -> None:
    want = [p.cost_cents for p in milp.alternatives(problem, 5)]
    assert_alternatives(problem, solver.alternatives(problem, k=5), want)


@settings(CI, max_examples=15)
@given(realistic_problems((5, 10)))
def test_pareto_people_matches_milp(problem: Problem) -> None:
    got = solver.pareto_people(problem)
    want = milp.pareto_people(problem)
    assert [(s.people, s.cost_cents) for s in got] == [(p.people, p.cost_cents) for p in want]
    for s in got:
        assert_consistent(problem, s)


@settings(CI, max_examples=40)
@given(realistic_problems((5, 10, 20)), st.integers(0, 150))
def test_max_value_for_budget_matches_milp(problem: Problem, percent_of_target: int) -> None:
    budget = problem.target_cents * percent_of_target // 100
    want = milp.max_value_for_budget(problem, budget)
    sol = solver.max_value_for_budget(problem, budget)
    assert sol.status == ("infeasible" if want is None else "optimal")
    if want is not None:
        assert (sol.counted_cents, sol.cost_cents) == (want.counted_cents, want.cost_cents)
        assert sol.cost_cents == problem.cost(sol.units) <= budget


@settings(CI, max_examples=10)
@given(st.lists(realistic_problems((5, 10, 20)), max_size=12))
def test_solve_many_is_solve_each(problems: list[Problem]) -> None:
    assert solver.solve_many(problems) == [solver.solve(p) for p in problems]
