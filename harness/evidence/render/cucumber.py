"""Cucumber JSON (the format Xray, TestRail and Allure import), with step screenshots embedded."""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any

from harness.evidence.schema import ScenarioJSON

_STATUS = {
    "passed": "passed",
    "failed": "failed",
    "undefined": "undefined",
    "skipped": "skipped",
    "not run": "skipped",
    "running": "failed",
}


def _id(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _embedding(directory: Path, relative: str | None) -> list[dict[str, str]]:
    if not relative or not (directory / relative).is_file():
        return []
    return [
        {"mime_type": "image/jpeg", "data": base64.b64encode((directory / relative).read_bytes()).decode()}
    ]


def render(scenarios: list[ScenarioJSON], directory: Path) -> list[dict[str, Any]]:
    features: dict[str, dict[str, Any]] = {}
    for scenario in sorted(scenarios, key=lambda s: s["nodeid"]):
        if scenario.get("kind") != "scenario":
            continue
        feature = scenario.get("feature") or {"name": "unknown", "file": "unknown", "line": 0}
        entry = features.setdefault(
            feature["file"],
            {
                "uri": feature["file"],
                "id": _id(feature["name"]),
                "keyword": "Feature",
                "name": feature["name"],
                "description": "",
                "line": 1,
                "tags": [],
                "elements": [],
            },
        )
        tags = [{"name": f"@{t}", "line": feature.get("line") or 0} for t in scenario.get("tags", [])]
        tags += [
            {"name": f"@req:{r}", "line": feature.get("line") or 0} for r in scenario.get("requirements", [])
        ]
        steps: list[dict[str, Any]] = []
        for step in scenario.get("steps", []):
            result: dict[str, Any] = {
                "status": _STATUS.get(step["status"], "skipped"),
                "duration": int((step.get("duration_s") or 0) * 1e9),
            }
            if step.get("error"):
                result["error_message"] = step["error"]
            steps.append(
                {
                    "keyword": f"{step['keyword'].strip().capitalize()} ",
                    "name": step["text"],
                    "line": step.get("line") or 0,
                    "match": {"location": ""},
                    "result": result,
                    "embeddings": _embedding(directory, step.get("screenshot")),
                }
            )
        error = scenario.get("error")
        if scenario["status"] in ("failed", "error") and not any(
            s["result"]["status"] == "failed" for s in steps
        ):
            # A failure outside the steps (fixture setup, teardown) still has to show as failed.
            steps.append(
                {
                    "keyword": "After ",
                    "name": "scenario teardown",
                    "line": 0,
                    "match": {"location": ""},
                    "result": {
                        "status": "failed",
                        "duration": 0,
                        "error_message": error.get("message", "") if error else "",
                    },
                    "embeddings": [],
                }
            )
        entry["elements"].append(
            {
                "id": f"{entry['id']};{_id(scenario['name'])}",
                "keyword": "Scenario",
                "name": scenario["name"],
                "description": "",
                "line": feature.get("line") or 0,
                "type": "scenario",
                "tags": tags,
                "steps": steps,
            }
        )
    return list(features.values())
