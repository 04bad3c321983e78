"""What a key hint looks like in a text that leaves the screen (a report, the minutes, a
presentation page): words a keyboard user reads, and a reader of the file or the projector has
no use for ("tryk a", "press k", "med G på projektet", "(v)", "ctrl+s", "Enter")."""

from __future__ import annotations

import re

HINTS = re.compile("|".join((
    r"(?i:\b(?:tryk|trykk|press|tast|tasten|taste)\s)",
    r"(?i:\b(?:ctrl|shift|alt)\+)",
    r"\b(?:Enter|Esc|PgUp|PgDn)\b",
    r"\b(?:med|with|using) [A-Za-z](?: (?:og|and) [A-Za-z])?(?= (?:på|on|i|in)\b)",
    r"\b(?:med|with) [A-Z](?=[ .,;)])",
    r"\((?:[A-Za-z]|F\d{1,2})(?:\)|\s(?:på|on|i|in)\b)",
)))
"""Patterns of a key hint: "tryk ", "press ", "trykk ", "ctrl+", "Enter", "med G ", "with g and d
on", a single key in parentheses ("(v)", "(m på projektet)")."""


def key_hints(text: str) -> list[str]:
    """The lines of `text` that carry a key hint."""
    return [line for line in text.splitlines() if HINTS.search(line)]
