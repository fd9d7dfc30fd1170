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
from bouwblokken.display.plans import plan_result_dict
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


def _opt(oid: str, template: Activity, cost: str, most: int) -> OptionSpec:
    """A person option: each unit one placement like ``template``."""
    return OptionSpec(id=oid, template=template, cost_per_unit=cost, max_units=most)


def _div(oid: str, cost: str, most: int, block: str, **step: object) -> OptionSpec:
    """A divisible option: each unit one step (``hours=1``, ``invoice_amount="100"`` …)."""
    template = Activity(block=block, **step)  # type: ignore[arg-type]
    return OptionSpec(
        id=oid, kind="divisible", template=template, cost_per_unit=cost, max_units=most
    )


OPTIONS: dict[str, tuple[dict[str, object], list[OptionSpec]]] = {
    "haaglanden": (
        {},
        [
            _opt("pw", _person("participatiewet", 24), "9000", 2),
            _opt("pw55", _person("participatiewet", 32, age=58), "15000", 1),
            _opt("bbl", _person("leerbaan_bbl_niveau_3_plus", 36), "5000", 2),
            _opt("ww", _person("ww", 36), "7000", 2),
            _div("begeleiding", "100", 150, "opleiding_begeleiding", costs="100"),
        ],
    ),
    "utrecht": (
        {"percentage": "5"},
        [
            _opt("pw", _person("participatiewet", 32), "12000", 2),
            _opt("bol", _person("bol_niveau_2_3_4", 20, months=6), "1500", 3),
            _div("inkoop", "8", 200, "inkoop_sociale_onderneming", invoice_amount="100"),
            _div("project", "55", 120, "maatschappelijk_project_uren", hours=1),
        ],
    ),
    "leiden": (
        {"percentage": "5"},
        [
            _opt("pwab", _person("participatiewet_arbeidsbeperking", 24), "16000", 1),
            _opt("wia", _person("wia", 36, age=56), "14000", 2),
            _opt("bol", _person("bol_stage", 20, months=6), "800", 4),
            _div("sw", "6", 300, "sw_bedrijf", invoice_amount="100"),
        ],
    ),
    "oost_nederland": (
        {},
        [
            _opt("pw", _person("participatiewet_langer_dan_2_jaar", 36), "10000", 2),
            _opt(
                "wep",
                Activity(
                    block="werkervaringsplaats", start=date(2025, 5, 1), end=date(2025, 10, 31)
                ),
                "1200",
                3,
            ),
            # one learning-work year, dated: the block is read pro rata by duration (issue 8)
            _opt(
                "bbl",
                Activity(block="bbl_niveau_1_2", start=date(2025, 1, 1), end=date(2025, 12, 31)),
                "6000",
                2,
            ),
            _div("pso", "3", 500, "inkoop_pso_trede_2", invoice_amount="100"),
            _div("mvo", "60", 200, "mvo_activiteit_uren", hours=1),
        ],
    ),
}


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
        _div("gastles", "10", 400, "gastles", activities=1, days=1),
        _opt("pw", _person("participatiewet", 36), "20000", 3),
        _opt("ww", _person("ww", 36), "9000", 3),
    )
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
    options = (_opt("ww", _person("ww", 36), "7000", 1),)
    result = optimise(PlanRequest(tender=tender, options=options))
    assert result.best is None and result.diagnosis is not None
    # One WW person full-time for a year counts 20.000 of the 60.000 needed.
    assert result.diagnosis.max_counted_cents == 20_000_00
    assert any(r.code == "max_units" and r.subject == "ww" for r in result.diagnosis.reasons)
    assert "Niet haalbaar" in result.table("nl")
    # The plans document carries the reasons in Dutch and in English.
    (reason,) = [
        r for r in plan_result_dict(result)["diagnosis"]["reasons"] if r["code"] == "max_units"
    ]
    assert reason["message_nl"] == "optie 'ww' staat op haar maximum van 1 eenheid"
    assert reason["message_en"] == "option 'ww' is at its maximum of 1 unit"


@pytest.mark.parametrize("complete", [True, False])
def test_a_frontier_cut_short_says_so_in_both_languages(
    complete: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the frontier stopped by the time limit after its first two points: the plan keeps them
    # and says, in Dutch and English, that more may follow
    from bouwblokken.optimize import plan as plan_module
    from bouwblokken.optimize.frontier import Frontier, pareto_people

    def cut(problem: object, **kwargs: object) -> Frontier:
        whole = pareto_people(problem, time_limit=None)  # type: ignore[arg-type]
        return whole if complete else Frontier(whole[:2], complete=False)

    monkeypatch.setattr(plan_module, "pareto_people", cut)
    terms, options = OPTIONS["haaglanden"]
    result = optimise(PlanRequest(tender=_tender("haaglanden", **terms), options=tuple(options)))
    nl = [n for n in result.notes_nl if "Paretofront" in n]
    en = [n for n in result.notes if "frontier" in n]
    if complete:
        assert (nl, en) == ([], [])
        assert len(result.pareto) > 2
    else:
        assert len(result.pareto) == 2
        assert nl == [
            "het Paretofront (kosten tegen aantal geholpen personen) is onvolledig: de "
            "tijdslimiet liep af na 2 punten"
        ]
        assert en == [
            "the people-against-cost frontier is incomplete: the time limit ran out after 2 points"
        ]
