"""The defect matrix's reading of results: a catch needs the defect's run to fail where the clean run of
the same scenario row passed."""

from __future__ import annotations

from harness.selfcheck.defect_matrix import defect_of, read_catches, variant

ROW = "features/a.feature::Scenario one[{}-mixed-VistA]"


def test_the_matrix_part_of_a_node_id_is_found_wherever_pytest_put_it() -> None:
    assert variant(ROW.format("defect=none")) == "features/a.feature::Scenario one[mixed-VistA]"
    assert variant(ROW.format("defect=wrong_text")) == "features/a.feature::Scenario one[mixed-VistA]"
    assert variant("features/a.feature::Two[defect=x_y]") == "features/a.feature::Two"
    assert variant("features/a.feature::Two[mixed-defect=x_y]") == "features/a.feature::Two[mixed]"
    assert variant("features/a.feature::Plain[mixed-clean-up]") == "features/a.feature::Plain[mixed-clean-up]"
    assert variant("features/a.feature::Clean[defect=none]") == "features/a.feature::Clean"
    assert defect_of(ROW.format("defect=wrong_text")) == "wrong_text"
    assert defect_of(ROW.format("defect=none")) is None
    assert defect_of("features/a.feature::Plain") is None


def test_a_failure_counts_only_where_the_clean_run_passed() -> None:
    outcomes = {
        ROW.format("defect=none"): "passed",
        ROW.format("defect=caught_one"): "failed",
        ROW.format("defect=missed_one"): "passed",
        "features/b.feature::Broken[defect=none]": "failed",
        "features/b.feature::Broken[defect=on_broken]": "failed",
        "features/c.feature::Skipped[defect=none]": "skipped",
        "features/c.feature::Skipped[defect=on_skipped]": "failed",
    }
    catches = {c.defect: c for c in read_catches(outcomes, ("caught_one", "missed_one", "on_broken",
                                                            "on_skipped", "never_ran"))}  # fmt: skip
    assert catches["caught_one"].caught and not catches["caught_one"].clean_failed
    assert not catches["missed_one"].caught
    assert not catches["on_broken"].caught and catches["on_broken"].clean_failed
    assert not catches["on_skipped"].caught  # a scenario that cannot run clean proves nothing
    assert not catches["never_ran"].caught and catches["never_ran"].runs == ()
