"""The command line: ``bouwblokken`` (also ``python -m bouwblokken``).

Subcommands: ``catalogs``, ``show``, ``compare``, ``value``, ``obligation``, ``evaluate`` and
``optimise`` (alias ``optimize``); see ``docs/cli.md``. Global options (``--lang``, ``--json``,
``--catalog-dir``) may stand before or after the subcommand.

Exit status: 0 done; 2 bad input (an unknown block, a bad date or number, a file that is missing
or does not follow its format). Bad input is reported as
ONE line on stderr that names the file, record and field or the option — never a traceback.
Numbers from the command line are parsed exactly (``Decimal`` from the text, never float); an
amount with more than two decimals is refused, not rounded.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import textwrap
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, NoReturn, get_args

from pydantic import ValidationError

from bouwblokken import __version__
from bouwblokken.activity import Activity
from bouwblokken.catalog.model import (
    ActualCostsRule,
    AfterInternship,
    AgreedRule,
    Block,
    Bonus,
    Catalog,
    Flag,
    FlagCondition,
    InvoiceRule,
    LimitAlways,
    LimitMonths,
    LimitWhileSubsidy,
    MinAge,
    ObligationRules,
    OneOffRule,
    PerActivityRule,
    PerHourRule,
    PerMonthRule,
    PerPeriodRule,
    PerYearRule,
    TimeRules,
)
from bouwblokken.catalog.registry import Registry, _shipped_folder
from bouwblokken.display.text import align
from bouwblokken.documents import read_ledger, write_result
from bouwblokken.errors import BouwblokkenError, MoneyError, UnknownBlockError
from bouwblokken.ledger import Ledger, evaluate
from bouwblokken.money import Lang, format_eur, parse_money
from bouwblokken.obligation import compute_obligation, list_obligation_rules
from bouwblokken.tender import Tender
from bouwblokken.valuation import Valuation, value_activity

__all__ = ["main"]

EXIT_OK = 0
EXIT_BAD_INPUT = 2


class CliError(Exception):
    """Bad input found by the command line itself; the message is the one line shown."""


class _UsageError(CliError):
    """An argparse usage error (unknown option, bad value), raised instead of exiting."""


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing usage and exiting, so errors stay one line."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{self.prog}: error: {message} (see {self.prog} --help)")


# ---------------------------------------------------------------------------------------------
# Exact argument types.


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a date YYYY-MM-DD such as 2025-01-31, got {text!r}"
        ) from None


def _exact(max_decimals: int, what: str) -> Callable[[str], Decimal]:
    def parse(text: str) -> Decimal:
        try:
            return parse_money(text, max_decimals=max_decimals)
        except MoneyError:
            raise argparse.ArgumentTypeError(
                f"expected {what} with at most {max_decimals} decimals "
                f"(a point as decimal sign, e.g. 1234.56), got {text!r}"
            ) from None

    parse.__name__ = what
    return parse


_amount = _exact(2, "an amount in euro")
_number = _exact(4, "a number")


def _int(text: str) -> int:
    if not re.fullmatch(r"\s*-?\d+\s*", text):
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}")
    return int(text)


def _existing_file(text: str) -> Path:
    return Path(text)


# ---------------------------------------------------------------------------------------------
# Small formatting helpers.


def _num(value: Decimal | int, lang: Lang) -> str:
    """24, 22,5 (nl) / 22.5 (en): an exact number without trailing zeros."""
    d = Decimal(value)
    text = format(d.normalize(), "f") if d != d.to_integral_value() else str(int(d))
    return text.replace(".", ",") if lang == "nl" else text


def _s(d: Decimal) -> str:
    return format(d, "f")


def _d(day: date | None, lang: Lang, *, open_end: bool = False) -> str:
    if day is not None:
        return day.isoformat()
    if open_end:
        return "open"
    return "niet vermeld" if lang == "nl" else "not stated"


def _yes(flag: bool, lang: Lang) -> str:
    if lang == "nl":
        return "ja" if flag else "nee"
    return "yes" if flag else "no"


def _t(lang: Lang, nl: str, en: str) -> str:
    return nl if lang == "nl" else en


_CATEGORY = {
    "work": ("werk", "work"),
    "learning": ("leren", "learning"),
    "buying": ("inkopen", "buying"),
    "community": ("maatschappelijk", "community"),
    "other": ("overig", "other"),
}
_BASIS = {
    "contract_date": ("contractdatum", "contract date"),
    "publication_date": ("publicatiedatum", "publication date"),
}
_CONTRACT_TYPE = {
    "works": ("werken", "works"),
    "services": ("diensten", "services"),
    "supplies": ("leveringen", "supplies"),
}
_FOLLOWS_EU = {
    "services_supplies": (
        "ja, het bedrag voor diensten en leveringen (decentrale overheden)",
        "yes, the services and supplies figure (sub-central authorities)",
    ),
    "by_contract_type": (
        "ja, per soort opdracht (werken of diensten en leveringen)",
        "yes, by contract type (works, or services and supplies)",
    ),
}


def _pick(table: dict[str, tuple[str, str]], key: str, lang: Lang) -> str:
    nl, en = table.get(key, (key, key))
    return nl if lang == "nl" else en


def rule_amount(block: Block) -> Decimal | None:
    """The euro amount of a block's rule, when it has one fixed amount."""
    rule = block.rule
    if isinstance(rule, PerYearRule | PerMonthRule | PerPeriodRule | OneOffRule | PerActivityRule):
        return rule.amount
    if isinstance(rule, PerHourRule):
        return rule.amount
    return None


