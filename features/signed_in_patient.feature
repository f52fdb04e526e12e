@curated_on @staging_safe @signed_in
Feature: The flow for whoever is signed in
  Staging's test patients are whoever they are. These scenarios read what to expect from the care
  teams, recent care teams and toggles the app received, so they hold for any patient: on the mock,
  on VA's fixture folders and in staging before each rollout stage.

  @req:TOGGLE-1 @req:RECENT-1 @a11y @req:A11Y-1
  Scenario: Continuing from the interstitial leads where their recent care teams say
    Given a patient with care teams
    When they start a new message and continue
    Then they see the first page their recent care teams call for
    And the page has no accessibility violations

  @recent_on @req:RECENT-1
  Scenario: Recent care teams are theirs, most recent first, at most four, each with its care system
    Given a patient with recent care teams
    When they start a new message and continue
    Then they are offered their recent care teams, if they have any

  @req:SELECT-1 @req:LINK-2 @req:CONTACT-1 @a11y @req:A11Y-1
  Scenario: Select care team offers their care systems and, per care system, only allowed care teams
    Given a patient with care teams
    When they go on to select care team
    Then the care system chooser fits their care systems
    And every care system with care teams is offered
    And each care system offers its allowed care teams and never a blocked one
    And the contact list link is offered exactly when they have VistA care teams
    And the page has no accessibility violations
