""""Hvad ændrer vi?" without a driver diagram: what the project is changing, counted from its
ideas, cards and action-plan rows and said in words (singular and plural)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from core.db.store import Store
from core.db.undo import UndoLog
from core.demo.build import open_demo
from core.drivers import edits
from core.drivers.diagram import load_diagram
from core.drivers.questions import ChangeWork, change_work, three_questions
from core.i18n import Translator
from core.kaizen import board
from core.models import BoardColumn, DriverKind
from core.plan import actions
from core.project import projects
from core.workflow import ideas

TODAY = dt.date(2026, 11, 24)
TX = Translator("da")


def _without_diagram(store: Store, project_id: str) -> None:
    log = UndoLog(store)
    for primary in load_diagram(store, project_id).of_kind(DriverKind.PRIMARY):
        edits.delete_branch(log, load_diagram(store, project_id), primary)
    assert not load_diagram(store, project_id).of_kind(DriverKind.CHANGE_IDEA)


def test_the_demo_without_its_diagram_counts_ideas_cards_and_actions(tmp_path: Path) -> None:
    store = open_demo(tmp_path / "demo.db", today=TODAY)
    (project_id,) = store.execute("SELECT id FROM projects").fetchone()
    _without_diagram(store, project_id)
    work = change_work(store, project_id)
    cards = [c for c in board.load_cards(store, project_id) if c.column != BoardColumn.DROPPED]
    rows = [r for r in actions.load_plan(store, project_id) if r.status != "cancelled"]
    assert work == ChangeWork(ideas=1, cards=len(cards), actions=len(rows))
    assert work.cards > 1 and work.actions > 1
    answer = three_questions(store, load_diagram(store, project_id), TX)[2]
    assert answer.short == "Hvad ændrer vi?"
    assert answer.summary == (f"1 idé · {work.cards} kort · {work.actions} handlinger "
                              "(intet driverdiagram)")
    assert answer.lines == (
        f"Intet driverdiagram endnu. Projektet ændrer: 1 idé · {work.cards} kort · "
        f"{work.actions} handlinger. Byg diagrammet (v) for at se, hvilke drivere ændringerne "
        "virker på.",)
    assert "Ingen forandringsidéer" not in answer.summary
    en = three_questions(store, load_diagram(store, project_id), Translator("en"))[2]
    assert en.summary.startswith(f"1 idea · {work.cards} cards · {work.actions} actions")
    nb = three_questions(store, load_diagram(store, project_id), Translator("nb"))[2]
    assert nb.summary.startswith(f"1 idé · {work.cards} kort · {work.actions} tiltak")
    store.close()


def test_each_thing_is_counted_once_and_only_what_there_is(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "work.db")
    project_id = projects.create_project(store, "Sygedagpenge").id
    log = UndoLog(store)
    empty = three_questions(store, load_diagram(store, project_id), TX)[2]
    assert empty.lines == (TX("driver.q3_empty"),)
    on_card = ideas.capture(store, project_id, "Idé på tavlen", today=TODAY)
    ideas.to_card(log, on_card.id)
    in_plan = ideas.capture(store, project_id, "Idé i planen", today=TODAY)
    ideas.to_action(log, in_plan.id)
    rejected = ideas.capture(store, project_id, "Forkastet", today=TODAY)
    ideas.set_status(log, rejected.id, "rejected")
    ideas.capture(store, project_id, "Ny idé", today=TODAY)
    ideas.capture(store, project_id, "Endnu en idé", today=TODAY)
    dropped = board.add_card(log, project_id, BoardColumn.PLANNED, "Opgivet")
    board.move_to_column(log, dropped.id, BoardColumn.DROPPED, today=TODAY)
    assert change_work(store, project_id) == ChangeWork(ideas=2, cards=1, actions=1)
    answer = three_questions(store, load_diagram(store, project_id), TX)[2]
    assert answer.summary == "2 idéer · 1 kort · 1 handling (intet driverdiagram)"
    assert ChangeWork(0, 3, 0).words(TX) == "3 kort"
