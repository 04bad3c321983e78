"""The hybrid logical clock that stamps every change (sync-design.md §4.4), and the one place
Tavle reads the real date and time.

`today()`, `utc_now()`, `local_now()` and `system_wall_ms()` are the only readers of the
system's date and time (tests/test_wall_clock.py checks it); every other module takes `today` (or
`now`) as a parameter or asks the app for it, so a test pins the date by passing one, and the
suite passes on any day of the week.

A stamp is one integer: wall milliseconds shifted left 16 bits, plus a counter. Stamps made here
are strictly increasing even when the wall clock goes backwards; a remote stamp moves the clock
forward only when it is at most `MAX_REMOTE_AHEAD_MS` ahead of our wall clock.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

COUNTER_BITS = 16
COUNTER_MAX = (1 << COUNTER_BITS) - 1
MAX_REMOTE_AHEAD_MS = 60_000

WallClock = Callable[[], int]
"""A function returning the wall clock in milliseconds since the epoch."""


def today() -> dt.date:
    """Today's date on this machine (local time): what "overdue" and "this week" mean here."""
    return dt.date.today()


def utc_now() -> dt.datetime:
    """The current time in UTC, for stamping when something happened."""
    return dt.datetime.now(dt.UTC)


def local_now() -> dt.datetime:
    """The current local time (naive), for names a person reads, such as a backup's file name."""
    return dt.datetime.now()


def system_wall_ms() -> int:
    """Return the system wall clock in milliseconds."""
    return time.time_ns() // 1_000_000


def pack(ms: int, counter: int = 0) -> int:
    """Pack milliseconds and a counter into one stamp."""
    return (ms << COUNTER_BITS) | counter


def unpack(stamp: int) -> tuple[int, int]:
    """Split a stamp into (milliseconds, counter)."""
    return stamp >> COUNTER_BITS, stamp & COUNTER_MAX


def next_stamp(last: int, wall_ms: int) -> int:
    """Return the stamp for a local change, given the last stamp and the wall clock."""
    last_ms, counter = unpack(last)
    if wall_ms > last_ms:
        return pack(wall_ms, 0)
    if counter < COUNTER_MAX:
        return pack(last_ms, counter + 1)
    return pack(last_ms + 1, 0)


def observe(last: int, remote: int, wall_ms: int) -> int:
    """Return the clock after seeing a remote stamp: adopt it unless it is too far ahead."""
    remote_ms, _ = unpack(remote)
    if remote_ms > wall_ms + MAX_REMOTE_AHEAD_MS:
        return last
    return max(last, remote)


def stamp_to_ms(stamp: int) -> int:
    """Return the wall-clock milliseconds of a stamp."""
    return unpack(stamp)[0]


def stamp_time(stamp: int) -> dt.datetime:
    """When a stamp was made, in UTC (a change's time to show: `.astimezone()` for local)."""
    return dt.datetime.fromtimestamp(stamp_to_ms(stamp) / 1000, dt.UTC)


def parse_utc(text: str) -> dt.datetime | None:
    """A time Tavle wrote as ISO 8601 (a manifest's `created_at`, a local table's stamp), as an
    aware datetime – UTC when it names no zone; None when it is not such a time."""
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
