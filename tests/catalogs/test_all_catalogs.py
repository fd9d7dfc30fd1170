"""Checks every shipped catalog edition must pass (python-holidays' shared test base).

Parametrised over :func:`bouwblokken.catalog.list_catalogs`, so a new file under
``catalogs/<id>/<edition>.toml`` is tested without touching this module. The per-region files
(``test_<id>.py``) hold the golden values from ``shared/domain/catalogs.md``.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

from bouwblokken.activity import Activity
from bouwblokken.catalog import Block, Catalog, list_catalogs, load_catalog, parse_catalog
from bouwblokken.catalog.model import (
    ActualCostsRule,
    AfterInternship,
    AgreedRule,
    BonusCondition,
    FlagCondition,
    InvoiceRule,
    LimitWhileSubsidy,
    MinAge,
    OneOffRule,
    PerActivityRule,
    PerHourRule,
    PerMonthRule,
    PerPeriodRule,
    PerYearRule,
    Rule,
)
from bouwblokken.money import round_cents
from bouwblokken.valuation import value_activity

DOCS = Path(__file__).resolve().parents[2] / "docs"
SCHEMA_FILE = DOCS / "catalog-format.schema.json"
MONEY_KEYS = {"amount", "max_per_day", "year_amount", "threshold", "maximum", "min_amount_per_item"}
EXPECTED_IDS = {"haaglanden", "hilversum", "leiden", "oost_nederland", "rijnvicus", "utrecht"}

INFOS = list_catalogs()
KEYS = [info.key for info in INFOS]


@pytest.fixture(params=KEYS)
def catalog(request: pytest.FixtureRequest) -> Catalog:
    return load_catalog(request.param)


def _walk(node: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every (path, value) in parsed TOML data, depth first."""
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, f"{path}[{i}]")


def _raw(catalog: Catalog) -> dict[str, Any]:
    with open(catalog.path, "rb") as f:
        return tomllib.load(f, parse_float=Decimal)


def _models(node: Any, path: str = "catalog") -> Iterator[tuple[str, BaseModel]]:
    """Every pydantic model inside a catalog, with a readable path."""
    if isinstance(node, BaseModel):
        yield path, node
        for name in type(node).model_fields:
            yield from _models(getattr(node, name), f"{path}.{name}")
    elif isinstance(node, tuple | list):
        for i, item in enumerate(node):
            label = getattr(item, "id", None) or getattr(item, "level", None) or i
            yield from _models(item, f"{path}[{label}]")
    elif isinstance(node, dict):
        for key, item in node.items():
            yield from _models(item, f"{path}.{key}")


# ---------------------------------------------------------------------------------------------
# Synthetic inputs per rule kind.

START, END = date(2025, 1, 1), date(2025, 12, 31)


def synthetic_activity(catalog: Catalog, block: Block) -> Activity:
    """A reasonable activity for ``block``, built from its rule kind alone: a full-time
    calendar year for dated rules, one unit for counted rules, round sums for invoices."""
    rule = block.rule
    fields: dict[str, Any] = {"block": block.id, "age": 30}
    if catalog.time.reference_hours_per_week is None:
        fields["fulltime_hours_per_week"] = 36
    if isinstance(rule, PerYearRule):
        if catalog.time.time_basis == "worked_hours":
            fields["hours"] = catalog.time.annual_hours
        fields |= {"hours_per_week": 36, "start": START, "end": END}
        if isinstance(block.counting_limit, LimitWhileSubsidy):
            fields["subsidy_end"] = date(2025, 6, 30)
    elif isinstance(rule, PerMonthRule):
        fields |= {"hours_per_week": 36, "start": START, "end": date(2025, 3, 31)}
    elif isinstance(rule, PerPeriodRule):
        if rule.prorate_duration:
            fields |= {"start": START, "end": END}
        else:
            fields["periods"] = 1
    elif isinstance(rule, PerHourRule):
        fields |= {"hours": 10, "start": START, "end": date(2025, 1, 31)}
    elif isinstance(rule, PerActivityRule):
        fields |= {"activities": 1, "days": 1}
    elif isinstance(rule, InvoiceRule):
        fields["invoice_amount"] = Decimal("1000.00")
    elif isinstance(rule, ActualCostsRule):
        fields["costs"] = Decimal("500.00")
    else:
        assert isinstance(rule, AgreedRule | OneOffRule)
        fields["agreed_amount"] = Decimal("750.00")
        if isinstance(rule, AgreedRule) and rule.max_per_day is not None:
            fields["days"] = 1
    return Activity(**fields)