def rule_text(block: Block, lang: Lang) -> str:
    """A block's valuation rule and amount in words."""
    rule = block.rule

    def eur(v: Decimal) -> str:
        return format_eur(v, lang=lang)

    if isinstance(rule, PerYearRule):
        text = f"{eur(rule.amount)} {_t(lang, 'per', 'per')} {_t(lang, rule.unit_nl, rule.unit_en)}"
        extra = []
        if not rule.prorate_hours:
            extra.append(_t(lang, "niet naar rato van uren", "not pro rata by hours"))
        if not rule.prorate_duration:
            extra.append(_t(lang, "niet naar rato van duur", "not pro rata by duration"))
        if rule.duration_unit:
            units = {"days": ("dagen", "days"), "weeks": ("weken", "weeks")}
            units["months"] = ("maanden", "months")
            extra.append(
                _t(lang, "duur in ", "duration in ") + _pick(units, rule.duration_unit, lang)
            )
        return text + (f" ({'; '.join(extra)})" if extra else "")
    if isinstance(rule, PerMonthRule):
        text = f"{eur(rule.amount)} {_t(lang, 'per maand', 'per month')}"
        if rule.prorate_hours:
            text += _t(lang, " (naar rato van uren)", " (pro rata by hours)")
        return text
    if isinstance(rule, PerPeriodRule):
        text = f"{eur(rule.amount)} per {_t(lang, rule.period_nl, rule.period_en)}"
        if rule.prorate_duration and rule.period_months:
            text += _t(
                lang,
                f" (naar rato van {rule.period_months} maanden)",
                f" (pro rata of {rule.period_months} months)",
            )
        return text
    if isinstance(rule, OneOffRule):
        return f"{eur(rule.amount)} {_t(lang, 'eenmalig', 'one-off')}"
    if isinstance(rule, PerHourRule):
        if rule.amount is not None:
            return f"{eur(rule.amount)} {_t(lang, 'per uur', 'per hour')}"
        assert rule.year_amount is not None and rule.hours_per_year is not None
        return (
            f"{eur(rule.year_amount)} ÷ {rule.hours_per_year} "
            f"{_t(lang, 'uur, per uur', 'hours, per hour')}"
        )
    if isinstance(rule, PerActivityRule):
        text = f"{eur(rule.amount)} per {_t(lang, rule.unit_nl, rule.unit_en)}"
        if rule.max_per_day is not None:
            text += _t(
                lang,
                f", max. {eur(rule.max_per_day)} per dag",
                f", at most {eur(rule.max_per_day)} a day",
            )
        return text
    if isinstance(rule, InvoiceRule):
        base = _t(lang, "factuurbedrag excl. btw", "invoice excl. VAT")
        if rule.percentage == 100:
            return base
        return f"{_num(rule.percentage, lang)}% {_t(lang, 'van', 'of')} {base}"
    if isinstance(rule, ActualCostsRule):
        return _t(lang, "werkelijke kosten", "actual costs")
    assert isinstance(rule, AgreedRule)
    return _t(lang, "in overleg met de SR-adviseur", "agreed with the SR adviser")


def limit_text(block: Block, lang: Lang) -> str:
    """A block's counting limit (duur van meetellen) in words."""
    limit = block.counting_limit
    if isinstance(limit, LimitMonths):
        return f"{limit.months} {_t(lang, 'maanden', 'months')}"
    if isinstance(limit, LimitAlways):
        return _t(lang, "altijd", "always")
    if isinstance(limit, LimitWhileSubsidy):
        return _t(lang, "zolang de loonkostensubsidie loopt", "while the wage subsidy runs")
    return _t(lang, "niet vermeld", "not stated")


def _limit_key(block: Block) -> str:
    limit = block.counting_limit
    return f"months:{limit.months}" if isinstance(limit, LimitMonths) else limit.kind


def _condition_text(bonus: Bonus, lang: Lang) -> str:
    c = bonus.condition
    if isinstance(c, MinAge):
        return _t(lang, f"leeftijd ≥ {c.age}", f"age ≥ {c.age}")
    if isinstance(c, FlagCondition):
        return _t(lang, "één van: ", "any of: ") + ", ".join(c.any_of)
    assert isinstance(c, AfterInternship)
    return _t(
        lang,
        f"na een stage van min. {c.months} maanden",
        f"after an internship of ≥ {c.months} months",
    )


def _unverified(flag: bool) -> str:
    return "" if flag else " *"


# ---------------------------------------------------------------------------------------------
# Time rules and obligation defaults as comparable (key, value) pairs.


def time_items(t: TimeRules, lang: Lang) -> list[tuple[str, str, str]]:
    """(key, label, value) of a catalog's time rules; values are plain and comparable."""
    ref = (
        _num(t.reference_hours_per_week, lang)
        if t.reference_hours_per_week is not None
        else _t(lang, "eigen werkweek van de opdrachtnemer", "supplier's own full-time week")
    )
    units = {
        "days": ("dagen", "days"),
        "weeks": ("weken", "weeks"),
        "months": ("maanden", "months"),
    }
    basis = {
        "calendar": ("kalenderperiode", "calendar period"),
        "worked_hours": ("gewerkte uren", "hours worked"),
    }
    return [
        (
            "reference_hours_per_week",
            _t(lang, "referentie-werkweek (uur)", "full-time week (h)"),
            ref,
        ),
        (
            "duration_unit",
            _t(lang, "duur gemeten in", "duration measured in"),
            _pick(units, t.duration_unit, lang),
        ),
        ("days_per_year", _t(lang, "dagen per jaar", "days per year"), str(t.days_per_year)),
        ("time_basis", _t(lang, "tijdsbasis", "time basis"), _pick(basis, t.time_basis, lang)),
        (
            "annual_hours",
            _t(lang, "uren per jaar", "hours per year"),
            "-" if t.annual_hours is None else str(t.annual_hours),
        ),
        (
            "cap_hours_at_reference",
            _t(lang, "uren boven werkweek tellen niet", "hours above full-time do not count"),
            _yes(t.cap_hours_at_reference, lang),
        ),
        (
            "min_hours_per_week",
            _t(lang, "minimum uren per week", "minimum hours a week"),
            "-" if t.min_hours_per_week is None else _num(t.min_hours_per_week, lang),
        ),
        ("verified", _t(lang, "geverifieerd", "verified"), _yes(t.verified, lang)),
    ]


def obligation_items(o: ObligationRules, lang: Lang) -> list[tuple[str, str, str]]:
    """(key, label, value) of a catalog's default obligation terms."""

    def eur(v: Decimal | None) -> str:
        return "-" if v is None else format_eur(v, lang=lang)

    def pct(v: Decimal | None) -> str:
        return "-" if v is None else f"{_num(v, lang)}%"

    base = {
        "contract_value": ("opdrachtwaarde", "contract value"),
        "labour_cost": ("loonsom", "labour cost"),
    }
    items = [
        (
            "percentage",
            _t(lang, "percentage", "percentage"),
            pct(o.percentage)
            if o.percentage is not None
            else _t(lang, "niet vermeld", "not stated"),
        ),
        ("base", _t(lang, "grondslag", "base"), _pick(base, o.base, lang)),
        (
            "labour_cost_percentage",
            _t(lang, "percentage van de loonsom", "labour-cost percentage"),
            pct(o.labour_cost_percentage),
        ),
        ("threshold", _t(lang, "drempelbedrag", "threshold"), eur(o.threshold)),
        (
            "threshold_follows_eu",
            _t(lang, "drempel volgt de Europese drempel", "threshold follows the EU threshold"),
            _pick(_FOLLOWS_EU, o.threshold_follows_eu, lang) if o.threshold_follows_eu else "-",
        ),
        (
            "threshold_inclusive",
            _t(lang, "drempel inclusief (vanaf)", "threshold inclusive (from)"),
            _yes(o.threshold_inclusive, lang),
        ),
    ]
    for kind, amount in sorted(o.threshold_by_contract_type.items()):
        items.append(
            (
                f"threshold_{kind}",
                _t(lang, "drempel ", "threshold ") + _pick(_CONTRACT_TYPE, kind, lang),
                eur(amount),
            )
        )
    items += [
        ("maximum", _t(lang, "maximum", "maximum"), eur(o.maximum)),
        (
            "contract_types",
            _t(lang, "soorten opdracht", "contract types"),
            ", ".join(_pick(_CONTRACT_TYPE, k, lang) for k in o.contract_types)
            or _t(lang, "alle", "all"),
        ),
        (
            "min_duration_months",
            _t(lang, "minimale looptijd (maanden)", "minimum duration (months)"),
            "-" if o.min_duration_months is None else str(o.min_duration_months),
        ),
    ]
    for ls in o.labour_share_rules:
        kinds = ", ".join(_pick(_CONTRACT_TYPE, k, lang) for k in ls.contract_types)
        items.append(
            (
                f"labour_share_below_{_s(ls.below_labour_share_percent)}",
                _t(lang, "arbeidsaandeel < ", "labour share < ")
                + f"{_num(ls.below_labour_share_percent, lang)}%"
                + (f" ({kinds})" if kinds else ""),
                pct(ls.percentage),
            )
        )
    for p in o.pso:
        effect = (
            _t(lang, "vrijstelling", "exempt")
            if p.exempt
            else f"-{_num(p.reduction_percent or Decimal(0), lang)}%"
        )
        items.append((f"pso_{p.level}", p.label_nl, effect))
    if o.offer_percentage_min is not None or o.offer_percentage_max is not None:
        items.append(
            (
                "offer_percentage",
                _t(lang, "aan te bieden percentage", "offered percentage range"),
                f"{pct(o.offer_percentage_min)} – {pct(o.offer_percentage_max)}",
            )
        )
    return items


