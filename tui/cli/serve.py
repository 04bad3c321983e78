"""`tavle serve [--demo] [--no-browser]`: Tavle in a browser window, for a PC without a usable
terminal or for the projector.

The same app runs through textual-serve: each browser tab that connects starts its own `tavle`
process (the same entry point, with the same `--db`, `--demo` and `--lang`, so the database rules
are the same) and ends it when the tab closes. The server listens on 127.0.0.1 only, on a free
port the system chooses, and answers only requests whose path starts with a random token
(`http://127.0.0.1:PORT/TOKEN/`); every other request is refused (403). The page is Tavle's own
(`serve_page/app_index.html`): it loads its font, styles and script from textual-serve's static
folder on this PC, nothing from the internet. ctrl+c in the terminal stops the server and asks
every session's app to quit.

textual-serve and aiohttp are imported only here, and only when the command runs.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from core.i18n import Translator
from core.terminal import in_browser
from tui.cli.out import say

EXIT_OK = 0
EXIT_REFUSED = 2
def served() -> bool:
    """Whether this process is an app that `tavle serve` started for a browser tab."""
    return in_browser(os.environ)


def add_command(parser: argparse.ArgumentParser, tr: Translator) -> None:
    """Add the `serve` subcommand to the `tavle` parser."""
    from tui.cli.subcommand import add_subcommand

    serve = add_subcommand(parser, "serve", tr("serve.cli.help"), tr)
    serve.add_argument("--demo", action="store_true", default=argparse.SUPPRESS,
                       help=tr("cli.demo"))
    serve.add_argument("--no-browser", action="store_true", help=tr("serve.cli.no_browser"))


def app_argv(args: argparse.Namespace, *, executable: str | None = None,
             frozen: bool | None = None) -> list[str]:
    """The command each browser tab's app runs: this `tavle`, with the options of `args`.

    A frozen build (PyInstaller) is its own executable; otherwise the Python running this
    runs the `tavle` module (`python -m tui.cli`), so it works where the scripts folder is not
    on PATH."""
    executable = sys.executable if executable is None else executable
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    argv = [executable] if frozen else [executable, "-m", "tui.cli"]
    if getattr(args, "db", None) is not None:
        argv += ["--db", str(Path(args.db).resolve())]
    if getattr(args, "demo", False):
        argv.append("--demo")
    if getattr(args, "lang", None):
        argv += ["--lang", args.lang]
    return argv


def command_line(argv: Sequence[str], *, windows: bool | None = None) -> str:
    """`argv` as one command line for the shell textual-serve starts it with (`/bin/sh` or
    `cmd.exe`). On Windows every argument is quoted, so spaces and `&` in a path stay in it
    (a path cannot hold a `"`; backslashes before the closing quote are doubled)."""
    windows = os.name == "nt" if windows is None else windows
    if not windows:
        return shlex.join(argv)
    return " ".join('"' + re.sub(r"(\\+)$", r"\1\1", arg) + '"' for arg in argv)


def serve_command(args: argparse.Namespace, tr: Translator, *,
                  open_browser: Callable[[str], bool] | None = None) -> int:
    """Serve Tavle on 127.0.0.1 until ctrl+c; open the page with `open_browser` (the default
    browser when None) unless `--no-browser`."""
    import webbrowser

    from tui.cli.serve_app import TavleServer, free_socket

    try:
        sock = free_socket()
    except OSError:
        say(tr("serve.cli.no_port"), err=True)
        return EXIT_REFUSED
    server = TavleServer(command_line(app_argv(args)), sock, tr,
                         open_browser=None if args.no_browser else open_browser or webbrowser.open)
    try:
        server.serve()
    finally:
        sock.close()
    say(tr("serve.cli.stopped"))
    return EXIT_OK
