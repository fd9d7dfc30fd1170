"""Tabular ingestion: a portfolio from tables (CSV files, Excel sheets, DataFrames, SQL results).

Desks hold their registrations in spreadsheets and databases, one row per contract, activity,
status step and indicator. :func:`build_portfolio` turns such tables into a
:class:`~bouwblokken.portfolio.model.Portfolio` and returns an :class:`IngestReport`: every row
that is refused is listed with its table (file), row number and column and the reason —
never dropped silently (the Zaanstad lesson: registrations lost in a system change). With
``strict=True`` any refusal raises :class:`IngestError` (which carries the same report).

The tables and their columns (the column names are the document's field names):

- ``buyers``: ``id``, ``name``, ``region`` (optional; buyers named by contracts are added);
- ``suppliers``: ``id``, ``name`` (optional, likewise);
- ``contracts``: ``id``, ``buyers`` (``;``-separated), ``supplier`` and the
  :class:`~bouwblokken.tender.Tender` fields (``catalog``, ``contract_value``, ``percentage``,
  ``contract_date``, ``start``, ``end``, …), and the shortfall consequence as ``penalty``
  (kind), ``penalty_percentage``, ``penalty_amount``, ``penalty_cap``,
  ``penalty_tolerance_percent``;
- ``activities``: ``contract``, ``id`` and the :class:`~bouwblokken.activity.Activity` fields
  (``person``, ``block``, ``hours_per_week``, ``start``, ``end``, ``flags`` ``;``-separated, …);
- ``events``: ``contract``, ``activity``, ``status``, ``on``, ``by``, ``reason``, ``documents``
  (``;``-separated); steps of one activity are taken in date order (file order within a day);
- ``indicators``: ``contract``, ``activity`` (empty: a contract-level figure), ``kind``,
  ``value``, ``unit``, ``source``, ``on``, ``impact_goals``, ``sdg_targets``.

Cells: empty cells are absent; numbers may be text (``"13223.74"``, or Dutch ``"13.223,74"``
when a comma is present), integers, decimals, or floats from a spreadsheet engine (taken at
their shortest decimal form, ``13223.74``, so what the sheet shows is what counts; more than
two decimals in an amount is still refused); dates are ISO text (``2024-03-31``), ``31-03-2024``
or date cells.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from bouwblokken.activity import Activity
from bouwblokken.errors import BouwblokkenError
from bouwblokken.extras import require
from bouwblokken.locate import describe
from bouwblokken.parse import parse_number
from bouwblokken.portfolio.model import (
    Buyer,
    Contract,
    ContractActivity,
    Indicator,
    Penalty,
    Portfolio,
    StatusEvent,
    Supplier,
)
from bouwblokken.tender import Person, Tender

__all__ = [
    "IngestError",
    "IngestReport",
    "Rejection",
    "Table",
    "build_portfolio",
    "read_csv",
    "read_excel",
    "read_sql",
    "table_from_dataframe",
    "table_from_rows",
]


@dataclass(frozen=True)
class Rejection:
    """One refused row: where (table/file, row number, column) and why. Row numbers are as a
    spreadsheet shows them (the header is row 1, the first data row is row 2)."""

    table: str
    row: int
    column: str | None
    reason: str

    def __str__(self) -> str:
        col = f", kolom {self.column}" if self.column else ""
        return f"{self.table}, rij {self.row}{col}: {self.reason}"


@dataclass(frozen=True)
class IngestReport:
    """The portfolio built from the accepted rows, and every refused row."""

    portfolio: Portfolio
    rejected: tuple[Rejection, ...]
    accepted: Mapping[str, int]
    """Accepted rows per table."""

    @property
    def ok(self) -> bool:
        return not self.rejected

    def raise_if_rejected(self) -> Portfolio:
        if self.rejected:
            raise IngestError(self.rejected)
        return self.portfolio


class IngestError(BouwblokkenError, ValueError):
    """Rows were refused; ``rejections`` lists all of them (table, row, column, reason)."""

    def __init__(self, rejections: Sequence[Rejection]) -> None:
        self.rejections = tuple(rejections)
        shown = "; ".join(str(r) for r in self.rejections[:5])
        more = len(self.rejections) - 5
        super().__init__(
            f"{len(self.rejections)} row(s) refused: {shown}"
            + (f" [and {more} more]" if more > 0 else "")
        )


@dataclass(frozen=True)
class Table:
    """Rows of one table with the name reports give it (a file name, ``file.xlsx:sheet``)."""

    name: str
    rows: Sequence[Mapping[str, Any]]
    row_numbers: Sequence[int] = field(default=())
    """The spreadsheet row number of each row (default: 2, 3, …)."""

    def numbered(self) -> Iterable[tuple[int, Mapping[str, Any]]]:
        numbers = self.row_numbers or range(2, len(self.rows) + 2)
        return zip(numbers, self.rows, strict=True)


def table_from_rows(name: str, rows: Iterable[Mapping[str, Any]]) -> Table:
    """A table from dicts (rows 2, 3, … as in a spreadsheet with a header)."""
    return Table(name, list(rows))


def read_csv(path: str | Path, *, name: str | None = None, delimiter: str | None = None) -> Table:
    """A CSV file (UTF-8, with or without BOM; ``,`` or ``;`` found from the header)."""
    p = Path(path)
    label = name or p.name
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise IngestError([Rejection(label, 0, None, f"cannot read the file ({exc})")]) from None
    lines = text.splitlines()
    if delimiter is None:
        header = lines[0] if lines else ""
        delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.DictReader(lines, delimiter=delimiter, strict=True)
    rows: list[dict[str, Any]] = []
    numbers: list[int] = []
    try:
        for row in reader:
            if None in row:  # more cells than header columns
                raise IngestError(
                    [Rejection(label, reader.line_num, None, "more cells than header columns")]
                )
            rows.append(row)
            numbers.append(reader.line_num)
    except csv.Error as exc:
        raise IngestError(
            [Rejection(label, reader.line_num, None, f"not valid CSV: {exc}")]
        ) from None
    return Table(label, rows, numbers)


def table_from_dataframe(frame: Any, name: str = "dataframe") -> Table:
    """A pandas DataFrame (rows numbered 2, 3, … by position, as if written with a header)."""
    records = frame.to_dict(orient="records")
    return Table(name, records)


def read_excel(path: str | Path, sheet: str | None = None, *, name: str | None = None) -> Table:
    """One sheet of an Excel workbook (openpyxl; the ``portfolio`` extra). The first row is the
    header; rows that are wholly empty are skipped (they hold nothing to drop)."""
    openpyxl = require("openpyxl", "portfolio")
    p = Path(path)
    try:
        wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise IngestError(
            [Rejection(p.name, 0, None, f"cannot read the workbook ({exc})")]
        ) from None
    try:
        ws = wb[sheet] if sheet is not None else wb.worksheets[0]
    except KeyError:
        raise IngestError(
            [Rejection(p.name, 0, None, f"no sheet {sheet!r}; sheets: {', '.join(wb.sheetnames)}")]
        ) from None
    label = name or f"{p.name}:{ws.title}"
    it = ws.iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(it, ())]
    rows: list[dict[str, Any]] = []
    numbers: list[int] = []
    for n, values in enumerate(it, start=2):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        rows.append({h: v for h, v in zip(header, values, strict=False) if h})
        numbers.append(n)
    wb.close()
    return Table(label, rows, numbers)


def read_sql(query: str, *, name: str = "sql", connection: Any = None) -> Table:
    """The result of a SQL query through DuckDB (the ``portfolio`` extra): a database, or Parquet
    and CSV files straight from the query (``SELECT * FROM 'activities.parquet'``). Pass a
    DuckDB connection, or none for an in-memory one."""
    duckdb = require("duckdb", "portfolio")
    con = connection if connection is not None else duckdb.connect()
    try:
        cur = con.execute(query)
        columns = [d[0] for d in cur.description]
        rows = [dict(zip(columns, r, strict=True)) for r in cur.fetchall()]
    except duckdb.Error as exc:
        raise IngestError([Rejection(name, 0, None, f"the query failed: {exc}")]) from None
    return Table(name, rows)


# ---------------------------------------------------------------------------------------------
# Cells.

_LIST_FIELDS = {"buyers", "flags", "documents", "impact_goals", "sdg_targets"}
_DATE_FIELDS = {
    "publication_date",
    "contract_date",
    "start",
    "end",
    "subsidy_end",
    "on",
}
_NL_DATE = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")


class _CellError(ValueError):
    def __init__(self, column: str, reason: str) -> None:
        self.column = column
        super().__init__(reason)


def _empty(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    if isinstance(v, str) and not v.strip():
        return True
    try:  # pandas.NA / NaT
        return bool(v != v)
    except (TypeError, ValueError):
        return False


def _cell(column: str, v: Any) -> Any:
    """One cell as the document would hold it (text for numbers, ISO dates, lists)."""
    if column in _LIST_FIELDS:
        if isinstance(v, list | tuple):
            return [str(x).strip() for x in v]
        return [part.strip() for part in str(v).split(";") if part.strip()]
    if column in _DATE_FIELDS:
        if isinstance(v, datetime):
            if v.time() != datetime.min.time():
                raise _CellError(column, "expected a date, got a date with a time of day")
            return v.date().isoformat()
        if isinstance(v, date):
            return v.isoformat()
        text = str(v).strip()
        if hasattr(v, "to_pydatetime"):  # pandas Timestamp
            return _cell(column, v.to_pydatetime())
        m = _NL_DATE.match(text)
        if m:
            try:
                return date(int(m[3]), int(m[2]), int(m[1])).isoformat()
            except ValueError:
                raise _CellError(column, "not a calendar date") from None
        return text
    if isinstance(v, bool):
        return v
    if isinstance(v, float):
        if not math.isfinite(v):
            raise _CellError(column, "expected a finite number")
        return format(Decimal(repr(v)), "f") if v != int(v) else str(int(v))
    if isinstance(v, int | Decimal):
        return format(Decimal(v), "f")
    if hasattr(v, "item") and not isinstance(v, str):  # numpy scalars
        return _cell(column, v.item())
    text = str(v).strip()
    if re.fullmatch(r"-?[\d][\d.,]*", text) and ("," in text or "." in text):
        # Numbers typed the Dutch way go through the library's one parser (bouwblokken.parse:
        # "1.234" is 1234, "22,5" is 22.5), as in the CLI and the Excel reader.
        try:
            return format(parse_number(text, field=column), "f")
        except BouwblokkenError as exc:
            raise _CellError(column, str(exc)) from None
    return text


def _record(
    row: Mapping[str, Any], known: set[str], rename: Mapping[str, str] | None = None
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in row.items():
        col = str(key).strip()
        if col not in known or _empty(value):
            continue
        out[(rename or {}).get(col, col)] = _cell(col, value)
    return out


def _fields(model: type[BaseModel]) -> set[str]:
    return set(model.model_fields)


# ---------------------------------------------------------------------------------------------
# Building.


_PENALTY = {
    "penalty": "kind",
    "penalty_percentage": "percentage",
    "penalty_amount": "amount",
    "penalty_cap": "cap",
    "penalty_tolerance_percent": "tolerance_percent",
    "penalty_note": "note",
}
_CONTRACT_COLS = (
    (_fields(Tender) - {"activities", "supplier"}) | {"buyers", "supplier"} | set(_PENALTY)
)
_ACTIVITY_COLS = (_fields(Activity) - {"status"}) | {"contract"}
_EVENT_COLS = _fields(StatusEvent) | {"contract", "activity"}
_INDICATOR_COLS = _fields(Indicator) | {"contract", "activity"}


class _Collector:
    def __init__(self) -> None:
        self.rejected: list[Rejection] = []
        self.accepted: dict[str, int] = {}

    def reject(self, table: str, row: int, column: str | None, reason: str) -> None:
        self.rejected.append(Rejection(table, row, column, reason))

    def accept(self, table: str) -> None:
        self.accepted[table] = self.accepted.get(table, 0) + 1

    def header(self, table: Table, known: set[str]) -> None:
        cols: set[str] = set()
        for _, row in table.numbered():
            cols.update(str(k).strip() for k in row)
        for col in sorted(cols - known):
            self.reject(
                table.name, 1, col, f"unknown column; known columns: {', '.join(sorted(known))}"
            )

    def validate(
        self, model: type[BaseModel], data: dict[str, Any], table: str, row: int, prefix: str = ""
    ) -> Any:
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            loc, reason = describe(exc, data)
            column = prefix + loc.split(".")[0].split("[")[0] if loc else None
            self.reject(table, row, column, reason)
            return None


def _cells(
    c: _Collector, table: Table, row_no: int, row: Mapping[str, Any], known: set[str]
) -> dict[str, Any] | None:
    try:
        return _record(row, known)
    except _CellError as exc:
        c.reject(table.name, row_no, exc.column, str(exc))
        return None


def build_portfolio(
    *,
    contracts: Table,
    activities: Table | None = None,
    events: Table | None = None,
    indicators: Table | None = None,
    buyers: Table | None = None,
    suppliers: Table | None = None,
    persons: Table | None = None,
    title: str | None = None,
    strict: bool = False,
) -> IngestReport:
    """A portfolio from tables; every refused row is in the report (see the module text).

    A row that refers to a refused or unknown contract or activity is refused too, naming it.
    When a status step breaks the history rules (an approval without evidence, a step out of
    order), that step and the later steps of the same activity are refused, so the activity
    keeps the status it had before it — never a status it did not validly reach."""
    c = _Collector()

    def simple(tbl: Table | None, model: type[BaseModel]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if tbl is None:
            return out
        known = _fields(model)
        c.header(tbl, known)
        for n, row in tbl.numbered():
            data = _cells(c, tbl, n, row, known)
            if data is None:
                continue
            obj = c.validate(model, data, tbl.name, n)
            if obj is None:
                continue
            if obj.id in out:
                c.reject(tbl.name, n, "id", f"id {obj.id!r} is repeated")
                continue
            out[obj.id] = obj
            c.accept(tbl.name)
        return out

    buyer_map: dict[str, Buyer] = simple(buyers, Buyer)
    supplier_map: dict[str, Supplier] = simple(suppliers, Supplier)
    person_map: dict[str, Person] = simple(persons, Person)

    # Contracts: terms and penalty per row.
    heads: dict[str, tuple[Tender, tuple[str, ...], str, Penalty | None]] = {}
    c.header(contracts, _CONTRACT_COLS)
    for n, row in contracts.numbered():
        data = _cells(c, contracts, n, row, _CONTRACT_COLS)
        if data is None:
            continue
        pen = {_PENALTY[k]: data.pop(k) for k in list(data) if k in _PENALTY}
        row_buyers = tuple(data.pop("buyers", ()))
        supplier = data.pop("supplier", None)
        if not row_buyers:
            c.reject(contracts.name, n, "buyers", "required field is missing")
            continue
        if supplier is None:
            c.reject(contracts.name, n, "supplier", "required field is missing")
            continue
        if buyers is not None and (unknown := [b for b in row_buyers if b not in buyer_map]):
            c.reject(contracts.name, n, "buyers", f"unknown buyer(s): {', '.join(unknown)}")
            continue
        if suppliers is not None and supplier not in supplier_map:
            c.reject(contracts.name, n, "supplier", f"unknown supplier {supplier!r}")
            continue
        tender = c.validate(Tender, data, contracts.name, n)
        if tender is None:
            continue
        penalty = None
        if pen:
            if "kind" not in pen:
                c.reject(contracts.name, n, "penalty", "penalty_* columns without a penalty kind")
                continue
            penalty = c.validate(Penalty, pen, contracts.name, n, prefix="penalty_")
            if penalty is None:
                continue
        if tender.id in heads:
            c.reject(contracts.name, n, "id", f"contract id {tender.id!r} is repeated")
            continue
        heads[tender.id] = (tender, row_buyers, str(supplier), penalty)
        c.accept(contracts.name)

    # Activities, keyed by (contract, activity id).
    acts: dict[tuple[str, str], Activity] = {}
    act_rows: dict[tuple[str, str], tuple[str, int]] = {}
    if activities is not None:
        c.header(activities, _ACTIVITY_COLS)
        for n, row in activities.numbered():
            data = _cells(c, activities, n, row, _ACTIVITY_COLS)
            if data is None:
                continue
            cid = data.pop("contract", None)
            if cid is None:
                c.reject(activities.name, n, "contract", "required field is missing")
                continue
            if cid not in heads:
                c.reject(activities.name, n, "contract", f"no accepted contract {cid!r}")
                continue
            if "id" not in data:
                c.reject(activities.name, n, "id", "required field is missing")
                continue
            act = c.validate(Activity, data, activities.name, n)
            if act is None:
                continue
            key = (cid, str(act.id))
            if key in acts:
                c.reject(activities.name, n, "id", f"activity {act.id!r} is repeated in {cid!r}")
                continue
            acts[key] = act
            act_rows[key] = (activities.name, n)
            c.accept(activities.name)

    # Events, grouped per activity and ordered by date (file order within a day).
    steps: dict[tuple[str, str], list[tuple[StatusEvent, str, int]]] = {}
    if events is not None:
        c.header(events, _EVENT_COLS)
        for n, row in events.numbered():
            data = _cells(c, events, n, row, _EVENT_COLS)
            if data is None:
                continue
            key = (str(data.pop("contract", "")), str(data.pop("activity", "")))
            if key not in acts:
                c.reject(
                    events.name,
                    n,
                    "activity",
                    f"no accepted activity {key[1]!r} in contract {key[0]!r}",
                )
                continue
            ev = c.validate(StatusEvent, data, events.name, n)
            if ev is not None:
                steps.setdefault(key, []).append((ev, events.name, n))

    inds: dict[tuple[str, str], list[Indicator]] = {}
    if indicators is not None:
        c.header(indicators, _INDICATOR_COLS)
        for n, row in indicators.numbered():
            data = _cells(c, indicators, n, row, _INDICATOR_COLS)
            if data is None:
                continue
            cid, aid = str(data.pop("contract", "")), str(data.pop("activity", ""))
            if cid not in heads:
                c.reject(indicators.name, n, "contract", f"no accepted contract {cid!r}")
                continue
            if aid and (cid, aid) not in acts:
                c.reject(indicators.name, n, "activity", f"no accepted activity {aid!r} in {cid!r}")
                continue
            ind = c.validate(Indicator, data, indicators.name, n)
            if ind is not None:
                inds.setdefault((cid, aid), []).append(ind)
                c.accept(indicators.name)

    # Assemble: histories checked step by step, so a bad step is refused with its row.
    per_contract: dict[str, list[ContractActivity]] = {cid: [] for cid in heads}
    for key, act in acts.items():
        history: list[StatusEvent] = []
        ordered = sorted(steps.get(key, []), key=lambda s: s[0].on)
        for i, (ev, tname, n) in enumerate(ordered):
            try:
                ContractActivity(activity=act, history=(*history, ev))
            except ValidationError as exc:
                reason = exc.errors(include_url=False)[0]["msg"].removeprefix("Value error, ")
                reason = re.sub(r"^history\[\d+\]: ", "", reason)
                c.reject(tname, n, "status", reason)
                for _, tname2, n2 in ordered[i + 1 :]:
                    c.reject(tname2, n2, "status", f"follows a refused step (row {n})")
                break
            history.append(ev)
            c.accept(tname)
        ca = ContractActivity(
            activity=act, history=tuple(history), indicators=tuple(inds.get(key, ()))
        )
        per_contract[key[0]].append(ca)
        if act.person is not None and act.person not in person_map:
            person_map[act.person] = Person(id=act.person)

    contract_objs = []
    for cid, (tender, row_buyers, supplier, penalty) in heads.items():
        for b in row_buyers:
            buyer_map.setdefault(b, Buyer(id=b))
        supplier_map.setdefault(supplier, Supplier(id=supplier))
        contract_objs.append(
            Contract(
                tender=tender,
                buyers=row_buyers,
                supplier=supplier,
                penalty=penalty,
                activities=tuple(per_contract[cid]),
                indicators=tuple(inds.get((cid, ""), ())),
            )
        )
    if not buyer_map:
        buyer_map["onbekend"] = Buyer(id="onbekend")
    portfolio = Portfolio(
        title=title,
        buyers=tuple(buyer_map.values()),
        suppliers=tuple(supplier_map.values()),
        persons=tuple(person_map.values()),
        contracts=tuple(contract_objs),
    )
    report = IngestReport(portfolio, tuple(c.rejected), dict(c.accepted))
    if strict:
        report.raise_if_rejected()
    return report
