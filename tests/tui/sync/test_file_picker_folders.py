"""The file picker opens filtered to what the import reads and starts in the real Downloads
folder (platformdirs', also where Windows moves it to OneDrive), with Documents (`d`) and the
folder last picked from (`l`, remembered per kind of file) one key away; a table import (the
action plan's) opens through it."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
import pytest
from textual.widgets import DataTable, Label

from core.db.store import Store
from core.paths import last_folder, remember_folder
from tests.tui.conftest import make_app
from tui.app import TavleApp
from tui.plan.action_plan import ActionPlanScreen
from tui.plan.plan_import import PlanImportDialog
from tui.screens.file_pick import TABLE_SUFFIXES, FilePickDialog

CSV = "Ændring/opgave;Ansvarlig;Deadline;Status\r\nRing til borgeren;Ib;17-08-2026;I gang\r\n"


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Downloads and Documents as platformdirs gives them, in `tmp_path`."""
    downloads, documents = tmp_path / "OneDrive" / "Overførsler", tmp_path / "Dokumenter"
    downloads.mkdir(parents=True)
    documents.mkdir()
    monkeypatch.delenv("TAVLE_DOWNLOADS_DIR", raising=False)
    monkeypatch.delenv("TAVLE_EXPORT_DIR", raising=False)
    monkeypatch.setattr(platformdirs, "user_downloads_path", lambda: downloads)
    monkeypatch.setattr(platformdirs, "user_documents_path", lambda: documents)
    return downloads, documents


def _names(app: TavleApp) -> list[str]:
    table = app.screen.query_one("#pick-files", DataTable)
    return [str(table.get_cell_at((i, 0))) for i in range(table.row_count)]


async def test_a_table_picker_starts_in_downloads_filtered_to_tables(
    empty_store: Store, folders: tuple[Path, Path]
) -> None:
    downloads, documents = folders
    for name in ("tal.csv", "Tal.XLSX", "noter.txt", "projekt.tavle", "billede.png"):
        (downloads / name).write_text("x")
    os.utime(downloads / "tal.csv", (1_700_000_000, 1_700_000_000))
    (downloads / "Gammelt").mkdir()
    (documents / "plan.csv").write_text("x")
    app = make_app(empty_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        picker = FilePickDialog("Vælg", suffixes=TABLE_SUFFIXES, kind="table")
        app.push_screen(picker)
        await pilot.pause()
        assert picker.folder == downloads
        names = _names(app)
        assert set(names[:3]) == {"Tal.XLSX", "noter.txt", "tal.csv"} and names[2] == "tal.csv"
        assert names[3:] == [".. (mappen over)", "Gammelt/"]
        await pilot.press("d")
        await pilot.pause()
        assert picker.folder == documents and _names(app)[0] == "plan.csv"
        await pilot.press("o")
        await pilot.pause()
        assert picker.folder == downloads
        # nothing picked from a folder yet: l stays here
        await pilot.press("l")
        await pilot.pause()
        assert picker.folder == downloads


async def test_a_tavle_picker_lists_tavle_files_only_and_says_so(
    empty_store: Store, folders: tuple[Path, Path]
) -> None:
    downloads, _documents = folders
    (downloads / "tal.csv").write_text("x")
    app = make_app(empty_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("m")  # the project list's import
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, FilePickDialog) and picker.folder == downloads
        assert _names(app) == [".. (mappen over)"]
        empty = str(picker.query_one("#pick-empty", Label).render())
        assert empty.startswith("Ingen .tavle-filer i denne mappe")


async def test_the_last_folder_is_one_key_away_and_kept_per_kind(
    empty_store: Store, folders: tuple[Path, Path], tmp_path: Path
) -> None:
    _downloads, documents = folders
    elsewhere = tmp_path / "Fra økonomi"
    elsewhere.mkdir()
    (elsewhere / "tal.csv").write_text("x")
    remember_folder("tavle", documents)
    app = make_app(empty_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        picked: list[Path | None] = []
        app.push_screen(FilePickDialog("Vælg", suffixes=TABLE_SUFFIXES, kind="table",
                                       start=elsewhere), picked.append)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert picked == [elsewhere / "tal.csv"]
        assert last_folder("table") == elsewhere and last_folder("tavle") == documents
        picker = FilePickDialog("Vælg", suffixes=TABLE_SUFFIXES, kind="table")
        app.push_screen(picker)
        await pilot.pause()
        assert picker.folder != elsewhere
        await pilot.press("l")
        await pilot.pause()
        assert picker.folder == elsewhere and _names(app)[0] == "tal.csv"


async def test_the_action_plan_imports_a_csv_picked_from_downloads(
    demo_store: Store, folders: tuple[Path, Path]
) -> None:
    downloads, _documents = folders
    (downloads / "fra mødet.csv").write_bytes(CSV.encode("utf-8-sig"))
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "h")  # the demo project's action plan
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ActionPlanScreen)
        rows = screen.query_one("#plan", DataTable).row_count
        await pilot.press("ctrl+o")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, FilePickDialog) and picker.folder == downloads
        assert _names(app)[0] == "fra mødet.csv"
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PlanImportDialog)
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one("#plan", DataTable).row_count == rows + 1
        assert last_folder("table") == downloads
