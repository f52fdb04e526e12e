"""Evidence recorder: a pytest plugin that records every scenario and Gherkin step for the go/no-go report.

Recording is on with `--evidence` (or any of `--gate`, `--stage`, `--compare`). Each process writes its
own JSON file; at the end of the session the controller builds the report from those files only
(harness/evidence/build.py), the same way `python -m harness.evidence build` rebuilds it later.
The plugin works without the harness's fixtures (mock_session, page, run_seed): it uses what is there.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import time
import uuid
from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import Page

from fixtures.profiles import PROFILES
from harness.evidence import screenshots, store
from harness.evidence.identity import run_identity
from harness.evidence.recorder import ScenarioEvidence, normalise_toggle
from harness.evidence.redact import redact_text
from harness.options import options_of
from harness.seeds import rerun_command, scenario_seed
from harness.shard import shard_of
from harness.tags import TOGGLE_TAGS

if TYPE_CHECKING:
    from pytest_bdd.parser import Feature, Scenario, Step


STAGES = ("A", "B", "C", "D", "E")
_RECORD = pytest.StashKey[ScenarioEvidence]()
_REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()
_STEPS = pytest.StashKey[list[dict[str, Any]]]()
_ERROR_LINES = 40
RUM_FLUSH_TIMEOUT_S = 3.0  # a sampled-out session sends nothing: do not hold every scenario up for long
_NOT_TAGS = {"req", "usefixtures", "parametrize", "filterwarnings", "skip", "skipif", "xfail"}
_TRACKED_TOGGLES = frozenset(name for name, _ in TOGGLE_TAGS.values())


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
        "--gate",
        action="store_true",
        default=False,
        help="Exit non-zero when the verdict is NO-GO (implies --evidence).",
    )
    group.addoption(
        "--stage",
        choices=STAGES,
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
    recorder = EvidenceRecorder(config)
    config.pluginmanager.register(recorder, "evidence-recorder")
    if recorder.enabled and not recorder.workerinput and not config.option.xmlpath:
        # The bundle's JUnit file is pytest's own; each testcase carries the evidence's user_properties.
        config.option.xmlpath = str(recorder.directory / store.JUNIT)


@pytest.fixture
def evidence(request: pytest.FixtureRequest) -> ScenarioEvidence:
    """This scenario's evidence: set_context, add_a11y, add_link, add_rum, add_api, add_rollout."""
    record = request.node.stash.get(_RECORD, None)
    if record is None:  # only when the recorder's setup hook did not run (should not happen)
        record = request.node.stash[_RECORD] = ScenarioEvidence(request.node.nodeid, request.node.name)
    return record


def _slug(nodeid: str) -> str:
    text = re.sub(r"[^A-Za-z0-9]+", "-", nodeid).strip("-")[:80]
    return f"{text}-{hashlib.sha1(nodeid.encode()).hexdigest()[:8]}"


def _error_text(report: pytest.TestReport) -> str:
    lines = redact_text(report.longreprtext or "").splitlines()
    return "\n".join(lines[-_ERROR_LINES:])


