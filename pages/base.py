"""What every page of the app shares: h1, title, the Back link and the emergency note."""

from __future__ import annotations

import re
from typing import ClassVar, Self

from playwright.sync_api import Locator, Page, expect

import contract
from pages.components import VaAlert, VaAlertExpandable, VaButton, VaLink, VaModal
from pages.components._base import FOCUS_INSIDE
from pages.components.modal import CloseBy
from pages.tracked import record, tracked

# Loading the app fetches toggles, recipients and the sent search; give slow CI a margin.
LOAD_TIMEOUT_MS = 15_000


# Settled: every VA web component on the page has rendered (Stencil marks it with class "hydrated";
# until then it is invisible and takes no room) and the web fonts are in. Both move the layout, and a
# click aimed before they land can reach no link at all: on a loaded machine the mouse went down on
# "Start a new message", the breadcrumbs above it rendered, and the mouse came up below it.
_SETTLED = """() => document.fonts.status === 'loaded' && [...document.querySelectorAll('*')].every(
  el => !el.localName.startsWith('va-') || !customElements.get(el.localName)
    || el.classList.contains('hydrated'))"""


def shown_h1(page: Page) -> str | None:
    """The first h1's text, whitespace collapsed, or None without one: one look, no waiting (one round
    trip to the browser, where counting and then reading took two)."""
    texts = page.get_by_role("heading", level=1).all_text_contents()
    return " ".join(texts[0].split()) if texts else None


# Every page object with an h1 of its own, in definition order: what `pages.router` can recognise.
_REGISTRY: list[type[BasePage]] = []


def registered_pages() -> tuple[type[BasePage], ...]:
    return tuple(_REGISTRY)


