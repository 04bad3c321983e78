"""The kaizen meeting's agenda, built from the whole board and the project's data.

What the team should look at, in this order:
1. measures whose chart (the one each is read on) signals now and did not at the last meeting
   (or signals the other way now), and measures signalling in their better direction whose
   success is not recorded yet (fejr succeserne: a real improvement is celebrated before it
   drops off the agenda); the line names the chart;
2. cycles waiting for Study: running, with do notes and no study notes, or past their plan date;
3. the cards planned and being tested, column by column in board order (each line names its
   column, as the project calls it, and its due date); cards still in the idea column only when
   they are overdue or due this week;
4. action-plan rows still open that are overdue or due this week (`PlanRow.is_due_this_week`);
5. ideas not yet on the board: status "new", on no card (an idea that became a card is not
   new) and on no earlier meeting's agenda.

The signal rules are `core.measures.signals`'; this module only asks it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from core.db import changelog
from core.db.store import Store
from core.i18n import Translator
from core.kaizen.board import by_column, column_labels, load_cards
from core.kaizen.cycles import waits_for_study
from core.measures.assurance import Reading
from core.measures.signals import measure_status, project_measure_ids
from core.measures.words import chart_name, reading_text
from core.models import BoardColumn, Chart, Cycle, MeetingItemKind
from core.plan.actions import load_plan, week_end

CARD_COLUMNS: tuple[BoardColumn, ...] = (BoardColumn.PLANNED, BoardColumn.TESTING)
"""The columns whose every card comes on the agenda, in board order."""


def _shown(value: object, tx: Translator) -> object:
    """A parameter as the agenda line shows it: a date its language's way, a chart by name."""
    if isinstance(value, Chart):
        return chart_name(value, tx)
    if isinstance(value, BoardColumn):
        return tx(f"enum.board_column.{value.value}")
    if isinstance(value, dt.date):
        return tx.date(value)
    return value


@dataclass(frozen=True)
class AgendaEntry:
    """One point of the agenda: what it is about, its title (user text) and why it is there
    (`reason` is a catalog key filled with `params`)."""

    kind: MeetingItemKind
    ref_id: str | None
    title: str
    reason: str
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, tx: Translator) -> str:
        """The agenda line: "title – why" in the translator's language (dates its way); a
        measure's line ends with its variation and assurance."""
        params = {k: _shown(v, tx) for k, v in self.params.items() if k != "reading"}
        line = f"{self.title} – {tx(self.reason, **params)}"
        reading = self.params.get("reading")
        if isinstance(reading, Reading):
            line = f"{line} · {reading_text(reading, tx)}"
        return line


def build_agenda(store: Store, project_id: str, *, today: dt.date,
                 since: dt.date | None) -> list[AgendaEntry]:
    """The agenda of a meeting held `today` when the last one was held on `since` (None: the
    first meeting)."""
    return [
        *signal_entries(store, project_id, today=today, since=since),
        *cycle_entries(store, project_id, today=today),
        *card_entries(store, project_id, today=today),
        *action_entries(store, project_id, today=today),
        *idea_entries(store, project_id),
    ]


def signal_entries(store: Store, project_id: str, *, today: dt.date,
                   since: dt.date | None) -> list[AgendaEntry]:
    """Measures with a new signal since `since`, or a better signal not celebrated yet."""
    celebrated = {
        measure_id for (measure_id,) in store.execute(
            "SELECT measure_id FROM successes WHERE project_id = ? AND _exists "
            "AND measure_id IS NOT NULL", [project_id]).fetchall()
    }
    entries = []
    for measure_id in project_measure_ids(store, project_id):
        now = measure_status(store, measure_id, until=today)
        if not now.signal:
            continue
        before = measure_status(store, measure_id, until=since) if since else None
        new = before is None or not before.signal or before.direction != now.direction
        if new:
            reason = f"qic_core.signal_new_{now.direction or 'other'}"
        elif now.direction == "better" and measure_id not in celebrated:
            reason = "qic_core.signal_better_not_celebrated"
        else:
            continue
        entries.append(AgendaEntry(MeetingItemKind.SIGNAL, measure_id, now.measure.name, reason,
                                   {"chart": now.chart.chart, "reading": now.reading}))
    return entries


