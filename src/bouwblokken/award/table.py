"""Text views of the award stage (a view: the award core never imports this module).

Dutch by default, English with ``lang="en"``: the design of an obligation, the comparison of
the bids, the ranking under each formula side by side, and the trail of every score.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from bouwblokken.award.bids import BidComparison
from bouwblokken.award.design import ObligationDesign
from bouwblokken.award.ranking import FormulaComparison
from bouwblokken.award.scoring import Ranking, points_text
from bouwblokken.money import Lang, format_eur, format_number
from bouwblokken.money import format_exact as _num

__all__ = [
    "comparison_table",
    "design_table",
    "ranking_table",
    "report",
    "score_trails",
]

_WORDS = {
    "nl": {
        "rule_set": "Regels",
        "pct": "Percentage",
        "obligation": "Verplichting",
        "cost": "Kosten typisch plan",
        "share": "% van opdracht",
        "people": "Personen",
        "plan": "Plan",
        "none": "geen verplichting",
        "not_met": "niet haalbaar",
        "bidder": "Inschrijver",
        "offered": "Aangeboden",
        "offered_eur": "Aangeboden €",
        "counted": "Plan telt",
        "gap": "Tekort",
        "backed": "Gedekt %",
        "named": "Met kandidaat",
        "unnamed": "Zonder kandidaat",
        "price": "Prijs",
        "years": "Jaarminimum niet gehaald in jaar",
        "rank": "plaats",
        "winner": "Winnaar",
        "changes": "Deze formules veranderen de winnaar t.o.v.",
        "same": "Alle formules geven dezelfde winnaar.",
        "assumptions": "Kosten zijn aannames (niet gepubliceerd), te wijzigen door de inkoper.",
        "catalog": "Catalogus",
        "comparison": "Vergelijking van de biedingen",
        "ranking": "Rangorde per formule",
        "trails": "Toelichting per score",
        "fictive": "fictieve prijs",
        "points": "punten",
    },
    "en": {
        "rule_set": "Rules",
        "pct": "Percentage",
        "obligation": "Obligation",
        "cost": "Cost of a typical plan",
        "share": "% of contract",
        "people": "People",
        "plan": "Plan",
        "none": "no obligation",
        "not_met": "not reachable",
        "bidder": "Bidder",
        "offered": "Offered",
        "offered_eur": "Offered €",
        "counted": "Plan counts",
        "gap": "Gap",
        "backed": "Backed %",
        "named": "Named",
        "unnamed": "Placeholders",
        "price": "Price",
        "years": "Yearly minimum not met in year",
        "rank": "rank",
        "winner": "Winner",
        "changes": "These formulas change the winner compared with",
        "same": "Every formula gives the same winner.",
        "assumptions": "Costs are assumptions (not published), for the buyer to change.",
        "catalog": "Catalog",
        "comparison": "Comparison of the bids",
        "ranking": "Ranking per formula",
        "trails": "Trail of every score",
        "fictive": "fictive price",
        "points": "points",
    },
}


def _align(rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for k, row in enumerate(rows):
        cells = [
            c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(row)
        ]
        out.append("  ".join(cells).rstrip())
        if k == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def _pct(v: Fraction | None, lang: Lang, *, places: int | None = None) -> str:
    """A percentage; ``≈`` with two decimals when it has no short exact form (or ``places``)."""
    if v is None:
        return "-"
    if places is not None:
        q = 10**places
        rounded = Decimal(int(v * q + Fraction(1, 2))) / q  # half up, exact
        return f"{format_number(rounded, lang=lang, decimals=places)}{_PCT[lang]}"
    d = Fraction(int(v * 100 + Fraction(1, 2)), 100) if v.denominator > 10_000 else v
    text = _num(d, lang)
    return f"{'≈ ' if d != v else ''}{text}{_PCT[lang]}"


_PCT = {"nl": "\u00a0%", "en": "%"}
"""The percent sign as the house writes it: ``5 %`` (no-break space) in Dutch, ``5%`` in English."""


def design_table(design: ObligationDesign, *, lang: Lang = "nl") -> str:
    """One row per rule set × percentage: the obligation and what a typical plan costs."""
    w = _WORDS[lang]
    rows = [
        [w["rule_set"], w["pct"], w["obligation"], w["cost"], w["share"], w["people"], w["plan"]]
    ]
    for r in design.rows:
        if r.error is not None:
            amount = r.error
        elif r.obligation is not None and not r.obligation.applies:
            amount = w["none"]
        else:
            amount = format_eur(r.amount or 0, lang=lang)
        cost = share = people = plan = ""
        if r.cost is not None:
            cost = format_eur(r.cost.cost, lang=lang)
            if not r.cost.met:
                cost += f" ({w['not_met']})"
            share = _pct(design.cost_share(r), lang, places=2)
            people = str(r.cost.people)
            plan = ", ".join(f"{n} × {oid}" for oid, n in r.cost.units)
        name = w["catalog"].lower() if r.rule_set == "catalog" else r.rule_set
        rows.append([name, r.label(lang), amount, cost, share, people, plan])
    head = f"{w['catalog']}: {design.catalog or '-'}"
    return "\n".join([head, _align(rows, right=(2, 3, 4, 5)), "", w["assumptions"]])


def comparison_table(comparison: BidComparison, *, lang: Lang = "nl") -> str:
    """One row per bid: offered % and euros, what the plan counts, the gap, candidates."""
    w = _WORDS[lang]
    rows = [
        [
            w["bidder"],
            w["offered"],
            w["offered_eur"],
            w["counted"],
            w["gap"],
            w["backed"],
            w["named"],
            w["unnamed"],
            w["price"],
        ]
    ]
    for r in comparison.results:
        rows.append(
            [
                r.bid.bidder,
                f"{_num(r.bid.offered_percentage, lang)}{_PCT[lang]}",
                format_eur(r.offered_amount, lang=lang),
                format_eur(r.counted, lang=lang),
                format_eur(r.gap, lang=lang),
                _pct(r.plan_percentage, lang),
                str(r.named),
                str(r.unnamed),
                format_eur(r.bid.price, lang=lang) if r.bid.price is not None else "-",
            ]
        )
    head = f"{w['comparison']} ({w['catalog'].lower()} {comparison.catalog or '-'})"
    short = [
        f"{r.bid.bidder}: {w['years']} {', '.join(str(i) for i in r.years_short)}"
        for r in comparison.results
        if r.years_short
    ]
    return "\n".join([head, _align(rows, right=tuple(range(1, 9))), *short])


def _value(r: Ranking, bidder: str, lang: Lang) -> str:
    s = r.score_of(bidder)
    if s.fictive_price is not None:
        return f"{format_eur(s.fictive_price, lang=lang)} ({_WORDS[lang]['rank']} {s.rank})"
    return f"{points_text(s.total, r.formula.decimals, lang)} ({_WORDS[lang]['rank']} {s.rank})"


def ranking_table(fc: FormulaComparison, *, lang: Lang = "nl") -> str:
    """Bidders × formulas: the score (points or fictive price) and the rank, side by side."""
    w = _WORDS[lang]
    rows = [[w["bidder"], *(r.formula.id for r in fc.rankings)]]
    for bidder in sorted(fc.bidders):
        rows.append([bidder, *(_value(r, bidder, lang) for r in fc.rankings)])
    rows.append([w["winner"], *(" / ".join(r.winners) for r in fc.rankings)])
    names = [f"{r.formula.id}: {r.formula.name(lang)}" for r in fc.rankings]
    changed = fc.changes_winner()
    verdict = (
        f"{w['changes']} {fc.rankings[0].formula.id}: {', '.join(changed)}"
        if changed
        else w["same"]
    )
    return "\n".join([w["ranking"], *names, "", _align(rows), "", verdict])


def score_trails(fc: FormulaComparison, *, lang: Lang = "nl") -> str:
    """The trail of every score, formula by formula, best first."""
    out = [_WORDS[lang]["trails"]]
    for r in fc.rankings:
        out += ["", f"== {r.formula.name(lang)} ({r.formula.id}) =="]
        out += [s.trail(lang) for s in r.scores]
    return "\n".join(out)


def report(fc: FormulaComparison, *, lang: Lang = "nl") -> str:
    """Comparison of the bids (when valued), the ranking side by side, and every trail."""
    parts = []
    if fc.comparison is not None:
        parts.append(comparison_table(fc.comparison, lang=lang))
    parts += [ranking_table(fc, lang=lang), score_trails(fc, lang=lang)]
    return "\n\n".join(parts)
