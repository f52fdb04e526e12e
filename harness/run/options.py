"""Command-line options of the harness and the settings read from them."""

from __future__ import annotations

import os
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from harness.run import seeds

ENV_MOCK = "mock"
ENV_STAGING = "staging"
DEFECTS_ENV = "HARNESS_DEFECTS"  # comma-separated defect names, the same as --defect NAME...
MATRIX_ALL = "all"


def add_options(parser: pytest.Parser) -> None:
    group = parser.getgroup("harness", "SM release-gate harness")
    group.addoption(
        "--browser-path",
        default=None,
        help="Chromium executable (default: $CHROMIUM_PATH, then Debian's /usr/bin/chromium-headless-shell "
        "when headless, then /usr/bin/chromium, then Playwright's own).",
    )
    group.addoption(
        "--env",
        dest="harness_env",
        choices=[ENV_MOCK, ENV_STAGING],
        default=ENV_MOCK,
        help="mock: start the mock server per worker (default). staging: run @staging_safe scenarios "
        "against --base-url.",
    )
    group.addoption(
        "--seed",
        default=None,
        help="Run seed: an integer, or 'today' for today's date (YYYYMMDD). Default: harness_seed in "
        "pyproject.toml, so runs are the same on any date.",
    )
    parser.addini("harness_seed", "The pinned run seed (an integer, or 'today').", default="")
    group.addoption(
        "--storage-state",
        default=None,
        help="Playwright storage state (signed-in cookies) applied to every context; for staging.",
    )
    group.addoption(
        "--allow-send",
        action="store_true",
        default=False,
        help="Staging: allow scenarios to send real messages (to --test-care-team only).",
    )
    group.addoption("--test-care-team", default=None, help="Staging: the care team test messages may go to.")
    group.addoption(
        "--defect",
        action="append",
        default=[],
        metavar="NAME",
        help=f"Switch on a seeded defect of the stand-in (mocks/defects.py) in every scenario's session; "
        f"repeatable. Also read from ${DEFECTS_ENV}. ('seed' always means the data seed, --seed.)",
    )
    group.addoption(
        "--defect-matrix",
        default="",
        metavar="all|NAME,NAME",
        help="Self-test: run each chosen seeded defect against the scenario written to catch it "
        "(mocks/defects.py caught_by), plus that scenario clean; nothing else runs. See `make selftest`.",
    )
    group.addoption(  # Issue 22, transcripts and aria snapshots
        "--update-aria-snapshots",
        nargs="?",
        const="replace",
        default=None,
        choices=["replace", "merge"],
        help="Write each page state's aria snapshot template (features/aria-snapshots/<state>.yml, patient "
        "data generalised) instead of checking it; =merge keeps only what the stored template and this run "
        "share (run once per seed so a template holds on each). Mock runs only.",
    )
    group.addoption(
        "--bdd-dry-run",
        action="store_true",
        default=False,
        help="Parse the features and list undefined steps, unused step definitions and unknown tags, "
        "without starting a browser; exit non-zero on any.",
    )


@dataclass(frozen=True)
class EvidenceOptions:
    """The evidence recorder's options (harness/evidence/plugin.py defines them)."""

    requested: bool = False  # --evidence, or --gate, --stage or --compare, which need it
    directory: str = "reports/evidence"  # --evidence-dir, as given
    history: str | None = None  # --evidence-history, as given
    gate: bool = False
    stage: str | None = None
    compare: str | None = None
    screenshots: str = "each-step"  # --evidence-screenshots


