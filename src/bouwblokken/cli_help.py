"""The command line's help in Dutch (the default) and English (``--lang en``).

The parser in :mod:`bouwblokken.cli` is written with English help texts; :func:`translate`
replaces every text by its Dutch version from :data:`HELP_NL` when the language is Dutch, so
``bouwblokken --help`` and ``bouwblokken value --help`` read Dutch unless ``--lang en`` is on
the command line. A text missing from the table stays English (a test checks none is missing).
"""

from __future__ import annotations

import argparse
import re
import textwrap
from typing import Any

__all__ = ["HELP_NL", "Formatter", "error_nl", "missing", "translate"]

_ERRORS = (
    (re.compile(r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)"),
     r"argument \1: ongeldige keuze: \2 (kies uit \3)"),
    (re.compile(r"invalid choice: (.*?) \(choose from (.*)\)"),
     r"ongeldige keuze: \1 (kies uit \2)"),
    (re.compile(r"the following arguments are required: (.*)"), r"verplicht: \1"),
    (re.compile(r"unrecognized arguments: (.*)"), r"onbekende argumenten: \1"),
    (re.compile(r"argument (\S+): expected one argument"), r"argument \1: verwacht één waarde"),
    (re.compile(r"argument (\S+): not allowed with argument (\S+)"),
     r"argument \1: niet samen met \2"),
    (re.compile(r"argument (\S+): ignored explicit argument (.*)"),
     r"argument \1: overbodige waarde \2"),
)  # fmt: skip


def error_nl(message: str) -> str:
    """An argparse error message in Dutch (the known ones; others stay as they are)."""
    for pattern, repl in _ERRORS:
        message = pattern.sub(repl, message)
    return message


class Formatter(argparse.RawDescriptionHelpFormatter):
    """Help layout with a Dutch ``gebruik:`` line (``usage:`` in English)."""

    prefix = "gebruik: "

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, self.prefix if prefix is None else prefix)


class EnglishFormatter(Formatter):
    prefix = "usage: "


