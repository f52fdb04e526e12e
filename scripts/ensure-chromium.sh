#!/usr/bin/env bash
# Make sure a Chromium the harness can drive exists. Playwright's own browser download does not work
# here, so Debian's chromium is the default; a Playwright-managed browser is accepted as a fallback.
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "${CHROMIUM_PATH}" ]; then exit 0; fi
if [ -x /usr/bin/chromium ]; then exit 0; fi
if ls "${HOME}"/.cache/ms-playwright/chromium-*/chrome-linux/chrome >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian chromium (apt-get install -y chromium)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
cat >&2 <<'MSG'
No Chromium found. Install one of:
  - Debian/Ubuntu: sudo apt-get install -y chromium   (gives /usr/bin/chromium)
  - or set CHROMIUM_PATH=/path/to/chrome
  - or, where downloads work: .venv/bin/playwright install chromium
MSG
exit 1
