"""The run: command-line options, seeds, the browser, timeouts, phase timings, shards, the mock
per worker, failure artifacts and the report-log reader."""