class BasePage:
    h1_text: ClassVar[str | re.Pattern[str]] = ""
    title_text: ClassVar[str | re.Pattern[str] | None] = None
    path: ClassVar[str | None] = None

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if cls.__dict__.get("h1_text"):  # a page of its own, not a shared base such as ComposeForm
            _REGISTRY.append(cls)

    def __init__(self, page: Page) -> None:
        self.page = page

    # --- what every page shows -------------------------------------------------------------
    def heading(self) -> Locator:
        return self.page.get_by_role("heading", level=1)

    def heading_text(self) -> str:
        return " ".join((self.heading().first.text_content() or "").split())

    def expect_loaded(self, *, shown_and_settled: bool = False) -> Self:
        """This page is shown (h1, title) and settled, so clicks land where they aim.

        `shown_and_settled`: the caller has just seen this page's h1 on a settled page (the router does),
        so only the title is left to check: the same proof with two fewer round trips per navigation.
        """
        if not shown_and_settled:
            expect(self.heading().first).to_have_text(self.h1_text, timeout=LOAD_TIMEOUT_MS)
        if self.title_text is not None:
            expect(self.page).to_have_title(self.title_text, timeout=LOAD_TIMEOUT_MS)
        if not shown_and_settled:
            self.wait_until_settled()
        return self

    def wait_for_arrival(self) -> Self:
        """The app has moved to this page by itself (the inbox after a send): waited on the browser's
        navigation event, where an expect polls every 500 ms once a wait passes 270 ms and met the app's
        1 s move 0.3 s late; then loaded as `expect_loaded` checks it."""
        assert self.path, f"{type(self).__name__} has no path to arrive at"
        self.page.wait_for_url(contract.at_path(self.path), timeout=LOAD_TIMEOUT_MS)
        return self.expect_loaded()

    def wait_until_settled(self) -> None:
        self.page.wait_for_function(_SETTLED, timeout=LOAD_TIMEOUT_MS)

    def is_current(self) -> bool:
        """True when this page is the one shown (h1 matches), without waiting."""
        return self.shows_h1(shown_h1(self.page))

    @classmethod
    def shows_h1(cls, text: str | None) -> bool:
        """Whether `text` (an h1 as read by `shown_h1`) is this page's h1."""
        if text is None:
            return False
        if isinstance(cls.h1_text, re.Pattern):
            return bool(cls.h1_text.search(text))
        return text == cls.h1_text

    def focused_element_is_h1(self) -> bool:
        return bool(
            self.page.evaluate("() => document.activeElement && document.activeElement.tagName === 'H1'")
        )

    def focused_heading(self) -> Locator:
        """The h1 when it has keyboard focus (flow pages move focus there on load)."""
        return self.page.locator("h1:focus")

    def tab_to(self, target: Locator, max_tabs: int = 60) -> None:
        """Press Tab until keyboard focus is inside `target` (shadow roots included).

        Bounded so a focus trap or an unreachable control fails instead of looping forever.
        """
        target.first.wait_for()
        for _ in range(max_tabs):
            if self.has_keyboard_focus(target):
                return
            self.page.keyboard.press("Tab")
        raise AssertionError(f"{target} not reached with {max_tabs} presses of Tab")

    def has_keyboard_focus(self, target: Locator) -> bool:
        """Whether keyboard focus is inside `target` (shadow roots included)."""
        return bool(target.first.evaluate(FOCUS_INSIDE))

    def wait_for_keyboard_focus(self, target: Locator) -> None:
        """Wait until keyboard focus is inside `target` (focus moves after a dialog closes)."""
        self.page.wait_for_function(FOCUS_INSIDE, arg=target.first.element_handle())

    def press_with_keyboard(self, target: Locator) -> None:
        """Reach `target` with Tab and activate it with Enter."""
        self.tab_to(target)
        self.page.keyboard.press("Enter")

    def announcement(self, text: str) -> Locator:
        """`text` inside a live region (role alert or status, or an `aria-live` region such as the global
        alert's screen-reader-only line), so screen readers announce it."""
        live = self.page.locator('[aria-live="polite"], [aria-live="assertive"]')
        return (
            self.page.get_by_role("alert")
            .or_(self.page.get_by_role("status"))
            .or_(live)
            .filter(has_text=text)
        )

    def text(self, text: str) -> Locator:
        """Visible text on the page (what a person reads)."""
        return self.page.get_by_text(text)

    def leave_page_modal(self) -> VaModal:
        """The "leave this page?" warning shown when leaving the flow with unsaved changes."""
        return VaModal(self.page.get_by_test_id("navigation-warning-modal"))

    def close_leave_page_modal(self, how: CloseBy = "click") -> None:
        """Close the leave-page warning by its X or Escape (see `VaModal.close`); RUM counts the close."""
        self.leave_page_modal().close(how)
        record(self.page, tracked("leave-page warning", "Close"))

    def leave_modal_button(self, which: str) -> Locator:
        testid = {"primary": "route-guard-primary-button", "secondary": "route-guard-secondary-button"}[which]
        return self.page.get_by_test_id(testid)

    def link(self, name: str) -> Locator:
        """A link by its accessible name (what a screen reader announces)."""
        return self.page.get_by_role("link", name=name, exact=True)

    def back_link(self) -> VaLink:
        return VaLink(self.page.get_by_test_id("sm-breadcrumbs-back"))

    def go_back(self) -> None:
        self.back_link().click()

    def emergency_note(self) -> Locator:
        return self.page.get_by_test_id("emergency-use-only-expandable")

    def open_emergency_note(self) -> None:
        VaAlertExpandable(self.emergency_note()).expand()

    def crisis_line_button(self) -> VaButton:
        """The Veterans Crisis Line button shown (the interstitial's, or the emergency note's once open)."""
        return VaButton(
            self.page.locator("va-button")
            .filter(has=self.page.get_by_role("button", name="Connect with the Veterans Crisis Line"))
            .first
        )

    def open_crisis_line(self) -> None:
        self.crisis_line_button().click()

    def alert_live_region(self) -> Locator:
        """The global alert's screen-reader-only polite region, filled once focus has settled."""
        return self.page.locator('va-alert .sr-only[aria-live="polite"]').first

    def alert_text(self) -> Locator:
        """The global alert's text (`p[data-testid=alert-text]`)."""
        return self.page.get_by_test_id("alert-text")

    def alerts(self) -> Locator:
        return self.page.locator("va-alert")

    # --- patients who cannot message some or all care teams (BlockedTriageGroupAlert) ------------
    def blocked_alert(self) -> Locator:
        """The blocked-care-teams alert: a `va-alert` (info/warning) or, where every care team is blocked
        on select care team, a warning `va-alert-expandable`."""
        return self.page.get_by_test_id("blocked-triage-group-alert")

    def blocked_alert_title(self) -> str:
        """The alert's title as a person reads it (expandable: its trigger; alert: its headline)."""
        host = self.blocked_alert().first
        if host.evaluate("e => e.tagName") == "VA-ALERT-EXPANDABLE":
            return VaAlertExpandable(host).trigger_text() or ""
        return VaAlert(host).headline()

    def open_blocked_alert(self) -> None:
        host = self.blocked_alert().first
        if host.evaluate("e => e.tagName") == "VA-ALERT-EXPANDABLE":
            VaAlertExpandable(host).expand()

    def find_facility_link(self) -> Locator:
        """ "Find your VA health facility" inside the blocked alert."""
        return self.blocked_alert().locator('va-link-action[href="/find-locations/"]')

    def alert_with_status(self, status: str) -> VaAlert:
        return VaAlert(self.page.locator(f'va-alert[status="{status}"]').first)

    def has_horizontal_scroll(self) -> bool:
        return bool(
            self.page.evaluate(
                "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"
            )
        )

    def current_path(self) -> str:
        from urllib.parse import urlparse

        return urlparse(self.page.url).path
