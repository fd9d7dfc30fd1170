"""Loading a catalog file in stages: bytes -> TOML (exact decimals) -> validated :class:`Catalog`.

Each stage fails with :class:`~bouwblokken.errors.CatalogFileError` naming the file, the field
path (``blocks[3] (wsw).rule.amount``), a JSON Pointer and what was expected; nothing passes
through float: ``tomllib.loads(..., parse_float=Decimal)`` keeps every amount exact.

A catalog file is input: it is read only if it is a regular file, up to
:data:`MAX_CATALOG_BYTES`; nesting and number sizes are limited; error messages never quote
the file's text (only the line and column).
"""

from __future__ import annotations

import hashlib
import os
import stat
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bouwblokken.catalog.model import Catalog
from bouwblokken.errors import CatalogFileError
from bouwblokken.locate import first_problem
from bouwblokken.money import DOCUMENT

__all__ = ["MAX_CATALOG_BYTES", "MAX_CATALOG_DEPTH", "load_catalog_file", "parse_catalog"]

MAX_CATALOG_BYTES = 4 * 1024 * 1024
"""A catalog file is at most 4 MiB (the largest shipped one is far below 100 KiB)."""
MAX_CATALOG_DEPTH = 16
"""Tables and arrays nest at most 16 deep."""
_MAX_NUMBER_CHARS = 40


class _RefusedError(ValueError):
    pass


def _parse_float(text: str) -> Decimal:
    if len(text) > _MAX_NUMBER_CHARS:
        raise _RefusedError(f"a number of {len(text)} characters (at most {_MAX_NUMBER_CHARS})")
    d = Decimal(text)
    if d.is_finite() and d and not -30 <= d.adjusted() <= 30:
        raise _RefusedError(f"a number outside 10^-30 .. 10^30 ({len(text)} characters)")
    return d


def _depth_ok(data: Any) -> bool:
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_CATALOG_DEPTH:
            return False
        children = node.values() if isinstance(node, dict) else node
        stack.extend((c, depth + 1) for c in children if isinstance(c, dict | list))
    return True


def parse_catalog(text: str | bytes, *, source: str = "<string>") -> Catalog:
    """Parse and validate catalog TOML text; ``source`` names it in errors."""
    raw = text if isinstance(text, bytes) else text.encode("utf-8")
    if len(raw) > MAX_CATALOG_BYTES:
        raise CatalogFileError(
            source,
            "",
            f"larger than {MAX_CATALOG_BYTES:,} bytes",
            code="catalog.file.too_large",
        )
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CatalogFileError(
            source, "", f"not UTF-8 text ({exc.reason})", code="catalog.file.not_utf8"
        ) from None
    try:
        data = tomllib.loads(decoded, parse_float=_parse_float)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogFileError(
            source, "", f"not valid TOML: {exc}", code="catalog.file.toml"
        ) from None
    except RecursionError:
        data = None
    except ValueError as exc:  # _RefusedError, or an integer beyond Python's digit limit
        reason = str(exc) if isinstance(exc, _RefusedError) else "an integer with too many digits"
        raise CatalogFileError(source, "", reason, code="catalog.file.number") from None
    if data is None or not _depth_ok(data):
        raise CatalogFileError(
            source,
            "",
            f"nested more than {MAX_CATALOG_DEPTH} deep",
            code="catalog.file.too_deep",
        )
    try:
        catalog = Catalog.model_validate(data, context={DOCUMENT: True})
    except ValidationError as exc:
        p = first_problem(exc, data)
        raise CatalogFileError(
            source, p.path, p.reason, code=p.code, pointer=p.pointer, nl=p.reason_nl
        ) from None
    catalog._fingerprint = hashlib.sha256(raw).hexdigest()
    catalog._path = source
    return catalog


def read_regular_file(path: Path, limit: int = MAX_CATALOG_BYTES) -> bytes:
    """The bytes of ``path`` if it is a regular file (FIFOs and devices refused, never opened
    for reading: a FIFO would block), at most ``limit`` bytes."""
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            raise CatalogFileError(
                path,
                "",
                "not a regular file (a FIFO, a device or a folder); refused",
                code="catalog.file.not_regular",
            )
        with path.open("rb") as f:
            raw = f.read(limit + 1)
    except OSError as exc:
        raise CatalogFileError(
            path, "", f"cannot read the file ({exc.strerror})", code="catalog.file.unreadable"
        ) from None
    if len(raw) > limit:
        raise CatalogFileError(
            path, "", f"larger than {limit:,} bytes", code="catalog.file.too_large"
        )
    return raw


def load_catalog_file(path: str | Path) -> Catalog:
    """Read and validate one catalog file."""
    p = Path(path)
    return parse_catalog(read_regular_file(p), source=str(p))
