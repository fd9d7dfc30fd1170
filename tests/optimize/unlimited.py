"""The solver's entry points without a time limit, for the exactness cross-checks.

The library's default limit (a few seconds, for interactive use) is a wall-clock limit: on a
loaded machine a small problem could stop at "feasible" and a cross-check of *exactness* would
fail for a reason that has nothing to do with exactness. These tests check the answers, so they
run without a limit (the small problems still finish in milliseconds); the limits themselves are
tested in test_plan_status.py and test_dp.py.
"""

from __future__ import annotations

from functools import partial
from types import SimpleNamespace

from bouwblokken.optimize import solver as _solver

solver = SimpleNamespace(
    **{
        name: partial(getattr(_solver, name), time_limit=None)
        for name in ("solve", "solve_many", "alternatives", "pareto_people", "max_value_for_budget")
    }
)
