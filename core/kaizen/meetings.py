"""Kaizen meetings (kaizen-møder): at most an hour, in front of the board, in the project's
rhythm (every 14 days as the guide says, or as the project sets it: `set_rhythm`).

Starting a meeting records the date, the time and who is there, and writes its agenda (built
from the data by `core.kaizen.agenda`) as items; notes and decisions are typed against each
item, and a decision can add an action-plan row or move a card. Ending it records the end time
and the duration. The minutes are Markdown (`minutes_markdown`), exported to the export folder.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.i18n import Translator
from core.kaizen import board
from core.kaizen.agenda import AgendaEntry, build_agenda
from core.kaizen.rhythm import (
    MEETING_EVERY_DAYS,
    MeetingPlan,
    Rhythm,
    days_since_last_meeting,
    last_meeting_date,
    meeting_overdue,
    meeting_plan,
    project_rhythm,
)
from core.models import (
    Action,
    BoardColumn,
    KaizenCard,
    Meeting,
    MeetingItem,
    MeetingItemKind,
    MeetingParticipant,
    Person,
    Project,
)
from core.order_keys import key_between, spaced_keys
from core.paths import export_dir, name_part
from core.plan import actions
from core.values.days import parse_deadline
from core.values.numbers import parse_number
from core.workflow import ideas

MEETING_MINUTES = 60
"""A kaizen meeting lasts at most an hour."""

__all__ = [
    "MEETING_EVERY_DAYS", "AgendaEntry", "MeetingPlan", "Rhythm", "build_agenda",
    "days_since_last_meeting", "last_meeting_date", "meeting_overdue", "meeting_plan",
    "project_rhythm",
]


@dataclass(frozen=True)
class MeetingRow:
    """A meeting as the list of meetings shows it."""

    id: str
    held_on: dt.date
    duration_min: int
    participants: list[str]
    items: int
    running: bool
    """Started and not ended yet."""


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


# -- reading ---------------------------------------------------------------------------------


def list_meetings(store: Store, project_id: str) -> list[MeetingRow]:
    """The project's meetings, newest first, with who was there and how many items."""
    rows = store.execute(
        "SELECT id, held_on, COALESCE(duration_min, 60), started_at, ended_at, "
        "(SELECT COUNT(*) FROM meeting_items i WHERE i.meeting_id = m.id AND i._exists) "
        "FROM meetings m WHERE project_id = ? AND _exists ORDER BY held_on DESC, "
        "started_at DESC, id",
        [project_id],
    ).fetchall()
    result = []
    for id_, held_on, duration, started, ended, items in rows:
        result.append(MeetingRow(str(id_), dt.date.fromisoformat(held_on), int(duration),
                                 participants(store, str(id_)), int(items),
                                 started is not None and ended is None))
    return result


def participants(store: Store, meeting_id: str) -> list[str]:
    """The names of the people at a meeting, sorted."""
    rows = store.execute(
        "SELECT p.name FROM meeting_participants mp JOIN people p ON p.id = mp.person_id "
        "WHERE mp.meeting_id = ? AND mp._exists AND p._exists ORDER BY p.name COLLATE NOCASE",
        [meeting_id],
    ).fetchall()
    return [str(name) for (name,) in rows]


def running_meeting(store: Store, project_id: str) -> Meeting | None:
    """The project's meeting that was started and not ended, if any."""
    row = store.execute(
        "SELECT id FROM meetings WHERE project_id = ? AND _exists AND started_at IS NOT NULL "
        "AND ended_at IS NULL ORDER BY started_at DESC LIMIT 1", [project_id]).fetchone()
    return None if row is None else changelog.load(store, Meeting, row[0])


def items_of(store: Store, meeting_id: str) -> list[MeetingItem]:
    """A meeting's agenda items in order."""
    rows = store.execute(
        'SELECT id FROM meeting_items WHERE meeting_id = ? AND _exists ORDER BY "order", id',
        [meeting_id]).fetchall()
    return [changelog.load(store, MeetingItem, id_) for (id_,) in rows]


