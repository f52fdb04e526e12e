@curated_on @recent_on @contact_list
Feature: Contact list
  From select care team, patients with VistA care teams can update their contact list to add or
  remove care teams. Oracle Health care teams are not on the contact list.

  @staging_safe @a11y @req:CONTACT-1 @req:LINK-2 @req:A11Y-1
  Scenario: The contact list shows VistA care teams and no Oracle Health ones
    Given a patient with VistA and Oracle Health care teams
    When they go on to select care team
    And they follow the "Update your contact list" link
    Then they see the contact list page
    And the contact list shows their VistA care teams and no Oracle Health ones
    And the page has no accessibility violations

  @mock_only @req:CONTACT-1
  Scenario: Removing a care team from the contact list saves the change
    Given a patient with a VistA care team
    When they go on to select care team
    And they follow the "Update your contact list" link
    Then they see the contact list page
    When they remove a care team from their contact list and save
    Then they see "Contact list changes saved"
    And the removed care team is no longer a preferred care team
