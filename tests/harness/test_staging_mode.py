"""--env staging: needs a reachable --base-url, and runs only @staging_safe scenarios."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.harness.steps_fixture import CONFTEST, FEATURE


class Ok(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def staging_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Ok)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def project(harness_project: pytest.Pytester) -> pytest.Pytester:
    harness_project.makeconftest(CONFTEST)
    feature = FEATURE.replace("@req:SELECT-1 @smoke", "@req:SELECT-1 @smoke @staging_safe")
    (harness_project.path / "features" / "select_care_team.feature").write_text(feature)
    return harness_project


def test_staging_needs_a_base_url(project: pytest.Pytester) -> None:
    result = project.runpytest_subprocess("features", "--env", "staging")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--env staging needs --base-url URL*"])


def test_an_unreachable_staging_stops_before_any_scenario(project: pytest.Pytester) -> None:
    result = project.runpytest_subprocess("features", "--env", "staging", "--base-url", "http://127.0.0.1:9")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--base-url http://127.0.0.1:9 is not reachable*"])


def test_staging_runs_only_staging_safe_scenarios(project: pytest.Pytester, staging_url: str) -> None:
    result = project.runpytest_subprocess("features", "--env", "staging", "--base-url", staging_url, "-v")
    result.assert_outcomes(passed=1, deselected=3)
    result.stdout.fnmatch_lines(["*A patient picks a care team PASSED*"])


def test_unknown_seeded_defect_is_refused(project: pytest.Pytester) -> None:
    result = project.runpytest_subprocess("features", "--defect", "no_such_defect")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*unknown seeded defect(s) no_such_defect; known: *recent_shows_five*"])
