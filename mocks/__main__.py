"""CLI: `python -m mocks serve [--host 127.0.0.1] [--port 3000] [--profile NAME] [--fixtures DIR] [--seed N]
[--recent-teams N] [--toggle NAME=on|off|PCT%]... [--defect NAME]... [--no-control] [--require-sign-in]`,
`python -m mocks serve --require-sign-in [--no-control] --fixtures-user NAME=DIR... [...]` (a pool of users),
and `python -m mocks export-fixtures --profile NAME --seed N [--recent-teams N] DIR`.
`python -m mocks serve --help` lists the defaults, the toggles and the seeded defects."""

import argparse
import logging
import sys
from pathlib import Path

import uvicorn

from contract import INBOX, RECENT_RECIPIENTS
from fixtures import PROFILES
from mocks.api import create_app
from mocks.api.flipper import Gates, parse_value
from mocks.api.toggles import DEFAULTS as TOGGLE_DEFAULTS
from mocks.api.users import name_problem
from mocks.defects import DEFECTS
from mocks.server import build_config


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Each option's default after its help (where it has a value to show); the epilog kept as written."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        default = action.default
        if default is None or default is False or default == [] or default == argparse.SUPPRESS:
            return text
        if "default" in text:
            return text
        return f"{text} (default: %(default)s)"


def serve_epilog() -> str:
    toggles = [f"  {name}  (default {'on' if on else 'off'})" for name, on in TOGGLE_DEFAULTS.items()]
    defects = [f"  {name}: {defect.summary}" for name, defect in DEFECTS.items()]
    return "\n".join(
        [
            f"feature toggles (--toggle NAME=on|off|PCT%, e.g. {RECENT_RECIPIENTS}=25%):",
            *toggles,
            "",
            "seeded defects (--defect NAME, repeatable; on in every session the server creates, so the",
            "stand-in misbehaves for manual exploring; mocks/defects.py says which scenario catches each):",
            *defects,
        ]
    )


def _toggle(text: str) -> tuple[str, Gates]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"--toggle {text!r}: expected NAME=on|off|PCT%")
    try:
        return name, parse_value(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"--toggle {text!r}: {exc}") from None


def _fixtures_user(text: str) -> tuple[str, Path]:
    name, sep, folder = text.partition("=")
    if not sep or not folder:
        raise argparse.ArgumentTypeError(f"{text!r}: expected NAME=DIR")
    if problem := name_problem(name):
        raise argparse.ArgumentTypeError(f"{text!r}: {problem}")
    return name, Path(folder)


def _check_pool(args: argparse.Namespace) -> None:
    """--fixtures-user's combinations: serve's usage errors (exit 2) before anything is loaded."""
    if not args.fixtures_user:
        return
    names = [name for name, _ in args.fixtures_user]
    if twice := sorted({n for n in names if names.count(n) > 1}):
        args.usage_error(f"--fixtures-user: the same NAME twice: {', '.join(twice)}")
    if args.fixtures or args.profile:
        args.usage_error(
            "--fixtures-user serves each user's own folder: it cannot go with --fixtures or --profile"
        )
    if not args.require_sign_in:
        args.usage_error(
            "--fixtures-user: the pool chooses users by the sign-in cookie, so it needs --require-sign-in"
        )


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m mocks", description="Mock vets-api for Secure Messaging")
    sub = p.add_subparsers(dest="command", required=True)
    serve = sub.add_parser(
        "serve",
        help="serve the mock API and the stand-in app",
        description=f"Serve the mock vets-api and the stand-in app; open {INBOX}.",
        epilog=serve_epilog(),
        formatter_class=HelpFormatter,
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=3000, help="port to listen on")
    serve.add_argument(
        "--profile",
        default=None,
        help=f"patient profile: {', '.join(PROFILES)}, or fixtures[:recipients-file-stem] "
        "(default: fixtures with --fixtures, else mixed)",
    )
    serve.add_argument("--fixtures", type=Path, help="folder of vets-website-format fixtures to serve as-is")
    serve.add_argument(
        "--fixtures-user",
        type=_fixtures_user,
        action="append",
        default=[],
        metavar="NAME=DIR",
        help="serve DIR (as --fixtures does) to the user whose vagov_session cookie is NAME or NAME.anything "
        "(repeatable: a pool of users; needs --require-sign-in; not with --fixtures or --profile)",
    )
    serve.add_argument("--seed", type=int, default=0, help="seed of the generated patient")
    serve.add_argument(
        "--recent-teams",
        type=int,
        default=None,
        help="distinct care teams messaged in the last 6 months (default: the profile's)",
    )
    serve.add_argument(
        "--toggle",
        type=_toggle,
        action="append",
        default=[],
        metavar="NAME=on|off|PCT%",
        help="set a feature toggle (repeatable; names and defaults below)",
    )
    serve.add_argument(
        "--defect",
        action="append",
        default=[],
        choices=list(DEFECTS),
        metavar="NAME",
        help="switch on a seeded defect in every session (repeatable; names below)",
    )
    serve.add_argument("--no-control", action="store_true", help="disable /_mock/ (staging-like)")
    serve.add_argument(
        "--require-sign-in",
        action="store_true",
        help="answer 401 to /v0 and /my_health requests without a vagov_session cookie",
    )
    serve.set_defaults(usage_error=serve.error)  # checks across options end as argparse's own do
    export = sub.add_parser(
        "export-fixtures", help="write a patient profile as a vets-website-format fixture folder"
    )
    export.add_argument("--profile", required=True, choices=sorted(PROFILES))
    export.add_argument("--seed", type=int, required=True)
    export.add_argument("--recent-teams", type=int, default=None)
    export.add_argument("folder", type=Path)
    return p


def export(args: argparse.Namespace) -> int:
    from mocks.export import ExportError, export_fixtures

    try:
        written = export_fixtures(args.profile, args.seed, args.folder, args.recent_teams)
    except ExportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {len(written)} files to {args.folder} ({args.profile}, seed {args.seed})")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "export-fixtures":
        return export(args)
    if args.defect and args.no_control:
        # Staging-like serving never shows the stand-in a defect (mocks/api/routes/static.py).
        print("error: --defect needs the control plane: drop --no-control", file=sys.stderr)
        return 2
    _check_pool(args)
    # --fixtures alone serves the folder; otherwise the mixed profile.
    profile = args.profile or ("fixtures" if args.fixtures else "mixed")
    config = build_config(
        profile,
        args.seed,
        args.recent_teams,
        args.fixtures,
        dict(args.toggle),
        not args.no_control,
        args.require_sign_in,
        args.defect,
        dict(args.fixtures_user),
    )
    try:
        app = create_app(config)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    # Names only: the cookie values that sign them in are never printed.
    served = (
        f"users={len(config.fixtures_users)} ({', '.join(config.fixtures_users)})"
        if config.fixtures_users
        else f"profile={profile}"
    )
    print(
        f"mock vets-api: http://{args.host}:{args.port}/  {served} seed={args.seed} "
        f"control={'on' if config.control else 'off'}"
        + (f" defects={','.join(config.defects)}" if config.defects else ""),
        flush=True,
    )
    uvicorn.run(app, host=args.host, port=args.port, log_level="info", access_log=True, lifespan="off")
    return 0


if __name__ == "__main__":
    sys.exit(main())
