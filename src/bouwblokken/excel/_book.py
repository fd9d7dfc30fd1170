"""Shared workbook helpers: openpyxl on demand, header style, widths, frozen headers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from bouwblokken.extras import require

EUR_FORMAT = '[$€-413]"\u00a0"#,##0.00;[$€-413]"\u00a0"-#,##0.00'
"""Euro amounts: Dutch Excel shows ``€ 1.234,56`` (``€ #.##0,00``), with a no-break space
(quoted, so every spreadsheet program takes it as a literal)."""
PERCENT_FORMAT = '0.0"\u00a0"%'
"""Percentages: ``91,8 %`` in Dutch Excel (the cell holds 0.918)."""
DATE_FORMAT = "dd-mm-yyyy"
"""Dates: ``01-05-2025``."""
NUMBER_FORMAT = "#,##0.####"
"""Hours and other quantities, up to four decimals."""


def openpyxl() -> Any:
    return require("openpyxl", "excel")


def new_workbook() -> Any:
    wb = openpyxl().Workbook()
    wb.remove(wb.active)
    return wb


def sheet(
    wb: Any,
    title: str,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    formats: dict[int, str] | None = None,
    widths: dict[int, float] | None = None,  # float-ok: column width in characters
) -> Any:
    """A sheet with a bold, frozen, filterable header row and sensible column widths.
    ``formats`` maps a 0-based column to a number format (amounts, dates, percentages)."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    ws.append(list(header))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    fmts = formats or {}
    for row in rows:
        ws.append([_cell(v) for v in row])
        r = ws.max_row
        for col, fmt in fmts.items():
            c = ws.cell(row=r, column=col + 1)
            if c.value is not None and not isinstance(c.value, str):
                c.number_format = fmt
        for c in ws[r]:
            if isinstance(c.value, date):
                c.number_format = DATE_FORMAT
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = ws.dimensions
    for i, name in enumerate(header):
        longest = max([len(str(name))] + [_width(row[i] if i < len(row) else None) for row in rows])
        width = (widths or {}).get(i, min(max(longest + 2, 8), 60))
        ws.column_dimensions[get_column_letter(i + 1)].width = width
    return ws


def _cell(v: Any) -> Any:
    if isinstance(v, Decimal):
        digits = len(v.as_tuple().digits)
        # More than 15 significant digits do not survive a double: keep them as exact text.
        return format(v, "f") if digits > 15 else v
    if isinstance(v, tuple | list):
        return ", ".join(str(x) for x in v)
    return v


def _width(v: Any) -> int:
    if v is None:
        return 0
    if isinstance(v, Decimal):
        return len(f"{v:,.2f}") + 3
    if isinstance(v, date):
        return 10
    return min(len(str(v)), 60)


def save(wb: Any, path: str | Path) -> Path:
    p = Path(path)
    wb.save(p)
    return p
