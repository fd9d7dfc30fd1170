"""The columnar portfolio: it reads exactly what read_portfolio reads (same models, same
errors), and its counts equal the exact ledger's to the cent, row by row."""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.portfolio.conftest import FULL, activity, contract

from bouwblokken.errors import DocumentError
from bouwblokken.ledger import evaluate
from bouwblokken.portfolio import read_portfolio, write_portfolio
from bouwblokken.portfolio.columnar import (
    batch_evaluate_columns,
    columns_from_portfolio,
    monitor_columns,
    read_columns,
)
from bouwblokken.portfolio.monitor import monitor
from bouwblokken.portfolio.periods import ReportingPeriod
from bouwblokken.portfolio.synthetic import synthetic_document


def _doc(contracts: list[dict[str, Any]], persons: tuple[str, ...] = ("p1", "p2")) -> str:
    return json.dumps(
        {
            "format": "bouwblokken.portfolio/1",
            "buyers": [{"id": "emmen"}],
            "persons": [{"id": p} for p in persons],
            "contracts": contracts,
        }
    )


def _exact_cents(ledger: Any, as_of: date) -> tuple[dict[tuple[str, int], int], ...]:
    res = evaluate(ledger, as_of=as_of)
    f = {(t.tender.id, r.index): int(r.counted * 100) for t in res.tenders for r in t.activities}
    r_ = {
        (t.tender.id, r.index): int(r.counted * 100)
        for t in res.tenders
        for r in t.realised_activities
    }
    return f, r_


def _compare(text: str, view: Any, as_of: date, known_on: date | None = None) -> int:
    """Rows whose cents differ between the columns and the exact ledger (both views)."""
    pc = read_columns(text)
    p = read_portfolio(text)
    ledger = p.ledger(view, known_on=known_on, as_of=as_of)
    forecast, realised = _exact_cents(ledger, as_of)
    got = batch_evaluate_columns(pc, view=view, known_on=known_on, as_of=as_of)
    # The ledger numbers a contract's activities in document order, leaving out rejected ones.
    index: dict[int, int] = {}
    diffs = 0
    for j in range(len(pc)):
        if got.status[j] < 0:
            assert got.forecast_cents[j] == 0
            continue
        k = int(pc.contract[j])
        i = index.get(k, 0)
        index[k] = i + 1
        key = (pc.contracts[k].id, i)
        diffs += int(got.forecast_cents[j]) != forecast[key]
        diffs += int(got.realised_cents[j]) != realised.get(key, 0)
    assert sum(index.values()) == sum(len(t.activities) for t in ledger.tenders)
    return diffs


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(0, 10_000),
    st.integers(40, 200),
    st.sampled_from([0.0, 0.05, 0.4]),  # float-ok: an overlap probability
)
def test_columns_read_what_read_portfolio_reads(
    seed: int,
    n: int,
    overlap: float,  # float-ok: a probability
) -> None:
    text = json.dumps(synthetic_document(n, seed=seed, overlap_share=overlap))
    pc = read_columns(text)
    p = read_portfolio(text)
    assert pc.to_portfolio() == p
    assert write_portfolio(pc.to_portfolio()) == write_portfolio(p)
    assert not pc.objects  # the generated activities all fit the columns


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(0, 10_000),
    st.sampled_from([0.02, 0.4]),  # float-ok: an overlap probability
    st.sampled_from([date(2023, 3, 31), date(2024, 6, 30)]),
    st.sampled_from([None, date(2023, 9, 30), date(2024, 3, 31)]),
)
def test_columns_count_like_the_exact_ledger(
    seed: int,
    overlap: float,  # float-ok: a probability
    as_of: date,
    known_on: date | None,
) -> None:
    text = json.dumps(synthetic_document(150, seed=seed, overlap_share=overlap))
    for view in ("approved", "declared"):
        assert _compare(text, view, as_of, known_on) == 0


