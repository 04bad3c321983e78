"""The key-figure catalogue (nøgledata) shared by every team of an organisation.

A new organisation gets the starter set from the seed and the Buurtzorg model: sick leave,
client hours as a share of paid hours, temp hours, overtime, citizens, hours per citizen,
citizen and staff satisfaction. Their ids are stable (`KeyFigure.id_for(org_id, key)`), their
names, definitions and units come from the catalogs in the user's language when they are
created, and the user edits them like any figure added later.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from core.db import changelog
from core.db.store import Store
from core.models import Direction, Frequency, KeyFigure, MeasureKind
from core.order_keys import key_between

if TYPE_CHECKING:
    from core.db.undo import UndoLog
    from core.i18n import Translator


@dataclass(frozen=True)
class StarterFigure:
    """A figure of the starter set; its texts are `teams.figure.<key>.*` in the catalogs."""

    key: str
    kind: MeasureKind
    better: Direction
    target: float | None = None
    alert_threshold: float | None = None


STARTER_SET: tuple[StarterFigure, ...] = (
    StarterFigure("sick_leave_pct", MeasureKind.PROPORTION, Direction.LOWER, 5.0, 8.0),
    StarterFigure("client_time_pct", MeasureKind.PROPORTION, Direction.HIGHER, 60.0, 50.0),
    StarterFigure("temp_hours", MeasureKind.CONTINUOUS, Direction.LOWER, 20.0, 40.0),
    StarterFigure("overtime_hours", MeasureKind.CONTINUOUS, Direction.LOWER, 10.0, 25.0),
    StarterFigure("citizens", MeasureKind.COUNT, Direction.HIGHER),
    StarterFigure("hours_per_citizen", MeasureKind.CONTINUOUS, Direction.LOWER, 3.0, 4.0),
    StarterFigure("citizen_satisfaction", MeasureKind.CONTINUOUS, Direction.HIGHER, 8.5, 7.0),
    StarterFigure("staff_satisfaction", MeasureKind.CONTINUOUS, Direction.HIGHER, 8.0, 6.5),
)
"""The starter set, in the order the dashboard lists it."""


def _order(index: int) -> str:
    return f"{(index + 1) * 10:04d}"


def starter_figure(org_id: str, spec: StarterFigure, index: int, tr: Translator) -> KeyFigure:
    """A starter figure as a record, named in `tr`'s language."""
    texts = f"teams.figure.{spec.key}"
    return changelog.build(
        KeyFigure, id=KeyFigure.id_for(org_id, spec.key), org_id=org_id, key=spec.key,
        name=tr(f"{texts}.name"), definition=tr(f"{texts}.definition"),
        unit=tr(f"{texts}.unit"), kind=spec.kind, better=spec.better,
        frequency=Frequency.WEEKLY, target=spec.target, alert_threshold=spec.alert_threshold,
        order=_order(index))


def add_starter_set(store: Store, org_id: str, tr: Translator) -> list[KeyFigure]:
    """Write the starter figures an organisation lacks (inside the caller's transaction)."""
    known = {row["id"] for row in store.query(
        "SELECT id FROM key_figures WHERE org_id = ?", [org_id])}
    created = []
    for index, spec in enumerate(STARTER_SET):
        figure = starter_figure(org_id, spec, index, tr)
        if figure.id not in known:
            created.append(changelog.create(store, figure))
    return created


def figures(store: Store, org_id: str) -> list[KeyFigure]:
    """The organisation's live key figures in their order."""
    rows = store.query(
        'SELECT id FROM key_figures WHERE org_id = ? AND _exists '
        'ORDER BY COALESCE("order", \'\'), name, id', [org_id])
    return [changelog.load(store, KeyFigure, row["id"]) for row in rows]


def add_figure(log: UndoLog, org_id: str, **values: Any) -> KeyFigure:
    """Add a key figure of the user's own at the end of the catalogue."""
    (last,) = log.store.execute(
        'SELECT MAX("order") FROM key_figures WHERE org_id = ? AND _exists', [org_id]
    ).fetchone()
    order = key_between(last or None, None) or ""
    return log.create(changelog.build(KeyFigure, org_id=org_id, order=order, **values))


def edit_figure(log: UndoLog, figure_id: str, **values: Any) -> KeyFigure:
    """Change a key figure's name, definition, unit, kind, direction, frequency, target or
    alert threshold."""
    return log.update(KeyFigure, figure_id, **values)


def value_count(store: Store, figure_id: str) -> int:
    """How many values the teams have entered for a key figure: what deleting it takes with it,
    so the question before a delete can say so."""
    (count,) = store.execute(
        "SELECT COUNT(*) FROM team_figures WHERE figure = ? AND _exists", [figure_id]
    ).fetchone()
    return int(count)


def delete_figure(log: UndoLog, figure_id: str) -> int:
    """Delete a key figure and every team's values of it, as one undo step; return how many
    values went with it."""
    from core.models import TeamFigure

    rows = log.store.query(
        "SELECT id FROM team_figures WHERE figure = ? AND _exists", [figure_id])
    with log.group():
        for row in rows:
            log.delete(TeamFigure, row["id"])
        log.delete(KeyFigure, figure_id)
    return len(rows)


def by_name(items: list[KeyFigure]) -> dict[str, KeyFigure]:
    """Figures by their name and starter key, case-insensitively (for imports and pastes)."""
    found: dict[str, KeyFigure] = {}
    for figure in items:
        found.setdefault(figure.name.casefold(), figure)
        if figure.key:
            found.setdefault(figure.key.casefold(), figure)
    return found
