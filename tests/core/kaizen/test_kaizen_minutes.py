"""A kaizen meeting from start to minutes: participants, agenda items with notes and decisions,
a decision that becomes an action-plan row or moves a card, the end, and the Markdown file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.errors import TavleError
from core.i18n import Translator
from core.kaizen import board, meetings, successes
from core.models import BoardColumn, KaizenCard, Meeting, MeetingItemKind, Person
from core.plan import actions
from core.project import projects

START = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 24)
TX = Translator("da")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "minutes.db")


def test_a_meeting_from_start_to_minutes(store: Store, tmp_path: Path) -> None:
    project = projects.create_project(store, "Sygedagpenge: [/x] hurtigere")
    log = UndoLog(store)
    with store.transaction():
        people = [changelog.create(store, changelog.build(Person, project_id=project.id,
                                                          name=name))
                  for name in ("Karina Friis", "Anne Bech", "Jonas Møller")]
    card = board.add_card(log, project.id, BoardColumn.PLANNED, "Sms dagen før",
                          due=TODAY - dt.timedelta(days=2))
    meeting = meetings.start_meeting(store, project.id, [people[0].id, people[1].id], TX,
                                     now=START)
    assert (meeting.held_on, meeting.started_at, meeting.ended_at) == (TODAY, START, None)
    assert meetings.running_meeting(store, project.id) == meeting
    [item] = meetings.items_of(store, meeting.id)
    assert (item.kind, item.ref_id) == (MeetingItemKind.CARD, card.id)
    assert item.title == "Sms dagen før – kort i Planlagt, forsinket – frist 22-11-2026"
    assert meetings.card_of(store, item) == card.id

    meetings.save_item(log, item.id, note="Jonas har ikke nået det", decision="Vi prøver en uge")
    row = meetings.decide_action(log, item.id, TX, change="Opsæt sms i Momentum",
                                 responsible="Jonas Møller", deadline="+7", today=TODAY)
    assert [r.change for r in actions.load_plan(store, project.id)] == ["Opsæt sms i Momentum"]
    assert (row.responsible, row.deadline) == ("Jonas Møller", TODAY + dt.timedelta(days=7))
    with pytest.raises(TavleError):
        meetings.decide_action(log, item.id, TX, change="x", deadline="31-02-2026", today=TODAY)
    meetings.decide_card_move(log, item.id, card.id, BoardColumn.TESTING, TX, "Afprøves",
                              today=TODAY)
    assert changelog.load(store, KaizenCard, card.id).column == BoardColumn.TESTING
    other = meetings.add_item(log, meeting.id, "Ferieplan i december")
    meetings.save_item(log, other.id, note="[@click=app.quit]x[/]", decision="")
    successes.record(log, project.id, "Tirsdagstiden er standard", on=TODAY,
                     meeting_id=meeting.id)

    ended = meetings.end_meeting(store, meeting.id, now=START + dt.timedelta(minutes=52))
    assert (ended.ended_at, ended.duration_min) == (START + dt.timedelta(minutes=52), 52)
    assert meetings.running_meeting(store, project.id) is None
    [listed] = meetings.list_meetings(store, project.id)
    assert (listed.participants, listed.items, listed.running) == (
        ["Anne Bech", "Karina Friis"], 2, False)

    text = meetings.minutes_markdown(store, meeting.id, TX)
    assert text.startswith("# Kaizen-møde 24-11-2026\n")
    assert "**Deltagere:** Anne Bech, Karina Friis" in text
    assert "**Varighed (minutter):** 52" in text
    assert "### 1. Sms dagen før – kort i Planlagt, forsinket – frist 22-11-2026" in text
    assert "> Jonas har ikke nået det" in text
    assert "> Vi prøver en uge\n> → Handlingsplan: Opsæt sms i Momentum\n" \
           "> → Kortet »Sms dagen før« flyttet til Afprøves" in text
    assert "### 2. Ferieplan i december" in text and "[@click=app.quit]x[/]" in text
    assert "## Succeser\n\n- Tirsdagstiden er standard" in text

    path = meetings.export_minutes(store, meeting.id, TX, folder=tmp_path / "ud")
    assert path.name == "Kaizen-møde - Sygedagpenge [x] hurtigere - 2026-11-24.md"
    assert path.read_text("utf-8") == text


def test_a_meeting_is_at_least_a_minute_and_at_most_ten_hours(store: Store) -> None:
    project = projects.create_project(store, "Sygedagpenge")
    first = meetings.start_meeting(store, project.id, [], TX, now=START)
    assert meetings.end_meeting(store, first.id, now=START).duration_min == 1
    second = meetings.start_meeting(store, project.id, [], TX, now=START)
    ended = meetings.end_meeting(store, second.id, now=START + dt.timedelta(days=2))
    assert ended.duration_min == 600
    assert changelog.load(store, Meeting, second.id).ended_at is not None


def test_the_project_overview_warns_and_lists_successes(store: Store) -> None:
    from core.views.overview import project_overview

    project = projects.create_project(store, "Sygedagpenge")
    meeting = meetings.start_meeting(store, project.id, [], TX, now=START)
    meetings.end_meeting(store, meeting.id, now=START + dt.timedelta(minutes=40))
    successes.record(UndoLog(store), project.id, "Tirsdagstiden er standard", on=TODAY)

    def facts(today: dt.date) -> dict[str, dict[str, object]]:
        return {f.key: f.params for f in project_overview(store, project.id, today=today)[4].facts}

    assert "meeting.overview_overdue" not in facts(TODAY + dt.timedelta(days=14))
    late = facts(TODAY + dt.timedelta(days=15))
    assert late["meeting.overview_overdue"] == {"days": 15, "every": 14}
    assert late["successes.overview"] == {"count": 1, "text": "Tirsdagstiden er standard",
                                          "date": TODAY}
    assert TX("meeting.overview_overdue", days=15, every=14) == (
        "Advarsel: 15 dage siden sidste kaizen-møde – projektet holder dem med 14 dages "
        "mellemrum.")
