"""Report formats, each rendered from the summary and the recorded scenarios only."""
