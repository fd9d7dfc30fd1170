"""Ledgers and options from spreadsheets: the template, the reader, and an exact writer.

**The ledger template** (``bouwblokken template ledger.xlsx``, :func:`write_ledger_template`)
has three sheets, each with one header row:

- ``Aanbestedingen`` -- one row per tender: Aanbesteding (id), Titel, Opdrachtnemer, Catalogus,
  Opdrachtwaarde, Loonsom, Gefactureerde omzet, Grondslag, Regeling (a published rule set),
  Percentage, Geboden percentage, Drempel, Maximum, Soort opdracht
  (werken/diensten/leveringen), Arbeidsaandeel (%), Datum publicatie, Contractdatum, Begin,
  Einde, PSO-trede, Minimum per contractjaar;
- ``Activiteiten`` -- one row per activity: Aanbesteding (the tender's id), Activiteit (id),
  Persoon, Status (gepland/gerealiseerd), Bouwblok (id), Uren per week, Begin, Einde, Leeftijd,
  Geboortedatum, Maanden uitkering, Maanden ingeschreven, Laatst gewerkt bij werkgever,
  Doelgroep verlaten op, Kenmerken (comma-separated: vast dienstverband, statushouder …),
  Stagemaanden, Factuurbedrag, Kosten, Afgesproken bedrag, Uren, Activiteiten, Dagen, Periodes,
  Maanden, Einde subsidie, Eigen werkweek (uren), Notitie;
- ``Personen`` -- Persoon (pseudonymous id), Geboortedatum, Notitie.

The columns are :data:`TENDER_COLUMNS`, :data:`ACTIVITY_COLUMNS` and :data:`PERSON_COLUMNS`. A
ledger with a value no column holds (inline obligation rules, say) is refused by
:func:`write_ledger` -- keep it as JSON -- never written without it.
- ``Uitleg`` -- these rules, for the person filling it in (ignored when reading).

Headers may be Dutch, English or the JSON field names, in any order; unknown headers are an
error (a misspelt column must not vanish). Empty rows are skipped.

The ledger's supplier is the tenders' Opdrachtnemer when all tenders name the same one.

**Cells**: amounts and numbers as numbers or as Dutch text (``2.400.000,00``, ``22,5``; the
rules of :mod:`bouwblokken.parse`). A number cell holds a binary double in every spreadsheet
file: an amount cell is taken by its shortest repr and must have at most two decimals (hours
four); amounts of more than 15 digits are written as text by :func:`write_ledger` so they stay
exact. Dates as date cells or as text (``01-05-2025``, ``2025-05-01``). Status, contract type
and flags as Dutch or English words.

**Errors** name the file, sheet, row and column: ``ledger.xlsx: blad 'Activiteiten', rij 5,
kolom F (Uren per week): expected a number such as …``.

**The options template** (:func:`write_options_template`): ``Instellingen`` (Instelling |
Waarde: catalogus, aanbesteding, verplichting, budget, minimum aandeel werk, alternatieven),
``Aanbesteding`` (the tender columns above, at most one row), ``Opties`` (Optie, Omschrijving,
Soort (personen/deelbaar), Kosten per eenheid, Max. eenheden, Min. eenheden, then the activity
columns of one unit).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from bouwblokken.errors import BouwblokkenError, DocumentError
from bouwblokken.excel._book import (
    EUR_FORMAT,
    NUMBER_FORMAT,
    new_workbook,
    openpyxl,
    save,
    sheet,
)
from bouwblokken.i18n import label, validation_text
from bouwblokken.ledger import Ledger
from bouwblokken.money import Lang
from bouwblokken.parse import (
    exact_quantity,
    parse_amount,
    parse_date,
    parse_number,
    parse_word,
)

if TYPE_CHECKING:
    from bouwblokken.optimize.plan import PlanRequest

__all__ = [
    "ExcelInputError",
    "read_ledger",
    "read_options",
    "write_ledger",
    "write_ledger_template",
    "write_options_template",
]


class ExcelInputError(DocumentError):
    """A spreadsheet cell or row that cannot be read; names the sheet, row and column."""

    def __init__(
        self,
        source: str,
        sheet_name: str,
        row: int | None,
        column: str | None,
        header: str | None,
        reason: str,
        *,
        en: str | None = None,
    ) -> None:
        """``reason`` is Dutch (what a person who fills in the workbook reads); ``en`` the same in
        English (``describe("en")``, ``str()``), the Dutch one when not given."""
        self.sheet = sheet_name
        self.row = row
        self.column = column
        where_nl, where_en = f"blad {sheet_name!r}", f"sheet {sheet_name!r}"
        if row is not None:
            where_nl += f", rij {row}"
            where_en += f", row {row}"
        if column is not None:
            head = f" ({header})" if header else ""
            where_nl += f", kolom {column}{head}"
            where_en += f", column {column}{head}"
        self.where_nl = where_nl
        super().__init__(source, where_en, en or reason, nl=reason)

    def _where(self, lang: str) -> list[str]:
        return [self.where_nl if lang == "nl" else self.location]


@dataclass(frozen=True)
class Column:
    field: str
    nl: str
    en: str
    kind: str
    """text, money, number, int, date, status, contract_type, base, flags."""


def _c(field: str, nl: str, en: str, kind: str = "text") -> Column:
    return Column(field, nl, en, kind)


TENDER_COLUMNS = (
    _c("id", "Aanbesteding", "Tender"),
    _c("title", "Titel", "Title"),
    _c("supplier", "Opdrachtnemer", "Supplier"),
    _c("catalog", "Catalogus", "Catalog"),
    _c("contract_value", "Opdrachtwaarde", "Contract value", "money"),
    _c("labour_cost", "Loonsom", "Labour cost", "money"),
    _c("invoiced_turnover", "Gefactureerde omzet", "Invoiced turnover", "money"),
    _c("base", "Grondslag", "Base", "base"),
    _c("rules", "Regeling", "Rule set"),
    _c("percentage", "Percentage", "Percentage", "number"),
    _c("offered_percentage", "Geboden percentage", "Offered percentage", "number"),
    _c("threshold", "Drempel", "Threshold", "money"),
    _c("maximum", "Maximum", "Maximum", "money"),
    _c("contract_type", "Soort opdracht", "Contract type", "contract_type"),
    _c("labour_share_percent", "Arbeidsaandeel (%)", "Labour share (%)", "number"),
    _c("publication_date", "Datum publicatie", "Publication date", "date"),
    _c("contract_date", "Contractdatum", "Contract date", "date"),
    _c("start", "Begin", "Start", "date"),
    _c("end", "Einde", "End", "date"),
    _c("pso_level", "PSO-trede", "PSO level"),
    _c("min_per_contract_year", "Minimum per contractjaar", "Minimum per contract year", "money"),
)
ACTIVITY_COLUMNS = (
    _c("tender", "Aanbesteding", "Tender"),
    _c("id", "Activiteit", "Activity"),
    _c("person", "Persoon", "Person"),
    _c("status", "Status", "Status", "status"),
    _c("block", "Bouwblok", "Block"),
    _c("hours_per_week", "Uren per week", "Hours per week", "number"),
    _c("start", "Begin", "Start", "date"),
    _c("end", "Einde", "End", "date"),
    _c("age", "Leeftijd", "Age", "int"),
    _c("birth_date", "Geboortedatum", "Birth date", "date"),
    _c("benefit_months", "Maanden uitkering", "Months on benefit", "int"),
    _c("registered_months", "Maanden ingeschreven", "Months registered", "int"),
    _c(
        "last_worked_for_employer",
        "Laatst gewerkt bij werkgever",
        "Last worked for employer",
        "date",
    ),
    _c("left_target_group", "Doelgroep verlaten op", "Left target group on", "date"),
    _c("flags", "Kenmerken", "Flags", "flags"),
    _c("internship_months", "Stagemaanden", "Internship months", "int"),
    _c("invoice_amount", "Factuurbedrag", "Invoice amount", "money"),
    _c("costs", "Kosten", "Costs", "money"),
    _c("agreed_amount", "Afgesproken bedrag", "Agreed amount", "money"),
    _c("hours", "Uren", "Hours", "number"),
    _c("activities", "Activiteiten", "Activities", "int"),
    _c("days", "Dagen", "Days", "int"),
    _c("periods", "Periodes", "Periods", "number"),
    _c("months", "Maanden", "Months", "number"),
    _c("subsidy_end", "Einde subsidie", "Subsidy end", "date"),
    _c("fulltime_hours_per_week", "Eigen werkweek (uren)", "Own full-time week (h)", "number"),
    _c("note", "Notitie", "Note"),
)
PERSON_COLUMNS = (
    _c("id", "Persoon", "Person"),
    _c("birth_date", "Geboortedatum", "Birth date", "date"),
    _c("note", "Notitie", "Note"),
)
OPTION_COLUMNS = (
    _c("id", "Optie", "Option"),
    _c("label", "Omschrijving", "Description"),
    _c("kind", "Soort", "Kind", "option_kind"),
    _c("cost_per_unit", "Kosten per eenheid", "Cost per unit", "money"),
    _c("max_units", "Max. eenheden", "Max. units", "int"),
    _c("min_units", "Min. eenheden", "Min. units", "int"),
    *(c for c in ACTIVITY_COLUMNS if c.field not in ("tender", "id", "person", "status")),
)
_OPTION_OWN = 6
"""The first columns of OPTION_COLUMNS belong to the option; the rest to its activity."""
SETTINGS = (
    _c("catalog", "Catalogus", "Catalog"),
    _c("on", "Peildatum catalogus", "Catalog date", "date"),
    _c("obligation", "Verplichting", "Obligation", "money"),
    _c("budget", "Budget", "Budget", "money"),
    _c(
        "min_employment_share_percent", "Minimum aandeel werk (%)", "Employment share (%)", "number"
    ),
    _c("alternatives", "Alternatieven", "Alternatives", "int"),
)
SHEETS = {
    "tenders": ("Aanbestedingen", "Tenders"),
    "activities": ("Activiteiten", "Activities"),
    "persons": ("Personen", "Persons"),
    "explain": ("Uitleg", "Explanation"),
    "settings": ("Instellingen", "Settings"),
    "tender": ("Aanbesteding", "Tender"),
    "options": ("Opties", "Options"),
}
_OPTION_KIND = {"personen": "persons", "persons": "persons", "deelbaar": "divisible",
                "divisible": "divisible"}  # fmt: skip


def _norm(text: object) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip().lower()


def _sheet_name(key: str, lang: Lang) -> str:
    nl, en = SHEETS[key]
    return nl if lang == "nl" else en


# ---------------------------------------------------------------------------------------------
# Cells.


def _money_cell(v: Any) -> Decimal:
    if isinstance(v, float):
        return exact_quantity(v, decimals=2)
    return parse_amount(v)


def _number_cell(v: Any) -> Decimal:
    return parse_number(v)


def _int_cell(v: Any) -> int:
    if isinstance(v, bool):
        raise ValueError(f"verwacht een geheel getal, kreeg {v!r}")
    if isinstance(v, int):
        return v
    d = exact_quantity(v) if isinstance(v, float) else parse_number(v)
    if d != d.to_integral_value():
        raise ValueError(f"verwacht een geheel getal, kreeg {v!r}")
    return int(d)


def _text_cell(v: Any) -> str:
    if isinstance(v, float):
        return format(exact_quantity(v), "f")
    if isinstance(v, datetime | date):
        raise ValueError(f"verwacht tekst, kreeg de datum {v!r}")
    return str(v).strip()


def _flags_cell(v: Any) -> tuple[str, ...]:
    words = [w for w in re.split(r"[,;]", str(v)) if w.strip()]
    return tuple(parse_word("flag", w) for w in words)


_CONVERT: dict[str, Callable[[Any], Any]] = {
    "text": _text_cell,
    "money": _money_cell,
    "number": _number_cell,
    "int": _int_cell,
    "date": parse_date,
    "status": lambda v: parse_word("status", v),
    "contract_type": lambda v: parse_word("contract_type", v),
    "base": lambda v: parse_word("base", v),
    "flags": _flags_cell,
    "option_kind": lambda v: _option_kind(v),
}


def _option_kind(v: Any) -> str:
    kind = _OPTION_KIND.get(_norm(v))
    if kind is None:
        raise ValueError(f"verwacht personen of deelbaar, kreeg {v!r}")
    return kind


@dataclass
class _Row:
    number: int
    values: dict[str, Any]
    columns: dict[str, tuple[str, str]]
    """field -> (column letter, header)"""


def _read_sheet(source: str, ws: Any, columns: Sequence[Column]) -> list[_Row]:
    from openpyxl.utils import get_column_letter

    by_header: dict[str, Column] = {}
    for c in columns:
        for name in (c.nl, c.en, c.field):
            by_header.setdefault(_norm(name), c)
    rows = ws.iter_rows(values_only=True)
    try:
        header = next(rows)
    except StopIteration:
        return []
    mapping: dict[int, Column] = {}
    where: dict[str, tuple[str, str]] = {}
    for i, h in enumerate(header):
        if h is None or _norm(h) == "":
            continue
        col = by_header.get(_norm(h))
        letter = get_column_letter(i + 1)
        if col is None:
            known = ", ".join(c.nl for c in columns)
            raise ExcelInputError(
                source,
                ws.title,
                1,
                letter,
                str(h),
                f"onbekende kolom; de kolommen zijn: {known}",
                en=f"unknown column; the columns are: {known}",
            )
        if col.field in where:
            raise ExcelInputError(
                source, ws.title, 1, letter, str(h), "kolom staat er twee keer",
                en="the column appears twice",
            )  # fmt: skip
        mapping[i] = col
        where[col.field] = (letter, str(h))
    out = []
    for n, raw in enumerate(rows, start=2):
        values: dict[str, Any] = {}
        for i, v in enumerate(raw):
            col = mapping.get(i)
            if col is None or v is None or (isinstance(v, str) and not v.strip()):
                continue
            try:
                values[col.field] = _CONVERT[col.kind](v)
            except (BouwblokkenError, ValueError, KeyError) as exc:
                letter, head = where[col.field]
                why_nl, why_en = _reason(exc)
                raise ExcelInputError(
                    source, ws.title, n, letter, head, why_nl, en=why_en
                ) from None
        if values:
            out.append(_Row(n, values, where))
    return out


def _reason(exc: Exception) -> tuple[str, str]:
    """The reason of a refused cell, in Dutch and English."""
    if isinstance(exc, BouwblokkenError):
        return exc.message_nl, exc.message_en
    text = str(exc)
    text = text.split(": ", 1)[1] if text.startswith("None: ") else text
    return text, text


def _sheet(source: str, wb: Any, key: str, *, required: bool = True) -> Any:
    for name in SHEETS[key]:
        for ws in wb.worksheets:
            if _norm(ws.title) == _norm(name):
                return ws
    if required:
        names = ", ".join(ws.title for ws in wb.worksheets)
        raise ExcelInputError(
            source, SHEETS[key][0], None, None, None, f"blad ontbreekt; de werkmap heeft: {names}",
            en=f"sheet missing; the workbook has: {names}",
        )  # fmt: skip
    return None


def _validated(source: str, ws_title: str, row: _Row, model: Any, data: dict[str, Any]) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        loc = [p for p in err["loc"] if isinstance(p, str)]
        field = loc[0] if loc else None
        letter, head = row.columns.get(field, (None, None)) if field else (None, None)
        reason, en = validation_text(err, "nl"), validation_text(err, "en")
        if field and letter is None:
            reason, en = f"{field}: {reason}", f"{field}: {en}"
        raise ExcelInputError(source, ws_title, row.number, letter, head, reason, en=en) from None


def _load(path: str | Path) -> tuple[str, Any]:
    p = Path(path)
    source = str(p)
    try:
        wb = openpyxl().load_workbook(p, data_only=True, read_only=False)
    except FileNotFoundError:
        raise DocumentError(source, "", "file not found", nl="bestand niet gevonden") from None
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise DocumentError(
            source, "", f"not an Excel workbook (.xlsx): {exc}", nl="geen Excel-werkmap (.xlsx)"
        ) from None
    return source, wb


# ---------------------------------------------------------------------------------------------
# Reading.


def read_ledger(path: str | Path) -> Ledger:
    """Read a ledger from a workbook in the template's layout (see the module)."""
    from bouwblokken.activity import Activity
    from bouwblokken.tender import Person, Tender

    source, wb = _load(path)
    t_ws = _sheet(source, wb, "tenders")
    a_ws = _sheet(source, wb, "activities")
    p_ws = _sheet(source, wb, "persons", required=False)
    tenders = _read_sheet(source, t_ws, TENDER_COLUMNS)
    acts = _read_sheet(source, a_ws, ACTIVITY_COLUMNS)
    persons = _read_sheet(source, p_ws, PERSON_COLUMNS) if p_ws is not None else []
    by_tender: dict[str, list[Activity]] = {
        str(r.values["id"]): [] for r in tenders if "id" in r.values
    }
    for r in acts:
        tid = r.values.get("tender")
        if tid is None or str(tid) not in by_tender:
            letter, head = r.columns.get("tender", ("A", "Aanbesteding"))
            known = ", ".join(by_tender) or "-"
            raise ExcelInputError(
                source, a_ws.title, r.number, letter, head,
                f"noem een aanbesteding van het blad {t_ws.title!r} ({known})",
                en=f"name a tender of the sheet {t_ws.title!r} ({known})",
            )  # fmt: skip
        data = {k: v for k, v in r.values.items() if k != "tender"}
        by_tender[str(tid)].append(_validated(source, a_ws.title, r, Activity, data))
    tender_models = []
    for r in tenders:
        data = dict(r.values)
        data["activities"] = tuple(by_tender.get(str(data.get("id")), ()))
        tender_models.append(_validated(source, t_ws.title, r, Tender, data))
    person_models = [_validated(source, p_ws.title, r, Person, dict(r.values)) for r in persons]
    suppliers = {t.supplier for t in tender_models}
    supplier = suppliers.pop() if len(suppliers) == 1 else None
    try:
        return Ledger(supplier=supplier, tenders=tuple(tender_models), persons=tuple(person_models))
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        cause = (err.get("ctx") or {}).get("error")
        reason = str(cause) if isinstance(cause, Exception) else err["msg"]
        nl = cause.message_nl if isinstance(cause, BouwblokkenError) else None
        raise DocumentError(source, "", reason, nl=nl) from None


