"""Tabular ingestion reads numbers typed the Dutch way with the library's one parser."""

from __future__ import annotations

import pytest

from bouwblokken.portfolio.ingest import _cell, _CellError


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2.400.000", "2400000"), ("2.400.000,00", "2400000.00"), ("22,5", "22.5"), ("1.234", "1234")],
)
def test_dutch_numbers_in_cells(text: str, expected: str) -> None:
    assert _cell("contract_value", text) == expected


def test_a_malformed_number_is_refused_naming_the_column() -> None:
    with pytest.raises(_CellError, match="contract_value"):
        _cell("contract_value", "1,2,3")
