"""Comparing regions: two catalogs side by side, and one plan or ledger valued under several.

**How blocks are matched** (:func:`match_blocks`), never by label words:

1. A *mapping file* for the pair of regions (``catalogs/mappings/<a>--<b>.toml``, used in both
   directions) decides first, for every block it names (``how = "mapping"``).
2. A block with the same id, category and rule kind in both catalogs is the same block (``id``).
3. Otherwise blocks are paired by *target group*: each block's ``target_group`` (catalog data)
   plus extra groups in ``catalogs/mappings/target-groups.toml``; a block of A pairs with the
   one block of B that shares a target group, its category and its rule kind (``group``).
   Several blocks of A may pair with one block of B (two BBL levels against one BBL block).
4. When several blocks of B qualify, or none, the block is unmatched (``only_a`` / ``only_b``)
   and a note says why: the matcher does not guess; a mapping file must decide.

Bonuses are paired by their condition (minimum age, flags, internship), share caps by the
categories or blocks they cap; counting limits are compared per block pair; time rules and the
default obligation rules field by field.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Literal

from bouwblokken.activity import Activity
from bouwblokken.catalog.model import (
    AfterInternship,
    AgeBelow,
    Block,
    Bonus,
    Catalog,
    FlagCondition,
    LimitMonths,
    MinAge,
    ShareCap,
)
from bouwblokken.catalog.registry import Registry, _shipped_folder, default_registry
from bouwblokken.errors import BouwblokkenError, CatalogFileError, ValuationError
from bouwblokken.ledger import Ledger, LedgerResult, evaluate

__all__ = [
    "BlockPair",
    "BonusPair",
    "CatalogComparison",
    "RegionMapping",
    "ShareCapPair",
    "Valued",
    "ValuedUnder",
    "compare",
    "load_mapping",
    "match_blocks",
    "target_groups",
    "value_under",
]

How = Literal["id", "group", "mapping", "only_a", "only_b"]


def _mappings_folder() -> Path:
    return _shipped_folder() / "mappings"


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogFileError(path, "", f"not valid TOML: {exc}") from None


@cache
def _shipped_groups() -> dict[str, dict[str, frozenset[str]]]:
    path = _mappings_folder() / "target-groups.toml"
    if not path.is_file():
        return {}
    data = _read_toml(path)
    out: dict[str, dict[str, frozenset[str]]] = {}
    for cid, table in data.items():
        if not isinstance(table, dict):
            raise CatalogFileError(path, cid, "expected a table of block id = [target groups]")
        out[cid] = {}
        for bid, groups in table.items():
            if not isinstance(groups, list) or not all(isinstance(g, str) for g in groups):
                raise CatalogFileError(path, f"{cid}.{bid}", "expected a list of target groups")
            out[cid][bid] = frozenset(groups)
    return out


def target_groups(catalog: Catalog) -> dict[str, frozenset[str]]:
    """Block id → target groups: the block's own ``target_group`` (catalog data) plus the extra
    groups of ``catalogs/mappings/target-groups.toml`` (a block for several groups, or the kind
    of effort of a block that is not for a group of people)."""
    extra = _shipped_groups().get(catalog.id, {})
    out: dict[str, frozenset[str]] = {}
    for b in catalog.blocks:
        own = getattr(b, "target_group", None)
        groups = extra.get(b.id, frozenset()) | ({own} if own else set())
        if groups:
            out[b.id] = frozenset(groups)
    return out


@dataclass(frozen=True)
class RegionMapping:
    """A region-pair mapping file: block of A → block of B (``""``: no counterpart), notes."""

    a: str
    b: str
    pairs: Mapping[str, str]
    notes: Mapping[str, str] = field(default_factory=dict)
    path: str = ""

    def reversed(self) -> RegionMapping:
        """The same file read from B to A (pairs inverted where the inversion is one block)."""
        inv: dict[str, list[str]] = {}
        for x, y in self.pairs.items():
            if y:
                inv.setdefault(y, []).append(x)
        pairs = {y: xs[0] for y, xs in inv.items() if len(xs) == 1}
        notes = {y: self.notes.get(xs[0], "") for y, xs in inv.items() if len(xs) == 1}
        return RegionMapping(self.b, self.a, pairs, notes, self.path)


def load_mapping(a: str, b: str, *, folder: Path | None = None) -> RegionMapping | None:
    """The mapping file for catalogs ``a`` and ``b`` (``<a>--<b>.toml`` or ``<b>--<a>.toml``),
    read in the direction A → B; ``None`` when there is none."""
    root = folder or _mappings_folder()
    for first, second, flip in ((a, b, False), (b, a, True)):
        path = root / f"{first}--{second}.toml"
        if path.is_file():
            data = _read_toml(path)
            pairs = data.get("pairs", {})
            notes = data.get("notes", {})
            if data.get("a") != first or data.get("b") != second:
                raise CatalogFileError(path, "a", f"expected a = {first!r} and b = {second!r}")
            if not isinstance(pairs, dict) or not all(isinstance(v, str) for v in pairs.values()):
                raise CatalogFileError(path, "pairs", "expected block id = block id")
            m = RegionMapping(first, second, dict(pairs), dict(notes), str(path))
            return m.reversed() if flip else m
    return None


@dataclass(frozen=True)
class BlockPair:
    """One row of a comparison: a block of A and its counterpart in B (either may be None)."""

    a: Block | None
    b: Block | None
    how: How
    note: str = ""
    candidates: tuple[Block, ...] = ()
    """When several blocks of B fit (``b`` is None): those blocks. :func:`value_under` picks
    one of them for an activity whose facts decide (benefit duration)."""

    @property
    def difference(self) -> Decimal | None:
        """B − A of the blocks' amounts, when both have one amount under the same rule kind."""
        if self.a is None or self.b is None or self.a.rule.kind != self.b.rule.kind:
            return None
        x, y = self.a.fixed_amount, self.b.fixed_amount
        return None if x is None or y is None else y - x

    @property
    def same_limit(self) -> bool:
        """Whether both blocks have the same counting limit (duur van meetellen)."""
        if self.a is None or self.b is None:
            return False
        return _limit_key(self.a) == _limit_key(self.b)


