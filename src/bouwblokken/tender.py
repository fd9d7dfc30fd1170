"""A tender (contract) and its social-return terms, as plain data.

Defaults for the obligation come from the catalog edition in force for the tender (by the
tender's publication or contract date, as the catalog's ``effective_basis`` says) or from a
named published rule (``catalogs/obligation-rules.toml``); explicit terms here override them.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field, model_validator

from bouwblokken.activity import Activity
from bouwblokken.catalog.model import ContractType, Frozen, ObligationRules, Percentage
from bouwblokken.money import NonNegativeMoney

__all__ = ["Person", "Tender"]


class Person(Frozen):
    """A person known to the ledger, under a pseudonymous id only (no name, no BSN)."""

    id: Annotated[str, Field(min_length=1, max_length=64)]
    birth_date: date | None = None
    """Optional; when given, age is judged on each catalog's peildatum (privacy: nothing else
    about the person is asked)."""
    note: str | None = None


class Tender(Frozen):
    """One contract with a social-return obligation, and the activities attached to it."""

    id: Annotated[str, Field(min_length=1, max_length=64)]
    title: str | None = None
    supplier: str | None = None
    catalog: str | None = None
    """Catalog id, or ``id@edition`` to pin an edition. The edition in force on the tender's
    publication or contract date is used when no edition is pinned."""
    rules: str | ObligationRules | None = None
    """Obligation rules: a named published rule (``"schiedam"``) or inline terms; default: the
    catalog's obligation defaults."""
    contract_value: NonNegativeMoney | None = None
    """Contract value excl. VAT (opdrachtwaarde)."""
    labour_cost: NonNegativeMoney | None = None
    """Labour-cost component (loonsom), for rules that take the percentage of it."""
    invoiced_turnover: NonNegativeMoney | None = None
    """Turnover actually invoiced under the contract, for rules on that base."""
    base: Literal["contract_value", "labour_cost", "invoiced_turnover"] | None = None
    percentage: Percentage | None = None
    offered_percentage: Percentage | None = None
    """Percentage offered by the bidder where the rules allow an offer (award criterion)."""
    threshold: NonNegativeMoney | None = None
    maximum: NonNegativeMoney | None = None
    contract_type: ContractType | None = None
    labour_share_percent: Percentage | None = None
    publication_date: date | None = None
    contract_date: date | None = None
    """Award or contract date (gunningsdatum)."""
    start: date | None = None
    end: date | None = None
    """Last day of the contract, inclusive."""
    pso_level: str | None = None
    """The main contractor's PSO level (e.g. ``trede_2``), for a reduction or exemption."""
    min_per_contract_year: NonNegativeMoney | None = None
    activities: tuple[Activity, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> Tender:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(f"end ({self.end}) is before start ({self.start})")
        ids = [a.id for a in self.activities if a.id is not None]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"activity ids must be unique within a tender; repeated: {dupes}")
        return self

    def judged_on(self, basis: str) -> date | None:
        """The date that picks the catalog edition for this tender."""
        if basis == "publication_date":
            return self.publication_date or self.contract_date or self.start
        return self.contract_date or self.start or self.publication_date
