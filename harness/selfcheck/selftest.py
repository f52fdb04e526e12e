"""`make selftest`: prove every seeded defect of the stand-in is caught by at least one scenario.

Runs the scenario suite once clean, then once per defect in mocks/defects.py (switched on in every
scenario's mock session through $HARNESS_DEFECTS), and prints which scenarios caught each: a scenario
catches a defect when it fails with the defect on and passed without it. Exits 1 when a defect is
caught by none (or the clean run cannot be read).

    python -m harness.selfcheck.selftest [--defect NAME]... [--workers 2] [--first-catch] [PYTEST ARGS]

PYTEST ARGS default to `features`.

--first-catch runs each defect against the scenario written to catch it (its `caught_by` in
mocks/defects.py), next to that scenario clean, all in one pytest run
(harness/selfcheck/defect_matrix.py): proof that every defect is caught by its own scenario, in a
fraction of the time. It also checks the coverage rule: every requirement in requirements.toml has a
defect caught by a scenario tagged with it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness.gherkin.traceability import coverage_gaps, write_first_catch
from harness.run.options import DEFECTS_ENV
from harness.run.results import read_cases
from harness.selfcheck import defect_matrix
from mocks.defects import DEFECTS

ROOT = Path(__file__).resolve().parents[2]
SHOWN_CATCHERS = 3


def run_suite(log: Path, defect: str | None, workers: int, pytest_args: list[str]) -> float:
    env = dict(os.environ)
    env.pop(DEFECTS_ENV, None)
    if defect:
        env[DEFECTS_ENV] = defect
    command = [
        sys.executable, "-m", "pytest", *pytest_args, "-q", "-p", "no:randomly", "-p", "no:cacheprovider",
        "-n", str(workers), "--report-log", str(log),
        # failures are the point here: traces and screenshots would only slow the runs down
        "--tracing", "off", "--screenshot", "off",
    ]  # fmt: skip
    started = time.perf_counter()
    subprocess.run(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
    )
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m harness.selfcheck.selftest", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--defect", action="append", choices=sorted(DEFECTS), help="only these defects")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--first-catch", action="store_true", help="stop at a defect's first catch")
    args, pytest_args = parser.parse_known_args(argv)
    pytest_args = pytest_args or ["features"]
    defects = args.defect or list(DEFECTS)
    if args.first_catch:
        return first_catch(tuple(defects), args.workers, pytest_args)

    with tempfile.TemporaryDirectory(prefix="selftest-") as tmp:
        out = Path(tmp)
        print(f"selftest: clean run of {' '.join(pytest_args)} ...", flush=True)
        seconds = run_suite(out / "clean.jsonl", None, args.workers, pytest_args)
        clean = read_cases(out / "clean.jsonl")
        if not clean:
            print("selftest: the clean run produced no results; run `pytest features` to see why")
            return 1
        passed_clean = {case.name for case in clean if case.outcome == "passed"}
        failing_clean = sorted(case.name for case in clean if case.outcome == "failed")
        print(f"selftest: clean run {len(clean)} scenarios, {len(failing_clean)} failing, {seconds:.0f}s")
        for name in failing_clean:
            print(f"  failing without any defect (cannot count as a catch): {name}")

        catches: dict[str, list[str]] = {}
        for defect in defects:
            seconds = run_suite(out / f"{defect}.jsonl", defect, args.workers, pytest_args)
            failed = {case.name for case in read_cases(out / f"{defect}.jsonl") if case.outcome == "failed"}
            catches[defect] = sorted(failed & passed_clean)
            print(f"selftest: {defect}: caught by {len(catches[defect])} ({seconds:.0f}s)", flush=True)

    print()
    print(table(catches))
    missed = [defect for defect, catchers in catches.items() if not catchers]
    if missed:
        print(f"\nselftest FAILED: {len(missed)} defect(s) caught by no scenario: {', '.join(missed)}")
        return 1
    print(f"\nselftest passed: all {len(catches)} seeded defects caught")
    return 0


def first_catch(defects: tuple[str, ...], workers: int, pytest_args: list[str]) -> int:
    """Each defect against its own scenario, clean and broken, in one run; then the coverage rule."""
    with tempfile.TemporaryDirectory(prefix="selftest-") as tmp:
        log = Path(tmp) / "matrix.jsonl"
        print(
            f"selftest: {len(defects)} defects, each against the scenario written to catch it ...", flush=True
        )
        seconds = run_suite(log, None, workers, [*pytest_args, f"--defect-matrix={','.join(defects)}"])
        outcomes = {case.name: case.outcome for case in read_cases(log)}
    if not outcomes:
        print("selftest: the matrix run produced no results; run it with pytest to see why:")
        print(f"  .venv/bin/pytest {' '.join(pytest_args)} --defect-matrix={','.join(defects)}")
        return 1
    catches = defect_matrix.read_catches(outcomes, defects)
    written = write_first_catch({c.defect: c.caught and not c.clean_failed for c in catches})
    print(f"selftest: {len(outcomes)} runs in {seconds:.0f}s (written to {written.relative_to(ROOT)})\n")
    print(first_catch_table(catches))
    missed = [c.defect for c in catches if not c.caught]
    broken = [c.defect for c in catches if c.clean_failed]
    gaps = coverage_gaps({c.defect for c in catches if c.caught}, complete=set(defects) == set(DEFECTS))
    for gap in gaps:
        print(f"coverage rule: {gap}")
    if broken:
        print(f"\nselftest FAILED: the scenario of {', '.join(broken)} fails without any defect")
    if missed:
        print(f"\nselftest FAILED: {len(missed)} defect(s) missed by their own scenario: {', '.join(missed)}")
        for name in missed:
            print(f"  .venv/bin/pytest {' '.join(pytest_args)} --defect-matrix={name}")
    if missed or broken or gaps:
        return 1
    print(f"\nselftest passed: all {len(catches)} seeded defects caught by their own scenario")
    return 0


def first_catch_table(catches: list[defect_matrix.Catch]) -> str:
    rows = [("defect", "requirement", "caught", "by the scenario written for it")]
    for catch in catches:
        defect = DEFECTS[catch.defect]
        verdict = "yes" if catch.caught else "NO (clean run fails)" if catch.clean_failed else "NO"
        rows.append((catch.defect, defect.req, verdict, defect.caught_by))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    return "\n".join(" | ".join([*(row[i].ljust(widths[i]) for i in range(3)), row[3]]) for row in rows)


def table(catches: dict[str, list[str]]) -> str:
    rows = [("defect", "caught by", "scenarios (first few)")]
    for defect, catchers in catches.items():
        shown = "; ".join(catchers[:SHOWN_CATCHERS]) + (" ..." if len(catchers) > SHOWN_CATCHERS else "")
        rows.append((defect, str(len(catchers)) if catchers else "NONE", shown or "-"))
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    return "\n".join(f"{row[0].ljust(widths[0])} | {row[1].rjust(widths[1])} | {row[2]}" for row in rows)


if __name__ == "__main__":
    sys.exit(main())
