"""Deviation alerts for the coach: team figures that moved the worse way past the alert threshold,
or whose control chart (`core.teams.signals.chart_kind`) shows a new signal on the worse side.

An alert is an event: (team, figure, period, kind). A threshold alert's period is the latest
period, raised when the latest value lies past the figure's `alert_threshold` on the worse side
and moved the worse way since the period before (or has no period before). A signal alert's
period is the week the signal that reaches the latest point began, as the chart stood each week
(a long run that goes on stays one event). The coach acknowledges an alert with a note (an
`AlertAck`, one per event): it leaves the list, is never raised again for the same event, and
stays in the team's history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from core import clock
from core.db import changelog
from core.db.store import Store
from core.measures.words import chart_name
from core.models import AlertAck, Direction, KeyFigure
from core.teams.benchmarks import point_signal
from core.teams.signals import FigureRule, FigureState, chart_kind, figure_state
from core.teams.states import OrgData, TeamRef, TeamSeries
from core.teams.words import format_figure
from core.values.periods import period_label

if TYPE_CHECKING:
    from core.db.undo import UndoLog
    from core.i18n import Translator

AlertKind = Literal["threshold", "signal"]


@dataclass(frozen=True)
class Alert:
    """A deviation of one team's figure the coach should ask about."""

    org_id: str
    team: TeamRef
    figure: KeyFigure
    kind: AlertKind
    period: str
    """The event's period (for a signal: the period the signal started in)."""
    last_period: str
    value: float
    """The latest value."""
    previous: float | None = None
    """The value of the period before the latest (threshold alerts)."""

    @property
    def id(self) -> str:
        """The id its acknowledgement gets (`AlertAck.id_for`)."""
        return AlertAck.id_for(self.team.id, self.figure.id, self.period, self.kind)


def threshold_alert(org_id: str, team: TeamRef, figure: KeyFigure, series: TeamSeries,
                    state: FigureState) -> Alert | None:
    """The threshold alert of a series' latest value, if it raises one."""
    if not state.past_threshold or state.change_better or state.change == 0:
        return None
    return Alert(org_id, team, figure, "threshold", series.periods[-1], series.periods[-1],
                 series.values[-1], state.previous)


def signal_alert(org_id: str, team: TeamRef, figure: KeyFigure, series: TeamSeries,
                 state: FigureState) -> Alert | None:
    """The signal alert of a series whose latest point signals on the worse side, if any.

    Its period is the week the signal began as it was seen then: the first of the latest weeks
    whose point signalled on the worse side on the chart as it stood that week. Those charts
    never change when later weeks come in, so a signal that goes on stays one event."""
    last = len(series.values) - 1
    if last < 0 or point_signal(state, last) != "worse":
        return None
    rule = FigureRule.of(figure)
    first = last
    while first > 0 and point_signal(
            figure_state(series.values[:first], rule), first - 1) == "worse":
        first -= 1
    return Alert(org_id, team, figure, "signal", series.periods[first], series.periods[-1],
                 series.values[-1])


def find_alerts(data: OrgData) -> list[Alert]:
    """Every alert the organisation's latest values raise, acknowledged or not (pure)."""
    found: list[Alert] = []
    for team in data.teams:
        for figure in data.figures:
            key = (team.id, figure.id)
            series, state = data.series.get(key), data.states.get(key)
            if series is None or state is None or not series.values:
                continue
            for check in (threshold_alert, signal_alert):
                alert = check(data.org_id, team, figure, series, state)
                if alert is not None:
                    found.append(alert)
    return found


def acknowledged_ids(store: Store, org_id: str) -> set[str]:
    """The ids of every acknowledged alert of the organisation."""
    rows = store.query("SELECT id FROM alert_acks WHERE org_id = ? AND _exists", [org_id])
    return {row["id"] for row in rows}


def open_alerts(store: Store, data: OrgData) -> list[Alert]:
    """The alerts not yet acknowledged, by team and figure order."""
    done = acknowledged_ids(store, data.org_id)
    return [alert for alert in find_alerts(data) if alert.id not in done]


def acknowledge(log: UndoLog, alert: Alert, note: str, *, by: str = "",
                on: dt.date | None = None) -> AlertAck:
    """Record the coach's acknowledgement of an alert with a note (ctrl+z takes it back)."""
    ack = changelog.build(
        AlertAck, id=alert.id, org_id=alert.org_id, team_id=alert.team.id,
        figure_id=alert.figure.id, period=alert.period, kind=alert.kind, note=note.strip(),
        acknowledged_by=by, acknowledged_on=on or clock.today())
    return log.create(ack)  # an acknowledgement taken back by undo is written again


@dataclass(frozen=True)
class HistoryEntry:
    """An acknowledged alert in a team's history."""

    ack: AlertAck
    figure_name: str


def history(store: Store, team_id: str) -> list[HistoryEntry]:
    """The team's acknowledged alerts, newest event first."""
    rows = store.query(
        "SELECT a.id, COALESCE(f.name, '') AS figure FROM alert_acks a LEFT JOIN key_figures f "
        "ON f.id = a.figure_id WHERE a.team_id = ? AND a._exists "
        "ORDER BY a.period DESC, a.acknowledged_on DESC, a.id",
        [team_id],
    )
    return [HistoryEntry(changelog.load(store, AlertAck, row["id"]), row["figure"])
            for row in rows]


def alert_text(alert: Alert, tr: Translator) -> str:
    """What happened, in words: "Sygefravær steg fra 4,1 % til 9,8 % i uge 46 2026; over
    alarmgrænsen 8 %"."""
    figure = alert.figure
    high = figure.better is Direction.LOWER
    value = format_figure(figure, alert.value, tr)
    when = period_label(alert.last_period, tr)
    if alert.kind == "signal":
        key = "qic_core.alert_signal_high" if high else "qic_core.alert_signal_low"
        return tr(key, figure=figure.name, since=period_label(alert.period, tr), value=value,
                  period=when, chart=chart_name(chart_kind(figure.kind), tr))
    limit = format_figure(figure, figure.alert_threshold, tr)
    side = tr("team_compare.alert.over" if high else "team_compare.alert.under", limit=limit)
    if alert.previous is None:
        return tr("team_compare.alert.was", figure=figure.name, value=value, period=when,
                  side=side)
    key = "team_compare.alert.rose" if high else "team_compare.alert.fell"
    return tr(key, figure=figure.name, previous=format_figure(figure, alert.previous, tr),
              value=value, period=when, side=side)
