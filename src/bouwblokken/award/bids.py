"""Comparing bidders' social-return offers: what each promises and what its plan counts.

A :class:`Bid` holds a bidder's offered percentage, its plan as ledger activities (named
candidates carry a pseudonymous ``person`` id; placeholders do not), an optional PSO level of
the main contractor, the price and the jury's points. :func:`compare_bids` values every bid
under the tender's catalog with :func:`~bouwblokken.ledger.evaluate` — each bidder on its own
ledger, so two bidders naming the same candidate do not cut into each other — and reports the
offered euros (the obligation at the offered percentage, after threshold, maximum and PSO),
what the plan actually counts, the gap between them, and how many activities name a candidate.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, ValidationError, model_validator

from bouwblokken.activity import Activity
from bouwblokken.award._files import read_data, validate
from bouwblokken.award.errors import AwardError
from bouwblokken.catalog.model import Frozen, Number, Percentage
from bouwblokken.catalog.registry import Registry
from bouwblokken.errors import BouwblokkenError
from bouwblokken.guard import repeated
from bouwblokken.ledger import ActivityResult, Ledger, YearResult, evaluate
from bouwblokken.money import NonNegativeMoney
from bouwblokken.obligation import Obligation
from bouwblokken.tender import Person, Tender

__all__ = [
    "Bid",
    "BidComparison",
    "BidResult",
    "BidsDocument",
    "Offer",
    "compare_bids",
    "read_bids",
    "with_jury_points",
]

BidderName = Annotated[str, Field(min_length=1, max_length=64)]


class Bid(Frozen):
    """One bidder's social-return offer (the input document's ``bids`` entry)."""

    bidder: BidderName
    offered_percentage: Percentage
    price: NonNegativeMoney | None = None
    """The bid price excl. VAT, for formulas that weigh price (or give a fictive discount)."""
    pso_level: str | None = None
    plan: tuple[Activity, ...] = ()
    """The plan of approach as ledger activities (status planned)."""
    persons: tuple[Person, ...] = ()
    """Optional; persons named in the plan but not listed here are declared automatically."""
    jury_points: dict[str, Number] = Field(default_factory=dict)
    """Points the jury entered per criterion id (``plan_van_aanpak``: 7)."""

    @model_validator(mode="after")
    def _unique_ids(self) -> Bid:
        ids = [a.id for a in self.plan if a.id is not None]
        dupes = sorted(repeated(ids))
        if dupes:
            raise ValueError(f"activity ids must be unique within a plan; repeated: {dupes}")
        return self

    def offer(self, plan_percentage: Fraction | None = None) -> Offer:
        """The scoring input of this bid (``plan_percentage`` from a comparison, if any)."""
        return Offer(
            bidder=self.bidder,
            offered_percentage=Fraction(self.offered_percentage),
            price=self.price,
            jury_points={k: Fraction(v) for k, v in self.jury_points.items()},
            plan_percentage=plan_percentage,
        )


@dataclass(frozen=True)
class Offer:
    """What a scoring formula sees of one bid: exact numbers only."""

    bidder: str
    offered_percentage: Fraction
    price: Decimal | None = None
    jury_points: Mapping[str, Fraction] = field(default_factory=dict)
    plan_percentage: Fraction | None = None
    """The percentage the plan actually backs: the offered percentage × the share of the
    offered euros the plan counts (at most the offered percentage); None when not valued."""


@dataclass(frozen=True)
class BidResult:
    """One bid valued under the tender's catalog."""

    bid: Bid
    obligation: Obligation
    """The obligation at the offered percentage (offered euros), with its trail."""
    counted: Decimal
    """What the plan counts (forecast view of the ledger), after every cap and limit."""
    activities: tuple[ActivityResult, ...]
    warnings: tuple[str, ...] = ()
    years: tuple[YearResult, ...] = ()
    """Counted value per contract year against its minimum, where the rules set one (an
    offered percentage that sets a minimum value per contract year, Súdwest-Fryslân)."""

    @property
    def years_short(self) -> tuple[int, ...]:
        """The contract years (1, 2, …) in which the plan stays under the yearly minimum."""
        return tuple(y.year.index for y in self.years if not y.met)

    @property
    def offered_amount(self) -> Decimal:
        return self.obligation.amount if self.obligation.applies else Decimal("0.00")

    @property
    def gap(self) -> Decimal:
        """Offered euros the plan does not cover (0 when the plan covers the promise)."""
        return max(self.offered_amount - self.counted, Decimal("0.00"))

    @property
    def surplus(self) -> Decimal:
        return max(self.counted - self.offered_amount, Decimal("0.00"))

    @property
    def covered(self) -> Fraction | None:
        """Counted ÷ offered euros, at most 1 (None without an obligation)."""
        if self.offered_amount == 0:
            return None
        return min(Fraction(1), Fraction(self.counted) / Fraction(self.offered_amount))

    @property
    def plan_percentage(self) -> Fraction | None:
        c = self.covered
        return None if c is None else Fraction(self.bid.offered_percentage) * c

    @property
    def named(self) -> int:
        """Activities that name a candidate (a pseudonymous person id)."""
        return sum(1 for a in self.bid.plan if a.person is not None)

    @property
    def unnamed(self) -> int:
        """Placeholders: activities without a candidate yet."""
        return sum(1 for a in self.bid.plan if a.person is None)

    def offer(self) -> Offer:
        return self.bid.offer(self.plan_percentage)


