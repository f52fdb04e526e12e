@curated_on @recent_on @blocked
Feature: Patients with blocked care teams, or none, are told why they cannot message them
  Blocked care teams are never offered. On select care team the patient is told which care teams they
  cannot send messages to (one care team, several, or a whole care system) and how to find their VA
  health facility. Patients who cannot message anyone are told so wherever they try to write, keep the
  page they asked for, and are not offered "Start a new message".

  @staging_safe @a11y @req:BLOCKED-1 @req:A11Y-1
  Scenario Outline: A patient with some blocked care teams is told which ones and can still write to the others
    Given a <patient> patient who messaged 0 care teams in the last 6 months
    When they start a new message and continue
    Then they see the select care team page
    And they are told which care teams they cannot send messages to
    And they are offered a way to find their VA health facility
    And they can still choose one of their allowed care teams
    And the "<state>" state has no accessibility violations

    @one_team_blocked
    Examples: One care team blocked
      | patient          | state                              |
      | one_team_blocked | select care team, one team blocked |

    @several_teams_blocked
    Examples: Several care teams blocked
      | patient               | state                                   |
      | several_teams_blocked | select care team, several teams blocked |

    @system_blocked
    Examples: A whole care system blocked
      | patient        | state                                  |
      | system_blocked | select care team, care system blocked |

  @staging_safe @req:BLOCKED-1
  Scenario: Care teams removed from the contact list are not named as blocked
    Given a patient with one blocked care team and a care team removed from their contact list
    When they go on to select care team
    Then they see the select care team page
    And they are told which care teams they cannot send messages to
    And the care teams they removed from their contact list are not counted as blocked

  @all_blocked @staging_safe @a11y @req:BLOCKED-1 @req:A11Y-1
  Scenario: A patient whose care teams are all blocked is told so in the inbox and cannot start a message there
    Given an all_blocked patient
    When they open the inbox
    Then they are told they cannot send messages to their care teams
    And they are not offered "Start a new message"
    And the "inbox, every care team blocked" state has no accessibility violations

  @all_blocked @staging_safe @a11y @req:BLOCKED-1 @req:A11Y-1
  Scenario: Opening start message directly, a patient whose care teams are all blocked stays there and is told why
    Given an all_blocked patient
    When they open the start message page directly
    Then they are told they cannot send messages to their care teams
    And they stay on the start message address
    And no message form is offered
    And the "start message, every care team blocked" state has no accessibility violations

  @not_connected @staging_safe @a11y @req:BLOCKED-1 @req:A11Y-1
  Scenario: Opening start message directly, a patient with no care teams stays there and is told why
    Given a not_connected patient
    When they open the start message page directly
    Then they are told they are not connected to any care teams
    And they stay on the start message address
    And no message form is offered
    And the "start message, no care teams" state has no accessibility violations

  @not_connected @curated_off @legacy @staging_safe @a11y @req:BLOCKED-1 @req:LEGACY-1
  Scenario: In the legacy flow, a patient with no care teams is told so at "Start a new message"
    Given a not_connected patient
    When they open the interstitial page directly
    Then they are told they are not connected to any care teams
    And they stay on the interstitial address
    And no message form is offered
    And the "legacy start a new message, no care teams" state has no accessibility violations

  @staging_safe @req:BLOCKED-1
  Scenario: What a patient typed is kept when they go back to a care team they can message
    Given a one_team_blocked patient who messaged 0 care teams in the last 6 months
    When they start a message to one of their care teams
    And they write a message
    And they select a different care team
    Then they are told which care teams they cannot send messages to
    When they go back to start message with a VistA care team
    Then what they typed is kept
