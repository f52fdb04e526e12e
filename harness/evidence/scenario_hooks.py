"""Per-scenario recording: the pytest and pytest-bdd hooks that fill each scenario's evidence record.

They use the harness's fixtures (page, mock_session, observed, rum) only when the scenario already does:
evidence never starts a browser or a mock of its own.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import Page
from pytest_bdd.scenario import scenario_wrapper_template_registry

from harness.accessibility.announcements import announcements_of
from harness.evidence import outcome, screenshots, store
from harness.evidence.record import FeatureRef, StepRecord
from harness.evidence.recorder import ScenarioEvidence
from harness.evidence.redact import redact, redact_text
from harness.evidence.run import EvidenceRun
from harness.gherkin.tags import TOGGLE_TAGS
from harness.oracle.shapes import shapes_of
from harness.run.options import rerun_command
from harness.run.seeds import SCENARIO_SEED

if TYPE_CHECKING:
    from pytest_bdd.parser import Feature, Scenario, ScenarioTemplate, Step

RECORD = pytest.StashKey[ScenarioEvidence]()
_REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()
_PLANNED = pytest.StashKey[list[StepRecord]]()
_EXCEPTION_CHARS = 2000  # a step's own exception; outcome.py keeps one line of the scenario's
RUM_FLUSH_TIMEOUT_S = 3.0  # a sampled-out session sends nothing: do not hold every scenario up for long
_NOT_TAGS = {"req", "usefixtures", "parametrize", "filterwarnings", "skip", "skipif", "xfail"}
_TRACKED_TOGGLES = frozenset(name for name, _ in TOGGLE_TAGS.values())


def evidence_of(node: pytest.Item) -> ScenarioEvidence:
    """The node's evidence, created on first use."""
    record = node.stash.get(RECORD, None)
    if record is None:
        record = node.stash[RECORD] = ScenarioEvidence(node.nodeid, node.name)
    return record


def scenario_template(item: pytest.Item) -> ScenarioTemplate | None:
    """The Gherkin scenario behind a test item (pytest-bdd's registry, which the harness's feature
    collector fills too), or None for a plain test."""
    try:
        return scenario_wrapper_template_registry.get(getattr(item, "obj", None))  # type: ignore[arg-type]
    except TypeError:  # an object a weak reference cannot point at is no scenario
        return None


def _slug(nodeid: str) -> str:
    text = re.sub(r"[^A-Za-z0-9]+", "-", nodeid).strip("-")[:80]
    return f"{text}-{hashlib.sha1(nodeid.encode()).hexdigest()[:8]}"


def _active(request: pytest.FixtureRequest, name: str) -> Any:
    """A fixture's value only when the scenario already uses it."""
    if name not in request.fixturenames:
        return None
    try:
        return request.getfixturevalue(name)
    except Exception:
        return None


