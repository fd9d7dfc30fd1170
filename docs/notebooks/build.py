"""Write the worked notebooks (``adviser``, ``bid-team``, ``integrator``) from the cells below.

The notebooks are kept without outputs, so a change shows up as a readable diff; run one with
``jupyter nbconvert --to notebook --execute docs/notebooks/adviser.ipynb`` or open it in Jupyter.
``tests/test_notebooks.py`` executes all three. Regenerate after editing this file::

    python docs/notebooks/build.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent

Cell = tuple[str, str]  # ("md" | "py", source)


def md(text: str) -> Cell:
    return ("md", text.strip("\n"))


def py(text: str) -> Cell:
    return ("py", text.strip("\n"))


# ---------------------------------------------------------------------------------------------
# adviser.ipynb — an inkoopadviseur / SR-adviseur checks a tender, a plan and its realisation.

ADVISER = [
    md("""
# Social return van een aanbesteding controleren — voor inkoopadviseurs en SR-adviseurs

Dit notebook laat zien wat een adviseur met `bouwblokken` doet:

1. de **catalogus** van de regio bekijken en een bouwblok vinden;
2. de **SR-verplichting** van een aanbesteding berekenen, met elke stap;
3. het **plan van aanpak** en de **realisatie** invoeren;
4. zien **wat telt**, wat **niet** telt en **waarom** (tabel, HTML, DataFrame);
5. **grafieken**: geteld per categorie en realisatie in de tijd;
6. **regio's vergelijken**: hetzelfde plan onder de catalogus van Leiden;
7. het resultaat **in Excel** voor een collega.

Bedragen zijn exact (nooit floats) en elk resultaat noemt de cataloguseditie. Uitvoer is
Nederlands; geef `lang="en"` voor Engels.
"""),
    py("""
%matplotlib inline
from datetime import date

from bouwblokken import (
    Activity,
    Ledger,
    Person,
    Tender,
    compare,
    compute_obligation,
    evaluate,
    format_eur,
    list_catalogs,
    load_catalog,
    value_under,
)
from bouwblokken.display import charts
from bouwblokken.parse import parse_amount, parse_date, parse_hours
"""),
    md("""
## 1. De catalogus

Elke regio publiceert een eigen menukaart van bouwblokken; de bibliotheek levert ze als data
met edities. Een catalogus toont zich in een notebook per categorie, met bedragen, bonussen,
duur van meetellen en markeringen voor wat niet geverifieerd is.
"""),
    py("""
for info in list_catalogs():
    vanaf = info.effective_from.strftime("%d-%m-%Y") if info.effective_from else "niet vermeld"
    print(f"{info.key:28} {vanaf:14} {info.title_nl}")
haaglanden = load_catalog("haaglanden")
haaglanden
"""),
    md("""
Een blok zoeken met een deel van de naam: `find_block("bbl")` geeft de passende blokken.
"""),
    py("""
[b.id for b in haaglanden.find_block("bbl")]
"""),
    md("""
## 2. De SR-verplichting

Een dienstverleningsopdracht van € 2.400.000 excl. btw in Haaglanden, gegund op 1 maart 2025.
Bedragen en datums mogen op z'n Nederlands (`parse_amount("2.400.000")`,
`parse_date("01-05-2025")`).
"""),
    py("""
aanbesteding = Tender(
    id="SCH-2025",
    title="Schoonmaak stadskantoor",
    catalog="haaglanden",
    contract_value=parse_amount("2.400.000"),
    contract_type="services",
    contract_date=parse_date("01-03-2025"),
    start=parse_date("01-05-2025"),
    end=parse_date("30-04-2027"),
)
verplichting = compute_obligation(aanbesteding, haaglanden)
print(verplichting.explain())
"""),
    md("""
## 3. Plan en realisatie

Drie mensen in dienst en een BBL-leerling. Personen alleen onder een pseudoniem (geen naam,
geen BSN). `status="gerealiseerd"` is geleverd, `"gepland"` nog een toezegging.
"""),
    py("""
plan = (
    Activity(id="a1", person="P001", status="gerealiseerd", block="participatiewet",
             hours_per_week=parse_hours("22,5"), start=date(2025, 5, 1), end=date(2026, 4, 30)),
    Activity(id="a2", person="P002", status="gepland", block="ww", hours_per_week=36,
             start=date(2025, 6, 1), end=date(2026, 5, 31)),
    Activity(id="a3", person="P003", status="gepland", block="banenafspraak", hours_per_week=24,
             age=56, start=date(2025, 5, 1), end=date(2026, 4, 30)),
    Activity(id="a4", person="P004", status="gepland", block="leerbaan_bbl_niveau_1_2",
             hours_per_week=36, start=date(2025, 9, 1), end=date(2026, 8, 31)),
)
ledger = Ledger(
    persons=tuple(Person(id=f"P00{i}") for i in range(1, 5)),
    tenders=(aanbesteding.model_copy(update={"activities": plan}),),
)
resultaat = evaluate(ledger)
print(resultaat.table())
"""),
    md("""
Hetzelfde resultaat als HTML (zo toont Jupyter een resultaat), met een balk per overzicht
(gerealiseerd; prognose = gerealiseerd + gepland) en de berekening van elke activiteit:
"""),
    py("""
resultaat
"""),
    md("""
## 4. Wat telt niet, en waarom

