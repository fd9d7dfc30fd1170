"""Scoring formulas as data, and the exact score of every bid under each, with its trail.

No published Dutch formula turns an offered percentage into points (PIANOo: social return as a
sub-award criterion where a higher offered percentage earns more points), so buyers invent one
per tender — and the choice can change who wins. A formula is data (TOML or JSON, see
:func:`load_formulas`) of one of two kinds:

- ``points``: a weighted total of criteria, highest total wins (*beste prijs-kwaliteitverhouding*
  in points);
- ``fictive_price``: *gunnen op waarde* (Negometrix): each criterion's points are worth a euro
  amount per point that lowers a fictive price; the lowest fictive price wins.

Criteria:

- ``social_return``: linear points on the offered percentage, on an **absolute** scale (zero
  points at ``zero_at_percent``, full points at ``full_at_percent`` and above) or **relative** to
  the best offer (points × offer ÷ best offer); a ``minimum_percent`` below which an offer
  scores nothing, and a ``cap_percent`` above which more does not count. ``basis =
  "plan_backed"`` scores only the part of the offer the plan actually counts.
- ``price``: points × lowest price ÷ price (points formulas only).
- ``jury``: points the jury enters (the plan of approach, at most 2 A4 at the Rijk), with an
  optional minimum to score.

**Exactness and the one rounding of points**: every step is a :class:`~fractions.Fraction`.
Each criterion's (weighted) points are rounded once to ``decimals`` places, half up (default 2;
``decimals = None`` keeps exact fractions, shown as ``56 2/3``). The total is the exact sum of
those rounded points, so the jury sheet adds up. A fictive discount (rounded points × euro per
point) is rounded once to cents, half up (:func:`bouwblokken.money.round_cents`); the fictive
price is the price minus the sum of those discounts, exactly. Equal totals share a rank;
bidders are then listed by name.

Every formula is monotone in the offered percentage: more offered social return never lowers a
bidder's own points (and never raises its fictive price), all else equal (a hypothesis property
in ``tests/award``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Literal, assert_never

from pydantic import Field, model_validator

from bouwblokken.award._files import read_data, validate
from bouwblokken.award.bids import Offer
from bouwblokken.award.errors import AwardError
from bouwblokken.catalog.model import Frozen, Identifier, Number, Percentage
from bouwblokken.guard import repeated
from bouwblokken.money import Lang, NonNegativeMoney, format_eur, round_cents
from bouwblokken.money import format_exact as _num

__all__ = [
    "Criterion",
    "CriterionScore",
    "FictivePriceFormula",
    "Formula",
    "FormulaSet",
    "JuryCriterion",
    "PointsFormula",
    "PriceCriterion",
    "Ranking",
    "Score",
    "SocialReturnCriterion",
    "load_formulas",
    "points_text",
    "score",
]

Points = Annotated[Number, Field(gt=0)]


class SocialReturnCriterion(Frozen):
    """Linear points on the offered percentage (absolute or relative), threshold and cap."""

    kind: Literal["social_return"] = "social_return"
    id: Identifier = "social_return"
    label_nl: str = "Social return"
    label_en: str = "Social return"
    max_points: Points
    scale: Literal["absolute", "relative"] = "absolute"
    zero_at_percent: Percentage = Decimal(0)
    """Absolute scale: the percentage that earns zero points."""
    full_at_percent: Percentage | None = None
    """Absolute scale: the percentage that earns full points (more earns no more)."""
    minimum_percent: Percentage | None = None
    """An offer below this scores nothing (the threshold to score)."""
    cap_percent: Percentage | None = None
    """An offer above this counts as this (relative scale: also for the best offer)."""
    basis: Literal["offered", "plan_backed"] = "offered"
    """offered: the percentage as offered; plan_backed: only what the plan actually counts."""
    weight: Number = Decimal(1)

    @model_validator(mode="after")
    def _scale(self) -> SocialReturnCriterion:
        if self.scale == "absolute":
            if self.full_at_percent is None:
                raise ValueError("an absolute scale needs full_at_percent")
            if self.full_at_percent <= self.zero_at_percent:
                raise ValueError("full_at_percent must be above zero_at_percent")
        elif self.full_at_percent is not None or self.zero_at_percent != 0:
            raise ValueError("a relative scale takes no zero_at_percent or full_at_percent")
        return self


class PriceCriterion(Frozen):
    """Price points: max points × lowest price ÷ the bid's price."""

    kind: Literal["price"] = "price"
    id: Identifier = "price"
    label_nl: str = "Prijs"
    label_en: str = "Price"
    max_points: Points
    weight: Number = Decimal(1)


