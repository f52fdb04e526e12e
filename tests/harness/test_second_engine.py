"""The second engine (IBM Equal Access) runs offline in the page, maps its results to WCAG criteria by its own
WCAG 2.2 ruleset, and is compared with axe criterion by criterion; a disagreement is listed, not failed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from playwright.sync_api import Page

from harness.accessibility import ruleset, second_engine
from harness.accessibility.fixture import run_axe
from harness.accessibility.page_state import ScanCache
from harness.accessibility.results import build_result
from harness.evidence import colour_engines, wcag
from harness.evidence.record import ScenarioRecord

PIXEL = "data:image/gif;base64,R0lGODlhAQABAAAAACw="
MISSING_ALT = f"""<html lang="en"><head><title>Start message</title></head><body><main><h1>Start message</h1>
<img src="{PIXEL}" width="40" height="40"><p>Write to your care team.</p></main></body></html>"""
SHADOW_IMAGE = f"""<html lang="en"><head><title>Alert</title></head><body><main><h1>Alert</h1>
<sm-icon></sm-icon></main><script>
customElements.define('sm-icon', class extends HTMLElement {{ connectedCallback() {{
  this.attachShadow({{ mode: 'open' }}).innerHTML = '<img src="{PIXEL}" width="40" height="40">'; }} }});
</script></body></html>"""


def axe_on(page: Page, state: str) -> tuple[list[str], list[str]]:
    response = run_axe(page, None, cache=None)
    result = build_result(response, state=state, axe_version=ruleset.axe_version(), context="document",
                          ruleset=ruleset.TAGS, waivers=[], today=dt.date(2026, 12, 7))  # fmt: skip
    return second_engine.axe_criteria(result)


def test_a_missing_alt_is_flagged_by_both_engines_under_1_1_1(page: Page) -> None:
    page.set_content(MISSING_ALT)
    engine = second_engine.run(page, None, cache=None)
    assert "1.1.1" in engine.failed, engine.failed
    assert any(f["rule"] == "img_alt_valid" for f in engine.failed["1.1.1"])
    axe_failed, _ = axe_on(page, "missing alt")
    assert "1.1.1" in axe_failed
    comparison = second_engine.compare("missing alt", engine, *axe_on(page, "missing alt"))
    assert not [d for d in comparison.disagreements if d["criterion"] == "1.1.1"]


def test_results_map_to_success_criteria_with_passes_and_the_cache(page: Page) -> None:
    page.set_content(MISSING_ALT.replace("<img ", '<img alt="VA logo" '))
    cache = ScanCache()
    engine = second_engine.run(page, None, cache=cache)
    assert "1.1.1" not in engine.failed and {"1.1.1", "3.1.1"} <= set(engine.passed), engine
    assert all(n.count(".") == 2 for n in [*engine.passed, *engine.failed, *engine.review])
    assert second_engine.run(page, None, cache=cache).cached


def test_it_reads_inside_shadow_roots(page: Page) -> None:
    page.set_content(SHADOW_IMAGE)
    assert "1.1.1" in second_engine.run(page, None, cache=None).failed


def test_a_disagreement_is_listed_with_what_the_other_engine_said() -> None:
    engine = second_engine.EngineResult(
        failed={
            "1.3.1": [{"rule": "table_headers_exists", "path": "/html[1]/body[1]/table[1]", "message": ""}]
        },
        passed=["1.1.1", "1.4.3"],
        review={},
    )
    comparison = second_engine.compare("table", engine, axe_failed=["1.4.3", "4.1.2"], axe_passed=["1.3.1"])
    by_number = {d["criterion"]: d for d in comparison.disagreements}
    assert set(by_number) == {"1.3.1", "1.4.3", "4.1.2"}
    assert (
        by_number["1.3.1"]["violated_by"] == "second engine"
        and by_number["1.3.1"]["other"] == "axe passed it"
    )
    assert by_number["1.4.3"]["other"] == "the second engine passed it"
    assert by_number["4.1.2"]["other"] == "no second-engine rule applied"
    assert comparison.as_json()["policy"] == "WCAG_2_2"


def test_a_missing_script_says_to_run_make_setup(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(second_engine, "SCRIPT_PATH", Path("/nonexistent/ace.js"))
    with pytest.raises(FileNotFoundError, match="make setup"):
        second_engine.script()


def test_the_ledger_counts_engine_passes_as_evidence_and_its_lone_violations_for_review() -> None:
    scan = {"state": "start message", "engine": "IBM", "ms": 400.0, "cached": False,
            "engine_passed": ["1.1.1", "4.1.2"], "engine_failed": ["4.1.2"], "engine_review": [],
            "axe_failed": [], "axe_passed": ["4.1.2"],
            "disagreements": [{"criterion": "4.1.2", "violated_by": "second engine", "other": "axe passed it",
                               "rules": ["aria_hidden_nontabbable"], "where": []}]}  # fmt: skip
    test = ScenarioRecord("t", "t", kind="test", engines=[scan]).as_json()
    rows = {r["criterion"]: r for r in wcag.ledger([test], [], [])}
    assert rows["1.1.1"]["result"] == wcag.SUPPORTS and "second engine" in rows["1.1.1"]["how"]
    assert rows["4.1.2"]["result"] == wcag.REVIEW  # a disagreement is listed, never a failure
    cached_twice = ScenarioRecord("t", "t", engines=[scan, {**scan, "cached": True}]).as_json()
    report = colour_engines.engines([cached_twice])
    assert report["disagreements"] == 1 and report["scans"] == 1 and report["median_ms"] == 400
