"""Self-checks of the harness: seeded defects caught by their scenarios (selftest, defect
matrix) and the same suite on fresh seeds (seed sweep)."""
