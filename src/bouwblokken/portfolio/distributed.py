"""The batch path on Dask, for portfolios beyond one machine (the ``dask`` extra).

Counting is per person, so a ledger splits into independent partitions by person: each
partition holds every activity of its persons (in every tender, with the tenders' terms), and
the activities without a person go to partition 0. Each partition is counted by
:func:`~bouwblokken.portfolio.batch.batch_evaluate` on a worker; the per-activity cents are
then put back in the ledger's order. Because no rule links two persons (a catalog with share
caps, a tender-wide ordering, is refused here), the result is the same, activity by activity,
as one :func:`~bouwblokken.portfolio.batch.batch_evaluate` — and so as
:func:`~bouwblokken.ledger.evaluate`.
"""

from __future__ import annotations

import zlib
from datetime import date
from typing import Any

import numpy as np

from bouwblokken.catalog.registry import Registry
from bouwblokken.errors import BouwblokkenError
from bouwblokken.ledger import Ledger
from bouwblokken.portfolio.batch import BatchResult, batch_evaluate

__all__ = ["batch_evaluate_dask", "partition_by_person"]


def partition_by_person(ledger: Ledger, partitions: int) -> list[Ledger]:
    """``partitions`` ledgers; a person's activities all land in the same one (by a stable
    hash of the person id)."""
    return [part for part, _ in _partitions(ledger, partitions)]


def _partitions(ledger: Ledger, partitions: int) -> list[tuple[Ledger, dict[tuple[str, int], int]]]:
    """The partitions, each with (tender id, index in the partition) → index in the ledger."""
    buckets: list[dict[str, list[int]]] = [{} for _ in range(partitions)]
    for t in ledger.tenders:
        for i, a in enumerate(t.activities):
            k = 0 if a.person is None else zlib.crc32(a.person.encode()) % partitions
            buckets[k].setdefault(t.id, []).append(i)
    out = []
    for b in buckets:
        tenders = []
        where: dict[tuple[str, int], int] = {}
        for t in ledger.tenders:
            idx = b.get(t.id, [])
            where.update({(t.id, j): i for j, i in enumerate(idx)})
            tenders.append(t.model_copy(update={"activities": tuple(t.activities[i] for i in idx)}))
        out.append((Ledger.model_construct(persons=ledger.persons, tenders=tuple(tenders)), where))
    return out


def _count(
    part: Ledger, as_of: date | None, registry: Registry | None, exact_cuts: bool = True
) -> BatchResult:
    return batch_evaluate(part, as_of=as_of, registry=registry, exact_cuts=exact_cuts)


def batch_evaluate_dask(
    ledger: Ledger,
    client: Any,
    *,
    as_of: date | None = None,
    partitions: int | None = None,
    registry: Registry | None = None,
    exact_cuts: bool = True,
) -> BatchResult:
    """:func:`~bouwblokken.portfolio.batch.batch_evaluate` with the work spread over a Dask
    ``client`` (``dask.distributed.Client``), one task per person partition (``exact_cuts``
    as there)."""
    n = partitions or max(1, 2 * len(client.nthreads()))
    split = _partitions(ledger, n)
    parts = [part for part, _ in split]
    futures = client.map(
        _count, parts, as_of=as_of, registry=registry, exact_cuts=exact_cuts, pure=False
    )
    results: list[BatchResult] = client.gather(futures)
    if any("share_caps" in r.fallback for r in results):
        raise BouwblokkenError("a catalog with share caps cannot be partitioned: use evaluate()")
    keys: list[tuple[str, int]] = []
    for t in ledger.tenders:
        keys.extend((t.id, i) for i in range(len(t.activities)))
    where = {k: i for i, k in enumerate(keys)}
    realised = np.zeros(len(keys), dtype=np.int64)
    forecast = np.zeros(len(keys), dtype=np.int64)
    vectorised = np.zeros(len(keys), dtype=bool)
    fallback: dict[str, int] = {}
    for (_, back), res in zip(split, results, strict=True):
        rows = [where[(k[0], back[k])] for k in res.keys]
        realised[rows] = res.realised_cents
        forecast[rows] = res.forecast_cents
        vectorised[rows] = res.vectorised
        for reason, count in res.fallback.items():
            fallback[reason] = fallback.get(reason, 0) + count
    first = results[0] if results else None
    return BatchResult(
        tuple(keys),
        realised,
        forecast,
        vectorised,
        first.obligations if first else {},
        as_of,
        fallback,
    )
