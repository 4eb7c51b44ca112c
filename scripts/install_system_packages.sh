#!/usr/bin/env bash
# Install the Debian packages that the browser tests need (Chromium), only when they are missing.
# Called by `make test`. Without root or passwordless sudo it prints what is missing and goes on; the browser
# tests then skip with that reason (and fail under CI, where everything must be installed).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ ${#need[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "wijklib: geen apt-get; installeer zelf: ${need[*]} (browsertests worden anders overgeslagen)" >&2
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo="sudo"
else
  echo "wijklib: ${need[*]} ontbreekt en kan zonder root niet worden geïnstalleerd:" >&2
  echo "         sudo apt-get install ${need[*]}   (browsertests worden anders overgeslagen)" >&2
  exit 0
fi
echo "wijklib: installeer Debian-pakketten: ${need[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
