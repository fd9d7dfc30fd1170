"""Where in a data file or document a validation error is, in words a person can follow.

One mechanism for catalogs (TOML), ledgers and options (JSON): a pydantic error location
becomes a field path that names list items by their id (``blocks[3] (wsw).rule.amount``), and
the first error becomes one reason (a misspelt key is named, with the key it probably meant).
"""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import ValidationError

__all__ = ["describe", "field_path"]


def field_path(loc: tuple[int | str, ...], data: Any) -> str:
    """A readable field path for a pydantic error location over the raw ``data``.

    Location parts that are not keys of the data (pydantic's names for a union branch, such as
    ``per_year`` or ``function-after[...]``) are left out, except the last one (a missing key).
    """
    out = ""
    node = data
    for n, part in enumerate(loc):
        if isinstance(part, int):
            out += f"[{part}]"
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                out += f" ({node['id']})"
            continue
        last = n == len(loc) - 1
        if isinstance(node, dict) and part not in node and not last:
            continue  # a union branch: the message names what was expected
        out += ("." if out else "") + str(part)
        node = node.get(part) if isinstance(node, dict) else None
    return out


def describe(exc: ValidationError, data: Any) -> tuple[str, str]:
    """The first error as (field path, reason); a misspelt key is named with a suggestion."""
    errors = exc.errors(include_url=False)
    # An unknown key explains a 'missing' error beside it (``amout`` for ``amount``): say so.
    first = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    loc = field_path(tuple(first["loc"]), data)
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
        located = getattr(cause, "location", None)
        if isinstance(cause, Exception) and isinstance(located, str):
            loc, reason = located, str(cause)  # a rule between fields names its own path
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