class EvidenceRecorder:
    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.enabled = bool(
            config.getoption("evidence")
            or config.getoption("gate")
            or config.getoption("stage")
            or config.getoption("compare")
        )
        self.workerinput = getattr(config, "workerinput", None)
        self.worker = self.workerinput["workerid"] if self.workerinput else "main"
        # A run token in every file name lets shards' raw files be copied into one directory and merged.
        self.run_token = (self.workerinput or {}).get("evidence_run") or uuid.uuid4().hex[:8]
        self.directory = Path(config.getoption("evidence_dir"))
        if not self.directory.is_absolute():
            self.directory = Path(config.rootpath) / self.directory
        self.screenshots = config.getoption("evidence_screenshots")
        self.records: list[dict[str, Any]] = []
        self.facts: dict[str, Any] = {
            "browser": None,
            "axe_version": None,
            "base_url": None,
            "run_seed": None,
        }
        self.summary: dict[str, Any] | None = None
        self.build_error: str | None = None
        self.baseline: dict[str, Any] | None = None
        # The harness's options reader works without the rest of the harness (defaults for what is absent).
        self.options = options_of(config)
        self.run_seed = self.options.seed
        if self.enabled and not self.workerinput:
            self._start_run()

    # --- run setup ------------------------------------------------------------------------------------
    def _start_run(self) -> None:
        compare = self.config.getoption("compare")
        if compare:  # read now: the old summary may be in the directory this run overwrites
            try:
                self.baseline = json.loads(Path(compare).read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                raise pytest.UsageError(f"--compare {compare}: not a readable summary.json ({exc})") from exc
        store.reset(self.directory)
        options = self.options
        identity = run_identity(Path(self.config.rootpath), options.env, options.base_url, self.run_seed)
        identity["command"] = " ".join(["pytest", *self.config.invocation_params.args])
        identity["shard"] = shard_of(self.config)  # `python -m harness.evidence merge` checks the set
        store.write_run(
            self.directory,
            identity,
            {"stage": self.config.getoption("stage"), "gate": self.config.getoption("gate")},
        )
        if self.baseline is not None:
            store.write_json(self.directory / "baseline-summary.json", self.baseline)

    # --- per scenario -----------------------------------------------------------------------------------
    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        record = item.stash.get(_RECORD, None) or ScenarioEvidence(item.nodeid, item.name)
        item.stash[_RECORD] = record
        item.stash[_REPORTS] = {}
        rec = record.record
        rec["worker"] = self.worker
        rec["markers"] = sorted({m.name for m in item.iter_markers()})
        rec["requirements"] = sorted({str(a) for m in item.iter_markers("req") for a in m.args})
        rec["tags"] = sorted(m for m in rec["markers"] if m not in _NOT_TAGS and not m.startswith("req:"))
        rec["run_seed"] = self.run_seed
        self.facts["run_seed"] = self.run_seed
        rec["seed"] = scenario_seed(self.run_seed, item.nodeid)
        rec["rerun"] = rerun_command(item.nodeid, self.run_seed, self.options).removeprefix("rerun: ")
        template = getattr(getattr(item, "obj", None), "__scenario__", None)
        if template is not None:
            rec["kind"] = "scenario"
            rec["name"] = template.name
            rec["feature"] = {
                "name": template.feature.name,
                "file": template.feature.rel_filename,
                "line": template.line_number,
            }

    @pytest.hookimpl(optionalhook=True)
    def pytest_bdd_before_scenario(
        self, request: pytest.FixtureRequest, feature: Feature, scenario: Scenario
    ) -> None:
        record = request.node.stash.get(_RECORD, None)
        if record is None:
            return
        rec = record.record
        rec["kind"] = "scenario"
        rec["name"] = scenario.name
        rec["feature"] = {"name": feature.name, "file": feature.rel_filename, "line": scenario.line_number}
        tags = {str(t) for t in (*feature.tags, *scenario.tags)}
        rec["requirements"] = sorted(set(rec["requirements"]) | {t[4:] for t in tags if t.startswith("req:")})
        rec["tags"] = sorted(set(rec["tags"]) | {t for t in tags if not t.startswith("req:")})
        request.node.stash[_STEPS] = [
            {"keyword": s.keyword, "text": s.name, "line": s.line_number} for s in scenario.steps
        ]

    @pytest.hookimpl(optionalhook=True)
    def pytest_bdd_before_step(self, request: pytest.FixtureRequest, step: Step, **_: Any) -> None:
        record = request.node.stash.get(_RECORD, None)
        if record is not None:
            record.start_step(step.keyword, step.name, step.line_number)

    @pytest.hookimpl(optionalhook=True)
    def pytest_bdd_after_step(self, request: pytest.FixtureRequest, **_: Any) -> None:
        self._end_step(request, "passed", None)

    @pytest.hookimpl(optionalhook=True)
    def pytest_bdd_step_error(
        self, request: pytest.FixtureRequest, exception: BaseException, **_: Any
    ) -> None:
        self._end_step(request, "failed", redact_text(f"{type(exception).__name__}: {exception}")[:2000])

    @pytest.hookimpl(optionalhook=True)
    def pytest_bdd_step_func_lookup_error(
        self, request: pytest.FixtureRequest, step: Step, exception: BaseException, **_: Any
    ) -> None:
        record = request.node.stash.get(_RECORD, None)
        if record is not None:
            record.start_step(step.keyword, step.name, step.line_number)
            record.end_step("undefined", f"no step definition matches: {step.keyword} {step.name}")

    def _end_step(self, request: pytest.FixtureRequest, status: str, error: str | None) -> None:
        record = request.node.stash.get(_RECORD, None)
        if record is None:
            return
        step = record.end_step(status, error)
        if not self.enabled or step is None:
            return
        if self.screenshots == "off" or (self.screenshots == "on-failure" and status == "passed"):
            return
        page = self._active(request, "page")
        if page is None:
            return
        self._browser_facts(page)
        index = len(record.record["steps"])
        relative = Path(store.SHOTS) / self.worker / _slug(request.node.nodeid) / f"{index:02d}-{status}.jpg"
        if screenshots.capture(page, self.directory / relative):
            step["screenshot"] = relative.as_posix()

    @staticmethod
    def _active(request: pytest.FixtureRequest, name: str) -> Any:
        """A fixture's value only when the scenario already uses it: evidence never starts a browser."""
        if name not in request.fixturenames:
            return None
        try:
            return request.getfixturevalue(name)
        except Exception:
            return None

    def _browser_facts(self, page: Page) -> None:
        if self.facts["browser"]:
            return
        try:
            browser = page.context.browser
            self.facts["browser"] = f"{browser.browser_type.name} {browser.version}" if browser else None
        except Exception:
            self.facts["browser"] = None

    @pytest.hookimpl(optionalhook=True)
    def pytest_bdd_after_scenario(self, request: pytest.FixtureRequest, **_: Any) -> None:
        """Pull what the mock saw for this scenario's session while it still exists."""
        record = request.node.stash.get(_RECORD, None)
        if record is None or not self.enabled:
            return
        base_url = self._active(request, "base_url")
        if base_url and not self.facts["base_url"]:
            self.facts["base_url"] = str(base_url)
        observed = self._active(request, "observed")
        if observed is not None and observed.latest("feature_toggles") is not None:
            # What the app received is what the scenario ran on, in staging as on the mock.
            toggles = observed.patient().toggles
            record.set_context(toggles={k: v for k, v in toggles.items() if k in _TRACKED_TOGGLES})
        self._rum(request, record)
        session = self._active(request, "mock_session")
        if session is None:
            if self.options.staging:
                record.set_context(data=f"the signed-in staging patient at {base_url}")
            return
        try:
            if not record.has_api:
                record.add_api(session.journal(), session.metrics())
            record.add_rum(session.rum_actions())
            # The session is the truth about what the mock served at the end of the scenario: steps may
            # change toggles or the profile after they called set_context.
            patient = session.patient()
            profile = patient.get("profile")
            data = (f"fixture folder ({profile})" if str(profile).startswith("fixtures")
                    else f"profile {profile}, seed {patient.get('seed')}")
            record.set_context(profile=profile, toggles=session.toggles(), data=data)
        except Exception as exc:  # the mock being down must not hide the scenario's own result
            record.note(f"could not read the mock session: {type(exc).__name__}: {exc}")

    def _rum(self, request: pytest.FixtureRequest, record: ScenarioEvidence) -> None:
        """Flush the page's RUM and keep what the intake received (the dashboard is computed from it)."""
        page = self._active(request, "page")
        if page is None:
            return
        try:
            rum = request.getfixturevalue("rum")
            rum.flush(page, timeout_s=RUM_FLUSH_TIMEOUT_S)
        except Exception as exc:  # no RUM on this page (never opened, sampled out): note it, keep going
            record.note(f"RUM not flushed: {type(exc).__name__}: {str(exc).splitlines()[0]}")
            rum = self._active(request, "rum")
        if rum is None:
            return
        try:
            state = self._active(request, "scenario_state") or {}
            record.add_rum_events(rum.events(), clicked=state.get("rum_clicked", []), mode=rum.mode)
        except Exception as exc:
            record.note(f"could not read RUM: {type(exc).__name__}: {exc}")

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        report = yield
        reports = item.stash.get(_REPORTS, None)
        if reports is not None:
            reports[report.when] = report
            if report.when == "teardown":
                self._finish(item, reports)
        return report

    def _finish(self, item: pytest.Item, reports: dict[str, pytest.TestReport]) -> None:
        record = item.stash[_RECORD]
        rec = record.record
        rec["status"], failed_report = _status(reports)
        rec["duration_s"] = round(sum(r.duration for r in reports.values()), 4)
        if failed_report is not None:
            rec["error"] = {"phase": failed_report.when, "message": _error_text(failed_report)}
        skipped = next((r for r in reports.values() if r.skipped), None)
        if skipped is not None and rec["status"] in ("skipped", "xfailed"):
            reason = getattr(skipped, "wasxfail", None) or (
                skipped.longrepr[2] if isinstance(skipped.longrepr, tuple) else str(skipped.longrepr)
            )
            rec["reason"] = redact_text(str(reason))
        properties = reports["teardown"].user_properties if "teardown" in reports else []
        writes = [w for key, value in properties if key == "staging_writes" and isinstance(value, list)
                  for w in value]
        if writes:
            rec["writes"] = writes
        _close_steps(rec, item.stash.get(_STEPS, []))
        _context_from_tags(record)
        for scan in rec["a11y"]:
            if scan.get("engine") and not self.facts["axe_version"]:
                self.facts["axe_version"] = scan["engine"]
        teardown = reports.get("teardown")
        if rec["status"] in ("failed", "error") and teardown is not None:
            rec["trace"] = self._trace(teardown)
        if teardown is not None:
            _add_junit_properties(teardown, rec)
        self.records.append(rec)

    def _trace(self, teardown: pytest.TestReport) -> str | None:
        """pytest-playwright lists the artifacts it kept (a failing test's trace with --tracing
        retain-on-failure) in the teardown report's user_properties, relative to the invocation dir."""
        traces = [str(value) for name, value in teardown.user_properties if name == "playwright_trace"]
        if not traces:
            return None
        path = Path(traces[0])
        return str(path if path.is_absolute() else Path(self.config.invocation_params.dir) / path)

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        # Workers forward their collection errors to the controller, which records them once.
        if report.failed and not self.workerinput:
            rec = ScenarioEvidence(report.nodeid or "<collection>", report.nodeid or "collection").record
            rec["status"] = "error"
            rec["error"] = {"phase": "collect", "message": redact_text(str(report.longrepr))[-4000:]}
            rec["worker"] = self.worker
            rec["rerun"] = f'.venv/bin/pytest "{report.nodeid}"' if report.nodeid else None
            self.records.append(rec)

    # --- end of run ---------------------------------------------------------------------------------------
    @pytest.hookimpl(optionalhook=True)
    def pytest_configure_node(self, node: Any) -> None:
        """pytest-xdist: hand the controller's run token to each worker."""
        node.workerinput["evidence_run"] = self.run_token

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        if not self.enabled or self.config.option.collectonly:
            return
        for error in screenshots.flush():  # thumbnails are written off the scenarios' critical path
            self.facts.setdefault("screenshot_errors", []).append(error)
        controller_under_xdist = not self.workerinput and self.config.pluginmanager.hasplugin("dsession")
        if self.records or not controller_under_xdist:
            store.write_worker(self.directory, f"{self.worker}-{self.run_token}", self.facts, self.records)
        if self.workerinput:
            return
        from harness.evidence.build import build

        started = time.perf_counter()
        try:
            self.summary = build(
                self.directory,
                stage=self.config.getoption("stage"),
                baseline=self.baseline,
                today=dt.datetime.now(dt.UTC).date(),
            )
        except Exception as exc:
            self.build_error = f"{type(exc).__name__}: {exc}"
        self.build_seconds = time.perf_counter() - started
        failed_gate = self.build_error is not None or (self.summary or {}).get("verdict") == "NO-GO"
        if self.config.getoption("gate") and failed_gate and session.exitstatus == 0:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if not self.enabled or self.workerinput or self.config.option.collectonly:
            return
        from harness.evidence.build import verdict_lines

        terminalreporter.section("go/no-go evidence")
        if self.build_error:
            terminalreporter.write_line(f"evidence report could not be built: {self.build_error}", red=True)
            return
        for line in verdict_lines(self.summary or {}, self.directory):
            terminalreporter.write_line(line)


def _add_junit_properties(teardown: pytest.TestReport, rec: dict[str, Any]) -> None:
    """What pytest's --junitxml writes as each testcase's <property> elements: how to rerun it, and why
    it matters (requirements), for CI and test-management imports."""
    properties = {
        "seed": rec.get("seed"),
        "rerun": rec.get("rerun"),
        "requirements": ",".join(rec.get("requirements") or []) or None,
        "failing_step": rec.get("failing_step"),
    }
    teardown.user_properties.extend((k, str(v)) for k, v in properties.items() if v is not None)


def _status(reports: dict[str, pytest.TestReport]) -> tuple[str, pytest.TestReport | None]:
    setup, call, teardown = reports.get("setup"), reports.get("call"), reports.get("teardown")
    if setup is not None and setup.failed:
        return "error", setup
    if setup is not None and setup.skipped:
        return ("xfailed" if hasattr(setup, "wasxfail") else "skipped"), None
    status, failed = "not run", None
    if call is not None:
        if call.passed:
            status = "xpassed" if hasattr(call, "wasxfail") else "passed"
        elif call.failed:
            status, failed = "failed", call
        else:
            status = "xfailed" if hasattr(call, "wasxfail") else "skipped"
    if teardown is not None and teardown.failed and status in ("passed", "xpassed"):
        return "error", teardown
    return status, failed


def _close_steps(rec: dict[str, Any], planned: list[dict[str, Any]]) -> None:
    """A step still 'running' ended by an outcome exception (skip, xfail, fail); steps never reached are
    listed as 'not run' so the timeline shows the whole scenario."""
    final = {"failed": "failed", "error": "failed", "xfailed": "failed", "skipped": "skipped"}
    for step in rec["steps"]:
        if step["status"] == "running":
            step["status"] = final.get(rec["status"], "passed")
            if step["status"] == "failed" and rec["error"] and not step["error"]:
                step["error"] = (
                    rec["error"]["message"].splitlines()[-1][:500] if rec["error"]["message"] else None
                )
                rec["failing_step"] = f"{step['keyword']} {step['text']}"
    for planned_step in planned[len(rec["steps"]) :]:
        rec["steps"].append(
            {**planned_step, "status": "not run", "duration_s": 0.0, "screenshot": None, "error": None}
        )
    if rec["status"] == "xfailed" and rec["failing_step"] is None:
        rec["failing_step"] = next(
            (f"{s['keyword']} {s['text']}" for s in rec["steps"] if s["status"] == "failed"), None
        )


def _context_from_tags(record: ScenarioEvidence) -> None:
    """Scenarios that never called set_context still land in the matrix through their tags."""
    context = record.record["context"]
    tags = set(record.record["tags"])
    toggles = {name: state for tag, (name, state) in TOGGLE_TAGS.items() if tag in tags}
    for name, state in toggles.items():
        context["toggles"].setdefault(name, normalise_toggle(state))
    if context["profile"] is None:
        context["profile"] = next((p for p in PROFILES if p in tags), None)
