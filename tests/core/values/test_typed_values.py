"""Numbers and dates as users type them, read by the one reader of each kind, and written so
that the reader reads them back."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.errors import InvalidError
from core.i18n import LANGUAGES, Translator
from core.values.dates import format_date, parse_date
from core.values.numbers import parse_number
from core.values.periods import TypedWeek, typed_week


def test_typed_numbers_and_dates() -> None:
    assert parse_number("12,5") == 12.5
    assert parse_number("12.5") == 12.5
    assert parse_number("1.234,5") == 1234.5
    assert parse_number(" ") is None
    assert parse_date("24-11-2026") == dt.date(2026, 11, 24)
    assert parse_date("1.2.2027") == dt.date(2027, 2, 1)
    assert parse_date("2027-02-01") == dt.date(2027, 2, 1)
    assert parse_date("") is None
    with pytest.raises(InvalidError) as error:
        parse_date("31-02-2027")
    assert "dd-mm-åååå" in error.value.message(Translator("da"))
    with pytest.raises(InvalidError) as error:
        parse_number("tolv")
    assert error.value.message(Translator("da")).startswith("Målværdi:")


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_a_date_written_to_be_typed_reads_back(day: dt.date) -> None:
    assert parse_date(format_date(day)) == day


@pytest.mark.parametrize("lang", LANGUAGES)
@given(day=st.dates(min_value=dt.date(1000, 1, 1)))
def test_a_date_shown_in_every_language_reads_back(lang: str, day: dt.date) -> None:
    assert parse_date(Translator(lang).date(day)) == day


def test_no_date_is_written_empty() -> None:
    assert format_date(None) == ""


@pytest.mark.parametrize(("text", "week"), [
    ("uge 47", TypedWeek(47, None, True)),
    ("u47 2026", TypedWeek(47, 2026, True)),
    ("uke. 47", TypedWeek(47, None, True)),
    ("w47", TypedWeek(47, None, True)),
    ("2026-w47", TypedWeek(47, 2026, True)),
    ("47", TypedWeek(47, None, False)),
    ("47/2026", TypedWeek(47, 2026, False)),
    ("47 2026", TypedWeek(47, 2026, False)),
    ("nov 2026", None),
    ("", None),
])
def test_typed_weeks_are_read_in_one_place(text: str, week: TypedWeek | None) -> None:
    assert typed_week(text) == week