def read_options(path: str | Path) -> PlanRequest:
    """Read an options request (for :func:`bouwblokken.optimize.plan.optimise`) from a
    workbook in the options template's layout (see the module)."""
    from bouwblokken.activity import Activity
    from bouwblokken.optimize.plan import OptionSpec, PlanRequest
    from bouwblokken.tender import Tender

    source, wb = _load(path)
    s_ws = _sheet(source, wb, "settings", required=False)
    settings: dict[str, Any] = {}
    if s_ws is not None:
        keys = {(_norm(c.nl)): c for c in SETTINGS} | {_norm(c.en): c for c in SETTINGS}
        keys |= {_norm(c.field): c for c in SETTINGS}
        for n, raw in enumerate(s_ws.iter_rows(values_only=True), start=1):
            if not raw or raw[0] is None or _norm(raw[0]) in ("instelling", "setting"):
                continue
            col = keys.get(_norm(raw[0]))
            if col is None:
                known = ", ".join(c.nl for c in SETTINGS)
                raise ExcelInputError(
                    source,
                    s_ws.title,
                    n,
                    "A",
                    None,
                    f"onbekende instelling; wel: {known}",
                    en=f"unknown setting; known: {known}",
                )
            value = raw[1] if len(raw) > 1 else None
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            try:
                settings[col.field] = _CONVERT[col.kind](value)
            except (BouwblokkenError, ValueError) as exc:
                why_nl, why_en = _reason(exc)
                raise ExcelInputError(
                    source, s_ws.title, n, "B", col.nl, why_nl, en=why_en
                ) from None
    t_ws = _sheet(source, wb, "tender", required=False)
    if t_ws is not None:
        rows = _read_sheet(source, t_ws, TENDER_COLUMNS)
        if len(rows) > 1:
            raise ExcelInputError(
                source, t_ws.title, rows[1].number, None, None, "geef één aanbesteding",
                en="give one tender",
            )  # fmt: skip
        if rows:
            settings["tender"] = _validated(
                source, t_ws.title, rows[0], Tender, dict(rows[0].values)
            )
    o_ws = _sheet(source, wb, "options")
    options = []
    template_fields = {c.field for c in OPTION_COLUMNS[_OPTION_OWN:]}
    for r in _read_sheet(source, o_ws, OPTION_COLUMNS):
        tpl = {k: v for k, v in r.values.items() if k in template_fields}
        rest = {k: v for k, v in r.values.items() if k not in template_fields}
        activity = _validated(source, o_ws.title, r, Activity, tpl)
        options.append(
            _validated(source, o_ws.title, r, OptionSpec, {**rest, "template": activity})
        )
    settings["options"] = tuple(options)
    try:
        return PlanRequest.model_validate(settings)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        cause = (err.get("ctx") or {}).get("error")
        reason = str(cause) if isinstance(cause, Exception) else err["msg"]
        nl = cause.message_nl if isinstance(cause, BouwblokkenError) else None
        raise DocumentError(source, "", reason, nl=nl) from None


