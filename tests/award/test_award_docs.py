"""docs/award.md and its English twin docs/en/award.md show what the library computes now: their
tables are regenerated and compared."""

from __future__ import annotations

from pathlib import Path

import pytest

from bouwblokken.award import (
    compare_bids,
    compare_formulas,
    design_obligation,
    load_formulas,
    read_bids,
)
from bouwblokken.award.table import comparison_table, design_table, ranking_table, score_trails

ROOT = Path(__file__).resolve().parents[2]
PAGES = ("award.md", "en/award.md")
EXAMPLES = ROOT / "examples" / "award"


@pytest.fixture(scope="module")
def parts() -> dict[str, str]:
    doc = read_bids(EXAMPLES / "bids.json")
    bids = compare_bids(doc.tender, doc.bids)
    fc = compare_formulas(load_formulas(EXAMPLES / "formulas.toml"), bids)
    design = design_obligation(
        doc.tender.model_copy(update={"labour_share_percent": 25}),
        rule_sets=["catalog", "leidschendam_voorburg", "rijksoverheid"],
        percentages=[2, 3, 5],
    )
    return {
        "design": design_table(design),
        "comparison": comparison_table(bids),
        "ranking": ranking_table(fc),
        "trails": score_trails(fc),
    }


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("name", ["design", "comparison", "ranking", "trails"])
def test_doc_block_is_current(parts: dict[str, str], name: str, page: str) -> None:
    doc = (ROOT / "docs" / page).read_text("utf-8")
    shown = parts[name].replace("\xa0", " ")  # € and its amount: a no-break space (issue 9)
    assert f"```text\n{shown}\n```" in doc, f"docs/{page}: the {name} block is stale"


def test_doc_is_in_the_site_nav() -> None:
    assert "award.md" in (ROOT / "mkdocs.yml").read_text("utf-8")
