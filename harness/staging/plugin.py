"""Staging-mode pytest plugin (placeholder until the staging work lands)."""
