"""Order keys: strings that sort things, with room to insert between two without renumbering.

The scheme: a key is a string of decimal digits read as the fraction after "0." ("0010" is
0.0010, "00105" is 0.00105). For such keys, string order is fraction order, so a list sorts by
(key, id) with plain SQL. `key_between(a, b)` returns a key strictly between two keys: the
midpoint at the keys' length, one digit longer when they are neighbours ("0010", "0011" ->
"00105"). Appending after the last key steps by 10 at its length ("0120" -> "0130") while
there is room, so keys stay short and look like the demo's. A key may not exceed
`MAX_LENGTH`; when no key fits (keys equal as fractions, too long, or not digits), the caller
renumbers the list with `spaced_keys`.
"""

from __future__ import annotations

MAX_LENGTH = 64
"""The longest key the models accept (`OrderKey`)."""
WIDTH = 4
"""The length of fresh keys: "0010", "0020", ..."""
STEP = 10
"""The gap between fresh keys and after the last one."""


def key_between(before: str | None, after: str | None) -> str | None:
    """Return a key sorting strictly after `before` and before `after` (None: open end).

    Returns None when no key of at most `MAX_LENGTH` digits fits, or a key is not digits.
    """
    if (before and not before.isdigit()) or (after and not after.isdigit()):
        return _append_fallback(before) if after is None else None
    low_text = before or ""
    length = max(len(low_text), len(after or ""), WIDTH)
    low = int(low_text.ljust(length, "0"))
    high = int(after.ljust(length, "0")) if after is not None else 10**length
    if after is None and low + STEP < high:
        return str(low + STEP).zfill(length)
    if high <= low:
        return None
    while high - low < 2:
        length += 1
        low, high = low * 10, high * 10
        if length > MAX_LENGTH:
            return None
    middle = (low + high) // 2
    return str(middle).zfill(length)


def _append_fallback(before: str | None) -> str | None:
    """A key after a non-digit key: the key with a digit added (a prefix sorts first)."""
    key = f"{before or ''}5"
    return key if len(key) <= MAX_LENGTH else None


def spaced_keys(count: int) -> list[str]:
    """Fresh, evenly spaced keys for renumbering a whole list ("0010", "0020", ...)."""
    length = max(WIDTH, len(str(count * STEP)) + 1)
    return [str((index + 1) * STEP).zfill(length) for index in range(count)]
