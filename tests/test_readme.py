"""The README's example runs and prints what the README says, and its catalog table matches the
registry (python-holidays habit: documentation that cannot drift from the data)."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

from bouwblokken import list_catalogs

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README, flags=re.S)


def test_readme_example_prints_what_the_readme_shows() -> None:
    code = _python_blocks()[0]
    out = io.StringIO()
    namespace: dict[str, object] = {}
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), namespace)
    printed = out.getvalue().replace("\xa0", " ")  # € and its amount: a no-break space
    assert "5 % × opdrachtwaarde € 1.000.000,00 = € 50.000,00" in printed
    # Left: 5 % × 1.000.000 = 50.000 − (40.000 + 10.000) × 24/36 × 12/12 − 2.500 costs
    # = 50.000 − 33.333,33 − 2.500 = 14.166,67 (the desk's number, by hand).
    assert "€ 14.166,67" in printed and "€ 14.166,67" in README
    result = namespace["result"]
    trail = result.tenders[0].activities[0].valuation.explain().replace("\xa0", " ")  # type: ignore[attr-defined]
    shown = re.search(r"```text\n(.*?)```", README, flags=re.S)
    assert shown is not None
    for line in shown.group(1).strip().splitlines():
        assert line in trail.splitlines(), line


def test_readme_catalog_table_matches_the_registry() -> None:
    rows = re.findall(r"^\| (\w+) \| ([\w.-]+) \| .+ \|$", README, flags=re.M)
    listed = {f"{cid}@{edition}" for cid, edition in rows if cid not in {"id", "part"}}
    shipped = {info.key for info in list_catalogs()}
    assert listed == shipped
