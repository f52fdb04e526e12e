"""What one scenario records: the object behind the `evidence` fixture, and its JSON record.

Everything added here is redacted on the way in, so a secret never reaches disk.
"""

from __future__ import annotations

import time
from typing import Any, Unpack

from harness.evidence import a11y
from harness.evidence.context import ContextFields, update_context
from harness.evidence.record import ScenarioRecord, StepRecord
from harness.evidence.redact import redact, redact_url

# Journal fields kept per API call: enough for counts and latency, no request bodies (they hold messages).
_CALL_FIELDS = ("endpoint", "method", "path", "status", "latency_ms")


class ScenarioEvidence:
    """Collects one scenario's evidence; the plugin fills status, steps and failure details."""

    def __init__(self, nodeid: str, name: str) -> None:
        self.record = ScenarioRecord(nodeid, name)
        self._step_started: float | None = None
        self._tracked_clicks: list[str] = []  # handed over by the steps, recorded with the RUM events

    # --- the contract (CONTRACTS.md §5) -------------------------------------------------------------
    def set_context(self, **fields: Unpack[ContextFields]) -> None:
        """The patient profile, toggle states and data seed this scenario ran with, and in words what data
        it ran on (profile and seed, a fixture folder, or the staging user); later calls merge
        (`context.update_context` says how)."""
        update_context(self.record.context, **fields)

    def add_a11y(self, state: str, url: str, result: dict[str, Any]) -> None:
        """One axe scan of a page state (axe's raw result dict, or an already compact one)."""
        self.record.a11y.append(redact(a11y.compact(str(state), redact_url(str(url)), result)))

    def add_layout(self, state: str, url: str, results: list[dict[str, Any]]) -> None:
        """One page state measured zoomed in, with and without WCAG text spacing (geometry.Layout.as_json)."""
        measured = {"state": str(state), "url": redact_url(str(url)), "results": results}
        self.record.layout.append(redact(measured))

    # Issue 22, transcripts and aria snapshots (harness.accessibility.aria_snapshots)
    def add_transcript(self, read: dict[str, Any]) -> None:
        """What a screen reader reads on one page state (transcript.Transcript.as_json, with `previous`:
        the comparison with the previous run's, or None)."""
        self.record.transcripts.append(redact({**read, "url": redact_url(str(read.get("url", "")))}))

    def add_aria(self, checked: dict[str, Any]) -> None:
        """One page state's aria snapshot (generalised) against its stored template (AriaResult.as_json)."""
        self.record.aria.append(redact({**checked, "url": redact_url(str(checked.get("url", "")))}))

    # Issue 22, colour and second engine
    def add_colour(self, state: str, url: str, result: dict[str, Any]) -> None:
        """One error or alert state checked without colour (colour.ColourResult.as_json)."""
        shot = result.get("screenshot")  # a data URI of pixels, no text to redact
        measured = redact({**result, "state": str(state), "url": redact_url(str(url)), "screenshot": None})
        self.record.colour.append({**measured, "screenshot": shot})

    def add_engines(self, state: str, url: str, result: dict[str, Any]) -> None:
        """The second engine's WCAG criteria on one page state beside axe's (second_engine.Comparison)."""
        self.record.engines.append(redact({**result, "state": str(state), "url": redact_url(str(url))}))

    def add_link(
        self, source: str, name: str, href: str, final_url: str, rum_action: str | None = None
    ) -> None:
        """One link click: where it was, what it said, where it pointed and led, and the RUM action seen."""
        self.record.links.append(
            redact(
                {
                    "source": str(source),
                    "name": str(name),
                    "href": str(href),
                    "final_url": str(final_url),
                    "rum_action": rum_action,
                }
            )
        )
        if rum_action:
            self.add_rum([{"name": rum_action, "type": "click"}])

    def add_rum(self, actions: list[dict[str, Any]]) -> None:
        """RUM actions the stand-in reported (`mock_session.rum_actions()`); duplicates are kept once."""
        seen = {(a["name"], a.get("type")) for a in self.record.rum_actions}
        for action in actions:
            key = (str(action.get("name", "")), action.get("type"))
            if key[0] and key not in seen:
                seen.add(key)
                self.record.rum_actions.append({"name": key[0], "type": key[1]})

    def add_tracked_clicks(self, names: list[str]) -> None:
        """The RUM names of every click on a tracked element the scenario made, asserted or not (the page
        objects count them where they click), for the dashboard to compare with what RUM counted."""
        self._tracked_clicks = [str(n) for n in names]

    def add_rum_events(self, events: list[dict[str, Any]], mode: str = "journal") -> None:
        """What the RUM intake received for this scenario (harness.rum: journal or interception), beside the
        tracked clicks the scenario made. Cumulative, so a later call replaces an earlier one."""
        actions = [e for e in events if e.get("kind") == "action"]
        resources = [
            {"path": e.get("path"), "method": e.get("method"), "status": e.get("status"),
             "duration_ms": e.get("duration_ms"), "view": (e.get("view") or {}).get("path")}
            for e in events
            if e.get("kind") == "resource" and str(e.get("path") or "").startswith(("/my_health/", "/v0/"))
        ]  # fmt: skip
        self.record.rum = redact(
            {
                "mode": mode,
                "clicked": list(self._tracked_clicks),
                "actions": [
                    {"name": a.get("name"), "type": a.get("type"), "view": (a.get("view") or {}).get("path")}
                    for a in actions
                ],
                "resources": resources,
                "errors": sum(1 for e in events if e.get("kind") == "error"),
                "views": sum(1 for e in events if e.get("kind") == "view"),
            }
        )
        self.add_rum([{"name": a.get("name"), "type": a.get("type")} for a in actions])

    def add_rum_collection(
        self, page: str, url: str, config: dict[str, Any] | None, h1: str | None = None
    ) -> None:
        """`DD_RUM.getInitConfiguration()` as one page of the new flow reported it (None: not initialised),
        with the address and h1 shown when it was read (the report checks the address is that page's)."""
        config = config or {}
        self.record.rum_collection.append(
            {
                "page": str(page),
                "url": redact_url(str(url)),
                "h1": h1,
                "initialised": bool(config),
                "service": config.get("service"),
                "sessionSampleRate": config.get("sessionSampleRate"),
                "sessionReplaySampleRate": config.get("sessionReplaySampleRate"),
            }
        )

    def add_api(self, journal: list[dict[str, Any]], metrics: dict[str, Any] | None = None) -> None:
        """This scenario's mock journal and dashboard metrics. The journal is cumulative per session, so a
        later call replaces an earlier one instead of double counting."""
        calls = [{field: call.get(field) for field in _CALL_FIELDS} for call in journal]
        self.record.api = redact({"calls": calls, "metrics": metrics or {}})

    def add_rollout(
        self,
        stage: str,
        percentage: float,
        cohort: int,
        expected_share: float,
        observed_share: float,
        sticky: bool,
        monotonic: bool,
        mismatches: int = 0,
        **extra: Any,
    ) -> None:
        """One rollout-stage measurement: the cohort's observed share of the new flow against the gate."""
        self.record.rollout.append(
            redact(
                {
                    "stage": str(stage).upper(),
                    "percentage": float(percentage),
                    "cohort": int(cohort),
                    "expected_share": float(expected_share),
                    "observed_share": float(observed_share),
                    "sticky": bool(sticky),
                    "monotonic": bool(monotonic),
                    "mismatches": int(mismatches),
                    "extra": extra,
                }
            )
        )

    def note(self, text: str) -> None:
        """A problem the recorder met (e.g. the mock did not answer); shown with the scenario."""
        self.record.notes.append(str(text))

    # --- used by the plugin -------------------------------------------------------------------------
    @property
    def has_api(self) -> bool:
        return self.record.api is not None

    def start_step(self, keyword: str, text: str, line: int | None) -> None:
        self._step_started = time.perf_counter()
        self.record.steps.append(StepRecord(keyword, text, line))

    def end_step(self, status: str, error: str | None = None) -> StepRecord | None:
        if not self.record.steps:
            return None
        step = self.record.steps[-1]
        if self._step_started is not None:
            step.duration_s = round(time.perf_counter() - self._step_started, 4)
        step.status = status
        if error:
            step.error = error
            self.record.failing_step = step.title
        self._step_started = None
        return step
