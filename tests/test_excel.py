"""Excel both ways: workbooks written for people, templates and ledgers read back."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bouwblokken import Activity, Ledger, Person, Tender, evaluate, load_catalog
from bouwblokken.documents import read_ledger as read_json_ledger
from bouwblokken.errors import DocumentError

openpyxl = pytest.importorskip("openpyxl")
from bouwblokken.excel import (  # noqa: E402
    EUR_FORMAT,
    ExcelInputError,
    read_ledger,
    read_options,
    write_catalog,
    write_ledger,
    write_ledger_template,
    write_options_template,
    write_result,
)

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "ledger.json"


def test_template_reads_back(tmp_path: Path) -> None:
    path = write_ledger_template(tmp_path / "ledger.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Aanbestedingen", "Activiteiten", "Personen", "Uitleg"]
    assert wb["Activiteiten"]["F1"].value == "Uren per week"
    ledger = read_ledger(path)
    t = ledger.tenders[0]
    assert t.contract_value == Decimal("2400000") and t.contract_type == "services"
    a = t.activities[0]
    assert a.hours_per_week == Decimal("22.5") and a.start == date(2025, 5, 1)
    opts = read_options(write_options_template(tmp_path / "opties.xlsx"))
    assert opts.catalog == "haaglanden" and opts.options[0].cost_per_unit == Decimal("9000.00")
    assert opts.options[0].template.block == "participatiewet" and opts.alternatives == 5


def test_example_ledger_round_trip_is_exact(tmp_path: Path) -> None:
    ledger = read_json_ledger(EXAMPLE)
    path = write_ledger(ledger, tmp_path / "l.xlsx")
    assert read_ledger(path) == ledger
    assert evaluate(read_ledger(path)).to_dict() == evaluate(ledger).to_dict()


amounts = st.integers(min_value=0, max_value=10**17).map(lambda c: Decimal(c) / 100)
hours = st.integers(min_value=0, max_value=400).map(lambda q: Decimal(q) / 10)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=amounts, invoice=amounts, h=hours)
def test_round_trip_any_amount(
    tmp_path: Path, value: Decimal, invoice: Decimal, h: Decimal
) -> None:
    ledger = Ledger(
        persons=(Person(id="P1"),),
        tenders=(
            Tender(id="T", catalog="leiden", contract_value=value, percentage=Decimal("5"),
                   activities=(
                       Activity(id="a", person="P1", block="ww", hours_per_week=h,
                                start=date(2025, 1, 1), end=date(2025, 3, 31)),
                       Activity(id="b", block="sw_bedrijf", invoice_amount=invoice,
                                status="realised"),
                   )),
        ),
    )  # fmt: skip
    path = write_ledger(ledger, tmp_path / "r.xlsx")
    assert read_ledger(path) == ledger


def _cell(path: Path, sheet: str, ref: str, value: object) -> None:
    wb = openpyxl.load_workbook(path)
    wb[sheet][ref] = value
    wb.save(path)


@pytest.mark.parametrize(
    ("sheet", "ref", "value", "where", "why"),
    [
        ("Activiteiten", "F2", "twee", "rij 2, kolom F (Uren per week)", "verwacht een getal"),
        ("Activiteiten", "F2", 22.123456, "rij 2, kolom F (Uren per week)", "decimalen"),
        ("Activiteiten", "G2", "31-02-2025", "rij 2, kolom G (Begin)", "bestaat niet"),
        ("Activiteiten", "D2", "misschien", "rij 2, kolom D (Status)", "gerealiseerd"),
        ("Activiteiten", "A2", "T-ONBEKEND", "rij 2, kolom A (Aanbesteding)", "noem een"),
        ("Aanbestedingen", "E2", 1234.567, "rij 2, kolom E (Opdrachtwaarde)", "decimalen"),
        ("Aanbestedingen", "E2", "1,234", "rij 2, kolom E (Opdrachtwaarde)", "2 decimalen"),
        ("Activiteiten", "W1", "Uurloon", "rij 1, kolom W (Uurloon)", "onbekende kolom"),
        ("Activiteiten", "H2", "01-01-2025", "rij 2", "ligt vóór begin"),
    ],
)
def test_errors_name_sheet_row_and_column(
    tmp_path: Path, sheet: str, ref: str, value: object, where: str, why: str
) -> None:
    path = write_ledger_template(tmp_path / "l.xlsx")
    _cell(path, sheet, ref, value)
    with pytest.raises(ExcelInputError) as info:
        read_ledger(path)
    text = info.value.describe()  # Dutch by default
    assert f"blad {sheet!r}" in text and where in text and why in text, text
    english = info.value.describe("en")
    assert f"sheet {sheet!r}" in english and "blad" not in english, english
    assert english == str(info.value)


def test_not_a_workbook(tmp_path: Path) -> None:
    bad = tmp_path / "x.xlsx"
    bad.write_text("geen werkmap", encoding="utf-8")
    with pytest.raises(DocumentError, match=r"x\.xlsx"):
        read_ledger(bad)


def test_result_workbook_numbers_and_formats(tmp_path: Path) -> None:
    result = evaluate(read_json_ledger(EXAMPLE))
    path = write_result(result, tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(path)
    s = wb["Samenvatting"]
    # The example tender: 5% × 1.250.000,00 = 62.500,00 (Haaglanden, works).
    assert s["E2"].value == 62500 and s["E2"].number_format == EUR_FORMAT
    assert all(isinstance(c.value, int | float) for c in s["F"][1:])
    assert s.freeze_panes == "A2"
    lost = wb["Telt niet"]
    assert lost["D1"].value == "Reden" and lost["D2"].value == "duur van meetellen verstreken"
    assert isinstance(lost["E2"].value, int | float) and lost["E2"].number_format == EUR_FORMAT
    en = openpyxl.load_workbook(write_result(result, tmp_path / "en.xlsx", lang="en"))
    assert en.sheetnames[:2] == ["Summary", "Activities"]


def test_catalog_workbook(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(write_catalog(load_catalog("haaglanden"), tmp_path / "c.xlsx"))
    assert wb.sheetnames[:2] == ["Bouwblokken", "Bonussen"]
    rows = {r[0].value: r for r in wb["Bouwblokken"].iter_rows(min_row=2)}
    assert rows["participatiewet"][3].value == 40000
    assert rows["participatiewet"][3].number_format == EUR_FORMAT
    assert rows["participatiewet"][2].value == "werk"


def test_csv_for_dutch_excel() -> None:
    ledger = Ledger(
        tenders=(
            Tender(id="T", catalog="haaglanden", contract_value=Decimal("1000000"),
                   contract_date=date(2024, 12, 1),
                   activities=(Activity(id="a", block="participatiewet", hours_per_week=24,
                                        start=date(2025, 1, 1), end=date(2025, 12, 31)),)),
        )
    )  # fmt: skip
    result = evaluate(ledger)
    text = result.to_csv()
    head, first = text.splitlines()[:2]
    assert head.startswith("Aanbesteding;Catalogus;Activiteit")
    # Participatiewet 24 of 36 hours for a whole year: 40.000 × 24/36 × 1 = 26.666,67
    assert ";26666,67;" in first and ";gepland;" in first
    assert ",26666.67," in result.to_csv(dutch_excel=False)


def test_plans_workbook_and_options_from_excel(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bouwblokken.cli import main
    from bouwblokken.compare import value_under
    from bouwblokken.excel import write_plans
    from bouwblokken.optimize.plan import optimise

    request = read_options(write_options_template(tmp_path / "opties.xlsx"))
    result = optimise(request)
    assert result.best is not None
    # Template: 5% × 2.400.000 = 120.000 to reach; one option "pw" (at most 5 units, each
    # 40.000 × 24/36 × 12/12 = 26.666,67): 4 units reach 106.666,67, so the plan takes 5.
    assert result.target == Decimal("120000.00")
    assert result.best.units == {"pw": 5} and result.best.cost == 5 * Decimal("9000.00")
    wb = openpyxl.load_workbook(write_plans(result, tmp_path / "plannen.xlsx"))
    assert wb.sheetnames[0] == "Plannen"
    code = main(["optimise", str(tmp_path / "opties.xlsx")])
    out, _ = capsys.readouterr()
    assert code == 0 and "Te halen" in out
    # An optimizer plan can be valued under another region too.
    (h, lei) = value_under(result.best, ["haaglanden", "leiden"])
    assert h.rows[0].block == "participatiewet"
    assert lei.rows[0].block == "participatiewet_zonder_arbeidsbeperking"


def test_round_trip_every_column_and_refuse_what_has_none(tmp_path: Path) -> None:
    ledger = Ledger(
        persons=(Person(id="P1", birth_date=date(1968, 3, 1), note="pseudoniem"),),
        tenders=(
            Tender(id="T", title="x", supplier="S", catalog="haaglanden", rules="schiedam",
                   contract_value=Decimal("1000000.50"), labour_cost=Decimal("250000"),
                   base="contract_value", percentage=Decimal("5.5"), contract_type="works",
                   threshold=Decimal("100000"), maximum=Decimal("90000"),
                   labour_share_percent=Decimal("30"), publication_date=date(2024, 1, 2),
                   contract_date=date(2024, 2, 3), start=date(2024, 3, 1),
                   end=date(2025, 2, 28), pso_level="trede_2",
                   min_per_contract_year=Decimal("1000"),
                   activities=(
                       Activity(id="a", person="P1", status="realised", block="participatiewet",
                                hours_per_week=Decimal("22.5"), start=date(2024, 3, 1),
                                end=date(2024, 8, 31), age=56, benefit_months=30,
                                flags=("ips", "pro_vso_pupil", "permanent_contract"),
                                internship_months=6, subsidy_end=date(2024, 6, 30),
                                note="n"),
                       Activity(id="b", block="opleiding_begeleiding", costs=Decimal("0.01")),
                   )),
        ),
        supplier="S",
    )  # fmt: skip
    path = write_ledger(ledger, tmp_path / "all.xlsx")
    assert read_ledger(path) == ledger
    inline = ledger.tenders[0].model_copy(update={"rules": load_catalog("leiden").obligation})
    with pytest.raises(Exception, match="rules"):
        write_ledger(ledger.model_copy(update={"tenders": (inline,)}), tmp_path / "x.xlsx")
