"""Staging mode: real base URL, read-only guard, login helper."""
