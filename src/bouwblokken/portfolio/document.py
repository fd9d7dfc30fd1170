"""The portfolio JSON document (``bouwblokken.portfolio/1``), read and written exactly.

Follows :mod:`bouwblokken.documents`: JSON is parsed with ``parse_float=Decimal`` before
validation (no amount passes through float), amounts and quantities are written as strings,
only the fields that were set are written (so a canonical document reads and writes back the
same), and an error names the file, the record path and the field.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bouwblokken.documents import read_json, without_schema_key
from bouwblokken.errors import DocumentError
from bouwblokken.locate import describe
from bouwblokken.portfolio.gcpause import gc_paused
from bouwblokken.portfolio.model import Portfolio
from bouwblokken.schemas import SCHEMA_BASE, published_schema

__all__ = ["PORTFOLIO_SCHEMA", "portfolio_schema", "read_portfolio", "write_portfolio"]


def read_portfolio(
    source: str | bytes | Path | dict[str, Any], *, name: str | None = None
) -> Portfolio:
    """Read a portfolio document; errors name the file, the record path and the field."""
    label = name or (str(source) if isinstance(source, Path) else "<portfolio>")
    with gc_paused():  # millions of acyclic objects: see bouwblokken.portfolio.gcpause
        data = source if isinstance(source, dict) else read_json(source, name=label)
        data = without_schema_key(data)
        try:
            return Portfolio.model_validate(data)
        except ValidationError as exc:
            raise DocumentError(label, *describe(exc, data)) from None


PORTFOLIO_SCHEMA = SCHEMA_BASE + "portfolio.schema.json"
"""The ``$schema`` every written portfolio document names (``docs/schemas/``)."""


def write_portfolio(portfolio: Portfolio, *, indent: int | None = 2) -> str:
    """The portfolio as canonical JSON: ``$schema`` and ``format`` first, then only the fields
    that were set, amounts as strings."""
    data = portfolio.model_dump(mode="json", exclude_unset=True)
    data = {"$schema": PORTFOLIO_SCHEMA, "format": portfolio.format, **data}
    return json.dumps(data, indent=indent, ensure_ascii=False) + ("\n" if indent else "")


def portfolio_schema() -> dict[str, Any]:
    """The JSON Schema of the portfolio document (for procurement software): the reader's own
    model with the reader's limits, as published in ``docs/schemas/portfolio.schema.json``."""
    return published_schema(
        Portfolio, "portfolio.schema.json", "bouwblokken.portfolio/1", schema_key=True
    )
