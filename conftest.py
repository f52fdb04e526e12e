"""Root conftest: loads the harness plugin, the evidence recorder, staging mode and every step definition."""

pytest_plugins = [
    "harness.plugin",
    "harness.timing",
    "harness.timeouts",
    "harness.shard",
    "harness.evidence.plugin",
    "harness.staging.plugin",
    "steps",
    "steps.rollout",
    "pytester",  # the harness's own tests (tests/harness) run throwaway pytest projects
]
