"""The mock's feature toggles and their defaults (names from `contract`), and the name forms the toggles
endpoint emits."""

import re

import contract
from mocks.api.flipper import Gates

# The release toggles are on by default so a person exploring sees the new flow (issue 2 §3).
DEFAULTS: dict[str, bool] = {
    contract.CURATED_LIST_FLOW: True,
    contract.RECENT_RECIPIENTS: True,
    contract.CERNER_PILOT: True,
    contract.LARGE_ATTACHMENTS: False,
    contract.RECIPIENT_OPT_GROUPS: False,
    contract.RECIPIENT_COMBOBOX: False,
    contract.TRIAGE_GROUP_PLAIN_LANGUAGE: False,
    contract.POLICY_VA_PATIENT: False,
    contract.NO_CACHE: False,
    contract.READ_RECEIPTS: False,
    contract.MILESTONE_2_AAL: False,
    contract.CUSTOM_FOLDERS_REDESIGN: False,
    contract.FILTER_ACCORDION: False,
    contract.REMOVE_LEFTHAND_NAV: False,
    contract.CERNER_PILOT_MAINTENANCE_BANNER: False,
    contract.SIGNATURE_SETTINGS: False,
}


def default_gates() -> dict[str, Gates]:
    return {name: Gates(boolean=value) for name, value in DEFAULTS.items()}


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])([A-Z])")


def underscore(name: str) -> str:
    """ActiveSupport's `underscore` for the names we meet: mhvSecureMessagingX -> mhv_secure_messaging_x."""
    return _CAMEL_BOUNDARY.sub(r"_\1", name).lower()
