"""The go/no-go rules: read go-no-go.toml, judge the aggregated run per rollout stage, decide the verdict.

Stages are cumulative: stage C must meet everything A and B ask for, plus its own additions.
A failed criterion is an accepted risk only while a matching, unexpired `[[accepted_risk]]` names it.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, cast

from contract import STAGE_NAMES
from harness.evidence import dashboard
from harness.evidence.a11y import IMPACTS
from harness.evidence.staging import StagingCoverage
from harness.evidence.summary import Conf, CriterionJSON, Facts, Readiness, Verdict

GO, NO_GO, GO_WITH_RISK = "GO", "NO-GO", "GO WITH RISK"
_LIST_KEYS = ("tags", "requirements", "manual_checks")


class CriteriaError(Exception):
    """go-no-go.toml (or a file it relies on) is malformed; the message says where."""


@dataclass
class Criterion:
    id: str
    title: str
    threshold: str
    actual: str
    passed: bool
    stage: str
    details: list[str] = field(default_factory=list)
    accepted_by: Conf | None = None
    needs_mock_run: bool = False  # a staging run cannot meet it; not a failure of that run
    applies: bool = True  # False: not a criterion of this kind of run (shown, never failing, not counted)

    def as_dict(self) -> CriterionJSON:
        # The fields in their declared order, which is CriterionJSON's (summary.json keeps that order).
        return cast("CriterionJSON", asdict(self))


def as_date(value: Any, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise CriteriaError(f"{where}: expires {value!r} is not a date (YYYY-MM-DD)") from exc


def read_toml(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise CriteriaError(f"{path}: {exc}") from exc


def load_criteria(path: Path) -> dict[str, Any]:
    data = read_toml(path)
    if not data:
        raise CriteriaError(f"{path}: missing or empty; the verdict needs its criteria")
    stages = data.get("stages") or {}
    if not stages:
        raise CriteriaError(f"{path}: no [stages.X] tables")
    for name in stages:
        if name not in STAGE_NAMES:
            known = f"{STAGE_NAMES[0]} to {STAGE_NAMES[-1]}"
            raise CriteriaError(f"{path}: unknown stage {name!r} (stages are {known})")
    for index, risk in enumerate(data.get("accepted_risk", [])):
        for key in ("id", "criterion", "owner", "reason", "expires"):
            if not risk.get(key):
                raise CriteriaError(f"{path}: accepted_risk #{index + 1} needs {key!r}")
        risk["expires"] = as_date(risk["expires"], f"{path} accepted_risk {risk['id']}")
    return data


def stage_config(criteria: dict[str, Any], stage: str) -> dict[str, Any]:
    """Stage settings merged from A up to `stage`: lists add up, scalars and tables are overridden."""
    merged: dict[str, Any] = {key: [] for key in _LIST_KEYS}
    merged["max_a11y"] = dict(criteria.get("defaults", {}).get("max_a11y", {"critical": 0, "serious": 0}))
    for name in STAGE_NAMES:
        own = criteria["stages"].get(name, {})
        for key, value in own.items():
            if key in _LIST_KEYS:
                if value == "all" or merged[key] == "all":
                    merged[key] = "all"
                else:
                    merged[key] = [*merged[key], *[v for v in value if v not in merged[key]]]
            elif key == "max_a11y":
                merged[key].update(value)
            else:
                merged[key] = value
        if name == stage:
            break
    return merged


def evaluate_stage(criteria: Conf, stage: str, facts: Facts) -> list[Criterion]:
    """Every criterion that applies to `stage`, judged against the aggregated `facts`, in report order."""
    conf = stage_config(criteria, stage)
    defaults = criteria.get("defaults", {})
    return [criterion for check in _CHECKS for criterion in check(stage, conf, defaults, facts)]


def _scenarios_ran(stage: str, conf: Conf, defaults: Conf, facts: Facts) -> Iterator[Criterion]:
    """At least the minimum number of scenarios ran."""
    ran = [
        s
        for s in facts["scenarios"]
        if s.get("kind") == "scenario" and s["status"] not in ("skipped", "not run")
    ]
    min_ran = int(defaults.get("min_scenarios", 1))
    yield Criterion(
        "scenarios_ran", "Scenarios ran", f">= {min_ran}", str(len(ran)), len(ran) >= min_ran, stage
    )


def _failures(stage: str, conf: Conf, defaults: Conf, facts: Facts) -> Iterator[Criterion]:
    """No more failed or erroring scenarios than allowed."""
    failing = [s for s in facts["scenarios"] if s["status"] in ("failed", "error", "xpassed")]
    max_failed = int(defaults.get("max_failed", 0))
    yield Criterion(
        "failures",
        "Failed or erroring scenarios and tests",
        f"<= {max_failed}",
        str(len(failing)),
        len(failing) <= max_failed,
        stage,
        [f"{s['status']}: {s['nodeid']}" for s in failing]
        + [
            f"quarantined, not judged until {s['quarantine']['expires']} ({s['quarantine']['ticket']}): "
            f"{s['observed_status']}: {s['nodeid']}"
            for s in facts["scenarios"]
            if s.get("quarantine")
        ],
    )


def _tagged_scenarios(stage: str, conf: Conf, defaults: Conf, facts: Facts) -> Iterator[Criterion]:
    """Every scenario with a tag the stage requires passes, and at least one ran."""
    for tag in conf["tags"]:
        tagged = [s for s in facts["scenarios"] if tag in s.get("tags", [])]
        tagged_ran = [s for s in tagged if s["status"] not in ("skipped", "not run")]
        bad = [s for s in tagged_ran if s["status"] in ("failed", "error", "xpassed")]
        yield Criterion(
            f"tag:{tag}",
            f"@{tag} scenarios pass",
            "all pass, at least 1 ran",
            f"{len(tagged_ran) - len(bad)}/{len(tagged_ran)} passed",
            bool(tagged_ran) and not bad,
            stage,
            [s["nodeid"] for s in bad] or ([] if tagged_ran else ["none ran"]),
        )


def _requirements(stage: str, conf: Conf, defaults: Conf, facts: Facts) -> Iterator[Criterion]:
    """Each requirement the stage names is covered and passing."""
    trace = {row["id"]: row for row in facts["traceability"]}
    req_ids = (
        sorted(r["id"] for r in facts["traceability"] if r["known"])
        if conf["requirements"] == "all"
        else conf["requirements"]
    )
    for req_id in req_ids:
        row = trace.get(req_id, {"result": "not covered", "title": ""})
        yield Criterion(
            f"req:{req_id}",
            f"Requirement {req_id}",
            "covered and passing",
            row["result"],
            row["result"] == "passed",
            stage,
            [row["title"]] if row.get("title") else [],
        )


def _accessibility(stage: str, conf: Conf, defaults: Conf, facts: Facts) -> Iterator[Criterion]:
    """Unwaived axe violations per impact within the stage's limits, and enough page states scanned."""
    opened = facts["a11y"]["open_by_impact"]
    for impact in IMPACTS:
        if impact in conf["max_a11y"]:
            limit = int(conf["max_a11y"][impact])
            details = [
                f"{f['rule']} on {f['state']} at {f['target']} ({f['status']})"
                for f in facts["a11y"]["findings"]
                if f["impact"] == impact and f["status"] != "waived"
            ]
            yield Criterion(
                f"a11y:{impact}",
                f"Unwaived {impact} axe violations",
                f"<= {limit}",
                str(opened.get(impact, 0)),
                opened.get(impact, 0) <= limit,
                stage,
                details,
            )
    if conf.get("min_a11y_scans"):
        need = int(conf["min_a11y_scans"])
        yield Criterion(
            "a11y:scans",
            "Page states scanned with axe",
            f">= {need}",
            str(facts["a11y"]["scans"]),
            facts["a11y"]["scans"] >= need,
            stage,
        )


