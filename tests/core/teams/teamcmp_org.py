"""A small organisation of teams for the benchmark, alert and capacity tests."""

from __future__ import annotations

from collections.abc import Sequence

from core.db import changelog
from core.db.store import Store
from core.models import (
    Direction,
    KeyFigure,
    MeasureKind,
    Organisation,
    Profession,
    Team,
    TeamFigure,
)
from core.teams.figures import shift_week

START = "2026-W01"


def organisation(store: Store, **limits: float) -> str:
    """An organisation (with the given rules); returns its id."""
    with store.transaction():
        org = changelog.create(store, Organisation(name="Hjemmeplejen", **limits))
    return org.id


def team(store: Store, org_id: str, name: str) -> str:
    with store.transaction():
        return changelog.create(store, Team(org_id=org_id, name=name)).id


def profession(store: Store, org_id: str, name: str, order: str = "") -> str:
    with store.transaction():
        return changelog.create(store, Profession(org_id=org_id, name=name, order=order)).id


def figure(store: Store, org_id: str, name: str = "Sygefravær", *,
           better: Direction = Direction.LOWER, target: float | None = 5.0,
           threshold: float | None = 8.0, order: str = "0010") -> KeyFigure:
    with store.transaction():
        return changelog.create(store, KeyFigure(
            org_id=org_id, name=name, unit="%", kind=MeasureKind.PROPORTION, better=better,
            target=target, alert_threshold=threshold, order=order))


def weeks(count: int, start: str = START) -> list[str]:
    return [shift_week(start, n) for n in range(count)]


def values(store: Store, org_id: str, team_id: str, figure_id: str,
           series: Sequence[float | None], start: str = START) -> list[str]:
    """Write a weekly series from `start` (None leaves a week out); return the weeks."""
    periods = weeks(len(series), start)
    with store.transaction():
        for period, value in zip(periods, series, strict=True):
            if value is None:
                continue
            changelog.create(store, TeamFigure(
                id=TeamFigure.id_for(team_id, period, figure_id), org_id=org_id,
                team_id=team_id, period=period, figure=figure_id, value=value))
    return periods
