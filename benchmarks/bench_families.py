"""Benchmark: our portfolio against scipy/HiGHS and plain OR-Tools CP-SAT on the hard families.

Run ``python benchmarks/bench_families.py [--quick]`` from the repository root (needs the
``test`` and ``optimize`` extras). Prints a Markdown table and writes
``benchmarks/results/families.json``.

Every row solves the same instances (``tests/optimize/strategies.py``, fixed seed) in one
process with three solvers, each with a per-call time limit (:data:`TIME_LIMIT`):

- **ours**: :func:`bouwblokken.optimize.solve` (branch and bound, CP-SAT when it does not close,
  the tie rule proven);
- **HiGHS**: the textbook MILP of ``tests/optimize/reference_milp.py``, ``mip_rel_gap=0``;
- **CP-SAT**: the same integer model, least cost only (no tie rule), one worker.

The ratio is *best peer median / our median* (>= 1: we are at least as fast as the best peer).
The exact oracle is CP-SAT's proven optimum (it agreed with an exact DP everywhere we looked;
``tests/optimize/test_portfolio.py`` checks the small sizes against ``reference_dp.py``): a
disagreement is a proven cost of ours or HiGHS's that differs from it, or a status that does.
The multi-contract row plans 5 tenders × 40 candidates with :mod:`bouwblokken.optimize.multi`.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "optimize"))

import reference_milp as highs  # noqa: E402
from multi_instances import multi_request  # noqa: E402
from multi_milp import highs_multi  # noqa: E402
from strategies import ADVERSARIAL, people_frontier, realistic_problem  # noqa: E402

from bouwblokken.money import round_cents  # noqa: E402
from bouwblokken.optimize import cpsat, solve  # noqa: E402
from bouwblokken.optimize.frontier import pareto_people  # noqa: E402
from bouwblokken.optimize.limits import Limits  # noqa: E402
from bouwblokken.optimize.multi import plan_contracts  # noqa: E402
from bouwblokken.optimize.pareto import people_frontier_plans  # noqa: E402
from bouwblokken.optimize.problem import Problem  # noqa: E402

SEED = 20_261_201
TIME_LIMIT = 10.0
highs.HIGHS_OPTIONS["time_limit"] = TIME_LIMIT

FAMILIES: dict[str, Callable[[random.Random, int], Problem]] = {
    "typical": realistic_problem,
    **ADVERSARIAL,
}
SIZES = {
    "typical": (20, 200, 500),
    "near_identical": (16, 128, 200, 300, 500),
    "coprime_large": (80, 320, 500),
    "tight_caps": (48, 96, 192, 300, 500),
    "infeasible": (200, 500),
}
TARGETS = {
    ("typical", 20): 0.5,
    ("near_identical", 128): 50.0,
    ("tight_caps", 192): 1000.0,
}
"""Median targets in ms from the issue (besides ratio >= 1 on every row)."""
FRONTIER_TARGETS = {20: 20.0, 160: 500.0}
"""People-frontier median targets in ms by options (the issue's)."""


def peer_cpsat(problem: Problem) -> tuple[str, int | None]:
    mdl = cpsat._Model(
        problem, target=None, budget=problem.budget_cents, min_people=0
    )  # the plain model, least cost only
    mdl.model.minimize(mdl.cost)
    name, solver = mdl.run(Limits(TIME_LIMIT))
    if name == "OPTIMAL":
        return "optimal", problem.cost(mdl.values(solver))
    if name == "INFEASIBLE":
        return "infeasible", None
    return "timeout", None


def peer_highs(problem: Problem) -> tuple[str, int | None]:
    try:
        plan = highs.min_cost(problem)
    except RuntimeError:
        return "timeout", None
    return ("infeasible", None) if plan is None else ("optimal", plan.cost_cents)


def ours(problem: Problem) -> tuple[str, int | None]:
    sol = solve(problem, time_limit=TIME_LIMIT)
    cost = sol.cost_cents if sol.status in ("optimal", "feasible") else None
    return sol.status, cost


def timed(
    fn: Callable[[Problem], Any], problems: Sequence[Problem]
) -> tuple[list[float], list[Any]]:
    times, out = [], []
    for p in problems:
        t0 = time.perf_counter()
        out.append(fn(p))
        times.append(time.perf_counter() - t0)
    return times, out


def stats(times: Sequence[float]) -> dict[str, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "median_ms": 1e3 * statistics.median(times),
        "p95_ms": 1e3 * p95,
        "max_ms": 1e3 * ordered[-1],
    }


MULTI_SIZES = ((2, 10), (3, 20), (5, 40), (8, 60))
"""Multi-contract sizes (tenders × candidates); the target is on 5 × 40."""


def run_multi(n: int) -> dict[str, Any]:
    """The multi-contract rows: ``n`` generated pools a size, each planned once with the time
    limit; median time, how many were proven optimal and the largest gap to the proven bound;
    beside it scipy/HiGHS on an hour-level MILP of the same placements
    (``tests/optimize/multi_milp.py``), and disagreements between two proven optima."""
    rows = []
    for tenders, cands in MULTI_SIZES if n else ():
        times, cpu, status = [], [], []
        h_times, h_proven, disagree = [], 0, 0
        for k in range(n):
            req = multi_request(random.Random(f"{SEED}-multi-{k}"), tenders, cands)
            t0, c0 = time.perf_counter(), time.process_time()
            plan = plan_contracts(req, time_limit=TIME_LIMIT)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
            gap = None
            if plan.bound is not None and plan.cost + plan.fines > 0:
                gap = float((plan.cost + plan.fines - plan.bound) / (plan.cost + plan.fines))
            status.append((plan.status, gap))
            t0 = time.perf_counter()
            h_status, h_thirds, _ = highs_multi(req, time_limit=TIME_LIMIT)
            h_times.append(time.perf_counter() - t0)
            h_proven += h_status == "optimal"
            if h_status == "optimal" and plan.status == "optimal" and plan.met:
                disagree += round_cents(Fraction(h_thirds or 0, 300)) != plan.cost
            print(
                f"multi {tenders}×{cands} #{k}: {times[-1]:.2f} s (CPU {cpu[-1]:.2f} s) "
                f"{plan.status} gap {gap}; "
                f"HiGHS {h_times[-1]:.2f} s {h_status}",
                flush=True,
            )
        rows.append(
            {
                "tenders": tenders,
                "candidates": cands,
                "ours": stats(times),
                "ours_cpu": stats(cpu),
                "proven": sum(1 for s, _ in status if s == "optimal"),
                "n": n,
                "max_gap": max((g or 0.0) for _, g in status),
                "highs": stats(h_times),
                "highs_proven": h_proven,
                "disagreements": disagree,
            }
        )
    target = next((r for r in rows if (r["tenders"], r["candidates"]) == (5, 40)), None)
    return {"rows": rows, "target": target}


def run(per_row: int, multi_n: int, only: Sequence[str] = ()) -> dict[str, Any]:
    rows: list[dict[str, Any]] = []
    disagreements: list[str] = []
    # warm up imports and caches (OR-Tools loads in ~0,5 s once)
    solve(realistic_problem(random.Random(0), 20))
    peer_cpsat(realistic_problem(random.Random(0), 20))
    for fam, sizes in SIZES.items():
        if only and fam not in only:
            continue
        for n in sizes:
            rng = random.Random(f"{SEED}-{fam}-{n}")
            probs = [FAMILIES[fam](rng, n) for _ in range(per_row)]
            t_o, r_o = timed(ours, probs)
            t_c, r_c = timed(peer_cpsat, probs)
            t_h, r_h = timed(peer_highs, probs)
            for k, (o, c, h) in enumerate(zip(r_o, r_c, r_h, strict=True)):
                if c[0] == "timeout":
                    continue  # no oracle for this instance
                for who, got in (("ours", o), ("HiGHS", h)):
                    if got[0] == "optimal" and c[0] == "optimal" and got[1] != c[1]:
                        disagreements.append(f"{fam} {n} #{k}: {who} cost {got[1]} != {c[1]}")
                    if (got[0] == "infeasible") != (c[0] == "infeasible") and got[0] != "timeout":
                        disagreements.append(f"{fam} {n} #{k}: {who} {got[0]}, oracle {c[0]}")
            so, sc, sh = stats(t_o), stats(t_c), stats(t_h)
            best_peer = min(sc["median_ms"], sh["median_ms"])
            rows.append(
                {
                    "family": fam,
                    "options": n,
                    "n": per_row,
                    "ours": so,
                    "cpsat": sc,
                    "highs": sh,
                    "ratio": best_peer / so["median_ms"],
                    "ours_unproven": sum(1 for o in r_o if o[0] in ("feasible", "unknown")),
                    "peer_timeouts": {
                        "cpsat": sum(1 for c in r_c if c[0] == "timeout"),
                        "highs": sum(1 for h in r_h if h[0] == "timeout"),
                    },
                }
            )
            print(row_line(rows[-1]), flush=True)
    # the people frontier: the one-pass Pareto lists (ours) against the epsilon-constraint walk
    # (one exact min-cost search per point, the method before; the peers have no frontier)
    frontier = []
    for n in (20, 40, 160) if not only or "frontier" in only else ():
        rng = random.Random(f"{SEED}-frontier-{n}")
        probs = [people_frontier(rng, n) for _ in range(max(3, per_row // 2))]
        t, got = timed(lambda p: pareto_people(p, time_limit=TIME_LIMIT), probs)
        tw, walk = timed(lambda p: pareto_people(p, method="search", time_limit=TIME_LIMIT), probs)
        # the integer-key lists alone (the one-pass method before the numpy arrays)
        ti, keys = timed(
            lambda p: people_frontier_plans(p, Limits(TIME_LIMIT), engine="python"), probs
        )
        for k, (a, b) in enumerate(zip(got, walk, strict=True)):
            proven = all(s.is_optimal for s in a) and all(s.is_optimal for s in b)
            if proven and [s.units for s in a] != [s.units for s in b]:
                disagreements.append(f"frontier {n} #{k}: the lists and the walk differ")
        row = {
            "options": n,
            "ours": stats(t),
            "walk": stats(tw),
            "n": len(probs),
            "ours_unproven": sum(1 for a in got if not all(s.is_optimal for s in a)),
            "walk_unproven": sum(1 for b in walk if not all(s.is_optimal for s in b)),
            "integer_keys": stats(ti),
            "integer_keys_unproven": sum(1 for x in keys if x is not None and not x[1]),
        }
        row["ratio"] = row["walk"]["median_ms"] / row["ours"]["median_ms"]
        frontier.append(row)
        print(f"frontier {n}: {stats(t)} walk {stats(tw)} integer keys {stats(ti)}", flush=True)
    multi = run_multi(multi_n if not only or "multi" in only else 0)
    disagreements += [
        f"multi {r['tenders']}×{r['candidates']}: {r['disagreements']} proven optima differ"
        for r in multi["rows"]
        if r["disagreements"]
    ]
    return {
        "meta": {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "python": platform.python_version(),
            "machine": platform.machine(),
            "seed": SEED,
            "time_limit_s": TIME_LIMIT,
            "per_row": per_row,
        },
        "rows": rows,
        "frontier": frontier,
        "multi": multi,
        "disagreements": disagreements,
    }


def row_line(r: dict[str, Any]) -> str:
    target = TARGETS.get((r["family"], r["options"]))
    goal = (
        ""
        if target is None
        else f" ≤ {target:g} ms {'✓' if r['ours']['median_ms'] <= target else '✗'};"
    )
    ok = "✓" if r["ratio"] >= 1.0 else "✗"
    to = r["peer_timeouts"]
    return (
        f"| {r['family']} | {r['options']} | {r['n']} | {r['ours']['median_ms']:.3g} "
        f"| {r['ours']['p95_ms']:.3g} | {r['cpsat']['median_ms']:.3g} "
        f"| {r['highs']['median_ms']:.3g} "
        f"| {r['ratio']:.2f} {ok} |{goal} unproven {r['ours_unproven']}, timeouts CP-SAT "
        f"{to['cpsat']} HiGHS {to['highs']} |"
    )


def markdown(result: dict[str, Any]) -> str:
    lines = [
        "| family | options | n | ours median ms | ours p95 ms | CP-SAT median ms "
        "| HiGHS median ms | best peer / ours | notes |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
        *(row_line(r) for r in result["rows"]),
        "",
        "| people frontier | options | n | median ms | p95 ms | walk median ms | walk p95 ms "
        "| walk / ours | unproven ours/walk | target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for f in result["frontier"]:
        goal = FRONTIER_TARGETS.get(f["options"])
        ok = (
            ""
            if goal is None
            else f"≤ {goal:g} ms " + ("✓" if f["ours"]["median_ms"] <= goal else "✗")
        )
        lines.append(
            f"| ours | {f['options']} | {f['n']} | {f['ours']['median_ms']:.3g} "
            f"| {f['ours']['p95_ms']:.3g} | {f['walk']['median_ms']:.3g} "
            f"| {f['walk']['p95_ms']:.3g} | {f['ratio']:.1f}× "
            f"| {f['ours_unproven']}/{f['walk_unproven']} | {ok} |"
        )
    lines += [
        "",
        "| multi-contract | n | median ms | p95 ms | CPU median ms | proven optimal "
        "| largest gap | HiGHS median ms | HiGHS proven | disagreements |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for m in result["multi"]["rows"]:
        ok = ""
        if (m["tenders"], m["candidates"]) == (5, 40):
            met = m["ours"]["median_ms"] <= 1000 and m["proven"] == m["n"]
            ok = " (target: proven in ≤ 1 s median " + ("✓)" if met else "✗)")
        lines.append(
            f"| {m['tenders']} × {m['candidates']}{ok} | {m['n']} "
            f"| {m['ours']['median_ms']:.4g} | {m['ours']['p95_ms']:.4g} "
            f"| {m['ours_cpu']['median_ms']:.4g} | {m['proven']}/{m['n']} "
            f"| {100 * m['max_gap']:.3f}% "
            f"| {m['highs']['median_ms']:.4g} | {m['highs_proven']}/{m['n']} "
            f"| {m['disagreements']} |"
        )
    lines += [
        "",
        f"Disagreements with the oracle: **{len(result['disagreements'])}**.",
        *(f"- {d}" for d in result["disagreements"][:20]),
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 instances a row")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks/results/families.json")
    parser.add_argument(
        "--only", nargs="*", default=(), help="families to run (and 'frontier', 'multi')"
    )
    parser.add_argument(
        "--multi-n",
        type=int,
        default=None,
        help="pools a multi-contract size (default 2 with --quick, else 5)",
    )
    args = parser.parse_args(argv)
    multi_n = args.multi_n if args.multi_n is not None else (2 if args.quick else 5)
    result = run(3 if args.quick else 11, multi_n, args.only)
    result["markdown"] = markdown(result)
    print(result["markdown"])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 1 if result["disagreements"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
