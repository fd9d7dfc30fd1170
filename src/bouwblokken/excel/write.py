"""Workbooks for people: a ledger result, a plan under several catalogs, a catalog.

Every amount is a real number with :data:`EUR_FORMAT`, every percentage a number with
:data:`PERCENT_FORMAT`, every date a date; headers and words are Dutch (``lang="en"`` for
English) from :mod:`bouwblokken.i18n`. Amounts are the library's exact ``Decimal`` values
(openpyxl writes their decimal text into the file; nothing passes through a float).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bouwblokken.display.text import warning_text
from bouwblokken.excel._book import (
    DATE_FORMAT,
    EUR_FORMAT,
    NUMBER_FORMAT,
    PERCENT_FORMAT,
    new_workbook,
    save,
    sheet,
)
from bouwblokken.i18n import label, text
from bouwblokken.money import Lang

if TYPE_CHECKING:
    from bouwblokken.catalog.model import Catalog
    from bouwblokken.compare import ValuedUnder
    from bouwblokken.ledger import LedgerResult, TenderResult
    from bouwblokken.optimize.plan import PlanResult

__all__ = [
    "DATE_FORMAT",
    "EUR_FORMAT",
    "PERCENT_FORMAT",
    "SHEETS",
    "write_catalog",
    "write_comparison",
    "write_plans",
    "write_result",
]

SHEETS = {
    "summary": ("Samenvatting", "Summary"),
    "activities": ("Activiteiten", "Activities"),
    "categories": ("Per categorie", "By category"),
    "trail": ("Berekening", "Calculation"),
    "not_counted": ("Telt niet", "Not counted"),
    "years": ("Contractjaren", "Contract years"),
    "warnings": ("Waarschuwingen", "Warnings"),
    "comparison": ("Vergelijking", "Comparison"),
    "blocks": ("Bouwblokken", "Blocks"),
    "bonuses": ("Bonussen", "Bonuses"),
    "caps": ("Maximale aandelen", "Share caps"),
}
"""The sheet names, (Dutch, English)."""


def _name(key: str, lang: Lang) -> str:
    nl, en = SHEETS[key]
    return nl if lang == "nl" else en


def _t(lang: Lang, nl: str, en: str) -> str:
    return nl if lang == "nl" else en


def _share(counted: Decimal, obligation: Decimal) -> Decimal | None:
    """The percentage cell: the text table's percentage (one decimal) as a fraction."""
    if obligation == 0:
        return None
    return (counted * 100 / obligation).quantize(Decimal("0.1"), "ROUND_HALF_UP") / 100


def _summary_rows(t: TenderResult, lang: Lang) -> list[list[Any]]:
    rows = []
    for view, f in ((text("realised", lang), t.realised), (text("forecast", lang), t.forecast)):
        rows.append(
            [
                t.tender.id,
                t.tender.title or "",
                t.catalog or "",
                view,
                f.obligation,
                f.counted,
                f.remaining,
                f.surplus,
                _share(f.counted, f.obligation),
            ]
        )
    return rows


