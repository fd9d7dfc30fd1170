"""The command line: every subcommand in nl, en and --json; bad input -> exit 2, one line."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from bouwblokken.cli import main
from bouwblokken.compare import match_blocks
from bouwblokken.documents import read_ledger, write_ledger

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
EXAMPLE = EXAMPLES / "ledger.json"

VALUE_ARGS = [
    "value",
    "haaglanden",
    "--block",
    "participatiewet",
    "--hours-per-week",
    "24",
    "--start",
    "2025-01-01",
    "--end",
    "2025-06-30",
]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    code, out, err = run(capsys, "--json", *args)
    assert code == 0, err
    return json.loads(out)


def bad(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Run and expect exit 2 with exactly one line on stderr; returns that line."""
    code, out, err = run(capsys, *args)
    assert code == 2, (out, err)
    assert out == ""
    assert err.endswith("\n") and err.count("\n") == 1, err
    return err.strip()


def ledger_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXAMPLE.read_text("utf-8"))
    return data


def write(tmp_path: Path, data: dict[str, Any] | str, name: str = "ledger.json") -> str:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


# --- catalogs -------------------------------------------------------------------------------


def test_catalogs_nl_en_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "catalogs")
    assert code == 0
    assert "haaglanden@2023-07" in out and "Geldig vanaf" in out and "contractdatum" in out
    code, out, _ = run(capsys, "catalogs", "--lang", "en")
    assert code == 0
    assert "Effective from" in out and "publication date" in out
    data = run_json(capsys, "catalogs")
    keys = {row["key"] for row in data}
    assert {"haaglanden@2023-07", "leiden@2023-09", "utrecht@undated"} <= keys
    hg = next(row for row in data if row["id"] == "haaglanden")
    assert hg["effective_from"] == "2023-07-01" and hg["verified"] is True


