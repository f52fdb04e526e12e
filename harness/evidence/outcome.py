"""A scenario's outcome from pytest's setup/call/teardown reports, written into its evidence record."""

from __future__ import annotations

import pytest

from harness.evidence.context import fill_from_tags
from harness.evidence.record import ErrorInfo, ScenarioRecord, StepRecord
from harness.evidence.redact import redact_text

_ERROR_LINES = 40
_STEP_ERROR_CHARS = 500


def finish(record: ScenarioRecord, reports: dict[str, pytest.TestReport], planned: list[StepRecord]) -> None:
    """Status, duration, error, skip reason and staging writes; steps closed; context filled from tags."""
    record.status, failed_report = status_of(reports)
    record.duration_s = round(sum(r.duration for r in reports.values()), 4)
    if failed_report is not None:
        record.error = ErrorInfo(failed_report.when, error_text(failed_report))
    record.reason = _skip_reason(reports, record.status)
    teardown = reports.get("teardown")
    properties = teardown.user_properties if teardown is not None else []
    record.writes = [w for key, value in properties if key == "staging_writes" and isinstance(value, list)
                     for w in value]  # fmt: skip
    _close_steps(record, planned)
    fill_from_tags(record.context, record.tags)


def error_text(report: pytest.TestReport | pytest.CollectReport) -> str:
    lines = redact_text(report.longreprtext or "").splitlines()
    return "\n".join(lines[-_ERROR_LINES:])


def status_of(reports: dict[str, pytest.TestReport]) -> tuple[str, pytest.TestReport | None]:
    """The scenario's status and the report that failed it, if one did."""
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


def _skip_reason(reports: dict[str, pytest.TestReport], status: str) -> str | None:
    skipped = next((r for r in reports.values() if r.skipped), None)
    if skipped is None or status not in ("skipped", "xfailed"):
        return None
    reason = getattr(skipped, "wasxfail", None) or (
        skipped.longrepr[2] if isinstance(skipped.longrepr, tuple) else str(skipped.longrepr)
    )
    return redact_text(str(reason))


def _close_steps(record: ScenarioRecord, planned: list[StepRecord]) -> None:
    """A step still 'running' ended by an outcome exception (skip, xfail, fail); steps never reached are
    listed as 'not run' so the timeline shows the whole scenario."""
    final = {"failed": "failed", "error": "failed", "xfailed": "failed", "skipped": "skipped"}
    for step in record.steps:
        if step.status != "running":
            continue
        step.status = final.get(record.status, "passed")
        if step.status == "failed" and record.error and not step.error:
            message = record.error.message
            step.error = message.splitlines()[-1][:_STEP_ERROR_CHARS] if message else None
            record.failing_step = step.title
    for planned_step in planned[len(record.steps) :]:
        record.steps.append(StepRecord(planned_step.keyword, planned_step.text, planned_step.line, "not run"))
    if record.status == "xfailed" and record.failing_step is None:
        record.failing_step = next((s.title for s in record.steps if s.status == "failed"), None)


def junit_properties(record: ScenarioRecord) -> list[tuple[str, str]]:
    """What pytest's --junitxml writes as each testcase's <property> elements: how to rerun it, and why
    it matters (requirements), for CI and test-management imports."""
    properties = {
        "seed": record.seed,
        "rerun": record.rerun,
        "requirements": ",".join(record.requirements) or None,
        "failing_step": record.failing_step,
    }
    return [(k, str(v)) for k, v in properties.items() if v is not None]
