"""Golden cases for every published obligation rule (catalogs.md §2 Den Haag, §4, §5).

Each expected amount is worked out by hand in the comment beside it: obligation = percentage ×
base, computed exactly and rounded once, half up, to cents (money.py). Thresholds are tested
exactly at the boundary, since "from 215.000" (inclusive) and "above 100.000" (exclusive) differ
there by one cent of contract value.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from bouwblokken.catalog.model import ObligationRules, PsoRule
from bouwblokken.catalog.registry import default_registry, load_catalog
from bouwblokken.errors import LedgerError
from bouwblokken.money import round_cents
from bouwblokken.obligation import Obligation, compute_obligation, load_obligation_rules
from bouwblokken.tender import Tender


def ob(**terms: object) -> Obligation:
    return compute_obligation(Tender(id="T", **terms))  # type: ignore[arg-type]


def dec(text: str) -> Decimal:
    return Decimal(text)


# --- Lekstroom: "tenders above 100.000 → 5%" (exclusive) -----------------------------------


def test_lekstroom_exactly_at_threshold_has_no_obligation() -> None:
    o = ob(rules="lekstroom", contract_value="100000")
    assert not o.applies
    assert o.amount == dec("0.00")
    assert o.rules_source == "rules:lekstroom"
    assert "niet > drempel € 100.000,00" in o.explain("nl")


def test_lekstroom_one_cent_above_threshold() -> None:
    # 5% × 100.000,01 = 5.000,0005 → half up to cents: 5.000,00
    o = ob(rules="lekstroom", contract_value="100000.01")
    assert o.applies
    assert o.exact == Fraction(5, 100) * Fraction("100000.01")
    assert o.amount == dec("5000.00")


# --- Den Haag / Haaglanden: "from 215.000 → 5%" (inclusive) ----------------------------------


@pytest.mark.parametrize(
    ("value", "applies", "amount"),
    [
        ("214999.99", False, "0.00"),
        # 5% × 215.000,00 = 10.750,00
        ("215000", True, "10750.00"),
        # 5% × 215.000,01 = 10.750,0005 → 10.750,00
        ("215000.01", True, "10750.00"),
        # 5% × 215.000,10 = 10.750,005 → half up → 10.750,01
        ("215000.10", True, "10750.01"),
    ],
)
def test_den_haag_named_rule_threshold_inclusive(value: str, applies: bool, amount: str) -> None:
    o = ob(rules="den_haag", contract_value=value)
    assert (o.applies, o.amount) == (applies, dec(amount))


@pytest.mark.parametrize(
    ("value", "applies", "amount"),
    [("214999.99", False, "0.00"), ("215000.00", True, "10750.00")],
)
def test_haaglanden_catalog_default_rules(value: str, applies: bool, amount: str) -> None:
    catalog = load_catalog("haaglanden", on=date(2024, 1, 1))
    o = compute_obligation(Tender(id="T", catalog="haaglanden", contract_value=value), catalog)
    assert (o.applies, o.amount) == (applies, dec(amount))
    assert o.rules_source == "haaglanden@2023-07"


def test_explanation_shows_the_arithmetic_in_both_languages() -> None:
    o = ob(rules="den_haag", contract_value="1000000")
    # 5% × 1.000.000,00 = 50.000,00
    assert o.amount == dec("50000.00")
    nl = o.explain("nl")
    assert "5% × opdrachtwaarde € 1.000.000,00 = € 50.000,00" in nl
    assert "drempel: opdrachtwaarde € 1.000.000,00 ≥ € 215.000,00" in nl
    assert nl.splitlines()[-1].strip() == "SR-verplichting: € 50.000,00"
    assert "5% × contract value €1,000,000.00 = €50,000.00" in o.explain("en")
    assert str(o) == nl


def test_five_percent_of_one_billion_is_fifty_million() -> None:
    # users.md pain 5: a municipality's example says 5% of 1 billion is 50.000. It is
    # 1.000.000.000 × 5/100 = 50.000.000,00.
    o = ob(rules="den_haag", contract_value="1000000000")
    assert o.amount == dec("50000000.00")
    assert "5% × opdrachtwaarde € 1.000.000.000,00 = € 50.000.000,00" in o.explain("nl")
    assert "€ 50.000,00" not in o.explain("nl")


# --- Schiedam: 125.000 services/supplies, 225.000 works (inclusive) --------------------------


@pytest.mark.parametrize(
    ("kind", "value", "applies", "amount"),
    [
        ("services", "124999.99", False, "0.00"),
        ("services", "125000", True, "6250.00"),  # 5% × 125.000 = 6.250
        ("supplies", "124999.99", False, "0.00"),
        ("supplies", "125000", True, "6250.00"),
        # works: 200.000 would be above the services threshold but is below the works one
        ("works", "200000", False, "0.00"),
        ("works", "224999.99", False, "0.00"),
        ("works", "225000", True, "11250.00"),  # 5% × 225.000 = 11.250
    ],
)
def test_schiedam_thresholds_by_contract_type(
    kind: str, value: str, applies: bool, amount: str
) -> None:
    o = ob(rules="schiedam", contract_type=kind, contract_value=value)
    assert (o.applies, o.amount) == (applies, dec(amount))


def test_schiedam_without_contract_type_asks_for_it() -> None:
    # 50.000 is below every Schiedam threshold; got: obligation 2.500,00.
    with pytest.raises(LedgerError) as info:
        ob(rules="schiedam", contract_value="50000")
    assert info.value.field == "contract_type"


# --- Rijksoverheid: works/services above 250.000, duration at least 6 months ------------------


def test_rijksoverheid_duration_under_six_months_has_no_obligation() -> None:
    # 1 Jan – 29 Jun 2024 = 5 months + 29/30 of June < 6 months
    o = ob(
        rules="rijksoverheid",
        contract_type="services",
        contract_value="300000",
        percentage=5,
        start=date(2024, 1, 1),
        end=date(2024, 6, 29),
    )
    assert not o.applies
    assert o.amount == dec("0.00")
    assert "< 6 months" in o.explain("en")


def test_rijksoverheid_six_months_above_threshold() -> None:
    # 1 Jan – 30 Jun 2024 = exactly 6 months; 5% (the tender's) × 300.000 = 15.000
    o = ob(
        rules="rijksoverheid",
        contract_type="works",
        contract_value="300000",
        percentage=5,
        start=date(2024, 1, 1),
        end=date(2024, 6, 30),
    )
    assert (o.applies, o.amount) == (True, dec("15000.00"))


@pytest.mark.parametrize(("value", "applies"), [("250000", False), ("250000.01", True)])
def test_rijksoverheid_threshold_is_exclusive(value: str, applies: bool) -> None:
    o = ob(
        rules="rijksoverheid",
        contract_type="works",
        contract_value=value,
        percentage=5,
        start=date(2024, 1, 1),
        end=date(2024, 12, 31),
    )
    assert o.applies is applies


def test_rijksoverheid_supplies_are_not_covered() -> None:
    o = ob(
        rules="rijksoverheid",
        contract_type="supplies",
        contract_value="300000",
        percentage=5,
        start=date(2024, 1, 1),
        end=date(2024, 12, 31),
    )
    assert not o.applies


def test_rijksoverheid_without_percentage_names_the_field() -> None:
    with pytest.raises(LedgerError) as info:
        ob(
            rules="rijksoverheid",
            contract_type="works",
            contract_value="300000",
            start=date(2024, 1, 1),
            end=date(2024, 12, 31),
        )
    assert info.value.field == "percentage"
    assert info.value.record == "tender 'T'"
    assert "percentage" in str(info.value)


@pytest.mark.parametrize(
    ("missing", "terms"),
    [
        ("contract_type", {"contract_value": "300000", "percentage": 5}),
        ("start", {"contract_type": "works", "contract_value": "300000", "percentage": 5}),
    ],
)
def test_rijksoverheid_missing_terms_name_the_field(missing: str, terms: dict[str, object]) -> None:
    with pytest.raises(LedgerError) as info:
        ob(rules="rijksoverheid", **terms)
    assert info.value.field == missing


# --- FoodValley: works and services above 200.000 → 5% of the sum or 10% of the labour cost ----


def test_foodvalley_contract_sum_five_percent() -> None:
    # 5% × 500.000 = 25.000
    o = ob(rules="foodvalley", contract_type="works", contract_value="500000")
    assert o.amount == dec("25000.00")


def test_foodvalley_labour_cost_base_ten_percent() -> None:
    # 10% × labour cost 180.000,00 = 18.000,00 (the threshold is still judged on the sum)
    o = ob(
        rules="foodvalley",
        contract_type="services",
        contract_value="500000",
        labour_cost="180000",
        base="labour_cost",
    )
    assert o.amount == dec("18000.00")
    assert "10% × loonsom € 180.000,00 = € 18.000,00" in o.explain("nl")


@pytest.mark.parametrize(("value", "applies"), [("200000", False), ("200000.01", True)])
def test_foodvalley_threshold_is_exclusive(value: str, applies: bool) -> None:
    o = ob(rules="foodvalley", contract_type="works", contract_value=value)
    assert o.applies is applies


def test_foodvalley_labour_cost_base_without_labour_cost_names_field() -> None:
    with pytest.raises(LedgerError) as info:
        ob(rules="foodvalley", contract_type="works", contract_value="500000", base="labour_cost")
    assert info.value.field == "labour_cost"


# --- Veenendaal: from 200.000 → 5% of the sum; labour-extensive → 5% of the labour cost --------


def test_veenendaal_labour_cost_five_percent() -> None:
    # threshold inclusive: 200.000 ≥ 200.000; 5% × labour cost 40.000 = 2.000
    o = ob(rules="veenendaal", contract_value="200000", labour_cost="40000", base="labour_cost")
    assert (o.applies, o.amount) == (True, dec("2000.00"))
    assert "5% × labour cost €40,000.00 = €2,000.00" in o.explain("en")


def test_veenendaal_just_below_threshold() -> None:
    assert not ob(rules="veenendaal", contract_value="199999.99").applies


# --- Bloemendaal: from 200.000 → 5%; supplies only if labour ≥ 30% ---------------------------


def test_bloemendaal_supplies_labour_share_below_30_no_obligation() -> None:
    o = ob(
        rules="bloemendaal",
        contract_type="supplies",
        contract_value="400000",
        labour_share_percent="29.99",
    )
    assert (o.applies, o.amount) == (False, dec("0.00"))
    assert "arbeidsaandeel 29,99% < 30%" in o.explain("nl")


def test_bloemendaal_supplies_labour_share_30_five_percent() -> None:
    # 5% × 400.000 = 20.000
    o = ob(
        rules="bloemendaal",
        contract_type="supplies",
        contract_value="400000",
        labour_share_percent=30,
    )
    assert (o.applies, o.amount) == (True, dec("20000.00"))


def test_bloemendaal_services_with_little_labour_still_five_percent() -> None:
    # the labour-share rule is for supplies only
    o = ob(
        rules="bloemendaal",
        contract_type="services",
        contract_value="400000",
        labour_share_percent=5,
    )
    assert o.amount == dec("20000.00")


def test_bloemendaal_supplies_without_labour_share_asks_for_it() -> None:
    with pytest.raises(LedgerError) as info:
        ob(rules="bloemendaal", contract_type="supplies", contract_value="400000")
    assert info.value.field == "labour_share_percent"


# --- Leidschendam-Voorburg: at least 5%, at least 2% where labour < 30% -----------------------


@pytest.mark.parametrize(
    ("share", "amount"),
    [
        ("29", "20000.00"),  # 2% × 1.000.000 = 20.000
        ("29.9999", "20000.00"),
        ("30", "50000.00"),  # 5% × 1.000.000 = 50.000
        (None, "50000.00"),
    ],
)
def test_leidschendam_voorburg_labour_share(share: str | None, amount: str) -> None:
    o = ob(rules="leidschendam_voorburg", contract_value="1000000", labour_share_percent=share)
    assert o.amount == dec(amount)


# --- A Frisian municipality: ≥ 2%, max 300.000, offer 2–5% sets a yearly minimum -------------


def test_frisian_minimum_two_percent() -> None:
    # 2% × 1.000.000 = 20.000
    assert ob(rules="friesland_gemeente", contract_value="1000000").amount == dec("20000.00")


def test_frisian_maximum_300000() -> None:
    # 2% × 20.000.000 = 400.000 > maximum 300.000
    o = ob(rules="friesland_gemeente", contract_value="20000000")
    assert o.amount == dec("300000.00")
    assert "maximum € 300.000,00: verplichting begrensd" in o.explain("nl")


def test_frisian_offer_four_percent_sets_yearly_minimum() -> None:
    # 4% × 1.000.000 = 40.000 over 3 contract years (2024, 2025, 2026):
    # 40.000 / 3 = 13.333,333… → 13.333,33 per year
    o = ob(
        rules="friesland_gemeente",
        contract_value="1000000",
        offered_percentage=4,
        start=date(2024, 1, 1),
        end=date(2026, 12, 31),
    )
    assert o.amount == dec("40000.00")
    assert [(y.index, y.start, y.end, y.minimum) for y in o.contract_years] == [
        (1, date(2024, 1, 1), date(2024, 12, 31), dec("13333.33")),
        (2, date(2025, 1, 1), date(2025, 12, 31), dec("13333.33")),
        (3, date(2026, 1, 1), date(2026, 12, 31), dec("13333.33")),
    ]
    assert "minimum per contract year: €13,333.33 (3 contract years)" in o.explain("en")


def test_frisian_offer_capped_at_maximum_then_spread() -> None:
    # 5% × 10.000.000 = 500.000 → maximum 300.000; 2 contract years → 150.000 each
    o = ob(
        rules="friesland_gemeente",
        contract_value="10000000",
        offered_percentage=5,
        start=date(2024, 3, 1),
        end=date(2026, 2, 28),
    )
    assert o.amount == dec("300000.00")
    assert [y.minimum for y in o.contract_years] == [dec("150000.00")] * 2


@pytest.mark.parametrize("offer", ["6", "1.99"])
def test_frisian_offer_outside_range_is_refused(offer: str) -> None:
    with pytest.raises(LedgerError) as info:
        ob(rules="friesland_gemeente", contract_value="1000000", offered_percentage=offer)
    assert info.value.field == "offered_percentage"
    assert "2–5" in str(info.value)


# --- PSO reduction and exemption (Oost-Nederland, D-rated rows) -------------------------------


def _pso_rules() -> tuple[ObligationRules, str]:
    """The Oost-Nederland catalog's rules when it is shipped, else the same rules inline."""
    if "oost_nederland" in default_registry().ids():
        catalog = load_catalog("oost_nederland")
        return catalog.obligation, catalog.key
    rules = ObligationRules(
        percentage=Decimal(5),
        threshold=Decimal(200000),
        threshold_inclusive=False,
        pso=(
            PsoRule(level="trede_1", label_nl="PSO trede 1", reduction_percent=Decimal(10)),
            PsoRule(level="trede_2", label_nl="PSO trede 2", reduction_percent=Decimal(25)),
            PsoRule(level="trede_3", label_nl="PSO trede 3", reduction_percent=Decimal(50)),
            PsoRule(level="trede_3_30_plus", label_nl="PSO trede 3-30+", exempt=True),
        ),
    )
    return rules, "tender"