HELP_NL: dict[str, str] = {
    # main
    "Exact, explainable social-return (SROI) bouwblokken: regional catalogs of building "
    "blocks, valuations, obligations, ledgers and plans.": "Exacte, uitlegbare social return "
    "(SROI) met bouwblokken: regionale catalogi, waarderingen, SR-verplichtingen, ledgers en "
    "plannen.",
    "show this help message and exit": "toon deze hulp en stop",
    "show program's version number and exit": "toon het versienummer en stop",
    "language of the output: nl (default, € 13.223,74) or en (€13,223.74)": "taal van de "
    "uitvoer: nl (standaard, € 13.223,74) of en (€13,223.74)",
    "print JSON for programs (exact amounts as strings); shapes in docs/cli.md": "JSON voor "
    "programma's (exacte bedragen als tekst); vormen in docs/cli.md",
    "an extra folder of catalogs (DIR/<id>/<edition>.toml) besides the shipped ones; may be "
    "repeated": "een extra map met catalogi (MAP/<id>/<editie>.toml) naast de meegeleverde; "
    "herhaalbaar",
    "positional arguments": "argumenten",
    "options": "opties",
    # subcommands
    "list the catalog editions": "toon de catalogusedities",
    "show one catalog edition": "toon één catalogus",
    "compare two editions or two regions block by block": "vergelijk twee edities of regio's "
    "blok voor blok",
    "value one activity and print the trail": "waardeer één activiteit en toon de berekening",
    "compute a tender's social-return obligation": "bereken de SR-verplichting van een "
    "aanbesteding",
    "evaluate a ledger document": "beoordeel een ledger (JSON of Excel)",
    "find the cheapest plan of blocks that meets an obligation": "zoek het goedkoopste plan "
    "dat de verplichting haalt",
    "write an empty Excel template (ledger or options)": "schrijf een leeg Excel-sjabloon "
    "(ledger of opties)",
    "List every catalog edition (regional menu of building blocks): id@edition, title, the "
    "period it is in force, which tender date decides that (contract or publication date), and "
    "whether its source was verified.": "Toon elke cataloguseditie (regionale menukaart van "
    "bouwblokken): id@editie, titel, de periode waarin ze geldt, welke datum van de "
    "aanbesteding dat bepaalt (contract- of publicatiedatum) en of de bron geverifieerd is.",
    "Show one catalog edition: its blocks (id, Dutch label, category, rule and amount, 'duur "
    "van meetellen' = how long one person may count), bonuses, share caps, time rules, the "
    "default obligation ('SR-verplichting') and the sources. Items marked * are unverified "
    "(the source is unclear).": "Toon één catalogus: de bouwblokken (id, naam, categorie, "
    "regel en bedrag, duur van meetellen), bonussen, maximale aandelen, tijdregels, de "
    "standaard SR-verplichting en de bronnen. Met * gemarkeerd: niet geverifieerd (de bron is "
    "onduidelijk).",
    "catalog id, optionally @edition": "catalogus-id, eventueel @editie",
    "the edition in force on DATE": "de editie die geldt op DATUM",
    "Compare two catalogs block by block. Blocks are paired by the regions' mapping file "
    "(catalogs/mappings), then by equal id, then by the same target group, category and rule "
    "kind; where more than one block fits, only a mapping file decides. Unmatched blocks are "
    "shown as 'alleen in A' / 'alleen in B'. Amount differences are B − A. Bonuses, counting "
    "limits, time rules and the default obligation are compared too.": "Vergelijk twee "
    "catalogi blok voor blok. Blokken worden gekoppeld via de koppeltabel van de twee regio's "
    "(catalogs/mappings), dan op gelijke id, dan op dezelfde doelgroep, categorie en soort "
    "regel; past er meer dan één blok, dan beslist alleen een koppeltabel. Niet gekoppelde "
    "blokken staan als 'alleen in A' / 'alleen in B'. Verschillen zijn B − A. Bonussen, duur "
    "van meetellen, tijdregels en de standaard SR-verplichting worden ook vergeleken.",
    "catalog id[@edition]": "catalogus-id[@editie]",
    "editions in force on DATE": "edities die gelden op DATUM",
    "Value one activity (one use of one building block) under a catalog edition and print "
    "every step: the block value per full-time year × hours per week ÷ the reference week × "
    "counted duration ÷ one year, bonuses, and what does not count and why. Which inputs a "
    "block needs depends on its rule (see 'bouwblokken show ID').": "Waardeer één activiteit "
    "(één keer één bouwblok) onder een catalogus en toon elke stap: de waarde per fulltime "
    "jaar × uren per week ÷ de referentie-werkweek × getelde duur ÷ één jaar, bonussen, en wat "
    "niet telt en waarom. Welke invoer een blok nodig heeft hangt af van de regel (zie "
    "'bouwblokken show ID'). Bedragen en uren mogen Nederlands: 2.400.000,00, 22,5; datums "
    "01-05-2025.",
    "the block id (bouwblok)": "de id van het bouwblok",
    "edition in force on DATE (default: latest)": "editie die geldt op DATUM (standaard: de "
    "laatste)",
    "hours per week (counted up to the catalog's full-time week)": "uren per week (geteld tot "
    "de fulltime werkweek van de catalogus), bv. 22,5",
    "first day": "eerste dag, bv. 01-05-2025",
    "last day (inclusive)": "laatste dag (inclusief)",
    "age on the reference date (peildatum)": "leeftijd op de peildatum",
    "months of internship before hiring (for an after-internship bonus)": "maanden stage "
    "vóór indiensttreding (voor een bonus na stage)",
    "invoice amount excl. VAT (btw), for purchase blocks": "factuurbedrag excl. btw, voor "
    "inkoopblokken",
    "costs actually incurred": "werkelijk gemaakte kosten",
    "amount agreed with the SR adviser ('in overleg')": "bedrag afgesproken met de "
    "SR-adviseur (in overleg)",
    "hours spent or worked": "bestede of gewerkte uren",
    "number of activities": "aantal activiteiten",
    "number of days (per-day maximum)": "aantal dagen (maximum per dag)",
    "number of periods (leerwerkjaar = learning-work year, stage = internship)": "aantal "
    "periodes (leerwerkjaar, stage)",
    "number of months (undated)": "aantal maanden (zonder datums)",
    "last day of the wage-cost subsidy (loonkostensubsidie)": "laatste dag van de "
    "loonkostensubsidie",
    "the supplier's own full-time week, where the catalog measures by it": "de eigen "
    "fulltime werkweek van de opdrachtnemer, waar de catalogus daarmee rekent",
    "facts judged on the peildatum (eligibility, age)": "feiten op de peildatum "
    "(toelaatbaarheid, leeftijd)",
    "the date age and status are judged on (mostly the award date); default: --start": "de "
    "datum waarop leeftijd en doelgroepstatus tellen (meestal de gunningsdatum); standaard: "
    "--start",
    "birth date (instead of --age): the age is judged on the peildatum": "geboortedatum "
    "(in plaats van --age): de leeftijd telt op de peildatum",
    "months on benefit on the peildatum (blocks split by benefit duration)": "maanden in de "
    "uitkering op de peildatum (blokken gesplitst naar uitkeringsduur)",
    "months registered as unemployed jobseeker on the peildatum": "maanden ingeschreven als "
    "werkzoekende op de peildatum",
    "last day the person worked for the same employer before (WW rule)": "laatste werkdag "
    "bij dezelfde werkgever daarvoor (WW-regel)",
    "day the person left the target group (status kept for a number of months)": "dag waarop "
    "de persoon de doelgroep verliet (de status blijft een aantal maanden)",
    "inputs (give those the block's rule needs)": "invoer (geef wat de regel van het blok "
    "nodig heeft)",
    "Compute the social-return obligation (SR-verplichting) of one tender: percentage × "
    "contract value excl. VAT (opdrachtwaarde) or labour cost (loonsom), zero below the "
    "threshold (drempelbedrag), cut at a maximum, reduced or waived by a PSO certificate "
    "(Prestatieladder Socialer Ondernemen). Defaults come from a catalog (--catalog) or a "
    "published rule set (--rules; list them with --list-rules); options here override "
    "them.": "Bereken de SR-verplichting van één aanbesteding: percentage × opdrachtwaarde "
    "excl. btw of loonsom, nul onder het drempelbedrag, begrensd door een maximum, verlaagd of "
    "vervallen met een PSO-certificaat (Prestatieladder Socialer Ondernemen). Standaarden "
    "komen uit een catalogus (--catalog) of een gepubliceerde regeling (--rules; toon ze met "
    "--list-rules); opties hier gaan voor.",
    "take the defaults of a catalog": "neem de standaarden van een catalogus",
    "take a published rule set by name": "neem een gepubliceerde regeling (naam)",
    "list the published rule sets and stop": "toon de gepubliceerde regelingen en stop",
    "name of the tender in the output": "naam van de aanbesteding in de uitvoer",
    "contract value excl. VAT (opdrachtwaarde)": "opdrachtwaarde excl. btw, bv. 2.400.000",
    "labour-cost component (loonsom)": "loonsom (arbeidskosten)",
    "what the percentage is taken of: opdrachtwaarde or loonsom": "waarvan het percentage "
    "wordt genomen: opdrachtwaarde of loonsom",
    "obligation percentage": "percentage van de verplichting",
    "percentage offered by the bidder, where the rules allow an offer": "door de inschrijver "
    "geboden percentage, waar de regeling dat toelaat",
    "override the threshold": "ander drempelbedrag",
    "override the maximum": "ander maximum",
    "minimum value per contract year": "minimumwaarde per contractjaar",
    "works, services or supplies (werken, diensten, leveringen)": "werken, diensten of leveringen",
    "labour share of the contract in percent": "arbeidsaandeel van de opdracht in procenten",
    "the main contractor's PSO level, e.g. trede_2": "PSO-trede van de hoofdaannemer, bv. trede_2",
    "contract start": "begin van het contract",
    "contract end (inclusive)": "einde van het contract (inclusief)",
    "award/contract date (gunningsdatum); picks the catalog edition": "gunnings- of "
    "contractdatum; kiest de catalogusuitgave",
    "tender publication date; picks the edition where the catalog says so": "publicatiedatum "
    "van de aanbesteding; kiest de editie waar de catalogus dat zegt",
    "use the catalog edition in force on DATE": "gebruik de catalogus die geldt op DATUM",
    "Evaluate a ledger document (bouwblokken.ledger/1 as JSON, or a workbook in the template's "
    "layout): each tender's obligation, what counts (realised and forecast), what does not "
    "count and why, and warnings.": "Beoordeel een ledger (bouwblokken.ledger/1 als JSON, of "
    "een Excel-werkmap volgens het sjabloon): per aanbesteding de SR-verplichting, wat telt "
    "(gerealiseerd en prognose), wat niet telt en waarom, en waarschuwingen.",
    "also write the result as an Excel workbook (amounts as numbers in euro)": "schrijf het "
    "resultaat ook als Excel-werkmap (bedragen als getallen in euro)",
    "also write one row per activity as CSV with ; and a decimal comma (Dutch Excel)": "schrijf "
    "één rij per activiteit als CSV met ; en decimale komma (Nederlandse Excel)",
    "value the same plan under this catalog too (repeatable), e.g. --under leiden": "waardeer "
    "hetzelfde plan ook onder deze catalogus (herhaalbaar), bv. --under leiden",
    "reporting date (rapportagedatum): realised days after it do not count yet": "rapportage"
    "datum: gerealiseerde dagen daarna tellen nog niet",
    "Find the plan of building blocks that reaches the obligation at the lowest cost to the "
    "supplier, from an options document (bouwblokken.options/1 as JSON, or a workbook in the "
    "options template's layout), with alternatives.": "Zoek het plan van bouwblokken dat de "
    "verplichting haalt tegen de laagste kosten voor de opdrachtnemer, uit een optiedocument "
    "(bouwblokken.options/1 als JSON, of een Excel-werkmap volgens het optiesjabloon), met "
    "alternatieven.",
    "Write an Excel template to fill in: a ledger (tenders, activities, persons and an "
    "explanation sheet) or, with --options, an options sheet for 'optimise'. Read the filled "
    "template with 'bouwblokken evaluate ledger.xlsx'.": "Schrijf een Excel-sjabloon om in te "
    "vullen: een ledger (aanbestedingen, activiteiten, personen en een uitlegblad) of, met "
    "--options, een optieblad voor 'optimise'. Lees het ingevulde sjabloon in met "
    "'bouwblokken evaluate ledger.xlsx'.",
    "an options sheet instead of a ledger": "een optieblad in plaats van een ledger",
    # epilog of the main help (after the examples)
    'Terms: a "bouwblok" (building block) is one item of a region\'s menu of social-return '
    'efforts; its "inspanningswaarde" (effort value) is what it counts for. The '
    '"SR-verplichting" (social- return obligation) is the amount a supplier must reach, '
    "usually 5% of the contract value.": "Een bouwblok is één onderdeel van de menukaart van een "
    "regio; de inspanningswaarde is wat het telt. De SR-verplichting is het bedrag dat de "
    "opdrachtnemer moet halen, meestal 5% van de opdrachtwaarde.",
    "Exit status: 0 done, 2 bad input (one line on stderr naming the file, record and "
    "field).": "Afsluitcode: 0 klaar, 2 foute invoer (één regel op stderr met het bestand, "
    "het record en het veld).",
    # issue 11: exit codes, standard input, --check, serve
    "Exit status: 0 done, 1 not met (evaluate --check) or no plan (optimise), 2 bad input (one "
    "line on stderr naming the file, record and field; --json: one JSON object), 130 "
    "interrupted.": "Afsluitcode: 0 klaar, 1 niet gehaald (evaluate --check) of geen plan "
    "(optimise), 2 foute invoer (één regel op stderr met het bestand, het record en het veld; "
    "--json: één JSON-object), 130 onderbroken.",
    "'-' reads stdin": "'-' leest van standaardinvoer",
    # gunning (the award stage)
    "compare and score bids for a tender (award stage)": "vergelijk en beoordeel de "
    "inschrijvingen op een aanbesteding (gunning)",
    "Value every bid of a bids document (bouwblokken.bids/1: the tender and each bidder's "
    "offered percentage, price, plan and jury points) under the tender's catalog, and with "
    "--formulas rank them under every scoring formula, with the trail of each score. --excel "
    "writes the jury workbook; --jury reads the points the jury entered in its Jurypunten "
    "sheet back.": "Waardeer elke inschrijving van een biedingendocument (bouwblokken.bids/1: "
    "de aanbesteding en per inschrijver het aangeboden percentage, de prijs, het plan en de "
    "jurypunten) onder de catalogus van de aanbesteding, en zet ze met --formulas in rangorde "
    "onder elke beoordelingsformule, met de toelichting van elke score. --excel schrijft de "
    "jurywerkmap; --jury leest de punten die de jury op het blad Jurypunten invulde terug.",
    "the scoring formulas (TOML or JSON)": "de beoordelingsformules (TOML of JSON)",
    "take the jury points from this workbook's Jurypunten sheet": "neem de jurypunten van het "
    "blad Jurypunten van deze werkmap",
    "also write the jury workbook": "schrijf ook de jurywerkmap",
    "exit with status 1 when a tender's obligation is not met (forecast)": "afsluitcode 1 als "
    "de SR-verplichting van een opdracht niet gehaald wordt (prognose)",
    "start the HTTP service (needs the 'http' extra)": "start de HTTP-dienst (vraagt de extra "
    "'http')",
    "Start the HTTP service (/v1/..., OpenAPI at /v1/openapi.json) on the loopback address by "
    "default; see docs/http.md.": "Start de HTTP-dienst (/v1/..., OpenAPI op "
    "/v1/openapi.json), standaard alleen op het loopback-adres; zie docs/http.md.",
    "address to bind (default 127.0.0.1)": "adres om op te luisteren (standaard 127.0.0.1)",
    "port (default 8000)": "poort (standaard 8000)",
}
"""English help text (whitespace collapsed) → Dutch."""