def _add_result_sheets(wb: Any, result: LedgerResult, lang: Lang) -> None:
    summary = [row for t in result.tenders for row in _summary_rows(t, lang)]
    sheet(
        wb,
        _name("summary", lang),
        [
            text("tender", lang),
            _t(lang, "Titel", "Title"),
            text("catalog", lang),
            text("view", lang),
            text("obligation", lang),
            text("counted", lang),
            text("remaining", lang),
            text("surplus", lang),
            "%",
        ],
        summary,
        formats={4: EUR_FORMAT, 5: EUR_FORMAT, 6: EUR_FORMAT, 7: EUR_FORMAT, 8: PERCENT_FORMAT},
    )
    acts = []
    for t in result.tenders:
        for r in t.activities:
            a, v = r.activity, r.valuation
            done = t.realised_row(r.index)
            acts.append(
                [
                    t.tender.id,
                    r.label,
                    a.person or "",
                    a.block,
                    (v.label_nl if lang == "nl" else v.label_en) if v else "",
                    label("category", v.category, lang) if v else "",
                    label("status", a.status, lang),
                    a.start,
                    a.end,
                    a.hours_per_week,
                    r.counted,
                    done.counted if done is not None else Decimal("0.00"),
                    r.gross - r.counted,
                    "; ".join(nc.text(lang) for nc in r.not_counted),
                ]
            )
    sheet(
        wb,
        _name("activities", lang),
        [
            text("tender", lang),
            text("activity", lang),
            text("person", lang),
            text("block_id", lang),
            text("block", lang),
            text("category", lang),
            text("status", lang),
            text("start", lang),
            text("end", lang),
            text("hours_per_week", lang),
            text("counted", lang),
            text("realised", lang),
            text("not_counted", lang),
            text("why", lang),
        ],
        acts,
        formats={9: NUMBER_FORMAT, 10: EUR_FORMAT, 11: EUR_FORMAT, 12: EUR_FORMAT},
        widths={13: 60},
    )
    cats = [
        [t.tender.id, view, label("category", c, lang), amount]
        for t in result.tenders
        for view, f in ((text("realised", lang), t.realised), (text("forecast", lang), t.forecast))
        for c, amount in f.by_category.items()
    ]
    sheet(
        wb,
        _name("categories", lang),
        [text("tender", lang), text("view", lang), text("category", lang), text("counted", lang)],
        cats,
        formats={3: EUR_FORMAT},
    )
    trail = []
    for t in result.tenders:
        for i, ln in enumerate(t.obligation.lines, 1):
            trail.append([t.tender.id, text("obligation", lang), i, ln.text(lang)])
        for r in t.activities:
            for i, ln in enumerate(r.valuation.lines if r.valuation else (), 1):
                trail.append([t.tender.id, r.label, i, ln.text(lang)])
    sheet(
        wb,
        _name("trail", lang),
        [
            text("tender", lang),
            text("activity", lang),
            _t(lang, "Stap", "Step"),
            text("trail", lang),
        ],
        trail,
        widths={3: 100},
    )
    lost = [
        [
            t.tender.id,
            r.label,
            r.activity.block,
            label("reason", nc.reason, lang),
            nc.amount,
            nc.text(lang),
        ]
        for t in result.tenders
        for r in t.activities
        for nc in r.not_counted
    ]
    sheet(
        wb,
        _name("not_counted", lang),
        [
            text("tender", lang),
            text("activity", lang),
            text("block_id", lang),
            _t(lang, "Reden", "Reason"),
            text("amount", lang),
            _t(lang, "Toelichting", "Explanation"),
        ],
        lost,
        formats={4: EUR_FORMAT},
        widths={5: 80},
    )
    years = [
        [t.tender.id, y.year.index, y.year.start, y.year.end, y.year.minimum, y.counted,
         text("met" if y.met else "not_met", lang)]
        for t in result.tenders
        for y in t.years
    ]  # fmt: skip
    if years:
        sheet(
            wb,
            _name("years", lang),
            [
                text("tender", lang),
                text("year", lang),
                text("start", lang),
                text("end", lang),
                text("minimum", lang),
                text("counted", lang),
                "",
            ],
            years,
            formats={4: EUR_FORMAT, 5: EUR_FORMAT},
        )
    warnings = [w for t in result.tenders for w in t.warnings] + list(result.warnings)
    if warnings:
        sheet(
            wb,
            _name("warnings", lang),
            [text("warnings", lang)],
            [[warning_text(w, lang)] for w in warnings],
            widths={0: 110},
        )


def _comparison_sheet(wb: Any, valued: Sequence[ValuedUnder], lang: Lang) -> None:
    if not valued:
        return
    header = [text("activity", lang), text("block_id", lang)]
    for v in valued:
        header += [
            f"{v.catalog.key}: {text('block', lang)}",
            f"{v.catalog.key}: {text('value', lang)}",
        ]
    header.append(_t(lang, "Toelichting", "Explanation"))
    rows: list[list[Any]] = []
    n = len(valued[0].rows)
    for i in range(n):
        a = valued[0].rows[i].activity
        row: list[Any] = [a.id or f"#{i + 1}", a.block]
        notes = []
        for v in valued:
            r = v.rows[i]
            row += [r.block or "", r.amount]
            if r.note:
                notes.append(f"{v.catalog.key}: {r.note}")
        row.append("; ".join(notes))
        rows.append(row)
    total: list[Any] = [_t(lang, "Totaal", "Total"), ""]
    for v in valued:
        total += ["", v.total]
    rows.append([*total, ""])
    # For a ledger: each catalog's obligation, counted and remaining, in its own value column.
    for k, v in enumerate(valued):
        if v.result is None:
            continue
        for t in v.result.tenders:
            f = t.forecast
            for name, amount in (
                (text("obligation", lang), f.obligation),
                (text("counted", lang), f.counted),
                (text("remaining", lang), f.remaining),
            ):
                row = [f"{v.catalog.key} · {t.tender.id}", name] + [None] * (2 * len(valued) + 1)
                row[3 + 2 * k] = amount
                rows.append(row)
    fmts = {3 + 2 * k: EUR_FORMAT for k in range(len(valued))}
    sheet(wb, _name("comparison", lang), header, rows, formats=fmts, widths={len(header) - 1: 70})


def write_result(
    result: LedgerResult,
    path: str | Path,
    *,
    lang: Lang = "nl",
    comparison: Sequence[ValuedUnder] | None = None,
) -> Path:
    """Write a ledger result as a workbook: Samenvatting (obligation, counted, remaining,
    surplus, % per tender, realised and forecast), Activiteiten, Per categorie, Berekening
    (every step of every valuation and obligation), Telt niet (what did not count and why),
    Contractjaren and Waarschuwingen when there are any, and Vergelijking when
    ``comparison`` (from :func:`bouwblokken.compare.value_under`) is given."""
    wb = new_workbook()
    _add_result_sheets(wb, result, lang)
    if comparison:
        _comparison_sheet(wb, comparison, lang)
    return save(wb, path)


