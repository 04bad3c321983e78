"""Numbers as users type them: a decimal comma or point, thousands separated by a point or a
space ("1.234,5", "12.5", "1 234"), and back.

`parse_number` is the one reader of a typed number; every screen and file reader uses it (amounts
with "kr." or "mio." add their words in `core.closing.benefits`).
"""

from __future__ import annotations

from decimal import Decimal

from core.errors import InvalidError
from core.i18n import Translator


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


def typed_number(value: float | None, tr: Translator) -> str:
    """A stored number as the user would type it into a field to edit it: the language's
    decimal sign, no thousands sign and no rounding (the shortest text that is the same
    float), so that `parse_number` reads back the very number (a shown "1.500" would read
    as 1,5)."""
    if value is None:
        return ""
    text = format(Decimal(repr(float(value))), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.replace(".", tr("format.decimal"))
