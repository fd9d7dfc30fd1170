"""Views of portfolio reports: Dutch text (English on request), HTML, DataFrames, Excel, charts."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import pytest

from bouwblokken.portfolio import Portfolio
from bouwblokken.portfolio.impact import impact_report
from bouwblokken.portfolio.monitor import monitor, timeline
from bouwblokken.portfolio.periods import DRENTHE_AGENDA, ReportingPeriod, periods_between


def test_text_and_html(two_suppliers: Portfolio) -> None:
    r = monitor(two_suppliers, ReportingPeriod.year(2023))
    nl = r.table()
    assert "Verplichting" in nl and "risico tekort" in nl and "Dubbeltellingen" in nl
    assert "€ 60.000,00" in nl  # bouw-1 realised, Dutch notation
    en = r.table("en")
    assert "Obligation" in en and "€60,000.00" in en and "Verplichting" not in en
    html = r._repr_html_()
    assert html.startswith("<div>") and "groen-1" in html and "<script" not in html
    assert "2023-W05 to 2023-W52" in en and "2023-W05 t/m 2023-W52" in nl
    imp = impact_report(two_suppliers, DRENTHE_AGENDA, by="supplier")._repr_html_()
    assert "Unieke personen" in imp and "€ 60.000,00" in imp


def test_dataframes(two_suppliers: Portfolio) -> None:
    pytest.importorskip("pandas")
    from bouwblokken.portfolio.views.frame import double_count_dataframe

    r = monitor(two_suppliers, ReportingPeriod.year(2023))
    df = r.to_dataframe()
    assert list(df["contract"]) == ["bouw-1", "groen-1"]
    assert df.loc[0, "realised_to_date"] == Decimal("60000.00")  # exact, not a float
    dd = double_count_dataframe(r)
    assert list(dd["person"]) == ["p1"] and bool(dd.loc[0, "cross_supplier"])
    imp = impact_report(two_suppliers, DRENTHE_AGENDA, by="supplier").to_dataframe()
    assert list(imp["supplier"]) == ["bouw", "groen", "total"]


def test_excel_workbook(two_suppliers: Portfolio) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from bouwblokken.portfolio.views.excel import report_workbook

    r = monitor(two_suppliers, ReportingPeriod.year(2023))
    imp = impact_report(two_suppliers, DRENTHE_AGENDA)
    wb = openpyxl.load_workbook(BytesIO(report_workbook(r, impact=imp)))
    assert wb.sheetnames == ["Contracten", "Boetes", "Dubbeltellingen", "Impact"]
    ws = wb["Contracten"]
    assert ws["A1"].value == "Contract" and ws["F1"].value == "Tot nu toe"
    assert ws["A2"].value == "bouw-1" and Decimal(str(ws["F2"].value)) == Decimal("60000")
    assert wb["Dubbeltellingen"]["A2"].value == "p1"


def test_charts(two_suppliers: Portfolio) -> None:
    pytest.importorskip("matplotlib")
    from bouwblokken.portfolio.views.charts import fulfilment_chart, impact_chart, timeline_chart

    r = monitor(two_suppliers, ReportingPeriod.year(2023))
    fig = fulfilment_chart(r)
    ax = fig.axes[0]
    # bouw-1: 60 000 of 50 000 = 120 %; groen-1 0 % (furthest behind: listed first).
    widths = [p.get_width() for p in ax.patches]
    assert 120.0 in widths and 0.0 in widths  # float-ok: plot data
    assert ax.get_yticklabels()[0].get_text().startswith("groen-1")
    imp = impact_report(two_suppliers, DRENTHE_AGENDA, by="impact_goal")
    assert impact_chart(imp).axes[0].get_title().startswith("Impactrapportage")
    points = timeline(
        two_suppliers,
        periods_between("quarter", DRENTHE_AGENDA.start.replace(2023), DRENTHE_AGENDA.end),
    )
    assert points[-1].realised_to_date == Decimal("60000.00")
    assert points[-1].obligation == Decimal("100000.00")
    assert len(timeline_chart(points).axes[0].lines) == 4
