#!/usr/bin/env bash
# Make sure a Chromium the harness can drive exists. Playwright's own browser download does not work
# here, so Debian's packages are the default: chromium-headless-shell runs the headless suite (the build
# Playwright itself uses headless; it costs far less CPU than the full browser's headless mode) and
# chromium serves headed runs (--headed, `python -m harness login`). A Playwright-managed browser is
# accepted as a fallback.
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "${CHROMIUM_PATH}" ]; then exit 0; fi
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromium-headless-shell ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian chromium and chromium-headless-shell (apt-get install -y ...)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-headless-shell >/dev/null
  exit 0
fi
# Without root: any one of them is enough (the suite is slower on the full browser alone).
if [ -x /usr/bin/chromium ] || [ -x /usr/bin/chromium-headless-shell ]; then exit 0; fi
if ls "${HOME}"/.cache/ms-playwright/chromium-*/chrome-linux/chrome >/dev/null 2>&1; then exit 0; fi
cat >&2 <<'MSG'
No Chromium found. Install one of:
  - Debian/Ubuntu: sudo apt-get install -y chromium chromium-headless-shell
  - or set CHROMIUM_PATH=/path/to/chrome
  - or, where downloads work: .venv/bin/playwright install chromium
MSG
exit 1
