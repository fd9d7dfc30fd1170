"""Data flows one way: core modules never import a view (display, documents, cli, http, excel)."""

from __future__ import annotations

import ast
from pathlib import Path

import bouwblokken
from bouwblokken.views import registered

SRC = Path(__file__).resolve().parents[1] / "src" / "bouwblokken"
VIEWS = ("bouwblokken.display", "bouwblokken.documents", "bouwblokken.cli",
         "bouwblokken.http", "bouwblokken.excel")  # fmt: skip
CORE = [
    "ledger.py", "valuation.py", "obligation.py", "activity.py", "tender.py", "money.py",
    "periods.py", "compare.py", "parse.py", "i18n.py", "views.py", "catalog/model.py",
    "catalog/registry.py", "optimize/plan.py", "optimize/solution.py",
]  # fmt: skip


def _imports(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return out


def test_core_imports_no_view() -> None:
    for name in CORE:
        path = SRC / name
        if not path.exists():
            continue
        bad = {m for m in _imports(path) if m.startswith(VIEWS)}
        assert not bad, f"{name} imports {bad}"


def test_views_are_registered_on_import() -> None:
    assert bouwblokken.__version__
    assert {"ledger.table", "ledger.html", "plan.table", "catalog.html"} <= set(registered())
