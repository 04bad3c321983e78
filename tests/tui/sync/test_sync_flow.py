"""Sync by file through the screens: export from one database, import into another, resolve a
conflict – all by keyboard, asserting on the database and on what the screens show."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import DataTable, Label, OptionList

from core.db import changelog
from core.db.store import Store
from core.demo.build import open_demo
from core.models import Action
from core.project import projects
from core.sync.conflicts import list_conflicts
from core.sync.exporter import export_scope
from core.sync.importer import apply_import
from tests.tui.conftest import DEMO_TODAY, make_app
from tui.app import TavleApp
from tui.dialogs.confirm import ConfirmDialog
from tui.project.project_list import ProjectListScreen
from tui.project.project_screen import ProjectScreen
from tui.screens.file_pick import FilePickDialog
from tui.sync.conflicts import ConflictsScreen
from tui.sync.export_project import ExportDialog
from tui.sync.import_preview import ImportPreviewScreen


@pytest.fixture
def export_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "Dokumenter"
    folder.mkdir()
    monkeypatch.setenv("TAVLE_EXPORT_DIR", str(folder))
    return folder


@pytest.fixture
def two_units(tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    """Jobcenter Nord with the demo project, and Sundhed with an empty database."""
    nord = open_demo(tmp_path / "nord.db", today=DEMO_TODAY)
    sundhed = Store.open(tmp_path / "sundhed.db")
    set_unit(sundhed, "Sundhed")
    nord.author, sundhed.author = "MH", "KB"
    yield nord, sundhed
    nord.close()
    sundhed.close()


def set_unit(store: Store, name: str) -> None:
    """Name the unit of a database (as the demo does)."""
    with store.transaction():
        store.execute("UPDATE sync_replica SET unit_name = ? WHERE id = 1", [name])


def subfolder(folder: Path, name: str) -> Path:
    """A folder beside the picker's, so the picker's folder holds only the file under test."""
    path = folder / name
    path.mkdir(exist_ok=True)
    return path


def notes(app: TavleApp) -> list[str]:
    return [note.message for note in app._notifications]


def live_actions(store: Store) -> dict[str, str]:
    return {row["id"]: row["responsible"]
            for row in store.query("SELECT id, responsible FROM actions WHERE _exists = 1")}


def counts_table(app: TavleApp) -> dict[str, list[str]]:
    table = app.screen.query_one("#preview-counts", DataTable)
    rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
    return {row[0]: row[1:] for row in rows}


async def wait(app: TavleApp, pilot: object) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


async def test_export_import_and_resolve_a_conflict_by_keyboard(
    two_units: tuple[Store, Store], export_folder: Path
) -> None:
    nord, sundhed = two_units
    [project] = projects.list_projects(nord, today=DEMO_TODAY)

    # Jobcenter Nord exports the project from its project screen.
    app = make_app(nord)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        [file] = export_folder.glob("*.tavle")
        assert file.name.startswith("Tavle_Hurtigere-afklaring")
        assert "Jobcenter-Nord" in file.name
        [saved] = [n for n in notes(app) if n.startswith("Gemt:")]
        assert str(file) in saved and "ændringer" in saved

    # Sundhed imports it from its project list: picker, preview, Enter.
    app = make_app(sundhed)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, FilePickDialog)
        table = app.screen.query_one("#pick-files", DataTable)
        assert str(table.get_cell_at((0, 0))).startswith("Tavle_Hurtigere")
        await pilot.press("enter")
        await wait(app, pilot)
        assert isinstance(app.screen, ImportPreviewScreen)
        state = str(app.screen.query_one("#preview-state", Label).render())
        assert "Importen tilføjer" in state
        facts = str(app.screen.query_one("#preview-facts", Label).render())
        assert "Fra: Jobcenter Nord" in facts
        assert f"Projekt: {project.name}" in facts
        assert "fuld eksport" in facts
        counts = counts_table(app)
        assert counts["Handlinger"] == [str(len(live_actions(nord))), "0", "0", "0"]
        assert counts["Projekter"] == ["1", "0", "0", "0"]
        assert projects.list_projects(sundhed, today=DEMO_TODAY) == []  # the preview wrote nothing
        await pilot.press("enter")
        await wait(app, pilot)
        assert isinstance(app.screen, ProjectListScreen)
        assert any(n.startswith("Importeret:") and "Jobcenter Nord" in n for n in notes(app))
        [imported] = projects.list_projects(sundhed, today=DEMO_TODAY)
        assert imported.name == project.name
        assert live_actions(sundhed) == live_actions(nord)
        table = app.screen.query_one("#projects", DataTable)
        assert str(table.get_cell_at((0, 0))) == project.name

        # The same file again: already imported, nothing to confirm.
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("enter")
        await wait(app, pilot)
        state = str(app.screen.query_one("#preview-state", Label).render())
        assert "Allerede importeret" in state
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ImportPreviewScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProjectListScreen)

    # Both units change the same action's responsible without seeing each other's change.
    action_id = sorted(live_actions(nord))[0]
    with nord.transaction():
        changelog.update(nord, Action, action_id, responsible="Lene Krogh")
    with sundhed.transaction():
        changelog.update(sundhed, Action, action_id, responsible="Karen Bach")
    from_nord = export_scope(nord, project.id, folder=subfolder(export_folder, "nord"))
    apply_import(sundhed, from_nord.path)
    [conflict] = list_conflicts(sundhed, project.id)
    assert conflict.field == "responsible"
    shown = conflict.shown.value if conflict.shown else None
    other = conflict.others[0].value

    app = make_app(sundhed)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#projects", DataTable)
        assert str(table.get_cell_at((0, 4))) == "1"  # the Konflikter column
        await pilot.press("enter")
        await pilot.pause()
        assert "Konflikter: 1" in app.screen.sub_title
        await pilot.press("K")
        await pilot.pause()
        assert isinstance(app.screen, ConflictsScreen)
        listing = app.screen.query_one("#conflict-list", OptionList)
        summary = str(listing.get_option_at_index(0).prompt)
        assert "Ansvarlig" in summary and str(shown) in summary
        values = app.screen.query_one("#conflict-values", OptionList)
        assert values.option_count == 2
        assert str(other) in str(values.get_option_at_index(1).prompt)
        await pilot.press("2")
        await pilot.pause()
        assert list_conflicts(sundhed, project.id) == []
        assert live_actions(sundhed)[action_id] == other
        assert app.screen.query_one("#conflicts-empty", Label).display
        assert "Ingen konflikter" in str(app.screen.query_one("#conflicts-empty", Label).render())
        assert any(f"Valgt: »{other}«" in n for n in notes(app))
        await pilot.press("escape")
        await pilot.pause()
        assert "Konflikter" not in app.screen.sub_title


async def test_a_large_deletion_is_confirmed_twice(
    two_units: tuple[Store, Store], export_folder: Path
) -> None:
    nord, sundhed = two_units
    [project] = projects.list_projects(nord, today=DEMO_TODAY)
    full = export_scope(nord, project.id, folder=subfolder(export_folder, "full"))
    apply_import(sundhed, full.path)
    doomed = sorted(live_actions(nord))[:12]
    with nord.transaction():
        for action_id in doomed:
            changelog.delete(nord, Action, action_id)
    export_scope(nord, project.id, folder=export_folder)
    before = len(live_actions(sundhed))

    app = make_app(sundhed)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("enter")
        await wait(app, pilot)
        assert counts_table(app)["Handlinger"][2] == "12"
        warnings = str(app.screen.query_one("#preview-warnings", Label).render())
        assert "12" in warnings
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        question = str(app.screen.query_one(".dialog-question", Label).render())
        assert "sletter 12 poster" in question
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ImportPreviewScreen)
        assert len(live_actions(sundhed)) == before
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await wait(app, pilot)
        assert isinstance(app.screen, ProjectListScreen)
        assert len(live_actions(sundhed)) == before - 12


async def test_a_file_that_is_not_a_tavle_file_is_refused_on_the_screen(
    empty_store: Store, export_folder: Path
) -> None:
    (export_folder / "noter.tavle").write_text("Møde med styregruppen\n")
    app = make_app(empty_store)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("enter")
        await wait(app, pilot)
        assert isinstance(app.screen, ImportPreviewScreen)
        state = str(app.screen.query_one("#preview-state", Label).render())
        assert "ikke en Tavle-fil" in state and "Intet er ændret" in state
        await pilot.press("enter")  # nothing to import
        await pilot.pause()
        assert isinstance(app.screen, ImportPreviewScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProjectListScreen)
        assert app.is_running


async def test_the_file_picker_moves_through_folders_by_keyboard(
    empty_store: Store, export_folder: Path
) -> None:
    inner = export_folder / "Fra Sundhed"
    inner.mkdir()
    (inner / "gammel.tavle").write_bytes(b"x" * 2500)
    (inner / "ny.tavle").write_bytes(b"y")
    (inner / "andet.txt").write_text("ikke med")
    app = make_app(empty_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FilePickDialog)
        table = dialog.query_one("#pick-files", DataTable)
        # no .tavle files here: the folder above, then the folder
        assert dialog.query_one("#pick-empty", Label).display
        assert [str(table.get_cell_at((i, 0))) for i in range(table.row_count)] == [
            ".. (mappen over)", "Fra Sundhed/",
        ]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert dialog.folder == inner
        names = [str(table.get_cell_at((i, 0))) for i in range(table.row_count)]
        assert set(names[:2]) == {"gammel.tavle", "ny.tavle"}
        assert "andet.txt" not in names
        assert str(table.get_cell_at((names.index("gammel.tavle"), 2))) == "2,5 kB"
        await pilot.press("backspace")
        await pilot.pause()
        assert dialog.folder == export_folder
        # a typed path: Tab to the path field, type, Enter
        await pilot.press("tab")
        box = dialog.query_one("#pick-path")
        box.value = ""  # type: ignore[attr-defined]
        await pilot.press(*str(inner / "ny.tavle"), "enter")
        await wait(app, pilot)
        assert isinstance(app.screen, ImportPreviewScreen)
        assert app.screen.path == inner / "ny.tavle"


async def test_hostile_names_travel_and_render_literally(
    tmp_path: Path, export_folder: Path
) -> None:
    name, unit = "[/x]", "[@click=app.quit]x[/]"
    sender = Store.open(tmp_path / "sender.db")
    set_unit(sender, unit)
    project = projects.create_project(sender, name, unit=unit, leader=name)
    with sender.transaction():
        changelog.create(sender, changelog.build(
            Action, project_id=project.id, change=unit, responsible=name, order="0010"))
    export_scope(sender, project.id, folder=export_folder)
    receiver = Store.open(tmp_path / "receiver.db")
    app = make_app(receiver)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("enter")
        await wait(app, pilot)
        facts = str(app.screen.query_one("#preview-facts", Label).render())
        assert f"Fra: {unit}" in facts
        assert f"Projekt: {name}" in facts
        await pilot.press("enter")
        await wait(app, pilot)
        assert app.is_running
        assert isinstance(app.screen, ProjectListScreen)
        table = app.screen.query_one("#projects", DataTable)
        assert str(table.get_cell_at((0, 0))) == name
        assert name in table.render_line(1).text
        assert any(unit in n for n in notes(app))
    sender.close()
    receiver.close()



async def test_a_file_whose_names_hold_terminal_escapes_is_refused_on_the_screen(
    tmp_path: Path, export_folder: Path
) -> None:
    """A manifest edited to name the unit and project with escapes (clear screen, window title,
    C1 CSI, RLO): the preview refuses the file, shows none of it, and nothing is imported."""
    hostile = "Nord\x1b[2J\x1b]0;Opdatering\x07\x9b2J\u202eeslaf"
    sender = Store.open(tmp_path / "sender.db")
    project = projects.create_project(sender, "Sygefravær")
    sent = export_scope(sender, project.id, folder=tmp_path).path
    sender.close()
    with zipfile.ZipFile(sent) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    manifest = json.loads(members["manifest.json"])
    manifest["sender"]["unit"] = hostile
    manifest["scopes"][0]["name"] = f"Sygefravær {hostile}"
    members["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(export_folder / sent.name, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    receiver = Store.open(tmp_path / "receiver.db")
    app = make_app(receiver)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("enter")
        await wait(app, pilot)
        assert isinstance(app.screen, ImportPreviewScreen)
        state = str(app.screen.query_one("#preview-state", Label).render())
        assert "skjulte kontroltegn" in state and "Intet er ændret" in state
        assert "Nord" not in state and "\x1b" not in state
        assert not app.screen.query_one("#preview-facts", Label).display
        await pilot.press("enter")  # nothing to import
        await pilot.pause()
        assert isinstance(app.screen, ImportPreviewScreen)
    assert receiver.query("SELECT COUNT(*) AS n FROM projects")[0]["n"] == 0
    assert receiver.query("SELECT COUNT(*) AS n FROM sync_change")[0]["n"] == 0
    receiver.close()
