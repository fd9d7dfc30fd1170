"""Loading a catalog file in stages: bytes -> TOML (exact decimals) -> validated :class:`Catalog`.

Each stage fails with :class:`~bouwblokken.errors.CatalogFileError` naming the file, the field
path (``blocks[3] (wsw).rule.amount``) and what was expected; nothing passes through float:
``tomllib.loads(..., parse_float=Decimal)`` keeps every amount exact.
"""

from __future__ import annotations

import hashlib
import tomllib
from decimal import Decimal
from pathlib import Path

from pydantic import ValidationError

from bouwblokken.catalog.model import Catalog
from bouwblokken.errors import CatalogFileError
from bouwblokken.locate import describe

__all__ = ["load_catalog_file", "parse_catalog"]


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
        loc, reason = describe(exc, data)
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