@dataclass(frozen=True)
class HarnessOptions:
    """Every harness option, read once (`options_of`); plugins that define an option still read it here."""

    env: str
    seed: int  # the run seed, resolved: --seed N, --seed today, or the one pinned in pyproject.toml
    seed_origin: str
    base_url: str | None
    browser_path: str | None
    storage_state: Path | None
    allow_send: bool
    test_care_team: str | None
    defects: tuple[str, ...]
    defect_matrix: tuple[str, ...]
    dry_run: bool
    api_url: str | None  # staging: --api-url, the host serving /v0 (default: --base-url)
    rum_forward: bool
    rum_replay: bool  # mock mode: the stand-in's Datadog SDK records session replay too
    rollout_cohort: int | None
    staging_users: tuple[str, ...] = ()  # --staging-user NAME=PATH, as given
    staging_users_file: Path | None = None  # --staging-users FILE.toml
    update_aria_snapshots: str | None = None  # replace | merge (Issue 22, transcripts and aria snapshots)
    # pytest-playwright's --tracing and --screenshot, which harness/run/artifacts.py acts on (tracing is
    # off in staging: a trace records cookies and request headers)
    tracing: str = "off"
    screenshot: str = "off"
    full_page_screenshot: bool = False
    browser_server: str | None = None  # --browser-server (harness/run/browser.py)
    phase_timings: Path | None = None  # --phase-timings DIR (harness/run/timing.py)
    scenario_timeout: float = 0.0  # the `scenario_timeout` ini, seconds (harness/run/timeouts.py)
    shard: str | None = None  # --shard K/N (harness/run/shard.py)
    shard_durations: str | None = None  # --durations-file, as given
    a11y_results: Path | None = None  # --a11y-results DIR (harness/accessibility/plugin.py)
    evidence: EvidenceOptions = EvidenceOptions()  # harness/evidence/plugin.py

    @property
    def staging(self) -> bool:
        return self.env == ENV_STAGING


def read_options(config: pytest.Config) -> HarnessOptions:
    # Every option read with a default: a run that loads only part of the harness (a pytester run of the
    # staging plugin alone) still gets its options, with the harness's defaults.
    defects = list(config.getoption("defect", default=None) or [])
    defects += [name.strip() for name in os.environ.get(DEFECTS_ENV, "").split(",") if name.strip()]
    storage_state = config.getoption("storage_state", default=None)
    users_file = config.getoption("staging_users_file", default=None)  # defined by the staging plugin
    timings = config.getoption("phase_timings", default=None)
    a11y = config.getoption("a11y_results", default=None)
    staging = (config.getoption("harness_env", default=None) or ENV_MOCK) == ENV_STAGING
    # Each xdist worker parses the same command line and ini, so all resolve the same run seed.
    asked, pinned = config.getoption("seed", default=None), _ini(config, seeds.SEED_INI)
    try:
        seed = seeds.resolve_run_seed(asked, pinned)
    except ValueError as error:
        raise pytest.UsageError(f"--seed: {error}") from None
    origin = (
        "from --seed today"
        if str(asked).strip() == seeds.TODAY
        else "from --seed"
        if asked
        else "pinned in pyproject.toml"
        if pinned
        else "today's date"
    )
    return HarnessOptions(
        env=config.getoption("harness_env", default=None) or ENV_MOCK,
        seed=seed,
        seed_origin=origin,
        base_url=config.getoption("base_url", default=None),
        browser_path=config.getoption("browser_path", default=None),
        storage_state=Path(storage_state) if storage_state else None,
        allow_send=bool(config.getoption("allow_send", default=None)),
        test_care_team=config.getoption("test_care_team", default=None),
        defects=tuple(dict.fromkeys(defects)),
        defect_matrix=matrix_names(config.getoption("defect_matrix", default=None) or ""),
        dry_run=bool(config.getoption("bdd_dry_run", default=None)),
        # defined by the staging, RUM and cohort plugins; absent when one is not loaded
        api_url=config.getoption("staging_api_url", default=None),
        rum_forward=bool(config.getoption("rum_forward", default=False)),
        rum_replay=bool(config.getoption("rum_replay", default=False)),
        rollout_cohort=config.getoption("rollout_cohort", default=None),
        staging_users=tuple(config.getoption("staging_user", default=None) or ()),
        staging_users_file=Path(users_file) if users_file else None,
        update_aria_snapshots=config.getoption("update_aria_snapshots", default=None),
        tracing="off" if staging else config.getoption("tracing", default=None) or "off",
        screenshot=config.getoption("screenshot", default=None) or "off",
        full_page_screenshot=bool(config.getoption("full_page_screenshot", default=False)),
        browser_server=config.getoption("browser_server", default=None) or None,
        phase_timings=Path(timings) if timings else None,
        scenario_timeout=float(_ini(config, "scenario_timeout") or 0),
        shard=config.getoption("shard", default=None) or None,
        shard_durations=config.getoption("durations_file", default=None) or None,
        a11y_results=Path(a11y).resolve() if a11y else None,
        evidence=_evidence_options(config),
    )


