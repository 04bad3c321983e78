"""Find what looks like a Danish CPR number or a Norwegian fødselsnummer in free text.

`find_numbers(text)` returns a `NumberHit` per number found, with its position in `text`, its
kind and the text around it with every number masked ("Borger 010190-**** ringede").
`mask_numbers(text)` masks them all, in place (same length, the text around kept).
`number_could_be_personal(value)` tells whether a number value (a measurement typed as ten
digits) could be one. Nothing here ever returns the number itself in full, except
`NumberHit.digits` (kept for telling hits apart; never shown).

What counts (decided for the guard; see tests/core/sync/test_cpr_scanner.py):

- **CPR** (Denmark): ten digits `ddmmåå` + `xxxx`. The date must be real in the century the 7th
  digit gives (CPR's rules: 0–3 → 1900s; 4 and 9 → 2000s up to 36, else 1900s; 5–8 → 2000s up
  to 57, else 1800s), so 290200-1234 is not a number but 290200-4234 is (2000 was a leap
  year), and 310290-1234 never is. The modulus-11 check is not required: CPR stopped
  guaranteeing it in 2007. Replacement numbers (day + 60) are not treated as CPR numbers.
- **Fødselsnummer** (Norway): eleven digits `ddmmåå` + `iiikk` whose two control digits are both
  valid, with a real date in the century the individual number gives. D-numbers (day + 40) and
  H-numbers (month + 40, used in health services, which municipalities run) are included;
  synthetic test numbers (month + 80) are not.

How it may be written (every way people write it, the rule for separators):

- **Read normalised.** Every Unicode decimal digit counts as its digit (full-width ０-９,
  Arabic-Indic, Devanagari, ...); every other character is NFKC-normalised on its own (a
  no-break space reads as a space, a full-width hyphen as a hyphen, U+2011 as U+2010), and
  format characters (Unicode Cf: zero-width space and joiners, word joiner, BOM, soft hyphen)
  are left out, wherever they stand. Characters NFKC only turns into digits (², ①, ½) are not
  digits. Hits still point into the original text.
- **Groups.** The number is written as digit groups: the date as one group or split after dd
  and/or after mm (`010190`, `01 01 90`, `0101 90`, `01 0190`), then the serial as one group
  (4 digits for CPR, 5 for a fødselsnummer; never split), after the date with or without a
  separator; but a date written in parts is always followed by a separate serial
  (`01 01 901239` is not read, so the case number `2012-123456` is not 20-12-12 3456).
  Between two groups stands a run of one to three separator characters: white
  space of any kind (space, tab, line break, no-break spaces), any dash or hyphen (Unicode
  Pd: -, ‐, ‑, ‒, –, —, ﹣, －) or the minus sign U+2212, `.` or `/`. So `01.01.90-1239`,
  `01 01 90 1239`, `0101 90 1239`, `010190 - 1239`, `010190⏎1239` and `15.03.87 12486` count.
- **A date split in three uses the same separator twice** (`01.01.90`, `01 01 90`; not
  `01.01 90`). Separators compare by kind: white space, line break, dash, `.`, `/` (runs of one
  kind count once, so `01. 01. 90` is the same twice).

What does not count (the look-alikes):

- **Digits of a longer number.** The groups are whole digit runs (no digit right before or
  after). A digit group joined to the number by a separator run belongs to it, and so refuses
  it, when that run has no white space in it (`12-010190-1234`, `010190-1234-5`,
  `sag 24/0101901234`) or is a separator the number itself uses (`45 01 01 90 1239`, the
  IBAN `DK31 0112 3456 7890`: a run of groups written alike is one longer number, such as a
  phone, account or IBAN number) - unless that group is part of another number
  (`010190 1239 020290 2345` is two numbers). Two readings that share digits are both refused.
- Hence phone numbers (`+45 12 34 56 78`, `12 34 56 78 90`, `+47 123 45 678`, `12345678`:
  no serial group after a six-digit date), dates and date ranges (`01.01.1990`, `2026-11-24`,
  `01-01-90`, `01.01.90-31.12.90`), case numbers (`2026-123456`, `sag 24/123456`), EAN-13
  numbers, IBANs and amounts (`1.234.567,00`, `12 345 678 kr.`) are not hits; nor is a run of
  four separators or more between groups.
- Known false alarm: a short date followed by a time written as four digits
  (`24.11.26 1400`) reads as a CPR number (24-11-1926, serial 1400); the guard asks.
"""

