"""The pool of staging test users: each signed-in user observed once, read-only, at the start of a run.

QA names its test users with `--staging-user NAME=PATH` (repeatable; PATH a storage state saved by
`python -m harness login`) or `--staging-users FILE.toml`; a lone `--storage-state PATH` is a pool of one.
Each scenario runs as the first user in the pool whose observed patient meets its premises
(`harness.oracle.premises`), so a run is reproducible; a scenario no user can run is skipped with the premises
no user met, never with a mock profile's name.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import httpx
import pytest

from harness.gherkin.tags import TOGGLE_TAGS
from harness.oracle.observe import fetch_documents
from harness.oracle.patient import Exchange, ObservedPatient, build_patient
from harness.oracle.premises import Premise, meets, premises_of_scenario
from harness.run.options import options_of
from harness.staging.secrets import cookies_for, load_storage_state
from harness.staging.session_check import StagingUnavailable, check_signed_in

_NAME = re.compile(r"^[A-Za-z0-9_-]+$")
LONE_USER = "signed-in"  # the name of the pool of one that --storage-state makes
WORKER_KEY = "harness_staging_pool"  # xdist workerinput: the controller's observations, as JSON


@dataclass(frozen=True)
class PoolUser:
    name: str  # the label QA gave the user (--staging-user NAME=PATH); never the patient's name
    storage_state: Path
    documents: dict[str, Exchange]  # what the app would receive, read once at the start of the run

    @cached_property
    def patient(self) -> ObservedPatient:
        # Built once: every scenario's assignment asks each user in turn.
        return build_patient(self.documents)

    @property
    def shape(self) -> str:
        """The user's patient in words (care teams, care systems, recent teams), with no name or id."""
        return self.patient.describe()


POOL_KEY = pytest.StashKey[tuple[PoolUser, ...]]()


def pool_of(config: pytest.Config) -> tuple[PoolUser, ...]:
    """The run's staging users in the order given (empty in mock mode)."""
    return config.stash.get(POOL_KEY, ())


# ---------------------------------------------------------------- what QA gives


def parse_user(value: str) -> tuple[str, Path]:
    name, equals, path = value.partition("=")
    if not equals or not path:
        raise pytest.UsageError(f"--staging-user {value!r}: expected NAME=PATH (a storage state file)")
    if not _NAME.match(name):
        raise pytest.UsageError(f"--staging-user {value!r}: NAME must be letters, digits, '_' or '-'")
    return name, Path(path)


def read_users_file(path: Path) -> list[tuple[str, Path]]:
    """`[users.NAME] storage_state = "auth.json"` tables, in file order; paths are relative to the file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise pytest.UsageError(f"--staging-users {path}: cannot read it as TOML ({error})") from None
    users = data.get("users")
    if not isinstance(users, dict) or not users:
        raise pytest.UsageError(
            f'--staging-users {path}: expected [users.NAME] tables with storage_state = "PATH"'
        )
    found: list[tuple[str, Path]] = []
    for name, entry in users.items():
        state = entry.get("storage_state") if isinstance(entry, dict) else None
        if not isinstance(state, str) or not _NAME.match(name):
            raise pytest.UsageError(
                f"--staging-users {path}: user {name!r} needs a storage_state path (and a name "
                "of letters, digits, '_' or '-')"
            )
        found.append((name, path.parent / state))
    return found


def requested_users(config: pytest.Config) -> list[tuple[str, Path]]:
    """The pool as given, checked for duplicate names; --storage-state alone is a pool of one."""
    options = options_of(config)
    users: list[tuple[str, Path]] = []
    if options.staging_users_file is not None:
        users += read_users_file(options.staging_users_file)
    users += [parse_user(value) for value in options.staging_users]
    if not users and options.storage_state is not None:
        users = [(LONE_USER, options.storage_state)]
    names = [name for name, _ in users]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise pytest.UsageError(f"staging users: the name(s) {', '.join(twice)} are given twice")
    return users


def storage_states(users: Iterable[tuple[str, Path]]) -> dict[str, dict[str, Any]]:
    states: dict[str, dict[str, Any]] = {}
    for name, path in users:
        try:
            states[name] = load_storage_state(path)
        except ValueError as error:
            raise pytest.UsageError(f"staging user {name!r}: {error}") from None
    return states


# ---------------------------------------------------------------- observing each user once


def observe_user(name: str, path: Path, state: dict[str, Any], site_url: str, api_url: str) -> PoolUser:
    """Check the user is signed in, then read what the app would receive as that user (read-only)."""
    api_cookies = cookies_for(state, f"{api_url}/v0/user")
    try:
        check_signed_in(api_url, api_cookies)
    except StagingUnavailable as error:
        reason = str(error).replace("no --storage-state was given", f"{path} holds no cookie for {api_url}")
        raise StagingUnavailable(f"staging user {name!r}: {reason}") from None
    site_cookies = cookies_for(state, f"{site_url}/data/cms/vamc-ehr.json")
    with (
        httpx.Client(base_url=api_url, cookies=api_cookies, timeout=30, trust_env=False) as api,
        httpx.Client(base_url=site_url, cookies=site_cookies, timeout=30, trust_env=False) as site,
    ):
        try:
            documents = fetch_documents(api, site)
        except httpx.HTTPError as error:
            raise StagingUnavailable(
                f"staging user {name!r}: reading the patient failed ({error.__class__.__name__})"
            ) from None
    return PoolUser(name, path, documents)


def to_json(users: Sequence[PoolUser]) -> str:
    return json.dumps(
        [
            {
                "name": u.name,
                "storage_state": str(u.storage_state),
                "documents": {
                    k: [e.status, e.request_json, e.response_json, e.url] for k, e in u.documents.items()
                },
            }
            for u in users
        ]
    )


def from_json(text: str) -> tuple[PoolUser, ...]:
    return tuple(
        PoolUser(
            entry["name"],
            Path(entry["storage_state"]),
            {
                endpoint: Exchange(endpoint, status, request, response, url)
                for endpoint, (status, request, response, url) in entry["documents"].items()
            },
        )
        for entry in json.loads(text)
    )


# ---------------------------------------------------------------- who runs each scenario


@dataclass(frozen=True)
class Assignment:
    user: PoolUser | None
    premises: tuple[Premise, ...]
    unmet: tuple[str, ...] = ()  # when no user can: the premises no user met (or all, when only together)

    @property
    def skip_reason(self) -> str:
        them = "it" if len(self.unmet) == 1 else "them"
        return f"needs {', '.join(self.unmet)}: no test user in the pool has {them}"


def scenario_premises(item: pytest.Item) -> list[Premise]:
    from harness.gherkin.collector import ScenarioItem, rendered_steps  # the collector imports the harness

    if not isinstance(item, ScenarioItem):
        return []
    tagged = {
        toggle: state == "on"
        for marker, (toggle, state) in TOGGLE_TAGS.items()
        if item.get_closest_marker(marker) is not None
    }
    return premises_of_scenario([s.name for s in rendered_steps(item) if s.type == "given"], tagged)


def assign(users: Sequence[PoolUser], premises: Sequence[Premise]) -> Assignment:
    patients = [(user, user.patient) for user in users]
    for user, patient in patients:
        if not meets(patient, premises):
            return Assignment(user, tuple(premises))
    alone = [p.needs for p in premises if all(not p.holds(patient) for _, patient in patients)]
    return Assignment(None, tuple(premises), tuple(alone or (p.needs for p in premises)))
