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
# Het goedkoopste plan dat de verplichting haalt — voor bidteams

Wat een bouwblok *telt* (de catalogus) is niet wat het de leverancier *kost*. Met de eigen
kosten van elke mogelijkheid en hoeveel eenheden er beschikbaar zijn, vindt de optimizer het
plan met de laagste kosten dat de verplichting haalt — bewezen optimaal, tot op de cent — met
alternatieven en de afweging tussen kosten en het aantal geholpen mensen. Daarna: één plan over
**meerdere contracten** tegelijk, en **opnieuw plannen** als een kandidaat uitvalt.
"""),
    py("""
%matplotlib inline
from datetime import date

from bouwblokken import Activity, Ledger, Person, Tender, evaluate, format_eur
from bouwblokken.display import charts
from bouwblokken.optimize.plan import OptionSpec, PlanRequest, optimise
"""),
    md("""
## Het contract en de mogelijkheden

Een `OptionSpec` is één ding dat de leverancier kan doen: een activiteit voor **één eenheid**
(de plaatsing van één persoon, of één stap van een deelbare mogelijkheid zoals € 100
opleidingskosten), de eigen kosten per eenheid en het aantal beschikbare eenheden.
"""),
    py("""
tender = Tender(
    id="T1", title="Onderhoud groen", catalog="haaglanden", contract_value="1000000",
    contract_date=date(2024, 1, 15), start=date(2024, 2, 1), end=date(2026, 1, 31),
)
options = (
    OptionSpec(
        id="pw", label="Participatiewet, 24 uur, 12 maanden",
        template=Activity(block="participatiewet", hours_per_week=24,
                          start=date(2024, 3, 1), end=date(2025, 2, 28)),
        cost_per_unit="9000", max_units=2,
    ),
    OptionSpec(
        id="bbl", label="BBL-leerbaan niveau 1-2, 36 uur, 12 maanden",
        template=Activity(block="leerbaan_bbl_niveau_1_2", hours_per_week=36,
                          start=date(2024, 9, 1), end=date(2025, 8, 31)),
        cost_per_unit="4000", max_units=3,
    ),
    OptionSpec(
        id="ww", label="WW, 36 uur, 12 maanden",
        template=Activity(block="ww", hours_per_week=36,
                          start=date(2024, 3, 1), end=date(2025, 2, 28)),
        cost_per_unit="12000", max_units=2,
    ),
    OptionSpec(
        id="costs", label="Opleidingskosten, per € 100", kind="divisible",
        template=Activity(block="opleiding_begeleiding", costs="100"),
        cost_per_unit="100", max_units=200,
    ),
)
request = PlanRequest(tender=tender, options=options, alternatives=4)
"""),
    md("""
## Het optimale plan, de alternatieven en de afweging
"""),
    py("""
plans = optimise(request)
print(plans.table())
"""),
    py("""
print(plans.best.explain())
"""),
    md("""
Alternatieven zijn de volgende goedkoopste *minimale* plannen (geen eenheid kan eruit zonder
de verplichting te missen): het bidteam kan op andere gronden kiezen, tegen bekende meerkosten.
"""),
    py("""
for n, alt in enumerate(plans.alternatives, 1):
    extra = alt.cost - plans.best.cost
    print(f"alternatief {n}: {alt.units}  kosten {format_eur(alt.cost)} (+{format_eur(extra)}), "
          f"{alt.people} personen")
"""),
    md("""
Meer mensen helpen kost meestal meer. De Pareto-grens toont per aantal personen het goedkoopste
plan — geen plan helpt evenveel mensen voor minder:
"""),
    py("""
charts.pareto_chart(plans)
"""),
    md("""
## Het beste plan in het register

De activiteiten van het plan (met pseudonieme personen) gaan als `planned` in het contract; het
register laat dan zien dat de verplichting gehaald wordt — gewaardeerd met dezelfde regels als
de optimizer gebruikte.
"""),
    py("""
