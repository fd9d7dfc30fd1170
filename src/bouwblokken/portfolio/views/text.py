"""The portfolio report as plain text (Dutch by default)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bouwblokken.money import Lang, format_eur, format_number, format_quantity
from bouwblokken.portfolio.gcpause import gc_paused
from bouwblokken.portfolio.views.words import (
    DOCUMENTS,
    day,
    indicator_header,
    status_label,
    w,
)

if TYPE_CHECKING:
    from bouwblokken.portfolio.impact import ImpactReport, ImpactRow
    from bouwblokken.portfolio.model import ContractActivity, Pending
    from bouwblokken.portfolio.monitor import ContractReport, PortfolioReport
    from bouwblokken.portfolio.settlement import Settlement

__all__ = ["fine_word", "history_text", "impact_text", "report_text", "status_word"]


def fine_word(s: Settlement, lang: Lang = "nl") -> str:
    """``Boete``, or ``Afkoopsom`` when the contract buys the shortfall off."""
    return w("buy_off" if s.buy_off else "fine", lang)


def history_text(ca: ContractActivity, lang: Lang = "nl") -> str:
    """An activity's status history, one dated step a line: who, which documents, why."""
    out = []
    for ev in ca.history:
        line = f"{day(ev.on, lang)}  {status_label(ev.status, lang)}"
        if ev.by:
            line += f" {w('by', lang)} {ev.by}"
        if ev.documents:
            docs = ", ".join(DOCUMENTS[d][0 if lang == "nl" else 1] for d in ev.documents)
            line += f" ({w('documents', lang)}: {docs})"
        if ev.reason:
            line += f": {ev.reason}"
        out.append(line)
    return "\n".join(out) or status_label("planned", lang)


def status_word(r: ContractReport, lang: Lang = "nl") -> str:
    words = [w("behind", lang)] if r.behind_path else []
    if r.at_risk:
        words.append(w("at_risk", lang))
    return ", ".join(words) or w("on_track", lang)


def _table(head: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(x) for x in col) for col in zip(head, *rows, strict=True)]

    def fmt(cells: list[str]) -> str:
        return "  ".join(
            c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(cells)
        ).rstrip()

    return [fmt(head), fmt(["-" * n for n in widths]), *(fmt(r) for r in rows)]


@gc_paused()  # a province's 10^5 contract rows: see bouwblokken.portfolio.gcpause
def report_text(report: PortfolioReport, *, lang: Lang = "nl") -> str:
    def e(x: object) -> str:
        return format_eur(x, lang=lang) if x is not None else "-"  # type: ignore[arg-type]

    p = report.period
    to = w("to_word", lang)
    out = [
        f"{w('report', lang)}{': ' + report.title if report.title else ''}",
        f"{w('period', lang)}: {p.label(lang)} "
        f"({day(p.start, lang, long=True)} {to} {day(p.end, lang, long=True)})",
        f"{w('view', lang)}: {w(report.view, lang)}"
        + (
            f"; {w('known_on', lang)} {day(report.known_on, lang, long=True)}"
            if report.known_on
            else ""
        ),
        "",
    ]
    head = [
        w(k, lang)
        for k in (
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
    ]
    rows = [
        [
            r.id,
            r.supplier,
            e(r.obligation),
            e(r.realised_in_period),
            e(r.realised_to_date),
            e(r.planned),
            e(r.forecast),
            e(r.path),
            status_word(r, lang),
        ]
        for r in report.contracts
    ]
    t = report.totals
    rows.append(
        [
            w("total", lang),
            f"{t.contracts} {w('contracts', lang)}",
            e(t.obligation),
            e(t.realised_in_period),
            e(t.realised_to_date),
            e(t.planned),
            e(t.forecast),
            e(t.path),
            f"{t.behind_path} {w('behind', lang)}, {t.at_risk} {w('at_risk', lang)}",
        ]
    )
    out += _table(head, rows, {2, 3, 4, 5, 6, 7})
    out += ["", w("fines", lang)]
    fines = [s for s in report.settlements if s.shortfall > 0]
    if not fines:
        out.append(f"  {w('none', lang)}")
    for s in fines:
        basis = w("final", lang) if s.basis == "final" else w("forecast_basis", lang)
        out.append(
            f"  {s.contract} ({s.supplier}, {basis}): {fine_word(s, lang).lower()} {e(s.fine)}"
        )
        out += [f"    {ln.text(lang)}" for ln in s.lines[1:]]
    if report.pending is not None:
        out += ["", w("pending_head", lang)]
        out += _pending_lines(report.pending, lang)
    out += ["", w("doubles", lang)]
    if not report.double_counts:
        out.append(f"  {w('none', lang)}")
    for d in report.double_counts:
        dates = "; ".join(f"{day(a, lang)} {to} {day(b, lang)}" for a, b in d.periods)
        out.append(
            f"  {w('person', lang)} {d.person}: {d.contract}/{d.activity} ({d.supplier}) "
            f"{w('cut', lang).lower()} {e(d.amount)}; {w('claimed_by', lang).lower()} "
            f"{', '.join(d.claimed_by)}; {dates} ({d.weeks_text(lang)})"
        )
    return "\n".join(out)


def _pending_lines(pending: tuple[Pending, ...], lang: Lang) -> list[str]:
    """Per contract: how many declared activities await a decision, since when, and how many
    have no documents on file."""
    out = [] if pending else [f"  {w('none', lang)}"]
    by_contract: dict[str, list[Pending]] = {}
    for pe in pending:
        by_contract.setdefault(pe.contract, []).append(pe)
    for cid, items in by_contract.items():
        bare = sum(1 for pe in items if not pe.documents)
        n = len(items)
        what = w("activity_one" if n == 1 else "activities", lang)
        line = (
            f"  {cid} ({items[0].supplier}): {n} {what}, {w('oldest_since', lang)}"
            f" {day(items[0].since, lang)}"
        )
        if bare:
            line += f"; {bare} {w('without_documents', lang)}"
        out.append(line)
    return out


def impact_text(report: ImpactReport, *, lang: Lang = "nl") -> str:
    """The impact report as text: euros, unique persons, FTE, indicators per group."""
    group = {
        "sdg_target": "sdg_target",
        "impact_goal": "impact_goal",
        "region": "region",
        "year": "year",
        "buyer": "buyer",
        "supplier": "supplier",
    }[report.by]
    kinds = sorted({k for r in (*report.rows, report.total) for k in r.indicators})
    head = [w(group, lang), w("euros", lang), w("persons", lang), w("fte", lang)] + [
        indicator_header(kind, unit, lang, report.indicator_labels) for kind, unit in kinds
    ]

    def cells(r: ImpactRow) -> list[str]:
        return [
            r.label,
            format_eur(r.euros, lang=lang),
            str(r.unique_persons),
            format_number(r.fte_rounded, lang=lang),
        ] + [
            format_quantity(r.indicators[k], lang=lang) if k in r.indicators else "-" for k in kinds
        ]

    out = [
        f"{w('impact', lang)}: {report.period.label(lang)} ({w(report.view, lang)})",
        "",
        *_table(
            head, [*(cells(r) for r in report.rows), cells(report.total)], set(range(1, len(head)))
        ),
    ]
    if not report.additive:
        out += ["", w("not_additive", lang)]
    if report.sources:
        out += ["", w("sources", lang)]
        for (kind, unit), found in report.sources.items():
            name = indicator_header(kind, unit, lang, report.indicator_labels)
            out.append(f"  {name}: {'; '.join(found)}")
    return "\n".join(out)
