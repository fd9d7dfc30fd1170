"""The plans document says how sure the optimizer is: optimal, feasible (time limit, proven
gap), infeasible (proven) or unknown — never "optimal" for a plan that is not proven."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from bouwblokken.display.plans import plan_result_dict
from bouwblokken.optimize.plan import optimise, read_plan_request

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "options.json"


def test_statuses_reach_the_document() -> None:
    result = optimise(read_plan_request(EXAMPLE))
    assert result.best is not None
    assert result.status == "optimal" == plan_result_dict(result)["status"]

    best = result.best
    feasible = dataclasses.replace(
        result,
        best=dataclasses.replace(
            best, solution=dataclasses.replace(best.solution, status="feasible")
        ),
    )
    assert plan_result_dict(feasible)["status"] == "feasible"

    nothing = dataclasses.replace(result, best=None, best_effort=None, alternatives=(), pareto=())
    assert plan_result_dict(nothing)["status"] == "unknown"
    proven = dataclasses.replace(nothing, best_effort=best)
    assert plan_result_dict(proven)["status"] == "infeasible"


def test_the_plans_document_names_its_schema_and_follows_it() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    doc = plan_result_dict(optimise(read_plan_request(EXAMPLE)))
    schema_path = EXAMPLE.parents[1] / "docs" / "schemas" / "plans.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    assert doc["$schema"] == schema["$id"]
    jsonschema.validate(doc, schema)
