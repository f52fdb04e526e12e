"""The `base_url` fixture, as its own plugin module.

pytest-playwright registers a fallback `base_url` fixture while the conftests load, i.e. after our
plugin; the later registration wins. Registering this module from `pytest_configure` puts ours last.
"""

from __future__ import annotations

import pytest

from harness.run.mock_server import WorkerMock
from harness.run.options import HarnessOptions


@pytest.fixture(scope="session")
def base_url(harness_options: HarnessOptions, request: pytest.FixtureRequest) -> str:
    """The mock's URL in mock mode; --base-url in staging mode."""
    if harness_options.staging:
        return (harness_options.base_url or "").rstrip("/")
    mock: WorkerMock = request.getfixturevalue("mock_server")
    return mock.url
