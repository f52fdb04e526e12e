"""index.html: one accessible file to attach to the release ticket.

Step screenshots stay beside it as small JPEG files (relative links, lazy-loaded inside collapsed
<details>), so the page stays light with 500+ scenarios; a failing step's screenshot is inlined as a data
URI so the file alone still shows every failure."""

from __future__ import annotations

import base64
import os
from collections import defaultdict
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from harness.evidence import charts

_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def _data_uri(directory: Path, relative: str | None) -> str | None:
    if not relative or not (directory / relative).is_file():
        return None
    return "data:image/jpeg;base64," + base64.b64encode((directory / relative).read_bytes()).decode()


def _short(toggle: str) -> str:
    return toggle.removeprefix("mhv_secure_messaging_")


def render(summary: dict[str, Any], scenarios: list[dict[str, Any]], directory: Path) -> str:
    env = Environment(
        loader=FileSystemLoader(_TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["short_toggle"] = _short
    env.filters["pct"] = lambda v: "n/a" if v is None else f"{v:.2%}"
    by_feature: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for scenario in sorted(scenarios, key=lambda s: s["nodeid"]):
        feature = (scenario.get("feature") or {}).get("name") or (
            "Other tests" if scenario.get("kind") != "scenario" else "Unnamed feature"
        )
        by_feature[feature].append(scenario)
    failures = [{**f, "inline_shot": _data_uri(directory, f.get("screenshot"))} for f in summary["failures"]]
    cells = {(c["state"], c["profile"]): c for c in summary["matrix"]["cells"]}
    return env.get_template("report.html.j2").render(
        s=summary,
        features=dict(sorted(by_feature.items())),
        failures=failures,
        cells=cells,
        charts=charts.all_charts(summary),
        slowest=charts.slowest_scenarios(summary),
        changes=charts.changes(summary["comparison"]) if summary.get("comparison") else [],
        trace_href=lambda path: os.path.relpath(path, directory) if path else None,
    )