def _unusual() -> str:
    """Activities the columns do not hold (an age, flags, a note, indicators, a bonus block,
    a padded id the models strip) beside plain ones, for one person in two contracts."""
    acts = [
        activity("a1", "p1", "2023-01-01", "2023-12-31", "24", history=FULL),
        activity("a2", "p1", "2023-06-01", "2024-05-31", "24", history=FULL, age=52),
        activity("a3", "p2", "2023-03-01", "2023-08-31", "36", history=FULL, note="BBL"),
        activity(" a4 ", "p2", "2023-09-01", "2024-02-29", "20", history=FULL),
    ]
    acts[2]["indicators"] = [{"kind": "fte", "value": "1", "unit": "fte", "source": "loonstrook"}]
    other = [activity("b1", "p1", "2023-02-01", "2023-07-31", "36", history=FULL)]
    other.append(activity("b2", None, "2023-02-01", "2023-07-31", "36", history=FULL))
    other[1]["activity"]["person"] = None  # given as null: valid, and kept as given
    return _doc(
        [
            contract("c1", "s1", acts),
            contract("c2", "s2", other, start="2023-02-01", end="2025-01-31"),
        ]
    )


def test_unusual_activities_are_kept_whole_and_counted_exactly() -> None:
    text = _unusual()
    pc = read_columns(text)
    p = read_portfolio(text)
    assert pc.to_portfolio() == p
    assert write_portfolio(pc.to_portfolio()) == write_portfolio(p)
    # The age, the note and indicators, the null person; " a4 " is stripped and fits.
    assert sorted(pc.objects) == [1, 2, 5]
    assert pc.ids[pc.aid[3]] == "a4"
    for as_of in (date(2023, 6, 30), date(2024, 12, 31)):
        for view in ("approved", "declared"):
            assert _compare(text, view, as_of) == 0


def _bad(mutate: Any) -> str:
    base = json.loads(_unusual())
    mutate(base)
    return json.dumps(base)


def _act(doc: dict[str, Any], m: int = 0) -> dict[str, Any]:
    a: dict[str, Any] = doc["contracts"][0]["activities"][m]
    return a


