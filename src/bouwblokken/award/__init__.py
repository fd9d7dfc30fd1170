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
from bouwblokken.award.bids import (
    Bid,
    BidComparison,
    BidResult,
    BidsDocument,
    Offer,
    compare_bids,
    read_bids,
)
from bouwblokken.award.design import (
    DEFAULT_PERCENTAGES,
    DesignRow,
    ObligationDesign,
    SupplierCost,
    design_obligation,
)
from bouwblokken.award.errors import AwardError
from bouwblokken.award.ranking import FormulaComparison, compare_formulas
from bouwblokken.award.scoring import (
    CriterionScore,
    FictivePriceFormula,
    FormulaSet,
    JuryCriterion,
    PointsFormula,
    PriceCriterion,
    Ranking,
    Score,
    SocialReturnCriterion,
    load_formulas,
    score,
)

__all__ = [
    "DEFAULT_PERCENTAGES",
    "AwardError",
    "Bid",
    "BidComparison",
    "BidResult",
    "BidsDocument",
    "CostAssumptions",
    "CriterionScore",
    "DesignRow",
    "FictivePriceFormula",
    "FormulaComparison",
    "FormulaSet",
    "JuryCriterion",
    "ObligationDesign",
    "Offer",
    "PointsFormula",
    "PriceCriterion",
    "Ranking",
    "Score",
    "SocialReturnCriterion",
    "SupplierCost",
    "compare_bids",
    "compare_formulas",
    "default_cost_assumptions",
    "design_obligation",
    "load_cost_assumptions",
    "load_formulas",
    "options_for",
    "read_bids",
    "score",
]
