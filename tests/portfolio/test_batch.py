"""The vectorised batch path against the exact ledger: 0 differences in cents, activity by
activity, on generated portfolios (hypothesis), plus hand-computed cases of the month
arithmetic it rests on."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.portfolio.conftest import FULL, activity, contract, portfolio

from bouwblokken.ledger import Ledger, evaluate
from bouwblokken.portfolio import read_portfolio
from bouwblokken.portfolio.batch import (
    _BASE,
    _months_l,
    batch_evaluate,
    count_limited_overlaps,
    count_overlaps,
    count_partition,
)
from bouwblokken.portfolio.synthetic import synthetic_document


def _o(d: date) -> int:
    return d.toordinal() - _BASE


def test_months_by_the_kalenderdagenmethode() -> None:
    # 15 Jan - 14 Mar 2025 = 17/31 + 1 + 14/31 = 2 months (COMMON.md's example): 2 × 377 580.
    got = _months_l(np.array([_o(date(2025, 1, 15))]), np.array([_o(date(2025, 3, 14))]))
    assert got.tolist() == [2 * 377_580]
    # 1 March 2024 - 28 Feb 2025 = 12 months, leap day or not.
    got = _months_l(np.array([_o(date(2024, 3, 1))]), np.array([_o(date(2025, 2, 28))]))
    assert got.tolist() == [12 * 377_580]


def test_count_partition_by_hand() -> None:
    # € 40.000 a year, 24 of 36 hours, 15 Jan - 14 Mar 2025 (2 months):
    # 40 000 × 24/36 × 2/12 = 4 444,444... → € 4.444,44 = 444 444 cents.
    s, e = _o(date(2025, 1, 15)), _o(date(2025, 3, 14))
    one = np.array
    cents = count_partition(
        one([s]),
        one([e]),
        one([0]),
        one([1 << 40]),
        one([4_000_000]),
        one([2]),
        one([3]),
        one([True]),
        one([0]),
    )
    assert cents.tolist() == [444_444]
    # A counting limit of 1 month from 15 Jan: January gives 17/31; February (28 days) may
    # add at most 14/31 of a month = 12,6 days → up to 12 February (13 would exceed it):
    # 17/31 + 12/28 = 848/868 = 212/217 month; 40 000 × 212/217 / 12 = 3 256,528... → 325 653.
    cents = count_partition(
        one([s]),
        one([e]),
        one([0]),
        one([1 << 40]),
        one([4_000_000]),
        one([1]),
        one([1]),
        one([True]),
        one([1]),
    )
    assert cents.tolist() == [325_653]


def _compare(ledger: Ledger, as_of: date) -> tuple[int, int]:
    exact = evaluate(ledger, as_of=as_of)
    diffs = 0
    n = 0
    # exact_cuts=False: persons with overlapping placements are counted by the vectorised
    # week cap (count_overlaps), not by the exact fallback.
    for batch in (
        batch_evaluate(ledger, as_of=as_of),
        batch_evaluate(ledger, as_of=as_of, exact_cuts=False),
    ):
        for t in exact.tenders:
            for r in t.activities:
                n += 1
                diffs += batch.amount(t.tender.id, r.index, "forecast") != r.counted
            for r in t.realised_activities:
                diffs += batch.amount(t.tender.id, r.index, "realised") != r.counted
            realised = batch.tender_totals("realised").get(t.tender.id, Decimal(0))
            assert realised == t.realised.counted
    return diffs, n


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(0, 10_000),
    st.integers(60, 260),
    st.sampled_from([date(2023, 3, 31), date(2024, 6, 30), date(2024, 12, 31)]),
    st.sampled_from([0.0, 0.02, 0.3]),  # float-ok: an overlap probability
)
def test_batch_equals_exact_on_generated_portfolios(
    seed: int,
    n: int,
    as_of: date,
    overlap: float,  # float-ok: a probability
) -> None:
    p = read_portfolio(synthetic_document(n, seed=seed, overlap_share=overlap))
    for view in ("approved", "declared"):
        diffs, rows = _compare(p.ledger(view, as_of=as_of), as_of)
        assert rows > 0 and diffs == 0


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 3),  # person
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
    st.sampled_from([date(2023, 6, 30), date(2024, 2, 29), date(2025, 12, 31)]),
)
def test_batch_equals_exact_on_hand_built_people(
    rows: list[tuple[int, int, int, str, str, bool, int]], as_of: date
) -> None:
    """Haaglanden (counting limits of 12 and 24 months, a limit per target group): persons
    with successive and overlapping placements in two contracts."""
    from datetime import timedelta

    acts: dict[int, list[dict[str, object]]] = {0: [], 1: []}
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
    p = portfolio(cs)
    for view in ("approved", "declared"):
        diffs, _ = _compare(p.ledger(view, as_of=as_of), as_of)
        assert diffs == 0


def test_the_exact_fallback_in_small_chunks_gives_the_same(monkeypatch: object) -> None:
    import bouwblokken.portfolio.batch as batch

    p = read_portfolio(synthetic_document(300, seed=3, overlap_share=0.3))
    ledger = p.ledger("declared", as_of=date(2024, 6, 30))
    whole = batch_evaluate(ledger, as_of=date(2024, 6, 30))
    monkeypatch.setattr(batch, "CHUNK_ROWS", 7)  # type: ignore[attr-defined]
    small = batch_evaluate(ledger, as_of=date(2024, 6, 30))
    assert whole.realised_cents.tolist() == small.realised_cents.tolist()
    assert whole.forecast_cents.tolist() == small.forecast_cents.tolist()
    assert sum(whole.fallback.values()) > 7


@settings(max_examples=20, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                [
                    ("utrecht", "opleiding_kennis_middelen_kosten", "costs"),
                    ("utrecht", "opleiden_sr_medewerkers", "agreed_amount"),
                    ("utrecht", "maatschappelijk_project_uren", "hours"),
                    ("utrecht", "inkoop_sociale_onderneming", "invoice_amount"),
                    ("oost_nederland@V05-2023-04", "baan_na_vso_pro", None),
                    ("oost_nederland@V05-2023-04", "bbl_niveau_1_2", "periods"),
                    ("oost_nederland@V05-2023-04", "mvo_activiteit_factuur", "invoice_amount"),
                ]
            ),
            st.decimals(min_value=0, max_value=99999, places=2),
            st.booleans(),
            st.sampled_from([None, "p1", "p2"]),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_undated_blocks_equal_exact(
    rows: list[tuple[tuple[str, str, str | None], Decimal, bool, str | None]],
) -> None:
    """Costs, agreed amounts, hours, invoices, one-offs and periods: the batch path's cents are
    the exact path's, whatever the amount."""
    by_catalog: dict[str, list[dict[str, object]]] = {}
    for n, ((cat, block, fact), amount, ok, person) in enumerate(rows):
        a = activity(
            f"a{n}", person, "2023-05-01", "2023-05-01", history=FULL if ok else [], block=block
        )
        if fact in ("hours", "periods"):
            a["activity"][fact] = str(amount % 500)
        elif fact is not None:
            a["activity"][fact] = str(amount)
        by_catalog.setdefault(cat, []).append(a)
    cs = []
    for i, (cat, acts) in enumerate(sorted(by_catalog.items())):
        k = contract(f"c{i}", f"s{i}", acts)
        k["tender"]["catalog"] = cat
        cs.append(k)
    p = portfolio(cs)
    diffs, _ = _compare(p.ledger("approved", as_of=date(2024, 12, 31)), date(2024, 12, 31))
    assert diffs == 0