def people(store: Store, project_id: str) -> list[Person]:
    """The project's people by name (who can be at a meeting)."""
    rows = store.execute(
        "SELECT id FROM people WHERE project_id = ? AND _exists ORDER BY name COLLATE NOCASE",
        [project_id]).fetchall()
    return [changelog.load(store, Person, id_) for (id_,) in rows]


# -- the rhythm ------------------------------------------------------------------------------


def set_rhythm(log: UndoLog, project_id: str, *, every_days: str, planned: str) -> Project:
    """Set the project's meeting rhythm from what was typed (the one number reader,
    `core.values.numbers`): a meeting every `every_days` days (empty: the guide's 14) and
    `planned` meetings (empty: no number). Raises `InvalidError` naming the field for text
    that is not a whole number in range (1-120 days, 1-50 meetings); undoable."""
    every = parse_number(every_days, "meeting_every_days")
    count = parse_number(planned, "planned_meetings")
    return log.update(Project, project_id,
                      meeting_every_days=MEETING_EVERY_DAYS if every is None else every,
                      planned_meetings=count)


def next_meeting_text(plan: MeetingPlan, tx: Translator) -> str:
    """One line for the project screen: "Næste kaizen-møde: 08-12-2026 (om 3 dage) · møde 2
    af 5", the days late instead when it is overdue, "5 af 5 møder holdt" when every planned
    meeting is held ("" when no date is known to count from)."""
    days = plan.days_left
    if plan.next_due is None or days is None:
        return ""
    date = tx.date(plan.next_due)
    if days > 0:
        line = tx("meeting.next.due_in", date=date, days=days)
    elif days == 0:
        line = tx("meeting.next.due_today", date=date)
    else:
        line = tx("meeting.next.overdue", date=date, days=-days)
    planned = plan.rhythm.planned
    if planned is not None:
        count = (tx("meeting.next.all_held", planned=planned) if plan.all_held
                 else tx("meeting.next.number", number=plan.next_number, planned=planned))
        line = f"{line} · {count}"
    return line


def planned_text(plan: MeetingPlan, tx: Translator) -> str:
    """The planned meetings still to come, by date ("" without a planned number or when all
    are held)."""
    if not plan.remaining:
        return ""
    return tx("meeting.next.planned", dates=" · ".join(tx.date(day) for day in plan.remaining))


# -- holding a meeting -----------------------------------------------------------------------


def start_meeting(store: Store, project_id: str, person_ids: list[str], tx: Translator, *,
                  now: dt.datetime) -> Meeting:
    """Start a meeting now: its date and time, the people there, and its agenda from the data."""
    now = _utc(now)
    today = now.astimezone().date()
    since = last_meeting_date(store, project_id, before=today)
    agenda = build_agenda(store, project_id, today=today, since=since)
    with store.transaction():
        meeting = changelog.create(store, changelog.build(
            Meeting, project_id=project_id, held_on=today, started_at=now))
        for person_id in person_ids:
            changelog.create(store, changelog.build(
                MeetingParticipant, project_id=project_id, meeting_id=meeting.id,
                person_id=person_id))
        for entry, order in zip(agenda, spaced_keys(len(agenda)), strict=True):
            changelog.create(store, changelog.build(
                MeetingItem, project_id=project_id, meeting_id=meeting.id, kind=entry.kind,
                ref_id=entry.ref_id, title=entry.text(tx)[:200], order=order))
    return meeting


def add_item(log: UndoLog, meeting_id: str, title: str) -> MeetingItem:
    """Add a point of the team's own to the end of the agenda (raises `InvalidError` if empty)."""
    meeting = changelog.load(log.store, Meeting, meeting_id)
    (last,) = log.store.execute(
        'SELECT MAX("order") FROM meeting_items WHERE meeting_id = ? AND _exists',
        [meeting_id]).fetchone()
    return log.create(changelog.build(
        MeetingItem, project_id=meeting.project_id, meeting_id=meeting_id,
        kind=MeetingItemKind.OTHER, title=title.strip()[:200],
        order=key_between(last or None, None) or ""))


