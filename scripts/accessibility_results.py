"""Run the browser tests and record their results in data/accessibility-results.yaml.

The accessibility policy page (/accessibility/) renders that file, so the published results are the
tests' own output, never typed by hand. Run it after changing templates, styles or content, then
rebuild the site and commit the file:

    python scripts/accessibility_results.py && site-builder build

Results are written only when the run covered every page, whether or not all tests passed:
the page reports failures as they are.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "data" / "accessibility-results.yaml"


def main() -> int:
    env = dict(os.environ, SITE_A11Y_RESULTS=str(RESULTS))
    code = subprocess.call([sys.executable, "-m", "pytest", "tests/browser", "-q", "-p", "no:cacheprovider",
                            *sys.argv[1:]], cwd=ROOT, env=env)
    print(f"results: {RESULTS.relative_to(ROOT)}" + ("" if code == 0 else f" (pytest exit code {code})"))
    return code


if __name__ == "__main__":
    sys.exit(main())
