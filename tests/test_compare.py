"""Region comparison as a library function (bouwblokken.compare)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from bouwblokken import Activity, compare, load_catalog, value_under
from bouwblokken.catalog.registry import Registry, _shipped_folder
from bouwblokken.compare import RegionMapping, load_mapping, match_blocks, target_groups

H = load_catalog("haaglanden")
L = load_catalog("leiden")


def _pairs(a: object, b: object, **kw: object) -> dict[str, tuple[str | None, str]]:
    return {
        p.a.id: (p.b.id if p.b else None, p.how)
        for p in match_blocks(a, b, **kw)  # type: ignore[arg-type]
        if p.a is not None
    }


def test_banenafspraak_pairs_by_the_mapping_file_not_with_wsw() -> None:
    pairs = _pairs(H, L)
    assert pairs["banenafspraak"] == ("participatiewet_arbeidsbeperking", "mapping")
    assert pairs["participatiewet"] == ("participatiewet_zonder_arbeidsbeperking", "group")
    assert pairs["ww"] == ("ww", "id")
    assert pairs["opleiding_begeleiding"] == (None, "only_a")


def test_without_a_mapping_an_ambiguous_block_is_not_guessed() -> None:
    # Haaglanden's Banenafspraak covers Wajong, Wsw and the doelgroepregister: three Leiden
    # blocks qualify, so without the mapping file the matcher leaves it unmatched, with a note.
    rows = {p.a.id: p for p in match_blocks(H, L, mapping=None) if p.a is not None}
    assert rows["banenafspraak"].b is None
    assert "wsw" in rows["banenafspraak"].note and "wajong" in rows["banenafspraak"].note


def test_label_words_play_no_part() -> None:
    # The same blocks with every label replaced still pair the same way.
    blank_h = H.model_copy(
        update={"blocks": tuple(b.model_copy(update={"label_nl": "x"}) for b in H.blocks)}
    )
    blank_l = L.model_copy(
        update={"blocks": tuple(b.model_copy(update={"label_nl": "y"}) for b in L.blocks)}
    )
    assert _pairs(blank_h, blank_l) == _pairs(H, L)


def test_bonuses_limits_caps_and_obligation_are_compared() -> None:
    c = compare(H, L)
    age = next(b for b in c.bonuses if b.a is not None and b.a.id == "leeftijd_55_plus")
    assert age.b is not None and age.b.amount == Decimal("15000")
    assert age.difference == Decimal("15000") - Decimal("10000")
    ww = next(p for p in c.blocks if p.a is not None and p.a.id == "ww")
    assert ww.difference == Decimal("15000") - Decimal("20000")
    assert not ww.same_limit  # 12 months in Haaglanden, not stated in Leiden
    fields = {(f.section, f.key): f for f in c.fields}
    assert fields[("obligation", "percentage")].a == "5"
    assert fields[("obligation", "percentage")].b is None
    # Haaglanden's threshold follows the EU threshold; Leiden states none.
    assert fields[("obligation", "threshold_follows_eu")].a == "services_supplies"
    assert not fields[("obligation", "threshold_follows_eu")].same


def test_mapping_file_both_directions_and_registry_skips_it() -> None:
    m = load_mapping("leiden", "haaglanden")
    assert isinstance(m, RegionMapping)
    assert m.pairs["participatiewet_arbeidsbeperking"] == "banenafspraak"
    assert "bbl_dienstverband" not in m.pairs  # two Haaglanden blocks: no inverse
    assert "mappings" not in Registry([_shipped_folder()]).ids()
    assert target_groups(H)["banenafspraak"] >= {"wsw", "wajong"}


def test_a_broken_mapping_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "haaglanden--leiden.toml").write_text(
        'a = "haaglanden"\nb = "leiden"\n[pairs]\nww = "nope"\n', encoding="utf-8"
    )
    m = load_mapping("haaglanden", "leiden", folder=tmp_path)
    with pytest.raises(Exception, match="nope"):
        match_blocks(H, L, mapping=m)


PLAN = (
    Activity(
        id="a1",
        block="participatiewet",
        hours_per_week=24,
        start=date(2025, 5, 1),
        end=date(2026, 4, 30),
    ),
    Activity(
        id="a2",
        block="banenafspraak",
        hours_per_week=36,
        start=date(2025, 5, 1),
        end=date(2026, 4, 30),
        age=56,
    ),
    Activity(id="a3", block="opleiding_begeleiding", costs="2500.00"),
)


def test_value_under_pairs_and_values_by_hand() -> None:
    h, lei = value_under(PLAN, ["haaglanden", "leiden"])
    # Haaglanden (36 h): 40.000 × 24/36 × 1 = 26.666,67; (50.000 + 10.000) × 1 = 60.000;
    # costs 2.500.
    assert [r.amount for r in h.rows] == [
        Decimal("26666.67"),
        Decimal("60000.00"),
        Decimal("2500.00"),
    ]
    # Leiden (36 h assumed): 30.000 × 24/36 = 20.000; (50.000 + 15.000) × 1 = 65.000;
    # opleiding_begeleiding has no counterpart: skipped, with a note.
    assert [r.block for r in lei.rows] == [
        "participatiewet_zonder_arbeidsbeperking",
        "participatiewet_arbeidsbeperking",
        None,
    ]
    assert [r.amount for r in lei.rows] == [Decimal("20000.00"), Decimal("65000.00"), None]
    assert lei.rows[2].note
    assert lei.total == Decimal("85000.00")
    # An explicit equivalent wins (a Wsw candidate).
    (_, w) = value_under(
        PLAN[1:2], ["haaglanden", "leiden"], equivalents={"leiden": {"banenafspraak": "wsw"}}
    )
    assert w.rows[0].block == "wsw" and w.rows[0].amount == Decimal("65000.00")


def test_matcher_invariants_for_every_pair_of_shipped_catalogs() -> None:
    from itertools import permutations

    from bouwblokken import list_catalogs

    cats = [load_catalog(i.key) for i in list_catalogs()]
    for a, b in permutations(cats, 2):
        pairs = match_blocks(a, b)
        # every block of A exactly once, in A's order; every block of B at least once
        assert [p.a.id for p in pairs if p.a is not None] == [x.id for x in a.blocks]
        assert {p.b.id for p in pairs if p.b is not None} == {y.id for y in b.blocks}
        for p in pairs:
            if p.a is not None and p.b is not None:
                if p.how != "mapping":
                    assert p.a.category == p.b.category and p.a.rule.kind == p.b.rule.kind
            else:
                assert p.how in ("only_a", "only_b")


def test_benefit_duration_picks_among_split_blocks() -> None:
    # Utrecht has one Participatiewet block; Oost-Nederland splits it by months on benefit
    # (< 2 years: 30.000, > 2 years: 40.000). The matcher alone cannot choose ...
    u, o = load_catalog("utrecht"), load_catalog("oost_nederland")
    row = next(p for p in match_blocks(u, o) if p.a is not None and p.a.id == "participatiewet")
    assert row.b is None and len(row.candidates) == 2
    # ... the person's benefit duration can: 30 months on benefit → the "> 2 years" block.
    a = Activity(id="a", block="participatiewet", hours_per_week=36, benefit_months=30,
                 start=date(2025, 1, 1), end=date(2025, 12, 31))  # fmt: skip
    _, east = value_under([a], ["utrecht", "oost_nederland"])
    assert east.rows[0].block == "participatiewet_langer_dan_2_jaar"
    # 40.000 × 36/36 (the catalog's placeholder week of 36 h, unverified) × 12/12
    assert east.rows[0].amount == Decimal("40000.00")
    b = a.model_copy(update={"benefit_months": None})
    _, east = value_under([b], ["utrecht", "oost_nederland"])
    assert east.rows[0].block is None and "koppeltabel" in east.rows[0].note


def test_comparison_shows_itself_in_a_notebook() -> None:
    html = compare(H, L)._repr_html_()
    assert "participatiewet_arbeidsbeperking" in html and "koppeltabel" in html
    assert "€\u00a05.000,00" in html  # 55+ bonus: 15.000 − 10.000
