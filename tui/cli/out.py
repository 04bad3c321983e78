"""Everything the `tavle` command prints goes through `say`: text from a received file or the
database (a unit's or project's name, a record's label, the text around a CPR hit, a file name)
is made inert first (`core.values.inert`), so no character in it can steer the terminal (clear
the screen, set the window title, write over a line, reorder the text). Newlines stay.
"""

from __future__ import annotations

import sys

from core.values.inert import inert


def say(text: str = "", *, err: bool = False) -> None:
    """Print `text` (one line or several) on stdout, or on stderr with `err`, made inert."""
    print(inert(text, keep_newlines=True), file=sys.stderr if err else sys.stdout)
