"""What a project holds for each phase, as facts the project screen shows beside the phase.

A fact is a catalog key with parameters (numbers, dates, user text); the UI formats it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from core.db.store import Store
from core.kaizen.rhythm import meeting_overdue, project_rhythm
from core.phases import PHASES, PhaseStatus, derived_status


@dataclass(frozen=True)
class Fact:
    """One line of the overview: `key` in the catalogs, filled with `params`."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PhaseOverview:
    """A phase of one project: its status, checklist progress and facts."""

    number: int
    key: str
    status: PhaseStatus
    is_current: bool
    advice_done: dict[str, bool]
    custom_items: list[tuple[str, bool]]
    facts: list[Fact]

    @property
    def checklist_open(self) -> int:
        """How many checklist items are not ticked off yet."""
        return sum(not done for done in self.advice_done.values()) + sum(
            not done for _, done in self.custom_items
        )


def _count(store: Store, sql: str, *params: Any) -> int:
    (value,) = store.execute(sql, params).fetchone()
    return int(value or 0)


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def project_overview(store: Store, project_id: str, *, today: dt.date) -> list[PhaseOverview]:
    """Return the six phases of a project with their status, checklist and facts on `today`."""
    (current,) = store.execute(
        "SELECT current_phase FROM projects WHERE id = ?", [project_id]
    ).fetchone()
    statuses = {
        row["phase"]: PhaseStatus(row["status"])
        for row in store.query(
            "SELECT phase, status FROM phase_states WHERE project_id = ? AND _exists",
            [project_id],
        )
    }
    items = store.query(
        'SELECT phase, item_key, text, done FROM checklist_items WHERE project_id = ? '
        'AND _exists ORDER BY "order", id',
        [project_id],
    )
    facts = _facts(store, project_id, today)
    result = []
    for phase in PHASES:
        done = {key: False for key in phase.advice}
        custom: list[tuple[str, bool]] = []
        for item in items:
            if item["phase"] != phase.number:
                continue
            if item["item_key"] in done:
                done[item["item_key"]] = bool(item["done"])
            elif item["text"]:
                custom.append((item["text"], bool(item["done"])))
        result.append(
            PhaseOverview(
                number=phase.number,
                key=phase.key,
                status=statuses.get(phase.number, derived_status(phase.number, current)),
                is_current=phase.number == current,
                advice_done=done,
                custom_items=custom,
                facts=facts[phase.number],
            )
        )
    return result