BAD = {
    "date": lambda d: _act(d)["activity"].update(start="2023-02-30"),
    "date_text": lambda d: _act(d)["activity"].update(start="1-2-2023"),
    "date_range": lambda d: _act(d)["activity"].update(end="2300-01-01"),
    "hours": lambda d: _act(d)["activity"].update(hours_per_week="36,5"),
    "hours_range": lambda d: _act(d)["activity"].update(hours_per_week="170"),
    "unknown_key": lambda d: _act(d)["activity"].update(hours_per_wek="36"),
    "end_before_start": lambda d: _act(d)["activity"].update(end="2022-12-31"),
    "unknown_person": lambda d: _act(d, 3)["activity"].update(person="p9"),
    "repeated_id": lambda d: _act(d, 3)["activity"].update(id="a1"),
    "status_set": lambda d: _act(d)["activity"].update(status="realised"),
    "empty_block": lambda d: _act(d)["activity"].update(block=""),
    "approval_without_evidence": lambda d: _act(d).update(
        history=[FULL[0], {"status": "approved", "on": "2024-02-01", "by": "sr-desk"}]
    ),
    "step_order": lambda d: _act(d).update(history=[FULL[1], FULL[0]]),
    "rejection_without_reason": lambda d: _act(d).update(
        history=[*FULL[:2], {"status": "rejected", "on": "2024-02-01", "by": "sr-desk"}]
    ),
    "document_kind": lambda d: _act(d)["history"][1].update(documents=["selfie"]),
    "event_key": lambda d: _act(d)["history"][0].update(when="x"),
    "contract_value": lambda d: d["contracts"][0]["tender"].update(contract_value="12.345"),
    "unknown_buyer": lambda d: d["contracts"][1].update(buyers=["assen"]),
    "repeated_contract": lambda d: d["contracts"][1]["tender"].update(id="c1"),
    "activities_not_a_list": lambda d: d["contracts"][0].update(activities={"a": 1}),
    "record_key": lambda d: _act(d).update(extra=1),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_both_readers_refuse_the_same_with_the_same_place(case: str) -> None:
    text = _bad(BAD[case])
    with pytest.raises(DocumentError) as exact:
        read_portfolio(text, name="p.json")
    with pytest.raises(DocumentError) as columns:
        read_columns(text, name="p.json")
    assert columns.value.file == exact.value.file == "p.json"
    if exact.value.location:  # a field's place; the model's cross checks name it in the text
        assert columns.value.location == exact.value.location
        assert columns.value.reason == exact.value.reason
    else:
        assert exact.value.reason.removeprefix("Value error, ") in str(columns.value)


def test_json_limits_hold_per_contract() -> None:
    deep: Any = "x"
    for _ in range(40):
        deep = [deep]
    doc = json.loads(_unusual())
    doc["contracts"][0]["tender"]["title"] = deep
    with pytest.raises(DocumentError, match="nested more than"):
        read_columns(json.dumps(doc))
    with pytest.raises(DocumentError, match="appears twice"):
        read_columns(_unusual().replace('"format"', '"title": "a", "title"', 1))
    # A repeated key inside a contract: named where read_portfolio names it.
    twice = _unusual().replace('"catalog": "utrecht"', '"catalog": "utrecht", "catalog": "x"', 1)
    with pytest.raises(DocumentError) as exact:
        read_portfolio(twice)
    with pytest.raises(DocumentError) as columns:
        read_columns(twice)
    assert exact.value.location == "contracts[0].tender.catalog"
    assert (columns.value.location, columns.value.pointer) == (
        exact.value.location,
        exact.value.pointer,
    )
    with pytest.raises(DocumentError, match="not a JSON number"):
        read_columns(_unusual().replace('"contracts": [', '"x": NaN, "contracts": [', 1))
    with pytest.raises(DocumentError, match="not valid JSON"):
        read_columns(_unusual()[:-5])


def test_the_columnar_report_is_the_batch_report() -> None:
    p_text = json.dumps(synthetic_document(300, seed=11, overlap_share=0.2))
    p = read_portfolio(p_text)
    pc = read_columns(p_text)
    period = ReportingPeriod.quarter(2024, 1)
    a = monitor(p, period, engine="batch")
    b = monitor_columns(pc, period)
    assert a.totals == b.totals
    assert [
        (r.id, r.realised_to_date, r.realised_before, r.planned, r.forecast, r.path)
        for r in a.contracts
    ] == [
        (r.id, r.realised_to_date, r.realised_before, r.planned, r.forecast, r.path)
        for r in b.contracts
    ]
    assert [r.path_line.nl if r.path_line else None for r in a.contracts] == [
        r.path_line.nl if r.path_line else None for r in b.contracts
    ]
    key = {(d.contract, d.activity, d.amount, d.periods) for d in a.double_counts}
    assert key and {(d.contract, d.activity, d.amount, d.periods) for d in b.double_counts} == key
    assert a.table() == b.table()
    # Without the double-count list everything is vectorised: the same amounts.
    c = monitor_columns(pc, period, double_counts=False)
    assert c.totals == a.totals


def test_a_deep_copy_of_the_heads_is_untouched() -> None:
    pc = read_columns(_unusual())
    before = copy.deepcopy(pc.heads)
    batch_evaluate_columns(pc, as_of=date(2024, 6, 30))
    assert pc.heads == before


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 2),  # person
            st.integers(0, 900),  # start offset in days from 2023-01-01
            st.integers(0, 500),  # length in days
            st.sampled_from(["12", "18", "24.5", "36", "40"]),
            st.sampled_from(["participatiewet", "ww", "banenafspraak", "stagiair_mbo_hbo"]),
            st.booleans(),  # approved?
            st.integers(0, 1),  # contract
        ),
        min_size=1,
        max_size=8,
    ),
    st.sampled_from([(2023, 4), (2024, 1), (2025, 4)]),
)
def test_the_double_count_list_from_the_vectorised_week_cap(
    rows: list[tuple[int, int, int, str, str, bool, int]], quarter: tuple[int, int]
) -> None:
    """Haaglanden (limits of 12 and 24 months, per target group; 40 hours is above its
    36-hour week): the double-count list rebuilt from the vectorised week cap is the one the
    exact ledger's trails give, entry by entry (amounts, periods, claimers, texts)."""
    from datetime import timedelta

    acts: dict[int, list[dict[str, Any]]] = {0: [], 1: []}
    for n, (person, off, length, hours, block, ok, c) in enumerate(rows):
        start = date(2023, 1, 1) + timedelta(days=off)
        end = start + timedelta(days=length)
        a = activity(
            f"a{n}",
            f"p{person}",
            start.isoformat(),
            end.isoformat(),
            hours,
            history=FULL if ok else [],
            block=block,
            hours_per_week=hours,
        )
        acts[c].append(a)
    cs = []
    for c in (0, 1):
        k = contract(f"c{c}", f"s{c}", acts[c], start=f"202{3 + c}-01-01", end="2025-12-31")
        k["tender"]["catalog"] = "haaglanden@2023-07"
        cs.append(k)
    text = _doc(cs, persons=("p0", "p1", "p2"))
    period = ReportingPeriod.quarter(*quarter)
    for view in ("approved", "declared"):
        exact = monitor(read_portfolio(text), period, view=view)  # type: ignore[arg-type]
        got = monitor_columns(read_columns(text), period, view=view)  # type: ignore[arg-type]
        assert got.double_counts == exact.double_counts
        assert got.totals == exact.totals


