"""a11y-waivers.toml: known findings excused until a date, each with an owner and a ticket."""

from __future__ import annotations

import datetime as dt
import fnmatch
import tomllib
from dataclasses import dataclass
from pathlib import Path

WAIVERS_FILE = "a11y-waivers.toml"
REQUIRED = ("rule", "target", "owner", "ticket", "expires")


class WaiverFileError(Exception):
    """The waivers file is malformed; the message says where and how to fix it."""


@dataclass(frozen=True)
class Waiver:
    rule: str
    target: str  # glob over the finding's target text (see results.target_text); "*" for any
    owner: str
    ticket: str
    expires: dt.date
    reason: str = ""
    state: str = "*"  # glob over the page state name

    def matches(self, rule: str, target: str, state: str) -> bool:
        return (
            self.rule == rule
            and (self.target == target or fnmatch.fnmatchcase(target, self.target))
            and fnmatch.fnmatchcase(state, self.state)
        )

    def expired(self, today: dt.date) -> bool:
        return today > self.expires

    def describe(self) -> str:
        who = f"owner {self.owner}, ticket {self.ticket}, expires {self.expires}"
        return f"{self.rule} on {self.target!r} ({who})"


def load_waivers(path: Path) -> list[Waiver]:
    """Read `[[waiver]]` tables; a missing file means no waivers."""
    if not path.is_file():
        return []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise WaiverFileError(f"{path}: not valid TOML: {error}") from None
    waivers = []
    for index, entry in enumerate(data.get("waiver", []), start=1):
        missing = [key for key in REQUIRED if not entry.get(key)]
        if missing:
            raise WaiverFileError(
                f"{path}: waiver #{index} lacks {', '.join(missing)} (needs {', '.join(REQUIRED)})"
            )
        expires = entry["expires"]
        if isinstance(expires, str):
            try:
                expires = dt.date.fromisoformat(expires)
            except ValueError:
                raise WaiverFileError(
                    f"{path}: waiver #{index}: expires {expires!r} is not YYYY-MM-DD"
                ) from None
        if not isinstance(expires, dt.date) or isinstance(expires, dt.datetime):
            raise WaiverFileError(f"{path}: waiver #{index}: expires must be a date (YYYY-MM-DD)")
        waivers.append(
            Waiver(
                rule=str(entry["rule"]),
                target=str(entry["target"]),
                owner=str(entry["owner"]),
                ticket=str(entry["ticket"]),
                expires=expires,
                reason=str(entry.get("reason", "")),
                state=str(entry.get("state", "*")),
            )
        )
    return waivers


def find_waiver(waivers: list[Waiver], rule: str, target: str, state: str) -> Waiver | None:
    """The first waiver covering this finding, expired or not (the caller decides what expiry means)."""
    return next((waiver for waiver in waivers if waiver.matches(rule, target, state)), None)
