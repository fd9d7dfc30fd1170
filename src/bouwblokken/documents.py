"""JSON documents in and out: the ledger (tenders with activities) and the evaluation result.

Reading never passes an amount through float: JSON is parsed with ``parse_float=Decimal``
before validation (style.md trap: pydantic's own JSON parser goes through float). In the
canonical form amounts and quantities are strings (``"13223.74"``, ``"24"``), so a document
written by another program in that form is read and written back byte-for-byte the same
(``write_ledger(read_ledger(text)) == text`` with the default indent). Results name the catalog
edition and the SHA-256 fingerprint of its file, so a stored result can be traced and re-run.

Shapes (``format`` field): ``bouwblokken.ledger/1`` (:class:`~bouwblokken.ledger.Ledger`) and
``bouwblokken.ledger-result/1`` (:class:`LedgerResultDocument`); JSON Schemas of both are in
``docs/schemas/``.
"""

from __future__ import annotations

import json
import re
import stat
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from bouwblokken.errors import BouwblokkenError, DocumentError, UnknownBlockError
from bouwblokken.ledger import Ledger
from bouwblokken.locate import first_problem
from bouwblokken.money import DOCUMENT

if TYPE_CHECKING:
    from bouwblokken.ledger import ActivityResult, Fulfilment, LedgerResult, TenderResult
    from bouwblokken.obligation import Obligation
    from bouwblokken.optimize.plan import PlanRequest
    from bouwblokken.valuation import Valuation

__all__ = [
    "LedgerResultDocument",
    "ObligationDocument",
    "PlansDocument",
    "ValuationDocument",
    "in_ledger",
    "in_options",
    "ledger_result_to_dict",
    "obligation_to_dict",
    "read_json",
    "read_ledger",
    "read_source",
    "valuation_to_dict",
    "write_ledger",
    "write_result",
]


MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
"""A document is at most 64 MiB (checked before reading more)."""
MAX_DEPTH = 32
"""Objects and lists nest at most 32 deep (a ledger needs 6)."""
MAX_RECORDS = 1_000_000
"""At most a million list items in one document (persons, tenders, activities together)."""
MAX_NUMBER_CHARS = 40
"""A number literal has at most 40 characters ..."""
MAX_EXPONENT = 30
"""... and a magnitude between 10^-30 and 10^30 (checked before converting: ``1e999999999``
would otherwise make an integer conversion run practically forever)."""


class _RefusedError(Exception):
    """Raised inside the JSON parser's hooks; becomes a :class:`DocumentError`."""

    def __init__(self, code: str, en: str, nl: str) -> None:
        self.code, self.en, self.nl = code, en, nl
        super().__init__(en)


def _number_text(text: str) -> None:
    if len(text) > MAX_NUMBER_CHARS:
        raise _RefusedError(
            "document.number",
            f"a number of {len(text)} characters (at most {MAX_NUMBER_CHARS})",
            f"een getal van {len(text)} tekens (hoogstens {MAX_NUMBER_CHARS})",
        )


def _parse_int(text: str) -> int:
    _number_text(text)
    return int(text)


def _parse_float(text: str) -> Decimal:
    _number_text(text)
    d = Decimal(text)
    if d and not -MAX_EXPONENT <= d.adjusted() <= MAX_EXPONENT:
        raise _RefusedError(
            "document.number",
            f"the number {text} is outside 10^-{MAX_EXPONENT} .. 10^{MAX_EXPONENT}",
            f"het getal {text} ligt buiten 10^-{MAX_EXPONENT} .. 10^{MAX_EXPONENT}",
        )
    return d


def _parse_constant(text: str) -> Any:
    raise _RefusedError(
        "document.not_a_number",
        f"{text} is not a JSON number",
        f"{text} is geen JSON-getal",
    )


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                shown = key[:64]
                raise _RefusedError(
                    "document.duplicate_key",
                    f"the key {shown!r} appears twice in one object (the reader would keep only "
                    "one of them)",
                    f"de sleutel {shown!r} komt twee keer voor in één object",
                )
            seen.add(key)
    return out


def _check_shape(data: Any, label: str) -> None:
    """Depth and record limits, walked without recursion (linear in the document)."""
    records = 0
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children: Any = node.values()
        elif isinstance(node, list):
            records += len(node)
            children = node
        else:
            continue
        if depth > MAX_DEPTH:
            raise _too_deep(label)
        if records > MAX_RECORDS:
            raise DocumentError(
                label,
                "",
                f"more than {MAX_RECORDS:,} list items in one document",
                code="document.too_many_records",
                nl=f"meer dan {MAX_RECORDS:,} lijstelementen in één document",
            )
        stack.extend((c, depth + 1) for c in children if isinstance(c, dict | list))


