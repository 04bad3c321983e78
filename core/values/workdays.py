"""Working days: weekends and the public holidays of Denmark or Norway, from the maintained
`holidays` calendar, so that a deadline on 25-12-2026 says "fredag 25-12-2026 – juledag".

The country follows the UI language: Danish and English are Denmark, Norwegian bokmål is
Norway. Nothing here moves a date; callers show the note and may offer `working_day_before`.
`understood` is the live preview under every date field: what the typed text is read as.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import TYPE_CHECKING

from core.errors import TavleError
from core.values.days import Looking, read_day

if TYPE_CHECKING:
    from holidays import HolidayBase

    from core.i18n import Translator

COUNTRY = {"da": "DK", "nb": "NO", "en": "DK"}
"""The country whose holidays a UI language's user keeps."""
_HOLIDAY_LANGUAGE = {"da": "da", "nb": "no", "en": "en_US"}
WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""The catalog's weekday names, `action_plan.weekday.<key>`, Monday first."""


@cache
def _calendar(lang: str) -> HolidayBase:
    import holidays  # a large package: loaded the first time a date is checked

    return holidays.country_holidays(COUNTRY.get(lang, "DK"),
                                     language=_HOLIDAY_LANGUAGE.get(lang, "da"))


def holiday_name(day: dt.date, lang: str) -> str | None:
    """The public holiday `day` is in the language's country, in its words, or None."""
    name = _calendar(lang).get(day)
    if name is None:
        return None
    name = str(name).split(";")[0].strip()
    return name[:1].lower() + name[1:] if lang in ("da", "nb") else name


def is_working_day(day: dt.date, lang: str) -> bool:
    """Whether `day` is a weekday and no public holiday."""
    return day.weekday() < 5 and holiday_name(day, lang) is None


def working_day_before(day: dt.date, lang: str) -> dt.date:
    """The last working day before `day`."""
    before = day - dt.timedelta(days=1)
    while not is_working_day(before, lang):
        before -= dt.timedelta(days=1)
    return before


def weekday_name(day: dt.date, tr: Translator) -> str:
    """The weekday's name in the UI language ("fredag")."""
    return tr(f"action_plan.weekday.{WEEKDAY_KEYS[day.weekday()]}")


def day_text(day: dt.date, tr: Translator) -> str:
    """A date with its weekday, and what makes it no working day: "fredag 25-12-2026 – juledag",
    "lørdag 19-12-2026 – weekend", "torsdag 17-12-2026"."""
    weekday, date = weekday_name(day, tr), tr.date(day)
    holiday = holiday_name(day, tr.lang)
    if holiday is not None:
        return tr("values.date.holiday", weekday=weekday, date=date, holiday=holiday)
    if day.weekday() >= 5:
        return tr("values.date.weekend", weekday=weekday, date=date)
    return f"{weekday} {date}"


def day_before_text(day: dt.date, tr: Translator) -> str:
    """The offer of the working day before a day off ("Arbejdsdagen før er onsdag 23-12-2026."),
    empty when `day` is a working day."""
    if is_working_day(day, tr.lang):
        return ""
    before = working_day_before(day, tr.lang)
    return tr("values.date.day_before", weekday=weekday_name(before, tr), date=tr.date(before))


def understood(
    text: str, today: dt.date, tr: Translator, looking: Looking = Looking.AHEAD
) -> tuple[str, bool]:
    """What a typed date is read as, for the line under a date field, and whether it could be
    read: "Forstået som fredag 27-11-2026 (uge 48)"; a deadline on a day off says so and names
    the working day before ("… – juledag (uge 52). Arbejdsdagen før er …"); else why not."""
    try:
        day = read_day(text, today, looking)
    except TavleError as error:
        return error.message(tr), False
    week = day.isocalendar().week
    if is_working_day(day, tr.lang):
        return tr("action_plan.editor.understood", weekday=weekday_name(day, tr),
                  date=tr.date(day), week=week), True
    # a weekend or a holiday says so; a deadline also names the working day before (never moved)
    before = day_before_text(day, tr) if looking is Looking.AHEAD else ""
    text = tr("values.date.understood_day_off", day=day_text(day, tr), week=week, before=before)
    return (text.rstrip() if before else text.rstrip().removesuffix(".")), True
