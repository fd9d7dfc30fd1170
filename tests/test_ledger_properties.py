"""Properties of the ledger over random small ledgers: 1–3 tenders, 1–8 activities over three
persons, on the shipped Haaglanden catalog (months as twelfths) or the ``capregion`` fixture (days
÷ 365; it adds a community share cap with a minimum per item). The counting model's invariants
(issue 8): at most one reference week per person per day across all tenders, counting limits on
counted time, a plan never lowers what was realised, and the order of activities never matters."""

from __future__ import annotations

import calendar
import json
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from bouwblokken.activity import Activity
from bouwblokken.catalog.model import LimitMonths
from bouwblokken.catalog.registry import Registry, load_catalog
from bouwblokken.documents import read_ledger, write_ledger, write_result
from bouwblokken.ledger import ActivityResult, Ledger, LedgerResult, evaluate
from bouwblokken.money import round_cents
from bouwblokken.periods import add_months
from bouwblokken.tender import Person, Tender
from bouwblokken.valuation import Segment, value_activity

FIXTURES = Path(__file__).parent / "fixtures" / "catalogs"
REGISTRY = Registry([FIXTURES])
REGISTRY.add_file(load_catalog("haaglanden", edition="2023-07").path)
CATALOGS = {cid: REGISTRY.load(cid) for cid in ("haaglanden", "capregion")}
# Catalogs in force from: Haaglanden 2023-07-01, capregion 2024-01-01.
FIRST_CONTRACT_DATE = {"haaglanden": date(2023, 7, 1), "capregion": date(2024, 1, 1)}
PERSONS = ("P1", "P2", "P3")
# WW (12 months) first and often, so that one person's placements meet the counting limit.
DATED_BLOCKS = {
    "haaglanden": (
        "ww",
        "ww",
        "ww",
        "werkzoekende_zonder_uitkering",
        "wia",
        "participatiewet",
        "banenafspraak",
        "stagiair_mbo_hbo",
        "leerbaan_bbl_niveau_1_2",
    ),
    "capregion": (
        "ww",
        "ww",
        "participatiewet",
        "jongere_zonder_startkwalificatie",
        "leerbaan_bbl",
    ),
}
PROPERTY_SETTINGS = settings(max_examples=40, deadline=None)


@st.composite
def activities(draw: st.DrawFn, catalog_id: str, aid: str) -> Activity:
    kind = draw(st.sampled_from(["dated"] * 4 + ["undated"]))
    status = draw(st.sampled_from(["planned", "realised"]))
    if kind == "undated":
        if catalog_id == "capregion" and draw(st.booleans()):
            n = draw(st.integers(0, 60))
            days = draw(st.integers(1, 20))
            return Activity(id=aid, status=status, block="gastles", activities=n, days=days)
        costs = Decimal(draw(st.integers(0, 500_000))) / 100
        return Activity(id=aid, status=status, block="opleiding_begeleiding", costs=costs)
    start = date(2023, 9, 1) + timedelta(days=draw(st.integers(0, 900)))
    end = start + timedelta(days=draw(st.integers(0, 600)))
    return Activity(
        id=aid,
        person=draw(st.sampled_from(PERSONS)),
        status=status,
        block=draw(st.sampled_from(DATED_BLOCKS[catalog_id])),
        hours_per_week=Decimal(draw(st.sampled_from([0, 8, 16, 24, 32, 36, 40]))),
        start=start,
        end=end,
        age=draw(st.sampled_from([None, 30, 56])),
    )


