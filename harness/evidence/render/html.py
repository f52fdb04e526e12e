"""index.html: one accessible file to attach to the release ticket.

Step screenshots stay beside it as small JPEG files (relative links, lazy-loaded inside collapsed
<details>), so the page stays light with 500+ scenarios; a failing step's screenshot is inlined as a data
URI so the file alone still shows every failure."""

from __future__ import annotations

import base64
import os
from collections import defaultdict
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from contract import toggle_label
from harness.evidence import charts
from harness.evidence.schema import ScenarioJSON
from harness.evidence.summary import Summary

_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def _data_uri(directory: Path, relative: str | None) -> str | None:
    if not relative or not (directory / relative).is_file():
        return None
    return "data:image/jpeg;base64," + base64.b64encode((directory / relative).read_bytes()).decode()


def render(summary: Summary, scenarios: list[ScenarioJSON], directory: Path) -> str:
    env = Environment(
        loader=FileSystemLoader(_TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["short_toggle"] = toggle_label
    env.filters["pct"] = lambda v: "n/a" if v is None else f"{v:.2%}"
    by_feature: dict[str, list[ScenarioJSON]] = defaultdict(list)
    for scenario in sorted(scenarios, key=lambda s: s["nodeid"]):
        ref = scenario.get("feature")
        feature = (ref.get("name") if ref else None) or (
            "Other tests" if scenario.get("kind") != "scenario" else "Unnamed feature"
        )
        by_feature[feature].append(scenario)
    failures = [{**f, "inline_shot": _data_uri(directory, f.get("screenshot"))} for f in summary["failures"]]
    cells = {(c["state"], c["profile"]): c for c in summary["matrix"]["cells"]}
    compared = summary.get("comparison")
    return env.get_template("report.html.j2").render(
        s=summary,
        features=dict(sorted(by_feature.items())),
        failures=failures,
        cells=cells,
        charts=charts.all_charts(summary),
        slowest=charts.slowest_scenarios(summary),
        changes=charts.changes(compared) if compared else [],
        trace_href=lambda path: os.path.relpath(path, directory) if path else None,
    )
