@curated_on @recent_on @start_message @attachments
Feature: Attachments on start message
  Patients can attach files to a new message within the limits: up to 4 files, 6 MB each and 10 MB in
  all; with large attachments on, up to 10 files, 25 MB each and 25 MB in all, and more file types.
  A file that breaks a limit is not attached and the patient is told why; nothing they typed is lost.

  @staging_safe @a11y @req:ATTACH-1 @req:A11Y-1
  Scenario: The attachment field states the limits that apply
    Given a patient with care teams
    When they start a message to one of their care teams
    Then the attachment field states the limits that apply to them
    And the "start message, attachments" state has no accessibility violations

  @staging_safe @a11y @req:ATTACH-1 @req:A11Y-1
  Scenario: A file over the size limit is refused with the reason, and the message typed is kept
    Given a patient with care teams
    When they start a message to one of their care teams
    And they write a message
    And they attach a file just over the size limit
    Then they are told the file is too large for the limit that applies to them
    And what they typed is kept
    And the "start message, file too large" state has no accessibility violations
    When they attach a small text file
    Then the file is attached without an error

  @staging_safe @req:ATTACH-1
  Scenario: With large attachments on, a 7 MB file is attached
    Given a patient with care teams
    And large attachments are on
    When they start a message to one of their care teams
    And they attach a 7 MB file
    Then the file is attached without an error
    And the attachment field states the limits that apply to them

  @mock_only @send @req:ATTACH-1 @req:SEND-1
  Scenario: A message with an attachment reaches the care team with the file
    Given a patient who messaged 1 care team in the last 6 months
    When they start a message to one of their care teams
    And they write a General message
    And they attach a small text file
    And they send the message
    Then they see that the message was sent
    And the message reached the care team they chose with the file attached

  @mock_only @send @errors @req:ATTACH-1 @req:ERROR-1
  Scenario: A file the scanner rejects is flagged on the file, and the message is kept
    Given a patient with care teams
    And the file scanner rejects the attachments they send
    When they start a message to one of their care teams
    And they write a message
    And they attach a small text file
    And they send the message
    Then they are told on the file that the file scanner found a problem with it
    And what they typed is kept
    And no message was sent

  @mock_only @send @req:ATTACH-1 @req:SEND-1
  Scenario: With large attachments on, sending tells the patient not to refresh the page
    Given a patient with care teams
    And large attachments are on
    And the network is slow when sending
    When they start a message to one of their care teams
    And they write a message
    And they attach a small text file
    And they send the message
    Then while it sends they are told not to refresh the page
    And they see that the message was sent

  @staging_safe @req:ATTACH-1
  Scenario: Files that together pass the total size limit are refused as the one that crosses it is added
    Given a patient with care teams
    When they start a message to one of their care teams
    And they write a message
    And they attach 2 files within the size limit that leave 1 MB of the total size limit
    Then the files are attached without an error
    When they attach a file 1 byte larger than what is left of the total size limit
    Then they are told the files together are too large for the limit that applies to them
    And the file that crosses the total size limit is not attached
    And the file they attached is still there
    And what they typed is kept
    When they attach a file 1 byte smaller than what is left of the total size limit
    Then the file is attached without an error
    And the file they attached is still there

  @staging_safe @req:ATTACH-1
  Scenario: With large attachments on, files that together pass 25 MB are refused as the one that crosses it is added
    Given a patient with care teams
    And large attachments are on
    When they start a message to one of their care teams
    And they attach 2 files within the size limit that leave 1 MB of the total size limit
    Then the files are attached without an error
    When they attach a file 1 byte larger than what is left of the total size limit
    Then they are told the files together are too large for the limit that applies to them
    And the file that crosses the total size limit is not attached
    When they attach a file 1 byte smaller than what is left of the total size limit
    Then the file is attached without an error
    And the file they attached is still there