Eén activiteit stap voor stap — na te rekenen met de hand:
"""),
    py("""
print(resultaat.tender("SCH-2025").activities[2].valuation.explain())
"""),
    md("""
Als pandas DataFrame (bedragen blijven exacte `Decimal`s, kolommen in het Nederlands):
"""),
    py("""
resultaat.to_dataframe()
"""),
    md("""
## 5. Grafieken

Geteld per categorie (werk, leren, inkopen, ...) tegen de lijn van de verplichting, en de
realisatie in de tijd:
"""),
    py("""
charts.category_chart(resultaat)
"""),
    py("""
charts.realisation_chart(resultaat)
"""),
    md("""
## 6. Hetzelfde plan onder Leiden

Blokken worden gekoppeld op doelgroep, categorie en soort regel — niet op woorden in de naam.
Waar dat niet eenduidig is, beslist een koppeltabel per regiopaar
(`catalogs/mappings/haaglanden--leiden.toml`): de Haaglandse Banenafspraak wordt in Leiden
*Participatiewet met arbeidsbeperking*, niet Wsw. De verplichting blijft die van de
opdrachtgever; alleen wat telt verandert.
"""),
    py("""
leiden = load_catalog("leiden")
vergelijking = compare(haaglanden, leiden)
vergelijking  # blokken naast elkaar, met verschil, koppeling en duur van meetellen; bonussen
"""),
    py("""
onder = value_under(ledger, ["haaglanden", "leiden"])
for v in onder:
    f = v.result.tenders[0].forecast
    print(f"{v.catalog.key:20} geteld {format_eur(f.counted):>14}  nog te doen "
          f"{format_eur(f.remaining):>14}")
"""),
    py("""
charts.catalog_comparison_chart(plan, ["haaglanden", "leiden"], obligation=verplichting.amount)
"""),
    md("""
## 7. In Excel, voor een collega

Een werkmap met bedragen als echte getallen in euroformaat: samenvatting (verplichting,
geteld, nog te doen, %), activiteiten, berekening, wat niet telt en waarom, en de vergelijking
met Leiden. Een leeg invulsjabloon maakt `bouwblokken template ledger.xlsx`.
"""),
    py("""
import tempfile
from pathlib import Path

from bouwblokken.excel import write_result

map_ = Path(tempfile.mkdtemp())  # in de praktijk: pad = "resultaat.xlsx"
pad = write_result(resultaat, map_ / "resultaat.xlsx", comparison=onder)
print("geschreven:", pad.name)
"""),
]


# ---------------------------------------------------------------------------------------------
# bid-team.ipynb — a supplier's bid team looks for the cheapest plan that meets the obligation.

BID_TEAM = [
    md("""
# Het goedkoopste plan dat de SR-verplichting haalt — voor bidteams van inschrijvers

Wat een bouwblok volgens de catalogus *telt*, is niet wat het de inschrijver *kost*. U geeft per
mogelijkheid uw eigen kosten en hoeveel eenheden (kandidaten) er zijn; de optimizer zoekt het
plan met de laagste kosten dat de SR-verplichting haalt, tot op de cent, met alternatieven en de
afweging tussen kosten en het aantal geholpen kandidaten. Daarna: één plan over **meerdere
contracten** tegelijk, en **opnieuw plannen** als een kandidaat uitvalt.

**Elk bedrag is na te rekenen.** Bij elk getal staat een regel *narekenen* met de som volgens
de catalogus van Haaglanden (editie 2023-07): een bouwblok telt

> waarde per voltijds jaar × uren per week ÷ 36 × maanden ÷ 12, één keer afgerond op hele centen

(36 uur is de volle week van deze catalogus; meer uren tellen niet mee). Het notebook rekent die
som apart uit en controleert met `assert` dat de optimizer op precies hetzelfde bedrag uitkomt.

## Wat de status van een plan betekent

- **optimaal** — bewezen het goedkoopste plan dat de verplichting haalt. U kunt het gebruiken.
- **haalbaar, niet bewezen optimaal** — het plan haalt de verplichting, maar de tijdslimiet was
  op voordat bewezen was dat het niet goedkoper kan; de uitkomst noemt hoeveel het *hoogstens*
  duurder is dan het optimum (een bewezen bovengrens). Gebruik het, of reken opnieuw met meer
  tijd.
- **onhaalbaar (bewezen)** — geen enkel plan haalt de verplichting met deze kandidaten en
  aantallen; de uitkomst zegt hoe ver u komt en wat in de weg zit. Zoek meer of andere
  kandidaten, of ga het gesprek aan met de opdrachtgever.
- **onbekend (tijdslimiet)** — binnen de tijd geen plan gevonden, en ook niet bewezen dat er
  geen is. Reken opnieuw met meer tijd.

**De tijdslimiet** is standaard 2 seconden per aanroep, voor het hele verzoek (alternatieven en
Pareto-grens inbegrepen); `optimise(request, time_limit=10)` geeft 10 seconden. Een klein
verzoek zoals hieronder is in een fractie daarvan bewezen optimaal; het plan over meerdere
contracten geeft hier 10 seconden omdat het zwaarder is. Dezelfde invoer geeft altijd hetzelfde
optimale bedrag.

