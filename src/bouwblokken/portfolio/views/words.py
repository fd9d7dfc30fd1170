"""The words of the portfolio views, Dutch first (one table; English with ``lang="en"``)."""

from __future__ import annotations

from bouwblokken.money import Lang

__all__ = ["WORDS", "w"]

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
    "dates": ("Data", "Dates"),
    "weeks": ("Weken", "Weeks"),
    "none": ("geen", "none"),
    "contracts": ("contracten", "contracts"),
    "impact": ("Impactrapportage", "Impact report"),
    "group": ("Groep", "Group"),
    "euros": ("Geteld (€)", "Counted (€)"),
    "persons": ("Unieke personen", "Unique persons"),
    "fte": ("Fte", "FTE"),
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
}


def w(key: str, lang: Lang = "nl") -> str:
    nl, en = WORDS[key]
    return nl if lang == "nl" else en
