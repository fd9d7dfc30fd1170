"""Write the JSON Schemas of the library's data formats to ``docs/<name>.schema.json``.

Run from the repository root after changing a model::

    python scripts/export_schemas.py          # write the files
    python scripts/export_schemas.py --check  # exit 1 if a committed file is out of date

The schemas are generated from the same pydantic models the readers validate with (one
contract, issue 11), with the readers' own limits added where pydantic does not state them:
whole numbers below 10^15, dates from 1900 to 2199, required texts that are not blank. Every
schema has a ``$id`` (``SCHEMA_BASE`` + file name) and the document version in ``version``
(the ``format`` of the document, e.g. ``bouwblokken.ledger/1``).

To publish another schema, add one entry to :data:`SCHEMAS`.
``tests/test_schemas.py`` fails when a committed file differs from what this script writes.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from bouwblokken.catalog.model import Catalog
from bouwblokken.documents import LedgerResultDocument, PlansDocument
from bouwblokken.guard import MAX_DATE, MAX_INT, MIN_DATE
from bouwblokken.ledger import Ledger
from bouwblokken.optimize.plan import PlanRequest

DOCS = Path(__file__).resolve().parents[1] / "docs"
SCHEMA_BASE = "https://bouwblokken.github.io/bouwblokken/schemas/"
"""Where the schemas are published (the docs site); ``$id`` = base + file name."""

SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "catalog-format": (Catalog, "bouwblokken.catalog/1"),
    "schemas/ledger": (Ledger, "bouwblokken.ledger/1"),
    "schemas/ledger-result": (LedgerResultDocument, "bouwblokken.ledger-result/1"),
    "schemas/options": (PlanRequest, "bouwblokken.options/1"),
    "schemas/plans": (PlansDocument, "bouwblokken.plans/1"),
}
"""name -> (model, document version); each becomes ``docs/<name>.schema.json``."""

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


def schema_of(name: str) -> dict[str, Any]:
    """The validation-mode JSON Schema (what a file or document must look like)."""
    model, version = SCHEMAS[name]
    schema = model.model_json_schema(schema_generator=ReaderLimits)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_BASE + Path(name).name + ".schema.json",
        "version": version,
        **schema,
    }


def render(name: str) -> str:
    """The exact text of ``docs/<name>.schema.json``."""
    return json.dumps(schema_of(name), indent=2, ensure_ascii=False) + "\n"


def path_of(name: str) -> Path:
    return DOCS / f"{name}.schema.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="only compare; exit 1 if a file is out of date"
    )
    args = parser.parse_args(argv)
    stale = []
    for name in SCHEMAS:
        text, path = render(name), path_of(name)
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    if args.check and stale:
        for path in stale:
            print(f"out of date: {path}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
