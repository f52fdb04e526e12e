"""The flow's tracked elements: one row per control whose click the real app's Datadog RUM names, with the
name a dashboard counts (case-sensitive) and where it was read in vets-website.

Page objects click these controls through `click()` (and `press()` for the keyboard), which records the RUM
name clicked on the Playwright page. The evidence recorder reads `clicks_on(page)` after each scenario, so
the report's "clicks the scenarios made" counts every click on a tracked element, asserted or not.
"""

from __future__ import annotations

from dataclasses import dataclass
from weakref import WeakKeyDictionary

from playwright.sync_api import Locator, Page


@dataclass(frozen=True)
class Tracked:
    page: str  # the page (or dialog) it is on, in the release plan's words
    element: str  # what a person calls it
    rum_name: str  # the action name RUM records for one click: `data-dd-action-name`, `addAction` or text
    source: str  # where the name was read (vets-website, paths under src/applications/mhv-secure-messaging/)


# One row per tracked element of the flow (mocks/web/FIDELITY.md, rows named in `source`).
TRACKED: tuple[Tracked, ...] = (
    Tracked("interstitial", "Continue to start message",
            "Continue to start message button on Interstitial Page",
            "containers/InterstitialPage.jsx @ 1fb907a (T15)"),
    Tracked("select care team", "care system radio button", "Care System Radio button",
            "containers/SelectCareTeam.jsx @ 4995508 (T22, G3)"),
    Tracked("select care team", "Continue to start message", "Continue button on Select care team page",
            "containers/SelectCareTeam.jsx @ 4995508 (T27)"),
    Tracked("select care team", "Update your contact list", "Update your contact list",
            "containers/SelectCareTeam.jsx @ 4995508 (link text; go-no-go.toml [rum])"),
    Tracked("select care team", "Learn what to do if you can’t find your care team",
            "Learn what to do if you can’t find your care team",
            "containers/SelectCareTeam.jsx @ 4995508 (link text; go-no-go.toml [rum])"),
    Tracked("start message", "Select a different care team", "Select a different care team link",
            "components/ComposeForm/SelectedRecipientTitle.jsx @ 086b1ef (F13)"),
    Tracked("start message", "Send", "Send Button",
            "components/ComposeForm/ComposeFormActionButtons.jsx @ 2dd9682 (T33)"),
    Tracked("start message", "Save draft", "Save draft",
            "components/ComposeForm/ComposeFormActionButtons.jsx @ 2dd9682 (no RUM name: its text, I24G1)"),
    Tracked("start message", "Delete draft", "Delete Draft Button",
            "components/Draft/DeleteDraft.jsx @ 1fb907a (F7, R2B1)"),
    Tracked("delete-draft dialog", "Delete draft", "Confirm Delete Draft Button",
            "components/Modals/DeleteDraftModal.jsx #id 53835961427 (R2B3)"),
    Tracked("delete-draft dialog", "Cancel", "Cancel Delete Draft Button",
            "components/Modals/DeleteDraftModal.jsx #id 53835961427 (R2B3)"),
    Tracked("delete-draft dialog", "Close", "Delete this draft? Modal Closed",
            "components/Modals/DeleteDraftModal.jsx #id 53835961427 (R2B3, I24G2)"),
    Tracked("can't-save dialog", "Edit draft", "Edit draft button - Can't save with attachments modal",
            "components/shared/RouteLeavingGuard.jsx #id 2041120201 (R2B5)"),
    Tracked("can't-save dialog", "Save draft without attachments",
            "Save draft without attachments button - Can't save with attachments modal",
            "components/shared/RouteLeavingGuard.jsx #id 2041120201 (R2B5)"),
    Tracked("can't-save dialog", "Close", "Navigation Warning Modal Closed",
            "components/shared/RouteLeavingGuard.jsx #id 2041120201 (R2B5, I24G2)"),
    Tracked("leave-page warning", "Close", "Navigation Warning Modal Closed",
            "components/shared/RouteLeavingGuard.jsx #id 2041120201 (R2B5, I24G2)"),
)  # fmt: skip


def tracked(page: str, element: str) -> Tracked:
    """The row of `element` on `page` (exact words, as in the table)."""
    for row in TRACKED:
        if (row.page, row.element) == (page, element):
            return row
    raise KeyError(f"no tracked element {element!r} on {page!r}; the table has {sorted(_keys())}")


def by_rum_name(name: str) -> Tracked | None:
    """The first row RUM names `name` (case-sensitive, as a dashboard query is)."""
    return next((row for row in TRACKED if row.rum_name == name), None)


def by_element(element: str) -> Tracked | None:
    """The first row of the element a person calls `element` (a link's text), if it is tracked."""
    return next((row for row in TRACKED if row.element == element), None)


def on_page(page: str) -> tuple[Tracked, ...]:
    return tuple(row for row in TRACKED if row.page == page)


def _keys() -> set[tuple[str, str]]:
    return {(row.page, row.element) for row in TRACKED}


# The RUM names clicked on each Playwright page, in order: a scenario's clicks on tracked elements.
_CLICKS: WeakKeyDictionary[Page, list[str]] = WeakKeyDictionary()


def record(page: Page, row: Tracked) -> None:
    _CLICKS.setdefault(page, []).append(row.rum_name)


def click(page: Page, target: Locator, row: Tracked) -> None:
    """Click a tracked element: the one place such a click is made, so it is counted."""
    target.click()
    record(page, row)


def clicks_on(page: Page) -> list[str]:
    """The RUM names of the tracked elements clicked on `page` so far."""
    return list(_CLICKS.get(page, []))
