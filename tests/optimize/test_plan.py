"""The catalog-aware optimizer layer: notebook-sized examples from every shipped catalog.

An adviser accepts a suggested plan when, added to the tender's ledger, the obligation is met,
every cap and counting limit holds, and nothing the optimizer counted is lost in the ledger.
These tests check exactly that for the optimum and every alternative, per catalog.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from bouwblokken import Activity, Ledger, Registry, Tender, evaluate
from bouwblokken.optimize.plan import OptionSpec, PlanRequest, build_problem, optimise

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "catalogs"

START, END = date(2025, 4, 1), date(2027, 3, 31)


def _tender(catalog: str, **terms: object) -> Tender:
    return Tender(
        id="T",
        catalog=catalog,
        contract_value="1200000",
        contract_type="services",
        contract_date=date(2025, 3, 1),
        publication_date=date(2025, 1, 15),
        start=START,
        end=END,
        **terms,  # type: ignore[arg-type]
    )


def _person(block: str, hours: int, months: int = 12, **extra: object) -> Activity:
    end = date(2026, 4, 30) if months == 12 else date(2025, 10, 31)
    return Activity(block=block, hours_per_week=hours, start=date(2025, 5, 1), end=end, **extra)  # type: ignore[arg-type]


OPTIONS: dict[str, tuple[dict[str, object], list[OptionSpec]]] = {
    "haaglanden": (
        {},
        [
            OptionSpec(id="pw", template=_person("participatiewet", 24), cost_per_unit="9000", max_units=2),
            OptionSpec(id="pw55", template=_person("participatiewet", 32, age=58), cost_per_unit="15000", max_units=1),
            OptionSpec(id="bbl", template=_person("leerbaan_bbl_niveau_3_plus", 36), cost_per_unit="5000", max_units=2),
            OptionSpec(id="ww", template=_person("ww", 36), cost_per_unit="7000", max_units=2),
            OptionSpec(id="begeleiding", kind="divisible", template=Activity(block="opleiding_begeleiding", costs="100"), cost_per_unit="100", max_units=150),
        ],
    ),
    "utrecht": (
        {"percentage": "5"},
        [
            OptionSpec(id="pw", template=_person("participatiewet", 32), cost_per_unit="12000", max_units=2),
            OptionSpec(id="bol", template=_person("bol_niveau_2_3_4", 20, months=6), cost_per_unit="1500", max_units=3),
            OptionSpec(id="inkoop", kind="divisible", template=Activity(block="inkoop_sociale_onderneming", invoice_amount="100"), cost_per_unit="8", max_units=200),
            OptionSpec(id="project", kind="divisible", template=Activity(block="maatschappelijk_project_uren", hours=1), cost_per_unit="55", max_units=120),
        ],
    ),
    "leiden": (
        {"percentage": "5"},
        [
            OptionSpec(id="pwab", template=_person("participatiewet_arbeidsbeperking", 24), cost_per_unit="16000", max_units=1),
            OptionSpec(id="wia", template=_person("wia", 36, age=56), cost_per_unit="14000", max_units=2),
            OptionSpec(id="bol", template=_person("bol_stage", 20, months=6), cost_per_unit="800", max_units=4),
            OptionSpec(id="sw", kind="divisible", template=Activity(block="sw_bedrijf", invoice_amount="100"), cost_per_unit="6", max_units=300),
        ],
    ),
    "oost_nederland": (
        {},
        [
            OptionSpec(id="pw", template=_person("participatiewet_langer_dan_2_jaar", 36), cost_per_unit="10000", max_units=2),
            OptionSpec(id="wep", template=Activity(block="werkervaringsplaats", start=date(2025, 5, 1), end=date(2025, 10, 31)), cost_per_unit="1200", max_units=3),
            OptionSpec(id="bbl", template=Activity(block="bbl_niveau_1_2", periods=1), cost_per_unit="6000", max_units=2),
            OptionSpec(id="pso", kind="divisible", template=Activity(block="inkoop_pso_trede_2", invoice_amount="100"), cost_per_unit="3", max_units=500),
            OptionSpec(id="mvo", kind="divisible", template=Activity(block="mvo_activiteit_uren", hours=1), cost_per_unit="60", max_units=200),
        ],
    ),
}  # fmt: skip


@pytest.mark.parametrize("catalog", sorted(OPTIONS))
def test_suggested_plans_meet_the_obligation_in_the_ledger(catalog: str) -> None:
    terms, options = OPTIONS[catalog]
    tender = _tender(catalog, **terms)
    result = optimise(PlanRequest(tender=tender, options=tuple(options), alternatives=4))
    assert result.best is not None, result.table("en")
    assert result.alternatives, "a notebook-sized example has alternatives"
    plans = [result.best, *result.alternatives]
    costs = [p.cost for p in plans]
    assert costs == sorted(costs)
    assert len({tuple(sorted(p.units.items())) for p in plans}) == len(plans)
    for plan in plans:
        ledger = plan.add_to(Ledger(tenders=(tender,)), "T")
        t = evaluate(ledger).tender("T")
        assert t.forecast.met, (catalog, plan.units, t.forecast)
        # The ledger counts at least what the optimizer counted: nothing is lost to a cap,
        # a counting limit or rounding that the optimizer did not know of.
        assert t.forecast.counted >= plan.counted
        assert plan.counted >= result.target
        # Every activity of the plan counts in full.
        for row in t.activities:
            assert row.not_counted == (), (row.label, row.not_counted)


def test_the_optimum_is_the_cheapest_of_the_enumerated_plans() -> None:
    # Independent check on the Haaglanden example: enumerate every combination of units.
    from itertools import product

    terms, options = OPTIONS["haaglanden"]
    request = PlanRequest(tender=_tender("haaglanden", **terms), options=tuple(options))
    problem, *_ = build_problem(request)
    best = None
    ranges = [range(o.min_units, o.max_units + 1) for o in problem.options]
    for units in product(*ranges):
        if problem.is_feasible(units):
            cost = problem.cost(units)
            best = cost if best is None else min(best, cost)
    result = optimise(request)
    assert result.best is not None
    assert int(result.best.cost * 100) == best


def test_existing_activities_lower_the_target() -> None:
    terms, options = OPTIONS["haaglanden"]
    done = Activity(id="a1", block="opleiding_begeleiding", costs="20000.00")
    tender = _tender("haaglanden", **terms).model_copy(update={"activities": (done,)})
    result = optimise(PlanRequest(tender=tender, options=tuple(options)))
    # 5% × 1.200.000 = 60.000; 20.000 already counts: 40.000 left.
    assert result.target == Decimal("40000.00")


def test_share_cap_is_respected_by_plans() -> None:
    # capregion: community activities count for at most 10% of the obligation.
    registry = Registry([FIXTURES])
    tender = _tender("capregion")
    options = (
        # Guest lessons are far cheaper per euro, but only 10% of 60.000 = 6.000 may count.
        OptionSpec(id="gastles", kind="divisible", template=Activity(block="gastles", activities=1, days=1), cost_per_unit="10", max_units=400),
        OptionSpec(id="pw", template=_person("participatiewet", 36), cost_per_unit="20000", max_units=3),
        OptionSpec(id="ww", template=_person("ww", 36), cost_per_unit="9000", max_units=3),
    )  # fmt: skip
    result = optimise(PlanRequest(tender=tender, options=options), registry=registry)
    assert result.best is not None
    ledger = result.best.add_to(Ledger(tenders=(tender,)), "T")
    t = evaluate(ledger, registry=registry).tender("T")
    assert t.forecast.met
    assert t.forecast.counted >= result.best.counted
    assert t.forecast.by_category.get("community", Decimal(0)) <= Decimal("6000.00")
    # The cheap guest lessons fill the capped room and no more (the plan is minimal).
    assert result.best.units.get("gastles", 0) * Decimal(150) <= Decimal("6000.00") + 150
    for row in t.activities:
        assert row.not_counted == (), (row.label, row.not_counted)


def test_infeasible_request_says_what_blocks_it() -> None:
    tender = _tender("haaglanden")
    options = (OptionSpec(id="ww", template=_person("ww", 36), cost_per_unit="7000", max_units=1),)
    result = optimise(PlanRequest(tender=tender, options=options))
    assert result.best is None and result.diagnosis is not None
    # One WW person full-time for a year counts 20.000 of the 60.000 needed.
    assert result.diagnosis.max_counted_cents == 20_000_00
    assert any(r.code == "max_units" and r.subject == "ww" for r in result.diagnosis.reasons)
    assert "Niet haalbaar" in result.table("nl")
