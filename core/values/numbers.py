"""Numbers as users type them, per UI language, and back.

`read_number(text, lang)` is the one reader of a typed number; every screen and file reader
uses it, directly or through `parse_number` (which raises `InvalidError` with the reading's
message). It takes:

- a decimal comma or point ("12,5", "12.5"); thousands separated by a space, a no-break space
  (U+00A0, U+202F), by `.` in Danish and Norwegian and by `,` in English ("1 234,5",
  "1.234,5", "1,234.5"), checked to be groups of three;
- a leading `-` or `−` (U+2212); a `%` or a currency word or sign (`kr.`, `kr`, `NOK`, `DKK`)
  before or after the number, and the unit words the caller names (the measure's unit).

A text that could mean two numbers is not guessed: in Danish and Norwegian "1.234" may be 1234
(thousands point) or 1,234 (decimal point), so the reading is *ambiguous* and names both; the
caller shows it as a question, or refuses with the message, which says how to write either.
"1.234,5", "1.234.567", "0.123" and "12.5" mean one number each. Money (`money=True`, or a
currency word typed) has at most two decimals, so "850.000 kr." is 850000.

On a share measure (`share=True`) a number is per cent and the value a fraction: "80" and
"80 %" are both 0.8; "0,8" (0,8 % or 80 %?) is ambiguous; above 100 % is refused.

`Translator.number` writes thousands with a no-break space in Danish and Norwegian ("1 234,5")
and with `,` in English ("1,234.5"): what Tavle writes, this reader reads back to the same value.
`typed_number` writes a stored number as it is typed to edit it (no thousands sign).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from core.errors import InvalidError
from core.i18n import DEFAULT_LANGUAGE, LANGUAGES, Translator

SPACES = " \u00a0\u202f\u2009"
"""The spaces that may separate thousands: space, no-break space, narrow no-break space and
thin space."""
MINUS_SIGNS = "-\u2212"
CURRENCY_WORDS = ("kr.", "kr", "nok", "dkk", "kroner")
PERCENT_WORDS = ("%", "pct.", "pct", "procent", "prosent", "percent")

_typing_lang = DEFAULT_LANGUAGE


def set_typing_language(lang: str) -> None:
    """The UI language numbers are typed in when a caller names none (the UI sets it with the
    language; Danish until then)."""
    global _typing_lang
    _typing_lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def typing_language() -> str:
    """The language numbers are read in when a caller names none."""
    return _typing_lang


@dataclass(frozen=True)
class Reading:
    """What a typed number was read as: a `value`, nothing (`empty`), two readings
    (`ambiguous_between`, in stored terms) or an `error` (a catalog key under `values.`)."""

    text: str
    value: float | None = None
    ambiguous_between: tuple[float, float] | None = None
    error: str | None = None
    params: Mapping[str, object] = field(default_factory=dict)
    percent: bool = False
    """Whether a per cent sign or word was typed."""
    share: bool = False
    """Whether the value is a share (a fraction shown in per cent)."""
    lang: str = DEFAULT_LANGUAGE
    """The language the text was read in (its decimal sign)."""

    @property
    def empty(self) -> bool:
        return self.value is None and self.ambiguous_between is None and self.error is None

    @property
    def ok(self) -> bool:
        """Whether the text means one number, or is empty."""
        return self.ambiguous_between is None and self.error is None

    def key_and_params(self) -> tuple[str, dict[str, object]]:
        """The catalog key and parameters of the reading's problem (ambiguity or error)."""
        params: dict[str, object] = {"text": self.text.strip(), **self.params}
        if self.ambiguous_between is not None:
            tr = Translator(self.lang)
            first, second = self.ambiguous_between
            key = "values.share.ambiguous" if self.share else "values.number.ambiguous"
            return key, {**params, "first": self._typed(first, tr),
                         "second": self._typed(second, tr)}
        assert self.error is not None
        return self.error, params

    def message(self, tr: Translator) -> str:
        """The problem in words, saying how to write the number (empty when there is none)."""
        if self.ok:
            return ""
        key, params = self.key_and_params()
        return tr(key, **params)

    def preview(self, tr: Translator) -> str:
        """The reading as the live preview of a field shows it ("Læses som 1 234,5")."""
        if self.empty:
            return ""
        if not self.ok:
            return self.message(tr)
        assert self.value is not None
        return tr("values.number.understood", value=self._typed(self.value, tr))

    def _typed(self, value: float, tr: Translator) -> str:
        if self.share:
            return tr("format.percent", value=typed_number(value * 100, tr))
        return typed_number(value, tr)


