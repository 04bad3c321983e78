"""What every part of the demo writes with: one build's state (store, seeded random source,
anchor Monday, ids by key), the fake change-log clock, and the order keys of lists.

The demo's parts (`core.demo.plan`, `teams`, `capacity`, `drivers`, `network`) take a `DemoBuild`
from `core.demo.build`, which calls them in turn; they import this module, never `build`.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from core.db import changelog
from core.db.store import Store
from core.models import Record


class FakeClock:
    """A monotonic wall clock for the change log: starts at `start_ms`, ticks 1 ms per call."""

    def __init__(self, start_ms: int) -> None:
        self.now_ms = start_ms - 1

    def __call__(self) -> int:
        self.now_ms += 1
        return self.now_ms


@dataclass
class DemoBuild:
    """The state of one build: the store, the random source, the anchor and the ids by key."""

    store: Store
    rng: random.Random
    anchor: dt.date
    project_id: str = ""
    ids: dict[str, str] = field(default_factory=dict)

    def new_id(self) -> str:
        """Draw a record id from the seeded random source."""
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def id(self, key: str) -> str:
        """Return the id of a keyed record, drawing it on first use."""
        if key not in self.ids:
            self.ids[key] = self.new_id()
        return self.ids[key]

    def opt(self, key: str | None) -> str | None:
        """Return the id of an optional key."""
        return None if key is None else self.id(key)

    def day(self, offset: int) -> dt.date:
        """Return the date `offset` days from the anchor Monday."""
        return self.anchor + dt.timedelta(days=offset)

    def add(self, record: Record) -> None:
        """Write one record through the change log."""
        changelog.create(self.store, record)

    def add_many(self, records: Iterable[Record]) -> None:
        """Write many new records through the change log in bulk (the same log as `add`)."""
        changelog.create_new(self.store, records)


def anchor_of(today: dt.date) -> dt.date:
    """Return the Monday of `today`'s ISO week (every demo date is an offset from it)."""
    return today - dt.timedelta(days=today.weekday())


def demo_order(index: int) -> str:
    """An order key for the `index`th of a list (0010, 0020, ...)."""
    return f"{(index + 1) * 10:04d}"
