"""One table of Dutch and English words for the library's codes, and the sentences built from them.

Every view (text tables, HTML, charts, Excel, the command line) takes the words for an
enum-like code from here, so ``planned`` reads ``gepland`` everywhere and no code leaks into
Dutch output. Numbers, amounts, percentages and dates are formatted by :mod:`bouwblokken.money`
(Babel, locales ``nl_NL`` and ``en_GB``).

The table is keyed by *kind* (``"category"``, ``"status"``, ``"rule"`` …) and *code*
(``"work"``, ``"planned"``, ``"per_year"`` …). :func:`label` gives the word; an unknown code is
returned as it is (a catalog may add a code the table does not know yet -- it must still show).
:data:`DUTCH_WORDS` is the reverse table used by the Dutch-input parser
(:mod:`bouwblokken.parse`): ``gerealiseerd`` → ``realised``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bouwblokken.money import Lang, format_eur, format_quantity, from_cents

__all__ = [
    "DUTCH_WORDS",
    "MESSAGES",
    "WORDS",
    "kinds",
    "label",
    "note_text",
    "notes_text",
    "optimizer_note",
    "optimizer_reason",
    "text",
    "validation_text",
]

WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "category": {
        "work": ("werk", "work"),
        "learning": ("leren", "learning"),
        "buying": ("inkopen", "buying"),
        "community": ("maatschappelijk", "community"),
        "other": ("overig", "other"),
    },
    "status": {
        "planned": ("gepland", "planned"),
        "realised": ("gerealiseerd", "realised"),
    },
    "rule": {
        "per_year": ("per jaar", "per year"),
        "per_month": ("per maand", "per month"),
        "per_period": ("per periode", "per period"),
        "one_off": ("eenmalig", "one-off"),
        "per_hour": ("per uur", "per hour"),
        "per_activity": ("per activiteit", "per activity"),
        "invoice": ("factuurbedrag", "invoice"),
        "actual_costs": ("werkelijke kosten", "actual costs"),
        "agreed": ("in overleg", "agreed"),
    },
    "limit": {
        "months": ("maanden", "months"),
        "always": ("altijd", "always"),
        "while_subsidy": ("zolang de loonkostensubsidie loopt", "while the wage subsidy runs"),
        "agreed": ("in overleg", "agreed"),
        "not_stated": ("niet vermeld", "not stated"),
    },
    "condition": {
        "min_age": ("leeftijd vanaf", "age from"),
        "age_below": ("leeftijd onder", "age below"),
        "flag": ("één van", "any of"),
        "after_internship": ("na een stage van minstens", "after an internship of at least"),
    },
    "flag": {
        "permanent_contract": ("vast dienstverband", "permanent contract"),
        "statushouder": ("statushouder", "refugee with a residence permit"),
        "language_deficit": ("taalachterstand", "language deficit"),
        "labour_disability": ("arbeidsbeperking", "labour disability"),
        "wage_cost_subsidy": ("loonkostensubsidie", "wage-cost subsidy"),
        "ips": ("IPS (individuele plaatsing en steun)", "IPS (individual placement and support)"),
        "pso": ("PSO-certificaat", "PSO certificate"),
        "agreed_with_adviser": ("afgesproken met de SR-adviseur", "agreed with the SR adviser"),
        "pro_vso_pupil": ("(oud-)leerling PrO/VSO", "(former) PrO/VSO pupil"),
    },
    "bonus_unit": {
        "per_year": ("per jaar (naar rato)", "per year (pro rata)"),
        "one_off": ("eenmalig", "one-off"),
    },
    "basis": {
        "contract_date": ("contractdatum", "contract date"),
        "publication_date": ("publicatiedatum", "publication date"),
        "not_stated": ("niet vermeld (contractdatum)", "not stated (contract date)"),
    },
    "contract_type": {
        "works": ("werken", "works"),
        "services": ("diensten", "services"),
        "supplies": ("leveringen", "supplies"),
    },
    "base": {
        "contract_value": ("opdrachtwaarde", "contract value"),
        "labour_cost": ("loonsom", "labour cost"),
        "invoiced_turnover": ("gefactureerde omzet", "invoiced turnover"),
    },
    "duration_unit": {
        "days": ("dagen", "days"),
        "weeks": ("weken", "weeks"),
        "months": ("maanden", "months"),
    },
    "time_basis": {
        "calendar": ("kalenderperiode", "calendar period"),
        "worked_hours": ("gewerkte uren", "hours worked"),
    },
    "days_per_year": {
        "actual": ("werkelijk (365 of 366)", "actual (365 or 366)"),
        "360": ("360", "360"),
        "365": ("365", "365"),
        "366": ("366", "366"),
    },
    "reason": {
        "below_min_per_item": ("onder het minimum per item", "below the minimum per item"),
        "counting_limit": ("duur van meetellen verstreken", "counting limit reached"),
        "double_count": ("al elders geteld", "already counted elsewhere"),
        "hours_cap": ("uren boven de werkweek", "hours above the full-time week"),
        "max_hours_per_week": ("boven het maximum aantal uren", "above the maximum hours"),
        "max_per_day": ("boven het maximum per dag", "above the maximum per day"),
        "min_hours": ("onder het minimum aantal uren", "below the minimum hours"),
        "not_counted": ("telt niet", "does not count"),
        "other_year": ("ander contractjaar", "another contract year"),
        "share_cap": ("boven het maximale aandeel", "above the share cap"),
        "outside_contract": ("buiten de contractperiode", "outside the contract period"),
        "ineligible_prior_start": (
            "te lang voor het contract begonnen",
            "started too long before the contract",
        ),
        "after_as_of": ("na de peildatum", "after the reporting date"),
        "not_valued": ("niet te waarderen", "cannot be valued"),
    },
    "follows_eu": {
        "services_supplies": (
            "ja, het bedrag voor diensten en leveringen (decentrale overheden)",
            "yes, the services and supplies figure (sub-central authorities)",
        ),
        "by_contract_type": (
            "ja, per soort opdracht (werken of diensten en leveringen)",
            "yes, by contract type (works, or services and supplies)",
        ),
    },
    "match": {
        "id": ("zelfde id", "same id"),
        "group": ("zelfde doelgroep", "same target group"),
        "mapping": ("koppeltabel", "mapping file"),
        "only_a": ("alleen in A", "only in A"),
        "only_b": ("alleen in B", "only in B"),
    },
    "yes_no": {
        "true": ("ja", "yes"),
        "false": ("nee", "no"),
    },
    "reference_date": {
        "award_date": ("gunningsdatum", "award date"),
        "contract_start": ("start van het contract", "contract start"),
        "placement_start": ("start van de plaatsing", "start of the placement"),
        "not_stated": (
            "niet vermeld (de gunningsdatum wordt gebruikt)",
            "not stated (the award date is used)",
        ),
    },
    "plan": {
        "optimal": ("optimaal", "optimal"),
        "infeasible": ("niet haalbaar", "infeasible"),
    },
}
"""kind → code → (Dutch, English)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "not_stated": ("niet vermeld", "not stated"),
    "open": ("open", "open"),
    "obligation": ("SR-verplichting", "Obligation"),
    "counted": ("Geteld", "Counted"),
    "remaining": ("Nog te doen", "Remaining"),
    "surplus": ("Overschot", "Surplus"),
    "realised": ("Gerealiseerd", "Realised"),
    "forecast": ("Prognose (gerealiseerd + gepland)", "Forecast (realised + planned)"),
    "activity": ("Activiteit", "Activity"),
    "person": ("Persoon", "Person"),
    "block": ("Bouwblok", "Block"),
    "block_id": ("Bouwblok-id", "Block id"),
    "status": ("Status", "Status"),
    "value": ("Waarde", "Value"),
    "not_counted": ("Telt niet", "Not counted"),
    "why": ("Waarom", "Why"),
    "catalog": ("Catalogus", "Catalog"),
    "category": ("Categorie", "Category"),
    "tender": ("Aanbesteding", "Tender"),
    "year": ("Contractjaar", "Contract year"),
    "minimum": ("Minimum", "Minimum"),
    "met": ("gehaald", "met"),
    "not_met": ("niet gehaald", "not met"),
    "warnings": ("Waarschuwingen", "Warnings"),
    "trail": ("Berekening", "Calculation"),
    "amount": ("Bedrag", "Amount"),
    "percentage": ("Percentage", "Percentage"),
    "rule": ("Regel", "Rule"),
    "limit": ("Duur van meetellen", "Counting limit"),
    "bonuses": ("Bonussen", "Bonuses"),
    "bonus": ("Bonus", "Bonus"),
    "unit": ("Eenheid", "Unit"),
    "condition": ("Voorwaarde", "Condition"),
    "applies_to": ("Geldt voor", "Applies to"),
    "share_caps": ("Maximale aandelen van de verplichting", "Share caps of the obligation"),
    "max_share": ("Max. aandeel", "Max. share"),
    "unverified": ("niet geverifieerd", "unverified"),
    "unverified_note": (
        "* niet geverifieerd: de bron is onduidelijk; zie de notitie in het bestand",
        "* unverified: the source is unclear; see the note in the catalog file",
    ),
    "start": ("Begin", "Start"),
    "end": ("Einde", "End"),
    "hours_per_week": ("Uren per week", "Hours per week"),
    "age": ("Leeftijd", "Age"),
    "flags": ("Kenmerken", "Flags"),
    "note": ("Notitie", "Note"),
    "summary": ("Samenvatting", "Summary"),
    "view": ("Overzicht", "View"),
    "difference": ("Verschil (B − A)", "Difference (B − A)"),
    "skipped": ("overgeslagen", "skipped"),
    "option": ("optie", "option"),
    "cost": ("kosten", "cost"),
    "people": ("personen", "people"),
    "target": ("Te halen", "Target"),
    "alt": ("alt", "alt"),
    "why_options": ("Waarom deze opties (optimaal plan):", "Why these options (optimal):"),
    "candidate": ("Kandidaat", "Candidate"),
    "contract": ("Contract", "Contract"),
    "months": ("Maanden", "Months"),
    "from_day": ("Van", "From"),
    "to_day": ("T/m", "To"),
    "hour_months": ("Uurmaanden", "Hour-months"),
    "counts": ("Telt", "Counts"),
    "costs": ("Kost", "Cost"),
    "open_before": ("Nog open", "Still open"),
    "shortfall": ("Tekort", "Shortfall"),
    "fine": ("Boete", "Fine"),
    "plan_status": ("Plan: {status}", "Plan: {status}"),
    "plan_total": (
        "Kosten {cost} + boetes {fines} = {total}",
        "Cost {cost} + fines {fines} = {total}",
    ),
    "no_placements": ("Geen plaatsingen.", "No placements."),
    "changes": ("Wat verandert:", "What changes:"),
    "no_changes": ("Niets verandert.", "Nothing changes."),
    "replan_cost": (
        "Kosten vanaf {day}: nieuw plan {new} − huidig plan nog {old} = {diff}",
        "Cost from {day}: new plan {new} − current plan still {old} = {diff}",
    ),
    "pareto": (
        "Kosten tegen aantal geholpen personen (Pareto):",
        "Cost against people helped (Pareto):",
    ),
    "infeasible_head": (
        "Niet haalbaar: hoogstens {reached} te tellen. Beperkt door:",
        "Not feasible: at most {reached} can count. Limited by:",
    ),
    "note_prefix": ("noot", "note"),
    "verified": ("Geverifieerd", "Verified"),
    "rule_amount": ("Regel en bedrag", "Rule and amount"),
    "blocks": ("Bouwblokken", "Blocks"),
    "issuer": ("Uitgever", "Issuer"),
    "region": ("Regio", "Region"),
    "members": ("Leden", "Members"),
    "in_force": ("Geldig", "In force"),
    "until": ("t/m", "until"),
    "chosen_by": ("gekozen op", "chosen by"),
    "effective_from": ("Geldig vanaf", "Effective from"),
    "edition": ("Editie", "Edition"),
    "title": ("Titel", "Title"),
    "file": ("Bestand", "File"),
    "notes": ("Notities", "Notes"),
    "sources": ("Bronnen", "Sources"),
    "reliability": ("betrouwbaarheid", "reliability"),
    "accessed": ("gelezen op", "read on"),
    "time_rule": ("Tijdregel", "Time rule"),
    "time_rules": ("Tijdregels", "Time rules"),
    "default_obligation": ("Standaard SR-verplichting", "Default obligation"),
    "eligibility": ("Wie mag meetellen", "Who may count"),
    "eligibility_rule": ("Regel voor personen", "Rule for people"),
    "cap": ("Maximum", "Cap"),
    "min_per_item": ("Min. per item", "Min. per item"),
    "of_obligation": ("van de verplichting", "of the obligation"),
    "replaces": ("vervangt", "replaces"),
    "whole_placement": ("over de hele plaatsing", "over the whole placement"),
}
"""Fixed words and sentence templates (``{name}`` placeholders), key → (Dutch, English)."""


