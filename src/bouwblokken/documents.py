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
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bouwblokken.errors import BouwblokkenError, UnknownBlockError
from bouwblokken.jsontext import (
    MAX_DEPTH,
    MAX_DOCUMENT_BYTES,
    MAX_NUMBER_CHARS,
    MAX_RECORDS,
    read_json,
    read_source,
)
from bouwblokken.ledger import Ledger
from bouwblokken.locate import located
from bouwblokken.money import DOCUMENT

if TYPE_CHECKING:
    from bouwblokken.ledger import ActivityResult, Fulfilment, LedgerResult, TenderResult
    from bouwblokken.obligation import Obligation
    from bouwblokken.optimize.plan import PlanRequest
    from bouwblokken.valuation import Valuation

__all__ = [
    "MAX_DEPTH",
    "MAX_DOCUMENT_BYTES",
    "MAX_NUMBER_CHARS",
    "MAX_RECORDS",
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
    "without_schema_key",
    "write_ledger",
    "write_result",
]


def read_ledger(source: str | bytes | Path | dict[str, Any], *, name: str | None = None) -> Ledger:
    """Read a ledger document; errors name the file, the record path and the field."""
    label = name or (str(source) if isinstance(source, Path) else "<ledger>")
    data = without_schema_key(source if isinstance(source, dict) else read_json(source, name=label))
    try:
        return Ledger.model_validate(data, context={DOCUMENT: True})
    except ValidationError as exc:
        raise located(exc, data, label) from None


def without_schema_key(data: Any) -> Any:
    """The document without a top-level ``$schema`` text: it names the JSON Schema the document
    follows and is not data (any other ``$schema`` -- not a text -- stays, for the model to
    refuse)."""
    if isinstance(data, dict) and isinstance(data.get("$schema"), str):
        return {k: v for k, v in data.items() if k != "$schema"}
    return data


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
    record = getattr(exc, "record", None)
    if isinstance(exc, UnknownBlockError) and record is None:
        for i, spec in enumerate(request.options):
            if spec.template.block == exc.block_id and exc.record is None:
                exc.record = f"option {spec.id!r}"
                exc.args = (f"{exc.record}: {exc}",)
                exc.locate(pointer=f"/options/{i}/template/block")
    elif isinstance(record, str):
        for i, spec in enumerate(request.options):
            if record == f"option {spec.id!r}":
                field = getattr(exc, "field", None)
                exc.locate(pointer=f"/options/{i}" + (f"/{field}" if field else ""))
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

    schema_: Literal[
        "https://bouwblokken.github.io/bouwblokken/schemas/ledger-result.schema.json"
    ] = Field(
        default="https://bouwblokken.github.io/bouwblokken/schemas/ledger-result.schema.json",
        alias="$schema",
    )
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
    message_nl: str
    """What limits the plan, in Dutch (from ``code``, ``subject`` and the amount)."""
    message_en: str


class DiagnosisDoc(_Doc):
    max_counted: str
    shortfall: str
    reasons: list[ReasonDoc]


class PlansDocument(_Doc):
    """``bouwblokken.plans/1``: the optimiser's plans for an options document."""

    schema_: Literal["https://bouwblokken.github.io/bouwblokken/schemas/plans.schema.json"] = Field(
        default="https://bouwblokken.github.io/bouwblokken/schemas/plans.schema.json",
        alias="$schema",
    )
    format: Literal["bouwblokken.plans/1"] = "bouwblokken.plans/1"
    catalog: str
    catalog_fingerprint: str | None
    target: str
    status: Literal["optimal", "feasible", "infeasible", "unknown"]
    """optimal; feasible: ``best`` is the best plan found within the time limit, with a proven
    gap (see ``notes_nl``); infeasible: proven, ``diagnosis`` says why; unknown: no plan in time."""
    best: PlanDoc | None
    alternatives: list[PlanDoc]
    pareto: list[PlanDoc]
    diagnosis: DiagnosisDoc | None
    notes_nl: list[str]
    """The optimizer's notes (a time limit, a proven gap, units a person cannot bring in) in
    Dutch; ``notes_en`` the same in English."""
    notes_en: list[str]


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
    return doc.model_dump(mode="json", by_alias=True)


def write_result(result: LedgerResult, *, indent: int | None = 2) -> str:
    return json.dumps(ledger_result_to_dict(result), indent=indent, ensure_ascii=False) + "\n"
