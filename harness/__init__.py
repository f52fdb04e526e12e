"""The release-gate harness: a pytest plugin (options, fixtures, .feature collection, tags,
accessibility) plus the evidence recorder in harness/evidence."""