@st.composite
def ledgers(draw: st.DrawFn, catalog_ids: tuple[str, ...] = ("haaglanden",)) -> Ledger:
    catalog_id = draw(st.sampled_from(catalog_ids))
    n_tenders = draw(st.integers(1, 3))
    n_activities = draw(st.integers(1, 8))
    owners = [draw(st.integers(0, n_tenders - 1)) for _ in range(n_activities)]
    acts = [draw(activities(catalog_id, f"a{i + 1}")) for i in range(n_activities)]
    tenders = []
    for t in range(n_tenders):
        contract_date = FIRST_CONTRACT_DATE[catalog_id] + timedelta(days=draw(st.integers(0, 400)))
        start = contract_date + timedelta(days=draw(st.integers(0, 90)))
        months = draw(st.integers(6, 36))
        value = draw(st.sampled_from(["100000", "214999.99", "215000", "600000", "1000000.10"]))
        tenders.append(
            Tender(
                id=f"T{t + 1}",
                catalog=catalog_id,
                contract_value=value,
                contract_date=contract_date,
                start=start,
                end=add_months(start, months) - timedelta(days=1),
                activities=tuple(a for a, o in zip(acts, owners, strict=True) if o == t),
            )
        )
    return Ledger(persons=tuple(Person(id=p) for p in PERSONS), tenders=tuple(tenders))


AS_OF = st.one_of(st.none(), st.dates(date(2024, 1, 1), date(2026, 12, 31)))


def run(ledger: Ledger, as_of: date | None = None) -> LedgerResult:
    return evaluate(ledger, as_of=as_of, registry=REGISTRY)


@PROPERTY_SETTINGS
@given(ledgers(("haaglanden", "capregion")), AS_OF)
def test_counted_never_exceeds_values_alone(ledger: Ledger, as_of: date | None) -> None:
    result = run(ledger, as_of)
    for t in result.tenders:
        catalog = CATALOGS[t.tender.catalog or ""]
        alone = {a.id: value_activity(a, catalog).amount for a in t.tender.activities}
        for rows in (t.activities, t.realised_activities):
            for r in rows:
                assert Decimal(0) <= r.counted <= alone[r.activity.id]
        assert t.forecast.counted <= sum(alone.values(), Decimal(0))
        assert t.realised.counted <= sum(
            (alone[r.activity.id] for r in t.realised_activities), Decimal(0)
        )


def _views(result: LedgerResult) -> list[list[ActivityResult]]:
    """The forecast rows and the realised rows of all tenders, as two views."""
    return [
        [r for t in result.tenders for r in t.activities],
        [r for t in result.tenders for r in t.realised_activities],
    ]


@PROPERTY_SETTINGS
@given(ledgers(("haaglanden", "capregion")), AS_OF)
def test_no_person_counts_more_than_one_week_on_any_day(ledger: Ledger, as_of: date | None) -> None:
    """On no day does a person count more than one reference week across all tenders: the
    fractions (hours counted ÷ reference week) of the person's placements that take up the
    week add up to at most 1 on every day, in both views."""
    for rows in _views(run(ledger, as_of)):
        segments: dict[str, list[Segment]] = defaultdict(list)
        for r in rows:
            v = r.valuation
            if r.activity.person is not None and v is not None and v.occupies:
                assert all(0 < s.fraction <= 1 for s in v.segments)
                segments[r.activity.person].extend(v.segments)
        for segs in segments.values():
            # the sum only changes where a segment starts or ends: check each such day
            for day in {s.start for s in segs} | {s.end for s in segs}:
                on_day = sum((s.fraction for s in segs if s.start <= day <= s.end), Fraction(0))
                assert on_day <= 1, (day, on_day)


def months_counted(days: set[date]) -> Fraction:
    """Months of a set of days by the kalenderdagenmethode, from the rule: each day weighs
    1/(days of its month)."""
    return sum((Fraction(1, calendar.monthrange(d.year, d.month)[1]) for d in days), Fraction(0))


@PROPERTY_SETTINGS
@given(ledgers(("haaglanden", "capregion")), AS_OF)
def test_counting_limit_never_exceeds_n_months_of_counted_time(
    ledger: Ledger, as_of: date | None
) -> None:
    """A limit of N months is used up by counted placement time per person, across tenders:
    the days a person counts with a block (in any tender) are at most N months."""
    result = run(ledger, as_of)
    for rows in _views(result):
        days: dict[tuple[str, str], set[date]] = defaultdict(set)
        for r in rows:
            a, v = r.activity, r.valuation
            if a.person is None or v is None:
                continue
            for s, e in v.counted_periods:
                days[(a.person, a.block)].update(
                    s + timedelta(days=i) for i in range((e - s).days + 1)
                )
        catalog = CATALOGS[ledger.tenders[0].catalog or ""]
        for (_, block), counted in days.items():
            limit = catalog.block(block).counting_limit
            if isinstance(limit, LimitMonths):
                assert months_counted(counted) <= limit.months


