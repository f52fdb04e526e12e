"""Evidence over time: the history of runs, flaky scenarios (passed and failed on the same code and seed),
the quarantine and the "no new flaky scenario since the last stage" criterion, through `build` itself."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from harness.evidence import history, quarantine, store
from harness.evidence.build import build
from harness.evidence.record import FeatureRef, ScenarioContext, ScenarioRecord
from harness.evidence.schema import ScenarioJSON
from harness.evidence.summary import Summary

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 12, 7)
NAMES = ("Sends a message", "Saves a draft", "Opens the inbox")


def record(name: str, status: str, seed: int = 1) -> ScenarioJSON:
    return ScenarioRecord(
        f"features/x.feature::{name}",
        name,
        kind="scenario",
        feature=FeatureRef("X", "features/x.feature", 1),
        tags=["smoke"],
        requirements=["A11Y-1"],
        status=status,
        duration_s=1.5,
        seed=seed,
        run_seed=1,
        context=ScenarioContext("mixed", {}, seed),
    ).as_json()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    for name in ("go-no-go.toml", "requirements.toml"):
        shutil.copy(ROOT / name, root / name)
    return root


def run_once(
    tmp_path: Path,
    project: Path,
    when: str,
    statuses: dict[str, str],
    commit: str = "a" * 40,
    stage: str = "B",
    seed: int = 1,
) -> Summary:
    """Record one run (as the plugin would) into a fresh report folder and build it."""
    directory = tmp_path / "evidence"
    store.reset(directory)
    identity = {"date": when, "run_seed": 1, "git": {"commit": commit, "dirty": False}, "env": "mock"}
    store.write_run(directory, identity, {"stage": stage})
    store.write_worker(directory, "main", {}, [record(n, s, seed) for n, s in statuses.items()])
    return build(directory, root=project, today=TODAY)


def all_pass() -> dict[str, str]:
    return dict.fromkeys(NAMES, "passed")


def test_two_runs_show_history_and_one_failure_on_the_same_code_and_seed_is_flaky(
    tmp_path: Path, project: Path
) -> None:
    first = run_once(tmp_path, project, "2026-12-07T10:00:00+00:00", all_pass())
    assert first["history"]["runs"] == 1 and first["history"]["flaky"] == []

    second = run_once(
        tmp_path, project, "2026-12-07T11:00:00+00:00", {**all_pass(), "Saves a draft": "failed"}
    )

    found = second["history"]
    assert found["runs"] == 2
    assert [t["pass_rate"] for t in found["trend"]] == [1.0, pytest.approx(2 / 3)]
    assert found["recent"]["features/x.feature::Saves a draft"] == ["passed", "failed"]
    assert [f["nodeid"] for f in found["flaky"]] == ["features/x.feature::Saves a draft"]
    html = (tmp_path / "evidence" / "index.html").read_text()
    assert "Recent results, oldest first: passed, failed" in html
    assert "Flaky scenarios (1;" in html
    assert len(list(history.default_dir(tmp_path / "evidence").glob("*.json"))) == 2


def test_a_failure_on_other_code_or_another_seed_is_not_flaky(tmp_path: Path, project: Path) -> None:
    run_once(tmp_path, project, "2026-12-07T10:00:00+00:00", all_pass())
    other_code = run_once(
        tmp_path,
        project,
        "2026-12-07T11:00:00+00:00",
        {**all_pass(), "Saves a draft": "failed"},
        commit="b" * 40,
    )
    assert other_code["history"]["flaky"] == []
    other_seed = run_once(
        tmp_path, project, "2026-12-07T12:00:00+00:00", {**all_pass(), "Saves a draft": "failed"}, seed=2
    )
    assert other_seed["history"]["flaky"] == []


def test_newly_flaky_since_the_last_stage_fails_the_stage_that_asks(tmp_path: Path, project: Path) -> None:
    run_once(tmp_path, project, "2026-12-07T10:00:00+00:00", all_pass(), stage="A")
    summary = run_once(
        tmp_path, project, "2026-12-07T11:00:00+00:00", {**all_pass(), "Saves a draft": "failed"}, stage="B"
    )
    judged = {c["id"]: c for c in summary["criteria"]}
    assert summary["history"]["new_flaky"] == ["features/x.feature::Saves a draft"]
    assert judged["new_flaky"]["passed"] is False  # go-no-go.toml: max_new_flaky = 0 from stage B on


def test_a_flaky_scenario_known_before_the_last_stage_is_not_new(tmp_path: Path, project: Path) -> None:
    flaky_run = {**all_pass(), "Saves a draft": "failed"}
    run_once(tmp_path, project, "2026-12-07T09:00:00+00:00", all_pass(), stage="A")
    run_once(tmp_path, project, "2026-12-07T10:00:00+00:00", flaky_run, stage="A")
    summary = run_once(tmp_path, project, "2026-12-07T11:00:00+00:00", flaky_run, stage="B")
    assert [f["nodeid"] for f in summary["history"]["flaky"]] == ["features/x.feature::Saves a draft"]
    assert summary["history"]["new_flaky"] == []
    assert summary["history"]["since"] == "2026-12-07T10:00:00+00:00"


def history_entry(run: str, code: str) -> history.Entry:
    """A run with no scenarios: keeping and replacing entries goes by the run's time alone."""
    return {"run": run, "code": code, "env": "mock", "stage": "A", "verdict": "GO", "scenarios": {},
            "transcripts": {}}  # fmt: skip


