"""The harness's pytest plugin and its one wiring point (the root conftest.py names only this and `steps`).

`pytest_plugins` below registers each subsystem, in the order its hooks and fixtures load; the fixtures
pytest-playwright lets a plugin override (`browser_type_launch_args`, `browser_context_args`, `context`)
are overridden here only, composing the subsystems' plain functions in a visible order. This
module also owns the run's core: options, seeds, .feature collection and tags, the mock per worker.
Fixture contract: docs/CONTRACTS.md §5.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import httpx
import pytest
from playwright.sync_api import BrowserContext, Playwright

from harness import rum
from harness.accessibility.announcements import listen_for_announcements
from harness.gherkin import dry_run, tags
from harness.gherkin.collector import REQUIREMENTS_KEY, FeatureFile, is_feature_file
from harness.oracle.traffic import ObservedTraffic
from harness.run import base_url as base_url_plugin
from harness.run import browser as browser_choice
from harness.run import seeds
from harness.run.artifacts import kept_on_failure
from harness.run.mock_server import WorkerMock, start_worker_mock
from harness.run.options import HarnessOptions, add_options, options_of, rerun_command, validate
from harness.selfcheck import defect_matrix
from harness.staging import plugin as staging
from mocks.client import Session

if TYPE_CHECKING:
    from playwright._impl._api_structures import SetCookieParam
    from pytest_bdd.parser import Feature, Step

pytest_plugins = [
    # the run: the browser, per-scenario time limits, phase timings, shards, failure artifacts
    "harness.run.browser",
    "harness.run.timeouts",
    "harness.run.timing",
    "harness.run.shard",
    "harness.run.artifacts",
    # accessibility: where axe results go; what assistive technology is told (`announcements`)
    "harness.accessibility.plugin",
    "harness.accessibility.announcements",
    # the evidence recorder and report
    "harness.evidence.plugin",
    # staging: sign-in, the pool of users, live toggles, the write guard's report
    "harness.staging.plugin",
    # Datadog RUM: the intake read in both modes (`rum` fixture, --rum-forward, --rum-replay)
    "harness.rum",
    # the rollout cohort (option and session fixtures) steps/rollout.py uses
    "harness.rollout.cohort",
    # the defect matrix: each seeded defect against its own scenario, clean and broken (--defect-matrix)
    "harness.selfcheck.defect_matrix",
]
_OBSERVED = pytest.StashKey[ObservedTraffic]()

STAGING_SAFE = "staging_safe"
STAGING_WRITE = "staging_write"


# ---------------------------------------------------------------- configuration


def pytest_addoption(parser: pytest.Parser) -> None:
    add_options(parser)


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    tags.register_markers(config)
    config.stash[REQUIREMENTS_KEY] = tags.load_requirements(config.rootpath)
    options = options_of(config)
    validate(options)
    if options.dry_run and hasattr(config.option, "dist"):
        # The dry run inspects collected items in this process; xdist workers would take them away.
        config.option.dist, config.option.numprocesses = "no", None
    # Not in pytest_plugins: pytest-playwright's fallback `base_url` is registered after those, and the
    # later registration wins (harness/run/base_url.py).
    if not config.pluginmanager.is_registered(base_url_plugin):
        config.pluginmanager.register(base_url_plugin, "harness-base-url")


def pytest_report_header(config: pytest.Config) -> list[str]:
    options = options_of(config)
    seed, origin = options.seed, options.seed_origin
    lines = [f"harness: run seed {seed} ({origin}; rerun with --seed {seed}); env {options.env}"]
    if config.getoption("browser_channel", default=None) is None:
        server = browser_choice.browser_server(config)
        headless = not config.getoption("headed", default=False)
        choice = browser_choice.describe_choice(options.browser_path, server, headless=headless)
        lines.append(f"harness: browser {choice}")
    if options.defects:
        lines.append(f"harness: seeded defects on: {', '.join(options.defects)}")
    return lines


def pytest_sessionstart(session: pytest.Session) -> None:
    options = options_of(session.config)
    is_worker = hasattr(session.config, "workerinput")
    if options.staging and not options.dry_run and not is_worker:
        check_reachable(options.base_url or "")


def check_reachable(url: str) -> None:
    """Staging runs stop before any browser starts when the target does not answer."""
    try:
        httpx.get(url, timeout=15, follow_redirects=True)
    except httpx.HTTPError as error:
        raise pytest.UsageError(
            f"--base-url {url} is not reachable ({error.__class__.__name__}: {error}). "
            "Check the URL, VPN and that staging is up."
        ) from None


# ---------------------------------------------------------------- collection and tags


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if is_feature_file(file_path):
        return FeatureFile.from_parent(parent, path=file_path)
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_bdd_apply_tag(tag: str, function: Any) -> Any:
    # `@req:X` is not a valid marker name; it becomes `req("X")` (the evidence recorder reads the id).
    return tags.mark_for(tag)(function)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    options = options_of(config)
    if not options.staging:
        return
    # Against staging only read-only scenarios run, and with --allow-send the writes to the test care team;
    # everything else needs the mock's control plane.
    writes = options.allow_send and options.test_care_team
    runnable = (STAGING_SAFE, STAGING_WRITE) if writes else (STAGING_SAFE,)
    kept = [item for item in items if any(item.get_closest_marker(m) for m in runnable)]
    deselected = [item for item in items if item not in kept]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


@pytest.hookimpl(tryfirst=True)
def pytest_runtestloop(session: pytest.Session) -> bool | None:
    if not options_of(session.config).dry_run:
        return None
    if dry_run.report(session):
        session.testsfailed += 1  # pytest derives the exit status (1) from this after the loop
    return True


# ---------------------------------------------------------------- failures

FAILED_STEP = pytest.StashKey[str]()


def pytest_bdd_step_error(request: pytest.FixtureRequest, feature: Feature, step: Step) -> None:
    request.node.stash[FAILED_STEP] = f"{feature.rel_filename}:{step.line_number}: {step.keyword} {step.name}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.failed and report.when == "call" and FAILED_STEP in item.stash:
        report.sections.append(("failed step", item.stash[FAILED_STEP]))
    return report


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    report_expired_waivers(terminalreporter, config)
    report_reruns(terminalreporter, config)


def report_expired_waivers(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    """Expired waivers fail the scans they match; list them all so stale ones get cleaned up too."""
    # Read here rather than from the scans' cache: under xdist the scans ran in the workers.
    from harness.accessibility.waivers import WAIVERS_FILE, WaiverFileError, load_waivers

    try:
        waivers = load_waivers(config.rootpath / WAIVERS_FILE)
    except WaiverFileError as error:
        terminalreporter.section("accessibility waivers")
        terminalreporter.write_line(str(error), red=True)
        return
    today = dt.date.today()
    expired = [waiver for waiver in waivers if waiver.expired(today)]
    if expired:
        terminalreporter.section("expired accessibility waivers (a11y-waivers.toml)")
        for waiver in expired:
            terminalreporter.write_line(f"expired: {waiver.describe()}")


def report_reruns(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    failed = [
        report
        for key in ("failed", "error")
        for report in terminalreporter.stats.get(key, [])
        if getattr(report, "nodeid", "")
    ]
    if not failed:
        return
    options = options_of(config)
    terminalreporter.section("rerun failed scenarios")
    for nodeid in dict.fromkeys(report.nodeid for report in failed):
        terminalreporter.write_line(rerun_command(nodeid, options.seed, options))


# ---------------------------------------------------------------- fixtures: seeds and options


@pytest.fixture(scope="session")
def harness_options(pytestconfig: pytest.Config) -> HarnessOptions:
    return options_of(pytestconfig)


@pytest.fixture(scope="session")
def run_seed(pytestconfig: pytest.Config) -> int:
    return options_of(pytestconfig).seed


@pytest.fixture
def scenario_seed(run_seed: int, request: pytest.FixtureRequest) -> int:
    # The defect matrix's clean and broken runs of a scenario get the same data as the plain run of it.
    seed = seeds.scenario_seed(run_seed, defect_matrix.variant(request.node.nodeid))
    request.node.stash[seeds.SCENARIO_SEED] = seed
    return seed


@pytest.fixture(autouse=True)
def faker_seed(scenario_seed: int) -> int:
    """Faker's pytest `faker` fixture reseeds itself with this per scenario."""
    return scenario_seed