# ---------------------------------------------------------------------------------------------
# Block matching for ``compare``.

_SMALL_WORDS = "de het een en of in op van voor met bij na t m tm incl excl dan"
_REPEATED_WORDS = "max maand maanden jaar jaren per uur uren kosten dienstverband"
"""Words every table repeats: they say how a block counts, not for whom."""
_STOP = frozenset(_SMALL_WORDS.split()) | frozenset(_REPEATED_WORDS.split())


def match_tokens(block_id: str, label: str) -> frozenset[str]:
    """The normalised key of a block: lower-case word tokens of its Dutch label and of its id,
    without small words, numbers and words every table repeats (max, maanden, jaar,
    dienstverband …). ``WIA- of WAO-uitkering`` with id ``wia_wao`` gives {wia, wao, uitkering}."""
    text = f"{label} {block_id}".lower().replace("_", " ")
    words = re.split(r"[^0-9a-zà-ÿ]+", text)
    return frozenset(w for w in words if w and not w.isdigit() and w not in _STOP)


def _similarity(a: frozenset[str], b: frozenset[str]) -> tuple[float, float]:
    """(overlap coefficient, Jaccard index) of two token sets."""
    if not a or not b:
        return (0.0, 0.0)
    common = len(a & b)
    return (common / min(len(a), len(b)), common / len(a | b))


MIN_OVERLAP = 0.5
"""Two blocks with different ids match when their rule kind and category are equal and at least
half of the smaller token set occurs in the other (overlap coefficient ≥ 0.5)."""


def match_blocks(
    a: Sequence[Block], b: Sequence[Block]
) -> list[tuple[Block | None, Block | None, str]]:
    """Pair the blocks of two editions: ``(block_a, block_b, how)``, how = ``id``, ``label``,
    ``only_a`` or ``only_b``.

    1. Blocks with the same id match (``id``).
    2. Among the rest, pairs with the same rule kind and category are scored by
       :func:`_similarity` of their :func:`match_tokens`; the best-scoring pair (overlap, then
       Jaccard, then catalog order) is matched first, then the next among the still unmatched,
       while overlap ≥ :data:`MIN_OVERLAP` (``label``).
    3. What is left is ``only_a`` / ``only_b``.
    The rows follow A's order, B's unmatched blocks last.
    """
    b_ids = {x.id for x in b}
    pairs: dict[str, tuple[Block, str]] = {}
    for x in a:
        if x.id in b_ids:
            pairs[x.id] = (next(y for y in b if y.id == x.id), "id")
    rest_a = [x for x in a if x.id not in pairs]
    used_b = {y.id for y, _ in pairs.values()}
    rest_b = [y for y in b if y.id not in used_b]
    scored = []
    for i, x in enumerate(rest_a):
        tx = match_tokens(x.id, x.label_nl)
        for j, y in enumerate(rest_b):
            if x.rule.kind != y.rule.kind or x.category != y.category:
                continue
            overlap, jaccard = _similarity(tx, match_tokens(y.id, y.label_nl))
            if overlap >= MIN_OVERLAP:
                scored.append((-overlap, -jaccard, i, j))
    scored.sort()
    taken_a: set[int] = set()
    taken_b: set[int] = set()
    for _, _, i, j in scored:
        if i in taken_a or j in taken_b:
            continue
        taken_a.add(i)
        taken_b.add(j)
        pairs[rest_a[i].id] = (rest_b[j], "label")
    out: list[tuple[Block | None, Block | None, str]] = []
    for x in a:
        if x.id in pairs:
            y, how = pairs[x.id]
            out.append((x, y, how))
        else:
            out.append((x, None, "only_a"))
    matched_b = {y.id for y, _ in pairs.values()}
    out.extend((None, y, "only_b") for y in b if y.id not in matched_b)
    return out


def _block_summary(block: Block | None, lang: Lang) -> dict[str, Any] | None:
    if block is None:
        return None
    amount = rule_amount(block)
    return {
        "id": block.id,
        "label_nl": block.label_nl,
        "label_en": block.label_en,
        "category": block.category,
        "rule": block.rule.kind,
        "amount": None if amount is None else _s(amount),
        "rule_text": rule_text(block, lang),
        "counting_limit": _limit_key(block),
        "verified": block.verified and block.rule.verified,
    }


def raw_value(model: TimeRules | ObligationRules, key: str) -> Any:
    """The machine value behind a :func:`time_items` / :func:`obligation_items` key: the JSON
    form of the catalog field (decimals as strings, ``null`` when not stated)."""
    data = model.model_dump(mode="json")
    if key in data:
        return data[key]
    assert isinstance(model, ObligationRules)
    if key.startswith("threshold_"):
        return data["threshold_by_contract_type"].get(key.removeprefix("threshold_"))
    if key.startswith("labour_share_below_"):
        below = key.removeprefix("labour_share_below_")
        rule = next(
            r for r in data["labour_share_rules"] if r["below_labour_share_percent"] == below
        )
        return {"percentage": rule["percentage"], "contract_types": rule["contract_types"]}
    if key.startswith("pso_"):
        level = key.removeprefix("pso_")
        pso = next(p for p in data["pso"] if p["level"] == level)
        return {"exempt": pso["exempt"], "reduction_percent": pso["reduction_percent"]}
    assert key == "offer_percentage"
    return [data["offer_percentage_min"], data["offer_percentage_max"]]


