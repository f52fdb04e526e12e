"""A second accessibility engine beside axe: IBM's Equal Access engine (npm `accessibility-checker-engine`,
pinned in mocks/web/package.json), injected offline into the page and run on every state axe scans, with
its results mapped to WCAG 2.2 success criteria and compared with axe's, criterion by criterion.

- The mapping is the engine's own: its "WCAG_2_2" ruleset (WCAG 2.2 A and AA) lists, per success criterion
  (checkpoint), the rules that test it and at which level; only its VIOLATION-level rules count, as a
  failure (FAIL) or a pass (PASS). POTENTIAL and MANUAL results ask a person and are kept apart.
- A disagreement is a criterion one engine finds violated on a state and the other does not (it passed it,
  or has no rule that applied). Disagreements are listed in the evidence and the report, never failed:
  engines differ in what they test, and a person judges which is right.
- Cost: the 0.7 MB script is injected once per document (the SPA keeps its document across page states,
  but each scenario opens its own), about 350 ms, and a scan of a flow page takes 300-1,600 ms (measured
  on the 2-core CI machine, features/accessibility.feature with `--evidence`); a document state already
  scanned in this process is not scanned again (the axe scan's fingerprint, `FINGERPRINT`). That is well
  over 300 ms per distinct state, so the engine runs only when the evidence recorder is on
  (`make evidence`, `--evidence`), never in a plain `make test`, and once per named page state (axe's
  state label, e.g. "start message") in each worker: another patient's data on the same state seldom
  changes which criteria an engine finds violated, and a full evidence run scans a few hundred states.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from harness.accessibility.page_state import FINGERPRINT, ScanCache
from harness.accessibility.ruleset import NODE_MODULES, pinned_script, wcag_criteria
from harness.evidence.run import recording_requested
from harness.run.timing import AXE, timed

ENGINE = "IBM Equal Access (accessibility-checker-engine)"
POLICY = "WCAG_2_2"
PACKAGE = NODE_MODULES / "accessibility-checker-engine"
SCRIPT_PATH = PACKAGE / "ace.js"


def script() -> Path:
    return pinned_script(SCRIPT_PATH, "accessibility-checker-engine")


@cache
def version() -> str:
    try:
        return str(json.loads((PACKAGE / "package.json").read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return "unknown"


@cache
def _source() -> str:
    return script().read_text(encoding="utf-8")


# In the page: the policy's criteria per rule, then one check, boiled down to criteria (the full report
# lists every element each rule passed, far too much to carry out of the page).
_RUN = r"""async ([selector, policy]) => {
  const checker = new ace.Checker();
  const byRule = {};
  const ruleset = checker.getGuidelines().find((r) => r.id === policy);
  for (const cp of ruleset.checkpoints) {
    for (const rule of cp.rules || []) {
      if (rule.level !== 'VIOLATION') continue;
      (byRule[rule.id] ||= []).push(cp.num);
    }
  }
  const target = (selector && document.querySelector(selector)) || document;
  const started = performance.now();
  const report = await checker.check(target, [policy]);
  const failed = {}, passed = new Set(), review = {};
  for (const r of report.results) {
    const criteria = byRule[r.ruleId];
    if (!criteria || r.value[0] !== 'VIOLATION') continue;
    const outcome = r.value[1];
    if (outcome === 'PASS') { criteria.forEach((n) => passed.add(n)); continue; }
    const into = outcome === 'FAIL' ? failed : review;
    for (const n of criteria) {
      const list = (into[n] ||= []);
      if (list.length < 5) list.push({ rule: r.ruleId, path: r.path?.dom || '', message: r.message || '' });
    }
  }
  return { failed, passed: [...passed], review, scan_ms: Math.round(performance.now() - started) };
}"""

_SCANS = ScanCache()  # this engine's responses by document state, apart from axe's


def _default_cache() -> ScanCache:
    return _SCANS


def _order(numbers: Any) -> list[str]:
    return sorted(set(numbers), key=lambda n: [int(p) for p in n.split(".")])


@dataclass
class EngineResult:
    """The second engine on one page state, by WCAG criterion."""

    failed: dict[str, list[dict[str, str]]]
    passed: list[str]
    review: dict[str, list[dict[str, str]]]
    ms: float = 0.0
    cached: bool = False


def run(page: Page, selector: str | None, cache: ScanCache | bool | None = True) -> EngineResult:
    """The engine on the current DOM (the element `selector` names, else the document), or the result of an
    earlier scan of the same document state (`cache`: True for this process's, None for none)."""
    started = time.perf_counter()
    cache = _default_cache() if cache is True else (cache or None)
    with timed(AXE):
        key = f"{version()}|{selector}|{page.evaluate(FINGERPRINT)}" if cache is not None else None
        found = cache.get(key) if cache is not None and key else None
        cached = found is not None
        if found is None:
            if not page.evaluate("() => typeof window.ace?.Checker === 'function'"):
                page.evaluate(_source())
            found = page.evaluate(_RUN, [selector, POLICY])
            if cache is not None and key:
                cache.put(key, found)
    return EngineResult(
        failed={n: found["failed"][n] for n in _order(found["failed"])},
        passed=_order(found["passed"]),
        review={n: found["review"][n] for n in _order(found["review"])},
        ms=(time.perf_counter() - started) * 1000,
        cached=cached,
    )


@dataclass
class Comparison:
    """axe and the second engine on one page state, at the level of WCAG criteria."""

    state: str
    engine: EngineResult
    axe_failed: list[str]
    axe_passed: list[str]
    disagreements: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "engine": f"{ENGINE} {version()}",
            "policy": POLICY,
            "state": self.state,
            "ms": round(self.engine.ms, 1),
            "cached": self.engine.cached,
            "engine_failed": list(self.engine.failed),
            "engine_passed": self.engine.passed,
            "engine_review": list(self.engine.review),
            "axe_failed": self.axe_failed,
            "axe_passed": self.axe_passed,
            "disagreements": self.disagreements,
        }


