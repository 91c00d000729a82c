"""Run every benchmark: ``python3 benchmarks/run.py`` (``--quick`` for fewer rounds).

Prints a table and writes ``benchmarks/results.local.json`` (untracked): a list of
``{name, median_s, baseline, baseline_median_s, ratio}`` (plus the goal and every baseline).
``--update-committed`` writes the committed ``benchmarks/results.json`` instead.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import cases_app  # noqa: E402
import cases_core  # noqa: E402
import cases_first  # noqa: E402
import cases_graph  # noqa: E402
import cases_math  # noqa: E402
import cases_plots  # noqa: E402
import cases_precision  # noqa: E402
import cases_stall  # noqa: E402
import cases_start  # noqa: E402
import cases_torch  # noqa: E402
from harness import measure, table  # noqa: E402

SUITES = {
    "core": cases_core.cases,
    "plots": cases_plots.cases,
    "app": cases_app.cases,
    "start": cases_start.cases,
    "first": cases_first.cases,
    "stall": cases_stall.cases,
    "torch": cases_torch.cases,
    "math": cases_math.cases,
    "graph": cases_graph.cases,
    "precision": cases_precision.cases,
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="a fifth of the rounds")
    ap.add_argument("--only", action="append", choices=sorted(SUITES), help="run one suite")
    ap.add_argument(
        "-o", "--output", help="where to write the results (default: results.local.json)"
    )
    ap.add_argument(
        "--update-committed",
        action="store_true",
        help="write benchmarks/results.json, the figures committed with the code",
    )
    args = ap.parse_args()
    if args.output and args.update_committed:
        ap.error("give either -o or --update-committed")
    output = args.output or str(
        HERE / ("results.json" if args.update_committed else "results.local.json")
    )
    rows = []
    for suite in args.only or SUITES:
        for case in SUITES[suite]():
            rows.append(measure(case, 0.2 if args.quick else 1.0))
            print(f"  measured {case.name}", file=sys.stderr, flush=True)
    print(table(rows))
    Path(output).write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
