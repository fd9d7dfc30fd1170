"""The optimizer's plan table speaks the register's words: ``overschot`` (not ``marge``, which
the optimizer's status uses for a proven gap) for what a plan counts above the obligation.

Expected numbers by hand: Haaglanden 2023-07, a contract of € 1.000.000 → 5 % = € 50.000; a
BBL learning job level 1-2 counts € 25.000 × 36/36 × 12/12 = € 25.000 and costs € 4.000, so the
cheapest plan is two of them: cost € 8.000, counted € 50.000, surplus € 0; one Participatiewet
placement of 24 hours counts € 40.000 × 24/36 × 12/12 = € 26.666,67, so pw + bbl counts
€ 51.666,67, € 1.666,67 above the obligation.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

pytest.importorskip("ortools")

from bouwblokken import Activity, Tender
from bouwblokken.optimize.plan import OptionSpec, PlanRequest, PlanResult, optimise

NBSP = "\u00a0"


def _placement(oid: str, block: str, hours: int, start: date, cost: str, most: int) -> OptionSpec:
    """One person a unit, working ``hours`` a week for the year from ``start``."""
    end = date(start.year + 1, start.month, 1) - timedelta(days=1)
    activity = Activity(block=block, hours_per_week=hours, start=start, end=end)
    return OptionSpec(id=oid, template=activity, cost_per_unit=cost, max_units=most)


def _result() -> PlanResult:
    tender = Tender(
        id="T1", catalog="haaglanden", contract_value="1000000",
        contract_date=date(2024, 1, 15), start=date(2024, 2, 1), end=date(2026, 1, 31),
    )  # fmt: skip
    options = (
        _placement("pw", "participatiewet", 24, date(2024, 3, 1), "9000", 1),
        _placement("bbl", "leerbaan_bbl_niveau_1_2", 36, date(2024, 9, 1), "4000", 2),
    )
    return optimise(PlanRequest(tender=tender, options=options, alternatives=1))


def _row(table: str, first: str) -> list[str]:
    """The cells of the row that starts with ``first`` (split on spaces, not on the no-break
    space inside an amount)."""
    rows = ([c for c in line.split(" ") if c] for line in table.splitlines())
    return next(r for r in rows if r and r[0] == first)


def test_dutch_table_names_the_surplus_overschot() -> None:
    table = _result().table()
    side_by_side = table.split("Waarom deze opties")[0]
    assert "marge" not in side_by_side
    assert _row(table, "optie")[1:] == ["optimaal", "alt", "1"]
    assert _row(table, "kosten")[1:] == [f"€{NBSP}8.000,00", f"€{NBSP}13.000,00"]
    assert _row(table, "geteld")[1:] == [f"€{NBSP}50.000,00", f"€{NBSP}51.666,67"]
    assert _row(table, "overschot")[1:] == [f"€{NBSP}0,00", f"€{NBSP}1.666,67"]
    assert _row(table, "personen")[1:] == ["2", "2"]
    assert table.startswith(f"Catalogus: haaglanden@2023-07   Te halen: €{NBSP}50.000,00")


def test_english_table_on_request() -> None:
    table = _result().table("en")
    assert _row(table, "option")[1:] == ["optimal", "alt", "1"]
    assert _row(table, "surplus")[1:] == ["€0.00", "€1,666.67"]
    assert _row(table, "people")[1:] == ["2", "2"]
    assert "Why these options (optimal):" in table
    assert "overschot" not in table and "personen" not in table
