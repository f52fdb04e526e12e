@curated_on @recent_on @errors @mock_only
Feature: Error handling
  When the API fails, patients see the right message and lose nothing they typed. A failed send
  keeps the form; a failed draft save says so; if the care teams cannot be loaded the patient stays
  in the inbox; if the recent-message search fails they go straight to select care team.

  @send @a11y @req:ERROR-1 @req:SEND-1 @req:METRIC-1 @req:A11Y-1
  Scenario Outline: A failed send shows why and keeps the message
    Given a patient <patient> who messaged 2 care teams in the last 6 months
    And sending a message fails with <fault>
    When they start a message to a <kind> care team
    And they write a message
    And they send the message
    Then they see the error "<message>"
    And the error is announced to screen readers
    And what they typed is kept
    And no message was sent
    And the dashboard counts the failed send
    And the "send error" state has no accessibility violations

    Examples:
      | patient            | kind          | fault             | message                                              |
      | with VistA care teams only | VistA         | a server error    | We’re sorry. Something went wrong on our end.        |
      | with VistA and Oracle Health care teams | VistA         | a gateway timeout | We’re sorry. Something went wrong on our end.        |
      | with VistA care teams only | VistA         | SM119             | You are blocked from sending messages to this recipient. |
      | with VistA and Oracle Health care teams | VistA         | SM151             | You are blocked from sending messages to this recipient. |
      | with Oracle Health care teams only | Oracle Health | SM98              | We’re sorry. Something went wrong on our end.        |

  @send @req:ERROR-1 @req:SEND-1
  Scenario Outline: After a failed send, the patient can send the message again
    Given a patient who messaged 1 care team in the last 6 months
    And sending a message fails once with <fault>
    When they start a message to their most recent care team
    And they write a message
    And they send the message
    Then they see the error "We’re sorry. Something went wrong on our end."
    And what they typed is kept
    When they send the message again
    Then they see that the message was sent
    And the message reached the care team they chose
    And the first send was refused and the second sent the same message, once

    Examples:
      | fault             |
      | a server error    |
      | a gateway timeout |

  @send @req:ERROR-1 @req:SEND-1
  Scenario: On a slow network, pressing Send twice sends one message
    Given a patient who messaged 2 care teams in the last 6 months
    And the network is slow when sending
    When they start a message to their most recent care team
    And they write a message
    And they press Send twice
    Then they see that the message was sent
    And exactly one message was sent

  @drafts @req:ERROR-1 @req:DRAFT-1 @req:A11Y-1
  Scenario: A failed draft save says so and keeps the message
    Given a patient who messaged 2 care teams in the last 6 months
    And saving a draft fails
    When they start a message to their most recent care team
    And they write a message
    And they save the draft
    Then they see the error "Failed to save message"
    And the error is announced to screen readers
    And what they typed is kept
    And no draft is saved

  @req:ERROR-1
  Scenario: If the care teams cannot be loaded, the patient stays in the inbox
    Given a patient with care teams
    And loading the care teams fails
    When they open the inbox
    Then they are not offered "Start a new message"
    When they open the interstitial page directly
    Then they land on the inbox

  @req:ERROR-1 @req:RECENT-1
  Scenario: If the recent-message search fails, the patient goes straight to select care team
    Given a patient who messaged 3 care teams in the last 6 months
    And the search for recently messaged care teams fails
    When they start a new message and continue
    Then they see the select care team page

  @contact_list @req:ERROR-1 @req:CONTACT-1
  Scenario: A failed contact list save says so
    Given a patient with a VistA care team who messaged 0 care teams in the last 6 months
    And saving the contact list fails
    When they start a new message and continue
    And they follow the "Update your contact list" link
    And they remove a care team from their contact list and save
    Then they see "We're sorry. We couldn't save your changes. Try saving again."
