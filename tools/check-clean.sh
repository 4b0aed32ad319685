#!/bin/sh
# Fail when R CMD check reported an ERROR or a WARNING; show the NOTEs.
log="$1"
status=$(grep '^Status:' "$log" || true)
echo "R CMD check: ${status:-no status line}"
grep -B1 -A6 'NOTE$' "$log" || true
case "$status" in
  "" | *ERROR* | *WARNING*) exit 1 ;;
esac
