"""DataFrames of portfolio reports (the ``pandas`` extra). Amounts stay exact Decimals.

Column names and words are Dutch by default (``lang="en"`` for English), from the portfolio
views' one word table (:mod:`~bouwblokken.portfolio.views.words`), like the text, HTML and
Excel views; codes never show (a settlement's basis reads *eindafrekening* / *prognose*).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from bouwblokken.display.frame import _pandas
from bouwblokken.money import Lang, format_eur, format_exact
from bouwblokken.periods import day_text
from bouwblokken.portfolio.views.words import DOCUMENTS, indicator_header, status_label, w

if TYPE_CHECKING:
    from bouwblokken.portfolio.impact import ImpactReport
    from bouwblokken.portfolio.monitor import PortfolioReport

__all__ = [
    "double_count_dataframe",
    "impact_dataframe",
    "pending_dataframe",
    "report_dataframe",
    "styled",
]


def report_dataframe(report: PortfolioReport, *, lang: Lang = "nl") -> Any:
    """One row per contract: obligation, realised in the period and to date, planned,
    forecast, path, behind the path, shortfall risk, fine and its basis."""
    pd = _pandas()
    return pd.DataFrame(
        [
            {
                w("contract", lang): r.id,
                w("supplier", lang): r.supplier,
                w("buyers", lang): ";".join(r.contract.buyers),
                w("obligation", lang): r.obligation,
                w("in_period", lang): r.realised_in_period,
                w("to_date", lang): r.realised_to_date,
                w("planned", lang): r.planned,
                w("forecast", lang): r.forecast,
                w("path", lang): r.path,
                w("behind_col", lang): r.behind_path,
                w("at_risk_col", lang): r.at_risk,
                w("payment", lang): r.settlement.fine if r.settlement else None,
                w("basis", lang): (
                    w("final" if r.settlement.basis == "final" else "forecast_basis", lang)
                    if r.settlement
                    else None
                ),
            }
            for r in report.contracts
        ],
        columns=[
            w(k, lang)
            for k in (
                "contract",
                "supplier",
                "buyers",
                "obligation",
                "in_period",
                "to_date",
                "planned",
                "forecast",
                "path",
                "behind_col",
                "at_risk_col",
                "payment",
                "basis",
            )
        ],
    )


def double_count_dataframe(report: PortfolioReport, *, lang: Lang = "nl") -> Any:
    """One row per cut activity: the desk's work list (who, which contract and activity,
    counted first where, from which day to which, the ISO weeks, how much did not count)."""
    pd = _pandas()
    keys = (
        "person",
        "contract",
        "supplier",
        "activity",
        "claimed_by",
        "cross_supplier",
        "from",
        "to",
        "weeks",
        "cut",
    )
    return pd.DataFrame(
        [
            dict(
                zip(
                    (w(k, lang) for k in keys),
                    (
                        d.person,
                        d.contract,
                        d.supplier,
                        d.activity,
                        ", ".join(d.claimed_by),
                        d.cross_supplier,
                        d.periods[0][0] if d.periods else None,
                        d.periods[-1][1] if d.periods else None,
                        d.weeks_text(lang),
                        d.amount,
                    ),
                    strict=True,
                )
            )
            for d in report.double_counts
        ],
        columns=[w(k, lang) for k in keys],
    )


def impact_dataframe(report: ImpactReport, *, lang: Lang = "nl") -> Any:
    """One row per group (and a total row): the group's code and label, euros, unique
    persons, FTE, one column per indicator kind and unit."""
    pd = _pandas()
    kinds = sorted({k for r in (*report.rows, report.total) for k in r.indicators})
    # A label that only repeats the code (a year: "2023") is not a second column.
    labelled = any(r.label != r.key for r in report.rows)
    return pd.DataFrame(
        [
            {
                w(report.by, lang): r.key if r is not report.total else w("total", lang),
                **({w("label", lang): r.label} if labelled else {}),
                w("euros", lang): r.euros,
                w("persons", lang): r.unique_persons,
                w("fte", lang): r.fte_rounded,
                **{
                    indicator_header(kind, unit, lang, report.indicator_labels): r.indicators.get(
                        (kind, unit)
                    )
                    for kind, unit in kinds
                },
            }
            for r in (*report.rows, report.total)
        ]
    )


def pending_dataframe(report: PortfolioReport, *, lang: Lang = "nl") -> Any:
    """One row per declared activity awaiting the desk's decision (the work list): contract,
    supplier, activity, the latest step, since when, the documents on file."""
    pd = _pandas()
    keys = ("contract", "supplier", "activity", "status", "since", "documents_col")
    return pd.DataFrame(
        [
            dict(
                zip(
                    (w(k, lang) for k in keys),
                    (
                        p.contract,
                        p.supplier,
                        p.activity,
                        status_label(p.status, lang),
                        p.since,
                        ", ".join(DOCUMENTS[d][0 if lang == "nl" else 1] for d in p.documents),
                    ),
                    strict=True,
                )
            )
            for p in report.pending or ()
        ],
        columns=[w(k, lang) for k in keys],
    )


def cell_text(value: Any, column: str, *, lang: Lang = "nl") -> str:
    """One cell as a person reads it: euros in a column whose header names € as
    ``€ 1.234,56``, other exact numbers with Dutch signs, dates as ``01-01-2024``, yes/no as
    *ja*/*nee*, a missing value as ``–``."""
    if value is None or (isinstance(value, float) and value != value):  # None, NaN
        return "–"
    if isinstance(value, bool):
        return ("ja" if value else "nee") if lang == "nl" else ("yes" if value else "no")
    if isinstance(value, date):
        return day_text(value, lang)
    if isinstance(value, Decimal | int):
        return format_eur(value, lang=lang) if "€" in column else format_exact(value, lang)
    return str(value)


def styled(frame: Any, *, lang: Lang = "nl") -> Any:
    """A pandas ``Styler`` that *shows* a portfolio DataFrame the Dutch way (see
    :func:`cell_text`) while the frame itself stays typed (Decimal, date, bool) for analysis.
    Needs ``jinja2`` (pandas' Styler); in a notebook the Styler displays as an HTML table."""
    formatters = {c: (lambda v, c=c: cell_text(v, str(c), lang=lang)) for c in frame.columns}
    return frame.style.format(formatters).hide(axis="index")
