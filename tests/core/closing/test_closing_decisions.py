"""Closing: every change to decide on, the decisions, the two project choices, the summary."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from core.closing import decisions as closing
from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.demo.build import open_demo
from core.i18n import Translator
from core.kaizen import board, cycles
from core.models import (
    BoardColumn,
    ClosingChoice,
    CycleName,
    Decision,
    IdeaStatus,
    KaizenCard,
    Lane,
    MapKind,
    Project,
    Step,
    WorkflowMap,
)
from core.plan import actions
from core.project import projects
from core.sync.exporter import export_scope
from core.sync.importer import apply_import
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
        ("card", "Fast tirsdagstid"), ("idea", "Sms før samtalen"),
    ]


def test_every_change_is_listed_action_rows_cards_in_every_column_and_cycles(
        store: Store) -> None:
    project = projects.create_project(store, "Udskrivning")
    log = UndoLog(store)
    first = actions.add_row(log, project.id, None, "Aftal fast tid\nmed Sundhed")
    actions.add_row(log, project.id, first.id, "Undervis sagsbehandlerne")
    as_row = ideas.capture(store, project.id, "Fælles skema")
    ideas.to_action(log, as_row.id)  # chosen, and listed once: as the row
    planned = board.add_card(log, project.id, BoardColumn.PLANNED, "Tavlemøde mandag")
    dropped = board.add_card(log, project.id, BoardColumn.DROPPED, "Byt plads en dag")
    testing = board.add_card(log, project.id, BoardColumn.TESTING, "Ring til borgeren")
    gone = board.add_card(log, project.id, BoardColumn.IDEA, "Gammelt kort")
    board.archive_card(log, gone.id)
    tx = Translator("da")
    one = cycles.start(log, testing.id, tx, today=TODAY)
    two = cycles.adapt(log, one.id, tx, notes="Ring om formiddagen", today=TODAY)
    board.rename_column(log, project.id, BoardColumn.PLANNED, "Næste skridt")
    board.set_cycle_name(log, project.id, CycleName.PGEK)
    items = closing.closing_items(store, project.id)
    assert [(i.kind, i.subject) for i in items] == [
        ("action", "Aftal fast tid"), ("action", "Undervis sagsbehandlerne"),
        ("action", "Fælles skema"),
        ("card", "Tavlemøde mandag"), ("card", "Ring til borgeren"),
        ("cycle", "Ring til borgeren"), ("cycle", "Ring til borgeren"),
        ("card", "Byt plads en dag"),
    ]
    assert all(item.decision is None for item in items)
    assert [i.kind_text(tx) for i in items[3:]] == [
        "Kort · Næste skridt", "Kort · Afprøves", "PGEK 1", "PGEK 2", "Kort · Droppet"]
    assert items[0].kind_text(tx) == "Handlingsplan"
    assert items[0].choice_text(tx) == "Ikke besluttet"
    assert [i.ref_id for i in items[5:7]] == [one.id, two.id]
    assert dropped.id == items[7].ref_id and planned.id == items[3].ref_id


def test_decisions_on_rows_and_cycles_name_them_and_old_card_decisions_still_count(
        store: Store) -> None:
    project = projects.create_project(store, "Udskrivning")
    log = UndoLog(store)
    row = actions.add_row(log, project.id, None, "Aftal fast tid")
    card = board.add_card(log, project.id, BoardColumn.STANDARD, "Fast tirsdagstid")
    cycle = cycles.start(log, card.id, Translator("da"), today=TODAY)
    with store.transaction():  # a decision on a card as an older Tavle made it
        old = changelog.create(store, Decision(
            project_id=project.id, subject="Fast tirsdagstid", choice=ClosingChoice.CONTINUE,
            card_id=card.id, decided_on=TODAY))
    items = {item.kind: item for item in closing.closing_items(store, project.id)}
    assert items["card"].decision == old
    on_row = closing.decide(log, project.id, items["action"], ClosingChoice.DEVELOP,
                            responsible="Lars", note="To teams mere", today=TODAY)
    on_cycle = closing.decide(log, project.id, items["cycle"], ClosingChoice.CANCEL,
                              today=TODAY)
    stored = changelog.load(store, Decision, on_row.id)
    assert (stored.action_id, stored.cycle_id, stored.card_id) == (row.id, None, None)
    assert changelog.load(store, Decision, on_cycle.id).cycle_id == cycle.id
    items = {item.kind: item for item in closing.closing_items(store, project.id)}
    assert items["action"].decision is not None
    assert items["action"].decision.responsible == "Lars"
    assert items["cycle"].decision is not None
    assert [(choice, [i.kind for i in members])
            for choice, members in closing.grouped(list(items.values()))] == [
        (ClosingChoice.CONTINUE, ["card"]), (ClosingChoice.DEVELOP, ["action"]),
        (ClosingChoice.CANCEL, ["cycle"])]
    log.undo()
    log.undo()
    items = {item.kind: item for item in closing.closing_items(store, project.id)}
    assert items["action"].decision is None and items["cycle"].decision is None
    assert [choice for choice, _ in closing.grouped(list(items.values()))] == [
        ClosingChoice.CONTINUE, None]
    # an archived card leaves the list, unless it was decided on
    board.archive_card(log, card.id)
    assert [i.kind for i in closing.closing_items(store, project.id)] == [
        "action", "card", "cycle"]


def test_a_decision_on_an_action_row_travels_to_the_other_unit(tmp_path: Path) -> None:
    nord = Store.open(tmp_path / "nord.db", fingerprint="nord")
    syd = Store.open(tmp_path / "syd.db", fingerprint="syd")
    project = projects.create_project(nord, "Udskrivning")
    log = UndoLog(nord)
    row = actions.add_row(log, project.id, None, "Aftal fast tid")
    [item] = closing.closing_items(nord, project.id)
    closing.decide(log, project.id, item, ClosingChoice.CONTINUE, responsible="Lars",
                   note="Drift fra januar", today=TODAY)
    apply_import(syd, export_scope(nord, project.id, full=True, folder=tmp_path).path)
    [there] = closing.closing_items(syd, project.id)
    assert there.kind == "action" and there.decision is not None
    assert (there.decision.action_id, there.decision.responsible, there.decision.note) == (
        row.id, "Lars", "Drift fra januar")


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
    assert {"action", "step_added", "step_changed", "card", "cycle"} <= kinds
    assert len({item.ref_id for item in items}) == len(items)
    log = UndoLog(store)
    closing.decide(log, summary.id, items[0], ClosingChoice.CANCEL)
    s = closing.summary(store, summary.id)
    assert (s.items, s.cancelled, s.undecided) == (len(items), 1, len(items) - 1)


def test_a_database_from_before_m019_keeps_its_card_decisions(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    store = Store.open(path)
    project = projects.create_project(store, "Udskrivning")
    log = UndoLog(store)
    card = board.add_card(log, project.id, BoardColumn.STANDARD, "Fast tirsdagstid")
    [item] = closing.closing_items(store, project.id)
    closing.decide(log, project.id, item, ClosingChoice.CONTINUE, responsible="Lars",
                   today=TODAY)
    store.close()
    conn = sqlite3.connect(path)  # back to the file as the Tavle before m019 left it
    with conn:
        for column in ("action_id", "cycle_id"):
            conn.execute(f"ALTER TABLE decisions DROP COLUMN {column}")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = ?",
                     ["m019_decisions_on_every_change"])
    conn.close()
    store = Store.open(path)
    columns = {row["name"] for row in store.query("PRAGMA table_info(decisions)")}
    assert {"action_id", "cycle_id"} <= columns
    [item] = closing.closing_items(store, project.id)
    assert item.ref_id == card.id and item.decision is not None
    assert (item.decision.choice, item.decision.responsible) == (ClosingChoice.CONTINUE, "Lars")
    store.close()
