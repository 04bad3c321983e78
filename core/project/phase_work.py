"""Working through the six phases: tick the checklists, set a phase's status, move the project on.

Ticks and status changes go through an `UndoLog` (the project screen undoes them with ctrl+z);
moving to another phase is one transaction that writes a `PhaseChange` beside the project's
`current_phase`, so the decision and who took it stay in the change log.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core import clock
from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.models import ChecklistItem, PhaseChange, PhaseState, Project
from core.phases import PHASES, PhaseStatus, derived_status, phase

STATUS_CYCLE = (PhaseStatus.NOT_STARTED, PhaseStatus.IN_PROGRESS, PhaseStatus.DONE)


@dataclass(frozen=True)
class ChecklistEntry:
    """One line of a phase's checklist: advice from the guide (`item_key`) or the team's own."""

    id: str
    phase: int
    item_key: str
    text: str
    """The team's own text (empty for the guide's advice, whose text is in the catalogs)."""
    done: bool = False
    done_by: str = ""
    done_at: dt.datetime | None = None
    stored: bool = False
    """Whether a record exists (the guide's advice is written on its first tick)."""

    @property
    def from_guide(self) -> bool:
        """Whether the item is advice from the guide (its text is `phase.<key>.advice.<item>`)."""
        return bool(self.item_key)


def _utc(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    value = dt.datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def checklist(store: Store, project_id: str, number: int) -> list[ChecklistEntry]:
    """The checklist of phase `number`: the guide's advice in its order, then the team's items."""
    rows = store.query(
        'SELECT id, item_key, text, done, done_by, done_at, _exists FROM checklist_items '
        'WHERE project_id = ? AND phase = ? ORDER BY "order", id',
        [project_id, number],
    )
    by_key = {row["item_key"]: row for row in rows if row["item_key"] and row["_exists"]}
    entries = []
    for key in phase(number).advice:
        row = by_key.get(key)
        entries.append(
            ChecklistEntry(
                id=ChecklistItem.id_for(project_id, number, key), phase=number, item_key=key,
                text="", done=bool(row and row["done"]), done_by=(row or {}).get("done_by") or "",
                done_at=_utc((row or {}).get("done_at")), stored=row is not None,
            )
        )
    entries += [
        ChecklistEntry(
            id=row["id"], phase=number, item_key="", text=row["text"], done=bool(row["done"]),
            done_by=row["done_by"] or "", done_at=_utc(row["done_at"]), stored=True,
        )
        for row in rows
        if not row["item_key"] and row["text"] and row["_exists"]
    ]
    return entries


def set_done(
    log: UndoLog, project_id: str, entry: ChecklistEntry, done: bool, *, by: str,
    now: dt.datetime | None = None,
) -> ChecklistItem:
    """Tick (or untick) an item, stamping who and when; the guide's advice is created on need."""
    now = now or clock.utc_now()
    stamp = {"done": done, "done_by": by if done else "", "done_at": now if done else None}
    exists = log.store.query(
        "SELECT _exists FROM checklist_items WHERE id = ?", [entry.id]
    )
    if exists and exists[0]["_exists"]:
        return log.update(ChecklistItem, entry.id, **stamp)
    order = f"{phase(entry.phase).advice.index(entry.item_key) * 10 + 10:04d}"
    return log.create(
        changelog.build(
            ChecklistItem, id=entry.id, project_id=project_id, phase=entry.phase,
            item_key=entry.item_key, order=order, **stamp,
        )
    )


def toggle(
    log: UndoLog, project_id: str, entry: ChecklistEntry, *, by: str,
    now: dt.datetime | None = None,
) -> ChecklistItem:
    """Tick an open item, untick a ticked one."""
    return set_done(log, project_id, entry, not entry.done, by=by, now=now)


def add_item(log: UndoLog, project_id: str, number: int, text: str) -> ChecklistItem:
    """Add the team's own item to a phase's checklist (after the items there)."""
    (count,) = log.store.execute(
        "SELECT COUNT(*) FROM checklist_items WHERE project_id = ? AND phase = ? "
        "AND item_key = ''",
        [project_id, number],
    ).fetchone()
    return log.create(
        changelog.build(
            ChecklistItem, project_id=project_id, phase=number, text=text,
            order=f"t{count + 1:04d}",
        )
    )


# -- phase status ---------------------------------------------------------------------------


def _current_phase(store: Store, project_id: str) -> int:
    return int(changelog.load(store, Project, project_id).current_phase)


def _stored_statuses(store: Store, project_id: str) -> dict[int, PhaseStatus]:
    return {
        row["phase"]: PhaseStatus(row["status"])
        for row in store.query(
            "SELECT phase, status FROM phase_states WHERE project_id = ? AND _exists",
            [project_id],
        )
    }


def phase_status(store: Store, project_id: str, number: int) -> PhaseStatus:
    """A phase's status: as the team set it, or as it follows from the current phase."""
    stored = _stored_statuses(store, project_id).get(number)
    return stored or derived_status(number, _current_phase(store, project_id))


def _write_status(
    log: UndoLog | None, store: Store, project_id: str, number: int, status: PhaseStatus
) -> PhaseState:
    state_id = PhaseState.id_for(project_id, number)
    exists = store.query("SELECT _exists FROM phase_states WHERE id = ?", [state_id])
    if exists and exists[0]["_exists"]:
        if log is not None:
            return log.update(PhaseState, state_id, status=status)
        return changelog.update(store, PhaseState, state_id, status=status)
    record = changelog.build(
        PhaseState, id=state_id, project_id=project_id, phase=number, status=status
    )
    return log.create(record) if log is not None else changelog.create(store, record)


def set_status(log: UndoLog, project_id: str, number: int, status: PhaseStatus) -> PhaseState:
    """Set a phase's status (undoable)."""
    return _write_status(log, log.store, project_id, number, status)


def cycle_status(log: UndoLog, project_id: str, number: int) -> PhaseStatus:
    """Move a phase's status on: not started → in progress → done → not started."""
    now = phase_status(log.store, project_id, number)
    after = STATUS_CYCLE[(STATUS_CYCLE.index(now) + 1) % len(STATUS_CYCLE)]
    set_status(log, project_id, number, after)
    return after


# -- moving the project to another phase ------------------------------------------------------


def phases_left(from_phase: int, to_phase: int) -> list[int]:
    """The phases a move leaves behind (none when the team goes back)."""
    return list(range(from_phase, to_phase)) if to_phase > from_phase else []


def open_items(store: Store, project_id: str, numbers: list[int]) -> int:
    """How many checklist items of these phases are not ticked off."""
    return sum(
        not entry.done for number in numbers for entry in checklist(store, project_id, number)
    )


def open_items_on_move(store: Store, project_id: str, to_phase: int) -> int:
    """Open checklist items of the phases a move to `to_phase` would leave behind."""
    return open_items(store, project_id, phases_left(_current_phase(store, project_id), to_phase))


def move_to_phase(
    store: Store, project_id: str, to_phase: int, *, by: str, note: str = "",
    now: dt.datetime | None = None,
) -> PhaseChange:
    """Make `to_phase` the project's current phase and record the decision.

    One transaction writes the `PhaseChange` (with the open items left behind), the project's
    `current_phase`, and the statuses that follow: a phase left behind becomes done, and the new
    phase in progress, unless the team had set that phase's status to something else by hand
    (a status other than the one the old current phase implied).
    """
    if to_phase not in range(1, len(PHASES) + 1):
        raise ValueError(f"no phase {to_phase}")
    now = now or clock.utc_now()
    with store.transaction():
        from_phase = _current_phase(store, project_id)
        left = phases_left(from_phase, to_phase)
        change = changelog.create(
            store,
            changelog.build(
                PhaseChange, project_id=project_id, from_phase=from_phase, to_phase=to_phase,
                open_items=open_items(store, project_id, left), note=note, decided_by=by,
                decided_at=now,
            ),
        )
        changelog.update(store, Project, project_id, current_phase=to_phase)
        stored = _stored_statuses(store, project_id)

        def automatic(number: int) -> bool:
            status = stored.get(number)
            return status is None or status == derived_status(number, from_phase)

        for number in left:
            if automatic(number) and stored.get(number) != PhaseStatus.DONE:
                _write_status(None, store, project_id, number, PhaseStatus.DONE)
        if to_phase in stored and automatic(to_phase) and to_phase != from_phase:
            _write_status(None, store, project_id, to_phase, PhaseStatus.IN_PROGRESS)
    return change


def last_change(store: Store, project_id: str) -> PhaseChange | None:
    """The latest recorded move between phases."""
    rows = store.query(
        "SELECT id FROM phase_changes WHERE project_id = ? AND _exists "
        "ORDER BY decided_at DESC, id DESC LIMIT 1",
        [project_id],
    )
    return changelog.load(store, PhaseChange, rows[0]["id"]) if rows else None