# ---------------------------------------------------------------------------------------------
# The shared checks.


def test_the_shipped_catalogs_are_discovered() -> None:
    assert {info.id for info in INFOS} >= EXPECTED_IDS
    assert len(KEYS) == len(set(KEYS)), "two files claim the same id@edition"


def test_loads_with_identity(catalog: Catalog) -> None:
    assert catalog.format_version == 1
    assert catalog.title_nl and catalog.title_en and catalog.issuer
    assert catalog.fingerprint and len(catalog.fingerprint) == 64
    assert Path(catalog.path).name == f"{catalog.edition}.toml"
    assert catalog.blocks


def test_file_id_matches_folder(catalog: Catalog) -> None:
    assert Path(catalog.path).parent.name == catalog.id


def test_ids_unique(catalog: Catalog) -> None:
    block_ids = [b.id for b in catalog.blocks]
    bonus_ids = [b.id for b in catalog.bonuses]
    pso_levels = [p.level for p in catalog.obligation.pso]
    for ids in (block_ids, bonus_ids, pso_levels, [c.id for c in catalog.share_caps]):
        assert len(ids) == len(set(ids)), ids


def test_amounts_have_at_most_two_decimals(catalog: Catalog) -> None:
    found = 0
    for path, value in _walk(_raw(catalog)):
        key = path.rsplit(".", 1)[-1]
        if key in MONEY_KEYS or ".threshold_by_contract_type." in path:
            found += 1
            assert isinstance(value, int | Decimal), f"{path}: {value!r} is not a number"
            assert Decimal(value) == Decimal(value).quantize(Decimal("0.01")), (
                f"{path}: {value} has more than 2 decimals"
            )
    assert found, "a catalog without a single amount"


def test_sources_present_with_http_urls(catalog: Catalog) -> None:
    assert catalog.sources
    for source in catalog.sources:
        assert source.url.startswith(("https://", "http://")), source.url
        assert source.reliability in {"A", "B", "C", "D"}


def test_every_unverified_item_has_a_note(catalog: Catalog) -> None:
    if not catalog.verified:
        assert catalog.notes, "catalog is unverified: say why in notes"
    for path, model in _models(catalog):
        if getattr(model, "verified", True) is False and not isinstance(model, Catalog):
            note = getattr(model, "note", None)
            assert note and note.strip(), f"{path} is unverified without a note"


def test_undated_edition_is_unverified(catalog: Catalog) -> None:
    assert catalog.effective_from is not None or not catalog.verified


def test_labels_in_both_languages(catalog: Catalog) -> None:
    for item in (*catalog.blocks, *catalog.bonuses, *catalog.share_caps):
        assert item.label_nl.strip() and item.label_en.strip(), item.id


def test_every_block_can_be_valued(catalog: Catalog) -> None:
    for block in catalog.blocks:
        activity = synthetic_activity(catalog, block)
        valuation = value_activity(activity, catalog)
        assert valuation.catalog == catalog.key
        assert valuation.block == block.id
        assert valuation.amount > 0, f"{block.id}: {valuation.explain()}"
        assert valuation.amount == round_cents(valuation.exact)
        text = valuation.explain("nl")
        assert text.startswith(f"Catalogus {catalog.key}, bouwblok {block.id}")
        assert block.label_en in valuation.explain("en")


def _meeting(condition: BonusCondition) -> dict[str, Any]:
    """Activity fields that meet a bonus condition."""
    if isinstance(condition, MinAge):
        return {"age": condition.age}
    if isinstance(condition, FlagCondition):
        return {"flags": condition.any_of[:1]}
    assert isinstance(condition, AfterInternship)
    return {"internship_months": condition.months, "flags": condition.flags}


