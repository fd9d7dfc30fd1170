"""Charts of results with matplotlib (optional extra: ``pip install 'bouwblokken[charts]'``).

Every function returns a :class:`matplotlib.figure.Figure` built without :mod:`matplotlib.pyplot`:
no global figure state, no window, no ``plt.show()``, safe in a server process or a test run
(the figure renders through the Agg canvas when saved). In Jupyter the returned figure displays
inline; elsewhere save it with ``fig.savefig("chart.png")``.

Labels are Dutch by default and English with ``lang="en"``; euro axes read ``€ 50.000`` (nl) or
``€50,000`` (en). Amounts stay exact :class:`~decimal.Decimal` / :class:`~fractions.Fraction`
everywhere and are converted to ``float`` only at the last step, to hand coordinates to
matplotlib (each such line is marked ``# float-ok``).

The charts:

- :func:`category_chart` -- counted value per category, realised and forecast, against the
  obligation line of one tender.
- :func:`realisation_chart` -- cumulative counted value by month, realised and forecast,
  against the obligation (and an even-pace path over the contract period).
- :func:`pareto_chart` -- the optimizer's cost against people-helped frontier.
- :func:`catalog_comparison_chart` -- one plan valued under several catalogs side by side.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from bouwblokken.errors import BouwblokkenError
from bouwblokken.extras import require
from bouwblokken.i18n import WORDS, label
from bouwblokken.money import NBSP, Lang, format_day, format_eur, format_number, format_percent

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from bouwblokken.activity import Activity
    from bouwblokken.catalog.model import Catalog
    from bouwblokken.catalog.registry import Registry
    from bouwblokken.ledger import ActivityResult, LedgerResult, TenderResult
    from bouwblokken.optimize.plan import PlanResult

__all__ = [
    "catalog_comparison_chart",
    "category_chart",
    "compare_catalogs",
    "euro_formatter",
    "pareto_chart",
    "realisation_chart",
]

_COLOURS = {
    "work": "#2a7f62",
    "learning": "#3b6fb6",
    "buying": "#d08c2b",
    "community": "#8e5ea2",
    "other": "#8a8a8a",
}
_T = {
    "nl": {
        "obligation": "SR-verplichting",
        "realised": "Gerealiseerd",
        "forecast": "Prognose (gerealiseerd + gepland)",
        "forecast_short": "Prognose",
        "counted": "Geteld",
        "category_title": "Geteld per categorie tegen de SR-verplichting",
        "time_title": "Realisatie in de tijd",
        "month": "Maand",
        "cumulative": "Geteld, cumulatief",
        "even_pace": "Evenredig pad naar de verplichting",
        "as_of": "Peildatum",
        "pareto_title": "Kosten tegen aantal geholpen personen (Pareto)",
        "people": "Personen geholpen",
        "cost": "Kosten van de opdrachtnemer",
        "frontier": "Paretofront",
        "alternatives": "Alternatieven",
        "best": "Goedkoopste plan",
        "compare_title": "Eén plan in verschillende catalogi",
        "catalog": "Catalogus",
        "skipped": "overgeslagen",
        "not_in": "heeft geen tegenhanger in",
        "cannot_value": "niet te waarderen in",
        "matched": "gelijkgesteld aan",
        "no_plans": "Geen plannen om te tonen",
        "target": "Te halen",
    },
    "en": {
        "obligation": "Obligation",
        "realised": "Realised",
        "forecast": "Forecast (realised + planned)",
        "forecast_short": "Forecast",
        "counted": "Counted",
        "category_title": "Counted per category against the obligation",
        "time_title": "Realisation over time",
        "month": "Month",
        "cumulative": "Counted, cumulative",
        "even_pace": "Even pace to the obligation",
        "as_of": "Reporting date",
        "pareto_title": "Cost against people helped (Pareto)",
        "people": "People helped",
        "cost": "Supplier's cost",
        "frontier": "Pareto frontier",
        "alternatives": "Alternatives",
        "best": "Cheapest plan",
        "compare_title": "One plan under several catalogs",
        "catalog": "Catalog",
        "skipped": "skipped",
        "not_in": "has no counterpart in",
        "cannot_value": "cannot be valued in",
        "matched": "matched to",
        "no_plans": "No plans to show",
        "target": "Target",
    },
}


# ---------------------------------------------------------------------------------------------
# Shared helpers.


def _new_figure(width: float = 8.0, height: float = 4.8) -> Figure:  # float-ok: inches
    """A figure with an Agg canvas and no pyplot state (nothing global is touched)."""
    require("matplotlib", "charts")  # missing: a library error naming the extra
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _f(amount: Decimal | Fraction | int) -> float:  # float-ok: plotting only
    """An exact amount as a plotting coordinate -- the only place money becomes a float."""
    return float(amount)  # float-ok: plotting coordinate only


def _tick_text(x: float, lang: Lang) -> str:  # float-ok: axis tick
    """``€ 50.000`` (nl) or ``€50,000`` (en) for an axis tick (whole euros)."""
    whole = round(x)  # float-ok: tick position, display only
    body = format_number(abs(whole), lang=lang, decimals=0)
    sign = "-" if whole < 0 else ""
    return f"{sign}€{NBSP}{body}" if lang == "nl" else f"{sign}€{body}"


def euro_formatter(lang: Lang = "nl") -> Any:
    """A matplotlib tick formatter for euro axes: ``€ 50.000`` (nl) or ``€50,000`` (en)."""
    from matplotlib.ticker import FuncFormatter

    def fmt(x: float, _pos: int | None = None) -> str:  # float-ok: tick position
        return _tick_text(x, lang)

    return FuncFormatter(fmt)


def _euro_axis(ax: Axes, lang: Lang, axis: str = "y") -> None:
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(euro_formatter(lang))


def _category_label(category: str, lang: Lang) -> str:
    return label("category", category, lang).capitalize()


def _category_order(categories: Iterable[str]) -> list[str]:
    known = list(WORDS["category"])
    return sorted(set(categories), key=lambda c: (known.index(c) if c in known else 99, c))


def _obligation_line(ax: Axes, amount: Decimal, lang: Lang) -> None:
    """The obligation as a dashed line, named in the legend (a label on the line would
    collide with the bars)."""
    ax.axhline(
        _f(amount),
        color="#c0392b",
        linestyle="--",
        linewidth=1.5,
        zorder=3,
        label=f"{_T[lang]['obligation']} {format_eur(amount, lang=lang)}",
    )


# ---------------------------------------------------------------------------------------------
# (a) Counted per category against the obligation.


def category_chart(
    result: TenderResult | LedgerResult, *, tender: str | None = None, lang: Lang = "nl"
) -> Figure:
    """Counted value per category (stacked) for the realised and the forecast view of one
    tender, against the obligation line; each column is labelled with its exact total.

    ``result`` is a :class:`~bouwblokken.ledger.TenderResult`, or a
    :class:`~bouwblokken.ledger.LedgerResult` with ``tender`` naming one of its tenders.
    """
    t = _T[lang]
    result, _ = _pick(result, tender, None)
    fig = _new_figure(7.0, 5.0)
    ax = fig.add_subplot()
    views = ((t["realised"], result.realised), (t["forecast_short"], result.forecast))
    cats = _category_order(c for _, f in views for c in f.by_category)
    xs = list(range(len(views)))
    bottoms = [Decimal(0)] * len(views)
    scale = max([result.obligation.amount, *(f.counted for _, f in views)])
    for cat in cats:
        heights = [f.by_category.get(cat, Decimal(0)) for _, f in views]
        ax.bar(
            xs,
            [_f(h) for h in heights],
            bottom=[_f(b) for b in bottoms],
            width=0.55,
            color=_COLOURS.get(cat, "#8a8a8a"),
            label=_category_label(cat, lang),
            zorder=2,
        )
        for x, h, b in zip(xs, heights, bottoms, strict=True):
            if h > 0 and h * 16 >= scale:  # only where the segment is tall enough to read
                ax.text(
                    x,
                    _f(b + h / 2),
                    format_eur(h, lang=lang),
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white",
                    zorder=4,
                )
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    for x, (_, f) in zip(xs, views, strict=True):
        pct = f.percentage
        pct_text = "" if pct is None else f" ({_pct(pct, lang)})"
        ax.annotate(
            format_eur(f.counted, lang=lang) + pct_text,
            xy=(x, _f(f.counted)),
            xytext=(0, 4),
            textcoords="offset points",
            ha="center",
            fontsize=9,
            fontweight="bold",
        )
    _obligation_line(ax, result.obligation.amount, lang)
    ax.set_xticks(xs, [name for name, _ in views])
    ax.set_xlim(-0.6, len(views) - 0.4)
    ax.set_ylim(0, _f(scale) * 1.15 or 1.0)
    _euro_axis(ax, lang)
    ax.set_ylabel(t["counted"])
    ax.grid(axis="y", alpha=0.3, zorder=0)
    ax.set_title(_title(t["category_title"], result), fontsize=11)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=9)
    return fig


def _pct(pct: Decimal, lang: Lang) -> str:
    return format_percent(pct, lang=lang)


def _title(head: str, result: TenderResult) -> str:
    name = result.tender.title or result.tender.id
    return f"{head}\n{name} ({result.catalog or '-'})"


# ---------------------------------------------------------------------------------------------
# (b) Realisation over time.


def _month_ends(first: date, last: date) -> list[date]:
    out = []
    y, m = first.year, first.month
    while True:
        nxt = date(y + (m == 12), m % 12 + 1, 1)
        out.append(nxt - timedelta(days=1))
        if nxt > last:
            return out
        y, m = nxt.year, nxt.month


def _spread(
    rows: Sequence[ActivityResult], fallback: date | None
) -> list[tuple[list[tuple[date, date]], Fraction, date | None]]:
    """Each activity as (counted periods, counted amount, date of an undated amount)."""
    out: list[tuple[list[tuple[date, date]], Fraction, date | None]] = []
    for r in rows:
        if r.counted == 0:
            continue
        periods = list(r.valuation.counted_periods) if r.valuation else []
        when = None if periods else (r.activity.start or r.activity.end or fallback)
        out.append((periods, Fraction(r.counted), when))
    return out


def _cumulative(
    items: Sequence[tuple[list[tuple[date, date]], Fraction, date | None]],
    ends: Sequence[date],
) -> list[Fraction]:
    """Exact cumulative counted value at each month end: each dated activity's counted amount
    is spread evenly over its counted days; an undated amount counts from its date."""
    totals = []
    for end in ends:
        acc = Fraction(0)
        for periods, amount, when in items:
            if periods:
                days = sum((e - s).days + 1 for s, e in periods)
                upto = sum(max(0, (min(e, end) - s).days + 1) for s, e in periods)
                acc += amount * Fraction(upto, days)
            elif when is None or when <= end:
                acc += amount
        totals.append(acc)
    return totals


def _days(days: Sequence[date]) -> list[float]:
    """Dates as matplotlib's date numbers (days since its epoch), for the x axis."""
    from matplotlib.dates import date2num

    nums = date2num(list(days))  # type: ignore[no-untyped-call]
    return [float(x) for x in nums]  # float-ok: a date coordinate, not money


