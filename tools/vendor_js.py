"""Copy the web pages' JavaScript from ``node_modules/`` into the package, with its licences.

The pages load Vega, Vega-Lite, vega-embed, Cytoscape.js (and ``/docs`` Swagger UI) from
``src/newsgraph/web/static/vendor/`` (no CDN at run time). The versions are pinned in
``package.json`` (and ``package-lock.json``); to update them::

    npm ci                        # or: npm install vega-lite@X --save-exact
    python tools/vendor_js.py     # copies the dist files and licences, writes VERSIONS.txt

The copied files are committed: a user of the Python package never needs npm.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "src" / "newsgraph" / "web" / "static" / "vendor"

FILES = {
    "vega": ["build/vega.min.js"],
    "vega-lite": ["build/vega-lite.min.js"],
    "vega-embed": ["build/vega-embed.min.js"],
    "cytoscape": ["dist/cytoscape.min.js"],
    "swagger-ui-dist": ["swagger-ui-bundle.js", "swagger-ui.css"],
}
"""Each npm package and its browser builds, relative to the package directory."""

LICENCES = ["LICENSE", "NOTICE", "swagger-ui-bundle.js.LICENSE.txt"]
"""Licence files copied (as ``PACKAGE.NAME``) when a package has them."""


def vendor(node_modules: Path = ROOT / "node_modules", target: Path = VENDOR) -> list[str]:
    """Copy each package's browser build and licence into ``target``; return version lines."""
    target.mkdir(parents=True, exist_ok=True)
    lines = []
    for package in FILES:
        home = node_modules / package
        if not home.is_dir():
            raise SystemExit(f"{home}: not installed (run `npm ci` first)")
        version = json.loads((home / "package.json").read_text(encoding="utf-8"))["version"]
        names = []
        for dist in FILES[package]:
            shutil.copyfile(home / dist, target / Path(dist).name)
            names.append(Path(dist).name)
        for licence in LICENCES:
            if (home / licence).is_file():
                shutil.copyfile(home / licence, target / f"{package}.{licence}")
        lines.append(f"{package} {version}: {', '.join(names)} (licence: {package}.LICENSE)")
    (target / "VERSIONS.txt").write_text(
        "Vendored by tools/vendor_js.py from npm; do not edit by hand.\n" + "\n".join(lines) + "\n",
        encoding="utf-8",
    )
    return lines


if __name__ == "__main__":
    for line in vendor():
        sys.stdout.write(line + "\n")
