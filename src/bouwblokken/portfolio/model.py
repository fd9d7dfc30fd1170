"""A buyer's portfolio as plain data: buyers, suppliers, contracts, activities and their evidence.

A portfolio is what a municipality's SR desk, a labour-market region or a province monitors:
many suppliers' contracts (each a :class:`~bouwblokken.tender.Tender` with its terms), the
activities the suppliers plan and declare under them (pseudonymous person ids only), the
status history of each activity (planned → declared → evidenced → approved or rejected) and
non-euro impact indicators kept beside the euros.

The portfolio never counts anything itself: :meth:`Portfolio.ledger` turns it into one
:class:`~bouwblokken.ledger.Ledger` for a chosen view (what the desk approved, or what the
suppliers declared), and the ledger's :func:`~bouwblokken.ledger.evaluate` counts it — so a
person placed by two suppliers is counted once by the ledger's rules across the whole portfolio.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Annotated, Literal

from pydantic import Field, model_validator

from bouwblokken.activity import Activity
from bouwblokken.catalog.model import Frozen, Identifier, Number, Percentage
from bouwblokken.errors import BouwblokkenError
from bouwblokken.ledger import Ledger
from bouwblokken.money import NonNegativeMoney
from bouwblokken.tender import Person, Tender

__all__ = [
    "Buyer",
    "Contract",
    "ContractActivity",
    "DocumentKind",
    "Indicator",
    "Penalty",
    "Pending",
    "Portfolio",
    "PortfolioError",
    "Status",
    "StatusEvent",
    "Supplier",
    "View",
    "awaiting_decision",
    "pending_of",
    "sort_pending",
]

Id = Annotated[str, Field(min_length=1, max_length=64)]
Status = Literal["planned", "declared", "evidenced", "approved", "rejected"]
"""planned: in the plan of approach; declared: the supplier says it was delivered; evidenced:
documents are on file; approved / rejected: the adviser's decision (with date and reason)."""
DocumentKind = Literal[
    "employment_contract", "payslips", "hours", "target_group_statement", "invoice", "other"
]
"""Evidence an SR desk asks for: arbeidsovereenkomst, loonstroken, urenregistratie,
doelgroepverklaring, factuur."""
View = Literal["approved", "declared"]
"""approved: only what the desk approved is realised; declared: what the suppliers declare."""


class PortfolioError(BouwblokkenError, ValueError):
    """A portfolio that cannot be built or counted as given (names the record and field)."""

    def __init__(self, message: str, *, record: str | None = None, field: str | None = None):
        self.record = record
        self.field = field
        prefix = "".join(f"{part}: " for part in (record, field) if part)
        super().__init__(prefix + message)


class Buyer(Frozen):
    """A public buyer (opdrachtgever): a municipality, a province, a region."""

    id: Id
    name: str | None = None
    region: str | None = None
    """The region a report groups by (e.g. ``Drenthe``); defaults to the buyer id."""


class Supplier(Frozen):
    """A supplier (opdrachtnemer); suppliers enter their own declarations."""

    id: Id
    name: str | None = None


class StatusEvent(Frozen):
    """One step in an activity's history, on a date, by someone, with documents or a reason."""

    status: Status
    on: date
    by: str | None = None
    """Who took the step (supplier contact, adviser); required for approved and rejected."""
    reason: str | None = None
    """Why: required for a rejection (and for withdrawing an approval)."""
    documents: tuple[DocumentKind, ...] = ()
    """Evidence handed in with this step; an ``evidenced`` step needs at least one."""


_NEXT: dict[Status | None, tuple[Status, ...]] = {
    None: ("planned", "declared"),
    "planned": ("declared",),
    "declared": ("evidenced", "approved", "rejected"),
    "evidenced": ("evidenced", "approved", "rejected"),
    "approved": ("rejected",),
    "rejected": ("declared",),
}
"""Allowed steps. A rejected activity may be declared again (corrected); an approval can be
withdrawn only by a rejection with a reason. Approval needs evidence on file (see below)."""


class Indicator(Frozen):
    """A non-euro impact figure (people placed, FTE, hours, kg CO2-eq avoided, m³, …).

    Kept beside the euros and never added to them; figures are added up only per
    (``kind``, ``unit``). ``source`` says where the figure comes from (a meter, an invoice, a
    calculation method), as the Zeeland MVI platform reports its indicators."""

    kind: Identifier
    value: Number
    unit: Annotated[str, Field(min_length=1, max_length=32)]
    source: Annotated[str, Field(min_length=1)]
    on: date | None = None
    """The date the figure belongs to (reports by year use it; default: the activity's end,
    else the contract's end)."""
    impact_goals: tuple[Identifier, ...] = ()
    sdg_targets: tuple[Annotated[str, Field(pattern=r"^\d{1,2}\.[0-9a-z]{1,2}$")], ...] = ()
    """Tags of a contract-level figure; an activity's figure carries its block's tags."""


