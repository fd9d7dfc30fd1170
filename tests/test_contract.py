"""One contract: the JSON Schemas in ``docs/schemas`` and the readers agree.

Both directions, over generated documents:

- *schema -> reader*: documents generated from each schema (hypothesis-jsonschema) are read
  without error, except for the rules between fields a JSON Schema cannot state (an end before
  a start, repeated ids, one of two fields): those are refused with the code
  ``input.value_error`` (docs/documents.md, "Wat het schema niet zegt"; in English
  docs/en/documents.md, "What the schema does not say");
- *reader -> schema*: what the reader accepts, written back, is valid under the schema; and
  for single-field changes of the shipped examples (hand strategies over the values that broke
  the contract in issue 11: ``22.5``, ``169``, ``true``, ``10^30``, ...) the reader accepts
  exactly when the schema does.

Validation is exact: schema and documents are parsed with ``parse_float=Decimal`` so that
``multipleOf: 0.01`` is decided on decimals, as a BigDecimal-based validator does.
"""

from __future__ import annotations

import copy
import decimal
import json
import os
import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bouwblokken.documents import read_ledger, write_ledger
from bouwblokken.errors import DocumentError
from bouwblokken.optimize.plan import read_plan_request

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "docs" / "schemas"
EXAMPLES = ROOT / "examples"
BEYOND_SCHEMA = {"input.value_error"}
"""Codes of the rules between fields that a JSON Schema cannot state."""


def schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(
        (SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"), parse_float=Decimal
    )
    return loaded


def validator(name: str) -> jsonschema.protocols.Validator:
    return jsonschema.Draft202012Validator(
        schema(name), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


LEDGER = validator("ledger")
OPTIONS = validator("options")
READERS = {"ledger": (read_ledger, LEDGER), "options": (read_plan_request, OPTIONS)}


def exact(text: str) -> Any:
    return json.loads(text, parse_float=Decimal)


def valid(check: jsonschema.protocols.Validator, text: str) -> bool:
    """Exact validation (enough decimal digits for ``10^30 % 0.01``)."""
    with decimal.localcontext(prec=200):
        return bool(check.is_valid(exact(text)))


def test_every_schema_has_an_id_and_a_version() -> None:
    for path in sorted(SCHEMAS.glob("*.schema.json")):
        s = json.loads(path.read_text(encoding="utf-8"))
        assert s["$id"].endswith("/" + path.name)
        assert s["version"].startswith("bouwblokken.")
        assert s["version"].endswith("/1")
    assert (SCHEMAS / "plans.schema.json").exists()


# --- schema -> reader ---------------------------------------------------------------------------

SETTINGS = settings(
    max_examples=int(os.environ.get("BB_CONTRACT_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def from_schema(root: dict[str, Any], node: dict[str, Any] | None = None) -> Any:
    """A hypothesis strategy for instances of a JSON Schema (the subset our schemas use:
    ``$ref``, ``anyOf``/``oneOf``, ``const``/``enum``, objects with ``properties``/``required``,
    arrays, patterned strings, bounded integers and numbers with ``multipleOf``). Optional
    properties are left out or drawn, so documents range from minimal to full.

    (hypothesis-jsonschema would do this; it does not work with current Hypothesis.)"""
    node = root if node is None else node
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return st.deferred(lambda: from_schema(root, root["$defs"][name]))
    for key in ("anyOf", "oneOf"):
        if key in node:
            return st.one_of([from_schema(root, sub) for sub in node[key]])
    if "const" in node:
        return st.just(node["const"])
    if "enum" in node:
        return st.sampled_from(node["enum"])
    kind = node.get("type")
    if kind == "object":
        props = node.get("properties", {})
        required = set(node.get("required", ()))
        fixed = {k: from_schema(root, v) for k, v in props.items() if k in required}
        optional = {k: from_schema(root, v) for k, v in props.items() if k not in required}
        extra = node.get("additionalProperties")
        if not props and isinstance(extra, dict):
            keys = from_schema(root, node.get("propertyNames", {"type": "string"}))
            return st.dictionaries(keys, from_schema(root, extra), max_size=3)
        return st.fixed_dictionaries(fixed, optional=optional)
    if kind == "array":
        items = node.get("items") or {"type": "integer"}
        lo = node.get("minItems", 0)
        return st.lists(from_schema(root, items), min_size=lo, max_size=max(lo, 3))
    if kind == "string":
        if node.get("format") == "date":
            return st.dates(date(1900, 1, 1), date(2199, 12, 31)).map(date.isoformat)
        if "pattern" in node:
            strat = st.from_regex(
                node["pattern"],
                fullmatch=True,
                alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
            )
        else:
            strat = st.text(min_size=node.get("minLength", 0), max_size=node.get("maxLength", 20))
        if "maxLength" in node:
            strat = strat.filter(lambda t, n=node["maxLength"]: len(t) <= n)
        if "not" in node:
            strat = strat.filter(lambda t, p=node["not"]["pattern"]: re.search(p, t) is None)
        return strat
    if kind in ("integer", "number"):
        step = Decimal(str(node.get("multipleOf", 1)))
        lo = node.get("minimum", node.get("exclusiveMinimum", -(10**20)))
        hi = node.get("maximum", node.get("exclusiveMaximum", 10**20))
        lo_k = int(Decimal(lo) / step) + (1 if "exclusiveMinimum" in node else 0)
        hi_k = int(Decimal(hi) / step) - (1 if "exclusiveMaximum" in node else 0)
        ks = st.integers(lo_k, hi_k) | st.integers(max(lo_k, -50), min(hi_k, 50000))
        if kind == "integer":
            return ks.map(lambda k, s=step: int(k * s))
        return ks.map(lambda k, s=step: k * s)  # a Decimal, written as a JSON number
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    return st.none()


def _dumps(doc: Any) -> str:
    """JSON with Decimals written as JSON numbers, exactly."""

    def default(o: Any) -> Any:
        raise TypeError(o)

    text = json.dumps(doc, default=lambda o: f"@@{o}@@" if isinstance(o, Decimal) else default(o))
    return re.sub(r'"@@(.*?)@@"', r"\1", text)


@pytest.mark.parametrize("name", ["ledger", "options"])
def test_documents_generated_from_the_schema_are_read(name: str) -> None:
    reader, check = READERS[name]

    @SETTINGS
    @given(from_schema(schema(name)))
    def prop(doc: Any) -> None:
        text = _dumps(doc)
        assert valid(check, text), text[:300]  # the generator is right
        try:
            read = reader(text)
        except DocumentError as err:
            assert err.code in BEYOND_SCHEMA, (err.code, str(err), text[:500])
            return
        if name == "ledger":
            back = write_ledger(read)  # type: ignore[arg-type]
            assert valid(check, back), back[:300]

    prop()


# --- reader -> schema, and both ways on single-field changes ------------------------------------

NASTY: list[Any] = [
    22.5,
    "22.5",
    1250.5,
    "1250.50",
    1250.505,
    "1250.505",
    169,
    "169",
    168,
    "168",
    "168.0",
    "168.0001",
    0,
    "0",
    "0.0",
    -1,
    "-1",
    True,
    False,
    None,
    10**30,
    "1e3",
    "1E+2",
    " 5",
    "05",
    "5.",
    ".5",
    "",
    "x",
    36,
    36.0,
    "36",
    10**15,
    10**15 - 1,
    "2025-01-01",
    "9999-12-31",
    "1899-12-31",
    "2025-02-30",
    1735689600,
    "1735689600",
    [],
    {},
    "٣",
    1e16,
    100,
    "100",
    "100.0001",
    1.5e2,
    "1_000",
]


def _fields(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = []
    if isinstance(node, dict):
        for k, v in node.items():
            out.append((*path, k))
            out.extend(_fields(v, (*path, k)))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.extend(_fields(v, (*path, i)))
    return out


def _set(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    new = copy.deepcopy(doc)
    node = new
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return new


@pytest.mark.parametrize(("name", "example"), [("ledger", "ledger"), ("options", "options")])
def test_reader_and_schema_agree_on_single_field_changes(name: str, example: str) -> None:
    reader, check = READERS[name]
    base = json.loads((EXAMPLES / f"{example}.json").read_text(encoding="utf-8"))
    assert valid(check, json.dumps(base))
    paths = _fields(base)

    @settings(max_examples=int(os.environ.get("BB_CONTRACT_EXAMPLES", "60")) * 5, deadline=None)
    @given(st.sampled_from(paths), st.sampled_from(NASTY))
    def prop(path: tuple[Any, ...], value: Any) -> None:
        text = json.dumps(_set(base, path, value))
        schema_ok = valid(check, text)
        try:
            reader(text)
            reader_ok = True
        except DocumentError as err:
            if err.code in BEYOND_SCHEMA:
                return
            reader_ok = False
        assert schema_ok == reader_ok, (path, value, "schema" if schema_ok else "reader")

    prop()


@pytest.mark.parametrize(
    ("path", "value", "accepted"),
    [
        (("tenders", 0, "activities", 0, "hours_per_week"), Decimal("22.5"), True),
        (("tenders", 0, "activities", 4, "costs"), Decimal("1250.5"), True),
        (("tenders", 0, "activities", 0, "age"), True, False),
        (("tenders", 0, "activities", 0, "hours_per_week"), 169, False),
        (("tenders", 0, "contract_value"), 10**30, False),
    ],
    ids=["hours-22.5", "costs-1250.5", "age-true", "hours-169", "contract-value-10^30"],
)
def test_issue_11_reproducers_schema_and_reader_agree(
    path: tuple[Any, ...], value: Any, accepted: bool
) -> None:
    base = json.loads((EXAMPLES / "ledger.json").read_text(encoding="utf-8"))
    node = base
    for part in path[:-1]:
        node = node[part]
    assert path[-1] in node or path[-1] in ("age", "costs")
    text = _dumps(_set(base, path, value))
    assert valid(LEDGER, text) is accepted
    if accepted:
        read_ledger(text)
    else:
        with pytest.raises(DocumentError):
            read_ledger(text)


# --- the catalog format: TOML files against docs/catalog-format.schema.json --------------------

CATALOG_SCHEMA = jsonschema.Draft202012Validator(
    json.loads(
        (ROOT / "docs" / "catalog-format.schema.json").read_text(encoding="utf-8"),
        parse_float=Decimal,
    )
)


def _as_json(node: Any) -> Any:
    """TOML data as the JSON the schema describes (TOML dates are ``YYYY-MM-DD`` strings)."""
    import datetime as dt

    if isinstance(node, dict):
        return {k: _as_json(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_as_json(v) for v in node]
    if isinstance(node, dt.date):
        return node.isoformat()
    return node


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value)
    return str(value)


CATALOG_NASTY: list[Any] = [
    True, 0, -1, 169, 10**30, "x", "", "1.005", "40000.00", Decimal("0.001"), Decimal("40000.5"),
    "2025-01-01", 36, "36", 100, 101,
]  # fmt: skip


def test_catalog_reader_and_schema_agree_on_single_value_changes() -> None:
    import tomllib

    from bouwblokken.catalog.loader import parse_catalog
    from bouwblokken.catalog.registry import _shipped_folder
    from bouwblokken.errors import CatalogFileError

    path = next((_shipped_folder() / "utrecht").glob("*.toml"))
    lines = path.read_text(encoding="utf-8").splitlines()
    simple = [
        i
        for i, ln in enumerate(lines)
        if re.fullmatch(r"[a-z_]+ = [^\[{].*", ln) and not ln.startswith("format_version")
    ]
    base = tomllib.loads("\n".join(lines), parse_float=Decimal)
    with decimal.localcontext(prec=200):
        assert CATALOG_SCHEMA.is_valid(_as_json(base))

    @settings(max_examples=int(os.environ.get("BB_CONTRACT_EXAMPLES", "60")) * 3, deadline=None)
    @given(st.sampled_from(simple), st.sampled_from(CATALOG_NASTY))
    def prop(i: int, value: Any) -> None:
        key = lines[i].split(" = ", 1)[0]
        changed = [*lines[:i], f"{key} = {_toml_value(value)}", *lines[i + 1 :]]
        text = "\n".join(changed)
        data = tomllib.loads(text, parse_float=Decimal)
        with decimal.localcontext(prec=200):
            schema_ok = CATALOG_SCHEMA.is_valid(_as_json(data))
        try:
            parse_catalog(text, source="c.toml")
            reader_ok = True
        except CatalogFileError as err:
            if err.code in BEYOND_SCHEMA:
                return
            reader_ok = False
        assert schema_ok == reader_ok, (lines[i], value, "schema" if schema_ok else "reader")

    prop()


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 10**19), st.integers(0, 10**20))
def test_the_bounded_integer_regex_is_exactly_below_n(n: int, x: int) -> None:
    from bouwblokken.money import _below

    pattern = re.compile(f"^{_below(n)}$")
    assert (pattern.match(str(x)) is not None) == (x < n)
    assert pattern.match("0" + str(x)) is None or x == 0  # canonical: no leading zeros


@pytest.mark.parametrize("n", [1, 2, 9, 10, 11, 99, 100, 101, 168, 1000, 10**18])
def test_the_bounded_integer_regex_on_the_edges(n: int) -> None:
    from bouwblokken.money import _below

    pattern = re.compile(f"^{_below(n)}$")
    for x in {0, 1, n - 2, n - 1, n, n + 1, 10 * n}:
        if x >= 0:
            assert (pattern.match(str(x)) is not None) == (x < n), (n, x)


def test_a_rule_between_fields_in_inline_rules_is_named_not_the_other_branch() -> None:
    # ``rules`` is a rule-set name or inline terms: for an object, the error is about the terms
    # (a rule between fields, code input.value_error), not "should be a string".
    data = json.loads((EXAMPLES / "options.json").read_text(encoding="utf-8"))
    data["tender"]["rules"] = {"threshold": 0, "threshold_follows_eu": "services_supplies"}
    with pytest.raises(DocumentError) as info:
        read_plan_request(json.dumps(data))
    assert info.value.code == "input.value_error"
    assert info.value.pointer == "/tender/rules"
    assert "threshold_follows_eu" in info.value.message_en
