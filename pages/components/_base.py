"""What every component wrapper shares: the host locator and attribute-safe CSS strings."""

from __future__ import annotations

from playwright.sync_api import Locator

# True when the deepest focused element (through shadow roots) is `el` or inside it.
FOCUS_INSIDE = """el => {
  let a = document.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
  for (let n = a; n; n = n.parentNode || n.host) { if (n === el) return true; }
  return false;
}"""


def css_string(value: str) -> str:
    """Quote `value` for a CSS attribute selector (names carry quotes and curly apostrophes)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


class VaComponent:
    """A VA web component addressed by its host element."""

    def __init__(self, host: Locator) -> None:
        self.host = host

    def attribute(self, name: str) -> str | None:
        return self.host.get_attribute(name)

    def showing(self, text: str) -> Locator:
        """The component when it shows `text` anywhere, slotted or in its shadow root (else no match)."""
        return self.host.filter(has_text=text)

    def rum_action_name(self) -> str | None:
        """The Datadog RUM click-action name the element carries."""
        return self.host.get_attribute("data-dd-action-name")

    def error_text(self) -> str:
        """The validation error the component shows, '' when none (shadow `.usa-error-message`)."""
        error = self.host.locator(".usa-error-message")
        return error.first.text_content() or "" if error.count() else ""

    def error_message(self) -> Locator:
        return self.host.locator(".usa-error-message").first


class VaTextField(VaComponent):
    """A text component whose native field sits in its shadow root; subclasses name that field's tag."""

    field_tag = "input"

    def control(self) -> Locator:
        return self.host.locator(self.field_tag).first

    def fill(self, text: str) -> None:
        self.control().fill(text)

    def type(self, text: str) -> None:
        self.control().press_sequentially(text)

    def value(self) -> str:
        return self.control().input_value()
