"""The deadline parser: what Danish users type in a meeting, and what it refuses."""

from __future__ import annotations

import datetime as dt

import pytest

from core.errors import TavleError
from core.i18n import Translator
from core.values.days import WEEKDAYS, Looking, parse_day, parse_deadline, read_day

TODAY = dt.date(2026, 11, 24)  # a Tuesday in ISO week 48
D = dt.date

ACCEPTED: list[tuple[str, dt.date]] = [
    ("24-12-2026", D(2026, 12, 24)),
    ("24.12.2026", D(2026, 12, 24)),
    ("24/12/2026", D(2026, 12, 24)),
    ("24-12-26", D(2026, 12, 24)),
    ("1-2-2027", D(2027, 2, 1)),
    (" 01-02-2027 ", D(2027, 2, 1)),
    ("2026-12-24", D(2026, 12, 24)),
    ("24/12", D(2026, 12, 24)),
    ("24-12", D(2026, 12, 24)),
    ("24.12.", D(2026, 12, 24)),
    ("24-11", D(2026, 11, 24)),  # today is on or after today
    ("23-11", D(2027, 11, 23)),  # already past this year: next year
    ("29-02", D(2028, 2, 29)),  # the next 29 February
    ("uge 52", D(2026, 12, 25)),  # the Friday of the week
    ("Uge 52", D(2026, 12, 25)),
    ("u52", D(2026, 12, 25)),
    ("uge 48", D(2026, 11, 27)),
    ("uge 47", D(2027, 11, 26)),  # this year's week 47 is over
    ("uge 52 2027", D(2027, 12, 31)),
    ("uge 1 2027", D(2027, 1, 8)),
    ("uge 53", D(2027, 1, 1)),  # 2026 has an ISO week 53; its Friday is in 2027
    ("week 2", D(2027, 1, 15)),
    ("+14", D(2026, 12, 8)),
    ("+0", TODAY),
    ("+ 3", D(2026, 11, 27)),
    ("+2u", D(2026, 12, 8)),
    ("+2 uger", D(2026, 12, 8)),
    ("+10 dage", D(2026, 12, 4)),
    ("fre", D(2026, 11, 27)),
    ("fredag", D(2026, 11, 27)),
    ("FREDAG", D(2026, 11, 27)),
    ("tir", D(2026, 12, 1)),  # today is a Tuesday: the next one is a week away
    ("tirsdag", D(2026, 12, 1)),
    ("man", D(2026, 11, 30)),
    ("ons", D(2026, 11, 25)),
    ("tor", D(2026, 11, 26)),
    ("lør", D(2026, 11, 28)),
    ("søndag", D(2026, 11, 29)),
    ("i dag", TODAY),
    ("idag", TODAY),
    ("i morgen", D(2026, 11, 25)),
    ("i  Morgen", D(2026, 11, 25)),
    ("i overmorgen", D(2026, 11, 26)),
    ("today", TODAY),
    ("tomorrow", D(2026, 11, 25)),
    ("friday", D(2026, 11, 27)),
    ("fri", D(2026, 11, 27)),
    ("-3", D(2026, 11, 21)),  # written out: three days ago, even for a deadline
    ("i går", D(2026, 11, 23)),
]

REFUSED: list[tuple[str, str]] = [
    ("31-02-2026", "action_plan.deadline.no_such_date"),
    ("30-02", "action_plan.deadline.no_such_date"),
    ("24-13-2026", "action_plan.deadline.no_such_date"),
    ("00-12-2026", "action_plan.deadline.no_such_date"),
    ("2026-02-30", "action_plan.deadline.no_such_date"),
    ("uge 54", "action_plan.deadline.no_such_week"),
    ("uge 0", "action_plan.deadline.no_such_week"),
    ("uge 53 2027", "action_plan.deadline.no_such_week"),
    ("+99999", "action_plan.deadline.too_far"),
    ("snart", "action_plan.deadline.unreadable"),
    ("24-12-2026-1", "action_plan.deadline.unreadable"),
    ("fredagsbar", "action_plan.deadline.unreadable"),
    ("-99999", "action_plan.deadline.too_far_back"),
    ("- 3 år", "action_plan.deadline.unreadable"),
    ("", "action_plan.deadline.empty"),
    ("   ", "action_plan.deadline.empty"),
]


@pytest.mark.parametrize(("text", "expected"), ACCEPTED)
def test_accepted(text: str, expected: dt.date) -> None:
    assert parse_deadline(text, TODAY) == expected


@pytest.mark.parametrize(("text", "key"), REFUSED)
def test_refused_with_a_message(text: str, key: str) -> None:
    with pytest.raises(TavleError) as caught:
        parse_deadline(text, TODAY)
    assert caught.value.key == key
    for lang in ("da", "en"):
        message = caught.value.message(Translator(lang))
        assert message and "{" not in message
        if text.strip() and key != "action_plan.deadline.no_such_week":
            assert text.strip() in message


