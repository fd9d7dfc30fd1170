"""Obligation and settlement trails are worded on first use (issue 13: a province computes
10^5 obligations and settlements, prints few), with the same words and numbers as before.

Each expected line is worked out by hand from the published rule in the comment beside it; the
same cases are checked piecewise in tests/test_obligation.py and tests/portfolio/test_monitor.py.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

from bouwblokken.obligation import compute_obligation
from bouwblokken.portfolio.model import Penalty
from bouwblokken.portfolio.settlement import settle_amounts
from bouwblokken.tender import Tender
from bouwblokken.valuation import TrailLine

NBSP = "\u00a0"


def unworded(lines: tuple[TrailLine, ...]) -> int:
    """How many lines have not made their Dutch words yet."""
    return sum(ln._nl is None for ln in lines)


def test_den_haag_trail_worded_when_read() -> None:
    # Den Haag: the EU threshold of 2022-2023 for services and supplies, 215.000, inclusive;
    # 5 % × 1.000.000,00 = 50.000,00.
    o = compute_obligation(
        Tender(id="T", rules="den_haag", contract_value="1000000", contract_date=date(2023, 9, 1))
    )
    assert o.amount == Decimal("50000.00")
    assert unworded(o.lines) == len(o.lines) == 4  # nothing formatted until it is read
    assert o.explain("nl") == "\n".join(
        [
            "SR-verplichting T (rules:den_haag)",
            "  drempel volgt de Europese drempel 2022–2023 voor decentrale overheden (diensten"
            f" en leveringen): €{NBSP}215.000,00 (Gedelegeerde Verordening (EU) 2021/1952)",
            f"  drempel: opdrachtwaarde €{NBSP}1.000.000,00 ≥ €{NBSP}215.000,00",
            f"  5{NBSP}% × opdrachtwaarde €{NBSP}1.000.000,00 = €{NBSP}50.000,00",
            f"  SR-verplichting: €{NBSP}50.000,00",
        ]
    )
    assert unworded(o.lines) == 0
    assert o.explain("en").splitlines()[1:] == [
        "  threshold follows the EU threshold 2022–2023 for sub-central authorities (services"
        " and supplies): €215,000.00 (Delegated Regulation (EU) 2021/1952)",
        "  threshold: contract value €1,000,000.00 ≥ €215,000.00",
        "  5% × contract value €1,000,000.00 = €50,000.00",
        "  Social-return obligation: €50,000.00",
    ]
    assert [(ln.kind, ln.amount) for ln in o.lines] == [
        ("note", None),
        ("note", None),
        ("base", Fraction(50000)),
        ("total", Fraction(50000)),
    ]


def test_a_capped_obligation_keeps_the_amount_before_the_cap_in_its_words() -> None:
    # Frisian municipality: 2 % × 20.000.000 = 400.000 > maximum 300.000. The line of the
    # product is worded after the cap was applied, and must still say 400.000.
    o = compute_obligation(Tender(id="T", rules="friesland_gemeente", contract_value="20000000"))
    assert o.amount == Decimal("300000.00")
    assert o.explain("nl").splitlines()[1:] == [
        f"  2{NBSP}% × opdrachtwaarde €{NBSP}20.000.000,00 = €{NBSP}400.000,00",
        f"  maximum €{NBSP}300.000,00: verplichting begrensd",
        f"  SR-verplichting: €{NBSP}300.000,00",
    ]
    assert [ln.amount for ln in o.lines] == [Fraction(400000), Fraction(300000), Fraction(300000)]


def test_yearly_minimums_word_each_year_with_its_own_numbers() -> None:
    # 4 % × 750.000 = 30.000 over 1 Jan 2024 - 30 Jun 2026 (30 months): 30.000 × 12/30 =
    # 12.000, 12.000, and 30.000 × 6/30 = 6.000 (each line worded after the loop has ended).
    o = compute_obligation(
        Tender(
            id="T",
            rules="friesland_gemeente",
            contract_value="750000",
            offered_percentage=4,
            start=date(2024, 1, 1),
            end=date(2026, 6, 30),
        )
    )
    eur = f"€{NBSP}"
    assert o.explain("nl").splitlines()[-3:] == [
        f"  minimum contractjaar 1 (01-01-2024 t/m 31-12-2024): 12/30 maanden × {eur}30.000,00"
        f" = {eur}12.000,00",
        f"  minimum contractjaar 2 (01-01-2025 t/m 31-12-2025): 12/30 maanden × {eur}30.000,00"
        f" = {eur}12.000,00",
        f"  minimum contractjaar 3 (01-01-2026 t/m 30-06-2026): 6/30 maanden × {eur}30.000,00"
        f" = {eur}6.000,00",
    ]


def test_settlement_trail_worded_when_read() -> None:
    # 1.000 − 700 = 300 short; 0,50 per missing euro × 300 = 150 > cap 100 → 100.
    shortfall, fine, lines, capped, tolerated = settle_amounts(
        Decimal("1000.00"),
        Decimal("700.00"),
        Penalty(kind="per_euro", amount=Decimal("0.50"), cap=Decimal("100.00")),
    )
    assert (shortfall, fine, capped, tolerated) == (
        Decimal("300.00"),
        Decimal("100.00"),
        True,
        False,
    )
    # A report counts its settlements without words (settle_counted: trail=False, the same
    # numbers); Settlement.lines words them when first read, from this same arithmetic.
    quiet = settle_amounts(
        Decimal("1000.00"),
        Decimal("700.00"),
        Penalty(kind="per_euro", amount=Decimal("0.50"), cap=Decimal("100.00")),
        trail=False,
    )
    assert quiet[2] == () and (quiet[0], quiet[1]) == (shortfall, fine)
    eur = f"€{NBSP}"
    assert [ln.text("nl") for ln in lines] == [
        f"tekort: {eur}1.000,00 verplichting − {eur}700,00 geteld = {eur}300,00",
        f"boete = {eur}0,50 per ontbrekende euro × {eur}300,00 = {eur}150,00",
        f"begrensd op het maximum van {eur}100,00",
    ]
    assert [ln.text("en") for ln in lines] == [
        "shortfall: €1,000.00 obligation − €700.00 counted = €300.00",
        "fine = €0.50 per missing euro × €300.00 = €150.00",
        "capped at the maximum of €100.00",
    ]
    assert [ln.amount for ln in lines] == [Fraction(300), Fraction(150), Fraction(100)]


def test_buy_off_and_tolerance_words() -> None:
    # Buy-off at 12,5 %: 12,5 % × 300 = 37,50.
    _, fine, lines, _, _ = settle_amounts(
        Decimal("1000.00"), Decimal("700.00"), Penalty(kind="buy_off", percentage=Decimal("12.5"))
    )
    eur = f"€{NBSP}"
    assert fine == Decimal("37.50")
    assert [ln.text("nl") for ln in lines][1:] == [
        f"afkoopsom = 12,5{NBSP}% × {eur}300,00 = {eur}37,50",
        "met de afkoop is de verplichting voldaan",
    ]
    assert lines[1].text("en") == "buy-off = 12.5% × €300.00 = €37.50"
    # 1.000 − 960 = 40 short, within 5 % × 1.000 = 50: no fine.
    _, fine, lines, _, tolerated = settle_amounts(
        Decimal("1000.00"),
        Decimal("960.00"),
        Penalty(kind="percentage", percentage=Decimal("50"), tolerance_percent=Decimal("5")),
    )
    assert (fine, tolerated) == (Decimal("0.00"), True)
    assert lines[1].text("nl") == (
        f"tekort binnen de tolerantie van 5{NBSP}% van de verplichting ({eur}50,00): geen boete"
    )
