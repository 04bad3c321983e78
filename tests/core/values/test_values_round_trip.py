"""What Tavle writes, it reads back: every kind of value formatted by the Translator in Danish,
English and Norwegian is read by the one core reader to the same value; and what the number
reader takes, asks about or refuses."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.errors import InvalidError
from core.i18n import LANGUAGES, Translator
from core.models.measure import Frequency, week_period
from core.values.dates import format_date, parse_date
from core.values.days import Looking, parse_day
from core.values.numbers import parse_number, read_number
from core.values.periods import period_label, read_period, read_week
from core.values.workdays import day_before_text, day_text, working_day_before

TODAY = dt.date(2026, 12, 5)
LANG = st.sampled_from(LANGUAGES)
DECIMALS = st.integers(min_value=0, max_value=3)


@given(lang=LANG, units=st.integers(min_value=-10**9, max_value=10**9), decimals=DECIMALS)
def test_a_number_as_shown_reads_back(lang: str, units: int, decimals: int) -> None:
    value = float(Decimal(units).scaleb(-decimals))
    assert parse_number(Translator(lang).number(value, decimals), lang=lang) == value


@given(lang=LANG, units=st.integers(min_value=0, max_value=100_000), decimals=DECIMALS)
def test_a_share_as_shown_reads_back(lang: str, units: int, decimals: int) -> None:
    fraction = float(Decimal(units).scaleb(-decimals - 2))
    if fraction > 1:
        fraction = 1.0
    shown = Translator(lang).percent(fraction, decimals)
    assert parse_number(shown, lang=lang, share=True) == pytest.approx(fraction, abs=1e-12)


@given(lang=LANG, day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 1, 1)),
       looking=st.sampled_from(Looking))
def test_a_date_as_shown_reads_back(lang: str, day: dt.date, looking: Looking) -> None:
    assert parse_day(Translator(lang).date(day), "due", TODAY, looking) == day
    assert parse_day(format_date(day), "due", TODAY, looking) == day


@given(lang=LANG, day=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 1, 1)))
def test_a_week_as_shown_reads_back(lang: str, day: dt.date) -> None:
    year, week, _ = day.isocalendar()
    assert read_week(Translator(lang).week(year, week), TODAY) == week_period(day)


@given(lang=LANG, day=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 1, 1)),
       frequency=st.sampled_from(Frequency))
def test_a_period_as_shown_reads_back(lang: str, day: dt.date, frequency: Frequency) -> None:
    period = (f"{day.year:04d}-{day.month:02d}" if frequency is Frequency.MONTHLY
              else week_period(day))
    assert read_period(period_label(period, Translator(lang)), frequency, TODAY) == period


@pytest.mark.parametrize(("text", "lang", "value"), [
    ("12,5 %", "da", 12.5), ("−3,5", "da", -3.5), ("3,50 kr.", "da", 3.5),
    ("1.234,5", "da", 1234.5), ("1.234.567", "nb", 1234567), ("1 234", "da", 1234),
    ("1\u00a0234,5", "nb", 1234.5), ("1\u202f234", "da", 1234), ("NOK 1 200", "nb", 1200),
    ("DKK 12", "da", 12), ("12.5", "da", 12.5), ("0.123", "da", 0.123),
    ("1,234", "en", 1234), ("1.234", "en", 1.234), ("1,234.5", "en", 1234.5),
    ("12,5", "en", 12.5), ("-kr. 4", "da", -4), ("850.000 kr.", "da", 850000),
    ("7 dage", "da", 7),
])
def test_numbers_as_people_type_them(text: str, lang: str, value: float) -> None:
    assert parse_number(text, lang=lang, units=("dage",)) == value


@pytest.mark.parametrize("lang", ["da", "nb"])
def test_a_danish_thousand_with_a_point_is_asked_about_not_guessed(lang: str) -> None:
    reading = read_number("1.234", lang)
    assert reading.value is None and reading.ambiguous_between == (1234, 1.234)
    message = reading.message(Translator(lang))
    assert "1234" in message and "1,234" in message
    with pytest.raises(InvalidError) as caught:
        parse_number("1.234", "value", lang=lang)
    assert "1234" in caught.value.message(Translator(lang))


@pytest.mark.parametrize("text", ["tolv", "12 5", "1e5", "5,", "1.23.4", "12 æbler", "--3"])
def test_what_is_no_number_is_refused_in_words(text: str) -> None:
    reading = read_number(text, "da")
    assert reading.error == "values.number.unreadable"
    assert reading.message(Translator("da")).startswith(f"»{text}« kan ikke læses som et tal")


def test_a_share_reads_per_cent_and_asks_about_a_fraction() -> None:
    assert parse_number("80", lang="da", share=True) == 0.8
    assert parse_number("80 %", lang="da", share=True) == 0.8
    assert parse_number("0,8 %", lang="da", share=True) == pytest.approx(0.008)
    reading = read_number("0,8", "da", share=True)
    assert reading.ambiguous_between == (0.008, 0.8)
    assert reading.message(Translator("da")) == (
        "»0,8« kan betyde 0,8 % eller 80 %. Skriv 0,8 % eller 80 %.")
    assert read_number("120", "da", share=True).error == "values.share.above_hundred"
    assert read_number("-5", "da", share=True).error == "values.share.negative"


def test_every_date_field_takes_what_a_deadline_takes() -> None:
    assert parse_day("uge 26", "due", TODAY) == dt.date(2027, 7, 2)
    assert parse_day("+14", "due", TODAY) == dt.date(2026, 12, 19)
    assert parse_day("24/11", "due", TODAY) == dt.date(2027, 11, 24)
    assert parse_day("i morgen", "due", TODAY) == dt.date(2026, 12, 6)
    with pytest.raises(InvalidError) as caught:
        parse_day("uge 54", "due", TODAY)
    assert "54" in caught.value.message(Translator("da"))
    with pytest.raises(InvalidError):
        parse_date("uge 26")  # without today a week cannot be placed


def test_a_day_off_says_so_and_names_the_working_day_before() -> None:
    christmas, saturday = dt.date(2026, 12, 25), dt.date(2026, 12, 19)
    da, nb, en = Translator("da"), Translator("nb"), Translator("en")
    assert day_text(christmas, da) == "fredag 25-12-2026 – juledag"
    assert day_text(christmas, nb) == "fredag 25.12.2026 – første juledag"
    assert day_text(christmas, en) == "Friday 25-12-2026 – Christmas Day"
    assert day_text(saturday, da) == "lørdag 19-12-2026 – weekend"
    assert day_text(dt.date(2026, 12, 17), da) == "torsdag 17-12-2026"
    assert day_before_text(christmas, da) == "Arbejdsdagen før er torsdag 24-12-2026."
    assert day_before_text(dt.date(2026, 12, 17), da) == ""
    # Norway's Constitution Day is no Danish holiday
    assert working_day_before(dt.date(2028, 5, 18), "nb") == dt.date(2028, 5, 16)
    assert working_day_before(dt.date(2028, 5, 18), "da") == dt.date(2028, 5, 17)