from __future__ import annotations

import calendar
import functools
import math
import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

CONTEXT_CHARS = 30
"""How many characters of text are shown on either side of a hit."""
MASK = "*"
MAX_SEPARATORS = 3
"""The longest run of separator characters between two groups of a number."""
MIN_DIGITS = 10
"""The fewest digits a text holds when it holds a number (a CPR number has ten)."""

_DATE_SPLITS = frozenset({(6,), (2, 4), (4, 2), (2, 2, 2)})
_SERIALS = frozenset({4, 5})  # a CPR serial, a fødselsnummer's individual number + control
_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
_DIGIT_GROUPS = re.compile(r"[0-9]+")
_ANY_DIGIT = re.compile(r"\d")  # any Unicode decimal digit (str patterns)
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_SPACES = re.compile(r"\s+")
_DIGITS = "0123456789"

_FNR_WEIGHTS_1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_FNR_WEIGHTS_2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


class NumberKind(StrEnum):
    """What a hit looks like (the catalogs name it: `cpr.kind.<value>`)."""

    CPR = "cpr"
    FNR = "fnr"


@dataclass(frozen=True)
class NumberHit:
    """One number found in a text: where (`start`, `end`, in the text as given), what, and the
    masked text around it."""

    start: int
    end: int
    kind: NumberKind
    context: str
    """The text around the number, every number in it masked, white space collapsed and format
    characters (zero-width spaces) left out."""
    masked: str
    """The number as written with all but its date masked ("010190-****", "01.01.90 ****"),
    shown as in `context` (so it is a part of it)."""
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


# -- reading the text normalised ---------------------------------------------------------------


def _normal_char(ch: str) -> str:
    """What one non-ASCII character reads as: a digit, nothing (a format character) or its
    NFKC form (itself when NFKC would make digits of what is not a digit, like ² or ①)."""
    digit = unicodedata.decimal(ch, None)
    if digit is not None:
        return _DIGITS[digit]
    if unicodedata.category(ch) == "Cf":
        return ""
    normal = unicodedata.normalize("NFKC", ch)
    if any(unicodedata.decimal(c, None) is not None for c in normal):
        return ch
    return normal


def _normalise(text: str) -> tuple[str, list[int] | None]:
    """`text` normalised (see the module's doc) and, for each of its characters, where in
    `text` it comes from (None: the same place, for ASCII text)."""
    if text.isascii():
        return text, None
    parts: list[str] = []
    origin: list[int] = []
    last = 0
    for match in _NON_ASCII.finditer(text):
        parts.append(text[last:match.start()])
        origin.extend(range(last, match.start()))
        for at in range(match.start(), match.end()):
            normal = _normal_char(text[at])
            parts.append(normal)
            origin.extend([at] * len(normal))
        last = match.end()
    parts.append(text[last:])
    origin.extend(range(last, len(text)))
    return "".join(parts), origin


def _is_separator(ch: str) -> bool:
    return ch in "./\u2212" or ch.isspace() or unicodedata.category(ch) == "Pd"


def _separator_kind(ch: str) -> str:
    if ch in _LINE_BREAKS:
        return "\n"
    if ch.isspace():
        return " "
    return ch if ch in "./" else "-"


def _link(gap: str) -> str | None:
    """The kinds of a separator run between two digit groups ("- ", "."), or None when the
    groups are not joined (nothing between them, too much, or something else)."""
    if not gap or len(gap) > MAX_SEPARATORS or not all(_is_separator(ch) for ch in gap):
        return None
    kinds: list[str] = []
    for ch in gap:
        kind = _separator_kind(ch)
        if not kinds or kinds[-1] != kind:
            kinds.append(kind)
    return "".join(kinds)


