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
# Checking a tender's social return — for advisers (inkoopadviseurs, SR-adviseurs)

This notebook walks through what an adviser does with `bouwblokken`:

1. compute a tender's **obligation** (SR-verplichting) and see every step;
2. enter the supplier's **plan** (plan van aanpak) and what was **realised** (realisatie);
3. see **what counts**, what does **not** count and **why**, as a table and as HTML;
4. draw **charts**: counted value per category and realisation over time;
5. **compare regions**: the same plan under the catalogs of several regions.

Amounts are exact (never floats) and every result names the catalog edition it used.
Text is Dutch by default; pass `lang="en"` for English.
"""),
    py("""
%matplotlib inline
from datetime import date
from decimal import Decimal

from bouwblokken import (
    Activity,
    Ledger,
    Person,
    Tender,
    compute_obligation,
    evaluate,
    format_eur,
    list_catalogs,
    load_catalog,
)
from bouwblokken.display import charts
"""),
    md("""
## 1. Which catalogs are there?

Every region publishes its own menu of building blocks (bouwblokken). The library ships them as
versioned data; `list_catalogs()` shows each edition, when it applies and whether every value
could be checked against the source (`verified`).
"""),
    py("""
for info in list_catalogs():
    since = info.effective_from or "date not stated"
    print(f"{info.key:28} {since!s:16} verified={info.verified!s:5} {info.title_nl}")
"""),
    md("""
## 2. The obligation of a tender

A maintenance contract in Den Haag of € 1.250.000 excl. VAT, awarded on 15 November 2024. The
tender names the catalog; the edition in force on the award date is used, and the obligation
comes from the catalog's defaults (5% above the threshold) unless the tender says otherwise.
"""),
    py("""
tender = Tender(
    id="DH-2024-117",
    title="Onderhoud openbare ruimte Zuidwest",
    catalog="haaglanden",
    contract_value="1250000.00",
    contract_date=date(2024, 11, 15),
    start=date(2025, 1, 1),
    end=date(2026, 12, 31),
)
haaglanden = load_catalog("haaglanden", on=tender.contract_date)
obligation = compute_obligation(tender, haaglanden)
print(obligation.explain())
"""),
    md("""
## 3. The supplier's plan and what was realised

Persons appear only under a pseudonymous id (no names, no BSN); age is the age on the reference
date. `status="realised"` marks what was delivered, `"planned"` what is still a commitment.
The same person (`P002`) is also planned on a second contract of the same supplier — the
ledger must not count the same person-days twice.
"""),
    py("""
plan = (
    Activity(id="a1", person="P001", status="realised", block="participatiewet",
             hours_per_week=24, start=date(2025, 1, 1), end=date(2025, 12, 31)),
    Activity(id="a2", person="P002", status="realised", block="ww", hours_per_week=36,
             start=date(2025, 2, 1), end=date(2026, 3, 31), age=57),
    Activity(id="a3", person="P003", status="planned", block="leerbaan_bbl_niveau_1_2",
             hours_per_week=32, start=date(2025, 9, 1), end=date(2026, 8, 31)),
    Activity(id="a4", status="realised", block="opleiding_begeleiding", costs="3250.00",
             start=date(2025, 3, 1)),
    Activity(id="a5", person="P004", status="planned", block="participatiewet",
             hours_per_week=40, start=date(2026, 1, 1), end=date(2026, 12, 31)),
)
other = Tender(
    id="DH-2025-009", title="Schoonmaak stadskantoor", catalog="haaglanden",
    contract_value="400000", contract_date=date(2024, 12, 1),
    start=date(2025, 1, 1), end=date(2025, 12, 31),
    activities=(
        Activity(id="b1", person="P002", status="planned", block="ww", hours_per_week=36,
                 start=date(2025, 6, 1), end=date(2025, 12, 31)),
    ),
)
ledger = Ledger(
    supplier="Groen & Grijs B.V.",
    persons=tuple(Person(id=p) for p in ("P001", "P002", "P003", "P004")),
    tenders=(tender.model_copy(update={"activities": plan}), other),
)
result = evaluate(ledger, as_of=date(2025, 12, 31))
print(result.table())
"""),
    md("""
The same result as HTML (how Jupyter shows a result on its own), with a fulfilment bar per view
(realised; forecast = realised + planned) and the trail of every activity:
"""),
    py("""
result
"""),
    md("""
## 4. What did not count, and why

Every euro that does not count is listed with a reason code (for programs) and a sentence (for
people): beyond the counting limit, hours above the full-time week, person-days already counted
in another contract, and so on.
"""),
    py("""
for t in result.tenders:
    for row in t.activities:
        for nc in row.not_counted:
            print(f"{t.tender.id} {row.label}: {format_eur(nc.amount):>12}  "
                  f"[{nc.reason}] {nc.text('nl')}")
"""),
    md("""
One activity explained step by step — the arithmetic can be checked by hand:
"""),
    py("""
row = result.tender("DH-2024-117").activities[1]
print(row.valuation.explain())
print()
print(row.valuation.explain("en"))
"""),
    md("""
The same as a pandas DataFrame (amounts stay exact `Decimal`s):
"""),
    py("""
frame = result.to_dataframe()
frame[["tender", "activity", "block", "status", "counted", "not_counted", "reasons"]]
"""),
    md("""
## 5. Charts

