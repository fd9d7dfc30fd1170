"""Write ``portfolio.ipynb`` (the province's monitor, in Dutch) from the cells below.

Kept without outputs, like the other notebooks; ``tests/test_notebooks.py`` executes it.
Regenerate after editing this file::

    python docs/notebooks/build_portfolio.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent


def md(text: str) -> tuple[str, str]:
    return ("md", text.strip("\n"))


def py(text: str) -> tuple[str, str]:
    return ("py", text.strip("\n"))


CELLS = [
    md("""
# De portefeuille van de provincie: monitoren, goedkeuren, afrekenen en rapporteren op de SDG's

Dit notebook volgt de **monitor van een provincie** (de SR-desk van Drenthe) door twee jaar
*social return*: leveranciers declareren elk kwartaal wat ze deden, de desk keurt goed of af,
de monitor ziet per kwartaal wie op koers ligt, vindt een persoon die door **twee leveranciers**
wordt geteld, voorspelt **twee tekorten met hun boete** en rapporteert aan het eind van de
agendaperiode *Impact ondernemen 2021-2024* op **impactdoelen en SDG-subdoelen**.

Alle bedragen zijn exact (nooit een float) en elke euro heeft het spoor van het grootboek. De
personen zijn verzonnen en staan alleen onder een pseudoniem.
"""),
    py("""
%matplotlib inline
from datetime import date, timedelta

from bouwblokken import format_eur
from bouwblokken.portfolio import read_portfolio
from bouwblokken.portfolio.impact import impact_report
from bouwblokken.portfolio.monitor import monitor, timeline
from bouwblokken.portfolio.periods import DRENTHE_AGENDA, ReportingPeriod, periods_between
from bouwblokken.portfolio.views.charts import fulfilment_chart, impact_chart, timeline_chart
from bouwblokken.portfolio.views.excel import report_workbook
from bouwblokken.portfolio.views.frame import double_count_dataframe, pending_dataframe, styled
from bouwblokken.portfolio.views.text import history_text
"""),
    md("""
## 1. De portefeuille: opdrachtgevers, leveranciers, contracten

Drie opdrachtgevers (de provincie, Emmen en Assen), drie leveranciers, vier contracten onder de
bouwblokkentabel van Oost-Nederland (uniform model, ook gebruikt in Meppel en Westerveld).
Elk contract noemt het gevolg van een tekort: een percentage van het tekort met een maximum
(N34-weg), een bedrag per ontbrekende euro (groen-emmen), het tekort zelf met een tolerantie
(schoon-assen) of een afkoopsom (fietspad).

Alle contracten noemen de editie V05 van april 2023 van de tabel
(`oost_nederland@V05-2023-04`, `effective_from` 1 april 2023). N34-weg en schoon-assen zijn op
1 januari 2023 gegund, vóór die datum: de editie die toen gold (het uniforme model sinds 2019,
vóór V05) zit niet in de bibliotheek, en het contract noemt de editie zelf; een genoemde editie
telt zoals genoemd. Wie met de editie van de gunningsdatum wil rekenen, legt die als eigen
catalogusbestand vast en noemt haar in het contract.
"""),
    py("""
CATALOG = "oost_nederland@V05-2023-04"


def contract(cid, buyers, supplier, value, penalty, start="2023-01-01", end="2024-12-31"):
    return {
        "tender": {"id": cid, "catalog": CATALOG, "contract_value": value, "percentage": "5",
                   "contract_date": start, "start": start, "end": end},
        "buyers": buyers, "supplier": supplier, "penalty": penalty, "activities": [],
    }


contracts = {
    "N34-weg": contract("N34-weg", ["provincie_drenthe"], "hunze_bouw", "2400000",
                        {"kind": "percentage", "percentage": "50", "cap": "30000"}),
    "groen-emmen": contract("groen-emmen", ["emmen"], "veld_groen", "900000",
                            {"kind": "per_euro", "amount": "0.50"}, start="2023-03-01"),
    "schoon-assen": contract("schoon-assen", ["assen"], "drenthe_schoon", "1200000",
                             {"kind": "shortfall", "tolerance_percent": "5"}),
    "fietspad": contract("fietspad", ["provincie_drenthe", "emmen"], "hunze_bouw", "600000",
                         {"kind": "buy_off", "percentage": "80"}, start="2023-07-01"),
}
"""),
    md("""
