"""The HTTP service end to end: a real uvicorn server started by the test on 127.0.0.1 (a free
port), a real HTTP client (httpx) and ``curl`` as a Java-style client that checks the answer
against the OpenAPI description with a JSON Schema validator. The server is stopped by the test.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")
jsonschema = pytest.importorskip("jsonschema")

from bouwblokken import Activity, load_catalog, value_activity  # noqa: E402
from bouwblokken.documents import ledger_result_to_dict, read_ledger  # noqa: E402
from bouwblokken.http import API_VERSION  # noqa: E402
from bouwblokken.ledger import evaluate  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
LEDGER = (ROOT / "examples" / "ledger.json").read_text(encoding="utf-8")
OPTIONS = (ROOT / "examples" / "options.json").read_text(encoding="utf-8")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """``bouwblokken serve`` on a free loopback port; stopped after the module's tests."""
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "bouwblokken", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(base + "/v1/openapi.json", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                err = proc.stderr.read().decode() if proc.stderr else ""
                pytest.fail(f"the server did not start: {err[-2000:]}")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def spec(server: str) -> dict[str, Any]:
    r = httpx.get(server + "/v1/openapi.json")
    loaded: dict[str, Any] = r.json()
    return loaded


def _validator(spec: dict[str, Any], component: str) -> Any:
    """A JSON Schema validator for one OpenAPI component (refs resolved in the document)."""
    schema = {**json.loads(json.dumps(spec), parse_float=Decimal)}
    schema["$ref"] = f"#/components/schemas/{component}"
    return jsonschema.Draft202012Validator(schema)


def test_openapi_is_readable_and_valid(spec: dict[str, Any], server: str) -> None:
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(spec)
    assert spec["openapi"].startswith("3.")
    assert spec["info"]["version"] == API_VERSION
    assert all(p.startswith("/v1/") and not p.endswith("/") for p in spec["paths"])
    assert {"/v1/value", "/v1/obligation", "/v1/evaluate", "/v1/optimise", "/v1/catalogs"} <= set(
        spec["paths"]
    )
    r = httpx.get(server + "/v1/openapi.json")
    assert r.headers["API-Version"] == API_VERSION
    assert r.headers["Access-Control-Allow-Origin"] == "*"


def test_a_ledger_is_evaluated_exactly_as_by_the_library(server: str) -> None:
    r = httpx.post(server + "/v1/evaluate", content=LEDGER, params={"as_of": "2025-06-30"})
    assert r.status_code == 200, r.text
    assert r.headers["API-Version"] == API_VERSION
    from datetime import date

    expected = ledger_result_to_dict(evaluate(read_ledger(LEDGER), as_of=date(2025, 6, 30)))
    assert r.json() == expected


def test_a_broken_ledger_gives_problem_json_with_a_pointer(server: str) -> None:
    data = json.loads(LEDGER)
    data["tenders"][0]["activities"][1]["hours_per_week"] = 22.55555
    r = httpx.post(server + "/v1/evaluate", content=json.dumps(data))
    assert r.status_code == 400
    assert r.headers["content-type"].startswith("application/problem+json")
    problem = r.json()
    assert problem["status"] == 400
    assert problem["pointer"] == "/tenders/0/activities/1/hours_per_week"
    assert problem["code"] == "money.too_many_decimals"
    assert problem["type"].endswith("#money.too_many_decimals")
    assert "decimalen" in problem["message_nl"] and "decimals" in problem["message_en"]


def test_duplicate_keys_and_trailing_slashes_and_unknown_catalogs(server: str) -> None:
    r = httpx.post(server + "/v1/evaluate", content='{"tenders": [], "tenders": []}')
    assert r.status_code == 400 and r.json()["code"] == "document.duplicate_key"
    r = httpx.get(server + "/v1/catalogs/")
    assert r.status_code == 404 and r.headers["content-type"].startswith("application/problem")
    assert r.headers["API-Version"] == API_VERSION  # on errors too
    r = httpx.delete(server + "/v1/evaluate")
    assert r.status_code == 405 and r.json()["status"] == 405
    r = httpx.get(server + "/v1/catalogs/no_such_catalog")
    assert r.status_code == 404 and r.json()["code"] == "catalog.unknown"
    r = httpx.get(server + "/v1/catalogs/utrecht")
    assert r.status_code == 200 and r.json()["id"] == "utrecht"


def test_value_obligation_and_optimise(server: str, spec: dict[str, Any]) -> None:
    # Leiden's SW-bedrijf block counts the invoice excl. VAT in full: € 1.234,56 counts 1234.56.
    body = {"catalog": "leiden", "activity": {"block": "sw_bedrijf", "invoice_amount": "1234.56"}}
    r = httpx.post(server + "/v1/value", json=body)
    assert r.status_code == 200, r.text
    assert r.json()["amount"] == "1234.56"
    assert _validator(spec, "ValuationDocument").is_valid(r.json())
    # A dated block: the answer is the library's own valuation, to the cent.
    dated = {
        "block": "participatiewet",
        "hours_per_week": "24",
        "start": "2025-01-01",
        "end": "2025-06-30",
    }
    r = httpx.post(server + "/v1/value", json={"catalog": "utrecht", "activity": dated})
    assert r.status_code == 200, r.text
    library = value_activity(Activity.model_validate(dated), load_catalog("utrecht"))
    assert r.json()["amount"] == format(library.amount, "f")
    # 5% of a contract value of 1.000.000 is 50.000 (no threshold given, none in the terms).
    tender = {"id": "T", "contract_value": "1000000", "percentage": "5"}
    r = httpx.post(server + "/v1/obligation", json={"tender": tender})
    assert r.status_code == 200, r.text
    assert Decimal(r.json()["amount"]) == Decimal("1000000") * 5 / 100
    r = httpx.post(server + "/v1/optimise", content=OPTIONS)
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "optimal"
    assert _validator(spec, "PlansDocument").is_valid(json.loads(r.text, parse_float=Decimal))


def test_concurrent_requests_give_identical_answers(server: str) -> None:
    def one(_: int) -> str:
        return httpx.post(server + "/v1/evaluate", content=LEDGER, timeout=60).text

    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(one, range(8)))
    assert len(set(answers)) == 1
    assert json.loads(answers[0])["format"] == "bouwblokken.ledger-result/1"


