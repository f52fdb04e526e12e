"""What the recorder writes about the whole run: every scenario collected before any filter (once, however
many xdist workers), and the staging pool's labels and patients in words, written once by the controller."""

from __future__ import annotations

import json
import textwrap
from typing import Any, cast

import pytest

from tests.evidence.synthetic import write_suite

pytest_plugins = ["pytester"]

SCENARIOS = 6  # the synthetic feature's scenarios; its plain unit test is not one
ONLY_THE_PASSING = ("-k", "passing_scenario or plain_unit_test")
SHAPE = "VistA care teams: 3 allowed and 0 blocked of 3, at 2 care system(s); 2 recently messaged"
POOL_CONFTEST = f"""\
from pathlib import Path
from types import SimpleNamespace

import pytest

from harness.staging.pool import POOL_KEY


@pytest.hookimpl(trylast=True)
def pytest_configure(config):
    # as the staging plugin does: every process has the pool, observed before the session starts; the
    # recorder reads a user's label and shape only, whatever else a PoolUser holds
    patient = SimpleNamespace(first_name="Zelda", last_name="Quartermain", icn="1012345678V123456")
    user = SimpleNamespace(
        name="vista-user", storage_state=Path("secret-auth-state.json"), patient=patient, shape={SHAPE!r}
    )
    config.stash[POOL_KEY] = (user,)
"""


def run_json(pytester: pytest.Pytester) -> dict[str, Any]:
    return cast(dict[str, Any], json.loads((pytester.path / "reports" / "evidence" / "run.json").read_text()))


@pytest.mark.parametrize("workers", [(), ("-n", "2")], ids=["serial", "xdist"])
def test_every_scenario_collected_counts_once_whatever_was_deselected(
    pytester: pytest.Pytester, run_suite: Any, workers: tuple[str, ...]
) -> None:
    write_suite(pytester)
    result, summary = run_suite("--evidence", *ONLY_THE_PASSING, *workers)
    result.assert_outcomes(passed=2)
    assert summary["identity"]["scenarios_collected"] == SCENARIOS
    coverage = summary["staging_coverage"]
    assert (coverage["collected"], coverage["passed"], coverage["not_run"]) == (SCENARIOS, 1, 5)


def test_the_controller_writes_the_pool_once_with_labels_and_shapes_only(
    pytester: pytest.Pytester, run_suite: Any
) -> None:
    write_suite(pytester)
    pytester.makeconftest(POOL_CONFTEST)
    run_suite("--evidence", "-n", "2", *ONLY_THE_PASSING)
    [user] = run_json(pytester)["identity"]["staging_pool"]
    assert user == {"name": "vista-user", "shape": SHAPE}
    for path in (pytester.path / "reports" / "evidence").rglob("*.json"):
        text = path.read_text()
        for secret in ("Zelda", "Quartermain", "1012345678V123456", "secret-auth-state"):
            assert secret not in text, f"{secret} in {path.name}"
    raw = [json.loads(p.read_text()) for p in (pytester.path / "reports" / "evidence" / "raw").glob("*.json")]
    assert all("staging_pool" not in data["facts"] for data in raw)  # the run's, not each worker's


def test_a_mock_run_records_no_pool(pytester: pytest.Pytester, run_suite: Any) -> None:
    write_suite(pytester)
    _, summary = run_suite("--evidence", *ONLY_THE_PASSING)
    assert "staging_pool" not in run_json(pytester)["identity"]
    assert summary["staging"] is None


def test_a_scenario_skipped_before_its_steps_is_still_a_scenario(
    pytester: pytest.Pytester, run_suite: Any
) -> None:
    # the staging plugin skips a scenario no test user can run in a fixture, before pytest-bdd starts it
    write_suite(pytester)
    pytester.makeconftest(
        textwrap.dedent(
            """\
            import pytest

            @pytest.fixture(autouse=True)
            def staging_user(request, evidence):
                if "skipped_scenario" in request.node.name:
                    evidence.set_context(premises=["recent care teams"], unmet=["recent care teams"])
                    pytest.skip("needs recent care teams: no staging test user has it")
            """
        )
    )
    _, summary = run_suite("--evidence")
    skipped = next(s for s in summary["scenarios"] if s["nodeid"].endswith("test_skipped_scenario"))
    assert (skipped["kind"], skipped["name"], skipped["status"]) == (
        "scenario",
        "Skipped scenario",
        "skipped",
    )
    assert skipped["context"]["unmet"] == ["recent care teams"]
