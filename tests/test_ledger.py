"""The ledger: what counts towards each tender, what not, and why (issue "Obligations and
stacking").

The realistic case uses the fixture catalog ``capregion`` (Haaglanden-like values, 36-hour
week, calendar days divided by a fixed 365, plus a community block capped at 10% of the
obligation with a minimum of 250 per item): value = year value × hours/36 × days/365. The
focused cases use the shipped Haaglanden catalog, which counts months as twelfths by the
kalenderdagenmethode: value = year value × hours/36 × months/12, where a whole calendar month is
one month and a part of a month its days ÷ the days of that month. Every expected amount is
worked out by hand in the comments, rounded once, half up, to cents; where a value is split into
counted and not counted, the counted part is rounded and the not-counted part is the rest of the
rounded whole (largest remainder), so the parts add up to the cent. Day counts are inclusive;
2024 is a leap year.

The counting model (issue 8): a person brings in at most one full-time week on any day across
all placements (``person_week_cap``); counting limits are used up by counted placement time
(``counting_limit``); realised activities claim before planned ones, then the earliest start.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from pydantic import ValidationError

from bouwblokken.activity import Activity
from bouwblokken.catalog.registry import Registry
from bouwblokken.documents import write_result
from bouwblokken.errors import LedgerError, UnknownBlockError
from bouwblokken.ledger import ActivityResult, Ledger, LedgerResult, TenderResult, evaluate
from bouwblokken.money import round_cents
from bouwblokken.tender import Person, Tender

FIXTURES = Path(__file__).parent / "fixtures" / "catalogs"


def twelfths(start: date, end: date) -> Fraction:
    """Years of start..end by the kalenderdagenmethode, counted day by day from the rule (each
    day weighs 1/(12 × the days of its month)), independently of the library."""
    total = Fraction(0)
    day = start
    while day <= end:
        total += Fraction(1, 12 * calendar.monthrange(day.year, day.month)[1])
        day += timedelta(days=1)
    return total


def dec(text: str) -> Decimal:
    return Decimal(text)


def persons(*ids: str) -> tuple[Person, ...]:
    return tuple(Person(id=i) for i in ids)


def reasons(row: ActivityResult) -> dict[str, Decimal]:
    return {nc.reason: nc.amount for nc in row.not_counted}


def row(result: TenderResult, activity_id: str, *, realised: bool = False) -> ActivityResult:
    rows = result.realised_activities if realised else result.activities
    return next(r for r in rows if r.activity.id == activity_id)


# ---------------------------------------------------------------------------------------------
# The realistic tender of the "done when".

AS_OF = date(2025, 6, 30)


def realistic_ledger() -> Ledger:
    t1 = Tender(
        id="T1",
        title="Onderhoud openbare ruimte",
        catalog="capregion",
        contract_value="2000000",
        contract_date=date(2024, 1, 15),
        start=date(2024, 2, 1),
        end=date(2026, 1, 31),
        activities=(
            # work with a 55+ bonus, part-time
            Activity(
                id="a01",
                person="P1",
                status="realised",
                block="participatiewet",
                hours_per_week=24,
                start=date(2024, 2, 1),
                end=date(2025, 1, 31),
                age=56,
            ),
            # work beyond the block's own 12-month limit
            Activity(
                id="a02",
                person="P2",
                status="realised",
                block="ww",
                hours_per_week=36,
                start=date(2024, 3, 1),
                end=date(2025, 8, 31),
            ),
            # learning, realised but running past the reporting date
            Activity(
                id="a03",
                person="P3",
                status="realised",
                block="leerbaan_bbl",
                hours_per_week=36,
                start=date(2024, 9, 1),
                end=date(2025, 8, 31),
            ),
            # P4's second WW placement: 7 of the person's 12 months were counted in T2 (b01)
            Activity(
                id="a04",
                person="P4",
                status="planned",
                block="ww",
                hours_per_week=36,
                start=date(2025, 1, 1),
                end=date(2025, 12, 31),
            ),
            Activity(
                id="a05",
                person="P5",
                status="planned",
                block="stagiair_mbo_hbo",
                hours_per_week=20,
                start=date(2025, 2, 1),
                end=date(2025, 7, 31),
            ),
            # buying and other, at invoice and cost
            Activity(
                id="a06", status="realised", block="inkoop_sw_bedrijf", invoice_amount="12500.00"
            ),
            Activity(id="a07", status="planned", block="opleiding_begeleiding", costs="2500.00"),
            # community: capped at 10% of the obligation, items under 250 do not count
            Activity(id="a08", status="realised", block="gastles", activities=10, days=4),
            Activity(id="a09", status="planned", block="gastles", activities=100, days=100),
            Activity(id="a10", status="planned", block="gastles", activities=1, days=1),
            # hours above the 36-hour week
            Activity(
                id="a11",
                person="P6",
                status="realised",
                block="jongere_zonder_startkwalificatie",
                hours_per_week=40,
                start=date(2025, 1, 1),
                end=date(2025, 6, 30),
            ),
        ),
    )
    t2 = Tender(
        id="T2",
        catalog="capregion",
        contract_value="400000",
        contract_date=date(2024, 5, 15),
        start=date(2024, 6, 1),
        end=date(2026, 5, 31),
        activities=(
            Activity(
                id="b01",
                person="P4",
                status="realised",
                block="ww",
                hours_per_week=36,
                start=date(2024, 6, 1),
                end=date(2024, 12, 31),
            ),
            # P1 again, full-time, overlapping T1/a01 (24 h, realised): on the common days
            # only the 12 h left of the 36-hour week count
            Activity(
                id="b02",
                person="P1",
                status="planned",
                block="participatiewet",
                hours_per_week=36,
                start=date(2024, 11, 1),
                end=date(2025, 4, 30),
            ),
        ),
    )
    return Ledger(
        supplier="Groen BV",
        persons=persons("P1", "P2", "P3", "P4", "P5", "P6"),
        tenders=(t1, t2),
    )


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry([FIXTURES])


@pytest.fixture(scope="module")
def realistic(registry: Registry) -> LedgerResult:
    return evaluate(realistic_ledger(), as_of=AS_OF, registry=registry)


# (counted, {reason: amount}) per activity, forecast view.
FORECAST_T1 = {
    # 40.000 × 24/36 × 366/365 + 55+ bonus 10.000 × 24/36 × 366/365
    # = 50.000 × 2/3 × 366/365 = 33.424,657… → 33.424,66
    "a01": ("33424.66", {}),
    # limit 12 months → to 2025-02-28: 365 days → 20.000,00;
    # 2025-03-01..2025-08-31 = 184 days: 20.000 × 184/365 = 10.082,19
    "a02": ("20000.00", {"counting_limit": "10082.19"}),
    # 2024-09-01..2025-08-31 = 365 days → 25.000,00
    "a03": ("25000.00", {}),
    # P4's 12 WW months are counted placement time: T2/b01 (realised, so first) counted
    # June–December 2024 = 7 calendar months; 5 are left: 2025-01-01..2025-05-31.
    # counted 151 days: 20.000 × 151/365 = 8.273,972… → 8.273,97
    # not counted 2025-06-01..2025-12-31 = 214 days: 20.000 × 214/365 = 11.726,03
    "a04": ("8273.97", {"counting_limit": "11726.03"}),
    # 5.000 × 20/36 × 181/365 (2025-02-01..07-31) = 1.377,473… → 1.377,47
    "a05": ("1377.47", {}),
    "a06": ("12500.00", {}),
    "a07": ("2500.00", {}),
    # 10 × 150 = 1.500, at most 250 × 4 days = 1.000
    "a08": ("1000.00", {"max_per_day": "500.00"}),
    # 100 × 150 = 15.000 (≤ 250 × 100 days); cap 10% × 100.000 = 10.000, a08 (realised, first)
    # took 1.000: 9.000 counts, 6.000 does not
    "a09": ("9000.00", {"share_cap": "6000.00"}),
    # 1 × 150 = 150 < 250 per item
    "a10": ("0.00", {"below_min_per_item": "150.00"}),
    # 10.000 × 36/36 × 181/365 = 4.958,90; hours 37–40: 10.000 × 4/36 × 181/365 = 550,99
    "a11": ("4958.90", {"hours_cap": "550.99"}),
}
FORECAST_T2 = {
    # 2024-06-01..2024-12-31 = 214 days: 20.000 × 214/365 = 11.726,03
    "b01": ("11726.03", {}),
    # 2024-11-01..2025-04-30 = 181 days at 36 h. On 2024-11-01..2025-01-31 (92 days) P1
    # already counts 24/36 of a week in T1/a01 (realised, so first): 12/36 are left there.
    # counted 40.000 × (12/36 × 92 + 36/36 × 89)/365 = 40.000 × 359/1.095 = 13.114,155… → 13.114,16
    # not counted 40.000 × 24/36 × 92/365 = 6.721,461… → 6.721,46
    # (whole 40.000 × 181/365 = 19.835,62 = 13.114,16 + 6.721,46)
    "b02": ("13114.16", {"person_week_cap": "6721.46"}),
}
REALISED_T1 = {
    "a01": ("33424.66", {}),
    # Days after the reporting date are taken out first (step 2 of the valuation), then the
    # limit (step 4) cuts the rest after 2025-02-28:
    # after as_of 2025-07-01..08-31 = 62 days: 20.000 × 62/365 = 3.397,260… → 3.397,26
    # counting limit 2025-03-01..06-30 = 122 days: 20.000 × 122/365 = 6.684,93
    "a02": ("20000.00", {"after_as_of": "3397.26", "counting_limit": "6684.93"}),
    # to 2025-06-30: 303 days: 25.000 × 303/365 = 20.753,42; 62 days after: 4.246,58
    "a03": ("20753.42", {"after_as_of": "4246.58"}),
    "a06": ("12500.00", {}),
    "a08": ("1000.00", {"max_per_day": "500.00"}),  # 1.000 ≤ cap 10.000
    "a11": ("4958.90", {"hours_cap": "550.99"}),
}


def _check_rows(rows: tuple[ActivityResult, ...], expected: dict[str, tuple[str, dict]]) -> None:
    got = {
        r.activity.id: (str(r.counted), {k: str(v) for k, v in reasons(r).items()}) for r in rows
    }
    assert got == expected
    for r in rows:
        # every euro that did not count has a reason
        assert r.gross - r.counted == sum((nc.amount for nc in r.not_counted), dec("0.00"))
        assert all(nc.amount > 0 and nc.en and nc.nl for nc in r.not_counted)


def test_realistic_obligations(realistic: LedgerResult) -> None:
    t1, t2 = realistic.tender("T1"), realistic.tender("T2")
    # 5% × 2.000.000 = 100.000; 5% × 400.000 = 20.000
    assert t1.obligation.amount == dec("100000.00")
    assert t2.obligation.amount == dec("20000.00")
    assert t1.catalog == t2.catalog == "capregion@2024-01"
    assert realistic.warnings == ()
    assert realistic.as_of == AS_OF


def test_realistic_forecast_rows(realistic: LedgerResult) -> None:
    _check_rows(realistic.tender("T1").activities, FORECAST_T1)
    _check_rows(realistic.tender("T2").activities, FORECAST_T2)


def test_realistic_realised_rows(realistic: LedgerResult) -> None:
    _check_rows(realistic.tender("T1").realised_activities, REALISED_T1)
    # b02 is planned: only b01 in the realised view
    _check_rows(realistic.tender("T2").realised_activities, {"b01": FORECAST_T2["b01"]})


def test_realistic_totals(realistic: LedgerResult) -> None:
    t1 = realistic.tender("T1")
    f = t1.forecast
    # work: 33.424,66 + 20.000 + 8.273,97 + 4.958,90 = 66.657,53
    # learning: 25.000 + 1.377,47 = 26.377,47; community: 1.000 + 9.000 + 0 = 10.000
    assert dict(f.by_category) == {
        "buying": dec("12500.00"),
        "community": dec("10000.00"),
        "learning": dec("26377.47"),
        "other": dec("2500.00"),
        "work": dec("66657.53"),
    }
    # 66.657,53 + 26.377,47 + 12.500 + 2.500 + 10.000 = 118.035,00
    assert (f.counted, f.remaining, f.surplus, f.met) == (
        dec("118035.00"),
        dec("0.00"),
        dec("18035.00"),
        True,
    )
    assert f.percentage == dec("118.0")  # 118.035 / 100.000 = 118,035% → 118,0
    r = t1.realised
    # 33.424,66 + 20.000 + 20.753,42 + 12.500 + 1.000 + 4.958,90 = 92.636,98
    assert (r.counted, r.remaining, r.met) == (dec("92636.98"), dec("7363.02"), False)
    assert r.percentage == dec("92.6")

    t2 = realistic.tender("T2")
    # 11.726,03 + 13.114,16 = 24.840,19 of 20.000
    assert (t2.forecast.counted, t2.forecast.surplus) == (dec("24840.19"), dec("4840.19"))
    # 11.726,03 / 20.000 = 58,63% → 58,6
    assert (t2.realised.counted, t2.realised.percentage) == (dec("11726.03"), dec("58.6"))


def test_realistic_formula_for_the_bonus_placement(realistic: LedgerResult) -> None:
    a01 = row(realistic.tender("T1"), "a01")
    days = (date(2025, 1, 31) - date(2024, 2, 1)).days + 1
    assert days == 366
    exact = (40000 + 10000) * Fraction(24, 36) * Fraction(days, 365)
    assert a01.valuation is not None and a01.valuation.exact == exact
    assert a01.counted == round_cents(exact) == dec("33424.66")


def test_realistic_week_cap_names_the_placement_collided_with(realistic: LedgerResult) -> None:
    b02 = row(realistic.tender("T2"), "b02")
    (nc,) = b02.not_counted
    assert nc.reason == "person_week_cap"
    assert "T1/a01" in nc.en and "T1/a01" in nc.nl
    assert b02.valuation is not None
    # exact: 40.000 × (12/36 × 92/365 + 36/36 × 89/365)
    exact = 40000 * (Fraction(12, 36) * Fraction(92, 365) + Fraction(89, 365))
    assert b02.valuation.exact == exact
    assert b02.valuation.lines[0].nl == (
        "Participatiewet: € 40.000,00 × (12/36 uur × 92/365 dagen + 36/36 uur × 89/365 dagen)"
        " = € 13.114,16"
    )


def test_realistic_person_limit_says_where_it_was_reached(realistic: LedgerResult) -> None:
    a04 = row(realistic.tender("T1"), "a04")
    (nc,) = a04.not_counted
    assert nc.reason == "counting_limit"
    assert a04.valuation is not None
    # 7 months (June–December 2024) counted in T2/b01; the 12th month ends on 2025-05-31
    (limit,) = [ln for ln in a04.valuation.lines if ln.kind == "limit"]
    assert "7" in limit.en and "2025-05-31" in limit.en
    assert "7" in limit.nl and "31-05-2025" in limit.nl


def test_realistic_gross_equals_value_alone(realistic: LedgerResult) -> None:
    for t in realistic.tenders:
        for r in t.activities:
            assert r.valuation is not None
            # the exact value with nothing cut (share caps cut from the rounded amount), rounded
            # once
            v = r.valuation
            whole = v.exact + sum((nc.exact for nc in v.not_counted), Fraction(0))
            assert r.gross == round_cents(whole), r.activity.id


def test_realistic_is_independent_of_order(registry: Registry, realistic: LedgerResult) -> None:
    ledger = realistic_ledger()
    shuffled = Ledger(
        persons=tuple(reversed(ledger.persons)),
        tenders=tuple(
            t.model_copy(update={"activities": tuple(reversed(t.activities))})
            for t in reversed(ledger.tenders)
        ),
    )
    again = evaluate(shuffled, as_of=AS_OF, registry=registry)
    for t in realistic.tenders:
        other = again.tender(t.tender.id)
        assert other.forecast == t.forecast and other.realised == t.realised
        for r in t.activities:
            o = row(other, r.activity.id or "")
            assert (o.counted, o.not_counted) == (r.counted, r.not_counted)


# ---------------------------------------------------------------------------------------------
# Focused cases on the shipped Haaglanden catalog. Haaglanden counts months as twelfths by the
# kalenderdagenmethode: a whole calendar month is 1/12 year (so February counts as much as
# March), a part of a month its days ÷ the days of that month × 1/12. Most cases below are
# whole months, so the value is year value × hours/36 × months/12.


def hl_tender(tid: str, *activities: Activity, **terms: object) -> Tender:
    base: dict[str, object] = {
        "catalog": "haaglanden",
        "contract_value": "1000000",
        "contract_date": date(2025, 1, 15),
        "start": date(2025, 2, 1),
        "end": date(2027, 1, 31),
    }
    base.update(terms)
    return Tender(id=tid, activities=activities, **base)  # type: ignore[arg-type]


def placement(aid: str, person: str, block: str, start: date, end: date, **kw: object) -> Activity:
    fields: dict[str, object] = {"hours_per_week": 36}
    fields.update(kw)
    return Activity(id=aid, person=person, block=block, start=start, end=end, **fields)  # type: ignore[arg-type]


def test_twelve_months_are_a_year_leap_day_or_not() -> None:
    t = hl_tender(
        "T1",
        placement("l1", "P1", "participatiewet", date(2024, 1, 1), date(2024, 12, 31)),
        placement("l2", "P2", "participatiewet", date(2024, 7, 1), date(2025, 6, 30)),
        placement("l3", "P3", "participatiewet", date(2025, 1, 15), date(2025, 3, 14)),
        contract_date=date(2023, 12, 1),
        start=date(2024, 1, 1),
        end=date(2025, 12, 31),
    )
    tr = evaluate(Ledger(persons=persons("P1", "P2", "P3"), tenders=(t,))).tender("T1")
    # l1: the whole of 2024 (leap year) = 12 whole months = 12/12 year: 40.000,00
    # l2: July 2024 – June 2025 = 12 whole months (the leap day is not in it, that does not
    # matter either) = 12/12: 40.000,00 (actual/actual days gave 39.944,91)
    for aid in ("l1", "l2"):
        r = row(tr, aid)
        assert r.valuation is not None and r.valuation.exact == 40000
        assert r.counted == dec("40000.00")
        assert r.valuation.lines[0].nl == (
            "Participatiewet: € 40.000,00 × 36/36 uur × 12/12 maanden = € 40.000,00"
        )
    # l3: 15 Jan – 14 Mar 2025 = 17/31 (Jan 15–31) + 1 (February) + 14/31 (Mar 1–14) = 2 months:
    # 40.000 × 2/12 = 6.666,666… → 6.666,67
    assert twelfths(date(2025, 1, 15), date(2025, 3, 14)) == Fraction(2, 12)
    l3 = row(tr, "l3")
    assert l3.valuation is not None and l3.valuation.exact == 40000 * Fraction(2, 12)
    assert l3.counted == dec("6666.67")


def test_days_actual_actual_stays_a_catalog_option(tmp_path: Path) -> None:
    # The days convention itself, on a copy of the capregion fixture with days_per_year =
    # "actual": each day of 2024 is 1/366 of a year, each day of 2025 1/365.
    text = (FIXTURES / "capregion" / "2024-01.toml").read_text(encoding="utf-8")
    assert "days_per_year = 365\n" in text
    folder = tmp_path / "capregion"
    folder.mkdir()
    (folder / "2024-01.toml").write_text(
        text.replace("days_per_year = 365\n", 'days_per_year = "actual"\n'), encoding="utf-8"
    )
    t = Tender(
        id="T1",
        catalog="capregion",
        contract_value="1000000",
        contract_date=date(2024, 1, 15),
        start=date(2024, 2, 1),
        end=date(2026, 1, 31),
        activities=(placement("l2", "P2", "participatiewet", date(2024, 7, 1), date(2025, 6, 30)),),
    )
    tr = evaluate(
        Ledger(persons=persons("P2"), tenders=(t,)), registry=Registry([tmp_path])
    ).tender("T1")
    # 2024-07-01..12-31 = 184 days of 366 + 2025-01-01..06-30 = 181 days of 365
    exact = 40000 * (Fraction(184, 366) + Fraction(181, 365))  # = 39.944,907…
    l2 = row(tr, "l2")
    assert l2.valuation is not None and l2.valuation.exact == exact
    assert l2.counted == round_cents(exact) == dec("39944.91")


def test_two_part_time_placements_each_count_their_hours() -> None:
    # 18 h in tender 1 and 18 h in tender 2 on the same days: together one 36-hour week, so
    # both count in full.
    def pair(h1: int, h2: int) -> LedgerResult:
        one = hl_tender(
            "T1",
            placement(
                "x1",
                "P1",
                "participatiewet",
                date(2025, 2, 1),
                date(2025, 7, 31),
                hours_per_week=h1,
            ),
        )
        two = hl_tender(
            "T2",
            placement(
                "y1",
                "P1",
                "participatiewet",
                date(2025, 2, 1),
                date(2025, 7, 31),
                hours_per_week=h2,
            ),
            contract_date=date(2025, 1, 20),
        )
        return evaluate(Ledger(persons=persons("P1"), tenders=(two, one)))

    # 18 + 18: each 40.000 × 18/36 × 6/12 (February–July) = 10.000,00
    r = pair(18, 18)
    for tid, aid in (("T1", "x1"), ("T2", "y1")):
        got = row(r.tender(tid), aid)
        assert (got.counted, reasons(got)) == (dec("10000.00"), {})

    # 24 + 18: x1 and y1 start the same day; the tender whose contract started first (both
    # 2025-02-01), then the tender id, decide: T1/x1 counts 24 h, T2/y1 the 12 h left.
    # y1 counted 40.000 × 12/36 × 6/12 = 6.666,666… → 6.666,67
    # not counted 40.000 × 6/36 × 6/12 = 3.333,33 (whole 40.000 × 18/36 × 6/12 = 10.000,00)
    r = pair(24, 18)
    x1, y1 = row(r.tender("T1"), "x1"), row(r.tender("T2"), "y1")
    assert (x1.counted, reasons(x1)) == (dec("13333.33"), {})  # 40.000 × 24/36 × 6/12
    assert (y1.counted, reasons(y1)) == (dec("6666.67"), {"person_week_cap": dec("3333.33")})
    assert "T1/x1" in y1.not_counted[0].en

    # 36 + 36: the second placement finds the week full: it counts 0,
    # not counted 40.000 × 36/36 × 6/12 = 20.000,00
    r = pair(36, 36)
    x1, y1 = row(r.tender("T1"), "x1"), row(r.tender("T2"), "y1")
    assert (x1.counted, reasons(x1)) == (dec("20000.00"), {})
    assert (y1.counted, reasons(y1)) == (dec("0.00"), {"person_week_cap": dec("20000.00")})


def test_week_cap_the_placement_that_started_first_claims() -> None:
    # "Z" started first (2025-02-01), "A" later (2025-04-01): Z's full-time placement claims
    # P1's week whatever the ids or the order in the ledger.
    z = hl_tender(
        "Z", placement("z1", "P1", "participatiewet", date(2025, 2, 1), date(2025, 7, 31))
    )
    a = hl_tender(
        "A",
        placement("a1", "P1", "participatiewet", date(2025, 4, 1), date(2025, 9, 30)),
        contract_date=date(2025, 1, 10),
        start=date(2025, 1, 15),  # A's contract even started earlier: the activity start wins
    )
    for tenders in ((a, z), (z, a)):
        result = evaluate(Ledger(persons=persons("P1"), tenders=tenders))
        # z1: February–July 2025 = 6 months: 40.000 × 6/12 = 20.000,00
        assert row(result.tender("Z"), "z1").counted == dec("20000.00")
        a1 = row(result.tender("A"), "a1")
        # a1: April–July (4 months) P1's week is full with Z/z1: 40.000 × 4/12 = 13.333,33
        # counted August–September = 2 months: 40.000 × 2/12 = 6.666,666… → 6.666,67
        # (whole 40.000 × 6/12 = 20.000,00 = 6.666,67 + 13.333,33)
        assert a1.counted == dec("6666.67")
        assert reasons(a1) == {"person_week_cap": dec("13333.33")}
        assert "Z/z1" in a1.not_counted[0].en


def test_realised_outranks_planned_across_tenders() -> None:
    # The later contract's realised placement claims the week before the earlier contract's plan.
    early = hl_tender(
        "E", placement("e1", "P1", "ww", date(2025, 3, 1), date(2025, 5, 31), status="planned")
    )
    late = hl_tender(
        "L",
        placement("l1", "P1", "ww", date(2025, 4, 1), date(2025, 4, 30), status="realised"),
        start=date(2025, 4, 1),
    )
    result = evaluate(Ledger(persons=persons("P1"), tenders=(early, late)))
    l1 = row(result.tender("L"), "l1")
    # l1: April = 1 month: 20.000 × 1/12 = 1.666,67
    assert (l1.counted, reasons(l1)) == (dec("1666.67"), {})
    e1 = row(result.tender("E"), "e1")
    # e1: March–May = 3 months, whole 20.000 × 3/12 = 5.000,00; April taken by L/l1:
    # counted March + May = 2 months: 20.000 × 2/12 = 3.333,333… → 3.333,33;
    # not counted 5.000,00 − 3.333,33 = 1.666,67 (20.000 × 1/12 = 1.666,666…)
    assert (e1.counted, reasons(e1)) == (dec("3333.33"), {"person_week_cap": dec("1666.67")})
    assert "L/l1" in e1.not_counted[0].en


def test_a_plan_never_lowers_what_was_realised() -> None:
    # The case: a planned 2024 placement in T1 and a realised 2025 placement of the same
    # WW candidate (limit 12 months) in T2. The realised one takes its months first.
    t1 = hl_tender(
        "T1",
        placement("p1", "P1", "ww", date(2024, 2, 1), date(2025, 1, 31), status="planned"),
        contract_date=date(2023, 12, 1),
        start=date(2024, 1, 1),
        end=date(2025, 12, 31),
    )
    t2 = hl_tender(
        "T2", placement("r1", "P1", "ww", date(2025, 2, 1), date(2025, 7, 31), status="realised")
    )
    result = evaluate(Ledger(persons=persons("P1"), tenders=(t1, t2)), as_of=date(2025, 12, 31))
    # r1: February–July 2025 = 6 months: 20.000 × 6/12 = 10.000,00, in both views
    for view in (False, True):
        r1 = row(result.tender("T2"), "r1", realised=view)
        assert (r1.counted, reasons(r1)) == (dec("10000.00"), {})
    # p1: 12 months planned, 6 left of the limit, taken chronologically: February–July 2024
    # counted 20.000 × 6/12 = 10.000,00; August 2024 – January 2025 not: 10.000,00
    p1 = row(result.tender("T1"), "p1")
    assert (p1.counted, reasons(p1)) == (dec("10000.00"), {"counting_limit": dec("10000.00")})


def test_counting_limit_runs_on_counted_time_across_tenders() -> None:
    # WW counts 12 months of counted placement per person, across T1 and T2.
    t1 = hl_tender("T1", placement("x1", "P1", "ww", date(2025, 2, 1), date(2025, 7, 31)))
    t2 = hl_tender(
        "T2",
        placement("y1", "P1", "ww", date(2025, 8, 1), date(2026, 7, 31)),
        contract_date=date(2025, 7, 1),
        start=date(2025, 8, 1),
        end=date(2027, 7, 31),
    )
    result = evaluate(Ledger(persons=persons("P1"), tenders=(t2, t1)))
    # x1: February–July 2025 = 6 months: 20.000 × 6/12 = 10.000,00
    x1 = row(result.tender("T1"), "x1")
    assert (x1.counted, reasons(x1)) == (dec("10000.00"), {})
    # y1: 6 months left: August 2025 – January 2026 counted: 20.000 × 6/12 = 10.000,00;
    # February–July 2026 not: 20.000 × 6/12 = 10.000,00. Together exactly 12 months.
    y1 = row(result.tender("T2"), "y1")
    assert (y1.counted, reasons(y1)) == (dec("10000.00"), {"counting_limit": dec("10000.00")})
    assert y1.valuation is not None
    (limit,) = [ln for ln in y1.valuation.lines if ln.kind == "limit"]
    assert "2026-01-31" in limit.en and "31-01-2026" in limit.nl


def test_gaps_do_not_use_up_the_counting_limit() -> None:
    # The case: a WW candidate placed 6 months, then after a 6-month gap 6 months in
    # another contract. 12 months of counted placement: both count in full, € 20.000 in all
    # (the calendar window from the first start gave € 9.972,61).
    t1 = hl_tender("T1", placement("x1", "P1", "ww", date(2025, 2, 1), date(2025, 7, 31)))
    t2 = hl_tender(
        "T2",
        placement("y1", "P1", "ww", date(2026, 2, 1), date(2026, 7, 31)),
        contract_date=date(2025, 7, 1),
        start=date(2025, 8, 1),
        end=date(2027, 7, 31),
    )
    result = evaluate(Ledger(persons=persons("P1"), tenders=(t1, t2)))
    # each: 20.000 × 6/12 = 10.000,00
    x1, y1 = row(result.tender("T1"), "x1"), row(result.tender("T2"), "y1")
    assert (x1.counted, reasons(x1)) == (dec("10000.00"), {})
    assert (y1.counted, reasons(y1)) == (dec("10000.00"), {})
    assert x1.counted + y1.counted == 20000 * 12 // 12


def test_outside_contract_days() -> None:
    t = hl_tender(
        "T1",
        # starts 2 months before the contract (eligible: within 12 months)
        placement("o1", "P1", "ww", date(2025, 12, 1), date(2026, 3, 31)),
        # runs 2 months past the end
        placement("o2", "P2", "ww", date(2026, 12, 1), date(2027, 3, 31)),
        contract_date=date(2026, 1, 15),
        start=date(2026, 2, 1),
        end=date(2027, 1, 31),
    )
    result = evaluate(Ledger(persons=persons("P1", "P2"), tenders=(t,)))
    o1, o2 = row(result.tender("T1"), "o1"), row(result.tender("T1"), "o2")
    # Each: whole 4 months: 20.000 × 4/12 = 6.666,666… → 6.666,67;
    # o1 counted February–March 2026 = 2 months: 20.000 × 2/12 = 3.333,333… → 3.333,33;
    #    before the contract (December 2025 – January 2026): 6.666,67 − 3.333,33 = 3.333,34
    assert (o1.counted, reasons(o1)) == (dec("3333.33"), {"outside_contract": dec("3333.34")})
    # o2 counted December 2026 – January 2027 = 2 months: 3.333,33; after (February–March
    # 2027): 3.333,34
    assert (o2.counted, reasons(o2)) == (dec("3333.33"), {"outside_contract": dec("3333.34")})
    assert "2026-02-01" in o1.not_counted[0].en and "2027-01-31" in o2.not_counted[0].en


def test_wholly_outside_contract_counts_nothing_and_warns() -> None:
    t = hl_tender("T1", placement("w1", "P1", "ww", date(2027, 3, 1), date(2027, 5, 31)))
    result = evaluate(Ledger(persons=persons("P1"), tenders=(t,)))
    w1 = row(result.tender("T1"), "w1")
    assert w1.counted == dec("0.00")
    # March–May 2027 = 3 months: 20.000 × 3/12 = 5.000,00
    assert reasons(w1) == {"outside_contract": dec("5000.00")}
    assert any("w1" in w and "wholly outside" in w for w in result.warnings)


def test_one_off_bonus_needs_a_counted_day() -> None:
    outside = placement(
        "w1", "P1", "wia", date(2027, 3, 1), date(2027, 5, 31), flags=("labour_disability",)
    )
    result = evaluate(Ledger(persons=persons("P1"), tenders=(hl_tender("T1", outside),)))
    assert row(result.tender("T1"), "w1").counted == dec("0.00")


def test_one_off_bonus_twice_for_a_person_is_a_double_count() -> None:
    # Two 18-hour WIA placements of one person with a labour disability, in two tenders: the
    # hours both count (18 + 18 = one 36-hour week), the one-off bonus (€ 10.000) only once.
    flags = ("labour_disability",)
    t1 = hl_tender(
        "T1",
        placement(
            "x1", "P1", "wia", date(2025, 2, 1), date(2025, 7, 31), hours_per_week=18, flags=flags
        ),
    )
    t2 = hl_tender(
        "T2",
        placement(
            "y1", "P1", "wia", date(2025, 2, 1), date(2025, 7, 31), hours_per_week=18, flags=flags
        ),
    )
    result = evaluate(Ledger(persons=persons("P1"), tenders=(t2, t1)))
    x1, y1 = row(result.tender("T1"), "x1"), row(result.tender("T2"), "y1")
    # x1: 30.000 × 18/36 × 6/12 (February–July) = 7.500,00 + one-off 10.000,00 = 17.500,00
    assert (x1.counted, reasons(x1)) == (dec("17500.00"), {})
    # y1: 7.500,00; the bonus already counts for T1/x1
    assert (y1.counted, reasons(y1)) == (dec("7500.00"), {"double_count": dec("10000.00")})
    assert "T1/x1" in y1.not_counted[0].en


def test_ineligible_prior_start() -> None:
    # Haaglanden: a candidate who started within 12 months before the contract still counts.
    # Contract start 2026-02-01 → earliest eligible start 2025-02-01.
    t = hl_tender(
        "T1",
        placement("late", "P1", "participatiewet", date(2025, 1, 31), date(2026, 7, 31)),
        placement("ok", "P2", "participatiewet", date(2025, 2, 1), date(2026, 7, 31)),
        contract_date=date(2026, 1, 15),
        start=date(2026, 2, 1),
        end=date(2027, 1, 31),
    )
    result = evaluate(Ledger(persons=persons("P1", "P2"), tenders=(t,)))
    late, ok = row(result.tender("T1"), "late"), row(result.tender("T1"), "ok")
    # late: 2025-01-31..2026-07-31 = 1/31 (31 January) + 18 whole months (February 2025 – July
    # 2026), all inside the 24-month limit: 40.000 × (18 + 1/31)/12 = 40.000 × 559/372
    # = 60.107,526… → 60.107,53, none of it counts. The days before the contract are reported
    # as outside it (31 January 2025 – January 2026 = 12 + 1/31 months: 40.000 × (12 + 1/31)/12
    # = 40.107,53), the days inside it as ineligible (February – July 2026 = 6 months: 20.000).
    assert twelfths(date(2025, 1, 31), date(2026, 7, 31)) == (18 + Fraction(1, 31)) / 12
    assert late.counted == dec("0.00")
    assert reasons(late) == {
        "outside_contract": dec("40107.53"),
        "ineligible_prior_start": dec("20000.00"),
    }
    assert any("late" in w and "12 months before" in w for w in result.warnings)
    # ok: counted February–July 2026 = 6 months: 40.000 × 6/12 = 20.000,00; before the contract
    # February 2025 – January 2026 = 12 months: 40.000 × 12/12 = 40.000,00
    assert (ok.counted, reasons(ok)) == (dec("20000.00"), {"outside_contract": dec("40000.00")})


def test_after_as_of_only_in_the_realised_view() -> None:
    t = hl_tender(
        "T1",
        placement(
            "r1", "P1", "participatiewet", date(2025, 2, 1), date(2025, 12, 31), status="realised"
        ),
    )
    result = evaluate(Ledger(persons=persons("P1"), tenders=(t,)), as_of=date(2025, 6, 30))
    tr = result.tender("T1")
    # forecast: February–December 2025 = 11 months: 40.000 × 11/12 = 36.666,666… → 36.666,67
    assert (row(tr, "r1").counted, reasons(row(tr, "r1"))) == (dec("36666.67"), {})
    r1 = row(tr, "r1", realised=True)
    # realised to 2025-06-30: February–June = 5 months: 40.000 × 5/12 = 16.666,666… → 16.666,67;
    # after: July–December = 6 months: 40.000 × 6/12 = 20.000,00
    assert (r1.counted, reasons(r1)) == (dec("16666.67"), {"after_as_of": dec("20000.00")})
    assert "2025-06-30" in r1.not_counted[0].en


def test_planned_activities_are_not_in_the_realised_view() -> None:
    t = hl_tender(
        "T1", placement("p1", "P1", "ww", date(2025, 2, 1), date(2025, 2, 28), status="planned")
    )
    result = evaluate(Ledger(persons=persons("P1"), tenders=(t,)), as_of=date(2026, 1, 1))
    tr = result.tender("T1")
    assert tr.realised_activities == ()
    assert tr.realised.counted == dec("0.00")
    # February 2025, a whole month (28 days) = 1/12 year: 20.000 × 1/12 = 1.666,666… → 1.666,67
    assert tr.forecast.counted == dec("1666.67")


def test_below_threshold_tender_with_activities_warns() -> None:
    t = hl_tender(
        "T1",
        Activity(id="c1", block="opleiding_begeleiding", costs="100"),
        contract_value="214999.99",
    )
    result = evaluate(Ledger(tenders=(t,)))
    tr = result.tender("T1")
    assert not tr.obligation.applies
    assert tr.forecast.counted == dec("100.00")
    assert tr.forecast.percentage is None
    (warning,) = result.warnings
    assert warning.startswith("tender 'T1' has no obligation")
    assert "valued all the same" in warning
    assert tr.warnings == (warning,)


def test_unknown_block_names_tender_activity_and_field() -> None:
    t = hl_tender("T1", Activity(id="x1", block="nope", costs="1"))
    with pytest.raises(UnknownBlockError) as info:
        evaluate(Ledger(tenders=(t,)))
    assert info.value.field == "block"
    assert info.value.block_id == "nope"
    assert info.value.record == "tender 'T1' activity 'x1'"
    assert str(info.value).startswith("tender 'T1' activity 'x1': block: block 'nope'")
    assert "haaglanden@2023-07" in str(info.value)


def test_unknown_person_names_field_person() -> None:
    t = hl_tender("T1", placement("x1", "Q", "ww", date(2025, 2, 1), date(2025, 3, 1)))
    with pytest.raises(LedgerError) as info:
        evaluate(Ledger(persons=persons("P1"), tenders=(t,)))
    assert info.value.field == "person"
    assert info.value.record == "tender 'T1' activity 'x1'"
    assert "'Q'" in str(info.value)


def test_negative_hours_are_refused() -> None:
    with pytest.raises(ValidationError) as info:
        Activity(block="ww", hours_per_week=-1, start=date(2025, 2, 1), end=date(2025, 3, 1))
    assert info.value.errors()[0]["loc"] == ("hours_per_week",)


def test_with_and_without_activity() -> None:
    base = Ledger(
        persons=persons("P1", "P2"),
        tenders=(
            hl_tender("T1", placement("k1", "P1", "ww", date(2025, 2, 1), date(2025, 7, 31))),
        ),
    )
    extra = placement("k2", "P2", "participatiewet", date(2025, 2, 1), date(2025, 7, 31))
    more = base.with_activity("T1", extra)
    assert [a.id for a in more.tender("T1").activities] == ["k1", "k2"]
    assert base.tender("T1").activities[-1].id == "k1"  # the original is unchanged
    # February–July 2025 = 6 months: WW 20.000 × 6/12 = 10.000,00;
    # + Participatiewet 40.000 × 6/12 = 20.000,00
    assert evaluate(base).tender("T1").forecast.counted == dec("10000.00")
    assert evaluate(more).tender("T1").forecast.counted == dec("30000.00")

    # replacing by id
    half = extra.model_copy(update={"hours_per_week": Decimal(18)})
    replaced = more.with_activity("T1", half)
    assert len(replaced.tender("T1").activities) == 2
    # 40.000 × 18/36 × 6/12 = 10.000,00 (+ WW 10.000,00)
    assert evaluate(replaced).tender("T1").forecast.counted == dec("20000.00")

    # removing then re-adding gives the identical ledger and result
    removed = more.without_activity("T1", "k2")
    assert removed == base
    assert write_result(evaluate(removed)) == write_result(evaluate(base))
    readded = removed.with_activity("T1", extra)
    assert readded == more
    assert write_result(evaluate(readded)) == write_result(evaluate(more))

    with pytest.raises(LedgerError) as info:
        base.without_activity("T1", "nope")
    assert info.value.field == "activity"
    with pytest.raises(LedgerError) as info:
        base.with_activity("T9", extra)
    assert info.value.field == "tender"


def test_contract_year_minimums() -> None:
    # Contract 2025-02-01..2027-01-31: two contract years; minimum 22.000 per year.
    t = hl_tender(
        "T1",
        placement(
            "y1", "P1", "participatiewet", date(2025, 2, 1), date(2026, 7, 31), status="realised"
        ),
        Activity(
            id="y2",
            block="opleiding_begeleiding",
            costs="1000",
            start=date(2026, 3, 1),
            end=date(2026, 3, 1),
        ),
        min_per_contract_year="22000",
    )
    result = evaluate(Ledger(persons=persons("P1"), tenders=(t,)))
    tr = result.tender("T1")
    # y1: February 2025 – July 2026 = 18 months: 40.000 × 18/12 = 60.000,00; + y2 1.000
    assert tr.forecast.counted == dec("61000.00")
    got = [
        (y.year.index, y.year.start, y.year.end, y.year.minimum, y.counted, y.met) for y in tr.years
    ]
    assert got == [
        # year 1: 12 months of y1: 40.000 × 12/12 = 40.000,00 ≥ 22.000
        (1, date(2025, 2, 1), date(2026, 1, 31), dec("22000.00"), dec("40000.00"), True),
        # year 2: 6 months of y1: 40.000 × 6/12 = 20.000,00, + y2 (in March 2026) 1.000
        # = 21.000,00 < 22.000
        (2, date(2026, 2, 1), date(2027, 1, 31), dec("22000.00"), dec("21000.00"), False),
    ]


def test_frisian_offer_sets_yearly_minimums_in_the_ledger() -> None:
    # 4% offered × 1.500.000 = 60.000 over 3 contract years → 20.000 each
    t = hl_tender(
        "F",
        placement("f1", "P1", "participatiewet", date(2025, 1, 1), date(2025, 12, 31)),
        rules="friesland_gemeente",
        contract_value="1500000",
        offered_percentage=4,
        contract_date=date(2024, 12, 1),
        start=date(2025, 1, 1),
        end=date(2027, 12, 31),
    )
    tr = evaluate(Ledger(persons=persons("P1"), tenders=(t,))).tender("F")
    assert tr.obligation.amount == dec("60000.00")
    # f1: the whole of 2025: 40.000,00, all in year 1
    assert [(y.year.minimum, y.counted, y.met) for y in tr.years] == [
        (dec("20000.00"), dec("40000.00"), True),
        (dec("20000.00"), dec("0.00"), False),
        (dec("20000.00"), dec("0.00"), False),
    ]


def test_contract_years_do_not_count_an_item_twice() -> None:
    t = hl_tender(
        "T1",
        Activity(
            id="c1",
            block="opleiding_begeleiding",
            costs="1000",
            start=date(2026, 1, 15),
            end=date(2026, 2, 15),
        ),
        min_per_contract_year="20000",
    )
    tr = evaluate(Ledger(tenders=(t,))).tender("T1")
    assert sum(y.counted for y in tr.years) == tr.forecast.counted == dec("1000.00")
