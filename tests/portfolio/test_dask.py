"""The batch path on a local Dask cluster gives the same cents as the exact ledger."""

from __future__ import annotations

import time
from datetime import date

import pytest

from bouwblokken.ledger import evaluate
from bouwblokken.portfolio import read_portfolio
from bouwblokken.portfolio.synthetic import synthetic_document

distributed = pytest.importorskip("distributed")


def test_dask_local_cluster_matches_exact() -> None:
    from bouwblokken.portfolio.distributed import batch_evaluate_dask, partition_by_person

    started = time.perf_counter()
    as_of = date(2024, 6, 30)
    p = read_portfolio(synthetic_document(400, seed=7, overlap_share=0.1))
    ledger = p.ledger("approved", as_of=as_of)
    parts = partition_by_person(ledger, 3)
    assert sum(len(t.activities) for part in parts for t in part.tenders) == sum(
        len(t.activities) for t in ledger.tenders
    )
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        got = batch_evaluate_dask(ledger, client, as_of=as_of, partitions=4)
        # The week cap vectorised in every partition: the same cents.
        vec = batch_evaluate_dask(ledger, client, as_of=as_of, partitions=4, exact_cuts=False)
    assert vec.realised_cents.tolist() == got.realised_cents.tolist()
    assert vec.forecast_cents.tolist() == got.forecast_cents.tolist()
    exact = evaluate(ledger, as_of=as_of)
    for t in exact.tenders:
        for r in t.activities:
            assert got.amount(t.tender.id, r.index, "forecast") == r.counted
        for r in t.realised_activities:
            assert got.amount(t.tender.id, r.index, "realised") == r.counted
    assert sum(got.fallback.values()) > 0  # overlapping persons took the exact path
    assert time.perf_counter() - started < 60
