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
    # The cut days of g1: groen-1 starts 2023-02-01 (ISO week 5) to the year end (week 52).
    assert "2023-W05 to 2023-W52" in en and "week 5 t/m 52 van 2023" in nl
    assert "01-02-2023 t/m 31-12-2023" in nl and "01/02/2023 to 31/12/2023" in en
    # Dutch dates in the heading, never ISO dates in Dutch text.
    assert "Periode: 2023 (1 januari 2023 t/m 31 december 2023)" in nl
    assert "2023-02-01" not in nl and "2023-12-31" not in nl
    assert "1 januari 2023 t/m 31 december 2023" in html
    imp = impact_report(two_suppliers, DRENTHE_AGENDA, by="supplier")._repr_html_()
    assert "Unieke personen" in imp and "€ 60.000,00" in imp


def test_weeks_across_a_year_end() -> None:
    from datetime import date

    from bouwblokken.portfolio.duplicates import DoubleCount

    # 2023-12-25 is in ISO week 52 of 2023, 2024-01-10 in week 2 of 2024.
    d = DoubleCount(
        "p",
        "c",
        "s",
        "a",
        ("c2/b",),
        ("t",),
        ((date(2023, 12, 25), date(2024, 1, 10)),),
        Decimal("1.00"),
        "realised",
    )
    assert d.weeks_text("nl") == "week 52 van 2023 t/m week 2 van 2024"
    assert d.weeks_text("en") == "2023-W52 to 2024-W02"
    one = DoubleCount(
        "p",
        "c",
        "s",
        "a",
        (),
        (),
        ((date(2024, 1, 3), date(2024, 1, 5)),),
        Decimal("1.00"),
        "realised",
    )
    assert one.weeks == "week 1 van 2024"


def test_fines_in_words() -> None:
    from tests.portfolio.conftest import FULL, activity, contract, portfolio

    # Obligation 5 % × € 1.000.000 = € 50.000; a (2023, full-time) counts € 40.000, so the
    # forecast shortfall is € 10.000 (20 % of the obligation: above the 2,5 % tolerance) and
    # the buy-off 80 % × € 10.000 = € 8.000.
    p = portfolio(
        [
            contract(
                "c",
                "bouw",
                [activity("a", "p1", "2023-01-01", "2023-12-31", history=FULL)],
                penalty={"kind": "buy_off", "percentage": "80", "tolerance_percent": "2.5"},
            )
        ]
    )
    r = monitor(p, ReportingPeriod.year(2023))
    s = r.contract("c").settlement
    assert s is not None and s.fine == Decimal("8000.00")
    nl, en = r.table(), r.table("en")
    nb = "\u00a0"
    assert f"c (bouw, prognose): afkoopsom €{nb}8.000,00" in nl
    assert f"afkoopsom = 80{nb}% × €{nb}10.000,00 = €{nb}8.000,00" in nl
    assert "buy-off = 80% × €10,000.00 = €8,000.00" in en
    assert "Boete" not in nl.split("Tekorten en boetes")[1]
    # The lazily written trail is the eager one of settle_amounts.
    from bouwblokken.portfolio.settlement import settle_amounts

    _, _, lines, _, _ = settle_amounts(s.obligation, s.counted, s.penalty)
    assert s.lines[1:] == lines
    # Within the tolerance: 2,5 % of € 50.000 = € 1.250; a shortfall of € 1.000 goes free.
    _, fine, lines, _, free = settle_amounts(Decimal("50000.00"), Decimal("49000.00"), s.penalty)
    assert fine == 0 and free
    tol = f"2,5{nb}% van de verplichting (€{nb}1.250,00): geen boete"
    assert lines[1].nl == f"tekort binnen de tolerantie van {tol}"
    assert "2.5% of the obligation" in lines[1].en


def test_history_in_words(two_suppliers: Portfolio) -> None:
    from bouwblokken.portfolio.views.text import history_text

    ca = two_suppliers.contract("bouw-1").activities[0]
    assert history_text(ca).splitlines() == [
        "05-01-2024  gedeclareerd door leverancier",
        "10-01-2024  bewijsstukken ingediend (bewijsstukken: loonstroken)",
        "20-01-2024  goedgekeurd door sr-desk",
    ]
    assert history_text(ca, "en").splitlines()[2] == "20/01/2024  approved by sr-desk"
    assert history_text(two_suppliers.contract("bouw-1").activities[2]) == "gepland"


def test_dataframes(two_suppliers: Portfolio) -> None:
    pytest.importorskip("pandas")
    from bouwblokken.portfolio.views.frame import double_count_dataframe

    r = monitor(two_suppliers, ReportingPeriod.year(2023))
    df = r.to_dataframe()
    # Dutch column names by default, English on request; amounts exact, not floats.
    assert list(df.columns) == [
        "Contract",
        "Leverancier",
        "Opdrachtgevers",
        "Verplichting",
        "In periode",
        "Tot nu toe",
        "Gepland",
        "Prognose",
        "Pad",
        "Achter op pad",
        "Risico tekort",
        "Boete of afkoopsom",
        "Basis",
    ]
    assert list(df["Contract"]) == ["bouw-1", "groen-1"]
    assert df.loc[0, "Tot nu toe"] == Decimal("60000.00")
    assert list(df["Basis"]) == ["prognose", "prognose"]  # words, never the code
    en = r.to_dataframe(lang="en")
    assert en.loc[0, "To date"] == Decimal("60000.00") and en.loc[0, "Basis"] == "forecast"
    dd = double_count_dataframe(r)
    assert list(dd["Persoon"]) == ["p1"] and bool(dd.loc[0, "Andere leverancier"])
    assert dd.loc[0, "Weken"] == "week 5 t/m 52 van 2023"
    assert list(double_count_dataframe(r, lang="en").columns)[:2] == ["Person", "Contract"]
    imp = impact_report(two_suppliers, DRENTHE_AGENDA, by="supplier").to_dataframe()
    assert list(imp["Leverancier"]) == ["bouw", "groen", "Totaal"]
    # the suppliers' labels only repeat their codes: no second column that says the same
    assert list(imp.columns)[:4] == [
        "Leverancier",
        "Geteld (€)",
        "Unieke personen",
        "Fte (gemiddeld)",
    ]
    imp_en = impact_report(two_suppliers, DRENTHE_AGENDA, by="supplier").to_dataframe("en")
    assert list(imp_en["Supplier"]) == ["bouw", "groen", "Total"]
    goals = impact_report(two_suppliers, DRENTHE_AGENDA, by="impact_goal").to_dataframe()
    assert "Omschrijving" in goals.columns  # a goal's label is more than its code


