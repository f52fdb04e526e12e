"""An axe run turned into our result: findings split into violations, waived and needs-review."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from harness.accessibility.ruleset import wcag_criteria
from harness.accessibility.waivers import Waiver, find_waiver

SHADOW_SEPARATOR = " >>> "  # axe reports a node inside shadow roots as a list of selectors, host first
HTML_WIDTH = 100


def target_text(target: list[Any]) -> str:
    """Axe's target (nested lists for shadow DOM) as one readable string, for reports and waivers."""
    parts = []
    for selector in target:
        parts.append(SHADOW_SEPARATOR.join(selector) if isinstance(selector, list) else str(selector))
    return ", ".join(parts)


@dataclass
class Finding:
    """One rule failing (or needing review) on one node."""

    rule: str
    impact: str
    wcag: list[str]
    tags: list[str]
    help: str
    help_url: str
    target: str
    html: str
    failure_summary: str
    waiver: str = ""  # the waiver that excuses it, or that has expired on it


@dataclass
class A11yResult:
    state: str
    url: str
    axe_version: str
    context: str
    ruleset: list[str]
    violations: list[Finding] = field(default_factory=list)
    expired: list[Finding] = field(default_factory=list)  # waived once, waiver now expired: these fail too
    waived: list[Finding] = field(default_factory=list)
    incomplete: list[Finding] = field(default_factory=list)  # axe "needs review": kept apart, never fails
    passes: list[str] = field(default_factory=list)
    # WCAG success criteria ("1.4.3") of the rules that passed: what axe checked and found no fault with.
    passed_criteria: list[str] = field(default_factory=list)

    @property
    def failing(self) -> list[Finding]:
        return self.violations + self.expired

    @property
    def clean(self) -> bool:
        return not self.failing

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["clean"] = self.clean
        return data

    def report(self) -> str:
        """The failure message: what fails, why, and what to do about an expired waiver."""
        lines = [
            f"{len(self.failing)} accessibility violation(s) on page state {self.state!r} ({self.url}); "
            f"axe-core {self.axe_version}, context {self.context}"
        ]
        lines.append(table(self.failing))
        for finding in self.expired:
            lines.append(
                f"expired waiver: {finding.waiver} no longer excuses {finding.rule} on {finding.target!r}; "
                "fix it or renew the waiver in a11y-waivers.toml"
            )
        if self.waived:
            lines.append(f"({len(self.waived)} waived finding(s) not shown)")
        return "\n".join(lines)


def build_result(
    response: dict[str, Any],
    *,
    state: str,
    axe_version: str,
    context: str,
    ruleset: list[str],
    waivers: list[Waiver],
    today: dt.date,
) -> A11yResult:
    result = A11yResult(
        state=state,
        url=str(response.get("url", "")),
        axe_version=str(response.get("testEngine", {}).get("version") or axe_version),
        context=context,
        ruleset=ruleset,
        passes=sorted(rule["id"] for rule in response.get("passes", [])),
        passed_criteria=sorted(
            {n for rule in response.get("passes", []) for n in wcag_criteria(list(rule.get("tags", [])))},
            key=lambda n: [int(part) for part in n.split(".")],
        ),
    )
    for finding in findings(response.get("violations", [])):
        waiver = find_waiver(waivers, finding.rule, finding.target, state)
        if waiver is None:
            result.violations.append(finding)
            continue
        finding.waiver = waiver.describe()
        (result.expired if waiver.expired(today) else result.waived).append(finding)
    result.incomplete = list(findings(response.get("incomplete", [])))
    return result


def findings(rules: list[dict[str, Any]]) -> list[Finding]:
    out = []
    for rule in rules:
        for node in rule.get("nodes", []):
            out.append(
                Finding(
                    rule=rule["id"],
                    impact=str(node.get("impact") or rule.get("impact") or ""),
                    wcag=wcag_criteria(rule.get("tags", [])),
                    tags=list(rule.get("tags", [])),
                    help=str(rule.get("help", "")),
                    help_url=str(rule.get("helpUrl", "")),
                    target=target_text(node.get("target", [])),
                    html=str(node.get("html", "")),
                    failure_summary=str(node.get("failureSummary", "")),
                )
            )
    return out


def table(rows: list[Finding]) -> str:
    """A plain-text table: rule, impact, WCAG, help URL, target, html (one row per node)."""
    headers = ["rule", "impact", "WCAG", "help URL", "target", "html"]
    cells = [
        [
            finding.rule,
            finding.impact,
            " ".join(finding.wcag) or "-",
            finding.help_url,
            finding.target,
            shorten(finding.html),
        ]
        for finding in rows
    ]
    widths = [max(len(row[i]) for row in [headers, *cells]) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        return " | ".join(value.ljust(width) for value, width in zip(row, widths, strict=True)).rstrip()

    rule = "-+-".join("-" * width for width in widths)
    return "\n".join([line(headers), rule, *(line(row) for row in cells)])


def shorten(html: str) -> str:
    flat = " ".join(html.split())
    return flat if len(flat) <= HTML_WIDTH else flat[: HTML_WIDTH - 1] + "…"
