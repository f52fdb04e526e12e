@rum
Feature: Datadog RUM collects the new flow as the release plan's dashboard needs it
  The release plan's first go/no-go criterion is "Increasing DD collection to 100% for those users on
  the new flow". Wherever a patient enters the new flow, the app initialises Datadog RUM for the Secure
  Messaging service with every session collected.

  @curated_on @recent_on @staging_safe @req:RUM-2
  Scenario: DD collection is at 100% on every page of the new flow
    Given a patient with recent care teams
    When they open each page of the new flow
    Then Datadog RUM collects 100% of the sessions of "va.gov-mhv-secure-messaging" on each of them

  @curated_on @recent_on @staging_safe @req:RUM-1
  Scenario: Continuing from the interstitial is one RUM click on the interstitial, read from the intake
    Given the feature toggles the signed-in patient gets
    When they open the interstitial and continue
    Then RUM recorded the click "Continue to start message button on Interstitial Page" on the interstitial page
    And RUM recorded no action for the tracked elements they did not touch

  @curated_on @recent_on @drafts @send @req:RUM-1
  Scenario: Every tracked control of the compose form keeps its RUM name
    Given a patient with care teams
    When they start a message to one of their care teams
    And they write a message
    And they click each tracked control of the compose form once
    Then RUM recorded exactly one action of its real name for each tracked control they clicked

  @curated_on @recent_on @staging_safe @req:KEYBOARD-1 @req:RUM-1
  Scenario: The leave-page warning closes with Escape, gives focus back and is counted
    Given a patient with a VistA care team and no recent care teams
    When they start a message to a VistA care team
    And they write only a subject
    And they go back
    And they try to go back
    Then they are warned "We can't save this message yet" before leaving
    When they close the leave-page warning with Escape
    Then the leave-page warning is closed and focus is back on the Back link
    And RUM recorded the action "Navigation Warning Modal Closed"

  @curated_on @recent_on @staging_safe @req:KEYBOARD-1 @req:RUM-1
  Scenario: The leave-page warning closes with its close button, from the keyboard, and is counted
    Given a patient with a VistA care team and no recent care teams
    When they start a message to a VistA care team
    And they write only a subject
    And they go back
    And they try to go back
    Then they are warned "We can't save this message yet" before leaving
    When they close the leave-page warning with its close button
    Then the leave-page warning is closed and focus is back on the Back link
    And RUM recorded the action "Navigation Warning Modal Closed"

  @curated_on @recent_on @req:KEYBOARD-1 @req:RUM-1
  Scenario Outline: The delete-draft dialog closes with <key>, gives focus back and is counted
    Given a patient with care teams
    When they start a message to one of their care teams
    And they write a message
    And they ask to delete the draft
    And they close the delete-draft dialog with <key>
    Then the delete-draft dialog is closed and focus is back on the Delete draft button
    And RUM recorded the action "Delete this draft? Modal Closed"

    Examples:
      | key              |
      | Escape           |
      | its close button |

  @curated_on @recent_on @attachments @req:KEYBOARD-1 @req:RUM-1
  Scenario Outline: The dialog about files in a draft closes with <key>, gives focus back and is counted
    Given a patient with care teams
    When they start a message to one of their care teams
    And they write a message
    And they attach a small text file
    And they save the draft
    Then they are told files are not saved in a draft
    When they close the dialog about files in a draft with <key>
    Then the dialog about files in a draft is closed and focus is back on the Save draft button
    And no draft is saved
    And RUM recorded the action "Navigation Warning Modal Closed"

    Examples:
      | key              |
      | Escape           |
      | its close button |
