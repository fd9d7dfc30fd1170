"""Small leftovers of issues 8, 9 and 11: the house style of trail percentages, months and days
in the counting-limit trail, the pointer of a duplicate JSON key, and a linear id check."""

from __future__ import annotations

import copy
import json
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bouwblokken import Activity, Ledger, Person, Tender, evaluate
from bouwblokken.documents import read_ledger
from bouwblokken.errors import DocumentError, InputError
from bouwblokken.guard import repeated
from bouwblokken.obligation import compute_obligation as obligation_for

NBSP = "\u00a0"
ROOT = Path(__file__).resolve().parents[1]


# --- 5 % in the obligation trail ------------------------------------------------------------


def test_obligation_trail_percent_in_house_style() -> None:
    t = Tender(id="T", contract_value="1000000", percentage="5", threshold="0")
    o = obligation_for(t)
    # 5 % × 1.000.000,00 = 50.000,00
    assert f"5{NBSP}% × opdrachtwaarde €{NBSP}1.000.000,00 = €{NBSP}50.000,00" in o.explain("nl")
    assert "5%" not in o.explain("nl")
    assert "5% × contract value €1,000,000.00 = €50,000.00" in o.explain("en")
    half = obligation_for(t.model_copy(update={"percentage": Decimal("2.5")}))
    # 2,5 % × 1.000.000 = 25.000
    assert f"2,5{NBSP}% × opdrachtwaarde €{NBSP}1.000.000,00 = €{NBSP}25.000,00" in half.explain()


# --- the counting limit: months used elsewhere in months and days -------------------------


def _ww(aid: str, start: date, end: date) -> Activity:
    return Activity(
        id=aid, block="ww", person="p1", status="planned", hours_per_week=36, start=start, end=end
    )


def test_limit_trail_says_months_and_days_and_keeps_the_fraction() -> None:
    # WW counts at most 12 months. T1/a: 1 Jan – 17 Jun 2024 = 5 whole months + 17 days of
    # June (30 days) = 5 + 17/30 months. T2/b from 1 Jan 2025 reaches the limit after
    # 12 − (5 + 17/30) = 6 + 13/30 months: all of Jan–Jun 2025 and 13 days of July.
    t1 = Tender(id="T1", catalog="haaglanden", contract_value="1000000", percentage="5",
                contract_date=date(2023, 12, 1), activities=(
                    _ww("a", date(2024, 1, 1), date(2024, 6, 17)),))  # fmt: skip
    t2 = t1.model_copy(
        update={"id": "T2", "activities": (_ww("b", date(2025, 1, 1), date(2025, 12, 31)),)}
    )
    res = evaluate(Ledger(persons=(Person(id="p1"),), tenders=(t1, t2)))
    b = next(r for r in res.tender("T2").activities if r.activity.id == "b")
    text = b.valuation.explain()
    assert (
        "max. 12 maanden bereikt, waarvan 5 maanden en 17 dagen ((5 + 17/30) maanden) al in "
        "andere plaatsingen (T1/a): geteld t/m 13-07-2025"
    ) in text
    en = b.valuation.explain("en")
    assert "5 months and 17 days ((5 + 17/30) months) of them in other placements (T1/a)" in en


# --- the JSON Pointer of a duplicate key ---------------------------------------------------


def test_duplicate_key_carries_its_pointer(tmp_path: Path) -> None:
    data = json.loads((ROOT / "examples" / "ledger.json").read_text(encoding="utf-8"))
    text = json.dumps(data)
    # a second "hours_per_week" inside the second activity of the first tender
    target = json.dumps(data["tenders"][0]["activities"][1])
    doubled = target[:-1] + ', "hours_per_week": "1"}'
    path = tmp_path / "l.json"
    path.write_text(text.replace(target, doubled, 1), encoding="utf-8")
    with pytest.raises(DocumentError) as err:
        read_ledger(path)
    assert err.value.code == "document.duplicate_key"
    assert err.value.pointer == "/tenders/0/activities/1/hours_per_week"
    assert "activities[1]" in err.value.location
    # a key with / and ~ is escaped (RFC 6901)
    with pytest.raises(DocumentError) as err:
        read_ledger(b'{"x": {"a/b~": 1, "a/b~": 2}}')
    assert err.value.pointer == "/x/a~1b~0"


