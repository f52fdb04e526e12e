"""The staging pool: what QA gives (names, files), who runs each scenario, and bad input stopping the run
before any scenario with a clear message."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from contract import CURATED_LIST_FLOW, ROLLOUT_TOGGLES
from harness.oracle.patient import Exchange
from harness.oracle.premises import parse_patient, premises_of_scenario
from harness.staging import pool
from tests.served_mock import ROOT
from tests.served_mock import ServedMock as StagingLikeMock
from tests.staging.test_staging_run import auth_file, mock_curated_on  # noqa: F401

SM = "/my_health/v1/messaging"


def _team(team_id: int, station: str, oh: bool = False, blocked: bool = False) -> dict[str, object]:
    return {
        "attributes": {
            "triageTeamId": team_id,
            "name": f"TEAM {team_id}",
            "stationNumber": station,
            "ohTriageGroup": oh,
            "blockedStatus": blocked,
            "preferredTeam": True,
        }
    }


def user(
    name: str, teams: list[dict[str, object]], sent: Sequence[int] = (), toggles: bool = True
) -> pool.PoolUser:
    features = [{"name": n, "value": toggles} for n in ROLLOUT_TOGGLES]
    documents = {
        "allrecipients": Exchange("allrecipients", 200, None, {"data": teams, "meta": {}}),
        "feature_toggles": Exchange("feature_toggles", 200, None, {"data": {"features": features}}),
        "sent_search": Exchange(
            "sent_search", 200, {}, {"data": [{"attributes": {"recipientId": i}} for i in sent]}
        ),
    }
    return pool.PoolUser(name, Path(f"{name}.json"), documents)


VISTA = user("vista", [_team(1, "500"), _team(2, "501")], sent=[1])
OH = user("oh", [_team(3, "668", oh=True), _team(4, "757", oh=True)])


def test_each_scenario_runs_as_the_first_user_that_meets_its_premises() -> None:
    assert pool.assign([VISTA, OH], parse_patient("with care teams")).user is VISTA
    assert pool.assign([VISTA, OH], parse_patient("with an Oracle Health care team")).user is OH
    assert (
        pool.assign([OH, VISTA], parse_patient("with a VistA care team and recent care teams")).user is VISTA
    )


def test_a_scenario_no_user_can_run_names_the_premises_no_user_met_never_a_profile() -> None:
    nobody = pool.assign([VISTA, OH], parse_patient("who can message care teams at 6 or more care systems"))
    assert nobody.user is None
    assert nobody.skip_reason == "needs care teams at 6 or more care systems: no test user in the pool has it"
    together = pool.assign([VISTA, OH], parse_patient("with VistA and Oracle Health care teams"))
    assert together.unmet == ("both VistA and Oracle Health care teams",)
    # each premise alone is met by some user, but no user meets both: the pair is named
    both = pool.assign(
        [VISTA, OH],
        parse_patient("with an Oracle Health care team who messaged 2 care teams in the last 6 months"),
    )
    assert both.unmet == ("an Oracle Health care team", "recently messaged care teams")


def test_toggle_tags_are_premises_too() -> None:
    off = user("off", [_team(1, "500")], toggles=False)
    premises = premises_of_scenario(["a patient with care teams"], {CURATED_LIST_FLOW: False})
    assert pool.assign([VISTA, off], premises).user is off
    assert pool.assign([VISTA], premises).unmet == (f"{CURATED_LIST_FLOW} off",)


def test_the_pool_round_trips_to_the_xdist_workers() -> None:
    (back,) = pool.from_json(pool.to_json([VISTA]))
    assert back.name == "vista" and back.patient == VISTA.patient and back.shape == VISTA.shape
    assert "TEAM" not in back.shape  # the shape is words about the patient, no team or patient names


def test_a_users_file_lists_the_pool_in_order_relative_to_itself(tmp_path: Path) -> None:
    (tmp_path / "pool.toml").write_text(
        '[users.b]\nstorage_state = "b.json"\n[users.a]\nstorage_state = "a.json"\n'
    )
    assert pool.read_users_file(tmp_path / "pool.toml") == [
        ("b", tmp_path / "b.json"),
        ("a", tmp_path / "a.json"),
    ]
    with pytest.raises(pytest.UsageError, match="storage_state"):
        (tmp_path / "bad.toml").write_text("[users.a]\npath = 'x'\n")
        pool.read_users_file(tmp_path / "bad.toml")


@pytest.mark.parametrize("value", ["a", "a=", "=x.json", "a.b=x.json"])
def test_a_malformed_staging_user_is_a_usage_error(value: str) -> None:
    with pytest.raises(pytest.UsageError, match="--staging-user"):
        pool.parse_user(value)


def _run(tmp_path: Path, url: str, *users: str) -> subprocess.CompletedProcess[str]:
    args = [
        sys.executable,
        "-m",
        "pytest",
        "-p",
        "no:xdist",
        "-q",
        "features/rollout.feature",
        "--env",
        "staging",
        "--base-url",
        url,
        *[a for u in users for a in ("--staging-user", u)],
        "--output",
        str(tmp_path / "test-results"),
    ]
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_bad_pool_input_stops_the_run_before_any_scenario(
    tmp_path: Path,
    mock_curated_on: StagingLikeMock,  # noqa: F811
) -> None:
    good = auth_file(tmp_path)
    signed_out = tmp_path / "out.json"
    signed_out.write_text(json.dumps({"cookies": [], "origins": []}))
    cases = {
        "missing file": ([f"a={tmp_path / 'nope.json'}"], "staging user 'a'"),
        "same name twice": ([f"a={good}", f"a={good}"], "given twice"),
        "not signed in": ([f"a={good}", f"b={signed_out}"], "staging user 'b'"),
    }
    for what, (users, message) in cases.items():
        result = _run(tmp_path, mock_curated_on.url, *users)
        output = result.stdout + result.stderr
        assert result.returncode == pytest.ExitCode.USAGE_ERROR, f"{what}: {output[-2000:]}"
        assert message in output, f"{what}: {output[-2000:]}"
        assert "Traceback" not in output and " passed" not in output, f"{what}: {output[-2000:]}"
