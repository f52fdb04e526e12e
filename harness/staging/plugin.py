"""Staging mode (`--env staging`): a real base URL, a saved sign-in, and a browser that cannot write.

What it adds to the harness core (which owns the options, the @staging_safe selection, the reachability
check and applies --storage-state to every context):
- stops the run with a clear reason when the saved session has expired (401 / sign-in redirect);
- reads the live feature toggles once, for the `live_toggles` fixture, so steps expect the matching flow;
- a route guard on every context that aborts and records writes (`writes_guarded`, composed into the
  one `context` fixture by harness/plugin.py; harness/staging/guard.py);
- keeps secrets out of reports and logs: tracing and video off, storage-state values scrubbed.
In mock mode it changes nothing except providing `live_toggles` from the scenario's mock session.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext

from harness.rollout.stages import read_feature_toggles
from harness.run.options import options_of
from harness.staging import pool, session_check
from harness.staging.guard import WriteGuard, WritePolicy
from harness.staging.secrets import (
    Scrubber,
    cookies_for,
    install_log_scrubbing,
    load_storage_state,
    secret_values,
)
from harness.staging.session_check import StagingUnavailable, check_signed_in

STAGING = "staging"
_STATE_KEY = pytest.StashKey[dict[str, Any]]()
_USER_STATES_KEY = pytest.StashKey[dict[str, dict[str, Any]]]()  # the pool's storage states, by user
_SCRUB_KEY = pytest.StashKey[Scrubber]()
_GUARD_KEY = pytest.StashKey[WriteGuard]()
_USER_KEY = pytest.StashKey[pool.Assignment]()


def is_staging(config: pytest.Config) -> bool:
    return options_of(config).staging


def _base_url(config: pytest.Config) -> str:
    return str(options_of(config).base_url or "").rstrip("/")


def _api_url(config: pytest.Config) -> str:
    """Where /v0 answers: --api-url when the API has its own host (staging-api.va.gov), else --base-url."""
    return str(options_of(config).api_url or _base_url(config)).rstrip("/")


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("harness")
    group.addoption(
        "--api-url",
        dest="staging_api_url",
        default=None,
        help="Staging: the API host serving /v0/user and /v0/feature_toggles (default: --base-url).",
    )
    group.addoption(
        "--staging-user",
        action="append",
        default=[],
        metavar="NAME=PATH",
        help="Staging: a test user of the pool, PATH its storage state (python -m harness login); "
        "repeatable. Each scenario runs as the first user whose patient meets its premises.",
    )
    group.addoption(
        "--staging-users",
        dest="staging_users_file",
        default=None,
        metavar="FILE.toml",
        help='Staging: the pool as a TOML file of [users.NAME] tables with storage_state = "PATH".',
    )


def _storage_state(config: pytest.Config) -> dict[str, Any]:
    return config.stash.get(_STATE_KEY, {})


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    if not is_staging(config):
        return
    # Traces and videos record cookies and request headers: never in staging.
    for name, off in (("tracing", "off"), ("video", "off")):
        if hasattr(config.option, name):
            setattr(config.option, name, off)
    state: dict[str, Any] = {}
    path = options_of(config).storage_state
    if path:
        try:
            state = load_storage_state(path)
        except ValueError as error:
            raise pytest.UsageError(str(error)) from None
    config.stash[_STATE_KEY] = state
    users = pool.requested_users(config)
    states = pool.storage_states(users)
    config.stash[_USER_STATES_KEY] = states
    scrub = Scrubber(
        sorted({v for s in (state, *states.values()) for v in secret_values(s)}, key=len, reverse=True)
    )
    config.stash[_SCRUB_KEY] = scrub
    install_log_scrubbing(scrub)
    config.stash[pool.POOL_KEY] = _observe_pool(config, users, states)


def _observe_pool(
    config: pytest.Config, users: list[tuple[str, Path]], states: dict[str, dict[str, Any]]
) -> tuple[pool.PoolUser, ...]:
    """Each user observed once per run: by the controller, handed to xdist workers as JSON."""
    workerinput = getattr(config, "workerinput", None)
    if workerinput is not None:
        return pool.from_json(workerinput.get(pool.WORKER_KEY, "[]"))
    if not users or options_of(config).dry_run or config.getoption("help", default=False):
        return ()
    try:
        return tuple(
            pool.observe_user(name, path, states[name], _base_url(config), _api_url(config))
            for name, path in users
        )
    except StagingUnavailable as error:
        pytest.exit(f"staging run stopped: {error}", returncode=pytest.ExitCode.USAGE_ERROR)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """xdist: workers get the controller's observations, so each user is read once per run."""
    node.workerinput[pool.WORKER_KEY] = pool.to_json(pool.pool_of(node.config))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Each scenario runs as the first user of the pool whose patient meets its premises."""
    users = pool.pool_of(config)
    if not is_staging(config) or not users:
        return
    for item in items:
        assignment = pool.assign(users, pool.scenario_premises(item))
        item.stash[_USER_KEY] = assignment
        if assignment.user is not None:
            item.add_marker(
                pytest.mark.browser_context_args(storage_state=str(assignment.user.storage_state))
            )


def pytest_report_header(config: pytest.Config) -> list[str]:
    if not is_staging(config):
        return []
    users = config.stash.get(_USER_STATES_KEY, {})
    states = list(users.values()) or [_storage_state(config)]
    cookies = sum(len(state.get("cookies", [])) for state in states)
    who = f"{len(users)} test user(s) ({', '.join(users)}), " if users else ""
    options = options_of(config)
    sending = (
        f"sends allowed to test care team {options.test_care_team!r}"
        if options.allow_send and options.test_care_team
        else "read-only: writes are aborted and recorded"
    )
    return [f"staging: {_base_url(config)}; {who}{cookies} saved cookies (values never shown); {sending}"]


@pytest.hookimpl(trylast=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    config = session.config
    if not is_staging(config) or options_of(config).dry_run or hasattr(config, "workerinput"):
        return
    if pool.pool_of(config):
        return  # each user of the pool was checked when it was observed
    api = _api_url(config)
    try:
        check_signed_in(api, cookies_for(_storage_state(config), f"{api}/v0/user"))
    except StagingUnavailable as error:
        pytest.exit(f"staging run stopped: {error}", returncode=pytest.ExitCode.USAGE_ERROR)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[Any]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    config = item.config
    if not is_staging(config):
        return report
    scrub = config.stash[_SCRUB_KEY]
    if isinstance(report.longrepr, tuple):  # a skip: (path, line, reason), which pytest's summary folds
        path, line, reason = report.longrepr
        report.longrepr = (path, line, scrub(reason))
    elif report.longrepr is not None:
        report.longrepr = scrub(str(report.longrepr))
    report.sections = [(title, scrub(content)) for title, content in report.sections]
    guard = item.stash.get(_GUARD_KEY, None)
    if guard is not None and report.when == "teardown" and guard.attempts:
        lines = [
            f"{a.method} {a.path}: {'allowed' if a.allowed else 'BLOCKED'} ({a.reason})"
            for a in guard.attempts
        ]
        report.sections.append(("staging write guard", "\n".join(lines)))
    return report


# ---------------------------------------------------------------- fixtures


def context_args(args: dict[str, Any], config: pytest.Config) -> dict[str, Any]:
    """In staging, service workers are blocked: their requests would bypass the write guard's route."""
    if not is_staging(config):
        return args
    return {**args, "service_workers": "block"}


