"""Thousands of realistic problems: the fast solver against the plain MILP, zero disagreements.

Slow (about a minute): deselect with ``-m "not slow"``. Instances come from one fixed seed, so
a disagreement is reproducible from its index; the failure message carries the problem itself.
"""

from __future__ import annotations

import random

import pytest
import reference_milp as milp
from strategies import realistic_problem
from unlimited import solver

from bouwblokken.optimize.problem import Problem

pytestmark = pytest.mark.slow

SEED = 20_240_611
SIZES = (5, 10, 20, 40)
N_PROBLEMS = 2_400


@pytest.fixture(scope="module")
def problems() -> list[Problem]:
    rng = random.Random(SEED)
    return [realistic_problem(rng, SIZES[i % len(SIZES)]) for i in range(N_PROBLEMS)]


def report(found: list[tuple[int, str, Problem]]) -> str:
    head = "\n".join(f"#{i}: {why}" for i, why, _ in found[:20])
    return f"{len(found)} disagreements:\n{head}\nfirst problem: {found[0][2]!r}"


def test_optimal_cost_agrees_with_milp(problems: list[Problem]) -> None:
    found = []
    for i, (problem, sol) in enumerate(zip(problems, solver.solve_many(problems), strict=True)):
        plan = milp.min_cost(problem)
        why = milp.disagreement(problem, sol, plan)
        if why is None and plan is None:
            assert sol.diagnosis is not None
            reach = milp.diagnosis_max_counted(problem)
            if sol.diagnosis.max_counted_cents != reach:
                why = f"diagnosis reaches {sol.diagnosis.max_counted_cents}, MILP {reach}"
        if why is not None:
            found.append((i, why, problem))
    assert not found, report(found)


def test_max_value_for_budget_agrees_with_milp(problems: list[Problem]) -> None:
    rng = random.Random(SEED + 1)
    found = []
    for i, problem in enumerate(problems[::4]):
        budget = problem.target_cents * rng.randint(0, 150) // 100
        want = milp.max_value_for_budget(problem, budget)
        sol = solver.max_value_for_budget(problem, budget)
        got = None if sol.status == "infeasible" else (sol.counted_cents, sol.cost_cents)
        if want is not None and problem.cost(sol.units) > budget:
            found.append(
                (4 * i, f"plan costs {problem.cost(sol.units)} > budget {budget}", problem)
            )
        elif got != (None if want is None else (want.counted_cents, want.cost_cents)):
            found.append((4 * i, f"budget {budget}: solver {got}, MILP {want}", problem))
    assert not found, report(found)


def test_alternatives_agree_with_milp(problems: list[Problem]) -> None:
    found = []
    for i, problem in enumerate(problems[::20]):
        want = [p.cost_cents for p in milp.alternatives(problem, 5)]
        got = solver.alternatives(problem, k=5)
        if [s.cost_cents for s in got] != want:
            found.append((20 * i, f"costs {[s.cost_cents for s in got]} != {want}", problem))
        elif not all(problem.is_minimal(s.units) for s in got):
            found.append((20 * i, "a plan is not minimal", problem))
    assert not found, report(found)


def test_pareto_people_agrees_with_milp(problems: list[Problem]) -> None:
    found = []
    small = [(i, p) for i, p in enumerate(problems) if len(p.options) <= 10][::12]
    for i, problem in small:
        want = [(p.people, p.cost_cents) for p in milp.pareto_people(problem)]
        got = [(s.people, s.cost_cents) for s in solver.pareto_people(problem)]
        if got != want:
            found.append((i, f"frontier {got} != {want}", problem))
    assert not found, report(found)