class JuryCriterion(Frozen):
    """Points entered by the jury (``Bid.jury_points[id]``), e.g. the plan of approach."""

    kind: Literal["jury"] = "jury"
    id: Identifier = "plan_van_aanpak"
    label_nl: str = "Plan van aanpak"
    label_en: str = "Plan of approach"
    max_points: Points
    minimum_points: Number | None = None
    """Jury points below this score nothing."""
    weight: Number = Decimal(1)


Criterion = Annotated[
    SocialReturnCriterion | PriceCriterion | JuryCriterion, Field(discriminator="kind")
]


class _FormulaBase(Frozen):
    id: Identifier
    name_nl: str
    name_en: str | None = None
    criteria: tuple[Criterion, ...] = Field(min_length=1)
    decimals: Annotated[int, Field(ge=0, le=6)] | None = 2
    """Points are rounded once per criterion to this many decimals, half up; None: exact."""
    note: str | None = None

    @model_validator(mode="after")
    def _unique(self) -> _FormulaBase:
        ids = [c.id for c in self.criteria]
        dupes = sorted(repeated(ids))
        if dupes:
            raise ValueError(f"criterion ids must be unique; repeated: {', '.join(dupes)}")
        return self

    def name(self, lang: Lang = "nl") -> str:
        return self.name_nl if lang == "nl" or not self.name_en else self.name_en


class PointsFormula(_FormulaBase):
    """A weighted total of points; the highest total wins."""

    kind: Literal["points"] = "points"


class FictivePriceFormula(_FormulaBase):
    """Gunnen op waarde: price minus the euro value of the points; the lowest fictive price wins."""

    kind: Literal["fictive_price"] = "fictive_price"
    euro_per_point: dict[str, NonNegativeMoney]
    """Per criterion id: the fictive discount of one point."""

    @model_validator(mode="after")
    def _values(self) -> FictivePriceFormula:
        for c in self.criteria:
            if isinstance(c, PriceCriterion):
                raise ValueError("a fictive-price formula takes the price itself, not price points")
            if c.id not in self.euro_per_point:
                raise ValueError(f"euro_per_point has no value for criterion {c.id!r}")
        extra = sorted(set(self.euro_per_point) - {c.id for c in self.criteria})
        if extra:
            raise ValueError(f"euro_per_point names unknown criteria: {', '.join(extra)}")
        return self


Formula = Annotated[PointsFormula | FictivePriceFormula, Field(discriminator="kind")]


