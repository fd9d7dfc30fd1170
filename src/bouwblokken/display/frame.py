"""pandas DataFrames of results (optional extra: ``pip install bouwblokken[pandas]``).

Amounts stay :class:`~decimal.Decimal` (object columns): exact, at the cost of pandas' speed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bouwblokken.errors import BouwblokkenError

if TYPE_CHECKING:
    from bouwblokken.ledger import LedgerResult

__all__ = ["ledger_dataframe"]


def _pandas() -> Any:
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - depends on the environment
        raise BouwblokkenError(
            "pandas is not installed: pip install 'bouwblokken[pandas]'"
        ) from None
    return pd


def ledger_dataframe(result: LedgerResult) -> Any:
    """One row per activity: tender, activity, block, category, status, counted, not counted."""
    pd = _pandas()
    rows = []
    for t in result.tenders:
        for r in t.activities:
            rows.append(
                {
                    "tender": t.tender.id,
                    "catalog": t.catalog,
                    "activity": r.label,
                    "person": r.activity.person,
                    "block": r.activity.block,
                    "category": r.valuation.category if r.valuation else None,
                    "status": r.activity.status,
                    "counted": r.counted,
                    "not_counted": r.gross - r.counted,
                    "reasons": "; ".join(nc.reason for nc in r.not_counted),
                }
            )
    return pd.DataFrame(rows)
