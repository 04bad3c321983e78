"""A person taken out of the charter's groups leaves the project's people with their last seat:
no list of people offers them (Ansvarlig, a meeting's participants, the charter's suggestions)
and no meeting's minutes name them; names typed on actions stay as typed (issue "coordinator's
week", item 3)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.i18n import Translator
from core.kaizen import meetings
from core.models import Action, Group, Person
from core.plan import actions
from core.project import charter, projects

NOW = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "members.db")


def _offered(store: Store, project_id: str) -> dict[str, list[str]]:
    """Every list of the project's people, by where it is offered."""
    return {
        "ansvarlig": actions.people_names(store, project_id),
        "charter": charter.people_names(store, project_id),
        "meeting": [p.name for p in meetings.people(store, project_id)],
    }


def test_the_last_seat_deleted_takes_the_person_and_undo_brings_both(store: Store) -> None:
    project = projects.create_project(store, "Udskrivning", leader="Mette Holm")
    log = UndoLog(store)
    anne = charter.add_member(log, project.id, Group.PROJECT, "Anne Bech", role="Sagsbehandler")
    actions.add_row(log, project.id, None, "Ny skabelon", responsible="Anne Bech")
    meeting = meetings.start_meeting(store, project.id, [anne.person_id], Translator("da"),
                                     now=NOW)
    assert meetings.participants(store, meeting.id) == ["Anne Bech"]
    both = ["Anne Bech", "Mette Holm"]
    assert _offered(store, project.id) == {"ansvarlig": both, "charter": both, "meeting": both}

    charter.delete_member(log, anne.id)
    only = ["Mette Holm"]
    assert _offered(store, project.id) == {"ansvarlig": only, "charter": only, "meeting": only}
    assert charter.load_charter(store, project.id).project_group == []
    assert meetings.participants(store, meeting.id) == []
    assert "Anne Bech" not in meetings.minutes_markdown(store, meeting.id, Translator("da"))
    # the name typed on the action is the user's text and stays
    [row] = store.query("SELECT id FROM actions WHERE _exists")
    assert changelog.load(store, Action, row["id"]).responsible == "Anne Bech"

    log.undo()  # one step: the seat and the person
    assert _offered(store, project.id)["meeting"] == both
    assert [s.name for s in charter.load_charter(store, project.id).project_group] == [
        "Anne Bech"]


def test_a_person_with_another_seat_or_leading_the_project_stays(store: Store) -> None:
    project = projects.create_project(store, "Udskrivning", leader="Mette Holm")
    log = UndoLog(store)
    steering = charter.add_member(log, project.id, Group.STEERING, "Lars Berg")
    project_seat = charter.add_member(log, project.id, Group.PROJECT, "lars berg")
    leader = charter.add_member(log, project.id, Group.PROJECT, "Mette Holm")
    charter.delete_member(log, project_seat.id)
    charter.delete_member(log, leader.id)
    assert _offered(store, project.id)["meeting"] == ["Lars Berg", "Mette Holm"]
    charter.delete_member(log, steering.id)
    assert _offered(store, project.id)["meeting"] == ["Mette Holm"]


def test_a_corrected_name_renames_the_person(store: Store) -> None:
    project = projects.create_project(store, "Udskrivning")
    log = UndoLog(store)
    seat = charter.add_member(log, project.id, Group.PROJECT, "Anne Bekc")
    meeting = meetings.start_meeting(store, project.id, [seat.person_id], Translator("da"),
                                     now=NOW)
    charter.edit_member(log, seat.id, name="Anne Bech", role="", unit="",
                        deciding_leader=False)
    assert _offered(store, project.id)["meeting"] == ["Anne Bech"]
    assert changelog.load(store, Person, seat.person_id).name == "Anne Bech"
    assert meetings.participants(store, meeting.id) == ["Anne Bech"]
    log.undo()
    assert _offered(store, project.id)["meeting"] == ["Anne Bekc"]


def test_a_seat_given_to_someone_else_lets_the_last_holder_go(store: Store) -> None:
    project = projects.create_project(store, "Udskrivning")
    log = UndoLog(store)
    charter.add_member(log, project.id, Group.STEERING, "Lars Berg")
    seat = charter.add_member(log, project.id, Group.PROJECT, "Pia Sørensen")
    shared = charter.add_member(log, project.id, Group.PROJECT, "Ida Lund")
    charter.add_member(log, project.id, Group.STEERING, "Ida Lund")
    charter.edit_member(log, seat.id, name="lars berg", role="", unit="",
                        deciding_leader=False)
    assert _offered(store, project.id)["meeting"] == ["Ida Lund", "Lars Berg"]
    # someone new in a seat whose holder has another seat: the holder stays, the new one comes
    charter.edit_member(log, shared.id, name="Jonas Møller", role="", unit="",
                        deciding_leader=False)
    assert _offered(store, project.id)["meeting"] == ["Ida Lund", "Jonas Møller", "Lars Berg"]
