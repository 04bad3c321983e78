"""The learning network's use cases: member units, meetings, presentations, notes and tips.

Seed 002: "what works best in the network is when someone presents their improvement work". A
network meeting's agenda is its presentations (which unit presents which project); notes and
tips are recorded against the network and travel back to the units in the next file
(`core.sync.exporter.related_networks`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.errors import TavleError
from core.models import (
    Network,
    NetworkMeeting,
    NetworkNote,
    NetworkPresentation,
    NetworkUnit,
    NoteKind,
)
from core.order_keys import key_between, spaced_keys


def create_network(store: Store, name: str, *, coordinator: str = "", unit: str = "") -> Network:
    """Start a learning network (raises `InvalidError` for an empty name)."""
    with store.transaction():
        return changelog.create(
            store, changelog.build(Network, name=name, coordinator=coordinator, unit=unit)
        )


def list_networks(store: Store) -> list[Network]:
    """Every live network, by name."""
    rows = store.query("SELECT id FROM networks WHERE _exists = 1 ORDER BY name COLLATE NOCASE")
    return [changelog.load(store, Network, row["id"]) for row in rows]


def add_unit(log: UndoLog, network_id: str, name: str) -> NetworkUnit:
    """Add a member unit."""
    return log.create(changelog.build(NetworkUnit, network_id=network_id, name=name))


def units(store: Store, network_id: str) -> list[NetworkUnit]:
    """The member units, by name."""
    rows = store.query(
        "SELECT id FROM network_units WHERE network_id = ? AND _exists = 1 "
        "ORDER BY name COLLATE NOCASE",
        [network_id],
    )
    return [changelog.load(store, NetworkUnit, row["id"]) for row in rows]


def add_meeting(log: UndoLog, network_id: str, held_on: dt.date, title: str = "") -> NetworkMeeting:
    """Plan a network meeting."""
    return log.create(
        changelog.build(NetworkMeeting, network_id=network_id, held_on=held_on, title=title)
    )


def meetings(store: Store, network_id: str) -> list[NetworkMeeting]:
    """The network's meetings, the latest first."""
    rows = store.query(
        "SELECT id FROM network_meetings WHERE network_id = ? AND _exists = 1 "
        "ORDER BY held_on DESC, id",
        [network_id],
    )
    return [changelog.load(store, NetworkMeeting, row["id"]) for row in rows]


def add_presentation(
    log: UndoLog, meeting: NetworkMeeting, unit: str, *, project_id: str | None = None,
    project_name: str = "",
) -> NetworkPresentation:
    """Put a unit's presentation of a project last on a meeting's agenda."""
    last = agenda(log.store, meeting.id)
    order = key_between(last[-1].order if last else None, None) or ""
    return log.create(changelog.build(
        NetworkPresentation, network_id=meeting.network_id, meeting_id=meeting.id, unit=unit,
        project_id=project_id, project_name=project_name, order=order,
    ))


def agenda(store: Store, meeting_id: str) -> list[NetworkPresentation]:
    """A meeting's presentations in agenda order."""
    rows = store.query(
        'SELECT id FROM network_presentations WHERE meeting_id = ? AND _exists = 1 '
        'ORDER BY "order", id',
        [meeting_id],
    )
    return [changelog.load(store, NetworkPresentation, row["id"]) for row in rows]


def add_note(
    log: UndoLog, network_id: str, text: str, *, kind: NoteKind = NoteKind.NOTE,
    meeting_id: str | None = None, unit: str = "", project_id: str | None = None,
) -> NetworkNote:
    """Record a note or a tip against the network (and a meeting, unit or project)."""
    return log.create(changelog.build(
        NetworkNote, network_id=network_id, text=text, kind=kind, meeting_id=meeting_id,
        unit=unit, project_id=project_id, author=log.store.author,
    ))


@dataclass(frozen=True)
class NoteRow:
    note: NetworkNote
    network_name: str


def notes_for_project(store: Store, project_id: str) -> list[NoteRow]:
    """Notes and tips the networks recorded for a project or its unit, the newest first."""
    rows = store.query(
        "SELECT n.id, w.name FROM network_notes n JOIN networks w ON w.id = n.network_id "
        "LEFT JOIN projects p ON p.id = ? "
        "WHERE n._exists = 1 AND w._exists = 1 AND (n.project_id = ? "
        " OR (n.project_id IS NULL AND p.unit != '' AND n.unit = p.unit)) "
        "ORDER BY n.written_on DESC, n.id",
        [project_id, project_id],
    )
    return [NoteRow(changelog.load(store, NetworkNote, row["id"]), row["name"]) for row in rows]


def notes(store: Store, network_id: str, meeting_id: str | None = None) -> list[NetworkNote]:
    """The network's notes and tips (of one meeting, when given)."""
    sql = "SELECT id FROM network_notes WHERE network_id = ? AND _exists = 1"
    params: list[object] = [network_id]
    if meeting_id is not None:
        sql += " AND meeting_id = ?"
        params.append(meeting_id)
    rows = store.query(sql + " ORDER BY written_on, id", params)
    return [changelog.load(store, NetworkNote, row["id"]) for row in rows]


# -- finding, editing, deleting and reordering (the network screen) ----------------------------


def get_network(store: Store, network_id: str) -> Network:
    """A network (raises `NotFoundError` when it is deleted or unknown)."""
    return changelog.load(store, Network, network_id)


def edit_network(log: UndoLog, network_id: str, **changes: str) -> Network:
    """Rename a network or change its coordinator or coordinating unit."""
    return log.update(Network, network_id, **changes)


