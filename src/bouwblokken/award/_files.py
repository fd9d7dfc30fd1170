"""Reading the award stage's data documents (formulas, assumptions) exactly: TOML or JSON.

Numbers stay exact (``parse_float=Decimal``), a duplicate JSON key is refused rather than the
last one silently kept, and every problem becomes an :class:`AwardError` naming the file,
record and field.
"""

from __future__ import annotations

import json
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from bouwblokken.award.errors import AwardError

MAX_BYTES = 2_000_000
_M = TypeVar("_M", bound=BaseModel)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key {key!r}")
        out[key] = value
    return out


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
    try:
        if name.endswith(".json"):
            data = json.loads(text, parse_float=Decimal, object_pairs_hook=_no_duplicates)
        else:
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
        err = exc.errors(include_url=False)[0]
        loc = ".".join(str(p) for p in err["loc"])
        raise AwardError(err["msg"], source=source, record=record or None, field=loc) from None
