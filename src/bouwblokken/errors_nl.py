"""Dutch texts for the error messages the library composes in English: one message table.

Like a gettext catalog, the English text is the key: each entry is an English pattern with named
places (``{block}``) and its Dutch sentence. :func:`to_dutch` gives the Dutch for a whole English
reason, or ``None`` when no entry fits (then :attr:`BouwblokkenError.message_nl` falls back to
the Dutch reason of the error's code with the English detail in brackets). A place whose name
starts with ``t_`` holds English text itself and is translated in turn; ``w_`` holds a word
from :data:`_WORDS` (``tender`` → ``aanbesteding``).

Keeping the Dutch in one table leaves the raising modules as they are and lets a test check
that every family of errors reads Dutch on the command line (``tests/test_errors_dutch.py``).
An error that sets its own Dutch (``nl=``, ``locate(nl=...)``) does not come here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

__all__ = ["record_nl", "strerror_nl", "to_dutch"]

_WORDS: dict[str, str] = {
    "tender": "aanbesteding",
    "tenders": "aanbestedingen",
    "activity": "activiteit",
    "activities": "activiteiten",
    "option": "optie",
    "options": "opties",
    "bidder": "inschrijver",
    "person": "persoon",
    "persons": "personen",
    "formula": "formule",
    "criterion": "criterium",
    "block": "bouwblok",
    "bonus": "bonus",
    "candidate": "kandidaat",
    "contract": "contract",
    "buyer": "opdrachtgever",
    "supplier": "opdrachtnemer",
    "share cap": "plafond",
    "rule": "regel",
    "plan": "plan",
    "labour cost": "loonsom",
    "invoiced turnover": "gefactureerde omzet",
    "contract value": "opdrachtwaarde",
    "works": "werken",
    "services": "diensten",
    "supplies": "leveringen",
}

_STRERROR: dict[str, str] = {
    "No such file or directory": "bestand of map bestaat niet",
    "Permission denied": "geen toegang",
    "Is a directory": "het is een map",
    "Not a directory": "geen map",
    "File name too long": "bestandsnaam te lang",
}

_NEEDS: dict[str, str] = {
    "the first day of the activity": "de eerste dag van de activiteit",
    "the last day of the activity (inclusive)": "de laatste dag van de activiteit (inclusief)",
    "the supplier's own full-time week (this catalog measures hours against it)": (
        "de eigen voltijdweek van de opdrachtnemer (deze catalogus meet uren daartegen)"
    ),
    "hours per week": "uren per week",
    "the costs actually incurred": "de werkelijk gemaakte kosten",
    "the amount agreed with the SR adviser": "het met de SR-adviseur afgesproken bedrag",
    "the number of days (this block has a maximum per day)": (
        "het aantal dagen (dit bouwblok heeft een maximum per dag)"
    ),
    "the invoice amount excl. VAT": "het factuurbedrag excl. btw",
    "the hours spent": "de bestede uren",
    "the hours actually worked": "de werkelijk gewerkte uren",
    "the last day of the wage-cost subsidy (the block counts while it runs)": (
        "de laatste dag van de loonkostensubsidie (het bouwblok telt zolang die loopt)"
    ),
}

# (English pattern, Dutch sentence). Order matters only where two patterns could both match:
# the more specific one comes first. ``{name}`` matches any text (as little as possible).
_TABLE: tuple[tuple[str, str], ...] = (
    # files and documents
    ("cannot read the file ({s_err})", "het bestand kan niet worden gelezen ({s_err})"),
    ("cannot read the workbook ({d})", "de werkmap kan niet worden gelezen ({d})"),
    ("the file is not UTF-8 text", "het bestand is geen UTF-8-tekst"),
    ("not UTF-8 text ({d})", "geen UTF-8-tekst ({d})"),
    ("not valid JSON: {x_detail}", "geen geldige JSON{x_detail}"),
    ("not valid TOML: {x_detail}", "geen geldige TOML{x_detail}"),
    ("not valid CSV: {d}", "geen geldige CSV ({d})"),
    ("file larger than {n} bytes", "bestand groter dan {n} bytes"),
    ("larger than {n} bytes", "groter dan {n} bytes"),
    ("nested more than {n} deep", "dieper genest dan {n} niveaus"),
    ("expected an object at the top level", "verwacht een object op het hoogste niveau"),
    ("duplicate key {k}", "dubbele sleutel {k}"),
    (
        "not a regular file (a FIFO, a device or a folder); refused",
        "geen gewoon bestand (een FIFO, een apparaat of een map); geweigerd",
    ),
    ("a broken or looping symbolic link", "een kapotte of rondgaande symbolische koppeling"),
    (
        "a symbolic link that leads outside the catalog folder {r}; refused",
        "een symbolische koppeling die buiten de catalogusmap {r} leidt; geweigerd",
    ),
    ("catalog folder does not exist", "de catalogusmap bestaat niet"),
    ("a number of {n} characters (at most {m})", "een getal van {n} tekens (hoogstens {m})"),
    (
        "a number outside 10^-30 .. 10^30 ({n} characters)",
        "een getal buiten 10^-30 .. 10^30 ({n} tekens)",
    ),
    ("{n} row(s) refused: {x_rows}", "{n} rij(en) geweigerd: {x_rows}"),
    ("no sheet {s}; sheets: {k}", "geen blad {s}; bladen: {k}"),
    ("the query failed: {d}", "de query is mislukt: {d}"),
    ("more cells than header columns", "meer cellen dan kolommen in de kop"),
    ("expected a finite number", "verwacht een eindig getal"),
    (
        "expected a date, got a date with a time of day",
        "verwacht een datum, kreeg een datum met een tijdstip",
    ),
    ("not a calendar date", "geen bestaande datum"),
    (
        "the spreadsheet layout has no column for {k}; keep this ledger as JSON",
        "de indeling van het werkblad heeft geen kolom voor {k}; bewaar deze ledger als JSON",
    ),
    # missing extras
    ("{what} needs openpyxl: pip install {p}", "{what}: vraagt openpyxl: pip install {p}"),
    (
        "the Excel workbook needs openpyxl: pip install {p}",
        "de Excel-werkmap vraagt openpyxl: pip install {p}",
    ),
    (
        "Excel needs openpyxl, which is not installed: pip install {p}",
        "Excel vraagt openpyxl, dat niet is geïnstalleerd: pip install {p}",
    ),
    (
        "charts need matplotlib, which is not installed: pip install {p}",
        "grafieken vragen matplotlib, dat niet is geïnstalleerd: pip install {p}",
    ),
    ("{lib} is not installed: pip install {p}", "{lib} is niet geïnstalleerd: pip install {p}"),
    (
        "the HTTP service needs the 'http' extra: pip install {p}",
        "de HTTP-dienst vraagt de extra 'http': pip install {p}",
    ),
    (
        "no view {n} is registered: import bouwblokken.display first",
        "geen weergave {n} geregistreerd: importeer eerst bouwblokken.display",
    ),
    # catalogs
    ("unknown key {k}; expected [[periods]]", "onbekende sleutel {k}; verwacht [[periods]]"),
    ("the table has no periods", "de tabel heeft geen perioden"),
    ("until is before from", "until ligt vóór from"),
    (
        "an unverified period needs a note saying why",
        "een onbevestigde periode vraagt een note die zegt waarom",
    ),
    (
        "cannot read the EU threshold table: {d}",
        "de tabel met Europese drempels kan niet worden gelezen: {d}",
    ),
    (
        "cannot read obligation rules: {d}",
        "de regels voor de verplichting kunnen niet worden gelezen: {d}",
    ),
    ("cannot read impact tags: {d}", "de impactlabels kunnen niet worden gelezen: {d}"),
    ("overlaps the period {p}", "overlapt de periode {p}"),
    ("unknown impact goal {g}", "onbekend impactdoel {g}"),
    ("unknown SDG target {g}", "onbekend SDG-subdoel {g}"),
    (
        "a source needs a url, or a title when it has no address",
        "een bron vraagt een url, of een titel als ze geen adres heeft",
    ),
    (
        "prorate_duration needs period_months (the length of one period)",
        "prorate_duration vraagt period_months (de lengte van één periode)",
    ),
    (
        "give either amount, or year_amount together with hours_per_year",
        "geef amount, of year_amount samen met hours_per_year",
    ),
    (
        "a bonus must name the blocks or categories it applies to",
        "een bonus moet de bouwblokken of categorieën noemen waarvoor hij geldt",
    ),
    (
        "a bonus needs either amount or multiple_of_block_amount",
        "een bonus vraagt amount of multiple_of_block_amount",
    ),
    (
        "bonus {b} is a multiple of the block's value per year, but block {k} has no value per "
        "year ({r})",
        "bonus {b} is een veelvoud van de jaarwaarde van het bouwblok, maar bouwblok {k} heeft "
        "geen jaarwaarde ({r})",
    ),
    (
        "a share cap must name the blocks or categories it limits",
        "een plafond moet de bouwblokken of categorieën noemen die het begrenst",
    ),
    (
        "time_basis 'worked_hours' needs annual_hours",
        "time_basis 'worked_hours' vraagt annual_hours",
    ),
    (
        "reference_hours_per_week (> 0) is required, or reference_week = 'supplier'",
        "reference_hours_per_week (> 0) is verplicht, of reference_week = 'supplier'",
    ),
    (
        "reference_week 'supplier' takes no reference_hours_per_week",
        "reference_week 'supplier' neemt geen reference_hours_per_week",
    ),
    (
        "a PSO rule either exempts (exempt = true) or reduces by a percent",
        "een PSO-regel stelt vrij (exempt = true) of verlaagt met een percentage",
    ),
    (
        "a PSO rule needs exempt = true or reduction_percent; when the source does not publish "
        "the effect, set verified = false and say so in note",
        "een PSO-regel vraagt exempt = true of reduction_percent; publiceert de bron het effect "
        "niet, zet dan verified = false en zeg dat in note",
    ),
    (
        "threshold_follows_eu takes the EU threshold of the period: leave out threshold and "
        "threshold_by_contract_type",
        "threshold_follows_eu neemt de Europese drempel van de periode: laat threshold en "
        "threshold_by_contract_type weg",
    ),
    (
        "offer_percentage_max is below offer_percentage_min",
        "offer_percentage_max ligt onder offer_percentage_min",
    ),
    ("effective_until is before effective_from", "effective_until ligt vóór effective_from"),
    (
        "effective_from is missing: set verified = false and say why in notes",
        "effective_from ontbreekt: zet verified = false en zeg in notes waarom",
    ),
    ("names unknown blocks: {k}", "noemt onbekende bouwblokken: {k}"),
    (
        "note_en is the English of note: give note too",
        "note_en is de Engelse tekst van note: geef ook note",
    ),
    (
        "notes_en has {a} notes, notes has {b}: give the English of every Dutch note, in the "
        "same order",
        "notes_en heeft {a} notities, notes heeft er {b}: geef de Engelse tekst van elke "
        "Nederlandse notitie, in dezelfde volgorde",
    ),
    ("names unknown block {b} of {k}", "noemt het onbekende bouwblok {b} van {k}"),
    ("replaces unknown bonuses: {k}", "vervangt onbekende bonussen: {k}"),
    (
        "edition {k} is already given by {p}; two files cannot claim the same edition (give "
        "this one another edition name)",
        "editie {k} staat al in {p}; twee bestanden kunnen niet dezelfde editie claimen (geef "
        "deze een andere editienaam)",
    ),
    (
        "other editions of {i} have edition_order: give this one too",
        "andere edities van {i} hebben edition_order: geef die ook aan deze",
    ),
    (
        "{a} and {b} cannot be ordered ({when}): give every edition of the catalog an "
        "edition_order (1 = oldest)",
        "{a} en {b} zijn niet te ordenen ({when}): geef elke editie van de catalogus een "
        "edition_order (1 = oudste)",
    ),
    ("id {i} does not match its folder {f}", "id {i} past niet bij de map {f}"),
    ("edition_order {n} is also used by {k}", "edition_order {n} wordt ook gebruikt door {k}"),
    (
        "edition_order puts {a} after {b}, but it is in force earlier",
        "edition_order zet {a} na {b}, maar die geldt eerder",
    ),
    (
        "expected a table of block id = [target groups]",
        "verwacht een tabel bouwblok-id = [doelgroepen]",
    ),
    ("expected a list of target groups", "verwacht een lijst van doelgroepen"),
    ("expected a = {a} and b = {b}", "verwacht a = {a} en b = {b}"),
    ("expected block id = block id", "verwacht bouwblok-id = bouwblok-id"),
    ("unknown catalog {c}; known catalogs: {k}", "onbekende catalogus {c}; bekende catalogi: {k}"),
    ("{t_msg}; did you mean {x_or}?", "{t_msg}; bedoelt u {x_or}?"),
    # money and numbers
    ("expected a finite amount, got {v}", "verwacht een eindig bedrag, kreeg {v}"),
    (
        "expected an exact amount (Decimal, Fraction or int), got {t} {v}; floats cannot hold "
        "euro amounts exactly",
        "verwacht een exact bedrag (Decimal, Fraction of int), kreeg {t} {v}; een float bevat "
        "eurobedragen niet exact",
    ),
    (
        "amount {v} is outside what can be rounded to cents",
        "bedrag {v} valt buiten wat op centen kan worden afgerond",
    ),
    ("{v} is not a whole number of cents", "{v} is geen geheel aantal centen"),
    ("{v} has no exact decimal form", "{v} heeft geen exacte decimale vorm"),
    (
        "expected an amount (string, int or Decimal), got {t}",
        "verwacht een bedrag (tekst, int of Decimal), kreeg {t}",
    ),
    (
        "expected an amount such as '1234.56', got a text of {n} characters (at most {m})",
        "verwacht een bedrag zoals '1234.56', kreeg een tekst van {n} tekens (hoogstens {m})",
    ),
    ("expected a whole number, got {v}", "verwacht een geheel getal, kreeg {v}"),
    # valuation, ledger, obligation
    ("end ({e}) is before start ({s})", "einde ({e}) ligt vóór begin ({s})"),
    (
        "period end {e} is before its start {s}",
        "het einde {e} van de periode ligt vóór het begin {s}",
    ),
    (
        "{w_what} ids must be unique; repeated: {k}",
        "{w_what}-id's moeten uniek zijn; herhaald: {k}",
    ),
    (
        "{w_what} ids must be unique within a {w_in}; repeated: {k}",
        "{w_what}-id's moeten uniek zijn binnen een {w_in}; herhaald: {k}",
    ),
    (
        "{w_what} names must be unique; repeated: {k}",
        "{w_what}namen moeten uniek zijn; herhaald: {k}",
    ),
    ("{w_what} ids must be unique", "{w_what}-id's moeten uniek zijn"),
    (
        "needed for block {b} ({r}): {n_what}",
        "nodig voor bouwblok {b} ({r}): {n_what}",
    ),
    (
        "needed for block {b} ({r}): the number of {u}",
        "nodig voor bouwblok {b} ({r}): het aantal ({u})",
    ),
    (
        "age {a} does not match the birth date {b}: on the peildatum {p} the person is {c}; "
        "give one of the two",
        "leeftijd {a} past niet bij de geboortedatum {b}: op de peildatum {p} is de persoon "
        "{c}; geef één van beide",
    ),
    (
        "block {b} is not in catalog {c}; blocks: {k}",
        "bouwblok {b} staat niet in catalogus {c}; bouwblokken: {k}",
    ),
    ("no tender {t}; tenders: {k}", "geen aanbesteding {t}; aanbestedingen: {k}"),
    ("no tender {t} in this result", "geen aanbesteding {t} in dit resultaat"),
    ("tender {t} has no activity {a}", "aanbesteding {t} heeft geen activiteit {a}"),
    (
        "the tender names no catalog, so its activities cannot be valued",
        "de aanbesteding noemt geen catalogus, dus de activiteiten kunnen niet worden gewaardeerd",
    ),
    (
        "the tender names no catalog, so plans cannot be valued",
        "de aanbesteding noemt geen catalogus, dus plannen kunnen niet worden gewaardeerd",
    ),
    ("the tender names no catalog", "de aanbesteding noemt geen catalogus"),
    (
        "unknown person {p}; declare it in the ledger's persons",
        "onbekende persoon {p}; neem die op in de personen (persons) van de ledger",
    ),
    (
        "the ledger result has several tenders ({k}): name one",
        "het resultaat heeft meerdere aanbestedingen ({k}): noem er één",
    ),
    (
        "value_under expects a Ledger, a plan or a list of activities",
        "value_under verwacht een Ledger, een plan of een lijst activiteiten",
    ),
    (
        "the threshold depends on the contract type ({k}): give the contract type",
        "de drempel hangt af van de soort opdracht ({k}): geef de soort opdracht",
    ),
    (
        "the percentage depends on the contract type ({k}): give the contract type",
        "het percentage hangt af van de soort opdracht ({k}): geef de soort opdracht",
    ),
    (
        "these rules apply only to {k}: give the contract type",
        "deze regels gelden alleen voor {k}: geef de soort opdracht",
    ),
    ("the base is the {w_base}: give it", "de grondslag is de {w_base}: geef die"),
    (
        "the rules do not state a percentage: give the tender's percentage",
        "de regels noemen geen percentage: geef het percentage van de aanbesteding",
    ),
    (
        "whether there is an obligation depends on the labour share of the contract: give "
        "labour_share_percent",
        "of er een verplichting is, hangt af van het arbeidsaandeel van de opdracht: geef "
        "labour_share_percent",
    ),
    (
        "offered percentage {o} is outside {r} (allowed: {a})",
        "aangeboden percentage {o} ligt buiten {r} (toegestaan: {a})",
    ),
    (
        "the threshold follows the EU threshold of the year: give the publication date (or the "
        "contract date or start) of the tender",
        "de drempel volgt de Europese drempel van het jaar: geef de publicatiedatum (of de "
        "contractdatum of het begin) van de aanbesteding",
    ),
    (
        "the EU threshold differs for works and for services/supplies: give the contract type",
        "de Europese drempel verschilt voor werken en voor diensten/leveringen: geef de soort "
        "opdracht",
    ),
    (
        "these rules need a duration of at least {n} months: give start and end",
        "deze regels vragen een looptijd van minstens {n} maanden: geef begin en einde",
    ),
    (
        "the threshold is judged on the contract value excl. VAT: give it",
        "de drempel wordt getoetst aan de opdrachtwaarde excl. btw: geef die",
    ),
    (
        "no EU threshold is known for {d}: give the tender's threshold",
        "er is geen Europese drempel bekend voor {d}: geef de drempel van de aanbesteding",
    ),
    (
        "the supplier's cost is estimated from placements in the contract period: give the "
        "tender's start (and end)",
        "de kosten voor de opdrachtnemer worden geschat uit plaatsingen in de contractperiode: "
        "geef het begin (en einde) van de aanbesteding",
    ),
    # optimiser documents
    ("candidate ids must be unique", "id's van kandidaten moeten uniek zijn"),
    (
        "contract {c} is not a tender of the ledger",
        "contract {c} is geen aanbesteding van de ledger",
    ),
    ("min_units is larger than max_units", "min_units is groter dan max_units"),
    (
        "give either an obligation amount or a tender",
        "geef een verplichtingsbedrag of een aanbesteding",
    ),
    (
        "give a catalog (or a tender that names one)",
        "geef een catalogus (of een aanbesteding die er een noemt)",
    ),
    (
        "person {p} is named by options {a} and {b}; name a person in one option only (a "
        "person is placed once in a period)",
        "persoon {p} wordt genoemd door de opties {a} en {b}; noem een persoon in één optie "
        "(een persoon wordt in een periode één keer geplaatst)",
    ),
    (
        "a {r} block cannot be divisible; use kind 'persons'",
        "een bouwblok {r} kan niet deelbaar zijn; gebruik kind 'persons'",
    ),
    # award
    ("no bidder {b}; bidders: {k}", "geen inschrijver {b}; inschrijvers: {k}"),
    ("no bidder {b}", "geen inschrijver {b}"),
    ("not an Excel workbook (.xlsx)", "geen Excel-werkmap (.xlsx)"),
    ("no bids to score", "geen inschrijvingen om te scoren"),
    ("no formula {f}; formulas: {k}", "geen formule {f}; formules: {k}"),
    ("give at least one formula", "geef minstens één formule"),
    (
        "the jury has not entered points for {c} (formula {f})",
        "de jury heeft geen punten ingevuld voor {c} (formule {f})",
    ),
    (
        "{p} points for {c} is more than its maximum {m}",
        "{p} punten voor {c} is meer dan het maximum {m}",
    ),
    (
        "formula {f} weighs price: give the bid's price",
        "formule {f} weegt de prijs: geef de prijs van de inschrijving",
    ),
    ("euro_per_point names unknown criteria: {k}", "euro_per_point noemt onbekende criteria: {k}"),
    ("an absolute scale needs full_at_percent", "een absolute schaal vraagt full_at_percent"),
    (
        "full_at_percent must be above zero_at_percent",
        "full_at_percent moet boven zero_at_percent liggen",
    ),
    (
        "a relative scale takes no zero_at_percent or full_at_percent",
        "een relatieve schaal neemt geen zero_at_percent of full_at_percent",
    ),
    (
        "a fictive-price formula takes the price itself, not price points",
        "een formule met een fictieve prijs neemt de prijs zelf, geen prijspunten",
    ),
    (
        "euro_per_point has no value for criterion {c}",
        "euro_per_point heeft geen waarde voor criterium {c}",
    ),
    (
        "a percentage must be exact (an int, a string or a Decimal), got {v}",
        "een percentage moet exact zijn (een int, een tekst of een Decimal), kreeg {v}",
    ),
    ("a percentage lies from 0 to 100, got {v}", "een percentage ligt tussen 0 en 100, kreeg {v}"),
    ("not a percentage: {v}", "geen percentage: {v}"),
    (
        "the rule set 'catalog' needs a tender that names a catalog",
        "de regelset 'catalog' vraagt een aanbesteding die een catalogus noemt",
    ),
    ("unknown rule set {r}; known: {k}", "onbekende regelset {r}; bekend: {k}"),
    # portfolio
    ("no contract {c}", "geen contract {c}"),
    ("no buyer {b}", "geen opdrachtgever {b}"),
    (
        "activity.id is required in a portfolio (reports name it)",
        "activity.id is verplicht in een portefeuille (rapportages noemen het)",
    ),
    (
        "activity.status is not used in a portfolio: the status comes from the history",
        "activity.status wordt in een portefeuille niet gebruikt: de status volgt uit de historie",
    ),
    ("kind 'percentage' needs percentage", "kind 'percentage' vraagt percentage"),
    (
        "kind 'per_euro' needs amount (euro per missing euro)",
        "kind 'per_euro' vraagt amount (euro per ontbrekende euro)",
    ),
    ("kind {k} takes no percentage", "kind {k} neemt geen percentage"),
    ("kind {k} takes no amount", "kind {k} neemt geen amount"),
    (
        "tender.activities must be empty: list them in 'activities'",
        "tender.activities moet leeg zijn: noem ze in 'activities'",
    ),
    (
        "tender.supplier {a} differs from supplier {b}",
        "tender.supplier {a} verschilt van supplier {b}",
    ),
    ("dated {d}, before the step above ({p})", "gedateerd {d}, vóór de stap erboven ({p})"),
    ("{s} cannot follow {p} (allowed: {a})", "{s} kan niet volgen op {p} (toegestaan: {a})"),
    (
        "a rejection names who ('by') and why ('reason')",
        "een afwijzing noemt wie ('by') en waarom ('reason')",
    ),
    ("activity id {a} is repeated", "activiteit-id {a} komt twee keer voor"),
    (
        "unknown supplier {s}; declare it in 'suppliers'",
        "onbekende opdrachtnemer {s}; neem die op in 'suppliers'",
    ),
    (
        "unknown buyer {s}; declare it in 'buyers'",
        "onbekende opdrachtgever {s}; neem die op in 'buyers'",
    ),
    (
        "unknown person {s}; declare it in 'persons'",
        "onbekende persoon {s}; neem die op in 'persons'",
    ),
    ("an 'evidenced' step names its documents", "een stap 'evidenced' noemt de documenten"),
    ("an approval names who approved ('by')", "een goedkeuring noemt wie goedkeurde ('by')"),
    (
        "approved without evidence (documents) on file",
        "goedgekeurd zonder bewijs (documenten) in het dossier",
    ),
    ("a quarter is 1, 2, 3 or 4", "een kwartaal is 1, 2, 3 of 4"),
    ("a half-year is 1 or 2", "een halfjaar is 1 of 2"),
    (
        "a catalog with share caps cannot be partitioned: use evaluate()",
        "een catalogus met plafonds kan niet worden opgedeeld: gebruik evaluate()",
    ),
    # the reader's own words (bouwblokken.locate)
    (
        "unknown key {k} (misspelt?); the format does not have it",
        "onbekende sleutel {k} (verschreven?); het formaat kent die niet",
    ),
    ("unknown key {k} (did you mean {g}?)", "onbekende sleutel {k} (bedoelt u {g}?)"),
    ("{t_msg} [and {n} more errors]", "{t_msg} [en nog {n} fouten]"),
    ("{t_msg} [and 1 more error]", "{t_msg} [en nog 1 fout]"),
    ("{t_msg} (got {v})", "{t_msg} (kreeg {v})"),
    # pydantic's own words (a reason without a Dutch entry of its own)
    ("required field is missing", "verplicht veld ontbreekt"),
    ("Input should be greater than or equal to {n}", "moet minstens {n} zijn"),
    ("Input should be greater than {n}", "moet groter dan {n} zijn"),
    ("Input should be less than or equal to {n}", "mag hoogstens {n} zijn"),
    ("Input should be less than {n}", "moet kleiner dan {n} zijn"),
    ("Input should be a valid string", "verwacht tekst"),
    ("Input should be a valid integer", "verwacht een geheel getal"),
    ("Input should be a valid date", "verwacht een datum 'JJJJ-MM-DD'"),
    ("Input should be a valid dictionary or instance of {m}", "verwacht een object ({m})"),
    ("Input should be a valid list", "verwacht een lijst"),
    ("Input should be a valid boolean", "verwacht ja of nee (true/false)"),
    ("Input should be {x_or}", "verwacht {x_or}"),
    ("Input should be a valid decimal", "verwacht een decimaal getal"),
    ("Input should be a valid number", "verwacht een getal"),
    ("Field required", "verplicht veld ontbreekt"),
    ("Extra inputs are not permitted", "onbekende sleutel; het formaat kent die niet"),
    ("Value error, {t_msg}", "{t_msg}"),
    # a location before the reason: ``history[2]: ...``, ``field: ...``
    ("{p_where}: {t_msg}", "{p_where}: {t_msg}"),
)


def _regex(template: str) -> re.Pattern[str]:
    out = ""
    pos = 0
    for m in re.finditer(r"\{(\w+)\}", template):
        out += re.escape(template[pos : m.start()]) + f"(?P<{m.group(1)}>.+?)"
        pos = m.end()
    return re.compile(out + re.escape(template[pos:]), re.DOTALL)


_COMPILED: tuple[tuple[str, re.Pattern[str], str], ...] = tuple(
    (en.split("{", 1)[0], _regex(en), nl) for en, nl in _TABLE
)
"""(literal start, pattern, Dutch): the start is compared first, so a reason is matched only
against the few entries that can fit."""

_PATH = re.compile(r"(?:[\w\[\]]+(?: \([^)]*\))?\.?)+")
_POSITION = re.compile(r"\(?(?:at )?line (\d+),? column (\d+)(?: \(char \d+\))?\)?")
_ROW_HEAD = re.compile(r"(?:^|; )(?P<where>[^;:]*, rij \d+(?:, kolom [^:;]*)?): ")


def _detail(text: str) -> str:
    """A parser's detail (``Expecting value: line 1 column 2 (char 1)``) as its position."""
    m = _POSITION.search(text)
    return f" (regel {m.group(1)}, kolom {m.group(2)})" if m else ""