Het plan over meerdere contracten zegt zijn status in één zin (`plan.status_text()`):
*optimaal (bewezen)*; als niet alles te halen is *kleinste tekort bewezen: tekort € …, boetes
€ … — niet alle verplichtingen gehaald*; bij de tijdslimiet *haalbaar, niet bewezen optimaal:
hoogstens € … (… %) duurder dan het optimum (tijdslimiet)*; *onhaalbaar (bewezen): geen plan
mogelijk*; of *onbekend (tijdslimiet): geen plan gevonden, en niet bewezen dat er geen is*.
`print(plan)` toont de plaatsingen en de contracten als tabel.
"""),
    py("""
%matplotlib inline
from datetime import date
from fractions import Fraction

from bouwblokken import (
    Activity,
    Ledger,
    Person,
    Tender,
    evaluate,
    format_eur,
    load_catalog,
    round_cents,
)
from bouwblokken.display import charts
from bouwblokken.money import format_day
from bouwblokken.optimize import status_label
from bouwblokken.optimize.plan import OptionSpec, PlanRequest, optimise


def telt(jaarwaarde, uren, maanden, volle_week=36):
    \"\"\"Wat een plaatsing telt: jaarwaarde × uren/36 × maanden/12, één keer afgerond.\"\"\"
    return round_cents(
        Fraction(jaarwaarde) * min(Fraction(uren, volle_week), 1) * Fraction(maanden, 12)
    )


def euro(bedrag):
    \"\"\"Een bedrag uit de catalogus zonder centen: € 40.000.\"\"\"
    return format_eur(bedrag).removesuffix(",00")
"""),
    md("""
## Het contract en de mogelijkheden

Een contract voor onderhoud van groen van € 1.000.000 excl. btw in Haaglanden: de
SR-verplichting is 5 % daarvan. Een `OptionSpec` is één ding dat de inschrijver kan doen: een
activiteit voor **één eenheid** (de plaatsing van één kandidaat, of één stap van een deelbare
mogelijkheid, zoals € 100 opleidingskosten), de eigen kosten per eenheid en het aantal
beschikbare eenheden.
"""),
    py("""
tender = Tender(
    id="T1", title="Onderhoud groen", catalog="haaglanden", contract_value="1000000",
    contract_date=date(2024, 1, 15), start=date(2024, 2, 1), end=date(2026, 1, 31),
)
options = (
    OptionSpec(
        id="pw", label="Participatiewet, 24 uur per week, 12 maanden",
        template=Activity(block="participatiewet", hours_per_week=24,
                          start=date(2024, 3, 1), end=date(2025, 2, 28)),
        cost_per_unit="9000", max_units=2,
    ),
    OptionSpec(
        id="bbl", label="BBL-leerbaan niveau 1-2, 36 uur per week, 12 maanden",
        template=Activity(block="leerbaan_bbl_niveau_1_2", hours_per_week=36,
                          start=date(2024, 9, 1), end=date(2025, 8, 31)),
        cost_per_unit="4000", max_units=3,
    ),
    OptionSpec(
        id="ww", label="WW, 36 uur per week, 12 maanden",
        template=Activity(block="ww", hours_per_week=36,
                          start=date(2024, 3, 1), end=date(2025, 2, 28)),
        cost_per_unit="12000", max_units=2,
    ),
    OptionSpec(
        id="opleiding", label="Opleidingskosten, per € 100", kind="divisible",
        template=Activity(block="opleiding_begeleiding", costs="100"),
        cost_per_unit="100", max_units=200,
    ),
)
request = PlanRequest(tender=tender, options=options, alternatives=4)
"""),
    md("""
**Narekenen: wat telt één eenheid?** De jaarwaarden staan in de catalogus van Haaglanden
(Participatiewet € 40.000, BBL-leerbaan niveau 1-2 € 25.000, WW € 20.000 per voltijds jaar);
opleidingskosten tellen voor het bedrag dat u uitgeeft.
"""),
    py("""
verplichting = round_cents(Fraction(5, 100) * 1_000_000)
print(f"SR-verplichting: 5 % × € 1.000.000 = {format_eur(verplichting)}")
waarde = {
    "pw": telt(40000, 24, 12),
    "bbl": telt(25000, 36, 12),
    "ww": telt(20000, 36, 12),
    "opleiding": round_cents(100),
}
print(f"pw:        € 40.000 × 24/36 × 12/12 = {format_eur(waarde['pw'])} per kandidaat")
print(f"bbl:       € 25.000 × 36/36 × 12/12 = {format_eur(waarde['bbl'])} per kandidaat")
print(f"ww:        € 20.000 × 36/36 × 12/12 = {format_eur(waarde['ww'])} per kandidaat")
print(f"opleiding: {format_eur(waarde['opleiding'])} per € 100 opleidingskosten")
kosten = {o.id: o.cost_per_unit for o in options}
"""),
    md("""
## Het optimale plan, de alternatieven en de afweging

De tabel zet de plannen naast elkaar: per optie het aantal eenheden, de kosten, wat het plan
telt, het overschot boven de verplichting en het aantal geholpen kandidaten.
"""),
    py("""
plans = optimise(request)
print("Status:", status_label(plans.status))
print(plans.table())
"""),
    md("""
**Narekenen.** Elk plan: het aantal eenheden × wat één eenheid telt, en × wat één eenheid
kost. De controle hieronder rekent het optimale plan en elk alternatief na met de waarden van
hierboven.
"""),
    py("""
