"""The portfolio: every project in the database, own and received from other units, with the
figures a coordinator of many units looks at first, and its sort and filter.

`load_portfolio` is plain SQL over all projects at once (fast enough to draw 200 projects at
once). The signals of every measure and the conflicts are slower: `portfolio_signals` computes
them (in a worker thread, on a connection of its own) and `cached_signals` keeps the last result
per store until the next write (`Store.generation`).
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from core.clock import stamp_time
from core.db.store import Store
from core.i18n import Translator
from core.kaizen.rhythm import MEETING_EVERY_DAYS
from core.measures.assurance import Assurance, Variation
from core.measures.signals import measure_status, project_measure_ids
from core.models import ActionStatus
from core.phases import PHASES
from core.sync.vectors import own_replicas, unit_names
from core.values.sheets import Column, Kind, Table

_OPEN = ", ".join(f"'{status.value}'" for status in (ActionStatus.NOT_STARTED,
                                                   ActionStatus.IN_PROGRESS))
"""The statuses of an open action (`Action.is_open`), as SQL."""


@dataclass(frozen=True)
class PortfolioRow:
    """One project as the portfolio lists it."""

    id: str
    name: str
    unit: str
    leader: str
    phase: int
    archived: bool
    open_actions: int
    overdue_actions: int
    days_since_meeting: int | None
    """Days since the last kaizen meeting on or before today (None: no meeting yet)."""
    measures: int
    last_change: dt.datetime | None
    last_author: str
    last_unit: str
    """The unit whose database wrote the last change ("" when not known)."""
    received_from: str | None = None
    """The unit that sent the project (None: the project was made here)."""
    last_file: dt.date | None = None
    """When the last file from that unit was imported."""
    meeting_every_days: int = MEETING_EVERY_DAYS
    """The project's meeting rhythm (`core.kaizen.rhythm`): a kaizen meeting every so many
    days."""

    @property
    def received(self) -> bool:
        """Whether the project was made in another unit's database."""
        return self.received_from is not None

    def meeting_overdue(self) -> bool:
        """No kaizen meeting yet, or more days since the last one than the project's rhythm."""
        return self.days_since_meeting is None or self.days_since_meeting > self.meeting_every_days


@dataclass(frozen=True)
class PortfolioSignals:
    """Per project: measures signalling in their better and in their worse direction (special
    cause improving and concerning), measures assured to meet and to fail their target, and
    conflicts waiting."""

    better: dict[str, int] = field(default_factory=dict)
    worse: dict[str, int] = field(default_factory=dict)
    conflicts: dict[str, int] = field(default_factory=dict)
    meets: dict[str, int] = field(default_factory=dict)
    """Measures whose limits lie on the target's good side: they meet it every time."""
    fails: dict[str, int] = field(default_factory=dict)
    """Measures whose limits lie on the target's bad side: they will not meet it as they are."""


def _time(stamp: int | None) -> dt.datetime | None:
    return None if stamp is None else stamp_time(stamp)


def _local_date(text: str | None) -> dt.date | None:
    if not text:
        return None
    return dt.datetime.fromisoformat(text).astimezone().date()


def load_portfolio(store: Store, *, today: dt.date,
                   include_archived: bool = False) -> list[PortfolioRow]:
    """Every live project with its unit, leader, phase, actions (open and overdue by
    `Action.is_open` and `Action.is_overdue`, as the project list counts them), days since its
    last kaizen meeting and its meeting rhythm, its last change and who made it, and for a
    received project the sending unit and its last file, as they stand on `today`."""
    projects = store.execute(
        "SELECT id, name, COALESCE(unit, ''), COALESCE(leader, ''), current_phase, archived, "
        "COALESCE(meeting_every_days, ?) FROM projects WHERE _exists AND (? OR NOT archived) "
        "ORDER BY archived, name COLLATE NOCASE, id",
        [MEETING_EVERY_DAYS, include_archived]).fetchall()
    actions = {row[0]: row[1:] for row in store.execute(
        f"SELECT project_id, SUM(status IN ({_OPEN})), SUM(status IN ({_OPEN}) "
        "AND deadline IS NOT NULL AND deadline < ?) FROM actions WHERE _exists "
        "GROUP BY project_id", [today.isoformat()])}
    meetings = dict(store.execute(
        "SELECT project_id, MAX(held_on) FROM meetings WHERE _exists AND held_on <= ? "
        "GROUP BY project_id", [today.isoformat()]).fetchall())
    measures = dict(store.execute(
        "SELECT project_id, COUNT(*) FROM measures WHERE _exists GROUP BY project_id"
    ).fetchall())
    last = {scope: (hlc, replica, author) for scope, replica, author, hlc in store.execute(
        "SELECT scope_id, replica_id, author, MAX(hlc) FROM sync_change GROUP BY scope_id")}
    creators = dict(store.execute(
        "SELECT p.id, (SELECT c.replica_id FROM sync_change c WHERE c.scope_id = p.id "
        "AND c.entity = 'project' AND c.record_id = p.id ORDER BY c.hlc LIMIT 1) "
        "FROM projects p WHERE p._exists").fetchall())
    peers: dict[str, list[tuple[str, str, str | None]]] = {}
    for scope, replica, unit, imported in store.execute(
            "SELECT scope_id, replica_id, unit_name, last_imported_at FROM sync_peer "
            "ORDER BY last_imported_at DESC"):
        peers.setdefault(scope, []).append((replica, unit, imported))
    own, units = own_replicas(store), unit_names(store)
    rows = []
    for pid, name, unit, leader, phase, archived, every_days in projects:
        held = meetings.get(pid)
        days = (today - dt.date.fromisoformat(held)).days if held else None
        stamp, replica, author = last.get(pid, (None, "", ""))
        creator = creators.get(pid)
        received_from, last_file = None, None
        if creator is not None and creator not in own:
            sent = peers.get(pid, [])
            peer = next((s for s in sent if s[0] == creator), sent[0] if sent else None)
            received_from = (peer[1] if peer else "") or units.get(creator, "")
            last_file = _local_date(peer[2]) if peer else None
        open_actions, overdue = actions.get(pid, (0, 0))
        rows.append(PortfolioRow(
            id=pid, name=name, unit=unit, leader=leader, phase=phase, archived=bool(archived),
            open_actions=open_actions or 0, overdue_actions=overdue or 0,
            days_since_meeting=days, measures=measures.get(pid, 0),
            last_change=_time(stamp), last_author=author or "",
            last_unit=units.get(replica, "") if replica else "",
            received_from=received_from, last_file=last_file, meeting_every_days=every_days,
        ))
    return rows


