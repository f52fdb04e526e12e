@interstitial
Feature: Interstitial before a new message
  Before writing, patients read that messages are only for non-urgent needs and how to get urgent
  help. Continuing leads to recent care teams when they have any, otherwise to select care team;
  with the curated list flow off, patients get the legacy form instead.

  @curated_on @recent_on @smoke @a11y @staging_safe @req:TOGGLE-1 @req:A11Y-1
  Scenario: The interstitial explains messages are for non-urgent needs
    Given a patient with care teams
    When they start a new message
    Then they see the interstitial page
    And keyboard focus is on the page heading
    And the page has no accessibility violations

  @staging_safe @req:TOGGLE-1 @req:RECENT-1
  Scenario Outline: Where continuing leads, for every toggle state and kind of patient
    Given a patient <patient> who messaged 2 care teams in the last 6 months
    And the curated list flow is <curated> and the recent recipients toggle is <recent>
    When they start a new message and continue
    Then they see the <next> page

    @vista
    Examples: VistA
      | patient    | curated | recent | next                 |
      | with a VistA care team | on      | on     | recent care teams    |
      | with a VistA care team | on      | off    | select care team     |
      | with a VistA care team | off     | on     | legacy start message |
      | with a VistA care team | off     | off    | legacy start message |

    @oracle_health
    Examples: Oracle Health
      | patient            | curated | recent | next                 |
      | with an Oracle Health care team | on      | on     | recent care teams    |
      | with an Oracle Health care team | on      | off    | select care team     |
      | with an Oracle Health care team | off     | on     | legacy start message |
      | with an Oracle Health care team | off     | off    | legacy start message |

    @mixed
    Examples: Mixed
      | patient | curated | recent | next                 |
      | with VistA and Oracle Health care teams | on      | on     | recent care teams    |
      | with VistA and Oracle Health care teams | on      | off    | select care team     |
      | with VistA and Oracle Health care teams | off     | on     | legacy start message |
      | with VistA and Oracle Health care teams | off     | off    | legacy start message |

    Examples: Many care systems or one
      | patient       | curated | recent | next              |
      | who can message care teams at 6 or more care systems | on      | on     | recent care teams |
      | who can message care teams at 6 or more care systems | on      | off    | select care team  |
      | who can message care teams at one care system | on      | on     | recent care teams |
      | who can message care teams at one care system | on      | off    | select care team  |

  @curated_on @recent_on @staging_safe @req:TOGGLE-1
  Scenario: Patients without recent care teams go straight to select care team
    Given a patient with care teams and no recent care teams
    When they start a new message and continue
    Then they see the select care team page
    And the Back link leads to the interstitial page

  @curated_on @recent_on @staging_safe @req:TOGGLE-1 @req:ERROR-1
  Scenario Outline: Flow pages opened directly show the interstitial first
    A bookmark, a typed address or a reload starts the app afresh, so nothing was accepted yet: recent
    care teams and select care team send the patient to the interstitial, start message shows it in
    place. (Care team help is not guarded by the app.)
    Given a patient with care teams
    When they open the <page> page directly
    Then they see the interstitial page

    Examples:
      | page              |
      | recent care teams |
      | select care team  |
      | start message     |

  @curated_on @recent_on @staging_safe @req:TOGGLE-1
  Scenario Outline: Flow pages open with or without the trailing slash
    The app's router treats "/new-message/select-care-team" and "/new-message/select-care-team/" alike,
    as VA's own tests type them.
    Given a patient with care teams
    When they open the <page> page directly, <form> the trailing slash
    Then they see the <shown> page

    Examples:
      | page              | form    | shown          |
      | interstitial      | without | interstitial   |
      | interstitial      | with    | interstitial   |
      | recent care teams | without | interstitial   |
      | select care team  | without | interstitial   |
      | select care team  | with    | interstitial   |
      | start message     | without | interstitial   |
      | care team help    | without | care team help |
      | care team help    | with    | care team help |

  @curated_on @recent_on @staging_safe
  Scenario: Back on the interstitial returns to the inbox
    Given a patient with care teams
    When they start a new message
    And they go back
    Then they land on the inbox

  @curated_on @recent_on @staging_safe @req:ERROR-1
  Scenario: Start message opened directly shows the interstitial with Back to select care team
    A bookmark of start message shows the interstitial in its place. The Back link above it is the one
    start message has, so it leads to select care team, which sends a patient who has not continued yet
    back to the interstitial.
    Given a patient with care teams
    When they open the start message page directly
    Then they see the interstitial page
    And the Back link points to the select care team address

  @curated_on @recent_on @staging_safe @rum @req:RUM-1
  Scenario Outline: The Veterans Crisis Line button is one RUM click, named for where it is
    The dashboard tells the interstitial's Veterans Crisis Line button from the one inside the
    emergency note by their RUM action names.
    Given a patient with care teams
    When they open the Veterans Crisis Line <place>
    Then RUM recorded the click "<name>" on the <page> page

    Examples:
      | place                                     | name                                   | page             |
      | on the interstitial                       | Connect with the VCL Button            | interstitial     |
      | in the emergency note on select care team | Connect with the VCL Button - in alert | select care team |
