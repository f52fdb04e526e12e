"""The fixture-user pool (`mocks serve --fixtures-user NAME=DIR`): which names are allowed, and which
name a `vagov_session` cookie signs in as.

The cookie value is `NAME` or `NAME.<anything>` (a staging-like session token after the dot), so a name
ends at its first dot and cannot hold one.
"""

import re

SESSION_PREFIX = "user-"  # the registry id of a pool user's session: user-NAME
_NAME = re.compile(r"[A-Za-z0-9_-]+")


def name_problem(name: str) -> str | None:
    """Why `name` cannot be a pool user's name, or None if it can."""
    if not name:
        return "the NAME is empty"
    if "." in name:
        return f"NAME {name!r} has a '.': a vagov_session cookie NAME.anything ends the name at the first '.'"
    if not _NAME.fullmatch(name):
        # Names are matched against cookie values: keep to characters a cookie carries unquoted.
        return f"NAME {name!r} may only hold letters, digits, '_' and '-'"
    return None


def name_in_cookie(value: str | None) -> str:
    """The user name a vagov_session cookie value names ("" for none): `NAME` or `NAME.anything`."""
    return (value or "").partition(".")[0]
