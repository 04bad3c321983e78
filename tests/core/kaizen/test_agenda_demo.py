"""The kaizen meeting's agenda on the demo, built from the whole board: every card planned and
being tested (per column), the cycle waiting for study, the action rows due this week or
overdue, and only the ideas not on the board as new; what `k` can do with each kind of item."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.demo.build import open_demo
from core.i18n import Translator
from core.kaizen import board, cycles, meetings
from core.kaizen.agenda import build_agenda
from core.kaizen.rhythm import last_meeting_date
from core.models import BoardColumn, Cycle, Idea, MeetingItemKind
from core.plan import actions

TODAY = dt.date(2026, 11, 24)
NOW = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)
TX = Translator("da")


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[tuple[Store, str]]:
    store = open_demo(tmp_path / "demo.db", today=TODAY)
    (project_id,) = store.execute("SELECT id FROM projects").fetchone()
    yield store, str(project_id)
    store.close()


def _agenda(store: Store, project_id: str) -> list[meetings.AgendaEntry]:
    since = last_meeting_date(store, project_id, before=TODAY)
    return build_agenda(store, project_id, today=TODAY, since=since)


def test_the_demo_agenda_is_built_from_the_whole_board(demo: tuple[Store, str]) -> None:
    store, project_id = demo
    entries = _agenda(store, project_id)
    cards = board.by_column(board.load_cards(store, project_id))
    planned = [c.id for c in cards[BoardColumn.PLANNED]]
    testing = [c.id for c in cards[BoardColumn.TESTING]]
    assert planned and testing
    on_agenda = [e.ref_id for e in entries if e.kind == MeetingItemKind.CARD]
    assert on_agenda[:len(planned) + len(testing)] == planned + testing  # per column, in order
    texts = {e.ref_id: e.text(TX) for e in entries}
    assert all("kort i Planlagt" in texts[i] for i in planned)
    assert all("kort i Afprøves" in texts[i] for i in testing)
    # no card left of or right of those columns unless it is due (the demo's are not)
    others = {c.id for column in (BoardColumn.STANDARD, BoardColumn.DROPPED)
              for c in cards[column]}
    assert not others & set(on_agenda)

    # the cycle waiting for study
    [cycle_entry] = [e for e in entries if e.kind == MeetingItemKind.CYCLE]
    cycle = changelog.load(store, Cycle, str(cycle_entry.ref_id))
    assert cycles.waits_for_study(cycle, TODAY)
    assert cycle_entry.text(TX).endswith("afprøvning 2 venter på studér")

    # the action rows due this week or overdue, and no other
    due = [e.ref_id for e in entries if e.kind == MeetingItemKind.ACTION]
    plan = actions.load_plan(store, project_id)
    assert set(due) == {r.id for r in plan if r.is_due_this_week(TODAY)}
    assert len(due) == 2
    assert all("forsinket" in texts[i] for i in due)

    # only the ideas not on the board are new; the two new ideas on cards are not
    new = [e.ref_id for e in entries if e.kind == MeetingItemKind.IDEA]
    carded = {c.idea_id for c in board.load_cards(store, project_id) if c.idea_id}
    new_status = {i for (i,) in store.execute(
        "SELECT id FROM ideas WHERE project_id = ? AND status = 'new' AND _exists",
        [project_id]).fetchall()}
    assert len(new_status & carded) == 2
    assert new and set(new) == new_status - carded
    assert [texts[i] for i in new] == [
        "Egen læge deltager i første samtale via video – ny idé, ikke set på endnu"]

    # the signals come from the signal computation, first
    assert entries[0].kind == MeetingItemKind.SIGNAL


def test_what_k_does_on_each_kind_of_item(demo: tuple[Store, str]) -> None:
    store, project_id = demo
    meeting = meetings.start_meeting(store, project_id, [], TX, now=NOW)
    items = meetings.items_of(store, meeting.id)
    by_kind = {kind: [i for i in items if i.kind == kind] for kind in MeetingItemKind}
    for item in by_kind[MeetingItemKind.CARD]:
        assert meetings.card_of(store, item) == item.ref_id
    [cycle_item] = by_kind[MeetingItemKind.CYCLE]
    cycle = changelog.load(store, Cycle, str(cycle_item.ref_id))
    assert meetings.card_of(store, cycle_item) == cycle.card_id
    for kind in (MeetingItemKind.SIGNAL, MeetingItemKind.ACTION):
        for item in by_kind[kind]:
            assert meetings.card_of(store, item) is None
            assert meetings.idea_of(store, item) is None
    [idea_item] = by_kind[MeetingItemKind.IDEA]
    assert meetings.card_of(store, idea_item) is None
    assert meetings.idea_of(store, idea_item) == idea_item.ref_id

    # k on the idea puts it on the board; then it is the card that k moves
    log = UndoLog(store)
    card = meetings.decide_idea_card(log, idea_item.id, str(idea_item.ref_id),
                                     BoardColumn.PLANNED, TX, "Planlagt", today=TODAY)
    assert (card.column, card.idea_id) == (BoardColumn.PLANNED, idea_item.ref_id)
    assert meetings.idea_of(store, idea_item) is None
    assert meetings.card_of(store, idea_item) == card.id
    item = next(i for i in meetings.items_of(store, meeting.id) if i.id == idea_item.id)
    assert item.decision == (
        "→ Idéen er sat på tavlen som kortet »Egen læge deltager i første samtale via video« "
        "i Planlagt")
    # the idea is no longer new on the next agenda, the card is
    entries = build_agenda(store, project_id, today=TODAY, since=TODAY)
    assert str(idea_item.ref_id) not in {e.ref_id for e in entries
                                         if e.kind == MeetingItemKind.IDEA}
    assert card.id in {e.ref_id for e in entries if e.kind == MeetingItemKind.CARD}
    log.undo()  # one undo step takes the card off again
    assert meetings.card_of(store, idea_item) is None
    assert meetings.idea_of(store, idea_item) == idea_item.ref_id
    assert changelog.load(store, Idea, str(idea_item.ref_id)).text.startswith("Egen læge")


def test_the_minutes_name_no_keys(demo: tuple[Store, str]) -> None:
    store, project_id = demo
    meeting = meetings.start_meeting(store, project_id, [], TX, now=NOW)
    for lang in ("da", "en", "nb"):
        text = meetings.minutes_markdown(store, meeting.id, Translator(lang))
        assert "kort i Planlagt" in text or lang != "da"
        for words in ("tryk", "press", "trykk", "(k)", "(h)"):
            assert words not in text.casefold(), (lang, words)
