"""The published EU procurement thresholds for sub-central authorities, by two-year period.

Some buyers set their social-return threshold to "the EU threshold" (Den Haag: "vanaf de
Europese drempel", 215.000 in 2022–2023, 221.000 in 2024–2025). The figures change every two
years (Directive 2014/24/EU art. 4, revised by a Commission delegated regulation), so they are
data: ``catalogs/eu-thresholds.toml``, one row per period, each with its source and, where a
figure could not be confirmed, ``verified = false`` and a note (catalogs.md §8).
"""

from __future__ import annotations

import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, ValidationError, model_validator

from bouwblokken.catalog.model import ContractType, Frozen
from bouwblokken.catalog.registry import _shipped_folder
from bouwblokken.errors import CatalogFileError
from bouwblokken.locate import describe
from bouwblokken.money import NonNegativeMoney as Money

__all__ = ["EuThresholdPeriod", "eu_threshold", "eu_threshold_periods", "load_eu_thresholds"]

THRESHOLDS_FILE = "eu-thresholds.toml"


class EuThresholdPeriod(Frozen):
    """The sub-central thresholds in force from ``from_`` to ``until`` (both inclusive)."""

    from_: date = Field(alias="from")
    until: date
    services_supplies: Money
    """Supplies and (other) services contracts of sub-central contracting authorities."""
    works: Money
    regulation: Annotated[str, Field(pattern=r"^\d{4}/\d{1,5}$")]
    """The Commission delegated regulation that set the figures, as ``year/number``."""
    source: Annotated[str, Field(pattern=r"^https?://")]
    reliability: Literal["A", "B", "C", "D"]
    verified: bool = True
    note: str | None = None
    """A note in Dutch (shown by default)."""
    note_en: str | None = None
    """The same note in English; only beside ``note``."""

    @model_validator(mode="after")
    def _ordered(self) -> EuThresholdPeriod:
        if self.until < self.from_:
            raise ValueError("until is before from")
        if not self.verified and not (self.note and self.note.strip()):
            raise ValueError("an unverified period needs a note saying why")
        if self.note_en is not None and self.note is None:
            raise ValueError("note_en is the English of note: give note too")
        return self

    def amount(self, kind: Literal["services_supplies", "works"]) -> Decimal:
        return self.works if kind == "works" else self.services_supplies

    @property
    def label(self) -> str:
        return f"{self.from_.year}–{self.until.year}"


def load_eu_thresholds(path: str | Path) -> tuple[EuThresholdPeriod, ...]:
    """Read and validate a threshold table; errors name the file, the row and the field."""
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text("utf-8"), parse_float=Decimal)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CatalogFileError(p, "", f"cannot read the EU threshold table: {exc}") from None
    rows: list[EuThresholdPeriod] = []
    unknown = sorted(set(data) - {"periods"})
    if unknown:
        raise CatalogFileError(p, unknown[0], f"unknown key {unknown[0]!r}; expected [[periods]]")
    for i, raw in enumerate(data.get("periods", [])):
        try:
            rows.append(EuThresholdPeriod.model_validate(raw))
        except ValidationError as exc:
            loc, reason = describe(exc, raw)
            where = f"periods[{i}].{loc}" if loc else f"periods[{i}]"
            raise CatalogFileError(p, where, reason) from None
    rows.sort(key=lambda r: r.from_)
    for i in range(1, len(rows)):
        if rows[i].from_ <= rows[i - 1].until:
            raise CatalogFileError(
                p, f"periods ({rows[i].label})", f"overlaps the period {rows[i - 1].label}"
            )
    if not rows:
        raise CatalogFileError(p, "periods", "the table has no periods")
    return tuple(rows)


_cache: tuple[EuThresholdPeriod, ...] | None = None


def eu_threshold_periods() -> tuple[EuThresholdPeriod, ...]:
    """The shipped table, oldest period first (read once)."""
    global _cache
    if _cache is None:
        _cache = load_eu_thresholds(_shipped_folder() / THRESHOLDS_FILE)
    return _cache


def eu_threshold(
    on: date,
    contract_type: ContractType | None,
    follows: Literal["services_supplies", "by_contract_type"],
    periods: tuple[EuThresholdPeriod, ...] | None = None,
) -> tuple[Decimal, EuThresholdPeriod, Literal["services_supplies", "works"]]:
    """The EU threshold in force on ``on``: the services/supplies figure (``follows =
    "services_supplies"``), or the works figure for works (``"by_contract_type"``).

    Raises :class:`LookupError` (as a :class:`~bouwblokken.errors.CatalogError`) when the table
    has no period for the date."""
    table = periods if periods is not None else eu_threshold_periods()
    kind: Literal["services_supplies", "works"] = (
        "works"
        if follows == "by_contract_type" and contract_type == "works"
        else "services_supplies"
    )
    for row in table:
        if row.from_ <= on <= row.until:
            return row.amount(kind), row, kind
    from bouwblokken.errors import NoEditionInForceError

    raise NoEditionInForceError(
        "eu-thresholds", on, [f"{r.from_.isoformat()} .. {r.until.isoformat()}" for r in table]
    )
