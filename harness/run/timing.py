"""Where a run's time goes: seconds per phase and per Gherkin step, for `make bench`.

On with `--phase-timings DIR`: each process (controller and every xdist worker) writes
`DIR/timing-<worker>-<pid>.json`; `summarise(DIR)` adds them up over the suite. Off, the only cost is a
boolean test in the helpers below, so the instrumented code paths need no switch of their own.

Phases (summed over every process, so with -n 2 they add up to about twice the wall time):
  start-up            interpreter, imports and plugin configuration (process start to session start)
  collection          finding and parsing tests and .feature files
  mock start / browser launch / context creation / mock-session setup    those fixtures' setup
  navigation and waiting   step time not spent in axe or screenshots (clicks, page loads, expect waits)
  axe injection and scans  settling animations, injecting axe-core, axe.run
  screenshots and evidence step screenshots, the recorder's files, the report build
  teardown            fixtures' teardown (contexts, traces, sessions; the worker's browser and mock last)
  other               setup and call time outside the phases above (pytest, pytest-bdd, hooks)
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from harness.run.options import options_of

if TYPE_CHECKING:
    from pytest_bdd.parser import Feature, Step


STARTUP = "start-up"
COLLECTION = "collection"
MOCK_START = "mock start"
BROWSER_LAUNCH = "browser launch"
CONTEXT = "context creation"
MOCK_SESSION = "mock-session setup"
NAVIGATION = "navigation and waiting"
AXE = "axe injection and scans"
EVIDENCE = "screenshots and evidence"
TEARDOWN = "teardown"
OTHER = "other"
PHASES = (
    STARTUP,
    COLLECTION,
    MOCK_START,
    BROWSER_LAUNCH,
    CONTEXT,
    MOCK_SESSION,
    NAVIGATION,
    AXE,
    EVIDENCE,
    TEARDOWN,
    OTHER,
)
FIXTURE_PHASES = {
    "mock_server": MOCK_START,
    "playwright": BROWSER_LAUNCH,
    "browser_type": BROWSER_LAUNCH,
    "launch_browser": BROWSER_LAUNCH,
    "connect_options": BROWSER_LAUNCH,  # set: pytest-playwright connects to a browser server instead
    "browser": BROWSER_LAUNCH,
    "new_context": CONTEXT,
    "context": CONTEXT,
    "page": CONTEXT,
    "mock_session": MOCK_SESSION,
}
FILE_PREFIX = "timing-"
_STEP_START = pytest.StashKey[float]()


class _Clock:
    """This process's accumulators. Module-level so the axe wrapper and the screenshot code can add to
    it without a fixture."""

    def __init__(self) -> None:
        self.enabled = False
        self.phases: dict[str, float] = dict.fromkeys(PHASES, 0.0)
        self.in_step = 0.0  # seconds of timed phases spent inside the running step
        self.fixtures_in_step = 0.0  # of which fixture setup (a step's first use of mock_session, page)
        self.stepping = False

    def add(self, phase: str, seconds: float) -> None:
        self.phases[phase] += seconds
        if self.stepping:
            self.in_step += seconds
            if phase in FIXTURE_PHASES.values():
                self.fixtures_in_step += seconds


CLOCK = _Clock()


@contextmanager
def timed(phase: str) -> Iterator[None]:
    """Count the block's seconds into `phase` (and out of the running step's navigation time)."""
    if not CLOCK.enabled:
        yield
        return
    started = time.perf_counter()
    try:
        yield
    finally:
        CLOCK.add(phase, time.perf_counter() - started)


def process_started_at() -> float | None:
    """This process's start as a Unix time (Linux /proc; None elsewhere)."""
    try:
        after_name = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        start_ticks = int(after_name[19])  # field 22, starttime, in clock ticks since boot
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return time.time() - uptime + start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("harness").addoption(
        "--phase-timings",
        default=None,
        metavar="DIR",
        help="Write per-phase and per-step timings of this run to DIR (what `make bench` reads).",
    )


def pytest_configure(config: pytest.Config) -> None:
    directory = options_of(config).phase_timings
    if directory:
        config.pluginmanager.register(PhaseTimer(config, directory), "harness-phase-timer")


