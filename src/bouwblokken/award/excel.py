"""The jury's Excel workbook (a view; optional extra: ``pip install 'bouwblokken[excel]'``).

Sheets: *Biedingen* (the bids valued under the catalog), *Rangorde* (every formula side by
side), one sheet per formula (points per criterion, total or fictive price, rank) and
*Toelichting* (the trail of every score, and the rounding rule). Amounts and points are
written as :class:`~decimal.Decimal` (euro with two decimals, points and percentages to at
most four, half up) with a number format; the exact value of a score that has no finite
decimal form (exact-fraction formulas) is in its trail on *Toelichting*.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from importlib import import_module
from pathlib import Path
from typing import Any

from bouwblokken.award.ranking import FormulaComparison
from bouwblokken.award.scoring import Ranking, points_text
from bouwblokken.errors import BouwblokkenError
from bouwblokken.money import Lang

Workbook = Any
Worksheet = Any
"""openpyxl's types; imported at run time only (it is an optional extra without stubs)."""

__all__ = ["jury_workbook"]

EUR = '"€" #,##0.00'
POINTS = "0.00"
PCT = '0.####"%"'

_H = {
    "nl": {
        "bids": "Biedingen",
        "ranking": "Rangorde",
        "notes": "Toelichting",
        "bidder": "Inschrijver",
        "offered": "Aangeboden %",
        "offered_eur": "Aangeboden €",
        "counted": "Plan telt €",
        "gap": "Tekort €",
        "backed": "Gedekt %",
        "named": "Met kandidaat",
        "unnamed": "Zonder kandidaat",
        "price": "Prijs €",
        "rank": "Plaats",
        "total": "Totaal punten",
        "fictive": "Fictieve prijs €",
        "winner": "Winnaar",
        "formula": "Formule",
        "line": "Toelichting",
        "rounding": "Afronding: punten één keer per criterium, half naar boven, op het aantal "
        "decimalen van de formule; fictieve korting één keer per criterium op centen.",
    },
    "en": {
        "bids": "Bids",
        "ranking": "Ranking",
        "notes": "Trail",
        "bidder": "Bidder",
        "offered": "Offered %",
        "offered_eur": "Offered €",
        "counted": "Plan counts €",
        "gap": "Gap €",
        "backed": "Backed %",
        "named": "Named",
        "unnamed": "Placeholders",
        "price": "Price €",
        "rank": "Rank",
        "total": "Total points",
        "fictive": "Fictive price €",
        "winner": "Winner",
        "formula": "Formula",
        "line": "Trail",
        "rounding": "Rounding: points once per criterion, half up, to the formula's decimals; "
        "fictive discount once per criterion, to cents.",
    },
}


def _load() -> Any:
    try:
        openpyxl = import_module("openpyxl")
    except ImportError:  # pragma: no cover - depends on the environment
        raise BouwblokkenError(
            "the Excel workbook needs openpyxl: pip install 'bouwblokken[excel]'"
        ) from None
    return openpyxl


def _dec(value: Fraction | Decimal | int, places: int = 4) -> Decimal:
    f = Fraction(value)
    q = Decimal(1).scaleb(-places)
    return (Decimal(f.numerator) / Decimal(f.denominator)).quantize(q, ROUND_HALF_UP)


def _header(ws: Worksheet, cells: list[str]) -> None:
    font = import_module("openpyxl.styles").Font
    ws.append(cells)
    for c in ws[ws.max_row]:
        c.font = font(bold=True)


def _widths(ws: Worksheet) -> None:
    for col in ws.columns:
        letter = col[0].column_letter
        ws.column_dimensions[letter].width = min(
            60, max(10, *(len(str(c.value or "")) + 2 for c in col))
        )


def _formula_sheet(wb: Workbook, r: Ranking, lang: Lang) -> None:
    h = _H[lang]
    ws = wb.create_sheet(r.formula.id[:31])
    ws.append([h["formula"], r.formula.name(lang)])
    crits = r.formula.criteria
    labels = [c.label_nl if lang == "nl" else c.label_en for c in crits]
    last = h["fictive"] if r.lower_is_better else h["total"]
    _header(ws, [h["rank"], h["bidder"], *labels, last])
    for s in r.scores:
        row: list[Any] = [s.rank, s.bidder]
        row += [_dec(c.points) for c in s.criteria]
        row.append(_dec(s.fictive_price, 2) if s.fictive_price is not None else _dec(s.total))
        ws.append(row)
        for cell in ws[ws.max_row][2 : 2 + len(crits)]:
            cell.number_format = POINTS
        ws.cell(ws.max_row, 3 + len(crits)).number_format = EUR if r.lower_is_better else POINTS
    _widths(ws)


def jury_workbook(
    fc: FormulaComparison, path: str | Path | None = None, *, lang: Lang = "nl"
) -> Workbook:
    """The jury workbook of a comparison; saved to ``path`` when given."""
    openpyxl = _load()
    h = _H[lang]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = h["bids"]
    if fc.comparison is not None:
        _header(
            ws,
            [
                h["bidder"],
                h["offered"],
                h["offered_eur"],
                h["counted"],
                h["gap"],
                h["backed"],
                h["named"],
                h["unnamed"],
                h["price"],
            ],
        )
        for b in fc.comparison.results:
            backed = b.plan_percentage
            ws.append(
                [
                    b.bid.bidder,
                    b.bid.offered_percentage,
                    b.offered_amount,
                    b.counted,
                    b.gap,
                    _dec(backed) if backed is not None else None,
                    b.named,
                    b.unnamed,
                    b.bid.price,
                ]
            )
            row = ws[ws.max_row]
            row[1].number_format = PCT
            row[5].number_format = PCT
            for i in (2, 3, 4, 8):
                row[i].number_format = EUR
        _widths(ws)
    rk = wb.create_sheet(h["ranking"])
    _header(rk, [h["bidder"], *(f"{r.formula.id} ({h['rank'].lower()})" for r in fc.rankings)])
    for bidder in sorted(fc.bidders):
        rk.append([bidder, *(r.score_of(bidder).rank for r in fc.rankings)])
    rk.append([h["winner"], *(" / ".join(r.winners) for r in fc.rankings)])
    _widths(rk)
    for r in fc.rankings:
        _formula_sheet(wb, r, lang)
    notes = wb.create_sheet(h["notes"])
    notes.append([h["rounding"]])
    for r in fc.rankings:
        notes.append([])
        _header(notes, [f"{h['formula']}: {r.formula.name(lang)} ({r.formula.id})"])
        for s in r.scores:
            for line in s.trail(lang).splitlines():
                notes.append([line])
            total = points_text(s.total, r.formula.decimals, lang)
            notes.append([f"= {total}"])
    notes.column_dimensions["A"].width = 110
    if path is not None:
        wb.save(str(path))
    return wb
