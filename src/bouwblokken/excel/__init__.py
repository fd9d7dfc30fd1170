"""Excel, both ways (optional extra: ``pip install '.[excel]'``, openpyxl).

Writing (:mod:`bouwblokken.excel.write`): a ledger result, a plan valued under several
catalogs, and a catalog as Dutch workbooks -- real numbers with a euro number format, dates as
dates, Dutch headers and words, frozen header rows, column widths set.

Reading (:mod:`bouwblokken.excel.read`): a ledger and an options sheet from the documented
template (``bouwblokken template ledger.xlsx``); errors name the sheet, row and column. A ledger
written with :func:`write_ledger` reads back equal (exact round trip).

Number formats in the file are stored in Excel's own notation (``#,##0.00``); Dutch Excel shows
them as ``€ 1.234,56``, English Excel as ``€1,234.56``.
"""

from bouwblokken.excel.read import (
    ExcelInputError,
    read_ledger,
    read_options,
    write_ledger,
    write_ledger_template,
    write_options_template,
)
from bouwblokken.excel.write import (
    DATE_FORMAT,
    EUR_FORMAT,
    PERCENT_FORMAT,
    write_catalog,
    write_comparison,
    write_plans,
    write_result,
)

__all__ = [
    "DATE_FORMAT",
    "EUR_FORMAT",
    "PERCENT_FORMAT",
    "ExcelInputError",
    "read_ledger",
    "read_options",
    "write_catalog",
    "write_comparison",
    "write_ledger",
    "write_ledger_template",
    "write_options_template",
    "write_plans",
    "write_result",
]
