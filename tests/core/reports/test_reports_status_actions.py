"""The status report lists the actions a steering group asks about: those overdue, those due in
the next two weeks and those done since the period began (by the day the change log says each
became done), under a one-line count of the plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.db import changelog
from core.db.store import Store
from core.demo.build import open_demo
from core.demo.builder import FakeClock
from core.models import Action, ActionStatus
from core.plan.actions import done_days, load_plan
from core.reports.files import make_report
from tests.core.reports.reports_parse import Parsed, parse

TODAY = dt.date(2026, 11, 24)
SINCE = dt.date(2026, 10, 27)


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[tuple[Store, str]]:
    store = open_demo(tmp_path / "demo.db", today=TODAY)
    [project_id] = [row["id"] for row in store.query("SELECT id FROM projects")]
    yield store, project_id
    store.close()


def status(store: Store, project_id: str, *, lang: str = "da", since: dt.date = SINCE,
           fmt: str = "html") -> str:
    return make_report(store, "status", project_id, fmt=fmt, lang=lang,  # type: ignore[arg-type]
                       today=TODAY, since=since).text


def page_of(store: Store, project_id: str, **options: object) -> Parsed:
    return parse(status(store, project_id, **options))  # type: ignore[arg-type]


def mark_done(store: Store, project_id: str, change: str, on: dt.date) -> None:
    """Set a demo action done, stamped in the change log at 10:00 UTC on `on`."""
    [row] = [r for r in load_plan(store, project_id) if r.change.startswith(change)]
    saved = store.wall_clock
    store.wall_clock = FakeClock(int(dt.datetime.combine(
        on, dt.time(10), tzinfo=dt.UTC).timestamp() * 1000))
    try:
        with store.transaction():
            changelog.update(store, Action, row.id, status=ActionStatus.DONE)
    finally:
        store.wall_clock = saved


def test_overdue_and_due_actions_with_responsible_and_deadline(demo: tuple[Store, str]) -> None:
    store, project_id = demo
    page = page_of(store, project_id)
    text = page.section_text["actions"]
    assert "17 handlinger i planen: 10 færdige · 6 åbne · 2 forsinkede" in text
    assert page.tables["overdue"] == [
        ["Ændring/opgave", "Ansvarlig", "Deadline", "Status"],
        ["Beskrive stedfortræderordning ved ferie og sygdom", "Susanne Krogh", "09-11-2026",
         "forsinket (I gang)"],
        ["Opdatere kvalitetsstandarden for sygedagpengeområdet", "Karina Friis", "18-11-2026",
         "forsinket (Ikke startet)"],
    ]
    assert "Frist de næste 14 dage (til og med 08-12-2026)" in text
    due = page.tables["due"]
    assert [row[1:] for row in due[1:]] == [["Mette Holm", "03-12-2026", "Ikke startet"]]
    assert due[1][0].startswith("Fejre, at målet om første samtale")
    # the rows done in the demo were entered done, with deadlines long before the period
    assert "Ingen handlinger er blevet færdige siden 27-10-2026." in text
    assert "done" not in page.tables
    assert "by-responsible" not in page.tables  # the owners' counts gave way to the actions


def test_an_action_done_in_the_period_is_listed_with_its_day(demo: tuple[Store, str]) -> None:
    store, project_id = demo
    mark_done(store, project_id, "Beskrive stedfortræderordning", dt.date(2026, 11, 20))
    page = page_of(store, project_id)
    assert page.tables["done"] == [
        ["Ændring/opgave", "Ansvarlig", "Deadline", "Færdig den"],
        ["Beskrive stedfortræderordning ved ferie og sygdom", "Susanne Krogh", "09-11-2026",
         "20-11-2026"],
    ]
    assert "Færdige siden 27-10-2026" in page.section_text["actions"]
    assert len(page.tables["overdue"]) == 2  # the header and the one still late
    # a period that starts after the day leaves it out
    later = page_of(store, project_id, since=dt.date(2026, 11, 21))
    assert "done" not in later.tables
    assert "Ingen handlinger er blevet færdige siden 21-11-2026." in later.section_text["actions"]


def test_a_row_entered_done_counts_from_its_deadline(demo: tuple[Store, str]) -> None:
    store, project_id = demo
    days = done_days(store, project_id, load_plan(store, project_id))
    plan = {row.id: row for row in load_plan(store, project_id)}
    assert len(days) == 10
    assert all(day == plan[row_id].deadline for row_id, day in days.items())


def test_the_lists_in_markdown_and_in_bokmal(demo: tuple[Store, str]) -> None:
    store, project_id = demo
    mark_done(store, project_id, "Beskrive stedfortræderordning", dt.date(2026, 11, 20))
    md = status(store, project_id, fmt="md")
    assert "**Frist de næste 14 dage (til og med 08-12-2026)**" in md
    assert "| Beskrive stedfortræderordning ved ferie og sygdom | Susanne Krogh | 09-11-2026 " \
        "| 20-11-2026 |" in md
    nb = status(store, project_id, lang="nb", fmt="md")
    assert "17 handlinger i planen: 11 ferdige · 5 åpne · 1 forsinket" in nb
    assert "**Ferdige siden 27.10.2026**" in nb