@PROPERTY_SETTINGS
@given(ledgers(("haaglanden", "capregion")))
def test_a_planned_activity_never_lowers_a_realised_amount(ledger: Ledger) -> None:
    """Every realised activity counts the same in the forecast with or without the plans."""
    only_realised = ledger.model_copy(
        update={
            "tenders": tuple(
                t.model_copy(
                    update={"activities": tuple(a for a in t.activities if a.status == "realised")}
                )
                for t in ledger.tenders
            )
        }
    )
    with_plans, without = run(ledger), run(only_realised)
    for t in with_plans.tenders:
        alone = {r.activity.id: r for r in without.tender(t.tender.id).activities}
        for r in t.activities:
            if r.activity.status == "realised":
                o = alone[r.activity.id]
                assert (r.counted, r.not_counted) == (o.counted, o.not_counted)


@PROPERTY_SETTINGS
@given(ledgers(("capregion",)), AS_OF)
def test_share_caps_never_exceeded(ledger: Ledger, as_of: date | None) -> None:
    (cap,) = CATALOGS["capregion"].share_caps
    assert cap.min_amount_per_item is not None
    result = run(ledger, as_of)
    for t in result.tenders:
        if not t.obligation.applies:
            continue
        room = round_cents(Fraction(cap.max_share_percent) / 100 * t.obligation.exact)
        for rows, fulfilment in ((t.activities, t.forecast), (t.realised_activities, t.realised)):
            capped = [r for r in rows if r.valuation and r.valuation.category in cap.categories]
            assert sum((r.counted for r in capped), Decimal(0)) <= room
            assert fulfilment.by_category.get("community", Decimal(0)) <= room
            for r in capped:
                assert r.counted == 0 or r.counted >= cap.min_amount_per_item


def _canonical(text: str) -> Any:
    """A result document with tenders and activities keyed by id (positions dropped)."""
    data = json.loads(text)
    tenders = {}
    for t in data["tenders"]:
        t["activities"] = {
            a["id"]: {k: v for k, v in a.items() if k != "index"} for a in t["activities"]
        }
        t["warnings"] = sorted(t["warnings"])
        tenders[t["id"]] = t
    data["tenders"] = tenders
    data["warnings"] = sorted(data["warnings"])
    return data


@PROPERTY_SETTINGS
@given(ledgers(("haaglanden", "capregion")), AS_OF, st.randoms(use_true_random=False))
def test_order_does_not_change_the_result(ledger: Ledger, as_of: date | None, rnd: Any) -> None:
    tenders = [
        t.model_copy(update={"activities": tuple(rnd.sample(t.activities, len(t.activities)))})
        for t in ledger.tenders
    ]
    rnd.shuffle(tenders)
    shuffled = ledger.model_copy(update={"tenders": tuple(tenders)})
    assert _canonical(write_result(run(shuffled, as_of))) == _canonical(
        write_result(run(ledger, as_of))
    )


@PROPERTY_SETTINGS
@given(ledgers(("haaglanden", "capregion")), AS_OF)
def test_evaluate_is_repeatable(ledger: Ledger, as_of: date | None) -> None:
    assert write_result(run(ledger, as_of)) == write_result(run(ledger, as_of))


@PROPERTY_SETTINGS
@given(ledgers(("haaglanden", "capregion")))
def test_json_round_trip(ledger: Ledger) -> None:
    text = write_ledger(ledger)
    assert read_ledger(text) == ledger
    assert write_ledger(read_ledger(text)) == text