# -- finding the numbers ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Reading:
    """A number read from the digit groups `first`..`last` (the last one its serial)."""

    first: int
    last: int
    kind: NumberKind
    digits: str
    inside: frozenset[str]
    """The separators the number uses between its own groups."""

    def overlaps(self, other: _Reading) -> bool:
        return self.first <= other.last and other.first <= self.last


def _reading(groups: list[str], links: list[str | None], first: int) -> _Reading | None:
    """The number whose first group is `groups[first]`, if there is one."""
    lengths: tuple[int, ...] = ()
    last = first
    if len(groups[first]) not in (10, 11):  # else one run of digits
        lengths_list: list[int] = []
        at, total = first, 0
        while total < 6 and at < len(groups) and (at == first or links[at] is not None):
            lengths_list.append(len(groups[at]))
            total += len(groups[at])
            at += 1
        lengths = tuple(lengths_list)
        if lengths not in _DATE_SPLITS or at >= len(groups) or links[at] is None:
            return None
        last = at
        if len(groups[last]) not in _SERIALS:
            return None
    inside = [str(links[at]) for at in range(first + 1, last + 1)]
    if len(lengths) == 3 and inside[0] != inside[1]:
        return None  # a date split in three uses the same separator twice
    digits = "".join(groups[first:last + 1])
    if len(digits) == 10 and is_cpr(digits):
        return _Reading(first, last, NumberKind.CPR, digits, frozenset(inside))
    if len(digits) == 11 and is_fnr(digits):
        return _Reading(first, last, NumberKind.FNR, digits, frozenset(inside))
    return None


def _refused_by(reading: _Reading, neighbour: int, link: str | None,
                owners: dict[int, list[_Reading]]) -> bool:
    """Whether the digit group `neighbour`, joined to the number by `link`, makes it part of
    a longer number (see the module's doc)."""
    if link is None:
        return False
    if any(not other.overlaps(reading) for other in owners.get(neighbour, ())):
        return False  # the neighbour is another number's: a list of numbers
    return (" " not in link and "\n" not in link) or link in reading.inside


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    kind: NumberKind
    digits: str
    serial: tuple[int, ...]
    """Where the serial's digits stand in the original text (masked)."""


def _scan(text: str) -> list[_Found]:
    """Every number in `text`, by position (they never overlap)."""
    normal, origin = _normalise(text)
    spans = [(match.start(), match.end()) for match in _DIGIT_GROUPS.finditer(normal)]
    groups = [normal[start:end] for start, end in spans]
    links: list[str | None] = [None]  # links[at]: how group `at` is joined to the one before
    links += [_link(normal[spans[at - 1][1]:spans[at][0]]) for at in range(1, len(spans))]
    readings = [r for at in range(len(groups)) if (r := _reading(groups, links, at))]
    if not readings:
        return []
    owners: dict[int, list[_Reading]] = {}
    for reading in readings:
        for at in range(reading.first, reading.last + 1):
            owners.setdefault(at, []).append(reading)
    found: list[_Found] = []
    for reading in readings:
        if any(len(owners[at]) > 1 for at in range(reading.first, reading.last + 1)):
            continue  # two readings of the same digits: a longer number
        before, after = reading.first - 1, reading.last + 1
        if before >= 0 and _refused_by(reading, before, links[reading.first], owners):
            continue
        if after < len(groups) and _refused_by(reading, after, links[after], owners):
            continue
        start, end = spans[reading.first][0], spans[reading.last][1]
        serial = range(end - len(reading.digits) + 6, end)
        if origin is None:
            found.append(_Found(start, end, reading.kind, reading.digits, tuple(serial)))
        else:
            found.append(_Found(origin[start], origin[end - 1] + 1, reading.kind,
                                reading.digits, tuple(origin[at] for at in serial)))
    return found