def compare_rows(a: Catalog, b: Catalog, lang: Lang) -> list[dict[str, Any]]:
    """The rows of ``compare``: blocks (matched), then time rules, then obligation defaults."""
    rows: list[dict[str, Any]] = []
    for x, y, how in match_blocks(a.blocks, b.blocks):
        ax, by = (rule_amount(x) if x else None), (rule_amount(y) if y else None)
        same_kind = x is not None and y is not None and x.rule.kind == y.rule.kind
        diff = by - ax if (ax is not None and by is not None and same_kind) else None
        rows.append(
            {
                "section": "block",
                "key": (x or y).id if x is None or y is None or x.id == y.id else f"{x.id}~{y.id}",  # type: ignore[union-attr]
                "match": how,
                "a": _block_summary(x, lang),
                "b": _block_summary(y, lang),
                "difference": None if diff is None else _s(diff),
            }
        )
    for section, (ma, mb), items_a, items_b in (
        ("time", (a.time, b.time), time_items(a.time, lang), time_items(b.time, lang)),
        (
            "obligation",
            (a.obligation, b.obligation),
            obligation_items(a.obligation, lang),
            obligation_items(b.obligation, lang),
        ),
    ):
        labels = {k: lab for k, lab, _ in items_b} | {k: lab for k, lab, _ in items_a}
        ta = {k: v for k, _, v in items_a}
        tb = {k: v for k, _, v in items_b}
        keys = [k for k, _, _ in items_a] + [k for k, _, _ in items_b if k not in ta]
        for k in keys:
            ra = raw_value(ma, k) if k in ta else None
            rb = raw_value(mb, k) if k in tb else None
            rows.append(
                {
                    "section": section,
                    "key": k,
                    "label": labels[k],
                    "match": "same" if ra == rb else "different",
                    "a": ra,
                    "b": rb,
                    "a_text": ta.get(k),
                    "b_text": tb.get(k),
                    "difference": None,
                }
            )
    return rows


# ---------------------------------------------------------------------------------------------
# Commands.


