@curated_on @recent_on @folders
Feature: Entering the flow from the folder pages
  Patients start a new message from Inbox, Sent or More folders. Back on the first page of the flow
  returns to the folder they came from. Folder pages other than Inbox, Sent and More folders offer a
  Back link to More folders instead of the breadcrumb trail.

  @staging_safe @a11y @req:FOLDERS-1 @req:A11Y-1
  Scenario: Starting a message from More folders, Back returns there
    Given a patient with care teams
    When they open More folders
    Then they are offered "Start a new message"
    And the "more folders" state has no accessibility violations
    When they start a new message from there
    And they go back
    Then they are on More folders

  @staging_safe @req:FOLDERS-1
  Scenario: Drafts offers a Back link to More folders, not the entry link
    Given a patient with care teams
    When they open their drafts
    Then they are not offered "Start a new message"
    And the Back link leads to More folders

  @staging_safe @a11y @req:FOLDERS-1 @req:A11Y-1
  Scenario: A page that does not exist says so and offers the My HealtheVet homepage
    Given a patient with care teams
    When they open a page that does not exist
    Then they see the page not found page
    And the page offers the link "Go to the My HealtheVet on VA.gov homepage"
    And the "page not found" state has no accessibility violations

  @staging_safe @req:FOLDERS-1
  Scenario: More folders lists every folder the patient has but Inbox and Sent, in the order received
    Given a patient with care teams
    When they open More folders
    Then More folders lists every folder the patient has but Inbox and Sent, in the order received
    And Drafts and Trash are among them

  @drafts @req:FOLDERS-1
  Scenario: A saved draft is reached from More folders
    Given a patient with care teams
    When they start a message to one of their care teams
    And they write a message
    And they save the draft
    Then a draft is created
    When they open More folders
    And they open "Drafts" from there
    Then their saved draft is listed there, and its link opens it
