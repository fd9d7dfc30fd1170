"""Impact goals and SDG targets: every shipped block is tagged; reports keep indicators beside
the euros. Expected numbers by hand (Utrecht: Participatiewet € 40.000 per full-time year)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from tests.portfolio.conftest import FULL, activity, contract, portfolio

from bouwblokken.catalog.registry import default_registry, load_catalog
from bouwblokken.errors import CatalogFileError
from bouwblokken.portfolio.impact import default_tagging, impact_report, load_impact_tags
from bouwblokken.portfolio.periods import DRENTHE_AGENDA, ReportingPeriod

AGENDA_GOALS = {"participatie", "inclusie", "circulariteit", "bio_based"}
AGENDA_TARGETS = {"8.2", "8.3", "8.5", "8.6", "8.10", "10.2", "11.4", "17.4", "17.17"}


def _all_blocks() -> list[tuple[str, str]]:
    reg = default_registry()
    return [
        (f"{c.id}@{c.edition}", b.id) for cid in reg.ids() for c in reg.editions(cid)
        for b in c.blocks
    ]  # fmt: skip


def test_the_vocabulary_is_the_agendas() -> None:
    tg = default_tagging()
    assert set(tg.goals) == AGENDA_GOALS
    assert set(tg.targets) == AGENDA_TARGETS


@pytest.mark.parametrize(("key", "block"), _all_blocks())
def test_every_block_of_every_shipped_catalog_is_tagged(key: str, block: str) -> None:
    tags = default_tagging().tags(load_catalog(key), block)
    assert tags.goals, f"{key} {block}: no impact goal"
    assert tags.sdg_targets, f"{key} {block}: no SDG target"
    assert set(tags.goals) <= AGENDA_GOALS
    assert set(tags.sdg_targets) <= AGENDA_TARGETS


def test_the_tag_file_is_not_a_catalog() -> None:
    assert "impact-tags" not in default_registry().ids()
    assert "impact_tags" not in default_registry().ids()


def test_defaults_by_category_and_target_group() -> None:
    tg = default_tagging()
    ut = load_catalog("utrecht")
    disabled = tg.tags(load_catalog("leiden"), "geen_uitkering_met_arbeidsbeperking")
    assert "inclusie" in disabled.goals and "participatie" in disabled.goals
    # "zonder arbeidsbeperking" (without a labour disability) is not an inclusion block.
    without = tg.tags(load_catalog("leiden"), "geen_uitkering_zonder_arbeidsbeperking")
    assert without.goals == ("participatie",)
    hg = load_catalog("haaglanden")
    young = tg.tags(hg, "jongere_zonder_startkwalificatie")
    assert "participatie" in young.goals
    buy = tg.tags(ut, "inkoop_sociale_onderneming")
    assert "inclusie" in buy.goals and buy.source_goals == "default"


def test_a_region_overrides_by_data(tmp_path: Path) -> None:
    extra = tmp_path / "drenthe-tags.toml"
    extra.write_text(
        "[overrides.utrecht.maatschappelijk_project_uren]\n"
        'goals = ["circulariteit"]\nsdg_targets = ["11.4"]\nwhy = "erfgoedproject"\n',
        encoding="utf-8",
    )
    tg = load_impact_tags(extra=[extra])
    tags = tg.tags(load_catalog("utrecht"), "maatschappelijk_project_uren")
    assert tags.goals == ("circulariteit",) and tags.sdg_targets == ("11.4",)
    assert tags.source_goals == tags.source_targets == "override"
    bad = tmp_path / "bad.toml"
    bad.write_text('[overrides.utrecht.ww]\ngoals = ["geluk"]\n', encoding="utf-8")
    with pytest.raises(CatalogFileError, match="unknown impact goal 'geluk'"):
        load_impact_tags(extra=[bad])


def _p() -> object:
    co2 = {"kind": "co2_eq_avoided", "value": "1500", "unit": "kg CO2-eq", "source": "factuur"}
    return portfolio(
        [
            contract(
                "bouw-1",
                "bouw",
                [
                    activity("a1", "p1", "2023-01-01", "2023-12-31", history=FULL),
                    activity("a2", "p2", "2023-01-01", "2023-12-31", "18", history=FULL),
                    activity("a3", "p3", "2024-01-01", "2024-12-31"),  # planned only
                ],
            ),
            contract(
                "groen-1",
                "groen",
                [
                    activity(
                        "g2",
                        None,
                        "2023-03-01",
                        "2023-03-01",
                        block="inkoop_sociale_onderneming",
                        invoice_amount="12000",
                        indicators=[co2],
                        history=FULL,
                    ),
                    activity(
                        "g3",
                        None,
                        "2023-03-01",
                        "2023-03-01",
                        block="inkoop_sociale_onderneming",
                        invoice_amount="5000",
                        indicators=[{**co2, "value": "99"}],
                    ),  # planned: neither its euros nor its CO2 count
                ],
                buyers=("assen",),
            ),
        ]
    )


def test_impact_report_by_hand() -> None:
    p = _p()
    by_supplier = impact_report(p, DRENTHE_AGENDA, by="supplier")  # type: ignore[arg-type]
    bouw, groen = by_supplier.row("bouw"), by_supplier.row("groen")
    # bouw: 40 000 × 36/36 + 40 000 × 18/36 = 60 000; two persons.
    assert bouw.euros == Decimal("60000.00") and bouw.unique_persons == 2
    # FTE averaged over the agenda (1461 days): (1 + 18/36) × 365/1461.
    assert bouw.fte == Fraction(3, 2) * 365 / 1461
    assert bouw.fte_rounded == Decimal("0.37")
    # groen: the invoice excl. VAT, € 12.000; 1 500 kg CO2-eq beside it (never added).
    assert groen.euros == Decimal("12000.00") and groen.unique_persons == 0
    assert groen.indicators == {("co2_eq_avoided", "kg CO2-eq"): Decimal("1500")}
    assert by_supplier.total.euros == Decimal("72000.00")
    assert by_supplier.additive
    # By year: everything in 2023; 2023's FTE is a whole-year average: 1 + 1/2.
    by_year = impact_report(p, DRENTHE_AGENDA, by="year")  # type: ignore[arg-type]
    assert by_year.row("2023").euros == Decimal("72000.00")
    assert by_year.row("2023").fte == Fraction(3, 2)
    # By SDG target: the same euro under every target of its block; the total counts it once.
    by_sdg = impact_report(p, DRENTHE_AGENDA, by="sdg_target")  # type: ignore[arg-type]
    assert not by_sdg.additive
    assert sum(r.euros for r in by_sdg.rows) >= by_sdg.total.euros == Decimal("72000.00")
    assert by_sdg.row("8.3").euros == Decimal("12000.00")
    # By region: every buyer here is in Drenthe.
    by_region = impact_report(p, DRENTHE_AGENDA, by="region")  # type: ignore[arg-type]
    assert [r.key for r in by_region.rows] == ["Drenthe"]
    # A quarter without activity counts nothing.
    q = impact_report(p, ReportingPeriod.quarter(2024, 2), by="buyer")  # type: ignore[arg-type]
    assert q.total.euros == 0
    assert "Impactrapportage" in str(by_sdg)


def test_a_participatiewet_placement_serves_participatie_and_inclusie() -> None:
    # The Drenthe agenda: inclusie is people with a distance to the labour market taking part;
    # someone on Participatiewet benefit is one. The catalog tags the block 8.5 and 10.2, so
    # the goals agree with the targets: participatie (8.5) and inclusie (10.2).
    tags = default_tagging().tags(
        load_catalog("oost_nederland"), "participatiewet_langer_dan_2_jaar"
    )
    assert set(tags.goals) == {"participatie", "inclusie"}
    assert set(tags.sdg_targets) == {"8.5", "10.2"}
