"""The learning network's edits: members, meetings, the agenda's order, notes and tips, each
undoable; and the demo's network."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.db.store import Store
from core.db.undo import UndoLog
from core.demo.build import DEMO_UNIT, open_demo
from core.errors import TavleError
from core.models import NetworkPresentation, NoteKind
from core.network import networks
from core.project import projects

DAY = dt.date(2026, 11, 26)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "net.db")


def _network(store: Store) -> tuple[UndoLog, str]:
    network = networks.create_network(store, "Netværket", coordinator="KB", unit="Afsnit K")
    return UndoLog(store), network.id


def test_a_unit_is_a_member_once_and_removing_it_is_undoable(store: Store) -> None:
    log, network_id = _network(store)
    unit = networks.add_member(log, network_id, "Afsnit A")
    with pytest.raises(TavleError) as refused:
        networks.add_member(log, network_id, "  afsnit a ")
    assert refused.value.key == "network.error.unit_exists"
    networks.rename_unit(log, unit.id, "Afsnit A1")
    networks.remove_unit(log, unit.id)
    assert networks.units(store, network_id) == []
    log.undo()
    assert [u.name for u in networks.units(store, network_id)] == ["Afsnit A1"]


def test_a_presentation_names_a_project_here_or_a_typed_one(store: Store) -> None:
    project = projects.create_project(store, "Færre fald", unit="Afsnit A")
    fields = networks.presentation_fields(store, "", project.id, "ignored")
    assert fields == {"unit": "Afsnit A", "project_id": project.id, "project_name": "Færre fald"}
    assert networks.presentation_fields(store, "Afsnit B", None, " Tidlig opsporing ") == {
        "unit": "Afsnit B", "project_id": None, "project_name": "Tidlig opsporing"}
    for unit, project_id, name, key in (
        ("Afsnit B", None, " ", "network.error.project_missing"),
        ("", None, "Tidlig opsporing", "network.error.unit_missing"),
        ("", "no-such-id", "", "network.error.no_such_project"),
    ):
        with pytest.raises(TavleError) as refused:
            networks.presentation_fields(store, unit, project_id, name)
        assert refused.value.key == key
    assert [(p.id, p.name, p.unit) for p in networks.project_choices(store)] == [
        (project.id, "Færre fald", "Afsnit A")]


def test_presentations_move_on_the_agenda_and_renumber_when_keys_run_out(store: Store) -> None:
    log, network_id = _network(store)
    meeting = networks.add_meeting(log, network_id, DAY, "Tema")
    talks = [networks.add_presentation(log, meeting, unit, project_name=f"P {unit}")
             for unit in ("A", "B", "C")]
    assert networks.move_presentation(log, talks[2].id, -1)
    assert [p.unit for p in networks.agenda(store, meeting.id)] == ["A", "C", "B"]
    assert not networks.move_presentation(log, talks[0].id, -1)
    log.undo()
    assert [p.unit for p in networks.agenda(store, meeting.id)] == ["A", "B", "C"]
    # neighbours with equal keys leave no room: the agenda is renumbered in the same step
    for talk in talks:
        log.update(NetworkPresentation, talk.id, order="0010")
    first, second, third = (p.unit for p in networks.agenda(store, meeting.id))  # by id
    moved = next(t for t in talks if t.unit == first)
    assert networks.move_presentation(log, moved.id, 1)
    agenda = networks.agenda(store, meeting.id)
    assert [p.unit for p in agenda] == [second, first, third]
    assert len({p.order for p in agenda}) == 3


def test_deleting_a_meeting_takes_its_agenda_and_notes_in_one_undo_step(store: Store) -> None:
    log, network_id = _network(store)
    meeting = networks.add_meeting(log, network_id, DAY, "Tema")
    networks.add_presentation(log, meeting, "Afsnit A", project_name="Færre fald")
    networks.write_note(log, network_id, " Prøv det ", kind=NoteKind.TIP, meeting_id=meeting.id)
    assert networks.meeting_contents(store, meeting.id) == (1, 1)
    networks.delete_meeting(log, meeting.id)
    assert networks.meetings(store, network_id) == []
    assert networks.notes(store, network_id) == []
    log.undo()
    assert networks.meeting_contents(store, meeting.id) == (1, 1)
    [note] = networks.notes(store, network_id, meeting.id)
    assert note.text == "Prøv det" and note.kind == NoteKind.TIP


def test_a_note_needs_a_text_and_can_be_edited(store: Store) -> None:
    log, network_id = _network(store)
    with pytest.raises(TavleError) as refused:
        networks.write_note(log, network_id, "  ")
    assert refused.value.key == "network.error.text_missing"
    note = networks.write_note(log, network_id, "Husk data", unit="Afsnit A")
    edited = networks.edit_note(log, note.id, text=" Husk tidstro data ", kind=NoteKind.TIP)
    assert (edited.text, edited.kind, edited.unit) == ("Husk tidstro data", NoteKind.TIP,
                                                        "Afsnit A")
    with pytest.raises(TavleError):
        networks.edit_note(log, note.id, text="")
    networks.edit_network(log, network_id, name="Nyt navn")
    assert networks.get_network(store, network_id).name == "Nyt navn"


def test_the_demo_has_a_network_where_its_unit_presented_and_got_two_tips(
    tmp_path: Path,
) -> None:
    demo = open_demo(tmp_path / "demo.db", today=dt.date(2026, 11, 24))
    [network] = networks.list_networks(demo)
    assert DEMO_UNIT in [u.name for u in networks.units(demo, network.id)]
    [meeting] = networks.meetings(demo, network.id)
    assert meeting.held_on < dt.date(2026, 11, 24)
    [project] = projects.list_projects(demo, today=DAY)
    first, second = networks.agenda(demo, meeting.id)
    assert (first.unit, first.project_id) == (DEMO_UNIT, project.id)
    assert second.project_id is None and second.project_name
    rows = networks.notes_for_project(demo, project.id)
    assert [row.note.kind for row in rows] == [NoteKind.TIP, NoteKind.TIP]
    assert {row.network_name for row in rows} == {network.name}