def label(kind: str, code: object, lang: Lang = "nl") -> str:
    """The word for ``code`` of ``kind`` (``label("status", "planned")`` → ``"gepland"``).
    Booleans are ``yes_no``. An unknown code is shown as it is."""
    key = str(code).lower() if isinstance(code, bool) else str(code)
    pair = WORDS.get(kind, {}).get(key)
    if pair is None:
        return key
    return pair[0] if lang == "nl" else pair[1]


def text(key: str, lang: Lang = "nl", **values: Any) -> str:
    """A fixed word or sentence of :data:`MESSAGES`, with ``{name}`` placeholders filled."""
    nl, en = MESSAGES[key]
    template = nl if lang == "nl" else en
    return template.format(**values) if values else template


def kinds() -> Mapping[str, Mapping[str, tuple[str, str]]]:
    """The whole word table (for documentation and tests)."""
    return WORDS


def _dutch_words() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for kind, table in WORDS.items():
        rev: dict[str, str] = {}
        for code, (nl, en) in table.items():
            for word in (code, nl, en):
                rev[word.lower()] = code
        out[kind] = rev
    # Common Dutch spellings a person types.
    out["status"].update(
        {"gerealiseerd": "realised", "realisatie": "realised", "gedaan": "realised"}
    )
    out["status"].update({"gepland": "planned", "plan": "planned", "realized": "realised"})
    return out