class ContractActivity(Frozen):
    """An activity under a contract: the facts (a ledger :class:`Activity`), its status history
    and its indicators. The ledger status (planned/realised) comes from the history and the
    view, never from the facts: leave ``activity.status`` unset."""

    activity: Activity
    history: tuple[StatusEvent, ...] = ()
    """Oldest first. An empty history means planned."""
    indicators: tuple[Indicator, ...] = ()

    @model_validator(mode="after")
    def _check(self) -> ContractActivity:
        if not self.activity.id:
            raise ValueError("activity.id is required in a portfolio (reports name it)")
        if "status" in self.activity.model_fields_set:
            raise ValueError(
                "activity.status is not used in a portfolio: the status comes from the history"
            )
        state: Status | None = None
        evidenced = False
        previous: date | None = None
        for n, ev in enumerate(self.history):
            where = f"history[{n}]"
            if previous is not None and ev.on < previous:
                raise ValueError(f"{where}: dated {ev.on}, before the step above ({previous})")
            if ev.status not in _NEXT[state]:
                allowed = " or ".join(_NEXT[state])
                raise ValueError(
                    f"{where}: {ev.status!r} cannot follow {state or 'the start'!r}"
                    f" (allowed: {allowed})"
                )
            if ev.status == "declared":
                evidenced = bool(ev.documents)
            if ev.status == "evidenced":
                if not ev.documents:
                    raise ValueError(f"{where}: an 'evidenced' step names its documents")
                evidenced = True
            if ev.status == "approved":
                if not ev.by:
                    raise ValueError(f"{where}: an approval names who approved ('by')")
                if not evidenced:
                    raise ValueError(f"{where}: approved without evidence (documents) on file")
            if ev.status == "rejected" and (not ev.by or not ev.reason):
                raise ValueError(f"{where}: a rejection names who ('by') and why ('reason')")
            state, previous = ev.status, ev.on
        return self

    def status_on(self, known_on: date | None = None) -> Status | None:
        """The status as known on ``known_on`` (the latest step when None); None when the
        activity was not yet known on that date."""
        if not self.history:
            return "planned"
        state: Status | None = None
        for ev in self.history:
            if known_on is not None and ev.on > known_on:
                break
            state = ev.status
        return state

    def decision(self, known_on: date | None = None) -> StatusEvent | None:
        """The approval or rejection in force on ``known_on`` (None when undecided)."""
        found: StatusEvent | None = None
        for ev in self.history:
            if known_on is not None and ev.on > known_on:
                break
            if ev.status in ("approved", "rejected"):
                found = ev
            elif ev.status == "declared":
                found = None
        return found


class Penalty(Frozen):
    """The contract's consequence of a shortfall (boete / afkoop), applied at contract end.

    - ``shortfall``: the shortfall itself is paid (the common "remaining obligation" rule);
    - ``percentage``: ``percentage`` % of the shortfall;
    - ``per_euro``: ``amount`` euro for every missing euro (e.g. 0.50);
    - ``buy_off``: the supplier buys the rest off (afkoop) at ``percentage`` % of the
      shortfall (default 100); the obligation is then settled.

    ``cap`` limits the payment; ``tolerance_percent`` lets a shortfall up to that share of the
    obligation go without consequence."""

    kind: Literal["shortfall", "percentage", "per_euro", "buy_off"]
    percentage: Percentage | None = None
    amount: NonNegativeMoney | None = None
    cap: NonNegativeMoney | None = None
    tolerance_percent: Percentage | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _check(self) -> Penalty:
        if self.kind == "percentage" and self.percentage is None:
            raise ValueError("kind 'percentage' needs percentage")
        if self.kind == "per_euro" and self.amount is None:
            raise ValueError("kind 'per_euro' needs amount (euro per missing euro)")
        if self.kind in ("shortfall", "per_euro") and self.percentage is not None:
            raise ValueError(f"kind {self.kind!r} takes no percentage")
        if self.kind != "per_euro" and self.amount is not None:
            raise ValueError(f"kind {self.kind!r} takes no amount")
        return self