# ---------------------------------------------------------------- fixtures: mock


@pytest.fixture(scope="session")
def mock_server(harness_options: HarnessOptions) -> Iterator[WorkerMock]:
    """One mock per xdist worker (session scope runs once per worker process)."""
    if harness_options.staging:
        pytest.fail(
            "This scenario needs the mock server (profiles, toggles, faults), which does not exist with "
            "--env staging. Tag it @mock_only, not @staging_safe.",
            pytrace=False,
        )
    # --base-url in mock mode attaches to a mock already running (e.g. `make serve`) instead of starting one.
    server = start_worker_mock(harness_options.base_url)
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def seeded_defects(harness_options: HarnessOptions) -> tuple[str, ...]:
    """The stand-in's seeded defects in this scenario: --defect's, or the one the defect matrix gives it
    (autouse, so harness/selfcheck/defect_matrix.py can parametrize it)."""
    return harness_options.defects


@pytest.fixture
def mock_session(
    seeded_defects: tuple[str, ...],
    mock_server: WorkerMock,
    context: BrowserContext,
    scenario_seed: int,
    harness_options: HarnessOptions,
) -> Iterator[Session]:
    """A fresh mock session for this scenario, its cookie already in the browser context."""
    session = mock_server.client.create_session(seed=scenario_seed, rum_replay=harness_options.rum_replay)
    try:
        if seeded_defects:
            session.set_defects(list(seeded_defects))
        context.add_cookies([cast("SetCookieParam", session.cookie)])  # the client knows no Playwright
        yield session
    finally:
        session.delete()


