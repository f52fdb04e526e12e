"""Root conftest: loads the harness plugin (browser, timings, timeouts, shards), the evidence recorder,
staging mode and every step definition."""

pytest_plugins = [
    "harness.run.browser",  # before harness.plugin, which imports it
    "harness.plugin",
    "harness.run.artifacts",
    "harness.accessibility.plugin",  # where the saved axe results go (reports/accessibility/)
    # what assistive technology is told (wraps pytest-playwright's `context`; the evidence reads it)
    "harness.accessibility.announcements",
    "harness.run.timing",
    "harness.run.timeouts",
    "harness.run.shard",
    "harness.evidence.plugin",
    "harness.staging.plugin",
    "harness.rum",  # after staging: its `context` wraps the staging one (intake interception, --rum-forward)
    "steps",
    "harness.rollout.cohort",  # the rollout cohort (option and session fixtures) steps/rollout.py uses
    "steps.rollout",
]