def test_every_bonus_adds_value_to_its_blocks(catalog: Catalog) -> None:
    for bonus in catalog.bonuses:
        targets = [b for b in catalog.blocks if bonus in catalog.bonuses_for(b)]
        assert targets, f"bonus {bonus.id} applies to no block"
        if bonus.unit == "per_year":  # a per-year bonus needs a dated, pro-rata base
            targets = [b for b in targets if isinstance(b.rule, PerYearRule | PerMonthRule)]
            assert targets, f"per-year bonus {bonus.id} has no dated block to sit on"
        for block in targets:
            plain = synthetic_activity(catalog, block)
            with_bonus = plain.model_copy(update=_meeting(bonus.condition))
            gain = value_activity(with_bonus, catalog).exact - value_activity(plain, catalog).exact
            assert gain > 0, f"bonus {bonus.id} adds nothing to block {block.id}"
            if bonus.unit == "one_off":
                assert gain == bonus.amount, (bonus.id, block.id)


def _json_ready(node: Any) -> Any:
    """TOML data (exact Decimals, dates) as the JSON a client would send: amounts as integers
    when whole, otherwise as decimal strings; dates as ISO strings."""
    if isinstance(node, dict):
        return {k: _json_ready(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_json_ready(v) for v in node]
    if isinstance(node, Decimal):
        return int(node) if node == node.to_integral_value() else format(node, "f")
    if isinstance(node, date):
        return node.isoformat()
    return node


@pytest.fixture(scope="module")
def schema_validator() -> jsonschema.Draft202012Validator:
    # tests/test_schemas.py checks that the committed schema is the model's current schema and
    # that it is itself a valid JSON Schema (that check is slow, so it runs once, there).
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def test_validates_against_the_json_schema(
    catalog: Catalog, schema_validator: jsonschema.Draft202012Validator
) -> None:
    schema_validator.validate(_json_ready(_raw(catalog)))


def test_json_schema_refuses_a_misspelt_key(
    schema_validator: jsonschema.Draft202012Validator,
) -> None:
    # The schema must be as strict as the model for the mistake people make most.
    data = _json_ready(_raw(load_catalog("haaglanden")))
    data["blocks"][0]["lable_nl"] = "typo"
    with pytest.raises(jsonschema.ValidationError, match="lable_nl"):
        schema_validator.validate(data)


@pytest.mark.parametrize(
    ("rule", "ok"),
    [
        ({"kind": "per_hour", "amount": 100}, True),
        ({"kind": "per_hour", "year_amount": 40000, "hours_per_year": 2080}, True),
        ({"kind": "per_hour"}, False),
        ({"kind": "per_hour", "amount": 100, "year_amount": 40000, "hours_per_year": 2080}, False),
        ({"kind": "per_hour", "year_amount": 40000}, False),
    ],
)
def test_per_hour_rule_needs_exactly_one_rate(rule: dict[str, object], ok: bool) -> None:
    adapter = TypeAdapter(Rule)
    if ok:
        adapter.validate_python(rule)
    else:
        with pytest.raises(ValidationError, match="either amount"):
            adapter.validate_python(rule)


def _docs_example() -> str:
    """The complete example in docs/catalog-format.md (the TOML block marked as such)."""
    text = (DOCS / "catalog-format.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in text.split("```toml\n")[1:]]
    examples = [b for b in blocks if b.startswith("# example: minimal catalog")]
    assert len(examples) == 1, "docs/catalog-format.md must hold one complete example"
    return examples[0]


def test_docs_example_catalog(schema_validator: jsonschema.Draft202012Validator) -> None:
    example = parse_catalog(_docs_example(), source="docs/catalog-format.md")
    assert example.key == "voorbeeld@2024-01"
    year = {"hours_per_week": 36, "start": START, "end": END}
    # 55+ replaces 50+: WW 20 000 + 10 000 (not + 5 000 more)
    v = value_activity(Activity(block="ww", age=56, **year), example)
    assert v.amount == Decimal("30000.00")
    assert "bonus 50+ vervalt: vervangen door 55+" in v.explain("nl")
    # 50+ alone: 20 000 + 5 000
    assert value_activity(Activity(block="ww", age=52, **year), example).amount == Decimal(
        "25000.00"
    )
    # 3 guest lectures of 250 on one day, at most 500 a day
    v = value_activity(Activity(block="gastles", activities=3, days=1), example)
    assert v.amount == Decimal("500.00")
    schema_validator.validate(_json_ready(tomllib.loads(_docs_example(), parse_float=Decimal)))
