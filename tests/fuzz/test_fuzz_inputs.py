"""Fuzzing in the suite (issue 11): hostile catalog files, documents, constructor arguments
and command lines. Each property asserts that only library errors escape
(:class:`~bouwblokken.errors.BouwblokkenError`, with a code and both messages), never a
traceback, a hang or a builtin error. Bounded: the whole folder runs in well under 40 s.
"""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bouwblokken import Activity, BouwblokkenError, Tender, round_cents
from bouwblokken.catalog.loader import parse_catalog
from bouwblokken.catalog.registry import _shipped_folder
from bouwblokken.cli import main
from bouwblokken.documents import read_ledger, write_ledger
from bouwblokken.ledger import evaluate
from bouwblokken.optimize.plan import OptionSpec, read_plan_request

ROOT = Path(__file__).resolve().parents[2]
LEDGER = (ROOT / "examples" / "ledger.json").read_text(encoding="utf-8")
OPTIONS = (ROOT / "examples" / "options.json").read_text(encoding="utf-8")
CATALOG = next((_shipped_folder() / "utrecht").glob("*.toml")).read_bytes()
N = int(os.environ.get("BB_FUZZ_EXAMPLES", "500"))
"""Examples per property; ``BB_FUZZ_EXAMPLES=5000`` for a long campaign."""
FUZZ = settings(
    max_examples=N,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
RUNS: dict[str, int] = {}
"""Examples run per property (reported by the last test of the module)."""


def count(name: str) -> None:
    RUNS[name] = RUNS.get(name, 0) + 1


def is_library_error(err: BaseException) -> None:
    assert isinstance(err, BouwblokkenError), f"{type(err).__name__}: {err}"
    assert err.code and err.message_nl and err.message_en
    json.dumps(err.to_dict())


# Values that broke the library before: hostile scalars of every kind.
HOSTILE = st.one_of(
    st.sampled_from(
        [
            True, False, None, 0, -1, 10**30, 10**5000, 1e308, float("inf"), float("nan"),
            -0.0, 36.0, 2.675, Decimal("1E+99999999"), Decimal("NaN"), Decimal("-0"),
            Fraction(1, 3), "1e999999999", "9" * 5000, "", " ", "2025-02-30", "9999-12-31",
            "0001-01-01", "1735689600", 1735689600, date(9999, 12, 31), date(1, 1, 1),
            datetime(2025, 1, 1, 12), "x" * 100, "-5", "1_000", "٣", [], {}, (), object(),
        ]
    ),
    st.integers(),
    st.floats(),
    st.decimals(allow_nan=True),
    st.text(max_size=12),
    st.dates(),
)  # fmt: skip


@FUZZ
@given(st.binary(max_size=300))
def test_loader_on_random_bytes(raw: bytes) -> None:
    count("loader bytes")
    try:
        parse_catalog(raw, source="fuzz.toml")
    except Exception as err:
        is_library_error(err)


@FUZZ
@given(st.data())
def test_loader_on_mutated_catalogs(data: st.DataObject) -> None:
    """A shipped catalog with a line replaced, removed or duplicated, or bytes flipped."""
    count("loader mutations")
    lines = CATALOG.split(b"\n")
    i = data.draw(st.integers(0, len(lines) - 1))
    how = data.draw(st.sampled_from(["replace", "remove", "duplicate", "flip", "value"]))
    if how == "replace":
        lines[i] = data.draw(st.binary(max_size=40))
    elif how == "remove":
        del lines[i]
    elif how == "duplicate":
        lines.insert(i, lines[i])
    elif how == "value" and b"=" in lines[i]:
        key = lines[i].split(b"=", 1)[0]
        value = data.draw(
            st.sampled_from(
                [b"true", b"1e999999999", b"-1", b"9" * 5000, b'""', b"[[[[[]]]]]", b"1979-05-27",
                 b"nan", b"inf", b"{ a = 1 }", b'"x"', b"0.001", b"1" * 30]
            )
        )  # fmt: skip
        lines[i] = key + b"= " + value
    else:
        j = data.draw(st.integers(0, max(0, len(CATALOG) - 1)))
        raw = bytearray(b"\n".join(lines))
        raw[j % len(raw)] ^= data.draw(st.integers(1, 255))
        lines = bytes(raw).split(b"\n")
    try:
        parse_catalog(b"\n".join(lines), source="fuzz.toml")
    except Exception as err:
        is_library_error(err)


JSON_VALUES = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=8)
    ),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = []
    if isinstance(node, dict):
        for k, v in node.items():
            out.append((*path, k))
            out.extend(_paths(v, (*path, k)))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.append((*path, i))
            out.extend(_paths(v, (*path, i)))
    return out


JSON_HOSTILE = st.one_of(
    JSON_VALUES,
    st.sampled_from(["1e999999999", "9" * 5000, "[" * 5000 + "]" * 5000, "NaN", "-Infinity"]),
)


