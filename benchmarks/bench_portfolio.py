"""Benchmark: reading, counting and reporting a provincial portfolio; batch path vs exact.

Run ``python benchmarks/bench_portfolio.py [--quick]`` from the repository root. Prints a
Markdown table and writes ``benchmarks/results/portfolio.json``.

Each size runs in its own child process (so its peak memory is its own), on a generated
portfolio (``bouwblokken.portfolio.synthetic``: ten activities per contract, about five per
person, four years, 2021-2024) in the issue's proportions:

- *read*: parse and validate the JSON document (``read_portfolio``);
- *exact*: :func:`bouwblokken.ledger.evaluate` on the whole portfolio (approved view,
  as of 2024-06-30): both views, every activity, with trails;
- *batch*: :func:`bouwblokken.portfolio.batch.batch_evaluate` on the same ledger, checked
  against the exact result to the cent (the ``diff`` column must be 0); split into the time of
  the vectorised arithmetic and of the exact fallback (the persons it cannot do);
- *report*: the quarterly report (:func:`bouwblokken.portfolio.monitor.monitor`) and its
  Dutch text: with the exact engine (two evaluations, with trails) for the contracts of the
  municipality with most contracts, and with the batch engine for every contract of the
  portfolio (at 20.000 activities: 2.000 contracts, the size of the issue's target).

Ratios are measured in the same process. ``--batch-only`` sizes run the batch path without the
exact comparison (the exact path would take too long): there ``diff`` is not checked.
A linear fit (seconds = a + b × activities) and the log-log exponent are printed per column.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
AS_OF = date(2024, 6, 30)
QUICK = (1_000, 2_000, 4_000)
FULL = (2_500, 5_000, 10_000, 20_000)
BATCH_ONLY_QUICK = (20_000,)
BATCH_ONLY_FULL = (100_000,)


REPORT_SIZE = 20_000
"""The size whose portfolio has 2.000 contracts: the quarterly report's target (≤ 2 s)."""


def report_baseline(p: Any, period: Any) -> dict[str, float]:
    """The quarterly report as it was counted before (two full batch evaluations: on the
    period's last day and on the day before it, with every trail written) and as it is now,
    in this process, alternating, the best of :data:`REPEAT` runs each: the ratio does not
    depend on the machine's load."""
    from decimal import Decimal

    from bouwblokken.portfolio.batch import batch_evaluate
    from bouwblokken.portfolio.monitor import monitor, time_path
    from bouwblokken.portfolio.settlement import settle_amounts

    def baseline() -> None:
        end = batch_evaluate(p.ledger("approved", as_of=period.end), as_of=period.end)
        batch_evaluate(
            p.ledger("approved", as_of=period.day_before),
            as_of=period.day_before,
            obligations=end.obligations,
        )
        forecast = end.tender_totals("forecast")
        for c in p.contracts:
            ob = end.obligations[c.id].amount
            time_path(c, ob, period.end)
            settle_amounts(ob, forecast.get(c.id, Decimal(0)), c.penalty)

    out: dict[str, float] = {}
    for _ in range(REPEAT):  # alternating, the best of each: the machine is shared
        for name, run in (
            ("report_baseline", baseline),
            ("report_again", lambda: monitor(p, period, engine="batch").table()),
        ):
            t0, c0 = time.perf_counter(), time.process_time()
            run()
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
            out[name + "_s"] = min(out.get(name + "_s", wall), wall)
            out[name + "_cpu_s"] = min(out.get(name + "_cpu_s", cpu), cpu)
    return out


REPEAT = 3


