"""Known feature toggles, their defaults, and the name forms the toggles endpoint emits."""

import re

from mocks.api.flipper import Gates

CURATED_LIST_FLOW = "mhv_secure_messaging_curated_list_flow"
RECENT_RECIPIENTS = "mhv_secure_messaging_recent_recipients"
CERNER_PILOT = "mhv_secure_messaging_cerner_pilot"
LARGE_ATTACHMENTS = "mhv_secure_messaging_large_attachments"

# The release toggles are on by default so a person exploring sees the new flow (issue 2 §3).
DEFAULTS: dict[str, bool] = {
    CURATED_LIST_FLOW: True,
    RECENT_RECIPIENTS: True,
    CERNER_PILOT: True,
    LARGE_ATTACHMENTS: False,
    "mhv_secure_messaging_recipient_opt_groups": False,
    "mhv_secure_messaging_recipient_combobox": False,
    "mhv_secure_messaging_triage_group_plain_language": False,
    "mhv_secure_messaging_policy_va_patient": False,
    "mhv_secure_messaging_no_cache": False,
    "mhv_secure_messaging_read_receipts": False,
    "mhv_secure_messaging_milestone_2_aal": False,
    "mhv_secure_messaging_custom_folders_redesign": False,
    "mhv_secure_messaging_filter_accordion": False,
    "mhv_secure_messaging_remove_lefthand_nav": False,
    "mhv_secure_messaging_cerner_pilot_system_maintenance_banner_flag": False,
    "mhv_secure_messaging_signature_settings": False,
}
KNOWN: tuple[str, ...] = tuple(DEFAULTS)


def default_gates() -> dict[str, Gates]:
    return {name: Gates(boolean=value) for name, value in DEFAULTS.items()}


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])([A-Z])")


def underscore(name: str) -> str:
    """ActiveSupport's `underscore` for the names we meet: mhvSecureMessagingX -> mhv_secure_messaging_x."""
    return _CAMEL_BOUNDARY.sub(r"_\1", name).lower()
