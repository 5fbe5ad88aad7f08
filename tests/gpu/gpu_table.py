#!/usr/bin/env python3
"""The GPU check's benchmark table: tn4j bench --format json on cuda:0 beside TorchMD-Net's best on an H200
(tests/fixtures/benchmarks/gpu-baseline.md, the energy + forces table's 'best' column) and the issue's targets.

    gpu_table.py BENCH_JSON GPU_BASELINE_MD

Prints a markdown table; exit 0 (timings are reported, not judged here: a target missed is marked, not failed).
"""
import json
import re
import sys

# The targets of the GPU issue: energy + forces with tn-bench on one H200, ms.
TARGETS_MS = {"alanine_dipeptide": 0.6, "chignolin": 1.1, "dhfr": 11, "factorIX": 24, "stmv": 135}


def baseline_best(markdown):
    """system -> ms from the first table that has 'system' and 'best' columns."""
    lines = markdown.splitlines()
    for i, line in enumerate(lines):
        cells = [c.strip().lower() for c in line.strip().strip("|").split("|")]
        if "system" in cells and "best" in cells:
            s, b = cells.index("system"), cells.index("best")
            best = {}
            for row in lines[i + 2:]:
                if not row.startswith("|"):
                    break
                r = [c.strip() for c in row.strip().strip("|").split("|")]
                m = re.search(r"[\d.]+", r[b].replace(" ", ""))
                if m:
                    best[r[s]] = float(m.group())
            return best
    raise SystemExit("gpu_table: no table with 'system' and 'best' columns in the baseline")


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    with open(sys.argv[1]) as f:
        bench = json.load(f)
    with open(sys.argv[2]) as f:
        best = baseline_best(f.read())
    print(f"tn4j bench, {bench.get('model')} on {bench.get('device')} ({bench.get('precision')}), {bench.get('date')}")
    print()
    print("| system | atoms | tn4j median ms | tn4j min ms | TorchMD-Net best ms (H200) | target ms | meets target |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for s in bench.get("systems", []):
        name = s["system"]
        target = TARGETS_MS.get(name)
        base = best.get(name)
        meets = "" if target is None else ("yes" if s["median_ms"] <= target else "no")
        print(f"| {name} | {s['atoms']} | {s['median_ms']:.3f} | {s['min_ms']:.3f} | "
              f"{'' if base is None else base} | {'' if target is None else target} | {meets} |")


if __name__ == "__main__":
    main()
