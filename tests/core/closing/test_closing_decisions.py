"""Closing: what there is to decide on, the decisions, the two project choices, the summary."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.closing import decisions as closing
from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.demo.build import open_demo
from core.models import (
    BoardColumn,
    ClosingChoice,
    Decision,
    IdeaStatus,
    KaizenCard,
    Lane,
    MapKind,
    Project,
    Step,
    WorkflowMap,
)
from core.project import projects
from core.workflow import ideas

TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "closing.db")


def _map(store: Store, project_id: str, kind: MapKind, steps: list[tuple[str, str | None]]
         ) -> list[Step]:
    with store.transaction():
        workflow = changelog.create(store, WorkflowMap(project_id=project_id, kind=kind))
        lane = changelog.create(store, Lane(project_id=project_id, map_id=workflow.id,
                                            name="Jobcenter"))
        return [
            changelog.create(store, Step(project_id=project_id, map_id=workflow.id,
                                         lane_id=lane.id, text=text, source_step_id=source,
                                         order=f"{i:04d}"))
            for i, (text, source) in enumerate(steps)
        ]


def test_an_empty_project_has_nothing_to_decide(store: Store) -> None:
    project = projects.create_project(store, "Udskrivning")
    assert closing.closing_items(store, project.id) == []
    s = closing.summary(store, project.id)
    assert (s.items, s.undecided, s.kaizen_continues) == (0, 0, None)


def test_items_are_new_and_changed_steps_chosen_ideas_and_standard_cards(store: Store) -> None:
    project = projects.create_project(store, "Udskrivning")
    today = _map(store, project.id, MapKind.CURRENT, [("Screening", None), ("Brev", None),
                                                      ("Vent", None)])
    _map(store, project.id, MapKind.REDESIGN, [
        ("Screening", today[0].id), ("Opkald", today[1].id), ("Fælles samtale", None),
    ])
    log = UndoLog(store)
    chosen = ideas.capture(store, project.id, "Sms før samtalen")
    ideas.set_status(log, chosen.id, IdeaStatus.CHOSEN)
    ideas.capture(store, project.id, "Parkeret idé")
    on_card = ideas.capture(store, project.id, "Fast tirsdagstid")
    ideas.set_status(log, on_card.id, IdeaStatus.CHOSEN)
    card = ideas.to_card(log, on_card.id)
    log.update(KaizenCard, card.id, column=BoardColumn.STANDARD)
    items = closing.closing_items(store, project.id)
    assert [(i.kind, i.subject) for i in items] == [
        ("step_added", "Fælles samtale"), ("step_changed", "Opkald"),
        ("idea", "Sms før samtalen"), ("card", "Fast tirsdagstid"),
    ]


def test_decide_change_and_undo(store: Store) -> None:
    project = projects.create_project(store, "Udskrivning")
    idea = ideas.capture(store, project.id, "Sms før samtalen")
    log = UndoLog(store)
    ideas.set_status(log, idea.id, IdeaStatus.CHOSEN)
    [item] = closing.closing_items(store, project.id)
    first = closing.decide(log, project.id, item, ClosingChoice.DEVELOP, responsible="Lars",
                           note="Test i to teams", by="MH", today=TODAY)
    stored = changelog.load(store, Decision, first.id)
    assert (stored.idea_id, stored.choice, stored.responsible, stored.decided_by) == (
        idea.id, ClosingChoice.DEVELOP, "Lars", "MH")
    assert stored.subject == "Sms før samtalen" and stored.decided_on == TODAY
    [item] = closing.closing_items(store, project.id)
    second = closing.decide(log, project.id, item, ClosingChoice.CONTINUE, by="MH")
    assert second.id == first.id  # the same decision, changed
    assert closing.summary(store, project.id).continued == 1
    log.undo()
    assert closing.summary(store, project.id).developed == 1


def test_project_choices_cycle(store: Store) -> None:
    project = projects.create_project(store, "Udskrivning")
    log = UndoLog(store)
    assert [closing.next_choice(v) for v in (None, True, False)] == [True, False, None]
    closing.set_project_choice(log, project.id, "kaizen_continues", True)
    closing.set_project_choice(log, project.id, "steering_group_stays", False)
    stored = changelog.load(store, Project, project.id)
    assert (stored.kaizen_continues, stored.steering_group_stays) == (True, False)
    with pytest.raises(ValueError):
        closing.set_project_choice(log, project.id, "name", True)


def test_demo_summary(tmp_path: Path) -> None:
    store = open_demo(tmp_path / "demo.db", today=TODAY)
    [summary] = projects.list_projects(store, today=TODAY)
    items = closing.closing_items(store, summary.id)
    kinds = {item.kind for item in items}
    assert {"idea", "card"} <= kinds
    log = UndoLog(store)
    closing.decide(log, summary.id, items[0], ClosingChoice.CANCEL)
    s = closing.summary(store, summary.id)
    assert (s.items, s.cancelled, s.undecided) == (len(items), 1, len(items) - 1)