def write_comparison(valued: Sequence[ValuedUnder], path: str | Path, *, lang: Lang = "nl") -> Path:
    """One plan under several catalogs (from :func:`bouwblokken.compare.value_under`): per
    activity the block and value under each catalog, totals, and -- for a ledger -- each
    catalog's obligation, counted and remaining amount."""
    wb = new_workbook()
    _comparison_sheet(wb, valued, lang)
    return save(wb, path)


def write_plans(result: PlanResult, path: str | Path, *, lang: Lang = "nl") -> Path:
    """The optimizer's plans side by side (Plannen: units per option, cost, counted, surplus,
    people per plan; Pareto: cost against people helped; Opties: value and cost per unit)."""
    wb = new_workbook()
    plans: list[tuple[str, Any]] = []
    if result.best is not None:
        plans.append((label("plan", "optimal", lang), result.best))
    plans += [(f"alt {i + 1}", p) for i, p in enumerate(result.alternatives)]
    ids = [o.id for o in result.problem.options]
    rows: list[list[Any]] = [[oid, *(p.units.get(oid, 0) for _, p in plans)] for oid in ids]
    rows.append([text("cost", lang).capitalize(), *(p.cost for _, p in plans)])
    rows.append([text("counted", lang), *(p.counted for _, p in plans)])
    rows.append([text("surplus", lang).capitalize(), *(p.slack for _, p in plans)])
    rows.append([text("people", lang).capitalize(), *(p.people for _, p in plans)])
    ws = sheet(
        wb,
        _t(lang, "Plannen", "Plans"),
        [text("option", lang).capitalize(), *(name for name, _ in plans)],
        rows,
    )
    for r in range(len(ids) + 2, len(ids) + 5):
        for c in ws[r][1:]:
            c.number_format = EUR_FORMAT
    sheet(
        wb,
        "Pareto",
        [text("people", lang).capitalize(), text("cost", lang).capitalize(), "Plan"],
        [
            [p.people, p.cost, ", ".join(f"{k}×{v}" for k, v in p.units.items())]
            for p in result.pareto
        ],
        formats={1: EUR_FORMAT},
    )
    if result.best is not None:
        sheet(
            wb,
            _t(lang, "Opties", "Options"),
            [
                text("option", lang).capitalize(),
                _t(lang, "Eenheden", "Units"),
                _t(lang, "Waarde per eenheid", "Value per unit"),
                _t(lang, "Kosten per eenheid", "Cost per unit"),
                text("category", lang),
            ],
            [
                [
                    r["option"],
                    r["units"],
                    r["unit_value"],
                    r["unit_cost"],
                    label("category", r["category"], lang),
                ]
                for r in result.best.rows
            ],
            formats={2: EUR_FORMAT, 3: EUR_FORMAT},
        )
    return save(wb, path)


def write_catalog(catalog: Catalog, path: str | Path, *, lang: Lang = "nl") -> Path:
    """A catalog edition as a workbook: Bouwblokken (value, rule, counting limit, verified),
    Bonussen, Maximale aandelen."""
    from bouwblokken.display.catalog import (
        BONUS_COLUMNS,
        bonus_amount_text,
        bonus_condition_text,
        bonus_unit_text,
        column_names,
        limit_text,
        rule_text,
    )

    wb = new_workbook()
    yes = label("yes_no", True, lang)
    no = label("yes_no", False, lang)
    sheet(
        wb,
        _name("blocks", lang),
        [
            text("block_id", lang),
            text("block", lang),
            text("category", lang),
            text("amount", lang),
            text("rule", lang),
            text("limit", lang),
            text("verified", lang),
        ],
        [
            [
                b.id,
                b.label_nl if lang == "nl" else b.label_en,
                label("category", b.category, lang),
                b.fixed_amount,
                rule_text(b, lang),
                limit_text(b, lang),
                yes if b.verified and b.rule.verified else no,
            ]
            for b in catalog.blocks
        ],
        formats={3: EUR_FORMAT},
    )
    sheet(
        wb,
        _name("bonuses", lang),
        ["Id", *column_names(BONUS_COLUMNS, lang)],
        [
            [
                bo.id,
                bo.label_nl if lang == "nl" else bo.label_en,
                bo.amount if bo.amount is not None else bonus_amount_text(bo, lang),
                bonus_unit_text(bo, lang),
                bonus_condition_text(bo, lang),
                ", ".join([*bo.blocks, *(label("category", k, lang) for k in bo.categories)]),
            ]
            for bo in catalog.bonuses
        ],
        formats={2: EUR_FORMAT},
    )
    if catalog.share_caps:
        sheet(
            wb,
            _name("caps", lang),
            ["Id", text("value", lang), text("max_share", lang), text("applies_to", lang)],
            [
                [
                    c.id,
                    c.label_nl if lang == "nl" else c.label_en,
                    c.max_share_percent / 100,
                    ", ".join([*c.blocks, *(label("category", k, lang) for k in c.categories)]),
                ]
                for c in catalog.share_caps
            ],
            formats={2: PERCENT_FORMAT},
        )
    return save(wb, path)