def test_a_portfolio_of_models_in_columns() -> None:
    """From tables (build_portfolio) or any Portfolio: the same columns as from the
    document, and back."""
    for text in (_unusual(), json.dumps(synthetic_document(120, seed=5, overlap_share=0.3))):
        p = read_portfolio(text)
        pc = columns_from_portfolio(p)
        assert pc.to_portfolio() == p
        assert write_portfolio(pc.to_portfolio()) == write_portfolio(p)
        direct = read_columns(text)
        assert sorted(pc.objects) == sorted(direct.objects)
        for view in ("approved", "declared"):
            a = batch_evaluate_columns(pc, view=view, as_of=date(2024, 6, 30))
            b = batch_evaluate_columns(direct, view=view, as_of=date(2024, 6, 30))
            assert a.realised_cents.tolist() == b.realised_cents.tolist()
            assert a.forecast_cents.tolist() == b.forecast_cents.tolist()


def test_a_block_not_prorated_by_hours_that_takes_part_of_the_week() -> None:
    """Oost-Nederland's werkervaringsplaats (per month, not prorated by hours) with 20 of 36
    hours takes part of the person's week while it overlaps a per-year placement: the exact
    path counts that person (also when the activity carries a fact and is kept whole)."""
    for facts in ({}, {"age": 30}):
        acts = [
            activity(
                "a1",
                "p1",
                "2023-01-01",
                "2023-12-31",
                history=FULL,
                block="participatiewet_korter_dan_2_jaar",
                hours_per_week="24",
            ),
            activity(
                "a2",
                "p1",
                "2023-06-01",
                "2023-11-30",
                history=FULL,
                block="werkervaringsplaats",
                hours_per_week="20",
                **facts,
            ),
        ]
        k = contract("c1", "s1", acts)
        k["tender"]["catalog"] = "oost_nederland@V05-2023-04"
        text = _doc([k])
        got = batch_evaluate_columns(read_columns(text), as_of=date(2024, 6, 30))
        assert got.fallback.get("person_overlap") == 2
        assert _compare(text, "approved", date(2024, 6, 30)) == 0
