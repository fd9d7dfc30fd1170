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

from bouwblokken.award.bids import BidsDocument
from bouwblokken.award.document import AwardDocument, DesignDocument
from bouwblokken.award.scoring import FormulaSet
from bouwblokken.catalog.model import Catalog
from bouwblokken.documents import LedgerResultDocument, PlansDocument
from bouwblokken.ledger import Ledger
from bouwblokken.optimize.plan import PlanRequest
from bouwblokken.portfolio.model import Portfolio
from bouwblokken.schemas import published_schema

DOCS = Path(__file__).resolve().parents[1] / "docs"

SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "catalog-format": (Catalog, "bouwblokken.catalog/1"),
    "schemas/ledger": (Ledger, "bouwblokken.ledger/1"),
    "schemas/ledger-result": (LedgerResultDocument, "bouwblokken.ledger-result/1"),
    "schemas/options": (PlanRequest, "bouwblokken.options/1"),
    "schemas/plans": (PlansDocument, "bouwblokken.plans/1"),
    "schemas/bids": (BidsDocument, "bouwblokken.bids/1"),
    "schemas/award-formulas": (FormulaSet, "bouwblokken.award-formulas/1"),
    "schemas/award": (AwardDocument, "bouwblokken.award/1"),
    "schemas/obligation-design": (DesignDocument, "bouwblokken.obligation-design/1"),
    "schemas/portfolio": (Portfolio, "bouwblokken.portfolio/1"),
}
"""name -> (model, document version); each becomes ``docs/<name>.schema.json``."""

SCHEMA_KEY_IGNORED = {"schemas/ledger", "schemas/portfolio"}
"""Documents whose reader accepts and ignores a top-level ``$schema`` key that its model does not
declare (``read_ledger``, ``read_portfolio``); the bids, ledger-result, plans and award models
declare it themselves."""


def schema_of(name: str) -> dict[str, Any]:
    """The validation-mode JSON Schema (what a file or document must look like)."""
    model, version = SCHEMAS[name]
    return published_schema(
        model, Path(name).name + ".schema.json", version, schema_key=name in SCHEMA_KEY_IGNORED
    )


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