# ---------------------------------------------------------------------------------------------
# Writing the templates and ledgers.

_FORMATS = {"money": EUR_FORMAT, "number": NUMBER_FORMAT}


def _header(columns: Sequence[Column], lang: Lang) -> list[str]:
    return [c.nl if lang == "nl" else c.en for c in columns]


def _formats(columns: Sequence[Column]) -> dict[int, str]:
    return {i: _FORMATS[c.kind] for i, c in enumerate(columns) if c.kind in _FORMATS}


def _value(c: Column, v: Any, lang: Lang) -> Any:
    if v is None:
        return None
    if c.kind == "status":
        return label("status", v, lang)
    if c.kind == "contract_type":
        return label("contract_type", v, lang)
    if c.kind == "base":
        return label("base", v, lang)
    if c.kind == "flags":
        return ", ".join(label("flag", f, lang) for f in v) or None
    return v


def _explain_sheet(wb: Any, lang: Lang, lines: Sequence[str]) -> None:
    sheet(wb, _sheet_name("explain", lang), [_sheet_name("explain", lang)], [[ln] for ln in lines],
          widths={0: 110})  # fmt: skip


_EXPLAIN_NL = [
    "Vul per aanbesteding één rij in op 'Aanbestedingen' en per activiteit één rij op "
    "'Activiteiten' (kolom Aanbesteding = de id van de aanbesteding).",
    "Bedragen als getal of als tekst met een decimale komma: 2.400.000,00 of 2400000. "
    "Let op: 1.234 betekent duizend tweehonderdvierendertig.",
    "Uren: 22,5. Datums: 01-05-2025 (dag-maand-jaar) of 2025-05-01.",
    "Status: gepland of gerealiseerd. Soort opdracht: werken, diensten of leveringen.",
    "Kenmerken (voor bonussen), met komma's: vast dienstverband, statushouder, taalachterstand, "
    "arbeidsbeperking, loonkostensubsidie, IPS, (oud-)leerling PrO/VSO.",
    "Bouwblok: de id uit de catalogus (bouwblokken show haaglanden).",
    "Personen: alleen een pseudoniem (P001), nooit een naam of BSN.",
    "Lees in met: bouwblokken evaluate ledger.xlsx (of bouwblokken.excel.read_ledger).",
]
_EXPLAIN_EN = [
    "One row per tender on 'Tenders', one row per activity on 'Activities' (column Tender = "
    "the tender's id).",
    "Amounts as numbers or text: 2400000.00 or 2.400.000,00 (Dutch). 1.234 means 1234.",
    "Hours: 22.5 or 22,5. Dates: 01-05-2025 (day-month-year) or 2025-05-01.",
    "Status: planned or realised. Contract type: works, services or supplies.",
    "Read it with: bouwblokken evaluate ledger.xlsx (or bouwblokken.excel.read_ledger).",
]


