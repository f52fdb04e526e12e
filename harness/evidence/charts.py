"""Small inline SVG charts for the evidence report: where a release manager would rather look than read.

Every chart is a horizontal bar chart drawn from summary.json only, with role="img", a <title> and a
<desc> (aria-labelledby), and its numbers written beside the bars; the report puts the table with the
same numbers right after it, as the text alternative. Colours meet 3:1 against white and series are also
told apart by their legend order and the values written on the bars. No script, no external file: the
report stays one self-contained page.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypedDict

from markupsafe import Markup

from harness.evidence.aggregate import FAILING
from harness.evidence.summary import Comparison, ScenarioView, Summary

# Contrast against white: 7.1, 7.0, 4.9, 4.6 (WCAG 1.4.11 asks 3:1 for graphics).
BLUE, RED, BROWN, GREY = "#005ea2", "#b50909", "#8b5a00", "#5c5c5c"
IMPACT_COLOURS = {"critical": RED, "serious": BROWN, "moderate": BLUE, "minor": GREY}
SLOWEST = 12  # scenarios shown in the durations chart

_LABEL_W, _BAR_W, _VALUE_W, _ROW_H, _BAR_H, _TOP = 300, 420, 90, 26, 16, 30
_FONT = 'font-family="system-ui, sans-serif" font-size="13"'


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    values: Sequence[float]


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _clip(label: str, limit: int = 44) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[Series],
    fmt: Callable[[float], str] = lambda v: f"{v:g}",
    stacked: bool = False,
    scale_max: float | None = None,
) -> Markup:
    """Horizontal bars, one row per label; several series side by side, or stacked into one bar."""
    per_row = 1 if stacked else len(series)
    row_h = _ROW_H if per_row == 1 else per_row * (_BAR_H + 4) + 8
    totals = [sum(s.values[i] for s in series) for i in range(len(labels))]
    peak = scale_max or max([*(totals if stacked else [v for s in series for v in s.values]), 0.0]) or 1.0
    legend_h = 22 if len(series) > 1 else 0
    height = _TOP + legend_h + row_h * len(labels) + 8
    width = _LABEL_W + _BAR_W + _VALUE_W
    out = [
        f'<svg class="chart" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" {_FONT}>',
        f'<title id="{chart_id}-t">{_e(title)}</title>',
        f'<desc id="{chart_id}-d">{_e(description)}</desc>',
        f'<text x="0" y="18" font-weight="600" fill="#1b1b1b">{_e(title)}</text>',
    ]
    if legend_h:
        x: float = _LABEL_W
        for s in series:
            out.append(f'<rect x="{x}" y="{_TOP - 2}" width="12" height="12" fill="{s.colour}"/>')
            out.append(f'<text x="{x + 16}" y="{_TOP + 8}" fill="#1b1b1b">{_e(s.name)}</text>')
            x += 24 + 8 * len(s.name)
    top = _TOP + legend_h
    for i, label in enumerate(labels):
        y = top + i * row_h
        out.append(
            f'<text x="{_LABEL_W - 8}" y="{y + row_h / 2 + 4:.1f}" text-anchor="end" fill="#1b1b1b">'
            f"{_e(_clip(label))}</text>"
        )
        x = float(_LABEL_W)
        for k, s in enumerate(series):
            value = s.values[i]
            w = _BAR_W * min(value, peak) / peak
            bar_y = y + (row_h - _BAR_H) / 2 if stacked else y + 4 + k * (_BAR_H + 4)
            out.append(
                f'<rect x="{x:.1f}" y="{bar_y:.1f}" width="{w:.1f}" height="{_BAR_H}" fill="{s.colour}"/>'
            )
            if stacked:
                x += w
            else:
                out.append(
                    f'<text x="{_LABEL_W + w + 4:.1f}" y="{bar_y + _BAR_H - 3:.1f}" fill="#1b1b1b">'
                    f"{_e(fmt(value))}</text>"
                )
        if stacked:
            text_y = y + row_h / 2 + 4
            out.append(f'<text x="{x + 4:.1f}" y="{text_y:.1f}" fill="#1b1b1b">{_e(fmt(totals[i]))}</text>')
    out.append(f'<line x1="{_LABEL_W}" y1="{top}" x2="{_LABEL_W}" y2="{height - 8}" stroke="#1b1b1b"/>')
    out.append("</svg>")
    return Markup("".join(out))


def _pct(value: float) -> str:
    return f"{value:.1%}"


# --- the report's charts: each returns None when the run has nothing to draw --------------------------
def rollout_shares(summary: Summary) -> Markup | None:
    entries = [(stage, e) for stage, items in (summary.get("rollout") or {}).items() for e in items]
    if not entries:
        return None
    labels = [f"Stage {stage} ({e.get('percentage')}%, cohort {e.get('cohort')})" for stage, e in entries]
    return bar_chart(
        "chart-rollout",
        "Observed share against expected share, per rollout stage",
        "For each stage's cohort measurement, two bars: the share of users the rollout should reach and "
        "the share that got the new flow. The cohort table below has the same numbers.",
        labels,
        [
            Series("expected", GREY, [float(e["expected_share"]) for _, e in entries]),
            Series("observed", BLUE, [float(e["observed_share"]) for _, e in entries]),
        ],
        fmt=_pct,
    )


def latency(summary: Summary) -> Markup | None:
    kinds = {k: v for k, v in (summary.get("api", {}).get("latency_ms") or {}).items() if v.get("histogram")}
    if not any(v["count"] for v in kinds.values()):
        return None
    labels = [b["label"] for b in next(iter(kinds.values()))["histogram"]]
    colours = {"send": BLUE, "draft": BROWN}
    return bar_chart(
        "chart-latency",
        "Send and draft latency distribution",
        "Number of calls per latency range, one bar for sends and one for draft saves in each range. "
        "The latency distribution table below has the same numbers.",
        labels,
        [
            Series(kind, colours.get(kind, GREY), [b["count"] for b in v["histogram"]])
            for kind, v in kinds.items()
        ],
        fmt=lambda v: f"{v:g}",
    )


def a11y_by_state(summary: Summary) -> Markup | None:
    states = summary.get("a11y", {}).get("states") or []
    if not states:
        return None
    return bar_chart(
        "chart-a11y",
        "Open accessibility findings by page state",
        "One stacked bar per scanned page state: critical, serious, moderate and minor findings, in that "
        "order, with the total at the end. The summary by page state table below has the same numbers.",
        [st["state"] for st in states],
        [
            Series(impact, colour, [float(st["counts"].get(impact, 0)) for st in states])
            for impact, colour in IMPACT_COLOURS.items()
        ],
        stacked=True,
    )


def slowest_scenarios(summary: Summary) -> list[ScenarioView]:
    ran = [
        s
        for s in summary.get("scenarios", [])
        if s.get("kind") == "scenario" and s.get("status") != "not run" and s.get("duration_s") is not None
    ]
    return sorted(ran, key=lambda s: (-_seconds(s), s["nodeid"]))[:SLOWEST]


def _seconds(scenario: ScenarioView) -> float:
    return float(scenario["duration_s"] or 0)  # slowest_scenarios keeps those with a duration


def durations(summary: Summary) -> Markup | None:
    slowest = slowest_scenarios(summary)
    if not slowest:
        return None
    return bar_chart(
        "chart-durations",
        f"Scenario durations, the {len(slowest)} slowest",
        "Seconds per scenario (setup, steps and teardown), slowest first. The slowest scenarios table "
        "below has the same numbers.",
        [s.get("name") or s["nodeid"] for s in slowest],
        [Series("seconds", BLUE, [_seconds(s) for s in slowest])],
        fmt=lambda v: f"{v:.2f} s",
    )


class Change(TypedDict):
    label: str
    count: int


def changes(comparison: Comparison) -> list[Change]:
    """What changed since the baseline, as counts (the chart and its table)."""
    status = comparison.get("status_changes", [])
    failing = FAILING
    return [
        {"label": "New accessibility findings", "count": len(comparison.get("a11y_new", []))},
        {"label": "Fixed accessibility findings", "count": len(comparison.get("a11y_fixed", []))},
        {"label": "Persistent accessibility findings", "count": len(comparison.get("a11y_persistent", []))},
        {"label": "Scenarios now failing", "count": sum(1 for c in status if c["after"] in failing)},
        {
            "label": "Scenarios now passing",
            "count": sum(1 for c in status if c["after"] == "passed" and c["before"] in failing),
        },
        {
            "label": "Other status changes",
            "count": sum(
                1
                for c in status
                if c["after"] not in failing and not (c["after"] == "passed" and c["before"] in failing)
            ),
        },
    ]


def comparison(summary: Summary) -> Markup | None:
    compared = summary.get("comparison")
    if not compared:
        return None
    rows = changes(compared)
    return bar_chart(
        "chart-changes",
        "What changed since the earlier run",
        "Counts of new, fixed and persistent accessibility findings and of scenario status changes "
        "against the baseline. The table below has the same numbers; the tables after it list them.",
        [r["label"] for r in rows],
        [Series("count", BLUE, [float(r["count"]) for r in rows])],
    )


def history(summary: Summary) -> Markup | None:
    trend = [t for t in (summary.get("history") or {}).get("trend", []) if t.get("pass_rate") is not None]
    if len(trend) < 2:
        return None
    return bar_chart(
        "chart-history",
        f"Pass rate over the last {len(trend)} runs",
        "Share of the scenarios that passed or failed which passed, per run, oldest first. The trend per run "
        "table below has the same numbers with each run's scenario time.",
        [f"{t['run']} {t['code'][:7]}" for t in trend],
        [Series("pass rate", BLUE, [float(t["pass_rate"] or 0) for t in trend])],  # none is None
        fmt=_pct,
        scale_max=1.0,
    )


def all_charts(summary: Summary) -> dict[str, Markup | None]:
    return {
        "history": history(summary),
        "rollout": rollout_shares(summary),
        "latency": latency(summary),
        "a11y": a11y_by_state(summary),
        "durations": durations(summary),
        "comparison": comparison(summary),
    }