def test_catalog_dir_adds_a_region(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = (ROOT / "catalogs" / "haaglanden" / "2023-07.toml").read_text("utf-8")
    text = text.replace('id = "haaglanden"', 'id = "myregion"', 1)
    text = text.replace(
        'rule = { kind = "per_year", amount = 40000 }',
        'rule = { kind = "per_year", amount = 42000 }',
        1,
    )
    (tmp_path / "myregion").mkdir()
    (tmp_path / "myregion" / "2025-01.toml").write_text(text, encoding="utf-8")
    data = run_json(capsys, "catalogs", "--catalog-dir", str(tmp_path))
    assert {"myregion", "haaglanden"} <= {row["id"] for row in data}
    rows = run_json(capsys, "compare", "haaglanden", "myregion", "--catalog-dir", str(tmp_path))
    pw = next(r for r in rows if r["key"] == "participatiewet")
    assert pw["difference"] == "2000"


# --- show -----------------------------------------------------------------------------------


def test_show_nl_en_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "haaglanden")
    assert code == 0
    assert "€ 40.000,00 per jaar" in out and "24 maanden" in out
    assert "loonkostensubsidie *" in out and "niet geverifieerd" in out
    assert "drempel volgt de Europese drempel" in out and "Bronnen" in out and "Bonussen" in out
    code, out, _ = run(capsys, "show", "haaglanden@2023-07", "--lang", "en")
    assert code == 0
    assert "€40,000.00 per year" in out and "Counting limit" in out and "unverified" in out
    data = run_json(capsys, "show", "haaglanden", "--on", "2024-01-01")
    pw = next(b for b in data["blocks"] if b["id"] == "participatiewet")
    assert pw["rule"]["amount"] == "40000"
    assert data["obligation"]["threshold_follows_eu"] == "services_supplies"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_show_prints_the_librarys_catalog_text(
    lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # the command line is a shell: `show` prints what Python users get from catalog_text
    from bouwblokken.catalog.registry import default_registry
    from bouwblokken.display.catalog import catalog_text

    code, out, _ = run(capsys, "show", "leiden", "--lang", lang)
    assert code == 0
    text = catalog_text(default_registry().load("leiden"), lang=lang)  # type: ignore[arg-type]
    assert out.rstrip("\n") == text
    assert ("Bouwblokken" if lang == "nl" else "Blocks") in text


# --- compare --------------------------------------------------------------------------------


def test_compare_regions_nl_en_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compare", "haaglanden", "leiden")
    assert code == 0
    assert "alleen in leiden@2023-09" in out and "alleen in haaglanden@2023-07" in out
    assert "-€ 5.000,00" in out  # WW: 15.000 in Leiden, 20.000 in Haaglanden
    assert "Tijdregels" in out and "Standaard SR-verplichting" in out
    code, out, _ = run(capsys, "compare", "haaglanden", "leiden", "--lang", "en")
    assert code == 0
    assert "only in leiden@2023-09" in out and "-€5,000.00" in out
    rows = run_json(capsys, "compare", "haaglanden", "leiden")
    ww = next(r for r in rows if r["section"] == "block" and r["key"] == "ww")
    assert ww["match"] == "id" and ww["difference"] == "-5000"
    assert ww["a"]["amount"] == "20000" and ww["b"]["amount"] == "15000"
    assert any(r["match"] == "only_b" and r["b"]["id"] == "sw_bedrijf" for r in rows)
    # Changed with issue 9: blocks are paired by target group (and mapping files), not labels.
    group = [r for r in rows if r["match"] == "group"]
    assert any(r["a"]["id"] == "participatiewet" for r in group)
    bp = next(
        r for r in rows if r["section"] == "block" and r["a"] and r["a"]["id"] == "banenafspraak"
    )
    assert bp["b"]["id"] == "participatiewet_arbeidsbeperking" and bp["match"] == "mapping"
    bonus = next(r for r in rows if r["section"] == "bonus" and r["key"].startswith("leeftijd"))
    assert bonus["difference"] == "5000"  # Leiden 55+ 15.000 − Haaglanden 10.000
    threshold = next(
        r for r in rows if r["section"] == "obligation" and r["key"] == "threshold_follows_eu"
    )
    assert threshold["match"] == "different"
    assert threshold["a"] == "services_supplies" and threshold["b"] is None
    assert {r["section"] for r in rows} == {"block", "bonus", "time", "obligation"}


def test_compare_same_edition_matches_every_block_by_id(capsys: pytest.CaptureFixture[str]) -> None:
    rows = run_json(capsys, "compare", "haaglanden", "haaglanden@2023-07")
    blocks = [r for r in rows if r["section"] == "block"]
    assert blocks and all(r["match"] == "id" for r in blocks)
    assert all(r["match"] == "same" for r in rows if r["section"] in ("time", "obligation"))
    assert all(r["difference"] in (None, "0") for r in rows if r["section"] == "bonus")


def test_matcher_pairs_by_target_group_and_rule_kind() -> None:
    # Changed with issue 9: blocks are paired by target group (data), not by label words.
    from bouwblokken.catalog import load_catalog

    pairs = match_blocks(load_catalog("utrecht"), load_catalog("oost_nederland"))
    by_a = {p.a.id: (p.b.id if p.b else None, p.how) for p in pairs if p.a is not None}
    # Utrecht WIA/WAO: the one Oost-Nederland per-year work block for WIA/WAO.
    assert by_a["wia_wao"] == ("doelgroepregister_wia_wao_wsw_beschut", "group")
    for p in pairs:
        if p.a is not None and p.b is not None:
            assert p.a.rule.kind == p.b.rule.kind and p.a.category == p.b.category


# --- value ----------------------------------------------------------------------------------


def test_value_nl_en_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *VALUE_ARGS)
    assert code == 0
    # January–June 2025 = 6 whole months (kalenderdagenmethode):
    # 40.000 × 24/36 × 6/12 = 13.333,333… → 13.333,33
    assert "€ 40.000,00 × 24/36 uur × 6/12 maanden = € 13.333,33" in out
    assert "Waarde: € 13.333,33" in out
    code, out, _ = run(capsys, *VALUE_ARGS, "--lang", "en")
    assert code == 0
    assert "€40,000.00 × 24/36 hours × 6/12 months = €13,333.33" in out
    assert "Value: €13,333.33" in out
    data = run_json(capsys, *VALUE_ARGS)
    assert set(data) == {
        "catalog",
        "fingerprint",
        "block",
        "amount",
        "trail_nl",
        "trail_en",
        "not_counted",
    }
    assert data["amount"] == "13333.33"
    assert data["catalog"] == "haaglanden@2023-07"
    assert data["fingerprint"].startswith("sha256:")
    assert any("€13,333.33" in line for line in data["trail_en"])


