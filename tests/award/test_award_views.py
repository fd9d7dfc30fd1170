"""The award views: Dutch text tables, the jury workbook, the JSON document, the chart; and
the house rule that the award core never imports a view."""

from __future__ import annotations

import ast
import json
from decimal import Decimal
from pathlib import Path

import pytest

from bouwblokken.award import (
    compare_bids,
    compare_formulas,
    design_obligation,
    load_formulas,
    read_bids,
)
from bouwblokken.award.document import award_document, design_document, exact, to_json
from bouwblokken.award.table import comparison_table, design_table, ranking_table, report

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "award"
VIEWS = {"table", "excel", "document", "chart"}


@pytest.fixture(scope="module")
def fc():  # type: ignore[no-untyped-def]
    doc = read_bids(EXAMPLES / "bids.json")
    return compare_formulas(
        load_formulas(EXAMPLES / "formulas.toml"), compare_bids(doc.tender, doc.bids)
    )


def test_core_never_imports_a_view() -> None:
    forbidden = {f"bouwblokken.award.{v}" for v in VIEWS} | {
        "bouwblokken.display",
        "bouwblokken.documents",
        "bouwblokken.cli",
        "bouwblokken.http",
        "bouwblokken.excel",
        "openpyxl",
        "matplotlib",
    }
    for path in (ROOT / "src" / "bouwblokken" / "award").glob("*.py"):
        if path.stem in VIEWS:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not any(name == f or name.startswith(f + ".") for f in forbidden), (
                    f"{path.name} imports the view {name}"
                )


def test_dutch_tables(fc) -> None:  # type: ignore[no-untyped-def]
    table = comparison_table(fc.comparison)
    assert "Inschrijver" in table and "Tekort" in table and "€ 10.000,00" in table
    assert "≈ 4,83\u00a0%" in table  # the plan-backed 4,8333335% shown rounded
    ranking = ranking_table(fc)
    assert "95,46 (plaats 1)" in ranking and "€ 1.780.000,00 (plaats 1)" in ranking
    assert "veranderen de winnaar t.o.v. absoluut: gunnen_op_waarde" in ranking
    en = ranking_table(fc, lang="en")
    assert "95.46 (rank 1)" in en and "plaats" not in en
    full = report(fc)
    assert "totaal: 60,00 + 24,00 + 8,00 = 92,00 punten" in full


def test_design_table_names_the_assumptions(fc) -> None:  # type: ignore[no-untyped-def]
    design = design_obligation(fc.comparison.tender, rule_sets=["catalog"])
    text = design_table(design)
    assert "€ 100.000,00" in text and "€ 25.000,00" in text and "5 × ww" in text
    assert "aannames" in text
    doc = json.loads(to_json(design_document(design)))
    assert doc["format"] == "bouwblokken.obligation-design/1"
    assert doc["rows"][0]["obligation"] == "100000.00"
    assert doc["rows"][0]["typical_plan"]["cost"] == "25000.00"
    assert doc["rows"][0]["typical_plan"]["cost_percent_of_contract"] == "1.25"
    assert "1,25\u00a0%" in text


def test_json_document_is_exact(fc) -> None:  # type: ignore[no-untyped-def]
    text = to_json(award_document(fc))
    doc = json.loads(text, parse_float=Decimal)
    assert doc["format"] == "bouwblokken.award/1"
    assert doc["catalog"] == "haaglanden@2023-07" and len(doc["fingerprint"]) == 64
    c = next(b for b in doc["bids"] if b["bidder"] == "Helder Facilitair")
    assert c["counted"] == "96666.67" and c["gap"] == "3333.33"
    assert c["plan_percentage"] == "4.8333335"
    assert doc["winners"]["gunnen_op_waarde"] == ["Schoon BV"]
    assert doc["changes_winner"] == ["gunnen_op_waarde"]
    first = doc["rankings"][0]["scores"][0]
    assert (first["bidder"], first["total"], first["rank"]) == ("Helder Facilitair", "95.46", 1)
    assert not any(isinstance(v, float) for v in _leaves(doc))
    # The formulas travel with the document, so a reader can re-score.
    assert doc["rankings"][1]["formula"]["euro_per_point"] == {
        "social_return": "20000",
        "plan_van_aanpak": "5000",
    }


def _leaves(x: object) -> list[object]:
    if isinstance(x, dict):
        return [v for k in x.values() for v in _leaves(k)]
    if isinstance(x, list):
        return [v for k in x for v in _leaves(k)]
    return [x]


def test_exact_text() -> None:
    from fractions import Fraction

    assert [exact(Fraction(11, 2)), exact(Fraction(1, 3)), exact(Decimal("4.50"))] == [
        "5.5",
        "1/3",
        "4.5",
    ]


def test_jury_workbook(fc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    openpyxl = pytest.importorskip("openpyxl")
    from bouwblokken.award.excel import jury_workbook

    path = tmp_path / "jury.xlsx"
    jury_workbook(fc, path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [
        "Biedingen",
        "Rangorde",
        "absoluut",
        "gunnen_op_waarde",
        "relatief_plan",
        "Toelichting",
        "Jurypunten",
    ]
    rows = list(wb["absoluut"].iter_rows(values_only=True))
    assert rows[1] == (
        "Plaats",
        "Inschrijver",
        "Prijs",
        "Social return",
        "Plan van aanpak",
        "Totaal punten",
    )
    assert rows[2][:2] == (1, "Helder Facilitair") and Decimal(str(rows[2][5])) == Decimal("95.46")
    ranks = {r[0]: r[1:] for r in wb["Rangorde"].iter_rows(min_row=2, values_only=True)}
    assert ranks["Schoon BV"] == (2, 1, 3)
    trail = "\n".join(str(r[0]) for r in wb["Toelichting"].iter_rows(values_only=True) if r[0])
    assert "fictieve prijs: € 1.900.000,00 − € 80.000,00 − € 40.000,00 = € 1.780.000,00" in trail


def test_ranking_chart(fc) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("matplotlib")
    from bouwblokken.award.chart import ranking_chart

    fig = ranking_chart(fc)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "absoluut",
        "gunnen_op_waarde",
        "relatief_plan",
    ]
    lines = {ln.get_label(): list(ln.get_ydata()) for ln in ax.get_lines()}
    assert lines["Schoon BV"] == [2, 1, 3]
    assert ax.get_ylabel() == "plaats"


def test_english_report_has_no_dutch_words(fc) -> None:  # type: ignore[no-untyped-def]
    text = report(fc, lang="en")
    for word in ("punten", "plaats", "laagste", "aangeboden", "totaal", "fictieve", "Winnaar"):
        assert word not in text
    assert "fictive price: €1,900,000.00 − €80,000.00 − €40,000.00 = €1,780,000.00" in text
