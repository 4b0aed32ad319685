#!/bin/sh
# Install Chromium from Debian (for screenshots of the rendered vignettes) when
# it is missing. Quick when it is already there. Never fails: without root, sudo
# or apt-get it says what to run and exits 0, and the screenshots are skipped.
set -u

for browser in chromium chromium-browser google-chrome; do
  if command -v "$browser" >/dev/null 2>&1; then
    exit 0
  fi
done

if [ "$(id -u)" -eq 0 ]; then
  SUDO=
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  echo "Chromium is missing; for screenshots of the vignettes, as root run:" >&2
  echo "  apt-get install -y --no-install-recommends chromium" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Chromium is missing and this is not a Debian system: no screenshots." >&2
  exit 0
fi
echo "Installing Chromium from Debian (for screenshots of the vignettes) ..."
if ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
  chromium >/dev/null 2>&1; then
  $SUDO apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    chromium >/dev/null 2>&1 || echo "Could not install Chromium: no screenshots." >&2
fi
exit 0
