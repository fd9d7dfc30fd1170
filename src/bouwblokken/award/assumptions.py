"""Assumed supplier costs per block, for the buyer's obligation design: data, not code.

No catalog publishes what a block costs a supplier, so the defaults in
``cost-assumptions.toml`` (shipped next to this module) are labelled assumptions, and the buyer
changes them by loading another file (:func:`load_cost_assumptions`) or copying the model with
new values. :func:`options_for` turns them into the optimizer's options for one catalog: one
placement per unit for blocks valued per year, month or period, steps of purchasing for invoice
blocks and hours for per-hour blocks. Blocks whose value is agreed, actual costs, one-off or per
activity have no typical unit and are left out (and named in the notes).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field

from bouwblokken.activity import Activity
from bouwblokken.award._files import read_data, validate
from bouwblokken.catalog.model import Catalog, Category, Frozen, Number, Percentage
from bouwblokken.errors import ValuationError
from bouwblokken.money import NonNegativeMoney, round_cents
from bouwblokken.optimize.plan import OptionSpec
from bouwblokken.periods import limit_end, months_in
from bouwblokken.tender import Tender
from bouwblokken.valuation import value_activity

__all__ = [
    "CostAssumptions",
    "default_cost_assumptions",
    "load_cost_assumptions",
    "options_for",
]

_DEFAULT_FILE = Path(__file__).with_name("cost-assumptions.toml")


class CostAssumptions(Frozen):
    """What the buyer assumes a typical plan costs a supplier (see ``cost-assumptions.toml``)."""

    format: Literal["bouwblokken.cost-assumptions/1"] = "bouwblokken.cost-assumptions/1"
    hours_per_week: Annotated[Number, Field(gt=0, le=168)] = Decimal(36)
    placement_months: Annotated[int, Field(ge=1, le=120)] = 12
    max_persons_per_block: Annotated[int, Field(ge=0, le=1000)] = 10
    max_invoice: NonNegativeMoney = Decimal(500000)
    max_hours: Annotated[int, Field(ge=0, le=1_000_000)] = 2000
    invoice_step: Annotated[NonNegativeMoney, Field(gt=0)] = Decimal(1000)
    cost_per_hour: NonNegativeMoney = Decimal(60)
    min_employment_share_percent: Percentage | None = None
    """Plans must meet this share of the obligation through employment (work blocks)."""
    cost_per_value: dict[Category, Number] = Field(default_factory=dict)
    block_cost_per_year: dict[str, NonNegativeMoney] = Field(default_factory=dict)
    note: str | None = None


_default: CostAssumptions | None = None


def load_cost_assumptions(path: str | Path) -> CostAssumptions:
    """Cost assumptions from a TOML or JSON file (errors name the file and field)."""
    return validate(CostAssumptions, read_data(path), source=str(path))


def default_cost_assumptions() -> CostAssumptions:
    """The shipped working assumptions (``cost-assumptions.toml``; not published facts)."""
    global _default
    if _default is None:
        _default = load_cost_assumptions(_DEFAULT_FILE)
    return _default


@dataclass(frozen=True)
class Options:
    """The optimizer options for one catalog and tender, and the blocks left out, with why."""

    options: tuple[OptionSpec, ...]
    skipped: tuple[tuple[str, str], ...]
    """(block id, reason in Dutch)."""


def options_for(catalog: Catalog, tender: Tender, costs: CostAssumptions) -> Options:
    """One option per block that has a typical unit, costed under ``costs``.

    Placements start on the contract start and last ``placement_months`` whole months (cut at
    the contract end): whole months count the same under every duration convention.
    """
    if tender.start is None:
        raise ValuationError(
            "the supplier's cost is estimated from placements in the contract period: "
            "give the tender's start (and end)",
            record=f"tender {tender.id!r}",
            field="start",
        )
    months = costs.placement_months
    if tender.end is not None:
        months = min(months, int(months_in(tender.start, tender.end)) or 1)
    start = tender.start
    end = limit_end(start, months)
    out: list[OptionSpec] = []
    skipped: list[tuple[str, str]] = []
    for block in catalog.blocks:
        kind = block.rule.kind
        ratio = costs.cost_per_value.get(block.category)
        if kind in ("per_year", "per_month", "per_period"):
            if kind == "per_period":
                template = Activity(block=block.id, periods=Decimal(1), start=start, end=end)
            else:
                template = Activity(
                    block=block.id, hours_per_week=costs.hours_per_week, start=start, end=end
                )
            try:
                value = value_activity(template, catalog).exact
            except ValuationError as exc:
                field = exc.field or "?"
                skipped.append((block.id, f"een typische plaatsing mist gegeven {field}"))
                continue
            if value == 0:
                skipped.append((block.id, "telt niets met deze aannames"))
                continue
            if block.id in costs.block_cost_per_year and kind != "per_period":
                cost = Fraction(costs.block_cost_per_year[block.id]) * months / 12
            elif ratio is not None:
                cost = Fraction(ratio) * value
            else:
                skipped.append((block.id, f"geen kostenaanname voor categorie {block.category}"))
                continue
            out.append(
                OptionSpec(
                    id=block.id,
                    label=block.label_nl,
                    template=template,
                    cost_per_unit=round_cents(cost),
                    max_units=costs.max_persons_per_block,
                )
            )
        elif kind == "invoice" and ratio is not None:
            step = costs.invoice_step
            out.append(
                OptionSpec(
                    id=block.id,
                    label=block.label_nl,
                    kind="divisible",
                    template=Activity(block=block.id, invoice_amount=step),
                    cost_per_unit=round_cents(Fraction(ratio) * Fraction(step)),
                    max_units=int(costs.max_invoice // step),
                )
            )
        elif kind == "per_hour":
            out.append(
                OptionSpec(
                    id=block.id,
                    label=block.label_nl,
                    kind="divisible",
                    template=Activity(block=block.id, hours=Decimal(1)),
                    cost_per_unit=costs.cost_per_hour,
                    max_units=costs.max_hours,
                )
            )
        else:
            skipped.append((block.id, f"geen typische eenheid ({kind})"))
    return Options(tuple(out), tuple(skipped))
