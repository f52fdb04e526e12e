"""`make bench`: how long the scenario suite takes, and what the harness costs over plain Playwright.

Prints numbers, never asserts (targets: whole suite at most 120 s with -n 2; happy path at most 1.15x
plain Playwright for the scenario alone and 1.5x for the whole process):
  1. whole-suite wall time with -n 2 (and serially unless --skip-serial), with the machine's load;
  2. where the time went in that -n 2 run: seconds per phase summed over its processes, and the ten
     slowest steps (harness/run/timing.py, `--phase-timings`); and the floor no cut in the harness can go
     below: a fresh context and the app's first page per scenario, at the same parallelism (bench/floor.py);
  3. median and p95 per scenario (pytest-reportlog durations: setup + call + teardown);
  4. the happy path through the harness (pytest, pytest-bdd, fixtures, evidence, artifacts) against a
     plain script making the same clicks and axe scans with the same page objects and axe-core, no
     pytest. Whole processes (start-up, mock, browser) and the scenario alone; best of interleaved rounds.

    python -m bench.suite [--skip-serial] [--workers 2] [--only-overhead] [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.floor import describe as describe_floor
from bench.floor import measure as measure_floor
from harness.run.results import CaseResult, read_cases
from harness.run.timing import breakdown_lines, summarise

ROOT = Path(__file__).resolve().parents[1]
HAPPY_PATH = (
    'features/accessibility.feature::Start message, its emergency note and "Message sent" are accessible'
)
# Runs first in the same session, so the happy path's own time excludes starting the browser and the mock
# (the plain script starts both before its clock too).
WARM_UP = "features/accessibility.feature::The page-not-found state is accessible"
# The harness as QA runs it (traces recorded, kept on failure): that cost is part of the overhead.
QUIET = ["-q", "-p", "no:randomly"]


def run_pytest(args: list[str], log: Path, extra_ini: list[str] | None = None) -> float:
    command = [sys.executable, "-m", "pytest", *args, *QUIET, "--report-log", str(log)]
    for ini in extra_ini or []:
        command += ["-o", ini]
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def load_line() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "load: unknown"
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))  # nearest rank
    return ordered[index]


def describe(label: str, seconds: float, cases: list[CaseResult]) -> None:
    outcomes = {o: sum(1 for c in cases if c.outcome == o) for o in ("passed", "failed", "skipped")}
    counts = ", ".join(f"{n} {o}" for o, n in outcomes.items() if n)
    print(f"{label:<28} {seconds:7.1f} s   ({len(cases)} scenarios: {counts or 'none'})")


def scenario_stats(cases: list[CaseResult]) -> None:
    durations = [c.seconds for c in cases if c.outcome != "skipped"]
    if not durations:
        print("per scenario: no durations")
        return
    print(
        f"per scenario                 median {statistics.median(durations):.2f} s, "
        f"p95 {percentile(durations, 0.95):.2f} s, max {max(durations):.2f} s"
    )
    slowest = sorted(cases, key=lambda c: c.seconds, reverse=True)[:5]
    for case in slowest:
        print(f"  slow: {case.seconds:6.2f} s  {case.name}")


# ---------------------------------------------------------------- the plain script


def plain_happy_path() -> float:
    """The happy path without pytest: same mock, browser flags, page objects and axe run. Returns the
    scenario's seconds: fresh context and mock session to context closed (browser and mock already up)."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect, sync_playwright

    from bench.plain import fresh_context, launch_chromium
    from harness.accessibility import ruleset
    from mocks.client import MockClient
    from mocks.server import start_server
    from pages.app import SecureMessagingApp
    from pages.folder import FolderPage
    from pages.recent_care_teams import RecentCareTeamsPage
    from pages.start_message import StartMessagePage

    axe = Axe.from_file(ruleset.AXE_SCRIPT_PATH)

    def scan(page: object) -> None:
        context = ruleset.SM_CONTAINER if page.locator(ruleset.SM_CONTAINER).count() else None  # type: ignore[attr-defined]
        axe.run(page, context=context, options=ruleset.axe_options())  # timed, not judged

    server = start_server()
    try:
        client = MockClient(server.url)
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            started = time.perf_counter()
            with fresh_context(browser, client, server.url) as (session, context):
                page = context.new_page()
                team = session.patient()["recentCareTeams"][0]
                current = SecureMessagingApp(page, server.url).open_inbox().start_new_message().continue_()
                assert isinstance(current, RecentCareTeamsPage)
                current.choose_care_team(team.get("displayName") or team["name"])
                current = current.continue_()
                assert isinstance(current, StartMessagePage)
                scan(page)
                current.open_emergency_note()
                expect(page.get_by_text("3 business days").first).to_be_visible()
                scan(page)
                current.choose_category("General")
                current.write("Question about my visit", "Hello, a question about my last visit.")
                current.send()
                expect(current.alert_text().first).to_have_text("Message sent")
                # As the scenario: the app goes on to the inbox (1 s after the send) and that is scanned.
                FolderPage(page).wait_for_arrival()
                scan(page)
            elapsed = time.perf_counter() - started
            browser.close()
        return elapsed
    finally:
        server.stop()


