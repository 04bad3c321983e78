"""The charter: texts saved in one go, the lists, typed numbers and dates, and the warnings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.demo.build import open_demo
from core.errors import InvalidError
from core.i18n import Translator
from core.models import Charter, Group
from core.project import charter, projects


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "charter.db")


def _keys(store: Store, project_id: str) -> list[tuple[str, dict[str, object]]]:
    return [(w.key, w.params) for w in charter.warnings(charter.load_charter(store, project_id))]


def test_texts_are_created_on_first_save_then_updated(store: Store) -> None:
    project = projects.create_project(store, "Udskrivning")
    view = charter.load_charter(store, project.id)
    assert not view.saved and view.charter.purpose == ""
    charter.save_texts(store, project.id, {"purpose": "Hurtigere", "citizen_case": "Hanne"})
    charter.save_texts(store, project.id, {"purpose": "Hurtigere afklaring", "scope": "Ikke børn"})
    stored = changelog.load(store, Charter, Charter.id_for(project.id))
    assert (stored.purpose, stored.citizen_case, stored.scope) == (
        "Hurtigere afklaring", "Hanne", "Ikke børn")
    assert charter.load_charter(store, project.id).saved
    with pytest.raises(ValueError):
        charter.save_texts(store, project.id, {"name": "x"})


def test_warnings_follow_the_guide(store: Store) -> None:
    project = projects.create_project(store, "Udskrivning", leader="Mette Holm")
    log = UndoLog(store)
    assert _keys(store, project.id) == [
        ("charter.warning.leader_not_in_steering", {"leader": "Mette Holm"})
    ]
    charter.add_goal(log, project.id, text="Første samtale inden 14 dage", target=14.0)
    charter.add_goal(log, project.id, text="Fælles plan", due=dt.date(2027, 6, 30))
    charter.add_unit(log, project.id, "Jobcenter Nord")
    charter.add_member(log, project.id, Group.STEERING, "mette holm", role="Projektleder")
    charter.add_member(log, project.id, Group.STEERING, "Lars Berg", unit="jobcenter nord ",
                       deciding_leader=False)
    keys = _keys(store, project.id)
    assert keys == [
        ("charter.warning.goal_no_date", {"goal": "Første samtale inden 14 dage"}),
        ("charter.warning.goal_no_target", {"goal": "Fælles plan"}),
        ("charter.warning.unit_no_leader", {"unit": "Jobcenter Nord"}),
    ]
    assert Translator("da")(keys[0][0], **keys[0][1]) == (
        "Resultatmålet »Første samtale inden 14 dage« mangler en dato")
    lars = charter.load_charter(store, project.id).steering[0]
    assert lars.name == "Lars Berg"  # deciding leaders first, then by name
    charter.edit_member(log, lars.member.id, name="Lars Berg", role="Chef",
                        unit="Jobcenter Nord", deciding_leader=True)
    assert [k for k, _ in _keys(store, project.id)] == [
        "charter.warning.goal_no_date", "charter.warning.goal_no_target"]


def test_members_reuse_people_and_project_group_has_no_deciding_leaders(store: Store) -> None:
    project = projects.create_project(store, "Udskrivning")
    log = UndoLog(store)
    first = charter.add_member(log, project.id, Group.STEERING, "Lars Berg", unit="Jobcenter")
    second = charter.add_member(log, project.id, Group.PROJECT, " lars berg ",
                                deciding_leader=True)
    assert first.person_id == second.person_id
    assert second.unit == "Jobcenter" and not second.deciding_leader
    assert charter.people_names(store, project.id) == ["Lars Berg"]
    log.undo()  # the seat (the person was found, not added)
    assert len(charter.load_charter(store, project.id).project_group) == 0


def test_measures_are_found_by_name(tmp_path: Path) -> None:
    today = dt.date(2026, 11, 24)
    store = open_demo(tmp_path / "demo.db", today=today)
    [summary] = projects.list_projects(store, today=today)
    view = charter.load_charter(store, summary.id)
    assert len(view.goals) == 3 and len(view.units) == 3
    name = next(iter(view.measures.values()))
    assert charter.find_measure(view, name.upper()) == next(iter(view.measures))
    assert charter.find_measure(view, "") is None
    with pytest.raises(InvalidError):
        charter.find_measure(view, "ingen måling hedder sådan")
    assert charter.warnings(view) == []
