"""Small portfolios built by hand for the portfolio tests (Utrecht catalog: Participatiewet
€ 40.000 per full-time year of 36 hours; whole calendar years so every reading of duration
gives exactly one year)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bouwblokken.portfolio import Portfolio, read_portfolio


def declared(on: str) -> dict[str, Any]:
    return {"status": "declared", "on": on, "by": "leverancier"}


def evidenced(on: str, *docs: str) -> dict[str, Any]:
    return {"status": "evidenced", "on": on, "documents": list(docs or ("payslips",))}


def approved(on: str) -> dict[str, Any]:
    return {"status": "approved", "on": on, "by": "sr-desk"}


def rejected(on: str, reason: str = "geen doelgroepverklaring") -> dict[str, Any]:
    return {"status": "rejected", "on": on, "by": "sr-desk", "reason": reason}


def activity(
    aid: str,
    person: str | None,
    start: str,
    end: str,
    hours: str = "36",
    history: list[dict[str, Any]] | None = None,
    block: str = "participatiewet",
    **facts: Any,
) -> dict[str, Any]:
    a: dict[str, Any] = {"id": aid, "block": block, "start": start, "end": end, **facts}
    if person is not None:
        a["person"] = person
    if block == "participatiewet":
        a["hours_per_week"] = hours
    indicators = a.pop("indicators", None)
    out: dict[str, Any] = {"activity": a, "history": history or []}
    if indicators:
        out["indicators"] = indicators
    return out


def contract(
    cid: str,
    supplier: str,
    activities: list[dict[str, Any]],
    *,
    value: str = "1000000",
    start: str = "2023-01-01",
    end: str = "2024-12-31",
    buyers: tuple[str, ...] = ("emmen",),
    penalty: dict[str, Any] | None = None,
    contract_date: str | None = None,
) -> dict[str, Any]:
    c: dict[str, Any] = {
        "tender": {
            "id": cid,
            "catalog": "utrecht",
            "contract_value": value,
            "percentage": "5",
            "contract_date": contract_date or start,
            "start": start,
            "end": end,
        },
        "buyers": list(buyers),
        "supplier": supplier,
        "activities": activities,
    }
    if penalty:
        c["penalty"] = penalty
    return c


def portfolio(contracts: list[dict[str, Any]]) -> Portfolio:
    persons = sorted(
        {
            a["activity"]["person"]
            for c in contracts
            for a in c["activities"]
            if "person" in a["activity"]
        }
    )
    suppliers = sorted({c["supplier"] for c in contracts})
    return read_portfolio(
        {
            "title": "Testportefeuille",
            "buyers": [
                {"id": "emmen", "region": "Drenthe"},
                {"id": "assen", "region": "Drenthe"},
            ],
            "suppliers": [{"id": s} for s in suppliers],
            "persons": [{"id": p} for p in persons],
            "contracts": contracts,
        }
    )


FULL = [declared("2024-01-05"), evidenced("2024-01-10"), approved("2024-01-20")]


@pytest.fixture
def two_suppliers() -> Portfolio:
    """Bouw BV and Groen BV each place person p1 full-time in 2023 (double counted);
    Bouw's claim is older (contract from 2023-01-01, Groen's from 2023-02-01)."""
    return portfolio(
        [
            contract(
                "bouw-1",
                "bouw",
                [
                    activity("a1", "p1", "2023-01-01", "2023-12-31", history=FULL),
                    activity("a2", "p2", "2023-01-01", "2023-12-31", "18", history=FULL),
                    activity("a3", "p3", "2024-01-01", "2024-12-31"),
                ],
            ),
            contract(
                "groen-1",
                "groen",
                [activity("g1", "p1", "2023-01-01", "2023-12-31", history=FULL)],
                start="2023-02-01",
                end="2025-01-31",
                buyers=("assen",),
            ),
        ]
    )


AS_OF = date(2024, 12, 31)