def _rows(text: str) -> str | None:
    """``table, rij 3, kolom x: reason; ...`` with each reason in Dutch."""
    tail = ""
    if text.endswith(" more]") and " [and " in text:
        text, more = text.rsplit(" [and ", 1)
        tail = " [en nog " + more.removesuffix(" more]") + "]"
    heads = list(_ROW_HEAD.finditer(text))
    if not heads or heads[0].start() != 0:
        return None
    out = []
    for n, head in enumerate(heads):
        stop = heads[n + 1].start() if n + 1 < len(heads) else len(text)
        reason = text[head.end() : stop]
        out.append(f"{head['where']}: {to_dutch(reason) or reason}")
    return "; ".join(out) + tail


def _place(name: str, value: str) -> str | None:
    """The Dutch for one matched place (``None``: it has none, so the entry does not fit)."""
    if name.startswith("t_"):
        return to_dutch(value)
    if name.startswith("w_"):
        return _WORDS.get(value)
    if name.startswith("n_"):
        return _NEEDS.get(value)
    if name.startswith("s_"):
        return _STRERROR.get(value, value)
    if name.startswith("p_"):
        return value if _PATH.fullmatch(value) else None  # a place in a document, not a sentence
    if name == "x_detail":
        return _detail(value)
    if name == "x_or":
        return value.replace(" or ", " of ")
    if name == "x_rows":
        return _rows(value)
    return value


@functools.lru_cache(maxsize=4096)
def to_dutch(english: str) -> str | None:
    """The Dutch for an English reason composed by the library, or ``None`` if unknown."""
    for start, pattern, dutch in _COMPILED:
        if not english.startswith(start):
            continue
        m = pattern.fullmatch(english)
        if m is None:
            continue
        places: dict[str, str] = {}
        for name, value in m.groupdict().items():
            found = _place(name, value)
            if found is None:
                break
            places[name] = found
        else:
            return dutch.format(**places)
    return None


_RECORD_WORD = re.compile(r"\b(tender|activity|option|bidder|person|formula|contract)\b(?= ['(#])")


def record_nl(record: str) -> str:
    """A record name in Dutch: ``tender 'T1' activity 'a2'`` → ``aanbesteding 'T1' activiteit
    'a2'``."""
    replace: Callable[[re.Match[str]], str] = lambda m: _WORDS.get(m.group(1), m.group(1))  # noqa: E731
    return _RECORD_WORD.sub(replace, record)


def strerror_nl(reason: str) -> str:
    """The operating system's reason for a failed file operation in Dutch, where known."""
    return _STRERROR.get(reason, reason)
