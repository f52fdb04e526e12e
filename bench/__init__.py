"""Benchmarks: they print numbers against targets and never fail on speed."""
