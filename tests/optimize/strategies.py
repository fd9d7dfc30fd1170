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

__all__ = ["realistic_problem", "realistic_problems", "small_problems"]

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