def _too_deep(label: str) -> DocumentError:
    return DocumentError(
        label,
        "",
        f"nested more than {MAX_DEPTH} deep",
        code="document.too_deep",
        nl=f"dieper genest dan {MAX_DEPTH} niveaus",
    )


def read_source(
    source: str | bytes | Path, label: str, *, limit: int = MAX_DOCUMENT_BYTES
) -> bytes:
    """The bytes of ``source`` (a path is read up to ``limit``; devices and folders refused)."""
    if isinstance(source, str):
        source = source.encode("utf-8")
    if isinstance(source, bytes):
        raw = source
    else:
        try:
            mode = source.stat().st_mode
            if stat.S_ISDIR(mode) or stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
                raise DocumentError(
                    label,
                    "",
                    "not a regular file (a folder or a device)",
                    code="document.not_a_file",
                    nl="geen gewoon bestand (een map of een apparaat)",
                )
            with source.open("rb") as f:
                raw = f.read(limit + 1)
        except OSError as exc:
            raise DocumentError(
                label,
                "",
                f"cannot read the file ({exc.strerror})",
                code="document.unreadable",
                nl=f"het bestand kan niet worden gelezen ({exc.strerror})",
            ) from None
    if len(raw) > limit:
        raise DocumentError(
            label,
            "",
            f"larger than {limit:,} bytes",
            code="document.too_large",
            nl=f"groter dan {limit:,} bytes",
        )
    return raw


def read_json(source: str | bytes | Path, *, name: str | None = None) -> Any:
    """Parse JSON exactly (decimals as :class:`Decimal`); ``source`` is text, bytes or a path.

    Enforced before any validation (``docs/errors.md``): size, nesting depth, number of list
    items, digits and exponent of every number; duplicate keys, ``NaN`` and ``Infinity`` are
    refused. Every refusal is a :class:`DocumentError` with a ``code``."""
    label = name or (str(source) if isinstance(source, Path) else "<json>")
    raw = read_source(source, label)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            label,
            "",
            f"not UTF-8 text ({exc.reason} at byte {exc.start})",
            code="document.not_utf8",
            nl=f"geen UTF-8-tekst (byte {exc.start})",
        ) from None
    try:
        data = json.loads(
            text,
            parse_float=_parse_float,
            parse_int=_parse_int,
            parse_constant=_parse_constant,
            object_pairs_hook=_unique_keys,
        )
    except _RefusedError as exc:
        raise DocumentError(label, "", exc.en, code=exc.code, nl=exc.nl) from None
    except RecursionError:
        raise _too_deep(label) from None
    except json.JSONDecodeError as exc:
        raise DocumentError(
            label,
            "",
            f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
            code="document.json",
            nl=f"geen geldige JSON (regel {exc.lineno}, kolom {exc.colno})",
        ) from None
    _check_shape(data, label)
    return data


def located(exc: ValidationError, data: Any, label: str) -> DocumentError:
    """A validation error over a document's ``data`` as a :class:`DocumentError`."""
    p = first_problem(exc, data)
    return DocumentError(label, p.path, p.reason, code=p.code, pointer=p.pointer, nl=p.reason_nl)


def read_ledger(source: str | bytes | Path | dict[str, Any], *, name: str | None = None) -> Ledger:
    """Read a ledger document; errors name the file, the record path and the field."""
    label = name or (str(source) if isinstance(source, Path) else "<ledger>")
    data = source if isinstance(source, dict) else read_json(source, name=label)
    try:
        return Ledger.model_validate(data, context={DOCUMENT: True})
    except ValidationError as exc:
        raise located(exc, data, label) from None


def _pointer_of_record(ledger: Ledger, record: str, field: str | None) -> str | None:
    """The JSON Pointer of a record named ``tender 'T' activity 'a'`` (or ``'#2'``)."""
    m = re.fullmatch(r"tender (['\"])(.*?)\1(?: activity (['\"])(.*?)\3)?", record)
    if not m:
        return None
    for n, t in enumerate(ledger.tenders):
        if t.id != m.group(2):
            continue
        where = f"/tenders/{n}"
        if m.group(4) is not None:
            for i, a in enumerate(t.activities):
                if (a.id or f"#{i + 1}") == m.group(4):
                    where += f"/activities/{i}"
                    break
            else:
                return None
        return where + (f"/{field}" if field else "")
    return None