def _mutated(data: st.DataObject, text: str) -> str:
    doc = json.loads(text)
    paths = _paths(doc)
    path = data.draw(st.sampled_from(paths))
    value = data.draw(JSON_HOSTILE)
    node = doc
    for part in path[:-1]:
        node = node[part]
    marker = "\u0000MARK\u0000"
    node[path[-1]] = marker if isinstance(value, str) and value[:1] in "1[N-9" else value
    out = json.dumps(doc)
    if node[path[-1]] == marker:
        out = out.replace(json.dumps(marker), value)
    return out


@FUZZ
@given(st.data())
def test_ledger_documents_only_library_errors_and_exact_round_trip(data: st.DataObject) -> None:
    count("ledger documents")
    text = (
        _mutated(data, LEDGER) if data.draw(st.booleans()) else json.dumps(data.draw(JSON_VALUES))
    )
    try:
        ledger = read_ledger(text)
    except Exception as err:
        is_library_error(err)
        return
    again = read_ledger(write_ledger(ledger))
    assert again == ledger  # round trip exact
    try:
        evaluate(ledger)
    except Exception as err:
        is_library_error(err)


@FUZZ
@given(st.data())
def test_options_documents_only_library_errors(data: st.DataObject) -> None:
    count("options documents")
    text = _mutated(data, OPTIONS)
    try:
        read_plan_request(text)
    except Exception as err:
        is_library_error(err)


FIELDS_ACTIVITY = [
    "id", "person", "status", "block", "hours_per_week", "start", "end", "age", "flags",
    "internship_months", "invoice_amount", "costs", "agreed_amount", "hours", "activities",
    "days", "periods", "months", "subsidy_end", "fulltime_hours_per_week", "note", "nonsense",
]  # fmt: skip
FIELDS_TENDER = [
    "id", "catalog", "rules", "contract_value", "labour_cost", "base", "percentage",
    "threshold", "contract_type", "publication_date", "contract_date", "start", "end",
    "activities", "pso_level",
]  # fmt: skip


@FUZZ
@given(st.dictionaries(st.sampled_from(FIELDS_ACTIVITY), HOSTILE, max_size=4))
def test_activity_constructor_only_library_errors(kwargs: dict[str, Any]) -> None:
    count("Activity(...)")
    try:
        Activity(block="participatiewet", **kwargs) if "block" not in kwargs else Activity(**kwargs)
    except Exception as err:
        is_library_error(err)


@FUZZ
@given(st.dictionaries(st.sampled_from(FIELDS_TENDER), HOSTILE, max_size=4))
def test_tender_and_option_constructors_only_library_errors(kwargs: dict[str, Any]) -> None:
    count("Tender(...) / OptionSpec(...)")
    try:
        Tender(**{"id": "T", **kwargs})
    except Exception as err:
        is_library_error(err)
    try:
        OptionSpec(
            id="o", template={"block": "ww"}, cost_per_unit=kwargs.get("contract_value", 1),
            max_units=kwargs.get("threshold", 1),
        )  # fmt: skip
    except Exception as err:
        is_library_error(err)


@FUZZ
@given(HOSTILE)
def test_round_cents_only_library_errors(value: Any) -> None:
    count("round_cents")
    try:
        got = round_cents(value)
    except Exception as err:
        is_library_error(err)
        return
    assert got == got.quantize(Decimal("0.01"))


WORDS = [
    "catalogs", "show", "compare", "value", "obligation", "evaluate", "optimise", "utrecht",
    "haaglanden", "leiden", "--json", "--lang", "en", "nl", "--block", "participatiewet",
    "--hours-per-week", "24", "1e999999999", "9" * 500, "--start", "2025-01-01", "--end",
    "9999-12-31", "--contract-value", "1000000", "--percentage", "5", "-", "/dev/null",
    "--catalog-dir", "/nonexistent", "--on", "0000-00-00", "--age", "true", "--invoice",
    "1.005", str(ROOT / "examples" / "ledger.json"), str(ROOT / "examples" / "options.json"),
    "--as-of", "--check", "x", "", "--help",
]  # fmt: skip


@settings(
    max_examples=N * 2 // 3,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(argv=st.lists(st.sampled_from(WORDS), max_size=7))
def test_cli_exits_with_a_documented_status_and_no_traceback(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    count("command lines")
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"{}")))
    status = main(argv)
    out, err = capsys.readouterr()
    assert status in (0, 1, 2), (argv, status, err)
    assert "Traceback" not in err and "Traceback" not in out
    if status == 2:
        assert err.count("\n") == 1, err
    if "--json" in argv and status == 2:
        json.loads(err)


def test_report_examples_run() -> None:
    """Prints how many examples each fuzz property ran (``-s`` shows it)."""
    print("fuzz examples run:", RUNS, "total", sum(RUNS.values()))
    assert all(n > 0 for n in RUNS.values())