def narekenen(naam, plan):
    delen = [(optie, n) for optie, n in plan.units.items() if n]
    geteld = sum(n * waarde[optie] for optie, n in delen)
    kost = sum(n * kosten[optie] for optie, n in delen)
    som_geteld = " + ".join(f"{n} × {format_eur(waarde[optie])}" for optie, n in delen)
    som_kosten = " + ".join(f"{n} × {format_eur(kosten[optie])}" for optie, n in delen)
    print(f"{naam}: {' + '.join(f'{n} × {optie}' for optie, n in delen)}")
    print(f"  telt   {som_geteld} = {format_eur(geteld)} (verplichting {format_eur(verplichting)})")
    print(f"  kost   {som_kosten} = {format_eur(kost)}"
          + (f", {format_eur(kost - plans.best.cost)} meer dan het optimale plan"
             if plan is not plans.best else ""))
    assert geteld == plan.counted and kost == plan.cost and geteld >= verplichting


narekenen("optimaal plan", plans.best)
for n, alt in enumerate(plans.alternatives, 1):
    narekenen(f"alternatief {n}", alt)
"""),
    md("""
Het optimale plan zet twee BBL-leerbanen in: die kosten € 4.000 per € 25.000 die ze tellen,
€ 0,16 per getelde euro, het laagste van alle opties. Alternatieven zijn de volgende goedkoopste
*minimale* plannen (geen eenheid kan eruit zonder de verplichting te missen): het bidteam kan op
andere gronden kiezen — een kandidaat die u al kent, een ander soort plaatsing — en weet dan
precies wat dat meer kost.

Meer kandidaten helpen kost meestal meer. De Pareto-grens (ook onder de tabel hierboven) toont
per aantal kandidaten het goedkoopste plan: geen plan helpt evenveel kandidaten voor minder.
"""),
    py("""
charts.pareto_chart(plans)
"""),
    md("""
## Het beste plan in het register

De activiteiten van het plan (met pseudonieme personen) gaan als *gepland* in het contract; het
register laat dan zien dat de verplichting gehaald wordt — gewaardeerd met dezelfde regels als
de optimizer gebruikte.
"""),
    py("""
ledger = plans.best.add_to(Ledger(supplier="Groen B.V.", tenders=(tender,)), "T1")
result = evaluate(ledger)
t1 = result.tender("T1")
print(result.table())
print(f"narekenen: 2 × {format_eur(waarde['bbl'])} = {format_eur(2 * waarde['bbl'])} "
      f"= de verplichting van {format_eur(t1.obligation.amount)}")
assert t1.forecast.met and t1.forecast.counted == 2 * waarde["bbl"]
assert t1.obligation.amount == verplichting
"""),
    md("""
## Als de verplichting niet te halen is

Met maar één kandidaat voor de Participatiewet en één voor de WW haalt geen plan de
verplichting. De optimizer zegt dan hoe ver het komt, hoe groot het tekort is en welke grenzen in
de weg zitten:
"""),
    py("""
pw, _, ww, _ = options
short = PlanRequest(
    tender=tender,
    options=(pw.model_copy(update={"max_units": 1}), ww.model_copy(update={"max_units": 1})),
)
plans_short = optimise(short)
print("Status:", status_label(plans_short.status))
print(plans_short.table())
hoogstens = waarde["pw"] + waarde["ww"]
print(f"narekenen: {format_eur(waarde['pw'])} + {format_eur(waarde['ww'])} = "
      f"{format_eur(hoogstens)}; tekort {format_eur(verplichting)} − {format_eur(hoogstens)} "
      f"= {format_eur(verplichting - hoogstens)}")
assert plans_short.status == "infeasible"
assert plans_short.diagnosis.max_counted_cents == hoogstens * 100
"""),
    md("""
## Eén plan over meerdere contracten

Een inschrijver heeft vaak meerdere contracten met een SR-verplichting en één groep kandidaten.
`plan_contracts` kiest welke kandidaat naar welk contract gaat, **hoeveel uur per week** en
**hoeveel maanden**, zodat elke verplichting die nog openstaat gehaald wordt tegen de laagste
kosten. Hier twee contracten in Haaglanden, elk met een SR-verplichting van 5 %: groen
(€ 400.000) en schoonmaak (€ 600.000, met een boete van 10 % van het tekort), en vier
kandidaten (met pseudoniemen: anna, bram, chris en dewi), elk met de uren per week die ze
beschikbaar zijn, de bouwblokken waarvoor ze in aanmerking komen en de eigen kosten van de
inschrijver: per uur, en eenmalig per plaatsing (werving, inwerken).

De rekenregels, dezelfde als in het register:

- **wat een plaatsing telt**: jaarwaarde × uren per week ÷ 36 × maanden ÷ 12, één keer afgerond;
  uren per week × maanden heet hieronder *uurmaanden*;
- **wat een plaatsing kost**: uren per week × maanden × 52/12 weken per maand × kosten per uur,
  plus de kosten per plaatsing;
- een kandidaat heeft hoogstens één plaatsing per contract, en telt over alle contracten samen
  hoogstens één volle week (36 uur) en niet meer dan de uren die hij of zij beschikbaar is;
- haalt geen plan elke verplichting, dan kiest de optimizer het kleinste tekort, en daarna de
  laagste kosten plus boetes.
"""),
    py("""