def _may_hold_number(text: str) -> bool:
    """The fast path: a text with fewer than ten digits (of any script) holds no number."""
    if text.isascii():
        return sum(map(text.count, _DIGITS)) >= MIN_DIGITS
    return len(_ANY_DIGIT.findall(text)) >= MIN_DIGITS


def _masked_text(text: str, found: list[_Found]) -> str:
    chars = list(text)
    for number in found:
        for at in number.serial:
            chars[at] = MASK
    return "".join(chars)


def mask_numbers(text: str) -> str:
    """`text` with the serial of every CPR number and fødselsnummer masked (the date part, the
    separators and the text around kept; the same length as `text`)."""
    if not text or not _may_hold_number(text):
        return text
    found = _scan(text)
    return _masked_text(text, found) if found else text


def _readable(text: str) -> str:
    """Format characters left out and white space collapsed (as a hit is shown)."""
    if not text.isascii():
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return _SPACES.sub(" ", text)


def _context(masked: str, start: int, end: int) -> str:
    """The masked text around a hit, widened to whole numbers at the edges."""
    before_at = max(0, start - CONTEXT_CHARS)
    after_at = min(len(masked), end + CONTEXT_CHARS)
    while before_at > 0 and (masked[before_at - 1].isdigit() or masked[before_at - 1] == MASK):
        before_at -= 1
    while after_at < len(masked) and (masked[after_at].isdigit() or masked[after_at] == MASK):
        after_at += 1
    shown = _readable(masked[before_at:after_at]).strip()
    return ("…" if before_at > 0 else "") + shown + ("…" if after_at < len(masked) else "")


def find_numbers(text: str) -> list[NumberHit]:
    """Every CPR number and fødselsnummer in `text`, by position (never raises).

    `start` and `end` are positions in `text` as given (not in its normalised form).
    """
    if not text or not _may_hold_number(text):
        return []
    found = _scan(text)
    if not found:
        return []
    masked = _masked_text(text, found)
    return [
        NumberHit(number.start, number.end, number.kind,
                  _context(masked, number.start, number.end),
                  _readable(masked[number.start:number.end]), number.digits)
        for number in found
    ]


# -- number values and the database -----------------------------------------------------------


def number_could_be_personal(value: float | int) -> NumberKind | None:
    """Whether a number value could be a CPR number or a fødselsnummer typed as a number.

    A number typed into a numeric field loses its leading zero (0101901239 is stored as
    101901239 or 101901239.0), so the whole number is read zero-padded to eleven digits (a
    fødselsnummer, checked first: its control digits make it the stronger reading) and to ten
    (a CPR number). Fractions, negative numbers, NaN and infinities are never numbers.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            return None
        value = int(value)
    if not isinstance(value, int) or value < 0 or value >= 10**11:
        return None
    if is_fnr(f"{value:011d}"):
        return NumberKind.FNR
    if value < 10**10 and is_cpr(f"{value:010d}"):
        return NumberKind.CPR
    return None


def number_value_hit(value: float | int) -> NumberHit | None:
    """A number value that could be a personal number (`number_could_be_personal`) as a hit:
    its digits zero-padded, shown with the serial masked ("010190****")."""
    kind = number_could_be_personal(value)
    if kind is None:
        return None
    digits = f"{int(value):0{11 if kind is NumberKind.FNR else 10}d}"
    masked = digits[:6] + MASK * (len(digits) - 6)
    return NumberHit(0, len(digits), kind, masked, masked, digits)


SMALLEST_PERSONAL_NUMBER = 10**8
"""Below this no number value is a personal number (its zero-padded day would be 00)."""


@functools.cache
def sql_globs() -> tuple[str, str]:
    """Two SQLite GLOB patterns for a quick look in the database: a text can hold a number
    only if it matches one (ten ASCII digits, wherever they stand; or any other decimal digit).
    """
    zeros = [code for code in range(0x80, 0x20000)
             if unicodedata.decimal(chr(code), None) == 0]
    others = "".join(f"{chr(zero)}-{chr(zero + 9)}" for zero in zeros)
    return "*" + "[0-9]*" * MIN_DIGITS, f"*[{others}]*"
