"""JSON Schemas from the reader's own models, with the reader's own limits.

pydantic generates each schema from the model the reader validates with; :class:`ReaderLimits`
adds what the reader enforces before pydantic sees a value (:mod:`bouwblokken.guard`): whole
numbers below 10^15, dates from 1900 to 2199, texts stripped of surrounding white space. The
exact-number fields state their own grammar (:class:`bouwblokken.money.ExactSchema`). Used by
``scripts/export_schemas.py`` (``docs/schemas/``) and by the HTTP service's OpenAPI document,
so neither can disagree with the reader (issue 11).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from bouwblokken.guard import MAX_DATE, MAX_INT, MIN_DATE

__all__ = ["SCHEMA_BASE", "ReaderLimits", "model_schema", "published_schema"]

SCHEMA_BASE = "https://bouwblokken.github.io/bouwblokken/schemas/"
"""Where the schemas are published (the docs site); ``$id`` = base + file name."""

_SPACE = (
    "\\t\\n\\u000b\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000"
)
"""The white space the reader strips (Unicode White_Space, as pydantic-core's ``trim``), as a
regex character class body that means the same in ECMA-262 and Python."""
_DATE_PATTERN = "^(19[0-9]{2}|2[01][0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
assert (MIN_DATE.year, MAX_DATE.year) == (1900, 2199), "update _DATE_PATTERN"


class ReaderLimits(GenerateJsonSchema):
    """pydantic's schema plus the limits the reader enforces before pydantic sees a value."""

    def int_schema(self, schema: core_schema.IntSchema) -> JsonSchemaValue:
        out = super().int_schema(schema)
        if "maximum" not in out and "exclusiveMaximum" not in out:
            out["exclusiveMaximum"] = MAX_INT
        if "minimum" not in out and "exclusiveMinimum" not in out:
            out["exclusiveMinimum"] = -MAX_INT
        return out

    def date_schema(self, schema: core_schema.DateSchema) -> JsonSchemaValue:
        out = super().date_schema(schema)
        out["pattern"] = _DATE_PATTERN
        return out

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        # The reader strips surrounding white space before it checks a text: the schema
        # allows it around a pattern, and a required text must hold a non-space.
        out = super().str_schema(schema)
        pattern = out.get("pattern")
        if isinstance(pattern, str) and pattern.startswith("^") and pattern.endswith("$"):
            out["pattern"] = f"^[{_SPACE}]*(?:{pattern[1:-1]})[{_SPACE}]*$"
        elif out.get("minLength") and pattern is None:
            out["pattern"] = f"[^{_SPACE}]"
        return out


def model_schema(model: type[BaseModel], *, ref_template: str | None = None) -> dict[str, Any]:
    """The validation-mode JSON Schema of ``model`` with the reader's limits."""
    if ref_template is None:
        return model.model_json_schema(schema_generator=ReaderLimits)
    return model.model_json_schema(schema_generator=ReaderLimits, ref_template=ref_template)


def published_schema(
    model: type[BaseModel], file_name: str, version: str, *, schema_key: bool = False
) -> dict[str, Any]:
    """The schema as published in ``docs/schemas/``: draft 2020-12, ``$id`` = :data:`SCHEMA_BASE`
    + ``file_name``, the document version (its ``format``) in ``version``. ``schema_key``: the
    reader accepts and ignores a top-level ``$schema`` that the model does not declare
    (:func:`bouwblokken.documents.without_schema_key`); the schema then names it."""
    schema = model_schema(model)
    if schema_key:
        schema["properties"] = {"$schema": _SCHEMA_KEY, **schema["properties"]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_BASE + file_name,
        "version": version,
        **schema,
    }


_SCHEMA_KEY = {"type": "string", "description": "The JSON Schema this document follows."}
