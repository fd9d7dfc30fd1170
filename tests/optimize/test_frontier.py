"""The one-pass people frontier (Pareto lists) against the point-by-point walk and enumeration.

The hand-made cases derive every point in a comment; the properties check that the Pareto-list
method gives exactly the plans (tie rule included) of the epsilon-constraint walk, which proves
each point with the exact single-objective search, and the (people, cost) pairs of complete
enumeration.
"""

from __future__ import annotations

import random
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from reference_bruteforce import Enumeration
from strategies import people_frontier, small_problems

import bouwblokken.optimize.pareto as lists
from bouwblokken.optimize import CancelToken, Option, Problem, pareto_people
from bouwblokken.optimize.limits import Limits
from bouwblokken.optimize.pareto import people_frontier_plans

CI = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def opt(
    id: str, value: int, cost: int, max_units: int, *, cat: str = "a", people: int = 0
) -> Option:
    return Option(id, cat, value, cost, max_units, people_per_unit=people)


def points(front: list) -> list[tuple[int, int, tuple[int, ...]]]:
    return [(s.people, s.cost_cents, s.units) for s in front]


def test_ties_follow_the_documented_rule() -> None:
    # A and B are the same (1000 value, 100 cost, a person each), target 1000. k people cost
    # 100 * k (k = 1..4), each point one plan of the k units; among equal cost and units the
    # lexicographically smallest vector wins: (0, 1), (0, 2), (1, 2), (2, 2).
    pr = Problem((opt("A", 1000, 100, 2, people=1), opt("B", 1000, 100, 2, people=1)), 1000)
    front = pareto_people(pr)
    assert points(front) == [
        (1, 100, (0, 1)),
        (2, 200, (0, 2)),
        (3, 300, (1, 2)),
        (4, 400, (2, 2)),
    ]
    assert all(s.status == "optimal" for s in front)
    assert points(pareto_people(pr, method="search")) == points(front)
    # A budget of 300 leaves out the 4-person plan (400).
    capped = Problem(pr.options, 1000, budget_cents=300)
    assert [p[:2] for p in points(pareto_people(capped))] == [(1, 100), (2, 200), (3, 300)]


def test_category_cap_counts_up_to_the_cap() -> None:
    # A (category x, capped at 1500): 1000 value, 100 cost, a person a unit, at most 3.
    # B (category y): 1000 value, 300 cost, no people, at most 3. Target 2500:
    #   a = 0: 3 B, cost 900, 0 people;   a = 1: 1000 + 2 B, cost 100 + 600 = 700, 1 person;
    #   a = 2: 1500 + 1 B, cost 200 + 300 = 500, 2 people; a = 3: 1500 + 1 B, 600, 3 people.
    # Cheapest overall is a = 2 (500, 2 people); more people: a = 3 (600, 3 people).
    pr = Problem(
        (opt("A", 1000, 100, 3, cat="x", people=1), opt("B", 1000, 300, 3, cat="y")),
        target_cents=2500,
        category_caps={"x": 1500},
    )
    assert points(pareto_people(pr)) == [(2, 500, (2, 1)), (3, 600, (3, 1))]


def test_infeasible_gives_no_points() -> None:
    pr = Problem((opt("A", 1000, 100, 2, people=1),), target_cents=5000)
    for method in ("auto", "search"):
        front = pareto_people(pr, method=method)  # type: ignore[arg-type]
        assert front == [] and front.complete  # proven: there is no point


def test_walk_is_used_where_the_lists_do_not_apply() -> None:
    # Two capped categories: the one-pass method declines, the walk answers.
    pr = Problem(
        (opt("A", 1000, 100, 2, cat="x", people=1), opt("B", 1000, 150, 2, cat="y", people=1)),
        target_cents=2000,
        category_caps={"x": 1000, "y": 1000},
    )
    assert people_frontier_plans(pr, Limits(None)) is None
    # One unit of each (1000 + 1000, cost 250, 2 people) is the only way to 2000; further units
    # count nothing (both caps are reached) but bring a person each: the cheaper A first
    # (3 people, 350), then B (4 people, 500).
    front = pareto_people(pr)
    assert points(front) == [(2, 250, (1, 1)), (3, 350, (2, 1)), (4, 500, (2, 2))]
    assert front.complete  # 5 people are proven out of reach


@settings(CI, max_examples=300)
@given(small_problems())
def test_lists_match_the_walk_and_enumeration(problem: Problem) -> None:
    got = pareto_people(problem, time_limit=None)
    assert [(s.people, s.cost_cents) for s in got] == Enumeration(problem).pareto_people()
    walk = pareto_people(problem, method="search", time_limit=None)
    assert [s.units for s in got] == [s.units for s in walk]
    for s in got:
        assert problem.is_feasible(s.units)


