"""Whether the terminal Tavle runs in can show and take what Tavle needs.

The Windows console host (conhost, the window Windows 10 opens for a console program) has no
bracketed paste – a block pasted from Excel arrives as keystrokes – and its default fonts have
no braille glyphs, so a run chart's line shows as boxes. Windows Terminal (which sets
`WT_SESSION`) and the terminal of VS Code (`TERM_PROGRAM=vscode`) have both, and so does a
browser tab of `tavle serve` (Textual's web driver turns bracketed paste on; the page's font has
braille). The check is a pure function of the platform and the environment, so a test passes
fakes.
"""

from __future__ import annotations

from collections.abc import Mapping

CHART_MARKERS: tuple[str, ...] = ("auto", "braille", "ascii")
"""The chart marker settings: "auto" draws ASCII on the console host and braille elsewhere."""


WEB_DRIVER = "textual.drivers.web_driver:WebDriver"
"""The driver textual-serve names in `TEXTUAL_DRIVER` for the app processes it starts."""


def in_browser(environ: Mapping[str, str]) -> bool:
    """Whether this process is an app that `tavle serve` started for a browser tab."""
    return environ.get("TEXTUAL_DRIVER") == WEB_DRIVER


def console_host(platform: str, environ: Mapping[str, str]) -> bool:
    """Whether Tavle runs in the Windows console host rather than a terminal that can paste
    a block whole and show braille (`platform` as `sys.platform`, `environ` as `os.environ`)."""
    if platform != "win32" or in_browser(environ):
        return False
    if environ.get("WT_SESSION"):
        return False
    return environ.get("TERM_PROGRAM", "").lower() != "vscode"


def ascii_markers(choice: str, on_console_host: bool) -> bool:
    """Whether charts are drawn with ASCII markers: chosen so ("ascii"), or "auto" on the
    Windows console host."""
    return choice == "ascii" or (choice == "auto" and on_console_host)