def _limit_key(block: Block) -> str:
    limit = block.counting_limit
    return f"months:{limit.months}" if isinstance(limit, LimitMonths) else limit.kind


def match_blocks(
    a: Catalog, b: Catalog, *, mapping: RegionMapping | Literal["auto"] | None = "auto"
) -> list[BlockPair]:
    """Pair the blocks of two catalogs (see the module's rules). Rows follow A's order, B's
    unmatched blocks last. ``mapping="auto"`` reads the shipped mapping file for the pair."""
    m = load_mapping(a.id, b.id) if mapping == "auto" else mapping
    by_id_b = {y.id: y for y in b.blocks}
    ga, gb = target_groups(a), target_groups(b)
    out: list[BlockPair] = []
    for x in a.blocks:
        if m is not None and x.id in m.pairs:
            target = m.pairs[x.id]
            note = m.notes.get(x.id, "")
            if target == "":
                out.append(BlockPair(x, None, "only_a", note))
            elif target in by_id_b:
                out.append(BlockPair(x, by_id_b[target], "mapping", note))
            else:
                raise CatalogFileError(
                    Path(m.path), f"pairs.{x.id}", f"names unknown block {target!r} of {b.key}"
                )
            continue
        same = by_id_b.get(x.id)
        if same is not None and _alike(x, same):
            out.append(BlockPair(x, same, "id"))
            continue
        groups = ga.get(x.id, frozenset())
        cands = [y for y in b.blocks if _alike(x, y) and groups & gb.get(y.id, frozenset())]
        if len(cands) > 1:
            exact = [y for y in cands if gb.get(y.id) == groups]
            cands = exact if len(exact) == 1 else cands
        if len(cands) == 1:
            out.append(BlockPair(x, cands[0], "group"))
        elif len(cands) > 1:
            names = ", ".join(y.id for y in cands)
            out.append(
                BlockPair(
                    x,
                    None,
                    "only_a",
                    f"meer dan één blok in {b.key} past ({names}): een koppeltabel moet kiezen",
                    tuple(cands),
                )
            )
        else:
            out.append(BlockPair(x, None, "only_a"))
    used = {p.b.id for p in out if p.b is not None}
    out.extend(BlockPair(None, y, "only_b") for y in b.blocks if y.id not in used)
    return out


