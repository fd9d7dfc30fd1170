"""Screenshots of the documentation site in a real browser (headless Chromium), for review.

Usage (needs the docs extra and a Chromium; on Debian/Ubuntu: ``apt-get install chromium``)::

    mkdocs build --strict -d /tmp/site
    python scripts/screenshots.py /tmp/site docs-screenshots/

It opens the pages an adviser reads first -- the Dutch getting-started page, a catalog page, the
adviser notebook and the API reference -- at a laptop width (1366 × 900) and writes one PNG per
page, so a reviewer can see that tables fit, ids do not break mid-word, amounts keep their
``€`` and the notebook shows its outputs. It exits with status 2 when no Chromium is found.
The test suite does not run it (no browser on CI); run it before a docs release.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

PAGES = {
    "aan-de-slag": "aan-de-slag/index.html",
    "catalogus-haaglanden": "catalogs/haaglanden/2023-07/index.html",
    "notebook-adviseur": "notebooks/adviser/index.html",
    "api": "api/index.html",
}
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "chrome", "headless_shell")


def browser() -> str | None:
    return next((p for b in BROWSERS if (p := shutil.which(b))), None)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    site, out = Path(argv[0]).resolve(), Path(argv[1])
    exe = browser()
    if exe is None:
        print("no Chromium found (apt-get install chromium)", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    for name, page in PAGES.items():
        target = site / page
        if not target.is_file():
            print(f"missing page: {target}", file=sys.stderr)
            return 2
        png = out / f"{name}.png"
        subprocess.run(
            [exe, "--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars",
             "--window-size=1366,900", f"--screenshot={png.resolve()}", target.as_uri()],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        print(png)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
