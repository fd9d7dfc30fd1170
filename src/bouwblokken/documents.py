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
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from bouwblokken.errors import DocumentError
from bouwblokken.ledger import Ledger
from bouwblokken.locate import describe

if TYPE_CHECKING:
    from bouwblokken.ledger import ActivityResult, Fulfilment, LedgerResult, TenderResult

__all__ = [
    "LedgerResultDocument",
    "ledger_result_to_dict",
    "read_json",
    "read_ledger",
    "write_ledger",
    "write_result",
]


def read_json(source: str | bytes | Path, *, name: str | None = None) -> Any:
    """Parse JSON exactly (decimals as :class:`Decimal`); ``source`` is text, bytes or a path."""
    label = name or (str(source) if isinstance(source, Path) else "<json>")
    if isinstance(source, Path):
        try:
            source = source.read_bytes()
        except OSError as exc:
            raise DocumentError(label, "", f"cannot read the file ({exc.strerror})") from None
    try:
        return json.loads(source, parse_float=Decimal)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DocumentError(label, "", f"not valid JSON: {exc}") from None


def read_ledger(source: str | bytes | Path | dict[str, Any], *, name: str | None = None) -> Ledger:
    """Read a ledger document; errors name the file, the record path and the field."""
    label = name or (str(source) if isinstance(source, Path) else "<ledger>")
    data = source if isinstance(source, dict) else read_json(source, name=label)
    try:
        return Ledger.model_validate(data)
    except ValidationError as exc:
        raise DocumentError(label, *describe(exc, data)) from None


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