class Contract(Frozen):
    """One contract in the portfolio: a tender (its obligation terms), the buyer(s), the
    supplier, the consequence of a shortfall, the activities and contract-level indicators."""

    tender: Tender
    """The contract's terms (``Tender`` without activities: they are listed here)."""
    buyers: tuple[Id, ...] = Field(min_length=1)
    supplier: Id
    penalty: Penalty | None = None
    activities: tuple[ContractActivity, ...] = ()
    indicators: tuple[Indicator, ...] = ()

    @property
    def id(self) -> str:
        return self.tender.id

    @model_validator(mode="after")
    def _check(self) -> Contract:
        if self.tender.activities:
            raise ValueError("tender.activities must be empty: list them in 'activities'")
        if self.tender.supplier is not None and self.tender.supplier != self.supplier:
            raise ValueError(
                f"tender.supplier {self.tender.supplier!r} differs from supplier {self.supplier!r}"
            )
        seen: set[str] = set()
        for n, ca in enumerate(self.activities):
            aid = ca.activity.id or ""
            if aid in seen:
                raise ValueError(f"activities[{n}]: activity id {aid!r} is repeated")
            seen.add(aid)
        return self


class Portfolio(Frozen):
    """The ``bouwblokken.portfolio/1`` document: everything one desk monitors."""

    format: Literal["bouwblokken.portfolio/1"] = "bouwblokken.portfolio/1"
    title: str | None = None
    buyers: tuple[Buyer, ...] = Field(min_length=1)
    suppliers: tuple[Supplier, ...] = ()
    persons: tuple[Person, ...] = ()
    contracts: tuple[Contract, ...] = ()

    @model_validator(mode="after")
    def _check(self) -> Portfolio:
        for what, ids in (
            ("buyer", [b.id for b in self.buyers]),
            ("supplier", [s.id for s in self.suppliers]),
            ("person", [p.id for p in self.persons]),
            ("contract", [c.id for c in self.contracts]),
        ):
            seen: set[str] = set()
            dupes = sorted({i for i in ids if i in seen or seen.add(i)})  # type: ignore[func-returns-value]
            if dupes:
                raise ValueError(f"{what} ids must be unique; repeated: {', '.join(dupes)}")
        buyers = {b.id for b in self.buyers}
        suppliers = {s.id for s in self.suppliers}
        persons = {p.id for p in self.persons}
        for n, c in enumerate(self.contracts):
            where = f"contracts[{n}] ({c.id})"
            for b in c.buyers:
                if b not in buyers:
                    raise ValueError(f"{where}: unknown buyer {b!r}; declare it in 'buyers'")
            if suppliers and c.supplier not in suppliers:
                raise ValueError(
                    f"{where}: unknown supplier {c.supplier!r}; declare it in 'suppliers'"
                )
            for m, ca in enumerate(c.activities):
                p = ca.activity.person
                if p is not None and p not in persons:
                    raise ValueError(
                        f"{where}.activities[{m}]: unknown person {p!r}; declare it in 'persons'"
                    )
        return self

    # -----------------------------------------------------------------------------------------

    def contract(self, contract_id: str) -> Contract:
        for c in self.contracts:
            if c.id == contract_id:
                return c
        raise PortfolioError(f"no contract {contract_id!r}", field="contract")

    def buyer(self, buyer_id: str) -> Buyer:
        for b in self.buyers:
            if b.id == buyer_id:
                return b
        raise PortfolioError(f"no buyer {buyer_id!r}", field="buyer")

    def select(self, *, buyer: str | None = None, supplier: str | None = None) -> Portfolio:
        """The part of the portfolio one buyer or one supplier holds (persons kept whole)."""
        kept = tuple(
            c
            for c in self.contracts
            if (buyer is None or buyer in c.buyers) and (supplier is None or c.supplier == supplier)
        )
        return self.model_copy(update={"contracts": kept})

    def closure(self, contract_ids: Iterable[str]) -> Portfolio:
        """The contracts ``contract_ids`` whole, and of every other contract only the
        activities of persons who also appear in those contracts.

        Counting is per person (a person's week and counting limits are shared only by that
        person's placements), so the chosen contracts count exactly as in the whole portfolio:
        a municipality's report need not count the rest of the province."""
        wanted = set(contract_ids)
        chosen = [c for c in self.contracts if c.id in wanted]
        persons = {
            ca.activity.person
            for c in chosen
            for ca in c.activities
            if ca.activity.person is not None
        }
        kept = []
        for c in self.contracts:
            if c.id in wanted:
                kept.append(c)
                continue
            acts = tuple(ca for ca in c.activities if ca.activity.person in persons)
            if acts:
                kept.append(c.model_copy(update={"activities": acts}))
        return self.model_copy(update={"contracts": tuple(kept)})

    def ledger(
        self,
        view: View = "approved",
        *,
        known_on: date | None = None,
        as_of: date | None = None,
        realised_only: bool = False,
    ) -> Ledger:
        """The whole portfolio as one ledger, for one view of the evidence.

        - ``approved``: an activity whose approval is in force on ``known_on`` is realised;
          planned, declared and evidenced activities stay planned (a commitment, counted only
          in the forecast); rejected ones are left out. Nothing is realised without approval.
        - ``declared``: every declared activity is realised (whatever the desk decided:
          this is what the suppliers claim); planned ones stay planned.

        ``known_on`` is the date the history is read on (None: everything known). Activities
        not yet known on that date are left out. With ``as_of`` (the reporting date), a
        realised activity that starts after it is not yet realised on that date and stays
        planned: the ledger dates the days of a dated rule itself, but not an invoice or a
        one-off activity, which would otherwise count in a period before it happened.

        ``realised_only`` leaves the planned activities out: the ledger's realised view counts
        only realised activities (in their own order: leaving the others out changes no
        amount), so "realised to date" on an earlier day needs no more, and costs less."""
        tenders = []
        for c in self.contracts:
            acts: list[Activity] = []
            for ca in c.activities:
                status = ledger_status(ca, view, known_on)
                if status is None:
                    continue
                start = ca.activity.start
                if status == "realised" and as_of and start and start > as_of:
                    status = "planned"
                if realised_only and status != "realised":
                    continue
                a = ca.activity
                acts.append(a if a.status == status else a.model_copy(update={"status": status}))
            tenders.append(
                c.tender.model_copy(update={"activities": tuple(acts), "supplier": c.supplier})
            )
        # Everything was validated when the portfolio was built: skip the ledger's checks.
        return Ledger.model_construct(supplier=None, persons=self.persons, tenders=tuple(tenders))


