"""Run the mock with uvicorn: in a background thread for tests (`start_server`) or in the foreground (CLI)."""

import socket
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from mocks.api import MockConfig, create_app
from mocks.api.flipper import Gates

STARTUP_TIMEOUT_S = 20.0


@dataclass
class RunningServer:
    url: str
    server: uvicorn.Server
    thread: threading.Thread

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def build_config(
    profile: str = "mixed",
    seed: int = 0,
    recent_teams: int | None = None,
    fixtures: str | Path | None = None,
    toggles: dict[str, Gates] | None = None,
    control: bool = True,
    require_sign_in: bool = False,
    defects: list[str] | None = None,
    fixtures_users: Mapping[str, str | Path] | None = None,
) -> MockConfig:
    return MockConfig(
        profile=profile,
        seed=seed,
        recent_teams=recent_teams,
        fixtures_dir=Path(fixtures) if fixtures else None,
        toggles=dict(toggles or {}),
        control=control,
        require_sign_in=require_sign_in,
        defects=list(defects or []),
        fixtures_users={name: Path(folder) for name, folder in (fixtures_users or {}).items()},
    )


def start_server(
    config: MockConfig | None = None, *, port: int = 0, host: str = "127.0.0.1", access_log: bool = False
) -> RunningServer:
    """Start uvicorn in a daemon thread; return once the port answers. port=0 picks a free port.
    The mock's settings come from `build_config` (the defaults when none are given)."""
    app = create_app(config or build_config())
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    bound_port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=access_log, lifespan="off"))
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, daemon=True, name=f"mock-server-{bound_port}"
    )
    thread.start()
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError(f"mock server did not start on {host}:{bound_port}")
        time.sleep(0.01)
    return RunningServer(f"http://{host}:{bound_port}", server, thread)
