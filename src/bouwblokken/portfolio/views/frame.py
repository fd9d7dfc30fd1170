"""DataFrames of portfolio reports (the ``pandas`` extra). Amounts stay exact Decimals."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bouwblokken.display.frame import _pandas

if TYPE_CHECKING:
    from bouwblokken.portfolio.impact import ImpactReport
    from bouwblokken.portfolio.monitor import PortfolioReport

__all__ = ["double_count_dataframe", "impact_dataframe", "report_dataframe"]


def report_dataframe(report: PortfolioReport) -> Any:
    """One row per contract."""
    pd = _pandas()
    return pd.DataFrame(
        [
            {
                "contract": r.id,
                "supplier": r.supplier,
                "buyers": ";".join(r.contract.buyers),
                "obligation": r.obligation,
                "realised_in_period": r.realised_in_period,
                "realised_to_date": r.realised_to_date,
                "planned": r.planned,
                "forecast": r.forecast,
                "path": r.path,
                "behind_path": r.behind_path,
                "at_risk": r.at_risk,
                "fine": r.settlement.fine if r.settlement else None,
                "settlement_basis": r.settlement.basis if r.settlement else None,
            }
            for r in report.contracts
        ]
    )


def double_count_dataframe(report: PortfolioReport) -> Any:
    """One row per cut activity: the desk's work list."""
    pd = _pandas()
    return pd.DataFrame(
        [
            {
                "person": d.person,
                "contract": d.contract,
                "supplier": d.supplier,
                "activity": d.activity,
                "claimed_by": ", ".join(d.claimed_by),
                "cross_supplier": d.cross_supplier,
                "from": d.periods[0][0] if d.periods else None,
                "to": d.periods[-1][1] if d.periods else None,
                "weeks": d.weeks,
                "not_counted": d.amount,
            }
            for d in report.double_counts
        ]
    )


def impact_dataframe(report: ImpactReport) -> Any:
    """One row per group (and a total row): euros, unique persons, FTE, one column per
    indicator kind and unit."""
    pd = _pandas()
    kinds = sorted({k for r in (*report.rows, report.total) for k in r.indicators})
    return pd.DataFrame(
        [
            {
                report.by: r.key,
                "label": r.label,
                "euros": r.euros,
                "unique_persons": r.unique_persons,
                "fte": r.fte_rounded,
                **{f"{kind} ({unit})": r.indicators.get((kind, unit)) for kind, unit in kinds},
            }
            for r in (*report.rows, report.total)
        ]
    )