def test_styled_shows_a_frame_the_dutch_way_and_keeps_it_typed() -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("jinja2")
    from datetime import date

    from bouwblokken.portfolio.views.frame import cell_text, styled

    df = pd.DataFrame(
        [{"Geteld (€)": Decimal("179888.90"), "Fte": Decimal("4.98"), "CO2 (kg)": None,
          "Van": date(2024, 1, 1), "Andere leverancier": True, "Personen": 7}]
    )  # fmt: skip
    html = styled(df).to_html().replace("\xa0", " ")
    # € 179.888,90: a dot between thousands, a comma before the cents; 4,98; a dash, not None
    for shown in ("€ 179.888,90", ">4,98<", ">–<", "01-01-2024", ">ja<", ">7<"):
        assert shown in html, shown
    assert "None" not in html and "179888.90" not in html
    assert df.loc[0, "Geteld (€)"] == Decimal("179888.90")  # the frame itself stays exact
    assert cell_text(False, "x", lang="en") == "no" and cell_text(float("nan"), "x") == "–"


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
    fig = impact_chart(imp)
    assert fig.get_suptitle().startswith("Impactrapportage: Impactdoel")
    # Only groups with euros are bars: a Participatiewet placement (€ 60.000) serves
    # participatie and inclusie; circulariteit and bio-based have no euros, no bar.
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["Inclusie", "Participatie"]
    points = timeline(
        two_suppliers,
        periods_between("quarter", DRENTHE_AGENDA.start.replace(2023), DRENTHE_AGENDA.end),
    )
    assert points[-1].realised_to_date == Decimal("60000.00")
    assert points[-1].obligation == Decimal("100000.00")
    assert len(timeline_chart(points).axes[0].lines) == 4


def test_timeline_engines_agree(two_suppliers: Portfolio) -> None:
    qs = periods_between("quarter", DRENTHE_AGENDA.start.replace(2023), DRENTHE_AGENDA.end)
    exact = timeline(two_suppliers, qs)
    assert timeline(two_suppliers, qs, engine="batch") == exact
    # End of 2023 K1: a1 and a2 are realised for 3 months: 40 000 × 3/12 × (1 + 18/36) =
    # 15 000 (g1 loses p1 to a1). Path, rounded per contract: bouw-1 50 000 × 90/731 =
    # 6 155,950... → 6 155,95; groen-1 (2023-02-01..2025-01-31, 731 days) 50 000 × 59/731 =
    # 4 035,567... → 4 035,57; together 10 191,52.
    assert exact[0].realised_to_date == Decimal("15000.00")
    assert exact[0].path == Decimal("10191.52")


def test_awaiting_decision() -> None:
    from datetime import date

    from tests.portfolio.conftest import activity, contract, declared, evidenced, portfolio

    from bouwblokken.portfolio.model import awaiting_decision

    p = portfolio(
        [
            contract(
                "c",
                "bouw",
                [
                    activity(
                        "a", "p1", "2023-01-01", "2023-03-31", history=[declared("2023-04-15")]
                    ),
                    activity(
                        "b",
                        "p2",
                        "2023-01-01",
                        "2023-03-31",
                        history=[declared("2023-04-10"), evidenced("2023-04-20", "payslips")],
                    ),
                    activity("c", "p3", "2023-04-01", "2023-06-30"),  # planned: not declared
                ],
            )
        ]
    )
    got = awaiting_decision(p)
    assert [(x.activity, x.status, x.since, x.documents) for x in got] == [
        ("a", "declared", date(2023, 4, 15), ()),
        ("b", "evidenced", date(2023, 4, 20), ("payslips",)),
    ]
    # On 2023-04-12 only b was declared.
    assert [x.activity for x in awaiting_decision(p, date(2023, 4, 12))] == ["b"]
    text = monitor(p, ReportingPeriod.quarter(2023, 2)).table()
    assert "c (bouw): 2 activiteiten, de oudste sinds 15-04-2023; 1 zonder bewijsstukken" in text
    pytest.importorskip("pandas")
    from bouwblokken.portfolio.views.frame import pending_dataframe

    df = pending_dataframe(monitor(p, ReportingPeriod.quarter(2023, 2)))
    assert list(df.columns) == [
        "Contract",
        "Leverancier",
        "Activiteit",
        "Status",
        "Sinds",
        "Bewijsstukken",
    ]
    assert list(df["Status"]) == ["gedeclareerd", "bewijsstukken ingediend"]
    assert list(df["Bewijsstukken"]) == ["", "loonstroken"]