def save_item(log: UndoLog, item_id: str, *, note: str, decision: str) -> MeetingItem:
    """Save the note and the decision typed against an item."""
    return log.update(MeetingItem, item_id, note=note, decision=decision)


def card_of(store: Store, item: MeetingItem) -> str | None:
    """The card an item is about: the card itself, the card of its cycle, or the card its idea
    became (None: the item is about no card on the board, or the card is gone or archived)."""
    where = {MeetingItemKind.CARD: "c.id = ?", MeetingItemKind.IDEA: "c.idea_id = ?",
             MeetingItemKind.CYCLE: "c.id = (SELECT y.card_id FROM cycles y WHERE y.id = ?)"}
    if not item.ref_id or item.kind not in where:
        return None
    row = store.execute(
        f'SELECT c.id FROM kaizen_cards c WHERE {where[item.kind]} AND c._exists '
        f'AND NOT COALESCE(c.archived, 0) ORDER BY c."order", c.id LIMIT 1',
        [item.ref_id]).fetchone()
    return None if row is None else str(row[0])


def idea_of(store: Store, item: MeetingItem) -> str | None:
    """The idea an item is about when that idea is not on the board yet (what `k` puts there)."""
    if item.kind != MeetingItemKind.IDEA or not item.ref_id:
        return None
    row = store.execute(
        "SELECT id FROM ideas i WHERE id = ? AND _exists AND NOT EXISTS (SELECT 1 FROM "
        "kaizen_cards c WHERE c.idea_id = i.id AND c._exists AND NOT COALESCE(c.archived, 0))",
        [item.ref_id]).fetchone()
    return None if row is None else str(row[0])


def _append_decision(log: UndoLog, item_id: str, line: str) -> None:
    item = changelog.load(log.store, MeetingItem, item_id)
    decision = f"{item.decision.rstrip()}\n{line}".strip()
    log.update(MeetingItem, item_id, decision=decision)


def decide_action(log: UndoLog, item_id: str, tx: Translator, *, change: str,
                  responsible: str = "", deadline: str = "", today: dt.date) -> Action:
    """A decision becomes a row at the bottom of the action plan; the item says so.

    Raises `TavleError` for an unreadable deadline, `InvalidError` for an empty change."""
    item = changelog.load(log.store, MeetingItem, item_id)
    due = parse_deadline(deadline, today) if deadline.strip() else None
    plan = actions.load_plan(log.store, item.project_id)
    with log.store.transaction(), log.group():
        row = actions.add_row(
            log, item.project_id, plan[-1].id if plan else None, change.strip(),
            responsible=responsible.strip(), deadline=due,
            idea_id=item.ref_id if item.kind == MeetingItemKind.IDEA else None,
            measure_id=item.ref_id if item.kind == MeetingItemKind.SIGNAL else None)
        _append_decision(log, item_id, tx("meeting.decision_action", change=row.change))
    return row


def decide_card_move(log: UndoLog, item_id: str, card_id: str, column: BoardColumn,
                     tx: Translator, column_label: str, *, today: dt.date) -> board.Moved:
    """A decision moves a card to another column (a recurring card moved to Standard comes
    back, see `board.move_to_column`); the item says so."""
    with log.store.transaction(), log.group():
        moved = board.move_to_column(log, card_id, column, today=today)
        card = moved.card
        _append_decision(log, item_id, tx("meeting.decision_move", title=card.title,
                                          column=column_label))
    return moved


