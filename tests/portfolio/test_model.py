"""The portfolio model: status histories, the two views, the document round trip."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.portfolio.conftest import (
    FULL,
    activity,
    approved,
    contract,
    declared,
    evidenced,
    portfolio,
    rejected,
)

from bouwblokken.errors import BouwblokkenError, DocumentError
from bouwblokken.ledger import evaluate
from bouwblokken.portfolio import ContractActivity, Portfolio, read_portfolio, write_portfolio
from bouwblokken.portfolio.columnar import read_columns
from bouwblokken.portfolio.document import portfolio_schema


def _ca(history: list[dict[str, object]]) -> ContractActivity:
    return ContractActivity.model_validate(
        activity("a", "p", "2023-01-01", "2023-12-31", history=history)  # type: ignore[arg-type]
    )


def test_status_follows_the_history_by_date() -> None:
    ca = _ca(FULL)
    assert ca.status_on(date(2024, 1, 4)) is None  # not yet known
    assert ca.status_on(date(2024, 1, 5)) == "declared"
    assert ca.status_on(date(2024, 1, 15)) == "evidenced"
    assert ca.status_on() == "approved"
    assert ca.decision() is not None and ca.decision().by == "sr-desk"  # type: ignore[union-attr]
    assert _ca([]).status_on() == "planned"


@pytest.mark.parametrize(
    ("history", "message"),
    [
        ([declared("2024-01-05"), approved("2024-01-20")], "without evidence"),
        ([approved("2024-01-20")], "cannot follow"),
        ([declared("2024-01-05"), {"status": "rejected", "on": "2024-01-06", "by": "x"}], "why"),
        ([declared("2024-01-05"), {"status": "evidenced", "on": "2024-01-06"}], "documents"),
        ([declared("2024-02-05"), evidenced("2024-01-10")], "before the step above"),
        (
            [*FULL[:2], {"status": "approved", "on": "2024-01-20"}],
            "who approved",
        ),
    ],
)
def test_invalid_histories_are_refused(history: list[dict[str, object]], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _ca(history)


def test_a_rejected_activity_may_be_declared_again() -> None:
    ca = _ca([declared("2024-01-05"), rejected("2024-01-20"), declared("2024-02-01")])
    assert ca.status_on() == "declared"
    assert ca.decision() is None


def test_views_map_statuses_to_the_ledger(two_suppliers: Portfolio) -> None:
    p = portfolio(
        [
            contract(
                "c",
                "bouw",
                [
                    activity("ok", "p1", "2023-01-01", "2023-12-31", history=FULL),
                    activity("decl", "p2", "2023-01-01", "2023-12-31", history=FULL[:1]),
                    activity(
                        "rej",
                        "p3",
                        "2023-01-01",
                        "2023-12-31",
                        history=[*FULL[:2], rejected("2024-01-20")],
                    ),
                    activity("plan", "p4", "2024-01-01", "2024-12-31"),
                ],
            )
        ]
    )
    approved_l = p.ledger("approved")
    status = {a.id: a.status for a in approved_l.tenders[0].activities}
    assert status == {"ok": "realised", "decl": "planned", "plan": "planned"}  # rej left out
    declared_l = p.ledger("declared")
    status = {a.id: a.status for a in declared_l.tenders[0].activities}
    assert status == {"ok": "realised", "decl": "realised", "rej": "realised", "plan": "planned"}
    # Known on 2024-01-10 nothing is approved yet: nothing is realised in the approved view.
    early = p.ledger("approved", known_on=date(2024, 1, 10))
    assert all(a.status == "planned" for a in early.tenders[0].activities)
    # By hand: one approved full-time Participatiewet year = 40 000 × 36/36 × 1 = € 40.000,00;
    # declared: ok, decl and rej, three such years = € 120.000,00.
    r_app = evaluate(approved_l, as_of=date(2024, 12, 31)).tenders[0]
    r_dec = evaluate(declared_l, as_of=date(2024, 12, 31)).tenders[0]
    assert r_app.realised.counted == Decimal("40000.00")
    assert r_dec.realised.counted == Decimal("120000.00")


def test_the_document_round_trips(two_suppliers: Portfolio) -> None:
    text = write_portfolio(two_suppliers)
    assert json.loads(text)["format"] == "bouwblokken.portfolio/1"
    again = read_portfolio(text)
    assert again == two_suppliers
    assert write_portfolio(again) == text
    assert '"contract_value": "1000000"' in text  # exact amounts as strings


def test_document_errors_name_the_record() -> None:
    data = json.loads(write_portfolio(portfolio([contract("c", "bouw", [])])))
    data["contracts"][0]["buyers"] = ["nergens"]
    with pytest.raises(DocumentError, match="unknown buyer 'nergens'"):
        read_portfolio(data, name="p.json")
    data["contracts"][0]["buyers"] = ["emmen"]
    data["contracts"][0]["tender"]["contract_value"] = 1000.5
    with pytest.raises(BouwblokkenError, match=r"contracts\[0\] \(c\)|float"):
        read_portfolio(data)
    with pytest.raises(DocumentError, match=r"contracts\[0\]\.tender\.contract_value"):
        read_portfolio(
            '{"buyers":[{"id":"b"}],"contracts":[{"tender":{"id":"c",'
            '"contract_value":1e400},"buyers":["b"],"supplier":"s"}]}'
        )


def test_the_schema_validates_the_document(two_suppliers: Portfolio) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(json.loads(write_portfolio(two_suppliers)), portfolio_schema())


def test_the_document_names_its_published_schema(two_suppliers: Portfolio) -> None:
    """``$schema`` first, the file published in docs/schemas/ (same text as the library's
    schema); both readers take it and ignore it, a ``$schema`` that is not a text is refused."""
    text = write_portfolio(two_suppliers)
    data = json.loads(text)
    url = "https://bouwblokken.github.io/bouwblokken/schemas/portfolio.schema.json"
    assert list(data)[:2] == ["$schema", "format"] and data["$schema"] == url
    published = Path(__file__).resolve().parents[2] / "docs" / "schemas" / "portfolio.schema.json"
    assert json.loads(published.read_text(encoding="utf-8")) == portfolio_schema()
    assert portfolio_schema()["$id"] == url
    assert read_portfolio(text) == two_suppliers
    assert read_columns(text).to_portfolio() == two_suppliers
    data["$schema"] = 5
    with pytest.raises(DocumentError, match=r"\$schema"):
        read_portfolio(data)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["declared", "evidenced", "approved", "rejected"]), max_size=6))
def test_nothing_is_realised_in_the_approved_view_without_an_approval(steps: list[str]) -> None:
    history: list[dict[str, object]] = []
    for n, s in enumerate(steps):
        day = f"2024-01-{n + 1:02d}"
        ev = {
            "declared": declared,
            "evidenced": evidenced,
            "approved": approved,
            "rejected": rejected,
        }[s](day)
        try:
            ca = _ca([*history, ev])
        except ValueError:
            continue
        history.append(ev)
    ca = _ca(history)
    p = portfolio([contract("c", "bouw", [ca.model_dump(mode="json", exclude_unset=True)])])
    acts = p.ledger("approved").tenders[0].activities
    realised = [a for a in acts if a.status == "realised"]
    assert bool(realised) == (ca.status_on() == "approved")
    assert (ca.status_on() == "approved") == any(h["status"] == "approved" for h in history[-1:])