class PhaseTimer:
    def __init__(self, config: pytest.Config, directory: Path) -> None:
        CLOCK.enabled = True
        self.config = config
        self.directory = directory if directory.is_absolute() else config.invocation_params.dir / directory
        workerinput = getattr(config, "workerinput", None)
        self.worker = workerinput["workerid"] if workerinput else "main"
        self.started_at = process_started_at()
        self.session_started = time.perf_counter()
        self.steps: list[dict[str, Any]] = []
        self.tests = 0
        self.at_setup: dict[str, float] = {}
        self.setup_and_call = 0.0

    def pytest_sessionstart(self, session: pytest.Session) -> None:
        self.session_started = time.perf_counter()
        if self.started_at is not None:
            CLOCK.add(STARTUP, max(0.0, time.time() - self.started_at))

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        CLOCK.add(COLLECTION, time.perf_counter() - self.session_started)

    @pytest.hookimpl(wrapper=True)
    def pytest_fixture_setup(self, fixturedef: Any, request: Any) -> Generator[None, Any, Any]:
        phase = FIXTURE_PHASES.get(fixturedef.argname)
        if phase is None:
            return (yield)
        # Dependencies are set up before this hook runs, so each fixture's own time is counted once.
        started = time.perf_counter()
        try:
            return (yield)
        finally:
            CLOCK.add(phase, time.perf_counter() - started)

    @pytest.hookimpl(tryfirst=True, optionalhook=True)
    def pytest_bdd_before_step(self, request: pytest.FixtureRequest, **_: Any) -> None:
        request.node.stash[_STEP_START] = time.perf_counter()
        CLOCK.in_step, CLOCK.fixtures_in_step, CLOCK.stepping = 0.0, 0.0, True

    @pytest.hookimpl(trylast=True, optionalhook=True)
    def pytest_bdd_after_step(
        self, request: pytest.FixtureRequest, feature: Feature, step: Step, **_: Any
    ) -> None:
        self._end_step(request, feature, step)

    @pytest.hookimpl(trylast=True, optionalhook=True)
    def pytest_bdd_step_error(
        self, request: pytest.FixtureRequest, feature: Feature, step: Step, **_: Any
    ) -> None:
        self._end_step(request, feature, step)

    def _end_step(self, request: pytest.FixtureRequest, feature: Feature, step: Step) -> None:
        started = request.node.stash.get(_STEP_START, None)
        if started is None:
            return
        seconds = time.perf_counter() - started
        CLOCK.stepping = False
        CLOCK.phases[NAVIGATION] += max(0.0, seconds - CLOCK.in_step)
        # A step's own time leaves out the fixtures it happened to set up first (browser, mock session).
        self.steps.append(
            {
                "step": f"{step.keyword} {step.name}",
                "where": f"{feature.rel_filename}:{step.line_number}",
                "nodeid": request.node.nodeid,
                "seconds": round(seconds - CLOCK.fixtures_in_step, 4),
                "fixture_setup": round(CLOCK.fixtures_in_step, 4),
            }
        )

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        self.at_setup = dict(CLOCK.phases)
        self.setup_and_call = 0.0

    @pytest.hookimpl(trylast=True)
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if self.config.pluginmanager.hasplugin("dsession"):
            return  # xdist controller: the workers count their own tests
        if report.when != "teardown":
            self.setup_and_call += report.duration
            return
        CLOCK.add(TEARDOWN, report.duration)
        self.tests += 1
        # 'other': setup and call seconds that no fixture phase, step or timed block accounts for.
        accounted = sum(
            CLOCK.phases[phase] - self.at_setup.get(phase, 0.0)
            for phase in (MOCK_START, BROWSER_LAUNCH, CONTEXT, MOCK_SESSION, NAVIGATION, AXE, EVIDENCE)
        )
        CLOCK.phases[OTHER] += max(0.0, self.setup_and_call - accounted)

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / f"{FILE_PREFIX}{self.worker}-{os.getpid()}.json"
        path.write_text(
            json.dumps(
                {
                    "worker": self.worker,
                    "tests": self.tests,
                    "session_seconds": round(time.perf_counter() - self.session_started, 4),
                    "phases": {k: round(v, 4) for k, v in CLOCK.phases.items()},
                    "steps": self.steps,
                },
                indent=1,
            ),
            encoding="utf-8",
        )


# ---------------------------------------------------------------- reading the files back


def summarise(directory: Path, slowest: int = 10) -> dict[str, Any]:
    """Phases summed over every process's file, and the `slowest` step runs."""
    phases = dict.fromkeys(PHASES, 0.0)
    steps: list[dict[str, Any]] = []
    processes = 0
    for path in sorted(directory.glob(f"{FILE_PREFIX}*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        processes += 1
        for phase, seconds in data.get("phases", {}).items():
            phases[phase] = phases.get(phase, 0.0) + float(seconds)
        steps.extend(data.get("steps", []))
    steps.sort(key=lambda s: s["seconds"], reverse=True)
    return {"processes": processes, "phases": phases, "slowest_steps": steps[:slowest], "steps": len(steps)}


def breakdown_lines(summary: dict[str, Any]) -> list[str]:
    total = sum(summary["phases"].values()) or 1.0
    lines = [f"phase breakdown, summed over {summary['processes']} processes ({total:.1f} s in all):"]
    for phase, seconds in summary["phases"].items():
        lines.append(f"  {phase:<26} {seconds:8.1f} s  {100 * seconds / total:5.1f} %")
    lines.append(f"ten slowest steps (of {summary['steps']} step runs):")
    for step in summary["slowest_steps"]:
        lines.append(f"  {step['seconds']:6.2f} s  {step['step']}  ({step['where']}; {step['nodeid']})")
    return lines
