"""Errors read Dutch by default, English on request: one case per family of error codes, run
through the command line with standard error captured, plus the message table itself."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from bouwblokken.cli import main
from bouwblokken.errors import BouwblokkenError, LedgerError, UnknownBlockError
from bouwblokken.errors_nl import _TABLE, record_nl, to_dutch

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "ledger.json"
BROKEN = ROOT / "tests" / "fixtures" / "broken"

# Words that give an English sentence away (a code or a field name may still be English: those
# are the document's own keys, not words).
ENGLISH = re.compile(
    r"\b(the|is not|expected|cannot|unknown|must|give|got|missing|before|should|"
    r"not valid|does not|refused|error|file)\b"
)


def ledger() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return data


def _write(tmp: Path, name: str, data: Any) -> str:
    path = tmp / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def _case(family: str, tmp: Path) -> tuple[list[str], str]:
    """Arguments for one family of errors and a Dutch fragment its line must contain."""
    d = ledger()
    act = d["tenders"][0]["activities"][0]
    if family == "document.duplicate_key":
        return ["evaluate", _write(tmp, "l.json", '{"a": 1, "a": 2}')], "komt twee keer voor"
    if family == "document.json":
        return ["evaluate", _write(tmp, "l.json", '{"a": ')], "geen geldige JSON"
    if family == "document.unreadable":
        return ["evaluate", str(tmp / "nergens.json")], "kan niet worden gelezen"
    if family == "input.extra_forbidden":
        act["extra"] = 1
        return ["evaluate", _write(tmp, "l.json", d)], "onbekende sleutel 'extra'"
    if family == "input.missing":
        del d["tenders"][0]["id"]
        return ["evaluate", _write(tmp, "l.json", d)], "verplicht veld ontbreekt"
    if family == "input.value_error":
        act["end"] = "2000-01-01"
        return ["evaluate", _write(tmp, "l.json", d)], "ligt vóór begin"
    if family == "input.literal_error":
        act["status"] = "misschien"
        return ["evaluate", _write(tmp, "l.json", d)], "verwacht een van"
    if family == "money":
        d["tenders"][0]["contract_value"] = "1250000.125"
        return ["evaluate", _write(tmp, "l.json", d)], "hoogstens 2 decimalen"
    if family == "catalog.unknown":
        return ["show", "atlantis"], "onbekende catalogus 'atlantis'"
    if family == "catalog.no_edition":
        return ["show", "haaglanden", "--on", "2020-01-01"], "geen editie die geldt op"
    if family == "catalog.file":
        folder = tmp / "cats" / "newregion"
        folder.mkdir(parents=True)
        shutil.copy(BROKEN / "duplicate_block_id.toml", folder / "2025-01.toml")
        return ["--catalog-dir", str(tmp / "cats"), "catalogs"], "moeten uniek zijn"
    if family == "valuation.unknown_block":
        act["block"] = "nope"
        return ["evaluate", _write(tmp, "l.json", d)], "staat niet in catalogus"
    if family == "valuation":
        return [
            "value", "haaglanden", "--block", "participatiewet", "--start", "2025-01-01",
            "--end", "2025-06-30",
        ], "nodig voor bouwblok"  # fmt: skip
    if family == "ledger":
        act["person"] = "P999"
        return ["evaluate", _write(tmp, "l.json", d)], "onbekende persoon 'P999'"
    if family == "cli.usage":
        return ["frobnicate"], "ongeldige keuze"
    if family == "cli":
        return ["obligation", "--contract-value", "1000000"], "geef het percentage"
    if family == "excel":
        return ["evaluate", _write(tmp, "l.xlsx", "geen werkmap")], "geen Excel-werkmap"
    if family == "io":
        return ["template", str(tmp / "nergens" / "x.xlsx")], "bestand of map bestaat niet"
    if family == "award":
        return ["gunning", _write(tmp, "b.json", {"format": "bouwblokken.bids/1"})], (
            "verplicht veld ontbreekt"
        )
    raise AssertionError(family)


FAMILIES = [
    "document.duplicate_key", "document.json", "document.unreadable", "input.extra_forbidden",
    "input.missing", "input.value_error", "input.literal_error", "money", "catalog.unknown",
    "catalog.no_edition", "catalog.file", "valuation.unknown_block", "valuation", "ledger",
    "cli.usage", "cli", "excel", "award", "io",
]  # fmt: skip


@pytest.mark.parametrize("family", FAMILIES)
def test_every_family_reads_dutch_on_the_command_line(
    family: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args, fragment = _case(family, tmp_path)
    status = main(args)
    out, err = capsys.readouterr()
    assert status == 2 and out == "", (out, err)
    assert err.count("\n") == 1 and "Traceback" not in err
    assert fragment in err, err
    # the words outside quotes and file names are Dutch
    words = re.sub(r"'[^']*'|\S*/\S*|\([^)]*--[^)]*\)", "", err)
    assert not ENGLISH.search(words.split(": fout: ", 1)[-1]), err


@pytest.mark.parametrize("family", FAMILIES)
def test_english_on_request_and_json_keeps_code_and_pointer(
    family: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args, fragment = _case(family, tmp_path)
    assert main(["--lang", "en", *args]) == 2
    err = capsys.readouterr().err
    assert fragment not in err and ("error" in err or "invalid choice" in err), err
    assert main(["--json", *args]) == 2
    data = json.loads(capsys.readouterr().err)["error"]
    assert data["code"] and isinstance(data["pointer"], str)
    assert fragment in data["text_nl"] and data["message_nl"] in data["text_nl"]


def test_describe_names_file_record_and_reason_once() -> None:
    err = LedgerError("unknown person 'P9'; declare it in the ledger's persons",
                      record="tender 'T1' activity 'a2'", field="person")  # fmt: skip
    err.locate(file="ledger.json")
    assert err.describe() == (
        "ledger.json: aanbesteding 'T1' activiteit 'a2': person: onbekende persoon 'P9'; "
        "neem die op in de personen (persons) van de ledger"
    )
    assert err.describe("en") == (
        "ledger.json: tender 'T1' activity 'a2': person: unknown person 'P9'; declare it in "
        "the ledger's persons"
    )
    assert str(err).startswith("tender 'T1'")  # str() stays the English line of before


def test_unknown_block_suggestions_in_both_languages() -> None:
    err = UnknownBlockError("bbl", "x@1", ["leerbaan_bbl"])
    err.suggestions = ("leerbaan_bbl",)  # type: ignore[attr-defined]
    assert err.message_nl.endswith("; bedoelt u leerbaan_bbl?")
    assert err.message_en.endswith("; did you mean leerbaan_bbl?")


def test_an_unknown_english_reason_keeps_the_code_word_and_the_detail() -> None:
    err = BouwblokkenError("something new went wrong").locate(code="ledger")
    assert (
        err.message_nl == "het register (ledger) kan dit niet aannemen (something new went wrong)"
    )


def test_table_places_are_consistent() -> None:
    """Every Dutch sentence uses exactly the places of its English pattern."""
    for en, nl in _TABLE:
        assert set(re.findall(r"\{(\w+)\}", en)) == set(re.findall(r"\{(\w+)\}", nl)), en


@pytest.mark.parametrize(
    ("english", "dutch"),
    [
        ("activity ids must be unique within a tender; repeated: a1",
         "activiteit-id's moeten uniek zijn binnen een aanbesteding; herhaald: a1"),
        ("not valid TOML: Invalid value (at line 3, column 7)",
         "geen geldige TOML (regel 3, kolom 7)"),
        ("2 row(s) refused: t.csv, rij 3, kolom x: expected a finite number; t.csv, rij 4: "
         "not a calendar date",
         "2 rij(en) geweigerd: t.csv, rij 3, kolom x: verwacht een eindig getal; t.csv, rij 4: "
         "geen bestaande datum"),
        ("history[2]: an approval names who approved ('by')",
         "history[2]: een goedkeuring noemt wie goedkeurde ('by')"),
        ("no such words anywhere", None),
    ],
)  # fmt: skip
def test_to_dutch(english: str, dutch: str | None) -> None:
    assert to_dutch(english) == dutch


def test_record_words() -> None:
    assert record_nl("bidder 'A' option 'x' person (p)") == "inschrijver 'A' optie 'x' persoon (p)"


@pytest.mark.parametrize(
    ("accept", "lang"),
    [(None, "nl"), ("nl-NL", "nl"), ("en", "en"), ("en-GB,en;q=0.9", "en"),
     ("nl;q=0.5, en", "en"), ("en;q=0.4, nl", "nl"), ("fr", "nl"), ("en;q=x", "nl")],
)  # fmt: skip
def test_http_detail_is_dutch_unless_english_is_preferred(accept: str | None, lang: str) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from bouwblokken.http.app import create_app

    client = TestClient(create_app())
    body = {"catalog": "utrecht", "activity": {"block": "participatiewet", "start": "2025-01-01",
                                               "end": "2025-06-30"}}  # fmt: skip
    headers = {"Accept-Language": accept} if accept else {}
    r = client.post("/v1/value", json=body, headers=headers)
    problem = r.json()
    assert r.status_code == 400 and problem["pointer"] == "/activity/hours_per_week"
    assert problem["detail"] == problem[f"message_{lang}"]
    assert "nodig voor bouwblok 'participatiewet'" in problem["message_nl"]
    assert not ENGLISH.search(re.sub(r"'[^']*'", "", problem["message_nl"]))


def test_portfolio_rejections_read_dutch() -> None:
    from bouwblokken.portfolio.ingest import IngestError, Rejection

    err = IngestError(
        [
            Rejection("t.csv", 3, "x", "expected a finite number"),
            Rejection(
                "t.csv", 4, None, "a: unknown key 'q' (misspelt?); the format does not have it"
            ),
            Rejection("t.csv", 5, "status", "Input should be 'planned' or 'realised' (got 'x')"),
        ]
    )
    assert err.describe() == (
        "3 rij(en) geweigerd: t.csv, rij 3, kolom x: verwacht een eindig getal; t.csv, rij 4: "
        "a: onbekende sleutel 'q' (verschreven?); het formaat kent die niet; t.csv, rij 5, "
        "kolom status: verwacht 'planned' of 'realised' (kreeg 'x')"
    )
    assert err.describe("en").startswith("3 row(s) refused: t.csv, rij 3, kolom x: expected")
