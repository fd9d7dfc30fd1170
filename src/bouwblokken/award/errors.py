"""The one error the award stage raises on bad input (a bid, a formula, an assumptions file)."""

from __future__ import annotations

from bouwblokken.errors import BouwblokkenError

__all__ = ["AwardError"]


class AwardError(BouwblokkenError, ValueError):
    """A bid, scoring formula or cost-assumptions document the award stage cannot use.

    ``source`` names the file (or ``None``), ``record`` the bidder or formula, ``field`` the
    field; the message says what was expected."""

    code = "award"

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        record: str | None = None,
        field: str | None = None,
    ) -> None:
        self.source = source
        self.file = source
        self.record = record
        self.field = field
        self.reason = message
        prefix = "".join(f"{part}: " for part in (source, record, field) if part)
        super().__init__(prefix + message)
