"""`python -m mocks serve` for exploring by hand: --help shows the defaults, the toggles and the seeded
defects; `--defect NAME` switches a defect on in every session the served app creates."""

import argparse
import json
from typing import cast

import httpx
import pytest

from mocks.__main__ import main, parser
from mocks.api.toggles import DEFAULTS
from mocks.client import MockClient
from mocks.defects import DEFECTS
from tests.served_mock import served

CONFIG_JS = "/sm-web/config.js"  # the stand-in reads its switched-on defects from here


def serve_help() -> str:
    subcommands = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    serve: argparse.ArgumentParser = subcommands.choices["serve"]
    return serve.format_help()


def test_help_shows_defaults_toggles_and_defects() -> None:
    text = " ".join(serve_help().split())
    assert "--port PORT port to listen on (default: 3000)" in text
    assert "(default: 127.0.0.1)" in text and "seed of the generated patient (default: 0)" in text
    for name, on in DEFAULTS.items():
        assert f"{name} (default {'on' if on else 'off'})" in text
    for name in DEFECTS:
        assert f"{name}: " in text
    assert "--defect NAME" in text


def test_unknown_defect_is_refused_with_the_known_names(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["serve", "--defect", "no_such_defect"])
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert "invalid choice: 'no_such_defect'" in error and "recent_shows_five" in error


def test_defect_needs_the_control_plane(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--defect", "no_h1_focus", "--no-control"]) == 2
    assert "--defect needs the control plane" in capsys.readouterr().err


def stand_in_defects(base: str, session_id: str | None = None) -> list[str]:
    headers = {"X-Mock-Session": session_id} if session_id else {}
    script = httpx.get(base + CONFIG_JS, headers=headers).text
    config = json.loads(script.removeprefix("window.SM_STANDIN_CONFIG = ").rstrip().rstrip(";"))
    return cast(list[str], config["defects"])


def test_served_defects_reach_every_session() -> None:
    with served("--defect", "no_h1_focus", "--defect", "recent_shows_five") as mock:
        wanted = ["no_h1_focus", "recent_shows_five"]
        assert stand_in_defects(mock.url) == wanted  # the default session: a browser without a session cookie
        with MockClient(mock.url) as client:
            created = client.create_session(profile="vista_only", seed=3)
            assert stand_in_defects(mock.url, created.id) == wanted
