@curated_on @recent
Feature: Recent care teams
  Patients who messaged care teams in the last 6 months can pick one of them without searching the
  full list. At most four recent care teams are offered, most recent first, each with its care system.

  @recent_on @staging_safe @req:RECENT-1
  Scenario Outline: At most four recent care teams are offered
    Given a patient <patient> who messaged exactly <count> care teams in the last 6 months
    When they start a new message and continue
    Then they see the recent care teams page
    And it offers <shown> recent care teams and "A different care team"
    And each recent care team shows its care system

    @vista
    Examples: VistA
      | patient    | count | shown |
      | with a VistA care team | 1     | 1     |

    @oracle_health
    Examples: Oracle Health
      | patient            | count | shown |
      | with an Oracle Health care team | 4     | 4     |

    @mixed
    Examples: Mixed
      | patient | count | shown |
      | with VistA and Oracle Health care teams | 3     | 3     |
      | with VistA and Oracle Health care teams | 6     | 4     |

  @recent_on @staging_safe @req:RECENT-1
  Scenario: Recent care teams come from the sent messages of the last 6 months
    Given a patient who messaged 3 care teams in the last 6 months
    When they start a new message and continue
    Then they see the recent care teams page
    And the app searched the sent messages of exactly the last 6 months
    And each recent care team is offered once, most recent first

  @recent_on @mock_only @send @req:RECENT-1
  Scenario: After a send, the care team just messaged is offered first
    Given a patient who messaged 3 care teams in the last 6 months
    When they start a new message and continue
    Then they see the recent care teams page
    And each recent care team is offered once, most recent first
    When they choose their second most recent care team
    And they continue
    And they write a message
    And they send the message
    Then they see that the message was sent
    When they start another new message in the same visit
    Then they see the recent care teams page
    And the care team they sent to is offered first among their recent care teams
    And each recent care team is offered once, most recent first

  @recent_on @staging_safe @a11y @req:RECENT-1 @req:A11Y-1
  Scenario: Continuing without a choice asks for a care team
    Given a patient who messaged 2 care teams in the last 6 months
    When they start a new message and continue
    Then keyboard focus is on the page heading
    And the page has no accessibility violations
    When they continue without choosing a care team
    Then they are asked to "Select a care team"
    And "Select a care team" is announced to screen readers
    And they stay on the page
    And the "recent care teams with an error" state has no accessibility violations

  @recent_on @staging_safe @smoke @req:RECENT-1 @req:COMPOSE-1
  Scenario: A recent care team leads straight to start message
    Given a patient who messaged 3 care teams in the last 6 months
    When they start a new message and continue
    And they choose their most recent care team
    And they continue
    Then they see the start message page
    And the message is addressed to the care system and care team they chose

  @recent_on @staging_safe @req:RECENT-1
  Scenario: "A different care team" leads to select care team, and Back returns
    Given a patient who messaged 2 care teams in the last 6 months
    When they start a new message and continue
    And they choose "A different care team"
    And they continue
    Then they see the select care team page
    And the Back link leads to the recent care teams page

  @recent_off @staging_safe @req:RECENT-1 @req:TOGGLE-1
  Scenario: With the recent recipients toggle off, recent care teams are skipped
    Given a patient who messaged 3 care teams in the last 6 months
    And the recent recipients toggle is off
    When they open the recent care teams page directly
    Then they see the interstitial page
    When they continue
    Then they see the select care team page

  @recent_on @system_blocked @blocked @staging_safe @a11y @req:RECENT-1 @req:BLOCKED-1 @req:A11Y-1
  Scenario: A patient with a whole care system blocked is told so on recent care teams
    Given a system_blocked patient who messaged 2 care teams in the last 6 months
    When they start a new message and continue
    Then they see the recent care teams page
    And they are told which care teams they cannot send messages to
    And they are offered a way to find their VA health facility
    And the "recent care teams, care system blocked" state has no accessibility violations