from bouwblokken.optimize.multi import Candidate, Contract, MultiRequest, plan_contracts, replan


def contract(tid, value):
    return Tender(id=tid, catalog="haaglanden", contract_value=value, contract_type="services",
                  contract_date=date(2025, 3, 1), publication_date=date(2025, 1, 15),
                  start=date(2025, 4, 1), end=date(2027, 3, 31))


contracts = (contract("groen", "400000"), contract("schoonmaak", "600000"))
candidates = (
    Candidate(id="anna", hours_per_week=36, blocks=("participatiewet",),
              cost_per_hour="22", cost_per_placement="500"),
    Candidate(id="bram", hours_per_week=24, blocks=("ww", "participatiewet"),
              cost_per_hour="25", cost_per_placement="500"),
    Candidate(id="chris", hours_per_week=32, blocks=("ww",),
              cost_per_hour="30", cost_per_placement="1000"),
    Candidate(id="dewi", hours_per_week=20, blocks=("participatiewet",),
              cost_per_hour="28"),
)
supplier = Ledger(supplier="Groen B.V.", tenders=contracts)
request = MultiRequest(
    ledger=supplier,
    contracts=(Contract(tender="groen"), Contract(tender="schoonmaak", fine_percent="10")),
    candidates=candidates,
    start=date(2025, 5, 1),
)
haaglanden = load_catalog("haaglanden")
jaarwaarde = {b: haaglanden.block(b).rule.amount for b in ("participatiewet", "ww")}
naam = {b: haaglanden.block(b).label_nl for b in jaarwaarde}
for c in candidates:
    print(f"{c.id:6} {c.hours_per_week} uur per week, {' of '.join(naam[b] for b in c.blocks)}; "
          f"{format_eur(c.cost_per_hour)} per uur + {format_eur(c.cost_per_placement)} "
          "per plaatsing")
for tid, bedrag in (("groen", 400_000), ("schoonmaak", 600_000)):
    print(f"SR-verplichting {tid}: 5 % × {euro(bedrag)} = "
          f"{format_eur(round_cents(Fraction(5, 100) * bedrag))}")
"""),
    md("""
**Wie is het goedkoopst per getelde euro?** Een voltijds jaar is 36 uur × 52 weken = 1.872 uur.
Zet u dat af tegen wat het jaar telt, dan ziet u wie de optimizer het eerst inzet (de kosten
per plaatsing komen daar nog bij):
"""),
    py("""
for c in candidates:
    for b in c.blocks:
        jaar = 1872 * c.cost_per_hour
        print(f"{c.id:6} {naam[b]:16} 1.872 uur × {format_eur(c.cost_per_hour)} = "
              f"{format_eur(jaar):>12} voor {euro(jaarwaarde[b])}: "
              f"{format_eur(jaar / jaarwaarde[b])} per getelde euro")
"""),
    md("""
Het plan, met per plaatsing de som om na te rekenen:
"""),
    py("""
def plaatsing(p, kandidaat):
    \"\"\"Eén plaatsing met de som die een bidmanager narekent, gecontroleerd.\"\"\"
    geteld = telt(jaarwaarde[p.block], p.hours_per_week, p.months)
    kost = round_cents(p.hours_per_week * p.months * Fraction(52, 12)
                       * Fraction(kandidaat.cost_per_hour) + Fraction(kandidaat.cost_per_placement))
    print(f"{p.candidate} → {p.tender}: {naam[p.block]}, {p.hours_per_week} uur per week, "
          f"{p.months} maanden ({format_day(p.start, style='long')} t/m "
          f"{format_day(p.end, style='long')}), {p.hours_per_week * p.months} uurmaanden")
    print(f"  telt  {euro(jaarwaarde[p.block])} × {p.hours_per_week}/36 × {p.months}/12 "
          f"= {format_eur(geteld)}")
    print(f"  kost  {p.hours_per_week} uur × {p.months} maanden × 52/12 weken × "
          f"{format_eur(kandidaat.cost_per_hour)} + {format_eur(kandidaat.cost_per_placement)} "
          f"= {format_eur(kost)}")
    assert (geteld, kost) == (p.value, p.cost)
    return kost


kandidaat = {c.id: c for c in candidates}
plan = plan_contracts(request, time_limit=10)
print(f"Plan: {plan.status_text()}; kosten {format_eur(plan.cost)}\\n")
totaal = sum(plaatsing(p, kandidaat[p.candidate]) for p in plan.placements)
print(f"\\nnarekenen: totale kosten {' + '.join(format_eur(p.cost) for p in plan.placements)} "
      f"= {format_eur(totaal)}")
assert totaal == plan.cost
print()
print(plan)  # dezelfde plaatsingen als tabel, met per contract wat nog open was en wat het telt
"""),
    md("""
**Waarom dit plan?** Anna kost het minst per getelde euro en heeft 36 uur. Samen vragen de
contracten € 50.000, dat is 50.000 ÷ 40.000 × 36 × 12 = 540 uurmaanden Participatiewet — dat
past in haar volle week tot het einde van de contracten. Omdat zij in elk contract een eigen
plaatsing nodig heeft, betaalt u twee keer de kosten per plaatsing; de andere kandidaten zijn
duurder. Elke verdeling van uren en maanden met hetzelfde aantal uurmaanden telt en kost
hetzelfde (beide zijn evenredig met uren × maanden): de optimizer kiest er één, en u mag die in
overleg met de kandidaat anders verdelen zolang de uurmaanden per contract gelijk blijven en ze
samen niet boven de 36 uur per week komt.

