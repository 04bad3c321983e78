"""A project's team passphrase by keyboard: set it on the project screen, then open a sealed
file in another unit by typing it when the preview asks."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Label

from core.db.store import Store
from core.i18n import Translator
from core.project import projects
from core.secrets import secrets_path
from core.sync import passphrase as team
from core.sync.exporter import export_scope
from core.sync.passphrase import passphrase_for
from tests.tui.conftest import make_app
from tui.dialogs.form import FormDialog
from tui.project.project_screen import ProjectScreen
from tui.sync.import_preview import ImportPreviewScreen

SECRET = "Grøn kaffe på tirsdag"


@pytest.fixture(autouse=True)
def _cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(team, "SCRYPT_N", team.MIN_N)


async def _type(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    for char in text:
        await pilot.press("space" if char == " " else char)


async def test_set_the_passphrase_then_open_a_sealed_file_by_typing_it(tmp_path: Path) -> None:
    nord = Store.open(tmp_path / "nord.db", fingerprint="nord")
    project = projects.create_project(nord, "Færre fald [/x]", unit="Afsnit A")
    app = make_app(nord)
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(ProjectScreen(project.id))
        await pilot.pause()
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert all(box.password for box in app.screen.query(Input))
        # The dialog says where the passphrase is kept (the tests' per-user file).
        note = str(app.screen.query_one(".dialog-question", Label).content)
        assert str(secrets_path()) in note
        assert Translator("da")("sync_ui.passphrase.kept_file", path=str(secrets_path())) in note
        await _type(pilot, "kort")
        await pilot.press("tab")
        await _type(pilot, "kort")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)  # too short: the dialog stays, nothing saved
        assert passphrase_for(nord, project.id) is None
        for box in app.screen.query(Input):
            box.value = ""
        app.screen.query(Input).first().focus()
        await _type(pilot, SECRET)
        await pilot.press("tab")
        await _type(pilot, SECRET)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert passphrase_for(nord, project.id) == SECRET
        assert any(str(secrets_path()) in n.message for n in app._notifications)
    sealed = export_scope(nord, project.id, folder=tmp_path).path

    other = Store.open(tmp_path / "sundhed.db", fingerprint="sundhed")
    app = make_app(other)
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(ImportPreviewScreen(sealed))
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)  # the preview asks for the passphrase
        await _type(pilot, "forkert kode")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)  # asked again, now saying it was wrong
        app.screen.query_one(Input).value = ""
        await _type(pilot, SECRET)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ImportPreviewScreen)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert other.query("SELECT name FROM projects") == [{"name": "Færre fald [/x]"}]
    assert passphrase_for(other, project.id) is None  # typed to open, never stored
