@curated_on @recent_on @rum @links
Feature: Tracked links and RUM actions
  The release plan tracks four controls on the rollout dashboard. Each must lead where it says, be
  announced by its name, and record its Datadog RUM click action: once per click, on the page it was
  clicked on, and nothing for the tracked controls the patient did not touch (RUM as Datadog's SDK
  records it, read from the intake).

  @staging_safe @req:LINK-1 @req:RUM-1
  Scenario: The care system radio buttons are named and tracked
    Given a patient with a VistA care team who can message care teams at 2 to 5 care systems
    When they go on to select care team
    Then the care system radio buttons are named after the care systems
    And the care system radio buttons are tracked as "Care System Radio button"
    When they choose the care system of a VistA care team
    Then RUM recorded the click "Care System Radio button" on the select care team page
    And RUM recorded no action for the tracked elements they did not touch
    And only that care system's allowed care teams are offered

  @staging_safe @req:LINK-1 @req:RUM-1
  Scenario: Each care system chosen is one RUM click
    Given a patient who can message care teams at 2 to 5 care systems
    When they go on to select care team
    And they choose each of their care systems in turn
    Then RUM recorded one click "Care System Radio button" on the select care team page for each care system they chose
    And RUM recorded no action for the tracked elements they did not touch

  @staging_safe @req:LINK-2 @req:RUM-1
  Scenario: "Update your contact list" leads to the contact list and is tracked
    Given a patient with a VistA care team
    When they go on to select care team
    And they follow the "Update your contact list" link
    Then they see the contact list page
    And the link led to the contact list address
    And RUM recorded the click "Update your contact list"
    And RUM recorded no action for the tracked elements they did not touch

  @staging_safe @req:LINK-3 @req:RUM-1
  Scenario: "Can't find your care team" leads to the care team help and is tracked
    Given a patient with care teams
    When they go on to select care team
    And they follow the "Learn what to do if you can’t find your care team" link
    Then they see the care team help page
    And the link led to the care team help address
    And RUM recorded the click "Learn what to do if you can’t find your care team"
    And RUM recorded no action for the tracked elements they did not touch

  @staging_safe @req:LINK-4 @req:RUM-1
  Scenario: "Select a different care team" keeps the message, leads back and is tracked
    Given a patient with a VistA care team who messaged 2 care teams in the last 6 months
    When they start a message to their most recent care team
    And they write a message
    And they follow the "Select a different care team" link
    Then they see the select care team page
    And the link led to the select care team address
    And RUM recorded the click "Select a different care team link"
    And RUM recorded no action for the tracked elements they did not touch
    When they go back to start message with a VistA care team
    Then the message is addressed to the care system and care team they chose
    And the message they typed is kept