Counted value per category (werk, leren, inkopen, ...) for the realised and the forecast view,
against the obligation line:
"""),
    py("""
charts.category_chart(result, tender="DH-2024-117")
"""),
    md("""
Realisation over time: the cumulative counted value by month. Each activity's counted amount is
spread evenly over its counted days; the dotted line is an even pace from the contract start to
the obligation at the contract end.
"""),
    py("""
charts.realisation_chart(result, tender="DH-2024-117", lang="en")
"""),
    md("""
## 6. The same plan in other regions

The same person can be worth € 10.000 in one region and € 20.000 in the next. Value the plan
under each region's catalog. Blocks are matched by id; where a region names a comparable block
differently, say so in `equivalents` (the chart notes every match and every block skipped).
"""),
    py("""
wanted = ["haaglanden", "leiden", "utrecht", "oost_nederland"]
available = {info.id for info in list_catalogs()}
regions = [r for r in wanted if r in available]
equivalents = {
    "leiden": {
        "participatiewet": "participatiewet_zonder_arbeidsbeperking",
        "leerbaan_bbl_niveau_1_2": "bbl_dienstverband",
    },
    "utrecht": {
        "leerbaan_bbl_niveau_1_2": "bbl_niveau_2_3_4",
        "opleiding_begeleiding": "opleiding_kennis_middelen_kosten",
    },
    "oost_nederland": {
        "participatiewet": "participatiewet_korter_dan_2_jaar",
        "ww": "ww_korter_dan_1_jaar",
        "leerbaan_bbl_niveau_1_2": "bbl_niveau_1_2",
    },
}
rows, notes = charts.compare_catalogs(plan, regions, equivalents=equivalents)
for catalog, values in rows:
    total = sum((v for v in values if v is not None), Decimal("0.00"))
    cells = "  ".join(f"{format_eur(v) if v is not None else '-':>12}" for v in values)
    print(f"{catalog.key:28} {cells}   total {format_eur(total)}")
print()
print("\\n".join(notes))
"""),
    py("""
charts.catalog_comparison_chart(
    plan, regions, equivalents=equivalents, obligation=obligation.amount
)
"""),
    md("""
Each activity is valued alone here (the catalog's counting limits, hours caps and bonuses
apply; the ledger's double-count and contract-period rules do not), which is what a comparison
of menus needs. Catalogs marked `*` are not verified: read their notes on the
[catalog pages](../catalogs/index.md) before relying on them.

## 7. What if?

Plans change. What if `a5` worked 28 hours a week instead of 40?
"""),
    py("""
what_if = ledger.with_activity(
    "DH-2024-117", plan[4].model_copy(update={"hours_per_week": Decimal(28)})
)
before = result.tender("DH-2024-117").forecast
after = evaluate(what_if, as_of=date(2025, 12, 31)).tender("DH-2024-117").forecast
print(f"forecast before: {format_eur(before.counted)} ({before.percentage}%)")
print(f"forecast after:  {format_eur(after.counted)} ({after.percentage}%), met: {after.met}")
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
print(plan.status, "- kosten", format_eur(plan.cost))
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
print(again.plan.status, "- kosten vanaf 1 oktober", format_eur(again.plan.cost),
      "- verschil", format_eur(again.cost_difference))
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
# JSON documents — for integrators

Procurement software talks to the library through JSON documents:

| document (`format`) | what it holds |
|---|---|
| `bouwblokken.ledger/1` | a supplier's persons and tenders with their activities (input) |
| `bouwblokken.ledger-result/1` | the evaluation: obligations, what counts, what not and why |
| `bouwblokken.options/1` | what the optimizer may choose from (input) |
| `bouwblokken.plans/1` | the optimizer's plans |

Amounts are decimal **strings** (`"13223.74"`), read without ever passing through a float, so a
document round-trips byte for byte. Errors name the file, the record and the field.
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
## Read a ledger document
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
## Exact round trip

Writing the ledger back gives the same text, byte for byte: only the fields that were set are
written, in the same order, amounts as strings.
"""),
    py("""
written = write_ledger(ledger)
assert written == ledger_json
print("round trip exact:", written == ledger_json)
"""),
    md("""
Reading goes through `json.loads(..., parse_float=Decimal)`: even a number written without
quotes keeps all its digits (a float would turn `0.1 + 0.2` into `0.30000000000000004`).
"""),
    py("""
read_json('{"amount": 12345678901234567.89}')
"""),
    md("""
## Schema validation

Every document has a JSON Schema (generated from the models; published in `docs/schemas/` by
`scripts/export_schemas.py`). Validate incoming documents before they reach the library, or
the library's own output in your tests:
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
## Evaluate and write the result document

The result names the catalog edition and the SHA-256 fingerprint of its file, so a stored
result can be traced and re-run.
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
## Errors

Every error the library raises on purpose is a `BouwblokkenError` (and also the builtin it
resembles, e.g. `ValueError`). A document error carries structured fields — `source` (the file
or name given), `location` (the record path, records named by their id) and `reason`:
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
Problems that only show when valuing (a block the catalog edition does not have, a missing
field a rule needs) raise a `ValuationError` or `LedgerError` that names the record and field:
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
## Options in, plans out

The optimizer reads an options document (`bouwblokken.options/1`) and returns the plans
document (`bouwblokken.plans/1`):
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