@settings(CI, max_examples=300)
@given(small_problems())
def test_numpy_lists_give_the_plans_of_the_exact_keys(problem: Problem) -> None:
    # the numpy engine compares (cost, units) only and settles equal states by their units
    # vectors: the same plans, tie rule included, as the exact integer keys
    exact = people_frontier_plans(problem, Limits(None), engine="python")
    arrays = people_frontier_plans(problem, Limits(None), engine="numpy")
    assert arrays == exact


def test_numpy_lists_settle_equal_states_lexicographically() -> None:
    # the tie case of test_ties_follow_the_documented_rule, three copies: k people cost 100 * k
    # and the lexicographically smallest vector of k units wins: (0, 0, 1), (0, 0, 2), (0, 1, 2).
    pr = Problem(tuple(opt(x, 1000, 100, 2, people=1) for x in "ABC"), 1000)
    plans, complete = people_frontier_plans(pr, Limits(None), engine="numpy") or ([], False)
    assert complete
    assert plans[:3] == [(0, 0, 1), (0, 0, 2), (0, 1, 2)]
    assert plans == people_frontier_plans(pr, Limits(None), engine="python")[0]  # type: ignore[index]


@pytest.mark.parametrize("seed", range(4))
def test_numpy_lists_match_the_walk_on_the_family(seed: int) -> None:
    problem = people_frontier(random.Random(100 + seed), 30)
    got = people_frontier_plans(problem, Limits(None), engine="numpy")
    assert got is not None and got[1]
    walk = pareto_people(problem, method="search", time_limit=None)
    assert got[0] == [s.units for s in walk]


@pytest.mark.parametrize("seed", range(4))
def test_auto_switches_to_arrays_midway_with_the_same_plans(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a low threshold makes "auto" hand its integer-key states over to the arrays after a few
    # options: the plans (read back through both) are those of the integer keys throughout
    problem = people_frontier(random.Random(200 + seed), 24)
    exact = people_frontier_plans(problem, Limits(None), engine="python")
    monkeypatch.setattr(lists, "NUMPY_FROM", 40)
    assert people_frontier_plans(problem, Limits(None)) == exact


@pytest.mark.parametrize("seed", range(6))
def test_people_frontier_family_matches_the_walk(seed: int) -> None:
    rng = random.Random(seed)
    problem = people_frontier(rng, 10)
    assert people_frontier_plans(problem, Limits(None)) is not None  # the lists apply
    got = pareto_people(problem, time_limit=None)
    walk = pareto_people(problem, method="search", time_limit=None)
    assert [s.units for s in got] == [s.units for s in walk]
    assert all(s.status == "optimal" for s in got)


def test_cancelled_frontier_returns_only_feasible_points() -> None:
    problem = people_frontier(random.Random(3), 30)
    token = CancelToken()
    token.cancel()
    front = pareto_people(problem, cancel=token)
    assert all(s.status == "feasible" and problem.is_feasible(s.units) for s in front)
    assert not front.complete


def test_a_walk_stopped_early_is_not_complete(monkeypatch: pytest.MonkeyPatch) -> None:
    # the walk (method="search"): cancelled before it starts, or right after its first point --
    # whatever it found is right, and it says that more may follow
    import bouwblokken.optimize.frontier as frontier

    problem = people_frontier(random.Random(3), 12)
    whole = pareto_people(problem, method="search", time_limit=None)
    assert whole.complete and len(whole) > 1
    token = CancelToken()
    token.cancel()
    early = pareto_people(problem, method="search", cancel=token)
    assert not early.complete  # at most a first point the search closed before it looked
    assert points(early) == points(whole)[: len(early)]

    token = CancelToken()
    real = frontier.find_min_cost

    def then_cancel(*args: object, **kwargs: object) -> object:
        got = real(*args, **kwargs)  # type: ignore[arg-type]
        token.cancel()
        return got

    monkeypatch.setattr(frontier, "find_min_cost", then_cancel)
    part = pareto_people(problem, method="search", cancel=token, time_limit=None)
    assert not part.complete
    assert points(part) == points(whole)[:1]


def test_the_small_path_does_not_load_numpy() -> None:
    # importing the optimizer, and a small request the branch and bound closes: OR-Tools (and
    # with it numpy, ~0,1 s) is only looked up, not imported
    code = (
        "import sys\n"
        "from bouwblokken.optimize import Option, Problem, alternatives, pareto_people, solve\n"
        "pr = Problem((Option('a', 'x', 1000, 500, 10, people_per_unit=1),"
        " Option('b', 'x', 1000, 800, 10)), 3000)\n"
        "assert solve(pr).units == (3, 0)\n"
        "alternatives(pr)\n"
        "pareto_people(pr)\n"
        "print('numpy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
