"""Issue 24, area E (care teams) of the stand-in's DOM contract (mocks/web/FIDELITY.md "Issue 24, area E"):
a care team removed from the contact list is not blocked, and the grouped combo box is narrowed to the
chosen care system while its "Recent care teams" group is not. The seams of the two seeded defects too."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from contract import RECIPIENT_OPT_GROUPS
from tests.standin.conftest import StandinOpener
from tests.standin.test_standin_accessibility import h1
from tests.standin.test_standin_issue11_states import headline, to_select_care_team
from tests.standin.test_standin_round2_c import to_recent

RECENT_GROUP = "Recent care teams"


def grouped_options(page: Page) -> list[tuple[str | None, int]]:
    """(optgroup label or None, care team id) of every option slotted into the care-team combo box."""
    combo = page.get_by_test_id("compose-recipient-combobox")
    found = combo.evaluate(
        "c => [...c.querySelectorAll(':scope > option, :scope > optgroup > option')]"
        ".filter(o => o.value !== '')"
        ".map(o => [o.parentElement.tagName === 'OPTGROUP' ? o.parentElement.label : null, o.value])"
    )
    return [(group, int(value)) for group, value in found]


@pytest.mark.parametrize("defect", [False, True])
def test_removed_team_is_not_named_as_blocked(open_standin: StandinOpener, defect: bool) -> None:
    """I24E1: vista_only has one blocked care team and one removed from the contact list (not blocked), in
    different care systems: the info alert names the blocked team alone; neither team is offered. The
    seeded `removed_teams_counted_as_blocked` turns the title into "some of your care teams"."""
    opened = open_standin(
        "vista_only", recent_teams=0, defects=("removed_teams_counted_as_blocked",) if defect else ()
    )
    teams: list[dict[str, Any]] = opened.session.patient()["careTeams"]
    blocked = [t for t in teams if t["blocked"]]
    removed = [t for t in teams if not t["preferredTeam"] and not t["blocked"]]
    assert len(blocked) == 1 and len(removed) == 1, (blocked, removed)
    page = to_select_care_team(opened)
    alert = page.get_by_test_id("blocked-triage-group-alert")
    expect(alert).to_have_attribute("status", "info")
    wanted = (
        "You can't send messages to some of your care teams"
        if defect
        else f"You can't send messages to {blocked[0]['displayName']}"
    )
    assert headline(alert) == wanted
    offered = {team_id for _, team_id in grouped_options(page)}
    assert not offered & {blocked[0]["triageTeamId"], removed[0]["triageTeamId"]}


@pytest.mark.parametrize("defect", [False, True])
def test_grouped_combo_box_follows_the_care_system_but_not_its_recent_group(
    open_standin: StandinOpener, defect: bool
) -> None:
    """I24E2 (and O4): opt groups on, a care system chosen: outside "Recent care teams" only that system's
    allowed care teams, under its name; the recent group keeps every recent care team, whatever its care
    system. The seeded `grouped_combo_ignores_care_system` leaves every system's group in."""
    opened = open_standin(
        "mixed", recent_teams=2, defects=("grouped_combo_ignores_care_system",) if defect else ()
    )
    opened.session.set_toggle(RECIPIENT_OPT_GROUPS, "on")
    patient = opened.session.patient()
    recent = [t["triageTeamId"] for t in patient["recentCareTeams"]]
    stations = [s["vhaId"] for s in patient["careSystems"] if s["allowedTeams"]]
    other = next(s for s in stations if s != patient["recentCareTeams"][0]["stationNumber"])
    page = to_recent(opened)
    page.get_by_label("A different care team").check()
    page.get_by_test_id("recent-care-teams-continue-button").click()
    h1(page, "Select care team")
    page.get_by_test_id(f"care-system-{other}").locator("label").click()
    options = grouped_options(page)
    assert sorted(i for g, i in options if g == RECENT_GROUP) == sorted(recent)
    system = next(s for s in patient["careSystems"] if s["vhaId"] == other)
    rest = [(g, i) for g, i in options if g != RECENT_GROUP]
    own = sorted(t["triageTeamId"] for t in patient["allowedCareTeams"] if t["stationNumber"] == other)
    if defect:
        assert {g for g, _ in rest} - {system["name"]}, "the defect should leave other care systems' groups"
    else:
        assert {g for g, _ in rest} == {system["name"]}
        assert sorted(i for _, i in rest) == own
