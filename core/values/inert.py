"""Text made safe to print to a terminal: no character in it can steer the terminal.

Text that came from a received file or from the database (a unit's or project's name, a record's
label, the text around a CPR hit) may hold characters a terminal obeys instead of showing: ESC
sequences that clear the screen, set the window title or move the cursor (`\\x1b[2J`,
`\\x1b]0;…\\x07`, `\\x1b[1A\\x1b[2K`), a bare carriage return or backspace that writes over
what was printed, the one-byte C1 CSI (`\\x9b`), and bidi controls that show text in another
order than it is stored (U+202E and friends, "Trojan Source").

- `HIDDEN`: those characters: every C0 and C1 control (Unicode category Cc, which holds DEL,
  and tab and newline too), and the bidi embeddings, overrides and isolates U+202A–U+202E and
  U+2066–U+2069 (not the marks U+200E, U+200F, U+061C, which right-to-left text may hold).
- `has_hidden(text)`: whether a text holds any (a received file's header is refused then,
  `core.sync.fileformat`; the exporter writes its names inert, so Tavle never sends one).
- `inert(text)`: the text with each of them replaced by `PLACEHOLDER`, so it shows where
  something was; `keep_newlines=True` keeps "\\n" (for a whole message of several lines).

Pure, no Textual: the command line (`tui.cli`) prints every message through `inert`.
"""

from __future__ import annotations

import re

PLACEHOLDER = "?"
"""What stands in for a hidden character: visible, and printable in any console encoding."""

_BIDI = "\u202a-\u202e\u2066-\u2069"
HIDDEN = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")
"""C0 controls, DEL, C1 controls (all of Unicode category Cc) and the bidi controls."""
_HIDDEN_BUT_NEWLINE = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{_BIDI}]")


def has_hidden(text: str) -> bool:
    """Whether `text` holds a control character or a bidi control (see `HIDDEN`)."""
    return HIDDEN.search(text) is not None


def inert(text: str, *, keep_newlines: bool = False) -> str:
    """`text` with every control character and bidi control replaced by `PLACEHOLDER`.

    With `keep_newlines`, "\\n" stays (a message of several lines); a bare "\\r" never does.
    """
    pattern = _HIDDEN_BUT_NEWLINE if keep_newlines else HIDDEN
    return pattern.sub(PLACEHOLDER, text)
