"""An activity: one use of one block, as plain facts (the input of a valuation).

Only what a valuation needs is asked, and a person appears only under a pseudonymous id
(users.md pain 9): age on the reference date, not a birth date; flags, not a life story.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, model_validator

from bouwblokken.catalog.model import Flag, Frozen, Number
from bouwblokken.money import NonNegativeMoney

__all__ = ["Activity", "Status"]

Status = Literal["planned", "realised"]
"""planned: a commitment in the plan of approach; realised: delivered (actual dates, hours)."""

Hours = Annotated[Number, Field(ge=0)]


def _status_code(value: object) -> object:
    """``gerealiseerd`` → ``realised`` (any case); anything else is left to the type check."""
    if isinstance(value, str):
        from bouwblokken.i18n import DUTCH_WORDS

        return DUTCH_WORDS["status"].get(value.strip().lower(), value)
    return value


class Activity(Frozen):
    """The facts of one activity. Which fields are needed depends on the block's rule:

    - per full-time year: ``hours_per_week``, ``start``, ``end`` (and ``age``/``flags`` for
      bonuses; ``subsidy_end`` when the limit runs with a wage-cost subsidy);
    - per month: ``start``/``end`` or ``months``; per period: ``periods`` (default 1) or dates;
    - per hour: ``hours``; per activity: ``activities`` (and ``days`` with a per-day maximum);
    - invoice: ``invoice_amount`` (excl. VAT); actual costs: ``costs``; agreed: ``agreed_amount``.
    """

    id: str | None = None
    person: Annotated[str, Field(min_length=1, max_length=64)] | None = None
    """Pseudonymous person id; never a name or a citizen service number."""
    status: Annotated[Status, BeforeValidator(_status_code)] = "planned"
    """``planned`` or ``realised``; Dutch words are accepted (``gepland``, ``gerealiseerd``)."""
    block: Annotated[str, Field(min_length=1)]
    hours_per_week: Annotated[Number, Field(ge=0, le=168)] | None = None
    start: date | None = None
    end: date | None = None
    """Last day, inclusive."""
    age: Annotated[int, Field(ge=0, le=120)] | None = None
    """Age on the catalog's reference date (peildatum). Give it, or the person's birth date
    (``birth_date`` here or on the ledger's :class:`~bouwblokken.tender.Person`), not both."""
    birth_date: date | None = None
    """Optional: lets the library judge the age on the peildatum itself, and show a bonus age
    crossed during the placement."""
    benefit_months: Annotated[int, Field(ge=0, le=1200)] | None = None
    """Months on benefit on the peildatum (for blocks split by benefit duration)."""
    registered_months: Annotated[int, Field(ge=0, le=1200)] | None = None
    """Months registered as unemployed jobseeker on the peildatum (rules for ``nug``)."""
    last_worked_for_employer: date | None = None
    """Last day the person worked for the same employer before this placement (WW rule)."""
    left_target_group: date | None = None
    """Day the person left the target group (e.g. moved to another job), for catalogs that keep
    the status for a number of months."""
    flags: tuple[Flag, ...] = ()
    internship_months: Annotated[int, Field(ge=0)] | None = None
    invoice_amount: NonNegativeMoney | None = None
    costs: NonNegativeMoney | None = None
    agreed_amount: NonNegativeMoney | None = None
    hours: Hours | None = None
    activities: Annotated[int, Field(ge=0)] | None = None
    days: Annotated[int, Field(ge=0)] | None = None
    periods: Hours | None = None
    months: Hours | None = None
    subsidy_end: date | None = None
    fulltime_hours_per_week: Annotated[Number, Field(gt=0, le=168)] | None = None
    """The supplier's own full-time week, for catalogs that measure against it."""
    note: str | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> Activity:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(f"end ({self.end}) is before start ({self.start})")
        return self

    @property
    def label(self) -> str:
        """How errors and tables name this activity."""
        return f"activity {self.id!r}" if self.id else f"activity ({self.block})"
