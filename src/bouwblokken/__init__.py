"""bouwblokken: exact, explainable social-return building blocks (bouwblokkenmethode, SROI).

Versioned regional catalogs as data, exact valuation with a trail per euro, obligations and a
ledger that stacks activities against them, and an optimizer for the cheapest plans.

>>> from datetime import date
>>> from bouwblokken import Activity, load_catalog, value_activity
>>> utrecht = load_catalog("utrecht")
>>> v = value_activity(
...     Activity(block="participatiewet", hours_per_week=24,
...              start=date(2025, 1, 1), end=date(2025, 6, 30)),
...     utrecht,
... )
>>> str(v.amount)  # 40 000 × 24/36 × 6/12 months
'13333.33'
"""

from bouwblokken.activity import Activity
from bouwblokken.catalog import (
    Catalog,
    CatalogInfo,
    Registry,
    list_catalogs,
    load_catalog,
    load_catalog_file,
)
from bouwblokken.errors import (
    BouwblokkenError,
    CatalogError,
    CatalogFileError,
    DocumentError,
    LedgerError,
    MoneyError,
    NoEditionInForceError,
    UnknownBlockError,
    UnknownCatalogError,
    ValuationError,
)
from bouwblokken.ledger import Ledger, LedgerResult, evaluate
from bouwblokken.money import format_eur, parse_money, round_cents
from bouwblokken.obligation import Obligation, compute_obligation, list_obligation_rules
from bouwblokken.tender import Person, Tender
from bouwblokken.valuation import Valuation, value_activity

__version__ = "0.1.0"

from bouwblokken import display as _display  # noqa: F401  (fills bouwblokken.views)
from bouwblokken.compare import compare, value_under
from bouwblokken.parse import parse_amount, parse_date, parse_hours

__all__ = [
    "Activity",
    "BouwblokkenError",
    "Catalog",
    "CatalogError",
    "CatalogFileError",
    "CatalogInfo",
    "DocumentError",
    "Ledger",
    "LedgerError",
    "LedgerResult",
    "MoneyError",
    "NoEditionInForceError",
    "Obligation",
    "Person",
    "Registry",
    "Tender",
    "UnknownBlockError",
    "UnknownCatalogError",
    "Valuation",
    "ValuationError",
    "__version__",
    "compare",
    "compute_obligation",
    "evaluate",
    "format_eur",
    "list_catalogs",
    "list_obligation_rules",
    "load_catalog",
    "load_catalog_file",
    "parse_amount",
    "parse_date",
    "parse_hours",
    "parse_money",
    "round_cents",
    "value_activity",
    "value_under",
]