@pytest.mark.skipif(shutil.which("curl") is None, reason="needs curl")
def test_curl_and_a_json_schema_validator_as_a_java_style_client(
    server: str, spec: dict[str, Any], tmp_path: Path
) -> None:
    ledger = tmp_path / "ledger.json"
    ledger.write_text(LEDGER, encoding="utf-8")

    def curl(*args: str) -> tuple[int, str]:
        out = subprocess.run(
            ["curl", "-s", "-w", "\n%{http_code}", *args],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        body, _, code = out.rpartition("\n")
        return int(code), body

    code, text = curl(server + "/v1/openapi.json")
    assert code == 200
    described = json.loads(text)
    status, body = curl(
        "-X", "POST", "-H", "Content-Type: application/json",
        "--data-binary", f"@{ledger}", server + "/v1/evaluate",
    )  # fmt: skip
    assert status == 200
    answer = json.loads(body, parse_float=Decimal)
    errors = list(_validator(described, "LedgerResultDocument").iter_errors(answer))
    assert not errors, errors[0].message
    broken = tmp_path / "broken.json"
    broken.write_text(LEDGER.replace('"block": "', '"block": 7, "x": "', 1), encoding="utf-8")
    status, body = curl("-X", "POST", "--data-binary", f"@{broken}", server + "/v1/evaluate")
    assert status == 400
    problem = json.loads(body)
    assert _validator(described, "Problem").is_valid(problem)
    assert problem["pointer"].startswith("/tenders/0/activities/0/")


def test_errors_found_while_evaluating_point_into_the_body(server: str) -> None:
    data = json.loads(LEDGER)
    data["tenders"][0]["activities"][1]["block"] = "no_such_block"
    r = httpx.post(server + "/v1/evaluate", content=json.dumps(data))
    assert r.status_code == 400
    assert r.json()["code"] == "valuation.unknown_block"
    assert r.json()["pointer"] == "/tenders/0/activities/1/block"
    # A per-year block without its hours: the activity of the value request is named.
    body = {
        "catalog": "utrecht",
        "activity": {"block": "participatiewet", "start": "2025-01-01", "end": "2025-06-30"},
    }
    r = httpx.post(server + "/v1/value", json=body, headers={"Accept-Language": "en"})
    assert r.status_code == 400, r.text
    assert r.json()["pointer"] == "/activity/hours_per_week"
    assert r.json()["detail"] == r.json()["message_en"]


def test_a_body_over_the_limit_is_refused_before_reading_it_all(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from fastapi.testclient import TestClient

    import bouwblokken.http.app as app_module

    monkeypatch.setattr(app_module, "MAX_DOCUMENT_BYTES", 1000)
    client = TestClient(app_module.create_app())
    r = client.post("/v1/evaluate", content=b"[" + b"0," * 5000 + b"0]")
    assert r.status_code == 413
    assert r.json()["code"] == "document.too_large"