class FormulaSet(Frozen):
    """A formulas document (``bouwblokken.award-formulas/1``)."""

    format: Literal["bouwblokken.award-formulas/1"] = "bouwblokken.award-formulas/1"
    formulas: tuple[Formula, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> FormulaSet:
        ids = [f.id for f in self.formulas]
        dupes = sorted(repeated(ids))
        if dupes:
            raise ValueError(f"formula ids must be unique; repeated: {', '.join(dupes)}")
        return self


def load_formulas(path: str | Path) -> tuple[PointsFormula | FictivePriceFormula, ...]:
    """The formulas of a TOML or JSON document (``[[formulas]]`` with ``[[formulas.criteria]]``)."""
    return validate(FormulaSet, read_data(path), source=str(path)).formulas


# ---------------------------------------------------------------------------------------------
# Results.


@dataclass(frozen=True)
class CriterionScore:
    """One criterion for one bidder: the points after the one rounding, and the steps."""

    criterion: str
    label_nl: str
    label_en: str
    points: Fraction
    max_points: Fraction
    lines: tuple[tuple[str, str], ...]
    """(nl, en) steps."""
    discount: Decimal | None = None
    """Fictive-price formulas: the euro value of these points."""


@dataclass(frozen=True)
class Score:
    """One bidder under one formula."""

    bidder: str
    rank: int
    criteria: tuple[CriterionScore, ...]
    total: Fraction
    """The sum of the (rounded) criterion points."""
    fictive_price: Decimal | None
    lines: tuple[tuple[str, str], ...]

    @property
    def value(self) -> Fraction:
        """What decides the rank: total points, or the fictive price (lower is better)."""
        return self.total if self.fictive_price is None else Fraction(self.fictive_price)

    def trail(self, lang: Lang = "nl") -> str:
        i = 0 if lang == "nl" else 1
        out = [self.bidder]
        for c in self.criteria:
            out += [f"  {ln[i]}" for ln in c.lines]
        out += [f"  {ln[i]}" for ln in self.lines]
        return "\n".join(out)


@dataclass(frozen=True)
class Ranking:
    """All bids under one formula, best first."""

    formula: PointsFormula | FictivePriceFormula
    scores: tuple[Score, ...]

    @property
    def lower_is_better(self) -> bool:
        return isinstance(self.formula, FictivePriceFormula)

    @property
    def winners(self) -> tuple[str, ...]:
        """The bidder(s) ranked first (more than one on an exact tie)."""
        return tuple(s.bidder for s in self.scores if s.rank == 1)

    def score_of(self, bidder: str) -> Score:
        for s in self.scores:
            if s.bidder == bidder:
                return s
        raise AwardError(f"no bidder {bidder!r}", record=self.formula.id, field="bidder")


# ---------------------------------------------------------------------------------------------
# Scoring.


def points_text(value: Fraction, decimals: int | None, lang: Lang = "nl") -> str:
    """Points as shown: ``57,00`` (2 decimals) or the exact ``56 2/3`` (decimals None)."""
    if decimals is None:
        return _num(value, lang)
    d = _round(value, decimals)
    text = format(Decimal(d.numerator) / Decimal(d.denominator), f".{decimals}f")
    return text.replace(".", ",") if lang == "nl" else text


def _round(value: Fraction, decimals: int | None) -> Fraction:
    """The one rounding of points: half up to ``decimals`` places (None: exact)."""
    if decimals is None:
        return value
    scaled = value * 10**decimals
    down = scaled.numerator // scaled.denominator  # floor, also for negative values
    up = down + 1 if (scaled - down) * 2 >= 1 else down
    return Fraction(up, 10**decimals)


def _pct(v: Fraction | Decimal, lang: Lang) -> str:
    """``5 %`` (Dutch, with a no-break space) or ``5%`` (English): the house style."""
    return f"{_num(v, lang)}\u00a0%" if lang == "nl" else f"{_num(v, lang)}%"


def _percentage_used(c: SocialReturnCriterion, o: Offer, lines: list[tuple[str, str]]) -> Fraction:
    """The percentage a criterion scores: the offer (or its plan-backed part), capped."""
    p = o.offered_percentage
    if c.basis == "plan_backed":
        if o.plan_percentage is None:
            lines.append(
                (
                    f"aangeboden {_pct(p, 'nl')}; plan niet gewaardeerd: telt zoals aangeboden",
                    f"offered {_pct(p, 'en')}; plan not valued: counts as offered",
                )
            )
        else:
            backed = min(p, o.plan_percentage)
            lines.append(
                (
                    f"aangeboden {_pct(p, 'nl')}, het plan dekt {_pct(backed, 'nl')}: "
                    f"telt {_pct(backed, 'nl')}",
                    f"offered {_pct(p, 'en')}, the plan backs {_pct(backed, 'en')}: "
                    f"counts {_pct(backed, 'en')}",
                )
            )
            p = backed
    if c.cap_percent is not None and p > c.cap_percent:
        cap = Fraction(c.cap_percent)
        lines.append(
            (
                f"{_pct(p, 'nl')} boven het plafond van {_pct(cap, 'nl')}: "
                f"telt als {_pct(cap, 'nl')}",
                f"{_pct(p, 'en')} above the cap of {_pct(cap, 'en')}: counts as {_pct(cap, 'en')}",
            )
        )
        p = cap
    return p


def _eligible(c: SocialReturnCriterion, p: Fraction) -> bool:
    return c.minimum_percent is None or p >= c.minimum_percent


def _raw_social_return(
    c: SocialReturnCriterion, o: Offer, best: Fraction, lines: list[tuple[str, str]]
) -> Fraction:
    p = _percentage_used(c, o, lines)
    m = Fraction(c.max_points)
    mp = _num(m, "nl"), _num(m, "en")
    if not _eligible(c, p):
        assert c.minimum_percent is not None
        lines.append(
            (
                f"{_pct(p, 'nl')} onder de drempel van {_pct(c.minimum_percent, 'nl')}: 0 punten",
                f"{_pct(p, 'en')} below the threshold of {_pct(c.minimum_percent, 'en')}: 0 points",
            )
        )
        return Fraction(0)
    if c.scale == "absolute":
        assert c.full_at_percent is not None
        lo, hi = Fraction(c.zero_at_percent), Fraction(c.full_at_percent)
        if p <= lo:
            lines.append(
                (
                    f"{_pct(p, 'nl')} ≤ {_pct(lo, 'nl')}: 0 punten",
                    f"{_pct(p, 'en')} ≤ {_pct(lo, 'en')}: 0 points",
                )
            )
            return Fraction(0)
        if p >= hi:
            lines.append(
                (
                    f"{_pct(p, 'nl')} ≥ {_pct(hi, 'nl')}: alle {mp[0]} punten",
                    f"{_pct(p, 'en')} ≥ {_pct(hi, 'en')}: all {mp[1]} points",
                )
            )
            return m
        raw = m * (p - lo) / (hi - lo)
        lines.append(
            (
                f"{mp[0]} × ({_pct(p, 'nl')} − {_pct(lo, 'nl')}) / ({_pct(hi, 'nl')} − "
                f"{_pct(lo, 'nl')}) = {_num(raw, 'nl')} punten",
                f"{mp[1]} × ({_pct(p, 'en')} − {_pct(lo, 'en')}) / ({_pct(hi, 'en')} − "
                f"{_pct(lo, 'en')}) = {_num(raw, 'en')} points",
            )
        )
        return raw
    if best == 0:
        lines.append(
            ("geen enkele aanbieding boven 0\u00a0%: 0 punten", "no offer above 0%: 0 points")
        )
        return Fraction(0)
    raw = m * p / best
    best_nl, best_en = (
        ("hoogste gedekte aanbieding", "best plan-backed offer")
        if c.basis == "plan_backed"
        else ("hoogste aanbieding", "best offer")
    )
    lines.append(
        (
            f"{mp[0]} × {_pct(p, 'nl')} / {_pct(best, 'nl')} ({best_nl}) = "
            f"{_num(raw, 'nl')} punten",
            f"{mp[1]} × {_pct(p, 'en')} / {_pct(best, 'en')} ({best_en}) = "
            f"{_num(raw, 'en')} points",
        )
    )
    return raw


def _raw_price(
    c: PriceCriterion, o: Offer, lowest: Fraction, formula: str, lines: list[tuple[str, str]]
) -> Fraction:
    price = _price(o, formula)
    m = Fraction(c.max_points)
    if price == 0:
        lines.append(("prijs € 0,00: alle punten", "price €0.00: all points"))
        return m
    raw = m * lowest / Fraction(price)
    lines.append(
        (
            f"{_num(m, 'nl')} × {format_eur(lowest)} (laagste prijs) / {format_eur(price)} = "
            f"{_num(raw, 'nl')} punten",
            f"{_num(m, 'en')} × {format_eur(lowest, lang='en')} (lowest price) / "
            f"{format_eur(price, lang='en')} = {_num(raw, 'en')} points",
        )
    )
    return raw


def _raw_jury(c: JuryCriterion, o: Offer, formula: str, lines: list[tuple[str, str]]) -> Fraction:
    if c.id not in o.jury_points:
        raise AwardError(
            f"the jury has not entered points for {c.id!r} (formula {formula!r})",
            record=f"bidder {o.bidder!r}",
            field=f"jury_points.{c.id}",
        )
    pts = Fraction(o.jury_points[c.id])
    m = Fraction(c.max_points)
    if pts > m:
        raise AwardError(
            f"{_num(pts, 'en')} points for {c.id!r} is more than its maximum {_num(m, 'en')}",
            record=f"bidder {o.bidder!r}",
            field=f"jury_points.{c.id}",
        )
    if c.minimum_points is not None and pts < c.minimum_points:
        lines.append(
            (
                f"jury: {_num(pts, 'nl')} van {_num(m, 'nl')} punten, onder het minimum van "
                f"{_num(c.minimum_points, 'nl')}: 0 punten",
                f"jury: {_num(pts, 'en')} of {_num(m, 'en')} points, below the minimum of "
                f"{_num(c.minimum_points, 'en')}: 0 points",
            )
        )
        return Fraction(0)
    lines.append(
        (
            f"jury: {_num(pts, 'nl')} van {_num(m, 'nl')} punten",
            f"jury: {_num(pts, 'en')} of {_num(m, 'en')} points",
        )
    )
    return pts


def _price(o: Offer, formula: str) -> Decimal:
    if o.price is None:
        raise AwardError(
            f"formula {formula!r} weighs price: give the bid's price",
            record=f"bidder {o.bidder!r}",
            field="price",
        )
    return o.price


def _criterion_score(
    formula: PointsFormula | FictivePriceFormula,
    c: SocialReturnCriterion | PriceCriterion | JuryCriterion,
    o: Offer,
    best: Fraction,
    lowest: Fraction,
) -> CriterionScore:
    lines: list[tuple[str, str]] = []
    if isinstance(c, SocialReturnCriterion):
        raw = _raw_social_return(c, o, best, lines)
    elif isinstance(c, PriceCriterion):
        raw = _raw_price(c, o, lowest, formula.id, lines)
    elif isinstance(c, JuryCriterion):
        raw = _raw_jury(c, o, formula.id, lines)
    else:
        assert_never(c)
    w = Fraction(c.weight)
    weighted = raw * w
    if w != 1:
        lines.append(
            (
                f"× weging {_num(w, 'nl')} = {_num(weighted, 'nl')} punten",
                f"× weight {_num(w, 'en')} = {_num(weighted, 'en')} points",
            )
        )
    pts = _round(weighted, formula.decimals)
    if formula.decimals is not None and pts != weighted:
        lines.append(
            (
                f"afgerond op {formula.decimals} decimalen: {points_text(pts, formula.decimals)}"
                " punten",
                f"rounded to {formula.decimals} decimals: "
                f"{points_text(pts, formula.decimals, 'en')} points",
            )
        )
    discount = None
    if isinstance(formula, FictivePriceFormula):
        per = formula.euro_per_point[c.id]
        exact = pts * Fraction(per)
        discount = round_cents(exact)
        p_nl, p_en = points_text(pts, formula.decimals), points_text(pts, formula.decimals, "en")
        lines.append(
            (
                f"fictieve korting: {p_nl} punten × {format_eur(per)} = {format_eur(exact)}",
                f"fictive discount: {p_en} points × {format_eur(per, lang='en')} = "
                f"{format_eur(exact, lang='en')}",
            )
        )
    head = (
        f"{c.label_nl} (max. {_num(c.max_points, 'nl')} punten)",
        f"{c.label_en} (max. {_num(c.max_points, 'en')} points)",
    )
    return CriterionScore(
        c.id,
        c.label_nl,
        c.label_en,
        pts,
        Fraction(c.max_points) * w,
        (head, *(("  " + nl, "  " + en) for nl, en in lines)),
        discount,
    )


def score(formula: PointsFormula | FictivePriceFormula, offers: Sequence[Offer]) -> Ranking:
    """Every offer under ``formula``, ranked (see the module docstring for the rules)."""
    if not offers:
        raise AwardError("no bids to score", record=formula.id)
    names = [o.bidder for o in offers]
    dupes = sorted(repeated(names))
    if dupes:
        raise AwardError(
            f"bidder names must be unique; repeated: {', '.join(dupes)}",
            record=formula.id,
            field="bidder",
        )
    per_criterion: dict[str, tuple[Fraction, Fraction]] = {}
    for c in formula.criteria:
        best = lowest = Fraction(0)
        if isinstance(c, SocialReturnCriterion):
            used = [_percentage_used(c, o, []) for o in offers]
            best = max((p for p in used if _eligible(c, p)), default=Fraction(0))
        if isinstance(c, PriceCriterion):
            lowest = min(Fraction(_price(o, formula.id)) for o in offers)
        per_criterion[c.id] = (best, lowest)
    dec = formula.decimals
    unranked: list[
        tuple[str, tuple[CriterionScore, ...], Fraction, Decimal | None, list[tuple[str, str]]]
    ] = []
    for o in sorted(offers, key=lambda x: x.bidder):
        crits = tuple(
            _criterion_score(formula, c, o, *per_criterion[c.id]) for c in formula.criteria
        )
        total = sum((c.points for c in crits), Fraction(0))
        terms_nl = " + ".join(points_text(c.points, dec) for c in crits)
        terms_en = " + ".join(points_text(c.points, dec, "en") for c in crits)
        lines = [
            (
                f"totaal: {terms_nl} = {points_text(total, dec)} punten",
                f"total: {terms_en} = {points_text(total, dec, 'en')} points",
            )
        ]
        fictive: Decimal | None = None
        if isinstance(formula, FictivePriceFormula):
            price = _price(o, formula.id)
            discounts = [c.discount or Decimal(0) for c in crits]
            fictive = price - sum(discounts, Decimal("0.00"))
            minus_nl = "".join(f" − {format_eur(d)}" for d in discounts)
            minus_en = "".join(f" − {format_eur(d, lang='en')}" for d in discounts)
            lines.append(
                (
                    f"fictieve prijs: {format_eur(price)}{minus_nl} = {format_eur(fictive)}",
                    f"fictive price: {format_eur(price, lang='en')}{minus_en} = "
                    f"{format_eur(fictive, lang='en')}",
                )
            )
        unranked.append((o.bidder, crits, total, fictive, lines))

    def key(
        item: tuple[
            str, tuple[CriterionScore, ...], Fraction, Decimal | None, list[tuple[str, str]]
        ],
    ) -> Fraction:
        return Fraction(item[3]) if item[3] is not None else -item[2]

    ordered = sorted(unranked, key=lambda it: (key(it), it[0]))
    scores: list[Score] = []
    for i, (bidder, crits, total, fictive, lines) in enumerate(ordered):
        rank = scores[-1].rank if scores and key(ordered[i - 1]) == key(ordered[i]) else i + 1
        lines = [*lines, (f"plaats {rank}", f"rank {rank}")]
        scores.append(Score(bidder, rank, crits, total, fictive, tuple(lines)))
    return Ranking(formula, tuple(scores))
