"""The project's own tests: pytester (throwaway pytest projects) is registered here, for sessions that
collect from tests/, and never in the root conftest that QA's scenarios load.

Not `pytest_plugins = ["pytester"]`: a plain `pytest --help` reads this conftest too (testpaths names
tests/), and pytester's options (--runpytest, --lsof) would then show in QA's help. A session starting is
what needs it; `--help` starts none. Options registered this late take their defaults.
"""

import pytest


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.pluginmanager.import_plugin("pytester")
