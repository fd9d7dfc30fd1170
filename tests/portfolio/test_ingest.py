"""Tabular ingestion: every refused row is reported by table, row and column; none dropped."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from bouwblokken.errors import BouwblokkenError
from bouwblokken.portfolio import IngestError, build_portfolio, read_csv, read_excel
from bouwblokken.portfolio.ingest import read_sql, table_from_dataframe, table_from_rows

CONTRACTS = (
    "id;buyers;supplier;catalog;contract_value;percentage;start;end;penalty;"
    + """\
penalty_percentage
c1;emmen;bouw;utrecht;1.000.000,00;5;2023-01-01;2024-12-31;percentage;50
c2;emmen;groen;utrecht;800000;5;01-02-2023;31-01-2025;;
c3;emmen;groen;utrecht;12,345;5;2023-01-01;2024-12-31;;
c2;assen;groen;utrecht;800000;5;2023-01-01;2024-12-31;;
c4;;groen;utrecht;800000;5;2023-01-01;2024-12-31;;
"""
)
ACTIVITIES = """contract,id,person,block,hours_per_week,start,end,colour
c1,a1,p1,participatiewet,36,2023-01-01,2023-12-31,
c1,a2,p2,participatiewet,240,2023-01-01,2023-12-31,
c9,a3,p3,participatiewet,36,2023-01-01,2023-12-31,
c1,a1,p4,participatiewet,36,2024-01-01,2024-12-31,
c2,g1,p1,participatiewet,36,2023-02-01,2023-12-31,
c2,g2,p5,participatiewet,36,2023-02-01,2023-12-31,
"""
EVENTS = """contract,activity,status,on,by,reason,documents
c1,a1,declared,2024-01-05,bouw,,
c1,a1,evidenced,2024-01-10,,,payslips;employment_contract
c1,a1,approved,2024-01-20,desk,,
c2,g1,declared,2024-01-05,groen,,
c2,g1,approved,2024-01-20,desk,,
c2,g1,rejected,2024-02-01,desk,te laat,
c2,zz,declared,2024-01-05,groen,,
c2,g2,declared,2024-13-05,groen,,
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_csv_rows_refused_by_file_row_and_column(tmp_path: Path) -> None:
    report = build_portfolio(
        contracts=read_csv(_write(tmp_path, "contracts.csv", CONTRACTS)),
        activities=read_csv(_write(tmp_path, "activities.csv", ACTIVITIES)),
        events=read_csv(_write(tmp_path, "events.csv", EVENTS)),
    )
    got = {(r.table, r.row, r.column) for r in report.rejected}
    assert got == {
        ("contracts.csv", 4, "contract_value"),  # 12,345 = 12.345: three decimals
        ("contracts.csv", 5, "id"),  # c2 repeated
        ("contracts.csv", 6, "buyers"),  # missing
        ("activities.csv", 1, "colour"),  # unknown column, reported once (header row)
        ("activities.csv", 3, "hours_per_week"),  # 240 > 168
        ("activities.csv", 4, "contract"),  # no contract c9
        ("activities.csv", 5, "id"),  # a1 repeated in c1
        ("events.csv", 6, "status"),  # approval without evidence
        ("events.csv", 7, "status"),  # follows the refused step
        ("events.csv", 8, "activity"),  # no activity zz
        ("events.csv", 9, "on"),  # month 13
    }
    assert len(report.rejected) == len(got)
    p = report.portfolio
    assert [c.id for c in p.contracts] == ["c1", "c2"]
    c1 = p.contract("c1")
    assert c1.tender.contract_value == Decimal("1000000.00")  # Dutch notation read exactly
    assert c1.penalty is not None and c1.penalty.percentage == Decimal("50")
    assert p.contract("c2").tender.start.isoformat() == "2023-02-01"  # type: ignore[union-attr]
    g1 = p.contract("c2").activities[0]
    assert g1.status_on() == "declared"  # the refused approval did not happen
    assert report.accepted["contracts.csv"] == 2
    assert {x.id for x in p.persons} == {"p1", "p5"}
    with pytest.raises(IngestError, match="row") as exc:
        report.raise_if_rejected()
    assert len(exc.value.rejections) == len(got)
    assert "rij 4, kolom contract_value" in str(report.rejected[0])


