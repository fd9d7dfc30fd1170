"""Benchmark: reading a ledger document is linear in its size.

Run ``python benchmarks/bench_reading.py [--quick]`` from the repository root. Builds ledgers
of growing size (persons, tenders, activities in the canonical string form), reads each with
:func:`bouwblokken.documents.read_ledger` (hardened JSON parsing + validation) and, as the
baseline in the same process, with plain ``json.loads``. Prints a Markdown table (size,
seconds, ratio to ``json.loads``, seconds per MB) and writes ``benchmarks/results/reading.json``.

Linear reading shows as a constant "s/MB" column; the issue's target is 10 MB in seconds.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from bouwblokken.documents import read_ledger  # noqa: E402


def ledger_text(persons: int) -> str:
    """A ledger with ``persons`` persons, one tender per 500 persons, one activity each."""
    tenders = []
    for t in range(max(1, persons // 500)):
        acts = []
        for i in range(t * 500, min(persons, (t + 1) * 500)):
            acts.append(
                {
                    "id": f"a{i}",
                    "person": f"p{i}",
                    "status": "realised" if i % 2 else "planned",
                    "block": "participatiewet",
                    "hours_per_week": "24",
                    "start": "2025-01-01",
                    "end": "2025-12-31",
                    "note": "werkervaringsplaats groenonderhoud",
                }
            )
        tenders.append(
            {
                "id": f"T{t}",
                "catalog": "haaglanden",
                "contract_value": "1000000",
                "contract_type": "services",
                "contract_date": "2025-01-01",
                "start": "2025-01-01",
                "end": "2026-12-31",
                "activities": acts,
            }
        )
    doc = {
        "format": "bouwblokken.ledger/1",
        "persons": [{"id": f"p{i}"} for i in range(persons)],
        "tenders": tenders,
    }
    return json.dumps(doc, indent=2)


def timed(fn: Any, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes only")
    args = parser.parse_args(argv)
    sizes = [1_000, 4_000, 16_000] if args.quick else [1_000, 4_000, 16_000, 36_000]
    repeat = 1 if args.quick else 3
    rows = []
    print("| persons | MB | read_ledger s | json.loads s | ratio | s/MB |")
    print("|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        text = ledger_text(n)
        raw = text.encode()
        mb = len(raw) / 1e6
        ours = timed(lambda raw=raw: read_ledger(raw, name="bench"), repeat)
        base = timed(lambda text=text: json.loads(text), repeat)
        row = {
            "persons": n,
            "mb": round(mb, 2),
            "read_ledger_s": round(ours, 3),
            "json_loads_s": round(base, 4),
            "ratio": round(ours / base, 1),
            "s_per_mb": round(ours / mb, 3),
        }
        rows.append(row)
        print(
            f"| {n} | {row['mb']} | {row['read_ledger_s']} | {row['json_loads_s']} | "
            f"{row['ratio']} | {row['s_per_mb']} |"
        )
    out = REPO / "benchmarks" / "results" / "reading.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(
            {
                "when": datetime.now(UTC).isoformat(timespec="seconds"),
                "python": platform.python_version(),
                "rows": rows,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
