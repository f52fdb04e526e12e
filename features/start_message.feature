@curated_on @recent_on @start_message
Feature: Start message: write, save drafts and send
  On start message, patients see who they are writing to, write a category, subject and message,
  and send it. After 10 seconds without typing the message is saved as a draft; later changes update
  that draft, and sending it sends the draft.

  @mock_only @send @smoke @req:SEND-1 @req:COMPOSE-1
  Scenario Outline: A message reaches the care team the patient chose
    Given a patient <patient> who messaged 2 care teams in the last 6 months
    When they start a message to a <kind> care team
    Then the message is addressed to the care system and care team they chose
    When they write a <category> message
    And they send the message
    Then they see that the message was sent
    And "Message sent" is announced to screen readers
    And they land on the inbox
    And the message reached the care team they chose

    @vista
    Examples: VistA
      | patient    | kind  | category    |
      | with VistA care teams only | VistA | General     |

    @oracle_health
    Examples: Oracle Health
      | patient            | kind          | category    |
      | with Oracle Health care teams only | Oracle Health | Medication  |

    @mixed
    Examples: Mixed
      | patient | kind          | category    |
      | with VistA and Oracle Health care teams | Oracle Health | Appointment |
      | with VistA and Oracle Health care teams | VistA         | Test        |

  @mock_only @drafts @send @req:DRAFT-1 @req:SEND-1 @req:METRIC-1
  Scenario: Autosave after 10 idle seconds, update, then send the draft
    Given a patient with a VistA care team who messaged 2 care teams in the last 6 months
    And time in the browser is controlled
    When they start a message to a VistA care team
    And they type a message
    And they stop typing for 10 seconds
    Then the app saves the draft once for that pause
    And a draft is created
    And they are told the draft was saved
    When they type a different message
    And they stop typing for 10 seconds
    Then the app saves the draft once for that pause
    And the draft is updated
    When they send the message
    Then they see that the message was sent
    And the message reached the care team they chose
    And the dashboard counts the drafts and the send

  @mock_only @drafts @a11y @req:DRAFT-1 @req:A11Y-1
  Scenario: Save a draft by hand, then delete it
    Given a patient who messaged 2 care teams in the last 6 months
    When they start a message to their most recent care team
    And they write a message
    And they save the draft
    Then a draft is created
    And they are told the draft was saved
    And screen readers are told the draft was saved
    And the "draft saved" state has no accessibility violations
    When they ask to delete the draft
    Then they are asked to confirm deleting the draft
    And the "delete draft dialog open" state has no accessibility violations
    When they confirm
    Then the draft is deleted

  @staging_safe @a11y @req:COMPOSE-1 @req:A11Y-1
  Scenario: Sending an empty message asks for what is missing
    Given a patient with care teams
    When they start a message to one of their care teams
    And they send the message
    Then they are told to fill in what is missing
    And no message was sent
    And the "start message with errors" state has no accessibility violations

  @staging_safe @req:COMPOSE-1 @req:LINK-4
  Scenario: Back on start message returns to select care team, keeping the care team
    Given a patient with a VistA care team
    When they start a message to a VistA care team
    And they go back
    Then they see the select care team page
    And the care team they chose is still chosen

  @signature_required @staging_safe @req:COMPOSE-1
  Scenario: Care teams that need a signature ask for one
    Given a patient with a care team that requires a signature
    When they start a message to a signature-required care team
    Then they are asked for an electronic signature

  @mock_only @send @signature_required @req:COMPOSE-1 @req:SEND-1
  Scenario: A signed message reaches the care team with the electronic signature
    Given a patient with a care team that requires a signature
    When they start a message to a signature-required care team
    Then they are asked for an electronic signature
    When they write a message
    And they sign the message electronically
    And they send the message
    Then they see that the message was sent
    And the message reached the care team they chose
    And the message carries their electronic signature

  @mock_only @drafts @signature_required @req:DRAFT-1 @req:COMPOSE-1
  Scenario: A draft to a care team that needs a signature is saved without the signature
    Given a patient with a care team that requires a signature
    And time in the browser is controlled
    When they start a message to a signature-required care team
    And they write a message
    And they sign the message electronically
    And they stop typing for 10 seconds
    Then the app saves the draft once for that pause
    And a draft is created

  @staging_safe @req:COMPOSE-1
  Scenario: The subject holds at most 50 characters
    Given a patient with care teams
    When they start a message to one of their care teams
    And they type a subject longer than 50 characters
    Then the subject keeps its first 50 characters

  @mock_only @send @req:SEND-1 @req:KEYBOARD-1 @req:A11Y-1
  Scenario: After a send, focus is on the inbox heading and screen readers hear the message was sent
    The "Message sent" alert takes no focus: the folder the patient returns to puts it on its heading,
    and the alert's hidden live region says the message was sent once focus has settled.
    Given a patient with a VistA care team
    When they start a message to a VistA care team
    And they write a message
    And they send the message
    Then they land on the inbox
    And screen readers are told "Message sent" once focus settles
    And keyboard focus is on the page heading
    And the page offers the link "Review your sent messages"
