"""The award JSON document for procurement software (a view: the core never imports it).

Format ``bouwblokken.award/1`` (documented in docs/award.md). Every number is exact and written
as a string: euro amounts with two decimals (``"80000.00"``), percentages and points as
decimals when they have a finite decimal form (``"5.5"``, ``"95.46"``) and otherwise as an
exact fraction ``"n/d"`` (``"9666667/2000000"``), so nothing passes through a float. The
document names the catalog edition and its fingerprint, the formulas as given (so a reader can
re-score), and every score with its trail in Dutch and English.
"""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from bouwblokken.award.assumptions import CostAssumptions
from bouwblokken.award.bids import BidComparison, BidResult
from bouwblokken.award.design import ObligationDesign
from bouwblokken.award.ranking import FormulaComparison
from bouwblokken.award.scoring import Formula, Ranking, Score
from bouwblokken.schemas import SCHEMA_BASE
from bouwblokken.tender import Tender

__all__ = [
    "AWARD_FORMAT",
    "AWARD_SCHEMA",
    "DESIGN_FORMAT",
    "DESIGN_SCHEMA",
    "AwardDocument",
    "DesignDocument",
    "award_document",
    "comparison_document",
    "design_document",
    "to_json",
]

AWARD_FORMAT = "bouwblokken.award/1"
AWARD_SCHEMA = SCHEMA_BASE + "award.schema.json"
"""The ``$schema`` of every award document (``docs/schemas/award.schema.json``)."""
DESIGN_FORMAT = "bouwblokken.obligation-design/1"
DESIGN_SCHEMA = SCHEMA_BASE + "obligation-design.schema.json"


# ---------------------------------------------------------------------------------------------
# The document's shape, for its JSON Schema (scripts/export_schemas.py) and for readers that
# want to check one: every number is text, exact.

ExactText = Annotated[str, Field(pattern=r"^-?[0-9]+(\.[0-9]+)?(/[0-9]+)?$")]
"""An exact number: a finite decimal (``"95.46"``) or a fraction ``"n/d"``."""
MoneyText = Annotated[str, Field(pattern=r"^-?[0-9]+\.[0-9]{2}$")]
"""Euros with two decimals (``"80000.00"``)."""


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class TrailLineDoc(_Out):
    nl: str
    en: str


class ContractYearDoc(_Out):
    year: int
    start: str
    end: str
    minimum: MoneyText | None
    counted: MoneyText
    met: bool


class BidDoc(_Out):
    bidder: str
    offered_percentage: ExactText
    price: MoneyText | None
    pso_level: str | None
    offered_amount: MoneyText
    counted: MoneyText
    gap: MoneyText
    surplus: MoneyText
    plan_percentage: ExactText | None
    named_candidates: int
    placeholders: int
    contract_years: list[ContractYearDoc]
    obligation_trail: list[TrailLineDoc]
    warnings: list[str]


class CriterionDoc(_Out):
    criterion: str
    points: ExactText
    max_points: ExactText
    discount: MoneyText | None
    trail: list[TrailLineDoc]


class ScoreDoc(_Out):
    bidder: str
    rank: int
    total: ExactText
    fictive_price: MoneyText | None
    criteria: list[CriterionDoc]
    trail: list[TrailLineDoc]


class RankingDoc(_Out):
    formula: Formula
    lower_is_better: bool
    winners: list[str]
    scores: list[ScoreDoc]


class TypicalPlanDoc(_Out):
    met: bool
    cost: MoneyText | None
    counted: MoneyText | None
    people: int
    cost_percent_of_contract: ExactText | None
    units: dict[str, int]


class DesignRowDoc(_Out):
    rule_set: str
    source: str | None
    issuer: str | None
    percentage: ExactText | None
    applies: bool | None
    obligation: MoneyText | None
    error: str | None
    trail: list[TrailLineDoc]
    typical_plan: TypicalPlanDoc | None


class DesignDocument(_Out):
    """``bouwblokken.obligation-design/1``: the obligation per rule set and percentage, with
    what a typical plan costs under the stated assumptions."""

    schema_: Literal[
        "https://bouwblokken.github.io/bouwblokken/schemas/obligation-design.schema.json"
    ] = Field(alias="$schema")
    format: Literal["bouwblokken.obligation-design/1"]
    tender: Tender
    catalog: str | None
    assumptions: CostAssumptions
    rows: list[DesignRowDoc]
    notes: list[str]


class AwardDocument(_Out):
    """``bouwblokken.award/1``: the bids, their scores under every formula, and the winners."""

    schema_: Literal["https://bouwblokken.github.io/bouwblokken/schemas/award.schema.json"] = Field(
        alias="$schema"
    )
    format: Literal["bouwblokken.award/1"]
    tender: Tender | None
    catalog: str | None
    fingerprint: str | None
    rounding: str
    bids: list[BidDoc]
    rankings: list[RankingDoc]
    winners: dict[str, list[str]]
    changes_winner: list[str]


