"""Plans across a supplier's contracts as text tables: the placements, the contracts, and a
re-plan's changes with its cost difference (Dutch by default, ``lang="en"`` in English).

Every number in the tables is the plan's own (:class:`~bouwblokken.optimize.multi.MultiPlan`):
a placement counts ``value`` and costs ``cost``; a contract's shortfall is what is still open
minus what the plan counts (never below zero), its fine the contract's percentage of it (– for
a contract that states none); the footer adds cost and fines.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from bouwblokken.display.text import align
from bouwblokken.i18n import text
from bouwblokken.money import Lang, format_day, format_eur

if TYPE_CHECKING:
    from bouwblokken.optimize.multi import MultiPlan, Replan

__all__ = ["multi_plan_html", "multi_plan_table", "replan_html", "replan_table"]


def _placements(plan: MultiPlan, lang: Lang) -> str:
    if not plan.placements:
        return text("no_placements", lang)
    rows = [
        [
            text(k, lang)
            for k in (
                "candidate",
                "contract",
                "block",
                "hours_per_week",
                "months",
                "from_day",
                "to_day",
                "hour_months",
                "counts",
                "costs",
            )
        ]
    ]
    for p in plan.placements:
        rows.append(
            [
                p.candidate,
                p.tender,
                p.label(lang),
                str(p.hours_per_week),
                str(p.months),
                format_day(p.start, lang=lang),
                format_day(p.end, lang=lang),
                str(p.hours_per_week * p.months),
                format_eur(p.value, lang=lang),
                format_eur(p.cost, lang=lang),
            ]
        )
    return align(rows, right=(3, 4, 7, 8, 9))


def _contracts(plan: MultiPlan, lang: Lang) -> str:
    rows = [[text(k, lang) for k in ("contract", "open_before", "counted", "shortfall", "fine")]]
    short = plan.shortfall
    for tid, open_ in plan.remaining.items():
        fine = plan.fines_by_contract.get(tid)
        rows.append(
            [
                tid,
                format_eur(open_, lang=lang),
                format_eur(plan.counted.get(tid, 0), lang=lang),
                format_eur(short[tid], lang=lang),
                "–" if fine is None else format_eur(fine, lang=lang),
            ]
        )
    return align(rows, right=(1, 2, 3, 4))


def multi_plan_table(plan: MultiPlan, *, lang: Lang = "nl") -> str:
    """Status, placements, contracts and the total of a plan across contracts."""
    total = text(
        "plan_total",
        lang,
        cost=format_eur(plan.cost, lang=lang),
        fines=format_eur(plan.fines, lang=lang),
        total=format_eur(plan.cost + plan.fines, lang=lang),
    )
    parts = [
        text("plan_status", lang, status=plan.status_text(lang)),
        _placements(plan, lang),
        _contracts(plan, lang),
        total,
    ]
    parts.extend(nl if lang == "nl" else en for nl, en in plan.notes)
    return "\n\n".join(parts)


def replan_table(replan: Replan, *, lang: Lang = "nl") -> str:
    """What changes, the new plan, and the cost difference from the re-plan date on."""
    changes = [c.describe(lang) for c in replan.changes]
    head = (
        text("changes", lang) + "\n" + "\n".join(f"- {c}" for c in changes)
        if changes
        else text("no_changes", lang)
    )
    day = replan.since
    old = replan.plan.cost - replan.cost_difference
    cost = text(
        "replan_cost",
        lang,
        day=format_day(day, lang=lang, style="long") if day else "—",
        new=format_eur(replan.plan.cost, lang=lang),
        old=format_eur(old, lang=lang),
        diff=format_eur(replan.cost_difference, lang=lang),
    )
    return "\n\n".join([head, multi_plan_table(replan.plan, lang=lang), cost])


def multi_plan_html(plan: MultiPlan, *, lang: Lang = "nl") -> str:
    return "<pre>" + escape(multi_plan_table(plan, lang=lang)) + "</pre>"


def replan_html(replan: Replan, *, lang: Lang = "nl") -> str:
    return "<pre>" + escape(replan_table(replan, lang=lang)) + "</pre>"
