@curated_on @colour
Feature: Errors and alerts without colour
  Some patients of this flow cannot tell red from green or see no colour at all. Whatever the flow marks
  in red (a field left empty, a send that failed, a care team they cannot message) also says what is
  wrong in words or with an icon (WCAG 1.4.1, use of colour).

  @recent_off @staging_safe @req:COMPOSE-1 @req:A11Y-1
  Scenario: Without colour, the errors of a message sent with fields missing still say what is wrong
    Given a patient with care teams
    When they start a message to one of their care teams
    And they send the message
    Then they are told to fill in what is missing
    And without colour, every error and alert still says what is wrong

  @recent_off @staging_safe @req:SELECT-1 @req:A11Y-1
  Scenario: Without colour, the error for a care team not chosen still says what is wrong
    Given a patient with care teams
    When they go on to select care team
    And they continue without choosing a care team
    Then they are asked to "Select a care team"
    And without colour, every error and alert still says what is wrong

  @recent_off @blocked @staging_safe @req:BLOCKED-1 @req:A11Y-1
  Scenario: Without colour, the alert naming a blocked care team still says it
    Given a patient with one blocked care team
    When they start a new message and continue
    Then they see the select care team page
    And they are told which care teams they cannot send messages to
    And without colour, every error and alert still says what is wrong

  @recent_off @send @errors @mock_only @req:ERROR-1 @req:A11Y-1
  Scenario: Without colour, a failed send still says what went wrong
    Given a patient with care teams
    And sending a message fails with a server error
    When they start a message to one of their care teams
    And they write a message
    And they send the message
    Then they see the error "We’re sorry. Something went wrong on our end."
    And without colour, every error and alert still says what is wrong

  @recent_on @recent @staging_safe @req:RECENT-1 @req:A11Y-1
  Scenario: Without colour, the error for a recent care team not chosen still says what is wrong
    Given a patient who messaged 2 care teams in the last 6 months
    When they start a new message and continue
    And they continue without choosing a care team
    Then they are asked to "Select a care team"
    And without colour, every error and alert still says what is wrong
