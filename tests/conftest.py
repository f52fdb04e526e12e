"""The project's own tests: pytester (throwaway pytest projects) is registered here, for sessions that
collect from tests/, and never in the root conftest that QA's scenarios load.

Not `pytest_plugins = ["pytester"]`: a plain `pytest --help` reads this conftest too (testpaths names
tests/), and pytester's options (--runpytest, --lsof) would then show in QA's help. A session starting is
what needs it; `--help` starts none. Options registered this late take their defaults.
"""

import pytest

STARTS_FIRST = "starts_first"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{STARTS_FIRST}: a long test (a nested run of the scenarios); scheduled before the rest so that the "
        "short tests fill the other worker while it runs, instead of it running alone at the end",
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Longest first: with `-n 2` the staging proof alone is about half the other tests' time; run last,
    it left a core idle for minutes. Stable, so every xdist worker collects the same order."""
    items.sort(key=lambda item: item.get_closest_marker(STARTS_FIRST) is None)


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.pluginmanager.import_plugin("pytester")