def in_ledger(exc: BouwblokkenError, ledger: Ledger) -> BouwblokkenError:
    """An error raised while evaluating ``ledger`` with the record and JSON Pointer filled in
    (an unknown block names the first activity that uses it)."""
    record = getattr(exc, "record", None)
    if isinstance(exc, UnknownBlockError) and record is None:
        for n, t in enumerate(ledger.tenders):
            for i, a in enumerate(t.activities):
                if a.block == exc.block_id and exc.record is None:
                    exc.record = f"tender {t.id!r} activity {a.id or '#' + str(i + 1)!r}"
                    exc.args = (f"{exc.record}: {exc}",)
                    exc.locate(pointer=f"/tenders/{n}/activities/{i}/block")
        return exc
    if isinstance(record, str):
        found = _pointer_of_record(ledger, record, getattr(exc, "field", None))
        if found is not None:
            exc.locate(pointer=found)
    return exc


def in_options(exc: BouwblokkenError, request: PlanRequest) -> BouwblokkenError:
    """An error raised while optimising ``request`` with the option named (an unknown block
    names the first option whose template uses it)."""
    if isinstance(exc, UnknownBlockError) and exc.record is None:
        for i, spec in enumerate(request.options):
            if spec.template.block == exc.block_id and exc.record is None:
                exc.record = f"option {spec.id!r}"
                exc.args = (f"{exc.record}: {exc}",)
                exc.locate(pointer=f"/options/{i}/template/block")
    return exc


def write_ledger(ledger: Ledger, *, indent: int | None = 2) -> str:
    """The ledger as canonical JSON: only the fields that were set, amounts as strings."""
    data = ledger.model_dump(mode="json", exclude_unset=True)
    return json.dumps(data, indent=indent, ensure_ascii=False) + ("\n" if indent else "")


# ---------------------------------------------------------------------------------------------
# The result document.