DUTCH_WORDS: dict[str, dict[str, str]] = _dutch_words()
"""kind → typed word (lower case; the code itself, the Dutch or the English word) → code."""


def optimizer_reason(
    code: str, subject: str | None, amount: int | None, lang: Lang = "nl", *, fallback: str = ""
) -> str:
    """An optimizer limit (:class:`~bouwblokken.optimize.solution.Reason`) in words, from its
    machine fields; amounts are in cents. Unknown codes fall back to the solver's message."""
    eur = (lambda c: format_eur(from_cents(c), lang=lang)) if amount is not None else None
    nl = lang == "nl"
    if code == "max_units" and subject is not None and amount is not None:
        return (
            f"optie {subject!r} staat op haar maximum van {amount} "
            + ("eenheid" if amount == 1 else "eenheden")
            if nl
            else f"option {subject!r} is at its maximum of {amount} "
            + ("unit" if amount == 1 else "units")
        )
    if code == "category_cap" and subject is not None and eur is not None:
        cat = label("category", subject, lang)
        return (
            f"categorie {cat!r} telt hoogstens {eur(amount)}"
            if nl
            else f"category {cat!r} counts at most {eur(amount)}"
        )
    if code == "budget" and eur is not None:
        return (
            f"het budget van {eur(amount)} is niet genoeg"
            if nl
            else f"the budget of {eur(amount)} is not enough"
        )
    if code == "employment_minimum" and eur is not None:
        return (
            f"het minimum aan werk van {eur(amount)} is niet te halen"
            if nl
            else f"the employment minimum of {eur(amount)} cannot be met"
        )
    return fallback or code


