"""Which Chromium launches: --browser-path, $CHROMIUM_PATH, Debian's, Playwright's, else a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.run import browser

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def no_debian(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(browser, "DEBIAN_CHROMIUM", tmp_path / "absent-chromium")
    monkeypatch.setattr(browser, "DEBIAN_HEADLESS_SHELL", tmp_path / "absent-headless-shell")
    monkeypatch.delenv(browser.CHROMIUM_PATH_ENV, raising=False)


def fake_binary(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.write_text("#!/bin/sh\n")
    return path


def test_option_wins_over_environment(
    tmp_path: Path, no_debian: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(browser.CHROMIUM_PATH_ENV, str(fake_binary(tmp_path, "env-chromium")))
    option = fake_binary(tmp_path, "option-chromium")
    assert browser.chromium_executable(str(option), None) == option


def test_environment_is_used(tmp_path: Path, no_debian: None, monkeypatch: pytest.MonkeyPatch) -> None:
    env = fake_binary(tmp_path, "env-chromium")
    monkeypatch.setenv(browser.CHROMIUM_PATH_ENV, str(env))
    assert browser.chromium_executable(None, None) == env


def test_a_missing_configured_path_is_an_error(tmp_path: Path, no_debian: None) -> None:
    with pytest.raises(pytest.UsageError, match=r"--browser-path .*: no such file"):
        browser.chromium_executable(str(tmp_path / "nope"), None)


def test_playwright_own_browser_when_no_debian(tmp_path: Path, no_debian: None) -> None:
    assert browser.chromium_executable(None, str(fake_binary(tmp_path, "pw-chrome"))) is None


def test_no_browser_at_all_says_how_to_get_one(no_debian: None) -> None:
    with pytest.raises(pytest.UsageError, match=r"No Chromium found\. Install Debian.s"):
        browser.chromium_executable(None, "/nonexistent/chrome")


def test_debian_headless_shell_is_the_default_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(browser.CHROMIUM_PATH_ENV, raising=False)
    if not browser.DEBIAN_HEADLESS_SHELL.is_file():
        pytest.skip("no Debian chromium-headless-shell on this machine")
    assert browser.chromium_executable(None, None) == browser.DEBIAN_HEADLESS_SHELL


def test_a_headed_run_gets_the_full_browser(
    tmp_path: Path, no_debian: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The headless shell cannot open a window: --headed and the sign-in helper take Debian's chromium."""
    shell, full = fake_binary(tmp_path, "headless-shell"), fake_binary(tmp_path, "chromium")
    monkeypatch.setattr(browser, "DEBIAN_HEADLESS_SHELL", shell)
    monkeypatch.setattr(browser, "DEBIAN_CHROMIUM", full)
    assert browser.chromium_executable(None, None) == shell
    assert browser.chromium_executable(None, None, headless=False) == full
    assert browser.launch_args({"headless": False}, None, None, None)["executable_path"] == str(full)
    assert browser.launch_args({"headless": True}, None, None, None)["executable_path"] == str(shell)


def test_without_the_shell_headless_runs_take_debian_chromium(
    tmp_path: Path, no_debian: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    full = fake_binary(tmp_path, "chromium")
    monkeypatch.setattr(browser, "DEBIAN_CHROMIUM", full)
    assert browser.chromium_executable(None, None) == full


@pytest.mark.parametrize("engine", ["firefox", "webkit"])
def test_other_engines_are_refused_before_any_browser_starts(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, engine: str
) -> None:
    """pytest-playwright offers --browser firefox|webkit; the harness would give them Chromium's path and
    flags, so the run stops with a usage error, and no test (no browser) runs."""
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    pytester.makepyfile(test_any="def test_never_runs():\n    raise AssertionError('a test ran')\n")
    result = pytester.runpytest_subprocess(
        "-p", "harness.run.browser", "-p", "no:randomly", "--browser", engine
    )
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"ERROR: --browser {engine}: the harness runs Chromium only*"])
    assert "a test ran" not in result.stdout.str()


def test_chromium_and_no_choice_are_accepted() -> None:
    browser.refuse_other_engines([])
    browser.refuse_other_engines(["chromium"])
    with pytest.raises(pytest.UsageError, match=r"--browser webkit: "):
        browser.refuse_other_engines(["chromium", "webkit"])