def _not_in(model: Any, columns: Sequence[Column], skip: Sequence[str] = ()) -> list[str]:
    """Fields of ``model`` with a value the sheet cannot hold (no column, or inline rules)."""
    cols = {c.field for c in columns}
    out = []
    for name in type(model).model_fields:
        value = getattr(model, name)
        default = type(model).model_fields[name].default
        if name in skip or value == default:
            continue
        if name not in cols or (name == "rules" and not isinstance(value, str)):
            out.append(name)
    return out


def write_ledger(ledger: Ledger, path: str | Path, *, lang: Lang = "nl") -> Path:
    """Write a ledger in the template's layout; :func:`read_ledger` reads it back equal."""
    wb = new_workbook()
    t_rows = [
        [_value(c, getattr(t, c.field, None), lang) for c in TENDER_COLUMNS] for t in ledger.tenders
    ]
    unsupported = sorted(
        {f for t in ledger.tenders for f in _not_in(t, TENDER_COLUMNS, ("activities",))}
        | {f for t in ledger.tenders for a in t.activities for f in _not_in(a, ACTIVITY_COLUMNS)}
        | {f for p in ledger.persons for f in _not_in(p, PERSON_COLUMNS)}
    )
    if ledger.supplier is not None and any(t.supplier != ledger.supplier for t in ledger.tenders):
        unsupported.append("supplier (of the ledger, different from a tender's)")
    if unsupported:
        raise BouwblokkenError(
            f"the spreadsheet layout has no column for {', '.join(unsupported)}; "
            "keep this ledger as JSON"
        )
    sheet(wb, _sheet_name("tenders", lang), _header(TENDER_COLUMNS, lang), t_rows,
          formats=_formats(TENDER_COLUMNS))  # fmt: skip
    a_rows = [
        [t.id if c.field == "tender" else _value(c, getattr(a, c.field, None), lang)
         for c in ACTIVITY_COLUMNS]
        for t in ledger.tenders
        for a in t.activities
    ]  # fmt: skip
    sheet(wb, _sheet_name("activities", lang), _header(ACTIVITY_COLUMNS, lang), a_rows,
          formats=_formats(ACTIVITY_COLUMNS))  # fmt: skip
    p_rows = [[_value(c, getattr(p, c.field, None), lang) for c in PERSON_COLUMNS]
              for p in ledger.persons]  # fmt: skip
    sheet(wb, _sheet_name("persons", lang), _header(PERSON_COLUMNS, lang), p_rows)
    _explain_sheet(wb, lang, _EXPLAIN_NL if lang == "nl" else _EXPLAIN_EN)
    return save(wb, path)


