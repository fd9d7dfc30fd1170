"""`bouwblokken gunning`: a thin shell over bouwblokken.award; the award document follows its
published schema; jury points make the round trip through the jury workbook exactly."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from bouwblokken.award import compare_bids, compare_formulas, load_formulas, read_bids
from bouwblokken.award.bids import with_jury_points
from bouwblokken.award.document import AWARD_SCHEMA, AwardDocument, award_document
from bouwblokken.award.errors import AwardError
from bouwblokken.cli import main

ROOT = Path(__file__).resolve().parents[2]
BIDS = ROOT / "examples" / "award" / "bids.json"
FORMULAS = ROOT / "examples" / "award" / "formulas.toml"
SCHEMAS = ROOT / "docs" / "schemas"


def _schema(name: str) -> dict[str, object]:
    schema: dict[str, object] = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return schema


def test_dutch_ranking_and_trail(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gunning", str(BIDS), "--formulas", str(FORMULAS)]) == 0
    out = capsys.readouterr().out
    # absoluut, Schoon BV: 60 × 1,9/1,9 + 30 × 4/5 + 8 = 60 + 24 + 8 = 92
    assert "totaal: 60,00 + 24,00 + 8,00 = 92,00 punten" in out
    assert "Winnaar            Helder Facilitair  Schoon BV" in out
    assert "Deze formules veranderen de winnaar t.o.v. absoluut: gunnen_op_waarde" in out


def test_without_formulas_the_comparison_only(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gunning", str(BIDS)]) == 0
    out = capsys.readouterr().out
    # Glans & Co: 6 % × 2.000.000 = 120.000 offered, plan 40.000 + 50.000 + 20.000 = 110.000
    assert "€\u00a0120.000,00  €\u00a0110.000,00  €\u00a010.000,00" in out
    assert "Geef --formulas" in out
    assert main(["--json", "gunning", str(BIDS)]) == 0
    doc = json.loads(capsys.readouterr().out)
    jsonschema.validate(doc, _schema("award.schema.json"))
    assert doc["rankings"] == [] and doc["bids"][1]["gap"] == "10000.00"


def test_json_document_validates_against_its_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--json", "gunning", str(BIDS), "--formulas", str(FORMULAS)]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["$schema"] == AWARD_SCHEMA
    schema = _schema("award.schema.json")
    assert schema["$id"] == AWARD_SCHEMA
    jsonschema.validate(doc, schema)
    AwardDocument.model_validate(doc)  # the model the schema is generated from
    # Helder Facilitair under gunnen_op_waarde: 1.950.000 − 5 × 20.000 − 7 × 5.000 = 1.815.000
    ranking = next(r for r in doc["rankings"] if r["formula"]["id"] == "gunnen_op_waarde")
    helder = next(s for s in ranking["scores"] if s["bidder"] == "Helder Facilitair")
    assert helder["fictive_price"] == "1815000.00"
    broken = dict(doc, bids=[dict(doc["bids"][0], counted=1.5)])  # a float is not exact text
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_input_documents_validate_against_their_schemas() -> None:
    import tomllib

    jsonschema.validate(json.loads(BIDS.read_text(encoding="utf-8")), _schema("bids.schema.json"))
    formulas = tomllib.loads(FORMULAS.read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(json.dumps(formulas, default=str)), _schema(
        "award-formulas.schema.json"
    ))  # fmt: skip
    with_key = dict(json.loads(BIDS.read_text(encoding="utf-8")), **{"$schema": "x"})
    jsonschema.validate(with_key, _schema("bids.schema.json"))


def _fc(bids_doc=None):  # type: ignore[no-untyped-def]
    doc = bids_doc or read_bids(BIDS)
    return compare_formulas(load_formulas(FORMULAS), compare_bids(doc.tender, doc.bids))


def test_jury_points_round_trip_through_the_workbook(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from bouwblokken.award.excel import jury_workbook, read_jury_points

    path = tmp_path / "jury.xlsx"
    jury_workbook(_fc(), path)
    entered = {b.bidder: dict(b.jury_points) for b in read_bids(BIDS).bids}
    assert read_jury_points(path) == entered  # unchanged: exactly what the bids said
    assert entered["Schoon BV"] == {"plan_van_aanpak": Decimal("8")}
    # The jury changes two cells: a number 7.5 and a Dutch text "9,25".
    wb = openpyxl.load_workbook(path)
    ws = wb["Jurypunten"]
    assert [c.value for c in ws[1]] == ["Inschrijver", "plan_van_aanpak"]
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    ws.cell(rows["Glans & Co"], 2).value = 7.5
    ws.cell(rows["Schoon BV"], 2).value = "9,25"
    wb.save(path)
    points = read_jury_points(path)
    assert points["Glans & Co"] == {"plan_van_aanpak": Decimal("7.5")}
    assert points["Schoon BV"] == {"plan_van_aanpak": Decimal("9.25")}
    doc = read_bids(BIDS)
    fc = _fc(doc.model_copy(update={"bids": with_jury_points(doc.bids, points)}))
    # absoluut, Glans & Co: 57 + 30 + 7,5 = 94,50; Schoon BV: 60 + 24 + 9,25 = 93,25
    absoluut = fc.ranking("absoluut")
    assert absoluut.score_of("Glans & Co").total == Decimal("94.5")
    assert absoluut.score_of("Schoon BV").total == Decimal("93.25")


def test_cli_reads_the_jury_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "jury.xlsx"
    assert main(["gunning", str(BIDS), "--formulas", str(FORMULAS), "--excel", str(path)]) == 0
    capsys.readouterr()
    wb = openpyxl.load_workbook(path)
    ws = wb["Jurypunten"]
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value == "Helder Facilitair":
            ws.cell(r, 2).value = 10
    wb.save(path)
    args = ["--json", "gunning", str(BIDS), "--formulas", str(FORMULAS), "--jury", str(path)]
    assert main(args) == 0
    doc = json.loads(capsys.readouterr().out)
    helder = next(s for s in doc["rankings"][0]["scores"] if s["bidder"] == "Helder Facilitair")
    # absoluut: 58,46 + 30 + 10 = 98,46
    assert helder["total"] == "98.46"


def test_jury_sheet_errors_name_the_cell(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from bouwblokken.award.excel import jury_workbook, read_jury_points

    path = tmp_path / "jury.xlsx"
    jury_workbook(_fc(), path)
    wb = openpyxl.load_workbook(path)
    wb["Jurypunten"]["B2"] = "veel"
    wb.save(path)
    with pytest.raises(AwardError) as err:
        read_jury_points(path)
    assert "Jurypunten!B2" in err.value.describe() and "verwacht een getal" in err.value.describe()
    with pytest.raises(AwardError, match="no bidder 'Nergens'"):
        with_jury_points(read_bids(BIDS).bids, {"Nergens": {"plan_van_aanpak": Decimal(1)}})


def test_award_document_of_the_library_names_its_schema() -> None:
    assert award_document(_fc())["$schema"] == AWARD_SCHEMA


def test_design_document_validates_against_its_schema() -> None:
    from bouwblokken import Tender
    from bouwblokken.award import design_obligation
    from bouwblokken.award.document import DESIGN_SCHEMA, DesignDocument, design_document

    tender = read_bids(BIDS).tender
    data = tender.model_dump(mode="json", exclude={"activities"}, exclude_none=True)
    planned = Tender.model_validate({**data, "labour_share_percent": "25"})
    doc = json.loads(json.dumps(design_document(design_obligation(planned, rule_sets=["catalog"]))))
    assert doc["$schema"] == DESIGN_SCHEMA
    jsonschema.validate(doc, _schema("obligation-design.schema.json"))
    DesignDocument.model_validate(doc)
    # Haaglanden 5 % × 2.000.000 = 100.000; typical plan 5 × WW at € 5.000 = € 25.000
    assert doc["rows"][0]["obligation"] == "100000.00"
    assert doc["rows"][0]["typical_plan"]["cost"] == "25000.00"
