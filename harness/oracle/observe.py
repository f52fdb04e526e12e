"""A patient read outside the browser: the documents the app would fetch, fetched read-only over HTTP, for
the oracle's own `build_patient`.

Used where a patient must be known before a browser opens: a staging test user, once at the start of a
run (`harness.staging.pool`), and a mock profile the harness considers for a scenario's premises
(`harness.oracle.profile_choice`). The requests are the app's own (the sent search is a search, not a write).
"""

from __future__ import annotations

import calendar
from datetime import UTC, datetime
from typing import Any

import httpx

from contract import MESSAGING
from harness.oracle.patient import Exchange

SM = MESSAGING
# endpoint name (the oracle's) -> (method, path, on the site rather than the API host)
READS: dict[str, tuple[str, str, bool]] = {
    "user": ("GET", "/v0/user", False),
    "feature_toggles": ("GET", "/v0/feature_toggles", False),
    "vamc_ehr": ("GET", "/data/cms/vamc-ehr.json", True),
    "allrecipients": ("GET", f"{SM}/allrecipients?useCache=false", False),
    "sent_search": ("POST", f"{SM}/folders/-1/search", False),
}


def _months_before(moment: datetime, months: int) -> datetime:
    index = moment.month - 1 - months
    year, month = moment.year + index // 12, index % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def fetch_documents(
    api: httpx.Client, site: httpx.Client | None = None, skip: tuple[str, ...] = ()
) -> dict[str, Exchange]:
    """What the app would receive, by endpoint (`build_patient` reads them); `api` carries the sign-in
    (cookie or mock session), `site` serves vamc-ehr.json where it is another host."""
    moment = datetime.now(UTC)
    window = {"fromDate": _iso(_months_before(moment, 6)), "toDate": _iso(moment)}  # the app's sent search
    documents: dict[str, Exchange] = {}
    for name, (method, path, on_site) in READS.items():
        if name in skip:
            continue
        body = window if method == "POST" else None
        response = (site if on_site and site is not None else api).request(method, path, json=body)
        documents[name] = Exchange(name, response.status_code, body, _json(response), str(response.url))
    return documents
