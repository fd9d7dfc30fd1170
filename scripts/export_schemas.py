"""Write the JSON Schemas of the library's data formats to ``docs/<name>.schema.json``.

Run from the repository root after changing a model::

    python scripts/export_schemas.py          # write the files
    python scripts/export_schemas.py --check  # exit 1 if a committed file is out of date

To publish another schema, add one entry to :data:`SCHEMAS`: a file name (without
``.schema.json``) mapped to a pydantic model class or a :class:`pydantic.TypeAdapter`.
``tests/test_schemas.py`` fails when a committed file differs from what this script writes.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter

from bouwblokken.catalog.model import Catalog
from bouwblokken.documents import LedgerResultDocument
from bouwblokken.ledger import Ledger
from bouwblokken.optimize.plan import PlanRequest

DOCS = Path(__file__).resolve().parents[1] / "docs"

SCHEMAS: dict[str, type[BaseModel] | TypeAdapter[Any]] = {
    "catalog-format": Catalog,
    "schemas/ledger": Ledger,
    "schemas/ledger-result": LedgerResultDocument,
    "schemas/options": PlanRequest,
}
"""name -> model or TypeAdapter; each becomes ``docs/<name>.schema.json``."""


def schema_of(target: type[BaseModel] | TypeAdapter[Any]) -> dict[str, Any]:
    """The validation-mode JSON Schema (what a file or document must look like)."""
    make: Callable[[], dict[str, Any]] = (
        target.json_schema if isinstance(target, TypeAdapter) else target.model_json_schema
    )
    schema = make()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def render(name: str) -> str:
    """The exact text of ``docs/<name>.schema.json``."""
    return json.dumps(schema_of(SCHEMAS[name]), indent=2, ensure_ascii=False) + "\n"


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
