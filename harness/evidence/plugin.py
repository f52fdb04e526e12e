"""Evidence recorder (pytest plugin). Filled in by the evidence work."""
