"""JSON documents: the ledger in and out byte for byte, exact amounts, errors that point at the
record, and the result document (catalog edition, fingerprint, schema)."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from bouwblokken.catalog.registry import load_catalog
from bouwblokken.documents import (
    LedgerResultDocument,
    read_json,
    read_ledger,
    write_ledger,
    write_result,
)
from bouwblokken.errors import DocumentError
from bouwblokken.ledger import evaluate

# A ledger as another program writes it in the canonical form: two-space indent, amounts and
# hours as strings, only the fields that are set, a final newline.
CANONICAL = """{
  "supplier": "Groen BV",
  "persons": [
    {
      "id": "P1"
    },
    {
      "id": "P2",
      "note": "statushouder"
    }
  ],
  "tenders": [
    {
      "id": "T1",
      "title": "Onderhoud groen — fase 1",
      "catalog": "haaglanden",
      "contract_value": "1000000.00",
      "contract_date": "2025-01-15",
      "start": "2025-02-01",
      "end": "2027-01-31",
      "activities": [
        {
          "id": "a1",
          "person": "P1",
          "status": "realised",
          "block": "participatiewet",
          "hours_per_week": "24",
          "start": "2025-02-01",
          "end": "2025-12-31",
          "age": 56
        },
        {
          "id": "a2",
          "person": "P2",
          "block": "ww",
          "hours_per_week": "22.5",
          "start": "2025-06-01",
          "end": "2026-05-31"
        },
        {
          "id": "a3",
          "block": "opleiding_begeleiding",
          "costs": "2500.00"
        }
      ]
    }
  ]
}
"""


def doc() -> dict[str, Any]:
    return json.loads(CANONICAL)


def test_canonical_ledger_round_trips_byte_identical() -> None:
    ledger = read_ledger(CANONICAL, name="ledger.json")
    assert write_ledger(ledger) == CANONICAL
    assert read_ledger(write_ledger(ledger)) == ledger
    # bytes and a path read the same
    assert read_ledger(CANONICAL.encode("utf-8")) == ledger
    result = evaluate(ledger, as_of=date(2025, 12, 31))
    assert write_ledger(ledger) == CANONICAL  # evaluation does not touch the ledger
    t1 = result.tender("T1")
    # Months as twelfths (kalenderdagenmethode):
    # a1: February–December 2025 = 11 whole months:
    #   40.000 × 24/36 × 11/12 + 55+ 10.000 × 24/36 × 11/12 = 50.000 × 2/3 × 11/12
    #   = 30.555,555… → 30.555,56
    # a2: June 2025 – May 2026 = 12 months: 20.000 × 22,5/36 × 12/12 = 12.500,00; a3: 2.500,00
    assert [r.counted for r in t1.activities] == [
        Decimal("30555.56"),
        Decimal("12500.00"),
        Decimal("2500.00"),
    ]


def test_read_from_a_path(tmp_path: Path) -> None:
    path = tmp_path / "ledger.json"
    path.write_text(CANONICAL, encoding="utf-8")
    assert write_ledger(read_ledger(path)) == CANONICAL


def test_amount_as_a_long_json_number_is_kept_exact() -> None:
    data = '{"tenders": [{"id": "T1", "contract_value": 12345678901234567.89}]}'
    assert read_json(data)["tenders"][0]["contract_value"] == Decimal("12345678901234567.89")
    ledger = read_ledger(data)
    assert ledger.tenders[0].contract_value == Decimal("12345678901234567.89")
    # what a float would have made of it:
    assert Decimal(float("12345678901234567.89")) != Decimal("12345678901234567.89")
    # written back in the canonical form: as a string, every digit kept
    assert json.loads(write_ledger(ledger))["tenders"][0]["contract_value"] == (
        "12345678901234567.89"
    )


def _error(data: str | dict[str, Any], name: str = "ledger.json") -> DocumentError:
    text = data if isinstance(data, str) else json.dumps(data)
    with pytest.raises(DocumentError) as info:
        read_ledger(text, name=name)
    return info.value


def test_malformed_json() -> None:
    err = _error(CANONICAL[:-10])
    assert (err.source, err.location) == ("ledger.json", "")
    assert err.reason.startswith("not valid JSON")
    assert str(err).startswith("ledger.json: not valid JSON")


def test_unknown_field() -> None:
    data = doc()
    data["tenders"][0]["activities"][1]["hours_per_wek"] = "36"
    err = _error(data)
    assert err.source == "ledger.json"
    assert err.location == "tenders[0] (T1).activities[1] (a2).hours_per_wek"
    # One wording for catalogs and documents alike (bouwblokken.locate).
    assert err.reason == "unknown key 'hours_per_wek' (misspelt?); the format does not have it"
    assert str(err) == (
        "ledger.json: tenders[0] (T1).activities[1] (a2).hours_per_wek: " + err.reason
    )


def test_bad_date() -> None:
    data = doc()
    data["tenders"][0]["activities"][1]["start"] = "2024-13-01"
    err = _error(data)
    assert err.location == "tenders[0] (T1).activities[1] (a2).start"
    assert "month" in err.reason


def test_negative_hours() -> None:
    data = doc()
    data["tenders"][0]["activities"][1]["hours_per_week"] = "-1"
    err = _error(data, name="plan-2024.json")
    assert err.source == "plan-2024.json"
    assert err.location == "tenders[0] (T1).activities[1] (a2).hours_per_week"
    assert "greater than or equal to 0" in err.reason


def test_missing_required_field() -> None:
    data = doc()
    del data["tenders"][0]["activities"][2]["block"]
    err = _error(data)
    assert err.location == "tenders[0] (T1).activities[2] (a3).block"
    assert err.reason == "required field is missing"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("costs", "12.345"),  # a float-like string with 3 decimals
        ("costs", 12.345),  # the same as a JSON number (read as Decimal('12.345'))
        ("hours_per_week", "abc"),
        ("hours_per_week", "36.12345"),  # hours allow 4 decimals
    ],
    ids=["string-3-decimals", "number-3-decimals", "hours-not-a-number", "hours-5-decimals"],
)
def test_bad_number_is_a_document_error(field: str, value: object) -> None:
    data = doc()
    data["tenders"][0]["activities"][1][field] = value
    err = _error(data)
    assert err.source == "ledger.json"
    assert err.location == f"tenders[0] (T1).activities[1] (a2).{field}"
    assert "decimals" in err.reason or "expected an amount" in err.reason


def test_result_names_catalog_and_fingerprint() -> None:
    result = evaluate(read_ledger(CANONICAL), as_of=date(2025, 12, 31))
    out = json.loads(write_result(result))
    assert out["format"] == "bouwblokken.ledger-result/1"
    assert out["as_of"] == "2025-12-31"
    (t1,) = out["tenders"]
    assert t1["catalog"] == "haaglanden@2023-07"
    path = Path(load_catalog("haaglanden", edition="2023-07").path)
    assert path.parts[-2:] == ("haaglanden", "2023-07.toml")
    assert t1["catalog_fingerprint"] == "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    assert t1["obligation"]["amount"] == "50000.00"
    assert "5 % × opdrachtwaarde € 1.000.000,00 = € 50.000,00" in t1["obligation"]["explanation_nl"]
    # amounts are strings with two decimals
    # 50.000 × 24/36 × 11/12 = 30.555,56; 20.000 × 22,5/36 × 12/12 = 12.500,00; 2.500,00
    assert [a["counted"] for a in t1["activities"]] == ["30555.56", "12500.00", "2500.00"]
    # realised: only a1 (realised, all of it by 2025-12-31): 30.555,56
    assert t1["realised"]["counted"] == "30555.56"


def test_result_validates_against_its_schema() -> None:
    result = evaluate(read_ledger(CANONICAL), as_of=date(2025, 12, 31))
    schema = LedgerResultDocument.model_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(json.loads(write_result(result)), schema)
    jsonschema.validate(result.to_dict(), schema)
    broken = result.to_dict()
    broken["tenders"][0]["surprise"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_write_result_is_deterministic() -> None:
    ledger = read_ledger(CANONICAL)
    first = write_result(evaluate(ledger, as_of=date(2025, 12, 31)))
    assert first == write_result(evaluate(ledger, as_of=date(2025, 12, 31)))
    assert first.endswith("}\n")