def test_the_history_keeps_the_last_20_runs_and_a_rebuild_replaces_its_own_entry(tmp_path: Path) -> None:
    folder = tmp_path / "history"
    for hour in range(23):
        history.save(folder, history_entry(f"2026-12-07T{hour:02d}:00:00", "c" * 40))
    history.save(folder, history_entry("2026-12-07T22:00:00", "d" * 40))
    runs = [item["run"] for item in history.load(folder)]
    assert len(runs) == history.KEEP
    assert runs[0] == "2026-12-07T03:00:00" and runs[-1] == "2026-12-07T22:00:00"
    assert history.load(folder)[-1]["code"] == "d" * 40


def write_quarantine(project: Path, *entries: dict[str, str]) -> None:
    text = "".join(
        "[[quarantine]]\n"
        + "".join(f'{k} = "{v}"\n' if k != "expires" else f"{k} = {v}\n" for k, v in e.items())
        for e in entries
    )
    (project / quarantine.QUARANTINE_FILE).write_text(text)


def entry(scenario: str, expires: str = "2026-12-31") -> dict[str, str]:
    return {"scenario": scenario, "reason": "races", "owner": "sm-qa", "ticket": "T-1", "expires": expires}


def test_a_quarantined_scenario_runs_and_is_reported_but_does_not_decide_the_verdict(
    tmp_path: Path, project: Path
) -> None:
    write_quarantine(project, entry("Saves a*"))
    summary = run_once(
        tmp_path, project, "2026-12-07T10:00:00+00:00", {**all_pass(), "Saves a draft": "failed"}
    )
    judged = {c["id"]: c for c in summary["criteria"]}
    assert judged["failures"]["passed"] is True
    assert any("quarantined" in d and "failed" in d for d in judged["failures"]["details"])
    held = summary["quarantine"][0]["scenarios"]
    assert held == [
        {"nodeid": "features/x.feature::Saves a draft", "name": "Saves a draft", "observed_status": "failed"}
    ]
    html = (tmp_path / "evidence" / "index.html").read_text()
    assert "Quarantined until 2026-12-31" in html


def test_an_expired_quarantine_refuses_the_report(tmp_path: Path, project: Path) -> None:
    write_quarantine(project, entry("Saves a draft", expires="2026-12-01"))
    with pytest.raises(quarantine.QuarantineError, match="expired 2026-12-01"):
        run_once(tmp_path, project, "2026-12-07T10:00:00+00:00", all_pass())


def test_at_most_five_scenarios_are_quarantined(tmp_path: Path, project: Path) -> None:
    write_quarantine(project, *(entry(f"Scenario {n}") for n in range(6)))
    with pytest.raises(quarantine.QuarantineError, match="at most 5"):
        quarantine.load(project / quarantine.QUARANTINE_FILE, TODAY)


def test_an_entry_without_owner_or_ticket_is_refused(project: Path) -> None:
    (project / quarantine.QUARANTINE_FILE).write_text(
        '[[quarantine]]\nscenario = "x"\nexpires = 2026-12-31\n'
    )
    with pytest.raises(quarantine.QuarantineError, match="'reason', 'owner', 'ticket'"):
        quarantine.load(project / quarantine.QUARANTINE_FILE, TODAY)


def test_an_expired_quarantine_fails_the_pytest_run_before_any_test(tmp_path: Path) -> None:
    write_quarantine(tmp_path, entry("Saves a draft", expires="2020-01-01"))
    (tmp_path / "test_x.py").write_text("def test_x():\n    pass\n")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "harness.evidence.plugin",
            "-p",
            "no:cacheprovider",
            str(tmp_path),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        timeout=120,
        check=False,
    )
    assert done.returncode == pytest.ExitCode.USAGE_ERROR
    assert "quarantine expired: 'Saves a draft' (sm-qa, T-1) expired 2020-01-01" in done.stderr


def test_the_project_quarantine_file_loads() -> None:
    assert len(quarantine.load(ROOT / quarantine.QUARANTINE_FILE, TODAY)) <= quarantine.MAX_ENTRIES
