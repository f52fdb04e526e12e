#!/usr/bin/env bash
# `make evidence`: run the scenarios (features/, not the project's own tests: those are `make test`'s job)
# against the embedded mock and stand-in (pytest-xdist, one mock per worker) with the evidence recorder on,
# build the go/no-go report, add the run to the evidence history, and print the verdict, the key numbers
# and the report's path. Exit 0 for GO / GO WITH RISK, 1 for NO-GO, 2 when no report could be built.
#
#   EVIDENCE_ARGS="--defect wrong_success_text"   switch on a seeded fault (the verdict turns NO-GO)
#   EVIDENCE_ARGS="--stage=C"                           judge another rollout stage (default: go-no-go.toml)
#   EVIDENCE_ARGS="--compare=old/summary.json"          new / fixed / persistent findings against a run
#   EVIDENCE_ARGS="--evidence-history=DIR"              earlier runs' summaries (default: reports/evidence-history)
#   EVIDENCE_DIR=reports/evidence  WORKERS=2
set -uo pipefail
cd "$(dirname "$0")/.."

DIR="${EVIDENCE_DIR:-reports/evidence}"
WORKERS="${WORKERS:-2}"
# `--opt=value` in one word: options from conftest plugins are unknown when pytest picks its rootdir, so a
# separate value would be taken for a test path. EVIDENCE_ARGS is a list of options, split on purpose.
# shellcheck disable=SC2086
.venv/bin/python -m pytest -n "$WORKERS" --evidence --evidence-dir="$DIR" \
  --tracing retain-on-failure -q -rN --no-header ${EVIDENCE_ARGS:-} features
pytest_status=$?

echo
echo "================ go/no-go evidence ================"
.venv/bin/python -m harness.evidence show --dir "$DIR"
verdict_status=$?
if [ "$verdict_status" -eq 2 ]; then
  echo "pytest exited $pytest_status and no report was built" >&2
fi
exit "$verdict_status"
