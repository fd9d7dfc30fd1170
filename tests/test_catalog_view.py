"""A catalog in a notebook: HTML view, find_block, suggestions, DataFrame."""

from __future__ import annotations

import pytest

from bouwblokken import load_catalog
from bouwblokken.catalog import Block
from bouwblokken.errors import UnknownBlockError


def test_find_block_and_suggestions() -> None:
    c = load_catalog("haaglanden")
    found = [b.id for b in c.find_block("bbl")]
    assert found[0] == "leerbaan_bbl_niveau_1_2" and "leerbaan_bbl_niveau_3_plus" in found
    assert [b.id for b in c.find_block("participatiewt")] == ["participatiewet"]
    with pytest.raises(UnknownBlockError, match="did you mean leerbaan_bbl_niveau_1_2"):
        c.block("bbl")


def test_catalog_html_by_category_with_marks() -> None:
    html = load_catalog("haaglanden")._repr_html_()
    assert len(html) < 40_000
    for word in ("Werk", "Leren", "Bonussen", "€\u00a040.000,00", "24 maanden", "55+"):
        assert word in html
    assert "niet geverifieerd" in html  # loonkostensubsidie is marked
    assert "not_stated" not in html and "per_year" not in html


def test_catalog_dataframe_exact() -> None:
    pytest.importorskip("pandas")
    from decimal import Decimal

    df = load_catalog("leiden").to_dataframe()
    row = df[df["Bouwblok-id"] == "wsw"].iloc[0]
    assert row["Bedrag"] == Decimal("50000") and row["Categorie"] == "werk"


# --- The words the command line, the workbook and the docs' catalog pages share ---------------


def _block(catalog_key: str, block_id: str) -> Block:
    return load_catalog(catalog_key).block(block_id)


def test_counting_limit_words() -> None:
    """Oost-Nederland's work-experience place counts for the period agreed with the SR adviser
    (catalog: counting_limit kind "agreed"), not "niet vermeld"; its Participatiewet rows share
    one 24-month limit per target group (per = "target_group")."""
    from bouwblokken.display.catalog import limit_text

    wep = _block("oost_nederland", "werkervaringsplaats")
    assert limit_text(wep, "nl") == "in overleg" and limit_text(wep, "en") == "agreed"
    pw = _block("oost_nederland", "participatiewet_korter_dan_2_jaar")
    assert limit_text(pw, "nl") == "24 maanden (samen voor de doelgroep)"
    assert limit_text(pw, "en") == "24 months (shared by the target group)"
    assert limit_text(_block("leiden", "wsw"), "nl") == "niet vermeld"


def test_obligation_items_pso_without_published_effect() -> None:
    """Leiden accepts PSO but publishes no reduction: "niet vermeld", not "-0 %"."""
    from bouwblokken.display.catalog import obligation_items

    items = {k: v for k, _, v in obligation_items(load_catalog("leiden").obligation, "nl")}
    assert items["pso_pso"] == "niet vermeld"


def test_obligation_items_by_contract_type_and_yearly_minimum() -> None:
    """A percentage per contract type (works 2 %, services 5 %) and an offer that also sets a
    yearly minimum are shown, and compare --json finds their machine values."""
    from decimal import Decimal

    from bouwblokken.catalog.model import ObligationRules
    from bouwblokken.cli import raw_value
    from bouwblokken.display.catalog import obligation_items

    rules = ObligationRules(
        percentage=Decimal(5),
        percentage_by_contract_type={"works": Decimal(2), "services": Decimal(5)},
        offer_percentage_min=Decimal(2),
        offer_percentage_max=Decimal(5),
        offer_sets_yearly_minimum=True,
    )
    nl = {k: (lab, v) for k, lab, v in obligation_items(rules, "nl")}
    assert nl["percentage_works"] == ("percentage werken", "2\u00a0%")
    assert nl["percentage_services"] == ("percentage diensten", "5\u00a0%")
    assert nl["offer_sets_yearly_minimum"][1] == "ja"
    en = {k: (lab, v) for k, lab, v in obligation_items(rules, "en")}
    assert en["percentage_works"] == ("percentage works", "2%")
    assert raw_value(rules, "percentage_works") == "2"
    assert raw_value(rules, "offer_sets_yearly_minimum") is True


def test_eligibility_items() -> None:
    """Haaglanden: no peildatum stated (the award date is used), a person may have started up
    to 12 months before the contract."""
    from bouwblokken.display.catalog import eligibility_items

    c = load_catalog("haaglanden")
    nl = {k: v for k, _, v in eligibility_items(c.eligibility, "nl")}
    assert nl["reference_date"] == "niet vermeld (de gunningsdatum wordt gebruikt)"
    assert nl["prior_start_months"] == "12" and nl["status_retained_months"] == "-"
    en = {k: v for k, _, v in eligibility_items(c.eligibility, "en")}
    assert en["reference_date"] == "not stated (the award date is used)"


def test_bonus_unit_over_the_whole_placement() -> None:
    """A per-year bonus not held to the base block's counting limit says so."""
    from bouwblokken.display.catalog import bonus_unit_text

    bonus = load_catalog("leiden").bonuses[0]
    assert bonus_unit_text(bonus, "nl") == "per jaar (naar rato)"
    whole = bonus.model_copy(update={"within_counting_limit": False})
    assert bonus_unit_text(whole, "nl") == "per jaar (naar rato), over de hele plaatsing"
    assert bonus_unit_text(whole, "en") == "per year (pro rata), over the whole placement"
