"""`make bench`'s floor runs here as it does there (its numbers are printed there, never judged here)."""

from bench.floor import Floor, describe, measure


def test_the_floor_boots_the_app_in_fresh_contexts_and_scales_to_the_suite() -> None:
    floor = measure(workers=1, boots=1)
    assert floor.seconds_per_boot > 0 and floor.cpu_per_boot >= 0 and floor.workers == 1
    assert Floor(1.5, 1.2, workers=2).suite_floor(scenarios=100) == 75.0
    assert "100 scenarios cannot take less than 75.0 s at -n 2" in describe(Floor(1.5, 1.2, 2), 100)
