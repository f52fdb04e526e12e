@curated_on @staging_write @drafts @send
Feature: Writes to the test care team
  Drafts and sends are the riskiest part of a rollout, so QA checks them in staging too, with a test
  account and a care team that expects test messages. With --allow-send and --test-care-team, the run
  saves, deletes and sends to that care team only, deletes any draft it saved and left, and the report
  lists every write. On the mock the test care team is one of the patient's VistA care teams.

  @req:DRAFT-1
  Scenario: A draft saved for the test care team is deleted again
    Given a patient with a care team for test messages
    When they start a message to the test care team
    And they write a message
    And they save the draft
    Then a draft is created
    And they are told the draft was saved
    When they ask to delete the draft
    And they confirm
    Then the draft is deleted

  @req:SEND-1
  Scenario: A message reaches the test care team
    Given a patient with a care team for test messages
    When they start a message to the test care team
    And they write a message
    And they send the message
    Then they see that the message was sent
    And the message reached the care team they chose

  @req:DRAFT-1
  Scenario: A draft saved for the test care team and left is cleaned up after the scenario
    Given a patient with a care team for test messages
    When they start a message to the test care team
    And they write a message
    And they save the draft
    Then a draft is created