def pso_ob(value: str, level: str | None) -> Obligation:
    rules, source = _pso_rules()
    if source == "tender":
        return ob(rules=rules, contract_value=value, pso_level=level)
    catalog = load_catalog("oost_nederland")
    tender = Tender(id="T", catalog="oost_nederland", contract_value=value, pso_level=level)
    return compute_obligation(tender, catalog)


@pytest.mark.parametrize(
    ("level", "amount"),
    [
        (None, "50000.00"),  # 5% × 1.000.000 = 50.000
        ("trede_1", "45000.00"),  # 50.000 × (1 − 10%) = 45.000
        ("trede_2", "37500.00"),  # 50.000 × (1 − 25%) = 37.500
        ("trede_3", "25000.00"),  # 50.000 × (1 − 50%) = 25.000
    ],
)
def test_pso_reduction(level: str | None, amount: str) -> None:
    o = pso_ob("1000000", level)
    assert (o.applies, o.amount) == (True, dec(amount))


def test_pso_reduction_rounds_once() -> None:
    # 5% × 200.000,10 = 10.000,005; × 90% = 9.000,0045 → 9.000,00.
    # Rounding twice would give 10.000,01 × 90% = 9.000,009 → 9.000,01.
    o = pso_ob("200000.10", "trede_1")
    assert o.exact == Fraction("200000.10") * Fraction(5, 100) * Fraction(9, 10)
    assert o.amount == dec("9000.00") == round_cents(o.exact)