_FLAG_HELP = "a yes/no fact for bonuses, repeatable: "


def _key(text: str) -> str:
    return " ".join(text.split())


def _nl(text: str | None) -> str | None:
    if text is None:
        return None
    if text.startswith(_FLAG_HELP):
        from bouwblokken.i18n import WORDS

        words = ", ".join(f"{code} ({nl})" for code, (nl, _) in WORDS["flag"].items())
        return f"een kenmerk voor bonussen, herhaalbaar (code of Nederlands woord): {words}"
    return HELP_NL.get(_key(text), text)


def _epilog(text: str) -> str:
    """Examples stay; the words around them are translated paragraph by paragraph."""
    paragraphs = text.split("\n\n")
    out = []
    for par in paragraphs:
        if par.startswith("examples:"):
            out.append("voorbeelden:" + par[len("examples:") :])
        else:
            nl = HELP_NL.get(_key(par))
            out.append(textwrap.fill(nl, 79) if nl else par)
    return "\n\n".join(out)


def _walk(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    out = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            seen: set[int] = set()
            for sub in action.choices.values():
                if id(sub) not in seen:
                    seen.add(id(sub))
                    out.extend(_walk(sub))
    return out


def translate(parser: argparse.ArgumentParser, lang: str) -> argparse.ArgumentParser:
    """Put the Dutch help texts into ``parser`` (and its subcommands) when ``lang`` is nl."""
    for p in _walk(parser):
        p.formatter_class = Formatter if lang == "nl" else EnglishFormatter
        p.lang = lang  # type: ignore[attr-defined]
    if lang != "nl":
        return parser
    for p in _walk(parser):
        if p.description:
            nl = _nl(p.description)
            p.description = textwrap.fill(nl, 79) if nl != p.description and nl else nl
        if p.epilog:
            p.epilog = _epilog(p.epilog)
        for action in p._actions:
            action.help = _nl(action.help) if action.help else action.help
            if isinstance(action, argparse._SubParsersAction):
                for ca in action._choices_actions:
                    ca.help = _nl(ca.help)
        for group in p._action_groups:
            group.title = _nl(group.title)
    return parser


def missing(parser: argparse.ArgumentParser) -> list[str]:
    """Help texts of ``parser`` that have no Dutch version (for the test)."""
    out = []
    for p in _walk(parser):
        texts = [p.description] + [a.help for a in p._actions]
        texts += [g.title for g in p._action_groups]
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                texts += [ca.help for ca in action._choices_actions]
        for t in texts:
            if t and not t.startswith(_FLAG_HELP) and _key(t) not in HELP_NL:
                out.append(t)
        if p.epilog:
            out += [
                par
                for par in p.epilog.split("\n\n")
                if not par.startswith("examples:") and _key(par) not in HELP_NL
            ]
    return out
