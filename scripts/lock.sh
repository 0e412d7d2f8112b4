#!/usr/bin/env bash
# Re-pins requirements/site.txt (the builder) and requirements/test.txt (the builder and its tests), every package with
# its hashes, for Linux, macOS and Windows and every Python from 3.11 (uv's universal resolution), so that pip installs
# the same files everywhere and refuses anything else. Current pins are kept; `--upgrade` moves all of them to the
# newest releases, `--upgrade-package NAME` one. Then run `bash scripts/test.sh` and commit both files.
set -euo pipefail
cd "$(dirname "$0")/.."

tool=.cache/lock-tool  # uv, in a venv of its own: it is not part of the project
[ -x "$tool/bin/uv" ] || { python3 -m venv "$tool" && "$tool/bin/python" -m pip install -q --disable-pip-version-check 'uv==0.13.9'; }

# setuptools too ([build-system] requires): the editable install then builds with a pinned backend, not whatever is newest.
build_system() { "$tool/bin/python" -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"], sep="\n")'; }
common=(--universal --python-version 3.11 --generate-hashes --quiet --custom-compile-command "bash scripts/lock.sh")

build_system | "$tool/bin/uv" pip compile pyproject.toml - --extra test "${common[@]}" "$@" -o requirements/test.txt
# The site's pins are the test pins (-c), so both commands install the same version of every package they share.
build_system | "$tool/bin/uv" pip compile pyproject.toml - -c requirements/test.txt "${common[@]}" -o requirements/site.txt
echo "requirements/site.txt: $(grep -c '==' requirements/site.txt) packages; requirements/test.txt: $(grep -c '==' requirements/test.txt)"