def test_strict_raises(tmp_path: Path) -> None:
    with pytest.raises(IngestError):
        build_portfolio(contracts=read_csv(_write(tmp_path, "c.csv", CONTRACTS)), strict=True)


def test_dataframe_and_excel_give_the_same_portfolio(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    openpyxl = pytest.importorskip("openpyxl")
    rows = [
        {
            "id": "c1",
            "buyers": "emmen",
            "supplier": "bouw",
            "catalog": "utrecht",
            "contract_value": 1000000,
            "percentage": 5,
            "start": "2023-01-01",
            "end": "2024-12-31",
        },
    ]
    acts = [
        {
            "contract": "c1",
            "id": "a1",
            "person": "p1",
            "block": "participatiewet",
            "hours_per_week": 24.5,
            "start": "2023-01-01",
            "end": "2023-12-31",
        },
        {
            "contract": "c1",
            "id": "a2",
            "person": "p2",
            "block": "participatiewet",
            "hours_per_week": float("nan"),
            "start": "2023-01-01",
            "end": "2023-12-31",
        },
    ]
    from_df = build_portfolio(
        contracts=table_from_dataframe(pd.DataFrame(rows), "contracts"),
        activities=table_from_dataframe(pd.DataFrame(acts), "activities"),
    )
    assert from_df.ok
    a1 = from_df.portfolio.contract("c1").activities[0].activity
    assert a1.hours_per_week == Decimal("24.5")  # the float as the sheet shows it
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "contracts"
    ws.append(list(rows[0]))
    ws.append(list(rows[0].values()))
    ws2 = wb.create_sheet("activities")
    ws2.append(list(acts[0]))
    ws2.append([v if not (isinstance(v, float) and v != v) else None for v in acts[0].values()])
    ws2.append([])
    ws2.append([v if not (isinstance(v, float) and v != v) else None for v in acts[1].values()])
    path = tmp_path / "p.xlsx"
    wb.save(path)
    from_xl = build_portfolio(
        contracts=read_excel(path, "contracts"), activities=read_excel(path, "activities")
    )
    assert from_xl.ok
    assert from_xl.portfolio == from_df.portfolio
    with pytest.raises(IngestError, match="no sheet"):
        read_excel(path, "nope")


def test_sql_and_parquet_through_duckdb(tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE contracts AS SELECT 'c1' AS id, 'emmen' AS buyers, 'bouw' AS supplier,"
        " 'utrecht' AS catalog, CAST(1000000.00 AS DECIMAL(18,2)) AS contract_value,"
        " 5 AS percentage, DATE '2023-01-01' AS start, DATE '2024-12-31' AS \"end\""
    )
    pq = tmp_path / "contracts.parquet"
    con.execute(f"COPY contracts TO '{pq}' (FORMAT parquet)")
    a = build_portfolio(contracts=read_sql("SELECT * FROM contracts", connection=con))
    b = build_portfolio(contracts=read_sql(f"SELECT * FROM '{pq}'", name="contracts.parquet"))
    assert a.ok and b.ok
    assert a.portfolio == b.portfolio
    assert a.portfolio.contract("c1").tender.contract_value == Decimal("1000000.00")
    with pytest.raises(IngestError, match="query failed"):
        read_sql("SELECT * FROM nowhere")


def test_broken_files_are_library_errors(tmp_path: Path) -> None:
    with pytest.raises(BouwblokkenError):
        read_csv(tmp_path / "missing.csv")
    bad = _write(tmp_path, "bad.csv", "id,buyers\nc1,emmen,extra\n")
    with pytest.raises(IngestError, match="more cells"):
        read_csv(bad)
    (tmp_path / "x.xlsx").write_bytes(b"not a workbook")
    with pytest.raises(IngestError, match="cannot read"):
        read_excel(tmp_path / "x.xlsx")
    r = build_portfolio(contracts=table_from_rows("t", [{"id": "c1", "buyers": "b"}]))
    assert [(x.row, x.column) for x in r.rejected] == [(2, "supplier")]
