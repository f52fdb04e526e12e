"""The suite's floor on this machine: what every scenario spends before its first step can run.

Each scenario gets a fresh browser context and loads the app once (one browser per worker, a fresh context
per scenario). This runs only that, in `workers` processes at once as `-n` does: a mock session, a fresh
context with the session cookie, the inbox loaded, the context closed; no steps, oracle, axe or evidence.
Scenarios times the seconds per boot, divided by the workers, is a lower bound on the suite's wall time
that no cut inside the harness or the steps can go below.

    python -m bench.floor [--workers 2] [--boots 12] [--scenarios 143]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _busy_jiffies() -> int:
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(values) - values[3] - values[4]  # all but idle and iowait, every core


def child(boots: int) -> None:
    """One worker's share: start the mock and the browser, say ready, wait for go, boot `boots` times."""
    from playwright.sync_api import sync_playwright

    from bench.plain import fresh_context, launch_chromium
    from mocks.client import MockClient
    from mocks.server import start_server
    from pages.app import SecureMessagingApp

    server = start_server()
    client = MockClient(server.url)
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)

            def boot() -> float:
                started = time.perf_counter()
                with fresh_context(browser, client, server.url) as (_, context):
                    SecureMessagingApp(context.new_page(), server.url).open_inbox()
                return time.perf_counter() - started

            boot()  # first load: the mock bundles the app, the browser warms up
            print("ready", flush=True)
            sys.stdin.readline()
            print(json.dumps([boot() for _ in range(boots)]), flush=True)
            browser.close()
    finally:
        server.stop()


@dataclass(frozen=True)
class Floor:
    seconds_per_boot: float  # wall, with `workers` booting at once
    cpu_per_boot: float  # CPU-seconds over the whole machine
    workers: int

    def suite_floor(self, scenarios: int) -> float:
        return scenarios * self.seconds_per_boot / self.workers


def measure(workers: int = 2, boots: int = 12) -> Floor:
    """Start the workers, release them together, and time their boots while all run at once."""
    command = [sys.executable, "-m", "bench.floor", "--child", "--boots", str(boots)]
    procs = [
        subprocess.Popen(command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        for _ in range(workers)
    ]
    try:
        for proc in procs:
            assert proc.stdout is not None
            if proc.stdout.readline().strip() != "ready":
                raise RuntimeError("a floor worker did not start (see its error above)")
        busy = _busy_jiffies()
        for proc in procs:
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        durations = [d for proc in procs for d in json.loads(proc.communicate(timeout=600)[0])]
        busy = _busy_jiffies() - busy
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
    return Floor(statistics.median(durations), busy / 100 / len(durations), workers)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.floor", description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--boots", type=int, default=12, help="boots per worker")
    parser.add_argument("--scenarios", type=int, default=143, help="scenarios in the suite")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.boots)
        return 0
    floor = measure(args.workers, args.boots)
    print(describe(floor, args.scenarios))
    return 0


def describe(floor: Floor, scenarios: int) -> str:
    return (
        f"floor: a fresh context and the app's first page take {floor.seconds_per_boot:.2f} s "
        f"({floor.cpu_per_boot:.2f} CPU-s) with {floor.workers} at once; {scenarios} scenarios cannot "
        f"take less than {floor.suite_floor(scenarios):.1f} s at -n {floor.workers}"
    )


if __name__ == "__main__":
    sys.exit(main())