def _rum_actions(stage: str, conf: Conf, defaults: Conf, facts: Facts) -> Iterator[Criterion]:
    """The release plan's RUM actions were observed."""
    if conf.get("rum_actions"):
        rows = facts["links"]["rum_required"]
        missing = [r["action"] for r in rows if not r["observed"]]
        yield Criterion(
            "rum_actions",
            "Release-plan RUM actions observed",
            f"all {len(rows)}",
            f"{len(rows) - len(missing)}/{len(rows)}",
            not missing,
            stage,
            [f"not observed: {m}" for m in missing],
        )


def _rum_collection(stage: str, conf: Conf, defaults: Conf, facts: Facts) -> Iterator[Criterion]:
    """DD collection at the planned rate on every page of the new flow."""
    if conf.get("rum_collection"):
        collected = facts["dashboard"]["collection"] if "dashboard" in facts else dashboard.collection([])
        pages, bad = collected["pages"], collected["bad"]
        yield Criterion(
            "rum_collection",
            f"DD collection at {collected['rate']}% on the new flow (DD_RUM.getInitConfiguration())",
            f"sessionSampleRate {collected['rate']}, service {collected['service']}, every page",
            "not checked" if not pages else f"{len(pages) - len(bad)}/{len(pages)} pages",
            bool(pages) and not bad,
            stage,
            [
                f"{p['page']} ({p['url']}): "
                + (
                    p.get("reason")  # dashboard.collection_row_problem: wrong page, not initialised, rate
                    or (
                        f"sessionSampleRate {p['sessionSampleRate']}, service {p['service']}"
                        if p["initialised"]
                        else "RUM not initialised"
                    )
                )
                for p in bad
            ],
        )