def harness_once(tmp: Path) -> tuple[float, float | None]:
    """(whole-process seconds, warm scenario seconds or None if it did not pass)."""
    wall = run_pytest([HAPPY_PATH], tmp / "happy.jsonl")
    run_pytest([WARM_UP, HAPPY_PATH], tmp / "warm.jsonl")
    cases = [c for c in read_cases(tmp / "warm.jsonl") if c.name == HAPPY_PATH and c.outcome == "passed"]
    return wall, (cases[0].seconds if cases else None)


def plain_once() -> tuple[float, float | None]:
    started = time.perf_counter()
    plain = subprocess.run(
        [sys.executable, "-m", "bench.suite", "--plain"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    if plain.returncode != 0:
        print("  plain script failed: " + (plain.stderr.strip().splitlines() or ["?"])[-1])
        return wall, None
    return wall, float(plain.stdout.strip().splitlines()[-1])


def overhead(tmp: Path, rounds: int) -> None:
    """Harness and plain runs interleaved, best of each: on a shared machine load swings between runs."""
    print(f"\nhappy path: {HAPPY_PATH} (best of {rounds}, interleaved)")
    harness_runs, plain_runs = [], []
    for _ in range(rounds):
        harness_runs.append(harness_once(tmp))
        plain_runs.append(plain_once())
    harness_scenarios = [s for _, s in harness_runs if s is not None]
    plain_scenarios = [s for _, s in plain_runs if s is not None]
    if not harness_scenarios or not plain_scenarios:
        print("  could not compare: the harness scenario or the plain script did not pass")
        return
    harness_wall, plain_wall = min(w for w, _ in harness_runs), min(w for w, _ in plain_runs)
    harness_call, plain_call = min(harness_scenarios), min(plain_scenarios)
    print(f"  whole process   harness {harness_wall:6.2f} s   plain {plain_wall:6.2f} s   "
          f"overhead {harness_wall / plain_wall:.2f}x   (target <= 1.5x)")  # fmt: skip
    print(f"  scenario only   harness {harness_call:6.2f} s   plain {plain_call:6.2f} s   "
          f"overhead {harness_call / plain_call:.2f}x   (target <= 1.15x)")  # fmt: skip
    print("  (scenario only: browser and mock already running; harness time = setup + call + teardown)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.suite", description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-serial", action="store_true", help="skip the serial whole-suite run")
    parser.add_argument("--only-overhead", action="store_true", help="only the happy-path overhead")
    parser.add_argument("--rounds", type=int, default=2, help="interleaved happy-path rounds (best of)")
    parser.add_argument("--plain", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.plain:
        print(f"{plain_happy_path():.4f}")
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp_name:
        tmp = Path(tmp_name)
        if not args.only_overhead:
            print(f"before the suite: {load_line()}")
            timings = tmp / "timings"
            parallel = run_pytest(
                ["features", "-n", str(args.workers), "--phase-timings", str(timings)], tmp / "parallel.jsonl"
            )
            parallel_cases = read_cases(tmp / "parallel.jsonl")
            describe(f"whole suite, -n {args.workers}", parallel, parallel_cases)
            print(f"{'':28} target <= 120 s with -n 2; after the suite: {load_line()}")
            print("\n".join(breakdown_lines(summarise(timings))))
            ran = sum(1 for c in parallel_cases if c.outcome != "skipped")
            floor = measure_floor(args.workers)
            print(describe_floor(floor, ran))
            print(f"{'':28} the suite took {parallel / floor.suite_floor(ran):.2f}x its floor")
            cases = parallel_cases
            if not args.skip_serial:
                serial = run_pytest(["features", "-p", "no:xdist"], tmp / "serial.jsonl")
                cases = read_cases(tmp / "serial.jsonl")
                describe("whole suite, serial", serial, cases)
            scenario_stats(cases)
        overhead(tmp, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
