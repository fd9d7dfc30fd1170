"""Obligation design: each rule set × percentage, with the least cost of a typical plan.

Expected numbers are worked out by hand from the published rules and the assumed costs.
"""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bouwblokken import Tender
from bouwblokken.award import (
    AwardError,
    default_cost_assumptions,
    design_obligation,
    load_cost_assumptions,
)
from bouwblokken.errors import LedgerError

# Two whole calendar years without a leap day: a placement of 12 whole months is one year
# under every duration convention.
START, END = date(2026, 1, 1), date(2027, 12, 31)


def _tender(**terms: object) -> Tender:
    base: dict[str, object] = {
        "id": "schoonmaak",
        "catalog": "haaglanden",
        "contract_value": "2000000",
        "contract_type": "services",
        "labour_share_percent": 60,
        "contract_date": date(2025, 12, 1),
        "start": START,
        "end": END,
    }
    base.update(terms)
    return Tender(**base)  # type: ignore[arg-type]


def test_catalog_defaults_and_a_range_of_percentages() -> None:
    design = design_obligation(_tender(), rule_sets=["catalog"])
    rows = {r.label("en"): r for r in design.rows}
    assert list(rows) == ["published", "2%", "3%", "4%"]  # 5% is the published one
    assert [r.label() for r in design.rows][1] == "2\u00a0%"  # Dutch: 2 % (house style)
    # Haaglanden: 5% of the contract value from € 215.000: 5/100 × 2.000.000 = 100.000.
    assert rows["published"].amount == Decimal("100000.00")
    assert rows["2%"].amount == Decimal(2) * 2_000_000 / 100
    assert rows["3%"].amount == Decimal("60000.00")
    assert design.catalog == "haaglanden@2023-07"


def test_typical_cost_is_the_cheapest_block_mix() -> None:
    design = design_obligation(_tender(), rule_sets=["catalog"])
    row = design.rows[0]
    assert row.cost is not None and row.cost.met
    # Assumed costs per euro of value (cost-assumptions.toml): WW 5.000 / 20.000 = 0,25;
    # Participatiewet 12.000 / 40.000 = 0,30; other work blocks 0,30; learning 0,40;
    # WIA 10.000 / 30.000 = 0,33; banenafspraak 18.000 / 50.000 = 0,36. So no plan can cost
    # less than 0,25 × 100.000 = 25.000, and 5 WW placements (5 × 20.000 = 100.000, full
    # time, 12 whole months) cost exactly 5 × 5.000 = 25.000.
    assert row.cost.cost == Decimal("25000.00")
    assert row.cost.counted == Decimal("100000.00")
    assert row.cost.units == (("ww", 5),)
    assert row.cost.people == 5
    # 25.000 / 2.000.000 × 100 = 1,25% of the contract value.
    assert design.cost_share(row) == Fraction(125, 100)


def test_the_buyer_changes_the_assumptions() -> None:
    costs = default_cost_assumptions().model_copy(
        update={"block_cost_per_year": {"ww": Decimal(8000)}}
    )
    row = design_obligation(_tender(), rule_sets=["catalog"], costs=costs).rows[0]
    assert row.cost is not None
    # WW now costs 8.000 / 20.000 = 0,40 per euro; the cheapest is 0,30 per euro
    # (Participatiewet 12.000 / 40.000, other work blocks 0,30 × value): 0,30 × 100.000.
    assert row.cost.cost == Decimal("30000.00")
    assert row.cost.counted == Decimal("100000.00")


def test_published_rule_sets_apply_their_own_terms() -> None:
    design = design_obligation(
        _tender(labour_share_percent=25),
        rule_sets=["leidschendam_voorburg", "rijksoverheid", "schiedam"],
        with_costs=False,
    )
    lv = design.for_rule_set("leidschendam_voorburg")
    # Labour under 30% of the contract: at least 2% → 2/100 × 2.000.000 = 40.000 whatever the
    # percentage asked.
    assert {r.amount for r in lv} == {Decimal("40000.00")}
    assert "arbeidsaandeel 25 % < 30 %" in lv[0].obligation.explain()  # type: ignore[union-attr]
    # The Rijk publishes no percentage: only the asked range, no "published" row.
    rijk = design.for_rule_set("rijksoverheid")
    assert [r.label() for r in rijk] == ["2\u00a0%", "3\u00a0%", "4\u00a0%", "5\u00a0%"]
    assert rijk[-1].amount == Decimal("100000.00")
    assert all(r.cost is None for r in design.rows)


