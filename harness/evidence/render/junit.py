"""JUnit XML: one testcase per scenario or test, for CI and test-management imports."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any


def render(summary: dict[str, Any], scenarios: list[dict[str, Any]]) -> str:
    suite = ET.Element("testsuite", name=f"go-no-go evidence (stage {summary['stage']})")
    props = ET.SubElement(suite, "properties")
    for name, value in (
        ("verdict", summary["verdict"]),
        ("rule", summary["rule"]),
        ("run_seed", summary["identity"].get("run_seed")),
        ("commit", summary["identity"].get("git", {}).get("commit")),
    ):
        ET.SubElement(props, "property", name=name, value=str(value))
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    total_time = 0.0
    for scenario in sorted(scenarios, key=lambda s: s["nodeid"]):
        feature = scenario.get("feature") or {}
        classname = feature.get("file") or scenario["nodeid"].split("::")[0]
        case = ET.SubElement(
            suite,
            "testcase",
            classname=str(classname).replace("/", ".").removesuffix(".feature"),
            name=scenario["name"],
            time=f"{scenario.get('duration_s') or 0:.3f}",
        )
        counts["tests"] += 1
        total_time += scenario.get("duration_s") or 0
        status = scenario["status"]
        message = (scenario.get("error") or {}).get("message", "")
        if status in ("failed", "xpassed"):
            counts["failures"] += 1
            failure = ET.SubElement(case, "failure", message=scenario.get("failing_step") or status)
            failure.text = message or "unexpectedly passed (xfail is stale)"
        elif status == "error":
            counts["errors"] += 1
            ET.SubElement(
                case, "error", message=(scenario.get("error") or {}).get("phase", "error")
            ).text = message
        elif status in ("skipped", "xfailed", "not run"):
            counts["skipped"] += 1
            ET.SubElement(case, "skipped", message=str(scenario.get("reason") or status))
        out = [f"seed={scenario.get('seed')}", f"rerun: {scenario.get('rerun')}"]
        if scenario.get("trace"):
            out.append(f"trace: {scenario['trace']}")
        out.extend(f"{s['status']:8} {s['keyword']} {s['text']}" for s in scenario.get("steps", []))
        ET.SubElement(case, "system-out").text = "\n".join(out)
    for key, value in counts.items():
        suite.set(key, str(value))
    suite.set("time", f"{total_time:.3f}")
    ET.indent(suite)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(suite, encoding="unicode") + "\n"
