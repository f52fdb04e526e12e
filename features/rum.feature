@rum
Feature: Datadog RUM collects the new flow as the release plan's dashboard needs it
  The release plan's first go/no-go criterion is "Increasing DD collection to 100% for those users on
  the new flow". Wherever a patient enters the new flow, the app initialises Datadog RUM for the Secure
  Messaging service with every session collected.

  @curated_on @recent_on @staging_safe @req:RUM-2
  Scenario: DD collection is at 100% on every page of the new flow
    Given a patient with care teams
    When they open each page of the new flow
    Then Datadog RUM collects 100% of the sessions of "va.gov-mhv-secure-messaging" on each of them

  @curated_on @recent_on @staging_safe @req:RUM-1
  Scenario: Continuing from the interstitial is one RUM click on the interstitial, read from the intake
    Given the feature toggles the signed-in patient gets
    When they open the interstitial and continue
    Then RUM recorded the click "Continue to start message button on Interstitial Page" on the interstitial page
    And RUM recorded no action for the tracked elements they did not touch
