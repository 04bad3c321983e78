"""The shared folder through the screens (issue 25): F on a project, the status of the other
units, sync now, start-up sync, files waiting for review, the CPR guard's stop, writing when
the user leaves a project and when the app quits, an unreachable folder, and F typed in a
field. Two or three real databases share a folder in tmp_path; the other units write with
`core.sync.folder.write_own` as their Tavle would."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Label

from core.db import changelog
from core.db.store import Store
from core.models import Action
from core.project import projects
from core.sync.exporter import export_scope
from core.sync.folder import pending, scan_folder, set_shared_folder, write_own
from core.sync.importer import apply_import
from core.sync.vectors import own_replicas
from tests.tui.conftest import make_app, screen_text
from tui.app import TavleApp
from tui.dialogs.cpr_guard import CprGuardDialog
from tui.project.project_list import ProjectListScreen
from tui.project.project_screen import ProjectScreen
from tui.sync.batch_import import BatchImportScreen
from tui.sync.folder_pick import FolderPickDialog
from tui.sync.shared_folder import SharedFolderDialog

CPR_NOTE = "Borger 010190-1234 ringede"


def _unit(tmp_path: Path, name: str) -> Store:
    store = Store.open(tmp_path / f"{name}.db", fingerprint=name)
    with store.transaction():
        store.execute("UPDATE sync_replica SET unit_name = ?", [name])
    store.author = name[:3].upper()
    return store


def _send(source: Store, target: Store, scope: str, folder: Path) -> None:
    apply_import(target, export_scope(source, scope, full=True, folder=folder).path)


def _add_action(store: Store, project_id: str, text: str) -> str:
    with store.transaction():
        return changelog.create(store, Action(project_id=project_id, change=text)).id


@pytest.fixture
def units(tmp_path: Path) -> Iterator[tuple[Store, Store, str, Path]]:
    """Jobcenter Nord (this PC) and Sundhed share a project; a shared folder neither uses yet."""
    mail = tmp_path / "mail"
    mail.mkdir()
    nord, sundhed = _unit(tmp_path, "Jobcenter Nord"), _unit(tmp_path, "Sundhed")
    project = projects.create_project(nord, "Sygefravær", unit="Jobcenter Nord")
    _add_action(nord, project.id, "Ring til borgeren")
    _send(nord, sundhed, project.id, mail)
    _send(sundhed, nord, project.id, mail)
    shared = tmp_path / "Fælles"
    shared.mkdir()
    yield nord, sundhed, project.id, shared
    nord.close()
    sundhed.close()


def _own_files(store: Store, folder: Path) -> list[Path]:
    own = own_replicas(store)
    return [entry.path for entry in scan_folder(folder).entries if entry.sender in own]


def _messages(app: TavleApp) -> list[tuple[str, str]]:
    return [(str(n.message), n.severity) for n in app._notifications]


async def _open_folder_dialog(app: TavleApp, pilot, project_id: str) -> SharedFolderDialog:  # type: ignore[no-untyped-def]
    app.open_project(project_id)
    await pilot.pause()
    await pilot.press("F")
    await _started(app, pilot)  # the dialog lists the folder in a thread
    assert isinstance(app.screen, SharedFolderDialog)
    return app.screen


async def _started(app: TavleApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until the folders listed in a thread are synced (start-up, F5, `s`, the dialog)."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_f_opens_the_shared_folder_whole_at_both_sizes(units, size) -> None:  # type: ignore[no-untyped-def]
    nord, sundhed, project_id, shared = units
    set_shared_folder(sundhed, project_id, shared)
    _add_action(sundhed, project_id, "Tal med lægen")
    write_own(sundhed, project_id)
    set_shared_folder(nord, project_id, shared)
    app = make_app(nord)
    async with app.run_test(size=size) as pilot:
        await _open_folder_dialog(app, pilot, project_id)
        text = screen_text(app)
        assert "Fælles mappe" in text
        assert "Vi skrev sidst: " in text
        assert str(shared) in "".join(line.strip() for line in text.split("\n"))  # wrapped
        assert "De andre enheder" in text
        assert "Sundhed" in text and "har set alt" in text
        footer = text.split("\n")[-1]
        assert "s Synkroniser nu" in footer and "Kommandoer" in footer
        await pilot.press("escape")
        assert isinstance(app.screen, ProjectScreen)


async def test_choose_a_folder_and_sync_writes_our_file_and_shows_the_other_unit(
        units) -> None:  # type: ignore[no-untyped-def]
    nord, sundhed, project_id, shared = units
    set_shared_folder(sundhed, project_id, shared)
    _add_action(sundhed, project_id, "Tal med lægen")
    write_own(sundhed, project_id)
    app = make_app(nord)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await _open_folder_dialog(app, pilot, project_id)
        assert "Der er ikke valgt en fælles mappe. Tryk v" in screen_text(app)
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, FolderPickDialog)
        empty = shared.parent / "ny-mappe"
        empty.mkdir()
        app.screen.show_folder(empty)
        await pilot.pause()
        assert "fint for en ny fælles mappe" in screen_text(app)  # not "open the files' folder"
        app.screen.dismiss(shared)
        await pilot.pause()
        assert app.screen is dialog
        assert f"Mappe: {shared}" in screen_text(app)
        await pilot.press("s")
        await _started(app, pilot)  # listed in a thread, then synced
        assert len(_own_files(nord, shared)) == 1
        messages = [text for text, _ in _messages(app)]
        assert "Fra den fælles mappe: 1 ændring fra Sundhed" in messages
        assert any(m.startswith("Skrevet til den fælles mappe: ") for m in messages)
        table = dialog.query_one("#folder-units", DataTable)
        assert str(table.get_row_at(0)[0]) == "Sundhed"
        assert "Sundhed" in screen_text(app)
        assert nord.execute("SELECT COUNT(*) FROM actions WHERE change = 'Tal med lægen'"
                            ).fetchone()[0] == 1
        # Sundhed reads ours and acknowledges: now it has seen everything of ours
        write_own(sundhed, project_id)
        from core.sync.folder import read_others

        read_others(sundhed, project_id)
        write_own(sundhed, project_id)
        await pilot.press("s")
        await _started(app, pilot)  # listed in a thread, then synced
        assert "har set alt" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        line = str(app.screen.query_one("#folder-line", Label).render())
        assert line.startswith("Fælles mappe: Sundhed har set alt · skrevet ")


async def test_start_up_sync_imports_a_clean_file_silently_and_says_so(units) -> None:  # type: ignore[no-untyped-def]
    nord, sundhed, project_id, shared = units
    for store in (nord, sundhed):
        set_shared_folder(store, project_id, shared)
    _add_action(sundhed, project_id, "Tal med lægen")
    _add_action(sundhed, project_id, "Skriv til borgeren")
    write_own(sundhed, project_id)
    app = make_app(nord)
    async with app.run_test(size=(120, 40)) as pilot:
        await _started(app, pilot)
        assert ("Fra den fælles mappe: 2 ændringer fra Sundhed", "information") in _messages(app)
        assert isinstance(app.screen, ProjectListScreen)  # nothing asked
        assert nord.execute("SELECT COUNT(*) FROM actions").fetchone()[0] == 3
        assert len(_own_files(nord, shared)) == 1  # and ours went too
        app.open_project(project_id)
        await pilot.pause()
        line = str(app.screen.query_one("#folder-line", Label).render())
        assert line.startswith("Fælles mappe: Sundhed har set alt · skrevet ")


async def test_a_file_bringing_a_conflict_waits_and_g_opens_the_preview(units) -> None:  # type: ignore[no-untyped-def]
    nord, sundhed, project_id, shared = units
    for store in (nord, sundhed):
        set_shared_folder(store, project_id, shared)
    action_id = nord.execute("SELECT id FROM actions").fetchone()[0]
    for store, text in ((nord, "Ring i morgen"), (sundhed, "Ring på fredag")):
        with store.transaction():
            changelog.update(store, Action, action_id, change=text)
    written = write_own(sundhed, project_id).path
    assert written is not None
    app = make_app(nord)
    async with app.run_test(size=(120, 40)) as pilot:
        await _started(app, pilot)
        assert any("1 fil venter på gennemsyn for »Sygefravær«" in text
                   for text, _ in _messages(app))
        assert nord.execute("SELECT change FROM actions").fetchone()[0] == "Ring i morgen"
        await _open_folder_dialog(app, pilot, project_id)
        assert written.name in screen_text(app)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, BatchImportScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#batch-files", DataTable)
        assert table.row_count == 1
        assert written.name[:20] in screen_text(app)
        await pilot.press("enter")  # import it, conflict listed
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SharedFolderDialog)
        assert app.screen.view is not None and app.screen.view.waiting == []
        assert written.name not in screen_text(app)


async def test_a_cpr_number_stops_the_write_and_says_so(units) -> None:  # type: ignore[no-untyped-def]
    nord, _sundhed, project_id, shared = units
    set_shared_folder(nord, project_id, shared)
    _add_action(nord, project_id, CPR_NOTE)
    app = make_app(nord)
    async with app.run_test(size=(120, 40)) as pilot:
        await _started(app, pilot)
        assert any("Intet er skrevet til den fælles mappe for »Sygefravær«: 1 muligt "
                   "personnummer" in text and severity == "error"
                   for text, severity in _messages(app))
        assert _own_files(nord, shared) == []
        await _open_folder_dialog(app, pilot, project_id)
        await pilot.press("s")
        await _started(app, pilot)  # listed in a thread, then synced
        assert "Intet er skrevet til den fælles mappe: 1 muligt personnummer" in screen_text(
            app)
        assert _own_files(nord, shared) == []
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CprGuardDialog)
        assert len(app.screen.hits) == 1
        await pilot.press("escape")  # not let go: still nothing written
        await pilot.pause()
        assert isinstance(app.screen, SharedFolderDialog)
        assert _own_files(nord, shared) == []


async def test_the_palette_offers_the_shared_folder_and_sync_all(units) -> None:  # type: ignore[no-untyped-def]
    from tui.commands import palette_commands

    nord, _sundhed, project_id, _shared = units
    app = make_app(nord)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        titles = {c.title for c in palette_commands(app, app.screen)}
        assert {"Hent projekter fra en fælles mappe", "Synkroniser fælles mapper nu"} <= titles
        app.open_project(project_id)
        await pilot.pause()
        titles = {c.title for c in palette_commands(app, app.screen)}
        assert {"Fælles mappe", "Synkroniser fælles mapper nu"} <= titles
        await pilot.press("f5")  # no folder chosen anywhere: says where to choose one
        await pilot.pause()
        assert any("Åbn et projekt og tryk F" in text for text, _ in _messages(app))


async def test_leaving_the_project_writes_when_pending_and_not_otherwise(units) -> None:  # type: ignore[no-untyped-def]
    nord, _sundhed, project_id, shared = units
    set_shared_folder(nord, project_id, shared)
    write_own(nord, project_id)
    assert not pending(nord, project_id)
    app = make_app(nord)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        before = _own_files(nord, shared)
        app.open_project(project_id)
        await pilot.pause()
        await pilot.press("escape")
        await _started(app, pilot)
        assert isinstance(app.screen, ProjectListScreen)
        assert _own_files(nord, shared) == before  # nothing new: no file
        app.open_project(project_id)
        await pilot.pause()
        _add_action(nord, project_id, "Skrevet på projektet")  # a change made while here
        assert pending(nord, project_id)
        await pilot.press("escape")
        await _started(app, pilot)
        assert isinstance(app.screen, ProjectListScreen)
        after = _own_files(nord, shared)
        assert len(after) == len(before) + 1  # the next file, beside the first
        assert not pending(nord, project_id)


async def test_back_on_the_project_screen_writes_at_most_every_few_minutes(units) -> None:  # type: ignore[no-untyped-def]
    from textual import events

    nord, _sundhed, project_id, shared = units
    set_shared_folder(nord, project_id, shared)
    write_own(nord, project_id, now=dt.datetime(2026, 11, 24, 9, tzinfo=dt.UTC))  # a while ago
    app = make_app(nord)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        before = _own_files(nord, shared)
        app.open_project(project_id)
        await pilot.pause()
        _add_action(nord, project_id, "Fra handlingsplanen")
        app.screen.post_message(events.ScreenResume())  # back from one of its screens
        await _started(app, pilot)
        assert len(_own_files(nord, shared)) == len(before) + 1
        _add_action(nord, project_id, "Lidt efter")
        app.screen.post_message(events.ScreenResume())
        await _started(app, pilot)
        assert len(_own_files(nord, shared)) == len(before) + 1  # not again within minutes
        assert pending(nord, project_id)
        await pilot.press("escape")  # leaving the project writes whatever the gap
        await pilot.pause()
        assert len(_own_files(nord, shared)) == len(before) + 2


async def test_quitting_writes_what_the_folder_lacks(units) -> None:  # type: ignore[no-untyped-def]
    nord, _sundhed, project_id, shared = units
    set_shared_folder(nord, project_id, shared)
    app = make_app(nord)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        before = set(_own_files(nord, shared))
        _add_action(nord, project_id, "Skrevet lige før lukning")
        assert pending(nord, project_id)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert set(_own_files(nord, shared)) != before
    assert not pending(nord, project_id)


async def test_an_unreachable_folder_is_a_warning_not_a_traceback(units, tmp_path) -> None:  # type: ignore[no-untyped-def]
    nord, _sundhed, project_id, _shared = units
    set_shared_folder(nord, project_id, tmp_path / "netværksdrev-der-er-væk")
    app = make_app(nord)
    async with app.run_test(size=(80, 24)) as pilot:
        await _started(app, pilot)
        warnings = [text for text, severity in _messages(app) if severity == "warning"]
        assert any(text.startswith("Den fælles mappe ") and "kan ikke nås" in text
                   for text in warnings)
        await _open_folder_dialog(app, pilot, project_id)
        assert "kan ikke nås" in screen_text(app)
        await pilot.press("s")
        await _started(app, pilot)  # listed in a thread, then synced
        assert isinstance(app.screen, SharedFolderDialog)
        await pilot.press("escape")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProjectListScreen)


async def test_f_typed_in_a_field_is_text(units) -> None:  # type: ignore[no-untyped-def]
    nord, _sundhed, _project_id, _shared = units
    app = make_app(nord)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", "F")
        await pilot.pause()
        assert app.screen.query_one("#filter", Input).value == "F"
        assert isinstance(app.screen, ProjectListScreen)


async def test_fetch_projects_from_a_shared_folder(tmp_path: Path) -> None:
    skole, sundhed = _unit(tmp_path, "Skole"), _unit(tmp_path, "Sundhed")
    shared = tmp_path / "Fælles"
    shared.mkdir()
    project = projects.create_project(sundhed, "Trivsel", unit="Sundhed")
    _add_action(sundhed, project.id, "Spørg eleverne")
    set_shared_folder(sundhed, project.id, shared)
    write_own(sundhed, project.id)
    app = make_app(skole)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("F")
        await pilot.pause()
        assert isinstance(app.screen, FolderPickDialog)
        app.screen.dismiss(shared)
        await pilot.pause()
        assert "Projekt: Trivsel" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProjectListScreen)
        assert any(text.startswith("Fra den fælles mappe: ") and "fra Sundhed" in text
                   for text, _ in _messages(app))
        assert "Trivsel" in screen_text(app)
        assert len(_own_files(skole, shared)) == 1  # our acknowledgement
    skole.close()
    sundhed.close()


async def test_a_slow_folder_does_not_hold_the_screen(units, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A network share that takes its time to list: the dialog shows at once and `s` returns at
    once; what the folder holds arrives when it is listed."""
    import threading

    import core.sync.folder as folder_module

    nord, sundhed, project_id, shared = units
    for store in (nord, sundhed):
        set_shared_folder(store, project_id, shared)
    write_own(sundhed, project_id)
    listing = threading.Event()
    real_scan = folder_module.scan_folder

    def slow_scan(folder: Path):  # type: ignore[no-untyped-def]
        listing.wait(10)
        return real_scan(folder)

    monkeypatch.setattr(folder_module, "scan_folder", slow_scan)
    app = make_app(nord)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_project(project_id)
        await pilot.pause()
        await pilot.press("F")
        await pilot.pause()
        assert isinstance(app.screen, SharedFolderDialog)  # shown while the folder is listed
        assert "Sundhed" not in screen_text(app)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SharedFolderDialog)
        listing.set()
        await _started(app, pilot)
        assert "Sundhed" in screen_text(app)


