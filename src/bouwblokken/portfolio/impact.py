"""Impact goals and SDG targets: tags for every block, and reports by goal, target, region,
year, buyer and supplier.

**Tags are data** (``catalogs/impact-tags.toml``, read with :func:`load_impact_tags`): the
impact goals and SDG targets of Drenthe's agenda *Impact ondernemen 2021-2024*, a default
mapping by block category and target group, and per-catalog overrides a region can add (in
that file or in its own files passed as ``extra``). For one block the tags are, per field
(goals, targets): an override, else the block's own tags in its catalog file, else the union
of the matching default rules (:meth:`ImpactTagging.tags`).

**Reports** (:func:`impact_report`) give per group the euros counted in the period (the
ledger's realised view, approved by default), the unique persons helped, the average FTE over
the period and the non-euro indicators per kind and unit — beside the euros, never added to
them. One euro can serve several goals or targets (and a contract can have two buyers), so the
rows of a report by goal, target, region or buyer do not add up to the total; the report's
``total`` row counts each euro once.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bouwblokken.catalog.model import Block, Catalog
from bouwblokken.catalog.registry import Registry, _shipped_folder, default_registry
from bouwblokken.errors import CatalogFileError
from bouwblokken.ledger import LedgerResult, evaluate
from bouwblokken.money import Lang
from bouwblokken.periods import clip, days_inclusive
from bouwblokken.portfolio.gcpause import gc_paused
from bouwblokken.portfolio.model import ContractActivity, Indicator, Portfolio, View, ledger_status
from bouwblokken.portfolio.periods import ReportingPeriod, periods_between

__all__ = [
    "GroupBy",
    "ImpactReport",
    "ImpactRow",
    "ImpactTagging",
    "ImpactTags",
    "default_tagging",
    "impact_report",
    "load_impact_tags",
]

TAGS_FILE = "impact-tags.toml"
GroupBy = Literal["sdg_target", "impact_goal", "region", "year", "buyer", "supplier"]
ZERO = Decimal("0.00")
DEFAULT_REFERENCE_HOURS = Decimal(36)
"""For FTE when a catalog measures against the supplier's week and none is given."""


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _Label(_Model):
    label_nl: str
    label_en: str
    description: str | None = None


class _Rule(_Model):
    category: str | None = None
    id_matches: str | None = None
    goals: tuple[str, ...] = ()
    sdg_targets: tuple[str, ...] = ()
    why: str = Field(min_length=1)


class _Override(_Model):
    goals: tuple[str, ...] | None = None
    sdg_targets: tuple[str, ...] | None = None
    why: str | None = None


class _TagsFile(_Model):
    goals: dict[str, _Label] = {}
    targets: dict[str, _Label] = {}
    indicators: dict[str, _Label] = {}
    rules: tuple[_Rule, ...] = ()
    overrides: dict[str, dict[str, _Override]] = {}


