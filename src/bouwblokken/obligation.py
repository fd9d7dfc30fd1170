"""The social-return obligation of a tender: percentage × base, with every rule checked in words.

obligation = percentage × base (contract value excl. VAT, or the labour cost), zero below the
threshold or outside the covered contract types or durations, cut at a maximum, reduced or
waived by a PSO certificate (primer, "How an obligation is computed"; catalogs.md §5, §6.10).
Computed exactly and rounded once to cents, half up, like a valuation.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from pydantic import ValidationError

from bouwblokken.catalog.model import Catalog, NamedObligationRules, ObligationRules
from bouwblokken.catalog.registry import _shipped_folder
from bouwblokken.errors import CatalogFileError, LedgerError, UnknownCatalogError
from bouwblokken.money import Lang, format_eur, round_cents
from bouwblokken.periods import add_months, limit_end, months_in
from bouwblokken.tender import Tender
from bouwblokken.valuation import TrailLine, _num

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
            _line(
                f"drempel: opdrachtwaarde {_eur(cv, 'nl')} {op_nl} {_eur(threshold, 'nl')}",
                f"threshold: contract value {_eur(cv, 'en')} {op_nl} {_eur(threshold, 'en')}",
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
        lo, hi = rules.offer_percentage_min, rules.offer_percentage_max
        if (lo is not None and tender.offered_percentage < lo) or (
            hi is not None and tender.offered_percentage > hi
        ):
            raise LedgerError(
                f"offered percentage {tender.offered_percentage} is outside {lo}–{hi}",
                record=rec,
                field="offered_percentage",
            )
        pct = tender.offered_percentage
    if pct is None and base_kind == "labour_cost" and rules.labour_cost_percentage is not None:
        pct = rules.labour_cost_percentage
    if pct is None:
        pct = rules.percentage
    if pct is None:
        raise LedgerError(
            "the rules do not state a percentage: give the tender's percentage",
            record=rec,
            field="percentage",
        )
    decisive = [
        ls
        for ls in rules.labour_share_rules
        if ls.percentage == 0
        and (not ls.contract_types or tender.contract_type in ls.contract_types)
    ]
    if decisive and tender.labour_share_percent is None:
        raise LedgerError(
            "whether there is an obligation depends on the labour share of the contract: "
            "give labour_share_percent",
            record=rec,
            field="labour_share_percent",
        )
    if tender.labour_share_percent is None and rules.labour_share_rules:
        ls0 = rules.labour_share_rules[0]
        below_nl = _num(ls0.below_labour_share_percent, "nl")
        below_en = _num(ls0.below_labour_share_percent, "en")
        lines.append(
            _line(
                f"arbeidsaandeel niet opgegeven: onder {below_nl}%"
                f" zou {_num(ls0.percentage, 'nl')}% gelden",
                f"labour share not given: below {below_en}%"
                f" {_num(ls0.percentage, 'en')}% would apply",
            )
        )
    if tender.labour_share_percent is not None:
        for ls in rules.labour_share_rules:
            applies_to = not ls.contract_types or tender.contract_type in ls.contract_types
            if applies_to and tender.labour_share_percent < ls.below_labour_share_percent:
                share = _num(tender.labour_share_percent, "nl")
                lines.append(
                    _line(
                        f"arbeidsaandeel {share}% < {_num(ls.below_labour_share_percent, 'nl')}%:"
                        f" percentage {_num(ls.percentage, 'nl')}%",
                        f"labour share {_num(tender.labour_share_percent, 'en')}% < "
                        f"{_num(ls.below_labour_share_percent, 'en')}%: "
                        f"percentage {_num(ls.percentage, 'en')}%",
                    )
                )
                pct = ls.percentage
                break
        if pct == 0:
            return none("arbeidsaandeel te laag", "labour share too low")

    exact = Fraction(pct) / 100 * Fraction(base)
    lines.append(
        _line(
            f"{_num(pct, 'nl')}% × {base_nl} {_eur(base, 'nl')} = {_eur(exact, 'nl')}",
            f"{_num(pct, 'en')}% × {base_en} {_eur(base, 'en')} = {_eur(exact, 'en')}",
            exact,
        )
    )

    maximum = tender.maximum if tender.maximum is not None else rules.maximum
    if maximum is not None and exact > maximum:
        lines.append(
            _line(
                f"maximum {_eur(maximum, 'nl')}: verplichting begrensd",
                f"maximum {_eur(maximum, 'en')}: obligation capped",
                Fraction(maximum),
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
                _line(
                    f"{match.label_nl}: −{_num(match.reduction_percent, 'nl')}% × "
                    f"{_eur(before, 'nl')} = {_eur(exact, 'nl')}",
                    f"{match.label_nl}: −{_num(match.reduction_percent, 'en')}% × "
                    f"{_eur(before, 'en')} = {_eur(exact, 'en')}",
                    exact,
                )
            )

    amount = round_cents(exact)
    lines.append(
        TrailLine(
            "total",
            f"SR-verplichting: {_eur(amount, 'nl')}",
            f"Social-return obligation: {_eur(amount, 'en')}",
            exact,
        )
    )
    years = _contract_years(tender, rules, exact, lines)
    return Obligation(tender.id, amount, exact, True, source, tuple(lines), years)


def _contract_years(
    tender: Tender, rules: ObligationRules, obligation: Fraction, lines: list[TrailLine]
) -> tuple[ContractYear, ...]:
    """Minimum value per contract year: explicit, or (where an offered percentage sets it) the
    obligation spread evenly over the contract years."""
    if tender.start is None or tender.end is None:
        return ()
    spans: list[tuple[date, date]] = []
    s = tender.start
    while s <= tender.end:
        spans.append((s, min(limit_end(s, 12), tender.end)))
        s = add_months(tender.start, 12 * len(spans))
    if tender.min_per_contract_year is not None:
        minimum = Fraction(tender.min_per_contract_year)
    elif rules.offer_sets_yearly_minimum and tender.offered_percentage is not None:
        minimum = obligation / len(spans)
    else:
        return ()
    lines.append(
        _line(
            f"minimum per contractjaar: {_eur(minimum, 'nl')} ({len(spans)} contractjaren)",
            f"minimum per contract year: {_eur(minimum, 'en')} ({len(spans)} contract years)",
        )
    )
    return tuple(ContractYear(i + 1, a, b, round_cents(minimum)) for i, (a, b) in enumerate(spans))
