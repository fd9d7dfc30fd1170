"""Every reproducer of issue 11 ("a contract integrators can build on") as a test.

Each input crashed, hung, lost data silently or gave a wrong answer before; each now gets a
library error (a :class:`BouwblokkenError` with a code, a JSON Pointer and both messages) or the
right answer. Expected amounts are computed by hand from the published rule in the test.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from bouwblokken import (
    Activity,
    BouwblokkenError,
    Registry,
    Tender,
    evaluate,
    format_eur,
    load_catalog,
    round_cents,
    value_activity,
)
from bouwblokken.catalog.loader import parse_catalog
from bouwblokken.catalog.registry import _shipped_folder
from bouwblokken.cli import main
from bouwblokken.documents import read_json, read_ledger
from bouwblokken.errors import (
    CatalogFileError,
    DocumentError,
    InputError,
    MoneyError,
)
from bouwblokken.optimize.plan import OptionSpec, read_plan_request

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def ledger_doc() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / "ledger.json").read_text(encoding="utf-8"))
    return data


def options_doc() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / "options.json").read_text(encoding="utf-8"))
    return data


def assert_library_error(err: BaseException, code: str, pointer: str | None = None) -> None:
    """Errors as data: our base class, the code, a pointer, both messages, and no repeats."""
    assert isinstance(err, BouwblokkenError)
    assert err.code == code, (err.code, str(err))
    if pointer is not None:
        assert err.pointer == pointer
    assert err.message_nl and err.message_en
    data = err.to_dict()
    assert set(data) >= {"code", "message_nl", "message_en", "file", "pointer"}
    json.dumps(data)  # JSON-ready


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


# --- errors are data ---------------------------------------------------------------------------


def test_constructors_raise_the_library_error_that_is_also_a_validation_error() -> None:
    with pytest.raises(InputError) as info:
        Activity(block="participatiewet", hours_per_week="x")
    err = info.value
    assert isinstance(err, ValidationError) and isinstance(err, ValueError)
    assert_library_error(err, "money.syntax", "/hours_per_week")
    assert err.errors()[0]["loc"] == ("hours_per_week",)


def test_validation_error_in_a_document_has_a_pointer_through_lists() -> None:
    data = ledger_doc()
    data["tenders"][0]["activities"][1]["hours_per_week"] = "2x"
    with pytest.raises(DocumentError) as info:
        read_ledger(json.dumps(data), name="l.json")
    assert_library_error(info.value, "money.syntax", "/tenders/0/activities/1/hours_per_week")
    assert info.value.file == "l.json"


def test_a_location_never_repeats_in_the_cli_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = ledger_doc()
    tender = data["tenders"][0]
    activity = tender["activities"][1]
    activity["block"] = "no_such_block"
    path = tmp_path / "l.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    status, _, err = run(capsys, "evaluate", str(path))
    assert status == 2
    record = f"aanbesteding {tender['id']!r} activiteit {activity['id']!r}"  # Dutch by default
    assert err.count(record) == 1 and err.count(str(path)) == 1
    assert err.count("\n") == 1
    status, _, err = run(capsys, "--lang", "en", "evaluate", str(path))
    record = f"tender {tender['id']!r} activity {activity['id']!r}"
    assert err.count(record) == 1 and err.count(str(path)) == 1


def test_json_errors_on_stderr_with_a_pointer(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = ledger_doc()
    data["tenders"][0]["activities"][1]["block"] = "no_such_block"
    path = tmp_path / "l.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    status, out, err = run(capsys, "--json", "evaluate", str(path))
    assert status == 2 and out == ""
    got = json.loads(err)
    assert got["exit_code"] == 2 and got["command"] == "evaluate"
    e = got["error"]
    assert e["code"] == "valuation.unknown_block"
    assert e["pointer"] == "/tenders/0/activities/1/block"
    assert e["file"] == str(path)
    assert "bouwblok" in e["message_nl"] and "block" in e["message_en"]


def test_optimise_with_a_bad_block_names_file_and_record(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = options_doc()
    data["options"][0]["template"]["block"] = "no_such_block"
    path = tmp_path / "o.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    status, _, err = run(capsys, "--json", "optimise", str(path))
    assert status == 2
    e = json.loads(err)["error"]
    assert e["file"] == str(path)
    assert data["options"][0]["id"] in e["text"]


def test_an_infeasible_optimisation_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = options_doc()
    data["tender"]["contract_value"] = "900000000"  # 5% of it is far beyond every option
    path = tmp_path / "o.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    status, _, _ = run(capsys, "optimise", str(path))
    assert status == 1


def test_evaluate_check_exits_1_when_an_obligation_is_not_met(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = ledger_doc()
    data["tenders"][0]["contract_value"] = "900000000"
    path = tmp_path / "l.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert run(capsys, "evaluate", str(path))[0] == 0
    assert run(capsys, "evaluate", "--check", str(path))[0] == 1


def test_dash_reads_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    text = (EXAMPLES / "ledger.json").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text)))
    status, out, _ = run(capsys, "--json", "evaluate", "-")
    assert status == 0
    assert json.loads(out)["format"] == "bouwblokken.ledger-result/1"


@pytest.mark.skipif(not hasattr(signal, "SIGINT") or os.name != "posix", reason="POSIX signals")
def test_a_real_ctrl_c_is_one_line_and_exit_130() -> None:
    """SIGINT to a command that waits on standard input: one line, status 130."""
    import subprocess
    import sys
    import time

    src = str(Path(__file__).resolve().parents[1] / "src")
    proc = subprocess.Popen(
        [sys.executable, "-m", "bouwblokken", "evaluate", "-"],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": src},
    )
    time.sleep(1.5)  # imports done, waiting on stdin
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert err.decode().count("\n") == 1 and "Ctrl-C" in err.decode()


def test_ctrl_c_is_one_line_and_exit_130(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import bouwblokken.cli as cli

    def interrupted(ctx: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "cmd_catalogs", interrupted)
    status, _, err = run(capsys, "catalogs")
    assert status == 130
    assert err.count("\n") == 1 and "Ctrl-C" in err


def test_dev_zero_is_refused_not_read(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "--json", "evaluate", "/dev/zero")
    assert status == 2
    assert json.loads(err)["error"]["code"] == "document.not_a_file"


# --- crashes and hangs become errors -----------------------------------------------------------


@pytest.mark.parametrize("field", ["start", "end"])
def test_dates_near_9999_are_refused_in_activities(field: str) -> None:
    kw: dict[str, Any] = {"start": date(2025, 1, 1), "end": date(2025, 12, 31)}
    kw[field] = date(9999, 12, 31)
    if field == "start":
        kw["end"] = date(9999, 12, 31)
    with pytest.raises(InputError) as info:
        Activity(block="participatiewet", hours_per_week=24, **kw)
    assert_library_error(info.value, "input.date_range", f"/{field}")


def test_dates_near_9999_are_refused_in_tenders_and_options() -> None:
    with pytest.raises(InputError) as info:
        Tender(id="T", contract_value=1000, end="9999-12-31")
    assert_library_error(info.value, "input.date_range", "/end")
    data = options_doc()
    data["options"][0]["template"]["end"] = "9999-12-31"
    with pytest.raises(DocumentError) as doc:
        read_plan_request(json.dumps(data))
    assert_library_error(doc.value, "input.date_range", "/options/0/template/end")


def test_counting_months_of_10_to_the_30_is_refused() -> None:
    with pytest.raises(InputError) as info:
        Activity(block="participatiewet", months=10**30)
    assert_library_error(info.value, "money.too_large", "/months")
    # ... and as a catalog's counting limit (a whole number: below 10^15).
    path = next((_shipped_folder() / "haaglanden").glob("*.toml"))
    text = path.read_text(encoding="utf-8")
    assert 'counting_limit = { kind = "months", months = 12 }' in text
    huge = text.replace(
        'counting_limit = { kind = "months", months = 12 }',
        'counting_limit = { kind = "months", months = 1000000000000000000000000000000 }',
        1,
    )
    with pytest.raises(CatalogFileError) as cat:
        parse_catalog(huge, source="huge.toml")
    assert cat.value.code == "input.number_too_large"
    assert cat.value.pointer.endswith("/counting_limit/months")


@pytest.mark.parametrize("literal", ["1e999999999", "-1e999999999", "1e-999999999"])
def test_huge_exponents_in_json_are_refused_before_converting(literal: str) -> None:
    with pytest.raises(DocumentError) as info:
        read_json('{"a": ' + literal + "}")
    assert_library_error(info.value, "document.number", "/a")


def test_96_byte_ledger_with_age_1e999999999_returns_an_error() -> None:
    text = '{"tenders":[{"id":"T","activities":[{"block":"ww","age":1e999999999}]}]}'
    with pytest.raises(DocumentError) as info:
        read_ledger(text)
    assert_library_error(info.value, "document.number", "/tenders/0/activities/0/age")


def test_max_units_1e999999999_in_options_returns_an_error() -> None:
    text = json.dumps(options_doc()).replace('"max_units": 2', '"max_units": 1e999999999', 1)
    assert "1e999999999" in text
    with pytest.raises(DocumentError):
        read_plan_request(text)


def test_5000_digit_numbers_are_refused() -> None:
    with pytest.raises(DocumentError) as info:
        read_json('{"a": ' + "9" * 5000 + "}")
    assert_library_error(info.value, "document.number")
    with pytest.raises(MoneyError) as money:
        from bouwblokken import parse_money

        parse_money("9" * 5000)
    assert money.value.code == "money.too_large"
    with pytest.raises(InputError):
        Activity(block="ww", age=int("9" * 4000))


@pytest.mark.parametrize("depth", [5_000, 100_000])
def test_deep_json_is_refused(depth: int) -> None:
    with pytest.raises(DocumentError) as info:
        read_json("[" * depth + "]" * depth)
    assert_library_error(info.value, "document.too_deep")
    with pytest.raises(DocumentError):
        read_json('{"a":' * depth + "1" + "}" * depth)


def test_moderately_deep_json_is_refused_by_the_depth_limit() -> None:
    with pytest.raises(DocumentError) as info:
        read_json("[" * 40 + "]" * 40)
    assert info.value.code == "document.too_deep"


@pytest.mark.parametrize("depth", [5_000, 100_000])
def test_deep_toml_is_refused(depth: int) -> None:
    with pytest.raises(CatalogFileError) as info:
        parse_catalog("a = " + "[" * depth + "]" * depth)
    assert_library_error(info.value, "catalog.file.too_deep")


def test_huge_numbers_in_toml_are_refused() -> None:
    with pytest.raises(CatalogFileError) as info:
        parse_catalog("a = 1e999999999")
    assert info.value.code == "catalog.file.number"
    with pytest.raises(CatalogFileError):
        parse_catalog("a = " + "9" * 5000)


def test_evaluate_accepts_a_datetime_or_timestamp_at_midnight_exactly() -> None:
    pd = pytest.importorskip("pandas")
    ledger = read_ledger(EXAMPLES / "ledger.json")
    plain = evaluate(ledger, as_of=date(2025, 6, 30))
    for as_of in (datetime(2025, 6, 30), pd.Timestamp("2025-06-30")):
        other = evaluate(ledger, as_of=as_of)
        assert [t.realised.counted for t in other.tenders] == [
            t.realised.counted for t in plain.tenders
        ]


def test_evaluate_refuses_a_time_of_day_clearly() -> None:
    ledger = read_ledger(EXAMPLES / "ledger.json")
    with pytest.raises(BouwblokkenError) as info:
        evaluate(ledger, as_of=datetime(2025, 6, 30, 12, 0))
    assert_library_error(info.value, "input.datetime_with_time", "/as_of")


def test_numpy_scalars_exactly_or_refused() -> None:
    np = pytest.importorskip("numpy")
    a = Activity(block="ww", age=np.int64(40), activities=np.int32(3))
    assert a.age == 40 and type(a.age) is int and a.activities == 3
    # Hours take a Python float by its shortest repr (24.0 -> 24, issue 9); a numpy float is
    # refused clearly; money never takes a float.
    assert Activity(block="ww", hours_per_week=24.0).hours_per_week == 24
    with pytest.raises(InputError):
        Activity(block="ww", hours_per_week=np.float64(24))
    with pytest.raises(InputError) as info:
        Activity(block="ww", costs=np.float64(24))
    assert info.value.code == "money.float"
    with pytest.raises(InputError):
        Activity(block="ww", age=np.float64(40))
    with pytest.raises(InputError):
        Activity(block="ww", age=np.bool_(True))


@pytest.mark.parametrize(
    "amount", [float("inf"), float("nan"), 1e308, 2.675, 0.1 + 0.2, True, "1.00"]
)
def test_round_cents_and_format_eur_refuse_inexact_input(amount: Any) -> None:
    with pytest.raises(MoneyError):
        round_cents(amount)
    with pytest.raises(MoneyError):
        format_eur(amount)


@pytest.mark.parametrize(
    "amount", [Decimal("1E+99999999"), Decimal("-1E+99999999"), Decimal("Infinity"), 10**24]
)
def test_round_cents_refuses_huge_amounts_at_once(amount: Any) -> None:
    with pytest.raises(MoneyError) as info:
        round_cents(amount)
    assert info.value.code in {"money.too_large", "money.not_finite"}


def test_round_cents_rounds_the_exact_decimal_half_up() -> None:
    # 2.675 is 267.5 cents: half a cent rounds up, to 268 cents.
    assert round_cents(Decimal("2.675")) == Decimal("2.68")
    assert round_cents(Fraction(2675, 1000)) == Decimal("2.68")
    # 0.1 + 0.2 exactly is 0.3: € 0,30, but only from exact input.
    assert format_eur(Decimal("0.1") + Decimal("0.2")) == "€\u00a00,30"  # no-break space


def test_options_with_an_empty_catalog_get_an_error_not_an_assertion() -> None:
    data = options_doc()
    data["catalog"] = ""
    del data["tender"]["catalog"]
    with pytest.raises(DocumentError) as info:
        read_plan_request(json.dumps(data))
    assert "catalog" in str(info.value)


# --- wrong answers become errors ---------------------------------------------------------------


def test_booleans_never_become_numbers() -> None:
    with pytest.raises(InputError) as info:
        Activity(block="ww", age=True)
    assert_library_error(info.value, "input.boolean_not_number", "/age")
    template = Activity(block="ww", hours=1)
    with pytest.raises(InputError) as opt:
        OptionSpec(id="x", template=template, cost_per_unit=1, max_units=True)
    assert_library_error(opt.value, "input.boolean_not_number", "/max_units")
    with pytest.raises(InputError):
        Activity(block="ww", hours_per_week=True)


@pytest.mark.parametrize("start", [1735689600, "1735689600", 1735689600.0, Decimal(1)])
def test_numbers_never_become_dates(start: Any) -> None:
    with pytest.raises(InputError) as info:
        Activity(block="ww", start=start)
    assert info.value.pointer == "/start"
    assert info.value.code in {"input.number_not_date", "input.date_format"}


def test_numbers_never_become_dates_in_json() -> None:
    data = ledger_doc()
    data["tenders"][0]["activities"][0]["start"] = 1735689600
    with pytest.raises(DocumentError) as info:
        read_ledger(json.dumps(data))
    assert_library_error(info.value, "input.number_not_date", "/tenders/0/activities/0/start")


@pytest.mark.parametrize("age", [36.0, Decimal("36.0"), Decimal("36"), Fraction(36)])
def test_integers_never_come_from_floats(age: Any) -> None:
    with pytest.raises(InputError) as info:
        Activity(block="ww", age=age)
    assert info.value.code == "input.not_whole_number"


def test_duplicate_json_keys_are_an_error() -> None:
    data = ledger_doc()
    text = json.dumps(data)
    twice = text[:-1] + ', "tenders": []}'
    with pytest.raises(DocumentError) as info:
        read_ledger(twice)
    assert_library_error(info.value, "document.duplicate_key")
    assert "'tenders'" in info.value.message_en


def test_nan_and_infinity_literals_are_refused() -> None:
    for literal in ("NaN", "Infinity", "-Infinity"):
        with pytest.raises(DocumentError) as info:
            read_json('{"a": ' + literal + "}")
        assert info.value.code == "document.not_a_number"


# --- catalog folders are input -----------------------------------------------------------------


def _copy_shipped(tmp: Path, catalog_id: str = "haaglanden") -> Path:
    folder = tmp / "cats" / catalog_id
    folder.mkdir(parents=True)
    src = next((_shipped_folder() / catalog_id).glob("*.toml"))
    shutil.copy(src, folder / "copy.toml")
    return folder / "copy.toml"


def test_a_second_file_claiming_a_shipped_edition_is_an_error_naming_both(tmp_path: Path) -> None:
    copy = _copy_shipped(tmp_path)
    registry = Registry([_shipped_folder(), tmp_path / "cats"])
    with pytest.raises(CatalogFileError) as info:
        registry.load("haaglanden")
    assert_library_error(info.value, "catalog.file.duplicate_edition")
    shipped = next((_shipped_folder() / "haaglanden").glob("*.toml"))
    assert str(copy) in str(info.value) and str(shipped) in str(info.value)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_in_a_catalog_folder_is_refused_without_blocking(tmp_path: Path) -> None:
    folder = tmp_path / "cats" / "mine"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "2025.toml")
    with pytest.raises(CatalogFileError) as info:
        Registry([tmp_path / "cats"])
    assert_library_error(info.value, "catalog.file.not_regular")


def test_a_symlink_out_of_the_catalog_folder_is_refused_and_not_echoed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("password = hunter2-do-not-show\n", encoding="utf-8")
    folder = tmp_path / "cats" / "mine"
    folder.mkdir(parents=True)
    (folder / "2025.toml").symlink_to(secret)
    with pytest.raises(CatalogFileError) as info:
        Registry([tmp_path / "cats"])
    assert_library_error(info.value, "catalog.file.symlink")
    assert "hunter2" not in json.dumps(info.value.to_dict())


def test_a_symlink_inside_the_folder_is_followed_and_counts_as_a_claim(tmp_path: Path) -> None:
    copy = _copy_shipped(tmp_path, "haaglanden")
    (copy.parent / "alias.toml").symlink_to(copy)
    registry = Registry([tmp_path / "cats"])
    # Both names lead to one file: one edition, not two claims.
    with pytest.raises(CatalogFileError) as info:
        registry.load("haaglanden")
    assert info.value.code == "catalog.file.duplicate_edition"


def test_catalog_errors_never_echo_file_content(tmp_path: Path) -> None:
    text = 'id = "x"\nthis is not toml: secret-line-content\n'
    with pytest.raises(CatalogFileError) as info:
        parse_catalog(text, source="bad.toml")
    assert "secret-line-content" not in str(info.value)


def test_shipped_catalogs_still_value_as_published() -> None:
    # Leiden's SW-bedrijf block counts the invoice amount excl. VAT in full
    # (rule = { kind = "invoice" }, no percentage): an invoice of € 1.234,56 counts € 1.234,56.
    # The hardening must not change a valid answer, given as text, int or Decimal.
    leiden = load_catalog("leiden")
    for invoice in ("1234.56", Decimal("1234.56")):
        v = value_activity(Activity(block="sw_bedrijf", invoice_amount=invoice), leiden)
        assert v.amount == Decimal("1234.56")
    assert value_activity(Activity(block="sw_bedrijf", invoice_amount=1234), leiden).amount == 1234


@pytest.mark.parametrize(
    ("kwargs", "dutch"),
    [
        ({"hours_per_week": 169}, "mag hoogstens 168 zijn (kreeg 169)"),
        ({"status": "done"}, "verwacht een van: 'planned' of 'realised' (kreeg 'done')"),
        ({"person": "x" * 70}, "(kreeg een tekst van 70 tekens)"),
        ({"age": True}, "verwacht een geheel getal, kreeg de ja/nee-waarde True"),
        ({"invoice_amount": 1.5}, "een float kan een bedrag niet exact bevatten"),
        ({"nonsense": 1}, "onbekende sleutel 'nonsense'"),
    ],
)
def test_dutch_messages_are_dutch(kwargs: dict[str, Any], dutch: str) -> None:
    with pytest.raises(InputError) as info:
        Activity(block="ww", **kwargs)
    assert dutch in info.value.message_nl
    assert "Input should" not in info.value.message_nl
    assert "expected" not in info.value.message_nl


def test_model_validate_json_uses_the_exact_parser() -> None:
    from bouwblokken import Ledger

    with pytest.raises(DocumentError) as info:
        Ledger.model_validate_json('{"tenders": [], "tenders": []}')
    assert info.value.code == "document.duplicate_key"
    with pytest.raises(DocumentError):
        Activity.model_validate_json('{"block": "ww", "age": 1e999999999}')
    # 1250.10 as a JSON number stays exact (no float on the way).
    a = Activity.model_validate_json('{"block": "ww", "costs": 1250.10}')
    assert a.costs == Decimal("1250.10")
    with pytest.raises(InputError) as bad:
        Activity.model_validate_json('{"block": "ww", "age": "36"}')  # a document: JSON integer
    assert bad.value.pointer == "/age"


def test_usage_errors_are_json_too_with_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "--json", "no_such_command")
    assert status == 2
    got = json.loads(err)
    assert got["error"]["code"] == "cli.usage" and got["exit_code"] == 2


def test_dash_reads_an_options_document_from_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    text = (EXAMPLES / "options.json").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text)))
    status, out, _ = run(capsys, "--json", "optimise", "-")
    assert status == 0
    assert json.loads(out)["format"] == "bouwblokken.plans/1"


def test_timestamps_in_fields_are_dates_exactly_or_refused() -> None:
    pd = pytest.importorskip("pandas")
    a = Activity(block="ww", start=pd.Timestamp("2025-01-01"), end=datetime(2025, 3, 31))
    assert (a.start, a.end) == (date(2025, 1, 1), date(2025, 3, 31))
    assert type(a.start) is date
    with pytest.raises(InputError) as info:
        Activity(block="ww", start=pd.Timestamp("2025-01-01 08:30"))
    assert info.value.code == "input.datetime_with_time"
    with pytest.raises(InputError):
        Activity(block="ww", start=pd.Timestamp("2025-01-01", tz="Europe/Amsterdam"))


def test_a_reraised_error_keeps_its_dutch_and_gets_a_pointer(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = ledger_doc()
    data["tenders"][0]["catalog"] = "no_such_catalog"
    path = tmp_path / "l.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    status, _, err = run(capsys, "--json", "evaluate", str(path))
    e = json.loads(err)["error"]
    assert status == 2 and e["pointer"] == "/tenders/0/catalog"
    assert e["message_nl"].startswith("onbekende catalogus 'no_such_catalog'")
    options = options_doc()
    del options["options"][0]["template"]["hours_per_week"]
    path = tmp_path / "o.json"
    path.write_text(json.dumps(options), encoding="utf-8")
    status, _, err = run(capsys, "--json", "optimise", str(path))
    assert status == 2 and json.loads(err)["error"]["pointer"] == "/options/0/template"
