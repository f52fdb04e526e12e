"""One process's share of an evidence run: whether recording is on, where it goes, what was recorded.

The controller also starts the run on disk (identity, options, a clean raw folder) and, at the end,
builds the report from every process's file, the same way `python -m harness.evidence build` does.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any

import pytest

from harness.evidence import history, screenshots, store
from harness.evidence.identity import run_identity
from harness.evidence.record import ScenarioRecord
from harness.evidence.redact import redact_text
from harness.evidence.schema import FactsJSON
from harness.evidence.summary import Summary
from harness.run.options import options_of
from harness.run.shard import shard_of
from harness.staging.pool import pool_of


def recording_requested(config: pytest.Config) -> bool:
    return options_of(config).evidence.requested


def _under_root(config: pytest.Config, path: str) -> Path:
    return Path(path) if Path(path).is_absolute() else Path(config.rootpath) / path


def evidence_dir(config: pytest.Config) -> Path:
    """Where the report goes (`--evidence-dir`; its default where this plugin is not loaded)."""
    return _under_root(config, options_of(config).evidence.directory)


def history_dir(config: pytest.Config) -> Path:
    """Where earlier runs are kept (`--evidence-history`, else a folder beside the report)."""
    kept = options_of(config).evidence.history
    return _under_root(config, kept) if kept else history.default_dir(evidence_dir(config))


class EvidenceRun:
    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.enabled = recording_requested(config)
        self.workerinput: dict[str, Any] | None = getattr(config, "workerinput", None)
        self.worker = self.workerinput["workerid"] if self.workerinput else "main"
        # A run token in every file name lets shards' raw files be copied into one directory and merged.
        self.run_token = (self.workerinput or {}).get("evidence_run") or uuid.uuid4().hex[:8]
        self.directory = evidence_dir(config)
        self.history_dir = history_dir(config)
        self.screenshots = options_of(config).evidence.screenshots
        self.stage = options_of(config).evidence.stage
        self.gate = options_of(config).evidence.gate
        # The harness's options reader works without the rest of the harness (defaults for what is absent).
        self.options = options_of(config)
        self.records: list[ScenarioRecord] = []
        self.facts: FactsJSON = {
            "browser": None,
            "axe_version": None,
            "base_url": None,
            "run_seed": self.options.seed,
        }
        self.baseline: dict[str, Any] | None = None
        self.summary: Summary | None = None
        self.build_error: str | None = None

    @property
    def is_controller(self) -> bool:
        return self.workerinput is None

    def start(self) -> None:
        """Controller only: read the --compare baseline, clear the raw folder, write run.json."""
        compare = options_of(self.config).evidence.compare
        if compare:  # read now: the old summary may be in the directory this run overwrites
            try:
                self.baseline = json.loads(Path(compare).read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                raise pytest.UsageError(f"--compare {compare}: not a readable summary.json ({exc})") from exc
        store.reset(self.directory)
        identity = run_identity(
            Path(self.config.rootpath), self.options.env, self.options.base_url, self.options.seed
        )
        identity["command"] = " ".join(["pytest", *self.config.invocation_params.args])
        identity["shard"] = shard_of(self.config)  # `python -m harness.evidence merge` checks the set
        store.write_run(self.directory, identity, {"stage": self.stage, "gate": self.gate})
        if self.baseline is not None:
            store.write_json(self.directory / "baseline-summary.json", self.baseline)

    def count_collected(self, scenario_ids: list[str]) -> None:
        """The node ids of every scenario collected, before -m, -k, the staging selection or a shard drop
        any: the staging-coverage criterion's denominator. Each process collects the same selection, so
        the build takes their union."""
        self.facts["scenarios_collected"] = scenario_ids

    def record_pool(self) -> None:
        """Controller only: each staging test user's label and patient in words into run.json (never the
        patient's name, id or cookies). A mock run has no pool and records nothing."""
        if not (self.enabled and self.is_controller):
            return
        pool = pool_of(self.config)
        if not pool:
            return
        users = [{"name": redact_text(user.name), "shape": redact_text(user.shape)} for user in pool]
        store.update_identity(self.directory, staging_pool=users)

    def write(self, under_xdist: bool) -> None:
        """This process's records; an xdist controller that ran nothing itself writes no empty file."""
        for error in screenshots.flush():  # thumbnails are written off the scenarios' critical path
            self.facts.setdefault("screenshot_errors", []).append(error)
        if self.records or not (self.is_controller and under_xdist):
            records = [record.as_json() for record in self.records]
            store.write_worker(self.directory, f"{self.worker}-{self.run_token}", self.facts, records)

    def build(self) -> bool:
        """Controller only: the report from every process's file. True when the gate must fail."""
        from harness.evidence.build import build  # the renderer's imports are paid only at the end

        try:
            self.summary = build(
                self.directory,
                stage=self.stage,
                baseline=self.baseline,
                today=dt.datetime.now(dt.UTC).date(),
                history_dir=self.history_dir,
            )
        except Exception as exc:
            self.build_error = f"{type(exc).__name__}: {exc}"
        return self.build_error is not None or (
            self.summary is not None and self.summary["verdict"] == "NO-GO"
        )
