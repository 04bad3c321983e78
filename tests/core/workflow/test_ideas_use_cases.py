"""Ideas: capture, filter, status, and turning an idea into an action row or a kaizen card."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.errors import InvalidError, NotFoundError
from core.models import Action, BoardColumn, Idea, IdeaStatus, KaizenCard
from core.project import projects
from core.workflow import ideas


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "ideas.db")


def test_capture_and_filter(store: Store) -> None:
    project = projects.create_project(store, "Udskrivning")
    ideas.capture(store, project.id, "  Fælles tirsdagsmøde ", who="Lars",
                  source=ideas.source_text("Kortlægning", ""), today=dt.date(2026, 11, 2))
    ideas.capture(store, project.id, "Sms før samtalen", who="Mette",
                  source=ideas.source_text("Møde", "kaizen-møde 3"), today=dt.date(2026, 11, 9))
    rows = ideas.list_ideas(store, project.id)
    assert [r.idea.text for r in rows] == ["Sms før samtalen", "Fælles tirsdagsmøde"]
    assert rows[0].idea.source == "Møde – kaizen-møde 3"
    assert [r.idea.who for r in ideas.list_ideas(store, project.id, "KORTLÆG")] == ["Lars"]
    assert ideas.list_ideas(store, project.id, "findes ikke") == []
    with pytest.raises(InvalidError):
        ideas.capture(store, project.id, "   ")


def test_source_text() -> None:
    assert ideas.source_text("Møde", "") == "Møde"
    assert ideas.source_text("", "Borgerpanel") == "Borgerpanel"
    assert len(ideas.source_text("Møde", "x" * 300)) == 200


def test_status_cycle_edit_delete_with_undo(store: Store) -> None:
    project = projects.create_project(store, "Udskrivning")
    idea = ideas.capture(store, project.id, "Ét telefonnummer")
    log = UndoLog(store)
    assert ideas.next_status(IdeaStatus.NEW) == IdeaStatus.CHOSEN
    assert ideas.next_status(IdeaStatus.REJECTED) == IdeaStatus.NEW
    ideas.set_status(log, idea.id, IdeaStatus.PARKED)
    ideas.edit(log, idea.id, note="Tages op i foråret")
    ideas.remove(log, idea.id)
    with pytest.raises(NotFoundError):
        changelog.load(store, Idea, idea.id)
    log.undo()
    log.undo()
    restored = changelog.load(store, Idea, idea.id)
    assert (restored.status, restored.note) == (IdeaStatus.PARKED, "")


def test_to_action_keeps_the_link_and_chooses_the_idea(store: Store) -> None:
    project = projects.create_project(store, "Udskrivning")
    idea = ideas.capture(store, project.id, "Fælles skabelon for opfølgning")
    log = UndoLog(store)
    action = ideas.to_action(log, idea.id)
    stored = changelog.load(store, Action, action.id)
    assert (stored.change, stored.idea_id) == ("Fælles skabelon for opfølgning", idea.id)
    assert changelog.load(store, Idea, idea.id).status == IdeaStatus.CHOSEN
    [row] = ideas.list_ideas(store, project.id)
    assert row.action_id == action.id and row.card_id is None
    second = ideas.to_action(log, ideas.capture(store, project.id, "Nummer to").id)
    assert second.order > stored.order
    log.undo()
    log.undo()  # one step: the row and the status
    with pytest.raises(NotFoundError):
        changelog.load(store, Action, action.id)
    assert changelog.load(store, Idea, idea.id).status == IdeaStatus.NEW


def test_to_card_keeps_the_link(store: Store) -> None:
    project = projects.create_project(store, "Udskrivning")
    long_text = "Ring til borgeren " + "meget " * 60
    idea = ideas.capture(store, project.id, long_text)
    card = ideas.to_card(UndoLog(store), idea.id)
    stored = changelog.load(store, KaizenCard, card.id)
    assert stored.idea_id == idea.id and stored.column == BoardColumn.IDEA
    assert stored.title == long_text.strip()[:200].strip()
    assert stored.description == long_text.strip()
    assert ideas.list_ideas(store, project.id)[0].card_id == card.id
