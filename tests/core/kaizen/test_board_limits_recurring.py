"""The kaizen board's work-in-progress limits per column and its recurring cards."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.errors import InvalidError
from core.i18n import Translator
from core.kaizen import board, cycles, meetings
from core.models import BoardColumn, BoardLabel, KaizenCard
from core.project import projects

TODAY = dt.date(2026, 11, 24)
TX = Translator("da")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "limits.db")


def _titles(store: Store, project_id: str, column: BoardColumn) -> list[str]:
    return [c.title for c in board.by_column(board.load_cards(store, project_id))[column]]


# -- limits ---------------------------------------------------------------------------------


def test_a_limit_is_set_read_as_typed_cleared_and_undone(store: Store) -> None:
    project = projects.create_project(store, "Udskrivning")
    log = UndoLog(store)
    assert board.column_limits(store, project.id) == {}
    assert board.set_wip_limit(log, project.id, BoardColumn.TESTING, " 3 ") == 3
    assert board.column_limits(store, project.id) == {BoardColumn.TESTING: 3}
    assert board.column_labels(store, project.id) == {}  # a limit is no rename
    assert board.set_wip_limit(log, project.id, BoardColumn.TESTING, "4,0") == 4
    assert board.set_wip_limit(log, project.id, BoardColumn.TESTING, "") is None
    assert board.column_limits(store, project.id) == {}
    log.undo()
    assert board.column_limits(store, project.id) == {BoardColumn.TESTING: 4}
    log.undo()
    log.undo()
    assert board.column_limits(store, project.id) == {}
    log.redo()
    assert board.column_limits(store, project.id) == {BoardColumn.TESTING: 3}


@pytest.mark.parametrize(("text", "key"), [
    ("0", "error.greater_than_equal"), ("2,5", "error.int_from_float"),
    ("1000", "error.less_than_equal"), ("tre", "values.number.unreadable"),
])
def test_a_limit_that_is_no_whole_number_from_1_is_refused(store: Store, text: str,
                                                           key: str) -> None:
    project = projects.create_project(store, "Udskrivning")
    with pytest.raises(InvalidError) as caught:
        board.set_wip_limit(UndoLog(store), project.id, BoardColumn.TESTING, text)
    [(field, found, _)] = caught.value.problems
    assert (field, found) == ("wip_limit", key)
    assert board.column_limits(store, project.id) == {}


def test_a_name_and_a_limit_share_the_column_record(store: Store) -> None:
    project = projects.create_project(store, "Udskrivning")
    log = UndoLog(store)
    board.rename_column(log, project.id, BoardColumn.TESTING, "Prøver nu")
    board.set_wip_limit(log, project.id, BoardColumn.TESTING, "2")
    board.rename_column(log, project.id, BoardColumn.TESTING, "")  # the limit stays
    assert board.column_labels(store, project.id) == {}
    assert board.column_limits(store, project.id) == {BoardColumn.TESTING: 2}
    board.set_wip_limit(log, project.id, BoardColumn.TESTING, "")  # nothing left: deleted
    label_id = BoardLabel.id_for(project.id, BoardColumn.TESTING)
    assert store.execute("SELECT _exists FROM board_labels WHERE id = ?",
                         [label_id]).fetchone()[0] == 0
    board.set_wip_limit(log, project.id, BoardColumn.TESTING, "5")  # restored, no old name
    assert board.column_labels(store, project.id) == {}
    assert board.column_limits(store, project.id) == {BoardColumn.TESTING: 5}
    log.undo()  # the restore is undone with the limit
    assert store.execute("SELECT _exists FROM board_labels WHERE id = ?",
                         [label_id]).fetchone()[0] == 0


def test_a_full_column_still_takes_cards_and_says_how_crowded_it_is(store: Store) -> None:
    project = projects.create_project(store, "Udskrivning")
    log = UndoLog(store)
    board.set_wip_limit(log, project.id, BoardColumn.TESTING, "2")
    cards = [board.add_card(log, project.id, BoardColumn.PLANNED, t) for t in "ABC"]
    for card in cards[:2]:
        board.move_to_column(log, card.id, BoardColumn.TESTING, today=TODAY)
    assert board.crowded(store, project.id, BoardColumn.TESTING) is None  # at the limit
    board.move_to_column(log, cards[2].id, BoardColumn.TESTING, today=TODAY)
    assert _titles(store, project.id, BoardColumn.TESTING) == ["A", "B", "C"]
    assert board.crowded(store, project.id, BoardColumn.TESTING) == board.Crowded(
        BoardColumn.TESTING, 3, 2)
    assert board.crowded(store, project.id, BoardColumn.PLANNED) is None  # no limit
    board.archive_card(log, cards[0].id)  # archived cards do not count
    assert board.crowded(store, project.id, BoardColumn.TESTING) is None


# -- recurring cards ------------------------------------------------------------------------


def test_a_recurring_card_done_comes_back_in_planned_and_undo_takes_both(store: Store) -> None:
    project = projects.create_project(store, "Udskrivning")
    log = UndoLog(store)
    card = board.add_card(log, project.id, BoardColumn.TESTING, "Tjek medicinlister",
                          description="Stikprøve på 10", owner="Jonas",
                          due=dt.date(2026, 12, 4), recur_weeks=2)
    moved = board.move_to_column(log, card.id, BoardColumn.STANDARD, today=TODAY)
    again = moved.next_card
    assert again is not None
    assert (again.title, again.description, again.owner, again.column, again.recur_weeks) == (
        "Tjek medicinlister", "Stikprøve på 10", "Jonas", BoardColumn.PLANNED, 2)
    assert again.due == dt.date(2026, 12, 18)
    assert moved.card.recur_weeks is None  # the recurrence went on to the new card
    assert [c.recur_weeks for c in board.load_cards(store, project.id)
            if c.column == BoardColumn.PLANNED] == [2]
    # out of Standard and back again: it does not come back twice
    board.move_to_column(log, card.id, BoardColumn.TESTING, today=TODAY)
    assert board.move_to_column(log, card.id, BoardColumn.STANDARD,
                                today=TODAY).next_card is None
    log.undo()
    log.undo()
    log.undo()  # the move to Standard and the card that came back, in one step
    assert _titles(store, project.id, BoardColumn.PLANNED) == []
    assert changelog.load(store, KaizenCard, card.id).column == BoardColumn.TESTING
    assert changelog.load(store, KaizenCard, card.id).recur_weeks == 2
    log.redo()
    assert _titles(store, project.id, BoardColumn.PLANNED) == ["Tjek medicinlister"]


def test_without_a_due_date_it_comes_back_n_weeks_after_the_move(store: Store) -> None:
    project = projects.create_project(store, "Udskrivning")
    log = UndoLog(store)
    card = board.add_card(log, project.id, BoardColumn.TESTING, "Audit", recur_weeks=4)
    again = board.move_to_column(log, card.id, BoardColumn.STANDARD, today=TODAY).next_card
    assert again is not None and again.due == TODAY + dt.timedelta(weeks=4)


def test_a_dropped_or_plain_card_does_not_come_back(store: Store) -> None:
    project = projects.create_project(store, "Udskrivning")
    log = UndoLog(store)
    recurring = board.add_card(log, project.id, BoardColumn.TESTING, "Audit", recur_weeks=1)
    plain = board.add_card(log, project.id, BoardColumn.TESTING, "Sms")
    assert board.move_to_column(log, recurring.id, BoardColumn.DROPPED,
                                today=TODAY).next_card is None
    assert board.move_to_column(log, plain.id, BoardColumn.STANDARD,
                                today=TODAY).next_card is None
    assert _titles(store, project.id, BoardColumn.PLANNED) == []


def test_an_adopted_recurring_card_comes_back_too(store: Store) -> None:
    project = projects.create_project(store, "Udskrivning")
    log = UndoLog(store)
    card = board.add_card(log, project.id, BoardColumn.PLANNED, "Audit", recur_weeks=3)
    cycle = cycles.start(log, card.id, TX, today=TODAY)
    cycles.adopt(log, cycle.id, TX, leader="Lars", decision="Standard", today=TODAY)
    [again] = board.by_column(board.load_cards(store, project.id))[BoardColumn.PLANNED]
    assert (again.title, again.recur_weeks, again.due) == (
        "Audit", 3, TODAY + dt.timedelta(weeks=3))


@pytest.mark.parametrize("text", ["0", "53", "1,5"])
def test_recurrence_is_a_whole_number_of_weeks_from_1_to_52(store: Store, text: str) -> None:
    project = projects.create_project(store, "Udskrivning")
    with pytest.raises(InvalidError):
        board.add_card(UndoLog(store), project.id, BoardColumn.IDEA, "Audit",
                       recur_weeks=float(text.replace(",", ".")))


@given(st.dates(dt.date(2000, 1, 1), dt.date(2098, 12, 31)), st.integers(1, 52),
       st.booleans())
def test_the_next_due_date_is_n_iso_weeks_on_the_same_weekday(
        base: dt.date, weeks: int, has_due: bool) -> None:
    due = base if has_due else None
    moved_on = dt.date(2030, 6, 5) if has_due else base
    result = board.next_due(due, moved_on, weeks)
    year, week, weekday = base.isocalendar()
    new_year, new_week, new_weekday = result.isocalendar()
    assert new_weekday == weekday
    # counting ISO weeks through year ends, 53-week years included
    weeks_in = {y: dt.date(y, 12, 28).isocalendar()[1] for y in (year, year + 1)}
    assert weeks_in[year] in (52, 53)
    passed = (new_week - week) if new_year == year else (weeks_in[year] - week + new_week)
    assert passed == weeks


def test_next_due_crosses_week_53_of_2026() -> None:
    assert dt.date(2026, 12, 28).isocalendar()[:2] == (2026, 53)
    assert board.next_due(dt.date(2026, 12, 21), TODAY, 1).isocalendar()[:2] == (2026, 53)
    assert board.next_due(dt.date(2026, 12, 21), TODAY, 2).isocalendar()[:2] == (2027, 1)


# -- the schema step ------------------------------------------------------------------------


def test_a_database_from_before_m021_gets_the_columns_and_keeps_its_board(
        tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    store = Store.open(path)
    project = projects.create_project(store, "Udskrivning")
    log = UndoLog(store)
    board.rename_column(log, project.id, BoardColumn.TESTING, "Prøver nu")
    card = board.add_card(log, project.id, BoardColumn.IDEA, "Sms dagen før")
    store.close()
    conn = sqlite3.connect(path)  # back to the file as the Tavle before m021 left it
    with conn:
        conn.execute("ALTER TABLE board_labels DROP COLUMN wip_limit")
        conn.execute("ALTER TABLE kaizen_cards DROP COLUMN recur_weeks")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = ?",
                     ["m021_board_limits_and_recurring_cards"])
    conn.close()
    store = Store.open(path)
    assert board.column_labels(store, project.id) == {BoardColumn.TESTING: "Prøver nu"}
    assert board.column_limits(store, project.id) == {}
    assert board.load_card(store, project.id, card.id).recur_weeks is None
    store.close()


def test_a_meeting_decision_that_moves_a_recurring_card_to_standard_brings_it_back(
        store: Store) -> None:
    project = projects.create_project(store, "Udskrivning")
    log = UndoLog(store)
    card = board.add_card(log, project.id, BoardColumn.TESTING, "Audit",
                          due=dt.date(2026, 12, 28), recur_weeks=1)
    meeting = meetings.start_meeting(store, project.id, [], TX,
                                     now=dt.datetime(2026, 11, 24, 9, tzinfo=dt.UTC))
    item = meetings.add_item(log, meeting.id, "Audit")
    moved = meetings.decide_card_move(log, item.id, card.id, BoardColumn.STANDARD, TX,
                                      "Standard", today=TODAY)
    assert moved.next_card is not None and moved.next_card.due == dt.date(2027, 1, 4)
    assert board.comes_back(TX, moved) == "Kortet kommer igen i uge 1 2027 (frist 04-01-2027)."
    assert board.comes_back(TX, board.Moved(moved.card)) is None
    log.undo()
    assert _titles(store, project.id, BoardColumn.PLANNED) == []


@pytest.mark.parametrize(("lang", "text"), [
    ("da", "Afprøves har nu 4 kort – grænsen er 3."),
    ("en", "Testing now holds 4 cards – the limit is 3."),
    ("nb", "Prøves ut har nå 4 kort – grensen er 3."),
])
def test_the_over_limit_message_in_every_language(lang: str, text: str) -> None:
    crowded = board.Crowded(BoardColumn.TESTING, 4, 3)
    tx = Translator(lang)
    assert crowded.message(tx, tx("enum.board_column.testing")) == text
