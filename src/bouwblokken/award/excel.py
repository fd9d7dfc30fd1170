"""The jury's Excel workbook (a view; optional extra: ``pip install 'bouwblokken[excel]'``).

Sheets: *Biedingen* (the bids valued under the catalog), *Rangorde* (every formula side by
side), one sheet per formula (points per criterion, total or fictive price, rank),
*Toelichting* (the trail of every score, and the rounding rule) and *Jurypunten* (the points
the jury enters, one column per jury criterion id). :func:`read_jury_points` reads that sheet
back exactly, so a jury can fill in the workbook and the bids be scored again
(``bouwblokken gunning BIDS.json --formulas F.toml --jury jury.xlsx``). Amounts and points are
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

from bouwblokken.award.errors import AwardError
from bouwblokken.award.ranking import FormulaComparison
from bouwblokken.award.scoring import JuryCriterion, Ranking, points_text
from bouwblokken.errors import BouwblokkenError
from bouwblokken.extras import require
from bouwblokken.money import Lang
from bouwblokken.parse import parse_number

Workbook = Any
Worksheet = Any
"""openpyxl's types; imported at run time only (it is an optional extra without stubs)."""

__all__ = ["JURY_SHEETS", "jury_workbook", "read_jury_points"]

JURY_SHEETS = ("Jurypunten", "Jury points")
"""The names of the jury's sheet (Dutch, English); the reader takes either."""

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
        "jury": JURY_SHEETS[0],
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
        "jury": JURY_SHEETS[1],
    },
}


def _load() -> Any:
    return require("openpyxl", "excel")


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
    _jury_sheet(wb, fc, lang)
    if path is not None:
        wb.save(str(path))
    return wb


def _jury_ids(fc: FormulaComparison) -> list[str]:
    """The jury criteria of every formula, in order of first use."""
    ids: dict[str, None] = {}
    for r in fc.rankings:
        for c in r.formula.criteria:
            if isinstance(c, JuryCriterion):
                ids.setdefault(c.id)
    return list(ids)


def _jury_sheet(wb: Workbook, fc: FormulaComparison, lang: Lang) -> None:
    """Row 1: *Inschrijver* and the jury criterion ids; a row per bidder with the points
    entered so far (blank where none), to be filled in and read back."""
    ids = _jury_ids(fc)
    if not ids:
        return
    ws = wb.create_sheet(_H[lang]["jury"])
    _header(ws, [_H[lang]["bidder"], *ids])
    entered = {}
    if fc.comparison is not None:
        entered = {r.bid.bidder: r.bid.jury_points for r in fc.comparison.results}
    for bidder in sorted(fc.bidders):
        points = entered.get(bidder, {})
        ws.append([bidder, *(points.get(i) for i in ids)])
        for cell in ws[ws.max_row][1:]:
            cell.number_format = "0.####"
    ws.freeze_panes = "B2"
    _widths(ws)


def read_jury_points(path: str | Path) -> dict[str, dict[str, Decimal]]:
    """The jury's points per bidder and criterion id from a workbook's *Jurypunten* sheet
    (as :func:`jury_workbook` writes it): exact decimals (``7,5`` typed as text, or a number
    cell whose value is exact to four decimals); a blank cell is no points entered."""
    openpyxl = _load()
    source = str(path)
    try:
        wb = openpyxl.load_workbook(source, data_only=True, read_only=True)
    except FileNotFoundError:
        raise AwardError(
            "cannot read the file (No such file or directory)", source=source
        ) from None
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise AwardError("not an Excel workbook (.xlsx)", source=source) from None
    ws = next((wb[n] for n in wb.sheetnames if n in JURY_SHEETS), None)
    if ws is None:
        raise AwardError(
            f"no sheet {JURY_SHEETS[0]!r}; sheets: {', '.join(wb.sheetnames)}", source=source
        )
    rows = ws.iter_rows(values_only=True)
    header = next(rows, ())
    ids = [str(h).strip() if h is not None else "" for h in header[1:]]
    out: dict[str, dict[str, Decimal]] = {}
    for n, row in enumerate(rows, start=2):
        if not row or row[0] is None or str(row[0]).strip() == "":
            continue
        bidder = str(row[0]).strip()
        if bidder in out:
            raise AwardError(
                f"bidder names must be unique; repeated: {bidder}",
                source=source,
                record=f"{ws.title}!A{n}",
                field="bidder",
            )
        points: dict[str, Decimal] = {}
        for k, value in enumerate(row[1 : 1 + len(ids)]):
            if value is None or (isinstance(value, str) and not value.strip()) or not ids[k]:
                continue
            letter = openpyxl.utils.get_column_letter(k + 2)
            try:
                points[ids[k]] = parse_number(value, field=ids[k])
            except BouwblokkenError as exc:
                raise AwardError(
                    exc.message_en, source=source, record=f"{ws.title}!{letter}{n}", field=ids[k]
                ).locate(nl=exc.message_nl) from None
        out[bidder] = points
    return out