@dataclass(frozen=True, slots=True)
class ImpactTags:
    """The impact goals and SDG targets of one block, and where each came from."""

    goals: tuple[str, ...]
    sdg_targets: tuple[str, ...]
    source_goals: Literal["override", "catalog", "default"]
    source_targets: Literal["override", "catalog", "default"]
    why: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImpactTagging:
    """The loaded tag data: vocabulary, default rules, overrides per catalog and block."""

    goals: dict[str, tuple[str, str]]
    targets: dict[str, tuple[str, str]]
    rules: tuple[_Rule, ...]
    overrides: dict[str, dict[str, _Override]]
    indicators: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Labels of the indicator kinds (``co2_eq_avoided`` → *CO2-uitstoot vermeden*): the
    words a report shows for a kind; a kind without one shows as written."""

    def tags(self, catalog: Catalog, block: Block | str) -> ImpactTags:
        """The tags of ``block`` in ``catalog`` (see the module text for the order)."""
        b = catalog.block(block) if isinstance(block, str) else block
        why: list[str] = []
        goals: set[str] = set()
        targets: set[str] = set()
        for rule in self.rules:
            if rule.category is not None and rule.category != b.category:
                continue
            if rule.id_matches is not None and not re.search(rule.id_matches, b.id):
                continue
            goals.update(rule.goals)
            targets.update(rule.sdg_targets)
            why.append(rule.why)
        over = self.overrides.get(catalog.id, {}).get(b.id)
        g: tuple[str, ...]
        t: tuple[str, ...]
        if over is not None and over.goals is not None:
            g, sg = over.goals, "override"
        elif b.impact_goals:
            g, sg = tuple(b.impact_goals), "catalog"
        else:
            g, sg = tuple(sorted(goals)), "default"
        if over is not None and over.sdg_targets is not None:
            t, st = over.sdg_targets, "override"
        elif b.sdg_targets:
            t, st = tuple(b.sdg_targets), "catalog"
        else:
            t, st = tuple(sorted(targets, key=_target_key)), "default"
        if over is not None and over.why:
            why.insert(0, over.why)
        return ImpactTags(g, t, sg, st, tuple(why))  # type: ignore[arg-type]

    def goal_label(self, goal: str, lang: Lang = "nl") -> str:
        nl, en = self.goals.get(goal, (goal, goal))
        return nl if lang == "nl" else en

    def target_label(self, target: str, lang: Lang = "nl") -> str:
        nl, en = self.targets.get(target, (target, target))
        return f"SDG {target} {nl if lang == 'nl' else en}"


def _target_key(t: str) -> tuple[int, ...]:
    return tuple(int(x) if x.isdigit() else 0 for x in t.split("."))


def _read(path: Path) -> _TagsFile:
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CatalogFileError(path, "", f"cannot read impact tags: {exc}") from None
    try:
        return _TagsFile.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        loc = ".".join(str(p) for p in err["loc"])
        raise CatalogFileError(path, loc, err["msg"]) from None


def load_impact_tags(
    path: str | Path | None = None, *, extra: Sequence[str | Path] = ()
) -> ImpactTagging:
    """Read the tag data (the shipped file by default) and a region's ``extra`` files (their
    goals, targets and rules are added; their overrides win, later files last). Every tag an
    override or rule names must be in the vocabulary."""
    first = Path(path) if path is not None else _shipped_folder() / TAGS_FILE
    files = [first, *(Path(p) for p in extra)]
    goals: dict[str, tuple[str, str]] = {}
    targets: dict[str, tuple[str, str]] = {}
    rules: list[_Rule] = []
    overrides: dict[str, dict[str, _Override]] = {}
    indicators: dict[str, tuple[str, str]] = {}
    for f in files:
        data = _read(f)
        indicators.update({k: (v.label_nl, v.label_en) for k, v in data.indicators.items()})
        goals.update({k: (v.label_nl, v.label_en) for k, v in data.goals.items()})
        targets.update({k: (v.label_nl, v.label_en) for k, v in data.targets.items()})
        rules.extend(data.rules)
        for cid, blocks in data.overrides.items():
            overrides.setdefault(cid, {}).update(blocks)
        for n, rule in enumerate(data.rules):
            _check_known(f, f"rules[{n}]", rule.goals, rule.sdg_targets, goals, targets)
            if rule.id_matches is not None:
                try:
                    re.compile(rule.id_matches)
                except re.error as exc:
                    raise CatalogFileError(f, f"rules[{n}].id_matches", str(exc)) from None
        for cid, blocks in data.overrides.items():
            for bid, o in blocks.items():
                _check_known(
                    f, f"overrides.{cid}.{bid}", o.goals or (), o.sdg_targets or (), goals, targets
                )
    return ImpactTagging(goals, targets, tuple(rules), overrides, indicators)


def _check_known(
    path: Path,
    where: str,
    goals: Iterable[str],
    targets: Iterable[str],
    known_goals: dict[str, Any],
    known_targets: dict[str, Any],
) -> None:
    for g in goals:
        if g not in known_goals:
            raise CatalogFileError(path, f"{where}.goals", f"unknown impact goal {g!r}")
    for t in targets:
        if t not in known_targets:
            raise CatalogFileError(path, f"{where}.sdg_targets", f"unknown SDG target {t!r}")


_default_tagging: ImpactTagging | None = None


def default_tagging() -> ImpactTagging:
    """The shipped tag data (loaded once)."""
    global _default_tagging
    if _default_tagging is None:
        _default_tagging = load_impact_tags()
    return _default_tagging


# ---------------------------------------------------------------------------------------------
# Reports.


@dataclass
class ImpactRow:
    """One group of an impact report."""

    key: str
    label: str
    euros: Decimal = ZERO
    persons: set[str] = field(default_factory=set)
    fte: Fraction = Fraction(0)
    indicators: dict[tuple[str, str], Decimal] = field(default_factory=dict)
    """(kind, unit) → total; figures of different units are never added."""

    @property
    def unique_persons(self) -> int:
        return len(self.persons)

    @property
    def fte_rounded(self) -> Decimal:
        """Average FTE over the period, two decimals (half up)."""
        return (Decimal(self.fte.numerator) / Decimal(self.fte.denominator)).quantize(
            Decimal("0.01"), "ROUND_HALF_UP"
        )


@dataclass(frozen=True)
class ImpactReport:
    period: ReportingPeriod
    by: GroupBy
    view: View
    rows: tuple[ImpactRow, ...]
    total: ImpactRow
    """Every euro, person and figure once."""
    indicator_labels: dict[str, tuple[str, str]] = field(default_factory=dict)
    """(Dutch, English) label per indicator kind in the report (from the tag data)."""
    sources: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    """Where the figures of each (kind, unit) come from (the indicators' ``source``)."""

    @property
    def additive(self) -> bool:
        """Whether the rows add up to the total (they do for supplier; for year by
        construction; not for goals, targets, or a contract with two buyers)."""
        return self.by in ("supplier", "year")

    def row(self, key: str) -> ImpactRow:
        for r in self.rows:
            if r.key == key:
                return r
        raise KeyError(key)

    def table(self, lang: Lang = "nl") -> str:
        from bouwblokken.portfolio.views.text import impact_text

        return impact_text(self, lang=lang)

    def __str__(self) -> str:
        return self.table("nl")

    def _repr_html_(self) -> str:
        from bouwblokken.portfolio.views.html import impact_html

        return impact_html(self)

    def to_dataframe(self, lang: Lang = "nl") -> Any:
        from bouwblokken.portfolio.views.frame import impact_dataframe

        return impact_dataframe(self, lang=lang)


def _per_activity(result: LedgerResult) -> dict[tuple[str, str], tuple[Decimal, Any]]:
    out: dict[tuple[str, str], tuple[Decimal, Any]] = {}
    for t in result.tenders:
        for r in t.realised_activities:
            out[(t.tender.id, r.activity.id or "")] = (r.counted, r)
    return out


@gc_paused()  # millions of acyclic objects: see bouwblokken.portfolio.gcpause
def impact_report(
    portfolio: Portfolio,
    period: ReportingPeriod,
    *,
    by: GroupBy = "sdg_target",
    view: View = "approved",
    known_on: date | None = None,
    registry: Registry | None = None,
    tagging: ImpactTagging | None = None,
    lang: Lang = "nl",
) -> ImpactReport:
    """Euros counted, unique persons, average FTE and indicators in ``period``, per group."""
    reg = registry or default_registry()
    tg = tagging or default_tagging()
    slices = periods_between("year", period.start, period.end) if by == "year" else [period]
    slices = [
        ReportingPeriod(
            "custom", max(s.start, period.start), min(s.end, period.end), s.label_nl, s.label_en
        )
        for s in slices
    ]
    bounds = [slices[0].day_before] + [s.end for s in slices]
    results = [
        _per_activity(
            evaluate(
                portfolio.ledger(view, known_on=known_on, as_of=d, realised_only=True),
                as_of=d,
                registry=reg,
            )
        )
        for d in bounds
    ]
    period_days = days_inclusive(period.start, period.end)
    region = {b.id: b.region or b.id for b in portfolio.buyers}
    rows: dict[str, ImpactRow] = {}
    total = ImpactRow("total", "Totaal" if lang == "nl" else "Total")
    catalogs: dict[str, Catalog] = {}

    def row(key: str, label: str) -> ImpactRow:
        if key not in rows:
            rows[key] = ImpactRow(key, label)
        return rows[key]

    def keys_for(
        contract_buyers: Sequence[str],
        supplier: str,
        goals: Sequence[str],
        targets: Sequence[str],
        year_label: str,
    ) -> list[tuple[str, str]]:
        if by == "sdg_target":
            return [(t, tg.target_label(t, lang)) for t in targets] or [
                ("-", "(geen SDG-subdoel)" if lang == "nl" else "(no SDG target)")
            ]
        if by == "impact_goal":
            return [(g, tg.goal_label(g, lang)) for g in goals] or [
                ("-", "(geen doel)" if lang == "nl" else "(no goal)")
            ]
        if by == "region":
            regions = sorted({region.get(b, b) for b in contract_buyers})
            return [(r, r) for r in regions]
        if by == "buyer":
            return [(b, b) for b in contract_buyers]
        if by == "supplier":
            return [(supplier, supplier)]
        return [(year_label, year_label)]

    sources: dict[tuple[str, str], set[str]] = {}

    def add_indicator(target: ImpactRow, ind: Indicator) -> None:
        k = (ind.kind, ind.unit)
        target.indicators[k] = target.indicators.get(k, Decimal(0)) + ind.value
        sources.setdefault(k, set()).add(ind.source)

    for i, sl in enumerate(slices):
        before, after = results[i], results[i + 1]
        days = days_inclusive(sl.start, sl.end)
        for c in portfolio.contracts:
            for ca in c.activities:
                aid = ca.activity.id or ""
                counted_after, r = after.get((c.id, aid), (ZERO, None))
                if r is None:
                    continue
                euros = counted_after - before.get((c.id, aid), (ZERO, None))[0]
                cat = _catalog(catalogs, r.valuation, reg) if r.valuation else None
                tags = tg.tags(cat, ca.activity.block) if cat else None
                fte = _fte(ca, r, cat, sl, days)
                keys = keys_for(
                    c.buyers,
                    c.supplier,
                    tags.goals if tags else (),
                    tags.sdg_targets if tags else (),
                    sl.label(lang),
                )
                person = ca.activity.person if euros > 0 or fte > 0 else None
                indicators = (
                    [ind for ind in ca.indicators if _in(ind, ca, c.tender.end, sl)]
                    if ledger_status(ca, view, known_on) == "realised"
                    else []
                )
                for target in [*(row(k, lab) for k, lab in keys), total]:
                    target.euros += euros
                    # FTE is an average over the row's period: the total spans the whole one.
                    target.fte += fte * days / period_days if target is total else fte
                    if person is not None:
                        target.persons.add(person)
                    for ind in indicators:
                        add_indicator(target, ind)
            for ind in c.indicators:
                if not _in(ind, None, c.tender.end, sl):
                    continue
                keys = keys_for(
                    c.buyers, c.supplier, ind.impact_goals, ind.sdg_targets, sl.label(lang)
                )
                for target in [*(row(k, lab) for k, lab in keys), total]:
                    add_indicator(target, ind)
    order = sorted(
        rows.values(), key=lambda r: (_target_key(r.key) if by == "sdg_target" else (), r.key)
    )
    kinds = {k for r in (*order, total) for k, _ in r.indicators}
    labels = {k: tg.indicators[k] for k in sorted(kinds) if k in tg.indicators}
    return ImpactReport(
        period,
        by,
        view,
        tuple(order),
        total,
        labels,
        {k: tuple(sorted(v)) for k, v in sorted(sources.items())},
    )


def _catalog(cache: dict[str, Catalog], valuation: Any, reg: Registry) -> Catalog:
    key = valuation.catalog
    if key not in cache:
        cache[key] = reg.load(key)
    return cache[key]


def _in(
    ind: Indicator, ca: ContractActivity | None, contract_end: date | None, sl: ReportingPeriod
) -> bool:
    on = ind.on or (ca.activity.end if ca is not None else None) or contract_end
    return on is not None and sl.start <= on <= sl.end


def _fte(
    ca: ContractActivity, r: Any, catalog: Catalog | None, sl: ReportingPeriod, days: int
) -> Fraction:
    """Full-time equivalents averaged over the slice: min(hours ÷ reference week, 1) × the
    counted days in the slice ÷ the slice's days."""
    a = ca.activity
    v = r.valuation
    if a.hours_per_week is None or v is None or not v.counted_periods:
        return Fraction(0)
    ref = (
        (catalog.time.reference_hours_per_week if catalog is not None else None)
        or a.fulltime_hours_per_week
        or DEFAULT_REFERENCE_HOURS
    )
    share = min(Fraction(a.hours_per_week) / Fraction(ref), Fraction(1))
    inside = sum(days_inclusive(s, e) for s, e in clip(list(v.counted_periods), sl.start, sl.end))
    return share * inside / days