def compare(state: str, engine: EngineResult, axe_failed: list[str], axe_passed: list[str]) -> Comparison:
    """The criteria one engine finds violated and the other does not, with what the other said of them."""
    axe_failed, axe_passed = _order(axe_failed), _order(axe_passed)
    out = []
    for number in _order(set(engine.failed) | set(axe_failed)):
        if number in engine.failed and number in axe_failed:
            continue
        if number in engine.failed:
            other = "axe passed it" if number in axe_passed else "no axe rule applied"
            rules = sorted({f["rule"] for f in engine.failed[number]})
            out.append({"criterion": number, "violated_by": "second engine", "other": other,
                        "rules": rules, "where": [f["path"] for f in engine.failed[number]][:3]})  # fmt: skip
        else:
            other = (
                "the second engine passed it" if number in engine.passed else "no second-engine rule applied"
            )
            out.append({"criterion": number, "violated_by": "axe", "other": other, "rules": [], "where": []})
    return Comparison(state, engine, axe_failed, axe_passed, out)


def axe_criteria(result: Any) -> tuple[list[str], list[str]]:
    """The criteria an axe result (harness.accessibility.results.A11yResult) found violated, waived ones
    included (the engines' opinions are compared, not the gate's), and those it passed."""
    findings = [*result.violations, *result.expired, *result.waived]
    failed = {n for f in findings for n in wcag_criteria(list(f.tags))}
    return _order(failed), _order(result.passed_criteria)


_COMPARED: set[tuple[str, str | None]] = set()


def beside_axe(request: pytest.FixtureRequest | None, page: Page, result: Any) -> Comparison | None:
    """Hooked in `A11y.scan`: the engine on the state axe just scanned, compared with axe's result and handed
    to the evidence. Only when the evidence recorder is on (see the module's note on cost); a page that
    goes away mid-scan is a note in the evidence, never a failed scenario."""
    if request is None or not recording_requested(request.config):
        return None
    selector = None if result.context == "document" else result.context
    if (result.state, selector) in _COMPARED:  # once per named page state and worker (see the module's note)
        return None
    _COMPARED.add((result.state, selector))
    evidence = request.getfixturevalue("evidence")
    try:
        engine = run(page, selector)
    except FileNotFoundError:
        raise
    except Exception as error:  # evidence must not change a scenario's result
        evidence.note(f"second engine on {result.state!r}: {type(error).__name__}: {str(error)[:200]}")
        return None
    axe_failed, axe_passed = axe_criteria(result)
    comparison = compare(result.state, engine, axe_failed, axe_passed)
    evidence.add_engines(result.state, result.url, comparison.as_json())
    return comparison
