"""Failure artifacts stay (a trace of actions, network and sources; a screenshot); a passing test leaves
none. The costly parts (DOM snapshots, screencast) are recorded only with `--tracing on`."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, tracing: str) -> tuple[list[str], str]:
    """Run a passing and a failing page test; the kept artifacts and the text of the kept trace."""
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    pytester.makeini(
        f"[pytest]\naddopts = -p no:cacheprovider --tracing {tracing} --screenshot only-on-failure\n"
    )
    pytester.makeconftest(
        """
        import pytest
        from harness.run.artifacts import kept_on_failure
        from harness.run.browser import CHROMIUM_ARGS, chromium_executable

        # As in the project: the artifacts plugin, composed into `context` as harness/plugin.py does.
        pytest_plugins = ["harness.run.artifacts"]

        @pytest.fixture(scope="session")
        def browser_type_launch_args(browser_type_launch_args):
            path = chromium_executable(None, None)
            return {**browser_type_launch_args, "executable_path": str(path), "args": CHROMIUM_ARGS}

        @pytest.fixture
        def context(context, request):
            with kept_on_failure(context, request):
                yield context
        """
    )
    pytester.makepyfile(
        test_pages="""
        def test_passes(page):
            page.set_content("<h1>fine</h1>")
            assert page.inner_text("h1") == "fine"

        def test_fails(page):
            page.set_content("<h1>broken</h1>")
            assert page.inner_text("h1") == "fine"
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:randomly", "-p", "no:xdist")
    result.assert_outcomes(passed=1, failed=1)
    output = pytester.path / "test-results"
    kept = sorted(p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file())
    trace = next(path for path in output.rglob("trace.zip") if "test-fails" in path.as_posix())
    with zipfile.ZipFile(trace) as archive:
        text = "".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
                       if name.endswith(".trace"))  # fmt: skip
    return kept, text


def test_only_the_failing_test_keeps_a_trace_and_a_screenshot(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept, text = _run(pytester, monkeypatch, "retain-on-failure")
    assert all("test-fails" in path for path in kept), kept
    assert any(path.endswith("trace.zip") for path in kept), kept
    assert any(path.endswith(".png") for path in kept), kept
    assert '"type":"before"' in text and '"type":"after"' in text  # every action, with its timing
    assert "frame-snapshot" not in text  # DOM snapshots: about a sixth of the suite's time
    assert "screencast-frame" not in text  # no film strip either


def test_tracing_on_records_dom_snapshots_for_a_rerun(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, text = _run(pytester, monkeypatch, "on")
    assert "frame-snapshot" in text  # what the trace viewer shows per action
