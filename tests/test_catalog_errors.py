"""Every way a catalog file, a catalog lookup or an activity can be wrong fails loudly, naming
the file, the field and the reason (one deliberately broken file per failure mode)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from bouwblokken.activity import Activity
from bouwblokken.catalog.loader import load_catalog_file, parse_catalog
from bouwblokken.catalog.registry import Registry, load_catalog
from bouwblokken.errors import (
    BouwblokkenError,
    CatalogError,
    CatalogFileError,
    NoEditionInForceError,
    UnknownBlockError,
    UnknownCatalogError,
    ValuationError,
)
from bouwblokken.valuation import value_activity

BROKEN = Path(__file__).parent / "fixtures" / "broken"
SHIPPED = Path(__file__).parents[1] / "catalogs" / "haaglanden" / "2023-07.toml"


def load_error(name: str) -> tuple[Path, CatalogFileError]:
    path = BROKEN / name
    with pytest.raises(CatalogFileError) as info:
        load_catalog_file(path)
    err = info.value
    assert isinstance(err, ValueError)
    assert isinstance(err, CatalogError)
    assert isinstance(err, BouwblokkenError)
    assert err.path == str(path)
    assert str(err).startswith(f"{path}: ")
    return path, err


# (file, field path, words of the reason)
FILE_ERRORS = [
    ("not_toml.toml", "", "not valid TOML"),
    ("not_utf8.toml", "", "not UTF-8"),
    ("unknown_key.toml", "blocks[1] (ww).rule.amout", "unknown key 'amout'"),
    ("unknown_key_optional.toml", "blocks[1] (ww).counting_limt", "unknown key 'counting_limt'"),
    ("missing_field.toml", "blocks[1] (ww).label_en", "required field is missing"),
    ("amount_three_decimals.toml", "blocks[1] (ww).rule.amount", "at most 2 decimals"),
    ("unknown_rule_kind.toml", "blocks[1] (ww).rule", "'per_week'"),
    ("percentage_negative.toml", "obligation.percentage", "greater than or equal to 0"),
    # An invoice may count up to 1000% ("factuur + 100 % bonus" is 200%); a percentage of the
    # obligation at most 100%.
    ("percentage_over_1000.toml", "blocks[1] (ww).rule.percentage", "less than or equal to 1000"),
    ("percentage_over_100.toml", "obligation.percentage", "less than or equal to 100"),
    # Rules between fields.
    ("duplicate_block_id.toml", "blocks[2] (ww).id", "repeated: ww"),
    ("bonus_unknown_block.toml", "bonuses[0] (leeftijd_55_plus).blocks", "unknown blocks: wia"),
    (
        "replaces_unknown_bonus.toml",
        "bonuses[0] (leeftijd_55_plus).replaces",
        "replaces unknown bonuses: leeftijd_50_plus",
    ),
    ("until_before_from.toml", "effective_until", "effective_until is before effective_from"),
    ("missing_effective_from.toml", "effective_from", "effective_from is missing"),
    # Obligation fields of issue 8.
    ("threshold_follows_eu_and_threshold.toml", "obligation", "leave out threshold"),
    (
        "threshold_follows_eu_unknown.toml",
        "obligation.threshold_follows_eu",
        "'services_supplies' or 'by_contract_type'",
    ),
    (
        "percentage_by_unknown_contract_type.toml",
        "obligation.percentage_by_contract_type.building.[key]",
        "'works', 'services' or 'supplies'",
    ),
    (
        "offer_inclusive_not_boolean.toml",
        "obligation.offer_percentage_min_inclusive",
        "valid boolean",
    ),
    ("offer_range_reversed.toml", "obligation", "offer_percentage_max is below"),
    # Edition order.
    ("edition_order_zero.toml", "edition_order", "greater than or equal to 1"),
]


def test_every_broken_file_is_tested() -> None:
    assert {name for name, _, _ in FILE_ERRORS} == {p.name for p in BROKEN.glob("*.toml")}


@pytest.mark.parametrize(("name", "location", "reason"), FILE_ERRORS)
def test_broken_file_names_file_field_and_reason(name: str, location: str, reason: str) -> None:
    path, err = load_error(name)
    assert err.location == location
    assert reason in err.reason
    where = f"{path}: {location}: " if location else f"{path}: "
    assert str(err).startswith(where)
    assert str(err).endswith(err.reason)


def test_misspelt_key_suggests_the_right_one() -> None:
    _, err = load_error("unknown_key.toml")
    assert "did you mean 'amount'?" in err.reason


def test_parse_catalog_names_its_source() -> None:
    with pytest.raises(CatalogFileError) as info:
        parse_catalog("format_version = [", source="inline text")
    assert str(info.value).startswith("inline text: ")
    assert info.value.path == "inline text"


def test_unreadable_file() -> None:
    missing = BROKEN / "does_not_exist.toml"
    with pytest.raises(CatalogFileError, match="cannot read the file") as info:
        load_catalog_file(missing)
    assert info.value.path == str(missing)


# --- the registry -------------------------------------------------------------------------------


def test_id_must_match_its_folder(tmp_path: Path) -> None:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    copy = folder / "2023-07.toml"
    shutil.copyfile(SHIPPED, copy)
    reg = Registry([tmp_path])
    assert reg.ids() == ["elsewhere"]
    with pytest.raises(CatalogFileError) as info:
        reg.load("elsewhere")
    err = info.value
    assert isinstance(err, ValueError)
    assert isinstance(err, BouwblokkenError)
    assert err.path == str(copy)
    assert err.location == "id"
    assert "'haaglanden'" in err.reason
    assert "'elsewhere'" in err.reason
    assert str(err).startswith(f"{copy}: id: ")


def test_registry_reports_a_broken_file_in_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    shutil.copyfile(BROKEN / "missing_field.toml", folder / "2025-01.toml")
    with pytest.raises(CatalogFileError) as info:
        Registry([tmp_path]).load("broken")
    assert info.value.path == str(folder / "2025-01.toml")
    assert info.value.location == "blocks[1] (ww).label_en"


def test_registry_folder_must_exist(tmp_path: Path) -> None:
    with pytest.raises(CatalogFileError, match="does not exist"):
        Registry([tmp_path / "nope"])


def test_unknown_catalog_lists_the_known_ones() -> None:
    with pytest.raises(UnknownCatalogError) as info:
        load_catalog("nope")
    err = info.value
    assert isinstance(err, LookupError)
    assert isinstance(err, CatalogError)
    assert isinstance(err, BouwblokkenError)
    assert err.catalog_id == "nope"
    assert "haaglanden" in err.known
    assert "'nope'" in str(err)
    assert "haaglanden" in str(err)


def test_no_edition_in_force_names_the_editions() -> None:
    with pytest.raises(NoEditionInForceError) as info:
        load_catalog("haaglanden", on=date(2020, 1, 1))
    err = info.value
    assert isinstance(err, LookupError)
    assert isinstance(err, BouwblokkenError)
    assert err.on == date(2020, 1, 1)
    msg = str(err)
    assert "2020-01-01" in msg
    assert "haaglanden@2023-07" in msg
    assert "2023-07-01" in msg
    assert "contract_date" in msg


def test_unknown_edition_names_the_editions() -> None:
    with pytest.raises(NoEditionInForceError, match="haaglanden@2023-07"):
        load_catalog("haaglanden", edition="1999-01")
    with pytest.raises(NoEditionInForceError, match="1999-01"):
        load_catalog("haaglanden@1999-01")


# --- valuation inputs ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def haaglanden():  # type: ignore[no-untyped-def]
    return load_catalog("haaglanden", on=date(2024, 1, 1))


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"block": "participatiewet", "hours_per_week": 24, "start": date(2025, 1, 1)}, "end"),
        ({"block": "participatiewet", "hours_per_week": 24, "end": date(2025, 6, 30)}, "start"),
        (
            {"block": "participatiewet", "start": date(2025, 1, 1), "end": date(2025, 6, 30)},
            "hours_per_week",
        ),
        (
            {
                "block": "loonkostensubsidie",
                "hours_per_week": 24,
                "start": date(2025, 1, 1),
                "end": date(2025, 6, 30),
            },
            "subsidy_end",
        ),
        ({"block": "opleiding_begeleiding"}, "costs"),
    ],
)
def test_missing_input_names_field_and_record(haaglanden, kw: dict, field: str) -> None:  # type: ignore[no-untyped-def]
    activity = Activity(id="plan-7", **kw)
    with pytest.raises(ValuationError) as info:
        value_activity(activity, haaglanden)
    err = info.value
    assert isinstance(err, ValueError)
    assert isinstance(err, BouwblokkenError)
    assert err.field == field
    assert err.record == "activity 'plan-7'"
    assert str(err).startswith(f"activity 'plan-7': {field}: ")
    assert kw["block"] in str(err)


def test_unknown_block_names_block_record_and_edition(haaglanden) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnknownBlockError) as info:
        value_activity(Activity(block="nope", hours_per_week=36), haaglanden)
    err = info.value
    assert isinstance(err, ValuationError)
    assert isinstance(err, LookupError)
    assert isinstance(err, BouwblokkenError)
    assert err.block_id == "nope"
    assert err.field == "block"
    assert err.edition == "haaglanden@2023-07"
    msg = str(err)
    assert "'nope'" in msg
    assert "haaglanden@2023-07" in msg
    assert "participatiewet" in msg  # lists the blocks there are


def test_unknown_block_names_the_record(haaglanden) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnknownBlockError) as info:
        value_activity(Activity(id="plan-7", block="nope"), haaglanden)
    assert info.value.record == "activity 'plan-7'"
    assert str(info.value).startswith("activity 'plan-7': block: ")


def test_activity_end_before_start() -> None:
    with pytest.raises(ValidationError, match=r"end \(2025-01-01\) is before start \(2025-02-01\)"):
        Activity(block="ww", start=date(2025, 2, 1), end=date(2025, 1, 1))


# --- edition order (issue 8: editions ordered explicitly, never by label) ----------------------


def _edition(folder: Path, edition: str, *, order: int | None, effective_from: str | None) -> Path:
    """A copy of the shipped Haaglanden file as another edition of catalog ``folder``."""
    text = SHIPPED.read_text(encoding="utf-8")
    text = text.replace('id = "haaglanden"', f'id = "{folder.name}"')
    text = text.replace('edition = "2023-07"', f'edition = "{edition}"')
    dated = f"effective_from = {effective_from}\n" if effective_from else "verified = false\n"
    if order is not None:
        dated += f"edition_order = {order}\n"
    text = text.replace("effective_from = 2023-07-01\n", dated)
    folder.mkdir(exist_ok=True)
    path = folder / f"{edition}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_undated_editions_follow_edition_order_not_their_labels(tmp_path: Path) -> None:
    # "zzz-old" sorts after "aaa-new" by label; edition_order says it is the older one.
    folder = tmp_path / "regio"
    _edition(folder, "zzz-old", order=1, effective_from=None)
    _edition(folder, "aaa-new", order=2, effective_from=None)
    reg = Registry([tmp_path])
    assert [c.edition for c in reg.editions("regio")] == ["zzz-old", "aaa-new"]
    assert reg.load("regio").edition == "aaa-new"
    assert reg.load("regio", on=date(2024, 1, 1)).edition == "aaa-new"


def test_two_undated_editions_without_order_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "regio"
    _edition(folder, "a", order=None, effective_from=None)
    _edition(folder, "b", order=None, effective_from=None)
    with pytest.raises(CatalogFileError) as info:
        Registry([tmp_path]).editions("regio")
    assert info.value.location == "edition_order"
    assert "cannot be ordered (neither states a date)" in info.value.reason


@pytest.mark.parametrize(
    ("orders", "reason"),
    [((1, None), "give this one too"), ((1, 1), "edition_order 1 is also used by")],
)
def test_edition_order_on_every_edition_and_unique(
    tmp_path: Path, orders: tuple[int | None, int | None], reason: str
) -> None:
    folder = tmp_path / "regio"
    _edition(folder, "a", order=orders[0], effective_from=None)
    _edition(folder, "b", order=orders[1], effective_from=None)
    with pytest.raises(CatalogFileError) as info:
        Registry([tmp_path]).editions("regio")
    assert info.value.location == "edition_order"
    assert reason in info.value.reason


def test_edition_order_must_agree_with_the_dates(tmp_path: Path) -> None:
    folder = tmp_path / "regio"
    _edition(folder, "2024-01", order=1, effective_from="2024-01-01")
    _edition(folder, "2023-01", order=2, effective_from="2023-01-01")
    with pytest.raises(CatalogFileError) as info:
        Registry([tmp_path]).editions("regio")
    assert "in force earlier" in info.value.reason
