"""Rollout and rollback step definitions (placeholder until the rollout work lands)."""
