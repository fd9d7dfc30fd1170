"""Where in a data file or document a validation error is, in words and as a JSON Pointer.

One mechanism for catalogs (TOML), ledgers, options and constructor input: a pydantic error
location becomes a field path that names list items by their id (``blocks[3] (wsw).rule.amount``)
and a JSON Pointer (``/blocks/3/rule/amount``); the first error becomes one reason (a misspelt
key is named, with the key it probably meant), in English and in Dutch, with a machine code.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from bouwblokken.errors import DocumentError, dutch_for, pointer_of, shown
from bouwblokken.errors_nl import to_dutch

__all__ = ["Problem", "describe", "field_path", "first_problem", "located", "path_to_pointer"]


@dataclass(frozen=True, slots=True)
class Problem:
    """The first validation problem: readable path, JSON Pointer, reasons, code."""

    path: str
    pointer: str
    reason: str
    reason_nl: str
    code: str


def _data_parts(loc: tuple[int | str, ...], data: Any) -> list[int | str]:
    """The location parts that are keys or indexes of the data (union branch names dropped)."""
    out: list[int | str] = []
    node = data
    for n, part in enumerate(loc):
        if isinstance(part, int):
            out.append(part)
            node = node[part] if isinstance(node, list | tuple) and 0 <= part < len(node) else None
            continue
        last = n == len(loc) - 1
        if isinstance(node, dict) and not last and (part not in node or node.get("kind") == part):
            continue  # a union branch (or the tag of a tagged union, ``kind = "months"``)
        out.append(part)
        node = node.get(part) if isinstance(node, dict) else None
    return out


def _is_key(loc: tuple[int | str, ...], data: Any) -> bool:
    """Whether the last part of ``loc`` names a key or index of the data it follows."""
    parts = _data_parts(loc[:-1], data)
    node = data
    for part in parts:
        if isinstance(part, int):
            node = node[part] if isinstance(node, list | tuple) and 0 <= part < len(node) else None
        else:
            node = node.get(part) if isinstance(node, dict) else None
    last = loc[-1]
    if isinstance(last, int):
        return isinstance(node, list | tuple)
    return not isinstance(node, dict) or last in node


def field_path(loc: tuple[int | str, ...], data: Any) -> str:
    """A readable field path for a pydantic error location over the raw ``data``.

    Location parts that are not keys of the data (pydantic's names for a union branch, such as
    ``per_year`` or ``function-after[...]``) are left out, except the last one (a missing key).
    """
    out = ""
    node = data
    for part in _data_parts(loc, data):
        if isinstance(part, int):
            out += f"[{part}]"
            node = node[part] if isinstance(node, list | tuple) and 0 <= part < len(node) else None
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                out += f" ({node['id'][:64]})"
            continue
        out += ("." if out else "") + str(part)
        node = node.get(part) if isinstance(node, dict) else None
    return out


_PATH_TOKEN = re.compile(r"\[(\d+)\](?: \([^)]*\))?|\.?([^.\[]+)")


def path_to_pointer(path: str) -> str:
    """``bonuses[0] (x).blocks`` → ``/bonuses/0/blocks``."""
    parts: list[object] = []
    for m in _PATH_TOKEN.finditer(path):
        parts.append(int(m.group(1)) if m.group(1) is not None else m.group(2))
    return pointer_of(parts)


def first_problem(exc: ValidationError, data: Any) -> Problem:
    """The first error of ``exc`` over ``data``; a misspelt key is named with a suggestion."""
    errors = exc.errors(include_url=False)

    # Of a union's branches, the one that went deepest into the data is the one the data
    # meant (an inline rules table, not the rule's name); there, an unknown key explains a
    # 'missing' error beside it (``amout`` for ``amount``): say so.
    def wrong_branch(e: Any) -> bool:
        # "should be a string" for an object: the branch the data did not mean
        return str(e["type"]).endswith("_type") and isinstance(e.get("input"), dict | list)

    ranked = sorted(
        range(len(errors)),
        key=lambda n: (
            wrong_branch(errors[n]),
            -len(_data_parts(tuple(errors[n]["loc"]), data)),
            errors[n]["type"] != "extra_forbidden",
            n,
        ),
    )
    first = errors[ranked[0]]
    raw_loc = tuple(first["loc"])
    if first["type"] != "missing" and raw_loc and not _is_key(raw_loc, data):
        raw_loc = raw_loc[:-1]  # a validator's or branch's name, not a place in the data
    cause = (first.get("ctx") or {}).get("error")
    field = getattr(cause, "field_name", None)
    if isinstance(field, str):
        raw_loc = (*raw_loc, field)
    loc = field_path(raw_loc, data)
    pointer = pointer_of(_data_parts(raw_loc, data))
    kind = str(first["type"])
    code = f"input.{kind}"
    reason = first["msg"]
    reason_nl = dutch_for(code)
    if kind == "extra_forbidden":
        key = str(first["loc"][-1])[:64]
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
        reason_nl = f"onbekende sleutel {key!r}" + (
            f" (bedoelt u {guess[0]!r}?)" if guess else " (verschreven?); het formaat kent die niet"
        )
    elif kind == "missing":
        reason = "required field is missing"
    else:
        located = getattr(cause, "location", None)
        if isinstance(cause, Exception):
            own = getattr(cause, "code", None)
            if isinstance(own, str):
                code = own
            if isinstance(located, str):
                loc = located  # a rule between fields names its own path
                pointer = path_to_pointer(located)
            reason = str(cause) if not hasattr(cause, "message_en") else cause.message_en
            nl = getattr(cause, "message_nl", None)
            reason_nl = (
                nl if isinstance(nl, str) else to_dutch(reason) or f"{dutch_for(code)} ({reason})"
            )
        else:
            shown = _shown(first.get("input"))
            if shown:
                reason += f" (got {shown})"
            dutch = _dutch(kind, first.get("ctx") or {})
            shown_nl = _shown(first.get("input"), lang="nl")
            reason_nl = (
                f"{dutch}{f' (kreeg {shown_nl})' if shown_nl else ''}"
                if dutch
                else f"{reason_nl} ({reason})"
            )
    more = len(errors) - 1
    if more:
        reason += f" [and {more} more error{'s' if more > 1 else ''}]"
        reason_nl += f" [en nog {more} fout{'en' if more > 1 else ''}]"
    return Problem(loc, pointer, reason, reason_nl, code)


def _dutch(kind: str, ctx: dict[str, Any]) -> str | None:
    """The Dutch reason for pydantic's common error types, from their context."""
    texts = {
        "greater_than_equal": "moet minstens {ge} zijn",
        "greater_than": "moet groter dan {gt} zijn",
        "less_than_equal": "mag hoogstens {le} zijn",
        "less_than": "moet kleiner dan {lt} zijn",
        "string_too_short": "tekst moet minstens {min_length} teken(s) lang zijn",
        "string_too_long": "tekst mag hoogstens {max_length} tekens lang zijn",
        "too_short": "moet minstens {min_length} element(en) hebben",
        "too_long": "mag hoogstens {max_length} elementen hebben",
        "literal_error": "verwacht een van: {expected}",
        "string_pattern_mismatch": "tekst heeft niet de vorm {pattern}",
        "union_tag_invalid": "onbekende soort {tag}; bekend: {expected_tags}",
        "union_tag_not_found": "de soort ({discriminator}) ontbreekt",
        "string_type": "verwacht tekst",
        "int_type": "verwacht een geheel getal",
        "int_parsing": "verwacht een geheel getal",
        "bool_type": "verwacht true of false",
        "bool_parsing": "verwacht true of false",
        "dict_type": "verwacht een object",
        "model_type": "verwacht een object",
        "list_type": "verwacht een lijst",
        "tuple_type": "verwacht een lijst",
        "date_type": "verwacht een datum 'JJJJ-MM-DD'",
        "date_parsing": "verwacht een datum 'JJJJ-MM-DD'",
        "date_from_datetime_parsing": "verwacht een datum 'JJJJ-MM-DD'",
        "enum": "verwacht een van: {expected}",
    }
    template = texts.get(kind)
    if template is None:
        return None
    try:
        return template.format(**{k: str(v).replace(" or ", " of ") for k, v in ctx.items()})
    except (KeyError, IndexError, ValueError):
        return None


def _shown(value: Any, *, lang: str = "en") -> str:
    """A short, safe rendering of an offending scalar (no containers, no long texts)."""
    if isinstance(value, bool | int | float | str) or value is None:
        return shown(value, lang=lang)
    return ""


def located(exc: ValidationError, data: Any, label: str) -> DocumentError:
    """A validation error over a document's ``data`` (named ``label``) as a
    :class:`~bouwblokken.errors.DocumentError` with its code, pointer and both messages."""
    p = first_problem(exc, data)
    return DocumentError(label, p.path, p.reason, code=p.code, pointer=p.pointer, nl=p.reason_nl)


def describe(exc: ValidationError, data: Any) -> tuple[str, str]:
    """The first error as (field path, reason); a misspelt key is named with a suggestion."""
    p = first_problem(exc, data)
    return p.path, p.reason
