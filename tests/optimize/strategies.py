"""Problem generators for the optimizer's cross-checks and its benchmark (the one copy).

- :func:`realistic_problem` — a seeded generator of problems shaped like real tenders, used by
  the hypothesis tests (through :func:`realistic_problems`), the slow many-instance check and
  ``benchmarks/bench_optimizer.py``.
- :func:`small_problems` — a hypothesis strategy of problems small enough to enumerate (at most
  :data:`reference_bruteforce.MAX_PLANS` plans), with values from 1 cent to 1e8 cents so both
  dense ties and large-cent arithmetic occur.
"""

from __future__ import annotations

import math
import random
from dataclasses import replace

from hypothesis import strategies as st
from reference_bruteforce import MAX_PLANS

from bouwblokken.optimize.problem import Option, Problem

__all__ = [
    "ADVERSARIAL",
    "capped_groups",
    "coprime_large",
    "infeasible_target",
    "near_identical",
    "people_frontier",
    "realistic_problem",
    "realistic_problems",
    "small_problems",
    "tight_caps",
]

CATEGORIES = ("work", "learning", "buying", "community", "social")
EURO = 100


def _cost(rng: random.Random, value: int) -> int:
    """A supplier's cost of a unit: about 5% to 150% of its counted value."""
    return value * rng.randint(500, 15_000) // 10_000


def _option(rng: random.Random, i: int, categories: list[str]) -> Option:
    """One option: a person (1..10 people, a year each), hours, or € 100 purchase steps."""
    kind = rng.choices(["person", "hours", "purchase"], weights=[4, 3, 2])[0]
    if kind == "person":
        work = "work" in categories and rng.random() < 0.7
        category = "work" if work else rng.choice(categories)
        value = rng.randint(8_000, 60_000) * EURO + rng.choice([0, 0, rng.randint(1, 99)])
        return Option(
            id=f"o{i}",
            category=category,
            value_cents=value,
            cost_cents=_cost(rng, value),
            max_units=rng.randint(1, 10),
            people_per_unit=1,
            employment=work,
        )
    if kind == "hours":
        value = rng.randint(100 * EURO, 250 * EURO) + rng.randint(0, 99)
        max_units = rng.randint(1, 200)
    else:
        value = 100 * EURO * rng.choice([1, 1, 1, 2, 5]) // rng.choice([1, 1, 2, 4])
        max_units = rng.randint(1, 800)
    return Option(
        id=f"o{i}",
        category=rng.choice([c for c in categories if c != "work"] or categories),
        value_cents=value,
        cost_cents=_cost(rng, value),
        max_units=max_units,
    )


def realistic_problem(rng: random.Random, n_options: int) -> Problem:
    """A tender-like problem of ``n_options`` options, drawn from ``rng``.

    Target € 10k–500k (5% of a € 0.2–10 million contract); 2–5 categories, sometimes one capped
    at 10–25% of the target; occasionally minimum units, an employment minimum and a budget;
    some problems are infeasible.
    """
    categories = ["work", *rng.sample(CATEGORIES[1:], rng.randint(1, 4))]
    target = round(math.exp(rng.uniform(math.log(10_000 * EURO), math.log(500_000 * EURO))))
    options = [_option(rng, i, categories) for i in range(n_options)]
    if rng.random() < 0.15:
        options = [
            replace(o, min_units=rng.randint(0, min(o.max_units, 2))) if rng.random() < 0.3 else o
            for o in options
        ]
    caps: dict[str, int] = {}
    if rng.random() < 0.35:
        caps[rng.choice(categories)] = target * rng.randint(10, 25) // 100
    min_employment = target * rng.randint(10, 50) // 100 if rng.random() < 0.25 else 0
    budget = None
    if rng.random() < 0.2:
        # 50-200% of reaching the target at the options' average cost per euro of value
        cost, value = (sum(getattr(o, f) for o in options) for f in ("cost_cents", "value_cents"))
        budget = target * cost * rng.randint(50, 200) // (100 * max(1, value))
    return Problem(
        options=tuple(options),
        target_cents=target,
        category_caps=caps,
        min_employment_cents=min_employment,
        budget_cents=budget,
    )