def _month_axis(ax: Axes, lang: Lang = "nl") -> None:
    """Month ticks named in ``lang`` (``mei 2025`` / ``May 2025``), by Babel."""
    from babel.dates import format_date
    from matplotlib.dates import AutoDateLocator, num2date
    from matplotlib.ticker import FuncFormatter

    from bouwblokken.money import locale_of

    def fmt(x: float, _pos: int | None = None) -> str:  # float-ok: a date coordinate
        day = num2date(x).date()  # type: ignore[no-untyped-call]
        text: str = format_date(day, "MMM y", locale=locale_of(lang))
        return text

    ax.xaxis.set_major_locator(AutoDateLocator(minticks=4, maxticks=12))  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_formatter(FuncFormatter(fmt))


def _last_month_end(d: date) -> date:
    return _month_ends(d, d)[-1]


def realisation_chart(
    result: TenderResult | LedgerResult,
    *,
    tender: str | None = None,
    as_of: date | None = None,
    lang: Lang = "nl",
) -> Figure:
    """Cumulative counted value by month: realised (up to the reporting date) and forecast
    (realised + planned), against the obligation and an even-pace path over the contract.

    ``result`` is a :class:`~bouwblokken.ledger.TenderResult`, or a
    :class:`~bouwblokken.ledger.LedgerResult` with ``tender`` naming one of its tenders (not
    needed when it has one); a ledger result brings its own reporting date (``as_of``).

    **How an amount is spread over time**: each activity's *counted* amount (after every ledger
    rule and share cap) is spread evenly over the days of its counted periods
    (:attr:`~bouwblokken.valuation.Valuation.counted_periods`), pro rata by calendar day; the
    activities are not re-valued per month. For a per-year block measured in days this equals
    the valuation itself; for catalogs that count in weeks or months it is a close, smooth
    reading. Each line ends exactly at its counted total. Amounts without a period (purchases,
    costs, hours) count in full from the activity's start (or end) date, else from the
    contract start.
    """
    t = _T[lang]
    tr, as_of = _pick(result, tender, as_of)
    tend = tr.tender
    fallback = tend.start or tend.contract_date
    forecast = _spread(tr.activities, fallback)
    realised = _spread(tr.realised_activities, fallback)
    dates: list[date] = []
    for periods, _, when in forecast + realised:
        dates.extend(d for p in periods for d in p)
        if when is not None:
            dates.append(when)
    dates.extend(d for d in (tend.start, tend.end, as_of) if d is not None)
    fig = _new_figure(8.5, 4.8)
    ax = fig.add_subplot()
    top = tr.obligation.amount
    if dates:
        first = min(dates)
        # The day before the first counted day (value 0), then every month end.
        ends = [first - timedelta(days=1), *_month_ends(first, max(dates))]
        f_vals = _cumulative(forecast, ends)
        ax.plot(
            _days(ends),
            [_f(v) for v in f_vals],
            color="#3b6fb6",
            marker=".",
            label=t["forecast"],
            zorder=3,
        )
        r_dates = [d for periods, _, w in realised for p in periods for d in (*p, w) if d]
        r_until = as_of or (max(r_dates) if r_dates else None)
        if r_until is not None:
            cut = _last_month_end(r_until)
            r_ends = [e for e in ends if e <= cut]
            r_vals = _cumulative(realised, r_ends)
            ax.plot(
                _days(r_ends),
                [_f(v) for v in r_vals],
                color="#2a7f62",
                linewidth=2.5,
                marker="o",
                markersize=3,
                label=t["realised"],
                zorder=4,
            )
        if tend.start is not None and tend.end is not None and tr.obligation.amount:
            ax.plot(
                _days([tend.start, tend.end]),
                [0.0, _f(tr.obligation.amount)],
                color="#999999",
                linestyle=":",
                label=t["even_pace"],
                zorder=2,
            )
        top = max(top, tr.forecast.counted)
    ax.set_ylim(0, _f(top) * 1.12 or 1.0)
    _obligation_line(ax, tr.obligation.amount, lang)
    if as_of is not None:
        x_as_of = _days([as_of])[0]
        ax.axvline(x_as_of, color="#555555", linewidth=1, linestyle="-.", zorder=1)
        ax.annotate(
            f"{t['as_of']} {format_day(as_of, lang=lang)}",
            xy=(x_as_of, 0.03),
            xycoords=("data", "axes fraction"),
            xytext=(3, 0),
            textcoords="offset points",
            fontsize=8,
            color="#555555",
        )
    _euro_axis(ax, lang)
    _month_axis(ax, lang)
    ax.set_ylabel(t["cumulative"])
    ax.set_xlabel(t["month"])
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    ax.set_title(_title(t["time_title"], tr), fontsize=11)
    for tick in ax.get_xticklabels():
        tick.set_rotation(30)
        tick.set_horizontalalignment("right")
    return fig


