"""Scoring formulas: the worked example of docs/award.md checked by hand, the formula data
format, and the properties every formula must have (monotone, deterministic, exact)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bouwblokken.award import (
    AwardError,
    FictivePriceFormula,
    JuryCriterion,
    Offer,
    PointsFormula,
    PriceCriterion,
    SocialReturnCriterion,
    compare_bids,
    compare_formulas,
    load_formulas,
    read_bids,
    score,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "award"


@pytest.fixture(scope="module")
def example():  # type: ignore[no-untyped-def]
    doc = read_bids(EXAMPLES / "bids.json")
    return compare_formulas(
        load_formulas(EXAMPLES / "formulas.toml"), compare_bids(doc.tender, doc.bids)
    )


def _half_up(x: Fraction) -> Fraction:
    """Round to 2 decimals, half up, by hand."""
    return Fraction(int(x * 100 + Fraction(1, 2)), 100)


def test_absolute_formula_by_hand(example) -> None:  # type: ignore[no-untyped-def]
    r = example.ranking("absoluut")
    # Price: 60 × lowest (1.900.000) / price. SR: 30 × offer / 5 (full at 5%, threshold 2%).
    a = 60 + Fraction(30 * 4, 5) + 8  # 60 + 24 + 8 = 92
    b = Fraction(60 * 19, 20) + 30 + 4  # 57 + 30 (6% ≥ 5%) + 4 = 91
    c = _half_up(Fraction(60 * 1_900_000, 1_950_000)) + 30 + 7  # 58,46 + 30 + 7 = 95,46
    assert c == Fraction(9546, 100)
    got = {s.bidder: s.total for s in r.scores}
    assert got == {"Schoon BV": a, "Glans & Co": b, "Helder Facilitair": c}
    assert [s.bidder for s in r.scores] == ["Helder Facilitair", "Schoon BV", "Glans & Co"]
    assert r.winners == ("Helder Facilitair",)


def test_fictive_price_formula_by_hand(example) -> None:  # type: ignore[no-untyped-def]
    r = example.ranking("gunnen_op_waarde")
    # One SR point per percent (10 points at 10%) worth € 20.000; a plan point € 5.000.
    fictive = {
        "Schoon BV": 1_900_000 - 4 * 20_000 - 8 * 5_000,  # 1.780.000
        "Glans & Co": 2_000_000 - 6 * 20_000 - 4 * 5_000,  # 1.860.000
        "Helder Facilitair": 1_950_000 - 5 * 20_000 - 7 * 5_000,  # 1.815.000
    }
    assert {s.bidder: s.fictive_price for s in r.scores} == {
        k: Decimal(v) for k, v in fictive.items()
    }
    assert [s.bidder for s in r.scores] == ["Schoon BV", "Helder Facilitair", "Glans & Co"]


def test_plan_backed_relative_formula_by_hand(example) -> None:  # type: ignore[no-untyped-def]
    r = example.ranking("relatief_plan")
    # Plan-backed percentages: A 4 × 80.000/80.000 = 4; B 6 × 110.000/120.000 = 5,5;
    # C 5 × 96.666,67/100.000 = 4,8333335. Best 5,5.
    pa, pb, pc = Fraction(4), Fraction(11, 2), 5 * Fraction(9666667, 10_000_000)
    a = 60 + _half_up(30 * pa / pb) + 8  # 60 + 21,82 + 8 = 89,82
    b = 57 + 30 + 4  # 91
    c = _half_up(Fraction(60 * 1_900_000, 1_950_000)) + _half_up(30 * pc / pb) + 7
    assert (a, c) == (Fraction(8982, 100), Fraction(9182, 100))
    assert {s.bidder: s.total for s in r.scores} == {
        "Schoon BV": a,
        "Glans & Co": b,
        "Helder Facilitair": c,
    }
    # Same winner as "absoluut", but second and third change places.
    assert [s.bidder for s in r.scores] == ["Helder Facilitair", "Glans & Co", "Schoon BV"]


def test_which_formula_changes_the_winner(example) -> None:  # type: ignore[no-untyped-def]
    assert example.winners == {
        "absoluut": ("Helder Facilitair",),
        "gunnen_op_waarde": ("Schoon BV",),
        "relatief_plan": ("Helder Facilitair",),
    }
    assert example.winner_changes
    assert example.changes_winner() == ("gunnen_op_waarde",)
    assert example.rank("Schoon BV", "relatief_plan") == 3


def test_trail_reads_in_dutch_and_english(example) -> None:  # type: ignore[no-untyped-def]
    s = example.ranking("absoluut").score_of("Helder Facilitair")
    nl = s.trail()
    assert "60 × € 1.900.000,00 (laagste prijs) / € 1.950.000,00 = 58 6/13 punten" in nl
    assert "afgerond op 2 decimalen: 58,46 punten" in nl
    assert "totaal: 58,46 + 30,00 + 7,00 = 95,46 punten" in nl
    en = s.trail("en")
    assert "total: 58.46 + 30.00 + 7.00 = 95.46 points" in en and "punten" not in en
    f = example.ranking("gunnen_op_waarde").score_of("Schoon BV").trail()
    assert "fictieve prijs: € 1.900.000,00 − € 80.000,00 − € 40.000,00 = € 1.780.000,00" in f


def _sr(**kw: object) -> SocialReturnCriterion:
    return SocialReturnCriterion(**{"max_points": 30, **kw})  # type: ignore[arg-type]


def test_threshold_cap_weight_and_exact_points() -> None:
    f = PointsFormula(
        id="t",
        name_nl="t",
        decimals=None,
        criteria=(
            _sr(
                scale="absolute",
                full_at_percent=6,
                minimum_percent=2,
                cap_percent=5,
                weight=Decimal("1.5"),
            ),
        ),
    )
    offers = [
        Offer("laag", Fraction(3, 2)),
        Offer("midden", Fraction(4)),
        Offer("hoog", Fraction(8)),
    ]
    r = score(f, offers)
    got = {s.bidder: s.total for s in r.scores}
    # 1,5% < 2%: 0. 4%: 30 × 4/6 × 1,5 = 30. 8% capped at 5%: 30 × 5/6 × 1,5 = 37,5 (exact).
    assert got == {"laag": 0, "midden": 30, "hoog": Fraction(75, 2)}
    assert "onder de drempel van 2\u00a0%" in r.score_of("laag").trail()
    assert "boven het plafond van 5\u00a0%" in r.score_of("hoog").trail()


def test_ties_share_a_rank() -> None:
    f = PointsFormula(id="t", name_nl="t", criteria=(_sr(scale="relative"),))
    r = score(f, [Offer("b", Fraction(5)), Offer("a", Fraction(5)), Offer("c", Fraction(1))])
    assert [(s.bidder, s.rank) for s in r.scores] == [("a", 1), ("b", 1), ("c", 3)]
    assert r.winners == ("a", "b")


def test_formula_errors() -> None:
    with pytest.raises(ValueError, match="full_at_percent"):
        _sr(scale="absolute")
    with pytest.raises(ValueError, match="euro_per_point has no value"):
        FictivePriceFormula(
            id="f", name_nl="f", criteria=(_sr(scale="relative"),), euro_per_point={}
        )
    with pytest.raises(ValueError, match="not price points"):
        FictivePriceFormula(
            id="f",
            name_nl="f",
            criteria=(PriceCriterion(max_points=1),),
            euro_per_point={"price": 1},
        )
    f = PointsFormula(
        id="p", name_nl="p", criteria=(PriceCriterion(max_points=60), JuryCriterion(max_points=10))
    )
    with pytest.raises(AwardError) as err:
        score(
            f,
            [
                Offer("x", Fraction(1), Decimal(1), {"plan_van_aanpak": Fraction(1)}),
                Offer("y", Fraction(1), None, {"plan_van_aanpak": Fraction(1)}),
            ],
        )
    assert (err.value.record, err.value.field) == ("bidder 'y'", "price")
    with pytest.raises(AwardError, match="more than its maximum"):
        score(f, [Offer("x", Fraction(1), Decimal(1), {"plan_van_aanpak": Fraction(11)})])
    with pytest.raises(AwardError) as err:
        score(f, [Offer("x", Fraction(1), Decimal(1))])
    assert err.value.field == "jury_points.plan_van_aanpak"


def test_formulas_file_errors_name_the_field(tmp_path: Path) -> None:
    path = tmp_path / "f.toml"
    path.write_text(
        '[[formulas]]\nkind = "points"\nid = "x"\nname_nl = "x"\n'
        '[[formulas.criteria]]\nkind = "social_return"\nmax_points = 30\n'
        'scale = "absolute"\nful_at_percent = 5\n',
        "utf-8",
    )
    with pytest.raises(AwardError) as err:
        load_formulas(path)
    assert err.value.source == str(path) and "ful_at_percent" in (err.value.field or "")


# ---------------------------------------------------------------------------------------------
# Properties.

pcts = st.decimals(min_value=0, max_value=30, places=2, allow_nan=False, allow_infinity=False)
opt_pct = st.none() | pcts


@st.composite
def sr_criteria(draw: st.DrawFn) -> SocialReturnCriterion:
    scale = draw(st.sampled_from(["absolute", "relative"]))
    kw: dict[str, object] = {
        "max_points": draw(st.integers(1, 100)),
        "scale": scale,
        "minimum_percent": draw(opt_pct),
        "cap_percent": draw(opt_pct),
        "basis": draw(st.sampled_from(["offered", "plan_backed"])),
        "weight": draw(st.sampled_from([Decimal(1), Decimal("0.5"), Decimal(3)])),
    }
    if scale == "absolute":
        lo = draw(st.decimals(min_value=0, max_value=10, places=1))
        kw["zero_at_percent"] = lo
        kw["full_at_percent"] = lo + draw(st.decimals(min_value="0.1", max_value=20, places=1))
    return SocialReturnCriterion(**kw)  # type: ignore[arg-type]


@st.composite
def formulas(draw: st.DrawFn) -> PointsFormula | FictivePriceFormula:
    sr = draw(sr_criteria())
    jury = JuryCriterion(max_points=10, minimum_points=draw(st.none() | st.just(Decimal(5))))
    decimals = draw(st.sampled_from([None, 0, 2]))
    if draw(st.booleans()):
        return FictivePriceFormula(
            id="f",
            name_nl="f",
            decimals=decimals,
            criteria=(sr, jury),
            euro_per_point={
                "social_return": draw(st.integers(0, 50_000)),
                "plan_van_aanpak": draw(st.integers(0, 50_000)),
            },
        )
    price = PriceCriterion(max_points=draw(st.integers(1, 80)))
    return PointsFormula(id="p", name_nl="p", decimals=decimals, criteria=(price, sr, jury))


@st.composite
def offer_lists(draw: st.DrawFn) -> list[Offer]:
    n = draw(st.integers(1, 5))
    return [
        Offer(
            bidder=f"b{i}",
            offered_percentage=Fraction(draw(pcts)),
            price=Decimal(draw(st.integers(100_000, 3_000_000))),
            jury_points={"plan_van_aanpak": Fraction(draw(st.integers(0, 10)))},
            plan_percentage=draw(st.none() | pcts.map(Fraction)),
        )
        for i in range(n)
    ]


def _better_or_equal(formula: object, new: Fraction, old: Fraction) -> bool:
    return new <= old if isinstance(formula, FictivePriceFormula) else new >= old


@settings(max_examples=300, deadline=None)
@given(formulas(), offer_lists(), st.data())
def test_more_social_return_never_lowers_a_score(formula, offers, data) -> None:  # type: ignore[no-untyped-def]
    i = data.draw(st.integers(0, len(offers) - 1))
    more = data.draw(st.decimals(min_value="0.01", max_value=20, places=2))
    before = score(formula, offers)
    o = offers[i]
    raised = [
        *offers[:i],
        Offer(
            o.bidder,
            o.offered_percentage + Fraction(more),
            o.price,
            o.jury_points,
            o.plan_percentage,
        ),
        *offers[i + 1 :],
    ]
    after = score(formula, raised)
    old, new = before.score_of(o.bidder), after.score_of(o.bidder)
    assert _better_or_equal(formula, new.value, old.value)
    assert new.rank <= old.rank
    sr_old = next(c for c in old.criteria if c.criterion == "social_return")
    sr_new = next(c for c in new.criteria if c.criterion == "social_return")
    assert sr_new.points >= sr_old.points


@settings(max_examples=150, deadline=None)
@given(formulas(), offer_lists(), st.randoms(use_true_random=False))
def test_scores_are_deterministic_and_exact(formula, offers, rnd) -> None:  # type: ignore[no-untyped-def]
    first = score(formula, offers)
    shuffled = list(offers)
    rnd.shuffle(shuffled)
    again = score(formula, shuffled)
    assert first == again
    for s in first.scores:
        assert isinstance(s.total, Fraction)
        assert s.total == sum((c.points for c in s.criteria), Fraction(0))
        if formula.decimals is not None:
            for c in s.criteria:
                assert (c.points * 10**formula.decimals).denominator == 1
                # Rounding half up may lift a maximum such as 0,5 to 1 at 0 decimals.
                assert 0 <= c.points <= c.max_points + Fraction(1, 2 * 10**formula.decimals)
        if s.fictive_price is not None:
            assert s.fictive_price == s.fictive_price.quantize(Decimal("0.01"))


def test_formulas_load_from_json(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    path.write_text(
        '{"format": "bouwblokken.award-formulas/1", "formulas": [{"kind": "points", "id": "j",'
        ' "name_nl": "j", "criteria": [{"kind": "social_return", "max_points": 12.5,'
        ' "scale": "relative", "cap_percent": "5"}]}]}',
        "utf-8",
    )
    (f,) = load_formulas(path)
    # 12.5 is read as the exact Decimal 12.5, never as a float.
    assert f.criteria[0].max_points == Decimal("12.5")
    r = score(f, [Offer("a", Fraction(4)), Offer("b", Fraction(2))])
    # Relative: 12,5 × 2 / 4 = 6,25.
    assert r.score_of("b").total == Fraction(625, 100)


@settings(max_examples=20, deadline=None)
@given(
    st.sampled_from(["Schoon BV", "Glans & Co", "Helder Facilitair"]),
    st.decimals(min_value="0.01", max_value=10, places=2),
)
def test_more_offered_through_the_whole_chain(bidder: str, more: Decimal) -> None:
    """End to end (bid → evaluate → score): a higher offer with the same plan never ranks lower
    or scores less under any of the example formulas."""
    doc = read_bids(EXAMPLES / "bids.json")
    formulas_ = load_formulas(EXAMPLES / "formulas.toml")
    before = compare_formulas(formulas_, compare_bids(doc.tender, doc.bids))
    bids = [
        b.model_copy(update={"offered_percentage": b.offered_percentage + more})
        if b.bidder == bidder
        else b
        for b in doc.bids
    ]
    after = compare_formulas(formulas_, compare_bids(doc.tender, bids))
    for old, new in zip(before.rankings, after.rankings, strict=True):
        o, n = old.score_of(bidder), new.score_of(bidder)
        assert _better_or_equal(old.formula, n.value, o.value)
        assert n.rank <= o.rank