## 2. Twee jaar kwartaaldeclaraties

Elke plaatsing staat vanaf de start van het contract in het plan van aanpak (*gepland*) en wordt
per kwartaal gedeclareerd: vijftien dagen na het kwartaal declareert de leverancier, tien dagen
later liggen de bewijsstukken er (arbeidsovereenkomst, loonstroken, doelgroepverklaring) en
weer twintig dagen later beslist de adviseur. Eén kwartaal wordt **afgekeurd** (de
doelgroepverklaring ontbreekt). Persoon `p-017` werkt in de eerste helft van 2024 voltijds bij
Hunze Bouw én bij Veld Groen: dezelfde persoon, twee leveranciers. De dossiers staan zoals ze
op 28 februari 2025 zijn.
"""),
    py("""
# (contract, person, block, hours per week, first quarter, last quarter, facts)
placements = [
    ("N34-weg", "p-001", "participatiewet_langer_dan_2_jaar", "36", (2023, 1), (2024, 4),
     {"benefit_months": 30}),
    ("N34-weg", "p-002", "doelgroepregister_wia_wao_wsw_beschut", "32", (2023, 1), (2024, 2), {}),
    ("N34-weg", "p-017", "nug", "36", (2024, 1), (2024, 4), {}),
    ("groen-emmen", "p-017", "nug", "36", (2024, 1), (2024, 2), {}),
    ("groen-emmen", "p-003", "ww_langer_dan_1_jaar", "24", (2023, 2), (2023, 4),
     {"benefit_months": 14}),
    ("schoon-assen", "p-004", "participatiewet_korter_dan_2_jaar", "36", (2023, 1), (2024, 4),
     {"benefit_months": 8}),
    ("schoon-assen", "p-005", "doelgroepregister_wia_wao_wsw_beschut", "28", (2023, 1),
     (2024, 4), {}),
    ("schoon-assen", "p-006", "participatiewet_langer_dan_2_jaar", "36", (2023, 3), (2024, 4),
     {"benefit_months": 40}),
    ("fietspad", "p-007", "ww_korter_dan_1_jaar", "36", (2023, 3), (2024, 2),
     {"benefit_months": 4}),
]
REJECTED = ("schoon-assen", "p-005", (2023, 3))
CUT_OFF = date(2025, 2, 28)  # the files as they stand now


def quarters(first, last):
    y, q = first
    while (y, q) <= last:
        yield ReportingPeriod.quarter(y, q)
        y, q = (y + 1, 1) if q == 4 else (y, q + 1)


