"""Generated multi-contract instances (the one copy for tests and benchmarks/bench_optimizer)."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from bouwblokken import Ledger, Tender
from bouwblokken.optimize.multi import Candidate, Contract, MultiRequest

__all__ = ["multi_request"]

START = date(2025, 5, 1)


def _tender(i: int, value: int) -> Tender:
    return Tender(
        id=f"T{i}",
        catalog="haaglanden",
        contract_value=str(value),
        contract_type="services",
        contract_date=date(2025, 3, 1),
        publication_date=date(2025, 1, 15),
        start=date(2025, 4, 1),
        end=date(2027, 3, 31),
    )


def multi_request(rng: random.Random, tenders: int, candidates: int) -> MultiRequest:
    """``tenders`` Haaglanden contracts of € 0,2–1,2 million and ``candidates`` candidates
    (12–36 hours, WW and/or Participatiewet, € 15–45 an hour, € 0–2.000 a placement)."""
    ts = tuple(_tender(i, rng.randint(2, 12) * 100_000) for i in range(tenders))
    cands = tuple(
        Candidate(
            id=f"c{i}",
            hours_per_week=rng.choice([12, 16, 20, 24, 32, 36]),
            blocks=rng.choice([("ww",), ("participatiewet",), ("ww", "participatiewet")]),
            cost_per_hour=Decimal(rng.randint(1_500, 4_500)) / 100,
            cost_per_placement=Decimal(rng.choice([0, 500, 1_000, 2_000])),
        )
        for i in range(candidates)
    )
    contracts = tuple(
        Contract(
            tender=t.id, fine_percent=Decimal(rng.choice([5, 10])) if rng.random() < 0.4 else None
        )
        for t in ts
    )
    return MultiRequest(
        ledger=Ledger(tenders=ts), contracts=contracts, candidates=cands, start=START
    )
