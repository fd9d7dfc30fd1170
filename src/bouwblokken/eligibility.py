"""Who may count, judged on the peildatum: age, target-group status and a catalog's eligibility
rules (catalogs.md §6.9, §8).

A person's status and age are judged on one date, the *peildatum*: mostly the date the contract
is formally awarded (Súdwest-Fryslân: "de datum van gunning"), sometimes the contract start or
the start of the placement. The catalog's ``[eligibility] reference_date`` says which; where the
source does not say, the award date is used and the trail says so.

Only the facts a rule needs are asked (users.md pain 9): a birth date or an age on the
peildatum, months on benefit, months registered as jobseeker, the last day worked for the same
employer, the day the person left the target group. A rule whose fact is missing does not stop
the count: it gives a warning that names the rule (never a silent count, never a silent drop).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from bouwblokken.activity import Activity
from bouwblokken.catalog.model import Block, Catalog
from bouwblokken.periods import add_months, day_text

__all__ = ["Finding", "Peildatum", "age_on", "check_eligibility", "crossing_date", "peildatum"]


@dataclass(frozen=True, slots=True)
class Finding:
    """The outcome of one eligibility rule for one activity."""

    kind: Literal["ineligible", "missing"]
    code: str
    nl: str
    en: str


@dataclass(frozen=True, slots=True)
class Peildatum:
    """The date age and status are judged on, and in words which date it is."""

    day: date | None
    nl: str
    en: str


def age_on(birth_date: date, day: date) -> int:
    """Age in whole years on ``day`` (the birthday itself counts: 55 on the 55th birthday)."""
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def crossing_date(birth_date: date, age: int) -> date:
    """The day a person reaches ``age``. Someone born on 29 February reaches it on 1 March in a
    year without 29 February (our reading; no source states it)."""
    try:
        return birth_date.replace(year=birth_date.year + age)
    except ValueError:
        return date(birth_date.year + age, 3, 1)


def peildatum(
    catalog: Catalog,
    *,
    award_date: date | None,
    contract_start: date | None,
    placement_start: date | None,
) -> Peildatum:
    """The peildatum for one activity under ``catalog`` (see the module text)."""
    basis = catalog.eligibility.reference_date
    if basis == "placement_start":
        return Peildatum(placement_start, "start van de plaatsing", "start of the placement")
    if basis == "contract_start":
        if contract_start is not None:
            return Peildatum(contract_start, "start van het contract", "contract start")
        return Peildatum(
            placement_start,
            "start van de plaatsing; contractstart onbekend",
            "start of the placement; contract start unknown",
        )
    stated = basis == "award_date"
    nl = "gunningsdatum" if stated else "gunningsdatum; de bron noemt geen peildatum"
    en = "award date" if stated else "award date; the source names no peildatum"
    if award_date is not None:
        return Peildatum(award_date, nl, en)
    if contract_start is not None:
        return Peildatum(
            contract_start,
            "start van het contract; gunningsdatum onbekend",
            "contract start; award date unknown",
        )
    return Peildatum(
        placement_start,
        "start van de plaatsing; gunningsdatum onbekend",
        "start of the placement; award date unknown",
    )


def check_eligibility(
    activity: Activity, block: Block, catalog: Catalog, on: date | None
) -> list[Finding]:
    """Every eligibility rule of ``catalog`` and ``block`` that applies to ``activity``."""
    out: list[Finding] = []
    rules = catalog.eligibility
    a = activity
    for finding in (
        _benefit_duration(a, block),
        _ww_prior_employment(a, block, rules.ww_no_prior_employment_months),
        _nug_registered(a, block, rules.nug_registered_more_than_months),
        _status_retained(a, on, rules.status_retained_months),
    ):
        if finding is not None:
            out.append(finding)
    return out


def _benefit_duration(a: Activity, block: Block) -> Finding | None:
    lo, below = block.benefit_months_min, block.benefit_months_below
    if lo is None and below is None:
        return None
    if a.benefit_months is None:
        want_nl = f"ten minste {lo}" if lo is not None else f"minder dan {below}"
        want_en = f"at least {lo}" if lo is not None else f"fewer than {below}"
        return Finding(
            "missing",
            "benefit_months_missing",
            f"{block.label_nl}: telt alleen bij {want_nl} maanden uitkering op de peildatum; "
            "uitkeringsduur (benefit_months) ontbreekt, geteld zonder die toets",
            f"{block.label_en}: counts only with {want_en} months on benefit on the peildatum; "
            "benefit_months is missing, counted without that check",
        )
    if lo is not None and a.benefit_months < lo:
        return Finding(
            "ineligible",
            "ineligible_benefit_duration",
            f"{a.benefit_months} maanden uitkering, dit bouwblok vraagt ten minste {lo}",
            f"{a.benefit_months} months on benefit, this block needs at least {lo}",
        )
    if below is not None and a.benefit_months >= below:
        return Finding(
            "ineligible",
            "ineligible_benefit_duration",
            f"{a.benefit_months} maanden uitkering, dit bouwblok geldt bij minder dan {below}",
            f"{a.benefit_months} months on benefit, this block is for fewer than {below}",
        )
    return None


def _ww_prior_employment(a: Activity, block: Block, months: int | None) -> Finding | None:
    if months is None or block.target_group != "ww":
        return None
    if a.start is None:
        return None
    if a.last_worked_for_employer is None:
        return Finding(
            "missing",
            "ww_prior_employment_missing",
            f"WW telt alleen als de persoon de {months} maanden ervoor niet bij dezelfde "
            "werkgever werkte; laatste werkdag bij de werkgever (last_worked_for_employer) "
            "ontbreekt, geteld zonder die toets",
            f"WW counts only if the person did not work for the same employer in the {months} "
            "months before; last_worked_for_employer is missing, counted without that check",
        )
    since = add_months(a.start, -months)
    if a.last_worked_for_employer >= since:
        return Finding(
            "ineligible",
            "ineligible_ww_prior_employment",
            f"werkte op {day_text(a.last_worked_for_employer)} nog bij dezelfde werkgever, "
            f"minder dan {months} maanden voor de start: WW telt niet",
            f"worked for the same employer on {a.last_worked_for_employer.isoformat()}, less "
            f"than {months} months before the start: WW does not count",
        )
    return None


def _nug_registered(a: Activity, block: Block, months: int | None) -> Finding | None:
    if months is None or block.target_group != "nug":
        return None
    if a.registered_months is None:
        return Finding(
            "missing",
            "nug_registered_missing",
            f"werkzoekende zonder uitkering telt pas na meer dan {months} maanden ingeschreven; "
            "maanden ingeschreven (registered_months) ontbreekt, geteld zonder die toets",
            f"a jobseeker without benefit counts only after more than {months} months "
            "registered; registered_months is missing, counted without that check",
        )
    if a.registered_months <= months:
        return Finding(
            "ineligible",
            "ineligible_nug_registration",
            f"{a.registered_months} maanden ingeschreven als werkzoekende; telt pas na meer dan "
            f"{months}",
            f"{a.registered_months} months registered as jobseeker; counts only after more "
            f"than {months}",
        )
    return None


def _status_retained(a: Activity, on: date | None, months: int | None) -> Finding | None:
    if months is None or a.left_target_group is None or on is None:
        return None
    last = add_months(a.left_target_group, months) - timedelta(days=1)
    if on > last:
        return Finding(
            "ineligible",
            "ineligible_status_expired",
            f"doelgroepstatus vervallen: de persoon verliet de doelgroep op "
            f"{day_text(a.left_target_group)}, status blijft {months} maanden (t/m "
            f"{day_text(last)}), peildatum {day_text(on)}",
            f"target-group status expired: the person left the target group on "
            f"{a.left_target_group.isoformat()}, status is kept {months} months (to "
            f"{day_text(last, 'en')}), peildatum {day_text(on, 'en')}",
        )
    return None
