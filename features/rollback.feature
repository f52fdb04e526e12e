@rollout @mock_only @drafts
Feature: Rollback of the curated list flow
  The rollback plan is to turn the curated list flow toggle off. A patient in the middle of a message
  gets the legacy flow at their next page load and keeps the draft they saved; turning the toggle on
  again gives them the curated list flow back.

  @req:ROLLBACK-1
  Scenario: Switching the curated list flow off mid-journey keeps the saved draft
    Given a patient who messaged 2 care teams in the last 6 months
    And the curated list flow is on and the recent recipients toggle is on
    And they have saved a draft on the start message page of the curated list flow
    When the curated list flow is switched off mid-journey
    And they reload the page
    Then they are no longer on the curated list flow
    When they start a new message again
    Then they land on the legacy flow
    And their saved draft is still in their drafts
    When the curated list flow is switched on mid-journey
    And they start a new message again
    Then they land on the curated list flow