def _alike(x: Block, y: Block) -> bool:
    return x.category == y.category and x.rule.kind == y.rule.kind


@dataclass(frozen=True)
class BonusPair:
    """A bonus of A and the bonus of B with the same kind of condition (either may be None)."""

    a: Bonus | None
    b: Bonus | None

    @property
    def difference(self) -> Decimal | None:
        """B − A of fixed amounts with the same unit (None for a multiple of the block value)."""
        if self.a is None or self.b is None or self.a.unit != self.b.unit:
            return None
        if self.a.amount is None or self.b.amount is None:
            return None
        return self.b.amount - self.a.amount


def _condition_key(bonus: Bonus) -> tuple[object, ...]:
    c = bonus.condition
    if isinstance(c, MinAge):
        return ("min_age",)
    if isinstance(c, AgeBelow):
        return ("age_below",)
    if isinstance(c, FlagCondition):
        return ("flag", frozenset(c.any_of))
    assert isinstance(c, AfterInternship)
    return ("after_internship",)


def _pair_by_key(
    xs: Sequence[Any], ys: Sequence[Any], key: Any
) -> list[tuple[Any | None, Any | None]]:
    out: list[tuple[Any | None, Any | None]] = []
    used: set[int] = set()
    for x in xs:
        k = key(x)
        j = next((j for j, y in enumerate(ys) if j not in used and key(y) == k), None)
        if j is None:
            out.append((x, None))
        else:
            used.add(j)
            out.append((x, ys[j]))
    out.extend((None, y) for j, y in enumerate(ys) if j not in used)
    return out


@dataclass(frozen=True)
class ShareCapPair:
    a: ShareCap | None
    b: ShareCap | None


@dataclass(frozen=True)
class FieldRow:
    """One time rule or default obligation field in both catalogs (JSON values)."""

    section: Literal["time", "obligation"]
    key: str
    a: Any
    b: Any

    @property
    def same(self) -> bool:
        return bool(self.a == self.b)


@dataclass(frozen=True)
class CatalogComparison:
    """Two catalog editions side by side (see :func:`compare`)."""

    a: Catalog
    b: Catalog
    blocks: tuple[BlockPair, ...]
    bonuses: tuple[BonusPair, ...]
    share_caps: tuple[ShareCapPair, ...]
    fields: tuple[FieldRow, ...]
    mapping: RegionMapping | None

    def _repr_html_(self) -> str:
        from bouwblokken.views import view

        html: str = view("comparison.html")(self)
        return html


def _fields(section: Literal["time", "obligation"], a: Any, b: Any) -> list[FieldRow]:
    da, db = a.model_dump(mode="json"), b.model_dump(mode="json")
    keys = [k for k in da] + [k for k in db if k not in da]
    return [FieldRow(section, k, da.get(k), db.get(k)) for k in keys if k not in ("note",)]


