@curated_on @recent_on @start_message @drafts
Feature: Drafts: the dialogs on the way, and what the dashboard counts
  Deleting a draft asks first; each answer (delete, cancel, or closing the dialog) is counted on the
  release plan's dashboard under the real app's names. A draft never holds files: saving one with files
  attached asks first, and each answer there is counted too.

  @mock_only @rum @req:RUM-1 @req:DRAFT-1
  Scenario: Each answer in the delete-draft dialog is counted on the dashboard
    Given a patient with care teams
    When they start a message to one of their care teams
    And they write a message
    And they save the draft
    Then a draft is created
    When they ask to delete the draft
    And they cancel deleting the draft
    Then RUM recorded the action "Cancel Delete Draft Button"
    When they ask to delete the draft
    And they close the delete-draft dialog
    Then RUM recorded the action "Delete this draft? Modal Closed"
    When they ask to delete the draft
    And they confirm
    Then RUM recorded the action "Confirm Delete Draft Button"
    And the draft is deleted

  @mock_only @rum @attachments @req:RUM-1 @req:DRAFT-1 @req:ATTACH-1
  Scenario: Saving a draft with a file asks first, and each answer is counted on the dashboard
    Given a patient with care teams
    When they start a message to one of their care teams
    And they write a message
    And they attach a small text file
    And they save the draft
    Then they are told files are not saved in a draft
    When they choose to go on editing the draft
    Then no draft is saved
    And RUM recorded the click "Edit draft button - Can't save with attachments modal"
    When they save the draft
    And they choose to save the draft without attachments
    Then a draft is created
    And the file they attached is still there
    And RUM recorded the click "Save draft without attachments button - Can't save with attachments modal"
