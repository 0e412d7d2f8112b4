#!/usr/bin/env bash
# Installs everything the test suite needs, then runs it (arguments go to pytest).
# Python packages from PyPI; from Debian, only when missing: Chromium (browser tests), Noto CJK fonts
# (Japanese in charts and screenshots) and LibreOffice Calc (opening the CSVs as a citizen would).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -q "Noto Sans CJK" || need+=(fonts-noto-cjk)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
if ((${#need[@]})); then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "Installing from Debian: ${need[*]}"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

python3 -m pip install -q --disable-pip-version-check -e '.[test]'
python3 -m pytest "$@"
