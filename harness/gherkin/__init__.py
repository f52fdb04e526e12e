"""Gherkin: collecting .feature files, the tag schema, the dry run, premise checks and the
traceability of scenarios to the release plan."""