def _pick(
    result: TenderResult | LedgerResult, tender: str | None, as_of: date | None
) -> tuple[TenderResult, date | None]:
    """The tender result to draw, and the reporting date (explicit, else the ledger's)."""
    from bouwblokken.ledger import LedgerResult

    if not isinstance(result, LedgerResult):
        return result, as_of
    if tender is not None:
        return result.tender(tender), as_of or result.as_of
    if len(result.tenders) != 1:
        ids = ", ".join(t.tender.id for t in result.tenders)
        raise BouwblokkenError(f"the ledger result has several tenders ({ids}): name one")
    return result.tenders[0], as_of or result.as_of


# ---------------------------------------------------------------------------------------------
# (c) The optimizer's cost/people frontier.


def _units_text(units: Mapping[str, int]) -> str:
    return ", ".join(f"{k}×{v}" for k, v in units.items())


def pareto_chart(result: PlanResult, *, lang: Lang = "nl") -> Figure:
    """The supplier's cost against the number of people helped: the Pareto frontier (no plan
    helps as many people for less), the alternatives, and the cheapest plan, each point
    labelled with its units per option."""
    t = _T[lang]
    fig = _new_figure(8.0, 5.0)
    ax = fig.add_subplot()
    if result.alternatives:
        ax.scatter(
            [p.people for p in result.alternatives],
            [_f(p.cost) for p in result.alternatives],
            color="#9fb7d9",
            s=30,
            label=t["alternatives"],
            zorder=2,
        )
    frontier = sorted(result.pareto, key=lambda p: (p.people, p.cost))
    if frontier:
        ax.plot(
            [p.people for p in frontier],
            [_f(p.cost) for p in frontier],
            color="#3b6fb6",
            marker="o",
            linewidth=1.2,
            label=t["frontier"],
            zorder=3,
        )
        for p in frontier:
            ax.annotate(
                _units_text(p.units),
                xy=(p.people, _f(p.cost)),
                xytext=(5, -11),
                textcoords="offset points",
                fontsize=7,
                color="#333333",
            )
    best = result.best
    if best is not None:
        ax.scatter(
            [best.people],
            [_f(best.cost)],
            marker="*",
            s=220,
            color="#d08c2b",
            edgecolor="black",
            label=f"{t['best']}: {format_eur(best.cost, lang=lang)}",
            zorder=5,
        )
    elif not frontier:
        ax.text(0.5, 0.5, t["no_plans"], ha="center", va="center", transform=ax.transAxes)
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    _euro_axis(ax, lang)
    ax.set_xlabel(t["people"])
    ax.set_ylabel(t["cost"])
    ax.grid(alpha=0.3)
    ax.margins(x=0.15, y=0.12)
    if best is not None or frontier or result.alternatives:
        ax.legend(loc="upper left", fontsize=8, frameon=False)
    ax.set_title(
        f"{t['pareto_title']}\n{result.catalog} — {t['target']} "
        f"{format_eur(result.target, lang=lang)}",
        fontsize=11,
    )
    return fig


