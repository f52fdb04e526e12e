"""Before a staging run: is the target up, and is the saved sign-in still good?"""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from harness.rollout.stages import read_feature_toggles

_SIGN_IN_WORDS = ("sign-in", "signin", "sign_in", "login", "/auth", "identity")
LOGIN_HINT = "Sign in again: python -m harness login --base-url {url} --out auth.json"


class StagingUnavailable(Exception):
    """The run cannot go on against this target; the message says why and what to do."""


def _looks_like_sign_in(url: str) -> bool:
    lowered = url.lower()
    return any(word in lowered for word in _SIGN_IN_WORDS)


def check_signed_in(
    base_url: str, cookies: Mapping[str, str], timeout: float = 15.0, client: httpx.Client | None = None
) -> None:
    """GET /v0/user as the saved session; raise StagingUnavailable unless it answers 200."""
    base = base_url.rstrip("/")
    hint = LOGIN_HINT.format(url=base)
    cookie_header = "; ".join(f"{name}={value}" for name, value in cookies.items())
    headers = {"Cookie": cookie_header} if cookie_header else {}
    try:
        url = f"{base}/v0/user"
        if client is not None:
            response = client.get(url, headers=headers, follow_redirects=True)
        else:
            response = httpx.get(url, headers=headers, timeout=timeout, follow_redirects=True)
    except httpx.HTTPError as error:
        raise StagingUnavailable(
            f"{base} is not reachable ({error.__class__.__name__}). "
            "Check the URL, VPN and that staging is up."
        ) from None
    hops = [str(r.headers.get("location", "")) for r in response.history]
    if any(_looks_like_sign_in(hop) for hop in hops) or _looks_like_sign_in(str(response.url.path)):
        raise StagingUnavailable(
            f"the saved session is not signed in: {base}/v0/user redirects to sign-in. {hint}"
        )
    if response.status_code in (401, 403):
        reason = "no --storage-state was given" if not cookies else "the saved session has expired"
        raise StagingUnavailable(f"{reason}: GET {base}/v0/user answered {response.status_code}. {hint}")
    if response.status_code != 200:
        raise StagingUnavailable(
            f"GET {base}/v0/user answered {response.status_code}; expected 200 for a signed-in test account. "
            "Is --base-url the site that serves /v0 (the API host)?"
        )


def live_toggles(base_url: str, cookies: Mapping[str, str]) -> dict[str, bool]:
    """The feature toggles the signed-in test account gets, as the app reads them."""
    try:
        return read_feature_toggles(base_url, cookies=cookies)
    except (httpx.HTTPError, ValueError) as error:
        raise StagingUnavailable(
            f"cannot read {base_url.rstrip('/')}/v0/feature_toggles ({error.__class__.__name__})"
        ) from None