def test_pso_exemption() -> None:
    o = pso_ob("1000000", "trede_3_30_plus")
    assert (o.applies, o.amount) == (False, dec("0.00"))
    assert "vrijstelling" in o.explain("nl")


def test_pso_unknown_level_is_noted_not_applied() -> None:
    o = pso_ob("1000000", "trede_9")
    assert o.amount == dec("50000.00")
    assert "PSO trede_9: these rules give no reduction for it" in o.explain("en")


def test_pso_reduction_inline_rules() -> None:
    # AV-regio publishes neither the percentage nor the discount: the tender gives them inline.
    # 4% × 750.000 = 30.000; −20% → 24.000
    rules = ObligationRules(
        percentage=Decimal(4),
        pso=(PsoRule(level="pso", label_nl="PSO-certificaat", reduction_percent=Decimal(20)),),
    )
    o = ob(rules=rules, contract_value="750000", pso_level="pso")
    assert o.amount == dec("24000.00")
    assert o.rules_source == "tender"


def test_av_regio_needs_the_percentage() -> None:
    with pytest.raises(LedgerError) as info:
        ob(rules="av_regio", contract_value="1000000")
    assert info.value.field == "percentage"


def test_tender_terms_override_rule_defaults() -> None:
    # Den Haag's 5% overridden by the tender's 3%; threshold overridden to 50.000:
    # 3% × 60.000 = 1.800
    o = ob(rules="den_haag", contract_value="60000", percentage=3, threshold="50000")
    assert o.amount == dec("1800.00")


def test_every_named_rule_is_covered_here() -> None:
    covered = {
        "den_haag",
        "leidschendam_voorburg",
        "lekstroom",
        "foodvalley",
        "veenendaal",
        "bloemendaal",
        "schiedam",
        "rijksoverheid",
        "friesland_gemeente",
        "av_regio",
    }
    for rule_id in covered:
        load_obligation_rules(rule_id)
    from bouwblokken.obligation import list_obligation_rules

    assert {r.id for r in list_obligation_rules()} <= covered