def test_value_bonus_flag_and_limit(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys,
        "value",
        "haaglanden",
        "--block",
        "ww",
        "--hours-per-week",
        "36",
        "--start",
        "2025-01-01",
        "--end",
        "2026-06-30",
        "--age",
        "56",
        "--flag",
        "labour_disability",
    )
    # 20.000 + 55+ bonus 10.000 for the 12 counted months + one-off 10.000.
    assert data["amount"] == "40000.00"
    assert data["not_counted"][0]["reason"] == "counting_limit"


def test_value_invoice_exact(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "value", "leiden", "--block", "sw_bedrijf", "--invoice", "1234.56")
    assert data["amount"] == "1234.56"


# --- obligation -----------------------------------------------------------------------------


def test_obligation_nl_en_json(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["obligation", "--contract-value", "1000000", "--catalog", "haaglanden"]
    args += ["--contract-date", "2024-01-15"]  # the threshold follows the EU one of the date
    code, out, _ = run(capsys, *args)
    assert code == 0 and "SR-verplichting: € 50.000,00" in out
    code, out, _ = run(capsys, *args, "--lang", "en")
    assert code == 0 and "Social-return obligation: €50,000.00" in out
    data = run_json(capsys, *args)
    assert data == {
        "amount": "50000.00",
        "applies": True,
        "source": "haaglanden@2023-07",
        "explanation_nl": data["explanation_nl"],
        "explanation_en": data["explanation_en"],
    }


def test_obligation_rules_pso_and_below_threshold(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys,
        "obligation",
        "--contract-value",
        "1000000",
        "--rules",
        "schiedam",
        "--contract-type",
        "services",
    )
    assert data["amount"] == "50000.00" and data["source"] == "rules:schiedam"
    data = run_json(
        capsys,
        "obligation",
        "--contract-value",
        "1000000",
        "--catalog",
        "oost_nederland",
        "--pso-level",
        "trede_2",
    )
    assert data["amount"] == "37500.00"
    data = run_json(
        capsys,
        "obligation",
        "--contract-value",
        "100000",
        "--catalog",
        "haaglanden",
        "--publication-date",
        "2024-01-15",
    )
    assert data["amount"] == "0.00" and data["applies"] is False
    code, out, _ = run(capsys, "obligation", "--list-rules")
    assert code == 0 and "schiedam" in out


# --- evaluate -------------------------------------------------------------------------------


def test_example_ledger_round_trips() -> None:
    text = EXAMPLE.read_text("utf-8")
    ledger = read_ledger(EXAMPLE)
    assert write_ledger(ledger) == text
    assert ledger.tenders[0].catalog == "haaglanden" and len(ledger.tenders[0].activities) == 6


def test_evaluate_nl_en_json(capsys: pytest.CaptureFixture[str]) -> None:
    # obligation 5% × 1.250.000 = 62.500; a1 Participatiewet 24 h, January–June 2025 = 6 months:
    # 40.000 × 24/36 × 6/12 = 13.333,33
    code, out, _ = run(capsys, "evaluate", str(EXAMPLE))
    assert code == 0
    assert "€ 62.500,00" in out and "€ 13.333,33" in out and "Prognose" in out
    code, out, _ = run(capsys, "evaluate", str(EXAMPLE), "--lang", "en", "--as-of", "2025-12-31")
    assert code == 0 and "€13,333.33" in out and "Forecast" in out
    data = run_json(capsys, "evaluate", str(EXAMPLE), "--as-of", "2025-12-31")
    assert data["format"] == "bouwblokken.ledger-result/1" and data["as_of"] == "2025-12-31"
    t = data["tenders"][0]
    assert t["obligation"]["amount"] == "62500.00"
    a1 = next(a for a in t["activities"] if a["id"] == "a1")
    assert a1["counted"] == "13333.33"
    # a2: WW 36 h + 55+ bonus (per year, within the 12-month limit), 2025-02-01..2026-03-31:
    # counted February 2025 – January 2026 = 12 months: (20.000 + 10.000) × 12/12 = 30.000,00;
    # not counted February–March 2026: 30.000 × 2/12 = 5.000,00.
    # Realised to 2025-12-31: February–December 2025 = 11 months: 30.000 × 11/12 = 27.500,00
    a2 = next(a for a in t["activities"] if a["id"] == "a2")
    assert a2["counted"] == "30000.00"
    # a3 BBL level 1–2, 32 h, September 2025 – August 2026 = 12 months:
    # 25.000 × 32/36 × 12/12 = 22.222,22; a4 intern 24 h, September 2025 – January 2026 =
    # 5 months: 5.000 × 24/36 × 5/12 = 1.388,89; a5 costs 2.450; a6 Banenafspraak 16 h,
    # January–June 2026 = 6 months: 50.000 × 16/36 × 6/12 = 11.111,11 + one-off 10.000
    # (labour disability) = 21.111,11.
    # Forecast: 13.333,33 + 30.000 + 22.222,22 + 1.388,89 + 2.450 + 21.111,11 = 90.505,55
    # Realised: 13.333,33 + 27.500 + 2.450 = 43.283,33
    assert t["forecast"]["counted"] == "90505.55"
    assert t["realised"]["counted"] == "43283.33"


# --- optimise -------------------------------------------------------------------------------

OPTIONS = {
    "format": "bouwblokken.options/1",
    "catalog": "haaglanden",
    "obligation": "50000.00",
    "alternatives": 1,
    "options": [
        {
            "id": "pw",
            "template": {
                "block": "participatiewet",
                "hours_per_week": "36",
                "start": "2025-01-01",
                "end": "2025-12-31",
            },
            "cost_per_unit": "8000.00",
            "max_units": 3,
        },
        {
            "id": "ww",
            "template": {
                "block": "ww",
                "hours_per_week": "36",
                "start": "2025-01-01",
                "end": "2025-12-31",
            },
            "cost_per_unit": "3000.00",
            "max_units": 4,
        },
    ],
}


def test_optimise(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, OPTIONS, "options.json")
    code, out, err = run(capsys, "optimise", path)
    assert code == 0, err
    assert "optimaal" in out and "Te halen" in out
    data = run_json(capsys, "optimize", path, "--lang", "en")
    assert isinstance(data, dict) and data["format"] == "bouwblokken.plans/1"


def test_optimise_the_shipped_example(capsys: pytest.CaptureFixture[str]) -> None:
    # Hand check: 5% of 1.000.000 = 50.000 to reach. The cheapest value per euro is the BBL
    # learning job: 25.000 (full-time, a full year) for 4.000, i.e. 0,16 cost per euro of value;
    # every other option costs more per euro. So no plan can cost less than 0,16 × 50.000 =
    # 8.000, and two BBL jobs reach exactly 50.000 for 8.000: that is the optimum.
    data = run_json(capsys, "optimise", str(EXAMPLES / "options.json"))
    assert data["status"] == "optimal"
    assert data["target"] == "50000.00"
    assert data["best"]["units"] == {"bbl": 2}
    assert data["best"]["cost"] == "8000.00"
    assert data["best"]["counted"] == "50000.00"
    costs = [Decimal(p["cost"]) for p in data["alternatives"]]
    assert costs == sorted(costs) and all(c >= Decimal("8000.00") for c in costs)


def test_optimise_bad_options_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    broken = json.loads(json.dumps(OPTIONS))
    broken["options"][0]["cost_per_unit"] = "12.345"
    line = bad(capsys, "optimise", write(tmp_path, broken, "options.json"))
    assert "options.json" in line and "cost_per_unit" in line


# --- help -----------------------------------------------------------------------------------


def test_python_m_help() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "bouwblokken", "--help"],
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )
    assert proc.returncode == 0
    # Changed with issue 9: the help is Dutch by default (English with --lang en).
    assert "voorbeelden:" in proc.stdout and "evaluate" in proc.stdout
    assert proc.stderr == ""