@dataclass(frozen=True)
class BidComparison:
    """All bids of one tender, valued under its catalog (see :func:`compare_bids`)."""

    tender: Tender
    catalog: str | None
    fingerprint: str | None
    results: tuple[BidResult, ...]

    def result(self, bidder: str) -> BidResult:
        for r in self.results:
            if r.bid.bidder == bidder:
                return r
        raise AwardError(f"no bidder {bidder!r}", field="bidder")

    def offers(self) -> tuple[Offer, ...]:
        return tuple(r.offer() for r in self.results)


def compare_bids(
    tender: Tender, bids: Sequence[Bid], *, registry: Registry | None = None
) -> BidComparison:
    """Value every bid under ``tender``'s terms and catalog (one ledger per bidder).

    Raises :class:`AwardError` naming the bidder (and the field) when a bid cannot be valued:
    an offered percentage outside the rules' range, an unknown block, missing activity facts.
    """
    names = [b.bidder for b in bids]
    dupes = sorted(repeated(names))
    if dupes:
        raise AwardError(
            f"bidder names must be unique; repeated: {', '.join(dupes)}", field="bidder"
        )
    if tender.catalog is None and any(b.plan for b in bids):
        raise AwardError(
            "the tender names no catalog, so plans cannot be valued",
            record=f"tender {tender.id!r}",
            field="catalog",
        )
    results: list[BidResult] = []
    catalog: str | None = None
    fingerprint: str | None = None
    for bid in bids:
        declared = {p.id for p in bid.persons}
        persons = list(bid.persons) + [
            Person(id=pid)
            for pid in dict.fromkeys(a.person for a in bid.plan if a.person is not None)
            if pid not in declared
        ]
        t = tender.model_copy(
            update={
                "offered_percentage": bid.offered_percentage,
                "pso_level": bid.pso_level if bid.pso_level is not None else tender.pso_level,
                "activities": bid.plan,
                "supplier": bid.bidder,
            }
        )
        try:
            res = evaluate(
                Ledger(supplier=bid.bidder, persons=tuple(persons), tenders=(t,)), registry=registry
            ).tenders[0]
        except BouwblokkenError as exc:
            raise AwardError(str(exc), record=f"bidder {bid.bidder!r}") from None
        except ValidationError as exc:
            err = exc.errors(include_url=False)[0]
            raise AwardError(err["msg"], record=f"bidder {bid.bidder!r}", field="persons") from None
        catalog, fingerprint = res.catalog, res.fingerprint
        results.append(
            BidResult(
                bid, res.obligation, res.forecast.counted, res.activities, res.warnings, res.years
            )
        )
    return BidComparison(tender, catalog, fingerprint, tuple(results))


class BidsDocument(Frozen):
    """The bids document (``bouwblokken.bids/1``): the tender's terms and every bid."""

    schema_: str | None = Field(default=None, alias="$schema")
    """The JSON Schema the document follows (``…/schemas/bids.schema.json``); not used."""
    format: Literal["bouwblokken.bids/1"] = "bouwblokken.bids/1"
    tender: Tender
    bids: tuple[Bid, ...] = Field(min_length=1)


def read_bids(path: str | Path) -> BidsDocument:
    """A bids document from a JSON or TOML file (exact numbers; errors name file and field)."""
    return validate(BidsDocument, read_data(path), source=str(path))


def with_jury_points(
    bids: Sequence[Bid],
    points: Mapping[str, Mapping[str, Decimal]],
    *,
    source: str | None = None,
) -> tuple[Bid, ...]:
    """The bids with the jury's points (per bidder, per criterion id, e.g. read back from the
    jury workbook) in place of those entered before; criteria not in ``points`` keep theirs.
    A bidder in ``points`` without a bid is an error (a misspelt name would drop points)."""
    known = {b.bidder for b in bids}
    unknown = [name for name in points if name not in known]
    if unknown:
        raise AwardError(
            f"no bidder {unknown[0]!r}; bidders: {', '.join(sorted(known))}",
            source=source,
            field="bidder",
        )
    return tuple(
        b.model_copy(update={"jury_points": {**b.jury_points, **points[b.bidder]}})
        if b.bidder in points
        else b
        for b in bids
    )
