"""Funnel plots across projects: a proportion or rate measure that several projects (the units
of a learning network, typically) keep under the same name, compared in one period with
`core.teams.funnel` – each project's numerator and denominator of that period, named by its
unit (or the project's name when it has none).

A measure is shared when at least two live projects that are not archived have a measure of
that name (ignoring case) of kind proportion or rate, entered as numerator and denominator per
period. The rates are shown times the first such measure's multiplier (100: per cent).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from core.db.store import Store
from core.models import Direction, MeasureKind
from core.teams.funnel import Funnel, Shown, UnitInput, funnel

_SHARED_SQL = (
    "SELECT m.id, m.project_id, m.name, m.kind, m.better, m.multiply, COALESCE(m.unit, '') AS "
    "unit, COALESCE(NULLIF(p.unit, ''), p.name) AS unit_name FROM measures m "
    "JOIN projects p ON p.id = m.project_id WHERE m._exists AND p._exists AND NOT p.archived "
    "AND m.kind IN ('proportion', 'rate') AND COALESCE(m.entry, 'period') = 'period' "
    "ORDER BY p.name COLLATE NOCASE, p.id")


@dataclass(frozen=True)
class SharedMeasure:
    """A measure kept by several projects under one name."""

    name: str
    kind: MeasureKind
    better: Direction
    shown: Shown
    measures: tuple[tuple[str, str], ...]
    """(measure id, unit name) of each project's measure, in the projects' order."""

    @property
    def key(self) -> str:
        return self.name.casefold()


def shared_measures(store: Store) -> list[SharedMeasure]:
    """Every proportion or rate measure at least two projects keep, by name."""
    groups: dict[str, list[dict[str, object]]] = defaultdict(list)
    for row in store.query(_SHARED_SQL):
        groups[str(row["name"]).strip().casefold()].append(dict(row))
    found = []
    for rows in groups.values():
        if len({r["project_id"] for r in rows}) < 2:
            continue
        first = rows[0]
        multiply = float(str(first["multiply"] or 1.0))
        shown = Shown(multiply, "%" if multiply == 100 else str(first["unit"]))
        found.append(SharedMeasure(
            str(first["name"]), MeasureKind(str(first["kind"])), Direction(str(first["better"])),
            shown, tuple((str(r["id"]), str(r["unit_name"])) for r in rows)))
    return sorted(found, key=lambda s: s.key)


def shared_periods(store: Store, shared: SharedMeasure) -> list[str]:
    """The periods in which any of the projects has a numerator and denominator, in order."""
    ids = [measure_id for measure_id, _ in shared.measures]
    marks = ",".join("?" * len(ids))
    rows = store.query(
        f"SELECT DISTINCT period FROM measurements WHERE _exists AND measure_id IN ({marks}) "
        "AND denominator IS NOT NULL ORDER BY period", ids)
    return [r["period"] for r in rows]


def shared_funnel(store: Store, shared: SharedMeasure, period: str) -> Funnel:
    """The funnel of the shared measure in `period`; a project without numerator and
    denominator that period is left out and named."""
    ids = [measure_id for measure_id, _ in shared.measures]
    marks = ",".join("?" * len(ids))
    found = {r["measure_id"]: (r["numerator"], r["denominator"]) for r in store.query(
        f"SELECT measure_id, numerator, denominator FROM measurements WHERE _exists "
        f"AND period = ? AND measure_id IN ({marks})", [period, *ids])}
    units = [UnitInput(measure_id, name, *found.get(measure_id, (None, None)))
             for measure_id, name in shared.measures]
    return funnel(units, shared.kind, shared.better)