def history(contract_id, person, period):
    planned = {"status": "planned", "on": contracts[contract_id]["tender"]["start"]}
    declared = period.end + timedelta(days=15)
    if declared > CUT_OFF:
        return [planned]  # still planned
    steps = [
        planned,
        {"status": "declared", "on": str(declared), "by": "leverancier"},
        {"status": "evidenced", "on": str(declared + timedelta(days=10)),
         "documents": ["employment_contract", "payslips", "target_group_statement"]},
    ]
    decided = declared + timedelta(days=30)
    if decided > CUT_OFF:
        return steps  # evidence on file, no decision yet
    if (contract_id, person, (period.start.year, (period.start.month + 2) // 3)) == REJECTED:
        steps.append({"status": "rejected", "on": str(decided), "by": "sr-desk",
                      "reason": "doelgroepverklaring ontbreekt"})
    else:
        steps.append({"status": "approved", "on": str(decided), "by": "sr-desk"})
    return steps


for cid, person, block, hours, first, last, facts in placements:
    for period in quarters(first, last):
        contracts[cid]["activities"].append({
            "activity": {"id": f"{person}-{period.label_nl.replace(' ', '')}", "person": person,
                         "block": block, "hours_per_week": hours, "start": str(period.start),
                         "end": str(period.end), **facts},
            "history": history(cid, person, period),
        })

# A social-enterprise invoice and bio-based materials on the provincial road contract.
contracts["N34-weg"]["activities"].append({
    "activity": {"id": "sw-inkoop-2023", "block": "wsw_detachering_beschut_inkoop",
                 "invoice_amount": "18500.00", "start": "2023-11-30", "end": "2023-11-30"},
    "history": [{"status": "declared", "on": "2023-12-10", "by": "leverancier"},
                {"status": "evidenced", "on": "2023-12-12", "documents": ["invoice"]},
                {"status": "approved", "on": "2024-01-05", "by": "sr-desk"}],
})
contracts["N34-weg"]["indicators"] = [
    {"kind": "co2_eq_avoided", "value": "42000", "unit": "kg CO2-eq", "on": "2024-12-31",
     "source": "leverancier, CO2-berekening bio-based asfalt (LCA)",
     "impact_goals": ["bio_based", "circulariteit"]},
    {"kind": "primary_raw_material_avoided", "value": "310000", "unit": "kg", "on": "2024-12-31",
     "source": "leverancier, hergebruikt asfaltgranulaat (weegbonnen)",
     "impact_goals": ["circulariteit"]},
]

persons = sorted({a["activity"]["person"] for c in contracts.values()
                  for a in c["activities"] if "person" in a["activity"]})
portfolio = read_portfolio({
    "title": "Provincie Drenthe, SR-portefeuille",
    "buyers": [{"id": "provincie_drenthe", "name": "Provincie Drenthe", "region": "Drenthe"},
               {"id": "emmen", "name": "Emmen", "region": "Drenthe"},
               {"id": "assen", "name": "Assen", "region": "Drenthe"}],
    "suppliers": [{"id": "hunze_bouw"}, {"id": "veld_groen"}, {"id": "drenthe_schoon"}],
    "persons": [{"id": p} for p in persons],
    "contracts": list(contracts.values()),
})
print(len(portfolio.contracts), "contracten,",
      sum(len(c.activities) for c in portfolio.contracts), "activiteiten,",
      len(portfolio.persons), "personen")
"""),
    md("""
## 3. Het kwartaal: wat de desk goedkeurde en wat leveranciers declareren

Het rapport over het tweede kwartaal van 2024, in twee weergaven: wat de SR-desk heeft
**goedgekeurd** en wat de leveranciers **declareren**. Niets telt als goedgekeurd zonder een
goedkeuring; een afgekeurd kwartaal telt in de goedgekeurde weergave niet mee.
"""),
    py("""
q2 = ReportingPeriod.quarter(2024, 2)
goedgekeurd = monitor(portfolio, q2, view="approved")
print(goedgekeurd)
"""),
    py("""
gedeclareerd = monitor(portfolio, q2, view="declared")
for a, d in zip(goedgekeurd.contracts, gedeclareerd.contracts, strict=True):
    print(f"{a.id:14} goedgekeurd {format_eur(a.realised_to_date):>14}"
          f"   gedeclareerd (incl. afgekeurd) {format_eur(d.realised_to_date):>14}")
"""),
    md("""
De gedeclareerde weergave telt alles wat de leveranciers declareren, ook wat de desk daarna
afkeurde. Het verschil bij schoon-assen is het afgekeurde kwartaal: de leverancier declareert
het, de desk telt het niet. € 131.666,68 − € 123.888,90 = € 7.777,78: het derde kwartaal van
2023 van `p-005` (doelgroepregister, 28 van 36 uur), € 40.000 × 28/36 × 3/12. Het verloop van
dat kwartaal, met data, bewijsstukken, adviseur en reden:
"""),
    py("""
ca = next(a for a in portfolio.contract("schoon-assen").activities
          if a.activity.id == "p-005-2023K3")
print(history_text(ca))
"""),
    md("""
**Niets telt als goedgekeurd zonder goedkeuring.** Zo zag de desk hetzelfde kwartaal op
31 juli 2024: de leveranciers hadden het tweede kwartaal gedeclareerd en de bewijsstukken
ingediend, maar de adviseur had nog niet beslist. In de goedgekeurde weergave is er dan in het
kwartaal nog niets gerealiseerd; de gedeclareerde plaatsingen staan op de werklijst *te
beoordelen* en tellen alleen in de prognose (als gepland).
"""),
    py("""
juli = monitor(portfolio, q2, known_on=date(2024, 7, 31))
print(juli)
"""),
    md("""
De werklijst van de desk op die dag, per activiteit:
"""),
    py("""
styled(pending_dataframe(juli))
"""),
    md("""
(`styled(...)` toont een DataFrame zoals een mens het leest: bedragen als € 1.234,56, data als
dag-maand-jaar, ja/nee, een streepje waar niets is; het DataFrame zelf blijft exact, met
Decimal, date en bool, voor wie verder rekent.)

**Elk kwartaal is een eigen waardering, één keer afgerond op hele centen** (half naar boven).
Persoon `p-002` (doelgroepregister, 32 van 36 uur) telt per kwartaal € 40.000 × 32/36 × 3/12 =
€ 8.888,888… = € 8.888,89; zes kwartalen samen € 53.333,34. Had de leverancier de hele
plaatsing van anderhalf jaar in één keer gedeclareerd, dan was het € 40.000 × 32/36 × 18/12 =
€ 53.333,33: één cent minder. Dat is de afrondingsregel (één afronding per waardering), geen
rekenfout; een rapport telt de afgeronde kwartalen op.

In een notebook toont het rapport zich ook als tabel (achter op pad: geel, risico op een tekort:
rood):
"""),
    py("""
goedgekeurd
"""),
    md("""
### Waar de bedragen vandaan komen

Elk bedrag is na te rekenen. Voor **groen-emmen** (Veld Groen, opdrachtwaarde € 900.000, van
1 maart 2023 tot en met 31 december 2024):

- verplichting: 5 % × € 900.000 = € 45.000;
- pad op 30 juni 2024: € 45.000 × 488 / 672 contractdagen = € 32.678,57;
- tot nu toe: persoon `p-003` (WW, langer dan 1 jaar, 24 van 36 uur) drie kwartalen van 2023, elk
  € 15.000 × 24/36 × 3/12 = € 2.500, samen € 7.500; de twee kwartalen van `p-017` tellen niet
  (zie hoofdstuk 4);
- prognose bij contracteinde: er is niets meer gepland, dus € 7.500; tekort € 45.000 − € 7.500 =
  € 37.500; boete € 0,50 per ontbrekende euro: € 18.750.

De bibliotheek schrijft hetzelfde spoor uit:
"""),
    py("""
groen = goedgekeurd.contract("groen-emmen")
for line in groen.result.obligation.lines:
    print(line.nl)
print(groen.path_line.nl)
al_gezegd = set()  # een opmerking die per kwartaal terugkomt, één keer
for r in groen.result.realised_activities:
    print(f"{r.label}: {format_eur(r.counted)}")
    for regel in r.valuation.explain().splitlines():
        if "niet beoordeeld" in regel:
            if (r.activity.person, regel) in al_gezegd:
                continue
            al_gezegd.add((r.activity.person, regel))
        print("   " + regel)
"""),
    md("""
## 4. Dubbeltelling: één persoon, twee leveranciers

Het grootboek telt de hele portefeuille als één geheel: per persoon telt op een dag samen
hoogstens één volle werkweek. Wie eerst kwam telt (gerealiseerd vóór gepland, dan de
plaatsing die eerst begon, dan het oudste contract). `p-017` begon bij beide leveranciers op
1 januari 2024; het contract N34-weg (sinds 1 januari 2023) is ouder dan groen-emmen (sinds
1 maart 2023), dus telt `p-017` bij Hunze Bouw en niet bij Veld Groen: per kwartaal
€ 10.000 × 36/36 uur × 3/12 = € 2.500 telt niet (het spoor hierboven toont eerst die waarde en
dan wat er niet van telt). De desk krijgt een werklijst: welke contracten, welke
weken, hoeveel niet telt.
"""),
    py("""
for d in goedgekeurd.double_counts:
    print(f"{d.person}: {d.contract}/{d.activity} ({d.supplier}) telt {format_eur(d.amount)}"
          f" niet; al geteld bij {', '.join(d.claimed_by)}; {d.weeks}")
styled(double_count_dataframe(goedgekeurd))
"""),
    md("""
## 5. Tekorten en boetes: de prognose bij contracteinde

Per contract de prognose (gerealiseerd en gepland samen) tegen de verplichting, en wat het
contract bij een tekort voorschrijft — met de berekening. Twee contracten halen hun
verplichting naar verwachting niet: groen-emmen (boete per ontbrekende euro) en fietspad
(afkoop: 80 % van het tekort van € 30.000 − € 10.000 = € 20.000, dus € 16.000). N34-weg
en schoon-assen liggen op koers: hun prognose is hoger dan de verplichting.
"""),
    py("""
for s in goedgekeurd.settlements:
    if s.shortfall > 0:
        soort = "afkoopsom" if s.buy_off else "boete"
        print(f"{s.contract} ({s.supplier}): {soort} {format_eur(s.fine)}")
        print(s.explain("nl"), end="\\n\\n")
"""),
    md("""
Dit is een prognose: de contracten lopen nog. De **definitieve afrekening** volgt bij
contracteinde: het rapport over het kwartaal waarin het contract eindigt rekent met wat
gerealiseerd en goedgekeurd is (basis *eindafrekening*), niet meer met het plan. Voor
groen-emmen en fietspad, na het vierde kwartaal van 2024:
"""),
    py("""
eind = monitor(portfolio, ReportingPeriod.quarter(2024, 4), view="approved")
for s in eind.settlements:
    if s.contract in ("groen-emmen", "fietspad"):
        print(f"{s.contract} ({s.supplier})")
        print(s.explain("nl"), end="\\n\\n")
"""),
    py("""
fulfilment_chart(goedgekeurd)
"""),
    md("""
## 6. Realisatie in de tijd

De stand aan het eind van elk kwartaal, tegen het tijdsevenredige pad en de verplichting.
"""),
    py("""
points = timeline(portfolio, periods_between("quarter", date(2023, 1, 1), date(2024, 12, 31)))
timeline_chart(points)
"""),
    md("""
## 7. Aan het eind van de agendaperiode: impactdoelen en SDG-subdoelen

Elk bouwblok draagt impactdoelen en SDG-subdoelen (data in `catalogs/impact-tags.toml`; een
regio kan ze overschrijven). Per SDG-subdoel en per impactdoel: de getelde euro's, het aantal
unieke personen, de gemiddelde fte en de indicatoren in hun eigen eenheid — naast de euro's,
nooit erbij opgeteld.
"""),
    py("""
per_sdg = impact_report(portfolio, DRENTHE_AGENDA, by="sdg_target")
print(per_sdg)
"""),
    py("""
impact_chart(per_sdg)
"""),
    py("""
per_doel = impact_report(portfolio, DRENTHE_AGENDA, by="impact_goal")
print(per_doel)
impact_chart(per_doel)
"""),
    md("""
De grafiek toont alleen doelen met euro's. Circulariteit en bio-based hebben hier geen euro's,
alleen indicatoren (42.000 kg CO2-eq vermeden, 310.000 kg primaire grondstof vermeden, zie de
tabel): een indicator telt in haar eigen eenheid, nooit als euro, dus staat ze niet als balk in
een eurografiek.
"""),
    md("""
Eén euro kan meerdere doelen dienen (een plaatsing in de Participatiewet telt voor SDG 8.5 en
10.2, voor participatie en inclusie), dus de rijen tellen niet op tot het totaal; de totaalrij
telt elke euro één keer. De fte is het gemiddelde over de hele agendaperiode (vier jaar, terwijl
de contracten twee jaar lopen); per jaar:
"""),
    py("""
styled(impact_report(portfolio, DRENTHE_AGENDA, by="year").to_dataframe())
"""),
    md("""
## 8. De werkmap voor de ambtelijke rapportage

Dezelfde rapportage als Excel-werkmap: contracten, boetes met hun berekening, de werklijst
dubbeltellingen en de impactrapportage (bedragen als exacte getallen met een euro-opmaak).
"""),
    py("""
from io import BytesIO

from openpyxl import load_workbook

werkmap = load_workbook(BytesIO(report_workbook(goedgekeurd, impact=per_sdg)))
print(werkmap.sheetnames)
"""),
]


def build() -> nbformat.NotebookNode:
    nb = new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    nb.cells = [new_markdown_cell(s) if k == "md" else new_code_cell(s) for k, s in CELLS]
    for n, cell in enumerate(nb.cells):
        cell.id = f"cel-{n:02d}"  # stable ids: a rebuild changes only what was edited
    return nb


def main() -> int:
    path = HERE / "portfolio.ipynb"
    nbformat.write(build(), path)
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