# -- signals and conflicts (slow: a worker computes them) ------------------------------------


def project_signals(store: Store, project_id: str) -> tuple[int, int]:
    """How many of a project's measures signal now in their better and in their worse
    direction (the measure overview's rules, `core.measures.signals`)."""
    better, worse, _, _ = _project_counts(store, project_id)
    return better, worse


def _project_counts(store: Store, project_id: str) -> tuple[int, int, int, int]:
    """Measures with special cause improving and concerning, and measures assured to meet and
    to fail their target (`core.measures.assurance`)."""
    better = worse = meets = fails = 0
    for measure_id in project_measure_ids(store, project_id):
        reading = measure_status(store, measure_id).reading
        better += reading.variation is Variation.IMPROVING
        worse += reading.variation is Variation.CONCERNING
        meets += reading.assurance is Assurance.PASS
        fails += reading.assurance is Assurance.FAIL
    return better, worse, meets, fails


def portfolio_signals(store: Store, project_ids: Iterable[str]) -> PortfolioSignals:
    """Signals and assurance of every measure and the conflicts waiting, per project."""
    from core.sync.conflicts import conflict_counts

    result = PortfolioSignals(conflicts=conflict_counts(store))
    for project_id in project_ids:
        counts = _project_counts(store, project_id)
        result.better[project_id], result.worse[project_id] = counts[:2]
        result.meets[project_id], result.fails[project_id] = counts[2:]
    return result


_CACHE: weakref.WeakKeyDictionary[Store, tuple[int, PortfolioSignals]] = (
    weakref.WeakKeyDictionary())


def cached_signals(store: Store) -> PortfolioSignals | None:
    """The signals computed for the store's current state (None when a write came since)."""
    cached = _CACHE.get(store)
    return cached[1] if cached and cached[0] == store.generation else None


def remember_signals(store: Store, generation: int, signals: PortfolioSignals) -> None:
    """Keep signals computed at `generation` (they are used while no write has come since)."""
    _CACHE[store] = (generation, signals)


# -- sort and filter ------------------------------------------------------------------------

SORTS: tuple[str, ...] = ("name", "unit", "phase", "meeting", "overdue", "worse", "better",
                          "conflicts", "last_change", "received")
"""What the portfolio sorts by."""
STATES: tuple[str, ...] = ("overdue", "worse", "better", "conflicts", "no_meeting",
                           "received", "own")
"""The state filters: overdue actions, a signal in the worse or better direction, conflicts
waiting, no kaizen meeting within the project's rhythm, received from another unit, made here."""


@dataclass(frozen=True)
class PortfolioFilter:
    """What the portfolio shows; None or "" means no filter on that part."""

    text: str = ""
    unit: str | None = None
    phase: int | None = None
    state: str | None = None

    @property
    def active(self) -> bool:
        """Whether any part of the filter is set."""
        return bool(self.text.strip()) or self.unit is not None or self.phase is not None \
            or self.state is not None


def _in_state(row: PortfolioRow, state: str, signals: PortfolioSignals) -> bool:
    checks: dict[str, Callable[[], bool]] = {
        "overdue": lambda: row.overdue_actions > 0,
        "worse": lambda: signals.worse.get(row.id, 0) > 0,
        "better": lambda: signals.better.get(row.id, 0) > 0,
        "conflicts": lambda: signals.conflicts.get(row.id, 0) > 0,
        "no_meeting": row.meeting_overdue,
        "received": lambda: row.received,
        "own": lambda: not row.received,
    }
    return checks[state]()