def realistic_problems(sizes: tuple[int, ...] = (5, 10, 20)) -> st.SearchStrategy[Problem]:
    """Hypothesis strategy over :func:`realistic_problem` (shrinks through the random draws)."""
    return st.builds(realistic_problem, st.randoms(use_true_random=False), st.sampled_from(sizes))


@st.composite
def small_problems(draw: st.DrawFn, max_plans: int = MAX_PLANS) -> Problem:
    """Problems of at most ``max_plans`` plans, with ties, caps, minimums and budgets."""
    n = draw(st.integers(1, 5))
    # scale 1 gives dense ties and exact hits; large scales test cents near 1e8
    scale = draw(st.sampled_from([1, 1, 100, 10_007, 1_000_003]))
    cats = draw(st.lists(st.sampled_from("abc"), min_size=n, max_size=n))
    options = []
    room = max_plans
    for i in range(n):
        max_units = draw(st.integers(0, min(12, room - 1)))
        min_units = draw(st.integers(0, max_units)) if draw(st.integers(0, 5)) == 0 else 0
        room //= max_units - min_units + 1
        value = draw(st.integers(1, 60)) * scale + draw(st.integers(0, max(0, scale - 1)))
        zero_cost = draw(st.integers(0, 15)) == 0
        cost = 0 if zero_cost else draw(st.integers(1, 90)) * scale + draw(st.integers(0, 99))
        options.append(
            Option(
                id=f"o{i}",
                category=cats[i],
                value_cents=value,
                cost_cents=cost,
                max_units=max_units,
                min_units=min_units,
                people_per_unit=draw(st.integers(0, 2)),
                employment=draw(st.booleans()),
            )
        )
    reach: dict[str, int] = {}
    for o in options:
        reach[o.category] = reach.get(o.category, 0) + o.value_cents * o.max_units
    caps = {c: draw(st.integers(0, r)) for c, r in reach.items() if draw(st.integers(0, 2)) == 0}
    total = sum(min(r, caps.get(c, r)) for c, r in reach.items())
    target = draw(st.integers(0, total + total // 10 + 1))
    emp_reach = sum(o.value_cents * o.max_units for o in options if o.employment)
    min_employment = draw(st.integers(0, emp_reach)) if draw(st.integers(0, 3)) == 0 else 0
    max_cost = sum(o.cost_cents * o.max_units for o in options)
    budget = draw(st.integers(0, max_cost)) if draw(st.integers(0, 3)) == 0 else None
    return Problem(
        options=tuple(options),
        target_cents=target,
        category_caps=caps,
        min_employment_cents=min_employment,
        budget_cents=budget,
    )


@st.composite
def capped_groups(draw: st.DrawFn, max_plans: int = MAX_PLANS) -> Problem:
    """Problems whose caps bind in up to three categories (the grouped dynamic programme; a
    fourth, uncapped, is pooled), values and costs on a coarse grid so that many plans tie
    on cost and units."""
    n = draw(st.integers(3, 7))
    cats = draw(st.lists(st.sampled_from("abcd"), min_size=n, max_size=n))
    options = []
    room = max_plans
    for i in range(n):
        max_units = draw(st.integers(1, max(1, min(4, room - 1))))
        room //= max_units + 1
        value = draw(st.integers(1, 6)) * 10
        options.append(
            Option(
                id=f"o{i}",
                category=cats[i],
                value_cents=value,
                cost_cents=value + draw(st.integers(-2, 2)) * 5,
                max_units=max_units,
            )
        )
    reach: dict[str, int] = {}
    for o in options:
        reach[o.category] = reach.get(o.category, 0) + o.value_cents * o.max_units
    # category d is never capped: it joins the pooled group of the uncapped categories
    caps = {c: draw(st.integers(1, max(1, r - 1))) for c, r in reach.items() if c != "d"}
    total = sum(min(r, caps.get(c, r)) for c, r in reach.items())
    return Problem(
        options=tuple(options),
        target_cents=draw(st.integers(total * 3 // 4, total)),
        category_caps=caps,
    )


# --- adversarial families: the instances real bid teams produce that broke the first solver ---


def near_identical(rng: random.Random, n_options: int) -> Problem:
    """Several candidates with the same block and hours, values and costs a few cents apart
    (the strongly correlated knapsack: cost = value + a constant)."""
    base = rng.randint(18_000, 22_000) * EURO
    options = []
    for i in range(n_options):
        value = base + rng.randint(0, 2_000)
        options.append(
            Option(
                id=f"o{i}",
                category="work",
                value_cents=value,
                cost_cents=value + 150_000 + rng.randint(0, 9),
                max_units=1,
                people_per_unit=1,
                employment=True,
            )
        )
    total = sum(o.value_cents for o in options)
    return Problem(options=tuple(options), target_cents=total * rng.randint(35, 65) // 100 + 1)


def coprime_large(rng: random.Random, n_options: int) -> Problem:
    """Large values with no common divisor (hours valued at odd cents, odd unit costs)."""
    options = []
    for i in range(n_options):
        value = rng.randint(10_000_000, 99_999_999) | 1
        options.append(
            Option(
                id=f"o{i}",
                category=rng.choice(("work", "learning", "buying")),
                value_cents=value,
                cost_cents=value * rng.randint(9_000, 11_000) // 10_000 + rng.randint(1, 97),
                max_units=rng.randint(1, 3),
                people_per_unit=1,
            )
        )
    total = sum(o.value_cents * o.max_units for o in options)
    return Problem(options=tuple(options), target_cents=total * rng.randint(20, 60) // 100)


def tight_caps(rng: random.Random, n_options: int) -> Problem:
    """Every category capped close to what it needs: the target is nearly the sum of caps."""
    cats = ("work", "learning", "buying", "community", "social", "other")
    options = []
    reach: dict[str, int] = {}
    for i in range(n_options):
        cat = cats[i % len(cats)]
        value = rng.randint(1_000, 9_000) * EURO + rng.randint(0, 99)
        mu = rng.randint(1, 4)
        reach[cat] = reach.get(cat, 0) + value * mu
        options.append(
            Option(
                id=f"o{i}",
                category=cat,
                value_cents=value,
                cost_cents=value * rng.randint(8_000, 12_000) // 10_000,
                max_units=mu,
                people_per_unit=1,
                employment=cat == "work",
            )
        )
    caps = {c: r * rng.randint(25, 45) // 100 for c, r in reach.items()}
    return Problem(
        options=tuple(options),
        target_cents=sum(caps.values()) * rng.randint(96, 100) // 100,
        category_caps=caps,
    )


def infeasible_target(rng: random.Random, n_options: int, max_units: int | None = None) -> Problem:
    """A realistic problem whose target is just above everything reachable (``max_units``
    clips the options' units, for oracles that enumerate states)."""
    p = realistic_problem(rng, n_options)
    if max_units is not None:
        p = replace(
            p,
            options=tuple(
                replace(o, max_units=min(o.max_units, max_units), min_units=0) for o in p.options
            ),
        )
    reach = p.counted([o.max_units for o in p.options])
    return replace(p, target_cents=reach + rng.randint(1, 10_000), budget_cents=None)


def people_frontier(rng: random.Random, n_options: int) -> Problem:
    """A realistic problem with person options only (the people-vs-cost frontier)."""
    p = realistic_problem(rng, n_options)
    opts = tuple(replace(o, people_per_unit=1, max_units=min(o.max_units, 4)) for o in p.options)
    reach = replace(p, options=opts).counted([o.max_units for o in opts])
    return replace(
        p,
        options=opts,
        target_cents=min(p.target_cents, reach // 2),
        budget_cents=None,
        min_employment_cents=0,
    )


ADVERSARIAL = {
    "near_identical": near_identical,
    "coprime_large": coprime_large,
    "tight_caps": tight_caps,
    "infeasible": infeasible_target,
}
"""The adversarial families by name (the benchmark's rows and the suite's cross-checks)."""
