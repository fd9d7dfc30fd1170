"""JSON text read exactly and safely: the one parser for documents, HTTP bodies and
``model_validate_json``.

Amounts never pass through float (``parse_float=Decimal``, style.md trap); duplicate keys,
``NaN`` and ``Infinity`` are refused; size, nesting depth, number of list items and the digits
and exponent of every number are limited before any conversion, so no input can make the
reader hang or recurse without end (``docs/errors.md``). Every refusal is a
:class:`~bouwblokken.errors.DocumentError` with a ``code``.
"""

from __future__ import annotations

import json
import stat
from decimal import Decimal
from pathlib import Path
from typing import Any

from bouwblokken.errors import DocumentError
from bouwblokken.errors_nl import to_dutch

__all__ = [
    "MAX_DEPTH",
    "MAX_DOCUMENT_BYTES",
    "MAX_EXPONENT",
    "MAX_NUMBER_CHARS",
    "MAX_RECORDS",
    "parse_json",
    "read_json",
    "read_source",
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
                nl=to_dutch(f"cannot read the file ({exc.strerror})"),
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


class _Marker:
    """Stands for a refused number while :func:`_where_refused` looks for its place."""


def _where_refused(text: str) -> tuple[str, str]:
    """The field path and JSON Pointer of the first refused number or constant in ``text``
    (parsed a second time, without converting the refused literal; only on the error path)."""
    from bouwblokken.errors import pointer_of
    from bouwblokken.locate import field_path

    marker = _Marker()

    def keep(text: str) -> Any:
        try:
            _number_text(text)
        except _RefusedError:
            return marker
        return 0

    def floats(text: str) -> Any:
        try:
            _parse_float(text)
        except _RefusedError:
            return marker
        return 0

    try:
        data = json.loads(text, parse_float=floats, parse_int=keep, parse_constant=lambda _: marker)
    except (ValueError, RecursionError):
        return "", ""
    stack: list[tuple[Any, tuple[int | str, ...]]] = [(data, ())]
    while stack:
        node, path = stack.pop()
        if node is marker:
            return field_path(path, data), pointer_of(path)
        if isinstance(node, dict):
            stack.extend((v, (*path, k)) for k, v in reversed(list(node.items())))
        elif isinstance(node, list):
            stack.extend((v, (*path, i)) for i, v in reversed(list(enumerate(node))))
    return "", ""


class _Pairs(list[tuple[str, Any]]):
    """An object's key-value pairs as the parser met them (duplicates kept)."""


def _where_duplicate(text: str) -> tuple[str, str]:
    """The field path and JSON Pointer of the first repeated key (the one the parser refused:
    objects close inner first), parsed a second time keeping every pair; error path only."""
    from bouwblokken.errors import pointer_of
    from bouwblokken.locate import field_path

    def keep(text: str) -> Any:
        return 0

    try:
        tree = json.loads(
            text, parse_float=keep, parse_int=keep, parse_constant=keep, object_pairs_hook=_Pairs
        )
        plain = json.loads(text, parse_float=keep, parse_int=keep, parse_constant=keep)
    except (ValueError, RecursionError):
        return "", ""
    # post-order without recursion: an object is checked after everything inside it
    stack: list[tuple[Any, tuple[int | str, ...], bool]] = [(tree, (), False)]
    while stack:
        node, path, done = stack.pop()
        if isinstance(node, _Pairs):
            if done:
                seen: set[str] = set()
                for key, _ in node:
                    if key in seen:
                        where = (*path, key)
                        return field_path(where, plain), pointer_of(where)
                    seen.add(key)
                continue
            stack.append((node, path, True))
            stack.extend((v, (*path, k), False) for k, v in reversed(node))
        elif isinstance(node, list):
            stack.extend((v, (*path, i), False) for i, v in reversed(list(enumerate(node))))
    return "", ""


def parse_json(raw: str | bytes, label: str = "<json>") -> Any:
    """Parse JSON text or bytes exactly, within the limits (see the module)."""
    return read_json(raw, name=label)


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
        where = _where_duplicate if exc.code == "document.duplicate_key" else _where_refused
        path, pointer = where(text)
        raise DocumentError(
            label, path, exc.en, code=exc.code, nl=exc.nl, pointer=pointer
        ) from None
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
