"""Every team figure series of an organisation, read in one query, and the state of each.

The benchmarks and the deviation alerts compare all teams on all figures, so they read the
organisation's values at once (`load_org`, SQL on the caller's thread) and judge every series
with `core.teams.signals.figure_state` (`judge`, pure: run it in a worker). `StateCache` keeps
the result per store and organisation until the data change (the store's `generation`).
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from core.db.store import Store, read_on
from core.models import KeyFigure
from core.teams.key_figures import figures
from core.teams.signals import FigureState, figure_state

SeriesKey = tuple[str, str]
"""(team id, key-figure id)."""


@dataclass(frozen=True)
class TeamRef:
    """A team as the comparisons name it."""

    id: str
    name: str


@dataclass(frozen=True)
class TeamSeries:
    """One team's values of one key figure, in period order."""

    team_id: str
    figure_id: str
    periods: tuple[str, ...]
    values: tuple[float, ...]

    def value_in(self, period: str) -> float | None:
        """The value of `period` (None when the team has none)."""
        try:
            return self.values[self.periods.index(period)]
        except ValueError:
            return None


@dataclass(frozen=True)
class OrgData:
    """An organisation's teams, key figures and every series, with each series' state."""

    org_id: str
    teams: tuple[TeamRef, ...]
    figures: tuple[KeyFigure, ...]
    series: dict[SeriesKey, TeamSeries]
    states: dict[SeriesKey, FigureState] = field(default_factory=dict)

    def figure(self, figure_id: str) -> KeyFigure | None:
        return next((f for f in self.figures if f.id == figure_id), None)

    def team_name(self, team_id: str) -> str:
        return next((t.name for t in self.teams if t.id == team_id), "")


def org_teams(store: Store, org_id: str) -> list[TeamRef]:
    """The organisation's teams by name."""
    rows = store.query(
        "SELECT id, name FROM teams WHERE org_id = ? AND _exists ORDER BY name COLLATE NOCASE, id",
        [org_id],
    )
    return [TeamRef(row["id"], row["name"]) for row in rows]


def _series(rows: Iterable[tuple[str, str, str, float]]) -> dict[SeriesKey, TeamSeries]:
    grouped: dict[SeriesKey, tuple[list[str], list[float]]] = {}
    for team_id, figure_id, period, value in rows:
        periods, values = grouped.setdefault((team_id, figure_id), ([], []))
        periods.append(period)
        values.append(value)
    return {
        key: TeamSeries(key[0], key[1], tuple(periods), tuple(values))
        for key, (periods, values) in grouped.items()
    }


def figure_series(store: Store, org_id: str, figure_id: str) -> dict[str, TeamSeries]:
    """Every team's series of one key figure, by team id."""
    rows = store.execute(
        "SELECT team_id, figure, period, value FROM team_figures WHERE figure = ? AND org_id = ? "
        "AND _exists ORDER BY team_id, period",
        [figure_id, org_id],
    ).fetchall()
    return {key[0]: series for key, series in _series(rows).items()}


def period_values(store: Store, team_ids: list[str], period: str) -> dict[SeriesKey, float]:
    """Every (team id, figure id) value of the teams in one period."""
    if not team_ids:
        return {}
    marks = ",".join("?" * len(team_ids))
    rows = store.execute(
        f"SELECT team_id, figure, value FROM team_figures WHERE team_id IN ({marks}) "
        "AND period = ? AND _exists",
        [*team_ids, period],
    ).fetchall()
    return {(team_id, figure_id): value for team_id, figure_id, value in rows}


def load_org(store: Store, org_id: str, *, pause: float = 0.0) -> OrgData:
    """Read the organisation's teams, figures and every series (no states yet), one team at a
    time; with `pause`, sleep that long after each team so a worker leaves the UI room."""
    teams = tuple(org_teams(store, org_id))
    series: dict[SeriesKey, TeamSeries] = {}
    for team in teams:
        rows = store.execute(
            "SELECT team_id, figure, period, value FROM team_figures WHERE team_id = ? "
            "AND _exists ORDER BY figure, period",
            [team.id],
        ).fetchall()
        series.update(_series(rows))
        if pause:
            time.sleep(pause)
    return OrgData(org_id, teams, tuple(figures(store, org_id)), series)


YIELD_EVERY = 16
"""A worker judging series lets the UI thread run after this many series (`judge(pause=)`)."""
WORKER_PAUSE = 0.002
"""Seconds a worker sleeps each time it lets the UI thread run."""


def judge(data: OrgData, *, pause: float = 0.0) -> OrgData:
    """Add the state of every series (pure: safe in a worker thread). With `pause`, sleep that
    many seconds every `YIELD_EVERY` series, so a worker leaves the UI thread room to draw."""
    figures = {figure.id: figure for figure in data.figures}
    states: dict[SeriesKey, FigureState] = {}
    for count, (key, series) in enumerate(data.series.items(), start=1):
        if key[1] in figures:
            states[key] = figure_state(series.values, figures[key[1]])
        if pause and count % YIELD_EVERY == 0:
            time.sleep(pause)
    return OrgData(data.org_id, data.teams, data.figures, data.series, states)


def judge_series(series: dict[str, TeamSeries], figure: KeyFigure) -> dict[str, FigureState]:
    """The state of each team's series of one figure, by team id (pure)."""
    return {team_id: figure_state(one.values, figure) for team_id, one in series.items()}


def read_and_judge(path: str | Path | None, store: Store | None, org_id: str,
                   *, pause: float = 0.0) -> OrgData:
    """Load and judge an organisation: on a connection of its own when the database is a file
    (a worker's thread, which may `pause` to let the UI draw), else on `store`."""
    return read_on(path, store,
                   lambda reader: judge(load_org(reader, org_id, pause=pause), pause=pause))


def org_ids(store: Store) -> list[str]:
    """The ids of every organisation of teams, by name."""
    rows = store.query(
        "SELECT id FROM organisations WHERE _exists ORDER BY name COLLATE NOCASE, id")
    return [row["id"] for row in rows]


class StateCache:
    """The judged data of each organisation, kept per store until the store writes again."""

    def __init__(self) -> None:
        self._kept: weakref.WeakKeyDictionary[Store, dict[str, tuple[int, OrgData]]] = (
            weakref.WeakKeyDictionary())

    def get(self, store: Store, org_id: str) -> OrgData | None:
        """The judged data if nothing was written since it was read."""
        found = self._kept.get(store, {}).get(org_id)
        if found is None or found[0] != store.generation:
            return None
        return found[1]

    def put(self, store: Store, generation: int, data: OrgData) -> None:
        """Keep `data`, read when the store's generation was `generation`."""
        if generation == store.generation:
            self._kept.setdefault(store, {})[data.org_id] = (generation, data)

    def clear(self) -> None:
        self._kept.clear()


CACHE = StateCache()
"""The app's one cache of judged organisations."""


def judged(store: Store, org_id: str) -> OrgData:
    """The judged organisation, from the cache or read and judged now (on this thread)."""
    found = CACHE.get(store, org_id)
    if found is None:
        generation = store.generation
        found = judge(load_org(store, org_id))
        CACHE.put(store, generation, found)
    return found