class ScenarioHooks:
    def __init__(self, run: EvidenceRun) -> None:
        self.run = run

    # --- identity: nodeid, tags, seeds, the feature it comes from ------------------------------------
    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        record = evidence_of(item).record
        item.stash[_REPORTS] = {}
        record.worker = self.run.worker
        record.markers = sorted({m.name for m in item.iter_markers()})
        record.requirements = sorted({str(a) for m in item.iter_markers("req") for a in m.args})
        record.tags = sorted(m for m in record.markers if m not in _NOT_TAGS and not m.startswith("req:"))
        run_seed = self.run.options.seed
        record.run_seed = run_seed
        record.rerun = rerun_command(item.nodeid, run_seed, self.run.options).removeprefix("rerun: ")
        template = scenario_template(item)
        if template is not None:  # known before any step runs: a scenario skipped in setup is one too
            record.kind = "scenario"
            record.name = template.name
            record.feature = FeatureRef(
                template.feature.name, template.feature.rel_filename, template.line_number
            )

    @pytest.hookimpl(optionalhook=True)
    def pytest_bdd_before_scenario(
        self, request: pytest.FixtureRequest, feature: Feature, scenario: Scenario
    ) -> None:
        record = evidence_of(request.node).record
        record.kind = "scenario"
        record.name = scenario.name
        record.feature = FeatureRef(feature.name, feature.rel_filename, scenario.line_number)
        tags = {str(t) for t in (*feature.tags, *scenario.tags)}
        record.requirements = sorted(set(record.requirements) | {t[4:] for t in tags if t.startswith("req:")})
        record.tags = sorted(set(record.tags) | {t for t in tags if not t.startswith("req:")})
        request.node.stash[_PLANNED] = [StepRecord(s.keyword, s.name, s.line_number) for s in scenario.steps]

    # --- steps: timing, status and a screenshot each ----------------------------------------------------
    @pytest.hookimpl(optionalhook=True)
    def pytest_bdd_before_step(self, request: pytest.FixtureRequest, step: Step, **_: Any) -> None:
        evidence_of(request.node).start_step(step.keyword, step.name, step.line_number)

    @pytest.hookimpl(optionalhook=True)
    def pytest_bdd_after_step(self, request: pytest.FixtureRequest, **_: Any) -> None:
        self._end_step(request, "passed", None)

    @pytest.hookimpl(optionalhook=True)
    def pytest_bdd_step_error(
        self, request: pytest.FixtureRequest, exception: BaseException, **_: Any
    ) -> None:
        error = redact_text(f"{type(exception).__name__}: {exception}")[:_EXCEPTION_CHARS]
        self._end_step(request, "failed", error)

    @pytest.hookimpl(optionalhook=True)
    def pytest_bdd_step_func_lookup_error(
        self, request: pytest.FixtureRequest, step: Step, exception: BaseException, **_: Any
    ) -> None:
        evidence = evidence_of(request.node)
        evidence.start_step(step.keyword, step.name, step.line_number)
        evidence.end_step("undefined", f"no step definition matches: {step.keyword} {step.name}")

    def _end_step(self, request: pytest.FixtureRequest, status: str, error: str | None) -> None:
        evidence = evidence_of(request.node)
        step = evidence.end_step(status, error)
        told = announcements_of(request.node)
        if self.run.enabled and step is not None and told is not None:
            step.heard = [redact(h.as_json()) for h in told.take()]
        mode = self.run.screenshots
        if (
            not self.run.enabled
            or step is None
            or mode == "off"
            or (mode == "on-failure" and status == "passed")
        ):
            return
        page: Page | None = _active(request, "page")
        if page is None:
            return
        self._browser_facts(page)
        index = len(evidence.record.steps)
        relative = (
            Path(store.SHOTS) / self.run.worker / _slug(request.node.nodeid) / f"{index:02d}-{status}.jpg"
        )
        if screenshots.capture(page, self.run.directory / relative):
            step.screenshot = relative.as_posix()

    def _browser_facts(self, page: Page) -> None:
        if self.run.facts["browser"]:
            return
        try:
            browser = page.context.browser
            self.run.facts["browser"] = f"{browser.browser_type.name} {browser.version}" if browser else None
        except Exception:
            self.run.facts["browser"] = None

    # --- after the scenario: what the app received, what the mock and RUM saw ----------------------------
    @pytest.hookimpl(optionalhook=True)
    def pytest_bdd_after_scenario(self, request: pytest.FixtureRequest, **_: Any) -> None:
        """Pull what the mock saw for this scenario's session while it still exists."""
        if not self.run.enabled:
            return
        evidence = evidence_of(request.node)
        base_url = _active(request, "base_url")
        if base_url and not self.run.facts["base_url"]:
            self.run.facts["base_url"] = str(base_url)
        observed = _active(request, "observed")
        if observed is not None:
            # What the app received is what the scenario ran on, in staging as on the mock.
            patient = observed.patient()
            if observed.latest("feature_toggles") is not None:
                toggles = patient.toggles
                evidence.set_context(toggles={k: v for k, v in toggles.items() if k in _TRACKED_TOGGLES})
            if observed.latest("allrecipients") is not None:
                # The matrix places a scenario by the patient the app received, not by the profile's name.
                evidence.set_context(shapes=shapes_of(patient))
        self._rum(request, evidence)
        session = _active(request, "mock_session")
        if session is None:
            if self.run.options.staging:
                evidence.set_context(data=f"the signed-in staging patient at {base_url}")
            return
        try:
            if not evidence.has_api:
                evidence.add_api(session.journal(), session.metrics())
            evidence.add_rum(session.rum_actions())
            # The session is the truth about what the mock served at the end of the scenario: steps may
            # change toggles or the profile after they called set_context.
            patient = session.patient()
            profile = patient.get("profile")
            data = (
                f"fixture folder ({profile})"
                if str(profile).startswith("fixtures")
                else f"profile {profile}, seed {patient.get('seed')}"
            )
            evidence.set_context(profile=profile, toggles=session.toggles(), data=data)
        except Exception as exc:  # the mock being down must not hide the scenario's own result
            evidence.note(f"could not read the mock session: {type(exc).__name__}: {exc}")

    @staticmethod
    def _rum(request: pytest.FixtureRequest, evidence: ScenarioEvidence) -> None:
        """Flush the page's RUM and keep what the intake received (the dashboard is computed from it)."""
        page = _active(request, "page")
        if page is None:
            return
        try:
            rum = request.getfixturevalue("rum")
            rum.flush(page, timeout_s=RUM_FLUSH_TIMEOUT_S)
        except Exception as exc:  # no RUM on this page (never opened, sampled out): note it, keep going
            evidence.note(f"RUM not flushed: {type(exc).__name__}: {str(exc).splitlines()[0]}")
            rum = _active(request, "rum")
        if rum is None:
            return
        try:
            # Recorded beside every click on a tracked element the scenario made, asserted or not: the page
            # objects count them where they click and the steps hand them over first (steps/rum.py,
            # `add_tracked_clicks`), so the dashboard compares RUM with what really happened. The harness
            # never imports the page objects or the steps.
            evidence.add_rum_events(rum.events(), mode=rum.mode)
        except Exception as exc:
            evidence.note(f"could not read RUM: {type(exc).__name__}: {exc}")

    # --- the outcome --------------------------------------------------------------------------------------
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
        record, teardown = evidence_of(item).record, reports["teardown"]
        outcome.finish(record, reports, item.stash.get(_PLANNED, []))
        record.seed = item.stash.get(SCENARIO_SEED, None)  # the one the scenario's fixtures used
        for scan in record.a11y:
            if scan.get("engine") and not self.run.facts["axe_version"]:
                self.run.facts["axe_version"] = scan["engine"]
        if record.status in ("failed", "error"):
            record.trace = self._trace(teardown)
        teardown.user_properties.extend(outcome.junit_properties(record))
        self.run.records.append(record)

    def _trace(self, teardown: pytest.TestReport) -> str | None:
        """pytest-playwright lists the artifacts it kept (a failing test's trace with --tracing
        retain-on-failure) in the teardown report's user_properties, relative to the invocation dir."""
        traces = [str(value) for name, value in teardown.user_properties if name == "playwright_trace"]
        if not traces:
            return None
        path = Path(traces[0])
        return str(path if path.is_absolute() else Path(self.run.config.invocation_params.dir) / path)
