"""Step definitions and a feature shared by the collector tests (written into pytester projects)."""

CONFTEST = """
import pytest
from pytest_bdd import given, parsers, then, when

pytest_plugins = ["harness.plugin"]


@given(parsers.parse("a {profile} patient"), target_fixture="profile")
def _(profile):
    return profile


@when("they start a new message")
def _():
    pass


@then(parsers.parse("they see {count:d} care teams"))
def _(count, profile):
    assert count <= 4, f"{profile} patient offered {count} care teams"


@then("the requirement is recorded")
def _(request):
    assert request.node.get_closest_marker("req").args == ("SELECT-1",)


@then("the scenario seed is printed")
def _(scenario_seed, request):
    print(f"SEED {request.node.nodeid} {scenario_seed}")
"""

FEATURE = """@curated_on
Feature: Select care team
  Patients pick the care team to message.

  @req:SELECT-1 @smoke
  Scenario: A patient picks a care team
    Given a vista_only patient
    When they start a new message
    Then they see 3 care teams
    And the requirement is recorded

  @a11y
  Scenario Outline: Care teams per profile
    Given a <patient> patient
    When they start a new message
    Then they see <count> care teams

    @oracle_health
    Examples:
      | patient            | count |
      | oracle_health_only | 2     |
      | mixed              | 4     |

  Scenario: Seeds are per scenario
    Given a mixed patient
    Then the scenario seed is printed
"""
