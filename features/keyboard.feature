@curated_on @recent_on @keyboard
Feature: Keyboard-only journey
  A patient who cannot use a mouse reaches every control with Tab and works it with Enter, Space,
  the arrow keys and typing, from the inbox to "Message sent".

  @mock_only @send @req:KEYBOARD-1
  Scenario: From the inbox to "Message sent" through select care team, by keyboard
    Given a patient with a VistA care team who can message care teams at 2 to 5 care systems and no recent care teams
    When they open their inbox
    And using only the keyboard they start a new message and continue
    Then they see the select care team page
    When using only the keyboard they choose a VistA care team at another care system and continue
    Then they see the start message page
    And the message is addressed to the care system and care team they chose
    When using only the keyboard they write and send a message
    Then they see that the message was sent
    And the message reached the care team they chose

  @mock_only @send @req:KEYBOARD-1
  Scenario: From the inbox to "Message sent" through recent care teams, by keyboard
    Given a patient who messaged 3 care teams in the last 6 months
    When they open their inbox
    And using only the keyboard they start a new message and continue
    Then they see the recent care teams page
    When using only the keyboard they choose their most recent care team and continue
    Then they see the start message page
    When using only the keyboard they write and send a message
    Then they see that the message was sent
    And the message reached the care team they chose

  @staging_safe @req:KEYBOARD-1
  Scenario: From the inbox to a focused Send button, by keyboard, without sending
    Given a patient with care teams
    When they open their inbox
    And using only the keyboard they start a new message and continue
    And using only the keyboard they reach start message with one of their care teams
    Then they see the start message page
    And keyboard focus is on the page heading
    And the message is addressed to the care system and care team they chose
    When using only the keyboard they write a message and move to Send
    Then the Send button has keyboard focus
    And what they typed is kept