def test_rules_that_do_not_cover_the_tender_say_why() -> None:
    design = design_obligation(
        _tender(contract_value="220000", contract_type="works"),
        rule_sets=["schiedam"],
        with_costs=False,
    )
    # Schiedam: works from 225.000; 220.000 is below it.
    row = design.rows[0]
    assert row.obligation is not None and not row.obligation.applies
    assert row.amount == Decimal("0.00")
    assert "drempel € 225.000,00" in row.obligation.explain()


def test_a_missing_term_is_reported_per_row() -> None:
    design = design_obligation(
        _tender(contract_type=None), rule_sets=["foodvalley"], with_costs=False
    )
    assert all(r.error and "contract_type" in r.error for r in design.rows)


def test_unknown_rule_set_is_refused() -> None:
    with pytest.raises(LedgerError, match="unknown rule set 'nergens'"):
        design_obligation(_tender(), rule_sets=["nergens"])


def test_assumptions_file_errors_name_the_field(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "kosten.toml"
    path.write_text(
        'format = "bouwblokken.cost-assumptions/1"\nhours_per_week = 36.5\n'
        "[block_cost_per_year]\nww = -1\n",
        "utf-8",
    )
    with pytest.raises(AwardError) as err:
        load_cost_assumptions(path)
    assert err.value.source == str(path)
    assert err.value.field is not None and "block_cost_per_year" in err.value.field


def test_percentages_must_be_exact() -> None:
    with pytest.raises(AwardError, match="exact"):
        design_obligation(_tender(), percentages=[2.5], with_costs=False)  # type: ignore[list-item]
    with pytest.raises(AwardError, match="0 to 100"):
        design_obligation(_tender(), percentages=["120"], with_costs=False)
    design = design_obligation(
        _tender(), percentages=["2.5"], rule_sets=["catalog"], with_costs=False
    )
    # 2,5% × 2.000.000 = 50.000.
    assert design.rows[1].amount == Decimal("50000.00")


def test_applicable_rows() -> None:
    design = design_obligation(
        _tender(contract_type="supplies", labour_share_percent=20),
        rule_sets=["bloemendaal", "lekstroom"],
        with_costs=False,
    )
    # Bloemendaal: supplies only when labour is at least 30% → none; Lekstroom: 5% above
    # 100.000 → applies.
    assert {r.rule_set for r in design.applicable()} == {"lekstroom"}


def test_an_obligation_beyond_the_assumed_limits_is_flagged() -> None:
    design = design_obligation(
        _tender(contract_value="100000000"), rule_sets=["lekstroom"], percentages=[]
    )
    (row,) = design.rows
    # 5% × 100.000.000 = 5.000.000. At most 10 full-time placements of a year per block:
    # 10 × (5.000 + 10.000 + 5.000 + 7.500 + 25.000 + 15.000 + 20.000 + 30.000 + 40.000
    # + 50.000) = 10 × 207.500 = 2.075.000 < 5.000.000 (loonkostensubsidie and actual costs
    # have no typical unit).
    assert row.amount == Decimal("5000000.00")
    assert row.cost is not None and not row.cost.met
    assert row.cost.counted == Decimal("2075000.00")
    assert "niet haalbaar" in row.cost.explain()
    assert any("loonkostensubsidie" in n for n in design.notes)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.decimals(min_value=0, max_value=8, places=1), min_size=2, max_size=4, unique=True)
)
def test_a_higher_percentage_never_asks_less_or_costs_less(pcts: list[Decimal]) -> None:
    # The Rijk publishes no percentage of its own, so every row is one of ``pcts``.
    rows = design_obligation(_tender(), rule_sets=["rijksoverheid"], percentages=pcts).rows
    assert len(rows) == len(pcts)
    ordered = sorted(rows, key=lambda r: r.percentage or 0)
    for lo, hi in itertools.pairwise(ordered):
        assert lo.amount is not None and hi.amount is not None and lo.amount <= hi.amount
        lo_cost = lo.cost.cost if lo.cost else Decimal(0)
        hi_cost = hi.cost.cost if hi.cost else Decimal(0)
        assert lo_cost <= hi_cost
