"""A feature whose optional extra is not installed says so as a library error, in Dutch and
English, naming the package and the command that installs it -- never a bare ImportError."""

from __future__ import annotations

import sys

import pytest

from bouwblokken.errors import BouwblokkenError, MissingExtraError
from bouwblokken.extras import require


def test_a_missing_package_is_a_library_error_in_both_languages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl now fails
    with pytest.raises(MissingExtraError) as info:
        require("openpyxl", "excel")
    err = info.value
    assert isinstance(err, BouwblokkenError) and isinstance(err, ImportError)
    assert err.code == "missing_extra" and (err.package, err.extra) == ("openpyxl", "excel")
    assert err.describe("nl") == "openpyxl is niet geïnstalleerd: pip install 'bouwblokken[excel]'"
    assert err.describe("en") == "openpyxl is not installed: pip install 'bouwblokken[excel]'"


def test_a_submodule_names_its_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    # An earlier test may have imported the submodule itself: block it too (order-independent).
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    with pytest.raises(MissingExtraError, match=r"^matplotlib is not installed.*\[charts\]"):
        require("matplotlib.figure", "charts")


def test_the_workbook_writers_use_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from bouwblokken.excel import _book

    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingExtraError):
        _book.openpyxl()


def test_an_installed_package_is_returned() -> None:
    import json

    assert require("json", "none") is json


def test_the_multi_contract_planner_without_ortools_says_which_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import random

    from tests.optimize.multi_instances import multi_request

    from bouwblokken.optimize.multi import plan_contracts

    request = multi_request(random.Random(1), 1, 2)
    monkeypatch.setitem(sys.modules, "ortools", None)
    monkeypatch.setitem(sys.modules, "ortools.sat.python.cp_model", None)
    with pytest.raises(MissingExtraError, match=r"\[optimize\]"):
        plan_contracts(request)