def _facts(store: Store, pid: str, today: dt.date) -> dict[int, list[Fact]]:
    alive = "project_id = ? AND _exists"
    charter = store.query(f"SELECT purpose, citizen_case FROM charters WHERE {alive}", [pid])
    goals = _count(store, f"SELECT COUNT(*) FROM result_goals WHERE {alive}", pid)
    goals_complete = _count(
        store,
        f"SELECT COUNT(*) FROM result_goals WHERE {alive} AND target IS NOT NULL "
        "AND due IS NOT NULL",
        pid,
    )
    steering = _count(
        store, f"SELECT COUNT(*) FROM group_members WHERE {alive} AND \"group\" = 'steering'", pid
    )
    units = _count(store, f"SELECT COUNT(*) FROM units_involved WHERE {alive}", pid)
    phase1 = []
    if charter and charter[0]["purpose"]:
        phase1.append(Fact("overview.purpose", {"text": charter[0]["purpose"]}))
    else:
        phase1.append(Fact("overview.no_charter"))
    phase1 += [
        Fact("overview.result_goals", {"count": goals, "complete": goals_complete}),
        Fact("overview.steering_group", {"count": steering, "units": units}),
    ]

    def map_fact(kind: str) -> Fact:
        steps = _count(
            store,
            "SELECT COUNT(*) FROM steps s JOIN workflow_maps m ON s.map_id = m.id "
            "WHERE s.project_id = ? AND s._exists AND m._exists AND m.kind = ?",
            pid, kind,
        )
        lanes = _count(
            store,
            "SELECT COUNT(*) FROM lanes l JOIN workflow_maps m ON l.map_id = m.id "
            "WHERE l.project_id = ? AND l._exists AND m._exists AND m.kind = ?",
            pid, kind,
        )
        return Fact("overview.workflow", {"steps": steps, "lanes": lanes})

    ideas = _count(store, f"SELECT COUNT(*) FROM ideas WHERE {alive}", pid)
    kpi_steps = _count(store, f"SELECT COUNT(*) FROM steps WHERE {alive} AND kpi", pid)
    measures = _count(store, f"SELECT COUNT(*) FROM measures WHERE {alive}", pid)

    status_counts = {
        row["status"]: row["n"]
        for row in store.query(
            f"SELECT status, COUNT(*) AS n FROM actions WHERE {alive} GROUP BY status", [pid]
        )
    }
    overdue = _count(
        store,
        f"SELECT COUNT(*) FROM actions WHERE {alive} AND status IN ('not_started', "
        "'in_progress') AND deadline IS NOT NULL AND deadline < ?",
        pid, today.isoformat(),
    )
    measurements = _count(
        store,
        "SELECT COUNT(*) FROM measurements v JOIN measures m ON v.measure_id = m.id "
        "WHERE v.project_id = ? AND v._exists AND m._exists",
        pid,
    )
    meetings = store.query(
        f"SELECT COUNT(*) AS n, MAX(held_on) AS last FROM meetings WHERE {alive}", [pid]
    )[0]
    cards = _count(
        store, f"SELECT COUNT(*) FROM kaizen_cards WHERE {alive} AND NOT archived", pid
    )
    standard = _count(
        store,
        f"SELECT COUNT(*) FROM kaizen_cards WHERE {alive} AND NOT archived "
        "AND \"column\" = 'standard'",
        pid,
    )
    cycles = _count(store, f"SELECT COUNT(*) FROM cycles WHERE {alive}", pid)
    running = _count(store, f"SELECT COUNT(*) FROM cycles WHERE {alive} AND act IS NULL", pid)
    decisions = _count(store, f"SELECT COUNT(*) FROM decisions WHERE {alive}", pid)

    phase5 = [
        Fact("overview.measures", {"count": measures, "measurements": measurements}),
        Fact("overview.cards", {"count": cards, "standard": standard}),
        Fact("overview.cycles", {"count": cycles, "running": running}),
    ]
    if meetings["n"]:
        phase5.append(
            Fact("overview.meetings", {"count": meetings["n"], "last": _date(meetings["last"])})
        )
    else:
        phase5.append(Fact("overview.no_meetings"))
    rhythm = project_rhythm(store, pid)
    overdue_days = meeting_overdue(store, pid, today, rhythm)
    if overdue_days is not None:
        phase5.append(Fact("meeting.overview_overdue",
                           {"days": overdue_days, "every": rhythm.every_days}))
    won = store.query(
        f"SELECT COUNT(*) AS n, MAX(\"on\") AS last FROM successes WHERE {alive}", [pid])[0]
    if won["n"]:
        latest = store.query(
            f"SELECT text FROM successes WHERE {alive} ORDER BY \"on\" DESC, id LIMIT 1",
            [pid])[0]["text"]
        phase5.append(Fact("successes.overview", {
            "count": won["n"], "text": latest, "date": _date(won["last"])}))
    return {
        1: phase1,
        2: [map_fact("current"), Fact("overview.ideas", {"count": ideas})],
        3: [
            map_fact("redesign"),
            Fact("overview.kpis", {"steps": kpi_steps, "measures": measures}),
        ],
        4: [
            Fact(
                "overview.actions",
                {
                    "total": sum(status_counts.values()),
                    "done": status_counts.get("done", 0),
                    "in_progress": status_counts.get("in_progress", 0),
                    "not_started": status_counts.get("not_started", 0),
                    "cancelled": status_counts.get("cancelled", 0),
                },
            ),
            Fact("overview.overdue", {"count": overdue}),
        ],
        5: phase5,
        6: [Fact("overview.decisions", {"count": decisions})],
    }
