"""A chart of the ranking under each formula (a view; optional extra: ``bouwblokken[charts]``).

A bump chart: one column per formula, the bidders' ranks from 1 (top) down, one line per
bidder, each point labelled with the score (points, or the fictive price). It shows at a glance
where a formula changes the order, and the winner. Built without :mod:`matplotlib.pyplot`
(no global state, safe in a server); ranks are integers, so no money passes through a float.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bouwblokken.award.ranking import FormulaComparison
from bouwblokken.award.scoring import points_text
from bouwblokken.money import Lang, format_eur

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["ranking_chart"]


def ranking_chart(fc: FormulaComparison, *, lang: Lang = "nl") -> Figure:
    """The rank of every bidder under every formula, side by side."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(2.2 + 2.4 * len(fc.rankings), 1.6 + 0.7 * len(fc.bidders)))
    ax = fig.add_subplot()
    xs = list(range(len(fc.rankings)))
    for bidder in sorted(fc.bidders):
        ranks = [r.score_of(bidder).rank for r in fc.rankings]
        ax.plot(xs, ranks, marker="o", linewidth=2, label=bidder)
        for x, r in zip(xs, fc.rankings, strict=True):
            s = r.score_of(bidder)
            text = (
                format_eur(s.fictive_price, lang=lang)
                if s.fictive_price is not None
                else points_text(s.total, r.formula.decimals, lang)
            )
            ax.annotate(
                text,
                (x, s.rank),
                textcoords="offset points",
                xytext=(0, 8),
                ha="center",
                fontsize=8,
            )
    n = len(fc.bidders)
    ax.set_ylim(n + 0.5, 0.5)
    ax.set_yticks(list(range(1, n + 1)))
    ax.set_xticks(xs)
    ax.set_xticklabels([r.formula.id for r in fc.rankings])
    ax.set_xlim(-0.5, len(xs) - 0.5)
    ax.set_ylabel("plaats" if lang == "nl" else "rank")
    ax.set_title("Rangorde per formule" if lang == "nl" else "Ranking per formula")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    return fig
