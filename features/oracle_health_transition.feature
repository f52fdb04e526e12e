@curated_on @recent_on @oracle_health_migration
Feature: Patients whose care moves to Oracle Health are told what that means for messages
  While a VA health facility moves to Oracle Health, patients cannot message its care teams for a few
  days. Select care team warns them before (with the dates), tells them during the move, and says
  nothing once it is over. Oracle Health patients also see a hint that their care-team list changed,
  at most three times, until they choose to stop it.

  @staging_safe @a11y @req:MIGRATION-1 @req:A11Y-1
  Scenario Outline: The migration alert on select care team follows the move
    Given a <patient> patient who messaged 0 care teams in the last 6 months
    When they start a new message and continue
    Then they see the select care team page
    And they see <alert> about the move to Oracle Health
    And they can still choose one of their allowed care teams
    And the "<state>" state has no accessibility violations

    @migrating_before
    Examples: Before the move
      | patient          | alert                            | state                                 |
      | migrating_before | a warning with the dates         | select care team, before the move, opened |

    @migrating_during
    Examples: During the move
      | patient          | alert                            | state                                 |
      | migrating_during | an error naming the facility     | select care team, during the move     |

    @migrating_after
    Examples: After the move
      | patient         | alert                            | state                                 |
      | migrating_after | no alert                         | select care team, after the move      |

  @oracle_health_only @ipe @mock_only @a11y @req:IPE-1 @req:A11Y-1
  Scenario: An Oracle Health patient sees the care-team hint the first time
    Given a patient with Oracle Health care teams only who messaged 0 care teams in the last 6 months
    And they have not seen the care-team hint before
    When they start a new message and continue
    Then they see the care-team hint
    And the hint counts this view
    And the "select care team, care-team hint" state has no accessibility violations

  @oracle_health_only @ipe @mock_only @req:IPE-1
  Scenario: An Oracle Health patient who saw the hint three times does not see it a fourth time
    Given a patient with Oracle Health care teams only who messaged 0 care teams in the last 6 months
    And they have seen the care-team hint 3 times
    When they start a new message and continue
    Then they do not see the care-team hint
    And the hint is put away for good

  @oracle_health_only @ipe @mock_only @req:IPE-1
  Scenario: An Oracle Health patient can stop the hint, and what they chose stays chosen
    Given a patient with Oracle Health care teams only who messaged 0 care teams in the last 6 months
    And they have not seen the care-team hint before
    When they start a new message and continue
    And they choose an Oracle Health care team
    And they stop showing the hint
    Then they do not see the care-team hint
    And the hint is put away for good
    And the care team they chose is still chosen
