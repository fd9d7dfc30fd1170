"""A catalog in a notebook: HTML view, find_block, suggestions, DataFrame."""

from __future__ import annotations

import pytest

from bouwblokken import load_catalog
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