Het register bevestigt het: elk contract haalt zijn verplichting met precies wat het plan telt.
"""),
    py("""
planned = evaluate(plan.add_to(supplier))
for tid in ("groen", "schoonmaak"):
    t = planned.tender(tid)
    print(f"{tid}: geteld {format_eur(t.forecast.counted)} van {format_eur(t.obligation.amount)}, "
          + ("gehaald" if t.forecast.met else "niet gehaald"))
    assert t.forecast.counted == plan.counted[tid]
"""),
    md("""
### Als niet alles te halen is

Stel dat alleen Dewi beschikbaar is, en dan voor 10 uur per week. Dan haalt geen plan beide
verplichtingen. De optimizer kiest eerst het kleinste totale tekort en daarna de laagste kosten
plus boetes: al haar uren gaan naar schoonmaak, omdat daar een boete op het tekort staat en op
groen niet. De status zegt hier *kleinste tekort bewezen*: dit is het beste wat kan, en de
verplichtingen worden **niet** gehaald; `plan.met` en de tabel per contract zeggen hoeveel.
"""),
    py("""
dewi_10 = candidates[3].model_copy(update={"hours_per_week": 10})
krap = plan_contracts(request.model_copy(update={"candidates": (dewi_10,)}), time_limit=10)
print(f"Plan: {krap.status_text()}; alle verplichtingen gehaald: {'ja' if krap.met else 'nee'}\\n")
for p in krap.placements:
    plaatsing(p, dewi_10)
print()
for tid, tekort in krap.shortfall.items():
    print(f"tekort {tid}: {format_eur(krap.remaining[tid])} − "
          f"{format_eur(krap.counted.get(tid, 0))} = {format_eur(tekort)}")
boete = round_cents(Fraction(10, 100) * Fraction(krap.shortfall["schoonmaak"]))
print(f"boete schoonmaak: 10 % × {format_eur(krap.shortfall['schoonmaak'])} = {format_eur(boete)}")
assert not krap.met and krap.fines == boete
"""),
    md("""
## Opnieuw plannen na uitval

Op 1 oktober 2025 valt Anna uit. Wat zij van 1 mei tot en met 30 september heeft gewerkt
(5 maanden, in beide contracten) is gerealiseerd: dat telt en blijft staan. Het register krijgt
die twee gerealiseerde plaatsingen; `replan` zoekt vanaf 1 oktober het goedkoopste plan voor wat
nog openstaat, zonder haar, en laat zien wat er verandert ten opzichte van het huidige plan.
"""),
    py("""
uitval = date(2025, 10, 1)
weg = [p for p in plan.placements if p.candidate == "anna"]
gerealiseerd = {
    p.tender: p.activity().model_copy(
        update={"id": f"{p.candidate}-{p.tender}-gerealiseerd", "status": "realised",
                "end": date(2025, 9, 30)}
    )
    for p in weg
}
tenders = tuple(
    t.model_copy(update={"activities": (gerealiseerd[t.id],)}) if t.id in gerealiseerd else t
    for t in contracts
)
to_date = Ledger(supplier="Groen B.V.", persons=(Person(id="anna"),), tenders=tenders)
again = replan(
    request.model_copy(update={"ledger": to_date, "dropped": ("anna",), "start": uitval}),
    plan,
    time_limit=10,
)
for p in weg:
    al = telt(jaarwaarde[p.block], p.hours_per_week, 5)
    open_ = plan.remaining[p.tender] - al
    print(f"{p.tender}: anna telde {euro(jaarwaarde[p.block])} × {p.hours_per_week}/36 × 5/12 = "
          f"{format_eur(al)}; nog open {format_eur(plan.remaining[p.tender])} − {format_eur(al)}"
          f" = {format_eur(open_)}")
    assert again.plan.remaining[p.tender] == open_
"""),
    md("""
Wat er verandert (*stopt per 1 oktober*: de vijf gerealiseerde maanden blijven tellen; een
nieuwe plaatsing noemt haar uren, maanden, data, wat ze telt en wat ze kost), en het nieuwe plan
met zijn sommen:
"""),
    py("""
for change in again.changes:
    print(change.describe())
print(f"\\nNieuw plan: {again.plan.status_text()}; kosten vanaf {format_day(uitval, style='long')} "
      f"{format_eur(again.plan.cost)}\\n")
nieuw = sum(plaatsing(p, kandidaat[p.candidate]) for p in again.plan.placements)
assert nieuw == again.plan.cost
"""),
    md("""
**Waarom dit nieuwe plan?** Na Anna is Bram de goedkoopste per getelde euro (€ 1,17): hij krijgt
in beide contracten een plaatsing, samen zo veel uren als hij heeft. Wat dan in een contract nog
ontbreekt, vult Dewi aan; zij heeft geen kosten per plaatsing, dus zelfs een kleine plaatsing is
voor dat laatste stukje goedkoper dan een andere kandidaat. Een plaatsing van een paar uur per
week is in de praktijk soms niet te organiseren of niet wat de SR-adviseur van de opdrachtgever
wil zien: overleg dan met de adviseur, of reken een variant door zonder die kandidaat
(`dropped`) en vergelijk de kosten.

