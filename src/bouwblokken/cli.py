"""The command line: ``bouwblokken`` (also ``python -m bouwblokken``).

Subcommands: ``catalogs``, ``show``, ``compare``, ``value``, ``obligation``, ``evaluate``,
``optimise`` (alias ``optimize``) and ``template``; see ``docs/cli.md``. Help and usage errors
are Dutch unless ``--lang en`` is on the command line (:mod:`bouwblokken.cli_help`). Global
options (``--lang``, ``--json``, ``--catalog-dir``) may stand before or after the subcommand.

Exit status (docs/cli.md): 0 done; 1 the obligation is not met (``evaluate --check``) or no
plan can meet it (``optimise``); 2 bad input (an unknown block, a bad date or number, a file
that is missing or does not follow its format); 130 interrupted (Ctrl-C, one line). Bad input
is reported as ONE line on stderr that names the file, record and field or the option — never
a traceback; with ``--json`` as one JSON object (``docs/errors.md``). ``-`` for a document
reads it from standard input.
Numbers, dates and words from the command line are read by :mod:`bouwblokken.parse`: exactly
(``Decimal`` from the text, never float) and the Dutch way (``2.400.000,00``, ``22,5``,
``01-05-2025``, ``diensten``); an amount with more than two decimals is refused, not rounded.
The comparison is :mod:`bouwblokken.compare`; this module only prints it.
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
    Block,
    Bonus,
    Catalog,
    Flag,
    ObligationRules,
    TimeRules,
)
from bouwblokken.catalog.registry import Registry, _shipped_folder
from bouwblokken.cli_help import error_nl, translate
from bouwblokken.compare import compare
from bouwblokken.display.catalog import (
    _condition_text,
    _d,
    _limit_key,
    _s,
    _t,
    _yes,
    bonus_amount_text,
    catalog_text,
    limit_text,
    obligation_items,
    rule_text,
    time_items,
)
from bouwblokken.display.text import align
from bouwblokken.documents import in_ledger, in_options, read_ledger, write_result
from bouwblokken.errors import BouwblokkenError, MoneyError
from bouwblokken.i18n import label, text, validation_text
from bouwblokken.ledger import Ledger, evaluate
from bouwblokken.money import LANGS, Lang, format_eur, format_percent
from bouwblokken.money import format_exact as _num
from bouwblokken.obligation import compute_obligation, list_obligation_rules
from bouwblokken.parse import parse_amount, parse_date, parse_number, parse_word
from bouwblokken.tender import Tender
from bouwblokken.valuation import Valuation, value_activity

__all__ = ["main"]

EXIT_OK = 0
EXIT_NOT_MET = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130
EXIT_INTERNAL = 70
"""A bug in the library (EX_SOFTWARE): one line on stderr, never a traceback."""
STDIN = "-"


class CliError(BouwblokkenError):
    """Bad input found by the command line itself; the message is the one line shown."""

    code = "cli"


class _UsageError(CliError):
    """An argparse usage error (unknown option, bad value), raised instead of exiting."""

    code = "cli.usage"


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing usage and exiting, so errors stay one line."""

    def error(self, message: str) -> NoReturn:
        nl = f"{self.prog}: fout: {error_nl(message)} (zie {self.prog} --help)"
        en = f"{self.prog}: error: {message} (see {self.prog} --help)"
        raise _UsageError(nl if getattr(self, "lang", "nl") == "nl" else en).locate(en=en, nl=nl)


# ---------------------------------------------------------------------------------------------
# Exact argument types.


def _date(text: str) -> date:
    try:
        return parse_date(text)
    except MoneyError:
        raise argparse.ArgumentTypeError(
            f"verwacht een datum zoals 01-05-2025, 1 mei 2025 of 2025-05-01, kreeg {text!r}"
        ) from None


def _exact(parse: Callable[[str], Decimal], what: str) -> Callable[[str], Decimal]:
    def run(text: str) -> Decimal:
        try:
            return parse(text)
        except MoneyError as exc:
            raise argparse.ArgumentTypeError(f"{what}: {exc}") from None

    run.__name__ = what
    return run


_amount = _exact(parse_amount, "bedrag")
_number = _exact(parse_number, "getal")


def _word(kind: str) -> Callable[[str], str]:
    def run(text: str) -> str:
        try:
            return parse_word(kind, text)
        except MoneyError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    run.__name__ = kind
    return run


