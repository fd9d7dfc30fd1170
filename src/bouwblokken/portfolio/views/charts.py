"""Charts of the portfolio with matplotlib (the ``charts`` extra), built without pyplot.

- :func:`fulfilment_chart` -- realised to date and forecast per contract, as a share of the
  obligation, against the time-proportional path;
- :func:`impact_chart` -- euros counted per SDG target or impact goal (an impact report);
- :func:`timeline_chart` -- the portfolio's realisation over time against the path.

Amounts are exact until the last step, where they become plotting coordinates (``# float-ok``).
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from bouwblokken.display.charts import _new_figure, euro_formatter
from bouwblokken.money import Lang
from bouwblokken.portfolio.views.words import w

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from bouwblokken.portfolio.impact import ImpactReport
    from bouwblokken.portfolio.monitor import PortfolioReport, TimelinePoint

__all__ = ["fulfilment_chart", "impact_chart", "timeline_chart"]


def _pct(part: Decimal, whole: Decimal) -> float:  # float-ok: plotting only
    return float(part * 100 / whole) if whole else 0.0  # float-ok: plotting coordinate


def fulfilment_chart(report: PortfolioReport, *, lang: Lang = "nl", limit: int = 40) -> Figure:
    """Per contract (at most ``limit``, those furthest behind first): realised to date and
    forecast as % of the obligation, with the path as a marker."""
    rows = [r for r in report.contracts if r.obligation > 0]
    rows.sort(key=lambda r: (r.realised_to_date - (r.path or 0)) / r.obligation)
    rows = rows[:limit]
    fig = _new_figure(8.0, 1.2 + 0.35 * max(len(rows), 1))
    ax = fig.add_subplot()
    ys = list(range(len(rows)))
    ax.barh(
        ys,
        [_pct(r.forecast, r.obligation) for r in rows],
        color="#c9d7ee",
        label=w("forecast", lang),
    )
    ax.barh(
        ys,
        [_pct(r.realised_to_date, r.obligation) for r in rows],
        height=0.5,
        color="#1f5fa8",
        label=w("to_date", lang),
    )
    ax.scatter(
        [_pct(r.path or Decimal(0), r.obligation) for r in rows],
        ys,
        marker="|",
        s=300,
        color="#c0392b",
        label=w("path", lang),
        zorder=3,
    )
    ax.axvline(100, color="black", linewidth=0.8)
    ax.set_yticks(ys, [f"{r.id} ({r.supplier})" for r in rows])
    ax.invert_yaxis()
    ax.set_xlabel("% van de verplichting" if lang == "nl" else "% of the obligation")
    ax.set_title(f"{w('fulfilment', lang)} — {report.period.label(lang)}")
    # Below the axes: inside, the legend would hide the bars of the last contracts.
    fig.legend(loc="outside lower center", ncol=3)
    return fig


def impact_chart(report: ImpactReport, *, lang: Lang = "nl") -> Figure:
    """Euros counted per group of an impact report (SDG target, impact goal, …)."""
    # A group without euros (e.g. contract-level indicators without an SDG target) is left
    # out of a euro chart; the report's table lists it.
    rows = [r for r in report.rows if r.euros != 0]
    fig = _new_figure(9.0, 1.4 + 0.55 * max(len(rows), 1))
    ax = fig.add_subplot()
    ys = list(range(len(rows)))
    ax.barh(ys, [float(r.euros) for r in rows], color="#2e8b57")  # float-ok: plotting
    ax.set_yticks(ys, [textwrap.fill(r.label, 38, max_lines=2, placeholder=" …") for r in rows])
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(euro_formatter(lang))
    from matplotlib.ticker import MaxNLocator  # after _new_figure: it names a missing extra

    ax.xaxis.set_major_locator(MaxNLocator(5))
    ax.set_xlabel(w("euros", lang))
    fig.suptitle(f"{w('impact', lang)}: {w(report.by, lang)} — {report.period.label(lang)}")
    if not report.additive:
        fig.supxlabel(w("not_additive", lang), fontsize=8)
    return fig


def timeline_chart(points: Sequence[TimelinePoint], *, lang: Lang = "nl") -> Figure:
    """The portfolio's realised value to date at each period end, against the path and the
    obligation."""
    fig = _new_figure(8.0, 4.5)
    ax = fig.add_subplot()
    xs = [p.period.label(lang) for p in points]
    ax.plot(
        xs,
        [float(p.realised_to_date) for p in points],  # float-ok
        marker="o",  # float-ok
        label=w("to_date", lang),
    )
    ax.plot(xs, [float(p.path) for p in points], linestyle="--", label=w("path", lang))  # float-ok
    ax.plot(
        xs,
        [float(p.forecast) for p in points],  # float-ok
        linestyle=":",  # float-ok
        label=w("forecast", lang),
    )
    if points:
        ax.axhline(
            float(points[-1].obligation),  # float-ok
            color="black",
            linewidth=0.8,  # float-ok
            label=w("obligation", lang),
        )
    ax.yaxis.set_major_formatter(euro_formatter(lang))
    ax.set_ylim(bottom=0)
    ax.set_title(w("over_time", lang))
    ax.tick_params(axis="x", labelrotation=45)
    ax.legend()
    return fig
