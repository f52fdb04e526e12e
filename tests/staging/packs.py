"""Data packs for staging proofs: patients served as vets-website fixture folders, none of them a mock
profile as the harness builds it, so the harness knows them only through what the app receives.

- `realistic_mixed`: VA's own fixture pack with a care-team list edited into a shape QA's test users
  have and no profile has: VistA and Oracle Health care teams at 2 care systems, 9 care teams of which
  1 is blocked, and no message sent in the last 6 months (VA's sent messages are from 2025).
- `exported`: a profile and seed written out as `python -m mocks export-fixtures` writes them (in this
  process: the CLI itself is run by tests/staging/test_staging_writes.py);
- `with_toggles`: a pack whose user Flipper gives other toggle states (a test user outside the rollout).
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

from mocks.export import export_fixtures
from tests.served_mock import ROOT

VA_FIXTURES = ROOT.parent / "shared" / "vets-website-fixtures"
_VISTA_STATION, _OH_STATION = "583", "653"


def realistic_mixed(folder: Path) -> Path:
    """VA's pack, its care teams moved to two care systems: 8 VistA teams (1 blocked) and 1 Oracle Health."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in (
        "vamc-ehr.json",
        "categories-response.json",
        "signature-response.json",
        "toggles-response.json",
    ):
        shutil.copy(VA_FIXTURES / name, folder / name)
    shutil.copy(VA_FIXTURES / "user-cerner-mixed.json", folder / "user.json")
    sent = json.loads((VA_FIXTURES / "search-sent-folder-response.json").read_text("utf-8"))
    (folder / "search-sent-folder-response.json").write_text(
        json.dumps({**sent, "data": []}), encoding="utf-8"
    )
    source = json.loads((VA_FIXTURES / "multi-facility-blocked-recipients-response.json").read_text("utf-8"))
    teams: list[dict[str, Any]] = []
    blocked_left = 1
    for item in source["data"]:
        team = copy.deepcopy(item)
        attributes = team["attributes"]
        if attributes.get("ohTriageGroup"):
            attributes["stationNumber"] = _OH_STATION
        else:
            attributes["stationNumber"] = _VISTA_STATION
            attributes["blockedStatus"] = bool(attributes.get("blockedStatus")) and blocked_left > 0
            blocked_left -= int(attributes["blockedStatus"])
        teams.append(team)
    blocked = sum(1 for t in teams if t["attributes"]["blockedStatus"])
    document = {
        **source,
        "data": teams,
        "meta": {
            **source["meta"],
            "associatedTriageGroups": len(teams),
            "associatedBlockedTriageGroups": blocked,
        },
    }
    (folder / "recipients-response.json").write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return folder


def exported(folder: Path, profile: str, seed: int, recent_teams: int | None = None) -> Path:
    export_fixtures(profile, seed, folder, recent_teams=recent_teams)
    return folder


def with_toggles(folder: Path, **toggles: bool) -> Path:
    """The pack's feature toggles set as Flipper would give this user (both spellings the API sends)."""
    path = folder / "toggles-response.json"
    document = json.loads(path.read_text("utf-8"))
    features = document["data"]["features"]
    wanted = {**toggles, **{_camel(name): value for name, value in toggles.items()}}
    for feature in features:
        feature["value"] = wanted.pop(feature["name"], feature["value"])
    features += [{"name": name, "value": value} for name, value in wanted.items()]
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return folder


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)