# ---------------------------------------------------------------- fixtures: browser


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any],
    harness_options: HarnessOptions,
    playwright: Playwright,
    pytestconfig: pytest.Config,
) -> dict[str, Any]:
    """pytest-playwright's launch args (headed, slowmo, channel) plus Debian chromium and quiet flags, and
    in staging Datadog's intake hosts resolved to nowhere (unless --rum-forward)."""
    server = browser_choice.browser_server(pytestconfig)
    local_default = playwright.chromium.executable_path
    try:
        args = browser_choice.launch_args(
            browser_type_launch_args, harness_options.browser_path, local_default, server
        )
    except pytest.UsageError as error:
        pytest.fail(str(error), pytrace=False)
    return rum.launch_args(args, pytestconfig)


@pytest.fixture(scope="session")
def browser_context_args(
    browser_context_args: dict[str, Any], harness_options: HarnessOptions, pytestconfig: pytest.Config
) -> dict[str, Any]:
    """pytest-playwright's context args, the saved sign-in (--storage-state), and in staging service
    workers blocked."""
    args = dict(browser_context_args)
    if harness_options.storage_state is not None:
        args["storage_state"] = str(harness_options.storage_state)
    return staging.context_args(args, pytestconfig)


@pytest.fixture
def context(context: BrowserContext, request: pytest.FixtureRequest) -> Iterator[BrowserContext]:
    """pytest-playwright's context, set up in this order and undone in reverse:
    1. the failure artifacts: tracing from the start, kept with screenshots when the scenario fails;
    2. the announcements log, an init script on every page (what assistive technology is told);
    3. in staging, the write guard, whose route must see every write before anything else answers it;
    4. the RUM intake counted, and in staging intercepted (its route sits above the guard's);
    5. the oracle's recorder of what the app receives: listening only, before the first request.
    """
    with ExitStack() as undo:
        undo.enter_context(kept_on_failure(context, request))
        listen_for_announcements(context, request)
        undo.enter_context(staging.writes_guarded(context, request))
        undo.enter_context(rum.rum_counted(context, request))
        traffic = ObservedTraffic()
        traffic.attach(context)
        request.node.stash[_OBSERVED] = traffic
        yield context


@pytest.fixture
def observed(context: BrowserContext, request: pytest.FixtureRequest) -> ObservedTraffic:
    """What the app receives in this scenario's browser context: the oracle steps read expectations from."""
    traffic: ObservedTraffic = request.node.stash[_OBSERVED]
    return traffic


# ---------------------------------------------------------------- fixtures: accessibility


@pytest.fixture
def a11y(request: pytest.FixtureRequest) -> Any:
    """`a11y.scan(page, state)` and `a11y.assert_clean(page, state)`; see harness/accessibility."""
    from harness.accessibility.fixture import A11y  # reads axe.min.js: only when a scenario scans

    return A11y.for_request(request)
