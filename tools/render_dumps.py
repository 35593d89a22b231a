"""Render HTML pages as text the way people save them: lynx, w3m, links, elinks, html2text.

Used by ``tools/train_textdump.py`` (training data for the page-dump line model) and
``benchmarks/textdump_tools.py`` (scoring the reader on every tool's dumps). The tools are
Debian packages (``apt-get install lynx w3m links elinks html2text``). Each command is the
tool's plain ``-dump`` at its default width, told the page is UTF-8 where the tool would
otherwise guess from the locale; ``html2text`` runs as people run it, with no options, so its
output is UTF-8 read as Latin-1 (mojibake), which the reader repairs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

UTF8 = ["-assume_charset=utf-8", "-display_charset=utf-8"]
TOOLS: dict[str, list[str]] = {
    "lynx": ["lynx", "-dump", "-force_html", *UTF8, "-width=1000", "{page}"],
    "lynx-80": ["lynx", "-dump", "-force_html", *UTF8, "{page}"],
    "w3m": ["w3m", "-dump", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8", "{page}"],
    "html2text": ["html2text", "{page}"],
    "links": ["links", "-dump", "-codepage", "utf-8", "{page}"],
    "elinks": ["elinks", "-dump", "-dump-charset", "utf-8", "{page}"],
}
"""Each tool's command; ``lynx`` is the AEB's width-1000 rendering, ``lynx-80`` lynx's default."""


def installed(tool: str) -> bool:
    """Return whether the program behind ``tool`` is on the PATH."""
    return tool in TOOLS and shutil.which(TOOLS[tool][0]) is not None


def render(tool: str, html: bytes, timeout: float = 60) -> str:
    """Return the page ``html`` as ``tool`` prints it (empty text when the tool fails).

    The text is decoded as UTF-8 with replacement, as the tools were told to write it.
    """
    with tempfile.TemporaryDirectory(prefix="newsgraph-render-") as home:
        page = Path(home) / "page.html"
        page.write_bytes(html)
        command = [part.replace("{page}", str(page)) for part in TOOLS[tool]]
        env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "HOME": home}
        try:
            done = subprocess.run(
                command, capture_output=True, timeout=timeout, check=False, env=env
            )
        except subprocess.TimeoutExpired:
            return ""
    return done.stdout.decode("utf-8", "replace")