def filter_rows(rows: Iterable[PortfolioRow], wanted: PortfolioFilter,
                signals: PortfolioSignals) -> list[PortfolioRow]:
    """The rows the filter lets through (the text matches name, unit, leader or sender)."""
    needle = wanted.text.strip().casefold()
    unit = None if wanted.unit is None else wanted.unit.casefold()
    return [
        row for row in rows
        if (unit is None or row.unit.strip().casefold() == unit)
        and (wanted.phase is None or row.phase == wanted.phase)
        and (wanted.state is None or _in_state(row, wanted.state, signals))
        and (not needle or needle in "\n".join(
            (row.name, row.unit, row.leader, row.received_from or "")).casefold())
    ]


def sort_rows(rows: Sequence[PortfolioRow], key: str, signals: PortfolioSignals, *,
              descending: bool = False) -> list[PortfolioRow]:
    """Sort by one of `SORTS`; ties (and empty values, always last) by name."""
    by_name = sorted(rows, key=lambda r: (r.name.casefold(), r.id))
    # A text, number or time per key (None: empty, sorted last); Any since they differ by key.
    sort_values: dict[str, Callable[[PortfolioRow], Any]] = {
        "name": lambda r: r.name.casefold(),
        "unit": lambda r: r.unit.casefold() or None,
        "phase": lambda r: r.phase,
        "meeting": lambda r: r.days_since_meeting,
        "overdue": lambda r: r.overdue_actions,
        "worse": lambda r: signals.worse.get(r.id),
        "better": lambda r: signals.better.get(r.id),
        "conflicts": lambda r: signals.conflicts.get(r.id, 0),
        "last_change": lambda r: r.last_change,
        "received": lambda r: (r.received_from or "").casefold() or None,
    }
    values = sort_values[key]
    filled = [r for r in by_name if values(r) is not None]
    empty = [r for r in by_name if values(r) is None]
    return sorted(filled, key=values, reverse=descending) + empty


def units_of(rows: Iterable[PortfolioRow]) -> list[str]:
    """The distinct units of the rows, sorted (for the unit filter)."""
    names: dict[str, str] = {}
    for row in rows:
        if row.unit.strip():
            names.setdefault(row.unit.strip().casefold(), row.unit.strip())
    return sorted(names.values(), key=str.casefold)


# -- to Excel -------------------------------------------------------------------------------


def portfolio_table(rows: Sequence[PortfolioRow], tr: Translator,
                    signals: PortfolioSignals | None = None) -> Table:
    """The rows as the portfolio's export writes them (in the order given): each figure the
    screen shows in a column of its own, numbers as numbers and dates as dates (the last change
    as the local day it was made); without `signals` the signal and conflict cells are empty."""
    columns = [
        Column(tr("portfolio.column.name")), Column(tr("portfolio.column.unit")),
        Column(tr("portfolio.column.phase"), Kind.INTEGER),
        Column(tr("portfolio.export.phase_name")), Column(tr("portfolio.column.leader")),
        Column(tr("portfolio.sort.meeting"), Kind.INTEGER),
        Column(tr("portfolio.export.open_actions"), Kind.INTEGER),
        Column(tr("portfolio.sort.overdue"), Kind.INTEGER),
        Column(tr("portfolio.sort.better"), Kind.INTEGER),
        Column(tr("portfolio.sort.worse"), Kind.INTEGER),
        Column(tr("portfolio.export.meets"), Kind.INTEGER),
        Column(tr("portfolio.export.fails"), Kind.INTEGER),
        Column(tr("portfolio.column.conflicts"), Kind.INTEGER),
        Column(tr("portfolio.column.last_change"), Kind.DATE),
        Column(tr("portfolio.export.last_author")), Column(tr("portfolio.export.last_unit")),
        Column(tr("portfolio.column.received")),
        Column(tr("portfolio.export.last_file"), Kind.DATE),
    ]

    def count(found: dict[str, int], project_id: str) -> int | None:
        return None if signals is None else found.get(project_id, 0)

    s = signals or PortfolioSignals()
    table_rows = []
    for row in rows:
        name = tr("project_list.archived_name", name=row.name) if row.archived else row.name
        received = None
        if row.received_from is not None:
            received = row.received_from or tr("portfolio.unknown_unit")
        table_rows.append((
            name, row.unit, row.phase, tr(f"phase.{PHASES[row.phase - 1].key}.name"), row.leader,
            row.days_since_meeting, row.open_actions, row.overdue_actions,
            count(s.better, row.id), count(s.worse, row.id), count(s.meets, row.id),
            count(s.fails, row.id), count(s.conflicts, row.id),
            None if row.last_change is None else row.last_change.astimezone().date(),
            row.last_author, row.last_unit, received, row.last_file))
    return Table(tr("portfolio.title"), columns, table_rows)
