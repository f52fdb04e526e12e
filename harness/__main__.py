"""`python -m harness login --base-url URL --out auth.json`: sign in once by hand for staging runs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m harness", description="SM release-gate harness tools")
    sub = p.add_subparsers(dest="command", required=True)
    login = sub.add_parser(
        "login",
        help="open a browser, sign in with the test account, save the storage state for --storage-state",
    )
    login.add_argument(
        "--base-url", required=True, help="the site to sign in to, e.g. https://staging.va.gov"
    )
    login.add_argument("--api-url", default=None, help="host serving /v0/user if not --base-url")
    login.add_argument("--out", type=Path, default=Path("auth.json"), help="where to save (mode 0600)")
    login.add_argument("--timeout", type=float, default=600.0, help="seconds to wait for the sign-in")
    login.add_argument("--headless", action="store_true", help="no window (only useful in tests)")
    login.add_argument("--browser-path", default=None, help="Chromium executable (default as for pytest)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    from harness.staging.login import LoginFailed, login

    try:
        login(
            args.base_url,
            args.out,
            headless=args.headless,
            timeout_s=args.timeout,
            browser_path=args.browser_path,
            api_url=args.api_url,
        )
    except LoginFailed as error:
        print(f"login failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