**Wat kost de uitval?** `cost_difference` is de kosten van het nieuwe plan vanaf 1 oktober min
wat het oude plan vanaf 1 oktober nog gekost zou hebben: de uren van de maanden die nog kwamen
(uren per week × maanden × 52/12 weken × uurtarief). De kosten per plaatsing van Anna zijn bij
de start al gemaakt en tellen daarin niet nog eens mee.
"""),
    py("""
gedaan = 5  # mei tot en met september
for p in weg:
    print(f"anna → {p.tender}: {p.months} maanden, {gedaan} gerealiseerd, "
          f"{p.months - gedaan} vanaf 1 oktober")
uurtarief = Fraction(kandidaat["anna"].cost_per_hour)
oud = round_cents(sum(p.hours_per_week * (p.months - gedaan) * Fraction(52, 12) * uurtarief
                      for p in weg))
print("oud plan vanaf 1 oktober: "
      + " + ".join(f"{p.hours_per_week} uur × {p.months - gedaan} maanden × 52/12 weken × "
                   f"{format_eur(kandidaat['anna'].cost_per_hour)}" for p in weg)
      + f" = {format_eur(oud)}")
print(f"verschil: {format_eur(again.plan.cost)} − {format_eur(oud)} = "
      f"{format_eur(again.cost_difference)}")
assert again.cost_difference == again.plan.cost - oud
"""),
    md("""
Het register met de realisatie van Anna en het nieuwe plan: beide contracten halen hun
verplichting (een cent erboven kan: elke plaatsing wordt apart op hele centen afgerond).
"""),
    py("""
after = evaluate(again.plan.add_to(to_date))
for tid in ("groen", "schoonmaak"):
    t = after.tender(tid)
    delen = [t.realised.counted] + [p.value for p in again.plan.placements if p.tender == tid]
    print(f"{tid}: geteld {format_eur(t.forecast.counted)} van {format_eur(t.obligation.amount)} "
          f"(waarvan gerealiseerd {format_eur(t.realised.counted)})")
    print(f"  narekenen: {' + '.join(format_eur(d) for d in delen)} = {format_eur(sum(delen))}")
    assert t.forecast.met and t.forecast.counted == sum(delen)
"""),
]


# ---------------------------------------------------------------------------------------------
# integrator.ipynb — a developer of procurement software reads and writes the JSON documents.

INTEGRATOR = [
    md("""
# JSON-documenten — voor integratoren

Inkoopsoftware praat met de bibliotheek via JSON-documenten:

| document (`format`) | wat erin staat |
|---|---|
| `bouwblokken.ledger/1` | personen en aanbestedingen met hun activiteiten (invoer) |
| `bouwblokken.ledger-result/1` | de beoordeling: verplichtingen, wat meetelt, wat niet en waarom |
| `bouwblokken.options/1` | waaruit de optimizer mag kiezen (invoer) |
| `bouwblokken.plans/1` | de plannen van de optimizer |

Bedragen zijn decimale **tekst** (`"13223.74"`) en worden gelezen zonder ooit door een float te
gaan, zodat een document byte voor byte heen en terug gaat. Fouten noemen het bestand, het
record en het veld. De code, haar namen en haar eigen `print`-teksten zijn Engels, zoals de
JSON-velden; de meldingen van de bibliotheek zijn Nederlands.
"""),
    py("""
import json
from datetime import date

import jsonschema

from bouwblokken import BouwblokkenError, DocumentError, Ledger, evaluate
from bouwblokken.documents import (
    LedgerResultDocument,
    read_json,
    read_ledger,
    write_ledger,
    write_result,
)
"""),
    md("""
## Een ledger-document lezen
"""),
    py("""
ledger_json = '''{
  "format": "bouwblokken.ledger/1",
  "supplier": "Groen & Grijs B.V.",
  "persons": [
    {
      "id": "P001"
    },
    {
      "id": "P002"
    }
  ],
  "tenders": [
    {
      "id": "DH-2024-117",
      "catalog": "haaglanden",
      "contract_value": "1250000.00",
      "contract_date": "2024-11-15",
      "start": "2025-01-01",
      "end": "2026-12-31",
      "activities": [
        {
          "id": "a1",
          "person": "P001",
          "status": "realised",
          "block": "participatiewet",
          "hours_per_week": "24",
          "start": "2025-01-01",
          "end": "2025-06-30"
        },
        {
          "id": "a2",
          "person": "P002",
          "block": "ww",
          "hours_per_week": "22.5",
          "start": "2025-03-01",
          "end": "2026-08-31",
          "age": 57
        },
        {
          "id": "a3",
          "block": "opleiding_begeleiding",
          "costs": "2500.00"
        }
      ]
    }
  ]
}
'''
ledger = read_ledger(ledger_json, name="ledger.json")
ledger.tenders[0].activities[1].hours_per_week
"""),
    md("""
## Exact heen en terug

De ledger terugschrijven geeft dezelfde tekst, byte voor byte: alleen de velden die gezet
waren worden geschreven, in dezelfde volgorde, bedragen als tekst.
"""),
    py("""
written = write_ledger(ledger)
assert written == ledger_json
print("round trip exact:", written == ledger_json)
"""),
    md("""
