"""Step definitions, grouped by domain; importing this package registers them all."""
