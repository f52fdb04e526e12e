"""Evidence recorder: a pytest plugin that records every scenario and Gherkin step for the go/no-go report.

Recording is on with `--evidence` (or any of `--gate`, `--stage`, `--compare`). Each process writes its
own JSON file; at the end of the session the controller builds the report from those files only
(harness/evidence/build.py), the same way `python -m harness.evidence build` rebuilds it later.
The pieces: this module (options, the `evidence` fixture, the run's start and end), `run` (one process's
share of the run), `scenario_hooks` (what each scenario records) and `outcome` (its status from pytest).
The plugin works without the harness's fixtures (mock_session, page, run_seed): it uses what is there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

from contract import STAGE_NAMES
from harness.evidence import quarantine, store
from harness.evidence.record import ErrorInfo, ScenarioRecord
from harness.evidence.recorder import ScenarioEvidence
from harness.evidence.redact import redact_text
from harness.evidence.run import EvidenceRun
from harness.evidence.scenario_hooks import ScenarioHooks, evidence_of, scenario_template


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("evidence", "go/no-go evidence report")
    group.addoption(
        "--evidence",
        action="store_true",
        default=False,
        help="Record evidence and build the go/no-go report at the end of the run.",
    )
    group.addoption(
        "--evidence-dir",
        default="reports/evidence",
        metavar="DIR",
        help="Where the evidence and the report go (default: reports/evidence).",
    )
    group.addoption(
        "--evidence-history",
        default=None,
        metavar="DIR",
        help="Where the summaries of earlier runs are kept for the report's history, trends and flaky "
        "scenarios (default: a folder beside --evidence-dir, e.g. reports/evidence-history; last 20 runs).",
    )
    group.addoption(
        "--gate",
        action="store_true",
        default=False,
        help="Exit non-zero when the verdict is NO-GO (implies --evidence).",
    )
    group.addoption(
        "--stage",
        choices=STAGE_NAMES,
        type=str.upper,
        default=None,
        help="Rollout stage the verdict is for (default: target_stage in go-no-go.toml).",
    )
    group.addoption(
        "--compare",
        default=None,
        metavar="SUMMARY_JSON",
        help="An earlier summary.json: report new / fixed / persistent findings and status changes.",
    )
    group.addoption(
        "--evidence-screenshots",
        choices=("each-step", "on-failure", "off"),
        default="each-step",
        help="Step screenshots when a page is in use (default: each-step).",
    )


@pytest.hookimpl(tryfirst=True)  # before pytest's junitxml plugin reads --junitxml
def pytest_configure(config: pytest.Config) -> None:
    run = EvidenceRun(config)
    if run.is_controller:
        _refuse_expired_quarantine(config)
    config.pluginmanager.register(RunHooks(run), "evidence-run")
    config.pluginmanager.register(ScenarioHooks(run), "evidence-scenarios")
    if run.enabled and run.is_controller:
        run.start()
        if not config.option.xmlpath:
            # The bundle's JUnit file is pytest's own; each testcase carries the evidence's user_properties.
            config.option.xmlpath = str(run.directory / store.JUNIT)


def _refuse_expired_quarantine(config: pytest.Config) -> None:
    """An expired (or malformed, or over-long) quarantine fails the run before any scenario runs."""
    try:
        quarantine.load(Path(config.rootpath) / quarantine.QUARANTINE_FILE, dt.datetime.now(dt.UTC).date())
    except quarantine.QuarantineError as exc:
        raise pytest.UsageError(str(exc)) from exc


@pytest.fixture
def evidence(request: pytest.FixtureRequest) -> ScenarioEvidence:
    """This scenario's evidence: set_context, add_a11y, add_link, add_rum, add_api, add_rollout."""
    return evidence_of(request.node)


class RunHooks:
    """The run's start and end: collection errors, the token handed to workers, the report and verdict."""

    def __init__(self, run: EvidenceRun) -> None:
        self.run = run

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        # Workers forward their collection errors to the controller, which records them once.
        if not report.failed or not self.run.is_controller:
            return
        nodeid = report.nodeid or "<collection>"
        self.run.records.append(
            ScenarioRecord(
                nodeid,
                report.nodeid or "collection",
                worker=self.run.worker,
                status="error",
                error=ErrorInfo("collect", redact_text(str(report.longrepr))[-4000:]),
                rerun=f'.venv/bin/pytest "{report.nodeid}"' if report.nodeid else None,
            )
        )

    @pytest.hookimpl(tryfirst=True)  # before -m, -k, the staging selection or a shard deselect any
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        if self.run.enabled:
            self.run.count_collected([item.nodeid for item in items if scenario_template(item) is not None])

    @pytest.hookimpl(wrapper=True)
    def pytest_sessionstart(self, session: pytest.Session) -> Generator[None, None, None]:
        yield  # after every plugin's start: run.json exists (the pool was observed at configure)
        self.run.record_pool()

    @pytest.hookimpl(optionalhook=True)
    def pytest_configure_node(self, node: Any) -> None:
        """pytest-xdist: hand the controller's run token to each worker."""
        node.workerinput["evidence_run"] = self.run.run_token

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        run = self.run
        if not run.enabled or run.config.option.collectonly:
            return
        run.write(under_xdist=run.config.pluginmanager.hasplugin("dsession"))
        if not run.is_controller:
            return
        if run.build() and run.gate and session.exitstatus == 0:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        run = self.run
        if not run.enabled or not run.is_controller or run.config.option.collectonly:
            return
        from harness.evidence.build import verdict_lines

        terminalreporter.section("go/no-go evidence")
        if run.build_error or run.summary is None:  # a build leaves one of the two
            terminalreporter.write_line(f"evidence report could not be built: {run.build_error}", red=True)
            return
        for line in verdict_lines(run.summary, run.directory):
            terminalreporter.write_line(line)
