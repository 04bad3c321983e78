"""The overview's reads of a project's measures: their names, and how many data points a
measure holds (what the question before a delete counts)."""

from __future__ import annotations

from core.db.store import Store
from core.db.undo import UndoLog
from core.measures import entry as measures
from core.measures.signals import measure_names
from core.models import MeasureKind
from core.project import projects


def test_names_are_the_projects_live_measures_by_id(store: Store, log: UndoLog) -> None:
    project = projects.create_project(store, "Hjemmepleje")
    other = projects.create_project(store, "Borgerservice")
    wait = measures.add_measure(log, project.id, name="Ventetid", kind=MeasureKind.TIME)
    calls = measures.add_measure(log, project.id, name="Opkald", kind=MeasureKind.COUNT)
    gone = measures.add_measure(log, project.id, name="Klager", kind=MeasureKind.COUNT)
    measures.add_measure(log, other.id, name="Ekspeditioner", kind=MeasureKind.COUNT)
    measures.delete_measure(log, gone.id)
    assert measure_names(store, project.id) == {wait.id: "Ventetid", calls.id: "Opkald"}
    assert measure_names(store, projects.create_project(store, "Tom").id) == {}


def test_measurement_count_is_the_measures_live_points(store: Store, log: UndoLog) -> None:
    project = projects.create_project(store, "Hjemmepleje")
    wait = measures.add_measure(log, project.id, name="Ventetid", kind=MeasureKind.TIME)
    calls = measures.add_measure(log, project.id, name="Opkald", kind=MeasureKind.COUNT)
    assert measures.measurement_count(store, wait.id) == 0
    points = [measures.add_measurement(log, wait, measures.read_entry(wait, period, value=v))
              for period, v in (("2026-W45", "12"), ("2026-W46", "10,5"), ("2026-W47", "9"))]
    measures.add_measurement(log, calls, measures.read_entry(calls, "2026-W47", value="40"))
    assert measures.measurement_count(store, wait.id) == 3
    measures.delete_measurement(log, points[0].id)
    assert measures.measurement_count(store, wait.id) == 2
    log.undo()
    assert measures.measurement_count(store, wait.id) == 3
    measures.delete_measure(log, wait.id)
    assert measures.measurement_count(store, wait.id) == 0
    assert measures.measurement_count(store, calls.id) == 1