def write_ledger_template(path: str | Path, *, lang: Lang = "nl") -> Path:
    """An empty ledger workbook with the headers, one example row, and an explanation sheet."""
    from bouwblokken.activity import Activity
    from bouwblokken.tender import Person, Tender

    example = Ledger(
        persons=(Person(id="P001", note="pseudoniem, geen naam"),),
        tenders=(
            Tender(
                id="T-2025-001",
                title="Voorbeeld: schoonmaak gemeentehuis",
                catalog="haaglanden",
                contract_value=Decimal("2400000"),
                contract_type="services",
                contract_date=date(2025, 3, 1),
                start=date(2025, 5, 1),
                end=date(2027, 4, 30),
                activities=(
                    Activity(
                        id="a1",
                        person="P001",
                        block="participatiewet",
                        hours_per_week=Decimal("22.5"),
                        start=date(2025, 5, 1),
                        end=date(2026, 4, 30),
                    ),
                ),
            ),
        ),
    )
    return write_ledger(example, path, lang=lang)


def write_options_template(path: str | Path, *, lang: Lang = "nl") -> Path:
    """An options workbook (settings, one tender, options) with one example option."""
    wb = new_workbook()
    sheet(
        wb,
        _sheet_name("settings", lang),
        [_sheet_name("settings", lang)[:-2] if lang == "nl" else "Setting",
         "Waarde" if lang == "nl" else "Value"],
        [[c.nl if lang == "nl" else c.en, None] for c in SETTINGS],
    )  # fmt: skip
    ws = wb[_sheet_name("settings", lang)]
    ws["B2"] = "haaglanden"
    ws["B7"] = 5
    tender: dict[str, Any] = {
        "id": "T-2025-001",
        "title": "Voorbeeld",
        "catalog": "haaglanden",
        "contract_value": Decimal("2400000"),
        "contract_type": label("contract_type", "services", lang),
        "contract_date": date(2025, 3, 1),
        "start": date(2025, 5, 1),
        "end": date(2027, 4, 30),
    }
    sheet(
        wb,
        _sheet_name("tender", lang),
        _header(TENDER_COLUMNS, lang),
        [[tender.get(c.field) for c in TENDER_COLUMNS]],
        formats=_formats(TENDER_COLUMNS),
    )  # fmt: skip
    row: list[Any] = []
    example = {
        "id": "pw",
        "label": "Participatiewet, 24 uur, 12 maanden",
        "kind": "personen" if lang == "nl" else "persons",
        "cost_per_unit": Decimal("9000.00"),
        "max_units": 5,
        "min_units": 0,
        "block": "participatiewet",
        "hours_per_week": Decimal("24"),
        "start": date(2025, 5, 1),
        "end": date(2026, 4, 30),
    }
    row = [example.get(c.field) for c in OPTION_COLUMNS]
    sheet(wb, _sheet_name("options", lang), _header(OPTION_COLUMNS, lang), [row],
          formats=_formats(OPTION_COLUMNS))  # fmt: skip
    return save(wb, path)