class _Ctx:
    """What every command gets: the parsed options, the language, the output stream."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.lang: Lang = args.sub_lang or args.lang
        self.json: bool = bool(args.json or args.sub_json)
        self.dirs: list[Path] = list(args.catalog_dir or []) + list(args.sub_catalog_dir or [])
        self._registry: Registry | None = None

    @property
    def registry(self) -> Registry:
        """The shipped catalogs plus every ``--catalog-dir``."""
        if self._registry is None:
            self._registry = Registry([_shipped_folder(), *self.dirs])
        return self._registry

    def out(self, text: str) -> None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")

    def dump(self, data: Any) -> None:
        self.out(json.dumps(data, indent=2, ensure_ascii=False))


def cmd_catalogs(ctx: _Ctx) -> int:
    infos = ctx.registry.list()
    if ctx.json:
        ctx.dump(
            [
                {
                    "id": i.id,
                    "edition": i.edition,
                    "key": i.key,
                    "title_nl": i.title_nl,
                    "title_en": i.title_en,
                    "issuer": i.issuer,
                    "effective_from": i.effective_from.isoformat() if i.effective_from else None,
                    "effective_until": i.effective_until.isoformat() if i.effective_until else None,
                    "effective_basis": i.effective_basis,
                    "verified": i.verified,
                    "path": i.path,
                }
                for i in infos
            ]
        )
        return EXIT_OK
    lang = ctx.lang
    rows = [
        [
            _t(lang, "Catalogus", "Catalog"),
            _t(lang, "Titel", "Title"),
            _t(lang, "Geldig vanaf", "Effective from"),
            _t(lang, "Geldig t/m", "Effective until"),
            _t(lang, "Basis", "Basis"),
            _t(lang, "Geverifieerd", "Verified"),
        ]
    ]
    for i in infos:
        rows.append(
            [
                i.key,
                _t(lang, i.title_nl, i.title_en),
                _d(i.effective_from, lang),
                _d(i.effective_until, lang, open_end=True),
                _pick(_BASIS, i.effective_basis, lang),
                _yes(i.verified, lang),
            ]
        )
    ctx.out(align(rows))
    return EXIT_OK


def _load(ctx: _Ctx, catalog_id: str, on: date | None) -> Catalog:
    return ctx.registry.load(catalog_id, on=on)


def cmd_show(ctx: _Ctx) -> int:
    c = _load(ctx, ctx.args.catalog, ctx.args.on)
    if ctx.json:
        ctx.dump(c.model_dump(mode="json"))
        return EXIT_OK
    lang = ctx.lang

    def eur(v: Decimal) -> str:
        return format_eur(v, lang=lang)

    parts = []
    head = [
        f"{_t(lang, c.title_nl, c.title_en)}  ({c.key}){_unverified(c.verified)}",
        f"{_t(lang, 'Uitgever', 'Issuer')}: {c.issuer}",
        f"{_t(lang, 'Geldig', 'In force')}: {_d(c.effective_from, lang)} "
        f"{_t(lang, 't/m', 'until')} {_d(c.effective_until, lang, open_end=True)} "
        f"({_t(lang, 'gekozen op', 'chosen by')} {_pick(_BASIS, c.effective_basis, lang)})",
    ]
    if c.members:
        head.append(f"{_t(lang, 'Leden', 'Members')}: {', '.join(c.members)}")
    head.append(f"{_t(lang, 'Bestand', 'File')}: {c.path or '-'}  sha256:{c.fingerprint[:16]}…")
    head.extend(f"  {n}" for n in c.notes)
    parts.append("\n".join(head))

    label_cols = (
        [_t(lang, "Bouwblok", "Label (nl)")] if lang == "nl" else ["Label (nl)", "Label (en)"]
    )
    rows = [
        [
            "Id",
            *label_cols,
            _t(lang, "Categorie", "Category"),
            _t(lang, "Regel en bedrag", "Rule and amount"),
            _t(lang, "Duur van meetellen", "Counting limit"),
        ]
    ]
    any_unverified = not c.verified
    for b in c.blocks:
        ok = b.verified and b.rule.verified
        any_unverified |= not ok
        labels = [b.label_nl] if lang == "nl" else [b.label_nl, b.label_en]
        rows.append(
            [
                b.id + _unverified(ok),
                *labels,
                _pick(_CATEGORY, b.category, lang),
                rule_text(b, lang),
                limit_text(b, lang),
            ]
        )
    parts.append(_t(lang, "Bouwblokken", "Blocks") + "\n" + align(rows))

    if c.bonuses:
        brows = [
            [
                "Id",
                "Bonus",
                _t(lang, "Bedrag", "Amount"),
                _t(lang, "Eenheid", "Unit"),
                _t(lang, "Voorwaarde", "Condition"),
                _t(lang, "Geldt voor", "Applies to"),
            ]
        ]
        for bo in c.bonuses:
            any_unverified |= not bo.verified
            unit = (
                _t(lang, "per jaar (naar rato)", "per year (pro rata)")
                if bo.unit == "per_year"
                else _t(lang, "eenmalig", "one-off")
            )
            targets = [*bo.blocks, *(_pick(_CATEGORY, k, lang) for k in bo.categories)]
            brows.append(
                [
                    bo.id + _unverified(bo.verified),
                    _t(lang, bo.label_nl, bo.label_en),
                    eur(bo.amount) if bo.amount is not None else f"{bo.multiple_of_block_amount}×",
                    unit,
                    _condition_text(bo, lang),
                    ", ".join(targets),
                ]
            )
        parts.append(_t(lang, "Bonussen", "Bonuses") + "\n" + align(brows, right=(2,)))

    if c.share_caps:
        crows = [
            [
                "Id",
                _t(lang, "Maximum", "Cap"),
                _t(lang, "Max. aandeel", "Max. share"),
                _t(lang, "Min. per item", "Min. per item"),
                _t(lang, "Geldt voor", "Applies to"),
            ]
        ]
        for cap in c.share_caps:
            any_unverified |= not cap.verified
            targets = [*cap.blocks, *(_pick(_CATEGORY, k, lang) for k in cap.categories)]
            crows.append(
                [
                    cap.id + _unverified(cap.verified),
                    _t(lang, cap.label_nl, cap.label_en),
                    f"{_num(cap.max_share_percent, lang)}%",
                    "-" if cap.min_amount_per_item is None else eur(cap.min_amount_per_item),
                    ", ".join(targets),
                ]
            )
        parts.append(
            _t(lang, "Maximale aandelen van de verplichting", "Share caps of the obligation")
            + "\n"
            + align(crows)
        )

    trows = [[_t(lang, "Tijdregel", "Time rule"), _t(lang, "Waarde", "Value")]]
    trows += [[label, value] for _, label, value in time_items(c.time, lang)]
    parts.append(align(trows))
    orows = [
        [_t(lang, "Standaard SR-verplichting", "Default obligation"), _t(lang, "Waarde", "Value")]
    ]
    orows += [[label, value] for _, label, value in obligation_items(c.obligation, lang)]
    parts.append(align(orows))

    src = [_t(lang, "Bronnen", "Sources") + ":"]
    for s in c.sources:
        title = f"{s.title} " if s.title else ""
        src.append(f"  [{s.reliability}] {title}{s.url}")
    parts.append("\n".join(src))
    if any_unverified:
        parts.append(
            _t(
                lang,
                "* niet geverifieerd: de bron is onduidelijk; zie de notitie in het bestand",
                "* unverified: the source is unclear; see the note in the catalog file",
            )
        )
    ctx.out("\n\n".join(parts))
    return EXIT_OK


def cmd_compare(ctx: _Ctx) -> int:
    a = _load(ctx, ctx.args.a, ctx.args.on)
    b = _load(ctx, ctx.args.b, ctx.args.on)
    lang = ctx.lang
    rows = compare_rows(a, b, lang)
    if ctx.json:
        ctx.dump(rows)
        return EXIT_OK

    def eur(v: str | None) -> str:
        return "" if v is None else format_eur(Decimal(v), lang=lang)

    how_text = {
        "id": ("id", "id"),
        "label": ("label", "label"),
        "only_a": (f"alleen in {a.key}", f"only in {a.key}"),
        "only_b": (f"alleen in {b.key}", f"only in {b.key}"),
    }
    head = [
        "A: " + a.key + "  " + _t(lang, a.title_nl, a.title_en),
        "B: " + b.key + "  " + _t(lang, b.title_nl, b.title_en),
    ]
    brows = [
        [
            "A",
            "B",
            _t(lang, "Gekoppeld op", "Matched by"),
            _t(lang, "Regel A", "Rule A"),
            _t(lang, "Regel B", "Rule B"),
            _t(lang, "Verschil (B − A)", "Difference (B − A)"),
            _t(lang, "Duur A", "Limit A"),
            _t(lang, "Duur B", "Limit B"),
        ]
    ]
    limits_a = {x.id: limit_text(x, lang) for x in a.blocks}
    limits_b = {y.id: limit_text(y, lang) for y in b.blocks}
    for r in (r for r in rows if r["section"] == "block"):
        ra, rb = r["a"], r["b"]
        brows.append(
            [
                ra["id"] if ra else "",
                rb["id"] if rb else "",
                _pick(how_text, r["match"], lang),
                ra["rule_text"] if ra else "",
                rb["rule_text"] if rb else "",
                eur(r["difference"]),
                limits_a[ra["id"]] if ra else "",
                limits_b[rb["id"]] if rb else "",
            ]
        )
    parts = ["\n".join(head), _t(lang, "Bouwblokken", "Blocks") + "\n" + align(brows, right=(5,))]
    for section, title in (
        ("time", _t(lang, "Tijdregels", "Time rules")),
        ("obligation", _t(lang, "Standaard SR-verplichting", "Default obligation")),
    ):
        srows = [[title, "A", "B", "≠"]]
        for r in (r for r in rows if r["section"] == section):
            mark = "" if r["match"] == "same" else _t(lang, "verschilt", "differs")
            srows.append([r["label"], r["a_text"] or "-", r["b_text"] or "-", mark])
        parts.append(align(srows))
    parts.append(
        _t(
            lang,
            "Koppeling: eerst op gelijke id; daarna blokken met dezelfde soort regel en categorie "
            "en een gelijkend Nederlands label (minstens de helft van de woorden gelijk).",
            "Matching: first by equal id; then blocks with the same rule kind and category and a "
            "similar Dutch label (at least half of the words in common).",
        )
    )
    ctx.out("\n\n".join(parts))
    return EXIT_OK


_VALUE_FIELDS = {
    "hours_per_week": "--hours-per-week",
    "start": "--start",
    "end": "--end",
    "age": "--age",
    "flags": "--flag",
    "internship_months": "--internship-months",
    "invoice_amount": "--invoice",
    "costs": "--costs",
    "agreed_amount": "--agreed",
    "hours": "--hours",
    "activities": "--activities",
    "days": "--days",
    "periods": "--periods",
    "months": "--months",
    "subsidy_end": "--subsidy-end",
    "fulltime_hours_per_week": "--fulltime-hours",
    "block": "--block",
}

_OBLIGATION_FIELDS = {
    "contract_value": "--contract-value",
    "labour_cost": "--labour-cost",
    "base": "--base",
    "percentage": "--percentage",
    "offered_percentage": "--offered-percentage",
    "threshold": "--threshold",
    "maximum": "--maximum",
    "contract_type": "--contract-type",
    "labour_share_percent": "--labour-share",
    "publication_date": "--publication-date",
    "contract_date": "--contract-date",
    "start": "--start",
    "end": "--end",
    "pso_level": "--pso-level",
    "min_per_contract_year": "--min-per-contract-year",
    "labour_cost_percentage": "--labour-cost",
}


def _validate(model: Any, data: dict[str, Any], fields: dict[str, str]) -> Any:
    """Validate command-line input, naming the option in the one-line error."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        loc = [p for p in err["loc"] if isinstance(p, str)]
        name = fields.get(loc[0], loc[0]) if loc else ""
        got = (
            f" (got {err['input']})"
            if "input" in err and not isinstance(err["input"], dict)
            else ""
        )
        cause = (err.get("ctx") or {}).get("error")
        msg = str(cause) if isinstance(cause, Exception) else err["msg"]
        if isinstance(cause, Exception):
            got = ""
        where = f"{name}: " if name else ""
        raise CliError(f"{where}{msg}{got}") from None