# ---------------------------------------------------------------------------------------------
# (d) One plan under several catalogs.


def _load(ref: str | Catalog, registry: Registry | None) -> Catalog:
    if not isinstance(ref, str):
        return ref
    from bouwblokken.catalog.registry import default_registry

    return (registry or default_registry()).load(ref)


def compare_catalogs(
    activities: Sequence[Activity],
    catalogs: Sequence[str | Catalog],
    *,
    equivalents: Mapping[str, Mapping[str, str]] | None = None,
    registry: Registry | None = None,
    lang: Lang = "nl",
) -> tuple[list[tuple[Catalog, list[Decimal | None]]], list[str]]:
    """The value of each activity under each catalog (``None`` where skipped), and the notes.

    The plan's blocks are those of the first catalog; under the others each block becomes its
    counterpart by :func:`bouwblokken.compare.value_under` (the regions' mapping file, the same
    id, or the same target group, category and rule kind). ``equivalents`` overrides that per
    catalog id (``{"leiden": {"banenafspraak": "wsw"}}``). A block without a counterpart, or an
    activity the catalog cannot value, is skipped with a note. Each activity is valued alone:
    the catalog's counting limits, hours caps and bonuses apply, the ledger's rules (double
    counting, contract period, share caps) do not.
    """
    from bouwblokken.compare import value_under

    t = _T[lang]
    out: list[tuple[Catalog, list[Decimal | None]]] = []
    notes: list[str] = []
    for under in value_under(activities, catalogs, equivalents=equivalents, registry=registry):
        cat = under.catalog
        values: list[Decimal | None] = []
        for i, row in enumerate(under.rows):
            a = row.activity
            name = a.id or f"#{i + 1}"
            values.append(row.amount)
            if row.block is None:
                notes.append(f"{name} ({a.block}) {t['not_in']} {cat.key}: {t['skipped']}")
            elif row.amount is None:
                notes.append(f"{name} ({row.block}) {t['cannot_value']} {cat.key}: {row.note}")
            elif row.block != a.block:
                notes.append(f"{name} ({a.block}) in {cat.key} {t['matched']} {row.block}")
        out.append((cat, values))
    return out, notes


