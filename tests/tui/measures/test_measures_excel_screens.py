"""A measure's values to Excel by keyboard (issue 20): ctrl+e on the measure's screen writes its
points with the chart's limits, ctrl+e on the overview every measure in one long table, and
ctrl+o reads a file's values into the paste preview."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Label

from core.db.store import Store
from core.db.undo import UndoLog
from core.measures import entry as measures
from core.measures.signals import load_series, measure_status
from core.models import Measure, MeasureKind
from core.project import projects
from core.values.periods import next_period
from core.values.sheets import read_sheets
from tests.tui.conftest import make_app
from tui.bindings import tavle_bindings
from tui.dialogs.pick import PickDialog
from tui.measures.measure import MeasureScreen
from tui.measures.measure_paste import PasteDialog
from tui.measures.overview import MeasuresScreen
from tui.screens.file_pick import TABLE_SUFFIXES, FilePickDialog

TIMES = [20.0, 22, 21, 23, 20, 22, 21, 23, 22, 21, 40, 21, 22, 20, 23, 21, 22, 20]


def _measure(store: Store, values: list[float], name: str = "Ventetid") -> Measure:
    project = projects.create_project(store, "Excel")
    log = UndoLog(store)
    measure = measures.add_measure(log, project.id, name=name, kind=MeasureKind.TIME,
                                   unit="dage", chart="i")
    period, entries = "2026-W01", []
    for value in values:
        entries.append(measures.Entry(period, value=value))
        period = next_period(period, measure.frequency)
    measures.apply_paste(log, measure, entries)
    return measure


async def test_ctrl_e_writes_the_measure_with_its_limits(
        empty_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TAVLE_EXPORT_DIR", str(tmp_path))
    measure = _measure(empty_store, TIMES)
    app = make_app(empty_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(MeasureScreen(measure.project_id, measure.id))
        await pilot.pause()
        screen = app.screen
        named = {binding.description: keys for _, binding, keys in tavle_bindings(screen)}
        assert named["Eksportér til Excel"] == ["^e"]
        assert named["Indlæs værdier fra en fil"] == ["^o"]
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, PickDialog)
        await pilot.press("enter")  # xlsx, offered first
        await pilot.pause()
        [workbook] = list(tmp_path.glob("Ventetid - Excel - *.xlsx"))
        assert "2026-11-24" in workbook.name  # the app's day, not the machine's
        [sheet] = read_sheets(workbook)
        assert sheet.name == "Ventetid"
        header, *rows = sheet.rows
        assert header[:2] == ["Periode", "Værdi"] and header[5:7] == ["Nedre grænse",
                                                                       "Øvre grænse"]
        assert [row[1] for row in rows] == TIMES and all(isinstance(r[1], float) for r in rows)
        chart = measure_status(empty_store, measure.id).chart
        for row, point in zip(rows, chart.points, strict=True):
            assert isinstance(row[5], float) and isinstance(row[6], float)
            assert row[5] == pytest.approx(point.lcl) and row[6] == pytest.approx(point.ucl)
        assert rows[10][7] == "Uden for grænserne"


async def test_ctrl_e_on_the_overview_writes_every_measure(
        empty_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TAVLE_EXPORT_DIR", str(tmp_path))
    measure = _measure(empty_store, TIMES)
    measures.add_measure(UndoLog(empty_store), measure.project_id, name="Fald",
                         kind=MeasureKind.COUNT)
    app = make_app(empty_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(MeasuresScreen(measure.project_id))
        await pilot.pause()
        await pilot.press("ctrl+e", "down", "enter")  # CSV this time
        await pilot.pause()
        [exported] = list(tmp_path.glob("Målinger - Excel - *.csv"))
        [sheet] = read_sheets(exported)
        assert sheet.rows[0][:3] == ["Måling", "Enhed", "Periode"]
        assert len(sheet.rows) == 1 + len(TIMES)


async def test_ctrl_o_reads_a_files_values_into_the_paste_preview(
        empty_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TAVLE_EXPORT_DIR", str(tmp_path))
    source = _measure(empty_store, TIMES[:6])
    target = measures.add_measure(UndoLog(empty_store), source.project_id, name="Kopi",
                                  kind=MeasureKind.TIME, unit="dage")
    app = make_app(empty_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(MeasureScreen(source.project_id, source.id))
        await pilot.pause()
        await pilot.press("ctrl+e", "enter")
        await pilot.pause()
        [workbook] = list(tmp_path.glob("Ventetid - *.xlsx"))
        app.pop_screen()
        app.push_screen(MeasureScreen(target.project_id, target.id))
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, FilePickDialog) and picker.suffixes == TABLE_SUFFIXES
        await pilot.press("slash")
        picker.query_one("#pick-path", Input).value = str(workbook)
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PasteDialog)
        await pilot.press("ctrl+s")
        await pilot.pause()
        preview = str(dialog.query_one("#paste-preview", Label).render())
        assert "6 linjer kan gemmes, 0 kan ikke" in preview
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeasureScreen)
        assert [p.value for p in load_series(empty_store, target.id).points] == TIMES[:6]
