"""The social-return obligation of a tender: percentage × base, with every rule checked in words.

obligation = percentage × base (contract value excl. VAT, or the labour cost), zero below the
threshold or outside the covered contract types or durations, cut at a maximum, reduced or
waived by a PSO certificate (primer, "How an obligation is computed"; catalogs.md §5, §6.10).
Computed exactly and rounded once to cents, half up, like a valuation.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from bouwblokken.catalog.model import (
    Catalog,
    LabourShareRule,
    NamedObligationRules,
    ObligationRules,
)
from bouwblokken.catalog.registry import _shipped_folder
from bouwblokken.errors import (
    CatalogFileError,
    LedgerError,
    NoEditionInForceError,
    UnknownCatalogError,
)
from bouwblokken.eu_thresholds import eu_threshold
from bouwblokken.money import NBSP, Lang, format_eur, format_percent, round_cents
from bouwblokken.money import format_exact as _num
from bouwblokken.periods import add_months, day_text, limit_end, months_in
from bouwblokken.tender import Tender
from bouwblokken.valuation import TrailLine

__all__ = [
    "ContractYear",
    "Obligation",
    "compute_obligation",
    "list_obligation_rules",
    "load_obligation_rules",
]


@dataclass(frozen=True, slots=True)
class ContractYear:
    """A contract year and the minimum value that must be reached in it."""

    index: int
    start: date
    end: date
    minimum: Decimal


@dataclass(frozen=True)
class Obligation:
    """The amount to reach for one tender, and why."""

    tender: str
    amount: Decimal
    exact: Fraction
    applies: bool
    rules_source: str
    """``catalog id@edition`` or ``rules:<id>`` or ``tender``: where the terms came from."""
    lines: tuple[TrailLine, ...]
    contract_years: tuple[ContractYear, ...] = ()

    def explain(self, lang: Lang = "nl") -> str:
        head = (
            f"SR-verplichting {self.tender} ({self.rules_source})"
            if lang == "nl"
            else f"Social-return obligation {self.tender} ({self.rules_source})"
        )
        return "\n".join([head] + [f"  {ln.text(lang)}" for ln in self.lines])

    def __str__(self) -> str:
        return self.explain("nl")


_RULES_FILE = "obligation-rules.toml"
_rules_cache: dict[str, NamedObligationRules] | None = None


def _pct(value: Fraction | Decimal | int, lang: Lang) -> str:
    """A percentage in a trail, exact and in the house style: ``5 %`` / ``2,5 %`` (nl, with a
    no-break space), ``5%`` (en); a fraction without a short decimal form as ``1/3 %``."""
    f = Fraction(value)
    d = Decimal(f.numerator) / Decimal(f.denominator)
    exp = d.normalize().as_tuple().exponent
    places = max(0, -exp) if isinstance(exp, int) else 0
    if Fraction(d) == f and places <= 4:
        return format_percent(d, lang=lang, decimals=places)
    return f"{_num(f, lang)}{NBSP}%" if lang == "nl" else f"{_num(f, lang)}%"


def _load_rules_file(path: Path) -> dict[str, NamedObligationRules]:
    try:
        data = tomllib.loads(path.read_text("utf-8"), parse_float=Decimal)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CatalogFileError(path, "", f"cannot read obligation rules: {exc}") from None
    out: dict[str, NamedObligationRules] = {}
    for i, raw in enumerate(data.get("rules", [])):
        try:
            rule = NamedObligationRules.model_validate(raw)
        except ValidationError as exc:
            err = exc.errors(include_url=False)[0]
            loc = ".".join(str(p) for p in err["loc"])
            raise CatalogFileError(path, f"rules[{i}].{loc}", err["msg"]) from None
        out[rule.id] = rule
    return out


def list_obligation_rules() -> list[NamedObligationRules]:
    """Published obligation rules of buyers without a block table (catalogs.md §5)."""
    global _rules_cache
    if _rules_cache is None:
        _rules_cache = _load_rules_file(_shipped_folder() / _RULES_FILE)
    return list(_rules_cache.values())


def load_obligation_rules(rules_id: str) -> NamedObligationRules:
    rules = {r.id: r for r in list_obligation_rules()}
    if rules_id not in rules:
        raise UnknownCatalogError(rules_id, sorted(rules))
    return rules[rules_id]


def _line(nl: str, en: str, amount: Fraction | None = None) -> TrailLine:
    return TrailLine("note" if amount is None else "base", nl, en, amount)


def _worded(
    words: Callable[..., str],
    *values: object,
    amount: Fraction | None = None,
    kind: Literal["base", "total"] = "base",
) -> TrailLine:
    """A trail line worded on first use (a portfolio's obligations are computed for every
    contract, their trails printed for few): ``words(lang, *values)``."""
    return TrailLine.later("note" if amount is None else kind, words, *values, amount=amount)


def _eur(v: Fraction | Decimal | int, lang: Lang) -> str:
    return format_eur(v, lang=lang)


def _resolve_rules(tender: Tender, catalog: Catalog | None) -> tuple[ObligationRules, str]:
    if isinstance(tender.rules, ObligationRules):
        return tender.rules, "tender"
    if isinstance(tender.rules, str):
        return load_obligation_rules(tender.rules), f"rules:{tender.rules}"
    if catalog is not None:
        return catalog.obligation, catalog.key
    return ObligationRules(), "tender"


def compute_obligation(tender: Tender, catalog: Catalog | None = None) -> Obligation:
    """The obligation of ``tender`` under its rules (tender terms override the defaults).

    Raises :class:`~bouwblokken.errors.LedgerError` naming the tender and field when a needed
    term (base amount, percentage) is missing or an offer is outside the allowed range.
    """
    rules, source = _resolve_rules(tender, catalog)
    lines: list[TrailLine] = []
    rec = f"tender {tender.id!r}"

    def none(nl: str, en: str) -> Obligation:
        lines.append(_line(f"geen verplichting: {nl}", f"no obligation: {en}"))
        return Obligation(tender.id, Decimal("0.00"), Fraction(0), False, source, tuple(lines))

    # Which contracts carry an obligation at all.
    if rules.contract_types:
        kinds = ", ".join(rules.contract_types)
        if tender.contract_type is None:
            raise LedgerError(
                f"these rules apply only to {kinds}: give the contract type",
                record=rec,
                field="contract_type",
            )
        if tender.contract_type not in rules.contract_types:
            return none(
                f"soort opdracht {tender.contract_type} valt buiten ({kinds})",
                f"contract type {tender.contract_type} is not one of ({kinds})",
            )
    if rules.min_duration_months is not None:
        if tender.start is None or tender.end is None:
            raise LedgerError(
                f"these rules need a duration of at least {rules.min_duration_months} months: "
                "give start and end",
                record=rec,
                field="start",
            )
        months = months_in(tender.start, tender.end)
        if months < rules.min_duration_months:
            return none(
                f"looptijd {_num(months, 'nl')} maanden < {rules.min_duration_months} maanden",
                f"duration {_num(months, 'en')} months < {rules.min_duration_months} months",
            )

    # Threshold, judged on the contract value.
    threshold = tender.threshold
    if threshold is None and tender.contract_type in rules.threshold_by_contract_type:
        assert tender.contract_type is not None
        threshold = rules.threshold_by_contract_type[tender.contract_type]
    if threshold is None and rules.threshold_by_contract_type and tender.contract_type is None:
        kinds = ", ".join(sorted(rules.threshold_by_contract_type))
        raise LedgerError(
            f"the threshold depends on the contract type ({kinds}): give the contract type",
            record=rec,
            field="contract_type",
        )
    if threshold is None and rules.threshold_follows_eu is not None:
        threshold = _eu_threshold(tender, rules.threshold_follows_eu, rec, lines)
    if threshold is None:
        threshold = rules.threshold
    if threshold is not None:
        if tender.contract_value is None:
            raise LedgerError(
                "the threshold is judged on the contract value excl. VAT: give it",
                record=rec,
                field="contract_value",
            )
        cv = tender.contract_value
        above = cv >= threshold if rules.threshold_inclusive else cv > threshold
        op_nl = "≥" if rules.threshold_inclusive else ">"
        if not above:
            return none(
                f"opdrachtwaarde {_eur(cv, 'nl')} niet {op_nl} drempel {_eur(threshold, 'nl')}",
                f"contract value {_eur(cv, 'en')} not {op_nl} threshold {_eur(threshold, 'en')}",
            )
        lines.append(
            _worded(
                lambda lang, cv, op, th: (
                    f"drempel: opdrachtwaarde {_eur(cv, 'nl')} {op} {_eur(th, 'nl')}"
                    if lang == "nl"
                    else f"threshold: contract value {_eur(cv, 'en')} {op} {_eur(th, 'en')}"
                ),
                cv,
                op_nl,
                threshold,
            )
        )

    # Base and percentage.
    base_kind = tender.base or rules.base
    if base_kind == "labour_cost":
        base = tender.labour_cost
        base_nl, base_en = "loonsom", "labour cost"
    elif base_kind == "invoiced_turnover":
        base = tender.invoiced_turnover
        base_nl, base_en = "gefactureerde omzet", "invoiced turnover"
    else:
        base = tender.contract_value
        base_nl, base_en = "opdrachtwaarde", "contract value"
    if base is None:
        raise LedgerError(f"the base is the {base_en}: give it", record=rec, field=base_kind)

    pct = tender.percentage
    if tender.offered_percentage is not None:
        _check_offer(tender.offered_percentage, rules, rec)
        pct = tender.offered_percentage
    if pct is None and base_kind == "labour_cost" and rules.labour_cost_percentage is not None:
        pct = rules.labour_cost_percentage
    if pct is None and rules.percentage_by_contract_type:
        if tender.contract_type in rules.percentage_by_contract_type:
            assert tender.contract_type is not None
            pct = rules.percentage_by_contract_type[tender.contract_type]
            kind_nl = _KIND_NL[tender.contract_type]
            lines.append(
                _worded(
                    lambda lang, kind_nl, kind, pct: (
                        f"percentage voor {kind_nl}: {_pct(pct, 'nl')}"
                        if lang == "nl"
                        else f"percentage for {kind}: {_pct(pct, 'en')}"
                    ),
                    kind_nl,
                    tender.contract_type,
                    pct,
                )
            )
        elif tender.contract_type is None and rules.percentage is None:
            kinds = ", ".join(sorted(rules.percentage_by_contract_type))
            raise LedgerError(
                f"the percentage depends on the contract type ({kinds}): give the contract type",
                record=rec,
                field="contract_type",
            )
    if pct is None:
        pct = rules.percentage
    if pct is None:
        raise LedgerError(
            "the rules do not state a percentage: give the tender's percentage",
            record=rec,
            field="percentage",
        )
    for_type = [
        ls
        for ls in rules.labour_share_rules
        if not ls.contract_types or tender.contract_type in ls.contract_types
    ]
    if any(ls.percentage == 0 for ls in for_type) and tender.labour_share_percent is None:
        raise LedgerError(
            "whether there is an obligation depends on the labour share of the contract: "
            "give labour_share_percent",
            record=rec,
            field="labour_share_percent",
        )
    if tender.labour_share_percent is None and for_type:
        ls0 = _most_specific(for_type)
        lines.append(
            _worded(
                lambda lang, below, pct: (
                    f"arbeidsaandeel niet opgegeven: onder {_pct(below, 'nl')}"
                    f" zou {_pct(pct, 'nl')} gelden"
                    if lang == "nl"
                    else f"labour share not given: below {_pct(below, 'en')}"
                    f" {_pct(pct, 'en')} would apply"
                ),
                ls0.below_labour_share_percent,
                ls0.percentage,
            )
        )
    if tender.labour_share_percent is not None:
        share = tender.labour_share_percent
        matching = [ls for ls in for_type if share < ls.below_labour_share_percent]
        if matching:
            ls = _most_specific(matching)
            lines.append(
                _worded(
                    lambda lang, share, below, pct: (
                        f"arbeidsaandeel {_pct(share, 'nl')} < {_pct(below, 'nl')}:"
                        f" percentage {_pct(pct, 'nl')}"
                        if lang == "nl"
                        else f"labour share {_pct(share, 'en')} < {_pct(below, 'en')}: "
                        f"percentage {_pct(pct, 'en')}"
                    ),
                    share,
                    ls.below_labour_share_percent,
                    ls.percentage,
                )
            )
            pct = ls.percentage
        if pct == 0:
            return none("arbeidsaandeel te laag", "labour share too low")

    (pn, pd), (bn, bd) = pct.as_integer_ratio(), base.as_integer_ratio()
    exact = Fraction(pn * bn, pd * bd * 100)  # pct / 100 × base, one normalisation
    lines.append(
        _worded(
            lambda lang, pct, base_nl, base_en, base, exact: (
                f"{_pct(pct, 'nl')} × {base_nl} {_eur(base, 'nl')} = {_eur(exact, 'nl')}"
                if lang == "nl"
                else f"{_pct(pct, 'en')} × {base_en} {_eur(base, 'en')} = {_eur(exact, 'en')}"
            ),
            pct,
            base_nl,
            base_en,
            base,
            exact,
            amount=exact,
        )
    )

    maximum = tender.maximum if tender.maximum is not None else rules.maximum
    if maximum is not None and exact > maximum:
        lines.append(
            _worded(
                lambda lang, maximum: (
                    f"maximum {_eur(maximum, 'nl')}: verplichting begrensd"
                    if lang == "nl"
                    else f"maximum {_eur(maximum, 'en')}: obligation capped"
                ),
                maximum,
                amount=Fraction(maximum),
            )
        )
        exact = Fraction(maximum)

    if tender.pso_level is not None:
        match = next((p for p in rules.pso if p.level == tender.pso_level), None)
        if match is None:
            lines.append(
                _line(
                    f"PSO {tender.pso_level}: deze regels geven er geen korting voor",
                    f"PSO {tender.pso_level}: these rules give no reduction for it",
                )
            )
        elif not match.exempt and match.reduction_percent is None:
            lines.append(
                _line(
                    f"{match.label_nl}: geaccepteerd, maar het effect is niet gepubliceerd;"
                    " geen korting toegepast (overleg met de SR-adviseur)",
                    f"{match.label_nl}: accepted, but its effect is not published;"
                    " no reduction applied (consult the SR adviser)",
                )
            )
        elif match.exempt:
            return none(f"{match.label_nl} geeft vrijstelling", f"{match.label_nl} exempts")
        else:
            assert match.reduction_percent is not None
            red = Fraction(match.reduction_percent) / 100
            before = exact
            exact = exact * (1 - red)
            lines.append(
                _worded(
                    lambda lang, label, reduction, before, exact: (
                        f"{label}: −{_pct(reduction, lang)} × "
                        f"{_eur(before, lang)} = {_eur(exact, lang)}"
                    ),
                    match.label_nl,
                    match.reduction_percent,
                    before,
                    exact,
                    amount=exact,
                )
            )

    amount = round_cents(exact)
    lines.append(
        _worded(
            lambda lang, amount: (
                f"SR-verplichting: {_eur(amount, 'nl')}"
                if lang == "nl"
                else f"Social-return obligation: {_eur(amount, 'en')}"
            ),
            amount,
            amount=exact,
            kind="total",
        )
    )
    years = _contract_years(tender, rules, exact, lines)
    return Obligation(tender.id, amount, exact, True, source, tuple(lines), years)


def _contract_years(
    tender: Tender, rules: ObligationRules, obligation: Fraction, lines: list[TrailLine]
) -> tuple[ContractYear, ...]:
    """Minimum value per contract year: explicit (the same in every year), or where an offered
    percentage sets it, that percentage of the year's share of the contract value.

    The share of a contract year is its length in months over the contract's (months as
    twelfths: a 30-month contract's 6-month last year carries 6/30 of the whole). Source: a
    Frisian municipality, "het aangeboden percentage bepaalt de minimale waarde per
    contractjaar" (catalogs.md §5; the Súdwest-Fryslân social-return page). The years' minimums
    add up to the obligation, so a maximum per contract (300.000) is spread the same way.
    """
    if tender.start is None or tender.end is None:
        return ()
    spans: list[tuple[date, date]] = []
    s = tender.start
    while s <= tender.end:
        spans.append((s, min(limit_end(s, 12), tender.end)))
        s = add_months(tender.start, 12 * len(spans))
    if tender.min_per_contract_year is not None:
        minimum = Fraction(tender.min_per_contract_year)
        lines.append(
            _worded(
                lambda lang, minimum, n: (
                    f"minimum per contractjaar: {_eur(minimum, 'nl')} ({n} contractjaren)"
                    if lang == "nl"
                    else f"minimum per contract year: {_eur(minimum, 'en')} ({n} contract years)"
                ),
                minimum,
                len(spans),
            )
        )
        return tuple(
            ContractYear(i + 1, a, b, round_cents(minimum)) for i, (a, b) in enumerate(spans)
        )
    if not (rules.offer_sets_yearly_minimum and tender.offered_percentage is not None):
        return ()
    total = months_in(tender.start, tender.end)
    years: list[ContractYear] = []
    for i, (a, b) in enumerate(spans):
        months = months_in(a, b)
        share = months / total
        minimum = obligation * share
        lines.append(
            _worded(
                lambda lang, i, a, b, months, total, obligation, minimum: (
                    f"minimum contractjaar {i + 1} ({day_text(a)} t/m {day_text(b)}): "
                    f"{_num(months, 'nl')}/{_num(total, 'nl')} maanden × {_eur(obligation, 'nl')}"
                    f" = {_eur(minimum, 'nl')}"
                    if lang == "nl"
                    else f"minimum contract year {i + 1} ({day_text(a, 'en')} to "
                    f"{day_text(b, 'en')}): "
                    f"{_num(months, 'en')}/{_num(total, 'en')} months × {_eur(obligation, 'en')}"
                    f" = {_eur(minimum, 'en')}"
                ),
                i,
                a,
                b,
                months,
                total,
                obligation,
                minimum,
            )
        )
        years.append(ContractYear(i + 1, a, b, round_cents(minimum)))
    return tuple(years)


_KIND_NL = {"works": "werken", "services": "diensten", "supplies": "leveringen"}


def _most_specific(rules: list[LabourShareRule]) -> LabourShareRule:
    """The most specific of several matching labour-share rules: one for the tender's contract
    type beats one for every type; then the lowest bound (the narrowest band); then the first
    in the file."""
    return min(rules, key=lambda ls: (not ls.contract_types, ls.below_labour_share_percent))


def _check_offer(offered: Decimal, rules: ObligationRules, rec: str) -> None:
    """An offered percentage lies in the allowed range, with each end inclusive or not as the
    source says ('from 2%' vs 'above 2%')."""
    lo, hi = rules.offer_percentage_min, rules.offer_percentage_max
    too_low = lo is not None and (
        offered < lo if rules.offer_percentage_min_inclusive else offered <= lo
    )
    too_high = hi is not None and (
        offered > hi if rules.offer_percentage_max_inclusive else offered >= hi
    )
    if too_low or too_high:
        left = (
            "" if lo is None else ("≥ " if rules.offer_percentage_min_inclusive else "> ") + str(lo)
        )
        right = (
            "" if hi is None else ("≤ " if rules.offer_percentage_max_inclusive else "< ") + str(hi)
        )
        allowed = " and ".join(p for p in (left, right) if p)
        raise LedgerError(
            f"offered percentage {offered} is outside {lo}–{hi} (allowed: {allowed})",
            record=rec,
            field="offered_percentage",
        )


def _eu_threshold(
    tender: Tender,
    follows: Literal["services_supplies", "by_contract_type"],
    rec: str,
    lines: list[TrailLine],
) -> Decimal:
    """The EU threshold of the period of the tender's publication date (then its contract
    date, then its start): the EU rule judges the value when the procurement is launched."""
    on = tender.publication_date or tender.contract_date or tender.start
    if on is None:
        raise LedgerError(
            "the threshold follows the EU threshold of the year: give the publication date"
            " (or the contract date or start) of the tender",
            record=rec,
            field="publication_date",
        )
    if follows == "by_contract_type" and tender.contract_type is None:
        raise LedgerError(
            "the EU threshold differs for works and for services/supplies: give the contract type",
            record=rec,
            field="contract_type",
        )
    try:
        amount, period, kind = eu_threshold(on, tender.contract_type, follows)
    except NoEditionInForceError:
        raise LedgerError(
            f"no EU threshold is known for {on.isoformat()}: give the tender's threshold",
            record=rec,
            field="threshold",
        ) from None
    kind_nl = "werken" if kind == "works" else "diensten en leveringen"
    kind_en = "works" if kind == "works" else "services and supplies"
    lines.append(
        _worded(
            lambda lang, label, regulation, kind_nl, kind_en, amount: (
                f"drempel volgt de Europese drempel {label} voor decentrale overheden"
                f" ({kind_nl}): {_eur(amount, 'nl')}"
                f" (Gedelegeerde Verordening (EU) {regulation})"
                if lang == "nl"
                else f"threshold follows the EU threshold {label} for sub-central authorities"
                f" ({kind_en}): {_eur(amount, 'en')}"
                f" (Delegated Regulation (EU) {regulation})"
            ),
            period.label,
            period.regulation,
            kind_nl,
            kind_en,
            amount,
        )
    )
    if not period.verified:
        lines.append(
            _line(
                f"let op: de Europese drempel {period.label} is niet bevestigd op een officiële"
                " bron (zie de notitie in catalogs/eu-thresholds.toml)",
                f"note: the EU threshold {period.label} is not confirmed on an official source"
                " (see the note in catalogs/eu-thresholds.toml)",
            )
        )
    return amount
