"""`python -m mocks export-fixtures --profile P --seed N DIR`: a patient as a vets-website fixture folder.

The folder holds what the app would receive, in the file names VA's Cypress fixtures use, so it can be
served with `python -m mocks serve --fixtures DIR` (as VA's own folder is) and the harness's staging-safe
scenarios can be proven on data the harness never saw built.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

from contract import MESSAGING
from mocks.api.readouts import months_before
from mocks.server import build_config, start_server

SM = MESSAGING
# file name -> (method, path) the app calls for it (sm-api.md §1)
FILES: dict[str, tuple[str, str]] = {
    "user.json": ("GET", "/v0/user"),
    "toggles-response.json": ("GET", "/v0/feature_toggles"),
    "vamc-ehr.json": ("GET", "/data/cms/vamc-ehr.json"),
    "recipients-response.json": ("GET", f"{SM}/allrecipients?useCache=false"),
    "search-sent-folder-response.json": ("POST", f"{SM}/folders/-1/search"),
    "categories-response.json": ("GET", f"{SM}/messages/categories"),
    "signature-response.json": ("GET", f"{SM}/preferences/signature"),
}


class ExportError(ValueError):
    """The patient cannot be exported (unknown profile, an endpoint that did not answer 200)."""


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def export_fixtures(profile: str, seed: int, folder: Path, recent_teams: int | None = None) -> list[Path]:
    """Write the profile's documents into `folder` (created if needed); returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    server = start_server(build_config(profile=profile, seed=seed, recent_teams=recent_teams))
    try:
        with httpx.Client(base_url=server.url, trust_env=False, timeout=30) as client:
            return _write_documents(client, folder, f"{profile} seed {seed}")
    finally:
        server.stop()


def _write_documents(client: httpx.Client, folder: Path, what: str) -> list[Path]:
    patient = client.get("/_mock/sessions/default/patient").json()
    now = datetime.fromisoformat(patient["now"].replace("Z", "+00:00"))
    window = {"fromDate": _iso(months_before(now, 6)), "toDate": _iso(now)}  # the app's sent search
    written: list[Path] = []
    for name, (method, path) in FILES.items():
        response = client.request(method, path, json=window if method == "POST" else None)
        if response.status_code != 200:  # e.g. allrecipients' 404 for a patient with no care teams
            raise ExportError(f"{what}: {method} {path} answered {response.status_code}, nothing to export")
        document: Any = response.json()
        target = folder / name
        target.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(target)
    return written