def _with_option(exc: BouwblokkenError, fields: dict[str, str]) -> CliError:
    """A library error whose ``field`` is a command-line option: name the option too."""
    field = getattr(exc, "field", None)
    text = str(exc)
    if isinstance(field, str) and field in fields:
        text += f" (option {fields[field]})"
    return CliError(text)


def valuation_to_dict(v: Valuation) -> dict[str, Any]:
    """The ``value --json`` shape."""
    return {
        "catalog": v.catalog,
        "fingerprint": f"sha256:{v.fingerprint}" if v.fingerprint else None,
        "block": v.block,
        "amount": _s(v.amount),
        "trail_nl": [ln.nl for ln in v.lines],
        "trail_en": [ln.en for ln in v.lines],
        "not_counted": [
            {"reason": nc.reason, "amount": _s(nc.amount), "text_nl": nc.nl, "text_en": nc.en}
            for nc in v.not_counted
        ],
    }


def cmd_value(ctx: _Ctx) -> int:
    a = ctx.args
    catalog = _load(ctx, a.catalog, a.on)
    data: dict[str, Any] = {"block": a.block}
    for field in _VALUE_FIELDS:
        if field == "block":
            continue
        value = getattr(a, field, None)
        if value is not None:
            data[field] = tuple(value) if field == "flags" else value
    activity: Activity = _validate(Activity, data, _VALUE_FIELDS)
    try:
        valuation = value_activity(activity, catalog)
    except BouwblokkenError as exc:
        raise _with_option(exc, _VALUE_FIELDS) from None
    if ctx.json:
        ctx.dump(valuation_to_dict(valuation))
    else:
        ctx.out(valuation.explain(ctx.lang))
        value = _t(ctx.lang, "Waarde", "Value")
        ctx.out(f"{value}: {format_eur(valuation.amount, lang=ctx.lang)}")
    return EXIT_OK


def _list_rules(ctx: _Ctx) -> int:
    rules = list_obligation_rules()
    lang = ctx.lang
    if ctx.json:
        ctx.dump([r.model_dump(mode="json") for r in rules])
        return EXIT_OK
    rows = [
        [
            _t(lang, "Naam", "Name"),
            _t(lang, "Opdrachtgever", "Buyer"),
            "%",
            _t(lang, "Drempel", "Threshold"),
            _t(lang, "Betrouwbaarheid", "Reliability"),
        ]
    ]
    for r in rules:
        rows.append(
            [
                r.id,
                r.issuer,
                "-" if r.percentage is None else _num(r.percentage, lang),
                _t(lang, "Europese drempel", "EU threshold")
                if r.threshold_follows_eu
                else ("-" if r.threshold is None else format_eur(r.threshold, lang=lang)),
                r.reliability,
            ]
        )
    ctx.out(align(rows, right=(2, 3)))
    return EXIT_OK


def cmd_obligation(ctx: _Ctx) -> int:
    a = ctx.args
    if a.list_rules:
        return _list_rules(ctx)
    data: dict[str, Any] = {"id": a.tender_id}
    for field in _OBLIGATION_FIELDS:
        value = getattr(a, field, None)
        if value is not None and field != "labour_cost_percentage":
            data[field] = value
    if a.rules:
        data["rules"] = a.rules
    tender: Tender = _validate(Tender, data, _OBLIGATION_FIELDS)
    catalog: Catalog | None = None
    if a.catalog:
        cid, _, edition = a.catalog.partition("@")
        if edition:
            catalog = ctx.registry.load(cid, edition=edition)
        else:
            basis = ctx.registry.editions(cid)[-1].effective_basis
            catalog = ctx.registry.load(cid, on=a.on or tender.judged_on(basis))
    try:
        ob = compute_obligation(tender, catalog)
    except BouwblokkenError as exc:
        raise _with_option(exc, _OBLIGATION_FIELDS) from None
    if ctx.json:
        ctx.dump(
            {
                "amount": _s(ob.amount),
                "applies": ob.applies,
                "source": ob.rules_source,
                "explanation_nl": [ln.nl for ln in ob.lines],
                "explanation_en": [ln.en for ln in ob.lines],
            }
        )
    else:
        ctx.out(ob.explain(ctx.lang))
    return EXIT_OK


def _record_with_block(ledger: Ledger, block_id: str) -> str | None:
    """Name the first activity that uses ``block_id`` (for an error that names no record)."""
    for t in ledger.tenders:
        for i, a in enumerate(t.activities):
            if a.block == block_id:
                return f"tender {t.id!r} activity {a.id or '#' + str(i + 1)!r}"
    return None


def cmd_evaluate(ctx: _Ctx) -> int:
    path: Path = ctx.args.ledger
    try:
        ledger = read_ledger(path)
    except MoneyError as exc:
        # An amount refused inside validation (e.g. 3 decimals) carries no file: add it.
        raise CliError(f"{path}: {exc}") from None
    try:
        result = evaluate(ledger, as_of=ctx.args.as_of, registry=ctx.registry)
    except UnknownBlockError as exc:
        record = exc.record or _record_with_block(ledger, exc.block_id)
        raise CliError(f"{path}: {record + ': ' if record else ''}{exc}") from None
    except BouwblokkenError as exc:
        raise CliError(f"{path}: {exc}") from None
    if ctx.json:
        ctx.out(write_result(result))
    else:
        ctx.out(result.table(ctx.lang))
    return EXIT_OK


def cmd_optimise(ctx: _Ctx) -> int:
    from bouwblokken.optimize.plan import optimise, read_plan_request

    request = read_plan_request(ctx.args.options)
    result = optimise(request, registry=ctx.registry)
    if ctx.json:
        ctx.dump(result.to_dict())
    else:
        ctx.out(result.table(ctx.lang))
    return EXIT_OK


# ---------------------------------------------------------------------------------------------
# The parser.

_FMT = argparse.RawDescriptionHelpFormatter

_MAIN_EPILOG = """\
examples:
  bouwblokken catalogs
  bouwblokken show haaglanden
  bouwblokken compare haaglanden leiden --lang en
  bouwblokken value haaglanden --block participatiewet --hours-per-week 24 \\
      --start 2025-01-01 --end 2025-06-30
  bouwblokken obligation --contract-value 1000000 --catalog haaglanden
  bouwblokken evaluate examples/ledger.json --as-of 2025-06-30
  bouwblokken --json value haaglanden --block participatiewet --hours-per-week 24 \\
      --start 2025-01-01 --end 2025-06-30

Terms: a "bouwblok" (building block) is one item of a region's menu of social-return efforts;
its "inspanningswaarde" (effort value) is what it counts for. The "SR-verplichting" (social-
return obligation) is the amount a supplier must reach, usually 5% of the contract value.

Exit status: 0 done, 2 bad input (one line on stderr naming the file, record and field).
"""


