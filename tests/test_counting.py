"""Counting people the way social-return desks count them (issue 8).

Each test is one bullet of the issue, with the desk's number written out by hand from the
published rule (catalogs.md §2 for Haaglanden: values per year of 36 hours; WW counts at most
12 months, Participatiewet 24). Months are twelfths by the kalenderdagenmethode: a whole
calendar month is 1/12 year.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from bouwblokken import Activity, Ledger, Person, Tender, evaluate, load_catalog, value_activity
from bouwblokken.catalog.registry import Registry
from bouwblokken.errors import ValuationError
from bouwblokken.ledger import LedgerResult

FIXTURES = Path(__file__).parent / "fixtures" / "catalogs"


def cents(x: Fraction) -> Decimal:
    """Half up to cents, by hand (independent of bouwblokken.money)."""
    c = x * 100
    whole = c.numerator // c.denominator
    if c - whole >= Fraction(1, 2):
        whole += 1
    return Decimal(whole) / 100


def tender(tid: str, *acts: Activity, catalog: str = "haaglanden", **kw: object) -> Tender:
    terms: dict[str, object] = {
        "contract_value": "1000000",
        "contract_date": date(2023, 12, 1),
        "start": date(2024, 1, 1),
        "end": date(2027, 12, 31),
    }
    terms.update(kw)
    return Tender(id=tid, catalog=catalog, activities=acts, **terms)  # type: ignore[arg-type]


def run(
    *tenders: Tender, persons: tuple[Person, ...] = (Person(id="P1"),), **kw: object
) -> LedgerResult:
    return evaluate(Ledger(persons=persons, tenders=tenders), **kw)  # type: ignore[arg-type]


def row(result: LedgerResult, tid: str, aid: str, view: str = "forecast"):  # type: ignore[no-untyped-def]
    t = result.tender(tid)
    rows = t.activities if view == "forecast" else t.realised_activities
    return next(r for r in rows if r.activity.id == aid)


def lost(r) -> dict[str, Decimal]:  # type: ignore[no-untyped-def]
    out: dict[str, Decimal] = {}
    for nc in r.not_counted:
        out[nc.reason] = out.get(nc.reason, Decimal("0")) + nc.amount
    return out


# --- 12 months is a year ----------------------------------------------------------------------


def test_readme_example_twelve_months_is_one_year() -> None:
    # 1 March 2024 – 28 February 2025 is 12 whole calendar months: 12/12 year, leap day or not.
    # € 40.000 × 24/36 × 12/12 + € 10.000 (55+) × 24/36 × 12/12 = 26.666,67 + 6.666,67
    expected = cents(Fraction(40000) * Fraction(24, 36) + Fraction(10000) * Fraction(24, 36))
    assert expected == Decimal("33333.33")
    v = value_activity(
        Activity(
            block="participatiewet",
            age=57,
            hours_per_week=24,
            start=date(2024, 3, 1),
            end=date(2025, 2, 28),
        ),
        load_catalog("haaglanden"),
    )
    assert v.amount == expected
    assert "€ 40.000,00 × 24/36 uur × 12/12 maanden = € 26.666,67" in v.explain()


def test_july_to_june_across_a_leap_year_is_one_year() -> None:
    # 1 July 2023 – 30 June 2024 at 20 h: € 40.000 × 20/36 × 12/12 = € 22.222,22 (not 1,0014 years)
    v = value_activity(
        Activity(
            block="participatiewet",
            hours_per_week=20,
            start=date(2023, 7, 1),
            end=date(2024, 6, 30),
        ),
        load_catalog("haaglanden"),
    )
    assert v.amount == cents(Fraction(40000) * Fraction(20, 36)) == Decimal("22222.22")


def test_part_months_count_their_days_of_that_month() -> None:
    # 15 January – 14 March 2025: 17/31 (Jan) + 1 (Feb) + 14/31 (Mar) = 2 months.
    # € 20.000 × 36/36 × 2/12 = € 3.333,33
    v = value_activity(
        Activity(block="ww", hours_per_week=36, start=date(2025, 1, 15), end=date(2025, 3, 14)),
        load_catalog("haaglanden"),
    )
    assert v.amount == cents(Fraction(20000) * 2 / 12) == Decimal("3333.33")
    assert "(1 + 17/31 + 14/31)/12 maanden" in v.explain()


# --- two part-time placements of one person ----------------------------------------------------


def _pw(
    aid: str,
    hours: int,
    start: date = date(2025, 1, 1),
    end: date = date(2025, 12, 31),
    status: str = "planned",
) -> Activity:
    return Activity(
        id=aid,
        person="P1",
        block="participatiewet",
        hours_per_week=hours,
        start=start,
        end=end,
        status=status,
    )  # type: ignore[arg-type]


def test_two_part_time_placements_both_count() -> None:
    # 18 h in tender 1 and 18 h in tender 2 on the same days: each € 40.000 × 18/36 × 12/12 =
    # € 20.000; together one full-time week, nothing cut.
    res = run(tender("T1", _pw("a", 18)), tender("T2", _pw("b", 18)))
    assert row(res, "T1", "a").counted == Decimal("20000.00")
    assert row(res, "T2", "b").counted == Decimal("20000.00")


def test_hours_above_one_full_week_across_placements_do_not_count() -> None:
    # 24 h + 24 h: the first counts 24/36, the second only the 12 h left of the 36-hour week:
    # € 40.000 × 12/36 = € 13.333,33 counted; not counted is the rest of the full value
    # € 40.000 × 24/36 = € 26.666,67, so € 13.333,34 (counted + not counted = full value).
    res = run(tender("T1", _pw("a", 24)), tender("T2", _pw("b", 24)))
    b = row(res, "T2", "b")
    assert row(res, "T1", "a").counted == cents(Fraction(40000 * 24, 36))
    assert b.counted == cents(Fraction(40000 * 12, 36)) == Decimal("13333.33")
    assert lost(b) == {"person_week_cap": Decimal("26666.67") - Decimal("13333.33")}
    assert "T1/a" in b.not_counted[0].nl


def test_week_cap_only_on_the_days_that_overlap() -> None:
    # 36 h all of 2025 in T1; 18 h July–December 2025 in T2: on those days the week is full,
    # so T2 counts nothing; € 40.000 × 18/36 × 6/12 = € 10.000 not counted.
    res = run(
        tender("T1", _pw("a", 36)), tender("T2", _pw("b", 18, date(2025, 7, 1), date(2025, 12, 31)))
    )
    b = row(res, "T2", "b")
    assert b.counted == Decimal("0.00")
    assert lost(b) == {"person_week_cap": Decimal("10000.00")}


def test_a_fully_cut_placement_shows_what_it_was_worth_then_the_cut() -> None:
    # T2's placement is cut whole by the week cap: the trail says € 40.000 × 18/36 uur × 6/12
    # maanden = € 10.000 before the cut and that none of it counts, not "0/12 maanden".
    res = run(
        tender("T1", _pw("a", 36)), tender("T2", _pw("b", 18, date(2025, 7, 1), date(2025, 12, 31)))
    )
    text = row(res, "T2", "b").valuation.explain("nl").replace("\xa0", " ")
    assert "× 18/36 uur × 6/12 maanden = € 10.000,00; telt niet, zie hieronder: € 0,00" in text
    assert "0/12 maanden" not in text
    assert "telt niet: samen met T1/a" in text


# --- counting limits on counted time -----------------------------------------------------------


def _ww(aid: str, start: date, end: date, status: str = "planned", hours: int = 36) -> Activity:
    return Activity(
        id=aid, person="P1", block="ww", hours_per_week=hours, start=start, end=end, status=status
    )  # type: ignore[arg-type]


def test_limit_runs_on_counted_time_not_on_the_calendar() -> None:
    # WW counts at most 12 months. 6 months (Jan–Jun 2024), a gap of 6 months, 6 months in
    # another contract (Jan–Jun 2025): € 20.000 × 6/12 + € 20.000 × 6/12 = € 20.000.
    res = run(
        tender("T1", _ww("a", date(2024, 1, 1), date(2024, 6, 30))),
        tender("T2", _ww("b", date(2025, 1, 1), date(2025, 6, 30))),
    )
    assert row(res, "T1", "a").counted == Decimal("10000.00")
    assert row(res, "T2", "b").counted == Decimal("10000.00")


def test_limit_reached_cuts_the_rest_and_says_where() -> None:
    # After 12 counted months, a third placement (Jan–Mar 2026) counts nothing:
    # € 20.000 × 3/12 = € 5.000 not counted, reason counting_limit.
    res = run(
        tender("T1", _ww("a", date(2024, 1, 1), date(2024, 6, 30))),
        tender(
            "T2",
            _ww("b", date(2025, 1, 1), date(2025, 6, 30)),
            _ww("c", date(2026, 1, 1), date(2026, 3, 31)),
        ),
    )
    c = row(res, "T2", "c")
    assert c.counted == Decimal("0.00")
    assert lost(c) == {"counting_limit": Decimal("5000.00")}
    text = c.valuation.explain()
    assert "12 maanden bereikt, waarvan 12 maanden al in andere plaatsingen (T1/a, T2/b)" in text


def test_parallel_placements_use_the_limit_once() -> None:
    # Two 18-hour WW placements in the same 12 months use 12 months of the limit, not 24:
    # each € 20.000 × 18/36 × 12/12 = € 10.000.
    res = run(
        tender("T1", _ww("a", date(2025, 1, 1), date(2025, 12, 31), hours=18)),
        tender("T2", _ww("b", date(2025, 1, 1), date(2025, 12, 31), hours=18)),
    )
    assert row(res, "T1", "a").counted == row(res, "T2", "b").counted == Decimal("10000.00")


def test_gaps_shorter_than_stated_are_bridged() -> None:
    # Balieland's Friese-Eis WW block: 12 months, gaps under 6 months count as time.
    # Jan–Jun 2025 (6), gap Jul–Aug (2, bridged), Sep 2025–Feb 2026: only Sep–Dec 2025 fits
    # (6 + 2 + 4 = 12): € 20.000 × 4/12 = € 6.666,67; without bridging it would be 6 months.
    reg = Registry([FIXTURES])
    a = Activity(
        id="a",
        person="P1",
        block="ww_friese_eis",
        hours_per_week=36,
        start=date(2025, 1, 1),
        end=date(2025, 6, 30),
    )
    b = Activity(
        id="b",
        person="P1",
        block="ww_friese_eis",
        hours_per_week=36,
        start=date(2025, 9, 1),
        end=date(2026, 2, 28),
    )
    res = run(
        tender(
            "T1", a, b, catalog="deskregion", contract_date=date(2025, 1, 1), start=date(2025, 1, 1)
        ),
        registry=reg,
    )
    assert row(res, "T1", "a").counted == Decimal("10000.00")
    assert row(res, "T1", "b").counted == cents(Fraction(20000 * 4, 12)) == Decimal("6666.67")


def test_worked_hours_limit_against_annual_hours() -> None:
    # Friesregion counts hours worked ÷ 1.800 annual hours; 24 months = 3.600 hours per person.
    # 1.500 h + 1.500 h count € 20.000 × 1.500/1.800 = € 16.666,67 each; the third 1.500 h only
    # the 600 h left: € 20.000 × 600/1.800 = € 6.666,67, and 900 h × € 20.000/1.800 = € 10.000
    # does not count.
    reg = Registry([FIXTURES])
    acts = [
        Activity(
            id=f"h{i}",
            person="P1",
            block="ww",
            hours=1500,
            start=date(2025 + i, 1, 1),
            end=date(2025 + i, 12, 31),
        )
        for i in range(3)
    ]
    res = run(
        tender(
            "T1",
            *acts,
            catalog="friesregion",
            contract_date=date(2025, 1, 1),
            start=date(2025, 1, 1),
        ),
        registry=reg,
    )
    assert row(res, "T1", "h0").counted == row(res, "T1", "h1").counted == Decimal("16666.67")
    third = row(res, "T1", "h2")
    assert third.counted == Decimal("6666.67")
    assert lost(third) == {"counting_limit": Decimal("10000.00")}


# --- a plan never cuts what was realised --------------------------------------------------------


def test_plan_never_cuts_what_was_realised() -> None:
    # A planned, never-realised 12-month WW placement in 2024 (T1) and a realised one in
    # Jan–Jun 2025 (T2): the realised one counts € 20.000 × 6/12 = € 10.000 in both views; the
    # plan gets the 6 months of the limit that are left (Jan–Jun 2024): € 10.000.
    res = run(
        tender("T1", _ww("plan", date(2024, 1, 1), date(2024, 12, 31))),
        tender("T2", _ww("real", date(2025, 1, 1), date(2025, 6, 30), status="realised")),
    )
    assert row(res, "T2", "real").counted == Decimal("10000.00")
    assert row(res, "T2", "real", "realised").counted == Decimal("10000.00")
    assert row(res, "T1", "plan").counted == Decimal("10000.00")


def test_plan_never_takes_the_week_from_a_realised_placement() -> None:
    # Planned 36 h in the older contract, realised 36 h in a newer one on the same days: the
    # realised one counts in full (€ 40.000 × 12/12), the plan nothing.
    res = run(
        tender("T1", _pw("plan", 36), start=date(2023, 1, 1)),
        tender("T2", _pw("real", 36, status="realised"), start=date(2024, 6, 1)),
    )
    assert row(res, "T2", "real").counted == Decimal("40000.00")
    assert row(res, "T1", "plan").counted == Decimal("0.00")


# --- the peildatum ---------------------------------------------------------------------------


def _born(birth_date: date):  # type: ignore[no-untyped-def]
    """Participatiewet, 36 h, February–December 2025, in a tender awarded on 15-01-2025."""
    a = Activity(
        id="a",
        person="P1",
        block="participatiewet",
        hours_per_week=36,
        start=date(2025, 2, 1),
        end=date(2025, 12, 31),
    )
    t = tender("T1", a, contract_date=date(2025, 1, 15), start=date(2025, 1, 1))
    return row(run(t, persons=(Person(id="P1", birth_date=birth_date),)), "T1", "a")


def test_age_is_judged_on_the_award_date() -> None:
    # Haaglanden names no peildatum: the award date (contract_date 2025-01-15) is used. Born
    # 1970-03-10, the person is 54 then and turns 55 during the placement: no 55+ bonus; the
    # trail says so. € 40.000 × 36/36 × 11/12 (Feb–Dec 2025) = € 36.666,67.
    r = _born(date(1970, 3, 10))
    assert r.counted == cents(Fraction(40000 * 11, 12)) == Decimal("36666.67")
    text = r.valuation.explain()
    assert "wordt 55 op 10-03-2025" in text
    assert "54 jaar" in text


def test_age_on_the_award_date_gives_the_bonus() -> None:
    # Born 1969-12-01: 55 on the award date 2025-01-15, so the 55+ bonus counts:
    # (€ 40.000 + € 10.000) × 11/12 = € 45.833,33.
    assert (
        _born(date(1969, 12, 1)).counted == cents(Fraction(50000 * 11, 12)) == Decimal("45833.33")
    )


def test_age_and_birth_date_must_agree() -> None:
    with pytest.raises(ValuationError, match="does not match the birth date"):
        value_activity(
            Activity(
                block="participatiewet",
                hours_per_week=36,
                age=40,
                birth_date=date(1970, 3, 10),
                start=date(2025, 2, 1),
                end=date(2025, 12, 31),
            ),
            load_catalog("haaglanden"),
            peildatum=date(2025, 1, 15),
        )


# --- eligibility applied ------------------------------------------------------------------------


def _desk(*acts: Activity) -> LedgerResult:
    return run(
        tender(
            "T1",
            *acts,
            catalog="deskregion",
            contract_date=date(2025, 1, 15),
            start=date(2025, 1, 1),
        ),
        registry=Registry([FIXTURES]),
    )


def test_ww_after_recent_work_for_the_same_employer_counts_nothing() -> None:
    # Balieland: WW only if the person did not work for the same employer in the 6 months
    # before. Last worked 2025-01-01, placement from 2025-03-01: not eligible. The full value
    # € 20.000 × 10/12 = € 16.666,67 is reported as not counted, with the rule's reason.
    a = _ww("a", date(2025, 3, 1), date(2025, 12, 31)).model_copy(
        update={"last_worked_for_employer": date(2025, 1, 1)}
    )
    r = row(_desk(a), "T1", "a")
    assert r.counted == Decimal("0.00")
    assert lost(r) == {"ineligible_ww_prior_employment": Decimal("16666.67")}


def test_ww_with_a_long_gap_since_the_same_employer_counts() -> None:
    a = _ww("a", date(2025, 3, 1), date(2025, 12, 31)).model_copy(
        update={"last_worked_for_employer": date(2024, 8, 31)}
    )
    assert row(_desk(a), "T1", "a").counted == Decimal("16666.67")


def test_missing_fact_warns_naming_the_rule_and_still_counts() -> None:
    res = _desk(_ww("a", date(2025, 3, 1), date(2025, 12, 31)))
    assert row(res, "T1", "a").counted == Decimal("16666.67")
    (w,) = [w for w in res.warnings if w.code == "eligibility_fact_missing"]
    assert "last_worked_for_employer" in w.en and "6 maanden" in w.nl


@pytest.mark.parametrize(("months", "counted"), [(6, "0.00"), (7, "10000.00")])
def test_jobseeker_without_benefit_needs_more_than_six_months_registered(
    months: int, counted: str
) -> None:
    # "only after more than 6 months registered": 6 is not enough; 7 counts € 10.000 × 12/12.
    a = Activity(
        id="a",
        person="P1",
        block="nug",
        hours_per_week=36,
        registered_months=months,
        start=date(2025, 1, 1),
        end=date(2025, 12, 31),
    )
    assert row(_desk(a), "T1", "a").counted == Decimal(counted)


def test_target_group_status_kept_at_most_24_months() -> None:
    # Left the target group on 2022-01-01: status kept to 2023-12-31; the award date
    # 2025-01-15 is later, so the placement does not count.
    a = _ww("a", date(2025, 3, 1), date(2025, 12, 31)).model_copy(
        update={"left_target_group": date(2022, 1, 1), "last_worked_for_employer": date(2020, 1, 1)}
    )
    r = row(_desk(a), "T1", "a")
    assert r.counted == Decimal("0.00")
    assert "ineligible_status_expired" in lost(r)


def test_block_split_by_benefit_duration_is_checked() -> None:
    # Oost-Nederland "Participatiewet < 2 jaar" (€ 30.000) for a person 30 months on benefit:
    # the wrong block; it counts nothing and says why. The "> 2 jaar" block counts € 40.000.
    cat = load_catalog("oost_nederland")
    base = dict(
        hours_per_week=36, benefit_months=30, start=date(2025, 1, 1), end=date(2025, 12, 31)
    )
    short = value_activity(Activity(block="participatiewet_korter_dan_2_jaar", **base), cat)  # type: ignore[arg-type]
    long = value_activity(Activity(block="participatiewet_langer_dan_2_jaar", **base), cat)  # type: ignore[arg-type]
    assert short.amount == Decimal("0.00")
    assert short.not_counted[0].reason == "ineligible_benefit_duration"
    assert long.amount == Decimal("40000.00")


# --- format additions ---------------------------------------------------------------------------


def test_per_year_bonus_on_an_hourly_block() -> None:
    # € 100 per hour × 150 h = € 15.000; 55+ bonus € 5.000 per year × 150 h ÷ (52 × 36 = 1.872 h)
    # = € 400,64; together € 15.400,64.
    a = Activity(
        id="a",
        person="P1",
        block="mvo_uren",
        hours=150,
        age=58,
        start=date(2025, 2, 1),
        end=date(2025, 2, 28),
    )
    r = row(_desk(a), "T1", "a")
    assert r.counted == cents(Fraction(15000) + Fraction(5000 * 150, 1872)) == Decimal("15400.64")


def test_bonus_of_one_times_the_block_value() -> None:
    # Participatiewet > 2 jaar € 40.000 × 12/12, plus "vast contract: 1× de jaarwaarde" once:
    # € 40.000 + € 40.000 = € 80.000.
    a = Activity(
        id="a",
        person="P1",
        block="participatiewet_lang",
        hours_per_week=36,
        benefit_months=30,
        flags=("permanent_contract",),
        start=date(2025, 1, 1),
        end=date(2025, 12, 31),
    )
    assert row(_desk(a), "T1", "a").counted == Decimal("80000.00")


def test_invoice_above_100_percent_capped_per_person() -> None:
    # Language training: invoice × 200 %, at most € 2.000 per person. € 600 → € 1.200; a second
    # invoice of € 600 for the same person → € 1.200, but only € 800 is left: € 400 not counted.
    a = Activity(
        id="a", person="P1", block="taaltraining", invoice_amount="600", start=date(2025, 2, 1)
    )
    b = Activity(
        id="b", person="P1", block="taaltraining", invoice_amount="600", start=date(2025, 3, 1)
    )
    res = _desk(a, b)
    assert row(res, "T1", "a").counted == Decimal("1200.00")
    assert row(res, "T1", "b").counted == Decimal("800.00")
    assert lost(row(res, "T1", "b")) == {"max_per_person": Decimal("400.00")}


def test_share_cap_with_a_floor() -> None:
    # Obligation 5 % × € 200.000 = € 10.000; the cap is 25 % = € 2.500, but at least € 10.000:
    # an agreed social investment of € 15.000 counts € 10.000, € 5.000 above the cap.
    a = Activity(id="a", block="maatschappelijk", agreed_amount="15000", start=date(2025, 2, 1))
    res = run(
        tender(
            "T1",
            a,
            catalog="deskregion",
            contract_value="200000",
            contract_date=date(2025, 1, 15),
            start=date(2025, 1, 1),
        ),
        registry=Registry([FIXTURES]),
    )
    r = row(res, "T1", "a")
    assert r.counted == Decimal("10000.00")
    assert lost(r) == {"share_cap": Decimal("5000.00")}


def test_activity_accepts_no_unknown_fact() -> None:
    with pytest.raises(ValueError):
        Activity(block="ww", birth_place="Delft")  # type: ignore[call-arg]


def test_blocks_not_prorated_by_hours_take_up_the_week_too() -> None:
    # Oost-Nederland werkervaringsplaats € 750 per month, January–June 2025 = 6 months =
    # € 4.500. The same person in a second one on the same days: the week is taken, € 0, and
    # the € 4.500 is reported (no double counting for blocks without hours).
    def wep(aid: str) -> Activity:
        return Activity(
            id=aid,
            person="P1",
            block="werkervaringsplaats",
            status="realised",
            start=date(2025, 1, 1),
            end=date(2025, 6, 30),
        )

    res = run(
        tender(
            "T1",
            wep("w1"),
            wep("w2"),
            catalog="oost_nederland",
            contract_date=date(2024, 12, 1),
            start=date(2025, 1, 1),
        )
    )
    assert row(res, "T1", "w1").counted == Decimal("4500.00")
    w2 = row(res, "T1", "w2")
    assert w2.counted == Decimal("0.00")
    assert lost(w2) == {"person_week_cap": Decimal("4500.00")}


def test_a_placement_that_is_not_eligible_says_so_in_one_line() -> None:
    a = _ww("a", date(2025, 3, 1), date(2025, 12, 31)).model_copy(
        update={"last_worked_for_employer": date(2025, 1, 1)}
    )
    text = row(_desk(a), "T1", "a").valuation.explain()
    assert "WW: niet toelaatbaar: € 0,00" in text
    assert text.count("dezelfde werkgever") == 1
    assert "× 10/12 maanden" not in text


def test_unverified_block_is_flagged_in_the_trail() -> None:
    # Oost-Nederland's BOL rows come from an unofficial compilation (verified = false).
    v = value_activity(Activity(block="bol_niveau_1_2"), load_catalog("oost_nederland"))
    assert "niet geverifieerd" in v.explain()


def test_oost_nederland_ww_rows_share_one_limit() -> None:
    # WW < 1 year (€ 10.000) for 12 months, then the same person, now > 1 year on benefit,
    # WW > 1 year (€ 15.000) for 12 more months: one WW limit of 12 months per person, so the
    # second placement counts nothing (€ 15.000 × 12/12 reported as counting_limit).
    a = Activity(
        id="a",
        person="P1",
        block="ww_korter_dan_1_jaar",
        hours_per_week=36,
        benefit_months=3,
        start=date(2024, 1, 1),
        end=date(2024, 12, 31),
    )
    b = Activity(
        id="b",
        person="P1",
        block="ww_langer_dan_1_jaar",
        hours_per_week=36,
        benefit_months=15,
        start=date(2025, 1, 1),
        end=date(2025, 12, 31),
    )
    res = run(
        tender("T1", a, catalog="oost_nederland", contract_date=date(2023, 12, 1)),
        tender("T2", b, catalog="oost_nederland", contract_date=date(2023, 12, 1)),
    )
    assert row(res, "T1", "a").counted == Decimal("10000.00")
    assert row(res, "T2", "b").counted == Decimal("0.00")
    assert lost(row(res, "T2", "b")) == {"counting_limit": Decimal("15000.00")}


def test_cli_value_takes_the_facts_and_the_peildatum() -> None:
    # bouwblokken value with a birth date and a peildatum: 54 on 15-01-2025, turns 55 on
    # 10-03-2025 during the placement, so no 55+ bonus: € 40.000 × 11/12 = € 36.666,67.
    import subprocess
    import sys

    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "bouwblokken",
            "value",
            "haaglanden",
            "--block",
            "participatiewet",
            "--hours-per-week",
            "36",
            "--start",
            "01-02-2025",
            "--end",
            "31-12-2025",
            "--birth-date",
            "10-03-1970",
            "--peildatum",
            "15-01-2025",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "€\xa036.666,67" in out
    assert "wordt 55 op 10-03-2025" in out
    # Oost-Nederland "< 2 jaar" with 30 months on benefit: not eligible.
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "bouwblokken",
            "value",
            "oost_nederland",
            "--block",
            "participatiewet_korter_dan_2_jaar",
            "--hours-per-week",
            "36",
            "--start",
            "01-01-2025",
            "--end",
            "31-12-2025",
            "--benefit-months",
            "30",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "niet toelaatbaar" in out and "Waarde: €\xa00,00" in out
