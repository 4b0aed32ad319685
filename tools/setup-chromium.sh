#!/bin/sh
# Install Chromium and its WebDriver from Debian (chromium, chromium-driver)
# when either is missing: the screenshots of the rendered vignettes need the
# browser, the browser test of the website (make test-site) needs both.
# Quick when both are there. Never fails: without root, sudo or apt-get it
# says what to run and exits 0; the screenshots are then skipped, and the
# browser test fails, saying what is missing.
set -u

have_browser() {
  for browser in chromium chromium-browser google-chrome; do
    if command -v "$browser" >/dev/null 2>&1; then
      return 0
    fi
  done
  return 1
}

if have_browser && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  echo "Chromium or chromedriver is missing; for screenshots of the vignettes and" >&2
  echo "the browser test of the website, as root run:" >&2
  echo "  apt-get install -y --no-install-recommends chromium chromium-driver" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Chromium or chromedriver is missing and this is not a Debian system:" >&2
  echo "no screenshots, and the browser test of the website cannot run." >&2
  exit 0
fi
echo "Installing Chromium and chromedriver from Debian ..."
if ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
  chromium chromium-driver >/dev/null 2>&1; then
  $SUDO apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    chromium chromium-driver >/dev/null 2>&1 \
    || echo "Could not install Chromium and chromedriver." >&2
fi
exit 0
