"""Optimizer: the cheapest combinations of blocks that meet an obligation."""

from bouwblokken.optimize.problem import Option, Problem

__all__ = ["Option", "Problem"]
