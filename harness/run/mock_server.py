"""The mock server as the harness sees it: one per xdist worker, with its control client."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mocks.client import MockClient  # imported when a mock starts: start-up stays light


@dataclass
class WorkerMock:
    """`.url` and `.client` (a `mocks.client.MockClient`), per CONTRACTS.md §5."""

    url: str
    client: MockClient
    _stop: Callable[[], None] | None = field(default=None, repr=False)

    def stop(self) -> None:
        if self._stop is not None:
            self._stop()


def start_worker_mock(external_url: str | None = None) -> WorkerMock:
    """Start the mock in this process on a free port, or attach to one already running at external_url."""
    from mocks.client import MockClient

    if external_url:
        return WorkerMock(url=external_url.rstrip("/"), client=MockClient(external_url.rstrip("/")))
    from mocks.server import start_server

    running = start_server()
    return WorkerMock(url=running.url, client=MockClient(running.url), _stop=running.stop)