@contextmanager
def writes_guarded(context: BrowserContext, request: pytest.FixtureRequest) -> Iterator[None]:
    """In staging mode, the write guard installed on the context, and afterwards the drafts the scenario
    saved and left deleted. Every write goes into the report (user property `staging_writes`, which the
    evidence recorder reads). In mock mode, nothing."""
    config = request.config
    if not is_staging(config):
        yield
        return
    options = options_of(config)
    allow = options.allow_send and bool(options.test_care_team)
    guard = WriteGuard(WritePolicy(test_care_team=options.test_care_team if allow else None))
    guard.install(context)
    request.node.stash[_GUARD_KEY] = guard
    yield
    try:
        guard.clean_up(context)
    finally:
        if guard.attempts:
            request.node.user_properties.append(("staging_writes", guard.as_records()))


@pytest.fixture
def staging_write_guard(context: BrowserContext, request: pytest.FixtureRequest) -> WriteGuard | None:
    """The scenario's write guard (None in mock mode): `.attempts`, `.blocked`."""
    guard: WriteGuard | None = request.node.stash.get(_GUARD_KEY, None)
    return guard


@pytest.fixture(scope="session")
def _staging_toggles(pytestconfig: pytest.Config) -> dict[str, bool]:
    api = _api_url(pytestconfig)
    try:
        cookies = cookies_for(_storage_state(pytestconfig), f"{api}/v0/feature_toggles")
        return session_check.live_toggles(api, cookies)
    except StagingUnavailable as error:
        pytest.exit(f"staging run stopped: {error}", returncode=pytest.ExitCode.USAGE_ERROR)


@pytest.fixture(autouse=True)
def staging_user(request: pytest.FixtureRequest) -> pool.PoolUser | None:
    """The pool user this scenario runs as (None on the mock, or with no pool); a scenario no user can
    run is skipped here, before its browser context opens, naming the premises no user met."""
    assignment = request.node.stash.get(_USER_KEY, None)
    if assignment is None:
        return None
    evidence = _evidence(request)
    if evidence is not None:
        evidence.set_context(
            premises=[p.needs for p in assignment.premises],
            staging_user=assignment.user.name if assignment.user else None,
            unmet=list(assignment.unmet),
        )
    if assignment.user is None:
        pytest.skip(assignment.skip_reason)
    user: pool.PoolUser = assignment.user
    return user


def _evidence(request: pytest.FixtureRequest) -> Any | None:
    try:
        return request.getfixturevalue("evidence")
    except pytest.FixtureLookupError:
        return None


@pytest.fixture
def live_toggles(request: pytest.FixtureRequest) -> dict[str, bool]:
    """The feature toggles the patient in the browser gets: staging's real ones, or the mock session's."""
    if is_staging(request.config):
        user = request.getfixturevalue("staging_user")
        if user is not None:
            return dict(user.patient.toggles)
        return dict(request.getfixturevalue("_staging_toggles"))
    session = request.getfixturevalue("mock_session")
    return read_feature_toggles(request.getfixturevalue("mock_server").url, session_id=session.id)
