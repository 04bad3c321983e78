"""Writing a report from the project screen by keyboard: r, the dialog, Enter; the file is in
the documents folder and the notification says where. The dialog opens on the report that fits
the project's phase, and the arrows choose another. The CPR guard stands in between."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import Input, Label, OptionList

from core.db.store import Store
from core.project import charter, phase_work, projects
from core.sync import cpr_guard
from tests.core.reports.reports_parse import parse
from tests.tui.conftest import DEMO_TODAY, demo_signals, make_app
from tui.app import TavleApp
from tui.dialogs.cpr_guard import CprGuardDialog
from tui.project.project_screen import ProjectScreen
from tui.reports.report_dialog import ReportDialog


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "Dokumenter"
    folder.mkdir()
    monkeypatch.setenv("TAVLE_EXPORT_DIR", str(folder))
    return folder


def notes(app: TavleApp) -> list[str]:
    return [note.message for note in app._notifications]


async def open_dialog(app: TavleApp, pilot: object) -> ReportDialog:
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, ProjectScreen)
    await pilot.press("r")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, ReportDialog)
    return app.screen


async def test_r_then_enter_writes_the_status_report(demo_store: Store, docs: Path) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(app, pilot)
        assert "Hurtigere afklaring" in str(dialog.query_one(".dialog-title", Label).content)
        kinds = dialog.query_one("#field-kind", OptionList)
        assert kinds.has_focus and kinds.highlighted == 0  # the status report, in phase 5
        assert dialog.query_one(".choice-fields").scroll_y == 0  # the label above the kinds shows
        assert dialog.query_one("#field-folder", Input).value == str(docs)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        [path] = docs.iterdir()
        assert path.name.startswith("Statusrapport_Hurtigere-afklaring-af-sygemeldte-borgere_")
        assert path.suffix == ".html"
        assert f"Rapporten er gemt: {path}" in notes(app)
        page = parse(path.read_text("utf-8"))
        assert page.section_ids()[-1] == "asks"
        charts = page.find("svg", "run-chart")
        assert len(charts) == demo_signals(demo_store)[0]  # a chart per measure


async def test_closing_as_markdown_from_a_date_by_keyboard(demo_store: Store, docs: Path
                                                           ) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dialog(app, pilot)
        await pilot.press("down")  # the closing report
        await pilot.press("tab", "enter", "down", "enter")  # Markdown
        await pilot.press("tab", *"31-02-2026", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReportDialog)
        assert "Datoen »31-02-2026« findes ikke" in str(
            app.screen.query_one("#form-error", Label).content)
        assert not list(docs.iterdir())
        await pilot.press("ctrl+u", *"01-10-2026", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        [path] = docs.iterdir()
        assert path.name.startswith("Afslutningsrapport_") and path.suffix == ".md"
        text = path.read_text("utf-8")
        assert text.startswith("# Afslutningsrapport\n")
        assert "## Resultater mod resultatmålene" in text


async def test_a_missing_folder_keeps_the_dialog_open(demo_store: Store, docs: Path) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(app, pilot)
        await pilot.press("shift+tab")  # to the folder
        await pilot.press("ctrl+u", *str(docs / "findes-ikke"), "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReportDialog)
        assert "findes ikke" in str(app.screen.query_one("#form-error", Label).content)
        assert not list(docs.iterdir())


async def test_a_cpr_number_in_the_charter_stops_the_report_until_a_reason(
    empty_store: Store, docs: Path
) -> None:
    project = projects.create_project(empty_store, "Sygedagpenge [/x]")
    charter.save_texts(empty_store, project.id, {"purpose": "Som for 010190-1234 [/x]"})
    empty_store.author = "KF"
    app = make_app(empty_store, initials="KF")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CprGuardDialog)
        assert not list(docs.iterdir())
        await pilot.press("ctrl+s", *"Opdigtet eksempel", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        [path] = docs.iterdir()
        [entry] = cpr_guard.guard_entries(empty_store)
        assert (entry.what, entry.target, entry.hits, entry.reason) == (
            "report", path.name, 1, "Opdigtet eksempel")
        assert "Sygedagpenge [/x]" in path.read_text("utf-8")


def written(docs: Path) -> str:
    [path] = docs.iterdir()
    return path.name


async def test_in_the_test_phase_enter_writes_the_status_and_one_arrow_the_closing_report(
    demo_store: Store, docs: Path
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        assert written(docs).startswith("Statusrapport_")
        for path in docs.iterdir():
            path.unlink()
        await pilot.press("r", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        assert written(docs).startswith("Afslutningsrapport_")


async def test_in_phase_6_enter_writes_the_closing_and_one_arrow_the_status_report(
    demo_store: Store, docs: Path
) -> None:
    (project_id,) = [row["id"] for row in demo_store.query(
        "SELECT id FROM projects WHERE _exists")]
    phase_work.move_to_phase(demo_store, project_id, 6, by="MH", now=dt.datetime.combine(
        DEMO_TODAY, dt.time(9), tzinfo=dt.UTC))
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(app, pilot)
        kinds = dialog.query_one("#field-kind", OptionList)
        assert kinds.has_focus and kinds.highlighted == 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        assert written(docs).startswith("Afslutningsrapport_")
        for path in docs.iterdir():
            path.unlink()
        await pilot.press("r", "up", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        assert written(docs).startswith("Statusrapport_")