def compare(
    catalog_a: Catalog,
    catalog_b: Catalog,
    *,
    mapping: RegionMapping | Literal["auto"] | None = "auto",
) -> CatalogComparison:
    """Compare two catalog editions: blocks (matched as :func:`match_blocks` says, with their
    amounts and counting limits), bonuses (by kind of condition), share caps (by what they cap),
    time rules and default obligation rules."""
    m = load_mapping(catalog_a.id, catalog_b.id) if mapping == "auto" else mapping
    blocks = match_blocks(catalog_a, catalog_b, mapping=m)
    bonuses = [
        BonusPair(x, y)
        for x, y in _pair_by_key(catalog_a.bonuses, catalog_b.bonuses, _condition_key)
    ]
    caps = [
        ShareCapPair(x, y)
        for x, y in _pair_by_key(
            catalog_a.share_caps,
            catalog_b.share_caps,
            lambda c: (frozenset(c.categories), frozenset(c.blocks)),
        )
    ]
    fields = _fields("time", catalog_a.time, catalog_b.time) + _fields(
        "obligation", catalog_a.obligation, catalog_b.obligation
    )
    return CatalogComparison(
        catalog_a, catalog_b, tuple(blocks), tuple(bonuses), tuple(caps), tuple(fields), m
    )


# ---------------------------------------------------------------------------------------------
# One plan or ledger under several catalogs.


@dataclass(frozen=True)
class Valued:
    """One activity under one catalog: the block it became, how, and its value (None: skipped)."""

    activity: Activity
    block: str | None
    how: How
    amount: Decimal | None
    note: str = ""


@dataclass(frozen=True)
class ValuedUnder:
    """A plan (activities) or ledger valued under one catalog edition."""

    catalog: Catalog
    rows: tuple[Valued, ...]
    result: LedgerResult | None = None
    """For a ledger: the full evaluation under this catalog (obligation, what counts, what is
    left, with every ledger rule); None for a bare list of activities."""

    @property
    def total(self) -> Decimal:
        """The sum of the values (each activity valued alone) -- for a ledger, see ``result``."""
        return sum((r.amount for r in self.rows if r.amount is not None), Decimal("0.00"))


def _resolve(ref: str | Catalog, registry: Registry) -> Catalog:
    return ref if isinstance(ref, Catalog) else registry.load(ref)


def _activities_of(plan: Any) -> tuple[list[Activity], Ledger | None]:
    if isinstance(plan, Ledger):
        return [a for t in plan.tenders for a in t.activities], plan
    acts = getattr(plan, "activities", plan)
    out = list(acts)
    if not all(isinstance(a, Activity) for a in out):
        raise BouwblokkenError("value_under expects a Ledger, a plan or a list of activities")
    return out, None


def _source_of(ledger: Ledger | None, catalogs: Sequence[Catalog], source: Catalog | None) -> str:
    if source is not None:
        return source.id
    if ledger is not None:
        ids = {t.catalog.partition("@")[0] for t in ledger.tenders if t.catalog}
        if len(ids) == 1:
            return ids.pop()
    return catalogs[0].id


def value_under(
    plan_or_ledger: Ledger | Iterable[Activity] | Any,
    catalogs: Sequence[str | Catalog],
    *,
    source: str | Catalog | None = None,
    equivalents: Mapping[str, Mapping[str, str]] | None = None,
    as_of: Any = None,
    registry: Registry | None = None,
) -> list[ValuedUnder]:
    """Value one plan (a list of activities, an optimizer plan) or a ledger under each catalog.

    The activities' blocks belong to the ``source`` catalog (default: the ledger's catalog, else
    the first of ``catalogs``); under every other catalog each block is replaced by its
    counterpart from :func:`match_blocks` (mapping file, same id, same target group).
    ``equivalents`` overrides per catalog id (``{"leiden": {"banenafspraak": "wsw"}}``). An
    activity whose block has no counterpart, or that the catalog cannot value, is skipped with
    a note -- never silently. Each activity is valued alone; for a ledger the whole ledger is
    also evaluated under each catalog (``result``: obligation, counted, remaining), with the
    obligation rules of each tender's own catalog (the obligation is the buyer's, not the
    menu's): only what counts changes.
    """
    from bouwblokken.valuation import value_activity

    reg = registry or default_registry()
    cats = [_resolve(c, reg) for c in catalogs]
    if not cats:
        return []
    activities, ledger = _activities_of(plan_or_ledger)
    src_id = _source_of(ledger, cats, _resolve(source, reg) if source is not None else None)
    src = next((c for c in cats if c.id == src_id), None) or reg.load(src_id)
    out: list[ValuedUnder] = []
    for cat in cats:
        pairs = (
            {}
            if cat.id == src.id
            else {p.a.id: p for p in match_blocks(src, cat) if p.a is not None}
        )
        own = (equivalents or {}).get(cat.id, {})
        rows: list[Valued] = []
        mapped: dict[int, str | None] = {}
        for a in activities:
            block, how, note = _target(a.block, cat, pairs, own, a)
            mapped[id(a)] = block
            if block is None:
                rows.append(Valued(a, None, how, None, note or f"geen tegenhanger in {cat.key}"))
                continue
            try:
                v = value_activity(a.model_copy(update={"block": block}), cat)
            except ValuationError as exc:
                rows.append(Valued(a, block, how, None, str(exc)))
                continue
            rows.append(Valued(a, block, how, v.amount, note))
        result = None
        if ledger is not None:
            result = _evaluate_under(ledger, cat, mapped, as_of, reg)
        out.append(ValuedUnder(cat, tuple(rows), result))
    return out