def decide_idea_card(log: UndoLog, item_id: str, idea_id: str, column: BoardColumn,
                     tx: Translator, column_label: str, *, today: dt.date) -> KaizenCard:
    """A decision puts an idea on the board as a card in `column`; the item says so."""
    with log.store.transaction(), log.group():
        card = ideas.to_card(log, idea_id)
        card = board.move_to_column(log, card.id, column, today=today).card
        _append_decision(log, item_id, tx("meeting.decision_idea_card", title=card.title,
                                          column=column_label))
    return card


def end_meeting(store: Store, meeting_id: str, *, now: dt.datetime) -> Meeting:
    """End a meeting now: the end time and its length in minutes are recorded."""
    meeting = changelog.load(store, Meeting, meeting_id)
    now = _utc(now)
    started = meeting.started_at or now
    minutes = max(1, min(600, round((now - _utc(started)).total_seconds() / 60)))
    with store.transaction():
        return changelog.update(store, Meeting, meeting_id, ended_at=now, duration_min=minutes)


# -- the minutes -----------------------------------------------------------------------------


def _quote(text: str) -> list[str]:
    return [f"> {line}".rstrip() for line in text.strip().splitlines()]


def minutes_markdown(store: Store, meeting_id: str, tr: Translator) -> str:
    """The minutes of a meeting as Markdown: who, how long, each item with notes and decisions,
    the successes recorded."""
    from core.kaizen import successes

    meeting = changelog.load(store, Meeting, meeting_id)
    project = changelog.load(store, Project, meeting.project_id)
    lines = [f"# {tr('meeting.minutes_title', date=tr.date(meeting.held_on))}", "",
             f"**{tr('field.project_id')}:** {project.name}"]
    if meeting.started_at:
        start = meeting.started_at.astimezone()
        end = meeting.ended_at.astimezone() if meeting.ended_at else None
        lines.append(f"**{tr('meeting.time')}:** {start:%H:%M}–{f'{end:%H:%M}' if end else ''}")
    lines.append(f"**{tr('field.duration_min')}:** {meeting.duration_min}")
    people_there = participants(store, meeting_id)
    lines.append(f"**{tr('meeting.participants')}:** {', '.join(people_there) or '–'}")
    for label, text in ((tr("field.notes"), meeting.notes),
                        (tr("field.decisions"), meeting.decisions)):
        if text.strip():
            lines += ["", f"## {label}", "", text.strip()]
    items = items_of(store, meeting_id)
    if items:
        lines += ["", f"## {tr('meeting.agenda')}"]
    for number, item in enumerate(items, start=1):
        kind = tr(f"enum.meeting_item_kind.{item.kind.value}")
        lines += ["", f"### {number}. {item.title}", "", f"*{kind}*"]
        if item.note.strip():
            lines += ["", f"**{tr('field.note')}:**", *_quote(item.note)]
        if item.decision.strip():
            lines += ["", f"**{tr('field.decision')}:**", *_quote(item.decision)]
    won = successes.of_meeting(store, meeting_id)
    if won:
        lines += ["", f"## {tr('meeting.successes')}", ""]
        lines += [f"- {s.text}" for s in won]
    return "\n".join(lines) + "\n"


def minutes_filename(tr: Translator, project: str, held_on: dt.date) -> str:
    """A file name that says what it holds: "Kaizen-møde - Projekt - 2026-11-24.md"."""
    parts = [tr("meeting.file_title"), project, held_on.isoformat()]
    return " - ".join(p for p in (name_part(part) for part in parts) if p) + ".md"


def export_minutes(store: Store, meeting_id: str, tr: Translator,
                   folder: Path | None = None) -> Path:
    """Write a meeting's minutes as a Markdown file in the export folder; return its path."""
    meeting = changelog.load(store, Meeting, meeting_id)
    project = changelog.load(store, Project, meeting.project_id)
    folder = folder or export_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / minutes_filename(tr, project.name, meeting.held_on)
    path.write_text(minutes_markdown(store, meeting_id, tr), encoding="utf-8")
    return path
