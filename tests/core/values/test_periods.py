"""Periods: the next one per frequency, the period of a date, what users type, Danish names."""

from __future__ import annotations

import datetime as dt

import pytest

from core.errors import TavleError
from core.i18n import Translator
from core.models import Frequency
from core.values.periods import (
    next_period,
    parse_period,
    period_end,
    period_label,
    period_of,
    period_start,
    period_tick,
    proposed_period,
)

TODAY = dt.date(2026, 11, 24)  # Tuesday of ISO week 48 2026
W, F, M = Frequency.WEEKLY, Frequency.FORTNIGHTLY, Frequency.MONTHLY


@pytest.mark.parametrize(("period", "frequency", "after"), [
    ("2026-W47", W, "2026-W48"),
    ("2026-W52", W, "2026-W53"),  # 2026 has 53 ISO weeks
    ("2026-W53", W, "2027-W01"),
    ("2026-W52", F, "2027-W01"),
    ("2026-11", M, "2026-12"),
    ("2026-12", M, "2027-01"),
])
def test_next_period(period: str, frequency: Frequency, after: str) -> None:
    assert next_period(period, frequency) == after


def test_period_of_a_date_and_back() -> None:
    assert period_of(TODAY, W) == "2026-W48" and period_of(TODAY, M) == "2026-11"
    assert period_of(dt.date(2027, 1, 1), W) == "2026-W53"
    assert period_start("2026-W48") == dt.date(2026, 11, 23)
    assert period_start("2026-11") == dt.date(2026, 11, 1)
    assert period_end("2026-W48", W) == dt.date(2026, 11, 29)
    assert period_end("2026-W48", F) == dt.date(2026, 12, 6)
    assert period_end("2026-02", M) == dt.date(2026, 2, 28)


def test_proposed_period_follows_the_last_or_is_today() -> None:
    assert proposed_period(None, W, TODAY) == "2026-W48"
    assert proposed_period("2026-W40", F, TODAY) == "2026-W42"


@pytest.mark.parametrize(("text", "frequency", "period"), [
    ("47", W, "2026-W47"),
    ("uge 47", W, "2026-W47"),
    ("Uge 47 2025", W, "2025-W47"),
    ("u47 2026", W, "2026-W47"),
    ("2026-W47", W, "2026-W47"),
    ("w47", W, "2026-W47"),
    ("1", W, "2027-W01"),  # week 1 is five weeks ahead: next year's
    ("30", W, "2026-W30"),
    ("11-2026", M, "2026-11"),
    ("2026-11", M, "2026-11"),
    ("nov 2026", M, "2026-11"),
    ("November", M, "2026-11"),
    ("11", M, "2026-11"),
    ("jan", M, "2027-01"),
    ("uge 47", M, "2026-11"),  # a week typed for a monthly measure: its month
    ("11-2026", W, "2026-W44"),  # a month typed for a weekly measure: its first week
])
def test_parse_what_users_type(text: str, frequency: Frequency, period: str) -> None:
    assert parse_period(text, frequency, TODAY) == period


@pytest.mark.parametrize(("text", "key"), [
    ("", "periods.error.empty"),
    ("uge 54", "periods.error.no_such_week"),
    ("2025-W53", "periods.error.no_such_week"),
    ("sidste uge", "periods.error.unreadable"),
    ("54-2026", "periods.error.unreadable"),  # 13-53 before a year is a week (46-2026)
    ("53-2025", "periods.error.no_such_week"),
])
def test_unreadable_periods_are_refused_with_a_message(text: str, key: str) -> None:
    with pytest.raises(TavleError) as error:
        parse_period(text, W, TODAY)
    assert error.value.key == key
    assert error.value.message(Translator("da"))


def test_names_in_danish_and_english() -> None:
    da, en = Translator("da"), Translator("en")
    assert period_label("2026-W47", da) == "uge 47 2026"
    assert period_label("2026-W47", en) == "week 47 2026"
    assert period_label("2026-11", da) == "november 2026"
    assert period_label("2026-11", en) == "November 2026"
    assert period_tick("2026-W47", da) == "u47" and period_tick("2026-03", da) == "mar 26"
