"""Step definitions, grouped by domain; registering this package registers them all.

pytest-bdd keeps each step as a fixture in the module that defines it, so every module is listed
here as a plugin (the root conftest names only this package).
"""

pytest_plugins = [
    "steps.state",
    "steps.backend",
    "steps.navigation",
    "steps.care_teams",
    "steps.compose",
    "steps.api",
    "steps.rum",
    "steps.accessibility",
    "steps.keyboard",
    "steps.care_team_states",
    "steps.attachments",
    "steps.assistive",
    "steps.colour",  # Issue 22, colour and second engine
    "steps.rollout",  # uses the rollout cohort's fixtures (harness/rollout/cohort.py)
]