Lezen gaat via `json.loads(..., parse_float=Decimal)`: zelfs een getal zonder
aanhalingstekens houdt al zijn cijfers (een float zou van `0.1 + 0.2` `0.30000000000000004`
maken).
"""),
    py("""
read_json('{"amount": 12345678901234567.89}')
"""),
    md("""
## Validatie met het schema

Elk document heeft een JSON Schema (gegenereerd uit de modellen; gepubliceerd in
`docs/schemas/` door `scripts/export_schemas.py`). Valideer binnenkomende documenten voordat
ze de bibliotheek bereiken, of de uitvoer van de bibliotheek zelf in je tests:
"""),
    py("""
ledger_schema = Ledger.model_json_schema()
jsonschema.validate(json.loads(ledger_json), ledger_schema)

bad = json.loads(ledger_json)
bad["tenders"][0]["contract_value"] = 1250000.5
try:
    jsonschema.validate(bad, ledger_schema)
except jsonschema.ValidationError as exc:
    print("schema says:", exc.message, "at", "/".join(map(str, exc.absolute_path)))
"""),
    md("""
## Beoordelen en het resultaatdocument schrijven

Het resultaat noemt de catalogus-editie en de SHA-256-vingerafdruk van haar bestand, zodat een
bewaard resultaat te herleiden en opnieuw te draaien is.
"""),
    py("""
result = evaluate(ledger, as_of=date(2025, 12, 31))
result_json = write_result(result)
result_doc = json.loads(result_json)
jsonschema.validate(result_doc, LedgerResultDocument.model_json_schema())
tender_doc = result_doc["tenders"][0]
print(tender_doc["catalog"], tender_doc["catalog_fingerprint"][:20] + "...")
print(json.dumps(tender_doc["forecast"], indent=2))
print(json.dumps(tender_doc["activities"][1]["not_counted"], indent=2, ensure_ascii=False))
"""),
    md("""
## Fouten

Elke fout die de bibliotheek met opzet geeft is een `BouwblokkenError` (en ook de ingebouwde
fout waarop ze lijkt, bijvoorbeeld `ValueError`). Een documentfout draagt velden met structuur
— `source` (het bestand of de opgegeven naam), `location` (het pad van het record, records
genoemd bij hun id) en `reason` (de reden):
"""),
    py("""
def show(text, name="upload.json"):
    try:
        read_ledger(text, name=name)
    except DocumentError as exc:
        print(f"DocumentError source={exc.source!r}")
        print(f"  location={exc.location!r}")
        print(f"  reason={exc.reason!r}")
    except BouwblokkenError as exc:  # any other refusal: still one base class
        print(f"{type(exc).__name__}: {exc}")


show('{"tenders": [')
show(ledger_json.replace('"hours_per_week": "24"', '"hours_per_wek": "24"'))
show(ledger_json.replace('"2500.00"', '"2500.001"'))
show(ledger_json.replace('"end": "2025-06-30"', '"end": "2024-06-30"'))
"""),
    md("""
Problemen die pas bij het waarderen blijken (een bouwblok dat de catalogus-editie niet heeft,
een ontbrekend veld dat een regel nodig heeft) geven een `ValuationError` of `LedgerError` die
het record en het veld noemt:
"""),
    py("""
broken = read_ledger(ledger_json.replace('"block": "ww"', '"block": "ww_typo"'))
try:
    evaluate(broken)
except BouwblokkenError as exc:
    print(type(exc).__name__, "| field:", exc.field, "| record:", exc.record)
    print(str(exc)[:160], "...")
"""),
    md("""
## Opties erin, plannen eruit

De optimizer leest een optiedocument (`bouwblokken.options/1`) en geeft het plannendocument
terug (`bouwblokken.plans/1`):
"""),
    py("""
from bouwblokken.optimize.plan import optimise, read_plan_request

options_json = json.dumps({
    "format": "bouwblokken.options/1",
    "tender": {
        "id": "T1", "catalog": "haaglanden", "contract_value": "1000000",
        "contract_date": "2024-01-15", "start": "2024-02-01", "end": "2026-01-31",
    },
    "options": [
        {"id": "pw", "cost_per_unit": "9000", "max_units": 2,
         "template": {"block": "participatiewet", "hours_per_week": "24",
                      "start": "2024-03-01", "end": "2025-02-28"}},
        {"id": "costs", "kind": "divisible", "cost_per_unit": "100", "max_units": 300,
         "template": {"block": "opleiding_begeleiding", "costs": "100"}},
    ],
    "alternatives": 2,
})
request = read_plan_request(options_json, name="options.json")
plans_doc = optimise(request).to_dict()
print(json.dumps({k: plans_doc[k] for k in ("format", "catalog", "target", "status")}, indent=2))
print(json.dumps(plans_doc["best"]["options"], indent=2))
"""),
]


NOTEBOOKS = {"adviser": ADVISER, "bid-team": BID_TEAM, "integrator": INTEGRATOR}


def build(cells: list[Cell]) -> nbformat.NotebookNode:
    nb = new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    for n, (kind, source) in enumerate(cells):
        cell = new_markdown_cell(source) if kind == "md" else new_code_cell(source)
        cell["id"] = f"cell-{n:02d}"
        nb.cells.append(cell)
    return nb


def main() -> int:
    for name, cells in NOTEBOOKS.items():
        path = HERE / f"{name}.ipynb"
        nbformat.write(build(cells), path)
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
