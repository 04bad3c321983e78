"""The kaizen board: cards per column in order, moves, archive with undo, owner filter, column
names and the project's name for a test of change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.errors import InvalidError
from core.kaizen import board
from core.models import BoardColumn, CycleName, KaizenCard, Project
from core.project import projects
from core.workflow import ideas

TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "board.db")


def _titles(store: Store, project_id: str, column: BoardColumn, owner: str = "") -> list[str]:
    cards = board.by_column(board.load_cards(store, project_id), owner)
    return [card.title for card in cards[column]]


def test_add_cards_in_order_and_after_the_focused_one(store: Store) -> None:
    project = projects.create_project(store, "Udskrivning")
    log = UndoLog(store)
    first = board.add_card(log, project.id, BoardColumn.IDEA, "  Sms dagen før ", owner="Jonas")
    board.add_card(log, project.id, BoardColumn.IDEA, "Tavlemøde mandag")
    board.add_card(log, project.id, BoardColumn.IDEA, "Byt plads", after_id=first.id)
    board.add_card(log, project.id, BoardColumn.PLANNED, "Fejr målet")
    assert _titles(store, project.id, BoardColumn.IDEA) == [
        "Sms dagen før", "Byt plads", "Tavlemøde mandag"]
    assert _titles(store, project.id, BoardColumn.PLANNED) == ["Fejr målet"]
    with pytest.raises(InvalidError):
        board.add_card(log, project.id, BoardColumn.IDEA, "   ")


def test_move_between_columns_and_within_one(store: Store) -> None:
    project = projects.create_project(store, "Udskrivning")
    log = UndoLog(store)
    a, b, c = (board.add_card(log, project.id, BoardColumn.IDEA, t) for t in "ABC")
    board.add_card(log, project.id, BoardColumn.PLANNED, "P")
    assert board.move_in_column(log, c.id, -1)
    assert _titles(store, project.id, BoardColumn.IDEA) == ["A", "C", "B"]
    assert board.move_in_column(log, a.id, 1)
    assert _titles(store, project.id, BoardColumn.IDEA) == ["C", "A", "B"]
    assert not board.move_in_column(log, c.id, -1)  # already at the top
    assert not board.move_in_column(log, b.id, 1)  # already at the bottom
    moved = board.move_sideways(log, a.id, 1, today=TODAY).card
    assert moved.column == BoardColumn.PLANNED
    assert _titles(store, project.id, BoardColumn.PLANNED) == ["P", "A"]  # to the bottom
    # the left edge
    assert board.move_sideways(log, c.id, -1, today=TODAY).card.column == BoardColumn.IDEA
    board.move_to_column(log, b.id, BoardColumn.DROPPED, today=TODAY)
    assert _titles(store, project.id, BoardColumn.DROPPED) == ["B"]
    log.undo()
    assert _titles(store, project.id, BoardColumn.IDEA) == ["C", "B"]


def test_moving_many_times_between_neighbours_renumbers_when_keys_run_out(store: Store) -> None:
    project = projects.create_project(store, "Udskrivning")
    log = UndoLog(store)
    cards = [board.add_card(log, project.id, BoardColumn.IDEA, str(i)) for i in range(3)]
    for _ in range(80):  # halve the gap between the first two again and again
        board.move_in_column(log, cards[2].id, -1)
        board.move_in_column(log, cards[2].id, 1)
        board.move_in_column(log, cards[1].id, 1)
    orders = [c.order for c in board.load_cards(store, project.id)]
    assert all(len(order) <= 64 for order in orders)
    assert len(set(orders)) == 3


def test_archive_filter_and_undo(store: Store) -> None:
    project = projects.create_project(store, "Udskrivning")
    log = UndoLog(store)
    card = board.add_card(log, project.id, BoardColumn.TESTING, "Ring op", owner="Anne Bech")
    board.add_card(log, project.id, BoardColumn.TESTING, "Tjekliste", owner="Jonas Møller")
    assert _titles(store, project.id, BoardColumn.TESTING, owner="anne") == ["Ring op"]
    assert board.owners(board.load_cards(store, project.id)) == ["Anne Bech", "Jonas Møller"]
    board.archive_card(log, card.id)
    assert _titles(store, project.id, BoardColumn.TESTING) == ["Tjekliste"]
    assert changelog.load(store, KaizenCard, card.id).archived
    log.undo()
    assert _titles(store, project.id, BoardColumn.TESTING) == ["Ring op", "Tjekliste"]


def test_rename_columns_and_choose_the_cycle_name(store: Store) -> None:
    project = projects.create_project(store, "Udskrivning")
    log = UndoLog(store)
    assert board.column_labels(store, project.id) == {}
    board.rename_column(log, project.id, BoardColumn.STANDARD, " Sådan gør vi her ")
    board.rename_column(log, project.id, BoardColumn.STANDARD, "Sådan gør vi")
    assert board.column_labels(store, project.id) == {BoardColumn.STANDARD: "Sådan gør vi"}
    board.rename_column(log, project.id, BoardColumn.STANDARD, "")
    assert board.column_labels(store, project.id) == {}
    board.rename_column(log, project.id, BoardColumn.STANDARD, "Drift")
    assert board.column_labels(store, project.id) == {BoardColumn.STANDARD: "Drift"}
    assert board.cycle_name(store, project.id) == CycleName.PDSA
    board.set_cycle_name(log, project.id, CycleName.PGEK)
    assert changelog.load(store, Project, project.id).cycle_name == CycleName.PGEK


def test_a_card_from_an_idea_keeps_the_link(store: Store) -> None:
    project = projects.create_project(store, "Udskrivning")
    idea = ideas.capture(store, project.id, "Sms før samtalen")
    other = ideas.capture(store, project.id, "Byt plads")
    log = UndoLog(store)
    assert {i for i, _ in board.ideas_for_cards(store, project.id)} == {idea.id, other.id}
    card = ideas.to_card(log, idea.id)
    [shown] = board.by_column(board.load_cards(store, project.id))[BoardColumn.IDEA]
    assert (shown.id, shown.idea_id, shown.idea_text) == (card.id, idea.id, "Sms før samtalen")
    assert [i for i, _ in board.ideas_for_cards(store, project.id)] == [other.id]
