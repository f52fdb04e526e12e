"""`python -m harness.evidence build [--dir D] [--compare OLD.json] [--stage C] [--gate]`: rebuild the
report from recorded evidence, without rerunning anything.

`python -m harness.evidence merge --out D SHARD_DIR...`: join the evidence of `pytest --shard K/N` runs
into D and build one report and one verdict from it (a missing or repeated shard is an error)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from harness.evidence.build import build, verdict_lines
from harness.evidence.criteria import CriteriaError
from harness.evidence.merge import merge, write_durations
from harness.evidence.store import EvidenceDataError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m harness.evidence")
    sub = parser.add_subparsers(dest="command", required=True)
    cmd = sub.add_parser("build", help="build the go/no-go report from recorded evidence")
    cmd.add_argument(
        "--dir", default="reports/evidence", help="evidence directory (default: reports/evidence)"
    )
    cmd.add_argument("--root", default=".", help="where go-no-go.toml and the other config files are")
    cmd.add_argument("--compare", default=None, help="an earlier summary.json to compare with")
    cmd.add_argument(
        "--stage", default=None, type=str.upper, choices=list("ABCDE"), help="rollout stage to judge"
    )
    cmd.add_argument("--gate", action="store_true", help="exit 1 when the verdict is NO-GO")
    cmd.add_argument(
        "--history", default=None, type=Path, help="the evidence history (default: beside --dir, DIR-history)"
    )
    joined = sub.add_parser("merge", help="merge shards' evidence directories into one report")
    joined.add_argument("shards", nargs="+", type=Path, help="the evidence directory of each shard")
    joined.add_argument("--out", default="reports/evidence", help="the merged report's directory")
    joined.add_argument("--root", default=".", help="where go-no-go.toml and the other config files are")
    joined.add_argument(
        "--stage", default=None, type=str.upper, choices=list("ABCDE"), help="rollout stage to judge"
    )
    joined.add_argument("--gate", action="store_true", help="exit 1 when the verdict is NO-GO")
    show = sub.add_parser("show", help="print the verdict and key numbers of a built report")
    show.add_argument("--dir", default="reports/evidence", help="evidence directory")
    args = parser.parse_args(argv)

    if args.command == "show":
        return _show(Path(args.dir))
    if args.command == "merge":
        return _merge(args.shards, Path(args.out), Path(args.root), args.stage, args.gate)

    baseline = None
    if args.compare:
        try:
            baseline = json.loads(Path(args.compare).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            print(f"--compare {args.compare}: not a readable summary.json ({exc})", file=sys.stderr)
            return 2
    try:
        summary = build(
            Path(args.dir),
            root=Path(args.root),
            stage=args.stage,
            baseline=baseline,
            history_dir=args.history,
        )
    except (CriteriaError, EvidenceDataError) as exc:
        print(f"evidence: {exc}", file=sys.stderr)
        return 2
    print("\n".join(verdict_lines(summary, Path(args.dir))))
    return 1 if args.gate and summary["verdict"] == "NO-GO" else 0


def _merge(shards: list[Path], out: Path, root: Path, stage: str | None, gate: bool) -> int:
    try:
        run = merge(shards, out)
        durations = write_durations(run, out)
        summary = build(out, root=root, stage=stage)
    except (CriteriaError, EvidenceDataError) as exc:
        print(f"evidence merge: {exc}", file=sys.stderr)
        return 2
    count = len(run["scenarios"])
    print(f"merged {len(shards)} shards into {out} ({count} scenarios; durations: {durations})")
    print("\n".join(verdict_lines(summary, out)))
    return 1 if gate and summary["verdict"] == "NO-GO" else 0


def _show(directory: Path) -> int:
    """Exit 0 for GO and GO WITH RISK, 1 for NO-GO, 2 when there is no report."""
    try:
        summary = json.loads((directory / "summary.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        print(f"evidence: no report in {directory} ({exc})", file=sys.stderr)
        return 2
    print("\n".join(verdict_lines(summary, directory)))
    return 1 if summary.get("verdict") == "NO-GO" else 0


if __name__ == "__main__":
    sys.exit(main())
