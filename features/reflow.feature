@curated_on @recent_on @reflow
Feature: Small screens
  At 320 CSS pixels wide (WCAG 1.4.10 reflow), every page of the flow fits the screen without
  scrolling sideways.

  @staging_safe @req:REFLOW-1
  Scenario: Every page of the flow reflows at 320 pixels
    Given a patient with a VistA care team who messaged 2 care teams in the last 6 months
    When they use a screen 320 pixels wide
    And they start a new message
    Then the page fits the screen without horizontal scrolling
    When they continue
    Then they see the recent care teams page
    And the page fits the screen without horizontal scrolling
    When they choose "A different care team"
    And they continue
    Then they see the select care team page
    And the page fits the screen without horizontal scrolling
    When they follow the "Learn what to do if you can’t find your care team" link
    Then the page fits the screen without horizontal scrolling
    When they go back
    And they choose a VistA care team
    And they continue
    Then they see the start message page
    And the page fits the screen without horizontal scrolling

  @staging_safe @a11y @req:REFLOW-1 @req:A11Y-1
  Scenario: Zoomed in to 200% and 400%, and with wider text spacing, every page of the flow keeps its content
    Given a patient with a VistA care team who messaged 2 care teams in the last 6 months
    When they start a new message
    Then zoomed in, the page reflows with nothing hidden, clipped or out of reach
    When they continue
    Then they see the recent care teams page
    And zoomed in, the page reflows with nothing hidden, clipped or out of reach
    When they choose "A different care team"
    And they continue
    Then they see the select care team page
    And zoomed in, the page reflows with nothing hidden, clipped or out of reach
    When they follow the "Learn what to do if you can’t find your care team" link
    Then zoomed in, the page reflows with nothing hidden, clipped or out of reach
    When they go back
    And they choose a VistA care team
    And they continue
    Then they see the start message page
    And zoomed in, the page reflows with nothing hidden, clipped or out of reach
