"""Quarantine (`quarantine.toml`): a scenario known to be flaky still runs and is reported, but does not
decide the verdict until its entry expires.

At most five entries at once, each with a reason, an owner, a ticket and an expiry. An expired entry fails
the run: pytest refuses to start and the report refuses to build, naming the entry, so a quarantine is fixed
or consciously renewed, never forgotten (as `a11y-waivers.toml` does for accessibility findings).
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from harness.evidence.criteria import CriteriaError, as_date, read_toml
from harness.evidence.schema import QuarantineEntryJSON, ScenarioJSON
from harness.evidence.summary import QuarantineView

QUARANTINE_FILE = "quarantine.toml"
MAX_ENTRIES = 5
REQUIRED = ("scenario", "reason", "owner", "ticket", "expires")
QUARANTINED = "quarantined"  # the status the verdict sees; the scenario's own status is kept beside it


class QuarantineError(CriteriaError):
    """quarantine.toml is malformed, too long, or holds an expired entry; the message says which."""


@dataclass(frozen=True)
class Entry:
    scenario: str  # the scenario's name or node id; globs allowed (*)
    reason: str
    owner: str
    ticket: str
    expires: dt.date

    def matches(self, record: ScenarioJSON) -> bool:
        return record.get("kind") == "scenario" and any(
            fnmatch.fnmatchcase(str(record.get(key) or ""), self.scenario) for key in ("name", "nodeid")
        )

    def as_dict(self) -> QuarantineEntryJSON:
        return {
            "scenario": self.scenario,
            "reason": self.reason,
            "owner": self.owner,
            "ticket": self.ticket,
            "expires": self.expires.isoformat(),
        }


def load(path: Path, today: dt.date) -> list[Entry]:
    """The entries of `path` (none when it is absent), refusing an incomplete, surplus or expired one."""
    raw = read_toml(path).get("quarantine", [])
    entries = []
    for index, item in enumerate(raw, start=1):
        where = f"{path}: quarantine #{index}"
        missing = [key for key in REQUIRED if not item.get(key)]
        if missing:
            raise QuarantineError(f"{where} needs {', '.join(repr(k) for k in missing)}")
        entries.append(
            Entry(
                str(item["scenario"]),
                str(item["reason"]),
                str(item["owner"]),
                str(item["ticket"]),
                as_date(item["expires"], where) or dt.date.min,
            )
        )
    if len(entries) > MAX_ENTRIES:
        raise QuarantineError(
            f"{path}: {len(entries)} scenarios quarantined, at most {MAX_ENTRIES} at once; fix some first"
        )
    expired = [e for e in entries if e.expires < today]
    if expired:
        names = "; ".join(f"{e.scenario!r} ({e.owner}, {e.ticket}) expired {e.expires}" for e in expired)
        raise QuarantineError(
            f"{path}: quarantine expired: {names}. Fix the scenario and remove the entry, or renew it "
            "with a new date and reason"
        )
    return entries


def apply(scenarios: Sequence[ScenarioJSON], entries: list[Entry]) -> list[ScenarioJSON]:
    """The scenarios as the verdict sees them: a quarantined one has status 'quarantined', its own status
    in `observed_status` and its entry in `quarantine`."""
    out: list[ScenarioJSON] = []
    for record in scenarios:
        entry = next((e for e in entries if e.matches(record)), None)
        if entry is None:
            out.append(record)
        else:
            out.append(
                {
                    **record,
                    "status": QUARANTINED,
                    "observed_status": record["status"],
                    "quarantine": entry.as_dict(),
                }
            )
    return out


def summarise(scenarios: Sequence[ScenarioJSON], entries: list[Entry]) -> list[QuarantineView]:
    """Each entry with the scenarios it held back this run and their own results."""
    return [
        {
            **entry.as_dict(),
            "scenarios": [
                {"nodeid": s["nodeid"], "name": s.get("name"), "observed_status": s.get("observed_status")}
                for s in scenarios
                if s.get("quarantine", {}).get("scenario") == entry.scenario
            ],
        }
        for entry in entries
    ]
