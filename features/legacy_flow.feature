@curated_off @legacy
Feature: Legacy flow when the curated list flow is off
  With the curated list toggle off (before rollout, or after a rollback), "Start a new message"
  shows the interstitial and then the legacy form with an in-page "To" list, and the curated pages
  do not exist.

  @staging_safe @a11y @req:LEGACY-1 @req:ROLLBACK-1 @req:A11Y-1
  Scenario Outline: The legacy form offers the patient's care teams
    Given a patient <patient> who messaged 2 care teams in the last 6 months
    When they start a new message and continue
    Then they see the legacy start message page
    And the legacy form offers every allowed care team
    And the page has no accessibility violations

    @vista
    Examples: VistA
      | patient    |
      | with a VistA care team |

    @mixed
    Examples: Mixed
      | patient |
      | with VistA and Oracle Health care teams |

  @mock_only @send @req:LEGACY-1
  Scenario: A message sent from the legacy form reaches the care team
    Given a patient with a VistA care team who messaged 2 care teams in the last 6 months
    When they start a new message and continue
    And they choose a VistA care team from the legacy list
    And they write a message
    And they send the message
    Then they see that the message was sent
    And the message reached the care team they chose

  @staging_safe @req:LEGACY-1 @req:ROLLBACK-1
  Scenario: Curated flow pages do not exist with the toggle off
    Given a patient with care teams
    When they open the recent care teams page directly
    Then they see the page not found page
    When they open the select care team page directly
    Then they see the page not found page
    When they open the start message page directly
    Then they see the page not found page
    When they open the care team help page directly
    Then they see the page not found page

  @blocked @staging_safe @a11y @req:LEGACY-1 @req:BLOCKED-1 @req:A11Y-1
  Scenario Outline: In the legacy flow, a patient with blocked care teams is told which ones above the To list
    Given a <patient> patient who messaged 0 care teams in the last 6 months
    When they start a new message and continue
    Then they see the legacy start message page
    And they are told which care teams they cannot send messages to
    And the blocked care teams are named above the care team list
    And the legacy form offers every allowed care team
    And the "<state>" state has no accessibility violations

    @several_teams_blocked
    Examples: Several care teams blocked
      | patient               | state                                 |
      | several_teams_blocked | legacy form, several teams blocked    |

    @system_blocked
    Examples: A whole care system blocked
      | patient        | state                              |
      | system_blocked | legacy form, care system blocked   |