def one(n: int, *, exact: bool) -> dict[str, Any]:
    """Measure one size (in this process)."""
    from bouwblokken.ledger import evaluate
    from bouwblokken.portfolio import read_portfolio
    from bouwblokken.portfolio.batch import batch_evaluate
    from bouwblokken.portfolio.monitor import monitor
    from bouwblokken.portfolio.periods import ReportingPeriod
    from bouwblokken.portfolio.synthetic import synthetic_document

    text = json.dumps(synthetic_document(n, seed=n))
    t0 = time.perf_counter()
    p = read_portfolio(text)
    t_read = time.perf_counter() - t0
    ledger = p.ledger("approved", as_of=AS_OF)
    acts = sum(len(t.activities) for t in ledger.tenders)
    row: dict[str, Any] = {
        "activities": acts,
        "contracts": len(p.contracts),
        "persons": len(p.persons),
        "document_mb": round(len(text) / 1e6, 2),
        "read_s": t_read,
    }
    t0 = time.perf_counter()
    batch = batch_evaluate(ledger, as_of=AS_OF)
    row["batch_s"] = time.perf_counter() - t0
    row["batch_vector_s"] = batch.timings["vectorised"]
    row["batch_exact_s"] = batch.timings["exact"]
    row["batch_prepare_s"] = batch.timings["prepare"]
    row["vectorised_share"] = batch.share_vectorised
    row["fallback"] = batch.fallback
    if exact:
        t0 = time.perf_counter()
        result = evaluate(ledger, as_of=AS_OF)
        row["exact_s"] = time.perf_counter() - t0
        diff = 0
        for t in result.tenders:
            for r in t.activities:
                diff += batch.amount(t.tender.id, r.index, "forecast") != r.counted
            for r in t.realised_activities:
                diff += batch.amount(t.tender.id, r.index, "realised") != r.counted
        row["diff_cents_rows"] = diff
        buyer = max(
            {b for c in p.contracts for b in c.buyers},
            key=lambda b: sum(b in c.buyers for c in p.contracts),
        )
        t0 = time.perf_counter()
        rep = monitor(p, ReportingPeriod.quarter(2024, 2), buyer=buyer)
        text_report = rep.table()
        row["report_s"] = time.perf_counter() - t0
        row["report_contracts"] = len(rep.contracts)
        row["report_lines"] = text_report.count("\n") + 1
    t0 = time.perf_counter()
    c0 = time.process_time()
    rep_b = monitor(p, ReportingPeriod.quarter(2024, 2), engine="batch")
    rep_b.table()
    row["report_batch_s"] = time.perf_counter() - t0
    row["report_batch_cpu_s"] = time.process_time() - c0
    row["report_batch_contracts"] = len(rep_b.contracts)
    if n == REPORT_SIZE:
        row.update(report_baseline(p, ReportingPeriod.quarter(2024, 2)))
    row["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return row


def fit(xs: list[float], ys: list[float]) -> dict[str, float]:
    """seconds = a + b × n, and the exponent k of seconds ∝ n^k (log-log slope)."""
    if len(xs) < 2:
        return {}
    b, a = np.polyfit(xs, ys, 1)
    k = np.polyfit(np.log(xs), np.log(ys), 1)[0] if min(ys) > 0 else float("nan")
    return {"a_s": float(a), "b_us_per_activity": float(b) * 1e6, "exponent": float(k)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes (about a minute)")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--batch-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one, exact=not args.batch_only)))
        return
    sizes = QUICK if args.quick else FULL
    batch_only = BATCH_ONLY_QUICK if args.quick else BATCH_ONLY_FULL
    rows = []
    for n, exact in [*((n, True) for n in sizes), *((n, False) for n in batch_only)]:
        cmd = [sys.executable, __file__, "--one", str(n)] + ([] if exact else ["--batch-only"])
        out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=REPO)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(f"  measured {n} activities", file=sys.stderr)

    print(
        "| activities | contracts | persons | doc MB | read s | exact s | exact act/s |"
        " batch s | batch act/s | vectorised act/s | ratio batch | ratio vectorised |"
        " vectorised share | diff | report exact s (contracts) |"
        " report batch s (contracts) | peak MB |"
    )
    print("|" + "---|" * 17)
    for r in rows:
        n = r["activities"]
        ex = r.get("exact_s")
        vec_rate = n * r["vectorised_share"] / max(r["batch_vector_s"] + r["batch_prepare_s"], 1e-9)
        cells = [
            f"{n:,}",
            f"{r['contracts']:,}",
            f"{r['persons']:,}",
            f"{r['document_mb']}",
            f"{r['read_s']:.2f}",
            f"{ex:.2f}" if ex else "-",
            f"{n / ex:,.0f}" if ex else "-",
            f"{r['batch_s']:.2f}",
            f"{n / r['batch_s']:,.0f}",
            f"{vec_rate:,.0f}",
            f"{ex / r['batch_s']:.1f}×" if ex else "-",
            f"{vec_rate / (n / ex):.0f}×" if ex else "-",
            f"{r['vectorised_share']:.1%}",
            str(r.get("diff_cents_rows", "-")),
            f"{r['report_s']:.2f} ({r['report_contracts']})" if "report_s" in r else "-",
            f"{r['report_batch_s']:.2f} ({r['report_batch_contracts']:,})",
            f"{r['peak_mb']:.0f}",
        ]
        print("| " + " | ".join(cells) + " |")
    for r in rows:
        if "report_baseline_s" in r:
            print(
                f"quarterly report, {r['report_batch_contracts']:,} contracts (target ≤ 2 s):"
                f" {r['report_again_s']:.2f} s (cpu {r['report_again_cpu_s']:.2f} s;"
                f" best of {REPEAT});"
                f" before (two full evaluations, every trail) {r['report_baseline_s']:.2f} s"
                f" (cpu {r['report_baseline_cpu_s']:.2f} s); ratio"
                f" {r['report_baseline_cpu_s'] / r['report_again_cpu_s']:.2f}× (cpu)"
            )
    ex_rows = [r for r in rows if "exact_s" in r]
    fits = {
        col: fit([r["activities"] for r in ex_rows], [r[col] for r in ex_rows])
        for col in ("read_s", "exact_s", "batch_s", "report_s", "report_batch_s")
    }
    fits["batch_all"] = fit([r["activities"] for r in rows], [r["batch_s"] for r in rows])
    print()
    for col, f in fits.items():
        if f:
            print(
                f"fit {col}: {f['a_s']:.3f} s + {f['b_us_per_activity']:.1f} µs × activities;"
                f" exponent {f['exponent']:.2f}"
            )
    big = 1_000_000
    if fits["batch_all"]:
        est = fits["batch_all"]["a_s"] + fits["batch_all"]["b_us_per_activity"] * big / 1e6
        print(f"extrapolated batch path at {big:,} activities: {est:.0f} s (target ≤ 60 s)")
    if fits["exact_s"]:
        est = fits["exact_s"]["a_s"] + fits["exact_s"]["b_us_per_activity"] * big / 1e6
        print(f"extrapolated exact path at {big:,} activities: {est:.0f} s")
    results = REPO / "benchmarks" / "results"
    results.mkdir(exist_ok=True)
    (results / "portfolio.json").write_text(
        json.dumps(
            {
                "when": datetime.now(UTC).isoformat(timespec="seconds"),
                "python": platform.python_version(),
                "machine": platform.machine(),
                "rows": rows,
                "fits": fits,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
