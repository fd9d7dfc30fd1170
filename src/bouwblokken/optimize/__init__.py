"""Optimizer: the cheapest combinations of blocks that meet an obligation."""

from bouwblokken.optimize.alternatives import alternatives
from bouwblokken.optimize.frontier import Frontier, budget_frontier, pareto_people
from bouwblokken.optimize.limits import DEFAULT_TIME_LIMIT, CancelToken
from bouwblokken.optimize.problem import Option, Problem
from bouwblokken.optimize.solution import Diagnosis, Reason, Solution, Status, status_label
from bouwblokken.optimize.solver import diagnose, max_value_for_budget, solve, solve_many

__all__ = [
    "DEFAULT_TIME_LIMIT",
    "CancelToken",
    "Diagnosis",
    "Frontier",
    "Option",
    "Problem",
    "Reason",
    "Solution",
    "Status",
    "alternatives",
    "budget_frontier",
    "diagnose",
    "max_value_for_budget",
    "pareto_people",
    "solve",
    "solve_many",
    "status_label",
]