def add_member(log: UndoLog, network_id: str, name: str) -> NetworkUnit:
    """Add a member unit, refusing a unit that is a member already (by name, any case)."""
    wanted = name.strip().casefold()
    if wanted and any(u.name.casefold() == wanted for u in units(log.store, network_id)):
        raise TavleError("network.error.unit_exists", name=name.strip())
    return add_unit(log, network_id, name)


def rename_unit(log: UndoLog, unit_id: str, name: str) -> NetworkUnit:
    """Rename a member unit."""
    return log.update(NetworkUnit, unit_id, name=name)


def remove_unit(log: UndoLog, unit_id: str) -> None:
    """Take a unit out of the network (its presentations and notes stay)."""
    log.delete(NetworkUnit, unit_id)


def edit_meeting(log: UndoLog, meeting_id: str, **changes: object) -> NetworkMeeting:
    """Change a meeting's date, title or notes."""
    return log.update(NetworkMeeting, meeting_id, **changes)


def delete_meeting(log: UndoLog, meeting_id: str) -> None:
    """Delete a meeting with its agenda and its notes and tips: one undo step."""
    with log.group():
        for presentation in agenda(log.store, meeting_id):
            log.delete(NetworkPresentation, presentation.id)
        for note in _meeting_notes(log.store, meeting_id):
            log.delete(NetworkNote, note)
        log.delete(NetworkMeeting, meeting_id)


def _meeting_notes(store: Store, meeting_id: str) -> list[str]:
    rows = store.query(
        "SELECT id FROM network_notes WHERE meeting_id = ? AND _exists = 1 ORDER BY id",
        [meeting_id],
    )
    return [row["id"] for row in rows]


def meeting_contents(store: Store, meeting_id: str) -> tuple[int, int]:
    """(presentations, notes and tips) of a meeting: what deleting it takes along."""
    return len(agenda(store, meeting_id)), len(_meeting_notes(store, meeting_id))


@dataclass(frozen=True)
class ProjectChoice:
    """A project in the database that a unit can present."""

    id: str
    name: str
    unit: str


def project_choices(store: Store) -> list[ProjectChoice]:
    """Every live project, own and received, by name: what a presentation can be about."""
    rows = store.query(
        "SELECT id, name, unit FROM projects WHERE _exists = 1 "
        "ORDER BY name COLLATE NOCASE, id"
    )
    return [ProjectChoice(row["id"], row["name"], row["unit"] or "") for row in rows]


def presentation_fields(
    store: Store, unit: str, project_id: str | None, project_name: str
) -> dict[str, object]:
    """The fields of a presentation from what was chosen or typed: a chosen project names it and
    gives the unit when none was chosen; without a project a typed name is needed, and a unit.
    Raises `TavleError` saying what is missing."""
    unit, project_name = unit.strip(), project_name.strip()
    if project_id:
        chosen = next((p for p in project_choices(store) if p.id == project_id), None)
        if chosen is None:
            raise TavleError("network.error.no_such_project")
        unit = unit or chosen.unit
        project_name = chosen.name
    elif not project_name:
        raise TavleError("network.error.project_missing")
    if not unit:
        raise TavleError("network.error.unit_missing")
    return {"unit": unit, "project_id": project_id or None, "project_name": project_name}


def edit_presentation(log: UndoLog, presentation_id: str, **changes: object) -> NetworkPresentation:
    """Change who presents what (fields as `presentation_fields` gives them)."""
    return log.update(NetworkPresentation, presentation_id, **changes)


def delete_presentation(log: UndoLog, presentation_id: str) -> None:
    """Take a presentation off the agenda."""
    log.delete(NetworkPresentation, presentation_id)


def move_presentation(log: UndoLog, presentation_id: str, step: int) -> bool:
    """Move a presentation up (`step` -1) or down (+1) the agenda; False at either end.

    Renumbers the agenda (in the same undo step) when no order key fits between neighbours."""
    moved = changelog.load(log.store, NetworkPresentation, presentation_id)
    items = agenda(log.store, moved.meeting_id)
    index = next(i for i, item in enumerate(items) if item.id == presentation_id)
    target = index + step
    if not 0 <= target < len(items):
        return False
    others = items[:index] + items[index + 1:]
    with log.group():
        before = others[target - 1].order if target > 0 else None
        after = others[target].order if target < len(others) else None
        key = key_between(before or None, after or None)
        if key is None:
            fresh = spaced_keys(len(items))
            for position, item in enumerate(others):
                new = fresh[position + (position >= target)]
                if item.order != new:
                    log.update(NetworkPresentation, item.id, order=new)
            key = fresh[target]
        log.update(NetworkPresentation, presentation_id, order=key)
    return True


def write_note(
    log: UndoLog, network_id: str, text: str, *, kind: NoteKind = NoteKind.NOTE,
    meeting_id: str | None = None, unit: str = "", project_id: str | None = None,
) -> NetworkNote:
    """Record a note or a tip, refusing an empty text."""
    if not text.strip():
        raise TavleError("network.error.text_missing")
    return add_note(log, network_id, text.strip(), kind=kind, meeting_id=meeting_id, unit=unit,
                    project_id=project_id or None)


def edit_note(log: UndoLog, note_id: str, **changes: object) -> NetworkNote:
    """Change a note's text, kind, unit or project (an empty text is refused)."""
    if "text" in changes:
        text = str(changes["text"]).strip()
        if not text:
            raise TavleError("network.error.text_missing")
        changes["text"] = text
    return log.update(NetworkNote, note_id, **changes)


def delete_note(log: UndoLog, note_id: str) -> None:
    """Delete a note or tip."""
    log.delete(NetworkNote, note_id)
