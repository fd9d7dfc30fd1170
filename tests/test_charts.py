"""Charts: each one renders to a valid, non-empty PNG in Dutch and in English."""

from __future__ import annotations

import struct
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

pytest.importorskip("matplotlib")

from bouwblokken.activity import Activity
from bouwblokken.display import charts
from bouwblokken.errors import BouwblokkenError
from bouwblokken.ledger import Ledger, LedgerResult, evaluate
from bouwblokken.money import Lang
from bouwblokken.optimize.plan import OptionSpec, PlanRequest, optimise
from bouwblokken.tender import Person, Tender

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
LANGS: tuple[Lang, ...] = ("nl", "en")

TENDER = Tender(
    id="T1",
    title="Onderhoud groen",
    catalog="haaglanden",
    contract_value="1000000",
    contract_date=date(2024, 1, 15),
    start=date(2024, 2, 1),
    end=date(2026, 1, 31),
)
PLAN = (
    Activity(
        id="a1",
        person="P1",
        status="realised",
        block="participatiewet",
        hours_per_week=36,
        start=date(2024, 2, 1),
        end=date(2025, 1, 31),
        age=56,
    ),
    Activity(
        id="a2",
        person="P2",
        block="ww",
        hours_per_week=24,
        start=date(2024, 6, 1),
        end=date(2025, 12, 31),
    ),
    Activity(id="a3", block="opleiding_begeleiding", costs="2500.00", start=date(2024, 9, 1)),
)


def assert_png(path: Path) -> None:
    data = path.read_bytes()
    assert len(data) > 1000
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    assert width > 100 and height > 100


@pytest.fixture(scope="module")
def result() -> LedgerResult:
    ledger = Ledger(
        persons=(Person(id="P1"), Person(id="P2")),
        tenders=(TENDER.model_copy(update={"activities": PLAN}),),
    )
    return evaluate(ledger, as_of=date(2024, 12, 31))


@pytest.mark.parametrize("lang", LANGS)
def test_category_chart(result: LedgerResult, tmp_path: Path, lang: Lang) -> None:
    fig = charts.category_chart(result.tenders[0], lang=lang)
    fig.savefig(tmp_path / "category.png")
    assert_png(tmp_path / "category.png")
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend[0] == ("SR-verplichting € 50.000,00" if lang == "nl" else "Obligation €50,000.00")


def test_euro_ticks() -> None:
    fmt = charts.euro_formatter("nl")
    assert fmt(50000.0, 0) == "€ 50.000"
    assert charts.euro_formatter("en")(50000.0, 0) == "€50,000"
    assert fmt(-1234.4, 0) == "-€ 1.234"


@pytest.mark.parametrize("lang", LANGS)
def test_realisation_chart(result: LedgerResult, tmp_path: Path, lang: Lang) -> None:
    fig = charts.realisation_chart(result, lang=lang)
    fig.savefig(tmp_path / "realisation.png")
    assert_png(tmp_path / "realisation.png")


def test_realisation_ends_at_counted_totals(result: LedgerResult) -> None:
    """Spreading counted amounts over their days loses nothing: the lines end at the totals."""
    fig = charts.realisation_chart(result)
    ax = fig.axes[0]
    by_label = {line.get_label(): line for line in ax.get_lines()}
    forecast = by_label["Prognose (gerealiseerd + gepland)"].get_ydata()
    realised = by_label["Gerealiseerd"].get_ydata()
    tr = result.tenders[0]
    assert forecast[-1] == pytest.approx(float(tr.forecast.counted))  # float-ok: plot data
    assert realised[-1] == pytest.approx(float(tr.realised.counted))  # float-ok: plot data


def test_realisation_needs_a_tender_name_for_several(result: LedgerResult) -> None:
    two = LedgerResult(result.tenders * 2, result.as_of)
    with pytest.raises(BouwblokkenError, match="name one"):
        charts.realisation_chart(two)


@pytest.mark.parametrize("lang", LANGS)
def test_pareto_chart(tmp_path: Path, lang: Lang) -> None:
    request = PlanRequest(
        tender=TENDER,
        options=(
            OptionSpec(
                id="pw",
                template=Activity(
                    block="participatiewet",
                    hours_per_week=24,
                    start=date(2024, 3, 1),
                    end=date(2025, 2, 28),
                ),
                cost_per_unit="9000",
                max_units=3,
            ),
            OptionSpec(
                id="bbl",
                template=Activity(
                    block="leerbaan_bbl_niveau_1_2",
                    hours_per_week=36,
                    start=date(2024, 9, 1),
                    end=date(2025, 8, 31),
                ),
                cost_per_unit="4000",
                max_units=4,
            ),
            OptionSpec(
                id="costs",
                kind="divisible",
                template=Activity(block="opleiding_begeleiding", costs="100"),
                cost_per_unit="100",
                max_units=200,
            ),
        ),
    )
    plans = optimise(request)
    assert plans.best is not None and plans.pareto
    fig = charts.pareto_chart(plans, lang=lang)
    fig.savefig(tmp_path / "pareto.png")
    assert_png(tmp_path / "pareto.png")


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_comparison_chart(tmp_path: Path, lang: Lang) -> None:
    fig = charts.catalog_comparison_chart(
        PLAN,
        ["haaglanden", "leiden"],
        equivalents={"leiden": {"participatiewet": "participatiewet_zonder_arbeidsbeperking"}},
        obligation=Decimal("50000.00"),
        lang=lang,
    )
    fig.savefig(tmp_path / "compare.png")
    assert_png(tmp_path / "compare.png")
    note = fig.axes[0].get_xlabel()
    assert "opleiding_begeleiding" in note  # leiden lacks it: skipped, and the chart says so


def test_compare_catalogs_matches_blocks_by_target_group() -> None:
    # Changed with issue 9: the chart no longer skips blocks whose ids differ; it pairs them
    # by target group (bouwblokken.compare), and skips only what has no counterpart.
    rows, notes = charts.compare_catalogs(PLAN, ["haaglanden", "leiden"], lang="en")
    (haaglanden, h_values), (leiden, l_values) = rows
    assert haaglanden.id == "haaglanden" and all(v is not None for v in h_values)
    assert leiden.id == "leiden"
    assert l_values[0] is not None and l_values[1] is not None and l_values[2] is None
    assert any("participatiewet_zonder_arbeidsbeperking" in n for n in notes)
    assert any("opleiding_begeleiding" in n and "no counterpart in leiden" in n for n in notes)
    assert len(notes) == 2