_NOTES = (
    (
        re.compile(r"existing activities already count (€[0-9.,]+)"),
        "bestaande activiteiten tellen al {0}",
    ),
    (
        re.compile(
            r"share cap (\S+): items under (€[0-9.,]+) do not count; options are not checked "
            r"against it"
        ),
        "maximaal aandeel {0}: items onder {1} tellen niet; de opties worden daar niet op getoetst",
    ),
)


def optimizer_note(note: str, lang: Lang = "nl") -> str:
    """An optimizer note (:attr:`~bouwblokken.optimize.plan.PlanResult.notes`, written in
    English) in ``lang``; amounts are re-formatted. Unknown notes are shown as they are."""
    if lang == "en":
        return note
    from bouwblokken.parse import parse_amount

    for pattern, template in _NOTES:
        m = pattern.fullmatch(note)
        if m:
            parts = [
                format_eur(parse_amount(g), lang=lang) if g.startswith("€") else g
                for g in m.groups()
            ]
            return template.format(*parts)
    return note


_VALIDATION_NL: dict[str, str] = {
    "missing": "ontbreekt",
    "extra_forbidden": "onbekend veld (een tikfout?)",
    "greater_than_equal": "moet minstens {ge} zijn",
    "greater_than": "moet groter dan {gt} zijn",
    "less_than_equal": "mag hoogstens {le} zijn",
    "less_than": "moet kleiner dan {lt} zijn",
    "literal_error": "verwacht een van: {expected}",
    "int_parsing": "verwacht een geheel getal",
    "int_from_float": "verwacht een geheel getal",
    "int_type": "verwacht een geheel getal",
    "string_type": "verwacht tekst",
    "string_too_short": "te kort (minstens {min_length} teken)",
    "string_too_long": "te lang (hoogstens {max_length} tekens)",
    "string_pattern_mismatch": "voldoet niet aan het patroon {pattern}",
    "date_parsing": "verwacht een datum",
    "date_from_datetime_parsing": "verwacht een datum",
    "date_type": "verwacht een datum",
    "bool_parsing": "verwacht ja of nee",
    "too_short": "te weinig elementen",
}
"""Dutch texts for pydantic's error types (``err["type"]``), with its ``ctx`` values."""


