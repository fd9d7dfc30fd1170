"""One formatting and word layer: Babel numbers, the no-break space, the word table."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bouwblokken.i18n import DUTCH_WORDS, WORDS, label, optimizer_reason
from bouwblokken.money import NBSP, format_day, format_eur, format_percent, format_quantity


def test_euro_sign_never_breaks_from_its_amount() -> None:
    assert format_eur(Decimal("13223.74")) == f"€{NBSP}13.223,74"
    assert format_eur(Decimal("-5000")) == f"-€{NBSP}5.000,00"
    assert format_eur(Decimal("13223.74"), lang="en") == "€13,223.74"


def test_percent_the_same_everywhere() -> None:
    # 110.000 / 120.000 = 91,666… % → one decimal half up: 91,7 %
    assert format_percent(Decimal("91.7")) == f"91,7{NBSP}%"
    assert format_percent(Decimal("91.7"), lang="en") == "91.7%"


def test_quantities_and_dates() -> None:
    assert format_quantity(Decimal("22.5")) == "22,5"
    assert format_quantity(Decimal("24.0000")) == "24"
    assert format_day(date(2025, 5, 1)) == "01-05-2025"
    assert format_day(date(2025, 5, 1), style="long") == "1 mei 2025"
    assert format_day(date(2025, 5, 1), lang="en") == "01/05/2025"


def test_every_code_has_a_dutch_word_and_reads_back() -> None:
    for kind, table in WORDS.items():
        for code, (nl, en) in table.items():
            assert nl and en
            assert DUTCH_WORDS[kind][nl.lower()] == code
    assert label("status", "planned") == "gepland"
    assert label("flag", "labour_disability") == "arbeidsbeperking"
    assert label("limit", "not_stated") == "niet vermeld"
    assert label("category", "new_code") == "new_code"  # unknown codes still show


def test_optimizer_reasons_in_dutch() -> None:
    text = optimizer_reason("max_units", "bea", 1, "nl")
    assert text == "optie 'bea' staat op haar maximum van 1 eenheid"
    assert optimizer_reason("max_units", "bea", 3, "nl").endswith("van 3 eenheden")
    assert "€\u00a05.000,00" in optimizer_reason("category_cap", "learning", 500000, "nl")
    assert "'leren'" in optimizer_reason("category_cap", "learning", 500000, "nl")


def test_optimizer_notes_in_dutch() -> None:
    from bouwblokken.i18n import optimizer_note

    assert (
        optimizer_note("existing activities already count €13,223.74")
        == "bestaande activiteiten tellen al €\u00a013.223,74"
    )
    note = "share cap sc: items under €500.00 do not count; options are not checked against it"
    assert optimizer_note(note).startswith("maximaal aandeel sc: items onder €\u00a0500,00")
    assert optimizer_note(note, "en") == note


def test_validation_messages_in_dutch() -> None:
    import pytest
    from pydantic import ValidationError

    from bouwblokken import Activity
    from bouwblokken.i18n import validation_text

    with pytest.raises(ValidationError) as info:
        Activity(block="ww", hours_per_week=-5, colour="blue")  # type: ignore[call-arg]
    errors = {e["loc"][0]: e for e in info.value.errors()}
    assert validation_text(errors["hours_per_week"]) == "moet minstens 0 zijn"
    assert validation_text(errors["colour"]).startswith("onbekend veld")
    assert "greater than or equal to 0" in validation_text(errors["hours_per_week"], "en")
