"""Reading the award stage's data documents (formulas, assumptions) exactly: TOML or JSON.

Numbers stay exact (``parse_float=Decimal``), a duplicate JSON key is refused rather than the
last one silently kept, and every problem becomes an :class:`AwardError` naming the file,
record and field.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from bouwblokken.award.errors import AwardError
from bouwblokken.errors import DocumentError
from bouwblokken.jsontext import read_json

MAX_BYTES = 2_000_000
_M = TypeVar("_M", bound=BaseModel)


def read_data(source: str | Path, *, text: str | None = None) -> dict[str, Any]:
    """The document at ``source`` (``.toml`` or ``.json``) as plain data with Decimal numbers.

    ``text`` gives the content directly (``source`` then only names it and picks the syntax).
    """
    name = str(source)
    if text is None:
        try:
            raw = Path(source).read_bytes()
        except OSError as exc:
            raise AwardError(f"cannot read the file ({exc.strerror})", source=name) from None
        if len(raw) > MAX_BYTES:
            raise AwardError(f"file larger than {MAX_BYTES} bytes", source=name)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise AwardError("the file is not UTF-8 text", source=name) from None
    if name.endswith(".json"):
        try:  # the library's one JSON reader: exact numbers, limits, duplicate keys refused
            data = read_json(text.encode("utf-8"), name=name)
        except DocumentError as exc:
            err = AwardError(exc.message_en, source=name, field=exc.location or None)
            raise err.locate(code=exc.code, pointer=exc.pointer, nl=exc.message_nl) from None
    try:
        if not name.endswith(".json"):
            data = tomllib.loads(text, parse_float=Decimal)
    except (ValueError, RecursionError) as exc:
        raise AwardError(
            f"not valid {'JSON' if name.endswith('.json') else 'TOML'}: {exc}", source=name
        ) from None
    if not isinstance(data, dict):
        raise AwardError("expected an object at the top level", source=name)
    return data


def validate(model: type[_M], data: object, *, source: str, record: str = "") -> _M:
    """``model`` from ``data``, or an :class:`AwardError` naming the first bad field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        from bouwblokken.locate import first_problem

        p = first_problem(exc, data)
        err = AwardError(p.reason, source=source, record=record or None, field=p.path or None)
        raise err.locate(code=p.code, pointer=p.pointer, nl=p.reason_nl) from None
