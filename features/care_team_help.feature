@curated_on @recent_on @care_team_help
Feature: Care team help
  Patients who cannot find their care team learn why and what to do. VistA patients are pointed to
  their contact list; Oracle Health patients learn that care team names may appear different.

  @staging_safe @a11y @req:HELP-1 @req:LINK-3 @req:A11Y-1
  Scenario Outline: The help fits the patient's care systems
    Given a <patient> patient who messaged 0 care teams in the last 6 months
    When they start a new message and continue
    And they follow the "Learn what to do if you can’t find your care team" link
    Then they see the care team help page
    And the page says "You may not find your care team for these reasons:"
    And the page says "<reason>"
    And the page <contact> the link "Update your contact list"
    And the page has no accessibility violations

    @vista
    Examples: VistA
      | patient    | reason                                 | contact         |
      | vista_only | You removed them from your contact list | offers          |

    @oracle_health
    Examples: Oracle Health
      | patient            | reason                          | contact         |
      | oracle_health_only | Their name may appear different | does not offer  |

    @mixed
    Examples: Mixed
      | patient | reason                          | contact |
      | mixed   | Their name may appear different | offers  |

  @staging_safe @req:HELP-1
  Scenario: Back from the help returns to select care team
    Given a vista_only patient who messaged 0 care teams in the last 6 months
    When they start a new message and continue
    And they follow the "Learn what to do if you can’t find your care team" link
    And they go back
    Then they see the select care team page
