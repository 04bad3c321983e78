"""The project leader and the charter's people are the project's people (issue 19, item 2), and a
charter text saved on its own through the undo log (item 6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.models import Charter, Group, Person, Project
from core.plan import actions
from core.project import charter, projects


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "people.db")


def test_the_leader_given_at_creation_is_one_of_the_people(store: Store) -> None:
    project = projects.create_project(store, "Udskrivning", leader=" Mette Holm ")
    assert actions.people_names(store, project.id) == ["Mette Holm"]
    # once: opening the project again adds nobody
    assert not projects.add_leader_as_person(store, project.id)
    assert actions.people_names(store, project.id) == ["Mette Holm"]
    # the charter's groups find the leader by name, in any case, rather than adding a second
    charter.add_member(UndoLog(store), project.id, Group.STEERING, "mette holm")
    assert actions.people_names(store, project.id) == ["Mette Holm"]
    assert [s.name for s in charter.load_charter(store, project.id).steering] == ["Mette Holm"]


def test_a_project_from_before_gets_its_leader_once_when_opened(store: Store) -> None:
    with store.transaction():  # as create_project wrote it before the leader became a person
        old = changelog.create(store, changelog.build(Project, name="Gammel", leader="Ole Dahl"))
    assert actions.people_names(store, old.id) == []
    assert projects.add_leader_as_person(store, old.id)
    assert not projects.add_leader_as_person(store, old.id)
    assert actions.people_names(store, old.id) == ["Ole Dahl"]
    # the same id in every unit, so two units that both add the leader merge into one person
    assert changelog.load(store, Person, projects.leader_person_id(old.id, "ole dahl")).name == (
        "Ole Dahl")


def test_a_leader_already_among_the_people_or_deleted_from_them_is_not_added(
        store: Store) -> None:
    project = projects.create_project(store, "Udskrivning")
    log = UndoLog(store)
    actions.add_person(log, project.id, "LARS BERG")
    with store.transaction():
        changelog.update(store, Project, project.id, leader="Lars Berg")
    assert not projects.add_leader_as_person(store, project.id)
    assert actions.people_names(store, project.id) == ["LARS BERG"]
    # a leader the team removed from the people stays removed
    other = projects.create_project(store, "Andet", leader="Ida Lund")
    with store.transaction():
        changelog.delete(store, Person, projects.leader_person_id(other.id, "Ida Lund"))
    assert not projects.add_leader_as_person(store, other.id)
    assert actions.people_names(store, other.id) == []
    # no leader: nobody
    nobody = projects.create_project(store, "Uden leder")
    assert not projects.add_leader_as_person(store, nobody.id)
    assert actions.people_names(store, nobody.id) == []


def test_one_charter_text_is_saved_as_one_undo_step(store: Store) -> None:
    project = projects.create_project(store, "Udskrivning")
    log = UndoLog(store)
    assert charter.save_text(log, project.id, "purpose", "Hurtigere afklaring")
    assert not charter.save_text(log, project.id, "purpose", "Hurtigere afklaring")  # unchanged
    assert charter.save_text(log, project.id, "scope", "Ikke børn")
    charter_id = Charter.id_for(project.id)
    log.undo()
    saved = changelog.load(store, Charter, charter_id)
    assert (saved.purpose, saved.scope) == ("Hurtigere afklaring", "")
    log.undo()
    assert changelog.load(store, Charter, charter_id).purpose == ""
    with pytest.raises(ValueError):
        charter.save_text(log, project.id, "name", "x")
