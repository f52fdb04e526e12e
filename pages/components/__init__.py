"""Wrappers for the VA Design System web components the flow uses.

They are the only code that knows a component's shadow DOM. Playwright's CSS and role engines pierce
open shadow roots, so a wrapper holds the host element's locator and reaches into it from there.
"""

from pages.components.accordion import VaAccordionItem
from pages.components.alert import VaAlert
from pages.components.alert_expandable import VaAlertExpandable
from pages.components.button import VaButton
from pages.components.combo_box import VaComboBox
from pages.components.file_input import VaFileInputMultiple
from pages.components.link import VaLink
from pages.components.link_action import VaLinkAction
from pages.components.modal import VaModal
from pages.components.radio import VaRadio
from pages.components.select import VaSelect
from pages.components.text_input import VaTextInput
from pages.components.textarea import VaTextarea

__all__ = [
    "VaAccordionItem",
    "VaAlert",
    "VaAlertExpandable",
    "VaButton",
    "VaComboBox",
    "VaFileInputMultiple",
    "VaLink",
    "VaLinkAction",
    "VaModal",
    "VaRadio",
    "VaSelect",
    "VaTextInput",
    "VaTextarea",
]
