"""Hypothesis properties of the counting model (issue 8): one reference week per person per day,
plans never lower realised amounts, limits never exceed N months of counted time, order never
matters, and the month measure is additive."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from bouwblokken import Activity, Ledger, Person, Tender, evaluate, load_catalog, value_activity
from bouwblokken.periods import calendar_months, normalise

START = date(2024, 1, 1)
HAAGLANDEN = load_catalog("haaglanden")


@st.composite
def placements(draw: st.DrawFn, block: str = "participatiewet") -> list[tuple[int, Activity]]:
    """1–6 placements of one person spread over up to 3 tenders, realised or planned."""
    out = []
    for i in range(draw(st.integers(1, 6))):
        s = START + timedelta(days=draw(st.integers(0, 900)))
        e = s + timedelta(days=draw(st.integers(0, 500)))
        out.append(
            (
                draw(st.integers(0, 2)),
                Activity(
                    id=f"a{i}",
                    person="P1",
                    block=block,
                    hours_per_week=draw(st.integers(1, 40)),
                    start=s,
                    end=e,
                    status=draw(st.sampled_from(["planned", "realised"])),
                ),
            )
        )
    return out


def ledger_of(items: list[tuple[int, Activity]], order: list[int] | None = None) -> Ledger:
    tenders = []
    for t in range(3):
        acts = tuple(a for k, a in items if k == t)
        if order is not None:
            acts = tuple(reversed(acts))
        tenders.append(
            Tender(
                id=f"T{t}",
                catalog="haaglanden",
                contract_value="1000000",
                contract_date=date(2023, 12, 1),
                start=START,
                end=date(2027, 12, 31),
                activities=acts,
            )
        )
    if order is not None:
        tenders = [tenders[i] for i in order]
    return Ledger(persons=(Person(id="P1"),), tenders=tuple(tenders))


def counted(result: object) -> dict[tuple[str, str], Decimal]:
    return {
        (t.tender.id, r.activity.id or ""): r.counted
        for t in result.tenders  # type: ignore[attr-defined]
        for r in t.activities
    }


@settings(max_examples=60, deadline=None)
@given(placements())
def test_no_person_counts_more_than_one_reference_week_on_any_day(
    items: list[tuple[int, Activity]],
) -> None:
    result = evaluate(ledger_of(items))
    segs = [
        s for t in result.tenders for r in t.activities if r.valuation for s in r.valuation.segments
    ]
    points = sorted({s.start for s in segs} | {s.end + timedelta(days=1) for s in segs})
    for day in points:
        assert sum((s.fraction for s in segs if s.start <= day <= s.end), Fraction(0)) <= 1


@settings(max_examples=60, deadline=None)
@given(placements())
def test_a_plan_never_lowers_a_realised_amount(items: list[tuple[int, Activity]]) -> None:
    with_plans = counted(evaluate(ledger_of(items)))
    realised_only = [(k, a) for k, a in items if a.status == "realised"]
    without = counted(evaluate(ledger_of(realised_only)))
    for key, amount in without.items():
        assert with_plans[key] == amount


@settings(max_examples=60, deadline=None)
@given(placements(block="ww"))
def test_limit_never_exceeds_twelve_months_of_counted_time(
    items: list[tuple[int, Activity]],
) -> None:
    # Haaglanden WW counts at most 12 months per person.
    result = evaluate(ledger_of(items))
    days = normalise(
        [
            p
            for t in result.tenders
            for r in t.activities
            if r.valuation
            for p in r.valuation.counted_periods
        ]
    )
    assert calendar_months(days) <= 12


@settings(max_examples=40, deadline=None)
@given(placements(), st.permutations([0, 1, 2]))
def test_order_of_activities_and_tenders_never_changes_the_result(
    items: list[tuple[int, Activity]], order: list[int]
) -> None:
    assert counted(evaluate(ledger_of(items))) == counted(evaluate(ledger_of(items, order)))


@settings(max_examples=80, deadline=None)
@given(
    st.integers(0, 700),
    st.integers(1, 700),
    st.integers(1, 40),
    st.integers(0, 10_000),
)
def test_split_additivity(offset: int, length: int, hours: int, cut_seed: int) -> None:
    """Splitting a placement in two: the exact values add up exactly (every day of a month
    weighs the same), the rounded amounts within a cent."""
    s = START + timedelta(days=offset)
    e = s + timedelta(days=length)
    cut = s + timedelta(days=cut_seed % length)  # last day of the first part
    whole = value_activity(
        Activity(block="banenafspraak", hours_per_week=hours, start=s, end=e), HAAGLANDEN
    )
    first = value_activity(
        Activity(block="banenafspraak", hours_per_week=hours, start=s, end=cut), HAAGLANDEN
    )
    second = value_activity(
        Activity(block="banenafspraak", hours_per_week=hours, start=cut + timedelta(days=1), end=e),
        HAAGLANDEN,
    )
    assert first.exact + second.exact == whole.exact
    assert abs(first.amount + second.amount - whole.amount) <= Decimal("0.01")
