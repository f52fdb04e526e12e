"""Failure artifacts stay (trace with DOM snapshots, screenshot); a passing test leaves and writes none."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_only_the_failing_test_keeps_a_trace_and_a_screenshot(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    pytester.makeini(
        "[pytest]\naddopts = -p no:cacheprovider --tracing retain-on-failure --screenshot only-on-failure\n"
    )
    pytester.makeconftest(
        """
        import pytest
        from harness.browser import CHROMIUM_ARGS, chromium_executable

        # As in the project: a conftest plugin loads after pytest-playwright, so its fixtures override.
        pytest_plugins = ["harness.artifacts"]

        @pytest.fixture(scope="session")
        def browser_type_launch_args(browser_type_launch_args):
            path = chromium_executable(None, None)
            return {**browser_type_launch_args, "executable_path": str(path), "args": CHROMIUM_ARGS}
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
    assert all("test-fails" in path for path in kept), kept
    assert any(path.endswith("trace.zip") for path in kept), kept
    assert any(path.endswith(".png") for path in kept), kept
    trace = next(output.rglob("trace.zip"))
    with zipfile.ZipFile(trace) as archive:
        text = "".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
                       if name.endswith(".trace"))  # fmt: skip
    assert "frame-snapshot" in text  # DOM snapshots, what the trace viewer shows per action
    assert "screencast-frame" not in text  # no film strip: the costly part of tracing