def _evidence_options(config: pytest.Config) -> EvidenceOptions:
    def get(name: str) -> Any:
        return config.getoption(name, default=None)

    stage, compare, gate = get("stage"), get("compare"), bool(get("gate"))
    return EvidenceOptions(
        requested=bool(get("evidence") or gate or stage or compare),
        directory=get("evidence_dir") or "reports/evidence",
        history=get("evidence_history"),
        gate=gate,
        stage=stage,
        compare=compare,
        screenshots=get("evidence_screenshots") or "each-step",
    )


def _ini(config: pytest.Config, name: str) -> str:
    try:
        return str(config.getini(name)).strip()
    except ValueError:  # the harness plugin that declares it is not loaded
        return ""


def options_of(config: pytest.Config) -> HarnessOptions:
    """The run's options, read on first use so any plugin may ask, in any hook order."""
    if OPTIONS_KEY not in config.stash:
        config.stash[OPTIONS_KEY] = read_options(config)
    return config.stash[OPTIONS_KEY]


def validate(options: HarnessOptions) -> None:
    """Fail fast, before any browser starts, on options that cannot work together."""
    if options.staging and not options.base_url:
        raise pytest.UsageError("--env staging needs --base-url URL (e.g. https://staging.va.gov).")
    if options.staging and options.update_aria_snapshots:
        raise pytest.UsageError(
            "--update-aria-snapshots writes the stand-in's templates: run it against the mock."
        )
    if options.staging and options.defects:
        raise pytest.UsageError("--defect only works against the mock (--env mock).")
    if options.defect_matrix and (options.staging or options.defects):
        raise pytest.UsageError("--defect-matrix runs against the mock with no other --defect.")
    if options.storage_state is not None and not options.storage_state.is_file():
        raise pytest.UsageError(f"--storage-state {options.storage_state}: no such file.")
    if options.allow_send and not options.test_care_team:
        raise pytest.UsageError("--allow-send needs --test-care-team NAME: the only team it may send to.")
    if options.defects or options.defect_matrix:
        from mocks.defects import DEFECTS  # the mock's catalogue is the one source of defect names

        unknown = [name for name in (*options.defects, *options.defect_matrix) if name not in DEFECTS]
        if unknown:
            raise pytest.UsageError(
                f"unknown seeded defect(s) {', '.join(unknown)}; known: {', '.join(sorted(DEFECTS))}"
            )


def matrix_names(value: str) -> tuple[str, ...]:
    if value.strip() == MATRIX_ALL:
        from mocks.defects import DEFECTS

        return tuple(DEFECTS)
    return tuple(dict.fromkeys(name.strip() for name in value.split(",") if name.strip()))


OPTIONS_KEY = pytest.StashKey[HarnessOptions]()


def rerun_command(nodeid: str, run_seed: int, options: HarnessOptions | None = None) -> str:
    """The one line that reruns a scenario with the same data, defects and target (the terminal, the
    evidence report and the seed sweep all print this)."""
    quoted = nodeid.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$").replace("`", "\\`")
    extra = "".join(f" {part}" for part in rerun_options(options)) if options else ""
    return f'rerun: .venv/bin/pytest "{quoted}" --seed {run_seed}{extra}'


def rerun_options(options: HarnessOptions) -> list[str]:
    """The options a rerun needs besides the seed: seeded defects and the staging target."""
    parts = [f"--defect {name}" for name in options.defects]
    if options.defect_matrix:
        parts.append(f"--defect-matrix={','.join(options.defect_matrix)}")
    if options.staging:
        parts += ["--env staging", f"--base-url {shlex.quote(options.base_url or '')}"]
        if options.storage_state:
            parts.append(f"--storage-state {shlex.quote(str(options.storage_state))}")
        if options.staging_users_file:
            parts.append(f"--staging-users {shlex.quote(str(options.staging_users_file))}")
        parts += [f"--staging-user {shlex.quote(user)}" for user in options.staging_users]
        if options.allow_send and options.test_care_team:
            parts += ["--allow-send", f"--test-care-team {shlex.quote(options.test_care_team)}"]
    return parts
