"""The tag schema: allowed tags, @req ids from requirements.toml, profile marks, error lines."""

from __future__ import annotations

from pathlib import Path

from harness.gherkin import tags

ROOT = Path(__file__).resolve().parents[2]


def test_every_requirement_has_a_title_and_a_source() -> None:
    requirements = tags.load_requirements(ROOT)
    assert {"TOGGLE-1", "RECENT-1", "SELECT-1", "A11Y-1", "ROLLBACK-1", "LINK-4"} <= set(requirements)
    assert all(r.title and r.source for r in requirements.values())


def test_tag_problems() -> None:
    requirements = tags.load_requirements(ROOT)
    assert tags.tag_problem("curated_on", requirements) is None
    assert tags.tag_problem("req:SELECT-1", requirements) is None
    assert "not in requirements.toml" in (tags.tag_problem("req:SELECT-99", requirements) or "")
    assert "not a registered tag" in (tags.tag_problem("curated", requirements) or "")
    assert "not a valid tag name" in (tags.tag_problem("a-b", requirements) or "")


def test_req_tags_become_req_markers_with_the_id() -> None:
    mark = tags.mark_for("req:LINK-2").mark
    assert (mark.name, mark.args) == ("req", ("LINK-2",))
    assert tags.mark_for("smoke").mark.name == "smoke"


def test_tag_line_skips_comments_and_partial_names() -> None:
    text = "# @smoke in a comment\n@smoke_test\n  @a11y @smoke\nFeature: x\n"
    assert tags.tag_line(text, "smoke") == 3
    assert tags.tag_line(text, "missing") == 0


def test_profile_marks() -> None:
    names = [m.mark.name for m in tags.profile_marks({"patient": "oracle_health_only", "count": "2"})]
    assert names == ["oracle_health_only", "oracle_health"]
    assert [m.mark.name for m in tags.profile_marks({"patient": "many_systems"})] == ["many_systems"]
    assert tags.profile_marks({"kind": "VistA"}) == []
