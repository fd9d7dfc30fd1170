"""The monitor per reporting period, double counting across suppliers, shortfall settlements.

Expected amounts by hand from the Utrecht table (Participatiewet € 40.000 per full-time year of
36 hours) over whole calendar years, so every reading of duration gives exactly one year.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.portfolio.conftest import FULL, activity, contract, declared, portfolio

from bouwblokken.portfolio import Penalty, Portfolio
from bouwblokken.portfolio.duplicates import shared_persons
from bouwblokken.portfolio.monitor import monitor
from bouwblokken.portfolio.periods import DRENTHE_AGENDA, ReportingPeriod, periods_between
from bouwblokken.portfolio.settlement import settle_amounts

D = Decimal


def test_periods() -> None:
    q = ReportingPeriod.quarter(2024, 1)
    assert (q.start, q.end, q.label_nl) == (date(2024, 1, 1), date(2024, 3, 31), "2024 K1")
    assert ReportingPeriod.half_year(2023, 2).start == date(2023, 7, 1)
    assert (DRENTHE_AGENDA.start, DRENTHE_AGENDA.end) == (date(2021, 1, 1), date(2024, 12, 31))
    qs = periods_between("quarter", date(2023, 2, 1), date(2024, 12, 31))
    assert [p.label_nl for p in qs][:2] == ["2023 K1", "2023 K2"] and len(qs) == 8
    with pytest.raises(ValueError):
        ReportingPeriod.quarter(2024, 5)


def test_year_report_by_hand(two_suppliers: Portfolio) -> None:
    r = monitor(two_suppliers, ReportingPeriod.year(2023))
    bouw, groen = r.contract("bouw-1"), r.contract("groen-1")
    # Obligation 5% × € 1.000.000 = € 50.000 for each contract.
    assert bouw.obligation == groen.obligation == D("50000.00")
    # bouw-1: a1 40 000 × 36/36 × 1 year + a2 40 000 × 18/36 × 1 year = 60 000 in 2023.
    assert bouw.realised_to_date == bouw.realised_in_period == D("60000.00")
    # a3 (planned, 2024): 40 000 × 1; forecast 60 000 + 40 000 = 100 000.
    assert bouw.planned == D("40000.00") and bouw.forecast == D("100000.00")
    # Path on 2023-12-31: 50 000 × 365/731 contract days = 24 965.800... → € 24.965,80.
    assert bouw.path == D("24965.80") and not bouw.behind_path and not bouw.at_risk
    assert bouw.path_line is not None
    assert bouw.path_line.nl == "pad: €\u00a050.000,00 × 365/731 contractdagen = €\u00a024.965,80"
    assert bouw.path_line.en == "path: €50,000.00 × 365/731 contract days = €24,965.80"
    # groen-1 loses p1 to bouw-1 (older contract): nothing counts; behind and at risk.
    assert groen.realised_to_date == 0 and groen.behind_path and groen.at_risk
    # groen-1's path: 50 000 × 334/731 (2023-02-01..2023-12-31 of 2023-02-01..2025-01-31)
    # = 22 845.417... → € 22.845,42.
    assert groen.path == D("22845.42")
    assert r.totals.realised_to_date == D("60000.00")
    assert r.totals.at_risk == 1 and r.totals.behind_path == 1
    # The next year: nothing new realised (a3 is only planned), to date unchanged.
    r24 = monitor(two_suppliers, ReportingPeriod.year(2024))
    b24 = r24.contract("bouw-1")
    assert b24.realised_in_period == 0 and b24.realised_to_date == D("60000.00")
    assert b24.path == D("50000.00")  # the whole contract has elapsed


def test_double_count_list(two_suppliers: Portfolio) -> None:
    r = monitor(two_suppliers, ReportingPeriod.year(2023))
    (d,) = r.double_counts
    assert (d.person, d.contract, d.supplier, d.activity) == ("p1", "groen-1", "groen", "g1")
    assert d.claimed_by == ("bouw-1/a1",) and d.cross_supplier
    # The cut days: groen-1 starts 2023-02-01, so p1's days from then to the year end.
    assert d.periods == ((date(2023, 2, 1), date(2023, 12, 31)),)
    # g1 is worth 40 000 (one full-time year); January is outside groen-1's contract, the
    # rest is cut as double counting: together exactly 40 000.
    g1 = r.result.tender("groen-1").realised_activities[0]
    outside = sum(nc.amount for nc in g1.not_counted if nc.reason == "outside_contract")
    assert d.amount + outside == D("40000.00") and d.amount > D("36000")
    assert shared_persons(two_suppliers) == {"p1": ("bouw", "groen")}
    # Only one buyer's contracts listed, but counted across the whole portfolio.
    assen = monitor(two_suppliers, ReportingPeriod.year(2023), buyer="assen")
    assert [c.id for c in assen.contracts] == ["groen-1"]
    assert assen.contract("groen-1").realised_to_date == 0
    assert len(assen.double_counts) == 1


def test_declared_view_versus_approved() -> None:
    p = portfolio(
        [
            contract(
                "c",
                "bouw",
                [
                    activity("a", "p1", "2023-01-01", "2023-12-31", history=FULL),
                    activity(
                        "b", "p2", "2023-01-01", "2023-12-31", history=[declared("2024-01-02")]
                    ),
                ],
            )
        ]
    )
    period = ReportingPeriod.year(2023)
    app = monitor(p, period, view="approved").contract("c")
    dec = monitor(p, period, view="declared").contract("c")
    assert app.realised_to_date == D("40000.00")  # only a
    assert dec.realised_to_date == D("80000.00")  # a and b, 2 × 40 000
    assert app.planned == D("40000.00")  # b awaits approval: still a commitment
    assert app.forecast == dec.forecast == D("80000.00")


@pytest.mark.parametrize(
    ("penalty", "counted", "fine"),
    [
        # obligation 50 000; shortfall 50 000 − 30 000 = 20 000.
        (Penalty(kind="shortfall"), "30000", "20000.00"),
        (Penalty(kind="percentage", percentage="25"), "30000", "5000.00"),  # 25% × 20 000
        (Penalty(kind="per_euro", amount="0.50"), "30000", "10000.00"),  # 0,50 × 20 000
        (Penalty(kind="per_euro", amount="1.50", cap="25000"), "30000", "25000.00"),  # 30 000 > cap
        (Penalty(kind="buy_off", percentage="80"), "30000", "16000.00"),  # 80% × 20 000
        (Penalty(kind="buy_off"), "30000", "20000.00"),  # 100% by default
        # tolerance 10% × 50 000 = 5 000: a shortfall of 4 000 goes free; 6 000 does not.
        (Penalty(kind="shortfall", tolerance_percent="10"), "46000", "0.00"),
        (Penalty(kind="shortfall", tolerance_percent="10"), "44000", "6000.00"),
        # 33,3333% × 10 000,01 = 3 333,33... → € 3.333,33 (one rounding, half up).
        (Penalty(kind="percentage", percentage="33.3333"), "39999.99", "3333.33"),
        (Penalty(kind="shortfall"), "60000", "0.00"),  # no shortfall
        (None, "30000", "0.00"),  # no consequence stated
    ],
)
def test_fines_by_hand(penalty: Penalty | None, counted: str, fine: str) -> None:
    shortfall, paid, lines, _, _ = settle_amounts(D("50000.00"), D(counted), penalty)
    assert shortfall == max(D("50000.00") - D(counted), D(0))
    assert paid == D(fine)
    assert lines and all(ln.nl and ln.en for ln in lines)
    if counted == "60000":  # more than the obligation: the trail says so in words
        nb = "\u00a0"
        assert lines[0].nl == f"geen tekort: €{nb}60.000,00 geteld, verplichting €{nb}50.000,00"


def test_settlements_in_the_report() -> None:
    p = portfolio(
        [
            contract(
                "c",
                "bouw",
                [activity("a", "p1", "2023-01-01", "2023-12-31", history=FULL)],
                penalty={"kind": "percentage", "percentage": "50", "cap": "4000"},
            )
        ]
    )
    # During the contract: a forecast. 50 000 − 40 000 = 10 000; 50% = 5 000; cap 4 000.
    s = monitor(p, ReportingPeriod.year(2023)).contract("c").settlement
    assert s is not None and s.basis == "forecast" and s.fine == D("4000.00") and s.capped
    # After the contract end (2024-12-31): final, on what was approved.
    s = monitor(p, ReportingPeriod.year(2024)).contract("c").settlement
    assert s is not None and s.basis == "final" and s.shortfall == D("10000.00")
    assert "begrensd" in s.explain("nl") and "capped" in s.explain("en")


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 2),  # contract
            st.integers(0, 5),  # person
            st.sampled_from(["planned", "declared", "approved"]),
            st.sampled_from(["12", "18", "36"]),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_report_properties(rows: list[tuple[int, int, str, str]]) -> None:
    """Totals equal the sum of the contract rows; with every person in one activity only,
    approval never counts more than was declared, per contract."""
    acts: dict[int, list[dict[str, object]]] = {0: [], 1: [], 2: []}
    used: set[int] = set()
    for n, (c, person, status, hours) in enumerate(rows):
        if person in used:
            continue
        used.add(person)
        history = {"planned": [], "declared": FULL[:1], "approved": FULL}[status]
        acts[c].append(
            activity(f"a{n}", f"p{person}", "2023-01-01", "2023-12-31", hours, history=history)
        )
    p = portfolio([contract(f"c{c}", f"s{c}", acts[c]) for c in acts])
    period = ReportingPeriod.year(2023)
    app, dec = monitor(p, period, view="approved"), monitor(p, period, view="declared")
    for rep in (app, dec):
        t = rep.totals
        assert t.realised_to_date == sum(r.realised_to_date for r in rep.contracts)
        assert t.forecast == sum(r.forecast for r in rep.contracts)
        assert t.obligation == sum(r.obligation for r in rep.contracts)
        assert t.fines == sum(r.settlement.fine for r in rep.contracts if r.settlement)
    for a, d in zip(app.contracts, dec.contracts, strict=True):
        assert a.realised_to_date <= d.realised_to_date
        assert a.forecast == d.forecast


@settings(max_examples=5, deadline=None)
@given(st.integers(0, 1000))
def test_a_buyers_report_equals_its_rows_in_the_whole_report(seed: int) -> None:
    """Counting is per person: one buyer's contracts plus their persons' other activities
    count exactly as in the whole portfolio."""
    from bouwblokken.portfolio import read_portfolio
    from bouwblokken.portfolio.synthetic import synthetic_document

    p = read_portfolio(synthetic_document(150, seed=seed, overlap_share=0.3))
    period = ReportingPeriod.quarter(2024, 2)
    whole = monitor(p, period)
    buyer = p.contracts[0].buyers[0]
    part = monitor(p, period, buyer=buyer)
    assert part.contracts
    for r in part.contracts:
        w = whole.contract(r.id)
        assert (r.realised_to_date, r.realised_before, r.forecast, r.planned) == (
            w.realised_to_date,
            w.realised_before,
            w.forecast,
            w.planned,
        )
    assert {(d.contract, d.activity, d.amount) for d in part.double_counts} <= {
        (d.contract, d.activity, d.amount) for d in whole.double_counts
    }


@settings(max_examples=4, deadline=None)
@given(st.integers(0, 1000), st.sampled_from(["approved", "declared"]))
def test_the_batch_engine_reports_the_same(seed: int, view: str) -> None:
    from bouwblokken.portfolio import read_portfolio
    from bouwblokken.portfolio.synthetic import synthetic_document

    p = read_portfolio(synthetic_document(200, seed=seed, overlap_share=0.2))
    period = ReportingPeriod.quarter(2024, 1)
    exact = monitor(p, period, view=view)  # type: ignore[arg-type]
    batch = monitor(p, period, view=view, engine="batch")  # type: ignore[arg-type]
    assert batch.totals == exact.totals
    for a, b in zip(exact.contracts, batch.contracts, strict=True):
        assert (a.realised_to_date, a.realised_before, a.planned, a.forecast, a.path) == (
            b.realised_to_date,
            b.realised_before,
            b.planned,
            b.forecast,
            b.path,
        )
        assert (a.settlement and a.settlement.fine) == (b.settlement and b.settlement.fine)
    key = {(d.contract, d.activity, d.amount, d.periods) for d in exact.double_counts}
    assert {(d.contract, d.activity, d.amount, d.periods) for d in batch.double_counts} == key


def test_realised_before_the_period_by_hand() -> None:
    """Realised to date on the day before the period, partly taken from the later evaluation
    (placements that ended), partly counted again (placements running past that day)."""
    from tests.portfolio.conftest import FULL as OK

    p = portfolio(
        [
            contract(
                "c",
                "bouw",
                [
                    # Running past 2023-06-30: counted again. 40 000 × 6/12 = 20 000.
                    activity("a1", "p1", "2023-01-01", "2023-12-31", history=OK),
                    # Ended by then: reused. 40 000 × 18/36 × 3/12 = 5 000.
                    activity("b1", "p2", "2023-01-01", "2023-03-31", "18", history=OK),
                    # Starts in the period: not realised on 2023-06-30.
                    activity("b2", "p2", "2023-07-01", "2023-09-30", history=OK),
                    # Without a person, an invoice excl. VAT: 12 000 (reused).
                    activity(
                        "f1",
                        None,
                        "2023-03-01",
                        "2023-03-01",
                        block="inkoop_sociale_onderneming",
                        invoice_amount="12000",
                        history=OK,
                    ),
                    activity("x", "p1", "2024-01-01", "2024-06-30"),  # planned
                ],
            )
        ]
    )
    q3 = ReportingPeriod.quarter(2023, 3)
    for engine in ("exact", "batch"):
        r = monitor(p, q3, engine=engine).contract("c")  # type: ignore[arg-type]
        assert r.realised_before == D("37000.00")  # 20 000 + 5 000 + 12 000
        # In Q3: a1 3 months 10 000, b2 3 months full-time 10 000.
        assert r.realised_in_period == D("20000.00")
        assert r.realised_to_date == D("57000.00")


@pytest.mark.parametrize("seed", [3, 8])
def test_realised_before_equals_counting_again(seed: int) -> None:
    """Differential: the monitor's realised-before equals the exact ledger evaluated on the
    whole portfolio on the day before the period, both views, both engines."""
    import json

    from bouwblokken.ledger import evaluate
    from bouwblokken.portfolio import read_portfolio
    from bouwblokken.portfolio.synthetic import synthetic_document

    p = read_portfolio(json.dumps(synthetic_document(300, seed=seed)))
    for q, view, known in [
        (ReportingPeriod.quarter(2022, 2), "approved", None),
        (ReportingPeriod.quarter(2023, 4), "declared", None),
        (ReportingPeriod.half_year(2024, 1), "approved", date(2024, 3, 1)),
    ]:
        d = q.day_before
        ref = evaluate(p.ledger(view, known_on=known, as_of=d), as_of=d)  # type: ignore[arg-type]
        want = {t.tender.id: t.realised.counted for t in ref.tenders}
        for engine in ("exact", "batch"):
            got = monitor(p, q, view=view, known_on=known, engine=engine)  # type: ignore[arg-type]
            assert {r.id: r.realised_before for r in got.contracts} == want


def test_realised_before_with_a_share_cap_counts_everything_again(tmp_path: Path) -> None:
    """A share cap is a cap over a whole contract, so no amount can be taken over from the
    later date: the day before is counted again. The capregion test fixture caps community
    activities at 10 % of the obligation (5 % × € 1.000.000 = € 50.000: € 5.000); here with a
    dated community block added (€ 20.000 a full-time year, days as 1/365 of a year)."""
    import shutil

    from tests.portfolio.conftest import FULL as OK

    from bouwblokken.catalog.registry import Registry
    from bouwblokken.ledger import evaluate
    from bouwblokken.portfolio import read_portfolio

    src = Path(__file__).parents[1] / "fixtures" / "catalogs" / "capregion" / "2024-01.toml"
    (tmp_path / "capregion").mkdir()
    shutil.copy(src, tmp_path / "capregion" / "2024-01.toml")
    with (tmp_path / "capregion" / "2024-01.toml").open("a", encoding="utf-8") as f:
        f.write(
            '\n[[blocks]]\nid = "buurtwerk"\nlabel_nl = "Buurtwerk"'
            '\nlabel_en = "Neighbourhood work"'
            '\ncategory = "community"\nrule = { kind = "per_year", amount = 20000 }\n'
        )
    reg = Registry([tmp_path])
    acts = [
        {  # running past the day before: counted again
            "activity": {
                "id": "a",
                "person": "p1",
                "block": "buurtwerk",
                "hours_per_week": "36",
                "start": "2024-01-01",
                "end": "2024-12-31",
            },
            "history": OK,
        },
        {  # without a person, ended: would be taken over without the share cap
            "activity": {
                "id": "b",
                "block": "gastles",
                "activities": 40,
                "days": 40,
                "start": "2024-02-01",
                "end": "2024-02-01",
            },
            "history": OK,
        },
    ]
    p = read_portfolio(
        {
            "buyers": [{"id": "kapland"}],
            "persons": [{"id": "p1"}],
            "contracts": [
                {
                    "tender": {
                        "id": "k",
                        "catalog": "capregion",
                        "contract_value": "1000000",
                        "contract_date": "2024-01-01",
                        "start": "2024-01-01",
                        "end": "2025-12-31",
                    },
                    "buyers": ["kapland"],
                    "supplier": "s",
                    "activities": acts,
                }
            ],
        }
    )
    q2 = ReportingPeriod.quarter(2024, 2)
    d = q2.day_before
    # At the period's end a (20 000 × 183/365 = 10 027,40) takes the whole room: b counts 0.
    end = evaluate(p.ledger(as_of=q2.end), as_of=q2.end, registry=reg).tender("k")
    assert [r.counted for r in end.realised_activities] == [D("5000.00"), D("0.00")]
    ref = evaluate(p.ledger(as_of=d), as_of=d, registry=reg).tender("k").realised.counted
    # On 2024-03-31 a counts 20 000 × 91/365 = 4 986,30 and leaves 13,70 of the room for b
    # (40 lessons × € 150 = € 6.000): together the cap, € 5.000,00.
    assert ref == D("5000.00")
    for engine in ("exact", "batch"):
        r = monitor(p, q2, registry=reg, engine=engine).contract("k")  # type: ignore[arg-type]
        assert r.realised_before == ref


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 2),  # contract
            st.integers(0, 3),  # person (few: placements overlap and share limits)
            st.sampled_from(["ww", "participatiewet", "wia", "werkzoekende_zonder_uitkering"]),
            st.integers(0, 700),  # start, days after 2023-01-01
            st.integers(0, 400),  # length in days
            st.sampled_from(["18", "24", "36"]),
            st.sampled_from(["approved", "declared", "planned"]),
        ),
        min_size=1,
        max_size=10,
    ),
    st.integers(1, 8),  # quarter 2023 K2 .. 2025 K1
)
def test_realised_before_property(
    rows: list[tuple[int, int, str, int, int, str, str]], q: int
) -> None:
    """Whatever the placements (overlapping, sharing a person's week and counting limit,
    running across the period's start), realised-before is the exact evaluation of the whole
    portfolio on the day before the period (Haaglanden: months as twelfths, WW 12 months)."""
    from datetime import timedelta

    from bouwblokken.ledger import evaluate
    from bouwblokken.portfolio import read_portfolio

    base = date(2023, 1, 1)
    steps = {
        "approved": [
            {"status": "declared", "on": "2025-06-01", "by": "s"},
            {"status": "evidenced", "on": "2025-06-02", "documents": ["payslips"]},
            {"status": "approved", "on": "2025-06-03", "by": "desk"},
        ],
        "declared": [{"status": "declared", "on": "2025-06-01", "by": "s"}],
        "planned": [],
    }
    acts: dict[int, list[dict[str, object]]] = {0: [], 1: [], 2: []}
    for n, (c, person, block, start, length, hours, status) in enumerate(rows):
        s = base + timedelta(days=start)
        act = {
            "id": f"a{n}",
            "person": f"p{person}",
            "block": block,
            "hours_per_week": hours,
            "start": str(s),
            "end": str(s + timedelta(days=length)),
        }
        acts[c].append({"activity": act, "history": steps[status]})
    contracts = [
        {
            "tender": {
                "id": f"c{c}",
                "catalog": "haaglanden@2023-07",
                "contract_value": "1000000",
                "contract_date": "2023-07-01",
                "start": f"2023-0{c + 1}-01",
                "end": "2025-06-30",
            },
            "buyers": ["b"],
            "supplier": f"s{c % 2}",
            "activities": acts[c],
        }
        for c in acts
    ]
    persons = sorted({a["activity"]["person"] for c in acts.values() for a in c})  # type: ignore[index]
    p = read_portfolio(
        {
            "buyers": [{"id": "b"}],
            "persons": [{"id": x} for x in persons],
            "contracts": contracts,
        }
    )
    year, quarter = 2023 + q // 4, q % 4 + 1
    period = ReportingPeriod.quarter(year, quarter)
    d = period.day_before
    for view in ("approved", "declared"):
        ref = evaluate(p.ledger(view, as_of=d), as_of=d)  # type: ignore[arg-type]
        want = {t.tender.id: t.realised.counted for t in ref.tenders}
        for engine in ("exact", "batch"):
            got = monitor(p, period, view=view, engine=engine)  # type: ignore[arg-type]
            assert {r.id: r.realised_before for r in got.contracts} == want
