"""pandas DataFrames of results (optional extra: ``pip install '.[pandas]'``).

Amounts stay :class:`~decimal.Decimal` (object columns): exact, at the cost of pandas' speed.
Column names and words are Dutch by default (``lang="en"`` for English); codes never show.
For a spreadsheet use :mod:`bouwblokken.excel` (real numbers with a euro format) or
:func:`ledger_csv` (``;`` and a decimal comma for Dutch Excel).
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from bouwblokken.extras import require
from bouwblokken.i18n import label, text
from bouwblokken.money import Lang

if TYPE_CHECKING:
    from bouwblokken.ledger import LedgerResult

__all__ = ["ledger_csv", "ledger_dataframe", "ledger_rows"]


def _pandas() -> Any:
    return require("pandas", "pandas")


def ledger_rows(result: LedgerResult, *, lang: Lang = "nl") -> list[dict[str, Any]]:
    """One dict per activity (forecast view), Dutch keys by default, amounts exact."""
    rows = []
    for t in result.tenders:
        for r in t.activities:
            done = t.realised_row(r.index)
            v = r.valuation
            rows.append(
                {
                    text("tender", lang): t.tender.id,
                    text("catalog", lang): t.catalog,
                    text("activity", lang): r.label,
                    text("person", lang): r.activity.person,
                    text("block_id", lang): r.activity.block,
                    text("block", lang): (v.label_nl if lang == "nl" else v.label_en)
                    if v
                    else r.activity.block,
                    text("category", lang): label("category", v.category, lang) if v else None,
                    text("status", lang): label("status", r.activity.status, lang),
                    text("counted", lang): r.counted,
                    text("realised", lang): done.counted if done is not None else Decimal("0.00"),
                    text("not_counted", lang): r.gross - r.counted,
                    text("why", lang): "; ".join(nc.text(lang) for nc in r.not_counted),
                }
            )
    return rows


def ledger_dataframe(result: LedgerResult, *, lang: Lang = "nl") -> Any:
    """One row per activity: tender, activity, block, category, status, counted, realised, not
    counted and why; Dutch column names and words by default."""
    return _pandas().DataFrame(ledger_rows(result, lang=lang))


def ledger_csv(result: LedgerResult, *, lang: Lang = "nl", dutch_excel: bool = True) -> str:
    """The rows of :func:`ledger_rows` as CSV. ``dutch_excel=True`` (the default for ``nl``)
    writes ``;`` between fields and a decimal comma without grouping (``71111,11``), which
    Dutch Excel reads as numbers; ``False`` writes ``,`` and a decimal point."""
    rows = ledger_rows(result, lang=lang)
    out = io.StringIO()
    sep = ";" if dutch_excel else ","
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    if rows:
        writer.writerow(list(rows[0]))
    for row in rows:
        cells = []
        for v in row.values():
            if isinstance(v, Decimal):
                s = format(v, "f")
                cells.append(s.replace(".", ",") if dutch_excel else s)
            else:
                cells.append("" if v is None else str(v))
        writer.writerow(cells)
    return out.getvalue()
