"""The deadline parser: what Danish users type in a meeting, and what it refuses."""

from __future__ import annotations

import datetime as dt

import pytest

from core.errors import TavleError
from core.i18n import Translator
from core.values.deadlines import WEEKDAYS, parse_deadline

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
    ("-3", "action_plan.deadline.unreadable"),
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