class _Doc(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class NotCountedDoc(_Doc):
    reason: str
    amount: str
    text_nl: str
    text_en: str


class ActivityDoc(_Doc):
    index: int
    id: str | None
    block: str
    category: str | None
    status: str
    person: str | None
    counted: str
    """Counted in the forecast view (realised and planned together)."""
    realised_counted: str | None
    """Counted in the realised view (up to ``as_of``); None for a planned activity."""
    gross: str
    trail_nl: list[str]
    trail_en: list[str]
    not_counted: list[NotCountedDoc]


class FulfilmentDoc(_Doc):
    obligation: str
    counted: str
    remaining: str
    surplus: str
    percentage: str | None
    met: bool
    by_category: dict[str, str]


class ContractYearDoc(_Doc):
    index: int
    start: str
    end: str
    minimum: str
    counted: str
    met: bool


class ObligationDoc(_Doc):
    amount: str
    applies: bool
    source: str
    explanation_nl: list[str]
    explanation_en: list[str]


class TenderResultDoc(_Doc):
    id: str
    catalog: str | None
    catalog_fingerprint: str | None
    obligation: ObligationDoc
    realised: FulfilmentDoc
    forecast: FulfilmentDoc
    contract_years: list[ContractYearDoc]
    activities: list[ActivityDoc]
    warnings: list[str]


class LedgerResultDocument(_Doc):
    """``bouwblokken.ledger-result/1``: what procurement software stores of an evaluation."""

    format: Literal["bouwblokken.ledger-result/1"] = "bouwblokken.ledger-result/1"
    library_version: str
    as_of: str | None
    tenders: list[TenderResultDoc]
    warnings: list[str]


# ---------------------------------------------------------------------------------------------
# The plans document (the optimiser's answer), described for integrators.


class PlanOptionDoc(_Doc):
    option: str
    units: int
    unit_value: str
    unit_cost: str
    cost_per_value: str | None
    category: str | None


class PlanDoc(_Doc):
    units: dict[str, int]
    cost: str
    counted: str
    slack: str
    people: int
    options: list[PlanOptionDoc]
    activities: list[dict[str, Any]]
    """Ledger activities (``bouwblokken.ledger/1`` activity objects) that carry out the plan."""


class ReasonDoc(_Doc):
    code: str
    subject: str | None
    message: str


class DiagnosisDoc(_Doc):
    max_counted: str
    shortfall: str
    reasons: list[ReasonDoc]


class PlansDocument(_Doc):
    """``bouwblokken.plans/1``: the optimiser's plans for an options document."""

    format: Literal["bouwblokken.plans/1"] = "bouwblokken.plans/1"
    catalog: str
    catalog_fingerprint: str | None
    target: str
    status: Literal["optimal", "infeasible"]
    best: PlanDoc | None
    alternatives: list[PlanDoc]
    pareto: list[PlanDoc]
    diagnosis: DiagnosisDoc | None
    notes: list[str]


# ---------------------------------------------------------------------------------------------
# One valuation and one obligation, as documents (the HTTP service's answers).


class ValuationDocument(_Doc):
    """``bouwblokken.valuation/1``: one activity valued under one catalog edition."""

    format: Literal["bouwblokken.valuation/1"] = "bouwblokken.valuation/1"
    catalog: str
    catalog_fingerprint: str | None
    block: str
    amount: str
    trail_nl: list[str]
    trail_en: list[str]
    not_counted: list[NotCountedDoc]


class ObligationDocument(ObligationDoc):
    """``bouwblokken.obligation/1``: a tender's obligation with its explanation."""

    format: Literal["bouwblokken.obligation/1"] = "bouwblokken.obligation/1"


def valuation_to_dict(v: Valuation) -> dict[str, Any]:
    """The ``bouwblokken.valuation/1`` document of a valuation."""
    return ValuationDocument(
        catalog=v.catalog,
        catalog_fingerprint=f"sha256:{v.fingerprint}" if v.fingerprint else None,
        block=v.block,
        amount=_s(v.amount),
        trail_nl=[ln.nl for ln in v.lines],
        trail_en=[ln.en for ln in v.lines],
        not_counted=[
            NotCountedDoc(reason=nc.reason, amount=_s(nc.amount), text_nl=nc.nl, text_en=nc.en)
            for nc in v.not_counted
        ],
    ).model_dump(mode="json")


def obligation_to_dict(ob: Obligation) -> dict[str, Any]:
    """The ``bouwblokken.obligation/1`` document of an obligation."""
    return ObligationDocument(
        amount=_s(ob.amount),
        applies=ob.applies,
        source=ob.rules_source,
        explanation_nl=[ln.nl for ln in ob.lines],
        explanation_en=[ln.en for ln in ob.lines],
    ).model_dump(mode="json")


def _s(d: Decimal) -> str:
    return format(d, "f")


def _fulfilment_doc(f: Fulfilment) -> FulfilmentDoc:
    return FulfilmentDoc(
        obligation=_s(f.obligation),
        counted=_s(f.counted),
        remaining=_s(f.remaining),
        surplus=_s(f.surplus),
        percentage=None if f.percentage is None else _s(f.percentage),
        met=f.met,
        by_category={k: _s(v) for k, v in f.by_category.items()},
    )


def _activity_doc(r: ActivityResult, realised: ActivityResult | None) -> ActivityDoc:
    v = r.valuation
    return ActivityDoc(
        index=r.index,
        id=r.activity.id,
        block=r.activity.block,
        category=v.category if v else None,
        status=r.activity.status,
        person=r.activity.person,
        counted=_s(r.counted),
        realised_counted=None if realised is None else _s(realised.counted),
        gross=_s(r.gross),
        trail_nl=[ln.nl for ln in v.lines] if v else [],
        trail_en=[ln.en for ln in v.lines] if v else [],
        not_counted=[
            NotCountedDoc(reason=nc.reason, amount=_s(nc.amount), text_nl=nc.nl, text_en=nc.en)
            for nc in r.not_counted
        ],
    )


def _tender_doc(t: TenderResult) -> TenderResultDoc:
    ob = t.obligation
    return TenderResultDoc(
        id=t.tender.id,
        catalog=t.catalog,
        catalog_fingerprint=f"sha256:{t.fingerprint}" if t.fingerprint else None,
        obligation=ObligationDoc(
            amount=_s(ob.amount),
            applies=ob.applies,
            source=ob.rules_source,
            explanation_nl=[ln.nl for ln in ob.lines],
            explanation_en=[ln.en for ln in ob.lines],
        ),
        realised=_fulfilment_doc(t.realised),
        forecast=_fulfilment_doc(t.forecast),
        contract_years=[
            ContractYearDoc(
                index=y.year.index,
                start=y.year.start.isoformat(),
                end=y.year.end.isoformat(),
                minimum=_s(y.year.minimum),
                counted=_s(y.counted),
                met=y.met,
            )
            for y in t.years
        ],
        activities=[_activity_doc(r, t.realised_row(r.index)) for r in t.activities],
        warnings=list(t.warnings),
    )


def ledger_result_to_dict(result: LedgerResult) -> dict[str, Any]:
    """The result as a JSON-ready dict in the ``bouwblokken.ledger-result/1`` shape."""
    from bouwblokken import __version__

    doc = LedgerResultDocument(
        library_version=__version__,
        as_of=result.as_of.isoformat() if result.as_of else None,
        tenders=[_tender_doc(t) for t in result.tenders],
        warnings=list(result.warnings),
    )
    return doc.model_dump(mode="json")


def write_result(result: LedgerResult, *, indent: int | None = 2) -> str:
    return json.dumps(ledger_result_to_dict(result), indent=indent, ensure_ascii=False) + "\n"