def test_count_overlaps_by_hand() -> None:
    """One person, € 40.000 a year, two placements of 24/36 of a week: A 1 Jan - 31 Mar 2025,
    B 1 Mar - 30 Apr 2025. In March the week holds 2/3 (A) + 2/3 (B) > 1: the one that comes
    first in the ledger's order keeps its 2/3, the other gets the 1/3 left."""
    one = np.array
    s = one([_o(date(2025, 1, 1)), _o(date(2025, 3, 1))])
    e = one([_o(date(2025, 3, 31)), _o(date(2025, 4, 30))])
    args = (s, e, one([4_000_000] * 2), one([2, 2]), one([3, 3]), one([True, True]))
    # A first: A = 40 000 × 2/3 × 3/12 = 6 666,666... → 666 667 cents;
    # B = 40 000 × (1/3 × 1 month + 2/3 × 1 month)/12 = 3 333,333... → 333 333 cents.
    cents, cut = count_overlaps(one([0, 0]), one([0, 1]), *args)
    assert cents.tolist() == [666_667, 333_333]
    assert cut.tolist() == [False, True]
    # B first (e.g. realised): B = 40 000 × 2/3 × 2/12 = 4 444,444... → 444 444 cents;
    # A = 40 000 × (2/3 × 2 + 1/3 × 1)/12 = 40 000 × 5/36 = 5 555,555... → 555 556 cents.
    cents, cut = count_overlaps(one([0, 0]), one([1, 0]), *args)
    assert cents.tolist() == [555_556, 444_444]
    assert cut.tolist() == [True, False]
    # Two persons never share a week: the same rows for persons 0 and 1 both count in full,
    # 40 000 × 2/3 × 3/12 → 666 667 and 40 000 × 2/3 × 2/12 → 444 444.
    cents, cut = count_overlaps(one([0, 1]), one([0, 1]), *args)
    assert cents.tolist() == [666_667, 444_444]
    assert not cut.any()


