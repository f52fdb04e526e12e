"""Root conftest: loads the harness plugin, the evidence recorder, staging mode and every step definition."""

pytest_plugins = [
    "harness.plugin",
    "harness.evidence.plugin",
    "harness.staging.plugin",
    "harness.rum",  # after staging: its `context` wraps the staging one (intake interception, --rum-forward)
    "steps",
    "steps.rollout",
    "pytester",  # the harness's own tests (tests/harness) run throwaway pytest projects
]
