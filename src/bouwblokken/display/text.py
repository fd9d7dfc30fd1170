"""Aligned text tables with Dutch (default) or English labels and number formatting."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from bouwblokken.i18n import label as word
from bouwblokken.i18n import text
from bouwblokken.money import Lang, format_day, format_eur, format_percent

if TYPE_CHECKING:
    from bouwblokken.ledger import LedgerResult, TenderResult

__all__ = ["align", "ledger_table", "tender_table", "warning_text"]

_KEYS = [
    "obligation",
    "counted",
    "remaining",
    "surplus",
    "realised",
    "forecast",
    "activity",
    "block",
    "status",
    "value",
    "not_counted",
    "why",
    "catalog",
    "category",
    "year",
    "minimum",
    "met",
    "not_met",
    "warnings",
]


def warning_text(warning: object, lang: Lang) -> str:
    """A ledger warning in ``lang`` (warnings carry both languages; a plain string is shown
    as it is)."""
    text_of = getattr(warning, "text", None)
    return str(text_of(lang)) if callable(text_of) else str(warning)


def labels(lang: Lang) -> dict[str, str]:
    """The fixed words of the result views (from :mod:`bouwblokken.i18n`)."""
    return {k: text(k, lang) for k in _KEYS}


def align(rows: Sequence[Sequence[str]], *, right: Sequence[int] = ()) -> str:
    """Rows of cells as an aligned table; the first row is the header."""
    if not rows:
        return ""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for n, row in enumerate(rows):
        cells = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        out.append("  ".join(cells).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def tender_table(t: TenderResult, *, lang: Lang = "nl") -> str:
    lab = labels(lang)

    def eur(v: Decimal) -> str:
        return format_eur(v, lang=lang)

    title = t.tender.title or t.tender.id
    head = [f"{title}  ({lab['catalog']}: {t.catalog or '-'})"]
    head.extend("  " + ln.text(lang) for ln in t.obligation.lines)
    rows = [
        [
            lab["activity"],
            lab["block"],
            lab["status"],
            lab["counted"],
            lab["realised"],
            lab["not_counted"],
            lab["why"],
        ]
    ]
    for r in t.activities:
        lost = r.gross - r.counted
        why = "; ".join(nc.text(lang) for nc in r.not_counted)
        status = word("status", r.activity.status, lang)
        label = (
            r.valuation.label_nl
            if (r.valuation and lang == "nl")
            else (r.valuation.label_en if r.valuation else r.activity.block)
        )
        done = t.realised_row(r.index)
        rows.append(
            [
                r.label,
                label,
                status,
                eur(r.counted),
                eur(done.counted) if done is not None else "",
                eur(lost) if lost else "",
                why,
            ]
        )
    parts = ["\n".join(head), align(rows, right=(3, 4, 5))]
    summary = [["", lab["obligation"], lab["counted"], lab["remaining"], lab["surplus"], "%"]]
    for name, f in ((lab["realised"], t.realised), (lab["forecast"], t.forecast)):
        pct = f.percentage
        summary.append(
            [
                name,
                eur(f.obligation),
                eur(f.counted),
                eur(f.remaining),
                eur(f.surplus),
                "-" if pct is None else format_percent(pct, lang=lang),
            ]
        )
    parts.append(align(summary, right=(1, 2, 3, 4, 5)))
    if t.years:
        yrows = [[lab["year"], lab["minimum"], lab["counted"], ""]]
        for y in t.years:
            yrows.append(
                [
                    f"{y.year.index} ({format_day(y.year.start, lang=lang)} – "
                    f"{format_day(y.year.end, lang=lang)})",
                    eur(y.year.minimum),
                    eur(y.counted),
                    lab["met"] if y.met else lab["not_met"],
                ]
            )
        parts.append(align(yrows, right=(1, 2)))
    return "\n\n".join(parts)


def ledger_table(result: LedgerResult, *, lang: Lang = "nl") -> str:
    lab = labels(lang)
    parts = [tender_table(t, lang=lang) for t in result.tenders]
    if result.warnings:
        parts.append(
            lab["warnings"]
            + ":\n"
            + "\n".join(f"  - {warning_text(w, lang)}" for w in result.warnings)
        )
    return "\n\n\n".join(parts)
