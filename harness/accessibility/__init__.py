"""Accessibility checks: axe-core through axe-playwright-python, the VA ruleset, waivers and reports.

Scenarios use the `a11y` fixture (`scan`, `assert_clean`); nothing else imports axe directly.
"""
