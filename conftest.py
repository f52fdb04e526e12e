"""Root conftest: loads the harness plugin (browser, timings, timeouts, shards), the evidence recorder,
staging mode and every step definition."""

pytest_plugins = [
    "harness.browser",  # before harness.plugin, which imports it
    "harness.plugin",
    "harness.artifacts",
    "harness.accessibility.plugin",  # where the saved axe results go (reports/accessibility/)
    # what assistive technology is told (wraps pytest-playwright's `context`; the evidence reads it)
    "harness.accessibility.announcements",
    "harness.timing",
    "harness.timeouts",
    "harness.shard",
    "harness.evidence.plugin",
    "harness.staging.plugin",
    "harness.rum",  # after staging: its `context` wraps the staging one (intake interception, --rum-forward)
    "steps",
    "harness.cohort",  # the rollout cohort (option and session fixtures) steps/rollout.py uses
    "steps.rollout",
]
