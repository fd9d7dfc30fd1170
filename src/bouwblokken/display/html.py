"""Rich HTML for Jupyter: a fulfilment bar, per-category table, and what did not count."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from html import escape
from typing import TYPE_CHECKING

from bouwblokken.display.text import labels, warning_text
from bouwblokken.i18n import label
from bouwblokken.money import Lang, format_eur, format_percent

if TYPE_CHECKING:
    from bouwblokken.ledger import LedgerResult, TenderResult

__all__ = ["ledger_html", "tender_html"]

_STYLE = (
    "<style>.bb table{border-collapse:collapse;margin:4px 0}.bb td,.bb th{padding:2px 8px;"
    "border-bottom:1px solid #ddd;text-align:left}.bb td.n{text-align:right;white-space:nowrap}"
    ".bb .bar{background:#eee;width:320px;height:14px;position:relative}"
    ".bb .fill{background:#2a7;height:14px}.bb .why{color:#a33}</style>"
)


def _bar(pct: float) -> str:  # float-ok: display width only, never money
    width = max(0.0, min(pct, 100.0))  # float-ok
    return f"<div class='bar'><div class='fill' style='width:{width:.1f}%'></div></div>"


def tender_html(t: TenderResult, *, lang: Lang = "nl") -> str:
    lab = labels(lang)
    f = t.forecast
    pct = f.percentage

    def eur(v: Decimal | Fraction | int) -> str:
        return escape(format_eur(v, lang=lang))

    parts = [
        f"<h4>{escape(t.tender.title or t.tender.id)} "
        f"<small>({lab['catalog']}: {escape(t.catalog or '-')})</small></h4>",
        "<div>" + "<br>".join(escape(ln.text(lang)) for ln in t.obligation.lines) + "</div>",
    ]
    for name, ful in ((lab["realised"], t.realised), (lab["forecast"], f)):
        p = ful.percentage
        parts.append(
            f"<div>{escape(name)}: {eur(ful.counted)} / {eur(ful.obligation)}"
            f" ({'-' if p is None else escape(format_percent(p, lang=lang))})</div>"
            + _bar(float(p) if p is not None else 0.0)  # float-ok: bar width
        )
    del pct
    cats = "".join(
        f"<tr><td>{escape(label('category', c, lang))}</td><td class='n'>{eur(v)}</td></tr>"
        for c, v in f.by_category.items()
    )
    parts.append(
        f"<table><tr><th>{lab['category']}</th><th>{lab['counted']}</th></tr>{cats}</table>"
    )
    rows = []
    for r in t.activities:
        why = "<br>".join(f"{escape(nc.text(lang))} ({eur(nc.amount)})" for nc in r.not_counted)
        block = (
            r.valuation.label_nl
            if r.valuation and lang == "nl"
            else (r.valuation.label_en if r.valuation else r.activity.block)
        )
        trail = "<br>".join(
            escape(ln.text(lang)) for ln in (r.valuation.lines if r.valuation else ())
        )
        status = escape(label("status", r.activity.status, lang))
        rows.append(
            f"<tr><td>{escape(r.label)}</td><td>{escape(block)}</td>"
            f"<td>{status}</td><td class='n'>{eur(r.counted)}</td>"
            f"<td><small>{trail}</small></td><td class='why'><small>{why}</small></td></tr>"
        )
    parts.append(
        f"<table><tr><th>{lab['activity']}</th><th>{lab['block']}</th><th>{lab['status']}</th>"
        f"<th>{lab['counted']}</th><th></th><th>{lab['not_counted']}</th></tr>"
        + "".join(rows)
        + "</table>"
    )
    return "".join(parts)


def ledger_html(result: LedgerResult, *, lang: Lang = "nl") -> str:
    body = "".join(tender_html(t, lang=lang) for t in result.tenders)
    if result.warnings:
        body += (
            "<ul>"
            + "".join(f"<li>{escape(warning_text(w, lang))}</li>" for w in result.warnings)
            + "</ul>"
        )
    return f"{_STYLE}<div class='bb'>{body}</div>"
