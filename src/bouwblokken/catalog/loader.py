"""Loading a catalog file in stages: bytes -> TOML (exact decimals) -> validated :class:`Catalog`.

Each stage fails with :class:`~bouwblokken.errors.CatalogFileError` naming the file, the field
path (``blocks[3] (wsw).rule.amount``) and what was expected; nothing passes through float:
``tomllib.loads(..., parse_float=Decimal)`` keeps every amount exact.
"""

from __future__ import annotations

import difflib
import hashlib
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bouwblokken.catalog.model import Catalog, LocatedError
from bouwblokken.errors import CatalogFileError

__all__ = ["load_catalog_file", "parse_catalog"]


def _location(loc: tuple[int | str, ...], data: Any) -> str:
    """Turn a pydantic error location into a readable field path, naming list items by id."""
    parts: list[str] = []
    node = data
    for item in loc:
        if isinstance(item, int):
            label = f"[{item}]"
            if isinstance(node, list) and 0 <= item < len(node):
                node = node[item]
                if isinstance(node, dict) and isinstance(node.get("id"), str):
                    label += f" ({node['id']})"
            else:
                node = None
            parts.append(label)
        else:
            if isinstance(node, dict) and item in node:
                node = node[item]
                parts.append(("." if parts else "") + item)
            elif item in {
                "per_year",
                "per_month",
                "per_period",
                "one_off",
                "per_hour",
                "per_activity",
                "invoice",
                "actual_costs",
                "agreed",
                "months",
                "always",
                "while_subsidy",
                "not_stated",
                "min_age",
                "flag",
                "after_internship",
            }:
                continue  # the discriminated-union branch: the message names it
            else:
                node = None
                parts.append(("." if parts else "") + str(item))
    return "".join(parts)


def _describe(exc: ValidationError, data: Any) -> tuple[str, str]:
    """The first error as (field path, reason); a misspelt key is named with a suggestion."""
    errors = exc.errors(include_url=False)
    # An unknown key explains a 'missing' error beside it (``amout`` for ``amount``): say so.
    first = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    loc = _location(tuple(first["loc"]), data)
    reason = first["msg"]
    if first["type"] == "extra_forbidden":
        key = str(first["loc"][-1])
        siblings = [
            str(e["loc"][-1])
            for e in errors
            if e["type"] == "missing" and tuple(e["loc"][:-1]) == tuple(first["loc"][:-1])
        ]
        guess = difflib.get_close_matches(key, siblings, n=1) if siblings else []
        reason = f"unknown key {key!r}" + (
            f" (did you mean {guess[0]!r}?)"
            if guess
            else " (misspelt?); the format does not have it"
        )
    elif first["type"] == "missing":
        reason = "required field is missing"
    else:
        cause = (first.get("ctx") or {}).get("error")
        if isinstance(cause, LocatedError):
            loc, reason = cause.location, str(cause)
        elif isinstance(cause, Exception):
            reason = str(cause)  # our own message already shows the input
        elif "input" in first and not isinstance(first["input"], dict | list):
            shown = repr(first["input"])
            if len(shown) <= 60:
                reason += f" (got {shown})"
    more = len(errors) - 1
    if more:
        reason += f" [and {more} more error{'s' if more > 1 else ''}]"
    return loc, reason


def parse_catalog(text: str | bytes, *, source: str = "<string>") -> Catalog:
    """Parse and validate catalog TOML text; ``source`` names it in errors."""
    raw = text if isinstance(text, bytes) else text.encode("utf-8")
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CatalogFileError(source, "", f"not UTF-8 text ({exc.reason})") from None
    try:
        data = tomllib.loads(decoded, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogFileError(source, "", f"not valid TOML: {exc}") from None
    try:
        catalog = Catalog.model_validate(data)
    except ValidationError as exc:
        loc, reason = _describe(exc, data)
        raise CatalogFileError(source, loc, reason) from None
    catalog._fingerprint = hashlib.sha256(raw).hexdigest()
    catalog._path = source
    return catalog


def load_catalog_file(path: str | Path) -> Catalog:
    """Read and validate one catalog file."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise CatalogFileError(p, "", f"cannot read the file ({exc.strerror})") from None
    return parse_catalog(raw, source=str(p))
