"""The CPR guard at the sync export: a CPR number in a meeting note stops the file; it goes on
only after an edit (the note fixed in the database) or a logged reason; "block" offers no
send-anyway; hostile text renders literally."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import Input, Label, OptionList, TextArea

from core.db import changelog
from core.db.store import Store
from core.models import Meeting
from core.project import projects
from core.sync import cpr_guard
from tests.tui.conftest import make_app
from tui.app import TavleApp
from tui.dialogs.cpr_guard import CprEditDialog, CprGuardDialog
from tui.project.project_screen import ProjectScreen
from tui.sync.export_project import ExportDialog

NOTE = "Borger 010190-1234 ringede [@click=app.quit]x[/] om sin sag"


@pytest.fixture
def export_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "Dokumenter"
    folder.mkdir()
    monkeypatch.setenv("TAVLE_EXPORT_DIR", str(folder))
    return folder


@pytest.fixture
def meeting(empty_store: Store) -> Meeting:
    project = projects.create_project(empty_store, "Sygedagpenge [/x]")
    with empty_store.transaction():
        return changelog.create(empty_store, changelog.build(
            Meeting, project_id=project.id, held_on=dt.date(2026, 11, 24), notes=NOTE))


def _hit_texts(app: TavleApp) -> list[str]:
    hits = app.screen.query_one("#cpr-hits", OptionList)
    return [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]


def _error(app: TavleApp) -> str:
    return str(app.screen.query_one("#form-error", Label).content)


async def _export_from_project(app: TavleApp, pilot: object) -> None:
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, ProjectScreen)
    await pilot.press("ctrl+e")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_the_export_stops_at_the_guard_and_goes_on_after_an_edit(
    empty_store: Store, meeting: Meeting, export_folder: Path
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _export_from_project(app, pilot)
        assert isinstance(app.screen, CprGuardDialog)
        [shown] = _hit_texts(app)
        assert "Kaizen-møder · 24-11-2026 · Noter" in shown
        assert "Borger 010190-**** ringede [@click=app.quit]x[/]…" in shown
        assert "1234" not in shown
        assert "Sygedagpenge [/x]" in str(app.screen.query_one(".dialog-title", Label).content)

        # Enter edits the note: the number is masked and selected, typing replaces it.
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CprEditDialog)
        editor = app.screen.query_one("#cpr-text", TextArea)
        assert "1234" not in editor.text
        assert editor.selected_text == "010190-****"
        await pilot.press(*"borgeren")
        await pilot.press("ctrl+s")
        await pilot.pause()

        # Nothing left: the guard lets the export go on.
        assert isinstance(app.screen, ExportDialog)
        fixed = changelog.load(empty_store, Meeting, meeting.id).notes
        assert fixed == "Borger borgeren ringede [@click=app.quit]x[/] om sin sag"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        assert len(list(export_folder.glob("*.tavle"))) == 1
        assert cpr_guard.guard_entries(empty_store) == []

        # The fix is an edit of the project like any other: ctrl+z on the screen undoes it.
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert changelog.load(empty_store, Meeting, meeting.id).notes == NOTE


async def test_saving_the_masked_text_as_it_is_removes_the_number(
    empty_store: Store, meeting: Meeting, export_folder: Path
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await _export_from_project(app, pilot)
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        assert changelog.load(empty_store, Meeting, meeting.id).notes == NOTE.replace(
            "1234", "****")


async def test_send_anyway_needs_a_reason_that_is_logged(
    empty_store: Store, meeting: Meeting, export_folder: Path
) -> None:
    empty_store.author = "KF"
    app = make_app(empty_store, initials="KF")
    async with app.run_test(size=(80, 24)) as pilot:
        await _export_from_project(app, pilot)
        assert isinstance(app.screen, CprGuardDialog)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CprGuardDialog)
        assert "begrundelse" in _error(app)
        assert cpr_guard.guard_entries(empty_store) == []
        assert app.screen.query_one("#cpr-reason", Input).has_focus
        await pilot.press(*"Testdata, ikke en borger")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        [entry] = cpr_guard.guard_entries(empty_store)
        assert (entry.what, entry.target, entry.hits, entry.reason, entry.author) == (
            "export", "Sygedagpenge [/x]", 1, "Testdata, ikke en borger", "KF")
        assert changelog.load(empty_store, Meeting, meeting.id).notes == NOTE
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(list(export_folder.glob("*.tavle"))) == 1


async def test_escape_stops_the_file(
    empty_store: Store, meeting: Meeting, export_folder: Path
) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _export_from_project(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        assert "Filen blev ikke sendt." in [n.message for n in app._notifications]
        assert list(export_folder.glob("*.tavle")) == []


async def test_block_offers_no_send_anyway(
    empty_store: Store, meeting: Meeting, export_folder: Path
) -> None:
    app = make_app(empty_store, cpr_guard="block")
    async with app.run_test(size=(80, 24)) as pilot:
        await _export_from_project(app, pilot)
        assert isinstance(app.screen, CprGuardDialog)
        assert not app.screen.query("#cpr-reason")
        assert "stoppe" in str(app.screen.query_one("#cpr-found", Label).content)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CprGuardDialog)
        assert cpr_guard.guard_entries(empty_store) == []
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"en borger")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        assert changelog.load(empty_store, Meeting, meeting.id).notes.startswith(
            "Borger en borger ringede")


async def test_a_number_edited_away_earlier_is_taken_out_of_the_history_at_the_guard(
    empty_store: Store, meeting: Meeting, export_folder: Path
) -> None:
    """The note was corrected outside the guard: its old value still travels in the file. The
    guard lists it as an earlier value; Enter asks, then takes it out, and the export goes on."""
    with empty_store.transaction():
        changelog.update(empty_store, Meeting, meeting.id, notes="Borgeren ringede om sin sag")
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _export_from_project(app, pilot)
        assert isinstance(app.screen, CprGuardDialog)
        [shown] = _hit_texts(app)
        assert "Noter · tidligere værdi eller slettet post" in shown
        assert "1234" not in shown
        await pilot.press("enter")
        await pilot.pause()
        question = str(app.screen.query_one(".dialog-question", Label).content)
        assert "Fjern nummeret fra historikken" in question and "1234" not in question
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)  # nothing left: the export goes on
    assert cpr_guard.scan_export(empty_store, meeting.project_id, full=True) == []
    dump = "\n".join(empty_store.conn.iterdump())
    assert "010190-1234" not in dump
    assert changelog.load(empty_store, Meeting, meeting.id).notes == "Borgeren ringede om sin sag"


async def test_after_taking_a_number_out_the_backups_from_before_are_offered_for_deletion(
    empty_store: Store, meeting: Meeting, export_folder: Path
) -> None:
    from core.db.store import backup_path

    assert empty_store.path is not None
    old_copy = empty_store.copy_to(backup_path(empty_store.path))
    with empty_store.transaction():
        changelog.update(empty_store, Meeting, meeting.id, notes="Borgeren ringede om sin sag")
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _export_from_project(app, pilot)
        await pilot.press("enter", "y")  # take the old value out
        await pilot.pause()
        question = str(app.screen.query_one(".dialog-question", Label).content)
        assert "1 sikkerhedskopi af databasen fra før" in question and old_copy.name in question
        await pilot.press("y")
        await pilot.pause()
        assert not old_copy.exists()
        assert isinstance(app.screen, ExportDialog)


async def test_a_received_number_is_put_right_here_and_the_file_back_takes_it_out_at_the_sender(
    tmp_path: Path, export_folder: Path
) -> None:
    """Nord sends a note with a number (sent anyway); Sundhed imports it, is offered to put it
    right, edits it away; Sundhed's file back takes the old value out at Nord too."""
    from core.sync.exporter import export_scope
    from core.sync.importer import apply_import
    from tui.dialogs.confirm import ConfirmDialog
    from tui.sync.import_preview import ImportPreviewScreen

    nord = Store.open(tmp_path / "nord.db", fingerprint="Nord")
    sundhed = Store.open(tmp_path / "sundhed.db", fingerprint="Sundhed")
    project = projects.create_project(nord, "Sygedagpenge", unit="Nord")
    with nord.transaction():
        changelog.create(nord, changelog.build(
            Meeting, project_id=project.id, held_on=dt.date(2026, 11, 24), notes=NOTE))
    sent = export_scope(nord, project.id, folder=tmp_path).path
    app = make_app(sundhed)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(ImportPreviewScreen(sent))
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")  # import
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        question = str(app.screen.query_one(".dialog-question", Label).content)
        assert "1 tal, der ligner et CPR-nummer" in question and "1234" not in question
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, CprGuardDialog)
        assert not app.screen.query("#cpr-reason")  # putting right, not sending anyway
        await pilot.press("enter")  # edit the note: the number is masked and selected
        await pilot.pause()
        assert isinstance(app.screen, CprEditDialog)
        await pilot.press(*"borgeren", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, CprGuardDialog | CprEditDialog)
    assert cpr_guard.scan_export(sundhed, project.id, full=True) == []
    apply_import(nord, export_scope(sundhed, project.id, folder=tmp_path).path)
    assert "010190-1234" not in "\n".join(nord.conn.iterdump())
    assert cpr_guard.scan_export(nord, project.id, full=True) == []
    nord.close()
    sundhed.close()
