#!/usr/bin/env bash
# Makes .venv hold what requirements/<site|test>.txt pins, every file checked against its hash, and the project itself
# (editable, so edits take effect at once). A venv because the system's Python may refuse pip (PEP 668: Debian, Ubuntu
# and Homebrew mark theirs "externally managed"). Does nothing when the lock and pyproject.toml are unchanged since
# the last install. Called by scripts/site-builder (site) and scripts/test.sh (test).
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:?usage: bash scripts/venv.sh site|test}
lock=requirements/$which.txt
venv=.venv
[ -f "$lock" ] || { echo "error: $lock not found: write site or test" >&2; exit 2; }

new_enough() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; }

if ! new_enough "$venv/bin/python"; then
  # First run, or .venv's Python was removed or upgraded away: (re)make it.
  py=""
  for candidate in ${PYTHON:-} python3 python3.13 python3.12 python3.11; do
    if command -v "$candidate" >/dev/null 2>&1 && new_enough "$candidate"; then py=$candidate; break; fi
  done
  if [ -z "$py" ]; then
    echo "error: site-builder needs Python 3.11 or newer, and python3 is $(python3 -V 2>&1 || echo missing):" \
         "install one (Debian/Ubuntu: apt-get install python3; macOS: python.org or brew install python)," \
         "or name it with PYTHON=/path/to/python3.12" >&2
    exit 1
  fi
  # Debian and Ubuntu ship venv's pip bootstrap (ensurepip) as a separate package.
  if ! "$py" -c 'import ensurepip, venv' 2>/dev/null; then
    echo "error: $(command -v "$py") cannot make a virtual environment: run 'sudo apt-get install python3-venv', then this again" >&2
    exit 1
  fi
  [ -e "$venv" ] && echo "Remaking $venv: its Python is missing or older than 3.11"
  rm -rf "$venv"
  echo "Making $venv with $(command -v "$py") ($("$py" -V 2>&1))"
  "$py" -m venv "$venv"
fi

digest() { "$venv/bin/python" -c 'import hashlib, sys; print(hashlib.sha256(b"".join(open(f, "rb").read() for f in sys.argv[1:])).hexdigest())' "$@"; }
want=$(digest "$lock" pyproject.toml)
[ "$(cat "$venv/.installed-$which" 2>/dev/null)" = "$want" ] && exit 0

echo "Installing the pinned packages of $lock into $venv"
pip=("$venv/bin/python" -m pip --disable-pip-version-check --no-input -q)
"${pip[@]}" install --require-hashes -r "$lock"
# The project itself: its dependencies are all in the lock, and setuptools (the build backend) is too, so nothing
# is fetched unpinned (no build isolation).
"${pip[@]}" install --no-deps --no-build-isolation -e .
# --no-deps trusts the lock: a dependency added to pyproject.toml but not yet locked shows up here, not as an ImportError.
if ! problems=$("$venv/bin/python" -m pip --disable-pip-version-check check 2>&1); then
  echo "error: $lock does not match pyproject.toml: run 'bash scripts/lock.sh', then this again"$'\n'"$problems" >&2
  exit 1
fi
echo "$want" > "$venv/.installed-$which"
# test.txt pins the site's packages at the same versions (scripts/lock.sh), so it covers site.txt too.
[ "$which" = test ] && digest requirements/site.txt pyproject.toml > "$venv/.installed-site"
exit 0
