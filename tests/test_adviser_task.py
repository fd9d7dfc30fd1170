"""The adviser's task of issue 9, end to end in Dutch (as docs/aan-de-slag.md shows it).

A € 2.400.000 services tender in Haaglanden, three hires and a BBL student, typed into the
Excel template the Dutch way; what counts and what is left; the same plan under Leiden; the
result opened in Excel by a colleague. Expected amounts are computed here by hand from the
published tables (Haaglanden 2023-07, Leiden 2023-09; both per year of 36 hours). Every period
is a whole number of months with no leap day, so days (kalenderdagen) and months-as-twelfths
give the same fractions (12 months = 1 year).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from bouwblokken.cli import main

openpyxl = pytest.importorskip("openpyxl")

NBSP = "\u00a0"

# Hand computation. Obligation: 5% × 2.400.000 = 120.000 (Haaglanden: services from 215.000).
OBLIGATION = Decimal("2400000") * 5 / 100
# Haaglanden:
H_A1 = Decimal(40000) * Decimal("22.5") / 36  # Participatiewet 22,5 u, 12 maanden: 25.000
H_A2 = Decimal(20000) * 36 / 36  # WW 36 u, 12 maanden (limit 12): 20.000
H_A3 = (Decimal(50000) + Decimal(10000)) * 24 / 36  # Banenafspraak 24 u + 55+ bonus: 40.000
H_A4 = Decimal(25000) * 36 / 36  # BBL niveau 2, 36 u, 12 maanden: 25.000
H_TOTAL = H_A1 + H_A2 + H_A3 + H_A4  # 110.000
# Leiden (36 h assumed, unverified), same obligation (the buyer's):
L_A1 = Decimal(30000) * Decimal("22.5") / 36  # Participatiewet zonder arbeidsbeperking: 18.750
L_A2 = Decimal(15000)  # WW: 15.000
L_A3 = ((Decimal(50000) + Decimal(15000)) * 24 / 36).quantize(Decimal("0.01"))  # 43.333,33
L_A4 = Decimal(25000)  # mbo BBL: 25.000
L_TOTAL = L_A1 + L_A2 + L_A3 + L_A4  # 102.083,33


def eur(d: Decimal) -> str:
    whole, _, cents = f"{d.quantize(Decimal('0.01')):,.2f}".partition(".")
    return f"€{NBSP}{whole.replace(',', '.')},{cents}"


def fill_template(path: Path) -> None:
    """What the adviser types into the template (Dutch numbers, dates and words)."""
    assert main(["template", str(path)]) == 0
    wb = openpyxl.load_workbook(path)
    t = wb["Aanbestedingen"]
    header = [c.value for c in t[1]]
    t.delete_rows(2, t.max_row)
    row = dict.fromkeys(header)
    row |= {"Aanbesteding": "SCH-2025", "Titel": "Schoonmaak stadskantoor",
            "Catalogus": "haaglanden", "Opdrachtwaarde": "2.400.000",
            "Soort opdracht": "diensten", "Contractdatum": "01-03-2025",
            "Begin": "01-05-2025", "Einde": "30-04-2027"}  # fmt: skip
    t.append([row[h] for h in header])
    a = wb["Activiteiten"]
    header = [c.value for c in a[1]]
    a.delete_rows(2, a.max_row)
    for values in (
        {"Activiteit": "a1", "Persoon": "P001", "Status": "gerealiseerd",
         "Bouwblok": "participatiewet", "Uren per week": "22,5",
         "Begin": "01-05-2025", "Einde": "30-04-2026"},
        {"Activiteit": "a2", "Persoon": "P002", "Status": "gepland", "Bouwblok": "ww",
         "Uren per week": 36, "Begin": "01-06-2025", "Einde": "31-05-2026"},
        {"Activiteit": "a3", "Persoon": "P003", "Status": "gepland",
         "Bouwblok": "banenafspraak", "Uren per week": "24", "Leeftijd": 56,
         "Begin": "1 mei 2025", "Einde": "30-04-2026"},
        {"Activiteit": "a4", "Persoon": "P004", "Status": "gepland",
         "Bouwblok": "leerbaan_bbl_niveau_1_2", "Uren per week": 36,
         "Begin": "2025-09-01", "Einde": "31-08-2026"},
    ):  # fmt: skip
        row = dict.fromkeys(header) | {"Aanbesteding": "SCH-2025"} | values
        a.append([row[h] for h in header])
    p = wb["Personen"]
    p.delete_rows(2, p.max_row)
    for pid in ("P001", "P002", "P003", "P004"):
        p.append([pid, None])
    wb.save(path)


# ("of" is left out: it is Dutch for "or".)
ENGLISH = re.compile(
    r"\b(realised|planned|work|learning|counted|obligation|forecast|remaining|activity|"
    r"tender|catalog|block|months|year|not_stated|actual|per_year|the|and|skipped|"
    r"matched|surplus|warning|labour_disability)\b",
    re.I,
)


def test_adviser_task_in_dutch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ledger = tmp_path / "plan.xlsx"
    fill_template(ledger)
    result = tmp_path / "resultaat.xlsx"
    code = main(["evaluate", str(ledger), "--under", "leiden", "--excel", str(result)])
    out, err = capsys.readouterr()
    assert code == 0, err
    # What counts and what is left (forecast: realised + planned), then the same under Leiden.
    assert eur(OBLIGATION) == f"€{NBSP}120.000,00"
    assert eur(H_TOTAL) in out and eur(OBLIGATION - H_TOTAL) in out  # 110.000 / 10.000
    assert f"91,7{NBSP}%" in out  # 110.000 / 120.000 = 91,67 % → 91,7 %
    assert eur(H_A1) in out  # realised: 25.000,00 → 20,8 %
    assert f"20,8{NBSP}%" in out
    assert eur(L_TOTAL) in out and eur(OBLIGATION - L_TOTAL) in out  # 102.083,33 / 17.916,67
    assert f"85,1{NBSP}%" in out  # 102.083,33 / 120.000 = 85,07 %
    assert "participatiewet_arbeidsbeperking" in out  # banenafspraak → not wsw
    # No English word in the Dutch output (ids such as 'participatiewet' are Dutch or codes
    # of the catalog; the check is for English words).
    words = ENGLISH.findall(re.sub(r"\b[a-z0-9]+(_[a-z0-9]+)+\b", "", out))
    assert not words, words

    # The colleague opens the workbook: real numbers in euro format, Dutch sheet names.
    wb = openpyxl.load_workbook(result)
    assert wb.sheetnames[:5] == [
        "Samenvatting", "Activiteiten", "Per categorie", "Berekening", "Telt niet",
    ]  # fmt: skip
    assert "Vergelijking" in wb.sheetnames
    s = wb["Samenvatting"]
    head = [c.value for c in s[1]]
    assert head == ["Aanbesteding", "Titel", "Catalogus", "Overzicht", "SR-verplichting",
                    "Geteld", "Nog te doen", "Overschot", "%"]  # fmt: skip
    forecast = [c for c in s[3]]
    assert forecast[3].value == "Prognose (gerealiseerd + gepland)"
    assert Decimal(str(forecast[4].value)) == OBLIGATION
    assert Decimal(str(forecast[5].value)) == H_TOTAL
    assert Decimal(str(forecast[6].value)) == OBLIGATION - H_TOTAL
    assert forecast[5].number_format.startswith("[$€-413]")
    assert Decimal(str(forecast[8].value)) == Decimal("0.917")
    assert forecast[8].number_format == f'0.0"{NBSP}"%'  # 91,7 % in Dutch Excel
    acts = wb["Activiteiten"]
    values = {r[1].value: r for r in acts.iter_rows(min_row=2)}
    assert Decimal(str(values["a3"][10].value)) == H_A3
    assert values["a1"][6].value == "gerealiseerd" and values["a2"][6].value == "gepland"
    assert values["a1"][7].number_format == "dd-mm-yyyy"
    assert acts.freeze_panes == "A2"
    assert acts.column_dimensions["N"].width >= 20
    trail = [r[3].value for r in wb["Berekening"].iter_rows(min_row=2)]
    assert any("22,5/36" in str(t) for t in trail)
    cmp_values = [c.value for r in wb["Vergelijking"].iter_rows(min_row=2) for c in r]
    assert any(v is not None and not isinstance(v, str) and Decimal(str(v)) == L_TOTAL
               for v in cmp_values)  # fmt: skip


def test_the_docs_example_file_gives_the_docs_numbers(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """docs/aan-de-slag.md runs `bouwblokken evaluate examples/adviseur.xlsx --under leiden`."""
    example = Path(__file__).resolve().parents[1] / "examples" / "adviseur.xlsx"
    code = main(
        ["evaluate", str(example), "--under", "leiden", "--excel", str(tmp_path / "r.xlsx")]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    for amount in (OBLIGATION, H_TOTAL, OBLIGATION - H_TOTAL, L_TOTAL, OBLIGATION - L_TOTAL):
        assert eur(amount) in out
    docs = (Path(__file__).resolve().parents[1] / "docs" / "aan-de-slag.md").read_text("utf-8")
    for amount in (H_TOTAL, OBLIGATION - H_TOTAL, L_TOTAL, OBLIGATION - L_TOTAL):
        assert eur(amount).replace(NBSP, " ") in docs
