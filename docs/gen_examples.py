"""Write ``examples/adviseur.xlsx`` (the adviser's filled-in template used in
docs/aan-de-slag.md) and the pictures in ``docs/img/``. Run after a change::

    python docs/gen_examples.py

The workbook holds what an adviser types: Dutch amounts, hours, dates and words as text.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

TENDER = {
    "Aanbesteding": "SCH-2025",
    "Titel": "Schoonmaak stadskantoor",
    "Catalogus": "haaglanden",
    "Opdrachtwaarde": "2.400.000",
    "Soort opdracht": "diensten",
    "Contractdatum": "01-03-2025",
    "Begin": "01-05-2025",
    "Einde": "30-04-2027",
}
ACTIVITIES = [
    {"Activiteit": "a1", "Persoon": "P001", "Status": "gerealiseerd",
     "Bouwblok": "participatiewet", "Uren per week": "22,5",
     "Begin": "01-05-2025", "Einde": "30-04-2026"},
    {"Activiteit": "a2", "Persoon": "P002", "Status": "gepland", "Bouwblok": "ww",
     "Uren per week": "36", "Begin": "01-06-2025", "Einde": "31-05-2026"},
    {"Activiteit": "a3", "Persoon": "P003", "Status": "gepland", "Bouwblok": "banenafspraak",
     "Uren per week": "24", "Leeftijd": 56, "Begin": "01-05-2025", "Einde": "30-04-2026"},
    {"Activiteit": "a4", "Persoon": "P004", "Status": "gepland",
     "Bouwblok": "leerbaan_bbl_niveau_1_2", "Uren per week": "36",
     "Begin": "01-09-2025", "Einde": "31-08-2026"},
]  # fmt: skip


def fill(path: Path) -> Path:
    """The template with the adviser's rows (as the adviser would type them in Excel)."""
    import openpyxl

    from bouwblokken.excel import write_ledger_template

    write_ledger_template(path)
    wb = openpyxl.load_workbook(path)
    for name, rows in (("Aanbestedingen", [TENDER]), ("Activiteiten", ACTIVITIES)):
        ws = wb[name]
        header = [c.value for c in ws[1]]
        ws.delete_rows(2, ws.max_row)
        for values in rows:
            row = dict.fromkeys(header) | {"Aanbesteding": "SCH-2025"} | values
            ws.append([row[h] for h in header])
    ws = wb["Personen"]
    ws.delete_rows(2, ws.max_row)
    for pid in ("P001", "P002", "P003", "P004"):
        ws.append([pid, None])
    wb.save(path)
    return path


def pictures(ledger_path: Path, out: Path) -> None:
    from bouwblokken import evaluate
    from bouwblokken.display import charts
    from bouwblokken.excel import read_ledger

    ledger = read_ledger(ledger_path)
    result = evaluate(ledger)
    out.mkdir(parents=True, exist_ok=True)
    charts.category_chart(result).savefig(out / "aan-de-slag-categorie.png", dpi=80)
    plan = ledger.tenders[0].activities
    fig = charts.catalog_comparison_chart(
        plan, ["haaglanden", "leiden"], obligation=result.tenders[0].obligation.amount
    )
    fig.savefig(out / "aan-de-slag-leiden.png", dpi=80)


if __name__ == "__main__":
    example = fill(ROOT / "examples" / "adviseur.xlsx")
    pictures(example, ROOT / "docs" / "img")
    with tempfile.TemporaryDirectory() as tmp:
        print("geschreven:", example.relative_to(ROOT), tmp and "docs/img/*.png")
