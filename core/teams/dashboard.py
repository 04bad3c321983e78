"""What a team dashboard shows: every key figure's series with its state (`figure_state`).

`load_org_series` reads every team's series of an organisation in one query (the benchmarks
and alerts read the same); `dashboard` judges one team's. Both run on the caller's thread;
the judging is pure and cached (`core.teams.signals`), so a worker may do it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from core.db.store import Store
from core.models import KeyFigure
from core.teams.key_figures import figures as catalogue
from core.teams.signals import FigureState, figure_state


@dataclass(frozen=True)
class FigureSeries:
    """One team's values of one key figure, in period order."""

    figure: KeyFigure
    periods: tuple[str, ...]
    values: tuple[float, ...]

    @property
    def last_period(self) -> str | None:
        return self.periods[-1] if self.periods else None


@dataclass(frozen=True)
class DashboardRow:
    """A figure on the dashboard: its series and its state."""

    series: FigureSeries
    state: FigureState

    @property
    def figure(self) -> KeyFigure:
        return self.series.figure


Points = dict[tuple[str, str], tuple[tuple[str, ...], tuple[float, ...]]]
"""(team id, figure id) -> (periods, values) in period order."""


def load_org_series(store: Store, org_id: str, *, team_id: str | None = None) -> Points:
    """Every live value of the organisation's teams (or of one team), grouped by team and
    figure, in period order (one query)."""
    sql = ("SELECT team_id, figure, period, value FROM team_figures WHERE org_id = ? AND _exists"
           + (" AND team_id = ?" if team_id else "") + " ORDER BY team_id, figure, period")
    params = [org_id, team_id] if team_id else [org_id]
    periods: dict[tuple[str, str], list[str]] = defaultdict(list)
    values: dict[tuple[str, str], list[float]] = defaultdict(list)
    for team, figure, period, value in store.execute(sql, params).fetchall():
        periods[(team, figure)].append(period)
        values[(team, figure)].append(value)
    return {key: (tuple(periods[key]), tuple(values[key])) for key in periods}


def team_series(store: Store, org_id: str, team_id: str,
                figures: Sequence[KeyFigure] | None = None) -> list[FigureSeries]:
    """A team's series of every figure of the catalogue (empty series for figures without
    values), in the catalogue's order."""
    points = load_org_series(store, org_id, team_id=team_id)
    shown = catalogue(store, org_id) if figures is None else figures
    return [FigureSeries(f, *points.get((team_id, f.id), ((), ()))) for f in shown]


def dashboard(store: Store, org_id: str, team_id: str) -> list[DashboardRow]:
    """Every figure of a team with its state."""
    return [DashboardRow(s, figure_state(s.values, s.figure))
            for s in team_series(store, org_id, team_id)]