class Pending(Frozen):
    """An activity the supplier declared on which the desk has not yet decided (the desk's
    work list: what suppliers declare that is not yet approved or rejected)."""

    contract: str
    supplier: str
    activity: str
    status: Literal["declared", "evidenced"]
    since: date
    """The day of the latest step (declaration or evidence)."""
    documents: tuple[DocumentKind, ...]
    """The evidence on file since the last declaration (empty: the desk must ask for it)."""


def awaiting_decision(
    portfolio: Portfolio, known_on: date | None = None, contracts: Iterable[str] | None = None
) -> tuple[Pending, ...]:
    """Every declared activity without a decision in force on ``known_on`` (oldest first)."""
    wanted = set(contracts) if contracts is not None else None
    out = [
        p
        for c in portfolio.contracts
        if wanted is None or c.id in wanted
        for ca in c.activities
        if (p := pending_of(c, ca, known_on)) is not None
    ]
    return sort_pending(out)


def pending_of(c: Contract, ca: ContractActivity, known_on: date | None) -> Pending | None:
    """One activity's place on the work list (None when it is not awaiting a decision)."""
    s = ca.status_on(known_on)
    if s not in ("declared", "evidenced"):
        return None
    docs: list[DocumentKind] = []
    since = None
    for ev in ca.history:
        if known_on is not None and ev.on > known_on:
            break
        if ev.status == "declared":
            docs = []
        docs.extend(d for d in ev.documents if d not in docs)
        since = ev.on
    assert since is not None
    return Pending(
        contract=c.id,
        supplier=c.supplier,
        activity=ca.activity.id or "",
        status=s,
        since=since,
        documents=tuple(docs),
    )


def sort_pending(items: Iterable[Pending]) -> tuple[Pending, ...]:
    """The work list's order: oldest first, then contract and activity."""
    return tuple(sorted(items, key=lambda p: (p.since, p.contract, p.activity)))


def ledger_status(
    ca: ContractActivity, view: View, known_on: date | None
) -> Literal["planned", "realised"] | None:
    """The ledger status of one activity in one view (None: left out). See
    :meth:`Portfolio.ledger`."""
    s = ca.status_on(known_on)
    if s is None:
        return None
    if view == "approved":
        if s == "approved":
            return "realised"
        if s == "rejected":
            return None
        return "planned"
    return "planned" if s == "planned" else "realised"