@pytest.mark.parametrize(
    "command",
    ["catalogs", "show", "compare", "value", "obligation", "evaluate", "optimise", "template"],
)
def test_every_command_has_help_with_an_example(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    code, out, _ = run(capsys, command, "--help")
    assert code == 0
    assert "voorbeelden:" in out and f"bouwblokken {command}" in out
    code, out, _ = run(capsys, command, "--help", "--lang", "en")
    assert code == 0 and "examples:" in out and "usage:" in out


# --- bad input: exit 2, one line on stderr, no traceback -------------------------------------


def test_unknown_block_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    line = bad(capsys, "value", "haaglanden", "--block", "nope", "--hours", "3")
    assert "'nope'" in line and "haaglanden@2023-07" in line


def test_unknown_block_in_a_ledger(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = ledger_data()
    data["tenders"][0]["activities"][2]["block"] = "nope"
    line = bad(capsys, "evaluate", write(tmp_path, data))
    assert "'nope'" in line and "a3" in line


def test_activity_outside_the_contract_warns(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The ledger counts nothing outside the contract and says so (a warning, not an error)."""
    data = ledger_data()
    act = data["tenders"][0]["activities"][0]
    act["start"], act["end"] = "2027-02-01", "2027-06-30"
    code, out, _ = run(capsys, "evaluate", write(tmp_path, data))
    assert code == 0
    # Changed with issue 9: the Dutch table shows the Dutch text of the warning.
    assert "ligt helemaal buiten de contractperiode" in out
    assert "lies wholly outside" not in out
    assert "na het einde van het contract" in out


def test_activity_end_before_start(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = ledger_data()
    data["tenders"][0]["activities"][0]["end"] = "2024-12-01"
    line = bad(capsys, "evaluate", write(tmp_path, data))
    assert "ledger.json" in line and "a1" in line and "ligt vóór begin" in line


def test_negative_hours(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = ledger_data()
    data["tenders"][0]["activities"][0]["hours_per_week"] = "-5"
    line = bad(capsys, "evaluate", write(tmp_path, data))
    assert "(a1).hours_per_week" in line and "ledger.json" in line
    args = [*VALUE_ARGS]
    args[args.index("24")] = "-5"
    line = bad(capsys, *args)
    # Changed with issue 9: the command line's validation messages are Dutch by default.
    assert "--hours-per-week" in line and "moet minstens 0 zijn" in line
    line = bad(capsys, *args, "--lang", "en")
    assert "--hours-per-week" in line and "greater than or equal to 0" in line


def test_unknown_person(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = ledger_data()
    data["tenders"][0]["activities"][1]["person"] = "P999"
    line = bad(capsys, "evaluate", write(tmp_path, data))
    assert "'P999'" in line and "a2" in line and "person" in line


def test_below_threshold_with_activities_shows_a_warning(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = ledger_data()
    data["tenders"][0]["contract_value"] = "150000.00"
    path = write(tmp_path, data)
    code, out, _ = run(capsys, "evaluate", path)
    assert code == 0
    # Changed with issue 9: the Dutch table shows the Dutch text (JSON keeps the English one).
    assert "Waarschuwingen" in out and "heeft geen verplichting" in out
    result = run_json(capsys, "evaluate", path)
    assert any("has no obligation" in w for w in result["warnings"])


def test_malformed_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    line = bad(capsys, "evaluate", write(tmp_path, '{"tenders": [', "broken.json"))
    assert "broken.json" in line and "geen geldige JSON" in line


def test_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    line = bad(capsys, "evaluate", str(tmp_path / "nowhere.json"))
    assert "nowhere.json" in line and "kan niet worden gelezen" in line


def test_amount_with_three_decimals(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = ledger_data()
    text = json.dumps(data).replace('"1250000.00"', "1250000.125")
    line = bad(capsys, "evaluate", write(tmp_path, text))
    assert "ledger.json" in line and "hoogstens 2 decimalen" in line
    line = bad(capsys, "value", "leiden", "--block", "sw_bedrijf", "--invoice", "1234.567")
    # Changed with issue 9: command-line input is read by bouwblokken.parse (Dutch messages).
    assert "--invoice" in line and "hoogstens 2 decimalen" in line


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["value", "haaglanden", "--block", "ww", "--start", "2025-13-01"], "--start"),
        # Changed with issue 9: "24,5" is Dutch for 24.5 and accepted; "24,5,0" is not a number.
        (
            ["value", "haaglanden", "--block", "ww", "--hours-per-week", "24,5,0"],
            "--hours-per-week",
        ),
        (["value", "haaglanden", "--block", "ww", "--age", "56.5"], "--age"),
        (["value", "haaglanden", "--block", "ww", "--hours-per-week", "nan"], "--hours-per-week"),
        (["value", "haaglanden", "--block", "participatiewet"], "--start"),
        (
            [
                "value",
                "haaglanden",
                "--block",
                "ww",
                "--start",
                "2025-01-01",
                "--end",
                "2025-02-01",
            ],
            "--hours-per-week",
        ),
        (["show", "atlantis"], "onbekende catalogus 'atlantis'"),
        (["show", "haaglanden", "--on", "2020-01-01"], "heeft geen editie die geldt op"),
        (["obligation", "--contract-value", "1000000"], "--percentage"),
        (["obligation", "--contract-value", "-1", "--percentage", "5"], "--contract-value"),
        # Changed with issue 9: argparse's errors are Dutch by default.
        (["frobnicate"], "ongeldige keuze"),
        (["catalogs", "--bogus"], "onbekende argumenten"),
        (["show", "haaglanden", "--catalog-dir", "/nonexistent/dir"], "/nonexistent/dir"),
    ],
)
def test_bad_arguments(capsys: pytest.CaptureFixture[str], args: list[str], expected: str) -> None:
    assert expected in bad(capsys, *args)


def test_decimal_from_text_not_float(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys, "value", "leiden", "--block", "sw_bedrijf", "--invoice", "12345678901234567.89"
    )
    assert data["amount"] == "12345678901234567.89"


@pytest.mark.parametrize(("lang", "share"), [("nl", "10\u00a0%"), ("en", "10%")])
def test_the_text_view_writes_a_share_cap_as_every_other_percentage(lang: str, share: str) -> None:
    # capregion caps "maatschappelijk" at 10 % of the obligation, € 250 a purchase at least:
    # the share the Dutch way (10 %, a non-breaking space), as the blocks' percentages are
    from bouwblokken.catalog.registry import Registry
    from bouwblokken.display.catalog import catalog_text

    fixtures = Path(__file__).resolve().parent / "fixtures" / "catalogs"
    text = catalog_text(Registry([fixtures]).load("capregion"), lang=lang)  # type: ignore[arg-type]
    row = next(line for line in text.splitlines() if line.startswith("maatschappelijk_max_10"))
    assert share in row
    assert ("€\u00a0250,00" if lang == "nl" else "€250.00") in row
