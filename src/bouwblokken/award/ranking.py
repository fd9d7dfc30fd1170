"""The ranking under each formula side by side, and which formula changes the winner."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bouwblokken.award.bids import BidComparison, Offer
from bouwblokken.award.errors import AwardError
from bouwblokken.award.scoring import FictivePriceFormula, PointsFormula, Ranking, score
from bouwblokken.guard import repeated

__all__ = ["FormulaComparison", "compare_formulas"]


@dataclass(frozen=True)
class FormulaComparison:
    """The same bids under several formulas (see :func:`compare_formulas`)."""

    bidders: tuple[str, ...]
    rankings: tuple[Ranking, ...]
    comparison: BidComparison | None = None
    """The valued bids, when the offers came from :func:`~bouwblokken.award.compare_bids`."""

    def ranking(self, formula_id: str) -> Ranking:
        for r in self.rankings:
            if r.formula.id == formula_id:
                return r
        known = ", ".join(r.formula.id for r in self.rankings)
        raise AwardError(f"no formula {formula_id!r}; formulas: {known}", field="formula")

    @property
    def winners(self) -> dict[str, tuple[str, ...]]:
        """Per formula id, the bidder(s) ranked first."""
        return {r.formula.id: r.winners for r in self.rankings}

    @property
    def winner_changes(self) -> bool:
        """True when not every formula has the same winner(s)."""
        return len(set(self.winners.values())) > 1

    def changes_winner(self, reference: str | None = None) -> tuple[str, ...]:
        """The formulas whose winner differs from that of ``reference`` (default: the first)."""
        ref = self.ranking(reference) if reference else self.rankings[0]
        return tuple(r.formula.id for r in self.rankings if r.winners != ref.winners)

    def rank(self, bidder: str, formula_id: str) -> int:
        return self.ranking(formula_id).score_of(bidder).rank


def compare_formulas(
    formulas: Sequence[PointsFormula | FictivePriceFormula],
    bids: BidComparison | Sequence[Offer],
) -> FormulaComparison:
    """Score the bids under every formula. ``bids``: a valued :class:`BidComparison` (plan-backed
    criteria then use what each plan counts) or plain :class:`Offer` s."""
    if not formulas:
        raise AwardError("give at least one formula", field="formulas")
    ids = [f.id for f in formulas]
    dupes = sorted(repeated(ids))
    if dupes:
        raise AwardError(
            f"formula ids must be unique; repeated: {', '.join(dupes)}", field="formulas"
        )
    comparison = bids if isinstance(bids, BidComparison) else None
    offers = bids.offers() if isinstance(bids, BidComparison) else tuple(bids)
    rankings = tuple(score(f, offers) for f in formulas)
    return FormulaComparison(tuple(o.bidder for o in offers), rankings, comparison)
