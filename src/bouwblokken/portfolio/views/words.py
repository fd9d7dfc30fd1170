"""The words of the portfolio views, Dutch first (one table; English with ``lang="en"``)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from bouwblokken.money import Lang, format_day

__all__ = ["DOCUMENTS", "STATUS", "WORDS", "day", "indicator_header", "status_label", "w"]

WORDS: dict[str, tuple[str, str]] = {
    "report": ("Portefeuillerapportage", "Portfolio report"),
    "period": ("Periode", "Period"),
    "view": ("Weergave", "View"),
    "approved": ("goedgekeurd door de SR-desk", "approved by the SR desk"),
    "declared": ("gedeclareerd door leveranciers", "declared by suppliers"),
    "known_on": ("stand van de dossiers op", "status of the files on"),
    "contract": ("Contract", "Contract"),
    "supplier": ("Leverancier", "Supplier"),
    "buyer": ("Opdrachtgever", "Buyer"),
    "obligation": ("Verplichting", "Obligation"),
    "in_period": ("In periode", "In period"),
    "to_date": ("Tot nu toe", "To date"),
    "planned": ("Gepland", "Planned"),
    "forecast": ("Prognose", "Forecast"),
    "path": ("Pad", "Path"),
    "status": ("Status", "Status"),
    "behind": ("achter op pad", "behind path"),
    "at_risk": ("risico tekort", "shortfall risk"),
    "on_track": ("op koers", "on track"),
    "total": ("Totaal", "Total"),
    "fine": ("Boete", "Fine"),
    "fines": ("Tekorten en boetes", "Shortfalls and fines"),
    "final": ("eindafrekening", "final"),
    "forecast_basis": ("prognose", "forecast"),
    "shortfall": ("Tekort", "Shortfall"),
    "doubles": ("Dubbeltellingen", "Double counting"),
    "person": ("Persoon", "Person"),
    "cut": ("Niet geteld", "Not counted"),
    "claimed_by": ("Telt al bij", "Already counts for"),
    "dates": ("Datums", "Dates"),
    "weeks": ("Weken", "Weeks"),
    "none": ("geen", "none"),
    "contracts": ("contracten", "contracts"),
    "impact": ("Impactrapportage", "Impact report"),
    "group": ("Groep", "Group"),
    "euros": ("Geteld (€)", "Counted (€)"),
    "persons": ("Unieke personen", "Unique persons"),
    "fte": ("Fte (gemiddeld)", "FTE (average)"),
    "indicators": ("Indicatoren", "Indicators"),
    "sdg_target": ("SDG-subdoel", "SDG target"),
    "impact_goal": ("Impactdoel", "Impact goal"),
    "region": ("Regio", "Region"),
    "year": ("Jaar", "Year"),
    "not_additive": (
        "Een euro kan meerdere doelen dienen: de rijen tellen niet op tot het totaal.",
        "One euro can serve several goals: the rows do not add up to the total.",
    ),
    "fulfilment": (
        "Realisatie per contract tegen het pad",
        "Fulfilment per contract against the path",
    ),
    "over_time": ("Realisatie in de tijd", "Realisation over time"),
    "buyers": ("Opdrachtgevers", "Buyers"),
    "behind_col": ("Achter op pad", "Behind path"),
    "at_risk_col": ("Risico tekort", "Shortfall risk"),
    "basis": ("Basis", "Basis"),
    "activity": ("Activiteit", "Activity"),
    "cross_supplier": ("Andere leverancier", "Other supplier"),
    "from": ("Van", "From"),
    "to": ("Tot en met", "To"),
    "label": ("Omschrijving", "Label"),
    "explanation": ("Toelichting", "Explanation"),
    "to_word": ("t/m", "to"),
    "buy_off": ("Afkoopsom", "Buy-off"),
    "payment": ("Boete of afkoopsom", "Fine or buy-off"),
    "history": ("Verloop", "History"),
    "documents": ("bewijsstukken", "documents"),
    "by": ("door", "by"),
    "pending": ("Te beoordelen", "Awaiting a decision"),
    "sources": ("Bronnen van de indicatoren", "Sources of the indicators"),
    "pending_head": (
        "Te beoordelen (gedeclareerd, nog geen besluit van de SR-desk)",
        "Awaiting a decision (declared, not yet decided by the SR desk)",
    ),
    "activity_one": ("activiteit", "activity"),
    "activities": ("activiteiten", "activities"),
    "oldest_since": ("de oudste sinds", "the oldest since"),
    "without_documents": ("zonder bewijsstukken", "without documents"),
    "since": ("Sinds", "Since"),
    "documents_col": ("Bewijsstukken", "Documents"),
}

STATUS: dict[str, tuple[str, str]] = {
    "planned": ("gepland", "planned"),
    "declared": ("gedeclareerd", "declared"),
    "evidenced": ("bewijsstukken ingediend", "evidenced"),
    "approved": ("goedgekeurd", "approved"),
    "rejected": ("afgekeurd", "rejected"),
}
"""The steps of an activity's status history."""

DOCUMENTS: dict[str, tuple[str, str]] = {
    "employment_contract": ("arbeidsovereenkomst", "employment contract"),
    "payslips": ("loonstroken", "payslips"),
    "hours": ("urenregistratie", "hours record"),
    "target_group_statement": ("doelgroepverklaring", "target-group statement"),
    "invoice": ("factuur", "invoice"),
    "other": ("ander bewijsstuk", "other document"),
}


def w(key: str, lang: Lang = "nl") -> str:
    nl, en = WORDS[key]
    return nl if lang == "nl" else en


def indicator_header(
    kind: str, unit: str, lang: Lang = "nl", labels: Mapping[str, tuple[str, str]] | None = None
) -> str:
    """A column header for an indicator: its label (from the tag data's ``[indicators]``
    vocabulary, see :mod:`bouwblokken.portfolio.impact`) and unit, e.g. ``CO2-uitstoot
    vermeden (kg CO2-eq)``; a kind without a label shows as written, underscores as spaces."""
    nl, en = (labels or {}).get(kind, (kind.replace("_", " "),) * 2)
    return f"{nl if lang == 'nl' else en} ({unit})"


def status_label(status: str, lang: Lang = "nl") -> str:
    """A status step in words (``afgekeurd``), never the code."""
    nl, en = STATUS.get(status, (status, status))
    return nl if lang == "nl" else en


def day(d: date, lang: Lang = "nl", *, long: bool = False) -> str:
    """A date as the views write it: ``01-04-2024`` / ``1 april 2024`` (nl)."""
    return format_day(d, lang=lang, style="long" if long else "short")
