"""The adversarial families, cross-checked against an independent DP; back ends agree on the
plan (the tie rule); time limits and cancellation always answer."""

from __future__ import annotations

import dataclasses
import random
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from reference_dp import dp_max_counted, dp_min_cost
from strategies import (
    ADVERSARIAL,
    capped_groups,
    infeasible_target,
    people_frontier,
    realistic_problem,
    small_problems,
    tight_caps,
)

from bouwblokken.optimize import CancelToken, Problem, portfolio, solve
from bouwblokken.optimize.frontier import pareto_people
from bouwblokken.optimize.portfolio import AUTO_NODES, AUTO_NODES_PER_OPTION
from bouwblokken.optimize.problem import Option
from bouwblokken.optimize.solution import status_label
from bouwblokken.optimize.solver import diagnose

SMALL = {"near_identical": 12, "coprime_large": 7, "tight_caps": 9, "infeasible": 6}
CASES = [(fam, seed) for fam in SMALL for seed in range(6)]


def _small(family: str, seed: int) -> Problem:
    if family == "infeasible":
        return infeasible_target(random.Random(seed), SMALL[family], max_units=6)
    return ADVERSARIAL[family](random.Random(seed), SMALL[family])


@pytest.mark.parametrize(("family", "seed"), CASES)
def test_every_back_end_finds_the_dp_optimum_and_the_same_plan(family: str, seed: int) -> None:
    problem = _small(family, seed)
    want = dp_min_cost(problem)
    plans = {m: solve(problem, method=m, time_limit=30) for m in ("search", "dp", "cpsat", "auto")}
    for method, sol in plans.items():
        if want is None:
            assert sol.status == "infeasible", method
        else:
            assert sol.status == "optimal", method
            assert problem.is_feasible(sol.units), method
            assert sol.cost_cents == want, method
    # one tie rule: cost, fewest units, lexicographically smallest -- whichever back end
    assert plans["search"].units == plans["dp"].units == plans["cpsat"].units
    assert plans["auto"].units == plans["search"].units


@pytest.mark.parametrize("seed", range(6))
def test_infeasible_diagnosis_is_the_dp_maximum(seed: int) -> None:
    problem = infeasible_target(random.Random(100 + seed), 6, max_units=6)
    want = dp_max_counted(problem)
    if want is None:  # the employment minimum cannot be met: the diagnosis leaves it out
        want = dp_max_counted(dataclasses.replace(problem, min_employment_cents=0))
    for method in ("search", "dp", "cpsat", "auto"):
        diag = diagnose(problem, method=method)
        assert diag.proven
        assert diag.max_counted_cents == want
        assert diag.max_counted_cents < problem.target_cents
        assert problem.counted(diag.plan) == want


@pytest.mark.parametrize("seed", range(4))
def test_people_frontier_points_are_dp_optimal(seed: int) -> None:
    problem = people_frontier(random.Random(seed), 6)
    front = {m: pareto_people(problem, method=m) for m in ("search", "cpsat")}
    assert [s.units for s in front["search"]] == [s.units for s in front["cpsat"]]
    for sol in front["cpsat"]:
        assert sol.status == "optimal"
        assert sol.cost_cents == dp_min_cost(problem, min_people=sol.people)
        # no plan with more people costs the same (else it would be the point)
        more = dp_min_cost(problem, min_people=sol.people + 1)
        assert more is None or more > sol.cost_cents


def _hard() -> Problem:
    # every back end takes far longer than the limits below (the dynamic programme about 2 s)
    return tight_caps(random.Random(1), 1000)


@pytest.mark.parametrize("method", ["search", "dp", "cpsat", "auto"])
def test_a_time_limit_answers_with_the_best_plan_and_a_proven_bound(method: str) -> None:
    problem = _hard()
    sol = solve(problem, time_limit=0.05, method=method)
    assert sol.status in ("feasible", "unknown")
    if sol.status == "feasible":
        assert problem.is_feasible(sol.units)
        assert sol.lower_bound_cents is not None
        assert sol.lower_bound_cents <= sol.cost_cents
        assert sol.gap is not None and 0 <= sol.gap <= 1
    else:
        assert sol.units == tuple(o.min_units for o in problem.options)


@pytest.mark.parametrize("method", ["search", "dp", "cpsat"])
def test_cancel_from_another_thread(method: str) -> None:
    token = CancelToken()
    timer = threading.Timer(0.1, token.cancel)
    timer.start()
    try:
        sol = solve(_hard(), time_limit=None, cancel=token, method=method)
    finally:
        timer.cancel()
    assert token.cancelled
    assert sol.status in ("feasible", "unknown")


def test_a_cancelled_token_stops_a_batch_at_once() -> None:
    token = CancelToken()
    token.cancel()
    sol = solve(_hard(), cancel=token, method="cpsat")
    assert sol.status == "unknown"


