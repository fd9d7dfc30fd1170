"""Every command-line input form of issue 9: Dutch amounts, hours, dates and words."""

from __future__ import annotations

import pytest

from bouwblokken.cli import main

NBSP = "\u00a0"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "value", ["2.400.000", "2.400.000,00", "2400000.00", "2400000", "2400000,00"]
)
def test_contract_value_forms(capsys: pytest.CaptureFixture[str], value: str) -> None:
    code, out, err = run(
        capsys, "obligation", "--contract-value", value, "--catalog", "haaglanden",
        "--contract-type", "diensten", "--publication-date", "01-03-2025",
    )  # fmt: skip
    assert code == 0, err
    # 5% × 2.400.000 = 120.000 (above the EU threshold of 2025 for services, 221.000)
    assert f"€{NBSP}120.000,00" in out


def test_refused_forms_say_why(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "obligation", "--contract-value", "2.4e6", "--percentage", "5")
    assert code == 2 and "--contract-value" in err and "2.400.000,00" in err
    code, _, err = run(capsys, "obligation", "--contract-value", "1,234", "--percentage", "5")
    assert code == 2 and "2 decimalen" in err


def test_hours_and_dates_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "value", "haaglanden", "--block", "participatiewet",
                         "--hours-per-week", "22,5", "--start", "01-05-2025",
                         "--end", "30-04-2026")  # fmt: skip
    assert code == 0, err
    # 40.000 × 22,5/36 for a whole year (12 months, no leap day) = 25.000,00
    assert f"Waarde: €{NBSP}25.000,00" in out
    code, out, _ = run(capsys, "value", "haaglanden", "--block", "participatiewet",
                       "--hours-per-week", "22.5", "--start", "2025-05-01",
                       "--end", "1 april 2026")  # fmt: skip
    assert code == 0
    code, _, err = run(capsys, "value", "haaglanden", "--block", "ww", "--start", "01/05/2025")
    assert code == 2 and "--start" in err and "01-05-2025" in err


def test_unknown_block_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "value", "haaglanden", "--block", "bbl", "--hours-per-week", "36")
    assert code == 2 and "bedoelt u leerbaan_bbl_niveau_1_2" in err


def test_template_command(capsys: pytest.CaptureFixture[str], tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "ledger.xlsx"
    code, out, err = run(capsys, "template", str(path))
    assert code == 0 and path.exists() and "Sjabloon" in out, err
    code, out, err = run(capsys, "evaluate", str(path))
    # The template's example: 5% × 2.400.000 = 120.000; 40.000 × 22,5/36 × 1 = 25.000
    assert code == 0 and f"€{NBSP}25.000,00" in out and f"€{NBSP}120.000,00" in out, err


def test_compare_fits_100_columns(capsys: pytest.CaptureFixture[str]) -> None:
    for a, b in (("haaglanden", "leiden"), ("utrecht", "oost_nederland")):
        code, out, _ = run(capsys, "compare", a, b)
        assert code == 0
        assert max(len(line) for line in out.splitlines()) <= 100
        assert "Bonussen" in out
    code, out, _ = run(capsys, "compare", "haaglanden", "leiden")
    assert f"B − A €{NBSP}5.000,00" in out  # 55+ bonus: 15.000 − 10.000


def test_help_is_dutch_and_complete(capsys: pytest.CaptureFixture[str]) -> None:
    from bouwblokken.cli import build_parser
    from bouwblokken.cli_help import missing

    assert missing(build_parser("en")) == []  # every help text has a Dutch version
    # The reporting date is the "rapportagedatum" (the peildatum is the date age and status are
    # judged on, see bouwblokken value --peildatum).
    code, out, _ = run(capsys, "evaluate", "--help")
    assert code == 0 and "gebruik:" in out and "rapportagedatum" in out and "usage:" not in out


def test_flags_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    base = ["value", "haaglanden", "--block", "participatiewet", "--hours-per-week", "36",
            "--start", "01-01-2025", "--end", "31-12-2025", "--internship-months", "6"]  # fmt: skip
    code, out, err = run(capsys, *base, "--flag", "(oud-)leerling PrO/VSO")
    assert code == 0, err
    code2, out2, _ = run(capsys, *base, "--flag", "pro_vso_pupil")
    # 40.000 × 1 + one-off bonus 25.000 after an internship of 6 months = 65.000
    assert code2 == 0 and f"Waarde: €{NBSP}65.000,00" in out and out == out2
    code, _, err = run(capsys, *base, "--flag", "blauw")
    assert code == 2 and "--flag" in err and "vast dienstverband" in err