def catalog_comparison_chart(
    activities: Sequence[Activity],
    catalogs: Sequence[str | Catalog],
    *,
    equivalents: Mapping[str, Mapping[str, str]] | None = None,
    obligation: Decimal | None = None,
    registry: Registry | None = None,
    lang: Lang = "nl",
) -> Figure:
    """One plan (a list of activities) valued under several catalogs, side by side: a column
    per catalog edition, stacked by activity, with its total; skipped blocks are noted under
    the chart (see :func:`compare_catalogs` for matching and ``equivalents``). Catalog
    editions marked unverified carry an asterisk. ``obligation`` draws a line to reach."""
    from matplotlib import colormaps

    t = _T[lang]
    rows, notes = compare_catalogs(
        activities, catalogs, equivalents=equivalents, registry=registry, lang=lang
    )
    fig = _new_figure(max(6.0, 1.9 * len(rows) + 3.5), 5.4)
    ax = fig.add_subplot()
    colours = colormaps["tab10"]
    xs = list(range(len(rows)))
    bottoms = [Decimal(0)] * len(rows)
    for i, a in enumerate(activities):
        heights = [vals[i] or Decimal(0) for _, vals in rows]
        if not any(heights):
            continue
        ax.bar(
            xs,
            [_f(h) for h in heights],
            bottom=[_f(b) for b in bottoms],
            width=0.6,
            color=colours(i % 10),
            label=_wrap(
                f"{a.id or '#' + str(i + 1)}: {_block_label(a.block, rows, equivalents, lang)}",
                32,
            ),
            zorder=2,
        )
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    for x, total in zip(xs, bottoms, strict=True):
        ax.annotate(
            format_eur(total, lang=lang),
            xy=(x, _f(total)),
            xytext=(0, 4),
            textcoords="offset points",
            ha="center",
            fontsize=9,
            fontweight="bold",
        )
    if obligation is not None:
        _obligation_line(ax, obligation, lang)
    names = [f"{c.id}{'' if c.verified else '*'}\n{c.edition}" for c, _ in rows]
    ax.set_xticks(xs, names)
    ax.set_xlim(-0.6, max(len(rows), 1) - 0.4)
    top = max([obligation or Decimal(0), *bottoms, Decimal(1)])
    ax.set_ylim(0, _f(top) * 1.15)
    _euro_axis(ax, lang)
    ax.set_ylabel(t["counted"])
    ax.grid(axis="y", alpha=0.3, zorder=0)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    ax.set_title(t["compare_title"], fontsize=11)
    extra = list(notes)
    if any(not c.verified for c, _ in rows):
        extra.append(
            "* catalogus niet geverifieerd (zie de noten van de catalogus)"
            if lang == "nl"
            else "* catalog not verified (see the catalog's notes)"
        )
    if extra:
        ax.set_xlabel("\n".join(_wrap(n) for n in extra), loc="left", fontsize=7.5)
    return fig


def _block_label(
    block: str,
    rows: Sequence[tuple[Catalog, list[Decimal | None]]],
    equivalents: Mapping[str, Mapping[str, str]] | None,
    lang: Lang,
) -> str:
    """The block's label in the first catalog that has it (its id otherwise)."""
    for cat, _ in rows:
        own = (equivalents or {}).get(cat.id, {}).get(block, block)
        for b in cat.blocks:
            if b.id == own:
                return b.label_nl if lang == "nl" else b.label_en
    return block


def _wrap(text: str, width: int = 110) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) or text