ledger = plans.best.add_to(Ledger(supplier="Groen B.V.", tenders=(tender,)), "T1")
result = evaluate(ledger)
t1 = result.tender("T1")
print(result.table())
assert t1.forecast.met
"""),
    md("""
## Als de verplichting niet te halen is

Met maar één kandidaat voor de Participatiewet en één voor de WW haalt geen plan de
verplichting. De optimizer zegt dan hoe ver het komt en welke grenzen in de weg zitten:
"""),
    py("""
pw, _, ww, _ = options
short = PlanRequest(
    tender=tender,
    options=(pw.model_copy(update={"max_units": 1}), ww.model_copy(update={"max_units": 1})),
)
plans_short = optimise(short)
print(plans_short.table())
"""),
    md("""
## Eén plan over meerdere contracten

Een leverancier heeft vaak meerdere contracten met een SR-verplichting en één groep kandidaten.
`plan_contracts` kiest welke kandidaat naar welk contract gaat, **hoeveel uur per week** en
**hoeveel maanden**, zodat elke resterende verplichting gehaald wordt tegen de laagste kosten.
Eén persoon telt over alle contracten samen hoogstens één referentieweek per dag; de waarde is
precies wat het register telt (maanden als twaalfden, één afronding). Lukt het niet, dan kiest
het plan het kleinste tekort (en de laagste boete, waar het contract er een noemt).
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
plan = plan_contracts(request, time_limit=10)
print(f"Plan: {plan.status_text()}; kosten {format_eur(plan.cost)}")
for p in plan.placements:
    print(f"{p.candidate} → {p.tender}: {p.block}, {p.hours_per_week} uur/week, "
          f"{p.months} maanden (tot {p.end:%d-%m-%Y}), telt {format_eur(p.value)}, "
          f"kost {format_eur(p.cost)}")
"""),
    md("""
Het register bevestigt het: elk contract haalt zijn verplichting met precies wat het plan telt.
"""),
    py("""
planned = evaluate(plan.add_to(supplier))
for tid in ("groen", "schoonmaak"):
    t = planned.tender(tid)
    print(tid, format_eur(t.forecast.counted), "van", format_eur(t.obligation.amount),
          "gehaald" if t.forecast.met else "niet gehaald")
    assert t.forecast.counted == plan.counted[tid]
"""),
    md("""
## Opnieuw plannen na uitval

Op 1 oktober 2025 valt de eerste kandidaat in het plan uit. Tot dan is zijn plaatsing
gerealiseerd; dat telt en blijft staan. `replan` zoekt vanaf 1 oktober het goedkoopste plan
voor de rest, zonder hem, en laat zien wat er verandert ten opzichte van het huidige plan.
"""),
    py("""
gone = plan.placements[0]
realised = gone.activity().model_copy(
    update={"id": f"{gone.candidate}-gerealiseerd", "status": "realised",
            "end": date(2025, 9, 30)}
)
tenders = tuple(
    t.model_copy(update={"activities": (realised,)}) if t.id == gone.tender else t
    for t in contracts
)
to_date = Ledger(supplier="Groen B.V.", persons=(Person(id=gone.person),), tenders=tenders)
again = replan(
    request.model_copy(update={"ledger": to_date, "dropped": (gone.candidate,),
                               "start": date(2025, 10, 1)}),
    plan,
    time_limit=10,
)
print(f"Nieuw plan: {again.plan.status_text()}; kosten vanaf 1 oktober "
      f"{format_eur(again.plan.cost)}, verschil {format_eur(again.cost_difference)}")
for change in again.changes:
    print(change.describe())
"""),
    py("""
after = evaluate(again.plan.add_to(to_date))
for tid in ("groen", "schoonmaak"):
    t = after.tender(tid)
    print(tid, format_eur(t.forecast.counted), "van", format_eur(t.obligation.amount))
    assert t.forecast.met
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
