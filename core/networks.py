"""The learning network's use cases: member units, meetings, presentations, notes and tips.

Seed 002: "what works best in the network is when someone presents their improvement work". A
network meeting's agenda is its presentations (which unit presents which project); notes and
tips are recorded against the network and travel back to the units in the next file
(`core.sync.exporter.related_networks`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core import changelog
from core.models import (
    Network,
    NetworkMeeting,
    NetworkNote,
    NetworkPresentation,
    NetworkUnit,
    NoteKind,
)
from core.order_keys import key_between
from core.store import Store
from core.undo import UndoLog


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