# --- repeated ids in one pass ----------------------------------------------------------------


@given(st.lists(st.integers(min_value=0, max_value=20)))
def test_repeated_is_what_occurs_more_than_once(items: list[int]) -> None:
    counts = Counter(items)
    assert set(repeated(items)) == {i for i, n in counts.items() if n > 1}
    assert len(repeated(items)) == len(set(repeated(items)))


class _Counted:
    """An id that counts how often it is hashed or compared."""

    calls = 0

    def __init__(self, n: int) -> None:
        self.n = n

    def __hash__(self) -> int:
        _Counted.calls += 1
        return self.n

    def __eq__(self, other: object) -> bool:
        _Counted.calls += 1
        return isinstance(other, _Counted) and other.n == self.n


@pytest.mark.parametrize("size", [1_000, 100_000])
def test_repeated_is_linear(size: int) -> None:
    ids = [_Counted(n) for n in range(size)] + [_Counted(7)]
    _Counted.calls = 0
    assert [i.n for i in repeated(ids)] == [7]
    # a quadratic check (ids.count for every id) would make size² comparisons
    assert _Counted.calls <= 4 * len(ids)


def test_options_document_with_many_options_names_the_repeated_id() -> None:
    from bouwblokken.optimize.plan import PlanRequest

    data = json.loads((ROOT / "examples" / "options.json").read_text(encoding="utf-8"))
    first = data["options"][0]
    options = []
    for n in range(3_000):
        o = copy.deepcopy(first)
        o["id"] = f"o{n}"
        options.append(o)
    options.append(dict(copy.deepcopy(first), id="o42"))
    data["options"] = options
    with pytest.raises(InputError) as err:
        PlanRequest.model_validate(data)
    assert "option ids must be unique; repeated: o42" in str(err.value)
    assert "optie-id's moeten uniek zijn; herhaald: o42" in err.value.message_nl


# --- catalog notes: Dutch first, English beside it -----------------------------------------


def test_every_shipped_note_is_dutch_with_its_english_beside_it() -> None:
    from bouwblokken.catalog.model import english_without_dutch
    from bouwblokken.catalog.registry import default_registry

    registry = default_registry()
    editions = [c for cid in registry.ids() for c in registry.editions(cid)]
    assert len(editions) >= 7
    for c in editions:
        assert len(c.notes_en) == len(c.notes), c.key
        assert english_without_dutch(c) is None
        items = [c.time, c.obligation, *c.blocks, *(b.rule for b in c.blocks), *c.bonuses]
        for item in items:
            if item.note:
                assert item.note_en and item.note != item.note_en, (c.key, item.note)
        for n in [*c.notes, *(i.note for i in items if i.note)]:
            assert not any(w in f" {n} " for w in (" the ", " is not ", " and the ")), n


def test_note_en_needs_a_dutch_note_and_notes_en_matches(tmp_path: Path) -> None:
    import shutil

    from bouwblokken.catalog.loader import load_catalog_file
    from bouwblokken.errors import CatalogFileError
    from bouwblokken.i18n import note_text, notes_text

    src = ROOT / "catalogs" / "haaglanden" / "2023-07.toml"
    text = src.read_text(encoding="utf-8")
    c = load_catalog_file(src)
    assert notes_text(c)[0].startswith("Waarden per jaar") and notes_text(c, "en")[0].startswith(
        "Values per year"
    )
    assert note_text(c.time, "en") == c.time.note_en and note_text(c.time) == c.time.note
    bad = tmp_path / "haaglanden" / "2023-07.toml"
    bad.parent.mkdir()
    shutil.copy(src, bad)
    bad.write_text(text.replace("notes_en = [\n", 'notes_en = [\n  "extra",\n', 1), "utf-8")
    with pytest.raises(CatalogFileError) as err:
        load_catalog_file(bad)
    assert err.value.location == "notes_en" and "notes_en heeft 2 notities" in err.value.describe()
    start = text.index("\nnote = ", text.index("[time]"))
    end = text.index("\n", start + 1)
    bad.write_text(text[:start] + text[end:], "utf-8")  # the Dutch note of [time] removed
    with pytest.raises(CatalogFileError) as err:
        load_catalog_file(bad)
    assert err.value.location == "time.note_en"
