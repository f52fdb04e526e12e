@curated_on @recent_on @select_care_team
Feature: Select care team
  Patients choose a care system (radio buttons for 2 to 5, a dropdown for 6 or more, nothing to choose
  for one) and then one of that care system's allowed care teams. Blocked care teams are never offered,
  nor a care system whose care teams are all blocked; only the care systems left are counted.

  @staging_safe @req:SELECT-1
  Scenario Outline: The care system chooser fits the number of care systems
    Given a <patient>
    When they go on to select care team
    Then they see the select care team page
    And the care system is chosen with <chooser>
    And every care system with care teams is offered

    @vista @vista_only
    Examples: VistA
      | patient    | chooser       |
      | patient with a VistA care team who can message care teams at 2 to 5 care systems | radio buttons |

    @oracle_health @oracle_health_only
    Examples: Oracle Health
      | patient            | chooser       |
      | patient with an Oracle Health care team who can message care teams at 2 to 5 care systems | radio buttons |

    @mixed
    Examples: Mixed
      | patient | chooser       |
      | patient with VistA and Oracle Health care teams who can message care teams at 2 to 5 care systems | radio buttons |

    @many_systems
    Examples: Many care systems
      | patient      | chooser    |
      | patient who can message care teams at 6 or more care systems | a dropdown |

    @single_system
    Examples: One care system
      | patient       | chooser   |
      | patient who can message care teams at one care system | no choice |

    @many_systems_one_blocked
    Examples: Six care systems left to message, a seventh blocked
      | patient                  | chooser    |
      | many_systems_one_blocked patient | a dropdown |

  @staging_safe @blocked @req:SELECT-1 @req:BLOCKED-1
  Scenario Outline: A care system whose care teams are all blocked is not offered
    Given a <patient> patient
    When they go on to select care team
    Then they see the select care team page
    And the care system is chosen with <chooser>
    And no care system whose care teams are all blocked is offered
    And every care system with care teams is offered

    @system_blocked
    Examples: A whole care system blocked, radio buttons for the others
      | patient        | chooser       |
      | system_blocked | radio buttons |

    @migrating_during
    Examples: A care system moving to Oracle Health now, its care teams blocked
      | patient          | chooser       |
      | migrating_during | radio buttons |

    @many_systems_one_blocked
    Examples: Six care systems left, a dropdown without the blocked one
      | patient                  | chooser    |
      | many_systems_one_blocked | a dropdown |

    @one_system_left
    Examples: One care system left, nothing to choose
      | patient         | chooser   |
      | one_system_left | no choice |

  @staging_safe @a11y @req:SELECT-1 @req:A11Y-1
  Scenario Outline: Only the chosen care system's allowed care teams are offered
    Given a patient <patient>
    When they go on to select care team
    And they choose the care system of a <kind> care team
    Then only that care system's allowed care teams are offered
    And the care-team field is labelled "Select a care team"
    And the page has no accessibility violations

    Examples:
      | patient      | kind          |
      | with a VistA care team who can message care teams at 2 or more care systems | VistA         |
      | with VistA and Oracle Health care teams who can message care teams at 2 or more care systems | Oracle Health |
      | with a VistA care team who can message care teams at 6 or more care systems | VistA         |

  @staging_safe @req:SELECT-1
  Scenario Outline: With care teams grouped by care system, choosing a care system still narrows the care teams to it
    Given a patient <patient>
    And the care-team grouping toggle is on
    When they go on to select care team
    And they choose the care system of a <kind> care team
    Then the care teams offered under care systems are that care system's allowed care teams only
    And their recent care teams are offered in a group of their own, whatever the care system

    Examples:
      | patient      | kind          |
      | with a VistA care team who can message care teams at 2 to 5 care systems and who messaged 2 care teams in the last 6 months | VistA |
      | with VistA and Oracle Health care teams who can message care teams at 2 or more care systems and who messaged 2 care teams in the last 6 months | Oracle Health |
      | with a VistA care team who can message care teams at 6 or more care systems and who messaged 2 care teams in the last 6 months | VistA |

  @staging_safe @req:SELECT-1
  Scenario: Switching care system clears the chosen care team
    Given a patient with a VistA care team who can message care teams at 2 to 5 care systems
    When they go on to select care team
    And they choose a VistA care team
    And they switch to another care system
    Then no care team is chosen
    When they continue without choosing a care team
    Then they are asked to "Select a care team"
    And they stay on the page

  @staging_safe @a11y @req:SELECT-1 @req:A11Y-1
  Scenario: Continuing without a care team asks for one
    Given a patient with care teams
    When they go on to select care team
    And they continue without choosing a care team
    Then they are asked to "Select a care team"
    And "Select a care team" is announced to screen readers
    And they stay on the page
    And the "select care team with an error" state has no accessibility violations

  @staging_safe @req:SELECT-1 @req:KEYBOARD-1
  Scenario: Continuing without a care team moves focus to the care-team field
    Given a patient with care teams
    When they go on to select care team
    And they continue without choosing a care team
    Then they are asked to "Select a care team"
    And keyboard focus is on the care-team field
    And they stay on the page

  @staging_safe @req:SELECT-1
  Scenario: Care teams are listed in the order of their names in the care-team list
    Given a patient with care teams whose plain-language names sort differently from their names
    When they go on to select care team
    And they choose a care system whose care teams sort differently by plain-language name
    Then the care teams are offered in the order of their names in the care-team list

  @staging_safe @req:LINK-2 @req:CONTACT-1
  Scenario Outline: "Update your contact list" is offered only to patients with VistA care teams
    Given a patient <patient>
    When they go on to select care team
    Then the "Update your contact list" link is <shown>

    Examples:
      | patient            | shown     |
      | with a VistA care team | shown     |
      | with VistA and Oracle Health care teams | shown     |
      | with Oracle Health care teams only | not shown |

  @all_blocked @staging_safe @a11y @req:SELECT-1
  Scenario: Patients whose care teams are all blocked are told so
    Given an all_blocked patient
    When they open the interstitial page directly
    And they continue
    Then they see the select care team page
    And they are told they cannot send messages to their care teams
    And they are told their care teams are blocked
    And the "all care teams blocked" state has no accessibility violations

  @no_associations @staging_safe @req:SELECT-1
  Scenario: Patients with no care teams stay in the inbox
    Given a no_associations patient
    When they open the inbox
    Then they are not offered "Start a new message"
    When they open the interstitial page directly
    Then they land on the inbox

  @migrating @staging_safe @req:SELECT-1
  Scenario: A patient whose care system is moving to Oracle Health can still message a care team
    Given a migrating patient
    When they start a message to one of their care teams
    Then they see the start message page
    And the message is addressed to the care system and care team they chose