def exact(value: Fraction | Decimal | int | None) -> str | None:
    """An exact number as text: a decimal when finite, else ``n/d``."""
    if value is None:
        return None
    f = Fraction(value)
    if f.denominator == 1:
        return str(f.numerator)
    d = f.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    if d == 1:
        text = format(Decimal(f.numerator) / Decimal(f.denominator), "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return f"{f.numerator}/{f.denominator}"


def _money(d: Decimal | None) -> str | None:
    return None if d is None else format(d.quantize(Decimal("0.01")), "f")


def _bid(r: BidResult) -> dict[str, Any]:
    return {
        "bidder": r.bid.bidder,
        "offered_percentage": exact(r.bid.offered_percentage),
        "price": _money(r.bid.price),
        "pso_level": r.bid.pso_level,
        "offered_amount": _money(r.offered_amount),
        "counted": _money(r.counted),
        "gap": _money(r.gap),
        "surplus": _money(r.surplus),
        "plan_percentage": exact(r.plan_percentage),
        "named_candidates": r.named,
        "placeholders": r.unnamed,
        "contract_years": [
            {
                "year": y.year.index,
                "start": y.year.start.isoformat(),
                "end": y.year.end.isoformat(),
                "minimum": _money(y.year.minimum),
                "counted": _money(y.counted),
                "met": y.met,
            }
            for y in r.years
        ],
        "obligation_trail": [{"nl": ln.nl, "en": ln.en} for ln in r.obligation.lines],
        "warnings": list(r.warnings),
    }


def _score(s: Score) -> dict[str, Any]:
    return {
        "bidder": s.bidder,
        "rank": s.rank,
        "total": exact(s.total),
        "fictive_price": _money(s.fictive_price),
        "criteria": [
            {
                "criterion": c.criterion,
                "points": exact(c.points),
                "max_points": exact(c.max_points),
                "discount": _money(c.discount),
                "trail": [{"nl": nl, "en": en} for nl, en in c.lines],
            }
            for c in s.criteria
        ],
        "trail": [{"nl": nl, "en": en} for nl, en in s.lines],
    }


def _ranking(r: Ranking) -> dict[str, Any]:
    return {
        "formula": r.formula.model_dump(mode="json"),
        "lower_is_better": r.lower_is_better,
        "winners": list(r.winners),
        "scores": [_score(s) for s in r.scores],
    }


def award_document(fc: FormulaComparison) -> dict[str, Any]:
    """The comparison of bids and formulas as a JSON-ready ``bouwblokken.award/1`` document."""
    cmp: BidComparison | None = fc.comparison
    return {
        "$schema": AWARD_SCHEMA,
        "format": AWARD_FORMAT,
        "tender": cmp.tender.model_dump(mode="json", exclude={"activities"}) if cmp else None,
        "catalog": cmp.catalog if cmp else None,
        "fingerprint": cmp.fingerprint if cmp else None,
        "rounding": "points: once per criterion, half up, to the formula's decimals "
        "(null: exact); fictive discount: once per criterion, half up, to cents",
        "bids": [_bid(r) for r in cmp.results] if cmp else [],
        "rankings": [_ranking(r) for r in fc.rankings],
        "winners": {k: list(v) for k, v in fc.winners.items()},
        "changes_winner": list(fc.changes_winner()) if fc.rankings else [],
    }


def comparison_document(cmp: BidComparison) -> dict[str, Any]:
    """The bids valued without scoring formulas: a ``bouwblokken.award/1`` document with no
    rankings (the same schema, so a reader needs one shape)."""
    return award_document(FormulaComparison(tuple(r.bid.bidder for r in cmp.results), (), cmp))


def design_document(design: ObligationDesign) -> dict[str, Any]:
    """An obligation design as a JSON-ready ``bouwblokken.obligation-design/1`` document."""
    rows = []
    for r in design.rows:
        rows.append(
            {
                "rule_set": r.rule_set,
                "source": r.source,
                "issuer": r.issuer,
                "percentage": exact(r.percentage),
                "applies": r.obligation.applies if r.obligation else None,
                "obligation": _money(r.amount),
                "error": r.error,
                "trail": [{"nl": ln.nl, "en": ln.en} for ln in r.obligation.lines]
                if r.obligation
                else [],
                "typical_plan": None
                if r.cost is None
                else {
                    "met": r.cost.met,
                    "cost": _money(r.cost.cost),
                    "counted": _money(r.cost.counted),
                    "people": r.cost.people,
                    "cost_percent_of_contract": exact(design.cost_share(r)),
                    "units": dict(r.cost.units),
                },
            }
        )
    return {
        "$schema": DESIGN_SCHEMA,
        "format": DESIGN_FORMAT,
        "tender": design.tender.model_dump(mode="json", exclude={"activities"}),
        "catalog": design.catalog,
        "assumptions": design.assumptions.model_dump(mode="json"),
        "rows": rows,
        "notes": list(design.notes),
    }


def to_json(document: dict[str, Any]) -> str:
    """The document as JSON text (UTF-8, keys in document order, two-space indent)."""
    return json.dumps(document, ensure_ascii=False, indent=2)
