"""Find what looks like a Danish CPR number or a Norwegian fødselsnummer in free text.

`find_numbers(text)` returns a `NumberHit` per number found, with its position, its kind and
the text around it with every number masked ("Borger 010190-**** ringede"). `mask_numbers(text)`
masks them all. Nothing here ever returns the number itself in full, except `NumberHit.digits`
(kept for telling hits apart; never shown).

What counts (decided for the guard; see tests/core/sync/test_cpr_scanner.py):

- **CPR** (Denmark): `ddmmåå-xxxx` or `ddmmååxxxx` (the dash may also be an en dash, as Word
  and Outlook write it). The date must be real in the century the 7th digit gives (CPR's rules:
  0–3 → 1900s; 4 and 9 → 2000s up to 36, else 1900s; 5–8 → 2000s up to 57, else 1800s), so
  290200-1234 is not a number but 290200-4234 is (2000 was a leap year), and 310290-1234
  never is. The modulus-11 check is not required: CPR stopped guaranteeing it in 2007.
  Replacement numbers (day + 60) are not treated as CPR numbers.
- **Fødselsnummer** (Norway): 11 digits `ddmmååiiikk` (or `ddmmåå iiikk` with one space) whose
  two control digits are both valid, with a real date in the century the individual number
  gives. D-numbers (day + 40) and H-numbers (month + 40, used in health services, which
  municipalities run) are included; synthetic test numbers (month + 80) are not.
- **Not part of a longer number**: no digit, and no dash followed by a digit, right before or
  after it. Phone numbers (+45 12 34 56 78, 12345678), case numbers (2026-123456) and ISO
  dates (2026-11-24) are therefore not hits.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from enum import StrEnum

CONTEXT_CHARS = 30
"""How many characters of text are shown on either side of a hit."""
MASK = "*"

_DASHES = "-\u2013"
_EDGE_BEFORE = rf"(?<![0-9])(?<![0-9][{_DASHES}])"
_EDGE_AFTER = rf"(?![0-9])(?![{_DASHES}][0-9])"
_CPR = re.compile(rf"{_EDGE_BEFORE}([0-9]{{6}})([{_DASHES}]?)([0-9]{{4}}){_EDGE_AFTER}")
_FNR = re.compile(rf"{_EDGE_BEFORE}([0-9]{{6}})( ?)([0-9]{{5}}){_EDGE_AFTER}")
_SPACES = re.compile(r"\s+")

_FNR_WEIGHTS_1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_FNR_WEIGHTS_2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


class NumberKind(StrEnum):
    """What a hit looks like (the catalogs name it: `cpr.kind.<value>`)."""

    CPR = "cpr"
    FNR = "fnr"


@dataclass(frozen=True)
class NumberHit:
    """One number found in a text: where (`start`, `end`), what, and the masked text around it."""

    start: int
    end: int
    kind: NumberKind
    context: str
    """The text around the number, every number in it masked, white space collapsed."""
    masked: str
    """The number with all but its date masked ("010190-****")."""
    digits: str = field(repr=False, compare=False)
    """The number's digits (to tell hits apart); never shown."""


def _real_date(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def cpr_year(yy: int, seventh: int) -> int:
    """The full birth year of a CPR number from its two-digit year and its 7th digit."""
    if seventh <= 3:
        return 1900 + yy
    if seventh in (4, 9):
        return (2000 if yy <= 36 else 1900) + yy
    return (2000 if yy <= 57 else 1800) + yy


def is_cpr(digits: str) -> bool:
    """Whether ten digits form a CPR number with a real date (no modulus-11 check)."""
    if len(digits) != 10 or not digits.isascii() or not digits.isdigit():
        return False
    day, month, yy = int(digits[:2]), int(digits[2:4]), int(digits[4:6])
    return _real_date(cpr_year(yy, int(digits[6])), month, day)


def fnr_year(yy: int, individual: int) -> int | None:
    """The full birth year of a fødselsnummer from its year and individual number (or None)."""
    if individual <= 499:
        return 1900 + yy
    if individual >= 500 and yy <= 39:
        return 2000 + yy
    if 500 <= individual <= 749 and yy >= 54:
        return 1800 + yy
    if individual >= 900 and yy >= 40:
        return 1900 + yy
    return None


def _control(digits: str, weights: tuple[int, ...]) -> int | None:
    rest = 11 - sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11
    if rest == 11:
        return 0
    return None if rest == 10 else rest


def is_fnr(digits: str) -> bool:
    """Whether eleven digits form a Norwegian fødselsnummer, D-number or H-number."""
    if len(digits) != 11 or not digits.isascii() or not digits.isdigit():
        return False
    if _control(digits[:9], _FNR_WEIGHTS_1) != int(digits[9]):
        return False
    if _control(digits[:10], _FNR_WEIGHTS_2) != int(digits[10]):
        return False
    day, month, yy = int(digits[:2]), int(digits[2:4]), int(digits[4:6])
    if day > 40:
        day -= 40  # D-number
    if month > 40:
        month -= 40  # H-number
    year = fnr_year(yy, int(digits[6:9]))
    return year is not None and _real_date(year, month, day)


def _candidates(text: str) -> list[tuple[int, int, NumberKind, str, str]]:
    """(start, end, kind, digits, separator) of every number, by position, not overlapping."""
    found: list[tuple[int, int, NumberKind, str, str]] = []
    for match in _CPR.finditer(text):
        digits = match[1] + match[3]
        if is_cpr(digits):
            found.append((match.start(), match.end(), NumberKind.CPR, digits, match[2]))
    for match in _FNR.finditer(text):
        digits = match[1] + match[3]
        if is_fnr(digits):
            found.append((match.start(), match.end(), NumberKind.FNR, digits, match[2]))
    found.sort()
    kept: list[tuple[int, int, NumberKind, str, str]] = []
    for item in found:
        if not kept or item[0] >= kept[-1][1]:
            kept.append(item)
    return kept


def _masked(digits: str, separator: str) -> str:
    return digits[:6] + separator + MASK * (len(digits) - 6)


def mask_numbers(text: str) -> str:
    """`text` with every CPR number and fødselsnummer masked (the date part kept)."""
    parts: list[str] = []
    last = 0
    for start, end, _kind, digits, separator in _candidates(text):
        parts += [text[last:start], _masked(digits, separator)]
        last = end
    return "".join(parts) + text[last:]


def _context(text: str, start: int, end: int) -> str:
    before_at = max(0, start - CONTEXT_CHARS)
    after_at = min(len(text), end + CONTEXT_CHARS)
    # Widen to whole numbers at the edges, so a number cut in two is still masked.
    while before_at > 0 and text[before_at - 1].isdigit():
        before_at -= 1
    while after_at < len(text) and text[after_at].isdigit():
        after_at += 1
    shown = mask_numbers(text[before_at:after_at])
    shown = _SPACES.sub(" ", shown).strip()
    return ("…" if before_at > 0 else "") + shown + ("…" if after_at < len(text) else "")


_SIX_DIGITS = re.compile(r"\d{6}")


def find_numbers(text: str) -> list[NumberHit]:
    """Every CPR number and fødselsnummer in `text`, by position (never raises)."""
    if not text or not _SIX_DIGITS.search(text):
        return []  # both kinds of number start with six digits (ddmmåå)
    return [
        NumberHit(start, end, kind, _context(text, start, end), _masked(digits, separator), digits)
        for start, end, kind, digits, separator in _candidates(text)
    ]

