"""The worked notebooks in ``docs/notebooks`` run top to bottom without an error output.

Run only these with ``pytest -m notebooks``; they need the ``docs`` extra (nbclient, nbformat,
ipykernel) and the ``charts`` and ``pandas`` extras the notebooks use.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

nbclient = pytest.importorskip("nbclient")
nbformat = pytest.importorskip("nbformat")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")
pytest.importorskip("pandas")

NOTEBOOKS = Path(__file__).resolve().parents[1] / "docs" / "notebooks"
NAMES = ("adviser", "bid-team", "integrator", "portfolio")

pytestmark = pytest.mark.notebooks


def test_every_notebook_is_listed() -> None:
    assert sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb")) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # The kernel starts in docs/notebooks: give it this checkout's code (a relative
    # PYTHONPATH=src would point elsewhere there).
    src = str(NOTEBOOKS.parents[1] / "src")
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join(filter(None, (src, os.environ.get("PYTHONPATH"))))
    )
    path = NOTEBOOKS / f"{name}.ipynb"
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()  # raises CellExecutionError on an exception in a cell
    errors = [
        (n, out.get("ename"), out.get("evalue"))
        for n, cell in enumerate(nb.cells)
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if out.get("output_type") == "error"
        or (out.get("output_type") == "stream" and out.get("name") == "stderr")
    ]
    assert not errors, f"{name}.ipynb: error output in cells {errors}"
