"""Python client of the mock's control plane (CONTRACTS.md §3). Steps and tests use only this.

client = MockClient(base_url)
s = client.create_session(profile="mixed", seed=1234, recent_teams=2)
s.set_toggle("mhv_secure_messaging_curated_list_flow", "25%")
s.add_fault("send", code="SM119", times=1)
s.patient()["recentCareTeams"]; s.journal(); s.metrics()
"""

from typing import Any, cast

import httpx

from mocks.defects import DEFECTS


class MockError(RuntimeError):
    """The control plane refused a request; the message carries its VA-shaped error detail."""

    def __init__(self, response: httpx.Response) -> None:
        try:
            errors = response.json().get("errors") or []
            detail = "; ".join(str(e.get("detail")) for e in errors) or response.text
        except ValueError:
            detail = response.text
        super().__init__(
            f"{response.request.method} {response.request.url.path} -> {response.status_code}: {detail}"
        )
        self.status_code = response.status_code


def _check(response: httpx.Response) -> httpx.Response:
    if response.status_code >= 400:
        raise MockError(response)
    return response


# What each control endpoint answers is in mocks/openapi.yaml: a JSON object, or a list of them.
def _object(response: httpx.Response) -> dict[str, Any]:
    return cast(dict[str, Any], _check(response).json())


def _objects(response: httpx.Response) -> list[dict[str, Any]]:
    return cast(list[dict[str, Any]], _check(response).json())


class Session:
    """One isolated mock session. Its cookie selects it in a browser context."""

    def __init__(self, client: "MockClient", session_id: str) -> None:
        self.client = client
        self.id = session_id

    @property
    def cookie(self) -> dict[str, str]:
        return {"name": "mock_session", "value": self.id, "url": self.client.base_url}

    @property
    def headers(self) -> dict[str, str]:
        return {"X-Mock-Session": self.id}

    def _path(self, suffix: str) -> str:
        return f"/_mock/sessions/{self.id}{suffix}"

    def _put(self, suffix: str, body: dict[str, Any]) -> dict[str, Any]:
        return _object(self.client.http.put(self._path(suffix), json=body))

    def _get(self, suffix: str) -> dict[str, Any]:
        return _object(self.client.http.get(self._path(suffix)))

    def _get_list(self, suffix: str) -> list[dict[str, Any]]:
        return _objects(self.client.http.get(self._path(suffix)))

    def set_profile(
        self, profile: str, recent_teams: int | None = None, seed: int | None = None
    ) -> dict[str, Any]:
        """Rebuild the patient (clears drafts, sent messages and contact-list changes)."""
        body: dict[str, Any] = {"profile": profile, "recent_teams": recent_teams}
        if seed is not None:
            body["seed"] = seed
        return self._put("/profile", body)

    def set_toggle(
        self, name: str, value: str | bool | float, gate: str = "percentage_of_actors"
    ) -> dict[str, Any]:
        """'on'/'off'/True/False, or a percentage ('25%' or 25.0) of actors (or of time with gate=...)."""
        return self._put(f"/toggles/{name}", {"value": value, "gate": gate})

    def set_toggle_actors(self, name: str, actors: list[str]) -> dict[str, Any]:
        return self._put(f"/toggles/{name}/actors", {"actors": list(actors)})

    def toggles(self) -> dict[str, Any]:
        return self._get("/toggles")

    def add_fault(
        self,
        endpoint: str,
        status: int | None = None,
        code: str | None = None,
        latency_ms: float = 0,
        drop: bool = False,
        times: int | None = None,
    ) -> dict[str, Any]:
        body = {
            "endpoint": endpoint,
            "status": status,
            "code": code,
            "latency_ms": latency_ms,
            "drop": drop,
            "times": times,
        }
        return _object(self.client.http.post(self._path("/faults"), json=body))

    def faults(self) -> list[dict[str, Any]]:
        return self._get_list("/faults")

    def clear_faults(self) -> None:
        _check(self.client.http.delete(self._path("/faults")))

    def set_defects(self, names: list[str]) -> list[str]:
        unknown = [n for n in names if n not in DEFECTS]
        if unknown:
            raise ValueError(f"unknown defect(s) {', '.join(unknown)}; known: {', '.join(DEFECTS)}")
        return cast(list[str], self._put("/defects", {"defects": list(names)})["defects"])

    def set_clock(self, now: str | None) -> str:
        """Fix "now" (ISO 8601) for the 6-month window and timestamps; the history is rebuilt around it."""
        return cast(str, self._put("/clock", {"now": now})["now"])

    def set_messaging_access(self, allowed: bool) -> None:
        """Without messaging access every messaging endpoint answers 403 and /v0/user drops the service."""
        self._put("/access", {"messaging": allowed})

    def set_tooltips(self, tooltips: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Replace the patient's in-product-education records: [{tooltipName, counter, hidden}]."""
        return cast(list[dict[str, Any]], self._put("/tooltips", {"tooltips": list(tooltips)})["tooltips"])

    def patient(self) -> dict[str, Any]:
        return self._get("/patient")

    def journal(self) -> list[dict[str, Any]]:
        return self._get_list("/journal")

    def clear_journal(self) -> None:
        _check(self.client.http.delete(self._path("/journal")))

    def metrics(self) -> dict[str, Any]:
        return self._get("/metrics")

    def rum_actions(self) -> list[dict[str, Any]]:
        """RUM actions the intake received: name, type, context, url, view (path), ts, id."""
        return self._get_list("/rum")

    def rum_events(self, kind: str | None = None) -> dict[str, Any]:
        """What the RUM intake kept: {"batches", "replay_segments", "events": [...]}, optionally one kind
        (action, view, resource, error); see mocks/rum_format.py for each event's fields."""
        return self._get("/rum/events" + (f"?kind={kind}" if kind else ""))

    def clear_rum(self) -> None:
        _check(self.client.http.delete(self._path("/rum/events")))

    def delete(self) -> None:
        response = self.client.http.delete(self._path(""))
        if response.status_code not in (204, 404):
            _check(response)


class MockClient:
    def __init__(self, base_url: str, timeout: float = 10.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.http = httpx.Client(base_url=self.base_url, timeout=timeout)

    def health(self) -> dict[str, Any]:
        return _object(self.http.get("/_mock/health"))

    def create_session(
        self,
        profile: str = "mixed",
        seed: int = 0,
        recent_teams: int | None = None,
        toggles: dict[str, str | bool | float] | None = None,
        now: str | None = None,
        rum_replay: bool = True,
    ) -> Session:
        """A new isolated session; `rum_replay=False`: the stand-in's Datadog SDK records no replay."""
        body = {
            "profile": profile,
            "seed": seed,
            "recent_teams": recent_teams,
            "toggles": toggles,
            "now": now,
            "rum_replay": rum_replay,
        }
        data = _object(self.http.post("/_mock/sessions", json=body))
        return Session(self, data["id"])

    def session(self, session_id: str) -> Session:
        """A handle on an existing session (e.g. "default")."""
        return Session(self, session_id)

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> "MockClient":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