def test_the_week_cap_is_vectorised(two_suppliers: object) -> None:
    """Bouw's a1 (older contract) fills p1's week in 2023; Groen's g1 (contract from 1 Feb
    2023) gets nothing: € 0,00, valued by the vectorised path, not the exact fallback."""
    from tests.portfolio.conftest import AS_OF

    ledger = two_suppliers.ledger("approved", as_of=AS_OF)  # type: ignore[attr-defined]
    batch = batch_evaluate(ledger, as_of=AS_OF, exact_cuts=False)
    assert batch.fallback == {}
    assert batch.vectorised.all()
    # a1: 40 000 × 36/36 × 12/12 = € 40.000,00; g1 within its contract (Feb-Dec) is cut whole.
    assert batch.amount("bouw-1", 0, "realised") == Decimal("40000.00")
    assert batch.amount("groen-1", 0, "realised") == Decimal("0.00")
    # a2: 18 of 36 hours, all of 2023: 40 000 × 1/2 = € 20.000,00.
    assert batch.amount("bouw-1", 1, "realised") == Decimal("20000.00")
    # With exact_cuts (the default) the cut person p1 takes the exact path, same cents.
    exact = batch_evaluate(ledger, as_of=AS_OF)
    assert exact.fallback == {"person_week_cut": 2}
    assert exact.realised_cents.tolist() == batch.realised_cents.tolist()


def test_count_limited_overlaps_by_hand() -> None:
    """One person, € 40.000 a year, a counting limit of 2 months shared by two placements of
    half a week: A 1 Jan - 31 Mar 2025 (first), B 1 Feb - 30 Apr 2025. A uses the limit up
    with January and February (2 months: March does not fit); B counts February again (a day
    already used counts without using more) but not March or April."""
    one = np.array
    cents, cut = count_limited_overlaps(
        one([0, 0]),
        one([0, 1]),
        one([_o(date(2025, 1, 1)), _o(date(2025, 2, 1))]),
        one([_o(date(2025, 3, 31)), _o(date(2025, 4, 30))]),
        one([4_000_000] * 2),
        one([1, 1]),
        one([2, 2]),
        one([True, True]),
        one([2, 2]),
        one([0, 0]),
    )
    # A: 40 000 × 1/2 × 2/12 = 3 333,333... → 333 333 cents;
    # B: 40 000 × 1/2 × 1/12 (February) = 1 666,666... → 166 667 cents. In February the week
    # holds 1/2 + 1/2: full, not over it, so nothing is cut by the week cap.
    assert cents.tolist() == [333_333, 166_667]
    assert cut.tolist() == [False, False]
