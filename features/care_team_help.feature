@curated_on @recent_on @care_team_help
Feature: Care team help
  Patients who cannot find their care team learn why and what to do. VistA patients are pointed to
  their contact list; Oracle Health patients learn that care team names may appear different.

  @staging_safe @a11y @req:HELP-1 @req:LINK-3 @req:A11Y-1
  Scenario Outline: The help fits the patient's care systems
    Given a patient <patient>
    When they go on to select care team
    And they follow the "Learn what to do if you can’t find your care team" link
    Then they see the care team help page
    And the help gives the reasons that fit their care systems
    And the page has no accessibility violations

    @vista
    Examples: VistA
      | patient    |
      | with VistA care teams only |

    @oracle_health
    Examples: Oracle Health
      | patient            |
      | with Oracle Health care teams only |

    @mixed
    Examples: Mixed
      | patient |
      | with VistA and Oracle Health care teams |

  @staging_safe @req:HELP-1
  Scenario: Back from the help returns to select care team
    Given a patient with care teams
    When they go on to select care team
    And they follow the "Learn what to do if you can’t find your care team" link
    And they go back
    Then they see the select care team page
