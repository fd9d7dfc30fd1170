"""The tender stage for buyers: designing the obligation, comparing bids, scoring them.

The core (this package's modules except the views) computes; the views
(:mod:`bouwblokken.award.table`, :mod:`~bouwblokken.award.excel`,
:mod:`~bouwblokken.award.document`, :mod:`~bouwblokken.award.chart`) only show, and the core
never imports them.
"""

from bouwblokken.award.assumptions import (
    CostAssumptions,
    default_cost_assumptions,
    load_cost_assumptions,
    options_for,
)
from bouwblokken.award.design import (
    DEFAULT_PERCENTAGES,
    DesignRow,
    ObligationDesign,
    SupplierCost,
    design_obligation,
)
from bouwblokken.award.errors import AwardError

__all__ = [
    "DEFAULT_PERCENTAGES",
    "AwardError",
    "CostAssumptions",
    "DesignRow",
    "ObligationDesign",
    "SupplierCost",
    "default_cost_assumptions",
    "design_obligation",
    "load_cost_assumptions",
    "options_for",
]
