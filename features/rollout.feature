@rollout
Feature: Staged rollout of the curated list flow
  The release plan turns the curated list flow and the recent recipients toggle on for a growing
  percentage of patients: 5%, 25%, 50%, 75%, then 100%. Flipper buckets each patient by a hash of
  their account, so a patient's flow is decided by the stage alone, stays the same on every visit,
  and never falls back to the legacy flow while the percentage rises.

  @mock_only @req:ROLLOUT-1
  Scenario Outline: Rollout stage <stage> puts <percentage> of patients on the curated list flow
    Given a cohort of patients
    And the rollout is at the stage before <stage>
    When the rollout rises to stage <stage> at <percentage>
    Then every patient in the cohort gets the flow the Flipper rule gives them
    And the cohort's share on the curated list flow is within tolerance of <percentage>
    And every patient keeps the same flow on a second visit
    And no patient was taken off the curated list flow by the rise

    Examples:
      | stage | percentage |
      | A     | 5%         |
      | B     | 25%        |
      | C     | 50%        |
      | D     | 75%        |
      | E     | 100%       |

  @mock_only @req:ROLLOUT-1 @interstitial
  Scenario: Patients of the cohort see their flow's pages in the browser at stage C
    Given a cohort of patients
    And the rollout is at stage C
    When 3 patients of the cohort, on different flows, start a new message
    Then each of them sees the pages of the flow the Flipper rule gives them

  @mock_only @req:ROLLOUT-1 @req:ROLLBACK-1
  Scenario: Rolled back from stage E to 0%, no patient keeps the curated list flow
    Given a cohort of patients
    And the rollout is at stage E
    When the curated list flow is rolled back to 0%
    Then no patient in the cohort gets the curated list flow
    And every patient keeps the same flow on a second visit

  @staging_safe @req:STAGING-1 @interstitial @a11y
  Scenario: The interstitial leads to the flow the live feature toggles give the signed-in patient
    Given the feature toggles the signed-in patient gets
    When they open the interstitial and continue
    Then they land on the first page of the flow those toggles give
    And the interstitial and that page have no accessibility violations
