"""Optimizer results as text tables, HTML (plans side by side) and JSON-ready dicts."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from html import escape
from typing import TYPE_CHECKING, Any

from bouwblokken.display.text import align
from bouwblokken.i18n import label, optimizer_note, optimizer_reason, text
from bouwblokken.money import LANGS, Lang, format_eur, from_cents, round_cents
from bouwblokken.schemas import SCHEMA_BASE

if TYPE_CHECKING:
    from bouwblokken.optimize.plan import Plan, PlanResult

__all__ = ["plan_result_dict", "plan_result_html", "plan_result_table"]


def _names(result: PlanResult) -> list[str]:
    return [o.id for o in result.problem.options]


def _plans(result: PlanResult, lang: Lang = "nl") -> list[tuple[str, Plan]]:
    out: list[tuple[str, Plan]] = []
    if result.best is not None:
        out.append((label("plan", "optimal", lang), result.best))
    out.extend((f"{text('alt', lang)} {i + 1}", p) for i, p in enumerate(result.alternatives))
    return out


def plan_result_table(result: PlanResult, *, lang: Lang = "nl") -> str:
    """Plans side by side: units per option, cost, counted value, the surplus above the target
    (``overschot``, the register's word), people; the words are :mod:`bouwblokken.i18n`'s."""

    def eur(v: Decimal | Fraction | int) -> str:
        return format_eur(v, lang=lang)

    def word(key: str) -> str:
        return text(key, lang).lower()

    head = (
        f"{text('catalog', lang)}: {result.catalog}   {text('target', lang)}: {eur(result.target)}"
    )
    parts = [head]
    plans = _plans(result, lang)
    if plans:
        rows = [[word("option")] + [n for n, _ in plans]]
        for oid in _names(result):
            rows.append([oid] + [str(p.units.get(oid, "")) for _, p in plans])
        rows.append([word("cost")] + [eur(p.cost) for _, p in plans])
        rows.append([word("counted")] + [eur(p.counted) for _, p in plans])
        rows.append([word("surplus")] + [eur(p.slack) for _, p in plans])
        rows.append([word("people")] + [str(p.people) for _, p in plans])
        parts.append(align(rows, right=tuple(range(1, len(plans) + 1))))
        assert result.best is not None
        parts.append(text("why_options", lang) + "\n" + result.best.explain(lang))
    if result.pareto:
        rows = [[word("people"), word("cost"), "plan"]]
        for p in result.pareto:
            rows.append(
                [str(p.people), eur(p.cost), ", ".join(f"{k}×{v}" for k, v in p.units.items())]
            )
        parts.append(text("pareto", lang) + "\n" + align(rows, right=(0, 1)))
    if result.diagnosis is not None:
        d = result.diagnosis
        reached = eur(from_cents(d.max_counted_cents))
        parts.append(
            text("infeasible_head", lang, reached=reached)
            + "\n"
            + "\n".join(
                f"  - {optimizer_reason(r.code, r.subject, r.amount, lang, fallback=r.message)}"
                for r in d.reasons
            )
        )
    prefix = text("note_prefix", lang)
    parts.extend(f"{prefix}: {n}" for n in (_notes_nl(result) if lang == "nl" else result.notes))
    return "\n\n".join(parts)


def _money(v: Decimal) -> str:
    return format(v, "f")


def _ratio(v: Fraction | None) -> str | None:
    return None if v is None else format(round_cents(v), "f")


def _plan_dict(p: Plan) -> dict[str, Any]:
    return {
        "units": p.units,
        "cost": _money(p.cost),
        "counted": _money(p.counted),
        "slack": _money(p.slack),
        "people": p.people,
        "options": [
            {
                "option": r["option"],
                "units": r["units"],
                "unit_value": _money(r["unit_value"]),
                "unit_cost": _money(r["unit_cost"]),
                "cost_per_value": _ratio(r["cost_per_value"]),
                "category": r["category"],
            }
            for r in p.rows
        ],
        "activities": [a.model_dump(mode="json", exclude_none=True) for a in p.activities],
    }


def _notes_nl(result: PlanResult) -> tuple[str, ...]:
    """The notes in Dutch: the optimizer's own Dutch where it wrote them, else translated."""
    if len(result.notes_nl) == len(result.notes):
        return result.notes_nl
    return tuple(optimizer_note(n, "nl") for n in result.notes)


def plan_result_dict(result: PlanResult) -> dict[str, Any]:
    """The ``bouwblokken.plans/1`` document."""
    d = result.diagnosis
    return {
        "$schema": SCHEMA_BASE + "plans.schema.json",
        "format": "bouwblokken.plans/1",
        "catalog": result.catalog,
        "catalog_fingerprint": f"sha256:{result.fingerprint}" if result.fingerprint else None,
        "target": _money(result.target),
        "status": result.status,
        "best": _plan_dict(result.best) if result.best else None,
        "alternatives": [_plan_dict(p) for p in result.alternatives],
        "pareto": [_plan_dict(p) for p in result.pareto],
        "diagnosis": None
        if d is None
        else {
            "max_counted": _money(from_cents(d.max_counted_cents)),
            "shortfall": _money(from_cents(d.shortfall_cents)),
            "reasons": [
                {
                    "code": r.code,
                    "subject": r.subject,
                    **{
                        f"message_{lang}": optimizer_reason(
                            r.code, r.subject, r.amount, lang, fallback=r.message
                        )
                        for lang in LANGS
                    },
                }
                for r in d.reasons
            ],
        },
        "notes_nl": list(_notes_nl(result)),
        "notes_en": list(result.notes),
    }


def plan_result_html(result: PlanResult, *, lang: Lang = "nl") -> str:
    return "<pre>" + escape(plan_result_table(result, lang=lang)) + "</pre>"
