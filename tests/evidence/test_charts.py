"""The report's charts: drawn from summary.json only, named for assistive technology, numbers on the bars."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import cast

from harness.evidence import aggregate, charts
from harness.evidence.summary import Comparison, Summary

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup: str) -> ET.Element:
    return ET.fromstring(str(markup).replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))


def test_a_chart_is_an_image_named_by_its_title_and_description() -> None:
    svg = parse(
        charts.bar_chart(
            "c1", "Title <&>", "What it shows", ["a", "b"], [charts.Series("n", charts.BLUE, [1, 3])]
        )
    )
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "c1-t c1-d"
    assert svg.findtext(f"{SVG}title") == "Title <&>"  # escaped in the markup, intact once parsed
    assert svg.findtext(f"{SVG}desc") == "What it shows"
    bars = [float(r.get("width", "")) for r in svg.iter(f"{SVG}rect")]
    assert bars[1] == 3 * bars[0]  # bars are proportional
    assert {t.text for t in svg.iter(f"{SVG}text")} >= {"a", "b", "1", "3"}


def test_stacked_bars_write_the_total() -> None:
    svg = parse(
        charts.bar_chart(
            "c2",
            "t",
            "d",
            ["home"],
            [charts.Series("serious", charts.RED, [2]), charts.Series("minor", charts.GREY, [1])],
            stacked=True,
        )
    )
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert "3" in texts and "serious" in texts and "minor" in texts


def test_latency_histogram_counts_each_call_once() -> None:
    bins = aggregate.latency_histogram([1, 10, 11, 99, 5000])
    assert sum(b["count"] for b in bins) == 5
    assert bins[0] == {"label": "≤ 10 ms", "count": 2}
    assert bins[-1] == {"label": "> 1000 ms", "count": 1}


def test_charts_are_left_out_when_there_is_nothing_to_draw() -> None:
    # A partial summary on purpose: only what the charts read.
    empty = cast(Summary, {"rollout": {}, "api": {"latency_ms": {}}, "a11y": {"states": []}, "scenarios": []})
    assert all(chart is None for chart in charts.all_charts(empty).values())


def test_what_changed_counts_new_failures_and_fixes() -> None:
    # A partial comparison on purpose: only the counts the chart reads.
    comparison = cast(
        Comparison,
        {
            "a11y_new": [{}],
            "a11y_fixed": [{}, {}],
            "a11y_persistent": [],
            "status_changes": [
                {"nodeid": "a", "before": "passed", "after": "failed"},
                {"nodeid": "b", "before": "failed", "after": "passed"},
                {"nodeid": "c", "before": "absent", "after": "passed"},
            ],
        },
    )
    counts = {r["label"]: r["count"] for r in charts.changes(comparison)}
    assert counts == {
        "New accessibility findings": 1,
        "Fixed accessibility findings": 2,
        "Persistent accessibility findings": 0,
        "Scenarios now failing": 1,
        "Scenarios now passing": 1,
        "Other status changes": 1,
    }


def test_slowest_scenarios_only_count_scenarios_that_ran() -> None:
    # A partial summary on purpose: only the scenarios' kind, status and duration.
    summary = cast(
        Summary,
        {
            "scenarios": [
                {"nodeid": "f::a", "kind": "scenario", "status": "passed", "duration_s": 1.0},
                {"nodeid": "f::b", "kind": "scenario", "status": "not run", "duration_s": 0.0},
                {"nodeid": "t::c", "kind": "test", "status": "passed", "duration_s": 9.0},
                {"nodeid": "f::d", "kind": "scenario", "status": "failed", "duration_s": 2.0},
            ]
        },
    )
    assert [s["nodeid"] for s in charts.slowest_scenarios(summary)] == ["f::d", "f::a"]
