"""The buyer's portfolio: many suppliers' contracts monitored per period (issue 13).

The model (:mod:`~bouwblokken.portfolio.model`), its JSON document
(:mod:`~bouwblokken.portfolio.document`) and tabular ingestion
(:mod:`~bouwblokken.portfolio.ingest`) are plain data; reporting periods and the monitor
(:mod:`~bouwblokken.portfolio.monitor`), double counting across suppliers
(:mod:`~bouwblokken.portfolio.duplicates`), shortfall settlements
(:mod:`~bouwblokken.portfolio.settlement`) and impact goals / SDG reports
(:mod:`~bouwblokken.portfolio.impact`) are built on :func:`bouwblokken.ledger.evaluate`.
Views (text, HTML, Excel, charts, DataFrames) live in :mod:`bouwblokken.portfolio.views` and
are never imported by the model.
"""

from bouwblokken.portfolio.document import portfolio_schema, read_portfolio, write_portfolio
from bouwblokken.portfolio.ingest import (
    IngestError,
    IngestReport,
    Rejection,
    Table,
    build_portfolio,
    read_csv,
    read_excel,
    read_sql,
    table_from_dataframe,
    table_from_rows,
)
from bouwblokken.portfolio.model import (
    Buyer,
    Contract,
    ContractActivity,
    Indicator,
    Penalty,
    Portfolio,
    PortfolioError,
    StatusEvent,
    Supplier,
)

__all__ = [
    "Buyer",
    "Contract",
    "ContractActivity",
    "Indicator",
    "IngestError",
    "IngestReport",
    "Penalty",
    "Portfolio",
    "PortfolioError",
    "Rejection",
    "StatusEvent",
    "Supplier",
    "Table",
    "build_portfolio",
    "portfolio_schema",
    "read_csv",
    "read_excel",
    "read_portfolio",
    "read_sql",
    "table_from_dataframe",
    "table_from_rows",
    "write_portfolio",
]
