"""Human views of results: aligned text tables, HTML for notebooks, DataFrames, charts.

The core never imports this package at module level; results call into it on demand.
"""