def _global_options(parser: argparse.ArgumentParser, *, sub: bool) -> None:
    prefix = "sub_" if sub else ""
    parser.add_argument(
        "--lang",
        choices=("nl", "en"),
        dest=f"{prefix}lang",
        default=None if sub else "nl",
        help="language of the output: nl (default, € 13.223,74) or en (€13,223.74)",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        dest=f"{prefix}json",
        default=False,
        help="print JSON for programs (exact amounts as strings); shapes in docs/cli.md",
    )
    parser.add_argument(
        "--catalog-dir",
        action="append",
        type=Path,
        metavar="DIR",
        dest=f"{prefix}catalog_dir",
        help="an extra folder of catalogs (DIR/<id>/<edition>.toml) besides the shipped ones; "
        "may be repeated",
    )


def _sub(
    subs: Any, name: str, help_text: str, description: str, epilog: str, **kw: Any
) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = subs.add_parser(
        name,
        help=help_text,
        description=textwrap.fill(description, 79),
        epilog=epilog,
        formatter_class=_FMT,
        **kw,
    )
    _global_options(p, sub=True)
    return p


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``bouwblokken`` (exposed for documentation and tests)."""
    parser = _Parser(
        prog="bouwblokken",
        description="Exact, explainable social-return (SROI) bouwblokken: regional catalogs of "
        "building blocks, valuations, obligations, ledgers and plans.",
        epilog=_MAIN_EPILOG,
        formatter_class=_FMT,
    )
    parser.add_argument("--version", action="version", version=f"bouwblokken {__version__}")
    _global_options(parser, sub=False)
    subs = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = _sub(
        subs,
        "catalogs",
        "list the catalog editions",
        "List every catalog edition (regional menu of building blocks): id@edition, title, the "
        "period it is in force, which tender date decides that (contract or publication date), "
        "and whether its source was verified.",
        "examples:\n  bouwblokken catalogs\n  bouwblokken catalogs --lang en --json\n"
        "  bouwblokken catalogs --catalog-dir ./my-catalogs",
    )
    p.set_defaults(func=cmd_catalogs)

    p = _sub(
        subs,
        "show",
        "show one catalog edition",
        "Show one catalog edition: its blocks (id, Dutch label, category, rule and amount, "
        "'duur van meetellen' = how long one person may count), bonuses, share caps, time "
        "rules, the default obligation ('SR-verplichting') and the sources. Items marked * are "
        "unverified (the source is unclear).",
        "examples:\n  bouwblokken show haaglanden\n  bouwblokken show haaglanden@2023-07\n"
        "  bouwblokken show oost_nederland --on 2024-03-01 --lang en\n"
        "  bouwblokken show leiden --json",
    )
    p.add_argument("catalog", metavar="ID[@EDITION]", help="catalog id, optionally @edition")
    p.add_argument("--on", type=_date, metavar="DATE", help="the edition in force on DATE")
    p.set_defaults(func=cmd_show)

    p = _sub(
        subs,
        "compare",
        "compare two editions or two regions block by block",
        "Compare two catalogs block by block. Blocks are matched by id first; blocks with "
        "different ids (two regions) are matched when their rule kind and category are the "
        "same and their "
        "Dutch labels are similar (at least half of the words of the shorter label, small "
        "words left out, occur in the other). Unmatched blocks are shown as 'alleen in A' / "
        "'alleen in B' (only in A/B). Amount differences are B − A. Time rules and the default "
        "obligation are compared too.",
        "examples:\n  bouwblokken compare haaglanden leiden\n"
        "  bouwblokken compare haaglanden@2023-07 leiden@2023-09 --lang en\n"
        "  bouwblokken compare utrecht oost_nederland --json",
    )
    p.add_argument("a", metavar="A", help="catalog id[@edition]")
    p.add_argument("b", metavar="B", help="catalog id[@edition]")
    p.add_argument("--on", type=_date, metavar="DATE", help="editions in force on DATE")
    p.set_defaults(func=cmd_compare)

    p = _sub(
        subs,
        "value",
        "value one activity and print the trail",
        "Value one activity (one use of one building block) under a catalog edition and print "
        "every step: the block value per full-time year × hours per week ÷ the reference week × "
        "counted duration ÷ one year, bonuses, and what does not count and why. Which inputs a "
        "block needs depends on its rule (see 'bouwblokken show ID').",
        "examples:\n"
        "  bouwblokken value haaglanden --block participatiewet --hours-per-week 24 \\\n"
        "      --start 2025-01-01 --end 2025-06-30\n"
        "  bouwblokken value haaglanden --block ww --hours-per-week 36 --start 2025-01-01 \\\n"
        "      --end 2025-12-31 --age 56 --lang en\n"
        "  bouwblokken value leiden --block sw_bedrijf --invoice 1234.56 --json\n"
        "  bouwblokken value oost_nederland --block werkervaringsplaats --months 3",
    )
    p.add_argument("catalog", metavar="ID[@EDITION]", help="catalog id, optionally @edition")
    p.add_argument("--block", required=True, metavar="B", help="the block id (bouwblok)")
    p.add_argument(
        "--on", type=_date, metavar="DATE", help="edition in force on DATE (default: latest)"
    )
    g = p.add_argument_group("inputs (give those the block's rule needs)")
    g.add_argument(
        "--hours-per-week",
        dest="hours_per_week",
        type=_number,
        metavar="H",
        help="hours per week (counted up to the catalog's full-time week)",
    )
    g.add_argument("--start", type=_date, metavar="DATE", help="first day")
    g.add_argument("--end", type=_date, metavar="DATE", help="last day (inclusive)")
    g.add_argument("--age", type=_int, metavar="N", help="age on the reference date (peildatum)")
    g.add_argument(
        "--flag",
        dest="flags",
        action="append",
        choices=get_args(Flag),
        metavar="FLAG",
        help="a yes/no fact for bonuses, repeatable: " + ", ".join(get_args(Flag)),
    )
    g.add_argument(
        "--internship-months",
        dest="internship_months",
        type=_int,
        metavar="N",
        help="months of internship before hiring (for an after-internship bonus)",
    )
    g.add_argument(
        "--invoice",
        dest="invoice_amount",
        type=_amount,
        metavar="EUR",
        help="invoice amount excl. VAT (btw), for purchase blocks",
    )
    g.add_argument("--costs", type=_amount, metavar="EUR", help="costs actually incurred")
    g.add_argument(
        "--agreed",
        dest="agreed_amount",
        type=_amount,
        metavar="EUR",
        help="amount agreed with the SR adviser ('in overleg')",
    )
    g.add_argument("--hours", type=_number, metavar="H", help="hours spent or worked")
    g.add_argument("--activities", type=_int, metavar="N", help="number of activities")
    g.add_argument("--days", type=_int, metavar="N", help="number of days (per-day maximum)")
    g.add_argument(
        "--periods",
        type=_number,
        metavar="N",
        help="number of periods (leerwerkjaar = learning-work year, stage = internship)",
    )
    g.add_argument("--months", type=_number, metavar="N", help="number of months (undated)")
    g.add_argument(
        "--subsidy-end",
        dest="subsidy_end",
        type=_date,
        metavar="DATE",
        help="last day of the wage-cost subsidy (loonkostensubsidie)",
    )
    g.add_argument(
        "--fulltime-hours",
        dest="fulltime_hours_per_week",
        type=_number,
        metavar="H",
        help="the supplier's own full-time week, where the catalog measures by it",
    )
    p.set_defaults(func=cmd_value)

    p = _sub(
        subs,
        "obligation",
        "compute a tender's social-return obligation",
        "Compute the social-return obligation (SR-verplichting) of one tender: percentage × "
        "contract value excl. VAT (opdrachtwaarde) or labour cost (loonsom), zero below the "
        "threshold (drempelbedrag), cut at a maximum, reduced or waived by a PSO certificate "
        "(Prestatieladder Socialer Ondernemen). Defaults come from a catalog (--catalog) or a "
        "published rule set (--rules; list them with --list-rules); options here override them.",
        "examples:\n"
        "  bouwblokken obligation --contract-value 1000000 --catalog haaglanden\n"
        "  bouwblokken obligation --contract-value 1000000 --rules schiedam \\\n"
        "      --contract-type works --lang en\n"
        "  bouwblokken obligation --contract-value 500000 --percentage 5\n"
        "  bouwblokken obligation --contract-value 1000000 --catalog oost_nederland "
        "--pso-level trede_2\n"
        "  bouwblokken obligation --list-rules",
    )
    src = p.add_mutually_exclusive_group()
    src.add_argument("--catalog", metavar="ID[@EDITION]", help="take the defaults of a catalog")
    src.add_argument("--rules", metavar="NAME", help="take a published rule set by name")
    src.add_argument(
        "--list-rules",
        dest="list_rules",
        action="store_true",
        help="list the published rule sets and stop",
    )
    p.add_argument(
        "--tender-id",
        dest="tender_id",
        default="tender",
        metavar="ID",
        help="name of the tender in the output",
    )
    p.add_argument(
        "--contract-value",
        dest="contract_value",
        type=_amount,
        metavar="EUR",
        help="contract value excl. VAT (opdrachtwaarde)",
    )
    p.add_argument(
        "--labour-cost",
        dest="labour_cost",
        type=_amount,
        metavar="EUR",
        help="labour-cost component (loonsom)",
    )
    p.add_argument(
        "--base", choices=("contract_value", "labour_cost"), help="what the percentage is taken of"
    )
    p.add_argument("--percentage", type=_number, metavar="PCT", help="obligation percentage")
    p.add_argument(
        "--offered-percentage",
        dest="offered_percentage",
        type=_number,
        metavar="PCT",
        help="percentage offered by the bidder, where the rules allow an offer",
    )
    p.add_argument("--threshold", type=_amount, metavar="EUR", help="override the threshold")
    p.add_argument("--maximum", type=_amount, metavar="EUR", help="override the maximum")
    p.add_argument(
        "--min-per-contract-year",
        dest="min_per_contract_year",
        type=_amount,
        metavar="EUR",
        help="minimum value per contract year",
    )
    p.add_argument(
        "--contract-type",
        dest="contract_type",
        choices=("works", "services", "supplies"),
        help="works (werken), services (diensten) or supplies (leveringen)",
    )
    p.add_argument(
        "--labour-share",
        dest="labour_share_percent",
        type=_number,
        metavar="PCT",
        help="labour share of the contract in percent",
    )
    p.add_argument(
        "--pso-level",
        dest="pso_level",
        metavar="LEVEL",
        help="the main contractor's PSO level, e.g. trede_2",
    )
    p.add_argument("--start", type=_date, metavar="DATE", help="contract start")
    p.add_argument("--end", type=_date, metavar="DATE", help="contract end (inclusive)")
    p.add_argument(
        "--contract-date",
        dest="contract_date",
        type=_date,
        metavar="DATE",
        help="award/contract date (gunningsdatum); picks the catalog edition",
    )
    p.add_argument(
        "--publication-date",
        dest="publication_date",
        type=_date,
        metavar="DATE",
        help="tender publication date; picks the edition where the catalog says so",
    )
    p.add_argument(
        "--on", type=_date, metavar="DATE", help="use the catalog edition in force on DATE"
    )
    p.set_defaults(func=cmd_obligation)

    p = _sub(
        subs,
        "evaluate",
        "evaluate a ledger document",
        "Evaluate a ledger document (bouwblokken.ledger/1: a supplier's tenders and their "
        "activities): each tender's obligation, what counts (realised and forecast), what does "
        "not count and why, and warnings.",
        "examples:\n  bouwblokken evaluate examples/ledger.json\n"
        "  bouwblokken evaluate examples/ledger.json --as-of 2025-06-30 --lang en\n"
        "  bouwblokken --json evaluate examples/ledger.json > result.json",
    )
    p.add_argument("ledger", type=_existing_file, metavar="LEDGER.json")
    p.add_argument(
        "--as-of",
        dest="as_of",
        type=_date,
        metavar="DATE",
        help="reporting date (peildatum): realised days after it do not count yet",
    )
    p.set_defaults(func=cmd_evaluate)

    p = _sub(
        subs,
        "optimise",
        "find the cheapest plan of blocks that meets an obligation",
        "Find the plan of building blocks that reaches the obligation at the lowest cost to the "
        "supplier, from an options document (bouwblokken.options/1), with alternatives.",
        "examples:\n  bouwblokken optimise examples/options.json\n"
        "  bouwblokken optimize examples/options.json --lang en --json",
        aliases=["optimize"],
    )
    p.add_argument("options", type=_existing_file, metavar="OPTIONS.json")
    p.set_defaults(func=cmd_optimise)
    return parser


def _one_line(text: str) -> str:
    return " ".join(text.split())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 done, 2 bad input)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except _UsageError as exc:
        sys.stderr.write(f"{_one_line(str(exc))}\n")
        return EXIT_BAD_INPUT
    except SystemExit as exc:  # --help, --version
        return exc.code if isinstance(exc.code, int) else 0
    ctx = _Ctx(args)
    func: Callable[[_Ctx], int] = args.func
    try:
        return func(ctx)
    except (CliError, BouwblokkenError) as exc:
        message = str(exc)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        cause = (err.get("ctx") or {}).get("error")
        reason = str(cause) if isinstance(cause, Exception) else err["msg"]
        message = f"{'.'.join(str(p) for p in err['loc'])}: {reason}"
    except OSError as exc:
        message = f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": ")
    sys.stderr.write(f"bouwblokken {args.command}: error: {_one_line(message)}\n")
    return EXIT_BAD_INPUT


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
