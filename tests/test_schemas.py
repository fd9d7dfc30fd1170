"""The committed JSON Schemas in ``docs/`` are exactly what the models generate.

A model change without re-exporting would leave clients validating against a stale schema.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import jsonschema
import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "export_schemas.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("export_schemas", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


EXPORT = _script()


def test_the_catalog_format_schema_is_exported() -> None:
    assert "catalog-format" in EXPORT.SCHEMAS
    assert EXPORT.path_of("catalog-format").name == "catalog-format.schema.json"


@pytest.mark.parametrize("name", sorted(EXPORT.SCHEMAS))
def test_committed_schema_is_up_to_date(name: str) -> None:
    path = EXPORT.path_of(name)
    assert path.exists(), f"{path} is missing: run `python scripts/export_schemas.py`"
    committed = path.read_text(encoding="utf-8")
    assert committed == EXPORT.render(name), (
        f"{path.name} differs from the model's schema: run `python scripts/export_schemas.py` "
        "and commit the result"
    )


@pytest.mark.parametrize("name", sorted(EXPORT.SCHEMAS))
def test_committed_schema_is_a_valid_json_schema(name: str) -> None:
    schema = json.loads(EXPORT.path_of(name).read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
