"""The report's chart (issue 18): each part's centre line and limits written at its right end
in the report's language, and a target path drawn as a sloping line with its words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from core.db.store import Store
from core.db.undo import UndoLog
from core.i18n import Translator
from core.measures import entry as measures
from core.measures.signals import measure_status
from core.measures.targets import target_points, target_text
from core.project.projects import create_project
from core.reports.charts import chart_of
from core.reports.svg import run_chart_svg
from core.values.periods import period_end
from tests.core.reports.reports_parse import parse

VALUES = [9, 8, 10, 9, 11, 8, 9, 10, 9, 8, 4, 5, 3, 4, 5, 4, 3, 4, 5, 4, 3, 4]


def test_each_part_carries_its_values_and_a_target_path_slopes(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "x.db")
    project = create_project(store, "Delt")
    log = UndoLog(store)
    measure = measures.add_measure(log, project.id, name="Ventetid", unit="dage", target=3.0,
                                   target_start=9.0, target_from=dt.date(2026, 3, 1),
                                   target_by=dt.date(2026, 5, 1))
    for week, value in enumerate(VALUES, start=10):
        measures.add_measurement(log, measure, measures.Entry(f"2026-W{week:02d}", value=value))
    measures.add_annotation(log, measure, dt.date(2026, 5, 18), "Ny plan", split=True)
    status = measure_status(store, measure.id)
    da, en = Translator("da"), Translator("en")
    svg = run_chart_svg(chart_of(status, da), da)
    page = parse(f"<section id='measures'><figure>{svg}</figure></section>")
    parts = status.chart.parts
    assert len(parts) == 2
    values = page.find("text", "line-value")
    by_part = {(int(v.attrs["data-part"]), next(iter(v.classes - {"line-value"}))):
               float(v.attrs["data-value"]) for v in values}
    for part in parts:
        last = status.chart.points[part.end - 1]
        assert by_part[(part.number, "centre")] == part.centre
        assert by_part[(part.number, "ucl")] == last.ucl
        if last.lcl is not None:
            assert by_part[(part.number, "lcl")] == last.lcl
    [centre] = [v for v in values if v.attrs["data-part"] == "0" and "centre" in v.classes]
    assert centre.text == da.number(parts[0].centre, 1)  # the axis steps by whole days
    # the last part's values sit right of the plot, an earlier part's end at its last point
    assert {v.attrs["text-anchor"] for v in values if v.attrs["data-part"] == "1"} == {"start"}
    assert {v.attrs["text-anchor"] for v in values if v.attrs["data-part"] == "0"} == {"end"}
    # the target path: the target on each period's last day, from 9 to 3 days by 01-05-2026
    [path] = page.find("polyline", "target")
    expected = [status.measure.target_on(period_end(label, status.measure.frequency))
                for label in status.series.labels]
    assert [float(v) for v in path.attrs["data-values"].split()] == expected
    assert list(target_points(status.series) or ()) == expected
    assert 3.0 < expected[3] < expected[0] < 9.0 and expected[-1] == 3.0
    assert not page.find("line", "target")
    assert target_text(status.measure, da) == "fra 9 til 3 dage inden 01-05-2026"
    assert target_text(status.measure, en) == "from 9 to 3 dage by 01-05-2026"
    assert "Mål: fra 9 til 3 dage inden 01-05-2026" in svg
    store.close()


def test_a_flat_target_stays_one_line_and_its_words_are_the_value(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "x.db")
    project = create_project(store, "Flad")
    log = UndoLog(store)
    measure = measures.add_measure(log, project.id, name="Ventetid", unit="dage", target=5.0)
    for week, value in enumerate(VALUES, start=10):
        measures.add_measurement(log, measure, measures.Entry(f"2026-W{week:02d}", value=value))
    status = measure_status(store, measure.id)
    da = Translator("da")
    assert target_points(status.series) is None
    assert target_text(status.measure, da) == "5 dage"
    page = parse(run_chart_svg(chart_of(status, da), da))
    [line] = page.find("line", "target")
    assert float(line.attrs["data-value"]) == 5.0
    assert not page.find("polyline", "target")
    store.close()