_LEADING_WORD = re.compile(r"^([^\W\d_]+\.?|%)\s*")
_TRAILING_WORD = re.compile(r"\s*([^\W\d_]+\.?|%)$")
_NUMBER = re.compile(r"^[\d.," + SPACES + r"]+$")
_GROUPED = re.compile(r"^\d{1,3}(?:X\d{3})+$")


def _grouped(digits: str, sign: str) -> bool:
    """Whether `digits` are groups of three separated by `sign` (after a first of 1–3)."""
    return bool(_GROUPED.match(digits.replace(sign, "X"))) and sign in digits


def read_number(text: str, lang: str | None = None, *, units: Iterable[str] = (),
                share: bool = False, money: bool = False) -> Reading:
    """Read a typed number in `lang` (the typing language when None); see the module."""
    lang = lang or _typing_lang
    stripped = text.strip()
    if not stripped:
        return Reading(text, share=share, lang=lang)
    rest, words, negative = stripped, [], False
    while match := _LEADING_WORD.match(rest):
        words.append(match[1])
        rest = rest[match.end():]
    if rest[:1] in MINUS_SIGNS and rest:
        negative, rest = True, rest[1:].lstrip()
        while match := _LEADING_WORD.match(rest):
            words.append(match[1])
            rest = rest[match.end():]
    while match := _TRAILING_WORD.search(rest):
        words.append(match[1])
        rest = rest[:match.start()]
    if not _NUMBER.match(rest):
        return Reading(text, lang=lang, error="values.number.unreadable", share=share)
    allowed = {*CURRENCY_WORDS, *PERCENT_WORDS,
               *(part.casefold() for unit in units for part in unit.split())}
    percent = currency = False
    for word in (w.casefold() for w in words):
        if word not in allowed and word.rstrip(".") not in allowed:
            return Reading(text, lang=lang, error="values.number.unreadable", share=share)
        percent = percent or word in PERCENT_WORDS
        currency = currency or word.rstrip(".") in ("kr", "nok", "dkk", "kroner")
    if percent and currency:
        return Reading(text, lang=lang, error="values.number.unreadable", share=share)
    decided = _digits(rest.strip(), lang, money or currency)
    if isinstance(decided, str):
        return Reading(text, lang=lang, error=decided, share=share)
    numbers = [-n if negative else n for n in decided]
    if share:
        return _share_reading(text, numbers, percent, lang)
    if len(numbers) == 2:
        return Reading(text, ambiguous_between=(float(numbers[0]), float(numbers[1])),
                       percent=percent, lang=lang)
    return Reading(text, value=float(numbers[0]), percent=percent, lang=lang)


def _share_reading(text: str, numbers: list[Decimal], percent: bool, lang: str) -> Reading:
    """A share: per cent typed or not; a bare number from 0 to 1 is 0–1 % or 0–100 %."""
    if len(numbers) == 2:  # 1.234 as a share is above 100 % either way, or 1,234 %
        numbers = [numbers[1]]
    number = numbers[0]
    if number < 0:
        return Reading(text, lang=lang, error="values.share.negative", share=True)
    if number > 100:
        return Reading(text, lang=lang, error="values.share.above_hundred", share=True)
    if not percent and 0 < number <= 1:
        return Reading(text, ambiguous_between=(float(number / 100), float(number)),
                       percent=False, share=True, lang=lang)
    return Reading(text, value=float(number / 100), percent=percent, share=True, lang=lang)


