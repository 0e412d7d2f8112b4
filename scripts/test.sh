#!/usr/bin/env bash
# Installs everything the test suite needs, then runs it (arguments go to pytest: bash scripts/test.sh tests/test_cli.py -q).
# Python packages: into .venv, exactly as requirements/test.txt pins them (scripts/venv.sh). From Debian, only when
# missing: Chromium (browser tests), Noto CJK fonts (Japanese in charts and screenshots), LibreOffice Calc (opening
# the CSVs as a citizen would) and python3-venv (the system Python's venv, a package of its own on Debian and Ubuntu).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# grep reads to the end (no -q): a grep that stops early kills fc-list with SIGPIPE, which pipefail counts as "missing".
fc-list 2>/dev/null | grep "Noto Sans CJK" >/dev/null || need+=(fonts-noto-cjk)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
[ -x .venv/bin/python ] || python3 -c 'import ensurepip, venv' 2>/dev/null || need+=(python3-venv)
if ((${#need[@]})); then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    echo "Installing from Debian: ${need[*]}"
    $sudo apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "warning: not found: ${need[*]} (Debian package names); tests that need them will fail and say what is missing" >&2
  fi
fi

bash scripts/venv.sh test
# Every core (pytest-xdist); a file's tests stay together, so its module fixtures are made once. Say -n 0 to run serially.
exec .venv/bin/python -m pytest -n auto --dist loadfile "$@"
