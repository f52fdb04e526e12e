@curated_on @recent_on @a11y
Feature: Accessibility of every page state
  Every state a patient can reach passes axe-core with the VA ruleset plus WCAG 2.2 AA and colour
  contrast: pages, error states, open dialogs and expanded notes. States scanned in the other
  features (recent and select care team with errors, send errors, drafts, help, contact list,
  legacy form) are not repeated here.

  @mock_only @req:A11Y-1
  Scenario: Start message, its emergency note and "Message sent" are accessible
    Given a patient who messaged 2 care teams in the last 6 months
    When they start a message to their most recent care team
    Then keyboard focus is on the page heading
    And the "start message" state has no accessibility violations
    When they open the emergency note
    Then the page says "3 business days"
    And the "start message with the emergency note open" state has no accessibility violations
    When they write a message
    And they send the message
    Then they see that the message was sent
    And they land on the inbox
    And the "message sent" state has no accessibility violations

  @staging_safe @req:A11Y-1
  Scenario: The leave-page warning is accessible
    Given a patient with a VistA care team and no recent care teams
    When they start a message to a VistA care team
    And they write only a subject
    And they go back
    Then they see the select care team page
    When they try to go back
    Then they are warned "We can't save this message yet" before leaving
    And the "leave-page warning open" state has no accessibility violations
    When they choose to keep editing
    Then the warning closes and they stay on the page

  @staging_safe @req:A11Y-1
  Scenario: The page-not-found state is accessible
    Given a patient with care teams
    When they open the interstitial page directly
    And they open a page that does not exist
    Then they see the page not found page
    And the page has no accessibility violations
