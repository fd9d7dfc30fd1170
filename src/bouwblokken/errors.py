"""One error hierarchy for everything the library refuses.

Every error derives from :class:`BouwblokkenError` *and* from the builtin it resembles
(``ValueError``, ``LookupError``, ``TypeError``), after pint's ``DefinitionError(ValueError,
PintError)``: callers can catch ours precisely or the builtin generically. Errors carry the
structured fields a program needs (file, record, field) and a message a person can act on.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

__all__ = [
    "BouwblokkenError",
    "CatalogError",
    "CatalogFileError",
    "DocumentError",
    "LedgerError",
    "MoneyError",
    "NoEditionInForceError",
    "UnknownBlockError",
    "UnknownCatalogError",
    "ValuationError",
]


class BouwblokkenError(Exception):
    """Base class of every error this library raises on purpose."""


class MoneyError(BouwblokkenError, ValueError):
    """An amount that is not exact money (a float, NaN, more than two decimals where refused).

    A ``ValueError`` so that pydantic wraps it in a validation error naming the field."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        self.field = field
        super().__init__(f"{field}: {message}" if field else message)


class CatalogError(BouwblokkenError):
    """Base of catalog lookup and catalog file errors."""


class UnknownCatalogError(CatalogError, LookupError):
    """A catalog id that no shipped or registered catalog has."""

    def __init__(self, catalog_id: str, known: Sequence[str]) -> None:
        self.catalog_id = catalog_id
        self.known = tuple(known)
        super().__init__(
            f"unknown catalog {catalog_id!r}; known catalogs: {', '.join(self.known) or '(none)'}"
        )


class NoEditionInForceError(CatalogError, LookupError):
    """A catalog exists but none of its editions is in force on the asked date."""

    def __init__(self, catalog_id: str, on: object, periods: Sequence[str]) -> None:
        self.catalog_id = catalog_id
        self.on = on
        self.periods = tuple(periods)
        super().__init__(
            f"catalog {catalog_id!r} has no edition in force on {on}; "
            f"editions: {'; '.join(self.periods)}"
        )


class CatalogFileError(CatalogError, ValueError):
    """A catalog data file that cannot be read or does not follow the format.

    ``path`` is the file, ``location`` the field path inside it (``blocks[3].rule.amount``),
    ``reason`` what was expected.
    """

    def __init__(self, path: Path | str, location: str, reason: str) -> None:
        self.path = str(path)
        self.location = location
        self.reason = reason
        where = f"{self.path}: {location}" if location else self.path
        super().__init__(f"{where}: {reason}")


class _RecordError(BouwblokkenError, ValueError):
    """An error about one record (``record``) and one of its fields (``field``)."""

    def __init__(self, message: str, *, record: str | None = None, field: str | None = None):
        self.record = record
        self.field = field
        self.message = message
        prefix = "".join(f"{part}: " for part in (record, field) if part)
        super().__init__(prefix + message)


class ValuationError(_RecordError):
    """An activity that cannot be valued as given (missing or impossible input)."""


class UnknownBlockError(ValuationError, LookupError):
    """A block id that the catalog edition does not have."""

    def __init__(
        self, block_id: str, edition: str, known: Sequence[str], *, record: str | None = None
    ):
        self.block_id = block_id
        self.edition = edition
        super().__init__(
            f"block {block_id!r} is not in catalog {edition}; blocks: {', '.join(known)}",
            field="block",
            record=record,
        )


class LedgerError(_RecordError):
    """A tender or activity that the ledger cannot accept (dates, references, duplicates)."""


class DocumentError(BouwblokkenError, ValueError):
    """A JSON document that cannot be read: names the file, the record path and the field."""

    def __init__(self, source: str, location: str, reason: str) -> None:
        self.source = source
        self.location = location
        self.reason = reason
        where = f"{source}: {location}" if location else source
        super().__init__(f"{where}: {reason}")