def _target(
    block: str,
    cat: Catalog,
    pairs: Mapping[str, BlockPair],
    own: Mapping[str, str],
    activity: Activity | None = None,
) -> tuple[str | None, How, str]:
    known = {b.id for b in cat.blocks}
    if block in own:
        return (own[block], "mapping", "") if own[block] in known else (None, "only_a", "")
    if not pairs:  # the source catalog itself
        return (block, "id", "") if block in known else (None, "only_a", "")
    p = pairs.get(block)
    if p is not None and p.b is None and p.candidates and activity is not None:
        fits = [c for c in p.candidates if _facts_fit(c, activity)]
        if len(fits) == 1:
            return fits[0].id, "group", "gekozen op de uitkeringsduur van de persoon"
    if p is None or p.b is None:
        return None, "only_a", p.note if p else ""
    return p.b.id, p.how, p.note


def _facts_fit(block: Block, activity: Activity) -> bool:
    """Whether the activity's facts meet the block's benefit-duration condition (a block that
    splits a target group by months on benefit); without the fact, no block is chosen."""
    low = getattr(block, "benefit_months_min", None)
    below = getattr(block, "benefit_months_below", None)
    if low is None and below is None:
        return False
    months = getattr(activity, "benefit_months", None)
    if months is None:
        return False
    return (low is None or months >= low) and (below is None or months < below)


def _evaluate_under(
    ledger: Ledger, cat: Catalog, mapped: Mapping[int, str | None], as_of: Any, reg: Registry
) -> LedgerResult | None:
    tenders = []
    for t in ledger.tenders:
        acts = tuple(
            a.model_copy(update={"block": mapped[id(a)]})
            for a in t.activities
            if mapped.get(id(a)) is not None
        )
        update: dict[str, Any] = {"catalog": cat.key, "activities": acts}
        if t.rules is None and t.catalog and t.catalog.partition("@")[0] != cat.id:
            # The obligation is the buyer's: keep the rules of the tender's own catalog.
            update["rules"] = _own_catalog(t, reg).obligation
        tenders.append(t.model_copy(update=update))
    if not _known(reg, cat):
        return None
    return evaluate(
        ledger.model_copy(update={"tenders": tuple(tenders)}), as_of=as_of, registry=reg
    )


def _own_catalog(tender: Any, reg: Registry) -> Catalog:
    cid, _, edition = tender.catalog.partition("@")
    if edition:
        return reg.load(cid, edition=edition)
    basis = reg.editions(cid)[-1].effective_basis
    return reg.load(cid, on=tender.judged_on(basis))


def _known(reg: Registry, cat: Catalog) -> bool:
    try:
        return reg.load(cat.id, edition=cat.edition) is not None
    except BouwblokkenError:
        return False