def _coverage_matrix(stage: str, conf: Conf, defaults: Conf, facts: Facts) -> Iterator[Criterion]:
    """Every cell of the coverage matrix (toggle state x observed patient shape) ran."""
    if conf.get("matrix"):
        matrix = facts["matrix"]
        yield Criterion(
            "matrix",
            "Coverage matrix cells covered (toggle state x patient shape)",
            f"all {matrix['required']}",
            f"{matrix['covered']}/{matrix['required']}",
            matrix["covered"] == matrix["required"] and matrix["required"] > 0,
            stage,
            [f"not covered: {g}" for g in matrix["gaps"]],
        )


def _staging_coverage(stage: str, conf: Conf, defaults: Conf, facts: Facts) -> Iterator[Criterion]:
    """In a staging run, enough of ALL scenarios (the ones not staging-safe and the skipped ones
    included) ran and passed on staging; a mock run is not judged by it."""
    if conf.get("min_staging_coverage") is None:
        return
    need = float(conf["min_staging_coverage"])
    title = "Share of all scenarios that ran and passed on staging"
    threshold = f">= {need:.0%}"
    if facts.get("env") != "staging":
        yield Criterion("staging_coverage", title, threshold, "does not apply (mock run)", True, stage,
                        applies=False)  # fmt: skip
        return
    cov: StagingCoverage = facts.get("staging_coverage") or {}
    collected = cov.get("collected")
    if not collected:
        yield Criterion("staging_coverage", title, threshold, "not recorded", False, stage,
                        ["the run did not record how many scenarios it collected (a run of an older "
                         "harness); rerun it to judge staging coverage"])  # fmt: skip
        return
    share = cov["passed"] / collected
    details = [
        f"{cov['passed']} passed of {cov['collected']} scenarios: {cov['not_run']} not run on staging "
        f"(not staging-safe, or filtered out), {cov['skipped']} skipped, {cov['not_passed']} failed or "
        "expected to fail"
    ]
    staging = facts.get("staging")
    missing = staging["unrunnable"]["sentence"] if staging else None
    if share < need and missing:
        details.append(missing)
    yield Criterion(
        "staging_coverage",
        title,
        threshold,
        f"{share:.1%} ({cov['passed']}/{cov['collected']})",
        share >= need,
        stage,
        details,
    )


def _new_flaky(stage: str, conf: Conf, defaults: Conf, facts: Facts) -> Iterator[Criterion]:
    """No scenario turned flaky (passed and failed on the same code and seed) since the last stage."""
    if conf.get("max_new_flaky") is None:
        return
    limit = int(conf["max_new_flaky"])
    found = facts.get("history") or {}
    new = found.get("new_flaky", [])
    since = found.get("since")
    yield Criterion(
        "new_flaky",
        "Scenarios newly flaky since the last stage (passed and failed on the same code and seed)",
        f"<= {limit}",
        f"{len(new)} over {found.get('runs', 1)} runs" + (f" since {since}" if since else ""),
        len(new) <= limit,
        stage,
        [f"newly flaky: {nodeid}" for nodeid in new],
    )


def _send_error_rate(stage: str, conf: Conf, defaults: Conf, facts: Facts) -> Iterator[Criterion]:
    """The send error rate in fault-free scenarios stays under its limit."""
    key = "max_send_error_rate_fault_free"
    configured = conf.get(key, defaults.get(key))
    if configured is not None:
        limit = float(configured)
        api = facts["api"]
        rate = api["send_error_rate_fault_free"]
        actual = (
            "no sends observed"
            if rate is None
            else f"{rate:.2%} ({api['send_errors_fault_free']}/{api['sends_fault_free']})"
        )
        yield Criterion(
            "send_error_rate",
            "Send error rate in fault-free scenarios",
            f"<= {limit:.2%}",
            actual,
            rate is not None and rate <= limit,
            stage,
        )


def _manual_checks(stage: str, conf: Conf, defaults: Conf, facts: Facts) -> Iterator[Criterion]:
    """The stage's manual checks passed."""
    manual = {c["id"]: c for c in facts["manual_checks"]}
    for check_id in conf["manual_checks"]:
        check = manual.get(check_id, {"result": "missing", "title": ""})
        yield Criterion(
            f"manual:{check_id}",
            f"Manual check {check_id} {check.get('title', '')}".strip(),
            "pass",
            check.get("result", "not run"),
            check.get("result") == "pass",
            stage,
        )


