"""The portfolio report as HTML (notebooks: ``report`` displays itself through this)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from bouwblokken.money import Lang, format_eur, format_number, format_quantity
from bouwblokken.portfolio.views.text import fine_word, status_word
from bouwblokken.portfolio.views.words import day, indicator_header, w

if TYPE_CHECKING:
    from bouwblokken.portfolio.impact import ImpactReport
    from bouwblokken.portfolio.monitor import PortfolioReport

__all__ = ["impact_html", "report_html"]


def report_html(report: PortfolioReport, *, lang: Lang = "nl") -> str:
    def e(x: object) -> str:
        return escape(format_eur(x, lang=lang)) if x is not None else "-"  # type: ignore[arg-type]

    keys = (
        "contract",
        "supplier",
        "obligation",
        "in_period",
        "to_date",
        "planned",
        "forecast",
        "path",
        "status",
    )
    head = "".join(f"<th>{escape(w(k, lang))}</th>" for k in keys)
    body = []
    for r in report.contracts:
        style = (
            ' style="background:#fde2e1"'
            if r.at_risk
            else (' style="background:#fff4ce"' if r.behind_path else "")
        )
        cells = (
            [escape(r.id), escape(r.supplier)]
            + [
                e(x)
                for x in (
                    r.obligation,
                    r.realised_in_period,
                    r.realised_to_date,
                    r.planned,
                    r.forecast,
                    r.path,
                )
            ]
            + [escape(status_word(r, lang))]
        )
        body.append(f"<tr{style}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    t = report.totals
    body.append(
        "<tr><th>"
        + escape(w("total", lang))
        + f"</th><th>{t.contracts} {escape(w('contracts', lang))}</th>"
        + "".join(
            f"<th>{e(x)}</th>"
            for x in (
                t.obligation,
                t.realised_in_period,
                t.realised_to_date,
                t.planned,
                t.forecast,
                t.path,
            )
        )
        + f"<th>{t.behind_path} {escape(w('behind', lang))}, {t.at_risk}"
        f" {escape(w('at_risk', lang))}</th></tr>"
    )
    title = escape(w("report", lang) + (f": {report.title}" if report.title else ""))
    p = report.period
    to = w("to_word", lang)
    sub = escape(
        f"{p.label(lang)} ({day(p.start, lang, long=True)} {to} {day(p.end, lang, long=True)})"
        f" · {w(report.view, lang)}"
    )
    parts = [
        f"<div><h4>{title}</h4><p>{sub}</p>",
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>",
    ]
    fines = [s for s in report.settlements if s.shortfall > 0]
    if fines:
        parts.append(f"<h5>{escape(w('fines', lang))}</h5><ul>")
        for s in fines:
            basis = w("final" if s.basis == "final" else "forecast_basis", lang)
            trail = "<br>".join(escape(ln.text(lang)) for ln in s.lines[1:])
            parts.append(
                f"<li>{escape(s.contract)} ({escape(s.supplier)}, {escape(basis)}):"
                f" {escape(fine_word(s, lang).lower())} {e(s.fine)}<br><small>{trail}</small></li>"
            )
        parts.append("</ul>")
    if report.pending:
        n = len(report.pending)
        parts.append(
            f"<p>{escape(w('pending_head', lang))}: {n}"
            f" {escape(w('activity_one' if n == 1 else 'activities', lang))}</p>"
        )
    if report.double_counts:
        parts.append(f"<h5>{escape(w('doubles', lang))}</h5><ul>")
        for d in report.double_counts:
            parts.append(
                f"<li>{escape(d.person)}: {escape(d.contract)}/{escape(d.activity)} "
                f"{e(d.amount)} ← {escape(', '.join(d.claimed_by))} "
                f"({escape(d.weeks_text(lang))})</li>"
            )
        parts.append("</ul>")
    return "".join(parts) + "</div>"


def impact_html(report: ImpactReport, *, lang: Lang = "nl") -> str:
    """An impact report as an HTML table: euros, unique persons, FTE, indicators per group."""
    kinds = sorted({k for r in (*report.rows, report.total) for k in r.indicators})
    head = [w(report.by, lang), w("euros", lang), w("persons", lang), w("fte", lang)] + [
        indicator_header(kind, unit, lang, report.indicator_labels) for kind, unit in kinds
    ]
    body = []
    for r in (*report.rows, report.total):
        cells = [
            escape(r.label),
            escape(format_eur(r.euros, lang=lang)),
            str(r.unique_persons),
            escape(format_number(r.fte_rounded, lang=lang)),
        ] + [
            escape(format_quantity(r.indicators[k], lang=lang)) if k in r.indicators else "-"
            for k in kinds
        ]
        tag = "th" if r is report.total else "td"
        body.append("<tr>" + "".join(f"<{tag}>{c}</{tag}>" for c in cells) + "</tr>")
    note = "" if report.additive else f"<p><small>{escape(w('not_additive', lang))}</small></p>"
    title = escape(f"{w('impact', lang)}: {report.period.label(lang)} ({w(report.view, lang)})")
    return (
        f"<div><h4>{title}</h4><table><thead><tr>"
        + "".join(f"<th>{escape(h)}</th>" for h in head)
        + f"</tr></thead><tbody>{''.join(body)}</tbody></table>{note}</div>"
    )