def cycle_entries(store: Store, project_id: str, *, today: dt.date) -> list[AgendaEntry]:
    """Running cycles that should be studied now."""
    rows = store.execute(
        "SELECT y.id, c.title FROM cycles y JOIN kaizen_cards c ON c.id = y.card_id "
        "WHERE y.project_id = ? AND y._exists AND c._exists AND NOT COALESCE(c.archived, 0) "
        "AND y.act IS NULL ORDER BY y.started_on, y.id",
        [project_id],
    ).fetchall()
    entries = []
    for cycle_id, title in rows:
        cycle = changelog.load(store, Cycle, cycle_id)
        if waits_for_study(cycle, today):
            reason = "agenda.cycle_study" if cycle.do_notes.strip() else "agenda.cycle_past_plan"
            entries.append(AgendaEntry(MeetingItemKind.CYCLE, cycle_id, str(title), reason,
                                       {"number": cycle.number, "date": cycle.plan_when}))
    return entries


def card_entries(store: Store, project_id: str, *, today: dt.date) -> list[AgendaEntry]:
    """Every card planned and being tested, column by column in board order, then the cards
    in the idea column that are overdue or due this week."""
    columns = by_column(load_cards(store, project_id))
    labels = column_labels(store, project_id)
    entries = []
    for column in CARD_COLUMNS:
        name: object = labels.get(column) or column
        for card in columns[column]:
            if card.due is None:
                reason, params = "agenda.card_column", {"column": name}
            else:
                late = "_overdue" if card.due < today else "_due"
                reason, params = f"agenda.card_column{late}", {"column": name, "date": card.due}
            entries.append(AgendaEntry(MeetingItemKind.CARD, card.id, card.title[:200], reason,
                                       params))
    for card in columns[BoardColumn.IDEA]:
        if card.due is not None and card.due <= week_end(today):
            reason = f"agenda.card_{'overdue' if card.due < today else 'due'}"
            entries.append(AgendaEntry(MeetingItemKind.CARD, card.id, card.title[:200], reason,
                                       {"date": card.due}))
    return entries


def action_entries(store: Store, project_id: str, *, today: dt.date) -> list[AgendaEntry]:
    """Open action-plan rows that are overdue or due this week, by deadline."""
    rows = [row for row in load_plan(store, project_id) if row.is_due_this_week(today)]
    entries = []
    for row in sorted(rows, key=lambda r: (r.deadline or today, r.order, r.id)):
        due = row.deadline or today  # is_due_this_week: never None here
        reason = f"agenda.action_{'overdue' if due < today else 'due'}"
        entries.append(AgendaEntry(MeetingItemKind.ACTION, row.id, row.change[:200], reason,
                                   {"date": due}))
    return entries


def idea_entries(store: Store, project_id: str) -> list[AgendaEntry]:
    """Ideas not yet on the board: status "new", on no card (archived cards count: the idea
    became a card) and on no earlier meeting's agenda, oldest first."""
    rows = store.execute(
        "SELECT i.id, i.text FROM ideas i WHERE i.project_id = ? AND i._exists "
        "AND i.status = 'new' AND NOT EXISTS (SELECT 1 FROM kaizen_cards c WHERE "
        "c.idea_id = i.id AND c._exists) AND NOT EXISTS (SELECT 1 FROM meeting_items m "
        "WHERE m.ref_id = i.id AND m._exists) ORDER BY i.created_on, i.id",
        [project_id],
    ).fetchall()
    return [AgendaEntry(MeetingItemKind.IDEA, id_, str(text)[:200], "agenda.idea_new")
            for id_, text in rows]