def _int(text: str) -> int:
    if not re.fullmatch(r"\s*-?\d+\s*", text):
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}")
    return int(text)


def _existing_file(text: str) -> Path:
    return Path(text)


# ---------------------------------------------------------------------------------------------
# Small formatting helpers.


# ---------------------------------------------------------------------------------------------
# ``compare``: the library's comparison (bouwblokken.compare) as rows and text.


def _block_summary(block: Block | None, lang: Lang) -> dict[str, Any] | None:
    if block is None:
        return None
    amount = block.fixed_amount
    return {
        "id": block.id,
        "label_nl": block.label_nl,
        "label_en": block.label_en,
        "category": block.category,
        "rule": block.rule.kind,
        "amount": None if amount is None else _s(amount),
        "rule_text": rule_text(block, lang),
        "counting_limit": _limit_key(block),
        "limit_text": limit_text(block, lang),
        "verified": block.verified and block.rule.verified,
    }


def _bonus_summary(bonus: Bonus | None, lang: Lang) -> dict[str, Any] | None:
    if bonus is None:
        return None
    return {
        "id": bonus.id,
        "label_nl": bonus.label_nl,
        "amount": None if bonus.amount is None else _s(bonus.amount),
        "amount_text": bonus_amount_text(bonus, lang),
        "unit": bonus.unit,
        "condition": _condition_text(bonus, lang),
        "verified": bonus.verified,
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
    if key.startswith("percentage_"):
        return data["percentage_by_contract_type"].get(key.removeprefix("percentage_"))
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
    """The rows of ``compare --json``: blocks (matched by :func:`bouwblokken.compare.compare`),
    bonuses, share caps, then time rules and obligation defaults."""
    cmp = compare(a, b)
    rows: list[dict[str, Any]] = []
    for p in cmp.blocks:
        x, y = p.a, p.b
        key = (x or y).id if x is None or y is None or x.id == y.id else f"{x.id}~{y.id}"  # type: ignore[union-attr]
        diff = p.difference
        rows.append(
            {
                "section": "block",
                "key": key,
                "match": p.how,
                "note": p.note or None,
                "a": _block_summary(x, lang),
                "b": _block_summary(y, lang),
                "difference": None if diff is None else _s(diff),
                "same_counting_limit": p.same_limit,
            }
        )
    for bp in cmp.bonuses:
        diff = bp.difference
        rows.append(
            {
                "section": "bonus",
                "key": "~".join(x.id for x in (bp.a, bp.b) if x is not None),
                "match": "condition" if bp.a and bp.b else ("only_a" if bp.a else "only_b"),
                "a": _bonus_summary(bp.a, lang),
                "b": _bonus_summary(bp.b, lang),
                "difference": None if diff is None else _s(diff),
            }
        )
    for cp in cmp.share_caps:
        rows.append(
            {
                "section": "share_cap",
                "key": "~".join(x.id for x in (cp.a, cp.b) if x is not None),
                "match": "same" if cp.a and cp.b else ("only_a" if cp.a else "only_b"),
                "a": None if cp.a is None else _s(cp.a.max_share_percent),
                "b": None if cp.b is None else _s(cp.b.max_share_percent),
                "difference": None,
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
            text("catalog", lang),
            text("title", lang),
            text("effective_from", lang),
            _t(lang, "Geldig t/m", "Effective until"),
            _t(lang, "Basis", "Basis"),
            text("verified", lang),
        ]
    ]
    for i in infos:
        rows.append(
            [
                i.key,
                _t(lang, i.title_nl, i.title_en),
                _d(i.effective_from, lang),
                _d(i.effective_until, lang, open_end=True),
                label("basis", i.effective_basis, lang),
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
    ctx.out(catalog_text(c, lang=ctx.lang))
    return EXIT_OK


def _wrap(line: str, width: int = 100, indent: str = "      ") -> str:
    return textwrap.fill(line, width, subsequent_indent=indent, break_long_words=False)


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

    only = {"only_a": f"alleen in {a.key}", "only_b": f"alleen in {b.key}"}
    only_en = {"only_a": f"only in {a.key}", "only_b": f"only in {b.key}"}
    head = [
        "A: " + a.key + "  " + _t(lang, a.title_nl, a.title_en),
        "B: " + b.key + "  " + _t(lang, b.title_nl, b.title_en),
    ]
    lines = [_t(lang, "Bouwblokken (B − A)", "Blocks (B − A)")]
    for r in (r for r in rows if r["section"] == "block"):
        ra, rb = r["a"], r["b"]
        if ra is None or rb is None:
            side = ra or rb
            where = (only if lang == "nl" else only_en)[r["match"]]
            text = f"{side['id']}: {where} ({side['rule_text']}; {side['limit_text']})"
            if r.get("note"):
                text += f" — {r['note']}"
            lines.append(_wrap("  " + text))
            continue
        how = label("match", r["match"], lang)
        name = ra["id"] if ra["id"] == rb["id"] else f"{ra['id']} → {rb['id']}"
        diff = f"  B − A {eur(r['difference'])}" if r["difference"] is not None else ""
        lines.append(_wrap(f"  {name} [{how}]{diff}"))
        lines.append(_wrap(f"      A: {ra['rule_text']}; {ra['limit_text']}"))
        lines.append(_wrap(f"      B: {rb['rule_text']}; {rb['limit_text']}"))
        if r.get("note"):
            lines.append(_wrap(f"      {r['note']}"))
    parts = ["\n".join(head), "\n".join(lines)]
    blines = [_t(lang, "Bonussen (B − A)", "Bonuses (B − A)")]
    for r in (r for r in rows if r["section"] == "bonus"):
        for side, key in (("A", "a"), ("B", "b")):
            x = r[key]
            text = (
                "-"
                if x is None
                else f"{x['label_nl']}: {x['amount_text']} "
                f"{label('bonus_unit', x['unit'], lang)} ({x['condition']})"
            )
            blines.append(_wrap(f"  {side}: {text}"))
        if r["difference"] is not None:
            blines.append(f"     B − A {eur(r['difference'])}")
    if len(blines) > 1:
        parts.append("\n".join(blines))
    for section, title in (
        ("time", _t(lang, "Tijdregels", "Time rules")),
        ("obligation", _t(lang, "Standaard SR-verplichting", "Default obligation")),
    ):
        srows = [[title, "A", "B", "≠"]]
        for r in (r for r in rows if r["section"] == section):
            mark = "" if r["match"] == "same" else _t(lang, "verschilt", "differs")
            srows.append([r["label"], _cut(r["a_text"] or "-"), _cut(r["b_text"] or "-"), mark])
        parts.append(align(srows))
    parts.append(
        _wrap(
            _t(
                lang,
                "Koppeling: eerst de koppeltabel van de twee regio's (catalogs/mappings), dan "
                "gelijke id, dan dezelfde doelgroep met dezelfde categorie en soort regel; "
                "past er meer dan één blok, dan beslist alleen een koppeltabel.",
                "Matching: first the regions' mapping file (catalogs/mappings), then equal id, "
                "then the same target group with the same category and rule kind; where more "
                "than one block fits, only a mapping file decides.",
            ),
            indent="",
        )
    )
    ctx.out("\n\n".join(parts))
    return EXIT_OK


def _cut(text: str, width: int = 26) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


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
    "birth_date": "--birth-date",
    "benefit_months": "--benefit-months",
    "registered_months": "--registered-months",
    "last_worked_for_employer": "--last-worked",
    "left_target_group": "--left-target-group",
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


def _validate(model: Any, data: dict[str, Any], fields: dict[str, str], lang: Lang = "nl") -> Any:
    """Validate command-line input, naming the option in the one-line error."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        loc = [p for p in err["loc"] if isinstance(p, str)]
        name = fields.get(loc[0], loc[0]) if loc else ""
        cause = (err.get("ctx") or {}).get("error")

        def line(lang: Lang) -> str:
            got_word = "kreeg" if lang == "nl" else "got"
            got = (
                f" ({got_word} {err['input']})"
                if "input" in err and not isinstance(err["input"], dict)
                else ""
            )
            if isinstance(cause, Exception):
                got = ""
            where = f"{name}: " if name else ""
            return f"{where}{validation_text(err, lang)}{got}"

        raise CliError(line("en")).locate(nl=line("nl")) from None


def _with_option(exc: BouwblokkenError, fields: dict[str, str]) -> CliError:
    """A library error whose ``field`` is a command-line option: name the option too."""
    field = getattr(exc, "field", None)
    en, nl = str(exc), exc.describe("nl")
    if isinstance(field, str) and field in fields:
        en += f" (option {fields[field]})"
        nl += f" (optie {fields[field]})"
    wrapped = CliError(en)
    wrapped.locate(code=exc.code, pointer=exc.pointer, nl=nl)
    return wrapped


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
    activity: Activity = _validate(Activity, data, _VALUE_FIELDS, ctx.lang)
    try:
        valuation = value_activity(activity, catalog, peildatum=a.peildatum)
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
    tender: Tender = _validate(Tender, data, _OBLIGATION_FIELDS, ctx.lang)
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


def _document(path: Path) -> tuple[Path | bytes, str]:
    """A document argument: a path, or ``-`` for standard input (read up to the size limit)."""
    if str(path) == STDIN:
        from bouwblokken.documents import MAX_DOCUMENT_BYTES

        return sys.stdin.buffer.read(MAX_DOCUMENT_BYTES + 1), "<stdin>"
    return path, str(path)


def _in_file(exc: BouwblokkenError, label: str) -> BouwblokkenError:
    """``exc`` with the document it is about (an error raised past reading names no file)."""
    if exc.file is None:
        exc.locate(file=label)
    return exc


def _read_any_ledger(source: Path | bytes, name: str) -> Ledger:
    """A ledger from JSON (a file or standard input), or from a workbook (``.xlsx``) in the
    template's layout."""
    if isinstance(source, Path) and source.suffix.lower() in (".xlsx", ".xlsm"):
        from bouwblokken.excel import read_ledger as read_xlsx

        return read_xlsx(source)
    return read_ledger(source, name=name)


def cmd_template(ctx: _Ctx) -> int:
    from bouwblokken.excel import write_ledger_template, write_options_template

    path: Path = ctx.args.path
    if ctx.args.options:
        write_options_template(path, lang=ctx.lang)
    else:
        write_ledger_template(path, lang=ctx.lang)
    ctx.out(_t(ctx.lang, f"Sjabloon geschreven: {path}", f"Template written: {path}"))
    return EXIT_OK


def _under(ctx: _Ctx, ledger: Ledger) -> list[Any]:
    from bouwblokken.compare import value_under

    refs = list(ctx.args.under or [])
    if not refs:
        return []
    own = [t.catalog for t in ledger.tenders if t.catalog]
    first = own[0] if own else refs[0]
    return value_under(ledger, [first, *refs], as_of=ctx.args.as_of, registry=ctx.registry)


def _under_text(valued: list[Any], lang: Lang) -> str:
    rows = [[text("catalog", lang), text("tender", lang), text("obligation", lang),
             text("counted", lang), text("remaining", lang), "%"]]  # fmt: skip
    notes = []
    for v in valued:
        if v.result is None:
            continue
        for t in v.result.tenders:
            f = t.forecast
            pct = f.percentage
            rows.append(
                [v.catalog.key, t.tender.id, format_eur(f.obligation, lang=lang),
                 format_eur(f.counted, lang=lang), format_eur(f.remaining, lang=lang),
                 "-" if pct is None else format_percent(pct, lang=lang)]
            )  # fmt: skip
        for r in v.rows:
            if r.block is None:
                notes.append(f"  - {v.catalog.key}: {r.activity.id or r.activity.block}: {r.note}")
            elif r.block != r.activity.block:
                notes.append(
                    f"  - {v.catalog.key}: {r.activity.id or r.activity.block}: "
                    f"{r.activity.block} → {r.block} ({label('match', r.how, lang)})"
                )
    head = _t(lang, "Hetzelfde plan onder andere catalogi (prognose)",
              "The same plan under other catalogs (forecast)")  # fmt: skip
    out = head + "\n" + align(rows, right=(2, 3, 4, 5))
    if notes:
        out += "\n" + _t(lang, "Koppeling:", "Matching:") + "\n" + "\n".join(notes)
    return out


def cmd_evaluate(ctx: _Ctx) -> int:
    source, name = _document(ctx.args.ledger)
    ledger = _read_any_ledger(source, name)
    try:
        result = evaluate(ledger, as_of=ctx.args.as_of, registry=ctx.registry)
    except BouwblokkenError as exc:
        raise _in_file(in_ledger(exc, ledger), name) from None
    valued = _under(ctx, ledger)
    if ctx.args.excel is not None:
        from bouwblokken.excel import write_result as write_xlsx

        write_xlsx(result, ctx.args.excel, lang=ctx.lang, comparison=valued or None)
    if ctx.args.csv is not None:
        ctx.args.csv.write_text(result.to_csv(ctx.lang), encoding="utf-8-sig")
    if ctx.json:
        ctx.out(write_result(result))
    else:
        ctx.out(result.table(ctx.lang))
        if valued:
            ctx.out("\n" + _under_text(valued, ctx.lang))
    if ctx.args.check and not all(t.forecast.met for t in result.tenders):
        return EXIT_NOT_MET
    return EXIT_OK


def cmd_optimise(ctx: _Ctx) -> int:
    from bouwblokken.optimize.plan import optimise, read_plan_request

    source, name = _document(ctx.args.options)
    if isinstance(source, Path) and source.suffix.lower() in (".xlsx", ".xlsm"):
        from bouwblokken.excel import read_options

        request = read_options(source)
    else:
        request = read_plan_request(source, name=name)
    try:
        result = optimise(request, registry=ctx.registry)
    except BouwblokkenError as exc:
        raise _in_file(in_options(exc, request), name) from None
    if ctx.json:
        ctx.dump(result.to_dict())
    else:
        ctx.out(result.table(ctx.lang))
    return EXIT_OK if result.best is not None else EXIT_NOT_MET


def cmd_gunning(ctx: _Ctx) -> int:
    """The tender stage: the bids valued under the tender's catalog and, with ``--formulas``,
    ranked under every formula with the trail of each score (``bouwblokken.award``)."""
    from bouwblokken.award import compare_bids, compare_formulas, load_formulas, read_bids
    from bouwblokken.award.bids import with_jury_points
    from bouwblokken.award.document import award_document, comparison_document
    from bouwblokken.award.table import comparison_table, report

    doc = read_bids(ctx.args.bids)
    bids = doc.bids
    if ctx.args.jury is not None:
        from bouwblokken.award.excel import read_jury_points

        bids = with_jury_points(bids, read_jury_points(ctx.args.jury), source=str(ctx.args.jury))
    try:
        comparison = compare_bids(doc.tender, bids, registry=ctx.registry)
    except BouwblokkenError as exc:
        raise _in_file(exc, str(ctx.args.bids)) from None
    if ctx.args.formulas is None:
        if ctx.args.excel is not None:
            raise CliError("--excel needs --formulas (the workbook ranks the bids)").locate(
                nl="--excel vraagt --formulas (de werkmap zet de inschrijvingen in rangorde)"
            )
        if ctx.json:
            ctx.dump(comparison_document(comparison))
        else:
            ctx.out(comparison_table(comparison, lang=ctx.lang))
            ctx.out(
                _t(
                    ctx.lang,
                    "\nGeef --formulas FORMULES.toml voor de rangorde en de toelichting per score.",
                    "\nGive --formulas FORMULAS.toml for the ranking and the trail of each score.",
                )
            )
        return EXIT_OK
    formulas = load_formulas(ctx.args.formulas)
    try:
        fc = compare_formulas(formulas, comparison)
    except BouwblokkenError as exc:
        raise _in_file(exc, str(ctx.args.bids)) from None
    if ctx.args.excel is not None:
        from bouwblokken.award.excel import jury_workbook

        jury_workbook(fc, ctx.args.excel, lang=ctx.lang)
    if ctx.json:
        ctx.dump(award_document(fc))
    else:
        ctx.out(report(fc, lang=ctx.lang))
    return EXIT_OK


def cmd_serve(ctx: _Ctx) -> int:
    try:
        from bouwblokken.http import serve
    except ImportError as exc:
        raise CliError(
            f"the HTTP service needs the 'http' extra: pip install 'bouwblokken[http]' ({exc})"
        ).locate(
            nl=f"de HTTP-dienst vraagt de extra 'http': pip install 'bouwblokken[http]' ({exc})"
        ) from None
    serve(host=ctx.args.host, port=ctx.args.port, registry=ctx.registry)
    return EXIT_OK


# ---------------------------------------------------------------------------------------------
# The parser.

_FMT = argparse.RawDescriptionHelpFormatter

_MAIN_EPILOG = """\
examples:
  bouwblokken catalogs
  bouwblokken show haaglanden
  bouwblokken compare haaglanden leiden --lang en
  bouwblokken value haaglanden --block participatiewet --hours-per-week 22,5 \\
      --start 01-05-2025 --end 30-04-2026
  bouwblokken obligation --contract-value 2.400.000 --catalog haaglanden
  bouwblokken template ledger.xlsx
  bouwblokken evaluate ledger.xlsx --under leiden --excel resultaat.xlsx
  bouwblokken evaluate examples/ledger.json --as-of 2025-06-30
  bouwblokken --json value haaglanden --block participatiewet --hours-per-week 24 \\
      --start 2025-01-01 --end 2025-06-30

Terms: a "bouwblok" (building block) is one item of a region's menu of social-return efforts;
its "inspanningswaarde" (effort value) is what it counts for. The "SR-verplichting" (social-
return obligation) is the amount a supplier must reach, usually 5% of the contract value.

Exit status: 0 done, 1 not met (evaluate --check) or no plan (optimise), 2 bad input (one line
on stderr naming the file, record and field; --json: one JSON object), 130 interrupted.
"""


def _global_options(parser: argparse.ArgumentParser, *, sub: bool) -> None:
    prefix = "sub_" if sub else ""
    parser.add_argument(
        "--lang",
        choices=LANGS,
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


def build_parser(lang: Lang = "nl") -> argparse.ArgumentParser:
    """The argument parser of ``bouwblokken`` (exposed for documentation and tests), with its
    help in Dutch (default) or English (see :mod:`bouwblokken.cli_help`)."""
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
        "Compare two catalogs block by block. Blocks are paired by the regions' mapping file "
        "(catalogs/mappings), then by equal id, then by the same target group, category and "
        "rule kind; where more than one block fits, only a mapping file decides. Unmatched "
        "blocks are shown as 'alleen in A' / 'alleen in B'. Amount differences are B − A. "
        "Bonuses, counting limits, time rules and the default obligation are compared too.",
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
        type=_word("flag"),
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
    f = p.add_argument_group("facts judged on the peildatum (eligibility, age)")
    f.add_argument(
        "--peildatum",
        dest="peildatum",
        type=_date,
        metavar="DATE",
        help="the date age and status are judged on (mostly the award date); default: --start",
    )
    f.add_argument(
        "--birth-date",
        dest="birth_date",
        type=_date,
        metavar="DATE",
        help="birth date (instead of --age): the age is judged on the peildatum",
    )
    f.add_argument(
        "--benefit-months",
        dest="benefit_months",
        type=_int,
        metavar="N",
        help="months on benefit on the peildatum (blocks split by benefit duration)",
    )
    f.add_argument(
        "--registered-months",
        dest="registered_months",
        type=_int,
        metavar="N",
        help="months registered as unemployed jobseeker on the peildatum",
    )
    f.add_argument(
        "--last-worked",
        dest="last_worked_for_employer",
        type=_date,
        metavar="DATE",
        help="last day the person worked for the same employer before (WW rule)",
    )
    f.add_argument(
        "--left-target-group",
        dest="left_target_group",
        type=_date,
        metavar="DATE",
        help="day the person left the target group (status kept for a number of months)",
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
        default="aanbesteding" if lang == "nl" else "tender",
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
        "--base",
        type=_word("base"),
        metavar="BASE",
        help="what the percentage is taken of: opdrachtwaarde or loonsom",
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
        type=_word("contract_type"),
        metavar="TYPE",
        help="works, services or supplies (werken, diensten, leveringen)",
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
        "Evaluate a ledger document (bouwblokken.ledger/1 as JSON, or a workbook in the "
        "template's layout): each tender's obligation, what counts (realised and forecast), "
        "what does not count and why, and warnings.",
        "examples:\n  bouwblokken evaluate examples/ledger.json\n"
        "  bouwblokken evaluate examples/ledger.json --as-of 2025-06-30 --lang en\n"
        "  bouwblokken --json evaluate examples/ledger.json > result.json",
    )
    p.add_argument(
        "ledger", type=_existing_file, metavar="LEDGER.json|LEDGER.xlsx", help="'-' reads stdin"
    )
    p.add_argument(
        "--check",
        action="store_true",
        help="exit with status 1 when a tender's obligation is not met (forecast)",
    )
    p.add_argument(
        "--excel",
        type=Path,
        metavar="OUT.xlsx",
        help="also write the result as an Excel workbook (amounts as numbers in euro)",
    )
    p.add_argument(
        "--csv",
        type=Path,
        metavar="OUT.csv",
        help="also write one row per activity as CSV with ; and a decimal comma (Dutch Excel)",
    )
    p.add_argument(
        "--under",
        action="append",
        metavar="CATALOG",
        help="value the same plan under this catalog too (repeatable), e.g. --under leiden",
    )
    p.add_argument(
        "--as-of",
        dest="as_of",
        type=_date,
        metavar="DATE",
        help="reporting date (rapportagedatum): realised days after it do not count yet",
    )
    p.set_defaults(func=cmd_evaluate)

    p = _sub(
        subs,
        "optimise",
        "find the cheapest plan of blocks that meets an obligation",
        "Find the plan of building blocks that reaches the obligation at the lowest cost to the "
        "supplier, from an options document (bouwblokken.options/1 as JSON, or a workbook in "
        "the options template's layout), with alternatives.",
        "examples:\n  bouwblokken optimise examples/options.json\n"
        "  bouwblokken optimize examples/options.json --lang en --json",
        aliases=["optimize"],
    )
    p.add_argument(
        "options", type=_existing_file, metavar="OPTIONS.json|OPTIONS.xlsx", help="'-' reads stdin"
    )
    p.set_defaults(func=cmd_optimise)

    p = _sub(
        subs,
        "template",
        "write an empty Excel template (ledger or options)",
        "Write an Excel template to fill in: a ledger (tenders, activities, persons and an "
        "explanation sheet) or, with --options, an options sheet for 'optimise'. Read the "
        "filled template with 'bouwblokken evaluate ledger.xlsx'.",
        "examples:\n  bouwblokken template ledger.xlsx\n"
        "  bouwblokken template opties.xlsx --options",
    )
    p.add_argument("path", type=Path, metavar="PAD.xlsx")
    p.add_argument("--options", action="store_true", help="an options sheet instead of a ledger")
    p.set_defaults(func=cmd_template)

    p = _sub(
        subs,
        "gunning",
        "compare and score bids for a tender (award stage)",
        "Value every bid of a bids document (bouwblokken.bids/1: the tender and each bidder's "
        "offered percentage, price, plan and jury points) under the tender's catalog, and with "
        "--formulas rank them under every scoring formula, with the trail of each score. "
        "--excel writes the jury workbook; --jury reads the points the jury entered in its "
        "Jurypunten sheet back.",
        "examples:\n  bouwblokken gunning examples/award/bids.json\n"
        "  bouwblokken gunning examples/award/bids.json --formulas examples/award/formulas.toml\n"
        "  bouwblokken gunning bids.json --formulas formulas.toml --excel jury.xlsx\n"
        "  bouwblokken gunning bids.json --formulas formulas.toml --jury jury.xlsx --json",
        aliases=["award"],
    )
    p.add_argument("bids", type=Path, metavar="BIDS.json")
    p.add_argument(
        "--formulas", type=Path, metavar="FORMULAS.toml", help="the scoring formulas (TOML or JSON)"
    )
    p.add_argument(
        "--jury",
        type=Path,
        metavar="JURY.xlsx",
        help="take the jury points from this workbook's Jurypunten sheet",
    )
    p.add_argument("--excel", type=Path, metavar="PATH.xlsx", help="also write the jury workbook")
    p.set_defaults(func=cmd_gunning)

    p = _sub(
        subs,
        "serve",
        "start the HTTP service (needs the 'http' extra)",
        "Start the HTTP service (/v1/..., OpenAPI at /v1/openapi.json) on the loopback address "
        "by default; see docs/http.md.",
        "examples:\n  bouwblokken serve\n  bouwblokken serve --port 8080",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=_int, default=8000, help="port (default 8000)")
    p.set_defaults(func=cmd_serve)
    return translate(parser, lang)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _error_line(exc: BaseException, lang: Lang) -> str:
    """One line naming the file (once), the record or field, and the reason, in ``lang``."""
    if isinstance(exc, BouwblokkenError):
        return exc.describe(lang)
    if isinstance(exc, OSError):
        reason = exc.strerror or str(exc)
        if lang == "nl":
            from bouwblokken.errors_nl import strerror_nl

            reason = strerror_nl(reason)
        return f"{exc.filename or ''}: {reason}".lstrip(": ")
    return f"{type(exc).__name__}: {exc}"


def _error_data(exc: BaseException, command: str, status: int) -> dict[str, Any]:
    """The ``--json`` error object (docs/errors.md)."""
    if isinstance(exc, BouwblokkenError):
        data = exc.to_dict()
        if data["file"] is None and exc.file:
            data["file"] = exc.file
    elif isinstance(exc, OSError):
        text = _error_line(exc, "en")
        data = {
            "code": "io",
            "message_nl": _error_line(exc, "nl"),
            "message_en": text,
            "file": exc.filename if isinstance(exc.filename, str) else None,
            "pointer": "",
            "record": None,
            "field": None,
            "text": text,
            "text_nl": _error_line(exc, "nl"),
        }
    else:
        text = _error_line(exc, "en")
        data = {
            "code": "internal",
            "message_nl": "interne fout in bouwblokken; meld dit alstublieft",
            "message_en": f"internal error in bouwblokken, please report it: {text}",
            "file": None,
            "pointer": "",
            "record": None,
            "field": None,
            "text": text,
            "text_nl": f"interne fout in bouwblokken, meld dit alstublieft: {text}",
        }
    return {"error": data, "command": command, "exit_code": status}


def _report(exc: BaseException, command: str, status: int, *, as_json: bool, lang: Lang) -> int:
    if as_json:
        sys.stderr.write(json.dumps(_error_data(exc, command, status), ensure_ascii=False) + "\n")
    else:
        line = _error_line(exc, lang)
        if status == EXIT_INTERNAL:
            line = (
                f"interne fout, meld dit alstublieft: {line}"
                if lang == "nl"
                else f"internal error, please report it: {line}"
            )
        word = "fout" if lang == "nl" else "error"
        sys.stderr.write(f"bouwblokken {command}: {word}: {_one_line(line)}\n")
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 done, 1 not met, 2 bad input,
    130 interrupted)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    as_json = "--json" in arguments
    english = any(
        a == "--lang=en" or (a == "--lang" and arguments[i + 1 : i + 2] == ["en"])
        for i, a in enumerate(arguments)
    )
    lang: Lang = "en" if english else "nl"
    try:
        return _run(arguments, as_json=as_json, lang=lang)
    except KeyboardInterrupt:
        sys.stderr.write(
            "bouwblokken: onderbroken (Ctrl-C)\n"
            if lang == "nl"
            else "bouwblokken: interrupted (Ctrl-C)\n"
        )
        return EXIT_INTERRUPTED


def _run(arguments: list[str], *, as_json: bool, lang: Lang) -> int:
    parser = build_parser(lang)
    try:
        args = parser.parse_args(arguments)
    except _UsageError as exc:
        if as_json:
            return _report(exc, "", EXIT_BAD_INPUT, as_json=True, lang=lang)
        sys.stderr.write(f"{_one_line(exc.describe(lang))}\n")
        return EXIT_BAD_INPUT
    except SystemExit as exc:  # --help, --version
        return exc.code if isinstance(exc.code, int) else 0
    ctx = _Ctx(args)
    func: Callable[[_Ctx], int] = args.func
    try:
        return func(ctx)
    except (BouwblokkenError, OSError) as exc:
        return _report(exc, args.command, EXIT_BAD_INPUT, as_json=ctx.json, lang=ctx.lang)
    except ValidationError as exc:  # a model outside the library's base (should not happen)
        err = exc.errors(include_url=False)[0]
        cause = (err.get("ctx") or {}).get("error")
        reason = str(cause) if isinstance(cause, Exception) else err["msg"]
        where = ".".join(str(p) for p in err["loc"])
        wrapped = CliError(f"{where}: {reason}")
        if isinstance(cause, BouwblokkenError):
            wrapped.locate(nl=f"{where}: {cause.message_nl}")
        return _report(wrapped, args.command, EXIT_BAD_INPUT, as_json=ctx.json, lang=ctx.lang)
    except KeyboardInterrupt:
        raise
    except Exception as exc:  # a bug: one line, never a traceback
        return _report(exc, args.command, EXIT_INTERNAL, as_json=ctx.json, lang=ctx.lang)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