def test_typical_requests_stay_with_the_branch_and_bound() -> None:
    # the portfolio hands over only when the search does not close: typical ones never do
    rng = random.Random(7)
    for _ in range(20):
        problem = realistic_problem(rng, 20)
        sol = solve(problem)
        assert sol.status in ("optimal", "infeasible")
        assert sol.nodes < AUTO_NODES + AUTO_NODES_PER_OPTION * len(problem.options)


# realistic 20-option requests whose first search runs out of nodes, with an option of
# hundreds of hours: the lists would be slow (up to 0,5 s), a second search closes them
LONG_SEARCH = (6513, 6909, 14404, 15377)


def _no_lists(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    calls: list[object] = []
    monkeypatch.setattr(portfolio, "_run_dp", lambda *a, **k: calls.append(a))
    monkeypatch.setattr(portfolio.cpsat, "min_cost", lambda *a, **k: calls.append(a))
    return calls


@pytest.mark.parametrize("seed", LONG_SEARCH)
def test_a_long_search_closes_before_the_lists(seed: int) -> None:
    problem = realistic_problem(random.Random(seed), 20)
    assert portfolio._search_again(problem)
    first = AUTO_NODES + AUTO_NODES_PER_OPTION * 20
    plans = {m: solve(problem, method=m, time_limit=30) for m in ("auto", "search", "dp", "cpsat")}
    assert plans["auto"].nodes > first  # the first search did not close
    assert {s.status for s in plans.values()} == {"optimal"}
    assert len({s.cost_cents for s in plans.values()}) == 1
    assert len({s.units for s in plans.values()}) == 1  # one tie rule


@pytest.mark.parametrize("seed", LONG_SEARCH)
def test_the_second_search_answers_without_other_back_ends(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    problem = realistic_problem(random.Random(seed), 20)
    want = solve(problem, method="cpsat", time_limit=30)
    calls = _no_lists(monkeypatch)
    sol = solve(problem)
    assert calls == []
    assert (sol.status, sol.units) == ("optimal", want.units)


def test_a_second_search_that_does_not_close_hands_its_plan_to_the_lists(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    problem = realistic_problem(random.Random(LONG_SEARCH[1]), 20)
    want = solve(problem, method="search")
    monkeypatch.setattr(portfolio, "AUTO_NODES", 5)
    monkeypatch.setattr(portfolio, "AUTO_NODES_PER_OPTION", 0)
    monkeypatch.setattr(portfolio, "SECOND_NODES", 20 * 20)  # 20 nodes, four times the first
    seen: list[tuple[object, ...]] = []
    run_dp = portfolio._run_dp
    monkeypatch.setattr(portfolio, "_run_dp", lambda *a, **k: seen.append(a) or run_dp(*a, **k))
    sol = solve(problem)
    assert len(seen) == 1
    incumbent, nodes, lower = seen[0][5:8]
    assert nodes > 5 + 20  # both searches counted
    assert incumbent is None or problem.is_feasible(incumbent)
    assert 0 <= lower <= want.cost_cents  # a proven bound, passed on
    assert (sol.status, sol.units) == ("optimal", want.units)


@pytest.mark.parametrize("second", [300, 1_024, 100_000])
@pytest.mark.parametrize("seed", LONG_SEARCH)
def test_every_hand_over_keeps_the_search_plan(
    seed: int, second: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the first search stops at its first check (256 nodes), the second after about `second`
    # nodes (these need 842-2.848): the lists and CP-SAT take over from whichever did not close,
    # and the plan is the branch and bound's all the same (one tie rule)
    problem = realistic_problem(random.Random(seed), 20)
    want = solve(problem, method="search")
    monkeypatch.setattr(portfolio, "AUTO_NODES", 1)
    monkeypatch.setattr(portfolio, "AUTO_NODES_PER_OPTION", 0)
    monkeypatch.setattr(portfolio, "SECOND_NODES", 20 * second)
    got = solve(problem, time_limit=30)
    assert got.nodes >= 256
    assert (got.status, got.units) == (want.status, want.units)


def _hours(n: int, units: int) -> Problem:
    opts = tuple(
        Option(
            id=f"o{i}", category="work", value_cents=5_000, cost_cents=4_000 + i, max_units=units
        )
        for i in range(n)
    )
    return Problem(options=opts, target_cents=5_000 * units)


def test_the_second_search_needs_many_units_and_few_options() -> None:
    # 64 free units and at most 100 options (400.000 / 100 = 4 x (500 + 5 x 100) nodes)
    assert portfolio._search_again(_hours(20, 64))
    assert not portfolio._search_again(_hours(20, 63))
    assert portfolio._search_again(_hours(100, 64))
    assert not portfolio._search_again(_hours(101, 64))


def test_statuses_have_dutch_and_english_words() -> None:
    assert status_label("optimal") == "optimaal"
    assert status_label("infeasible", "en") == "infeasible (proven)"
    assert status_label("feasible") == "haalbaar, niet bewezen optimaal"
    assert status_label("unknown", "en") == "unknown (time limit)"


def test_bad_time_limit_is_refused() -> None:
    with pytest.raises(ValueError, match="time_limit"):
        solve(_hard(), time_limit=0)
    with pytest.raises(ValueError, match="method"):
        solve(_hard(), method="fastest")  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_problems())
def test_cpsat_and_the_search_pick_the_same_plan(problem: Problem) -> None:
    """The tie rule (cost, fewest units, lexicographically smallest) on dense ties."""
    a = solve(problem, method="search")
    b = solve(problem, method="cpsat")
    assert a.status == b.status
    assert a.units == b.units


def test_without_ortools_auto_needs_no_cpsat(monkeypatch: pytest.MonkeyPatch) -> None:
    from bouwblokken.optimize import cpsat

    problem = _small("near_identical", 3)
    want = solve(problem, method="search")
    monkeypatch.setattr(cpsat, "available", lambda: False)
    got = solve(problem)
    assert got.status == "optimal" and got.units == want.units


def test_progress_bars_do_not_change_answers() -> None:
    from bouwblokken.optimize import solve_many

    problem = people_frontier(random.Random(2), 6)
    plain = [s.units for s in pareto_people(problem)]
    assert [s.units for s in pareto_people(problem, progress=True)] == plain
    problems = [_small("tight_caps", k) for k in range(3)]
    assert [s.units for s in solve_many(problems, progress=True)] == [
        s.units for s in solve_many(problems)
    ]


@pytest.mark.parametrize("tail_options", [0, 3, 64])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problem=small_problems())
def test_cpsat_handing_the_tie_rule_to_the_dp_keeps_the_plan(
    problem: Problem, tail_options: int
) -> None:
    """CP-SAT's lexicographic blocks finished by the dynamic programme (from the first option
    with at most ``tail_options`` free options after it) give the search's plan exactly."""
    from hypothesis import assume

    from bouwblokken.optimize import cpsat, dp
    from bouwblokken.optimize.limits import Limits
    from bouwblokken.optimize.portfolio import _dp_tail

    assume(dp.applicable(problem))
    want = solve(problem, method="search")
    old = cpsat.TAIL_OPTIONS
    cpsat.TAIL_OPTIONS = tail_options
    try:
        tail = _dp_tail(problem, Limits(30), problem.budget_cents, None)
        got = cpsat.min_cost(problem, Limits(30), budget=problem.budget_cents, tail=tail)
    finally:
        cpsat.TAIL_OPTIONS = old
    if want.status == "infeasible":
        assert got.status == "infeasible"
    else:
        assert got.status == "optimal"
        assert got.units == want.units


def _groups(problem: Problem) -> int:
    from bouwblokken.optimize.portfolio import _binding_caps

    return _binding_caps(problem)


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(capped_groups())
def test_the_grouped_dp_picks_the_tie_rule_s_plan_among_every_plan(problem: Problem) -> None:
    """Two or more binding caps (the grouped dynamic programme, its splits over the groups
    and the rebuild per group) on a grid of tied costs: every plan enumerated, the answer is
    the least cost, then fewest units, then the lexicographically smallest."""
    from hypothesis import assume
    from reference_bruteforce import Enumeration

    from bouwblokken.optimize.dp import min_cost_dp

    assume(_groups(problem) >= 2)
    feasible = [
        tuple(int(x) for x in row)
        for row in Enumeration(problem).units
        if problem.is_feasible([int(x) for x in row])
    ]
    got = min_cost_dp(problem)
    if not feasible:
        assert got.status == "infeasible"
        return
    assert got.status == "optimal"
    assert got.units == min(feasible, key=lambda x: (problem.cost(x), sum(x), x))
    assert solve(problem).units == got.units


def test_the_bound_across_groups_keeps_the_earliest_tied_plan() -> None:
    """Two binding caps, every unit 10 cents for 10 cents: the target 30 takes 2 units of
    category a (its cap 20) and 1 of b, cost 30 in 3 units. The lexicographically smallest
    of those plans leaves o0, o1 and o4 at 0: (0, 0, 1, 1, 0, 1). The bound across groups
    once rounded its two LP parts up one by one (8 + 135 for an exact 142) and dropped the
    state of o5 that plan needs."""
    from bouwblokken.optimize import Option

    opts = tuple(
        Option(id=f"o{i}", category=c, value_cents=10, cost_cents=10, max_units=1)
        for i, c in enumerate("aaaabb")
    )
    problem = Problem(options=opts, target_cents=30, category_caps={"a": 20, "b": 11})
    assert solve(problem).units == (0, 0, 1, 1, 0, 1)
    assert solve(problem, method="dp").units == (0, 0, 1, 1, 0, 1)