def test_the_impossible_date_message_names_it() -> None:
    with pytest.raises(TavleError) as caught:
        parse_deadline("31-02-2026", TODAY)
    assert caught.value.message(Translator("da")) == (
        "Datoen »31-02-2026« findes ikke. Ret dag eller måned."
    )


def test_a_weekday_is_always_after_today() -> None:
    for offset in range(7):
        today = TODAY + dt.timedelta(days=offset)
        for name, index in WEEKDAYS.items():
            day = parse_deadline(name, today)
            assert day.weekday() == index
            assert 1 <= (day - today).days <= 7


BACK: list[tuple[str, dt.date]] = [
    ("24-12", D(2025, 12, 24)),  # this year's is still to come: last year's
    ("24-11", TODAY),  # today counts
    ("23-11", D(2026, 11, 23)),
    ("29-02", D(2024, 2, 29)),
    ("uge 48", D(2026, 11, 23)),  # the Monday of this week
    ("uge 49", D(2025, 12, 1)),
    ("uge 53", D(2020, 12, 28)),  # the last ISO year with a week 53 before today
    ("uge 10 2026", D(2026, 3, 2)),
    ("tir", D(2026, 11, 17)),  # today is a Tuesday: the last one is a week ago
    ("man", D(2026, 11, 23)),
    ("søn", D(2026, 11, 22)),
    ("i går", D(2026, 11, 23)),
    ("igår", D(2026, 11, 23)),
    ("i forgårs", D(2026, 11, 22)),
    ("yesterday", D(2026, 11, 23)),
    ("-7", D(2026, 11, 17)),
    ("\u22122u", D(2026, 11, 10)),  # a typographic minus, two weeks
    ("+1", D(2026, 11, 25)),  # written out, it means what it says
    ("24-12-2026", D(2026, 12, 24)),
]

NEAREST: list[tuple[str, Looking, dt.date]] = [
    ("uge 1", Looking.NEAREST, D(2027, 1, 4)),  # week 1 of 2027 starts in six weeks
    ("uge 26", Looking.NEAREST, D(2026, 6, 22)),  # five months back, seven ahead
    ("01-01", Looking.NEAREST, D(2027, 1, 1)),
    ("uge 1", Looking.THIS_YEAR, D(2025, 12, 29)),  # ISO week 1 of 2026 starts in 2025
    ("uge 26", Looking.THIS_YEAR_END, D(2026, 6, 28)),  # the end of a period: its Sunday
    ("01-01", Looking.THIS_YEAR, D(2026, 1, 1)),
    ("30-06", Looking.THIS_YEAR_END, D(2026, 6, 30)),
    ("fre", Looking.THIS_YEAR, D(2026, 11, 27)),
    ("fre", Looking.NEAREST, D(2026, 11, 27)),  # this week's
    ("man", Looking.NEAREST, D(2026, 11, 23)),
]


@pytest.mark.parametrize(("text", "expected"), BACK)
def test_a_field_looking_back_takes_the_last_such_day(text: str, expected: dt.date) -> None:
    assert read_day(text, TODAY, Looking.BACK) == expected


@pytest.mark.parametrize(("text", "looking", "expected"), NEAREST)
def test_a_day_either_side_takes_the_nearest_and_a_period_this_year(
    text: str, looking: Looking, expected: dt.date
) -> None:
    assert read_day(text, TODAY, looking) == expected


def test_every_way_of_looking_finds_the_same_weekday_and_a_full_date() -> None:
    for offset in range(14):
        today = TODAY + dt.timedelta(days=offset)
        for name, index in WEEKDAYS.items():
            back = read_day(name, today, Looking.BACK)
            assert back.weekday() == index and 1 <= (today - back).days <= 7
            near = read_day(name, today, Looking.NEAREST)
            assert near.weekday() == index
            assert near.isocalendar()[:2] == today.isocalendar()[:2]
        for looking in Looking:
            assert read_day("03-04-2025", today, looking) == D(2025, 4, 3)


def test_a_field_says_which_field_could_not_be_read() -> None:
    from core.errors import InvalidError

    assert parse_day("  ", "on", TODAY, Looking.BACK) is None
    assert parse_day("i går", "on", TODAY, Looking.BACK) == D(2026, 11, 23)
    with pytest.raises(InvalidError) as caught:
        parse_day("snart", "on", TODAY, Looking.BACK)
    assert caught.value.problems[0][0] == "on"
    with pytest.raises(InvalidError) as caught:
        parse_day("29-02", "period_from", TODAY, Looking.THIS_YEAR)  # 2026 has none
    assert caught.value.problems[0][1] == "action_plan.deadline.no_such_date"
    with pytest.raises(InvalidError) as caught:
        parse_day("uge 53", "period_to", dt.date(2027, 3, 1), Looking.THIS_YEAR_END)
    assert caught.value.problems[0][1:] == (
        "action_plan.deadline.no_such_week", {"week": 53, "year": 2027})