def _rollout_evidence(stage: str, conf: Conf, defaults: Conf, facts: Facts) -> Iterator[Criterion]:
    """Rollout evidence for every stage up to this one, within tolerance."""
    if conf.get("rollout_evidence"):
        for name in [n for n in STAGE_NAMES if n <= stage]:
            entries = facts["rollout"].get(name, [])
            bad = [e for e in entries if not e["ok"]]
            actual = (
                "no evidence" if not entries else f"{len(entries) - len(bad)}/{len(entries)} within tolerance"
            )
            yield Criterion(
                f"rollout:{name}",
                f"Rollout stage {name} cohort share, stickiness, monotonicity",
                "evidence present and all ok",
                actual,
                bool(entries) and not bad,
                stage,
                [
                    f"{e['scenario']}: observed {e['observed_share']:.3f} vs {e['expected_share']:.3f}, "
                    f"sticky={e['sticky']}, monotonic={e['monotonic']}, mismatches={e['mismatches']}"
                    for e in bad
                ],
            )


_CHECKS: tuple[Callable[[str, Conf, Conf, Facts], Iterator[Criterion]], ...] = (
    _scenarios_ran,
    _failures,
    _tagged_scenarios,
    _requirements,
    _accessibility,
    _rum_actions,
    _rum_collection,
    _coverage_matrix,
    _staging_coverage,
    _new_flaky,
    _send_error_rate,
    _manual_checks,
    _rollout_evidence,
)


def _risk_for(
    criterion: Criterion, stage: str, risks: list[dict[str, Any]], today: dt.date
) -> dict[str, Any] | None:
    for risk in risks:
        if not fnmatch.fnmatch(criterion.id, risk["criterion"]):
            continue
        if risk.get("stages") and stage not in risk["stages"]:
            continue
        if risk["expires"] < today:
            continue
        return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in risk.items()}
    return None


def verdict(criteria: Conf, stage: str, facts: Facts, today: dt.date) -> Verdict:
    judged = evaluate_stage(criteria, stage, facts)
    risks = criteria.get("accepted_risk", [])
    mock_only = criteria.get("staging", {}).get("needs_mock_run", []) if facts.get("env") == "staging" else []
    for criterion in judged:
        if not criterion.passed and any(fnmatch.fnmatch(criterion.id, glob) for glob in mock_only):
            criterion.needs_mock_run = True
        elif not criterion.passed:
            criterion.accepted_by = _risk_for(criterion, stage, risks, today)
    failing = [c for c in judged if not c.passed and not c.needs_mock_run]
    blocking = [c for c in failing if c.accepted_by is None]
    percentage = criteria["stages"].get(stage, {}).get("percentage")
    label = f"stage {stage}" + (f" ({percentage}%)" if percentage is not None else "")
    if blocking:
        first = blocking[0]
        decision = NO_GO
        rule = f"{first.id}: {first.title}: needs {first.threshold}, got {first.actual}"
        if len(blocking) > 1:
            rule += f" (and {len(blocking) - 1} more failing criteria)"
    elif failing:
        decision = GO_WITH_RISK
        rule = "; ".join(
            f"{c.id} fails but is accepted risk {risk['id']} ({risk['owner']}, until {risk['expires']})"
            for c in failing
            if (risk := c.accepted_by) is not None
        )
    else:
        decision = GO
        waiting = [c.id for c in judged if c.needs_mock_run]
        met = [c for c in judged if c.applies and not c.needs_mock_run]
        rule = f"all {len(met)} criteria for {label} met" + (
            f"; {len(waiting)} need the mock run ({', '.join(waiting)})" if waiting else ""
        )
    return {
        "stage": stage,
        "label": label,
        "verdict": decision,
        "rule": rule,
        "criteria": [c.as_dict() for c in judged],
        "blocking": [c.id for c in blocking],
    }


def readiness(criteria: Conf, facts: Facts, today: dt.date) -> Readiness:
    """'Ready for stage N' (the highest stage whose verdict, and every earlier one, is not NO-GO) and what
    the next stage still misses."""
    per_stage = {
        name: verdict(criteria, name, facts, today) for name in STAGE_NAMES if name in criteria["stages"]
    }
    ready = None
    for name, result in per_stage.items():
        if result["verdict"] == NO_GO:
            break
        ready = name
    names = list(per_stage)
    following = (
        names[names.index(ready) + 1]
        if ready and names.index(ready) + 1 < len(names)
        else (names[0] if ready is None else None)
    )
    missing = []
    if following:
        missing = [
            f"{c['id']}: needs {c['threshold']}, got {c['actual']}"
            for c in per_stage[following]["criteria"]
            if not c["passed"] and c["accepted_by"] is None and not c["needs_mock_run"]
        ]
    return {
        "ready_for": ready,
        "next_stage": following,
        "missing_for_next": missing,
        "stages": {
            name: {
                "verdict": r["verdict"],
                "rule": r["rule"],
                "label": r["label"],
                "percentage": criteria["stages"][name].get("percentage"),
            }
            for name, r in per_stage.items()
        },
    }
