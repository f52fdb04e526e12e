"""The app's routes (reference Fidelity targets 1-7); trailing slashes are part of the paths."""

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
