"""The portfolio report as an Excel workbook (openpyxl; the ``portfolio`` extra).

Sheets: *Contracten* (one row per contract), *Boetes* (settlements with their trail),
*Dubbeltellingen* (the desk's work list) and, when given, *Impact*. Amounts are written as
exact decimals with a euro number format; Dutch headers by default.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bouwblokken.extras import require
from bouwblokken.money import Lang
from bouwblokken.portfolio.views.text import status_word
from bouwblokken.portfolio.views.words import day, indicator_header, w

if TYPE_CHECKING:
    from bouwblokken.portfolio.impact import ImpactReport
    from bouwblokken.portfolio.monitor import PortfolioReport

__all__ = ["report_workbook"]

EURO = '"€" #,##0.00'


def report_workbook(
    report: PortfolioReport,
    path: str | Path | None = None,
    *,
    impact: ImpactReport | None = None,
    lang: Lang = "nl",
) -> bytes:
    """Write the workbook to ``path`` (if given) and return its bytes."""
    require("openpyxl", "portfolio")  # missing: a library error naming the extra
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    bold = Font(bold=True)

    def sheet(title: str, head: list[str], rows: list[list[Any]], money: set[int]) -> None:
        ws = wb.create_sheet(title)
        ws.append(head)
        for cell in ws[1]:
            cell.font = bold
        for r in rows:
            ws.append(r)
        for col in money:
            for (cell,) in ws.iter_rows(min_row=2, min_col=col + 1, max_col=col + 1):
                cell.number_format = EURO
        for i, h in enumerate(head):
            ws.column_dimensions[ws.cell(1, i + 1).column_letter].width = max(12, len(h) + 2)

    keys = [
        "contract",
        "supplier",
        "buyer",
        "obligation",
        "in_period",
        "to_date",
        "planned",
        "forecast",
        "path",
        "status",
        "payment",
    ]
    sheet(
        "Contracten" if lang == "nl" else "Contracts",
        [w(k, lang) for k in keys],
        [
            [
                r.id,
                r.supplier,
                ", ".join(r.contract.buyers),
                r.obligation,
                r.realised_in_period,
                r.realised_to_date,
                r.planned,
                r.forecast,
                r.path,
                status_word(r, lang),
                r.settlement.fine if r.settlement else None,
            ]
            for r in report.contracts
        ],
        {3, 4, 5, 6, 7, 8, 10},
    )
    sheet(
        "Boetes" if lang == "nl" else "Fines",
        [
            w("contract", lang),
            w("supplier", lang),
            w("basis", lang),
            w("shortfall", lang),
            w("payment", lang),
            w("explanation", lang),
        ],
        [
            [
                s.contract,
                s.supplier,
                w("final" if s.basis == "final" else "forecast_basis", lang),
                s.shortfall,
                s.fine,
                s.explain(lang),
            ]
            for s in report.settlements
        ],
        {3, 4},
    )
    sheet(
        "Dubbeltellingen" if lang == "nl" else "Double counting",
        [
            w("person", lang),
            w("contract", lang),
            w("supplier", lang),
            w("activity", lang),
            w("claimed_by", lang),
            w("dates", lang),
            w("weeks", lang),
            w("cut", lang),
        ],
        [
            [
                d.person,
                d.contract,
                d.supplier,
                d.activity,
                ", ".join(d.claimed_by),
                "; ".join(
                    f"{day(a, lang)} {w('to_word', lang)} {day(b, lang)}" for a, b in d.periods
                ),
                d.weeks_text(lang),
                d.amount,
            ]
            for d in report.double_counts
        ],
        {7},
    )
    if impact is not None:
        kinds = sorted({k for r in (*impact.rows, impact.total) for k in r.indicators})
        sheet(
            "Impact",
            [w(impact.by, lang), w("euros", lang), w("persons", lang), w("fte", lang)]
            + [indicator_header(k, u, lang, impact.indicator_labels) for k, u in kinds],
            [
                [r.label, r.euros, r.unique_persons, r.fte_rounded]
                + [r.indicators.get(k) for k in kinds]
                for r in (*impact.rows, impact.total)
            ],
            {1},
        )
    del wb[wb.sheetnames[0]]
    buf = BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    if path is not None:
        Path(path).write_bytes(data)
    return data
