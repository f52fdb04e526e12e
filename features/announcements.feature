@curated_on @recent_off @a11y
Feature: What a screen reader user hears
  Many patients of this flow use a screen reader. Each page of the flow announces where they are, and
  what the flow tells them with words on the screen (what is missing, that the draft was saved, that the
  send failed, "Message sent") is also told to their screen reader, when it happens.

  @staging_safe @req:KEYBOARD-1 @req:A11Y-1
  Scenario: Each page of the flow is announced by its heading
    Given a patient with a VistA care team
    When they start a new message
    Then they hear the page heading
    When they continue
    Then they see the select care team page
    And they hear the page heading
    When they choose a VistA care team
    And they continue
    Then they see the start message page
    And they hear the page heading

  @staging_safe @req:COMPOSE-1 @req:A11Y-1
  Scenario: What is missing is heard when Send is pressed
    Given a patient with care teams
    When they start a message to one of their care teams
    And they send the message
    Then they are told to fill in what is missing
    And they hear each error shown on the form

  @drafts @req:DRAFT-1 @req:A11Y-1
  Scenario: A saved draft is heard
    Given a patient with care teams
    When they start a message to one of their care teams
    And they write a message
    And they save the draft
    Then they are told the draft was saved
    And they hear "Your message was saved"

  @send @errors @mock_only @req:ERROR-1 @req:A11Y-1
  Scenario: A failed send is heard
    Given a patient with care teams
    And sending a message fails with a server error
    When they start a message to one of their care teams
    And they write a message
    And they send the message
    Then they hear "We’re sorry. Something went wrong on our end."
    And what they typed is kept

  @send @req:SEND-1 @req:KEYBOARD-1 @req:A11Y-1
  Scenario: "Message sent" is heard, and focus moves on from the Send button
    Given a patient with care teams
    When they start a message to one of their care teams
    And they write a message
    And they send the message
    Then they see that the message was sent
    And they hear "Message sent"
    And they are not left on the Send button