def validation_text(err: Mapping[str, Any], lang: Lang = "nl") -> str:
    """One pydantic error (an item of ``ValidationError.errors()``) in ``lang``: the library's
    own message when a validator raised one, else pydantic's message (English) or its Dutch
    text from :data:`_VALIDATION_NL`."""
    ctx = err.get("ctx") or {}
    cause = ctx.get("error")
    if isinstance(cause, Exception):
        if lang != "nl":
            return str(getattr(cause, "message_en", cause))
        nl = getattr(cause, "message_nl", None)
        if isinstance(nl, str):
            return nl
        from bouwblokken.errors_nl import to_dutch

        return to_dutch(str(cause)) or str(cause)
    message = str(err.get("msg", ""))
    if lang != "nl":
        return message
    template = _VALIDATION_NL.get(str(err.get("type", "")))
    if template is None:
        return message
    try:
        return template.format(**{k: v for k, v in ctx.items()})
    except (KeyError, IndexError):
        return message


def quantity(value: Any, lang: Lang = "nl") -> str:
    """Shorthand for :func:`bouwblokken.money.format_quantity`."""
    return format_quantity(value, lang=lang)


def note_text(item: Any, lang: Lang = "nl") -> str | None:
    """A catalog item's note in ``lang``: ``note`` is Dutch, ``note_en`` its English (falls back
    to the Dutch note when a catalog gives no English)."""
    note: str | None = getattr(item, "note", None)
    english: str | None = getattr(item, "note_en", None)
    return english if lang == "en" and english else note


def notes_text(catalog: Any, lang: Lang = "nl") -> tuple[str, ...]:
    """A catalog's notes in ``lang`` (``notes`` Dutch, ``notes_en`` English when given)."""
    notes: tuple[str, ...] = tuple(getattr(catalog, "notes", ()))
    english: tuple[str, ...] = tuple(getattr(catalog, "notes_en", ()))
    return english if lang == "en" and english else notes
