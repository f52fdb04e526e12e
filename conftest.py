"""Root conftest: the harness plugin (which registers its subsystems in a visible order, harness/plugin.py)
and every step definition (steps/__init__.py)."""

import pytest

# Before either is imported: pytest's assertion rewriting covers every module of both packages.
pytest.register_assert_rewrite("harness", "steps")

pytest_plugins = ["harness.plugin", "steps"]