def _digits(number: str, lang: str, money: bool) -> list[Decimal] | str:
    """The number or numbers `number` (digits and signs only) may mean, or an error key."""
    for space in SPACES[1:]:
        number = number.replace(space, " ")
    decimal_sign = "." if lang == "en" else ","
    thousands_sign = "," if lang == "en" else "."
    whole, dot, comma = number, "." in number, "," in number
    if " " in number:
        whole, _, fraction = _split_last(number, ".,")
        if not _grouped(whole, " ") or any(s in whole for s in ".,"):
            return "values.number.unreadable"
        return _decimal(whole.replace(" ", ""), fraction)
    if dot and comma:
        last = max(number.rfind("."), number.rfind(","))
        whole, fraction, sign = number[:last], number[last + 1:], number[last]
        other = "," if sign == "." else "."
        if other not in whole or not _grouped(whole, other) or sign in whole:
            return "values.number.unreadable"
        return _decimal(whole.replace(other, ""), fraction)
    if not dot and not comma:
        return _decimal(number, None)
    sign = "." if dot else ","
    if number.count(sign) > 1:
        if not _grouped(number, sign):
            return "values.number.unreadable"
        return _decimal(number.replace(sign, ""), None)
    whole, fraction = number.split(sign)
    as_thousands = _grouped(number, sign) and whole.lstrip("0") != ""
    if not as_thousands or (sign == decimal_sign and not money):
        return _decimal(whole, fraction)
    if sign == thousands_sign and (money or lang == "en"):
        return _decimal(whole + fraction, None)
    if money:  # money has at most two decimals: 850.000 kr. is 850000
        return _decimal(whole + fraction, None)
    thousands, decimal = _decimal(whole + fraction, None), _decimal(whole, fraction)
    if isinstance(thousands, str) or isinstance(decimal, str):
        return "values.number.unreadable"
    return [thousands[0], decimal[0]]


def _split_last(number: str, signs: str) -> tuple[str, str, str | None]:
    """The text before the last of `signs` that is followed by no space, and the digits after."""
    last = max(number.rfind(s) for s in signs)
    if last < 0 or " " in number[last:]:
        return number, "", None
    return number[:last], number[last], number[last + 1:]


def _decimal(whole: str, fraction: str | None) -> list[Decimal] | str:
    if (not whole and not fraction) or (fraction is not None and not fraction) \
            or not (whole + (fraction or "")).isdigit():
        return "values.number.unreadable"
    try:
        return [Decimal(f"{whole or '0'}.{fraction}" if fraction else whole)]
    except InvalidOperation:
        return "values.number.unreadable"


def parse_number(text: str, field_name: str = "target", lang: str | None = None, *,
                 units: Iterable[str] = (), share: bool = False,
                 money: bool = False) -> float | None:
    """Read a typed number (see `read_number`); empty is None.

    Raise `InvalidError` on `field_name` when the text is not one finite number: unreadable or
    ambiguous, with a message that says how to write it."""
    reading = read_number(text, lang, units=units, share=share, money=money)
    return reading_value(reading, field_name)


def reading_value(reading: Reading, field_name: str) -> float | None:
    """The reading's value; `InvalidError` on `field_name` when it has none (empty is None)."""
    if not reading.ok:
        raise InvalidError([(field_name, *reading.key_and_params())])
    value = reading.value
    if value is not None and (value != value or value in (float("inf"), float("-inf"))):
        raise InvalidError([(field_name, "error.finite_number", {})])
    return value


def typed_number(value: float | None, tr: Translator) -> str:
    """A stored number as the user would type it into a field to edit it: the language's
    decimal sign, no thousands sign and no rounding (the shortest text that is the same
    float), so that `read_number` reads back the very number."""
    if value is None:
        return ""
    text = format(Decimal(repr(float(value))), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.replace(".", tr("format.decimal"))
