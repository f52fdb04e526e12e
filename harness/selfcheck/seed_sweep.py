"""`make seed-sweep`: run the scenarios on fresh seeds nobody tuned for, and list failures per seed.

A false NO-GO is as serious as a missed bug, so before an issue is resolved the suite must pass on seeds
other than the pinned one. Each seed is a whole pytest run (a scenario's data depends on the run seed and
its node id); failures are read from pytest-reportlog and printed with the `rerun:` line that reproduces
them.

    python -m harness.selfcheck.seed_sweep --seeds 10 [--workers 2] [--seed-list 1,2,3] [-- extra pytest args]
"""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from harness.run.options import rerun_command
from harness.run.results import read_cases


@dataclass(frozen=True)
class SeedResult:
    seed: int
    passed: int
    failed: list[str]
    skipped: int
    seconds: float
    exit_code: int
    why: list[str] = field(default_factory=list)  # pytest's "FAILED <id> - <error>" summary lines


def failure_lines(output: str) -> list[str]:
    """pytest's short summary of each failure (its default -r fE): the error that a rerun would show,
    kept because the run's output is gone when the sweep ends."""
    return [line for line in output.splitlines() if line.startswith(("FAILED ", "ERROR "))]


def fresh_seeds(count: int) -> list[int]:
    """Eight-digit seeds from the OS's randomness: not today's date, not the pinned seed."""
    return [10_000_000 + secrets.randbelow(90_000_000) for _ in range(count)]


def read_reportlog(path: Path) -> tuple[int, list[str], int]:
    """(passed, failed node ids, skipped) of a run, from the one report-log reader."""
    cases = read_cases(path)
    passed = sum(1 for case in cases if case.outcome == "passed")
    skipped = sum(1 for case in cases if case.outcome == "skipped")
    return passed, [case.name for case in cases if case.outcome == "failed"], skipped


def run_seed(seed: int, workers: int, extra: list[str]) -> SeedResult:
    with tempfile.TemporaryDirectory(prefix="seed-sweep-") as tmp:
        log = Path(tmp) / "report.jsonl"
        command = [
            sys.executable,
            "-m",
            "pytest",
            "features",
            "-q",
            "--seed",
            str(seed),
            "-p",
            "no:cacheprovider",
            "-n",
            str(workers),
            f"--report-log={log}",
            *extra,
        ]
        started = time.monotonic()
        # A wide "terminal": pytest cuts each summary line's error message to the terminal's width.
        wide = {**os.environ, "COLUMNS": "1000"}
        completed = subprocess.run(command, capture_output=True, text=True, check=False, env=wide)
        passed, failed, skipped = read_reportlog(log)
        if completed.returncode not in (0, 1):  # 1 = tests failed; anything else is a broken run
            sys.stderr.write(completed.stdout[-4000:] + completed.stderr[-4000:])
        seconds = time.monotonic() - started
        why = failure_lines(completed.stdout)
        return SeedResult(seed, passed, failed, skipped, seconds, completed.returncode, why)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m harness.selfcheck.seed_sweep", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--seeds", type=int, default=10, help="how many fresh seeds (default 10)")
    parser.add_argument("--seed-list", default="", help="comma-separated seeds to use instead of fresh ones")
    parser.add_argument("--workers", type=int, default=2, help="pytest-xdist workers per run (default 2)")
    parser.add_argument("pytest_args", nargs="*", help="passed to pytest after --")
    args = parser.parse_args(argv)
    seeds = [int(s) for s in args.seed_list.split(",") if s.strip()] or fresh_seeds(args.seeds)
    print(f"seed sweep: {len(seeds)} seeds: {', '.join(map(str, seeds))}", flush=True)
    results = []
    for seed in seeds:
        result = run_seed(seed, args.workers, args.pytest_args)
        results.append(result)
        status = "ok" if not result.failed and result.exit_code in (0, 5) else "FAILED"
        print(
            f"seed {seed}: {status}: {result.passed} passed, {len(result.failed)} failed, "
            f"{result.skipped} skipped in {result.seconds:.0f} s",
            flush=True,
        )
        for nodeid in result.failed:
            print(f"  {rerun_command(nodeid, seed)}", flush=True)
        for line in result.why:
            print(f"  {line}", flush=True)
    failures = sum(len(r.failed) for r in results)
    broken = [r.seed for r in results if r.exit_code not in (0, 1, 5)]
    print(
        f"seed sweep: {failures} failures over {len(results)} seeds"
        + (f"; runs that broke (not test failures): {broken}" if broken else "")
    )
    return 1 if failures or broken else 0


if __name__ == "__main__":
    raise SystemExit(main())