async def test_the_units_columns_follow_a_resized_window(units) -> None:  # type: ignore[no-untyped-def]
    nord, sundhed, project_id, shared = units
    for store in (nord, sundhed):
        set_shared_folder(store, project_id, shared)
    write_own(sundhed, project_id)
    _add_action(nord, project_id, "En")
    _add_action(nord, project_id, "To")
    app = make_app(nord)
    async with app.run_test(size=(80, 24)) as pilot:
        await _started(app, pilot)
        await _open_folder_dialog(app, pilot, project_id)
        assert "mangler" not in screen_text(app)  # cut at 80 columns: "… ma…"
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        await pilot.pause()
        assert "2 ændringer mangler" in screen_text(app)


def test_a_unit_that_never_named_itself_is_said_as_such() -> None:
    from core.i18n import Translator
    from core.sync.folder import UnitStatus
    from tui.sync.folder_texts import status_line, unit_status_text

    tx = Translator("da")
    status = UnitStatus("r1", "", dt.datetime(2026, 12, 3, 12, 5, tzinfo=dt.UTC), 1, 0, None)
    unknown = tx("sync_ui.unknown_unit")
    assert unknown in status_line([status], None, 0, tx)
    assert unit_status_text(status, tx).startswith(f"{unknown}: skrev 03-12-2026")
