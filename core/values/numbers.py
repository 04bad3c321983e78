"""Numbers as users type them: a decimal comma or point, thousands separated by a point or a
space ("1.234,5", "12.5", "1 234"), and back.

`parse_number` is the one reader of a typed number; every screen and file reader uses it (amounts
with "kr." or "mio." add their words in `core.closing.benefits`).
"""

from __future__ import annotations

from core.errors import InvalidError


def parse_number(text: str, field_name: str = "target") -> float | None:
    """Read a number typed with a decimal comma or point ("1.234,5", "12.5"); empty is None.

    Raise `InvalidError` on `field_name` when the text is not a finite number."""
    text = text.strip().replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        raise InvalidError([(field_name, "error.float_parsing", {})]) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise InvalidError([(field_name, "error.finite_number", {})])
    return value
