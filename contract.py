"""The app's contract, written once: feature toggle names, the app's page routes, the API endpoints the
flow calls (with `endpoint_of`) and the rollout stages.

It sits below pages, harness, mocks and steps and imports none of them; tests/test_contract.py checks
that no other module spells a toggle name or a route, and that go-no-go.toml's stages are these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlparse

# Feature toggles (Flipper names, as vets-api's /v0/feature_toggles answers them in snake case).
TOGGLE_PREFIX = "mhv_secure_messaging_"
# The two release toggles: the curated list flow and the recent recipients toggle.
CURATED_LIST_FLOW = "mhv_secure_messaging_curated_list_flow"
RECENT_RECIPIENTS = "mhv_secure_messaging_recent_recipients"
ROLLOUT_TOGGLES = (CURATED_LIST_FLOW, RECENT_RECIPIENTS)
# Toggles the stand-in reads beside them.
CERNER_PILOT = "mhv_secure_messaging_cerner_pilot"
LARGE_ATTACHMENTS = "mhv_secure_messaging_large_attachments"
RECIPIENT_OPT_GROUPS = "mhv_secure_messaging_recipient_opt_groups"  # the care-team grouping toggle
SIGNATURE_SETTINGS = "mhv_secure_messaging_signature_settings"
EDIT_CONTACT_LIST = "mhv_secure_messaging_edit_contact_list"
RECIPIENT_COMBOBOX = "mhv_secure_messaging_recipient_combobox"
TRIAGE_GROUP_PLAIN_LANGUAGE = "mhv_secure_messaging_triage_group_plain_language"
POLICY_VA_PATIENT = "mhv_secure_messaging_policy_va_patient"
NO_CACHE = "mhv_secure_messaging_no_cache"
READ_RECEIPTS = "mhv_secure_messaging_read_receipts"
MILESTONE_2_AAL = "mhv_secure_messaging_milestone_2_aal"
CUSTOM_FOLDERS_REDESIGN = "mhv_secure_messaging_custom_folders_redesign"
FILTER_ACCORDION = "mhv_secure_messaging_filter_accordion"
REMOVE_LEFTHAND_NAV = "mhv_secure_messaging_remove_lefthand_nav"
CERNER_PILOT_MAINTENANCE_BANNER = "mhv_secure_messaging_cerner_pilot_system_maintenance_banner_flag"


def toggle_label(name: str) -> str:
    """A toggle's name without the common prefix, as reports show it."""
    return name.removeprefix(TOGGLE_PREFIX)


# The app's page routes (reference Fidelity targets 1-7); trailing slashes are part of the paths.
APP_ROOT = "/my-health/secure-messages"
INBOX = f"{APP_ROOT}/inbox/"
SENT = f"{APP_ROOT}/sent/"
DRAFTS = f"{APP_ROOT}/drafts/"
FOLDERS = f"{APP_ROOT}/folders/"
INTERSTITIAL = f"{APP_ROOT}/new-message/"
RECENT_CARE_TEAMS = f"{APP_ROOT}/new-message/recent/"
SELECT_CARE_TEAM = f"{APP_ROOT}/new-message/select-care-team/"
START_MESSAGE = f"{APP_ROOT}/new-message/start-message/"
CARE_TEAM_HELP = f"{APP_ROOT}/new-message/care-team-help/"
CONTACT_LIST = f"{APP_ROOT}/contact-list/"

# Each page's route by the name features and reports give the page.
BY_NAME = {
    "inbox": INBOX,
    "sent": SENT,
    "drafts": DRAFTS,
    "more folders": FOLDERS,
    "interstitial": INTERSTITIAL,
    "recent care teams": RECENT_CARE_TEAMS,
    "select care team": SELECT_CARE_TEAM,
    "start message": START_MESSAGE,
    "care team help": CARE_TEAM_HELP,
    "contact list": CONTACT_LIST,
}


def without_trailing_slash(path: str) -> str:
    """The same address as a person may type it: the app's router answers both forms."""
    return path.rstrip("/") or "/"


def at_path(path: str) -> re.Pattern[str]:
    """A URL on `path`, whatever its host, query or fragment (what a URL wait or check matches)."""
    return re.compile(re.escape(path) + r"([?#]|$)")


# The API (vets-api): the prefix every patient-data call is under, and the messaging API's own.
MY_HEALTH = "/my_health"
MESSAGING = f"{MY_HEALTH}/v1/messaging"
MESSAGES = f"{MESSAGING}/messages"
MESSAGE_DRAFTS = f"{MESSAGING}/message_drafts"
TOOLTIPS = f"{MY_HEALTH}/v1/tooltips"


@dataclass(frozen=True)
class Endpoint:
    """One API call the flow makes: its method and the pattern of its path (an id is group `id`)."""

    method: str
    pattern: re.Pattern[str]


def _endpoint(method: str, path: str) -> Endpoint:
    return Endpoint(method, re.compile(path + "$"))


# The endpoints the flow calls, by the name the mock's journal and faults use too (its route names).
ENDPOINTS: dict[str, Endpoint] = {
    "user": _endpoint("GET", r"/v0/user"),
    "feature_toggles": _endpoint("GET", r"/v0/feature_toggles"),
    "vamc_ehr": _endpoint("GET", r"/data/cms/vamc-ehr\.json"),
    "allrecipients": _endpoint("GET", rf"{MESSAGING}/allrecipients/?"),
    "sent_search": _endpoint("POST", rf"{MESSAGING}/folders/-1/search"),
    "categories": _endpoint("GET", rf"{MESSAGES}/categories"),
    "signature": _endpoint("GET", rf"{MESSAGING}/(preferences|messages)/signature"),
    # The writes: drafts (autosave) and sends.
    "draft_create": _endpoint("POST", rf"{MESSAGE_DRAFTS}/?"),
    "draft_update": _endpoint("PUT", rf"{MESSAGE_DRAFTS}/(?P<id>\d+)/?"),
    "draft_delete": _endpoint("DELETE", rf"{MESSAGES}/(?P<id>\d+)/?"),
    "send": _endpoint("POST", rf"{MESSAGES}/?"),
    "tooltips": _endpoint("GET", TOOLTIPS),
    "folders": _endpoint("GET", rf"{MESSAGING}/folders"),
}
# A search of any folder only reads (the sent search is folder -1's).
FOLDER_SEARCH = re.compile(rf"{MESSAGING}/folders/-?\d+/search/?$")


def endpoint_of(method: str, url: str) -> str | None:
    """The name of the endpoint a request (method, URL or path) calls, None when the flow has no such call."""
    path = urlparse(url).path
    for name, endpoint in ENDPOINTS.items():
        if method == endpoint.method and endpoint.pattern.search(path):
            return name
    return None


@dataclass(frozen=True)
class RolloutStage:
    name: str
    percentage: float


# The release plan's stages (sm-api.md §4.3 went 5 -> 25 -> 50 -> 100; 75 is our intermediate stage);
# go-no-go.toml has each stage's criteria.
STAGES: tuple[RolloutStage, ...] = (
    RolloutStage("A", 5),
    RolloutStage("B", 25),
    RolloutStage("C", 50),
    RolloutStage("D", 75),
    RolloutStage("E", 100),
)
STAGE_NAMES = tuple(stage.name for stage in STAGES)
